"""The delivery ledger: one row per send and recipient, and the sends that are finished."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, aware, created, intpk, one_of, updated
from storage.scope import NetworkScoped


class DeliveryState(enum.StrEnum):
    """Where one (send, recipient) row of the ledger is; stored as these strings."""

    # Due and waiting for its first claim: a send's missing rows are inserted at once, then the
    # schedulers claim them in small batches (FOR UPDATE SKIP LOCKED on PostgreSQL).
    QUEUED = "queued"
    CLAIMED = "claimed"  # someone is posting it now
    SENT = "sent"
    RETRY = "retry"  # certainly not posted: a later tick tries again after a back-off
    # The last post's outcome is not known (a read time-out, or its sender died mid-send): a
    # later tick looks for it in Slack before anything is posted again (bot/delivery/ledger.py).
    UNKNOWN = "unknown"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


class DeliveryStateType(TypeDecorator[DeliveryState]):
    """A DeliveryState in a plain string column (the CHECK constraint below keeps it closed)."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else DeliveryState(value).value

    def process_result_value(self, value: Any, dialect: Any) -> DeliveryState | None:
        return None if value is None else DeliveryState(value)


class Delivery(NetworkScoped, Base):
    """The ledger: one row per send and recipient, so every send happens exactly once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("network_id", "send_key", "recipient", name="uq_deliveries_network_send_recipient"),
        CheckConstraint(one_of("state", DeliveryState), name="state"),
        Index("ix_deliveries_state", "state"),
        # Every scoped query names its network; SQLite has no statistics to see that the state
        # narrows more (migration 0053), so the indexes put both in one range.
        # "Who has had this send" and "which of this send's rows are in state X" (sent_to, the
        # reminder audiences): one index range, however large the ledger grows.
        # The recipient last (migration 0054): the history counts a meeting's invitations sent to
        # people from the index alone.
        Index("ix_deliveries_send_key_state", "send_key", "state", "network_id", "recipient"),
        # A tick's due rows and stale claims.
        Index("ix_deliveries_network_state", "network_id", "state"),
        # Failed or expired rows not yet reported: few at any time, whatever the ledger holds.
        Index(
            "ix_deliveries_unreported",
            "network_id",
            "id",
            sqlite_where=text("reported_at IS NULL AND state IN ('failed', 'expired')"),
            postgresql_where=text("reported_at IS NULL AND state IN ('failed', 'expired')"),
        ),
    )

    id: Mapped[intpk]
    send_key: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[DeliveryState] = mapped_column(DeliveryStateType(), default=DeliveryState.CLAIMED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    slack_channel: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(200))
    # The version of what the message described (a meeting's version), so a later notice
    # ("the meeting has moved") knows what each recipient was told.
    revision: Mapped[int | None] = mapped_column(Integer)
    # Set once the organisers have been told about a failure, so they are told once.
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[created]
    updated_at: Mapped[updated]


class FinishedSend(NetworkScoped, Base):
    """A send every recipient of which was in a final state when it was last looked at, in its
    network (a deployment-wide send, such as the retention report, finishes per network).

    `audience` is a digest of those recipients: a tick skips the send while its recipients are
    the same, and looks again when they change (a member added late, a new channel).
    """

    __tablename__ = "finished_sends"

    network_id: Mapped[int] = mapped_column(ForeignKey("network.id"), primary_key=True, index=True)
    send_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    audience: Mapped[str] = mapped_column(String(64))
    finished_at: Mapped[aware]


# Retention deletes by this date, in batches (storage/privacy.py).
Index("ix_deliveries_due_at", Delivery.__table__.c.due_at)
