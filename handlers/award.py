"""Listeners for Guldlänken: `/guldlanken`, the nomination modal, and its buttons.

Each listener acks, calls one bot/award service, builds the answer with a bot/award/views
builder and sends it. The organisers' round commands come through `/chefsnatverket guldlanken …`
(handlers/admin.py), which calls bot.award.service.admin_command / export_command.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.award import nominations
from bot.award.nominations import Command, Refusal
from bot.award.views import (
    build_after_withdraw,
    build_info_modal,
    build_mine,
    build_nomination_form,
    build_text_message,
)
from bot.award.winner_views import build_winners_list
from bot.award.winners import winners_list
from bot.runtime import Runtime
from bot.texts import t
from handlers.replies import dm, tell_failure


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
    """`/guldlanken`: the nomination modal; `mina`: one's own nominations; `vinnare`: the winners
    over the years; anything else: help."""
    kind = nominations.command_kind(command.get("text") or "")
    if kind == Command.HELP:
        ack(text=t("award.help", runtime.lang))
        return
    ack()
    user_id = command["user_id"]
    try:
        if kind == Command.NOMINATE:
            form, refusal = nominations.nomination_view(runtime, user_id)
            if form is not None:
                client.views_open(
                    trigger_id=command["trigger_id"], view=build_nomination_form(form, runtime.lang)
                )
            else:
                respond(text=refusal or "", response_type="ephemeral")
            return
        if kind == Command.WINNERS:
            for message in build_winners_list(winners_list(runtime), runtime.lang):
                respond(response_type="ephemeral", **message)
            return
        mine = nominations.my_nominations(runtime, user_id)
        if isinstance(mine, Refusal):
            respond(text=mine.text, response_type="ephemeral")
            return
        for message in build_mine(mine, runtime.lang):
            respond(response_type="ephemeral", **message)
    except Exception:
        logger.exception("/guldlanken failed")
        respond(text=t("error.generic", runtime.lang), response_type="ephemeral")


def _open_form(
    client: WebClient, body: dict[str, Any], runtime: Runtime, nomination_id: int | None = None
) -> None:
    """The nomination modal (new, or to edit), or a modal saying why that is not possible now."""
    form, refusal = nominations.nomination_view(runtime, body["user"]["id"], nomination_id)
    if form is not None:
        view = build_nomination_form(form, runtime.lang)
    else:
        view = build_info_modal(refusal or "", runtime.lang)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def handle_nominate_button(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """*Nominera* (announcement, reminders, home): the modal, or why nominating is not possible now."""
    ack()
    try:
        _open_form(client, body, runtime)
    except Exception as error:
        tell_failure(body, respond, client, error, runtime.lang, logger)


def handle_edit_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """*Ändra*: the modal prefilled with the clicker's own nomination (refused for anyone else's)."""
    ack()
    try:
        _open_form(client, body, runtime, _nomination_id(action.get("value")))
    except Exception as error:
        tell_failure(body, respond, client, error, runtime.lang, logger)


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
        mine = nominations.withdraw_nomination(
            runtime, body["user"]["id"], _nomination_id(action.get("value"))
        )
        if isinstance(mine, Refusal):
            client.views_open(trigger_id=body["trigger_id"], view=build_info_modal(mine.text, runtime.lang))
            return
        message = build_after_withdraw(mine, runtime.lang)
        if body.get("response_url"):
            respond(replace_original=True, response_type="ephemeral", **message)
        else:
            client.views_open(
                trigger_id=body["trigger_id"], view=build_info_modal(message["text"], runtime.lang)
            )
    except Exception as error:
        tell_failure(body, respond, client, error, runtime.lang, logger)


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
        outcome = nominations.submit_nomination(runtime, user_id, view)
    except Exception:
        logger.exception("saving a nomination failed")
        ack(response_action="errors", errors={ids.AWARD_BLOCK_MOTIVATION: t("error.generic", runtime.lang)})
        return
    if outcome.errors:
        ack(response_action="errors", errors=outcome.errors)
        return
    ack()
    try:
        dm(client, user_id, build_text_message(nominations.thank_you_text(runtime, outcome)), logger)
    except Exception:
        logger.exception("thanking the nominator failed (the nomination is saved)")


def register(app: App) -> None:
    """Register the Guldlänken listeners."""
    app.command("/guldlanken")(handle_guldlanken_command)
    app.action(ids.AWARD_NOMINATE_OPEN)(handle_nominate_button)
    app.action(ids.AWARD_EDIT)(handle_edit_button)
    app.action(ids.AWARD_WITHDRAW)(handle_withdraw_button)
    app.view(ids.AWARD_MODAL)(handle_nomination_submit)
