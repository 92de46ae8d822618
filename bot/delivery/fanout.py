"""A whole DueSend: who still needs it, the queue its new recipients wait in, and the threads that
claim and post them (one recipient's protocol is in bot/delivery/ledger.py).

A send's recipients without a row are inserted at once as 'queued' (storage/ledger_queue.py);
then up to WORKERS threads of this tick, and those of any other scheduler working on the same
send, claim them CLAIM_BATCH at a time and post each as bot/delivery/ledger.py describes. On
PostgreSQL a claim skips rows another process holds, so two schedulers halve a large fan-out
instead of queueing behind each other. Retries and checks ('retry', 'unknown') are taken back
one by one with their conditional UPDATE, as before.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

from bot.delivery import ledger as protocol
from bot.delivery.finished import finish, is_settled
from bot.delivery.ledger import (
    VERIFY_AFTER_SECONDS,
    Fanout,
    Job,
    retry_delay_minutes,
    safe_deliver,
)
from bot.delivery.sends import DueSend
from bot.delivery.settle import Outcome
from storage import ledger as rows
from storage import ledger_queue
from storage.db import transaction
from storage.models import DeliveryState

logger = logging.getLogger(__name__)

# Queued rows one thread claims at a time. Small, so N schedulers share a send evenly to its end;
# a batch's last row is posted at most CLAIM_BATCH x RATE_LIMIT_BUDGET_SECONDS (8 minutes) after
# its claim, well inside the lease (LEASE_MINUTES) after which a claim counts as dead.
CLAIM_BATCH = 4


def jobs_for(fan: Fanout, due: DueSend, existing: dict[str, rows.LedgerRow]) -> tuple[list[Job], int, int]:
    """What to work on now: the retries and checks whose back-off has passed, how many
    recipients have no claim yet (no row, or a queued one), and how many wait for a back-off."""
    jobs: list[Job] = []
    fresh = waiting = 0
    now = fan.runtime.now()
    for recipient in dict.fromkeys(due.recipients):
        row = existing.get(recipient)
        if row is None or row.state == DeliveryState.QUEUED:
            fresh += 1
        elif row.state in rows.WAITING_STATES:
            claimed_at = row.claimed_at or now
            wait = retry_delay_minutes(row.attempts) * 60
            verify = row.state == DeliveryState.UNKNOWN
            if verify:
                wait = max(wait, VERIFY_AFTER_SECONDS)
            if (now - claimed_at).total_seconds() >= wait:
                # Every post of this row came after the row was created (claimed_at moves on
                # each claim, so a check after a crash mid-check would start too late).
                since = min(row.created_at or claimed_at, claimed_at)
                jobs.append(Job(due, recipient, row.id, verify, since, row.attempts))
            else:
                waiting += 1
    return jobs, fresh, waiting


@contextmanager
def pool(workers: int | None = None) -> Iterator[ThreadPoolExecutor]:
    """The thread pool one tick posts with (WORKERS threads unless told otherwise)."""
    # protocol.WORKERS read now, not at import: bench/fanout.py sets it.
    executor = ThreadPoolExecutor(max_workers=workers or protocol.WORKERS, thread_name_prefix="send")
    try:
        yield executor
    finally:
        executor.shutdown(wait=True)


def _one(fan: Fanout, job: Job) -> Counter[Outcome]:
    return Counter([safe_deliver(fan, job)])


def drain(fan: Fanout, due: DueSend) -> Counter[Outcome]:
    """Claim queued rows of `due` a batch at a time and deliver them, until none is left free."""
    outcomes: Counter[Outcome] = Counter()
    wanted = set(due.recipients)
    while True:
        with transaction(fan.runtime.sessions) as session:
            batch = ledger_queue.claim_queued(
                session, due.send_key, fan.claimer, fan.runtime.now(), CLAIM_BATCH
            )
        if not batch:
            return outcomes
        for row_id, recipient in batch:
            if recipient not in wanted:  # queued by a tick that still saw this recipient
                with transaction(fan.runtime.sessions) as session:
                    rows.mark_final(session, [row_id], DeliveryState.CANCELLED, "no_longer_due")
                continue
            outcomes[safe_deliver(fan, Job(due, recipient, row_id, claimed=True))] += 1


def deliver(fan: Fanout, due: DueSend, executor: ThreadPoolExecutor) -> Counter[Outcome]:
    """Send `due` to every recipient that has not had it; outcomes counted. A send with nothing
    left to do is marked finished, so later ticks skip it (bot/delivery/finished.py)."""
    with fan.runtime.sessions() as session:
        existing = rows.rows_for(session, due.send_key)
    jobs, fresh, waiting = jobs_for(fan, due, existing)
    if not jobs and not fresh and is_settled(due, existing):
        with transaction(fan.runtime.sessions) as session:
            finish(session, due, fan.at)
        return Counter()
    new = [r for r in due.recipients if r not in existing]
    if new:
        with transaction(fan.runtime.sessions) as session:
            ledger_queue.enqueue(
                session,
                send_key=due.send_key,
                recipients=new,
                kind=due.kind,
                due_at=due.due_at,
                revision=due.revision,
            )
    outcomes: Counter[Outcome] = Counter()
    outcomes[Outcome.WAITING] += waiting
    tasks: list[Callable[[], Counter[Outcome]]] = [partial(_one, fan, job) for job in jobs]
    tasks += [partial(drain, fan, due)] * min(fresh, protocol.WORKERS)
    if len(tasks) == 1:
        outcomes += tasks[0]()
    else:
        for counted in executor.map(lambda task: task(), tasks):
            outcomes += counted
    run_after_sent(fan, due)
    return outcomes


def expire(fan: Fanout, due: DueSend, reason: str) -> Counter[Outcome]:
    """A send too late to go out: record it for each recipient instead, to be reported.

    Recipients who joined after the send went to the others are skipped quietly: the send was
    not missed, they came later. Retries that ran out of time, and queued rows nobody claimed in
    time, are expired too; a row whose last
    post may have arrived ('unknown') is failed instead, and reported as "may have arrived".
    """
    outcomes: Counter[Outcome] = Counter()
    with transaction(fan.runtime.sessions) as session:
        existing = rows.rows_for(session, due.send_key)
        if is_settled(due, existing):
            finish(session, due, fan.at)  # nothing to record: later ticks skip it
            return outcomes
        # Queued rows were never claimed: the send did not go to anyone through them.
        handled_before = any(
            not r.startswith("~") and row.state != DeliveryState.QUEUED for r, row in existing.items()
        )
        state, outcome = (
            (DeliveryState.SKIPPED, Outcome.SKIPPED)
            if handled_before
            else (DeliveryState.EXPIRED, Outcome.EXPIRED)
        )
        for recipient in dict.fromkeys(due.recipients):
            row = existing.get(recipient)
            if row is None:
                inserted = rows.insert_row(
                    session,
                    send_key=due.send_key,
                    recipient=recipient,
                    kind=due.kind,
                    state=state,
                    due_at=due.due_at,
                    last_error=reason if state == DeliveryState.EXPIRED else "joined_late",
                    revision=due.revision,
                )
                if inserted is not None:
                    outcomes[outcome] += 1
            elif row.state in (DeliveryState.RETRY, DeliveryState.QUEUED):
                rows.mark_final(session, [row.id], DeliveryState.EXPIRED, reason)
                outcomes[Outcome.EXPIRED] += 1
            elif row.state == DeliveryState.UNKNOWN:
                # Too late to post again; it may have arrived: reported in those words.
                rows.mark_final(session, [row.id], DeliveryState.FAILED, None)
                outcomes[Outcome.FAILED] += 1
    return outcomes


def run_after_sent(fan: Fanout, due: DueSend) -> None:
    """Call `due.after_sent` once, in the transaction that marks it done, when all are handled."""
    if due.after_sent is None or not due.recipients:
        return
    try:
        with transaction(fan.runtime.sessions) as session:
            existing = rows.rows_for(session, due.send_key)
            if rows.AFTER_SENT_MARK in existing:
                return
            if any(
                existing.get(r) is None or existing[r].state not in rows.FINAL_STATES for r in due.recipients
            ):
                return
            marked = rows.insert_row(
                session,
                send_key=due.send_key,
                recipient=rows.AFTER_SENT_MARK,
                kind=due.kind,
                state=DeliveryState.SENT,
                due_at=due.due_at,
                sent_at=fan.at,
            )
            if marked is not None:
                due.after_sent(session)
    except Exception:
        logger.exception("send %s: after_sent failed; tried again next tick", due.send_key)
