"""Running `python -m bot` as a real process, for the end-to-end tests and the benchmarks."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from storage.db import make_engine, make_session_factory, transaction
from storage.meetings import get_network
from storage.models import Meeting, Member, Organisation
from tests.conftest import ORGANISER, SECRET, TOKEN

ROOT = Path(__file__).resolve().parents[2]
# `chefsnatverket` as the console script runs it.
CLI = "import sys; from bot.cli import main; sys.exit(main())"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_env(url: str, api_url: str, **settings: str) -> dict[str, str]:
    """All the environment of an app process on the database `url` and the Slack API at
    `api_url`: this checkout's code and the tests' token and secret, none of this process's."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "DATABASE_URL": url,
        "SLACK_API_URL": api_url,
        **settings,
    }


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


def start_server(api_url: str, workdir: Path, **settings: str) -> dict[str, Any]:
    """`python -m bot` on a free port, against `api_url`, waited for until /healthz answers."""
    port = _free_port()
    db = workdir / "e2e.db"
    values = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "DATABASE_URL": f"sqlite:///{db}",
        "SLACK_API_URL": api_url,
        "ORGANISERS": ORGANISER,
        "RUN_SCHEDULER": "false",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
        **settings,
    }
    # Output to a file, not a pipe: a pipe nobody reads would stall a chatty server.
    log = workdir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=workdir,
            env=_env(**values),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # waiting for a process to start listening, not for a schedule
        try:
            _request(base + "/healthz")
            break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise AssertionError(f"server did not start: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    return {"base": base, "db": db, "proc": proc, "log": log}


def stop_server(server: dict[str, Any]) -> str:
    """Stop it; its whole output (log lines)."""
    proc = server["proc"]
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    output: str = server["log"].read_text()
    # Tokens and secrets never reach the log.
    assert TOKEN not in output and SECRET not in output
    return output


def arrange_members(
    url: str,
    users: list[str],
    starts_at: dt.datetime | None = None,
    *,
    organisation: str = "Försäkringskassan",
    place: str = "Malmö",
    organisers_channel: str | None = None,
) -> None:
    """Active members `users` of `organisation` and a meeting at `starts_at` (by default a month
    ahead by the wall clock: the server's), with the organisers' channel when one is given."""
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as s:
        org = Organisation(name=organisation)
        s.add(org)
        s.add_all(Member(slack_user_id=u, name=u, organisation=org, active=True) for u in users)
        s.add(Meeting(starts_at=starts_at or dt.datetime.now(dt.UTC) + dt.timedelta(days=30), place=place))
        if organisers_channel is not None:
            get_network(s).organisers_channel = organisers_channel
    engine.dispose()
