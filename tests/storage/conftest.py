"""Sessions on a migrated, empty database, and databases with no schema for the migration tests;
each once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, make_session_factory
from tests.conftest import new_postgres_database


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


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all (migrations start from nothing)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with new_postgres_database("chefs_migrate") as url:
        yield url
