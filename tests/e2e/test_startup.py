"""Start-up as a new operator meets it: one clear line for every bad setting, never a traceback;
one log line for every start; an unreachable PostgreSQL does not stop the server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.server import MAX_BODY_BYTES
from tests.conftest import SECRET, TOKEN
from tests.e2e.process import ROOT, _env, _request, start_server, stop_server
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

pytestmark = pytest.mark.e2e


def _run(workdir: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args] if args else [sys.executable, "-m", "bot"],
        cwd=workdir,
        env=_env(PYTHONPATH=str(ROOT), **settings),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("DATABASE_URL", "sqlite:////nonexistent/dir/x.db"),
        ("DATABASE_URL", "sqlite://"),
        ("HOST", "not a host"),
        ("GRACE_HOURS", "nan"),
        ("GRACE_HOURS", "-5"),
    ],
)
def test_a_bad_setting_stops_the_start_with_one_line(tmp_path: Path, setting: str, value: str) -> None:
    proc = _run(tmp_path, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, **{setting: value})
    assert proc.returncode == 2
    assert setting in _one_line(proc)


def test_an_unedited_env_sample_stops_the_start_with_one_line(tmp_path: Path) -> None:
    shutil.copy(ROOT / ".env.sample", tmp_path / ".env")
    proc = _run(tmp_path)
    assert proc.returncode == 2
    assert "placeholder" in _one_line(proc)


def test_db_upgrade_needs_no_slack_token(tmp_path: Path) -> None:
    proc = _run(tmp_path, "db", "upgrade", DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.db").exists()
    unreachable = _run(tmp_path, "db", "upgrade", DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    assert unreachable.returncode == 1
    assert "the database cannot be reached" in _one_line(unreachable)


def test_every_start_logs_one_line_and_nothing_while_idle(standin: SlackStandIn, tmp_path: Path) -> None:
    # RUN_SCHEDULER empty means the default (on); the scheduler ticks every second here.
    server = start_server(standin.url, tmp_path, RUN_SCHEDULER="", TICK_INTERVAL_SECONDS="1")
    standin.wait_for("auth.test", 1, timeout=5)
    # Ticks run while we wait for the first to finish: the log must stay quiet for them.
    assert _request(server["base"] + "/healthz")[0] == 200
    output = stop_server(server)
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    [line] = lines
    assert f"serving {server['base']}/slack/events; scheduler on; database SQLite" in line
    assert "+01:00" in line or "+02:00" in line  # local time (Europe/Stockholm), not UTC
    assert standin.count("auth.test") == 1  # the token was checked before serving


def test_an_unreachable_postgresql_serves_with_healthz_503(standin: SlackStandIn, tmp_path: Path) -> None:
    server = start_server(standin.url, tmp_path, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    status, _ = _request(server["base"] + "/healthz")
    output = stop_server(server)
    assert status == 503
    assert "Traceback" not in output
    assert "the database cannot be reached" in output and "retrying the migration" in output


def _post_too_much(host: str, port: int, chunked: bool) -> bytes:
    """POST a body over the limit and return the answer's status line.

    The client sends no more than the server must read to know the body is too large (the
    header's length alone; or exactly the limit in chunks), so the server has nothing unread
    when it answers and closes: its 413 then always reaches us instead of a reset.
    """
    headers = signing.sign(SECRET, "x=1")
    lines = ["POST /slack/events HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {2 * MAX_BODY_BYTES}")
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        if chunked:
            sock.sendall(f"{MAX_BODY_BYTES:x}\r\n".encode() + b"x" * MAX_BODY_BYTES + b"\r\n")
        return sock.makefile("rb").readline()


def test_bodies_over_1_mib_are_refused_413_by_the_server(standin: SlackStandIn, tmp_path: Path) -> None:
    server = start_server(standin.url, tmp_path)
    address = urlsplit(server["base"])
    try:
        for chunked in (False, True):
            status = _post_too_much(address.hostname or "", address.port or 80, chunked)
            assert status.split()[1:2] == [b"413"], (chunked, status)
        assert _request(server["base"] + "/healthz")[0] == 200
    finally:
        stop_server(server)
