"""The stand-in's state: the workspace it pretends to be, the records of what it answered,
its clocks and counters, and reset().
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import secrets
import threading
import time
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from standin.http import _Server

# Workspace identity. standin/signing.py uses the same values so that signed
# payloads and API answers describe one consistent workspace.
TEAM_ID = "T0001"
TEAM_NAME = "Acme"
TEAM_DOMAIN = "acme"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
APP_ID = "A0APP"

UPLOAD = "upload"  # pseudo-method name for POSTs to an upload_url
RESPONSE_URL = "response_url"  # pseudo-method name for POSTs to /hooks/<tag>

_TS_BASE_US = 1_700_000_000_000_000  # ts values count up from 1700000000.000000

# Slack: a trigger_id is good for 3 seconds; a response_url for 5 uses within 30 minutes.
TRIGGER_TTL = 3.0
RESPONSE_URL_USES = 5
RESPONSE_URL_TTL = 30 * 60.0
# Trigger ids as standin/signing.py makes them: "<issued, epoch ms>.<n>.<hex>". Other shapes
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
_MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yml"


def _every_checked_scope() -> frozenset[str]:
    conversations = {
        f"{kind}:{verb}" for kind in ("channels", "groups", "im") for verb in _CONVERSATION_SCOPES.values()
    }
    return frozenset({*_METHOD_SCOPES.values(), *conversations, "im:write", "mpim:write"})


def manifest_scopes() -> frozenset[str]:
    """The bot scopes manifest.yml requests: what the stand-in grants unless told otherwise.

    An installed copy (`chefsnatverket demo` after `pip install .`) has no manifest.yml beside it,
    nor PyYAML: it grants every scope it checks."""
    try:
        import yaml
    except ImportError:
        return _every_checked_scope()
    if not _MANIFEST.is_file():
        return _every_checked_scope()
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
    # The workspace the call's token belongs to (standin/workspaces.py); None without a token.
    team: str | None = None

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


class _State:
    """What every part of the stand-in reads and changes; one lock (``_cond``) guards it."""

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
        # Bot tokens of workspaces added with add_workspace(): token -> team id. Any other valid
        # token is the default workspace's (TEAM_ID).
        self.team_tokens: dict[str, str] = {}
        self.reset()

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
            self._reset_workspaces()
            self._cond.notify_all()

    def _reset_workspaces(self) -> None:
        """Back to the one default workspace (standin/workspaces.py keeps more)."""
        self.team_tokens.clear()

    def dm_channel_for(self, user_id: str) -> str:
        """The stable DM channel id the stand-in uses for ``user_id``."""
        dm = "D" + user_id[1:]
        with self._cond:
            self._dm_users[dm] = user_id
        return dm

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

    def team_of(self, token: str | None) -> str | None:
        """The workspace a token speaks for (TEAM_ID unless add_workspace() made it)."""
        if not token:
            return None
        return self.team_tokens.get(token, TEAM_ID)

    def _record(self, call: Call) -> None:
        call.team = self.team_of(call.token)
        with self._cond:
            self._calls.append(call)
            self._by_method.setdefault(call.method, []).append(call)
            self._cond.notify_all()
