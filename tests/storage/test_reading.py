"""`storage.db.reading`: reads outside a transaction, on both databases, and never a write."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import reading, transaction
from storage.models import Network, Organisation


def _autocommit(session: Session) -> bool:
    """Whether the session's DBAPI connection commits each statement by itself."""
    raw = session.connection().connection.dbapi_connection
    if session.get_bind().dialect.name == "sqlite":
        return raw.isolation_level is None  # type: ignore[union-attr]
    return bool(raw.autocommit)  # type: ignore[union-attr]


def test_a_reading_unit_of_work_has_no_transaction_and_gives_the_connection_back_as_it_was(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        session.add(Network(name="Chefsnätverket"))
    with reading(sessions) as session:
        assert _autocommit(session)
        assert session.scalar(select(func.count(Network.id))) == 1
    for _ in range(3):  # every pooled connection a writer gets is transactional again
        with transaction(sessions) as session:
            assert not _autocommit(session)


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
