"""Queries and writes for check-ins.

A check-in's `updated_at` tells when its answers last changed: writes that only touch the pending
DM reply leave it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from storage.db import transaction
from storage.models import CheckIn, Member

T = TypeVar("T")


# ---------------------------------------------------------------- reading check-ins


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


# ---------------------------------------------------------------- writing check-ins


def add_checkin(
    session: Session,
    meeting_id: int,
    member_id: int,
    occupying: str,
    changes: str | None,
    support: str | None,
    now: dt.datetime,
) -> CheckIn:
    """Insert a member's first check-in for a meeting.

    Raises IntegrityError when a concurrent request inserted theirs first (the schema allows one
    per member and meeting); `retrying_duplicate` runs the whole unit of work again then.
    """
    checkin = CheckIn(
        meeting_id=meeting_id,
        member_id=member_id,
        occupying=occupying,
        changes=changes,
        support=support,
        created_at=now,
        updated_at=now,
    )
    session.add(checkin)
    session.flush()
    return checkin


def update_answers(
    session: Session,
    checkin: CheckIn,
    occupying: str,
    changes: str | None,
    support: str | None,
    now: dt.datetime,
) -> None:
    """Replace a check-in's three answers; an explicit answer drops any pending DM reply."""
    checkin.occupying = occupying
    checkin.changes = changes
    checkin.support = support
    checkin.pending_occupying = None
    checkin.updated_at = now
    session.flush()


def set_pending(session: Session, checkin: CheckIn, text: str | None) -> None:
    """Keep (or, with None, drop) a DM reply aside without moving `updated_at`."""
    checkin.pending_occupying = text
    # Send `updated_at` unchanged, so the column's wall-clock onupdate does not fire either.
    flag_modified(checkin, "updated_at")
    session.flush()


def retrying_duplicate(
    sessions: sessionmaker[Session], work: Callable[[Session], T], lock_wait: float | None = None
) -> T:
    """Run `work` in a transaction; once more when a unique constraint stopped a duplicate insert.

    Another request for the same member and meeting (a double submit, a Slack retry) may insert
    the row between our read and our insert; the second run reads that row and updates it.
    `lock_wait` is `transaction`'s.
    """
    try:
        with transaction(sessions, lock_wait) as session:
            return work(session)
    except IntegrityError:
        with transaction(sessions, lock_wait) as session:
            return work(session)
