"""Engine and session factory: URL normalisation, SQLite pragmas, migrations on demand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from storage.scope import all_networks_info, scoped_info

MIGRATIONS = Path(__file__).parent / "migrations"
# How long a SQLite connection waits for another's write lock, unless a unit of work says less.
SQLITE_BUSY_MS = 15_000


def normalise_url(url: str) -> str:
    """Rewrite `postgres://` and bare `postgresql://` for the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web process read while the scheduler writes; busy_timeout makes a
    # second process wait for the write lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` (SQLite or PostgreSQL), configured for this app."""
    url = normalise_url(url)
    # A database error's message would otherwise carry the statement's parameters (check-in
    # answers, motivations) into the logs with its traceback.
    kwargs.setdefault("hide_parameters", True)
    # A unit of work that finds the pool exhausted waits this long, then fails loudly.
    kwargs.setdefault("pool_timeout", 10)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_session_factory(engine: Engine, network_id: int | None = None) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (views are built after saving),
    working in `network_id` (None: the only network; see storage/scope.py)."""
    info = scoped_info(network_id) if network_id is not None else {}
    return sessionmaker(engine, expire_on_commit=False, info=info)


def all_networks_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that see every network: for choosing one, never for a network's own work."""
    return sessionmaker(engine, expire_on_commit=False, info=all_networks_info())


@contextmanager
def transaction(factory: sessionmaker[Session], lock_wait: float | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, always close.

    With `lock_wait` (seconds), a lock held elsewhere (another process writing, a migration, a
    `LOCK TABLE`) makes the work fail after that long instead of waiting: for work whose answer
    must reach Slack within its 3 seconds, so the person is told the truth in time.
    """
    with factory() as session, session.begin():
        if lock_wait is None:
            yield session
            return
        sqlite = session.get_bind().dialect.name == "sqlite"
        ms = max(1, int(lock_wait * 1000))
        connection = session.connection()
        if sqlite:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={ms}")
        else:  # PostgreSQL: for this transaction only
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {ms}")
        try:
            yield session
        finally:
            if sqlite:  # the connection goes back to the pool with the usual patience
                connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work that only reads, outside a transaction: each statement sees its own
    snapshot, and PostgreSQL is spared the BEGIN and ROLLBACK round trips (from 2.2 to 0.6 ms
    wall for the check-in's one statement on this machine). For the request paths that read
    once before the ack; work that reads several things that must agree uses `transaction`.

    Nothing written here is kept: autoflush is off, and a unit of work that added, changed or
    deleted an object fails loudly instead (its changes are dropped with the session).
    """
    with factory(bind=_autocommit(factory.kw["bind"]), autoflush=False) as session:
        yield session
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("a reading unit of work changed something; use transaction()")


def _autocommit(engine: Engine) -> Engine:
    """`engine` in autocommit mode (same pool, same connections), made once and kept on it.
    SQLite's driver opens no transaction for a read anyway, and switching it costs a PRAGMA
    when the connection goes back: there the engine is used as it is."""
    if engine.dialect.name == "sqlite":
        return engine
    found: Engine | None = engine.__dict__.get("_chefsnatverket_autocommit")
    if found is None:
        found = engine.execution_options(isolation_level="AUTOCOMMIT")
        engine.__dict__["_chefsnatverket_autocommit"] = found
    return found


def database_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds (used by GET /healthz)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def alembic_config(url: str) -> Any:
    """An Alembic Config pointing at the packaged migrations, for `url`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation would choke on %-escapes in passwords.
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


_REVISION_LINE = re.compile(r'^(down_revision|revision) = "([^"]+)"$', re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration's id, read from the migration files without loading Alembic
    (None when the files do not say plainly: then Alembic decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
        if "down_revision" in found:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def at_head(url: str) -> bool:
    """Whether the database at `url` is already at the newest migration."""
    head = head_revision()
    if head is None:
        return False
    engine = create_engine(normalise_url(url), poolclass=NullPool, hide_parameters=True)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head)
    except DBAPIError:
        return False  # no schema yet (or no database): Alembic says which
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` to `revision` (default: the newest migration).

    A database already at the newest one is left as it is without importing Alembic, which
    would stay in a server's memory for nothing.
    """
    if revision == "head" and at_head(url):
        return
    from alembic import command

    command.upgrade(alembic_config(url), revision)


class DatabaseUnavailable(Exception):
    """The database could not be reached or opened; the message is one line, without secrets."""


def upgrade_checked(url: str, revision: str = "head") -> None:
    """`upgrade`, turning "cannot connect / cannot open" into DatabaseUnavailable (one line)."""
    try:
        upgrade(url, revision)
    except DBAPIError as err:
        # Only "cannot connect / cannot open" (a file that is not a database is a bare
        # DatabaseError); a failing migration statement is a bug and keeps its traceback.
        if not isinstance(err, OperationalError | InterfaceError) and type(err) is not DatabaseError:
            raise
        lines = str(err.orig or err).strip().splitlines()
        raise DatabaseUnavailable(
            f"the database cannot be reached: {lines[0] if lines else type(err).__name__}"
        ) from None
