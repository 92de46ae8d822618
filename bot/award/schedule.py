"""Guldlänken's scheduled sends as a source for the scheduler (see bot/delivery/sends.py).

Everything is computed from the round as it is now, so extending the deadline moves the
reminders and the jury summary without any re-planning, and closing a round early (`stäng`
sets `closed_at`) drops the reminders not yet sent and brings the jury summary forward to the
next tick. Once the jury summary has gone out, `after_sent` marks the round 'closed', and a
closed round yields nothing more (so a later change of the organisers' channel never sends an
old summary again).

Send keys are `award:{round.id}:{kind}`: each kind goes out once per round. A reminder already
sent is not repeated after an extension; one not yet sent simply moves to its new time.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.award.announce import winner_due_sends
from bot.award.jury import jury_recipients, jury_summary
from bot.award.reading import jury_messages, upload_reading
from bot.award.rounds import close_round, deadline_text, jury_summary_due
from bot.award.timeline import (
    AWARD_ANNOUNCEMENT,
    AWARD_JURY_SUMMARY,
    AWARD_REMINDER_1,
    AWARD_REMINDER_14,
    award_closes_at,
    award_sends,
    send_key,
)
from bot.award.views import build_announcement, build_reminder
from bot.award.winner_views import build_decide_prompt, previous_line
from bot.award.winners import previous_winners
from bot.delivery.sends import DueSend, Message, Source
from storage import audit
from storage import awards as store
from storage.models import AwardRound, RoundStatus

if TYPE_CHECKING:
    from bot.runtime import Runtime

Render = Callable[[Session, str], list[Message]]

_REMINDER_TEXTS = {AWARD_REMINDER_14: "reminder_14", AWARD_REMINDER_1: "reminder_1"}


def _channel_renderer(runtime: Runtime, round_id: int, kind: str) -> Render:
    """Announcement or reminder, rendered from the round as it is at send time."""

    def render(session: Session, recipient: str) -> list[Message]:
        award_round = store.get_round(session, round_id)
        assert award_round is not None
        year, lang = award_round.year, runtime.lang
        deadline = deadline_text(award_round.deadline, lang)
        if kind == AWARD_ANNOUNCEMENT:
            previous = previous_winners(session, year)
            line = previous_line(previous, lang) if previous is not None else None
            return [build_announcement(year=year, deadline=deadline, lang=lang, previous=line)]
        return [build_reminder(_REMINDER_TEXTS[kind], year=year, deadline=deadline, lang=lang)]

    return render


def _jury_renderer(runtime: Runtime, round_id: int) -> Render:
    """The jury summary, rendered once per DueSend and the same for every recipient.

    With no jury or organisers' channel every organiser gets it by DM, and the ledger renders
    per recipient from parallel threads; each rendering asks Slack for every name, so the first
    rendering is kept (behind a lock) and handed to the later recipients.
    """
    lock = threading.Lock()
    rendered: list[list[Message]] = []

    def render(session: Session, recipient: str) -> list[Message]:
        with lock:
            if not rendered:
                award_round = store.get_round(session, round_id)
                assert award_round is not None
                summary = jury_summary(runtime, session, award_round)
                ending = [build_decide_prompt(round_id, runtime.lang)]
                rendered.append(jury_messages(summary, runtime.lang, ending))
            return list(rendered[0])

    return render


def _closer(runtime: Runtime, round_id: int, now: dt.datetime) -> Callable[[Session], None]:
    def after_sent(session: Session) -> None:
        award_round = store.get_round(session, round_id)
        if award_round is not None and award_round.status != RoundStatus.CLOSED:
            upload_reading(runtime, session, award_round, now)
            close_round(award_round, now)
            rows = store.count_active_nominations(session, round_id)
            audit.record(session, now, audit.SCHEDULER, audit.AuditAction.JURY_SUMMARY, rows=rows)

    return after_sent


def _round_sends(
    session: Session, runtime: Runtime, award_round: AwardRound, now: dt.datetime
) -> Iterator[DueSend]:
    tz = runtime.tz
    meta = {"round_id": award_round.id, "year": award_round.year}
    # Announcement and reminders only while nominations are taken.
    stop = award_closes_at(award_round.deadline, tz)
    if award_round.closed_at is not None:
        stop = min(stop, award_round.closed_at)
    for planned in award_sends(award_round.opened_at, award_round.deadline, tz):
        if planned.kind == AWARD_JURY_SUMMARY or planned.due_at > now or planned.due_at >= stop:
            continue
        if not award_round.announcement_channel:
            continue
        yield DueSend(
            send_key=send_key(award_round.id, planned.kind),
            kind=planned.kind,
            due_at=planned.due_at,
            recipients=[award_round.announcement_channel],
            render=_channel_renderer(runtime, award_round.id, planned.kind),
            # "Two weeks left" or "last chance" after nominations have closed would mislead.
            stale_after=stop,
            meta=meta,
        )
    due = jury_summary_due(award_round, tz)
    if due <= now:
        yield DueSend(
            send_key=send_key(award_round.id, AWARD_JURY_SUMMARY),
            kind=AWARD_JURY_SUMMARY,
            due_at=due,
            recipients=jury_recipients(session, runtime, award_round),
            render=_jury_renderer(runtime, award_round.id),
            after_sent=_closer(runtime, award_round.id, now),
            # The jury needs the nominations however late the app comes back up.
            always_send_late=True,
            meta=meta,
        )


def award_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> Iterable[DueSend]:
    """Announcement, reminders and jury summary of the award round that are due at `now`, and
    the winner's announcement of a decided round once its time has come.

    Only the open round (at most one) has round sends left: the announcement and the reminders
    that are due while nominations are taken and, once due, the jury summary.
    """
    award_round = store.open_round(session)
    sends = list(_round_sends(session, runtime, award_round, now)) if award_round is not None else []
    return sends + winner_due_sends(session, runtime, now)


# Its sends are named by their kind's label alone ("Guldlänken: utlysning").
SOURCE = Source("award", award_due_sends)
