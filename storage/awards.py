"""Queries about Guldlänken rounds and nominations (no Slack, no rules beyond the schema)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AwardRound, Nomination


def open_round(session: Session) -> AwardRound | None:
    """The round with status 'open' (at most one, by a partial unique index)."""
    return session.scalar(select(AwardRound).where(AwardRound.status == "open"))


def round_for_year(session: Session, year: int) -> AwardRound | None:
    """The round named by `year`, if there is one."""
    return session.scalar(select(AwardRound).where(AwardRound.year == year))


def latest_round(session: Session) -> AwardRound | None:
    """The newest round by year, open or closed."""
    return session.scalar(select(AwardRound).order_by(AwardRound.year.desc()).limit(1))


def latest_closed_round(session: Session) -> AwardRound | None:
    """The newest closed round by year."""
    return session.scalar(
        select(AwardRound).where(AwardRound.status == "closed").order_by(AwardRound.year.desc()).limit(1)
    )


def active_nominations(session: Session, round_id: int) -> list[Nomination]:
    """The round's nominations that have not been withdrawn, oldest first."""
    return list(
        session.scalars(
            select(Nomination)
            .where(Nomination.round_id == round_id, Nomination.withdrawn_at.is_(None))
            .order_by(Nomination.created_at, Nomination.id)
        )
    )


def count_active_nominations(session: Session, round_id: int) -> int:
    """How many nominations the round holds (withdrawn ones not counted)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Nomination)
            .where(Nomination.round_id == round_id, Nomination.withdrawn_at.is_(None))
        )
        or 0
    )


def nominations_by(session: Session, round_id: int, nominator_user_id: str) -> list[Nomination]:
    """One nominator's active nominations in a round, oldest first."""
    return list(
        session.scalars(
            select(Nomination)
            .where(
                Nomination.round_id == round_id,
                Nomination.nominator_user_id == nominator_user_id,
                Nomination.withdrawn_at.is_(None),
            )
            .order_by(Nomination.created_at, Nomination.id)
        )
    )


def active_nomination_of(
    session: Session, round_id: int, nominator_user_id: str, nominee_key: str
) -> Nomination | None:
    """The nominator's active nomination of this nominee in the round, if any."""
    return session.scalar(
        select(Nomination).where(
            Nomination.round_id == round_id,
            Nomination.nominator_user_id == nominator_user_id,
            Nomination.nominee_key == nominee_key,
            Nomination.withdrawn_at.is_(None),
        )
    )
