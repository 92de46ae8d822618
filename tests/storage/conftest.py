"""Sessions on a migrated, empty database, once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, make_session_factory


@pytest.fixture
def sessions(any_db_url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on the test database (for tests that commit between steps)."""
    engine = make_engine(any_db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def db(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One session on the test database; nothing is committed unless the test does."""
    with sessions() as session:
        yield session
