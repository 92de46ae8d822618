"""The organisers' board in numbers: who has checked in and who is missing, and how many a send
ahead would reach, counted in the database rather than by reading every member.

The rules are the audiences' (bot/attendance/audience.py, bot/meeting/schedule.py): the answers
and ersättare come from the same functions, over the members who answered (a handful), and
what is per member (checked in, invited) is counted by storage/board.py. The board's tests
compare these counts with the audiences a tick works out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.attendance.audience import AWAY, Attendance, invited_deputies, load_attendance
from bot.attendance.board import not_coming_ids, stand_ins
from bot.meeting import timeline
from bot.meeting.people import Person
from bot.meeting.schedule import REMINDERS, send_key
from storage import board
from storage.members import MemberRef, members_by_user
from storage.rsvps import rsvp_answers


@dataclass(frozen=True)
class Turnout:
    """A meeting's active members as counts (meeting None: only how many there are)."""

    meeting_id: int | None
    organisations: list[board.OrganisationCount]
    attendance: Attendance[MemberRef] = field(default_factory=lambda: Attendance({}, {}))
    stood_for: frozenset[int] = frozenset()  # members whose ersättare checked in for them
    cannot: frozenset[int] = frozenset()  # members who said they cannot come

    @property
    def total(self) -> int:
        return sum(o.members for o in self.organisations)

    @property
    def checked_in(self) -> int:
        return sum(o.checked_in for o in self.organisations)

    @property
    def done(self) -> int:
        return sum(o.done for o in self.organisations)

    @property
    def missing(self) -> int:
        return sum(o.missing for o in self.organisations)

    @property
    def away(self) -> set[int]:
        """Members who cannot come or sent an ersättare (not expected themselves)."""
        return {mid for mid, answer in self.attendance.answers.items() if answer in AWAY}


def load_turnout(session: Session, meeting_id: int | None) -> Turnout:
    """The counts of `meeting_id`'s active members (two statements when nobody has answered)."""
    if meeting_id is None:
        return Turnout(None, board.organisation_counts(session, None))
    answered = {row.member_id for row in rsvp_answers(session, meeting_id)}
    answering = board.active_members_among(session, answered)
    attendance = load_attendance(session, meeting_id, answering)
    cannot = not_coming_ids(session, meeting_id, answering)
    deputies = stand_ins(session, meeting_id, answering)  # an ersättare's Member id -> the member
    checked = board.checked_in_among(session, meeting_id, deputies)
    stood_for = {member.id for deputy, member in deputies.items() if deputy in checked}
    counts = board.organisation_counts(session, meeting_id, stood_for, cannot)
    return Turnout(meeting_id, counts, attendance, frozenset(stood_for), frozenset(cannot))


def missing_people(session: Session, turnout: Turnout, most: int | None = None) -> list[Person]:
    """Who has not checked in (and has not said they cannot come), in the members' order: all,
    or the first `most`, reading only the organisations those are in."""
    assert turnout.meeting_id is not None
    organisations = None
    if most is not None:
        # The members' order is by organisation first: the first `most` missing are in the first
        # organisations (in that order) whose missing add up to `most`.
        ordered = sorted(turnout.organisations, key=lambda o: o.organisation or "~")
        seen, last = 0, None
        for group in ordered:
            if seen >= most:
                break
            seen += group.missing
            last = group.organisation or "~"
        organisations = [
            o.organisation_id for o in ordered if last is not None and (o.organisation or "~") <= last
        ]
    rows = board.missing_members(
        session, turnout.meeting_id, turnout.stood_for, turnout.cannot, organisations
    )
    shown = rows if most is None else rows[:most]
    return [Person(m.slack_user_id, m.name, m.organisation) for m in shown]


def audience_size(
    session: Session, turnout: Turnout, kind: str, due_at: dt.datetime, invitation_sent: bool
) -> int:
    """How many a meeting's send to members (not to the channel) would reach when nobody has had
    it yet: the length of the audience a tick works out (bot/meeting/schedule.py::member_audience;
    before the invitation is out, the reminders go to every member not checked in)."""
    assert turnout.meeting_id is not None
    meeting_id = turnout.meeting_id
    if kind == timeline.INVITATION:
        return turnout.total
    if kind in REMINDERS and not invitation_sent:
        return turnout.total - turnout.checked_in
    deputies = invited_deputies(session, meeting_id, turnout.attendance)
    if kind not in REMINDERS:  # the expected: members not away, and the ersättare invited
        return turnout.total - len(turnout.away) + len(deputies)
    invitation = send_key(meeting_id, timeline.INVITATION)
    members = board.invited_not_checked_in(session, meeting_id, invitation, due_at, turnout.away)
    rows = members_by_user(session, deputies)
    checked = board.checked_in_among(session, meeting_id, [m.id for m in rows])
    done = {m.slack_user_id for m in rows if m.id in checked}
    return members + sum(
        1 for uid, row in deputies.items() if uid not in done and (row.sent_at or due_at) <= due_at
    )
