"""Small named queries shared by several features. Feature-specific ones live beside them
(storage/checkins.py, storage/ledger.py, storage/awards.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Meeting, Member, Network


def get_network(session: Session) -> Network:
    """The network row, created on first use (there is exactly one)."""
    network = session.get(Network, 1)
    if network is None:
        network = Network(id=1)
        session.add(network)
        session.flush()
    return network


def next_meeting(session: Session, now: dt.datetime) -> Meeting | None:
    """The earliest planned meeting that has not started yet."""
    return session.scalar(
        select(Meeting)
        .where(Meeting.status == "planned", Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )


def active_members(session: Session) -> list[Member]:
    """Active members with their organisations, ordered by organisation then name."""
    members = session.scalars(
        select(Member).where(Member.active.is_(True)).options(selectinload(Member.organisation))
    ).all()
    return sorted(
        members, key=lambda m: ((m.organisation.name if m.organisation else "~"), (m.name or "").lower())
    )
