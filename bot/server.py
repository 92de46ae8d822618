"""Serving: a production WSGI server (waitress) in front of Bolt, or Socket Mode.

Capacity is sized together from the settings (see Settings.web_threads and friends):
waitress' threads carry a request only until Bolt has its ack, Bolt's listener threads
carry each listener on through its Slack calls, and the database pool serves both.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.error import URLError

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackClientError
from sqlalchemy.engine import make_url

from bot.app import create_app
from bot.award.web import wsgi as webform
from bot.config import Settings
from bot.runtime import Runtime
from storage.db import DatabaseUnavailable, database_reachable, normalise_url, upgrade_checked

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

logger = logging.getLogger(__name__)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's payloads (a modal's state, an event) are a few kilobytes; 1 MiB leaves room.
MAX_BODY_BYTES = 1024 * 1024
# Unix seconds: what Slack sends. Anything else ("abc", "", "1e3") is not signed by Slack.
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")
Refusal = tuple[str, dict[str, Any]]


def _answer(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _too_large() -> Refusal:
    return "413 Content Too Large", {"ok": False, "error": "body_too_large", "limit": MAX_BODY_BYTES}


def _guard_body(environ: dict[str, Any]) -> Refusal | None:
    """Refuse a body over MAX_BODY_BYTES before it is read whole.

    With a Content-Length, nothing is read. Without one (chunked, when the server passes it
    through), at most one byte over the limit is read, and the body is handed on in memory.
    """
    raw_length = (environ.get("CONTENT_LENGTH") or "").strip()
    if raw_length:
        if not raw_length.isdigit():
            return "400 Bad Request", {"ok": False, "error": "bad_content_length"}
        return _too_large() if int(raw_length) > MAX_BODY_BYTES else None
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    if not (chunked or environ.get("wsgi.input_terminated")) or "wsgi.input" not in environ:
        return None
    body = environ["wsgi.input"].read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _too_large()
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return None


def _guard_signature_headers(environ: dict[str, Any]) -> Refusal | None:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    if timestamp is not None and not _TIMESTAMP_RE.match(timestamp.strip()):
        return "401 Unauthorized", {"ok": False, "error": "invalid_request"}
    return None


def create_wsgi_app(app: App, runtime: Runtime, ready: Callable[[], bool] = lambda: True) -> WSGIApp:
    """The WSGI application: Slack requests at POST /slack/events, health at GET /healthz,
    Guldlänken's web form at /guldlanken/<token>.

    `ready` is false while the database is still being migrated (the server then answers
    /healthz with 503 rather than refusing connections).
    """
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    web_form = webform.WebForm(runtime)

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            if not ready():
                return _answer(
                    start_response, "503 Service Unavailable", {"ok": False, "database": "migrating"}
                )
            if database_reachable(runtime.engine):
                return _answer(start_response, "200 OK", {"ok": True, "database": "reachable"})
            return _answer(
                start_response, "503 Service Unavailable", {"ok": False, "database": "unreachable"}
            )
        if webform.handles(path):  # Guldlänken's public form: its own pages, no Slack signature
            return web_form(environ, start_response)
        if path == EVENTS_PATH and method != "POST":
            return _answer(start_response, "405 Method Not Allowed", {"ok": False, "error": "use POST"})
        refusal = _guard_body(environ) or _guard_signature_headers(environ)
        if refusal is not None:
            return _answer(start_response, *refusal)
        try:
            return bolt(environ, start_response)
        except Exception as error:
            # A signed body that is not a Slack payload (bad JSON in `payload=`, say) must not
            # take the server down: answer 400 and keep serving. One line, no traceback (the
            # payload is not ours to log).
            logger.warning("could not read a request at %s (%s)", path, type(error).__name__)
            return _answer(start_response, "400 Bad Request", {"ok": False, "error": "bad_request"})

    return wsgi


def database_kind(url: str) -> str:
    """ "SQLite" or "PostgreSQL", for the start line (never the URL: it may hold a password)."""
    return "SQLite" if make_url(normalise_url(url)).get_backend_name() == "sqlite" else "PostgreSQL"


def start_line(settings: Settings) -> str:
    """The one line every start logs: where it serves, the scheduler, the database kind."""
    if settings.slack_app_token:
        where = "Socket Mode (no HTTP, no /healthz)"
    else:
        where = f"http://{settings.host}:{settings.port}{EVENTS_PATH}"
    if settings.oauth:
        where += " for every workspace that installs at /slack/install (OAuth)"
    database = database_kind(settings.database_url)
    # Several scheduler processes share the due work on PostgreSQL only (bot/delivery/fanout.py).
    alone = " (run one scheduler process: several need PostgreSQL)" if database == "SQLite" else ""
    return (
        f"chefsnatverket serving {where}; scheduler {'on' if settings.run_scheduler else 'off'}; "
        f"database {database}{alone if settings.run_scheduler else ''}; "
        f"{settings.web_threads} web threads, {settings.listener_threads} listener threads"
    )


class StartupError(Exception):
    """The server cannot start as configured; the message is one line."""


def app_with_verified_token(runtime: Runtime) -> App:
    """The app, with the token checked by auth.test now, before serving, so the first request
    does not pay for it. Slack refusing the token stops the start; Slack unreachable does not
    (the first request then checks it, as Bolt does by default)."""
    try:
        return create_app(runtime, verify_token=True)
    except BoltError as err:
        found = re.search(r"'error': '([a-z_]+)'", str(err))
        reason = found.group(1) if found else "refused"
        raise StartupError(f"Slack refused SLACK_BOT_TOKEN (auth.test: {reason})") from None
    except (URLError, TimeoutError, OSError, SlackClientError) as err:
        logger.warning("could not reach Slack to check the token (%s); checking it on the first request", err)
        return create_app(runtime)


def check_token_key(runtime: Runtime) -> None:
    """OAuth mode: TOKEN_ENCRYPTION_KEY must read the stored tokens (one is tried now), else the
    start stops with one line. A database not reachable yet is checked by the first request."""
    if not runtime.settings.oauth:
        return
    from sqlalchemy.exc import DBAPIError

    from bot.workspaces.crypto import WrongKey
    from bot.workspaces.oauth import installation_store

    try:
        installation_store(runtime.settings, runtime.engine).check_key()
    except WrongKey as err:
        raise StartupError(str(err)) from None
    except DBAPIError:
        logger.warning("could not read the installations to check TOKEN_ENCRYPTION_KEY")


class BackgroundMigration:
    """Migrate at start; while PostgreSQL is unreachable, keep serving (/healthz: 503) and retry
    in the background. The scheduler starts once the schema is there."""

    def __init__(
        self,
        runtime: Runtime,
        start_scheduler: Callable[[Runtime], BaseScheduler] | None = None,
        *,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
    ) -> None:
        self.runtime = runtime
        self.done = threading.Event()
        self.last_error = ""
        self._start_scheduler = start_scheduler
        self._scheduler: BaseScheduler | None = None
        self._stopping = threading.Event()
        self._delays = (first_delay, max_delay)
        self._lock = threading.Lock()

    def first_attempt(self) -> None:
        """Migrate now; an unreachable PostgreSQL starts the retries (StartupError for SQLite,
        whose file either opens or never will)."""
        if self._attempt():
            return
        if database_kind(self.runtime.settings.database_url) == "SQLite":
            raise StartupError(self.last_error)
        logger.warning("%s; serving with /healthz at 503 and retrying the migration", self.last_error)
        threading.Thread(target=self._retry, name="migration-retry", daemon=True).start()

    def stop(self) -> None:
        """Stop retrying and stop the scheduler."""
        self._stopping.set()
        with self._lock:
            if self._scheduler is not None:
                self._scheduler.shutdown(wait=False)

    def _attempt(self) -> bool:
        try:
            upgrade_checked(self.runtime.settings.database_url)
        except DatabaseUnavailable as err:
            self.last_error = str(err)
            return False
        with self._lock:
            if self._start_scheduler is not None and not self._stopping.is_set():
                self._scheduler = self._start_scheduler(self.runtime)
        self.done.set()
        return True

    def _retry(self) -> None:
        delay, max_delay = self._delays
        while not self._stopping.wait(delay):
            if self._attempt():
                logger.info("the database is reachable again and migrated")
                return
            logger.warning("%s; trying again in %.0f s", self.last_error, min(delay * 2, max_delay))
            delay = min(delay * 2, max_delay)


def warm_up(runtime: Runtime) -> None:
    """Load, once at start, what the first requests would otherwise load: the Swedish calendar
    for the years ahead (bot/workdays.py). (Dates in messages need no locale data: bot/dates.py.)"""
    from bot.workdays import is_working_day

    try:
        is_working_day(runtime.now().date())
    except Exception:
        logger.exception("warming up failed; the first request loads what it needs")


def serve_http(app: App, runtime: Runtime, ready: Callable[[], bool] = lambda: True) -> None:
    """Serve HTTP on the configured host and port with waitress (blocks)."""
    import waitress

    waitress.serve(create_wsgi_app(app, runtime, ready), **waitress_options(runtime.settings))


def waitress_options(settings: Settings) -> dict[str, Any]:
    """waitress' settings: where it listens, its capacity, the body limit, and the trusted proxy."""
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "threads": settings.web_threads,
        # Every request that may have a listener in flight may also hold a connection.
        "connection_limit": max(100, settings.listener_threads + settings.web_threads),
        # waitress refuses larger bodies (chunked ones too) with 413 before buffering them.
        "max_request_body_size": MAX_BODY_BYTES,
        "ident": "chefsnatverket",
    }
    if settings.trusted_proxy:
        # Requests from that peer get REMOTE_ADDR from the last X-Forwarded-For address (the one
        # the proxy added); from any other peer the header is dropped, so it cannot be forged.
        options["trusted_proxy"] = settings.trusted_proxy
        options["trusted_proxy_headers"] = {"x-forwarded-for"}
    return options


def serve_socket_mode(app: App, runtime: Runtime) -> None:
    """Connect over Socket Mode with the app-level token (blocks)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    assert runtime.settings.slack_app_token is not None
    SocketModeHandler(app, runtime.settings.slack_app_token).start()
