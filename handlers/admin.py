"""Listeners for `/chefsnatverket`: parse, answer at once when possible, else ack and respond."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.admin import service as admin
from bot.admin.grammar import parse_command
from bot.admin.replies import build_reply
from bot.privacy.service import ErasurePreview
from bot.privacy.views import build_erase_modal
from bot.runtime import Runtime
from bot.texts import t

COMMAND = "/chefsnatverket"


def handle_command(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, runtime: Runtime, logger: Logger
) -> None:
    """`/chefsnatverket …`: fast commands answered in the HTTP answer, slow ones via response_url."""
    user_id = command.get("user_id", "")
    channel_id = command.get("channel_id", "")
    today = runtime.now().astimezone(runtime.tz).date()
    parsed = parse_command(command.get("text") or "", runtime.tz, today)
    outcome = admin.quick_reply(runtime, user_id, channel_id, parsed)  # never raises: failures are outcomes
    if isinstance(outcome, ErasurePreview):  # `glöm`: confirmed in a modal first
        ack()
        try:
            view = build_erase_modal(outcome.target, outcome.counts, runtime.lang)
            client.views_open(trigger_id=command["trigger_id"], view=view)
        except Exception:
            logger.exception("opening the erasure modal failed")
            respond(text=t("error.open_failed", runtime.lang), response_type="ephemeral")
        return
    if outcome is not None:
        ack(**build_reply(outcome, runtime.tz, runtime.lang))
        return
    # Slow: Slack look-ups, posting or uploading may take longer than Slack's 3 seconds.
    ack(text=t("admin.wait", runtime.lang), response_type="ephemeral")
    try:
        respond(**build_reply(admin.run_slow(runtime, user_id, channel_id, parsed), runtime.tz, runtime.lang))
    except Exception:
        logger.exception("answering /chefsnatverket through response_url failed")


def register(app: App) -> None:
    """Register the admin listeners."""
    app.command(COMMAND)(handle_command)
