"""How web nominations and the form's link appear in Slack (jury summary, export, samordnare's answers)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.config import Settings
from bot.texts import t
from storage.models import AwardRound, Nomination, NominationSource

FORM_PATH = "/guldlanken/{token}"


def nominator_label(nomination: Nomination, names: Mapping[str, str], lang: str) -> str:
    """The nominator as the jury reads it: the Slack name, or "namn (e-post), via webbformulär".

    The e-mail address is for the jury only: this label goes to the jury summary and the export.
    """
    if nomination.source == NominationSource.WEB.value or nomination.nominator_user_id is None:
        return t(
            "award.web.jury_nominator",
            lang,
            name=nomination.nominator_name or "",
            email=nomination.nominator_email or "",
        )
    return names[nomination.nominator_user_id]


def form_link_line(settings: Settings, award_round: AwardRound, lang: str) -> str:
    """`• Webbformulär för dem utanför Slack: https://…/guldlanken/<token>` for the samordnare."""
    path = FORM_PATH.format(token=award_round.web_token)
    if settings.public_url:
        return t("award.web.link", lang, url=settings.public_url + path)
    return t("award.web.link_path", lang, path=path)
