"""Queries on the delivery ledger (`deliveries`): one row per send and recipient.

Claiming a row is the database's job, not Python's: a queued row is claimed by a conditional
`UPDATE ... WHERE state = 'queued'` over rows picked `FOR UPDATE SKIP LOCKED`
(storage/ledger_queue.py), a 'retry' or 'unknown' one by a conditional `UPDATE ... WHERE
state = 'retry'`, and marker rows by an `INSERT ... ON CONFLICT DO NOTHING` against the unique
(send_key, recipient) constraint. Each is a single statement that SQLite (one writer at a time)
and PostgreSQL make atomic; see bot/delivery/ledger.py for the whole protocol. What a row's
state becomes after a post is in storage/ledger_marks.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Insert, and_, bindparam, delete, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.ledger_marks import (
    mark_final,
    mark_retry,
    mark_sent,
    mark_unknown,
    mark_unverified,
    reclaim,
)
from storage.models import Delivery, DeliveryState, FinishedSend
from storage.scope import network_params, network_sql, session_network

# A row's state changes are in storage/ledger_marks.py; callers read them from here (`rows.mark_sent`).
__all__ = ["mark_final", "mark_retry", "mark_sent", "mark_unknown", "mark_unverified", "reclaim"]

# The states under their short names, for callers that read `ledger.RETRY`.
QUEUED = DeliveryState.QUEUED  # due, not claimed yet (storage/ledger_queue.py)
CLAIMED = DeliveryState.CLAIMED
SENT = DeliveryState.SENT
RETRY = DeliveryState.RETRY
FAILED = DeliveryState.FAILED
EXPIRED = DeliveryState.EXPIRED
SKIPPED = DeliveryState.SKIPPED
CANCELLED = DeliveryState.CANCELLED
UNKNOWN = DeliveryState.UNKNOWN

# States nobody works on any more.
FINAL_STATES = frozenset({SENT, FAILED, EXPIRED, SKIPPED, CANCELLED})
# States a later tick works on again (another attempt, or a check in Slack first).
WAITING_STATES = (RETRY, UNKNOWN)
# States whose recipient still gets the send: queued for a first claim, or waiting for a later one.
PENDING_STATES = (QUEUED, *WAITING_STATES)
# States reported to the organisers.
PROBLEM_STATES = (FAILED, EXPIRED)

# Recipients that are bookkeeping, not people or channels: the marker that a send's
# `after_sent` has run. Part markers of a multi-message send have keys "<send_key>#<n>".
AFTER_SENT_MARK = "~after_sent"
PART_SEPARATOR = "#"

INTERRUPTED = "interrupted"


def part_key(send_key: str, number: int) -> str:
    """The ledger key of part `number` (1-based) of a multi-message send."""
    return f"{send_key}{PART_SEPARATOR}{number}"


def dialect_insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def insert_row(
    session: Session,
    *,
    send_key: str,
    recipient: str,
    kind: str,
    state: DeliveryState,
    due_at: dt.datetime | None,
    claimed_at: dt.datetime | None = None,
    claimed_by: str | None = None,
    revision: int | None = None,
    last_error: str | None = None,
    sent_at: dt.datetime | None = None,
    slack_channel: str | None = None,
    slack_ts: str | None = None,
) -> int | None:
    """Insert the row for (send_key, recipient) unless one exists: its id, or None if taken."""
    stmt: Insert = dialect_insert(session)(Delivery).values(
        network_id=session_network(session),
        send_key=send_key,
        recipient=recipient,
        kind=kind,
        state=state,
        attempts=0,
        due_at=due_at,
        claimed_at=claimed_at,
        claimed_by=claimed_by,
        revision=revision,
        last_error=last_error,
        sent_at=sent_at,
        slack_channel=slack_channel,
        slack_ts=slack_ts,
    )
    unique = ["network_id", "send_key", "recipient"]
    stmt = stmt.on_conflict_do_nothing(index_elements=unique).returning(Delivery.id)  # type: ignore[attr-defined]
    return session.execute(stmt).scalar_one_or_none()


class LedgerRow(NamedTuple):
    """What a tick decides with about one row: the columns, not the ORM object."""

    id: int
    recipient: str
    state: DeliveryState
    attempts: int
    claimed_at: dt.datetime | None
    created_at: dt.datetime | None


class SentRow(NamedTuple):
    """When a recipient had a send, and the version it described."""

    sent_at: dt.datetime | None
    revision: int | None


_LEDGER_COLUMNS = (
    Delivery.id,
    Delivery.recipient,
    Delivery.state,
    Delivery.attempts,
    Delivery.claimed_at,
    Delivery.created_at,
)


def rows_for(session: Session, send_key: str) -> dict[str, LedgerRow]:
    """Every row of one send, by recipient."""
    rows = session.connection().execute(
        select(*_LEDGER_COLUMNS).where(Delivery.network_id == network_sql(), Delivery.send_key == send_key),
        network_params(session),
    )
    return {row.recipient: LedgerRow(*row) for row in rows}


def recipients_of(session: Session, send_keys: Sequence[str]) -> dict[str, set[str]]:
    """The recipients each of `send_keys` has a row for (in any state), by send key."""
    found: dict[str, set[str]] = {key: set() for key in send_keys}
    if send_keys:
        rows = session.connection().execute(
            select(Delivery.send_key, Delivery.recipient).where(
                Delivery.network_id == network_sql(), Delivery.send_key.in_(list(send_keys))
            ),
            network_params(session),
        )
        for key, recipient in rows:
            found[key].add(recipient)
    return found


def finished_audiences(session: Session, send_keys: Iterable[str]) -> dict[str, str]:
    """Of `send_keys`, the finished sends, with the digest of the audience they finished with."""
    keys = list(dict.fromkeys(send_keys))
    if not keys:
        return {}
    rows = session.connection().execute(_FINISHED, {**network_params(session), "keys": keys})
    return {key: audience for key, audience in rows}


# Built once, bound per call (every tick and the board ask).
_FINISHED = select(FinishedSend.send_key, FinishedSend.audience).where(
    FinishedSend.network_id == network_sql(), FinishedSend.send_key.in_(bindparam("keys", expanding=True))
)


def mark_finished(session: Session, send_key: str, audience: str, now: dt.datetime) -> None:
    """Record that every recipient of `send_key` (digest `audience`) is in a final state."""
    stmt = dialect_insert(session)(FinishedSend).values(
        network_id=session_network(session), send_key=send_key, audience=audience, finished_at=now
    )
    stmt = stmt.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=["network_id", "send_key"], set_={"audience": audience, "finished_at": now}
    )
    session.execute(stmt)


def parts_sent(session: Session, send_key: str, recipient: str, parts: int) -> set[str]:
    """The part keys of a multi-message send of `parts` messages already posted to `recipient`."""
    keys = [part_key(send_key, number) for number in range(1, parts + 1)]
    return set(
        session.scalars(
            select(Delivery.send_key).where(
                Delivery.send_key.in_(keys),
                Delivery.recipient == recipient,
                Delivery.state == SENT,
            )
        )
    )


def part_post(session: Session, send_key: str, recipient: str, number: int) -> tuple[str | None, str | None]:
    """(channel, ts) where part `number` of a multi-message send to `recipient` was posted (a DM's
    id for a user), or (None, None) when it was not."""
    row = session.execute(
        select(Delivery.slack_channel, Delivery.slack_ts).where(
            Delivery.send_key == part_key(send_key, number),
            Delivery.recipient == recipient,
            Delivery.state == SENT,
        )
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)


def mark_interrupted(session: Session, claimed_before: dt.datetime) -> int:
    """Rows claimed before `claimed_before` whose sender died mid-send: 'unknown', to be
    checked in Slack before anything is posted again. How many."""
    result = session.execute(
        update(Delivery)
        .where(Delivery.state == CLAIMED, Delivery.claimed_at < claimed_before)
        .values(state=UNKNOWN, attempts=Delivery.attempts + 1, last_error=INTERRUPTED)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def is_person_or_channel() -> Any:
    """A row for a person or a channel (not a marker row, not one part of a split message)."""
    return and_(~Delivery.recipient.startswith("~"), ~Delivery.send_key.contains(PART_SEPARATOR))


# Written out as the partial index ix_deliveries_unreported is, so both databases use it.
_UNREPORTED = text("deliveries.reported_at IS NULL AND deliveries.state IN ('failed', 'expired')")


def claim_unreported(session: Session, now: dt.datetime) -> list[Delivery]:
    """Failed and expired rows nobody has reported yet, now marked reported by this caller."""
    ids = list(session.scalars(select(Delivery.id).where(_UNREPORTED, is_person_or_channel())))
    if not ids:
        return []
    mine = list(
        session.scalars(
            update(Delivery)
            .where(Delivery.id.in_(ids), Delivery.reported_at.is_(None))
            .values(reported_at=now)
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        )
    )
    if not mine:
        return []
    return list(session.scalars(select(Delivery).where(Delivery.id.in_(mine)).order_by(Delivery.id)))


def unreport(session: Session, delivery_ids: Iterable[int]) -> None:
    """Undo `claim_unreported` for rows whose report could not be posted (tried again later)."""
    ids = list(delivery_ids)
    if ids:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(reported_at=None)
            .execution_options(synchronize_session=False)
        )


def sent_message(session: Session, send_key: str, recipient: str) -> tuple[str, str] | None:
    """(channel, ts) of the message a send posted to `recipient`, when it was sent."""
    row = session.execute(
        select(Delivery.slack_channel, Delivery.slack_ts).where(
            Delivery.send_key == send_key, Delivery.recipient == recipient, Delivery.state == SENT
        )
    ).first()
    if row is None or not row.slack_channel or not row.slack_ts:
        return None
    return row.slack_channel, row.slack_ts


def sent_to(session: Session, send_key: str) -> dict[str, SentRow]:
    """Recipients a send has reached (state 'sent'), with when and which version."""
    rows = session.connection().execute(
        select(Delivery.recipient, Delivery.sent_at, Delivery.revision).where(
            Delivery.network_id == network_sql(), Delivery.send_key == send_key, Delivery.state == SENT
        ),
        network_params(session),
    )
    return {recipient: SentRow(sent_at, revision) for recipient, sent_at, revision in rows}


def has_sent(session: Session, send_key: str) -> bool:
    """Whether a send has reached anyone."""
    params = {**network_params(session), "send_key": send_key}
    return session.connection().execute(_HAS_SENT, params).first() is not None


_HAS_SENT = (
    select(Delivery.id)
    .where(
        Delivery.network_id == network_sql(),
        Delivery.send_key == bindparam("send_key"),
        Delivery.state == SENT,
    )
    .limit(1)
)


def problems_since(session: Session, since: dt.datetime) -> list[Delivery]:
    """Failed and expired deliveries due since `since` (or with no due time), oldest first."""
    return list(
        session.scalars(
            select(Delivery)
            .where(
                Delivery.state.in_(PROBLEM_STATES),
                or_(Delivery.due_at.is_(None), Delivery.due_at >= since),
                is_person_or_channel(),
            )
            .order_by(Delivery.due_at, Delivery.send_key, Delivery.recipient)
        )
    )


class WaitingRow(NamedTuple):
    """A row waiting for another attempt or a check."""

    id: int
    send_key: str
    recipient: str
    state: DeliveryState


def waiting_retries(session: Session) -> list[WaitingRow]:
    """Rows waiting for another attempt ('retry'), for a check of whether the last one
    arrived ('unknown'), or for their first claim ('queued')."""
    rows = session.execute(
        select(Delivery.id, Delivery.send_key, Delivery.recipient, Delivery.state)
        .where(Delivery.state.in_(PENDING_STATES))
        .order_by(Delivery.due_at, Delivery.id)
    )
    return [WaitingRow(*row) for row in rows]


def cancel_retries(session: Session, rows: Sequence[WaitingRow]) -> None:
    """Retries (and queued rows) nobody wants any more (the meeting was cancelled, the member removed).

    A row whose last post may have arrived ('unknown') is not cancelled quietly: it is
    'failed' with its reason, so the organisers are told it may have arrived.
    """
    never_posted = [r.id for r in rows if r.state in (RETRY, QUEUED)]
    mark_final(session, never_posted, CANCELLED, "no_longer_due")
    mark_final(session, [r.id for r in rows if r.state == UNKNOWN], FAILED, None)


def forget_sends(session: Session, prefix: str, always: Sequence[str]) -> int:
    """Delete ledger rows so their sends can go out again: every row whose key starts with one of
    `always`, and the rows under `prefix` that were only recorded as expired (never sent)."""
    keys = [Delivery.send_key.startswith(key, autoescape=True) for key in always]
    stale = Delivery.send_key.startswith(prefix, autoescape=True) & (Delivery.state == DeliveryState.EXPIRED)
    result = session.execute(delete(Delivery).where(or_(*keys, stale)))
    return int(getattr(result, "rowcount", 0) or 0)
