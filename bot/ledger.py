"""The delivery ledger: each (send, recipient) goes to Slack once, across ticks, processes and crashes.

The protocol, per recipient (and per DueSend, see bot/sends.py):

1. **Claim.** INSERT the row (send_key, recipient) in state 'claimed' and COMMIT *before* calling
   Slack. The unique constraint is the lock: the insert is `ON CONFLICT DO NOTHING RETURNING id`,
   so whoever gets no id back knows someone else has (or had) this delivery and skips it. On
   SQLite the database's single write lock serialises the inserts; on PostgreSQL a second insert
   of the same key waits for the first transaction and then conflicts. No `SELECT ... FOR
   UPDATE`, no advisory locks, the same code on both.
2. **Post** with `chat.postMessage` (a DM goes to the user id as `channel`; Slack delivers it to
   the app's DM with that person). The WebClient itself waits out 429s (Retry-After) and retries
   5xx and broken connections; a 429 that still comes through is waited out again here, within
   the same tick.
3. **Record**: 'sent' with the Slack ts; 'retry' (attempts + 1, last_error) for failures that
   may pass; 'failed' for permanent errors (bot.slack.PERMANENT_ERRORS), which are never retried
   and never stop the rest of the fan-out.

A 'retry' row is taken back by a later tick with an atomic conditional `UPDATE ... SET
state='claimed' WHERE id=... AND state='retry'` (rowcount 1 wins), after a back-off, until
MAX_ATTEMPTS; then it is 'failed'. Failed and expired rows are reported to the organisers'
channel once (reported_at).

**At-most-once under a crash.** Slack has no idempotency key for chat.postMessage, so the ledger
cannot know whether a message whose sender died between claiming and recording went out. Such a
row (still 'claimed' after LEASE) is *not* sent again: it is marked 'failed' with last_error
'interrupted' and reported, and the organisers can check with the person. A read time-out
(the request reached Slack, the answer did not come back) is the same situation and is handled
the same way ('failed', 'timeout', reported): a duplicate invitation to a busy manager is worse
than a missing one that the organisers are told about. Failures that certainly did not post
(429, 5xx, refused connections) are retried.

A send split over several messages (a long summary) has one unit row (send_key, recipient) and,
when it has more than one part, a marker row per posted part ("<send_key>#<n>"), so a retry or
a second process never posts an earlier part again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPException
from typing import TYPE_CHECKING, Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.sends import DueSend, Message
from bot.slack import PERMANENT_ERRORS
from storage import ledger as rows
from storage.db import transaction

if TYPE_CHECKING:
    import datetime as dt

    from bot.runtime import Runtime
    from storage.models import Delivery

logger = logging.getLogger(__name__)

# A failed attempt is tried again by later ticks this many times in all, then reported.
MAX_ATTEMPTS = 5
# A row still 'claimed' this long after its claim belonged to a process that died mid-send.
LEASE_MINUTES = 15
# Concurrent posts: each DM recipient is its own channel, so Slack's 1 message per second per
# channel does not hold them back; the workspace-wide limit does. Eight keep up with that limit
# at Slack's round-trip times with faults around; more only draw more 429s (bench/README.md).
WORKERS = 8
# How long one post may keep waiting out 429s (beyond the WebClient's own retries) in a tick.
RATE_LIMIT_BUDGET_SECONDS = 120.0
# Slack allows about one message per second per channel (short bursts are tolerated).
CHANNEL_INTERVAL_SECONDS = 1.0
# 5xx answers and refused connections (after the WebClient's own retries) are tried again this
# many times within the tick, with back-off, before the ledger leaves them to a later tick.
IN_TICK_RETRIES = 2

# Outcomes of one delivery attempt, counted in the tick report.
SENT = "sent"
FAILED = "failed"
RETRY = "retry"
TAKEN = "taken"  # someone else has it (or it is done)
WAITING = "waiting"  # a retry whose back-off has not passed yet
SKIPPED = "skipped"


def retry_delay_minutes(attempts: int) -> float:
    """Back-off before attempt `attempts + 1`: 1, 2, 4, 8 minutes, at most 15."""
    return float(min(2 ** max(attempts - 1, 0), 15))


# ---------------------------------------------------------------- classifying failures

PERMANENT = "permanent"
TRANSIENT = "transient"
AMBIGUOUS = "ambiguous"  # may have been posted: never repeated


def error_code(exc: BaseException) -> str:
    """A short, log-safe code for a failed post (Slack's error code, or the kind of failure)."""
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = getattr(response, "status_code", 200)
        if status == 429:
            return "ratelimited"
        if status != 200:
            return f"http_{status}"
        data = getattr(response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])[:100]
        return f"http_{status}"
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, URLError) and isinstance(exc.reason, TimeoutError):
        return "timeout"
    if isinstance(exc, URLError | ConnectionError | HTTPException):
        return "connection_error"
    return type(exc).__name__[:100]


def classify(exc: BaseException) -> tuple[str, str]:
    """(PERMANENT | TRANSIENT | AMBIGUOUS, code) for an exception from a post."""
    code = error_code(exc)
    if isinstance(exc, SlackApiError):
        return (PERMANENT if code in PERMANENT_ERRORS else TRANSIENT), code
    # A read time-out: the request was sent and may have been posted. A connect time-out
    # arrives as URLError and was already retried by the WebClient, safely.
    if isinstance(exc, TimeoutError):
        return AMBIGUOUS, code
    return TRANSIENT, code


# ---------------------------------------------------------------- pacing


class Pacer:
    """Keeps posts to one channel about a second apart, and pauses everyone after a 429."""

    def __init__(self, interval: float = CHANNEL_INTERVAL_SECONDS) -> None:
        self._interval = interval
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._paused_until = 0.0

    def wait(self, channel: str) -> None:
        """Block until a post to `channel` is allowed."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(channel, 0.0), self._paused_until)
            self._next[channel] = slot + self._interval
        if slot > now:
            time.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Slack said Retry-After: nobody in this tick posts before that."""
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def wait_out_pause(self) -> None:
        """Block until a pause (if any) is over."""
        with self._lock:
            remaining = self._paused_until - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)


def _header(headers: Any, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value[0] if isinstance(value, list | tuple) else value)
    return None


def _seconds(raw: str | None) -> float:
    try:
        return max(1.0, float(raw)) if raw is not None else 1.0
    except ValueError:
        return 1.0


class SharedRateLimitHandler(RateLimitErrorRetryHandler):
    """The WebClient's 429 handler, but the wait is shared: when Slack answers 429 with
    Retry-After, every worker of the tick holds off until then (as Slack asks), instead of each
    thread sleeping on its own while the others keep knocking."""

    def __init__(self, pacer: Pacer, max_retry_count: int = 3) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.pacer = pacer

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error  # type: ignore[misc]  # the stock handler does the same
        state.next_attempt_requested = True
        self.pacer.pause(_seconds(_header(response.headers, "retry-after")))
        self.pacer.wait_out_pause()
        state.increment_current_attempt()


def tick_client(client: WebClient, pacer: Pacer) -> WebClient:
    """A copy of the app's client for one tick, its 429 handling shared through `pacer`."""
    handlers = [h for h in client.retry_handlers if not isinstance(h, RateLimitErrorRetryHandler)]
    limit = next(
        (h.max_retry_count for h in client.retry_handlers if isinstance(h, RateLimitErrorRetryHandler)), 3
    )
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=client.headers,
        retry_handlers=[*handlers, SharedRateLimitHandler(pacer, limit)],
    )


def _status(exc: BaseException) -> int:
    return int(getattr(getattr(exc, "response", None), "status_code", 0) or 0)


def post(client: WebClient, channel: str, message: Message, pacer: Pacer) -> Any:
    """chat.postMessage, waiting out 429s and retrying 5xx and lost connections within the tick.

    These failures certainly did not post (a read time-out, which may have, is not retried).
    Once IN_TICK_RETRIES or RATE_LIMIT_BUDGET_SECONDS run out, the failure is raised.
    """
    deadline = time.monotonic() + RATE_LIMIT_BUDGET_SECONDS
    failures = 0
    while True:
        pacer.wait(channel)
        try:
            return client.chat_postMessage(channel=channel, **message)
        except (SlackApiError, URLError, ConnectionError) as exc:
            if time.monotonic() >= deadline:
                raise
            if isinstance(exc, SlackApiError) and _status(exc) == 429:
                pacer.pause(_seconds(_header(exc.response.headers, "retry-after")))
                continue
            retryable = _status(exc) >= 500 or not isinstance(exc, SlackApiError)
            failures += 1
            if not retryable or failures > IN_TICK_RETRIES:
                raise
            time.sleep(0.5 * 2.0 ** (failures - 1))


# ---------------------------------------------------------------- one recipient


@dataclass(frozen=True)
class Job:
    """One recipient of one DueSend, with what the ledger knew when the tick looked."""

    due: DueSend
    recipient: str
    row_id: int | None  # None: no row yet; else a 'retry' row to take back


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
                state=rows.CLAIMED,
                due_at=due.due_at,
                claimed_at=fan.runtime.now(),
                claimed_by=fan.claimer,
                revision=due.revision,
            )
        won = rows.reclaim(session, job.row_id, fan.claimer, fan.runtime.now())
        return job.row_id if won else None


def _record_failure(fan: Fanout, job: Job, row_id: int, exc: BaseException) -> str:
    kind, code = classify(exc)
    with transaction(fan.runtime.sessions) as session:
        if kind == TRANSIENT:
            state = rows.mark_retry(session, row_id, code, MAX_ATTEMPTS)
        else:
            rows.mark_final(session, [row_id], rows.FAILED, code)
            state = rows.FAILED
    if kind == TRANSIENT and state == rows.RETRY:
        logger.warning("send %s: transient failure (%s); tried again later", job.due.send_key, code)
    else:
        logger.warning("send %s: failed (%s); reported to the organisers", job.due.send_key, code)
    return RETRY if state == rows.RETRY else FAILED


def _post_parts(fan: Fanout, job: Job, messages: Sequence[Message]) -> tuple[str | None, str | None]:
    """Post every part not posted before; (channel, ts) of the first part posted now."""
    first: tuple[str | None, str | None] = (None, None)
    done: set[str] = set()
    if len(messages) > 1:
        with fan.runtime.sessions() as session:
            done = rows.parts_sent(session, job.due.send_key, job.recipient)
    for number, message in enumerate(messages, start=1):
        key = rows.part_key(job.due.send_key, number)
        if key in done:
            continue
        response = post(fan.client, job.recipient, message, fan.pacer)
        channel, ts = response.get("channel"), response.get("ts")
        if first == (None, None):
            first = (channel, ts)
        if len(messages) > 1:
            with transaction(fan.runtime.sessions) as session:
                rows.insert_row(
                    session,
                    send_key=key,
                    recipient=job.recipient,
                    kind=job.due.kind,
                    state=rows.SENT,
                    due_at=job.due.due_at,
                    sent_at=fan.at,
                    slack_channel=channel,
                    slack_ts=ts,
                )
    return first


def deliver_one(fan: Fanout, job: Job) -> str:
    """Claim, render, post and record one recipient's messages; the outcome."""
    row_id = _claim(fan, job)
    if row_id is None:
        return TAKEN
    try:
        with fan.runtime.sessions() as session:
            messages = job.due.render(session, job.recipient)
    except Exception as exc:
        logger.exception("send %s: rendering failed", job.due.send_key)
        return _record_failure(fan, job, row_id, exc)
    if not messages:
        with transaction(fan.runtime.sessions) as session:
            rows.mark_final(session, [row_id], rows.SKIPPED, "nothing_to_send")
        return SKIPPED
    try:
        channel, ts = _post_parts(fan, job, messages)
    except Exception as exc:
        if not isinstance(exc, SlackApiError | TimeoutError | URLError | ConnectionError | HTTPException):
            logger.exception("send %s: unexpected error while posting", job.due.send_key)
        return _record_failure(fan, job, row_id, exc)
    with transaction(fan.runtime.sessions) as session:
        rows.mark_sent(session, row_id, sent_at=fan.at, channel=channel, ts=ts, revision=job.due.revision)
    return SENT


def _safe_deliver(fan: Fanout, job: Job) -> str:
    try:
        return deliver_one(fan, job)
    except Exception:
        # A database failure mid-delivery: the row stays claimed and the lease settles it.
        logger.exception("send %s: delivery failed", job.due.send_key)
        return FAILED


# ---------------------------------------------------------------- a whole DueSend


def jobs_for(fan: Fanout, due: DueSend, existing: dict[str, Delivery]) -> tuple[list[Job], int]:
    """The recipients to work on now (new ones and retries whose back-off has passed)."""
    jobs: list[Job] = []
    waiting = 0
    now = fan.runtime.now()
    for recipient in dict.fromkeys(due.recipients):
        row = existing.get(recipient)
        if row is None:
            jobs.append(Job(due, recipient, None))
        elif row.state == rows.RETRY:
            claimed_at = row.claimed_at or now
            if (now - claimed_at).total_seconds() >= retry_delay_minutes(row.attempts) * 60:
                jobs.append(Job(due, recipient, row.id))
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


def deliver(fan: Fanout, due: DueSend, executor: ThreadPoolExecutor) -> Counter[str]:
    """Send `due` to every recipient that has not had it; outcomes counted."""
    with fan.runtime.sessions() as session:
        existing = rows.rows_for(session, due.send_key)
    jobs, waiting = jobs_for(fan, due, existing)
    outcomes: Counter[str] = Counter()
    outcomes[WAITING] += waiting
    if len(jobs) == 1:
        outcomes[_safe_deliver(fan, jobs[0])] += 1
    else:
        for outcome in executor.map(lambda job: _safe_deliver(fan, job), jobs):
            outcomes[outcome] += 1
    run_after_sent(fan, due)
    return outcomes


def expire(fan: Fanout, due: DueSend, reason: str) -> Counter[str]:
    """A send too late to go out: record it for each recipient instead, to be reported.

    Recipients who joined after the send went to the others are skipped quietly: the send was
    not missed, they came later. Retries that ran out of time are expired too.
    """
    outcomes: Counter[str] = Counter()
    with transaction(fan.runtime.sessions) as session:
        existing = rows.rows_for(session, due.send_key)
        handled_before = any(not r.startswith("~") for r in existing)
        state = rows.SKIPPED if handled_before else rows.EXPIRED
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
                    last_error=reason if state == rows.EXPIRED else "joined_late",
                    revision=due.revision,
                )
                if inserted is not None:
                    outcomes[state] += 1
            elif row.state == rows.RETRY:
                rows.mark_final(session, [row.id], rows.EXPIRED, reason)
                outcomes[rows.EXPIRED] += 1
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
                state=rows.SENT,
                due_at=due.due_at,
                sent_at=fan.at,
            )
            if marked is not None:
                due.after_sent(session)
    except Exception:
        logger.exception("send %s: after_sent failed; tried again next tick", due.send_key)
