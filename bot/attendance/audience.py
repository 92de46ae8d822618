"""Who is expected at a meeting, from the answers to its invitation (no Slack, no Block Kit).

Expected: members who said they come, members who have not answered, and the ersättare of
those who sent one. Not expected: who said they cannot come and who sent an ersättare. The
scheduler's reminders, the day-of reminder and "Vill ni träffas igen?" go to those expected.

An ersättare counts once their own invitation reached them (the ledger says so), the way a
member counts once theirs did; one whose invitation failed (removed from Slack) is reported
once by the ledger and gets nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from storage import ledger
from storage.members import MemberIds, member_by_user
from storage.models import Meeting, Member, RsvpAnswer
from storage.rsvps import deputy_rsvp, rsvp_answers

# The kinds of the sends this package adds to a meeting (stored in the ledger: never change them).
DEPUTY_INVITATION = "deputy_invitation"
DEPUTY_RELEASED = "deputy_released"
SAVE_THE_DATE = "save_the_date"

M = TypeVar("M", bound=MemberIds)  # a Member row, or a light MemberRow from storage/members.py

AWAY = frozenset({RsvpAnswer.NOT_COMING, RsvpAnswer.DEPUTY})


def deputy_key(meeting_id: int) -> str:
    """The ledger key of the ersättare's invitations (one row per ersättare)."""
    return f"meeting:{meeting_id}:{DEPUTY_INVITATION}"


def released_key(meeting_id: int) -> str:
    """The ledger key of "you are not needed as ersättare any more" (once per person)."""
    return f"meeting:{meeting_id}:{DEPUTY_RELEASED}"


def save_the_date_key(meeting_id: int) -> str:
    """The ledger key of the save-the-date DM."""
    return f"meeting:{meeting_id}:{SAVE_THE_DATE}"


@dataclass(frozen=True)
class Attendance(Generic[M]):
    """The answers of a meeting's active members, and the ersättare chosen by them."""

    answers: Mapping[int, str]  # member id -> RsvpAnswer value
    deputies: Mapping[str, M]  # ersättare's user id -> the member they stand for

    def away(self, member_id: int) -> bool:
        """Whether the member said they cannot come or sent an ersättare."""
        return self.answers.get(member_id) in AWAY


def load_attendance(session: Session, meeting_id: int, members: Iterable[M]) -> Attendance[M]:
    """The answers of the active `members` (answers of people removed since do not count)."""
    active = {m.id: m for m in members}
    rows = [r for r in rsvp_answers(session, meeting_id) if r.member_id in active]
    return Attendance(
        answers={r.member_id: r.answer for r in rows},
        deputies={
            r.deputy_user_id: active[r.member_id]
            for r in rows
            if r.answer == RsvpAnswer.DEPUTY and r.deputy_user_id
        },
    )


def invited_deputies(
    session: Session, meeting_id: int, attendance: Attendance[M]
) -> dict[str, ledger.SentRow]:
    """Today's ersättare whose invitation reached them, with its ledger row."""
    if not attendance.deputies:
        return {}  # nobody to look up in the ledger
    sent = ledger.sent_to(session, deputy_key(meeting_id))
    return {uid: row for uid, row in sent.items() if uid in attendance.deputies}


def released_deputies(session: Session, meeting_id: int, attendance: Attendance[M]) -> list[str]:
    """People invited as ersättare who no longer are (the member chose someone else, or comes)."""
    sent = ledger.sent_to(session, deputy_key(meeting_id))
    return [uid for uid in sent if uid not in attendance.deputies]


def expected_user_ids(
    session: Session, meeting_id: int, members: Iterable[MemberIds], attendance: Attendance[M]
) -> list[str]:
    """Who is expected: active members not away, then the ersättare whose invitation arrived."""
    members = list(members)
    here = [m.slack_user_id for m in members if not attendance.away(m.id)]
    return here + list(invited_deputies(session, meeting_id, attendance))


def standing_in(session: Session, user_id: str, meeting: Meeting | None) -> Member | None:
    """The ersättare's own Member row when `user_id` is ersättare for an active member at
    `meeting` (so their check-in and pulse answer are theirs, standing for that member)."""
    if meeting is None:
        return None
    row = deputy_rsvp(session, meeting.id, user_id)
    if row is None or row.answer != RsvpAnswer.DEPUTY or not row.member.active:
        return None
    return member_by_user(session, user_id)
