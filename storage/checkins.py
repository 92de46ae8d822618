"""Queries and writes for check-ins.

A check-in's `updated_at` tells when its answers last changed: writes that only touch the pending
DM reply leave it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from storage.db import transaction
from storage.models import CheckIn, Meeting, MeetingStatus, Member, Visibility

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


def checkin_by_id(session: Session, checkin_id: int) -> CheckIn | None:
    """A check-in by its id, with its member loaded, if it exists."""
    return session.get(CheckIn, checkin_id, options=[selectinload(CheckIn.member)])


def earlier_checkin(session: Session, member_id: int, before: dt.datetime) -> CheckIn | None:
    """The member's latest check-in for a planned meeting that started before `before`."""
    return session.scalar(
        select(CheckIn)
        .join(Meeting, CheckIn.meeting_id == Meeting.id)
        .where(
            CheckIn.member_id == member_id,
            Meeting.starts_at < before,
            Meeting.status == MeetingStatus.PLANNED,
        )
        .options(selectinload(CheckIn.meeting))
        .order_by(Meeting.starts_at.desc())
        .limit(1)
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
    visibility: Sequence[str] = (Visibility.NETWORK,) * 3,
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
    _set_visibility(checkin, visibility)
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
    visibility: Sequence[str] = (Visibility.NETWORK,) * 3,
) -> None:
    """Replace a check-in's three answers (and who reads each); an explicit answer drops any
    pending DM reply."""
    _set_visibility(checkin, visibility)
    checkin.occupying = occupying
    checkin.changes = changes
    checkin.support = support
    checkin.pending_occupying = None
    checkin.updated_at = now
    session.flush()


def _set_visibility(checkin: CheckIn, visibility: Sequence[str]) -> None:
    occupying, changes, support = (Visibility(v).value for v in visibility)
    checkin.occupying_visibility = occupying
    checkin.changes_visibility = changes
    checkin.support_visibility = support


def visibility_of(checkin: CheckIn) -> tuple[Visibility, Visibility, Visibility]:
    """Who reads each of the check-in's three answers, in question order."""
    return (
        Visibility(checkin.occupying_visibility or Visibility.NETWORK),
        Visibility(checkin.changes_visibility or Visibility.NETWORK),
        Visibility(checkin.support_visibility or Visibility.NETWORK),
    )


def delete_checkin(session: Session, checkin: CheckIn) -> None:
    """Remove a check-in (the member withdrew it)."""
    session.delete(checkin)
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
