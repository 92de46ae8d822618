"""Queries about Guldlänken rounds and nominations (no Slack, no rules beyond the schema)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from storage.models import (
    AwardRound,
    AwardWinner,
    Nomination,
    NominationSource,
    RoundStatus,
    WebFormHit,
)


def get_round(session: Session, round_id: int | None) -> AwardRound | None:
    """The round with this id, if any."""
    return session.get(AwardRound, round_id) if round_id is not None else None


def get_nomination(session: Session, nomination_id: int | None) -> Nomination | None:
    """The nomination with this id (withdrawn or not), if any."""
    return session.get(Nomination, nomination_id) if nomination_id is not None else None


def add_round(
    session: Session,
    *,
    deadline: dt.date,
    announcement_channel: str,
    jury_channel: str | None,
    opened_by: str,
    now: dt.datetime,
) -> AwardRound:
    """A new open round named by the deadline's year (flushed, so the one-open index is checked)."""
    award_round = AwardRound(
        year=deadline.year,
        deadline=deadline,
        announcement_channel=announcement_channel,
        jury_channel=jury_channel,
        status=RoundStatus.OPEN,
        opened_by=opened_by,
        opened_at=now,
        updated_at=now,
    )
    session.add(award_round)
    session.flush()
    return award_round


def add_nomination(session: Session, round_id: int, nominator_user_id: str, now: dt.datetime) -> Nomination:
    """A new, still empty nomination in the round (the caller fills in the nominee and text)."""
    nomination = Nomination(round_id=round_id, nominator_user_id=nominator_user_id, created_at=now)
    session.add(nomination)
    return nomination


def open_round(session: Session) -> AwardRound | None:
    """The round with status 'open' (at most one, by a partial unique index)."""
    return session.scalar(select(AwardRound).where(AwardRound.status == RoundStatus.OPEN))


def round_for_year(session: Session, year: int) -> AwardRound | None:
    """The round named by `year`, if there is one."""
    return session.scalar(select(AwardRound).where(AwardRound.year == year))


def latest_round(session: Session) -> AwardRound | None:
    """The newest round by year, open or closed."""
    return session.scalar(select(AwardRound).order_by(AwardRound.year.desc()).limit(1))


def latest_closed_round(session: Session) -> AwardRound | None:
    """The newest closed round by year."""
    return session.scalar(
        select(AwardRound)
        .where(AwardRound.status == RoundStatus.CLOSED)
        .order_by(AwardRound.year.desc())
        .limit(1)
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


# ---------------------------------------------------------------- the web form


def round_by_web_token(session: Session, token: str) -> AwardRound | None:
    """The round whose web form link carries `token`, if any."""
    return session.scalar(select(AwardRound).where(AwardRound.web_token == token))


def web_nomination_of(session: Session, round_id: int, email: str, nominee_key: str) -> Nomination | None:
    """The newest active web nomination of this nominee from this e-mail address in the round."""
    return session.scalar(
        select(Nomination)
        .where(
            Nomination.round_id == round_id,
            Nomination.source == NominationSource.WEB.value,
            func.lower(Nomination.nominator_email) == email.lower(),
            Nomination.nominee_key == nominee_key,
            Nomination.withdrawn_at.is_(None),
        )
        .order_by(Nomination.id.desc())
        .limit(1)
    )


def count_web_form_hits(
    session: Session, round_id: int, since: dt.datetime, address: str | None = None
) -> int:
    """POSTs to the round's web form since `since`, from one (hashed) address or from all."""
    query = (
        select(func.count())
        .select_from(WebFormHit)
        .where(WebFormHit.round_id == round_id, WebFormHit.created_at >= since)
    )
    if address is not None:
        query = query.where(WebFormHit.address == address)
    return session.scalar(query) or 0


def add_web_form_hit(session: Session, round_id: int, address: str, at: dt.datetime) -> None:
    """Record one POST to the round's web form."""
    session.add(WebFormHit(round_id=round_id, address=address, created_at=at))
    session.flush()


def prune_web_form_hits(session: Session, before: dt.datetime) -> None:
    """Forget POSTs older than `before` (the rate limit looks back one hour)."""
    session.execute(delete(WebFormHit).where(WebFormHit.created_at < before))


# ---------------------------------------------------------------- winners


def round_winners(session: Session, round_id: int) -> list[AwardWinner]:
    """The winners decided in a round (announced or not), in the order they were picked."""
    return list(
        session.scalars(select(AwardWinner).where(AwardWinner.round_id == round_id).order_by(AwardWinner.id))
    )


def delete_round_winners(session: Session, round_id: int) -> None:
    """Forget a round's decision (it is about to be made again)."""
    session.execute(delete(AwardWinner).where(AwardWinner.round_id == round_id))


def add_winner(
    session: Session,
    *,
    year: int,
    nominee_name: str,
    organisation: str | None,
    added_by: str,
    now: dt.datetime,
    round_id: int | None = None,
    nominee_key: str | None = None,
    nominee_user_id: str | None = None,
    citation: str | None = None,
    announce_at: dt.datetime | None = None,
) -> AwardWinner:
    """A new winner: of a round (to be announced at `announce_at`) or, without a round, an
    earlier year added by hand (announced as it is added)."""
    winner = AwardWinner(
        round_id=round_id,
        year=year,
        nominee_key=nominee_key,
        nominee_user_id=nominee_user_id,
        nominee_name=nominee_name,
        organisation=organisation,
        citation=citation,
        announce_at=announce_at,
        announced_at=None if round_id is not None else now,
        added_by=added_by,
        created_at=now,
        updated_at=now,
    )
    session.add(winner)
    session.flush()
    return winner


def announced_winners(session: Session, before_year: int | None = None) -> list[AwardWinner]:
    """Winners whose announcement is out (or added by hand), newest year first; optionally only
    the years before `before_year`."""
    query = select(AwardWinner).where(AwardWinner.announced_at.is_not(None))
    if before_year is not None:
        query = query.where(AwardWinner.year < before_year)
    return list(session.scalars(query.order_by(AwardWinner.year.desc(), AwardWinner.id)))


def winners_of_year(session: Session, year: int) -> list[AwardWinner]:
    """Every winner of a year (a round's, announced or not, and those added by hand)."""
    return list(session.scalars(select(AwardWinner).where(AwardWinner.year == year).order_by(AwardWinner.id)))


def rounds_to_announce(session: Session, announced_since: dt.datetime) -> list[AwardRound]:
    """Rounds with a decision whose announcement is not out yet, or went out after
    `announced_since` (its DMs may still be retried)."""
    round_ids = select(AwardWinner.round_id).where(
        AwardWinner.round_id.is_not(None),
        or_(AwardWinner.announced_at.is_(None), AwardWinner.announced_at >= announced_since),
    )
    return list(
        session.scalars(select(AwardRound).where(AwardRound.id.in_(round_ids)).order_by(AwardRound.id))
    )


def mark_round_announced(session: Session, round_id: int, now: dt.datetime) -> None:
    """The round's winners are announced (set once)."""
    for winner in round_winners(session, round_id):
        if winner.announced_at is None:
            winner.announced_at = now
            winner.updated_at = now
