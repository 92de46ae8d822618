"""The delivery ledger: each (send, recipient) goes to Slack once, across ticks, processes and crashes.

The protocol, per recipient (and per DueSend, see bot/delivery/sends.py):

1. **Claim.** A send's recipients without a row are first inserted, all at once, as 'queued'
   (`ON CONFLICT DO NOTHING` against the unique (send_key, recipient) constraint: a row another
   process made first stays as it is). Each worker then claims a few queued rows with one
   conditional UPDATE (`... SET state='claimed' WHERE state='queued' AND id IN (SELECT ... FOR
   UPDATE SKIP LOCKED LIMIT k) RETURNING id`) and COMMITs *before* calling Slack: a row comes
   back to exactly one claimer. On PostgreSQL a second scheduler skips the rows the first holds
   and takes the next ones, so several schedulers divide a fan-out; on SQLite (no FOR UPDATE,
   one writer at a time) the same statement is atomic, and one scheduler is the rule
   (bot/delivery/fanout.py, storage/ledger_queue.py).
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
left behind, and storage/ledger.py holds every query (a row's state changes in
storage/ledger_marks.py, the queued rows' claims in storage/ledger_queue.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.delivery.errors import SLACK_FAILURES
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
    claimed: bool = False  # `row_id` was claimed from the queue by this tick (storage/ledger_queue.py)


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
    if job.claimed:
        return job.row_id
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


def safe_deliver(fan: Fanout, job: Job) -> Outcome:
    try:
        return deliver_one(fan, job)
    except Exception:
        # A database failure mid-delivery: the row stays claimed and the lease settles it.
        logger.exception("send %s: delivery failed", job.due.send_key)
        return Outcome.FAILED
