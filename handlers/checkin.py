"""Listeners for the check-in: `/incheckning`, the "Ändra" button, the modal, and DM replies.

Commands answer in the HTTP answer (`ack(...)`): a refusal, a confirmation, or nothing when the
modal opens. That answer needs one short database step before the ack (a read to open the modal,
a small write for `/incheckning <text>`); both take milliseconds, well inside Slack's 3 seconds,
and an answer in the ack cannot get lost the way a later response_url post can.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import ids
from bot.checkin.saving import reply_occupying, save_answers, save_occupying, settle_pending
from bot.checkin.service import (
    Choice,
    Opening,
    Refusal,
    Saved,
    clear_pending,
    from_slack_text,
    is_help_request,
    load_opening,
    parse_meeting_id,
    too_long,
)
from bot.checkin.views import (
    answers_from,
    build_checkin_modal,
    build_command_answer,
    build_dm_reply,
    build_not_saved,
    build_settled_message,
    build_submitted_message,
    build_withdraw_answer,
    read_submission,
    read_visibility,
    refusal_text,
    settle_refusal_text,
    submission_errors,
    too_long_text,
)
from bot.checkin.withdrawal import Withdrawn, withdraw_checkin
from bot.runtime import Runtime
from bot.texts import t
from handlers.home import refresh_home
from handlers.replies import answer, dm, tell

COMMAND = "/incheckning"


def _open_modal(
    client: WebClient, trigger_id: str, opening: Opening, runtime: Runtime, logger: Logger, user_id: str
) -> bool:
    """Open the modal; False (logged) when Slack refuses, e.g. an expired trigger.

    Once it is open, a pending DM reply is dropped: the member chose to edit explicitly.
    That write comes after views.open so it never eats into the trigger's few seconds, and
    only when the opening saw one (otherwise there is no second unit of work at all).
    """
    try:
        view = build_checkin_modal(opening, runtime.tz, runtime.lang, runtime.now())
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError:
        logger.exception("could not open the check-in modal")
        return False
    if not opening.has_pending:
        return True
    try:
        clear_pending(runtime, user_id, opening.meeting_id)
    except Exception:
        logger.exception("could not drop a pending DM reply")
    return True


def handle_checkin_command(
    ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond, logger: Logger, runtime: Runtime
) -> None:
    """`/incheckning` opens the modal; `/incheckning <text>` saves the text as the first answer."""
    user_id = command["user_id"]
    text = from_slack_text(command.get("text") or "").strip()
    if is_help_request(text):
        ack(text=t("checkin.help", runtime.lang))
        return
    if too_long(text):
        ack(text=too_long_text(len(text), runtime.lang))
        return
    try:
        outcome = save_occupying(runtime, user_id, text) if text else load_opening(runtime, user_id)
    except Exception:
        logger.exception("check-in command failed")
        if text:  # not saved: say so, and give the text back
            ack(**build_not_saved(text, "command", runtime.lang))
        else:
            ack(text=t("error.generic", runtime.lang))
        return
    if not isinstance(outcome, Opening):
        ack(**build_command_answer(outcome, runtime.tz, runtime.lang, runtime.now()))
    else:
        ack()
        if not _open_modal(client, command["trigger_id"], outcome, runtime, logger, user_id):
            try:
                respond(text=t("checkin.refusal.open_failed", runtime.lang), response_type="ephemeral")
            except Exception:
                logger.exception("could not tell the member the modal failed to open")


def handle_checkin_open(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """The "Ändra"/"Checka in" button: open the modal for the meeting in its value."""
    ack()
    meeting_id = parse_meeting_id(action.get("value"))
    user_id = body["user"]["id"]
    try:
        outcome = load_opening(runtime, user_id, meeting_id)
    except Exception:
        logger.exception("could not look up the check-in for a button")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if isinstance(outcome, Refusal):
        tell(body, respond, client, refusal_text(outcome, runtime.tz, runtime.lang, runtime.now()), logger)
    elif not _open_modal(client, body["trigger_id"], outcome, runtime, logger, user_id):
        tell(body, respond, client, t("checkin.refusal.open_failed", runtime.lang), logger)


def handle_checkin_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, logger: Logger, runtime: Runtime
) -> None:
    """The modal's Spara: validate, save (before closing, so nothing is lost), thank by DM."""
    answers = read_submission(view.get("state", {}).get("values", {}))
    errors = submission_errors(answers, runtime.lang)
    meeting_id = parse_meeting_id(view.get("private_metadata"))
    if meeting_id is None:
        errors.setdefault(ids.CHECKIN_BLOCK_OCCUPYING, t("checkin.error.bad_meeting", runtime.lang))
    if errors:
        ack(response_action="errors", errors=errors)
        return
    assert meeting_id is not None
    user_id = body["user"]["id"]
    try:
        values = view.get("state", {}).get("values", {})
        outcome = save_answers(runtime, user_id, meeting_id, answers_from(answers, read_visibility(values)))
    except Exception:
        logger.exception("could not save a check-in")
        # The modal stays open with everything the member wrote.
        message = t("checkin.not_saved.modal", runtime.lang)
        ack(response_action="errors", errors={ids.CHECKIN_BLOCK_OCCUPYING: message})
        return
    if isinstance(outcome, Refusal):
        message = refusal_text(outcome, runtime.tz, runtime.lang, runtime.now())
        ack(response_action="errors", errors={ids.CHECKIN_BLOCK_OCCUPYING: message})
        return
    ack()
    dm(client, user_id, build_submitted_message(outcome, runtime.tz, runtime.lang, runtime.now()), logger)


def is_direct_message(event: dict[str, Any]) -> bool:
    """Listener matcher: any message event in a DM with the app (filtered further below)."""
    return event.get("channel_type") == "im"


def _from_a_person(event: dict[str, Any]) -> bool:
    # Edits, deletions, joins, bot posts (our own confirmations included) are not answers.
    return bool(event.get("user")) and not event.get("subtype") and not event.get("bot_id")


def handle_direct_message(
    event: dict[str, Any], request: BoltRequest, client: WebClient, logger: Logger, runtime: Runtime
) -> None:
    """A plain reply in the DM answers "Vad upptar min tid?" for the next meeting, or, when the
    member already answered differently, is kept aside while they are asked what to do with it."""
    if not _from_a_person(event):
        return
    user_id = event["user"]
    text = from_slack_text(event.get("text") or "").strip()
    # Slack retries an event it thinks we missed. The save (and the pending text) is idempotent;
    # the reply must not be repeated: on a retry, answer only if this attempt changed something.
    retry = bool(request.headers.get("x-slack-retry-num"))
    if not text:
        return
    if too_long(text):
        if not retry:
            dm(client, user_id, {"text": too_long_text(len(text), runtime.lang)}, logger)
        return
    try:
        outcome = reply_occupying(runtime, user_id, text)
    except Exception:
        logger.exception("could not save a check-in from a DM")
        if not retry:
            dm(client, user_id, build_not_saved(text, "dm", runtime.lang), logger)
        return
    if not retry or (not isinstance(outcome, Refusal) and outcome.changed):
        dm(client, user_id, build_dm_reply(outcome, runtime.tz, runtime.lang, runtime.now()), logger)


PENDING_CHOICES = {
    ids.CHECKIN_PENDING_REPLACE: Choice.REPLACE,
    ids.CHECKIN_PENDING_APPEND: Choice.APPEND,
    ids.CHECKIN_PENDING_KEEP: Choice.KEEP,
}


def handle_checkin_pending(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """The "Byt ut", "Lägg till" and "Behåll mitt svar" buttons: settle a pending DM reply."""
    ack()
    user_id = body["user"]["id"]
    meeting_id = parse_meeting_id(action.get("value"))
    choice = PENDING_CHOICES[action["action_id"]]
    if meeting_id is None:
        tell(body, respond, client, t("checkin.pending.nothing", runtime.lang), logger)
        return
    try:
        outcome = settle_pending(runtime, user_id, meeting_id, choice)
    except Exception:
        logger.exception("could not settle a pending DM reply")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if not isinstance(outcome, Saved):
        tell(
            body,
            respond,
            client,
            settle_refusal_text(outcome, runtime.tz, runtime.lang, runtime.now()),
            logger,
        )
        return
    message = build_settled_message(outcome, choice, runtime.tz, runtime.lang, runtime.now())
    answer(body, respond, client, message, logger, replace_original=True)


def handle_checkin_withdraw(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """ "Dra tillbaka" (after Slack's confirmation dialog), from a confirmation or App Home:
    withdraw the presser's own check-in; the message becomes the outcome."""
    ack()
    user_id = body["user"]["id"]
    try:
        outcome = withdraw_checkin(runtime, user_id, action.get("value"))
    except Exception:
        logger.exception("could not withdraw a check-in")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    message = build_withdraw_answer(outcome, runtime.tz, runtime.lang, runtime.now())
    if isinstance(outcome, Withdrawn) and (body.get("view") or {}).get("type") == "home":
        refresh_home(runtime, user_id, logger)  # the tab shows the check-in as not made
    elif isinstance(outcome, Withdrawn):
        answer(body, respond, client, message, logger, replace_original=True)
    else:
        tell(body, respond, client, message["text"], logger)


def register(app: App) -> None:
    """Register the check-in listeners."""
    app.command(COMMAND)(handle_checkin_command)
    app.action(ids.CHECKIN_OPEN)(handle_checkin_open)
    app.view(ids.CHECKIN_MODAL)(handle_checkin_submission)
    for action_id in PENDING_CHOICES:
        app.action(action_id)(handle_checkin_pending)
    app.action(ids.CHECKIN_WITHDRAW)(handle_checkin_withdraw)
    app.event("message", matchers=[is_direct_message])(handle_direct_message)
