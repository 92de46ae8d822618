"""`python -m bot` as a real process: HTTP on PORT, /healthz, signed requests, 401s, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SECRET, TOKEN
from tests.e2e.process import ROOT, _env, _request, start_server, stop_server
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(standin: SlackStandIn, tmp_path: Path) -> Iterator[dict[str, Any]]:
    running = start_server(standin.url, tmp_path)
    assert _request(running["base"] + "/healthz")[0] == 200
    yield running
    stop_server(running)


def test_health_and_signed_requests(server: dict[str, Any], standin: SlackStandIn) -> None:
    base = server["base"]
    status, body = _request(base + "/healthz")
    assert status == 200 and json.loads(body)["ok"] is True

    # A signed slash command is answered (help is for everyone).
    body_text, headers = signing.slash_command(SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1")
    status, answer = _request(base + "/slack/events", body_text, headers)
    assert status == 200
    assert "incheckning" in answer.decode().lower()

    # Unsigned, wrongly signed and stale requests: 401, and the server keeps serving.
    unsigned = {"Content-Type": "application/x-www-form-urlencoded"}
    assert _request(base + "/slack/events", body_text, unsigned)[0] == 401
    bad = dict(headers, **{"X-Slack-Signature": "v0=" + "0" * 64})
    assert _request(base + "/slack/events", body_text, bad)[0] == 401
    stale_body, stale_headers = signing.slash_command(
        SECRET, "/chefsnatverket", "hjälp", "U0MEMBER1", timestamp=int(time.time()) - 6 * 60
    )
    assert _request(base + "/slack/events", stale_body, stale_headers)[0] == 401

    # A correctly signed body that is not a Slack payload: 4xx, and still serving.
    for garbage in ("hello=world", "payload=%7Bnot-json", '{"type": "nonsense"}'):
        headers = signing.sign(SECRET, garbage)
        status, _ = _request(base + "/slack/events", garbage, headers)
        assert 400 <= status < 500, (garbage, status)
    assert _request(base + "/healthz")[0] == 200


def test_missing_setting_stops_with_one_clear_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=_env(SLACK_SIGNING_SECRET=SECRET, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SLACK_BOT_TOKEN" in lines[0]
    assert "Traceback" not in proc.stderr


def test_db_upgrade_command(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"],
        cwd=tmp_path,
        env=_env(
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            DATABASE_URL=f"sqlite:///{db}",
            PYTHONPATH=str(ROOT),
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"meetings", "checkins", "deliveries", "alembic_version"} <= tables
