"""Queries about check-ins."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import CheckIn, Member


def checkin_for(session: Session, meeting_id: int, member_id: int) -> CheckIn | None:
    """A member's check-in for a meeting, if they have one."""
    return session.scalar(
        select(CheckIn).where(CheckIn.meeting_id == meeting_id, CheckIn.member_id == member_id)
    )


def checkins_for_meeting(session: Session, meeting_id: int) -> list[CheckIn]:
    """Every check-in of a meeting, with member and organisation loaded."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(CheckIn.meeting_id == meeting_id)
            .options(selectinload(CheckIn.member).selectinload(Member.organisation))
            .order_by(CheckIn.created_at)
        )
    )


def checked_in_member_ids(session: Session, meeting_id: int) -> set[int]:
    """The ids of the members who have checked in for the meeting (active or not)."""
    return set(session.scalars(select(CheckIn.member_id).where(CheckIn.meeting_id == meeting_id)))


def has_checkins(session: Session, meeting_id: int) -> bool:
    """Whether anyone has checked in for the meeting."""
    return session.scalar(select(CheckIn.id).where(CheckIn.meeting_id == meeting_id).limit(1)) is not None
