"""Who gets a meeting's sends: who is expected (the one place the network's sammanställning
asks), who is reminded, and who was invited (those told of a move or a cancellation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

from bot.attendance.audience import Attendance, expected_user_ids, invited_deputies, load_attendance
from bot.meeting import timeline
from bot.meeting.keys import REMINDERS, send_key
from storage import ledger
from storage.checkins import checked_in_member_ids
from storage.members import MemberIds, active_members, members_by_user


def expected_recipients(session: Session, meeting_id: int) -> list[str]:
    """The Slack user ids of those expected at `meeting_id`: active members who have not said they
    cannot come (nor sent an ersättare), then the ersättare whose invitation arrived (Närvaro)."""
    members = active_members(session)
    return expected_user_ids(session, meeting_id, members, load_attendance(session, meeting_id, members))


def reminder_audience(
    session: Session,
    meeting_id: int,
    due_at: dt.datetime,
    members: Iterable[MemberIds],
    attendance: Attendance[MemberIds] | None = None,
) -> list[str]:
    """Of `members` (the active ones), those expected (see bot/attendance/audience.py) without a
    check-in whose invitation went out before the reminder was due; then the ersättare alike.

    Someone added late gets the invitation first; a reminder in the same breath would be noise.
    """
    members = list(members)
    attendance = attendance or load_attendance(session, meeting_id, members)
    invited = ledger.sent_to(session, send_key(meeting_id, timeline.INVITATION))
    done = checked_in_member_ids(session, meeting_id)
    deputies = invited_deputies(session, meeting_id, attendance)
    deputy_done = {m.slack_user_id for m in members_by_user(session, deputies) if m.id in done}
    return [
        m.slack_user_id
        for m in members
        if m.id not in done
        and not attendance.away(m.id)
        and m.slack_user_id in invited
        and (invited[m.slack_user_id].sent_at or due_at) <= due_at
    ] + [uid for uid, row in deputies.items() if uid not in deputy_done and (row.sent_at or due_at) <= due_at]


def member_audience(
    session: Session, meeting_id: int, kind: str, due_at: dt.datetime, members: Iterable[MemberIds]
) -> list[str]:
    """Who a send of `kind` to members (not to the channel) goes to, of the active `members`:
    the invitation to every member; the rest to those expected (never to who cannot come)."""
    members = list(members)
    if kind == timeline.INVITATION:
        return [m.slack_user_id for m in members]
    attendance = load_attendance(session, meeting_id, members)
    if kind in REMINDERS:
        return reminder_audience(session, meeting_id, due_at, members, attendance)
    return expected_user_ids(session, meeting_id, members, attendance)


def invited_members(session: Session, meeting_id: int, members: Iterable[MemberIds]) -> dict[str, int]:
    """Active members whose invitation was delivered, and today's ersättare whose own invitation
    was, with the meeting version it described."""
    members = list(members)
    invited = ledger.sent_to(session, send_key(meeting_id, timeline.INVITATION))
    told = {
        m.slack_user_id: (invited[m.slack_user_id].revision or 1)
        for m in members
        if m.slack_user_id in invited
    }
    deputies = invited_deputies(session, meeting_id, load_attendance(session, meeting_id, members))
    told.update({uid: row.revision or 1 for uid, row in deputies.items()})
    return told
