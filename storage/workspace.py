"""Queries about the workspace's Slack tokens (see WorkspaceState)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import WorkspaceState


def record_revoked(session: Session, team_id: str, fingerprint: str, reason: str, at: dt.datetime) -> bool:
    """Record that the token with `fingerprint` is gone; False when that was already recorded."""
    row = session.get(WorkspaceState, team_id)
    if row is not None and row.revoked_token == fingerprint:
        return False
    if row is None:
        row = WorkspaceState(team_id=team_id)
        session.add(row)
    row.revoked_token, row.reason, row.revoked_at = fingerprint, reason, at
    session.flush()
    return True


def is_revoked(session: Session, fingerprint: str) -> bool:
    """Whether Slack revoked the token with `fingerprint`."""
    query = select(WorkspaceState.team_id).where(WorkspaceState.revoked_token == fingerprint).limit(1)
    return session.scalar(query) is not None
