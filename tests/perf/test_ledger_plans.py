"""SQLite plans without statistics: the ledger's queries must still find the index that fits.
(The runtime here is the suite's default, on SQLite; PostgreSQL plans from its statistics.)"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event

from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from tests.conftest import FrozenClock
from tests.perf.test_query_counts import STARTS, _meeting, _members, _run_the_timeline


def test_the_ledger_queries_of_an_idle_tick_read_one_index_range_on_sqlite(
    runtime: Runtime, clock: FrozenClock
) -> None:
    """SQLite plans without statistics: every deliveries query of a tick must find an index
    that names its state or send as well as its network (migration 0053), never the network's
    every row (`ix_deliveries_network_id`) or the whole table. (PostgreSQL plans from statistics.)"""
    _members(runtime, 0, 5)
    _meeting(runtime, STARTS)
    _run_the_timeline(runtime, clock)
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if re.search(r"\b(FROM|UPDATE|JOIN) deliveries\b", statement):
            seen.append((statement, parameters))

    event.listen(runtime.engine, "before_cursor_execute", record)
    try:
        run_tick(runtime)
    finally:
        event.remove(runtime.engine, "before_cursor_execute", record)
    assert len(seen) >= 3  # the due rows, the stale claims, the unreported failures at least
    with runtime.engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            steps = [p for p in plan if re.search(r"\bdeliveries\b", p)]
            assert steps, (statement, plan)
            for step in steps:
                assert "ix_deliveries_network_id" not in step and not step.startswith("SCAN"), (
                    statement,
                    plan,
                )
