"""The pages a browser sees at the end of the OAuth install: pure HTML builders, escaped."""

from __future__ import annotations

from html import escape

from bot.texts import t

FAILURE_REASONS = ("invalid_state", "invalid_browser", "access_denied", "invalid_code")


def _page(lang: str, heading: str, body: str, link: str, label: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(t('workspaces.page.title', lang))}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
        "line-height:1.5}a{color:#1d4f91}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(heading)}</h1>\n<p>{escape(body)}</p>\n"
        f'<p><a href="{escape(link)}">{escape(label)}</a></p>\n</main>\n</body>\n</html>\n'
    )


def build_success_page(lang: str, team_id: str | None, team_name: str | None, app_id: str | None) -> str:
    """Installed: where to go next, and a link that opens the app in Slack."""
    link = f"slack://app?team={team_id}&id={app_id}" if team_id and app_id else "slack://open"
    heading = t("workspaces.done.heading", lang, team=team_name or team_id or "")
    return _page(lang, heading, t("workspaces.done.body", lang), link, t("workspaces.done.open", lang))


def build_failure_page(lang: str, reason: str, install_path: str) -> str:
    """Not installed: why, in words, and a link to start again."""
    known = reason if reason in FAILURE_REASONS else "other"
    body = f"{t(f'workspaces.failed.reason.{known}', lang)} {t('workspaces.failed.body', lang)}"
    return _page(
        lang, t("workspaces.failed.heading", lang), body, install_path, t("workspaces.failed.again", lang)
    )
