"""Withdrawing one's own check-in, until the deadline.

The button carries the check-in's id; who may withdraw it is decided here, where it runs: only the
member who wrote it, only while check-in for that meeting is open. A forged id for someone else's
check-in is refused and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.checkin.service import Problem, Refusal, opening_for, parse_meeting_id
from bot.runtime import Runtime
from storage.checkins import checkin_by_id, delete_checkin
from storage.db import transaction
from storage.meetings import get_network
from storage.members import active_member


@dataclass(frozen=True)
class Withdrawn:
    """The check-in is gone; the member may check in again until `deadline`."""

    meeting_id: int
    starts_at: dt.datetime
    deadline: dt.datetime


@dataclass(frozen=True)
class NotYours:
    """The id names a check-in that is not the presser's (a forged or mixed-up value)."""


@dataclass(frozen=True)
class NothingToWithdraw:
    """No such check-in (already withdrawn, or a garbled value)."""


WithdrawOutcome = Withdrawn | NotYours | NothingToWithdraw | Refusal


def withdraw_checkin(runtime: Runtime, user_id: str, raw_id: object) -> WithdrawOutcome:
    """Delete `user_id`'s check-in with the id in `raw_id`, if it is theirs and still open."""
    checkin_id = parse_meeting_id(raw_id)  # the same shape check: a positive database integer
    if checkin_id is None:
        return NothingToWithdraw()
    with transaction(runtime.sessions) as session:
        checkin = checkin_by_id(session, checkin_id)
        if checkin is None:
            return NothingToWithdraw()
        if checkin.member.slack_user_id != user_id:
            return NotYours()
        member = active_member(session, user_id)
        if member is None:
            return Refusal(Problem.NOT_MEMBER, network=get_network(session).name)
        opening = opening_for(session, user_id, checkin.meeting_id, runtime)
        if isinstance(opening, Refusal):
            return opening
        delete_checkin(session, checkin)
        return Withdrawn(opening.meeting_id, opening.starts_at, opening.deadline)
