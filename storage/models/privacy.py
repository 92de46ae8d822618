"""Privacy (issue 10): the audit log and the retention runs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, aware, intpk
from storage.scope import NetworkScoped


class AuditEntry(NetworkScoped, Base):
    """One export, extract, erasure, jury-summary delivery or retention run: who, when, what and
    how many rows. Never the rows' contents (bot/privacy/, storage/audit.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[intpk]
    at: Mapped[aware]
    # A Slack user id, or "scheduler" for what the app did on its own.
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    # The person the entry is about (extract, erasure), when there is one.
    target: Mapped[str | None] = mapped_column(String(32))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    # Counts by kind ("checkins=3 pulse_answers=1"), never contents.
    detail: Mapped[str | None] = mapped_column(String(300))


class RetentionRun(Base):
    """One day's retention work: what is older than `cutoff` is deleted in batches, each batch
    adding its count here in the same transaction, so an interrupted run is finished by the next
    tick and nothing is counted twice. The report's ledger key is the run's id."""

    __tablename__ = "retention_runs"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'done')", name="state"),
        Index(
            "uq_retention_runs_one_open",
            "state",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_retention_runs_started_at", "started_at"),
    )

    id: Mapped[intpk]
    started_at: Mapped[aware]
    cutoff: Mapped[aware]
    state: Mapped[str] = mapped_column(String(8), default="open")
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    checkins: Mapped[int] = mapped_column(Integer, default=0)
    pulse_answers: Mapped[int] = mapped_column(Integer, default=0)
    rsvps: Mapped[int] = mapped_column(Integer, default=0)
    nominations: Mapped[int] = mapped_column(Integer, default=0)
    deliveries: Mapped[int] = mapped_column(Integer, default=0)
