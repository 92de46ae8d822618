"""Närvaro: a member answers the invitation (kommer / kan inte / ersättare) until the meeting
starts; the answers per organisation for the samordnare.

Every action checks, where it runs, that the person pressing is an active member and the meeting
is planned and not started: a forged button or modal can only ever change the presser's own
answer, and only while answers are open. The ersättare may not be the member themself nor
anyone already at the meeting (a member, or another member's ersättare).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.formatting import DEFAULT_NETWORK
from bot.meeting.timeline import checkin_deadline, meeting_policy
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import find_meeting, get_network
from storage.members import member_by_user
from storage.models import Meeting, Member, RsvpAnswer
from storage.rsvps import deputy_member, deputy_rsvp, rsvp_for, set_rsvp


class Problem(enum.StrEnum):
    """Why an answer is not stored."""

    NOT_MEMBER = "not_member"
    NO_MEETING = "no_meeting"  # unknown or cancelled
    STARTED = "started"
    EMPTY = "empty"  # no ersättare chosen
    SELF = "self"
    ALREADY_IN = "already_in"


# Refusals that belong to the modal's person picker (answered with response_action errors).
PICKER_PROBLEMS = frozenset({Problem.EMPTY, Problem.SELF, Problem.ALREADY_IN})


@dataclass(frozen=True)
class Refusal:
    """An answer refused: why, and what a polite answer names."""

    problem: Problem
    starts_at: dt.datetime | None = None
    name: str | None = None  # the person already at the meeting (as stored; escaped when shown)


@dataclass(frozen=True)
class RsvpState:
    """A member's answer to one meeting, with what the updated invitation shows."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    deadline: dt.datetime
    answer: str | None
    deputy_user_id: str | None
    changed: bool = False
    network: str = DEFAULT_NETWORK  # the network's name, said in the invitation


def _resolve(
    session: Session, user_id: str, meeting_id: int | None, now: dt.datetime
) -> tuple[Member, Meeting] | Refusal:
    member = member_by_user(session, user_id)
    if member is None or not member.active:
        return Refusal(Problem.NOT_MEMBER)
    meeting = find_meeting(session, meeting_id) if meeting_id is not None else None
    if meeting is None or meeting.status != "planned":
        return Refusal(Problem.NO_MEETING)
    if meeting.starts_at <= now:
        return Refusal(Problem.STARTED, meeting.starts_at)
    return member, meeting


def _state(
    session: Session, member: Member, meeting: Meeting, tz: ZoneInfo, changed: bool = False
) -> RsvpState:
    row = rsvp_for(session, meeting.id, member.id)
    network = get_network(session)
    return RsvpState(
        meeting.id,
        meeting.starts_at,
        meeting.place,
        checkin_deadline(meeting.starts_at, tz, meeting_policy(network.policy)),
        row.answer if row else None,
        row.deputy_user_id if row else None,
        changed,
        network.name,
    )


def current_answer(session: Session, member: Member, meeting: Meeting, tz: ZoneInfo) -> RsvpState:
    """A member's answer to a meeting (none yet: `answer` None), for the Home tab."""
    return _state(session, member, meeting, tz)


def load_state(runtime: Runtime, user_id: str, meeting_id: int | None) -> RsvpState | Refusal:
    """The presser's answer so far, or why they cannot answer (opening the ersättare modal)."""
    with transaction(runtime.sessions) as session:
        resolved = _resolve(session, user_id, meeting_id, runtime.now())
        if isinstance(resolved, Refusal):
            return resolved
        return _state(session, *resolved, runtime.tz)


def answer(runtime: Runtime, user_id: str, meeting_id: int | None, choice: RsvpAnswer) -> RsvpState | Refusal:
    """ "Jag kommer" or "Jag kan inte": store it (a check-in already made stays)."""
    if choice is RsvpAnswer.DEPUTY:
        raise ValueError("an ersättare is chosen with choose_deputy")
    with transaction(runtime.sessions) as session:
        resolved = _resolve(session, user_id, meeting_id, runtime.now())
        if isinstance(resolved, Refusal):
            return resolved
        member, meeting = resolved
        before = rsvp_for(session, meeting.id, member.id)
        changed = before is None or before.answer != choice
        if changed:
            set_rsvp(session, meeting.id, member.id, choice, None, runtime.now())
        return _state(session, member, meeting, runtime.tz, changed)


def _picker_problem(session: Session, member: Member, meeting: Meeting, deputy: str | None) -> Refusal | None:
    if not deputy:
        return Refusal(Problem.EMPTY)
    if deputy == member.slack_user_id:
        return Refusal(Problem.SELF)
    known = member_by_user(session, deputy)
    name = known.name if known is not None else None
    if known is not None and known.active:
        return Refusal(Problem.ALREADY_IN, name=name)
    taken = deputy_rsvp(session, meeting.id, deputy)
    if taken is not None and taken.member_id != member.id:
        return Refusal(Problem.ALREADY_IN, name=name)
    return None


def choose_deputy(
    runtime: Runtime, user_id: str, meeting_id: int | None, deputy: str | None
) -> RsvpState | Refusal:
    """ "Jag skickar en ersättare": store who comes in the member's place. The scheduler invites
    them (and tells a previous ersättare, once, that they are not needed)."""
    try:
        with transaction(runtime.sessions) as session:
            resolved = _resolve(session, user_id, meeting_id, runtime.now())
            if isinstance(resolved, Refusal):
                return resolved
            member, meeting = resolved
            problem = _picker_problem(session, member, meeting, deputy)
            if problem is not None:
                return problem
            assert deputy is not None
            before = rsvp_for(session, meeting.id, member.id)
            changed = before is None or before.answer != RsvpAnswer.DEPUTY or before.deputy_user_id != deputy
            if changed:
                deputy_member(session, deputy, member.organisation_id)
                set_rsvp(session, meeting.id, member.id, RsvpAnswer.DEPUTY, deputy, runtime.now())
            return _state(session, member, meeting, runtime.tz, changed)
    except IntegrityError:
        # Another member named the same person in the same moment: the unique index decided.
        return Refusal(Problem.ALREADY_IN)
