"""Shared fixtures: databases (SQLite and PostgreSQL), the Slack stand-in, a frozen clock,
the app built through its composition root, and a client that sends signed Slack requests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.config import Settings
from bot.runtime import Runtime, build_runtime
from bot.server import create_wsgi_app
from storage import installations
from storage.db import make_engine, normalise_url, transaction, upgrade
from storage.models import Base
from tests.support import signing
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import WSGIClient

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
ORGANISER = "UORG1"
TZ = "Europe/Stockholm"

# ---------------------------------------------------------------- databases


def _postgres_url() -> str | None:
    return os.environ.get("TEST_POSTGRES_URL") or None


def _require_postgres() -> bool:
    # CI sets this, so a missing server fails the run instead of silently skipping tests.
    return os.environ.get("REQUIRE_POSTGRES", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; each test gets a copy."""
    path = tmp_path_factory.mktemp("db") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@contextmanager
def new_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (no schema) on the test server, dropped after;
    without a server the test is skipped (failed under REQUIRE_POSTGRES)."""
    base = _postgres_url()
    if base is None:
        if _require_postgres():
            pytest.fail("REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not")
        pytest.skip("TEST_POSTGRES_URL not set (scripts/pg-test-server.sh start gives one)")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated once."""
    with new_postgres_database("chefs_test") as url:
        upgrade(url)
        yield url


def _truncate_postgres(url: str) -> None:
    engine = make_engine(url)
    every = [*Base.metadata.sorted_tables, *installations.METADATA.sorted_tables]
    tables = ", ".join(f'"{t.name}"' for t in every)
    with engine.begin() as conn:
        # A session an earlier test left open (freed only when the garbage collector gets to it)
        # would hold its locks and make the TRUNCATE wait for ever: that test is over, end it.
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
            )
        )
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty database URL: each test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "app.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_database")
    _truncate_postgres(url)
    return url


@pytest.fixture
def db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty SQLite database URL for this test."""
    path = tmp_path / "app.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_url(postgres_database: str) -> str:
    """A migrated, empty PostgreSQL database URL for this test."""
    _truncate_postgres(postgres_database)
    return postgres_database


# ---------------------------------------------------------------- Slack stand-in and clock


@pytest.fixture(scope="session")
def _standin_server() -> Iterator[SlackStandIn]:
    server = SlackStandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def standin(_standin_server: SlackStandIn) -> SlackStandIn:
    """The local Slack Web API stand-in, reset for this test."""
    _standin_server.reset()
    return _standin_server


@dataclass
class FrozenClock:
    """A clock tests set and move by hand; never the wall clock.

    It is also the runtime's `sleep` and `monotonic`: a wait of the delivery package (pacing,
    back-offs, Retry-After) moves the clock on instead of taking real time.
    """

    current: dt.datetime = field(default_factory=lambda: dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC))
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __call__(self) -> dt.datetime:
        return self.current

    def set(self, moment: dt.datetime | str) -> None:
        """Set the clock; a string is ISO-8601, read in Stockholm time when it has no offset."""
        if isinstance(moment, str):
            moment = dt.datetime.fromisoformat(moment)
        if moment.tzinfo is None:
            from zoneinfo import ZoneInfo

            moment = moment.replace(tzinfo=ZoneInfo(TZ))
        self.current = moment

    def advance(self, **kwargs: float) -> None:
        with self._lock:
            self.current = self.current + dt.timedelta(**kwargs)

    def sleep(self, seconds: float) -> None:
        """A sleep that takes no real time: the clock moves on by `seconds`."""
        if seconds > 0:
            self.advance(seconds=seconds)

    def monotonic(self) -> float:
        """Seconds on this clock, for the pacer's deadlines and spacing."""
        return self.current.timestamp()

    def waits(self) -> dict[str, Any]:
        """`sleep` and `monotonic` for build_runtime."""
        return {"sleep": self.sleep, "monotonic": self.monotonic}


@pytest.fixture
def clock() -> FrozenClock:
    """A frozen clock, 4 January 2027 11:00 Stockholm time unless the test moves it."""
    return FrozenClock()


# ---------------------------------------------------------------- the app


def make_settings(db_url: str, api_url: str, **overrides: Any) -> Settings:
    """Settings for a test run against the stand-in."""
    values: dict[str, Any] = {
        "slack_bot_token": TOKEN,
        "slack_signing_secret": SECRET,
        "database_url": db_url,
        "slack_api_url": api_url,
        "organisers": (ORGANISER,),
        "timezone": TZ,
        "language": "sv",
        "run_scheduler": False,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(db_url: str, standin: SlackStandIn) -> Settings:
    """Settings pointing at a fresh SQLite database and the stand-in."""
    return make_settings(db_url, standin.url)


@pytest.fixture
def runtime(settings: Settings, clock: FrozenClock) -> Iterator[Runtime]:
    """The runtime the app and the scheduler share, with the frozen clock."""
    rt = build_runtime(settings, clock=clock, **clock.waits())
    yield rt
    rt.engine.dispose()


@pytest.fixture
def session(runtime: Runtime) -> Iterator[Session]:
    """A session on the test database for arranging and checking rows."""
    with runtime.sessions() as s:
        yield s


@dataclass
class SlackClient:
    """Sends correctly signed Slack requests to the app's WSGI entry point, as Slack would."""

    http: WSGIClient
    secret: str = SECRET
    # Where `respond()` posts go: the stand-in records them (as method "response_url").
    response_url: str | None = None

    def command(self, command: str, text: str = "", user: str = "U0MEMBER1", **kwargs: Any) -> Any:
        kwargs.setdefault("response_url", self.response_url)
        body, headers = signing.slash_command(self.secret, command, text, user, **kwargs)
        return self.http.post("/slack/events", body, headers)

    def submit(self, callback_id: str, values: dict[str, Any], user: str = "U0MEMBER1", **kwargs: Any) -> Any:
        body, headers = signing.view_submission(self.secret, user, callback_id, values, **kwargs)
        return self.http.post("/slack/events", body, headers)

    def action(self, action_id: str, user: str = "U0MEMBER1", **kwargs: Any) -> Any:
        if "view" not in kwargs:  # like Slack: actions in App Home and modals have no response_url
            kwargs.setdefault("response_url", self.response_url)
        body, headers = signing.block_actions(self.secret, user, action_id, **kwargs)
        return self.http.post("/slack/events", body, headers)

    def event(self, event: dict[str, Any], extra_headers: dict[str, str] | None = None, **kwargs: Any) -> Any:
        body, headers = signing.event_callback(self.secret, event, **kwargs)
        return self.http.post("/slack/events", body, {**headers, **(extra_headers or {})})


@pytest.fixture
def app(runtime: Runtime) -> Any:
    """The Bolt app from the composition root. Listeners finish before the HTTP answer in tests,
    so effects can be checked right after a request without waiting."""
    return create_app(runtime, process_before_response=True)


@pytest.fixture
def slack(app: Any, runtime: Runtime, standin: SlackStandIn) -> SlackClient:
    """Signed-request client for the app's `POST /slack/events`."""
    return SlackClient(WSGIClient(create_wsgi_app(app, runtime)), response_url=standin.response_url())


# ---------------------------------------------------------------- arranging data


@pytest.fixture
def add_member(runtime: Runtime) -> Any:
    """Factory: an active member in an organisation."""
    from storage.models import Member, Organisation

    def _add(
        user_id: str, organisation: str = "Arbetsförmedlingen", name: str | None = None, **kw: Any
    ) -> int:
        with transaction(runtime.sessions) as s:
            org = s.query(Organisation).filter_by(name=organisation).one_or_none()
            if org is None:
                org = Organisation(name=organisation)
                s.add(org)
                s.flush()
            member = Member(slack_user_id=user_id, name=name or user_id, organisation=org, active=True, **kw)
            s.add(member)
            s.flush()
            return member.id

    return _add
