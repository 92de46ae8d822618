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
from storage.models import Meeting, Member, Organisation
from tests.conftest import ORGANISER, SECRET, TOKEN

ROOT = Path(__file__).resolve().parents[2]


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


def arrange_members(url: str, users: list[str]) -> None:
    """Active members `users` and a meeting a month ahead (by the wall clock: the server's)."""
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as s:
        org = Organisation(name="Försäkringskassan")
        s.add(org)
        s.add_all(Member(slack_user_id=u, name=u, organisation=org, active=True) for u in users)
        s.add(Meeting(starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30), place="Malmö"))
    engine.dispose()
