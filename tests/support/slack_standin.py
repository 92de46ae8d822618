"""A local stand-in for the Slack Web API, served over real HTTP on loopback.

Point the app's client at it::

    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-test", base_url=standin.url)
        client.chat_postMessage(channel="C0ADMIN", text="hi")
        assert standin.messages_to("C0ADMIN")[0].params["text"] == "hi"

It is a real ``ThreadingHTTPServer`` rather than a mock so that the app's
actual HTTP stack (slack_sdk's urllib client, retry handlers, time-outs,
connection handling) is exercised exactly as in production.

Besides ``/api/<method>`` it serves two helper routes:

* ``/upload/<file_id>`` -- the ``upload_url`` handed out by
  ``files.getUploadURLExternal``; recorded as method ``UPLOAD`` ("upload").
* ``/hooks/<tag>`` -- a ``response_url`` target (see ``response_url()``);
  recorded as method ``RESPONSE_URL`` ("response_url").

Both pseudo-methods take part in fault injection like any API method.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import itertools
import json
import math
import random
import re
import secrets
import socket
import sys
import threading
import time
import traceback
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass, field, replace
from decimal import Decimal
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from tests.support.blockkit import check_message as _check_message
from tests.support.blockkit import check_text_obj as _check_text_obj
from tests.support.blockkit import err as _err
from tests.support.blockkit import validate_blocks

__all__ = ["RESPONSE_URL", "UPLOAD", "SlackStandIn", "validate_blocks"]

# Workspace identity. tests/signing.py uses the same values so that signed
# payloads and API answers describe one consistent workspace.
TEAM_ID = "T0001"
TEAM_NAME = "Acme"
TEAM_DOMAIN = "acme"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
APP_ID = "A0APP"

UPLOAD = "upload"  # pseudo-method name for POSTs to an upload_url
RESPONSE_URL = "response_url"  # pseudo-method name for POSTs to /hooks/<tag>

# Params that slack_sdk (or an app) may send as JSON strings inside a form body.
_JSON_FIELDS = ("blocks", "view", "attachments", "files", "metadata")

_TS_BASE_US = 1_700_000_000_000_000  # ts values count up from 1700000000.000000

# Slack: a trigger_id is good for 3 seconds; a response_url for 5 uses within 30 minutes.
TRIGGER_TTL = 3.0
RESPONSE_URL_USES = 5
RESPONSE_URL_TTL = 30 * 60.0
# Trigger ids as tests/support/signing.py makes them: "<issued, epoch ms>.<n>.<hex>". Other shapes
# ("t.1") carry no issue time and never expire by age (use `expired_triggers` for those).
_TRIGGER = re.compile(r"(\d{13})\.\d+\.[0-9a-f]+")

# The scope each Web API method needs (Slack's method reference). Conversation methods depend on
# the kind of conversation: see _needed_scope.
_METHOD_SCOPES = {
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "users.info": "users:read",
    "users.list": "users:read",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
}
_CONVERSATION_SCOPES = {"conversations.history": "history", "conversations.info": "read"}
_MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def manifest_scopes() -> frozenset[str]:
    """The bot scopes manifest.yml requests: what the stand-in grants unless told otherwise."""
    import yaml

    manifest = yaml.safe_load(_MANIFEST.read_text(encoding="utf-8"))
    return frozenset(manifest["oauth_config"]["scopes"]["bot"])


def _user(uid: str, name: str, real_name: str, tz: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": uid,
        "name": name,
        "real_name": real_name,
        "tz": tz,
        "profile": {"display_name": name, "real_name": real_name, "email": f"{name}@{TEAM_DOMAIN}.example"},
        **extra,
    }


DEFAULT_USERS: dict[str, dict[str, Any]] = {
    "U0ANNA": _user("U0ANNA", "anna", "Anna Admin", "Europe/Berlin", is_admin=True),
    "U0BEN": _user("U0BEN", "ben", "Ben Baker", "America/New_York"),
    "U0CHLOE": _user("U0CHLOE", "chloe", "Chloe Chen", "Asia/Tokyo"),
    BOT_USER_ID: _user(BOT_USER_ID, "standin-bot", "Stand-in Bot", "America/Los_Angeles", is_bot=True),
}

DEFAULT_CHANNELS: dict[str, dict[str, Any]] = {
    "C0ADMIN": {"name": "admin"},
    "C0GENERAL": {"name": "general"},
}


# --------------------------------------------------------------------------- records


@dataclass
class Call:
    """One request the stand-in answered."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]  # lower-cased names (urllib sends e.g. "User-agent")
    token: str | None
    at: float  # when the request arrived: at_clock(), time.monotonic() unless a test says otherwise
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)
    path: str = ""

    @property
    def ok(self) -> bool:
        """True when Slack would have reported success."""
        return self.status == 200 and self.response.get("ok") is True

    @property
    def error(self) -> str | None:
        return self.response.get("error")


@dataclass
class _Fault:
    method: str
    status: int
    error: str | None
    retry_after: int | None
    delay: float
    times: int
    when: Callable[[dict[str, Any]], bool] | None
    store: bool = True  # False: the call is not carried out (see SlackStandIn.fail)

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.method not in ("*", method):
            return False
        try:
            return self.when is None or bool(self.when(params))
        except Exception:  # a predicate that trips over odd params simply does not match
            return False


@dataclass
class _Limit:
    per_second: float
    burst: int
    key: str | None
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (tokens, t)


@dataclass
class _RandomFaults:
    rate: float
    statuses: tuple[int, ...]
    rng: random.Random


@dataclass
class _Answer:
    status: int
    body: dict[str, Any]
    headers: list[tuple[str, str]] = field(default_factory=list)
    raw: bytes | None = None  # non-JSON body (5xx pages, upload/hook replies)
    content_type: str = "application/json; charset=utf-8"


def message_fingerprint(params: dict[str, Any], method: str = "chat.postMessage") -> str:
    """Identity of a message's content, used to spot duplicate posts."""
    # Both text and blocks count: same blocks with a different fallback text is a
    # different message, so a false "duplicate" is never reported.
    basis = f"text:{params.get('text') or ''}"
    blocks = params.get("blocks")
    if blocks:
        digest = hashlib.sha256(json.dumps(blocks, sort_keys=True, default=str).encode()).hexdigest()
        basis += f"|blocks:{digest[:16]}"
    if params.get("thread_ts"):
        basis = f"thread:{params['thread_ts']}|{basis}"
    if method == "chat.postEphemeral":
        basis = f"user:{params.get('user')}|{basis}"
    return basis


def _tz_info(tz: str) -> tuple[str, int]:
    try:
        zone = zoneinfo.ZoneInfo(tz)
        now = datetime.datetime.now(zone)
        return now.tzname() or tz, int(now.utcoffset().total_seconds())  # type: ignore[union-attr]
    except Exception:
        return tz, 0


# --------------------------------------------------------------------------- HTTP plumbing


def _check_metadata(metadata: Any) -> dict[str, Any] | None:
    """Slack's check of message metadata: an event_type string and an event_payload object."""
    if metadata is None:
        return None
    if (
        not isinstance(metadata, dict)
        or not isinstance(metadata.get("event_type"), str)
        or not isinstance(metadata.get("event_payload"), dict)
    ):
        return _err("invalid_metadata_format")
    return None


def _flag(value: Any) -> bool:
    """A boolean argument as Slack reads it ("1"/"true", or a JSON true)."""
    return value is True or str(value).lower() in ("1", "true")


def _ts_value(value: Any, default: Decimal) -> Decimal | None:
    """A ts argument ("1700000000.000100") as a number; the default when absent, None when bad."""
    if value in (None, ""):
        return default
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _parse_multipart(body: bytes, content_type: str) -> list[tuple[dict[str, str], bytes]]:
    """Split a multipart/form-data body into (disposition params, content) parts."""
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if not m:
        return []
    delim = b"\r\n--" + m.group(1).encode("latin-1")
    # The first delimiter may lack the leading CRLF; prepending one keeps splitting uniform.
    data = body if body.startswith(b"\r\n") else b"\r\n" + body
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in data.split(delim)[1:]:
        if chunk.startswith(b"--"):
            break  # closing delimiter
        nl = chunk.find(b"\r\n")
        chunk = chunk[nl + 2 :] if nl >= 0 else b""
        head, _, content = chunk.partition(b"\r\n\r\n")
        disp: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if line.lower().startswith("content-disposition:"):
                for k, v in re.findall(r'(\w+)="([^"]*)"', line):
                    disp[k.lower()] = v
            elif line.lower().startswith("content-type:"):
                disp["content-type"] = line.split(":", 1)[1].strip()
        parts.append((disp, content))
    return parts


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive capable; every answer carries Content-Length
    server_version = "SlackStandIn/1.0"
    timeout = 30  # drop idle keep-alive connections instead of holding threads forever
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in one write, but disable Nagle anyway so that
        # keep-alive clients never hit the 40 ms delayed-ACK stall.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # per-request logging would dominate the cost at benchmark rates

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self, verb: str) -> None:
        body = self._read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        ans = self.server.standin._handle(verb, self.path, headers, body)
        payload = ans.raw if ans.raw is not None else json.dumps(ans.body, separators=(",", ":")).encode()
        try:
            phrase = HTTPStatus(ans.status).phrase
        except ValueError:
            phrase = "Status"
        lines = [
            f"HTTP/1.1 {ans.status} {phrase}",
            f"Content-Type: {ans.content_type}",
            f"Content-Length: {len(payload)}",
            f"X-Slack-Req-Id: {self.server.standin._next_req_id()}",
        ]
        lines += [f"{k}: {v}" for k, v in ans.headers]
        if self.close_connection:
            lines.append("Connection: close")
        try:
            self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
            self.wfile.flush()
        except OSError:
            # The client gave up (e.g. it timed out during a `delay` fault).
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # never block interpreter exit or stop() on handler threads
    request_queue_size = 1024  # deep listen backlog so benchmark bursts are not refused
    allow_reuse_address = True
    standin: SlackStandIn

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # clients hanging up are normal here
        super().handle_error(request, client_address)


# --------------------------------------------------------------------------- the stand-in


class SlackStandIn:
    """Slack Web API look-alike on ``http://127.0.0.1:<port>/api/``."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, valid_token_prefixes: tuple[str, ...] = ("xoxb-",)
    ) -> None:
        self.host, self.port = host, port
        self.valid_token_prefixes = valid_token_prefixes
        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        # Counters survive reset() so that ts/file/view ids stay unique for the server's life.
        self._ts_counter = itertools.count(1)
        self._id_counter = itertools.count(1)
        self._req_counter = itertools.count(1)
        # Custom method handlers survive reset(): they are configuration, not state.
        self._custom: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
        # Public state (mutated in place by reset(), so held references stay valid).
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.unknown_users: set[str] = set()
        self.inactive_users: set[str] = set()
        self.not_in_channels: set[str] = set()
        self.unknown_channels: set[str] = set()
        self.expired_triggers: set[str] = set()
        self.uploads: dict[str, bytes] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}  # (channel, ts) -> message
        # Where new ts values come from: None counts up from 1700000000.000100; a callable
        # (e.g. a test's frozen clock as epoch seconds) makes ts follow that clock, as on Slack.
        self.ts_clock: Callable[[], float] | None = None
        # What Call.at reads: real seconds, or a test's fake monotonic clock (the one its
        # runtime waits with), so "waited a second" is checked without waiting a second.
        self.at_clock: Callable[[], float] = time.monotonic
        # Methods named in latency_exempt answer at once (none unless a test says so).
        self.latency_exempt: set[str] = set()
        self._last_ts_us = 0
        self.errors: list[str] = []  # tracebacks of stand-in bugs (answered with HTTP 500)
        self._calls: list[Call] = []
        self._by_method: dict[str, list[Call]] = {}
        self._faults: list[_Fault] = []
        self._limits: dict[str, _Limit] = {}
        self._random: dict[str, _RandomFaults] = {}
        self._pending_files: dict[str, dict[str, Any]] = {}
        self._deleted: set[tuple[str, str]] = set()
        self._dm_users: dict[str, str] = {}  # D-id -> user id
        self._open_dms: set[str] = set()
        # The stand-in's own clock (epoch seconds) for trigger_id and response_url expiry; tests
        # freeze it (`clock = lambda: t`) or move it with advance(), never sleep.
        self.clock: Callable[[], float] = time.time
        self._skew = 0.0
        # Seconds every answer waits (a float), or per method ({"views.open": 8.0, "*": 0.1});
        # the pseudo-methods UPLOAD and RESPONSE_URL count as methods. Cut short by stop().
        self.latency: float | dict[str, float] = 0.0
        # Scopes the app was granted (default: manifest.yml); a method needing another one is
        # answered missing_scope with needed/provided, as on Slack.
        self.scopes: set[str] = set()
        self._hooks: dict[str, list[float]] = {}  # response_url tag -> [issued at, uses]
        self._hook_counter = itertools.count(1)  # survives reset(): tags stay unique
        self._arrival = threading.local()  # when the request being answered arrived (stand-in clock)
        self.reset()

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> SlackStandIn:
        """Bind to a free port and serve from a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self.host, self.port), _Handler)
        server.standin = self
        self._server = server
        self.port = server.server_address[1]
        # A short poll interval keeps stop() fast (shutdown waits for one poll).
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"slack-standin:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; in-flight `delay` faults are cut short."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def base(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("SlackStandIn is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """Value for ``WebClient(base_url=...)``: ``http://127.0.0.1:<port>/api/``."""
        return f"{self.base}/api/"

    def response_url(self, tag: str | None = None) -> str:
        """A new response_url that posts back to this stand-in (recorded as RESPONSE_URL).

        Like Slack's, it takes 5 posts within 30 minutes of being made (stand-in clock); a tag
        given twice names the same URL. Without a tag each call makes a fresh one.
        """
        tag = tag or f"r{next(self._hook_counter)}"
        with self._cond:
            self._hooks.setdefault(tag, [self.now(), 0])
        return f"{self.base}/hooks/{tag}"

    def now(self) -> float:
        """The stand-in's clock: ``clock()`` plus whatever advance() added."""
        return self.clock() + self._skew

    def advance(self, seconds: float) -> None:
        """Move the stand-in's clock forward (trigger ids and response_urls age; nothing sleeps)."""
        with self._cond:
            self._skew += seconds

    def trigger_id(self) -> str:
        """A trigger_id issued now by the stand-in's clock (signing.py's ids use the wall clock)."""
        return f"{int(self.now() * 1000)}.{next(self._id_counter)}.{secrets.token_hex(16)}"

    def reset(self) -> None:
        """Forget calls, faults, rate limits and workspace changes; back to defaults."""
        with self._cond:
            self.latency = 0.0
            self._calls.clear()
            self._by_method.clear()
            self._faults.clear()
            self._limits.clear()
            self._random.clear()
            self.users.clear()
            self.users.update(deepcopy(DEFAULT_USERS))
            self.channels.clear()
            self.channels.update(deepcopy(DEFAULT_CHANNELS))
            for s in (
                self.unknown_users,
                self.inactive_users,
                self.not_in_channels,
                self.unknown_channels,
                self.expired_triggers,
                self._deleted,
                self._open_dms,
            ):
                s.clear()
            for d in (
                self.uploads,
                self.files,
                self.views,
                self.messages,
                self._pending_files,
                self._dm_users,
            ):
                d.clear()
            self.errors.clear()
            self.ts_clock = None
            self.at_clock = time.monotonic
            self.clock = time.time
            self._skew = 0.0
            self.latency = 0.0
            self.scopes.clear()
            self.scopes.update(manifest_scopes())
            self._hooks.clear()
            self._cond.notify_all()

    # ----------------------------------------------------------------- configuration

    def add_user(
        self,
        user_id: str,
        real_name: str,
        *,
        tz: str = "UTC",
        display_name: str | None = None,
        email: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Register a user for users.info."""
        name = display_name or real_name.split()[0].lower()
        user = _user(user_id, name, real_name, tz, **extra)
        if email:
            user["profile"]["email"] = email
        with self._cond:
            self.users[user_id] = user
        return user

    def dm_channel_for(self, user_id: str) -> str:
        """The stable DM channel id the stand-in uses for ``user_id``."""
        dm = "D" + user_id[1:]
        with self._cond:
            self._dm_users[dm] = user_id
        return dm

    def register(self, method: str, handler: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Answer ``method`` with ``handler(params) -> response dict`` (kept across reset())."""
        self._custom[method] = handler

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
        store: bool = True,
    ) -> None:
        """Queue a fault for the next ``times`` calls to ``method`` ("*" = any) matching ``when``.

        status=429 answers HTTP 429 + Retry-After (default 1); 5xx answers that status;
        error answers HTTP 200 ``{"ok": false, "error": error}``; delay sleeps first
        (alone, it just slows a call that is then processed normally, so a post the client
        gave up on is still stored). store=False with a delay: the call is NOT carried out
        (nothing posted) and is answered HTTP 503 after the delay, as when Slack lost it.
        """
        if status == 200 and error is None and delay <= 0 and store:
            raise ValueError("fault would do nothing: give status != 200, error, delay or store=False")
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._cond:
            self._faults.append(_Fault(method, status, error, retry_after, delay, times, when, store))

    def faults_pending(self, method: str | None = None) -> int:
        """How many queued fault firings have not happened yet."""
        with self._cond:
            return sum(f.times for f in self._faults if method is None or f.method == method)

    def rate_limit(
        self, method: str, per_second: float = 1.0, burst: int = 3, key: str | None = "channel"
    ) -> None:
        """Token bucket per value of param ``key`` (``key=None``: one workspace-wide bucket)."""
        if per_second <= 0 or burst < 1:
            raise ValueError("per_second must be > 0 and burst >= 1")
        with self._cond:
            self._limits[method] = _Limit(per_second, burst, key)

    def random_faults(
        self, method: str, rate: float = 0.05, statuses: Iterable[int] = (429, 500, 503), seed: int = 1
    ) -> None:
        """Fail a seeded-random fraction ``rate`` of calls to ``method`` with one of ``statuses``."""
        with self._cond:
            self._random[method] = _RandomFaults(rate, tuple(statuses), random.Random(seed))

    # ----------------------------------------------------------------- inspection

    @property
    def calls(self) -> list[Call]:
        """Snapshot of all recorded calls, in completion order."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return list(self._by_method.get(method, ()))

    def count(self, method: str, *, ok: bool | None = None) -> int:
        """Number of calls to ``method`` (optionally only successful / failed ones)."""
        with self._cond:
            calls = self._by_method.get(method, ())
            return len(calls) if ok is None else sum(1 for c in calls if c.ok == ok)

    def messages_to(self, channel: str) -> list[Call]:
        """Successful chat.postMessage calls to ``channel`` (user id or its DM id both match)."""
        with self._cond:
            return [
                c
                for c in self._by_method.get("chat.postMessage", ())
                if c.ok and channel in (c.params.get("channel"), c.response.get("channel"))
            ]

    def duplicate_messages(self, method: str = "chat.postMessage") -> list[tuple[str, str]]:
        """(channel, fingerprint) pairs successfully posted more than once."""
        counts: Counter[tuple[str, str]] = Counter()
        with self._cond:
            for c in self._by_method.get(method, ()):
                if c.ok:
                    channel = c.response.get("channel") or c.params.get("channel") or ""
                    counts[(channel, message_fingerprint(c.params, method))] += 1
        return [k for k, n in counts.items() if n > 1]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until ``count`` calls to ``method`` (matching ``predicate``) were recorded."""
        found: list[Call] = []
        scanned = 0

        def enough() -> bool:
            # Incremental scan: each recorded call is examined once, however often we wake.
            nonlocal scanned
            calls = self._by_method.get(method, [])
            if len(calls) < scanned:  # reset() ran meanwhile: start over
                found.clear()
                scanned = 0
            for c in calls[scanned:]:
                if predicate is None or predicate(c):
                    found.append(c)
            scanned = len(calls)
            return len(found) >= count

        with self._cond:
            if not self._cond.wait_for(enough, timeout):
                seen = [c.method for c in self._calls]
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} call(s) to {method!r}"
                    f"{' matching predicate' if predicate else ''}; got {len(found)}. "
                    f"Recorded methods: {seen}"
                )
            return list(found)

    # ----------------------------------------------------------------- request handling

    def _next_req_id(self) -> str:
        return f"{next(self._req_counter):016x}"

    def _next_ts(self) -> str:
        us = _TS_BASE_US + next(self._ts_counter) * 100
        clock = self.ts_clock
        if clock is not None:
            us = max(int(clock() * 1_000_000), self._last_ts_us + 100)
        self._last_ts_us = max(self._last_ts_us, us)
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        return f"{prefix}0{next(self._id_counter):08X}"

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._by_method.setdefault(call.method, []).append(call)
            self._cond.notify_all()

    def _handle(self, verb: str, raw_path: str, headers: dict[str, str], body: bytes) -> _Answer:
        at = self.at_clock()
        path, _, query = raw_path.partition("?")
        try:
            if path.startswith("/api/"):
                return self._handle_api(path[5:], query, headers, body, at, path)
            if path.startswith("/upload/") and verb == "POST":
                return self._handle_upload(path[8:], headers, body, at, path)
            if path.startswith("/hooks/") and verb == "POST":
                return self._handle_hook(headers, body, at, path)
            return _Answer(404, {}, raw=b"Not Found", content_type="text/plain")
        except Exception:
            # A bug in the stand-in must be loud, not look like a Slack answer.
            tb = traceback.format_exc()
            self.errors.append(tb)
            print(f"SlackStandIn internal error:\n{tb}", file=sys.stderr)
            return _Answer(500, _err("standin_internal_error", tb.splitlines()[-1]))

    def _parse_params(self, query: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
        ctype = headers.get("content-type", "")
        kind = ctype.split(";")[0].strip().lower()
        if body:
            if kind == "application/json":
                data = json.loads(body)
                if not isinstance(data, dict):
                    raise ValueError("JSON body is not an object")
                params.update(data)
            elif kind == "multipart/form-data":
                for disp, content in _parse_multipart(body, ctype):
                    name = disp.get("name", "")
                    params[name] = content if "filename" in disp else content.decode("utf-8", "replace")
            else:
                params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        for key in _JSON_FIELDS:
            value = params.get(key)
            if isinstance(value, str):
                # An undecodable value stays a string; validation reports it like Slack would.
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(value)
        return params

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        with self._cond:
            for i, f in enumerate(self._faults):
                if f.matches(method, params):
                    f.times -= 1
                    if f.times <= 0:
                        del self._faults[i]
                    return f
            rnd = self._random.get(method)
            if rnd is not None and rnd.rng.random() < rnd.rate:
                return _Fault(method, rnd.rng.choice(rnd.statuses), None, 1, 0.0, 1, None)
        return None

    def _fault_answer(self, f: _Fault) -> _Answer:
        if f.status == 429:
            return _Answer(429, _err("ratelimited"), [("Retry-After", str(int(f.retry_after or 1)))])
        if f.status != 200:
            if f.error:
                return _Answer(f.status, _err(f.error))
            # Slack's edge answers 5xx with a non-JSON page; the client must cope with that.
            phrase = HTTPStatus(f.status).phrase if f.status in HTTPStatus._value2member_map_ else "Error"
            return _Answer(
                f.status,
                {"ok": False, "error": f"http_{f.status}"},
                raw=f"{f.status} {phrase}".encode(),
                content_type="text/plain; charset=utf-8",
            )
        return _Answer(200, _err(f.error or "fatal_error"))

    def _apply_fault(self, method: str, params: dict[str, Any]) -> _Answer | None:
        f = self._take_fault(method, params)
        if f is None:
            return None
        if f.delay > 0:
            self._stopping.wait(f.delay)  # wakes early on stop()
        if f.status == 200 and f.error is None:
            if not f.store:
                return self._fault_answer(replace(f, status=503))  # lost: nothing carried out
            return None  # delay-only fault: now answer normally
        return self._fault_answer(f)

    def _wait_latency(self, method: str) -> None:
        if method in self.latency_exempt:
            return
        latency = self.latency
        seconds = latency.get(method, latency.get("*", 0.0)) if isinstance(latency, dict) else latency
        if seconds > 0:
            self._stopping.wait(seconds)  # wakes early on stop()

    def _needed_scope(self, method: str, params: dict[str, Any]) -> str | None:
        """The scope `method` needs for these params, or None when it needs none."""
        if method in _METHOD_SCOPES:
            return _METHOD_SCOPES[method]
        if method == "conversations.open":
            users = [u for u in str(params.get("users") or "").split(",") if u]
            return "mpim:write" if len(users) > 1 else "im:write"
        if method in _CONVERSATION_SCOPES:
            cid = params.get("channel")
            if not isinstance(cid, str) or not cid:
                return None  # channel_not_found comes first
            private = self.channels.get(cid, {}).get("is_private", cid[0] == "G")
            kind = "im" if cid[0] == "D" else "groups" if private else "channels"
            return f"{kind}:{_CONVERSATION_SCOPES[method]}"
        return None

    def _check_scope(self, method: str, params: dict[str, Any]) -> _Answer | None:
        needed = self._needed_scope(method, params)
        if needed is None or needed in self.scopes:
            return None
        body = _err("missing_scope")
        body.update(needed=needed, provided=",".join(sorted(self.scopes)))
        return _Answer(200, body)

    def _check_rate(self, method: str, params: dict[str, Any]) -> _Answer | None:
        with self._cond:
            lim = self._limits.get(method)
            if lim is None:
                return None
            key = str(params.get(lim.key, "")) if lim.key else "*"
            now = time.monotonic()
            tokens, last = lim.buckets.get(key, (float(lim.burst), now))
            tokens = min(float(lim.burst), tokens + (now - last) * lim.per_second)
            if tokens >= 1.0:
                lim.buckets[key] = (tokens - 1.0, now)
                return None
            lim.buckets[key] = (tokens, now)
            # Slack's Retry-After is whole seconds and never 0.
            retry = max(1, math.ceil((1.0 - tokens) / lim.per_second))
            return _Answer(429, _err("ratelimited"), [("Retry-After", str(retry))])

    def _handle_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes, at: float, path: str
    ) -> _Answer:
        try:
            params = self._parse_params(query, headers, body)
        except ValueError:
            ans = _Answer(200, _err("invalid_json" if b"{" in body[:1] else "invalid_form_data"))
            self._record(Call(method, {}, headers, None, at, ans.status, ans.body, path))
            return ans
        token = None
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        body_token = params.pop("token", None)
        token = token or (body_token if isinstance(body_token, str) else None)

        self._arrival.at = self.now()  # a trigger's age counts until the request arrives
        self._wait_latency(method)
        ans = self._apply_fault(method, params) or self._answer_api(method, params, token)
        self._record(Call(method, params, headers, token, at, ans.status, ans.body, path))
        return ans

    def _answer_api(self, method: str, params: dict[str, Any], token: str | None) -> _Answer:
        handler = self._custom.get(method) or getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return _Answer(200, _err("unknown_method"))
        if not token:
            return _Answer(200, _err("not_authed"))
        if not token.startswith(self.valid_token_prefixes):
            return _Answer(200, _err("invalid_auth"))
        refused = self._check_scope(method, params)
        if refused is not None:
            return refused
        limited = self._check_rate(method, params)
        if limited is not None:
            return limited
        with self._cond:  # handlers touch shared state; each is a few microseconds
            return _Answer(200, handler(params))

    def _handle_upload(
        self, file_id: str, headers: dict[str, str], body: bytes, at: float, path: str
    ) -> _Answer:
        ctype = headers.get("content-type", "")
        content, filename = body, None
        # slack_sdk's sync client posts the raw bytes (urllib labels them form-urlencoded,
        # so never parse those); other clients send multipart with a file part.
        if ctype.lower().startswith("multipart/form-data"):
            parts = _parse_multipart(body, ctype)
            pick = next((p for p in parts if "filename" in p[0]), None) or next(
                (p for p in parts if p[0].get("name") == "file"), None
            )
            if pick is not None:
                content, filename = pick[1], pick[0].get("filename")
        params: dict[str, Any] = {"file_id": file_id, "size": len(content)}
        if filename:
            params["filename"] = filename
        self._wait_latency(UPLOAD)
        ans = self._apply_fault(UPLOAD, params)
        if ans is None:
            with self._cond:
                if file_id not in self._pending_files:
                    ans = _Answer(
                        404,
                        {"ok": False, "error": "file_not_found"},
                        raw=b"Not Found",
                        content_type="text/plain",
                    )
                else:
                    self.uploads[file_id] = content
                    ans = _Answer(
                        200,
                        {"ok": True},
                        raw=f"OK - {len(content)}".encode(),
                        content_type="text/plain; charset=utf-8",
                    )
        self._record(Call(UPLOAD, params, headers, None, at, ans.status, ans.body, path))
        return ans

    def _handle_hook(self, headers: dict[str, str], body: bytes, at: float, path: str) -> _Answer:
        try:
            params = self._parse_params("", headers, body)
        except ValueError:
            params = {}
            ans: _Answer | None = _Answer(400, _err("invalid_payload"), raw=b"invalid_payload")
        else:
            self._wait_latency(RESPONSE_URL)
            ans = self._apply_fault(RESPONSE_URL, params) or self._use_hook(path[len("/hooks/") :])
        if ans is None:
            problem = None if params.get("delete_original") else _check_message(params)
            if problem:
                # response_url/webhooks answer errors as HTTP 400 with the code as the body.
                ans = _Answer(400, problem, raw=problem["error"].encode(), content_type="text/plain")
            else:
                ans = _Answer(200, {"ok": True}, raw=b"ok", content_type="text/plain")
        self._record(Call(RESPONSE_URL, params, headers, None, at, ans.status, ans.body, path))
        return ans

    def _use_hook(self, tag: str) -> _Answer | None:
        """Count one use of a response_url; Slack's refusal once it is spent or too old."""
        with self._cond:
            now = self.now()
            hook = self._hooks.setdefault(tag, [now, 0])  # a hand-made URL counts from its first use
            # Slack documents the limits (5 uses, 30 minutes) but not the answer: these bodies are
            # what developers report (HTTP 404 "used_url" / "expired_url").
            if now - hook[0] > RESPONSE_URL_TTL:
                error = "expired_url"
            elif hook[1] >= RESPONSE_URL_USES:
                error = "used_url"
            else:
                hook[1] += 1
                return None
        return _Answer(404, _err(error), raw=error.encode(), content_type="text/plain")

    # ----------------------------------------------------------------- channels & users

    def _resolve_channel(
        self, channel: Any, *, for_post: bool = True
    ) -> tuple[str | None, dict[str, Any] | None]:
        """Map a channel argument to a channel id, or to the error Slack would give."""
        if not isinstance(channel, str) or not channel:
            return None, _err("channel_not_found")
        if channel in self.unknown_channels:
            return None, _err("channel_not_found")
        if channel.startswith("#"):
            by_name = next((cid for cid, c in self.channels.items() if c.get("name") == channel[1:]), None)
            if by_name is None:
                return None, _err("channel_not_found")
            channel = by_name
        if channel in self.not_in_channels:
            return None, _err("not_in_channel")
        if channel[0] in "UW":
            # chat.update/delete/getPermalink need the real DM id, as on Slack.
            if not for_post or channel in self.unknown_users:
                return None, _err("channel_not_found")
            if channel in self.inactive_users:
                return None, _err("account_inactive")
            return self.dm_channel_for(channel), None
        if channel[0] == "D" and self._dm_users.get(channel) in self.inactive_users:
            return None, _err("account_inactive")
        return channel, None

    def _full_user(self, uid: str) -> dict[str, Any]:
        raw = self.users[uid]
        profile = dict(raw.get("profile") or {})
        real = raw.get("real_name") or profile.get("real_name") or uid
        name = raw.get("name") or real.split()[0].lower()
        tz = raw.get("tz") or "UTC"
        tz_label, tz_offset = _tz_info(tz)
        profile.setdefault("real_name", real)
        profile.setdefault("display_name", name)
        profile.setdefault("real_name_normalized", real)
        profile.setdefault("display_name_normalized", profile["display_name"])
        profile.setdefault("team", TEAM_ID)
        user = {
            "id": uid,
            "team_id": TEAM_ID,
            "name": name,
            "deleted": uid in self.inactive_users,
            "color": "9f69e7",
            "real_name": real,
            "tz": tz,
            "tz_label": tz_label,
            "tz_offset": tz_offset,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": 1_700_000_000,
            "is_email_confirmed": True,
            "who_can_share_contact_card": "EVERYONE",
        }
        user.update({k: v for k, v in raw.items() if k != "profile"})
        user["id"], user["profile"] = uid, profile
        return user

    def _message(self, params: dict[str, Any], ts: str) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "user": BOT_USER_ID,
            "type": "message",
            "ts": ts,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": params.get("text") or "",
            "team": TEAM_ID,
        }
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if params.get(key):
                msg[key] = params[key]
        return msg

    # ----------------------------------------------------------------- API methods

    def _m_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": "standin-bot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _m_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"))
        if problem:
            return problem
        problem = _check_message(p) or _check_metadata(p.get("metadata"))
        if problem:
            return problem
        ts = self._next_ts()
        msg = self._message(p, ts)
        self.messages[(channel, ts)] = msg  # type: ignore[index]
        return {"ok": True, "channel": channel, "ts": ts, "message": msg}

    def _m_chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        user = p.get("user")
        if not user or user in self.unknown_users:
            return _err("user_not_found")
        if user in self.inactive_users:
            return _err("user_not_in_channel")
        _, problem = self._resolve_channel(p.get("channel"))
        if problem:
            return problem
        problem = _check_message(p)
        if problem:
            return problem
        return {"ok": True, "message_ts": self._next_ts()}

    def _m_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("ts")
        # Lenient on purpose: unknown (never posted here) ts values are accepted, because
        # tests often fabricate interaction payloads; deleted ones are rejected.
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        problem = _check_message(p)
        if problem:
            return problem
        msg = self._message(p, ts)
        msg["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        self.messages[(channel, ts)] = msg  # type: ignore[index]
        return {"ok": True, "channel": channel, "ts": ts, "text": p.get("text") or "", "message": msg}

    def _m_chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("ts")
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        self._deleted.add((channel, ts))  # type: ignore[arg-type]
        self.messages.pop((channel, ts), None)  # type: ignore[arg-type]
        return {"ok": True, "channel": channel, "ts": ts}

    def _m_chat_getPermalink(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("message_ts")
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://{TEAM_DOMAIN}.slack.com/archives/{channel}/p{str(ts).replace('.', '')}",
        }

    def _check_view(self, method: str, view: Any) -> dict[str, Any] | None:
        if isinstance(view, str) or not isinstance(view, dict):
            return _err("invalid_arguments", "[ERROR] missing required field: view")
        vtype = view.get("type")
        wanted = (
            ("home",)
            if method == "views.publish"
            else ("modal", "home")
            if method == "views.update"
            else ("modal",)
        )
        if vtype not in wanted:
            return _err(
                "invalid_arguments", f"[ERROR] must be one of {list(wanted)} [json-pointer:/view/type]"
            )
        errs: list[str] = []
        blocks = view.get("blocks")
        if blocks is None:
            errs.append("[ERROR] missing required field: blocks [json-pointer:/view]")
        else:
            errs += [
                e.replace("json-pointer:/blocks", "json-pointer:/view/blocks")
                for e in validate_blocks(blocks, max_blocks=100)
            ]
        if vtype == "modal":
            title = view.get("title")
            if title is None:
                errs.append("[ERROR] missing required field: title [json-pointer:/view]")
            else:
                _check_text_obj(title, "/view/title", errs, max_len=24, plain_only=True)
            for key in ("submit", "close"):
                if view.get(key) is not None:
                    _check_text_obj(view[key], f"/view/{key}", errs, max_len=24, plain_only=True)
            has_input = isinstance(blocks, list) and any(
                isinstance(b, dict) and b.get("type") == "input" for b in blocks
            )
            if has_input and view.get("submit") is None:
                errs.append("[ERROR] submit is required when an input block is present [json-pointer:/view]")
        for key, limit in (("private_metadata", 3000), ("callback_id", 255), ("external_id", 255)):
            value = view.get(key)
            if isinstance(value, str) and len(value) > limit:
                errs.append(f"[ERROR] must be less than {limit + 1} characters [json-pointer:/view/{key}]")
        return _err("invalid_arguments", *errs) if errs else None

    def _check_trigger(self, p: dict[str, Any]) -> dict[str, Any] | None:
        trigger = p.get("trigger_id") or p.get("interactivity_pointer")
        if not trigger:
            return _err("invalid_arguments", "[ERROR] missing required field: trigger_id")
        if trigger in self.expired_triggers:
            return _err("expired_trigger_id")
        issued = _TRIGGER.fullmatch(str(trigger))
        arrived = getattr(self._arrival, "at", None)
        # In whole milliseconds, as the id carries them.
        if issued and arrived is not None and int(arrived * 1000) - int(issued.group(1)) > TRIGGER_TTL * 1000:
            return _err("expired_trigger_id")
        return None

    def _store_view(
        self, view: dict[str, Any], view_id: str | None, previous: str | None = None
    ) -> dict[str, Any]:
        vid = view_id or self._next_id("V")
        old = self.views.get(vid, {})
        out = {
            "id": vid,
            "team_id": TEAM_ID,
            "type": view.get("type"),
            "blocks": view.get("blocks", []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{next(self._id_counter):08x}",
            "title": view.get("title"),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": previous,
            "root_view_id": old.get("root_view_id") or previous or vid,
            "app_id": APP_ID,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        self.views[vid] = out
        return out

    def _m_views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        problem = self._check_trigger(p) or self._check_view("views.open", p.get("view"))
        return problem or {"ok": True, "view": self._store_view(p["view"], None)}

    def _m_views_push(self, p: dict[str, Any]) -> dict[str, Any]:
        problem = self._check_trigger(p) or self._check_view("views.push", p.get("view"))
        return problem or {"ok": True, "view": self._store_view(p["view"], None)}

    def _m_views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view_id = p.get("view_id")
        external_id = p.get("external_id")
        if not view_id and not external_id:
            return _err("invalid_arguments", "[ERROR] either view_id or external_id is required")
        problem = self._check_view("views.update", p.get("view"))
        if problem:
            return problem
        if not view_id:
            view_id = next(
                (v["id"] for v in self.views.values() if v.get("external_id") == external_id), None
            )
            if view_id is None:
                return _err("not_found")
        known = self.views.get(view_id)
        if known is not None and p.get("hash") and p["hash"] != known["hash"]:
            return _err("hash_conflict")
        return {"ok": True, "view": self._store_view(p["view"], view_id)}

    def _m_views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user = p.get("user_id")
        if not user:
            return _err("invalid_arguments", "[ERROR] missing required field: user_id")
        if user in self.unknown_users:
            return _err("user_not_found")
        problem = self._check_view("views.publish", p.get("view"))
        if problem:
            return problem
        home_id = "V" + hashlib.sha256(user.encode()).hexdigest()[:10].upper()  # stable per user
        return {"ok": True, "view": self._store_view(p["view"], home_id)}

    def _m_users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        uid = p.get("user")
        if not uid or uid in self.unknown_users or uid not in self.users:
            return _err("user_not_found")
        return {"ok": True, "user": self._full_user(uid)}

    def _m_conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("channel"):
            cid_, problem = self._resolve_channel(p["channel"], for_post=False)
            return problem or {"ok": True, "no_op": True, "already_open": True, "channel": {"id": cid_}}
        users = [u for u in str(p.get("users") or "").split(",") if u]
        if not users:
            return _err("users_list_not_supplied")
        for u in users:
            if u in self.unknown_users:
                return _err("user_not_found")
            if u in self.inactive_users:
                return _err("user_disabled")
        if len(users) == 1:
            cid = self.dm_channel_for(users[0])
        else:
            cid = "G" + hashlib.sha256(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
        already = cid in self._open_dms
        self._open_dms.add(cid)
        channel: dict[str, Any] = {"id": cid}
        if str(p.get("return_im", "")).lower() in ("1", "true") and len(users) == 1:
            channel.update(
                {
                    "created": 1_700_000_000,
                    "is_im": True,
                    "is_org_shared": False,
                    "user": users[0],
                    "is_user_deleted": False,
                    "priority": 0,
                }
            )
        return {"ok": True, "no_op": already, "already_open": already, "channel": channel}

    def _m_conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages of a conversation, newest first, like Slack (no thread replies)."""
        cid = p.get("channel")
        if not isinstance(cid, str) or not cid or cid in self.unknown_channels or cid[0] in "UW#":
            return _err("channel_not_found")
        if cid in self.not_in_channels:
            return _err("not_in_channel")
        inclusive = _flag(p.get("inclusive"))
        oldest = _ts_value(p.get("oldest"), Decimal(0))
        latest = _ts_value(p.get("latest"), Decimal("Infinity"))
        if oldest is None or latest is None:
            return _err("invalid_ts_oldest" if oldest is None else "invalid_ts_latest")
        try:
            limit = max(1, min(int(p.get("limit") or 100), 999))
            start = int(base64.b64decode(str(p.get("cursor") or "")).decode() or 0) if p.get("cursor") else 0
        except ValueError:
            return _err("invalid_cursor")
        found = []
        for (channel, ts), msg in self.messages.items():
            if channel != cid or msg.get("thread_ts") not in (None, ts):
                continue
            value = Decimal(ts)
            after = value >= oldest if inclusive else value > oldest
            before = value <= latest if inclusive else value < latest
            if after and before:
                found.append(msg)
        found.sort(key=lambda m: Decimal(m["ts"]), reverse=True)
        page = [dict(m) for m in found[start : start + limit]]
        if not _flag(p.get("include_all_metadata")):
            for m in page:
                m.pop("metadata", None)
        more = start + limit < len(found)
        answer: dict[str, Any] = {
            "ok": True,
            "messages": page,
            "has_more": more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
        }
        if more:
            cursor = base64.b64encode(str(start + limit).encode()).decode()
            answer["response_metadata"] = {"next_cursor": cursor}
        return answer

    def _m_conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        cid = p.get("channel")
        if not cid or cid in self.unknown_channels or cid[0] in "UW":
            return _err("channel_not_found")
        if cid[0] == "D":
            user = self._dm_users.get(cid, "U" + cid[1:])
            return {
                "ok": True,
                "channel": {
                    "id": cid,
                    "created": 1_700_000_000,
                    "is_im": True,
                    "is_org_shared": False,
                    "user": user,
                    "is_user_deleted": user in self.inactive_users,
                    "priority": 0,
                    "is_open": True,
                },
            }
        extra = self.channels.get(cid, {})
        name = extra.get("name", cid.lower())
        info = {
            "id": cid,
            "name": name,
            "name_normalized": name,
            "is_channel": cid[0] == "C",
            "is_group": cid[0] == "G",
            "is_im": False,
            "is_mpim": False,
            "is_private": cid[0] == "G",
            "created": 1_700_000_000,
            "creator": "U0ANNA",
            "is_archived": False,
            "is_general": name == "general",
            "is_shared": False,
            "is_org_shared": False,
            "is_ext_shared": False,
            "is_member": cid not in self.not_in_channels,
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "context_team_id": TEAM_ID,
        }
        info.update(extra)
        return {"ok": True, "channel": info}

    def _m_files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        filename, length = p.get("filename"), p.get("length")
        if not filename or length in (None, ""):
            return _err("invalid_arguments", "[ERROR] missing required field: filename/length")
        try:
            length = int(length)
        except (TypeError, ValueError):
            return _err("invalid_arguments", "[ERROR] length must be an integer")
        file_id = self._next_id("F")
        self._pending_files[file_id] = {
            "filename": filename,
            "length": length,
            "alt_txt": p.get("alt_txt"),
            "snippet_type": p.get("snippet_type"),
        }
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if not isinstance(files, list) or not files:
            return _err("invalid_arguments", "[ERROR] files must be a non-empty JSON array")
        channel = p.get("channel_id")
        channels = [c for c in str(p.get("channels") or "").split(",") if c]
        targets = ([channel] if channel else []) + channels
        resolved: list[str] = []
        for target in targets:
            cid, problem = self._resolve_channel(target)
            if problem:
                return problem
            resolved.append(cid)  # type: ignore[arg-type]
        out = []
        for f in files:
            fid = f.get("id") if isinstance(f, dict) else None
            if fid not in self._pending_files or fid not in self.uploads:
                return _err("file_not_found")
        for f in files:
            fid = f["id"]
            meta = self._pending_files[fid]
            name = meta["filename"]
            record = {
                "id": fid,
                "created": int(time.time()),
                "timestamp": int(time.time()),
                "name": name,
                "title": f.get("title") or name,
                "mimetype": "text/plain" if name.endswith(".txt") else "",
                "filetype": name.rsplit(".", 1)[-1] if "." in name else "",
                "user": BOT_USER_ID,
                "user_team": TEAM_ID,
                "size": len(self.uploads[fid]),
                "mode": "hosted",
                "is_external": False,
                "is_public": bool(resolved),
                "channels": resolved,
                "url_private": f"https://files.slack.com/files-pri/{TEAM_ID}-{fid}/{name}",
                "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{BOT_USER_ID}/{fid}/{name}",
            }
            self.files[fid] = {
                **record,
                "content": self.uploads[fid],
                "channel_id": channel,
                "initial_comment": p.get("initial_comment"),
                "thread_ts": p.get("thread_ts"),
            }
            out.append(record)
        return {"ok": True, "files": out}
