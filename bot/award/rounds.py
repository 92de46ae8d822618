"""Guldlänken rounds: when a round takes nominations, when and where the jury reads them.

A round is open from `guldlanken YYYY-MM-DD` until its jury summary has gone out; it takes
nominations until 23:59:59 local time on the deadline date, or until an early close (`stäng`
sets `closed_at`). Only when the jury summary is out does the status turn 'closed'.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.award.timeline import AWARD_JURY_SUMMARY, award_closes_at, award_sends
from bot.formatting import format_day, format_when
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.meetings import get_network
from storage.models import AwardRound, RoundStatus


def today(runtime: Runtime) -> dt.date:
    """The network's local date now."""
    return runtime.now().astimezone(runtime.tz).date()


def deadline_text(deadline: dt.date, lang: str) -> str:
    """`tisdag 1 september 2027 kl. 23.59`: the inclusive last moment of a round."""
    return t("award.deadline", lang, day=format_day(deadline, lang))


def accepting(award_round: AwardRound, now: dt.datetime, tz: ZoneInfo) -> bool:
    """Nominations are taken until 23:59:59 local on the deadline date, unless closed earlier.

    An early close (`stäng`) sets `closed_at` and leaves the status 'open' until the jury
    summary has gone out; only then is the round 'closed' (see bot/award/schedule.py).
    """
    return (
        award_round.status == RoundStatus.OPEN
        and award_round.closed_at is None
        and now < award_closes_at(award_round.deadline, tz)
    )


def accepting_round(session: Session, runtime: Runtime) -> AwardRound | None:
    """The open round while it takes nominations (see `accepting`), else None."""
    current = store.open_round(session)
    return current if current is not None and accepting(current, runtime.now(), runtime.tz) else None


def closed_text(award_round: AwardRound, runtime: Runtime) -> str:
    """When nominations stopped: the early-close moment, else the deadline at 23.59."""
    closed_at = award_round.closed_at
    if closed_at is not None and closed_at < award_closes_at(award_round.deadline, runtime.tz):
        return format_when(closed_at, runtime.tz, runtime.lang)
    return deadline_text(award_round.deadline, runtime.lang)


def closed_answer(session: Session, runtime: Runtime) -> str:
    """Why there is nothing to nominate into: the round just closed, the last one, or none yet."""
    current = store.open_round(session)
    if current is not None:
        return t(
            "award.closed.jury_reading", runtime.lang, year=current.year, closed=closed_text(current, runtime)
        )
    last = store.latest_closed_round(session)
    if last is None:
        return t("award.closed.none", runtime.lang)
    return t("award.closed.last", runtime.lang, year=last.year, closed=closed_text(last, runtime))


def close_round(award_round: AwardRound, now: dt.datetime) -> None:
    """Mark the round 'closed' (its jury summary is out, or will never go out)."""
    award_round.status = RoundStatus.CLOSED
    award_round.closed_at = award_round.closed_at or now
    award_round.updated_at = now


def jury_summary_due(award_round: AwardRound, tz: ZoneInfo) -> dt.datetime:
    """The first working day after the deadline at 09:00, or the moment of an early close."""
    planned = next(
        s.due_at
        for s in award_sends(award_round.opened_at, award_round.deadline, tz)
        if s.kind == AWARD_JURY_SUMMARY
    )
    if award_round.closed_at is not None:
        return min(planned, award_round.closed_at)
    return planned


def jury_channel(session: Session, award_round: AwardRound) -> str | None:
    """The round's jury channel, else the organisers' channel (None: organisers by DM)."""
    return award_round.jury_channel or get_network(session).organisers_channel
