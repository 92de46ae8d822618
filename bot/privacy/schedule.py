"""Retention: once a day the scheduler's tick deletes what is older than RETENTION_MONTHS, and
the samordnare are told the counts through the delivery ledger (exactly once).

The work (`run_retention`) deletes by indexed dates in batches of BATCH_SIZE, each batch in its own
transaction together with the addition of its count to the day's `retention_runs` row. A tick
that dies half-way leaves the run open; the next tick goes on with the same run and cutoff, so
everything due is deleted and nothing is counted twice. A finished run with something deleted is
a due send (`retention:<run id>`) to the organisers' channel, or to every samordnare by DM.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.delivery.sends import DueSend, Message, Source
from bot.meeting.people import organiser_ids
from bot.privacy.views import build_retention_report
from storage import audit
from storage import privacy as store
from storage.audit import AuditAction
from storage.db import transaction
from storage.meetings import get_network

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

KIND = "retention_report"
BATCH_SIZE = 500
# A tick deletes at most this many batches; a larger backlog is finished by the next ticks.
MAX_BATCHES_PER_TICK = 200
# A new run starts when the last one started at least this long before (or after: a clock set
# back after a `tick --at` far ahead) the tick.
RUN_EVERY = dt.timedelta(days=1)


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same wall time `months` calendar months earlier (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _take_run(runtime: Runtime, at: dt.datetime) -> tuple[int, dt.datetime] | None:
    """The open run to go on with, or a new one when a day has passed; None: nothing to do."""
    with transaction(runtime.sessions) as session:
        run = store.open_run(session)
        if run is not None:
            return run.id, run.cutoff
        last = store.latest_run(session)
        if last is not None and abs(at - last.started_at) < RUN_EVERY:
            return None
        cutoff = months_before(at.astimezone(runtime.tz), runtime.settings.retention_months)
        try:
            with session.begin_nested():
                run = store.start_run(session, at, cutoff)
        except IntegrityError:
            return None  # another process opened today's run a moment ago; it does the work
        return run.id, run.cutoff


def run_retention(runtime: Runtime, at: dt.datetime) -> dict[str, int] | None:
    """The retention work of one tick; the run's counts once it is finished, else None."""
    taken = _take_run(runtime, at)
    if taken is None:
        return None
    run_id, cutoff = taken
    batches = 0
    for kind in store.RETENTION_KINDS:
        deleted = BATCH_SIZE
        while deleted == BATCH_SIZE:
            if batches >= MAX_BATCHES_PER_TICK:
                return None  # the next tick goes on with the same run
            with transaction(runtime.sessions) as session:
                deleted = store.retention_batch(session, kind, cutoff, BATCH_SIZE)
                if deleted:
                    store.add_count(session, run_id, kind, deleted)
            batches += 1
    with transaction(runtime.sessions) as session:
        if not store.finish_run(session, run_id, at):
            return None  # another process finished it and logged it
        run = store.get_run(session, run_id)
        counts = store.run_counts(run)
        audit.record(session, at, audit.SCHEDULER, AuditAction.RETENTION, counts=counts)
    deleted = sum(counts.values())
    # A daily run that found nothing is an idle tick: logged only at DEBUG, like the tick itself.
    logger.log(
        logging.INFO if deleted else logging.DEBUG, "retention run %d finished: %d rows", run_id, deleted
    )
    return counts


# ---------------------------------------------------------------- the report, as a due send


def _fixed(messages: list[Message]) -> Callable[[Session, str], list[Message]]:
    def render(_session: Session, _recipient: str) -> list[Message]:
        return messages

    return render


def retention_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> Iterable[DueSend]:
    """The report of every run finished within the grace window that deleted anything."""
    since = now - dt.timedelta(hours=runtime.settings.grace_hours)
    channel = get_network(session).organisers_channel
    recipients = [channel] if channel else organiser_ids(session, runtime.settings)
    for run in store.finished_runs_since(session, since):
        counts = store.run_counts(run)
        if not any(counts.values()) or run.finished_at is None:
            continue
        messages = build_retention_report(
            counts, run.cutoff, runtime.settings.retention_months, runtime.tz, runtime.lang
        )
        yield DueSend(
            send_key=f"retention:{run.id}",
            kind=KIND,
            due_at=run.finished_at,
            recipients=recipients,
            render=_fixed(messages),
        )


def retention_work(runtime: Runtime, at: dt.datetime) -> None:
    """The tick's retention step (see Source.work)."""
    run_retention(runtime, at)


SOURCE = Source("privacy", retention_due_sends, work=retention_work)
