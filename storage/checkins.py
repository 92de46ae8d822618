"""Queries and writes for check-ins.

A check-in's `updated_at` tells when its answers last changed: writes that only touch the pending
DM reply leave it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy import Engine, and_, bindparam, literal_column, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from storage.db import transaction
from storage.models import CheckIn, Meeting, MeetingStatus, Member, Network, Visibility
from storage.prepared import Prepared
from storage.scope import NETWORK, network_count_sql, network_sql, unscoped

T = TypeVar("T")


# ---------------------------------------------------------------- reading check-ins


class Answered(Protocol):
    """A check-in's three answers and who reads each (a CheckIn row, or a context read with one)."""

    @property
    def occupying(self) -> str | None: ...
    @property
    def changes(self) -> str | None: ...
    @property
    def support(self) -> str | None: ...
    @property
    def occupying_visibility(self) -> str | None: ...
    @property
    def changes_visibility(self) -> str | None: ...
    @property
    def support_visibility(self) -> str | None: ...


class EarlierContext(NamedTuple):
    """The member's answers before the previous meeting ("Förra gången skrev du")."""

    starts_at: dt.datetime
    occupying: str | None
    changes: str | None
    support: str | None
    occupying_visibility: str | None
    changes_visibility: str | None
    support_visibility: str | None


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
    occupying_visibility: str | None
    changes_visibility: str | None
    support_visibility: str | None
    network_id: int | None  # the network read in (an unscoped session's: the only one, else None)
    networks: int  # how many networks the deployment has (what "the only one" rests on)
    previous: EarlierContext | None = None  # read only when asked for (the modal)


_ANSWER_COLUMNS = (
    "occupying",
    "changes",
    "support",
    *(f"{c}_visibility" for c in ("occupying", "changes", "support")),
)


# 'planned' written into the SQL, not bound: the meetings' partial index is on status =
# 'planned', and SQLite prepares a statement again on every execution whose bound value could
# decide whether such an index applies (0.13 ms against 0.011 ms for the statement below).
_PLANNED: Any = literal_column(f"'{MeetingStatus.PLANNED.value}'")


def _context_statement(by_id: bool, with_previous: bool) -> Any:
    # A Core statement is not filtered by storage/scope.py's ORM event: it names its network
    # itself (the session's, or the only one's) so a person in two networks is never mixed up.
    # The network is worked out once, in a one-row derived table the other parts join or
    # correlate to, rather than `network_sql()` written out again in each of them.
    net = select(network_sql().label("id"), network_count_sql().label("networks")).subquery("net")
    network = net.c.id
    member = (
        select(Member.id)
        .where(
            Member.slack_user_id == bindparam("user_id"),
            Member.active.is_(True),
            Member.network_id == network,
        )
        .correlate(net)
        .scalar_subquery()
    )
    wanted = (
        bindparam("meeting_id")
        if by_id
        else select(Meeting.id)
        .where(
            Meeting.status == _PLANNED,
            Meeting.starts_at > bindparam("now"),
            Meeting.network_id == network,
        )
        .order_by(Meeting.starts_at)
        .limit(1)
        .correlate(net)
        .scalar_subquery()
    )
    joined = (
        net.outerjoin(Meeting, and_(Meeting.id == wanted, Meeting.network_id == network))
        .outerjoin(Network, Network.id == network)
        .outerjoin(CheckIn, and_(CheckIn.meeting_id == Meeting.id, CheckIn.member_id == member))
    )
    columns: list[Any] = [
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
        CheckIn.occupying_visibility,
        CheckIn.changes_visibility,
        CheckIn.support_visibility,
        network,
        net.c.networks,
    ]
    if with_previous:  # the member's latest check-in for a planned meeting before this one
        before, before_meeting = aliased(CheckIn), aliased(Meeting)
        earlier, earlier_meeting = aliased(CheckIn), aliased(Meeting)
        latest_id = (
            select(earlier.id)
            .join(earlier_meeting, earlier.meeting_id == earlier_meeting.id)
            .where(
                earlier.member_id == member,
                earlier_meeting.starts_at < Meeting.starts_at,
                earlier_meeting.status == _PLANNED,
            )
            .order_by(earlier_meeting.starts_at.desc())
            .limit(1)
            .correlate(Meeting)
            .scalar_subquery()
        )
        joined = joined.outerjoin(before, before.id == latest_id).outerjoin(
            before_meeting, before_meeting.id == before.meeting_id
        )
        columns += [before_meeting.starts_at, *(getattr(before, c) for c in _ANSWER_COLUMNS)]
    return select(*columns).select_from(joined)


# Built once: a request only binds its values (SQLAlchemy's compiled cache does the rest).
_CONTEXTS = {
    (by_id, prev): _context_statement(by_id, prev) for by_id in (False, True) for prev in (False, True)
}
_BASE = len(CheckinContext._fields) - 1
# The same statements on the driver's own cursor, for a unit of work that has not begun
# (storage/prepared.py: the check-in's read before the ack).
_PREPARED = {key: Prepared(statement) for key, statement in _CONTEXTS.items()}


def checkin_context(
    session: Session,
    user_id: str,
    now: dt.datetime,
    meeting_id: int | None = None,
    with_previous: bool = False,
) -> CheckinContext:
    """The member, the meeting (`meeting_id`, or the next planned one after `now`), the
    network's settings version and the member's check-in for it (and, `with_previous`, their
    answers before the meeting preceding it): one round trip. In a session that has begun
    nothing yet (`storage.db.reading`) it runs on the driver directly, outside a transaction."""
    params: dict[str, Any] = {"user_id": user_id, "network_id": session.info.get(NETWORK)}
    params.update({"now": now} if meeting_id is None else {"meeting_id": meeting_id})
    key = (meeting_id is not None, with_previous)
    bind = session.get_bind()
    if session.in_transaction() or not isinstance(bind, Engine):  # in the unit of work's transaction
        row: Any = session.connection().execute(_CONTEXTS[key], params).one()
    else:  # nothing begun (a read before the ack): one row straight from the driver
        row = _PREPARED[key].first(bind, params)
        if row is None:  # the statement always gives one row (its one-row anchor)
            raise RuntimeError("the check-in context statement gave no row")
    previous = EarlierContext(*row[_BASE:]) if with_previous and row[_BASE] is not None else None
    context = CheckinContext._make((*row[:_BASE], previous))
    if unscoped(session) and context.network_id is not None:
        # The rest of the unit of work (ORM loads, writes) needs no query to find the network.
        session.info[NETWORK] = context.network_id
    return context


def context_as(
    session: Session, row: CheckinContext, member_id: int, with_previous: bool = False
) -> CheckinContext:
    """`row` read again for another member (an ersättare, who is not an active member)."""
    checkin = checkin_for(session, row.meeting_id, member_id) if row.meeting_id is not None else None
    answers: dict[str, Any] = {
        c: getattr(checkin, c) if checkin else None for c in (*_ANSWER_COLUMNS, "pending_occupying")
    }
    earlier = (
        earlier_checkin(session, member_id, row.starts_at)
        if with_previous and row.starts_at is not None
        else None
    )
    previous = (
        EarlierContext(earlier.meeting.starts_at, *(getattr(earlier, c) for c in _ANSWER_COLUMNS))
        if earlier is not None
        else None
    )
    return row._replace(
        member_id=member_id, checkin_id=checkin.id if checkin else None, previous=previous, **answers
    )


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


def visibility_of(checkin: Answered) -> tuple[Visibility, Visibility, Visibility]:
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
