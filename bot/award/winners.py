"""Guldlänken's winners over the years: the list (`/guldlanken vinnare`), earlier years added by
hand (`/chefsnatverket guldlanken vinnare 2018 Emma Kvist, Arbetsförmedlingen`), and last year's
winner for the next round's announcement.

Only announced winners are ever shown: a decision waiting for its announcement stays with the
samordnare until the announcement has gone out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.admin.award_commands import AddWinner
from bot.formatting import escape
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.models import AwardWinner


@dataclass(frozen=True)
class WinnerName:
    """A winner as listed: name and organisation (plain text, escaped where shown)."""

    name: str
    organisation: str | None = None


@dataclass(frozen=True)
class WinnersYear:
    """One year's winners and the jury's citation(s), in the order given."""

    year: int
    winners: list[WinnerName] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


def by_year(winners: list[AwardWinner]) -> list[WinnersYear]:
    """Winners grouped by year, in the order given (newest year first from the store)."""
    years: dict[int, WinnersYear] = {}
    for winner in winners:
        entry = years.setdefault(winner.year, WinnersYear(winner.year))
        entry.winners.append(WinnerName(winner.nominee_name, winner.organisation))
        if winner.citation and winner.citation not in entry.citations:
            entry.citations.append(winner.citation)
    return list(years.values())


def winners_list(runtime: Runtime) -> list[WinnersYear]:
    """Every announced winner, newest year first (for `/guldlanken vinnare`)."""
    with runtime.sessions() as session:
        return by_year(store.announced_winners(session))


def previous_winners(session: Session, year: int) -> WinnersYear | None:
    """The latest announced winners before `year` (the round being announced), if any."""
    years = by_year(store.announced_winners(session, before_year=year))
    return years[0] if years else None


def winner_label(winner: WinnerName) -> str:
    """`Emma Kvist (Arbetsförmedlingen)`, escaped for mrkdwn."""
    organisation = f" ({escape(winner.organisation)})" if winner.organisation else ""
    return escape(winner.name) + organisation


def labels_text(winners: list[WinnerName], lang: str) -> str:
    """`A (Org)`, `A (Org) och B`, `A, B och C`: escaped for mrkdwn."""
    labels = [winner_label(w) for w in winners]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + t("award.win.and", lang) + labels[-1]


def add_by_hand(session: Session, runtime: Runtime, user_id: str, command: AddWinner) -> str:
    """Record a winner of an earlier year (the caller has checked that `user_id` is samordnare)."""
    lang = runtime.lang
    if store.round_for_year(session, command.year) is not None:
        return t("award.admin.winner_round_year", lang, year=command.year)
    folded = command.name.casefold()
    for existing in store.winners_of_year(session, command.year):
        if existing.nominee_name.casefold() == folded:
            return t("award.admin.winner_exists", lang, name=escape(existing.nominee_name), year=command.year)
    store.add_winner(
        session,
        year=command.year,
        nominee_name=command.name,
        organisation=command.organisation,
        added_by=user_id,
        now=runtime.now(),
    )
    organisation = f", {escape(command.organisation)}" if command.organisation else ""
    return t(
        "award.admin.winner_added",
        lang,
        name=escape(command.name),
        organisation=organisation,
        year=command.year,
    )
