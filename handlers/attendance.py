"""Listeners for närvaro: "Jag kommer", "Jag kan inte", "Jag skickar en ersättare" (in the
invitation DM, a moved notice or on the Home tab) and the ersättare modal.

The answer is the presser's own (their user id, never a value from the payload); the meeting id
in a button or the modal's metadata is checked by the service like any other input.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.attendance import service as attendance
from bot.attendance.views import ACTIONS, build_deputy_modal, read_deputy_choice, read_deputy_metadata
from bot.checkin.service import parse_meeting_id
from bot.formatting import escape, format_when
from bot.meeting.members import refresh_names
from bot.meeting.views import MeetingInfo, build_invitation
from bot.runtime import Runtime
from bot.texts import t
from handlers.home import refresh_home
from handlers.replies import tell, tell_failure


def refusal_text(refusal: attendance.Refusal, runtime: Runtime) -> str:
    """A refusal in the presser's words."""
    problem = refusal.problem
    if problem is attendance.Problem.ALREADY_IN:
        name = escape(refusal.name) if refusal.name else t("attendance.modal.person", runtime.lang)
        return t("attendance.error.already_in", runtime.lang, name=name)
    if problem in attendance.PICKER_PROBLEMS:
        return t(f"attendance.error.{problem}", runtime.lang)
    when = format_when(refusal.starts_at, runtime.tz, runtime.lang) if refusal.starts_at else ""
    return t(f"attendance.refusal.{problem}", runtime.lang, when=when)


def _invitation(state: attendance.RsvpState, runtime: Runtime) -> dict[str, Any]:
    info = MeetingInfo(state.meeting_id, state.starts_at, state.place, state.deadline, network=state.network)
    open_ = runtime.now() < state.deadline
    return build_invitation(
        info, runtime.tz, runtime.lang, answer=state.answer, deputy=state.deputy_user_id, checkin_open=open_
    )[0]


def _from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def _show(
    user_id: str,
    state: attendance.RsvpState,
    client: WebClient,
    runtime: Runtime,
    logger: Logger,
    *,
    on_home: bool,
    respond: Respond | None = None,
    message_ts: str | None = None,
) -> None:
    """Show the new answer where it was given: the Home tab, or the DM message (updated through
    the press's response_url, or by its ts in the presser's own DM after the modal)."""
    try:
        if on_home:  # the whole tab again: each of the person's networks, not only this one
            refresh_home(runtime, user_id, logger)
        elif respond is not None:
            respond(replace_original=True, **_invitation(state, runtime))
        elif message_ts:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
            client.chat_update(channel=channel, ts=message_ts, **_invitation(state, runtime))
    except Exception:
        # The answer is stored; only showing it failed.
        logger.exception("could not show an answer to the invitation")


def handle_rsvp(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """ "Jag kommer" / "Jag kan inte": store the answer, show it where it was pressed."""
    ack()
    meeting_id = parse_meeting_id(action.get("value"))
    try:
        outcome = attendance.answer(runtime, body["user"]["id"], meeting_id, ACTIONS[action["action_id"]])
    except Exception:
        logger.exception("could not store an answer to the invitation")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if isinstance(outcome, attendance.Refusal):
        tell(body, respond, client, refusal_text(outcome, runtime), logger)
        return
    on_home = _from_home(body)
    _show(body["user"]["id"], outcome, client, runtime, logger, on_home=on_home, respond=respond)


def handle_deputy_open(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: Logger,
    runtime: Runtime,
) -> None:
    """ "Jag skickar en ersättare": open the modal with a person picker."""
    ack()
    meeting_id = parse_meeting_id(action.get("value"))
    try:
        outcome = attendance.load_state(runtime, body["user"]["id"], meeting_id)
    except Exception:
        logger.exception("could not look up an answer to the invitation")
        tell(body, respond, client, t("error.generic", runtime.lang), logger)
        return
    if isinstance(outcome, attendance.Refusal):
        tell(body, respond, client, refusal_text(outcome, runtime), logger)
        return
    message_ts = None if _from_home(body) else (body.get("message") or {}).get("ts")
    when = format_when(outcome.starts_at, runtime.tz, runtime.lang)
    view = build_deputy_modal(outcome.meeting_id, when, outcome.deputy_user_id, message_ts, runtime.lang)
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception as exc:
        tell_failure(body, respond, client, exc, runtime.lang, logger)


def handle_deputy_submit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, logger: Logger, runtime: Runtime
) -> None:
    """The ersättare modal: refuse at the picker (the modal stays open), or store and show."""
    raw_meeting, message_ts = read_deputy_metadata(view.get("private_metadata"))
    deputy = read_deputy_choice(view.get("state", {}).get("values", {}))
    user_id = body["user"]["id"]
    try:
        outcome = attendance.choose_deputy(runtime, user_id, parse_meeting_id(raw_meeting), deputy)
    except Exception:
        logger.exception("could not store an ersättare")
        ack(response_action="errors", errors={ids.RSVP_DEPUTY_USER: t("error.generic", runtime.lang)})
        return
    if isinstance(outcome, attendance.Refusal):
        ack(response_action="errors", errors={ids.RSVP_DEPUTY_USER: refusal_text(outcome, runtime)})
        return
    ack()
    if outcome.changed and outcome.deputy_user_id:
        refresh_names(runtime, [outcome.deputy_user_id])
    # A modal has no response_url: the DM message is updated by its ts (none: it came from Home).
    _show(user_id, outcome, client, runtime, logger, on_home=message_ts is None, message_ts=message_ts)


def register(app: App) -> None:
    """Register the närvaro listeners."""
    app.action(ids.RSVP_COMING)(handle_rsvp)
    app.action(ids.RSVP_NOT_COMING)(handle_rsvp)
    app.action(ids.RSVP_DEPUTY)(handle_deputy_open)
    app.view(ids.RSVP_DEPUTY_MODAL)(handle_deputy_submit)
