"""The winner's announcement as scheduled sends: the announcement channel, the winners' DMs and
the thank-you DMs to their nominators, all at the moment the jury chose (bot/award/decision.py).

Computed from the round's rows in award_winners at tick time, so a decision changed before the
announcement simply moves it. Send keys are `award:{round.id}:{kind}`: each goes out once per
round, whatever was re-planned before. When the channel announcement is done, `after_sent`
marks the winners announced; only then do they show in `/guldlanken vinnare`. The sends stay
asked for a while after that (RETRY_WINDOW), so the ledger can still retry a DM that failed.

Nothing goes to a nominee before the announcement time, and nothing ever to a nominee who did
not win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.award.timeline import (
    AWARD_WINNER_ANNOUNCEMENT,
    AWARD_WINNER_CONGRATULATION,
    AWARD_WINNER_THANKS,
    send_key,
)
from bot.award.winner_views import build_congratulation, build_thanks, build_winner_announcement
from bot.award.winners import WinnerName
from bot.delivery.sends import DueSend, Message
from storage import awards as store
from storage.models import AwardRound, AwardWinner

if TYPE_CHECKING:
    from bot.runtime import Runtime

RETRY_WINDOW = dt.timedelta(days=1)

Render = Callable[[Session, str], list[Message]]


def _names(winners: list[AwardWinner]) -> list[WinnerName]:
    return [WinnerName(w.nominee_name, w.organisation) for w in winners]


def _renderer(runtime: Runtime, round_id: int, kind: str) -> Render:
    """The announcement, a congratulation or a thank-you, from the decision as it is at send time."""

    def render(session: Session, recipient: str) -> list[Message]:
        award_round = store.get_round(session, round_id)
        assert award_round is not None
        winners = store.round_winners(session, round_id)
        year, lang, channel = award_round.year, runtime.lang, award_round.announcement_channel or ""
        citation = winners[0].citation or "" if winners else ""
        if kind == AWARD_WINNER_ANNOUNCEMENT:
            return [
                build_winner_announcement(year=year, winners=_names(winners), citation=citation, lang=lang)
            ]
        if kind == AWARD_WINNER_CONGRATULATION:
            return [build_congratulation(year=year, citation=citation, channel=channel, lang=lang)]
        theirs = {n.nominee_key for n in store.nominations_by(session, round_id, recipient)}
        mine = [w for w in winners if w.nominee_key in theirs] or winners
        return [build_thanks(year=year, winners=_names(mine), channel=channel, lang=lang)]

    return render


def _mark_announced(round_id: int, now: dt.datetime) -> Callable[[Session], None]:
    def after_sent(session: Session) -> None:
        store.mark_round_announced(session, round_id, now)

    return after_sent


def _recipients(
    session: Session, award_round: AwardRound, winners: list[AwardWinner]
) -> dict[str, list[str]]:
    keys = {w.nominee_key for w in winners}
    nominators = {
        n.nominator_user_id
        for n in store.active_nominations(session, award_round.id)
        # Web nominators have no Slack user to thank (they are not in Slack).
        if n.nominee_key in keys and n.nominator_user_id
    }
    return {
        AWARD_WINNER_ANNOUNCEMENT: [award_round.announcement_channel]
        if award_round.announcement_channel
        else [],
        AWARD_WINNER_CONGRATULATION: sorted({w.nominee_user_id for w in winners if w.nominee_user_id}),
        AWARD_WINNER_THANKS: sorted(nominators),
    }


def winner_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> list[DueSend]:
    """The sends of every decision whose announcement time has come (and is not long past)."""
    sends: list[DueSend] = []
    for award_round in store.rounds_to_announce(session, now - RETRY_WINDOW):
        winners = store.round_winners(session, award_round.id)
        due = winners[0].announce_at if winners else None
        if due is None or due > now:
            continue  # not yet: nobody, the nominees least of all, hears anything before
        meta = {"round_id": award_round.id, "year": award_round.year}
        for kind, recipients in _recipients(session, award_round, winners).items():
            if not recipients:
                continue
            sends.append(
                DueSend(
                    send_key=send_key(award_round.id, kind),
                    kind=kind,
                    due_at=due,
                    recipients=recipients,
                    render=_renderer(runtime, award_round.id, kind),
                    after_sent=_mark_announced(award_round.id, now)
                    if kind == AWARD_WINNER_ANNOUNCEMENT
                    else None,
                    # A winner is worth announcing however late the app comes back up.
                    always_send_late=True,
                    meta=meta,
                )
            )
    return sends
