"""Pure builders of the privacy feature: Om dina uppgifter, the extract's files, the erasure
modal, the audit log, the retention report and the answers to the organisers' commands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.admin.views import Block, button, fit_message, header
from bot.formatting import escape, format_day, format_when, sections, truncate_title
from bot.texts import CATALOGS, t

Message = dict[str, Any]
ERASE_NOMINEE_BLOCK = "privacy_erase_nominee"
ERASE_NOMINEE_VALUE = "nominations_of"


@dataclass(frozen=True)
class LogLine:
    """One audit entry as `logg` shows it."""

    at: dt.datetime
    actor: str
    action: str
    target: str | None
    rows: int


def _label(prefix: str, section: str, lang: str, **params: object) -> str:
    key = f"{prefix}.{section}"
    return t(key, lang, **params) if key in CATALOGS["sv"] else section


def counts_text(counts: Mapping[str, int], lang: str) -> str:
    """ "3 incheckningar, 1 svar på …, medlemskapet": the non-zero counts in words."""
    parts = [_label("privacy.count", k, lang, count=v) for k, v in counts.items() if v]
    return ", ".join(parts) or t("privacy.count.none", lang)


# ---------------------------------------------------------------- Om dina uppgifter


def about_blocks(months: int, lang: str) -> list[Block]:
    """Om dina uppgifter: what is stored, who reads it, how long, and the "Mina uppgifter" button
    (a section's accessory, so Home's action rows stay the check-in's and Guldlänken's)."""
    copy: Block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": t("privacy.about.copy", lang)},
        "accessory": button(t("privacy.about.button", lang), ids.PRIVACY_OWN_EXTRACT, "home"),
    }
    return [
        header(t("privacy.about.title", lang)),
        *sections(t("privacy.about.body", lang, months=months)),
        copy,
    ]


# ---------------------------------------------------------------- the extract's files


def extract_json(
    target: str, at: dt.datetime, months: int, data: Mapping[str, Sequence[Mapping[str, Any]]]
) -> bytes:
    """The extract as JSON: the person, when, the retention time, and every section's rows."""
    document = {
        "person": target,
        "taken_at": at.isoformat(),
        "retention_months": months,
        "sections": {section: list(rows) for section, rows in data.items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _value(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\n", "\n    ")  # a multi-line answer stays inside its list item


def extract_markdown(
    target: str,
    at: dt.datetime,
    months: int,
    data: Mapping[str, Sequence[Mapping[str, Any]]],
    tz: ZoneInfo,
    lang: str,
) -> bytes:
    """The extract as readable Markdown: one heading per section, one list per row."""
    lines = [
        f"# {t('privacy.extract.title', lang, person=target)}",
        "",
        t("privacy.extract.intro", lang, person=target, when=format_when(at, tz, lang), months=months),
    ]
    for section, rows in data.items():
        lines += ["", f"## {_label('privacy.section', section, lang)} ({len(rows)})", ""]
        if not rows:
            lines.append(t("privacy.extract.empty", lang))
        for number, row in enumerate(rows, start=1):
            lines.append(f"{number}.")
            lines += [f"  - {key}: {_value(value)}" for key, value in row.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- erasure


def build_erase_modal(target: str, counts: Mapping[str, int], lang: str) -> dict[str, Any]:
    """The confirmation of `glöm`: what will be erased, a box for the nominations of the person,
    and that a summary already sent stays in Slack."""
    person = f"<@{target}>"
    nominee = counts.get("nominations.nominee_user_id", 0)
    listed = {k: v for k, v in counts.items() if k != "nominations.nominee_user_id" and v}
    lines = [f"• {_label('privacy.count', k, lang, count=v)}" for k, v in listed.items()]
    blocks: list[Block] = [*sections(t("privacy.erase.intro", lang, person=person) + "\n" + "\n".join(lines))]
    if listed.get("members.slack_user_id"):
        blocks += sections(t("privacy.erase.member", lang))
    if nominee:
        option = {
            "text": {
                "type": "mrkdwn",
                "text": t("privacy.erase.nominee_option", lang, count=nominee, person=person),
            },
            "description": {"type": "mrkdwn", "text": t("privacy.erase.nominee_hint", lang)},
            "value": ERASE_NOMINEE_VALUE,
        }
        blocks.append(
            {
                "type": "input",
                "block_id": ERASE_NOMINEE_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": t("privacy.erase.nominee_label", lang)},
                "element": {"type": "checkboxes", "action_id": ids.PRIVACY_INPUT, "options": [option]},
            }
        )
    blocks.append(
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t("privacy.erase.slack", lang)}]}
    )
    return {
        "type": "modal",
        "callback_id": ids.PRIVACY_ERASE_MODAL,
        "private_metadata": target,
        "title": {"type": "plain_text", "text": truncate_title(t("privacy.erase.title", lang))},
        "submit": {"type": "plain_text", "text": t("privacy.erase.submit", lang)},
        "close": {"type": "plain_text", "text": t("privacy.erase.close", lang)},
        "blocks": blocks,
    }


def read_erase_form(view: Mapping[str, Any]) -> tuple[str, bool]:
    """(the person, whether the nominations of them are to go too) from the submitted modal."""
    values = view.get("state", {}).get("values", {})
    chosen = (values.get(ERASE_NOMINEE_BLOCK, {}).get(ids.PRIVACY_INPUT, {}) or {}).get(
        "selected_options"
    ) or []
    return str(view.get("private_metadata") or ""), any(o.get("value") == ERASE_NOMINEE_VALUE for o in chosen)


def build_erase_done(text: str, lang: str) -> dict[str, Any]:
    """What the modal turns into once the erasure is done (or refused)."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": truncate_title(t("privacy.erase.title", lang))},
        "close": {"type": "plain_text", "text": t("privacy.erase.close", lang)},
        "blocks": [
            *sections(text),
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t("privacy.erase.slack", lang)}]},
        ],
    }


# ---------------------------------------------------------------- the audit log


def log_line(line: LogLine, tz: ZoneInfo, lang: str) -> str:
    """ "torsdag 12 mars 2027 kl. 13.00 – <@U1>: radering om <@U2>, 7 rader"."""
    actor = t("privacy.log.scheduler", lang) if line.actor == "scheduler" else f"<@{escape(line.actor)}>"
    target = t("privacy.log.target", lang, person=f"<@{escape(line.target)}>") if line.target else ""
    return t(
        "privacy.log.line",
        lang,
        when=format_when(line.at, tz, lang),
        actor=actor,
        action=_label("privacy.log.action", line.action, lang),
        target=target,
        rows=line.rows,
    )


def build_log(entries: Sequence[LogLine], tz: ZoneInfo, lang: str) -> Message:
    """`logg`: the entries, newest first, ten to a section."""
    if not entries:
        text = t("privacy.log.empty", lang)
        return {"text": text, "blocks": sections(text)}
    title = t("privacy.log.title", lang, count=len(entries))
    blocks: list[Block] = [header(title)]
    for start in range(0, len(entries), 10):
        blocks += sections("\n".join(log_line(e, tz, lang) for e in entries[start : start + 10]))
    return {"text": title, "blocks": fit_message(blocks, lang)}


# ---------------------------------------------------------------- retention


def build_retention_report(
    counts: Mapping[str, int], cutoff: dt.datetime, months: int, tz: ZoneInfo, lang: str
) -> list[Message]:
    """The samordnare's report of one retention run: counts, never contents."""
    what = ", ".join(t(f"privacy.retention.{k}", lang, count=v) for k, v in counts.items() if v)
    cutoff_day = format_day(cutoff.astimezone(tz).date(), lang)
    body = t("privacy.retention.body", lang, months=months, cutoff=cutoff_day, what=what)
    title = t("privacy.retention.header", lang)
    return [{"text": f"{title}: {what}", "blocks": [header(title), *sections(body)]}]
