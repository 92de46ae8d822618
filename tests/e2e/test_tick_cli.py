"""`chefsnatverket tick --at ...` as a process, through one meeting's whole timeline."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.meeting import timeline
from bot.runtime import build_runtime
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member
from tests.conftest import make_settings
from tests.e2e.process import CLI, _free_port, app_env, arrange_members
from tests.support.slack_standin import SlackStandIn

pytestmark = pytest.mark.e2e

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
MEMBERS = ["U0E2E1", "U0E2E2", "U0E2E3", "U0E2E4"]


def tick(url: str, api_url: str, at: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    env = app_env(url, api_url, ORGANISERS="UORG1", BOT_TIMEZONE="Europe/Stockholm")
    return subprocess.run(
        [sys.executable, "-c", CLI, "tick", "--at", at, "--yes"],  # a test database: no need to ask
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def url(db_url: str) -> str:
    arrange_members(
        db_url, MEMBERS, STARTS, organisation="Region Skåne", place="Stadshuset", organisers_channel="C0ADMIN"
    )
    return db_url


def check_in(url: str, user: str) -> None:
    runtime = build_runtime(make_settings(url, "http://127.0.0.1:9/api/"))
    with transaction(runtime.sessions) as s:
        member = s.scalar(select(Member).where(Member.slack_user_id == user))
        meeting = s.scalar(select(Meeting))
        assert member is not None and meeting is not None
        s.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying="Rekryteringar"))
    runtime.engine.dispose()


def test_the_whole_timeline_from_tick_calls(url: str, standin: SlackStandIn, tmp_path: Path) -> None:
    sends = timeline.meeting_sends(STARTS, TZ)
    for number, send in enumerate(sends):
        local = send.due_at.astimezone(TZ)
        # Alternate the two forms --at takes: with an offset, and local time without one.
        at = local.isoformat() if number % 2 else local.replace(tzinfo=None).isoformat()
        if number == 0:
            early = tick(url, standin.url, (local - dt.timedelta(minutes=1)).isoformat(), tmp_path)
            assert early.returncode == 0 and " 0 sent" in early.stdout, early.stderr
        result = tick(url, standin.url, at, tmp_path)
        assert result.returncode == 0, result.stderr
        assert " sent" in result.stdout and "0 failed" in result.stdout
        again = tick(url, standin.url, at, tmp_path)
        assert again.returncode == 0 and again.stdout.startswith("tick at") and " 0 sent" in again.stdout
        if send.kind == timeline.INVITATION:
            check_in(url, MEMBERS[0])

    per_channel = Counter(c.params["channel"] for c in standin.calls_to("chat.postMessage") if c.ok)
    # Invitation, reminder, last reminder, the network's sammanställning (Insyn), day-of, pulse;
    # the one who checked in skips two.
    assert per_channel[MEMBERS[0]] == 4
    assert all(per_channel[m] == 6 for m in MEMBERS[1:])
    assert per_channel["C0ADMIN"] == 2  # the deadline summary and the pulse summary
    assert standin.duplicate_messages() == []


def test_a_malformed_at_is_refused_with_one_line(url: str, standin: SlackStandIn, tmp_path: Path) -> None:
    result = tick(url, standin.url, "next tuesday", tmp_path)
    assert result.returncode == 2
    assert "--at must be an ISO-8601 time" in result.stderr
    assert standin.count("chat.postMessage") == 0


def test_the_server_process_schedules_by_itself(db_url: str, standin: SlackStandIn, tmp_path: Path) -> None:
    """`python -m bot` with the scheduler on: a meeting ten days from now gets its (late)
    invitation out at the first tick, once, with no `tick` command run."""
    now = dt.datetime.now(dt.UTC)
    arrange_members(
        db_url, MEMBERS, now + dt.timedelta(days=10), organisation="Region Skåne", place="Stadshuset"
    )
    env = app_env(
        db_url,
        standin.url,
        PORT=str(_free_port()),
        HOST="127.0.0.1",
        TICK_INTERVAL_SECONDS="1",
        LOG_LEVEL="DEBUG",  # idle ticks log their report at DEBUG only
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ticks = threading.Semaphore(0)

    def read_log() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            if "tick at" in line:
                ticks.release()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        standin.wait_for("chat.postMessage", len(MEMBERS), timeout=30)
        # Three more ticks (each logs its report line); nothing is sent twice.
        for _ in range(3):
            assert ticks.acquire(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert sorted(c.params["channel"] for c in standin.calls_to("chat.postMessage")) == sorted(MEMBERS)
