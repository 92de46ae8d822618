"""Members, organisations and organisers: the named queries the meeting and admin features need."""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, selectinload

from storage.models import Base, Member, Organisation
from storage.scope import NETWORK, network_params, network_sql, session_network


class MemberChange(enum.Enum):
    """What `upsert_member` did."""

    CREATED = "created"
    REACTIVATED = "reactivated"
    MOVED = "moved"
    UNCHANGED = "unchanged"


def active_members(session: Session) -> list[Member]:
    """Active members with their organisations, ordered by organisation then name.

    Read once per unit of work: the organisers' board asks four times (its schedule, the
    audiences, attendance, who is missing), which at 2,000 members was most of its time. Any
    write in the session (pending, flushed, a bulk statement) or its end forgets the list.
    """
    return remembered(session, "active_members", lambda: _load_active_members(session))


def _load_active_members(session: Session) -> list[Member]:
    members = session.scalars(
        select(Member).where(Member.active.is_(True)).options(selectinload(Member.organisation))
    ).all()
    return sorted(
        members, key=lambda m: ((m.organisation.name if m.organisation else "~"), (m.name or "").lower())
    )


_REMEMBERED = "remembered_reads"
T = TypeVar("T")


def remembered(session: Session, key: Hashable, load: Callable[[], list[T]]) -> list[T]:
    """`load()`, read once per unit of work: any write in the session (pending, flushed, a bulk
    statement) or its end forgets every remembered read."""
    reads: dict[Hashable, tuple[Any, ...]] = session.info.setdefault(_REMEMBERED, {})
    if session.new or session.dirty or session.deleted:
        reads.clear()
    if key not in reads:
        reads[key] = tuple(load())
    return list(reads[key])


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_active(session: Session, *_args: Any) -> None:
    session.info.pop(_REMEMBERED, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_active_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget_active(state.session)


class MemberIds(Protocol):
    """What an audience needs of a member: a Member row or a MemberRow both have it."""

    @property
    def id(self) -> int: ...

    @property
    def slack_user_id(self) -> str: ...


class MemberRef(NamedTuple):
    """An active member as the scheduler needs them: two columns, not an ORM object."""

    id: int
    slack_user_id: str


def active_member_refs(session: Session) -> list[MemberRef]:
    """Every active member's id and Slack user id (one light query, for ticks and audiences)."""
    # Core, not the ORM's row processing: at 2,000 members that is most of an idle tick. Core
    # is not filtered by storage/scope.py's event, so the statement names its network.
    rows = session.connection().execute(
        select(Member.id, Member.slack_user_id).where(
            Member.active.is_(True), Member.network_id == network_sql()
        ),
        network_params(session),
    )
    return [MemberRef(*row) for row in rows]


class MemberRow(NamedTuple):
    """An active member with their organisation's name, as a list or a board shows them."""

    id: int
    slack_user_id: str
    name: str | None
    organisation_id: int | None
    organisation: str | None


def active_member_rows(session: Session) -> list[MemberRow]:
    """Active members with their organisation's name in one query, ordered as `active_members`.

    Columns through Core, not ORM objects (at 2,000 members the ORM load was most of an idle
    tick and of the organisers' board), and read once per unit of work like `active_members`.
    """
    return remembered(session, "active_member_rows", lambda: _load_active_member_rows(session))


def _load_active_member_rows(session: Session) -> list[MemberRow]:
    rows = session.connection().execute(
        select(Member.id, Member.slack_user_id, Member.name, Member.organisation_id, Organisation.name)
        .outerjoin(Organisation, Member.organisation_id == Organisation.id)
        .where(Member.active.is_(True), Member.network_id == network_sql()),
        network_params(session),
    )
    return sorted((MemberRow(*row) for row in rows), key=member_order)


def member_order(member: MemberRow) -> tuple[str, str, int]:
    """How members are listed: by organisation (those without one last), then by name (two of
    the same name in the order they were added, whatever order a query returned them in)."""
    return member.organisation or "~", (member.name or "").lower(), member.id


def active_member(session: Session, user_id: str) -> Member | None:
    """The active network member with this Slack user id, if any."""
    return session.scalar(select(Member).where(Member.slack_user_id == user_id, Member.active.is_(True)))


def is_appointed_organiser(session: Session, user_id: str) -> bool:
    """Whether this person was appointed organiser in the app (ORGANISERS is not stored here)."""
    return bool(session.scalar(select(Member.is_organiser).where(Member.slack_user_id == user_id)))


def appointed_organiser_ids(session: Session) -> list[str]:
    """The user ids of everyone appointed organiser in the app."""
    return list(session.scalars(select(Member.slack_user_id).where(Member.is_organiser.is_(True))))


def member_by_user(session: Session, user_id: str) -> Member | None:
    """The member row for a Slack user, active or not, with its organisation."""
    return session.scalar(
        select(Member).where(Member.slack_user_id == user_id).options(selectinload(Member.organisation))
    )


def members_by_user(session: Session, user_ids: Iterable[str]) -> list[Member]:
    """The member rows (active or not) of these Slack users, those the app knows."""
    wanted = list(user_ids)
    if not wanted:
        return []
    return list(session.scalars(select(Member).where(Member.slack_user_id.in_(wanted))))


def find_organisation(session: Session, name: str) -> Organisation | None:
    """The organisation whose name matches `name` ignoring case (also å/Å, which SQLite's lower() misses)."""
    wanted = name.casefold()
    return next((o for o in session.scalars(select(Organisation)) if o.name.casefold() == wanted), None)


def _insert_ignoring_duplicate(
    session: Session, model: type[Base], column: str, values: dict[str, Any]
) -> bool:
    """INSERT … ON CONFLICT (column) DO NOTHING, on SQLite and PostgreSQL alike; True when inserted.

    A concurrent insert of the same key waits for the other transaction and then does nothing,
    so create-or-get never fails on the unique constraint and never needs a retry.
    """
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    # Unique within a network: the row belongs to the session's network.
    values = {**values, NETWORK: session_network(session)}
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=[NETWORK, column])
    # RETURNING, not rowcount: SQLite's rowcount is not reset by an insert that did nothing.
    return session.execute(statement.returning(model.__table__.c.id)).first() is not None


def get_or_create_organisation(session: Session, name: str) -> tuple[Organisation, bool]:
    """The organisation called `name` (any case), created when new; True when created.

    Race-free: twelve parallel `medlem @x Ny Förvaltning` create the organisation once and all
    find it."""
    found = find_organisation(session, name)
    if found is not None:
        return found, False
    created = _insert_ignoring_duplicate(session, Organisation, "name", {"name": name})
    organisation = session.scalars(
        select(Organisation).where(Organisation.name == name).execution_options(populate_existing=True)
    ).one()
    return organisation, created


def upsert_member(
    session: Session, user_id: str, organisation: Organisation, name: str | None
) -> tuple[Member, MemberChange, Organisation | None]:
    """Make `user_id` an active member of `organisation`: create, reactivate or move them.

    Returns the member, what changed and the organisation they belonged to before (if moved).
    A known name is only replaced by a new one, never by None.
    """
    member = member_by_user(session, user_id)
    if member is None:
        values = {"slack_user_id": user_id, "name": name, "organisation_id": organisation.id, "active": True}
        created = _insert_ignoring_duplicate(session, Member, "slack_user_id", values)
        member = member_by_user(session, user_id)
        assert member is not None
        if created:
            return member, MemberChange.CREATED, None
    before = member.organisation
    if name:
        member.name = name
    if not member.active:
        change = MemberChange.REACTIVATED
    elif before is None or before.id != organisation.id:
        change = MemberChange.MOVED
    else:
        change = MemberChange.UNCHANGED
    member.active = True
    member.organisation = organisation
    session.flush()
    return member, change, (before if change is MemberChange.MOVED else None)


def deactivate_member(session: Session, user_id: str) -> Member | None:
    """Take an active member out of the network (their history stays); None if not active."""
    member = member_by_user(session, user_id)
    if member is None or not member.active:
        return None
    member.active = False
    session.flush()
    return member


def set_organiser(session: Session, user_id: str, flag: bool, name: str | None = None) -> Member:
    """Appoint (or dismiss) an organiser; a person the app did not know gets an inactive row."""
    member = member_by_user(session, user_id)
    if member is None:
        member = Member(slack_user_id=user_id, name=name, active=False, is_organiser=flag)
        session.add(member)
    else:
        member.is_organiser = flag
        if name:
            member.name = name
    session.flush()
    return member


def appointed_organisers(session: Session) -> list[Member]:
    """Members appointed as organisers in the app (the ORGANISERS setting is not in the database)."""
    return list(
        session.scalars(select(Member).where(Member.is_organiser.is_(True)).order_by(Member.slack_user_id))
    )


def set_member_name(session: Session, user_id: str, name: str) -> None:
    """Store the name Slack gave us for a person we already know."""
    member = member_by_user(session, user_id)
    if member is not None and name:
        member.name = name


def keep_appointed_organisers(session: Session, keep: set[str]) -> None:
    """Dismiss every appointed organiser not in `keep`."""
    for member in appointed_organisers(session):
        if member.slack_user_id not in keep:
            member.is_organiser = False
    session.flush()


def members_by_user_id(session: Session, user_ids: Iterable[str]) -> dict[str, Member]:
    """The network's members among `user_ids` (with their organisation), by Slack user id, in one query."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    members = session.scalars(
        select(Member).where(Member.slack_user_id.in_(wanted)).options(selectinload(Member.organisation))
    )
    return {m.slack_user_id: m for m in members}
