"""Queued deliveries: how several schedulers share one send's fan-out (see bot/delivery/ledger.py).

A tick that finds recipients of a due send without a row inserts them all at once as 'queued'
(one statement per ENQUEUE_CHUNK recipients, `ON CONFLICT DO NOTHING`: a row another process
inserted first stays as it is). Then every worker of every scheduler claims small batches:

    WITH picked AS MATERIALIZED (
        SELECT id FROM deliveries WHERE network_id = ... AND send_key = ... AND state = 'queued'
        ORDER BY id LIMIT k FOR UPDATE SKIP LOCKED)
    UPDATE deliveries SET state = 'claimed', claimed_by = ..., claimed_at = ...
    WHERE state = 'queued' AND id IN (SELECT id FROM picked)
    RETURNING id, recipient

On PostgreSQL `SKIP LOCKED` makes a second process take the next rows instead of waiting for
the first one's, so N schedulers divide a fan-out; the outer `state = 'queued'` is checked again
on the locked row, so a row is claimed once. The CTE runs once (as `IN (subquery)` PostgreSQL may
run a locking subquery again and claim past the LIMIT). SQLite renders no `FOR UPDATE` (it has one writer
at a time, which makes the same statement atomic): correct, but there one scheduler is the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from storage.ledger import dialect_insert
from storage.models import Delivery, DeliveryState
from storage.scope import session_network

QUEUED = DeliveryState.QUEUED
# Rows per INSERT: well under SQLite's limit of bound parameters per statement.
ENQUEUE_CHUNK = 500


def _table() -> Table:
    table = Delivery.__table__
    assert isinstance(table, Table)
    return table


def enqueue(
    session: Session,
    *,
    send_key: str,
    recipients: Sequence[str],
    kind: str,
    due_at: dt.datetime | None,
    revision: int | None,
) -> int:
    """A 'queued' row for each of `recipients` that has no row of `send_key` yet; how many were new."""
    network_id = session_network(session)
    added = 0
    wanted = list(dict.fromkeys(recipients))
    for start in range(0, len(wanted), ENQUEUE_CHUNK):
        chunk = wanted[start : start + ENQUEUE_CHUNK]
        values: list[dict[str, Any]] = [
            {
                "network_id": network_id,
                "send_key": send_key,
                "recipient": recipient,
                "kind": kind,
                "state": QUEUED,
                "attempts": 0,
                "due_at": due_at,
                "revision": revision,
            }
            for recipient in chunk
        ]
        stmt = dialect_insert(session)(Delivery).values(values)
        unique = ["network_id", "send_key", "recipient"]
        stmt = stmt.on_conflict_do_nothing(index_elements=unique).returning(Delivery.id)
        added += len(session.execute(stmt).scalars().all())
    return added


def claim_queued(
    session: Session, send_key: str, claimed_by: str, now: dt.datetime, limit: int
) -> list[tuple[int, str]]:
    """Claim up to `limit` queued rows of `send_key` that nobody else holds: (id, recipient) each."""
    table = _table()
    pick = (
        select(table.c.id)
        .where(
            table.c.network_id == session_network(session),
            table.c.send_key == send_key,
            table.c.state == QUEUED,
        )
        .order_by(table.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        # A CTE, evaluated once: as a plain IN (subquery) PostgreSQL may run the locking
        # subquery again for rows it rechecks, each run locking further rows past the LIMIT.
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    stmt = (
        update(table)
        .where(table.c.id.in_(select(pick.c.id)), table.c.state == QUEUED)
        .values(state=DeliveryState.CLAIMED, claimed_by=claimed_by, claimed_at=now)
        .returning(table.c.id, table.c.recipient)
    )
    return [(int(row_id), str(recipient)) for row_id, recipient in session.connection().execute(stmt)]


def try_lease(session: Session, name: str) -> bool:
    """PostgreSQL: take the advisory lock `name` for this session's connection unless another
    holds it; whether it was taken. Held until end_lease (or the connection closes)."""
    return bool(session.scalar(select(func.pg_try_advisory_lock(func.hashtext(name)))))


def end_lease(session: Session, name: str) -> None:
    """Give back the advisory lock try_lease took."""
    session.scalar(select(func.pg_advisory_unlock(func.hashtext(name))))
