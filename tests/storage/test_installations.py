"""storage/installations.py: a team has one installation row however its installs interleave."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from sqlalchemy import func, select, text

from storage import installations
from storage.db import make_engine

AT = dt.datetime(2026, 11, 30, 12, 0)


def _rows(user_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    common = {
        "client_id": "1.2",
        "app_id": "A0",
        "team_id": "T0RACE",
        "bot_token": "gAAAA-x",
        "installed_at": AT,
    }
    return {**common, "user_id": user_id}, {**common, "bot_user_id": "U0BOT"}


def _waiting_for_an_advisory_lock(connection: Any) -> bool:
    query = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    return bool(connection.scalar(query))


def test_two_installs_of_one_team_at_once_leave_one_row_each(pg_url: str) -> None:
    """The first install's transaction is still open when the second saves. On PostgreSQL (READ
    COMMITTED) the second would see no row to delete and insert its own beside the first's; it
    waits for the first instead. (SQLite lets one writer in at a time.)"""
    engine = make_engine(pg_url)
    first = engine.connect()
    transaction = first.begin()
    installations.replace_installation(first, "1.2", *_rows("U0FIRST"))
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with engine.begin() as connection:
                installations.replace_installation(connection, "1.2", *_rows("U0SECOND"))
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=second)
    worker.start()
    with engine.connect() as watcher:  # until the second has saved, or waits for the first
        deadline = time.monotonic() + 20
        while worker.is_alive() and not _waiting_for_an_advisory_lock(watcher):
            assert time.monotonic() < deadline, "the second install neither finished nor waited"
            time.sleep(0.01)
    transaction.commit()
    first.close()
    worker.join(timeout=30)
    assert not worker.is_alive() and errors == []
    with engine.connect() as connection:
        installed = connection.execute(select(installations.installations.c.user_id)).scalars().all()
        bots = connection.scalar(select(func.count()).select_from(installations.bots))
    engine.dispose()
    assert len(installed) == 1 and bots == 1
    assert installed[0] in {"U0FIRST", "U0SECOND"}
