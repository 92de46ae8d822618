"""Queries and writes for check-ins.

A check-in's `updated_at` tells when its answers last changed: writes that only touch the pending
DM reply leave it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import and_, bindparam, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from storage.db import transaction
from storage.models import CheckIn, Meeting, MeetingStatus, Member, Network

T = TypeVar("T")


# ---------------------------------------------------------------- reading check-ins


class CheckinContext(NamedTuple):
    """Everything a check-in request decides with, from one query (None where there is none)."""

    member_id: int | None  # the active member with this Slack user id
    meeting_id: int | None  # the meeting asked for, or the next planned one
    starts_at: dt.datetime | None
    place: str | None
    status: str | None
    settings_version: int | None  # the network row's (None: no row yet)
    checkin_id: int | None
    occupying: str | None
    changes: str | None
    support: str | None
    pending_occupying: str | None


def _context_statement(by_id: bool) -> Any:
    member = (
        select(Member.id)
        .where(Member.slack_user_id == bindparam("user_id"), Member.active.is_(True))
        .scalar_subquery()
    )
    wanted = (
        bindparam("meeting_id")
        if by_id
        else select(Meeting.id)
        .where(Meeting.status == MeetingStatus.PLANNED.value, Meeting.starts_at > bindparam("now"))
        .order_by(Meeting.starts_at)
        .limit(1)
        .scalar_subquery()
    )
    anchor = select(literal(1).label("one")).subquery()
    return select(
        member,
        Meeting.id,
        Meeting.starts_at,
        Meeting.place,
        Meeting.status,
        Network.settings_version,
        CheckIn.id,
        CheckIn.occupying,
        CheckIn.changes,
        CheckIn.support,
        CheckIn.pending_occupying,
    ).select_from(
        anchor.outerjoin(Meeting, Meeting.id == wanted)
        .outerjoin(Network, Network.id == 1)
        .outerjoin(CheckIn, and_(CheckIn.meeting_id == Meeting.id, CheckIn.member_id == member))
    )


# Built once: a request only binds its values (SQLAlchemy's compiled cache does the rest).
_NEXT_MEETING_CONTEXT = _context_statement(by_id=False)
_MEETING_CONTEXT = _context_statement(by_id=True)


def checkin_context(
    session: Session, user_id: str, now: dt.datetime, meeting_id: int | None = None
) -> CheckinContext:
    """The member, the meeting (`meeting_id`, or the next planned one after `now`), the
    network's settings version and the member's check-in for it: one round trip."""
    if meeting_id is None:
        row = session.connection().execute(_NEXT_MEETING_CONTEXT, {"user_id": user_id, "now": now}).one()
    else:
        row = (
            session.connection()
            .execute(_MEETING_CONTEXT, {"user_id": user_id, "meeting_id": meeting_id})
            .one()
        )
    return CheckinContext(*row)


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


def retrying_duplicate(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """Run `work` in a transaction; once more when a unique constraint stopped a duplicate insert.

    Another request for the same member and meeting (a double submit, a Slack retry) may insert
    the row between our read and our insert; the second run reads that row and updates it.
    """
    try:
        with transaction(sessions) as session:
            return work(session)
    except IntegrityError:
        with transaction(sessions) as session:
            return work(session)
