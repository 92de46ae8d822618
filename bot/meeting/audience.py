"""Who is expected at a meeting: the one place the network's sammanställning asks."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.attendance.audience import expected_user_ids, load_attendance
from storage.members import active_members


def expected_recipients(session: Session, meeting_id: int) -> list[str]:
    """The Slack user ids of those expected at `meeting_id`: active members who have not said they
    cannot come (nor sent an ersättare), then the ersättare whose invitation arrived (Närvaro)."""
    members = active_members(session)
    return expected_user_ids(session, meeting_id, members, load_attendance(session, meeting_id, members))
