"""storage/prepared.py: the check-in's statement run on the driver gives exactly what SQLAlchemy
gives, on both databases; the engine's statement listeners see it; nothing is left open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import column, event, select, table
from sqlalchemy.orm import Session, sessionmaker

from storage.checkins import add_checkin, checkin_context
from storage.db import reading, transaction
from storage.models import Meeting, Member, Organisation
from storage.prepared import Prepared

EARLIER = dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC)
NEXT = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def arranged(sessions: sessionmaker[Session]) -> tuple[int, int]:
    """A member with a check-in for an earlier meeting and one for the next: (next id, member id)."""
    with transaction(sessions) as s:
        member = Member(
            slack_user_id="U1", name="Beata Holm", organisation=Organisation(name="Region Skåne"), active=True
        )
        earlier, upcoming = Meeting(starts_at=EARLIER, place="Lund"), Meeting(starts_at=NEXT, place="Malmö")
        s.add_all([member, earlier, upcoming])
        s.flush()
        add_checkin(s, earlier.id, member.id, "Budget & <!channel>", "Ny chef", None, EARLIER)
        add_checkin(
            s, upcoming.id, member.id, "Rekrytering", None, "Stöd", NOW, ("network", "organisers", "network")
        )
        return upcoming.id, member.id


@pytest.mark.parametrize("meeting", ["next", "by id"])
@pytest.mark.parametrize("with_previous", [False, True])
@pytest.mark.parametrize("user", ["U1", "U-unknown"])
def test_the_driver_gives_what_sqlalchemy_gives(
    sessions: sessionmaker[Session], arranged: tuple[int, int], meeting: str, with_previous: bool, user: str
) -> None:
    meeting_id = arranged[0] if meeting == "by id" else None
    with transaction(sessions) as session:  # begun: SQLAlchemy's own execution
        expected = checkin_context(session, user, NOW, meeting_id, with_previous)
    with reading(sessions) as session:  # nothing begun: the driver
        assert not session.in_transaction()
        got = checkin_context(session, user, NOW, meeting_id, with_previous)
    assert got == expected
    assert got.meeting_id == arranged[0] and got.starts_at == NEXT and got.starts_at.tzinfo is not None
    if user == "U1":
        assert got.occupying == "Rekrytering" and got.changes_visibility == "organisers"
        assert (got.previous is not None) == with_previous
        if got.previous is not None:
            assert got.previous.starts_at == EARLIER and got.previous.occupying == "Budget & <!channel>"


def test_the_engines_listeners_see_the_statement_and_no_transaction_is_left(
    sessions: sessionmaker[Session], arranged: tuple[int, int]
) -> None:
    engine: Any = sessions.kw["bind"]
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with reading(sessions) as session:
            checkin_context(session, "U1", NOW)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(seen) == 1 and "FROM members" in seen[0]
    connection = engine.raw_connection()  # the pool's connection, as the next request gets it
    try:
        raw = connection.dbapi_connection
        if engine.dialect.name == "sqlite":
            assert not raw.in_transaction
        else:
            assert raw.autocommit is False and raw.info.transaction_status == 0  # IDLE
    finally:
        connection.close()


def test_a_failing_statement_raises_the_drivers_error_and_the_next_reads_work(
    sessions: sessionmaker[Session], arranged: tuple[int, int]
) -> None:
    engine: Any = sessions.kw["bind"]
    broken = Prepared(select(table("no_such_table", column("id")).c.id))
    with pytest.raises(engine.dialect.loaded_dbapi.Error):
        broken.first(engine, {})
    for _ in range(3):  # the failed connection was dropped; the pool gives working ones
        with reading(sessions) as session:
            assert checkin_context(session, "U1", NOW).member_id == arranged[1]
