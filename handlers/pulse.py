"""Listeners for "Vill ni träffas igen?": the Ja / Nej buttons, the comment button and its modal."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import ids
from bot.checkin.service import parse_meeting_id
from bot.pulse import service as pulse
from bot.pulse.views import (
    COMMENT_BLOCK,
    build_comment_modal,
    build_comment_thanks,
    build_pulse_answered,
    comment_from,
    decode_metadata,
    encode_metadata,
    refusal_text,
)
from bot.runtime import Runtime
from bot.texts import t
from handlers.replies import tell

CHOICES = {ids.PULSE_YES: pulse.PulseChoice.YES, ids.PULSE_NO: pulse.PulseChoice.NO}


def handle_pulse_answer(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """Ja / Nej: store (or replace) the answer and show it in the question message."""
    ack()
    choice = CHOICES[action["action_id"]]
    meeting_id = parse_meeting_id(action.get("value"))
    try:
        outcome = pulse.answer(runtime, body["user"]["id"], meeting_id, choice)
    except Exception:
        logger.exception("could not store a pulse answer")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if isinstance(outcome, pulse.Refusal):
        tell(body, respond, client, refusal_text(outcome, runtime.lang), logger)
        return
    message = build_pulse_answered(outcome, runtime.tz, runtime.lang, runtime.now())
    try:
        respond(replace_original=True, **message)
    except Exception:
        # The answer is stored; only the confirmation failed.
        logger.exception("could not update the pulse message")


def handle_pulse_comment_open(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """ "Lägg till en kommentar": open the comment modal, filled with the earlier comment."""
    ack()
    meeting_id = parse_meeting_id(action.get("value"))
    try:
        outcome = pulse.opening(runtime, body["user"]["id"], meeting_id)
    except Exception:
        logger.exception("could not look up a pulse answer")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if isinstance(outcome, pulse.Refusal):
        tell(body, respond, client, refusal_text(outcome, runtime.lang), logger)
        return
    container = body.get("container") or {}
    metadata = encode_metadata(outcome.meeting_id, container.get("channel_id"), container.get("message_ts"))
    view = build_comment_modal(
        outcome.meeting_id, outcome.starts_at, outcome.comment, runtime.tz, runtime.lang, metadata
    )
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError:
        logger.exception("could not open the pulse comment modal")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)


def handle_pulse_comment_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, logger: Logger, runtime: Runtime
) -> None:
    """The comment modal's Spara: validate, store, thank; the question message shows it."""
    text = comment_from(view)
    problem = pulse.comment_problem(text)
    if problem is not None:
        key, args = problem
        ack(response_action="errors", errors={COMMENT_BLOCK: t(key, runtime.lang, **args)})
        return
    meeting_id, _claimed_channel, _claimed_ts = decode_metadata(view.get("private_metadata"))
    try:
        outcome = pulse.comment(runtime, body["user"]["id"], meeting_id, text)
    except Exception:
        logger.exception("could not store a pulse comment")
        ack(response_action="errors", errors={COMMENT_BLOCK: t("error.generic", runtime.lang)})
        return
    if isinstance(outcome, pulse.Refusal):
        ack(
            response_action="errors",
            errors={COMMENT_BLOCK: refusal_text(outcome, runtime.lang, mrkdwn=False)},
        )
        return
    ack(response_action="update", view=build_comment_thanks(runtime.lang))
    # Which message to update is looked up in the ledger, not taken from private_metadata.
    try:
        question = pulse.question_message(runtime, body["user"]["id"], outcome.meeting_id)
    except Exception:
        logger.exception("could not look up the pulse question to update")
        return
    if question is not None:
        channel, ts = question
        message = build_pulse_answered(outcome, runtime.tz, runtime.lang, runtime.now())
        try:
            client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError:
            logger.exception("could not update the pulse message after a comment")


def register(app: App) -> None:
    """Register the pulse listeners."""
    for action_id in CHOICES:
        app.action(action_id)(handle_pulse_answer)
    app.action(ids.PULSE_COMMENT_OPEN)(handle_pulse_comment_open)
    app.view(ids.PULSE_COMMENT_MODAL)(handle_pulse_comment_submission)
