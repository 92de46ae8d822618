"""How a ledger row's state moves once it is claimed: sent, another attempt ('retry'), an
outcome not known ('unknown'), or a final state; and back from 'retry' or 'unknown' to claimed.

Each change is one conditional or plain UPDATE of the row (see bot/delivery/settle.py, which
decides which one, and bot/delivery/ledger.py for the whole protocol). Importable from
storage/ledger.py as well, where callers find them (`ledger.mark_sent`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import Delivery, DeliveryState


def reclaim(
    session: Session,
    delivery_id: int,
    claimed_by: str,
    now: dt.datetime,
    from_state: DeliveryState = DeliveryState.RETRY,
) -> bool:
    """Take a 'retry' (or 'unknown') row back: True for the one caller whose conditional update hit it."""
    result = session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == from_state)
        .values(state=DeliveryState.CLAIMED, claimed_by=claimed_by, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def mark_sent(
    session: Session,
    delivery_id: int,
    *,
    sent_at: dt.datetime,
    channel: str | None,
    ts: str | None,
    revision: int | None = None,
) -> None:
    """The message is in Slack: record where and when (whatever state the row was in)."""
    values: dict[str, Any] = {
        "state": DeliveryState.SENT,
        "sent_at": sent_at,
        "slack_channel": channel,
        "slack_ts": ts,
        "last_error": None,
    }
    if revision is not None:
        values["revision"] = revision
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def _count_attempt(
    session: Session, delivery_id: int, next_state: DeliveryState, max_attempts: int, error: str | None = None
) -> DeliveryState:
    """Count an attempt: `next_state`, or 'failed' after `max_attempts`. The new state.

    last_error becomes `error` if one is given, else it is kept.
    """
    attempts = session.scalar(select(Delivery.attempts).where(Delivery.id == delivery_id)) or 0
    state = DeliveryState.FAILED if attempts + 1 >= max_attempts else next_state
    values: dict[str, Any] = {"state": state, "attempts": attempts + 1}
    if error is not None:
        values["last_error"] = error[:200]
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return state


def mark_retry(session: Session, delivery_id: int, error: str, max_attempts: int) -> DeliveryState:
    """Count a failed attempt: 'retry' again, or 'failed' after `max_attempts`. The new state."""
    return _count_attempt(session, delivery_id, DeliveryState.RETRY, max_attempts, error)


def mark_unknown(session: Session, delivery_id: int, error: str) -> None:
    """A post whose outcome is unknown counts as an attempt; a later tick checks Slack for it.

    claimed_at is kept: it says when the post was tried, so when it may be checked.
    """
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(state=DeliveryState.UNKNOWN, attempts=Delivery.attempts + 1, last_error=error[:200])
        .execution_options(synchronize_session=False)
    )


def mark_unverified(session: Session, delivery_id: int, max_attempts: int) -> DeliveryState:
    """Checking Slack failed for a passing reason: 'unknown' again, or 'failed' after
    `max_attempts`. last_error keeps what made the outcome unknown ("may have arrived")."""
    return _count_attempt(session, delivery_id, DeliveryState.UNKNOWN, max_attempts)


def mark_final(
    session: Session, delivery_ids: Sequence[int], state: DeliveryState, error: str | None
) -> None:
    """Put rows in a final state (failed, expired, skipped) with the reason."""
    if not delivery_ids:
        return
    values: dict[str, Any] = {"state": state}
    if error is not None:
        values["last_error"] = error[:200]
    if state == DeliveryState.FAILED:
        values["attempts"] = Delivery.attempts + 1
    session.execute(
        update(Delivery)
        .where(Delivery.id.in_(list(delivery_ids)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
