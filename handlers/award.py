"""Listeners for Guldlänken: `/guldlanken`, the nomination modal, and its buttons.

The organisers' round commands come through `/chefsnatverket guldlanken …` (handlers/admin.py),
which calls bot.awards.admin_command / export_command.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.award import service as awards
from bot.runtime import Runtime
from bot.texts import t
from handlers.replies import dm


def _nomination_id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def handle_guldlanken_command(
    ack: Ack,
    command: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """`/guldlanken`: the nomination modal; `mina`: one's own nominations; anything else: help."""
    kind = awards.command_kind(command.get("text") or "")
    if kind == "help":
        ack(text=awards.help_text(runtime))
        return
    ack()
    user_id = command["user_id"]
    try:
        if kind == "nominate":
            view, refusal = awards.nomination_view(runtime, user_id)
            if view is not None:
                client.views_open(trigger_id=command["trigger_id"], view=view)
            else:
                respond(text=refusal or "", response_type="ephemeral")
            return
        for message in awards.my_nominations(runtime, user_id):
            respond(response_type="ephemeral", **message)
    except Exception:
        logger.exception("/guldlanken failed")
        respond(text=t("error.generic", runtime.lang), response_type="ephemeral")


def handle_nominate_button(
    ack: Ack, body: dict[str, Any], client: WebClient, logger: logging.Logger, runtime: Runtime
) -> None:
    """*Nominera* (announcement, reminders, home): the modal, or why nominating is not possible now."""
    ack()
    try:
        view, refusal = awards.nomination_view(runtime, body["user"]["id"])
        client.views_open(
            trigger_id=body["trigger_id"], view=view or awards.info_view(refusal or "", runtime)
        )
    except Exception:
        logger.exception("opening the nomination modal failed")


def handle_edit_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """*Ändra*: the modal prefilled with the clicker's own nomination (refused for anyone else's)."""
    ack()
    try:
        view, refusal = awards.nomination_view(
            runtime, body["user"]["id"], _nomination_id(action.get("value"))
        )
        client.views_open(
            trigger_id=body["trigger_id"], view=view or awards.info_view(refusal or "", runtime)
        )
    except Exception:
        logger.exception("opening a nomination for editing failed")


def handle_withdraw_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """*Dra tillbaka*: withdraw the clicker's own nomination and refresh the list."""
    ack()
    try:
        outcome = awards.withdraw_nomination(runtime, body["user"]["id"], _nomination_id(action.get("value")))
        if outcome.refusal is not None:
            client.views_open(trigger_id=body["trigger_id"], view=awards.info_view(outcome.refusal, runtime))
            return
        message = outcome.messages[0]
        if body.get("response_url"):
            respond(replace_original=True, response_type="ephemeral", **message)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=awards.info_view(message["text"], runtime))
    except Exception:
        logger.exception("withdrawing a nomination failed")


def handle_nomination_submit(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """Store a nomination, or keep the modal open with the refusals in Swedish."""
    user_id = body["user"]["id"]
    # A view submission is the one place where ack carries the answer (the errors), so it
    # comes after validation; the validation reads only the database and is quick.
    try:
        outcome = awards.submit_nomination(runtime, user_id, view)
    except Exception:
        logger.exception("saving a nomination failed")
        ack(response_action="errors", errors={ids.AWARD_BLOCK_MOTIVATION: t("error.generic", runtime.lang)})
        return
    if outcome.errors:
        ack(response_action="errors", errors=outcome.errors)
        return
    ack()
    try:
        dm(client, user_id, awards.thank_you_message(runtime, outcome), logger)
    except Exception:
        logger.exception("thanking the nominator failed (the nomination is saved)")


def register(app: App) -> None:
    """Register the Guldlänken listeners."""
    app.command("/guldlanken")(handle_guldlanken_command)
    app.action(ids.AWARD_NOMINATE_OPEN)(handle_nominate_button)
    app.action(ids.AWARD_EDIT)(handle_edit_button)
    app.action(ids.AWARD_WITHDRAW)(handle_withdraw_button)
    app.view(ids.AWARD_MODAL)(handle_nomination_submit)
