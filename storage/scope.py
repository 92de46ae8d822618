"""Which network a session works in: every row that belongs to a network is filtered by it.

A session carries its network in `session.info["network_id"]` (the runtime's session factory for
one network sets it, bot/runtime.py). Two session events make the scope hold for every query
in storage/, whoever wrote it:

- `do_orm_execute` adds `network_id = <the session's network>` to every ORM SELECT, UPDATE and
  DELETE of a `NetworkScoped` model (also relationship loads), so a query cannot see or change
  another network's rows, however it was written;
- `before_flush` stamps new rows with the session's network and refuses a row of another one.

A session with no network works in the deployment's only network (created on first use), so
one network behaves as before any networks existed. With several networks such a session
refuses to guess (`NetworkNotChosen`). Code that must see every network (the scheduler's
list of networks, migrations) opens a session with `info={"all_networks": True}`: no filter,
and new rows must name their network.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ForeignKey, Integer, Table, bindparam, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria
from sqlalchemy.sql.util import find_tables

NETWORK = "network_id"
ALL_NETWORKS = "all_networks"


class NetworkNotChosen(RuntimeError):
    """A session without a network touched network rows while several networks exist."""


class NetworkScoped:
    """Mixin of every model whose rows belong to one network."""

    network_id: Mapped[int] = mapped_column(ForeignKey("network.id"), index=True)


def scoped_info(network_id: int) -> dict[str, Any]:
    """The `info` of a session working in `network_id`."""
    return {NETWORK: network_id}


def all_networks_info() -> dict[str, Any]:
    """The `info` of a session that sees every network (no filter)."""
    return {ALL_NETWORKS: True}


def session_network(session: Session) -> int:
    """The network `session` works in; the only network when none was given."""
    network_id = session.info.get(NETWORK)
    if network_id is None:
        if session.info.get(ALL_NETWORKS):
            raise NetworkNotChosen("a session over all networks has no single network")
        network_id = _only_network(session)
        session.info[NETWORK] = network_id
    return int(network_id)


def unscoped(session: Session) -> bool:
    """Whether `session` names no network and works in the deployment's only one."""
    return session.info.get(NETWORK) is None and not session.info.get(ALL_NETWORKS)


def known_network(session: Session) -> int | None:
    """The network `session` works in, without creating the first one (None: none exists yet)."""
    if session.info.get(NETWORK) is None and not session.info.get(ALL_NETWORKS):
        from storage.models import Network

        if session.scalar(select(func.count()).select_from(Network)) == 0:
            return None
    return session_network(session)


def _only_network(session: Session) -> int:
    from storage.models import Network

    table = Network.__table__
    assert isinstance(table, Table)
    connection = session.connection()
    ids = list(connection.execute(select(table.c.id).order_by(table.c.id).limit(2)).scalars())
    if len(ids) > 1:
        raise NetworkNotChosen("several networks exist and this session names none")
    if ids:
        return int(ids[0])
    # The first use of a new database: the first network, id 1 (two processes racing here both
    # end up with the same row).
    dialect = connection.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    connection.execute(insert(table).values(id=1, name="Chefsnätverket").on_conflict_do_nothing())
    if dialect == "postgresql":
        connection.execute(
            select(func.setval(func.pg_get_serial_sequence("network", "id"), func.max(table.c.id)))
        )
    return 1


@event.listens_for(Session, "do_orm_execute")
def _filter_by_network(state: ORMExecuteState) -> None:
    if state.is_column_load or state.session.info.get(ALL_NETWORKS):
        return
    if state.is_insert:
        _stamp_bulk_insert(state)
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if not _touches_network_rows(state):
        return  # e.g. the workspace's token state: no network to choose
    network_id = session_network(state.session)
    state.statement = state.statement.options(
        with_loader_criteria(NetworkScoped, lambda cls: cls.network_id == network_id, include_aliases=True)
    )


def _stamp_bulk_insert(state: ORMExecuteState) -> None:
    """`session.execute(insert(Model), rows)`: rows without a network get the session's."""
    if not any(issubclass(mapper.class_, NetworkScoped) for mapper in state.all_mappers):
        return
    given: Any = state.parameters
    rows: list[dict[str, Any]] = [given] if isinstance(given, dict) else list(given or [])
    if rows and any("network_id" not in row for row in rows):
        network_id = session_network(state.session)
        for row in rows:
            row.setdefault("network_id", network_id)


def _touches_network_rows(state: ORMExecuteState) -> bool:
    if any(issubclass(mapper.class_, NetworkScoped) for mapper in state.all_mappers):
        return True
    # Also through subqueries (Query.count() wraps its query in one) and plain columns.
    statement: Any = state.statement
    found = find_tables(
        statement, check_columns=True, include_aliases=True, include_joins=True, include_crud=True
    )
    return any(isinstance(table, Table) and table.name in _scoped_tables() for table in found)


@cache
def _scoped_tables() -> frozenset[str]:
    from storage.models import Base

    scoped = (m.local_table for m in Base.registry.mappers if issubclass(m.class_, NetworkScoped))
    return frozenset(table.name for table in scoped if isinstance(table, Table))


@event.listens_for(Session, "before_flush")
def _stamp_network(session: Session, _context: Any, _instances: Any) -> None:
    news = [obj for obj in session.new if isinstance(obj, NetworkScoped)]
    if not news:
        return
    if session.info.get(ALL_NETWORKS):
        if any(obj.network_id is None for obj in news):
            raise NetworkNotChosen("a new row in a session over all networks must name its network")
        return
    network_id = session_network(session)
    for obj in news:
        if obj.network_id is None:
            obj.network_id = network_id
        elif obj.network_id != network_id:
            raise NetworkNotChosen("a row of another network in this session")


def network_sql() -> Any:
    """The session's network in a Core statement: bind `network_id` to the session's
    (`session.info.get(NETWORK)`); unbound (None), the only network's id, in the same round trip
    (NULL when there are several: an unscoped statement then matches nothing, never guesses)."""
    from storage.models import Network  # the models import this module

    only = select(func.min(Network.id)).having(func.count(Network.id) == 1).scalar_subquery()
    return func.coalesce(bindparam("network_id", type_=Integer), only)


def network_count_sql() -> Any:
    """How many networks the deployment has, as a column of a Core statement (one more scalar
    subquery in a round trip made anyway): what an unscoped session's "the only network" rests on."""
    from storage.models import Network

    return select(func.count(Network.id)).scalar_subquery()


def network_params(session: Session) -> dict[str, Any]:
    """The bind of `network_sql()` for a Core statement run on `session`'s connection: the
    session's network (None: the only one, found in the same statement)."""
    return {"network_id": session.info.get(NETWORK)}
