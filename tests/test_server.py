"""The WSGI front: /healthz answers 503 when the database is unreachable; wrong routes are 4xx;
hostile requests get 4xx without a traceback; start-up checks the token and migrates."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, text

from bot.app import create_app
from bot.config import Settings
from bot.runtime import Runtime, build_runtime
from bot.server import (
    MAX_BODY_BYTES,
    BackgroundMigration,
    StartupError,
    app_with_verified_token,
    create_wsgi_app,
    start_line,
)
from bot.slack import make_client
from bot.texts import t
from storage.db import normalise_url, transaction
from storage.models import Meeting
from tests.conftest import SECRET, TOKEN, SlackClient, make_settings
from tests.support import signing
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import WSGIClient


def test_healthz_is_503_when_the_database_is_unreachable(standin: SlackStandIn) -> None:
    # Nothing listens on port 1: connecting fails at once.
    runtime = build_runtime(make_settings("postgresql://nobody@127.0.0.1:1/none", standin.url))
    client = WSGIClient(create_wsgi_app(create_app(runtime), runtime))
    response = client.get("/healthz")
    assert response.status == 503
    assert response.json()["ok"] is False


def test_healthz_is_200_and_other_paths_are_404(slack: Any) -> None:
    http = slack.http
    assert http.get("/healthz").status == 200
    assert http.get("/nowhere").status == 404
    assert http.get("/slack/events").status == 405


# ---------------------------------------------------------------- hostile or careless requests


class _Unreadable(io.RawIOBase):
    """A request body that must not be read (a 300 MB upload, say)."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")


def _call(wsgi: Any, environ: dict[str, Any]) -> tuple[int, bytes]:
    status: list[str] = []
    body = b"".join(wsgi(environ, lambda s, h, e=None: status.append(s)))
    return int(status[0].split()[0]), body


def test_a_body_over_1_mib_is_refused_413_before_it_is_read(slack: Any) -> None:
    http = slack.http
    body, headers = signing.slash_command(SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1")
    environ = http.environ("POST", "/slack/events", body.encode(), headers)
    environ["CONTENT_LENGTH"] = str(300 * 1024 * 1024)
    environ["wsgi.input"] = _Unreadable()
    assert _call(http.app, environ)[0] == 413
    # The same through the client: 1 MiB + 1 byte, signed or not.
    assert http.post("/slack/events", b"x" * (MAX_BODY_BYTES + 1), headers).status == 413


def test_a_chunked_body_is_read_only_up_to_the_limit(slack: Any) -> None:
    http = slack.http
    body, headers = signing.slash_command(SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1")
    chunked = {**headers, "Transfer-Encoding": "chunked"}
    big = http.environ("POST", "/slack/events", b"", chunked)
    del big["CONTENT_LENGTH"]
    stream = io.BytesIO(b"x" * (5 * MAX_BODY_BYTES))
    big["wsgi.input"] = stream
    assert _call(http.app, big)[0] == 413
    assert stream.tell() == MAX_BODY_BYTES + 1
    # A small chunked body is read and answered as usual.
    small = http.environ("POST", "/slack/events", body.encode(), chunked)
    del small["CONTENT_LENGTH"]
    status, answer = _call(http.app, small)
    assert status == 200 and b"incheckning" in answer.lower()


@pytest.mark.parametrize("timestamp", ["abc", "", "1e3", " ", "-5", "12.5"])
def test_a_malformed_signature_timestamp_is_401_without_a_traceback(
    slack: Any, timestamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    body, headers = signing.slash_command(SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1")
    with caplog.at_level(logging.DEBUG):
        response = slack.http.post("/slack/events", body, {**headers, "X-Slack-Request-Timestamp": timestamp})
    assert response.status == 401
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_a_signed_command_or_action_without_a_user_is_400(
    slack: Any, standin: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    fields = {
        "team_id": "T0001",
        "command": "/incheckning",
        "text": "",
        "channel_id": "C0ADMIN",
        "trigger_id": "1.2.3",
        "response_url": standin.response_url(),
    }
    with caplog.at_level(logging.DEBUG):
        for command in ("/incheckning", "/chefsnatverket", "/guldlanken"):
            body = urlencode({**fields, "command": command})
            assert slack.http.post("/slack/events", body, signing.sign(SECRET, body)).status == 400
        payload = urlencode(
            {
                "payload": json.dumps(
                    {"type": "block_actions", "actions": [{"action_id": "x", "value": "1"}], "team": {}}
                )
            }
        )
        assert slack.http.post("/slack/events", payload, signing.sign(SECRET, payload)).status == 400
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert [c.method for c in standin.calls if c.method != "auth.test"] == []


def test_a_views_open_that_times_out_is_told_to_the_person(
    standin: SlackStandIn, settings: Settings, clock: Any, add_member: Any
) -> None:
    # Production mode (the listener goes on after the ack). The client gives up after 1 s;
    # Slack answers views.open after 2 s.
    runtime = build_runtime(settings, clock=clock, client=make_client(settings, timeout=1))
    slack = SlackClient(
        WSGIClient(create_wsgi_app(create_app(runtime), runtime)), response_url=standin.response_url()
    )
    add_member("U0MEMBER1")
    with transaction(runtime.sessions) as s:
        s.add(Meeting(starts_at=dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC), place="Malmö"))
    standin.fail("views.open", delay=2)
    assert slack.command("/incheckning", "", user="U0MEMBER1").status == 200
    [told] = standin.wait_for("response_url", 1, timeout=20)
    assert told.params["text"] == t("error.slack_timeout", "sv")
    assert told.params["response_type"] == "ephemeral"
    runtime.engine.dispose()


# ---------------------------------------------------------------- start-up


def test_the_token_is_verified_at_start_up_not_on_the_first_request(
    runtime: Runtime, standin: SlackStandIn
) -> None:
    app = app_with_verified_token(runtime)
    assert standin.count("auth.test") == 1
    http = WSGIClient(create_wsgi_app(app, runtime))
    body, headers = signing.slash_command(SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1")
    assert http.post("/slack/events", body, headers).status == 200
    assert standin.count("auth.test") == 1


def test_a_refused_token_stops_the_start_with_one_line(runtime: Runtime, standin: SlackStandIn) -> None:
    standin.fail("auth.test", error="invalid_auth")
    with pytest.raises(StartupError) as err:
        app_with_verified_token(runtime)
    assert str(err.value) == "Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth)"


def test_an_unreachable_slack_does_not_stop_the_start(settings: Settings, clock: Any) -> None:
    offline = replace(settings, slack_api_url="http://127.0.0.1:9/api/")  # discard: refuses
    runtime = build_runtime(offline, clock=clock, client=make_client(offline, max_retries=0))
    assert app_with_verified_token(runtime) is not None
    runtime.engine.dispose()


def test_bolt_does_not_warn_about_the_client_and_the_token(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    with caplog.at_level(logging.DEBUG):
        create_app(runtime)
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]


def test_the_start_line_names_the_url_the_scheduler_and_the_database(settings: Settings) -> None:
    line = start_line(replace(settings, host="127.0.0.1", port=8080, run_scheduler=True))
    assert "http://127.0.0.1:8080/slack/events" in line
    assert "scheduler on" in line and "database SQLite" in line
    pg = start_line(replace(settings, database_url="postgresql://u:secret@db/x", run_scheduler=False))
    assert "scheduler off" in pg and "database PostgreSQL" in pg and "secret" not in pg


def test_healthz_is_503_while_the_migration_has_not_run(slack: Any, runtime: Runtime) -> None:
    migrating = WSGIClient(create_wsgi_app(create_app(runtime), runtime, ready=lambda: False))
    response = migrating.get("/healthz")
    assert response.status == 503 and response.json()["database"] == "migrating"


def test_the_migration_is_retried_in_the_background_until_the_database_is_there(
    standin: SlackStandIn, pg_url: str
) -> None:
    # A database that does not exist yet is as unreachable as a server that is down.
    missing = pg_url.rsplit("/", 1)[0] + f"/chefs_later_{uuid.uuid4().hex[:8]}"
    runtime = build_runtime(make_settings(missing, standin.url))
    started: list[Runtime] = []
    migration = BackgroundMigration(
        runtime, lambda rt: started.append(rt) or _NoScheduler(), first_delay=0.05
    )
    migration.first_attempt()
    http = WSGIClient(create_wsgi_app(create_app(runtime), runtime, migration.done.is_set))
    try:
        assert http.get("/healthz").status == 503
        assert "cannot be reached" in migration.last_error and started == []
        admin = create_engine(
            normalise_url(pg_url.rsplit("/", 1)[0] + "/postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{missing.rsplit("/", 1)[1]}"'))
        assert migration.done.wait(30)
        assert http.get("/healthz").status == 200
        assert started == [runtime]
    finally:
        migration.stop()
        runtime.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{missing.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


def test_an_sqlite_file_that_cannot_be_opened_stops_the_start(standin: SlackStandIn, tmp_path: Path) -> None:
    (tmp_path / "x.db").write_text("not a database")
    runtime = build_runtime(make_settings(f"sqlite:///{tmp_path / 'x.db'}", standin.url))
    with pytest.raises(StartupError, match=r"^the database cannot be reached: "):
        BackgroundMigration(runtime).first_attempt()
    runtime.engine.dispose()


class _NoScheduler:
    def shutdown(self, wait: bool = True) -> None:
        pass


def test_an_idle_tick_is_silent_and_a_busy_one_speaks_local_time(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.delivery.scheduler import run_tick

    with caplog.at_level(logging.INFO, logger="bot.delivery.scheduler"):
        report = run_tick(runtime)
    assert not [r for r in caplog.records if r.name == "bot.delivery.scheduler"]
    # 10:00 UTC on the frozen clock is 11:00 in Stockholm.
    assert str(report).startswith("tick at 2027-01-04T11:00:00+01:00")
