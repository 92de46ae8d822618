"""The check-in's read before the ack: `storage.db.reading` reads outside a transaction, on both
databases, and never writes; its one statement stays cheap to run on SQLite."""

from __future__ import annotations

from typing import Any

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session, sessionmaker

from storage import checkins
from storage.db import reading, transaction
from storage.models import Network, Organisation


def _in_transaction(session: Session) -> bool:
    """Whether the session's DBAPI connection is inside a transaction now."""
    raw: Any = session.connection().connection.dbapi_connection
    if session.get_bind().dialect.name == "sqlite":
        return bool(raw.in_transaction)
    return bool(raw.info.transaction_status != TransactionStatus.IDLE)


def test_a_reading_unit_of_work_has_no_transaction_and_writers_still_get_one(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        session.add(Network(name="Chefsnätverket"))
    with reading(sessions) as session:
        assert session.scalar(select(func.count(Network.id))) == 1
        assert not _in_transaction(session)
    for _ in range(3):  # every pooled connection a writer gets opens a transaction again
        with transaction(sessions) as session:
            session.scalar(select(func.count(Network.id)))
            session.add(Organisation(name="Arbetsförmedlingen", network_id=1))
            session.flush()
            assert _in_transaction(session)
            session.rollback()


def test_a_write_in_a_reading_unit_of_work_fails_and_is_not_kept(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        network = Network(name="Chefsnätverket")
        session.add(network)
        session.flush()
        network_id = network.id
    with pytest.raises(RuntimeError, match="use transaction"), reading(sessions) as session:
        session.get(Network, network_id)  # a read first, as the real callers do
        session.add(Organisation(name="Arbetsförmedlingen", network_id=network_id))
    with transaction(sessions) as session:
        assert session.scalar(select(func.count(Organisation.id))) == 0


def test_the_checkin_statement_writes_planned_into_its_sql() -> None:
    """The meetings' partial index is on status = 'planned': with the status bound instead,
    SQLite prepares the check-in's statement again on every request (ten times its cost)."""
    sql = str(checkins._CONTEXTS[False, False].compile(dialect=sqlite.dialect()))
    assert "meetings.status = 'planned'" in sql
    assert sql.count("FROM network") == 2  # the network worked out once (and the count)
