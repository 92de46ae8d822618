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
   permanent errors (bot.slack.PERMANENT_ERRORS), which are never retried and never stop the
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
"""

from __future__ import annotations

import datetime as dt
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

from bot.delivery.sends import FILE, DueSend, FileUpload, Message, is_file
from bot.slack import PERMANENT_ERRORS
from storage import ledger as rows
from storage.db import transaction

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
# A post whose outcome is unknown is checked in Slack's history no sooner than this after its
# claim, so a message Slack is still writing is not missed.
VERIFY_AFTER_SECONDS = 60
# The history is read from this long before the row was created: our clock and Slack's may differ.
VERIFY_MARGIN = dt.timedelta(minutes=5)
# At most this many pages of 100 messages are read; a longer history leaves the outcome unknown.
VERIFY_PAGES = 10
# Slack message metadata on every ledger post (event_payload: delivery_id, part).
METADATA_EVENT_TYPE = "chefsnatverket_delivery"
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
VERIFIED = "verified"  # found in Slack after a time-out or crash, not posted again

# last_error of a post whose outcome stayed unknown MAX_ATTEMPTS times and was then not found.
NOT_POSTED = "not_posted"


def retry_delay_minutes(attempts: int) -> float:
    """Back-off before attempt `attempts + 1`: 1, 2, 4, 8 minutes, at most 15."""
    return float(min(2 ** max(attempts - 1, 0), 15))


# ---------------------------------------------------------------- classifying failures

PERMANENT = "permanent"
TRANSIENT = "transient"
AMBIGUOUS = "ambiguous"  # may have been posted: checked in Slack before it is repeated


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
            if is_file(message):
                return upload(client, channel, message[FILE])
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


def _part_channel(fan: Fanout, job: Job, number: int) -> str | None:
    with fan.runtime.sessions() as session:
        return rows.part_channel(session, job.due.send_key, job.recipient, number)


def upload(client: WebClient, recipient: str, file: FileUpload) -> dict[str, Any]:
    """Upload `file` into the conversation `recipient` (a DM's id; for a user id, conversations.open
    finds it) with files upload v2: the upload URL, the bytes, then completeUploadExternal with
    the channel id. {channel, ts: None}."""
    channel = history_channel(client, recipient)
    client.files_upload_v2(channel=channel, file=file.content, filename=file.filename, title=file.title)
    return {"channel": channel, "ts": None}


# ---------------------------------------------------------------- finding a post again


def delivery_metadata(delivery_id: int, part: int) -> dict[str, Any]:
    """The Slack message metadata that names a ledger post, so a check can find it."""
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"delivery_id": delivery_id, "part": part}}


class UncertainHistory(Exception):
    """The history was longer than VERIFY_PAGES pages: a missing message proves nothing."""


def history_channel(client: WebClient, recipient: str) -> str:
    """The conversation a post to `recipient` went to: the DM's id for a user, else itself."""
    if recipient[:1] in ("U", "W"):
        return str(client.conversations_open(users=recipient)["channel"]["id"])
    return recipient


def find_posted(
    client: WebClient, recipient: str, delivery_id: int, since: dt.datetime
) -> dict[int, tuple[str, str]]:
    """The parts of delivery `delivery_id` that are in Slack, {part: (channel, ts)}.

    Reads the conversation's history from `since` (minus VERIFY_MARGIN) with all metadata.
    Raises (SlackApiError, UncertainHistory, ...) when it cannot tell.
    """
    channel = history_channel(client, recipient)
    oldest = f"{(since - VERIFY_MARGIN).timestamp():.6f}"
    found: dict[int, tuple[str, str]] = {}
    cursor: str | None = None
    for _ in range(VERIFY_PAGES):
        page = client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=100, cursor=cursor
        )
        for message in page.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") != METADATA_EVENT_TYPE:
                continue
            if str(payload.get("delivery_id")) == str(delivery_id):
                found[int(payload.get("part") or 1)] = (channel, str(message["ts"]))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not page.get("has_more") or not cursor:
            return found
    raise UncertainHistory(f"more than {VERIFY_PAGES} pages of history")


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
                state=rows.CLAIMED,
                due_at=due.due_at,
                claimed_at=fan.runtime.now(),
                claimed_by=fan.claimer,
                revision=due.revision,
            )
        state = rows.UNKNOWN if job.verify else rows.RETRY
        won = rows.reclaim(session, job.row_id, fan.claimer, fan.runtime.now(), state)
        return job.row_id if won else None


def _record_failure(fan: Fanout, job: Job, row_id: int, exc: BaseException) -> str:
    kind, code = classify(exc)
    with transaction(fan.runtime.sessions) as session:
        if kind == TRANSIENT:
            state = rows.mark_retry(session, row_id, code, MAX_ATTEMPTS)
        elif kind == AMBIGUOUS:
            rows.mark_unknown(session, row_id, code)
            state = rows.UNKNOWN
        else:
            rows.mark_final(session, [row_id], rows.FAILED, code)
            state = rows.FAILED
    if state == rows.UNKNOWN:
        logger.warning("send %s: outcome unknown (%s); checked in Slack later", job.due.send_key, code)
        return RETRY
    if kind == TRANSIENT and state == rows.RETRY:
        logger.warning("send %s: transient failure (%s); tried again later", job.due.send_key, code)
    else:
        logger.warning("send %s: failed (%s); reported to the organisers", job.due.send_key, code)
    return RETRY if state == rows.RETRY else FAILED


def _record_parts(session: Session, fan: Fanout, job: Job, found: dict[int, tuple[str, str]]) -> None:
    """Part markers for parts of a multi-message send that are in Slack (posted, or found by a check)."""
    for number, (channel, ts) in found.items():
        rows.insert_row(
            session,
            send_key=rows.part_key(job.due.send_key, number),
            recipient=job.recipient,
            kind=job.due.kind,
            state=rows.SENT,
            due_at=job.due.due_at,
            sent_at=fan.at,
            slack_channel=channel,
            slack_ts=ts,
        )


def _unverifiable(fan: Fanout, job: Job, row_id: int, exc: BaseException) -> str:
    """The check in Slack failed: try it again later if that may pass, else report, never post."""
    kind, code = classify(exc)
    lasting = isinstance(exc, UncertainHistory) or (
        isinstance(exc, SlackApiError) and _status(exc) != 429 and _status(exc) < 500
    )
    if lasting:
        kind = PERMANENT  # missing_scope, channel_not_found, a long history: checking again will not help
    with transaction(fan.runtime.sessions) as session:
        if kind == PERMANENT:
            rows.mark_final(session, [row_id], rows.FAILED, None)
            state = rows.FAILED
        else:
            state = rows.mark_unverified(session, row_id, MAX_ATTEMPTS)
    logger.warning(
        "send %s: could not check whether it arrived (%s); %s",
        job.due.send_key,
        code,
        "checked again later" if state == rows.UNKNOWN else "reported as possibly arrived",
    )
    return RETRY if state == rows.UNKNOWN else FAILED


def _post_parts(
    fan: Fanout, job: Job, row_id: int, messages: Sequence[Message], skip: frozenset[int] = frozenset()
) -> tuple[str | None, str | None]:
    """Post every part not posted before (nor in `skip`); (channel, ts) of the first part posted now."""
    first: tuple[str | None, str | None] = (None, None)
    done: set[str] = set()
    dm: str | None = None
    if len(messages) > 1:
        with fan.runtime.sessions() as session:
            done = rows.parts_sent(session, job.due.send_key, job.recipient, len(messages))
    for number, message in enumerate(messages, start=1):
        key = rows.part_key(job.due.send_key, number)
        if key in done or number in skip:
            continue
        target = job.recipient
        if is_file(message) and number > 1:
            # The DM's id, from the part before (posted now or by an earlier attempt).
            target = dm or _part_channel(fan, job, number - 1) or job.recipient
        tagged = {**message, "metadata": delivery_metadata(row_id, number)}
        response = post(fan.client, target, tagged, fan.pacer)
        channel, ts = response.get("channel"), response.get("ts")
        dm = dm or channel
        if first == (None, None):
            first = (channel, ts)
        if len(messages) > 1:
            with transaction(fan.runtime.sessions) as session:
                _record_parts(session, fan, job, {number: (channel, ts)})
    return first


def uncertain_files(fan: Fanout, job: Job, messages: Sequence[Message]) -> frozenset[int]:
    """File parts whose upload may be the unknown outcome: every part before it was marked posted
    before the check. A file share carries no metadata, so the check cannot find it: such a file
    is never uploaded again (at worst it is missing, never doubled)."""
    if len(messages) < 2 or not any(is_file(m) for m in messages):
        return frozenset()
    with fan.runtime.sessions() as session:
        marked = rows.parts_sent(session, job.due.send_key, job.recipient, len(messages))
    return frozenset(
        number
        for number, message in enumerate(messages, start=1)
        if is_file(message) and all(rows.part_key(job.due.send_key, n) in marked for n in range(1, number))
    )


def _after_check(
    fan: Fanout,
    job: Job,
    row_id: int,
    found: dict[int, tuple[str, str]],
    messages: Sequence[Message],
    uncertain: frozenset[int] = frozenset(),
) -> str | None:
    """Settle what a check in Slack found: VERIFIED when every part is there (or is a file that
    is not uploaded twice), FAILED when the outcome stayed unknown too often; None when the
    missing parts are to be posted now."""
    if found and set(found) | uncertain >= set(range(1, len(messages) + 1)):
        channel, ts = found[min(found)]
        with transaction(fan.runtime.sessions) as session:
            if len(messages) > 1:
                _record_parts(session, fan, job, found)
            rows.mark_sent(session, row_id, sent_at=fan.at, channel=channel, ts=ts, revision=job.due.revision)
        logger.info("send %s: found in Slack after an unknown outcome; not posted again", job.due.send_key)
        return VERIFIED
    if not messages:
        return None
    if found:
        with transaction(fan.runtime.sessions) as session:
            _record_parts(session, fan, job, found)
    if job.attempts >= MAX_ATTEMPTS:
        with transaction(fan.runtime.sessions) as session:
            rows.mark_final(session, [row_id], rows.FAILED, NOT_POSTED)
        return FAILED
    logger.info("send %s: not found in Slack after an unknown outcome; posted again", job.due.send_key)
    return None


def deliver_one(fan: Fanout, job: Job) -> str:
    """Claim, render, post and record one recipient's messages; the outcome."""
    row_id = _claim(fan, job)
    if row_id is None:
        return TAKEN
    found: dict[int, tuple[str, str]] = {}
    if job.verify:
        try:
            found = find_posted(fan.client, job.recipient, row_id, job.since or fan.runtime.now())
        except Exception as exc:
            return _unverifiable(fan, job, row_id, exc)
    try:
        with fan.runtime.sessions() as session:
            messages = job.due.render(session, job.recipient)
    except Exception as exc:
        logger.exception("send %s: rendering failed", job.due.send_key)
        if job.verify:  # what the check found is not recorded yet: check again later
            return _unverifiable(fan, job, row_id, exc)
        return _record_failure(fan, job, row_id, exc)
    uncertain: frozenset[int] = frozenset()
    if job.verify:
        uncertain = uncertain_files(fan, job, messages)
        outcome = _after_check(fan, job, row_id, found, messages, uncertain)
        if outcome is not None:
            return outcome
    if not messages:
        with transaction(fan.runtime.sessions) as session:
            rows.mark_final(session, [row_id], rows.SKIPPED, "nothing_to_send")
        return SKIPPED
    try:
        channel, ts = _post_parts(fan, job, row_id, messages, uncertain)
    except Exception as exc:
        if not isinstance(exc, SlackApiError | TimeoutError | URLError | ConnectionError | HTTPException):
            logger.exception("send %s: unexpected error while posting", job.due.send_key)
        return _record_failure(fan, job, row_id, exc)
    if ts is None and found:  # nothing posted now, or only a file (which has no ts)
        channel, ts = found[min(found)]
    with transaction(fan.runtime.sessions) as session:
        rows.mark_sent(session, row_id, sent_at=fan.at, channel=channel, ts=ts, revision=job.due.revision)
    # Every message was found in Slack and only a file that never went was uploaded: verified.
    texts = {n for n, m in enumerate(messages, start=1) if not is_file(m)}
    return VERIFIED if job.verify and found and set(found) >= texts else SENT


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
        elif row.state in (rows.RETRY, rows.UNKNOWN):
            claimed_at = row.claimed_at or now
            wait = retry_delay_minutes(row.attempts) * 60
            verify = row.state == rows.UNKNOWN
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
    not missed, they came later. Retries that ran out of time are expired too; a row whose last
    post may have arrived ('unknown') is failed instead, and reported as "may have arrived".
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
            elif row.state == rows.UNKNOWN:
                # Too late to post again; it may have arrived: reported in those words.
                rows.mark_final(session, [row.id], rows.FAILED, None)
                outcomes[rows.FAILED] += 1
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
