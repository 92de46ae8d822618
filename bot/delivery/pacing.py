"""Keeping to Slack's pace: a second between posts to one channel, everyone waiting out a 429,
5xx and lost connections tried again within the tick. Every wait goes through the Pacer's
injected monotonic clock and sleep (Runtime.monotonic, Runtime.sleep), so tests never wait."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.delivery.errors import status
from bot.delivery.sends import FILE, FileUpload, Message, is_file

# How long one post may keep waiting out 429s (beyond the WebClient's own retries) in a tick.
RATE_LIMIT_BUDGET_SECONDS = 120.0
# Slack allows about one message per second per channel (short bursts are tolerated).
CHANNEL_INTERVAL_SECONDS = 1.0
# 5xx answers and refused connections (after the WebClient's own retries) are tried again this
# many times within the tick, with back-off, before the ledger leaves them to a later tick.
IN_TICK_RETRIES = 2


class Pacer:
    """Keeps posts to one channel about a second apart, and pauses everyone after a 429."""

    def __init__(
        self,
        interval: float = CHANNEL_INTERVAL_SECONDS,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = interval
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._paused_until = 0.0
        self.monotonic = monotonic
        self.sleep = sleep

    def wait(self, channel: str) -> None:
        """Block until a post to `channel` is allowed."""
        with self._lock:
            now = self.monotonic()
            slot = max(now, self._next.get(channel, 0.0), self._paused_until)
            self._next[channel] = slot + self._interval
        if slot > now:
            self.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Slack said Retry-After: nobody in this tick posts before that."""
        with self._lock:
            self._paused_until = max(self._paused_until, self.monotonic() + seconds)

    def wait_out_pause(self) -> None:
        """Block until a pause (if any) is over."""
        with self._lock:
            remaining = self._paused_until - self.monotonic()
        if remaining > 0:
            self.sleep(remaining)


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


class PacedRetryHandler(RetryHandler):
    """One of the WebClient's retry handlers (5xx, broken connections): it decides as before,
    and its back-off is slept through the pacer's sleep."""

    def __init__(self, inner: RetryHandler, pacer: Pacer) -> None:
        super().__init__(inner.max_retry_count, inner.interval_calculator)
        self.inner = inner
        self.pacer = pacer

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return self.inner.can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        self.wait(state, response, error)
        state.increment_current_attempt()

    def wait(self, state: RetryState, response: HttpResponse | None, error: Exception | None) -> None:
        """Wait before the next attempt."""
        self.pacer.sleep(self.interval_calculator.calculate_sleep_duration(state.current_attempt))


class SharedRateLimitHandler(PacedRetryHandler):
    """The WebClient's 429 handler, but the wait is shared: when Slack answers 429 with
    Retry-After, every worker of the tick holds off until then (as Slack asks), instead of each
    thread sleeping on its own while the others keep knocking."""

    def __init__(self, pacer: Pacer, max_retry_count: int = 3) -> None:
        super().__init__(RateLimitErrorRetryHandler(max_retry_count=max_retry_count), pacer)

    def wait(self, state: RetryState, response: HttpResponse | None, error: Exception | None) -> None:
        if response is None:
            raise error  # type: ignore[misc]  # the stock handler does the same
        self.pacer.pause(_seconds(_header(response.headers, "retry-after")))
        self.pacer.wait_out_pause()


def tick_client(client: WebClient, pacer: Pacer) -> WebClient:
    """A copy of the app's client for one tick, its waits (429s shared) going through `pacer`."""
    handlers = [
        PacedRetryHandler(h, pacer)
        for h in client.retry_handlers
        if not isinstance(h, RateLimitErrorRetryHandler)
    ]
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


def upload(client: WebClient, channel: str, file: FileUpload) -> dict[str, Any]:
    """Upload `file` into the conversation `channel` (a DM's id; for a user id, conversations.open
    finds it) with files upload v2: the upload URL, the bytes, then completeUploadExternal with
    the channel id. {channel, ts: None}."""
    if channel[:1] in ("U", "W"):
        channel = str(client.conversations_open(users=channel)["channel"]["id"])
    client.files_upload_v2(channel=channel, file=file.content, filename=file.filename, title=file.title)
    return {"channel": channel, "ts": None}


def post(client: WebClient, channel: str, message: Message, pacer: Pacer) -> Any:
    """chat.postMessage (or, for a file part, the upload), waiting out 429s and retrying 5xx and lost connections within the tick.

    These failures certainly did not post (a read time-out, which may have, is not retried).
    Once IN_TICK_RETRIES or RATE_LIMIT_BUDGET_SECONDS run out, the failure is raised.
    """
    deadline = pacer.monotonic() + RATE_LIMIT_BUDGET_SECONDS
    failures = 0
    while True:
        pacer.wait(channel)
        try:
            if is_file(message):
                return upload(client, channel, message[FILE])
            return client.chat_postMessage(channel=channel, **message)
        except (SlackApiError, URLError, ConnectionError) as exc:
            if pacer.monotonic() >= deadline:
                raise
            if isinstance(exc, SlackApiError) and status(exc) == 429:
                pacer.pause(_seconds(_header(exc.response.headers, "retry-after")))
                continue
            retryable = status(exc) >= 500 or not isinstance(exc, SlackApiError)
            failures += 1
            if not retryable or failures > IN_TICK_RETRIES:
                raise
            pacer.sleep(0.5 * 2.0 ** (failures - 1))
