"""Listeners of the privacy feature: the erasure modal's submit and App Home's "Mina uppgifter"."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.meeting.service import Refused
from bot.privacy import service as privacy
from bot.privacy.replies import reply_text
from bot.privacy.views import build_erase_done, read_erase_form
from bot.runtime import Runtime
from bot.texts import t
from handlers.replies import tell


def handle_erase_submit(ack: Ack, body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """The erasure was confirmed: erase (the right is checked again), then show what was done."""
    target, nominations_of = read_erase_form(body["view"])
    lang = runtime.lang
    try:
        text = reply_text(privacy.erase(runtime, body["user"]["id"], target, nominations_of), lang)
    except Refused as refusal:
        text = refusal.message(lang)
    except Exception:
        logger.exception("erasing a person's data failed")
        text = t("error.generic", lang)
    ack(response_action="update", view=build_erase_done(text, lang))


def handle_own_extract(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, runtime: Runtime, logger: Logger
) -> None:
    """ "Mina uppgifter" on App Home: the person's own extract, as files in their DM."""
    ack()
    try:
        privacy.send_own_extract(runtime, body["user"]["id"])
    except Exception:
        logger.exception("sending a member's own extract failed")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)


def register(app: App) -> None:
    """Register the privacy listeners."""
    app.view(ids.PRIVACY_ERASE_MODAL)(handle_erase_submit)
    app.action(ids.PRIVACY_OWN_EXTRACT)(handle_own_extract)
