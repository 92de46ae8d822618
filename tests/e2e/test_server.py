"""`python -m bot` as a real process: HTTP on PORT, /healthz, signed requests, 401s, bad input."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ORGANISER, SECRET, TOKEN
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "ORGANISERS"))}
    env.update(extra)
    return env


def _request(url: str, body: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    data = body.encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.fixture
def server(standin: SlackStandIn, tmp_path: Path) -> Iterator[dict[str, Any]]:
    port = _free_port()
    db = tmp_path / "e2e.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=_env(
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            DATABASE_URL=f"sqlite:///{db}",
            SLACK_API_URL=standin.url,
            ORGANISERS=ORGANISER,
            RUN_SCHEDULER="false",
            PORT=str(port),
            HOST="127.0.0.1",
            PYTHONPATH=str(ROOT),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # waiting for a process to start listening, not for a schedule
        try:
            if _request(base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            out = proc.stdout.read().decode() if proc.stdout else ""
            proc.kill()
            pytest.fail(f"server did not start: {out[-2000:]}")
        time.sleep(0.1)
    yield {"base": base, "db": db, "proc": proc}
    proc.terminate()
    try:
        output = proc.communicate(timeout=10)[0].decode()
    except subprocess.TimeoutExpired:
        proc.kill()
        output = proc.communicate()[0].decode()
    # Tokens and secrets never reach the log.
    assert TOKEN not in output and SECRET not in output


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
