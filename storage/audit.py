"""The audit log: every export, extract, erasure, jury-summary delivery and retention run, as
who, when, what and how many rows. It never holds the rows' contents."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEntry

SCHEDULER = "scheduler"  # the actor of what the app does on its own
MAX_DETAIL = 300  # AuditEntry.detail


class AuditAction(enum.StrEnum):
    """What an entry records; stored as these strings."""

    EXPORT_CHECKINS = "export_checkins"
    EXPORT_AWARD = "export_award"
    EXPORT_MINUTES = "export_minutes"
    EXTRACT = "extract"
    ERASE = "erase"
    JURY_SUMMARY = "jury_summary"
    RETENTION = "retention"
    INSTALL = "install"


def counts_detail(counts: Mapping[str, int]) -> str | None:
    """ "checkins=3 pulse_answers=1": the non-zero counts, in a stable order."""
    shown = " ".join(f"{k}={v}" for k, v in sorted(counts.items()) if v)
    return shown[:MAX_DETAIL] or None


def record(
    session: Session,
    at: dt.datetime,
    actor: str,
    action: AuditAction,
    *,
    rows: int = 0,
    target: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> AuditEntry:
    """Add one entry; with `counts`, `rows` is their sum and the detail names them."""
    if counts is not None:
        rows = sum(counts.values())
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action.value,
        target=target,
        rows=rows,
        detail=counts_detail(counts) if counts is not None else None,
    )
    session.add(entry)
    session.flush()
    return entry


def latest(session: Session, limit: int = 50) -> list[AuditEntry]:
    """The newest `limit` entries, newest first."""
    return list(
        session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    )


def was_erased(session: Session, target: str) -> bool:
    """Whether an erasure of `target` has been recorded."""
    found = session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.target == target, AuditEntry.action == AuditAction.ERASE)
        .limit(1)
    )
    return found is not None
