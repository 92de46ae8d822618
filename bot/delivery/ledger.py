"""The delivery ledger: each (send, recipient) goes to Slack once, across ticks, processes and crashes.

The protocol, per recipient (and per DueSend, see bot/delivery/sends.py):

1. **Claim.** INSERT the row (send_key, recipient) in state 'claimed' and COMMIT *before* calling
   Slack. The unique constraint is the lock: the insert is `ON CONFLICT DO NOTHING RETURNING id`,
   so whoever gets no id back knows someone else has (or had) this delivery and skips it. On
   SQLite the database's single write lock serialises the inserts; on PostgreSQL a second insert
   of the same key waits for the first transaction and then conflicts. No `SELECT ... FOR
   UPDATE`, no advisory locks, the same code on both.
2. **Post** with `chat.postMessage` (a DM goes to the user id as `channel`; Slack delivers it to
   the app's DM with that person). Every post carries Slack message metadata naming the ledger
   row and the part (`chefsnatverket_delivery`, {delivery_id, part}), so the message can be
   found again. The WebClient itself waits out 429s (Retry-After) and retries 5xx and broken
   connections; a 429 that still comes through is waited out again here, within the same tick.
3. **Record**: 'sent' with the Slack ts; 'retry' (attempts + 1, last_error) for failures that
   certainly did not post; 'unknown' for a post whose outcome is not known; 'failed' for
   permanent errors (bot/delivery/errors.py), which are never retried and never stop the
   rest of the fan-out.

A 'retry' row is taken back by a later tick with an atomic conditional `UPDATE ... SET
state='claimed' WHERE id=... AND state='retry'` (rowcount 1 wins), after a back-off, until
MAX_ATTEMPTS; then it is 'failed'. Failed and expired rows are reported to the organisers'
channel once (reported_at).

**Verify before resending.** Slack has no idempotency key for chat.postMessage, so after a read
time-out (the request reached Slack, the answer did not come back), or when a process died
between claiming and recording (a row still 'claimed' after LEASE_MINUTES), the ledger cannot
know whether the message went out. Such a row becomes 'unknown'. A later tick, at least
VERIFY_AFTER_SECONDS after the claim (Slack's history may lag a moment behind a post; for a
dead process the lease already waited far longer), takes it back the same conditional way and
looks in the conversation's history (conversations.open for a DM, then conversations.history
with include_all_metadata, from the row's creation minus VERIFY_MARGIN) for a message carrying
its delivery id:

- found: it arrived. The row is 'sent' with that ts and nothing is posted again.
- not found: it did not arrive, so posting is safe; it is posted now, as a retry, within
  MAX_ATTEMPTS (an outcome that stays unknown that often is 'failed', "not_posted").
- the check itself fails: for a passing reason (5xx, time-out) the row stays 'unknown' for a
  later tick, within MAX_ATTEMPTS; for a lasting one (missing scope, channel_not_found), or
  when the attempts run out, it is 'failed' as "may have arrived" and reported, never resent
  blind. An 'unknown' row whose send has become too late, or is no longer wanted, is 'failed'
  and reported in the same words rather than checked.

What remains at-most-once: a post is only repeated after Slack's history showed it absent.
A message Slack accepted but had not yet put in the history VERIFY_AFTER_SECONDS later, or a
slow (not dead) process that posts after its 15-minute lease ran out, could still be doubled;
both are far outside Slack's normal behaviour. Failures that certainly did not post (429, 5xx,
refused connections) are retried without a check.

A send split over several messages (a long summary) has one unit row (send_key, recipient) and,
when it has more than one part, a marker row per posted part ("<send_key>#<n>"), so a retry or
a second process never posts an earlier part again. All parts carry the unit row's id; a check
records every part it finds as posted, and only the missing ones are posted.

The parts: bot/delivery/errors.py sorts failures, pacing.py keeps to Slack's pace (its waits
use Runtime.sleep), verify.py finds a post again in Slack, settle.py records what an attempt
left behind, and storage/ledger.py holds every query.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.delivery.errors import SLACK_FAILURES
from bot.delivery.finished import finish, is_settled
from bot.delivery.pacing import Pacer, post
from bot.delivery.sends import REPLY_IN_THREAD, DueSend, Message, is_file
from bot.delivery.settle import (
    Outcome,
    after_check,
    record_failure,
    record_parts,
    uncertain_files,
    unverifiable,
)
from bot.delivery.verify import Found, delivery_metadata, find_posted
from storage import ledger as rows
from storage.db import transaction
from storage.models import DeliveryState

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

# A row still 'claimed' this long after its claim belonged to a process that died mid-send.
LEASE_MINUTES = 15
# Concurrent posts: each DM recipient is its own channel, so Slack's 1 message per second per
# channel does not hold them back; the workspace-wide limit does. Eight keep up with that limit
# at Slack's round-trip times with faults around; more only draw more 429s (bench/README.md).
WORKERS = 8
# A post whose outcome is unknown is checked in Slack's history no sooner than this after its
# claim, so a message Slack is still writing is not missed.
VERIFY_AFTER_SECONDS = 60


def retry_delay_minutes(attempts: int) -> float:
    """Back-off before attempt `attempts + 1`: 1, 2, 4, 8 minutes, at most 15."""
    return float(min(2 ** max(attempts - 1, 0), 15))


# ---------------------------------------------------------------- one recipient


@dataclass(frozen=True)
class Job:
    """One recipient of one DueSend, with what the ledger knew when the tick looked."""

    due: DueSend
    recipient: str
    row_id: int | None  # None: no row yet; else a 'retry' or 'unknown' row to take back
    verify: bool = False  # an 'unknown' row: look for it in Slack before posting
    since: dt.datetime | None = None  # for `verify`: no post of this row is older than this
    attempts: int = 0


@dataclass(frozen=True)
class Fanout:
    """The shared parts of one tick's deliveries."""

    runtime: Runtime
    at: dt.datetime  # the tick's instant: what is due, and the sent_at recorded
    claimer: str  # who claims (host:pid:tick), for diagnosis
    pacer: Pacer
    client: WebClient  # the tick's client (see tick_client)


def _claim(fan: Fanout, job: Job) -> int | None:
    due = job.due
    with transaction(fan.runtime.sessions) as session:
        if job.row_id is None:
            return rows.insert_row(
                session,
                send_key=due.send_key,
                recipient=job.recipient,
                kind=due.kind,
                state=DeliveryState.CLAIMED,
                due_at=due.due_at,
                claimed_at=fan.runtime.now(),
                claimed_by=fan.claimer,
                revision=due.revision,
            )
        state = DeliveryState.UNKNOWN if job.verify else DeliveryState.RETRY
        won = rows.reclaim(session, job.row_id, fan.claimer, fan.runtime.now(), state)
        return job.row_id if won else None


def _part_post(fan: Fanout, job: Job, number: int) -> tuple[str | None, str | None]:
    with fan.runtime.sessions() as session:
        return rows.part_post(session, job.due.send_key, job.recipient, number)


def _thread_of(fan: Fanout, job: Job, posted: dict[int, str | None]) -> str:
    """The ts of the send's first part, which later parts marked REPLY_IN_THREAD answer in."""
    parent = posted.get(1) or _part_post(fan, job, 1)[1]
    if parent is None:  # parts go out in order, so the first is recorded before any reply
        raise LookupError(f"send {job.due.send_key}: no first part to reply to")
    return parent


def _post_parts(
    fan: Fanout, job: Job, row_id: int, messages: Sequence[Message], skip: frozenset[int] = frozenset()
) -> tuple[str | None, str | None]:
    """Post every part not posted before (nor in `skip`); (channel, ts) of the first part posted now.

    A file part (an `.ics`) goes to the DM's id that the part before it was posted to, now or by
    an earlier attempt: no conversations.open just to upload."""
    first: tuple[str | None, str | None] = (None, None)
    done: set[str] = set()
    dm: str | None = None
    posted: dict[int, str | None] = {}
    if len(messages) > 1:
        with fan.runtime.sessions() as session:
            done = rows.parts_sent(session, job.due.send_key, job.recipient, len(messages))
    for number, message in enumerate(messages, start=1):
        key = rows.part_key(job.due.send_key, number)
        if key in done or number in skip:
            continue
        target = job.recipient
        if is_file(message) and number > 1:
            target = dm or _part_post(fan, job, number - 1)[0] or job.recipient
        tagged = {k: v for k, v in message.items() if k != REPLY_IN_THREAD}
        tagged["metadata"] = delivery_metadata(row_id, number)
        if message.get(REPLY_IN_THREAD):
            tagged["thread_ts"] = _thread_of(fan, job, posted)
        response = post(fan.client, target, tagged, fan.pacer)
        channel, ts = response.get("channel"), response.get("ts")
        dm = dm or channel
        posted[number] = ts
        if first == (None, None):
            first = (channel, ts)
        if len(messages) > 1:
            with transaction(fan.runtime.sessions) as session:
                record_parts(session, fan, job, {number: (channel, ts)})
    return first


def deliver_one(fan: Fanout, job: Job) -> Outcome:
    """Claim, render, post and record one recipient's messages; the outcome."""
    row_id = _claim(fan, job)
    if row_id is None:
        return Outcome.TAKEN
    found: Found = {}
    if job.verify:
        try:
            found = find_posted(fan.client, job.recipient, row_id, job.since or fan.runtime.now())
        except Exception as exc:
            return unverifiable(fan, job, row_id, exc)
    try:
        with fan.runtime.sessions() as session:
            messages = job.due.render(session, job.recipient)
    except Exception as exc:
        logger.exception("send %s: rendering failed", job.due.send_key)
        if job.verify:  # what the check found is not recorded yet: check again later
            return unverifiable(fan, job, row_id, exc)
        return record_failure(fan, job, row_id, exc)
    uncertain: frozenset[int] = frozenset()
    if job.verify:
        uncertain = uncertain_files(fan, job, messages)
        outcome = after_check(fan, job, row_id, found, messages, uncertain)
        if outcome is not None:
            return outcome
    if not messages:
        with transaction(fan.runtime.sessions) as session:
            rows.mark_final(session, [row_id], DeliveryState.SKIPPED, "nothing_to_send")
        return Outcome.SKIPPED
    try:
        channel, ts = _post_parts(fan, job, row_id, messages, uncertain)
    except Exception as exc:
        if not isinstance(exc, SLACK_FAILURES):
            logger.exception("send %s: unexpected error while posting", job.due.send_key)
        return record_failure(fan, job, row_id, exc)
    if ts is None and found:  # nothing posted now, or only a file (which has no ts)
        channel, ts = found[min(found)]
    with transaction(fan.runtime.sessions) as session:
        rows.mark_sent(session, row_id, sent_at=fan.at, channel=channel, ts=ts, revision=job.due.revision)
    # Every message was found in Slack and only a file that never went was uploaded: verified.
    texts = {n for n, m in enumerate(messages, start=1) if not is_file(m)}
    return Outcome.VERIFIED if job.verify and found and set(found) >= texts else Outcome.SENT


def _safe_deliver(fan: Fanout, job: Job) -> Outcome:
    try:
        return deliver_one(fan, job)
    except Exception:
        # A database failure mid-delivery: the row stays claimed and the lease settles it.
        logger.exception("send %s: delivery failed", job.due.send_key)
        return Outcome.FAILED


# ---------------------------------------------------------------- a whole DueSend


def jobs_for(fan: Fanout, due: DueSend, existing: dict[str, rows.LedgerRow]) -> tuple[list[Job], int]:
    """The recipients to work on now (new ones and retries whose back-off has passed)."""
    jobs: list[Job] = []
    waiting = 0
    now = fan.runtime.now()
    for recipient in dict.fromkeys(due.recipients):
        row = existing.get(recipient)
        if row is None:
            jobs.append(Job(due, recipient, None))
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
    return jobs, waiting


@contextmanager
def pool(workers: int | None = None) -> Iterator[ThreadPoolExecutor]:
    """The thread pool one tick posts with (WORKERS threads unless told otherwise)."""
    executor = ThreadPoolExecutor(max_workers=workers or WORKERS, thread_name_prefix="send")
    try:
        yield executor
    finally:
        executor.shutdown(wait=True)


def deliver(fan: Fanout, due: DueSend, executor: ThreadPoolExecutor) -> Counter[Outcome]:
    """Send `due` to every recipient that has not had it; outcomes counted. A send with nothing
    left to do is marked finished, so later ticks skip it (bot/delivery/finished.py)."""
    with fan.runtime.sessions() as session:
        existing = rows.rows_for(session, due.send_key)
    jobs, waiting = jobs_for(fan, due, existing)
    if not jobs and is_settled(due, existing):
        with transaction(fan.runtime.sessions) as session:
            finish(session, due, fan.at)
        return Counter()
    outcomes: Counter[Outcome] = Counter()
    outcomes[Outcome.WAITING] += waiting
    if len(jobs) == 1:
        outcomes[_safe_deliver(fan, jobs[0])] += 1
    else:
        for outcome in executor.map(lambda job: _safe_deliver(fan, job), jobs):
            outcomes[outcome] += 1
    run_after_sent(fan, due)
    return outcomes


def expire(fan: Fanout, due: DueSend, reason: str) -> Counter[Outcome]:
    """A send too late to go out: record it for each recipient instead, to be reported.

    Recipients who joined after the send went to the others are skipped quietly: the send was
    not missed, they came later. Retries that ran out of time are expired too; a row whose last
    post may have arrived ('unknown') is failed instead, and reported as "may have arrived".
    """
    outcomes: Counter[Outcome] = Counter()
    with transaction(fan.runtime.sessions) as session:
        existing = rows.rows_for(session, due.send_key)
        if is_settled(due, existing):
            finish(session, due, fan.at)  # nothing to record: later ticks skip it
            return outcomes
        handled_before = any(not r.startswith("~") for r in existing)
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
            elif row.state == DeliveryState.RETRY:
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
