"""Two processes ticking at the same instant send nothing twice: SQLite and PostgreSQL.

Each run starts real OS processes of `chefsnatverket tick --at ...` against one database and the
stand-in, with every post slowed a little so the processes' fan-outs overlap.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.delivery.scheduler import run_tick
from bot.meeting.timeline import INVITATION, meeting_sends
from bot.runtime import build_runtime
from storage.models import Delivery
from tests.conftest import make_settings
from tests.e2e.process import CLI, app_env, arrange_members
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
MEMBERS = [f"U0CC{n:04d}" for n in range(60)]
INVITATION_AT = next(s.due_at for s in meeting_sends(STARTS, TZ) if s.kind == INVITATION)


def tick_process(url: str, api_url: str, at: dt.datetime, workdir: Path) -> subprocess.Popen[str]:
    """`chefsnatverket tick --at <at>` as its own OS process (the console script's entry point)."""
    env = app_env(url, api_url, ORGANISERS="UORG1")
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "tick", "--at", at.isoformat(), "--yes"],
        cwd=workdir,  # no stray .env is read
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def invitations(url: str) -> int:
    runtime = build_runtime(make_settings(url, "http://127.0.0.1:9/api/"))
    with runtime.sessions() as s:
        count = s.scalar(
            select(func.count()).where(Delivery.send_key.like("%:invitation"), Delivery.state == "sent")
        )
    runtime.engine.dispose()
    return int(count or 0)


def assert_exactly_one_invitation_each(standin: SlackStandIn, url: str) -> None:
    counts = {user: len(standin.messages_to(user)) for user in MEMBERS}
    assert {n for n in counts.values()} == {1}, {u: n for u, n in counts.items() if n != 1}
    assert standin.duplicate_messages() == []
    assert invitations(url) == len(MEMBERS)


@pytest.fixture
def url(any_db_url: str, standin: SlackStandIn) -> str:
    arrange_members(
        any_db_url,
        MEMBERS,
        STARTS,
        organisation="Arbetsförmedlingen",
        place="Stadshuset",
        organisers_channel="C0ADMIN",
    )
    # Slow every post a little so the two processes really work at the same time.
    standin.fail("chat.postMessage", delay=0.03, times=10_000)
    return any_db_url


def test_two_tick_processes_at_once_send_each_invitation_once(
    url: str, standin: SlackStandIn, tmp_path: Path
) -> None:
    processes = [tick_process(url, standin.url, INVITATION_AT, tmp_path) for _ in range(2)]
    outputs = [finish(p) for p in processes]
    assert_exactly_one_invitation_each(standin, url)
    sent = [int(out.split(" sent")[0].rsplit(" ", 1)[-1]) for out in outputs]
    assert sum(sent) == len(MEMBERS), outputs
    assert all("Inbjudan" not in out for out in outputs)  # the report never prints message text


def test_the_running_scheduler_and_a_manual_tick_send_each_invitation_once(
    url: str, standin: SlackStandIn, tmp_path: Path
) -> None:
    process = tick_process(url, standin.url, INVITATION_AT, tmp_path)
    runtime = build_runtime(make_settings(url, standin.url), clock=lambda: INVITATION_AT)
    reports: list[Any] = []
    worker = threading.Thread(target=lambda: reports.append(run_tick(runtime)))
    worker.start()
    finish(process)
    worker.join(timeout=120)
    runtime.engine.dispose()
    assert_exactly_one_invitation_each(standin, url)
    assert reports and reports[0].errors == 0


def test_three_processes_with_faults_still_send_each_invitation_once(
    url: str, standin: SlackStandIn, tmp_path: Path
) -> None:
    standin.random_faults("chat.postMessage", rate=0.1, statuses=(429, 500, 503), seed=7)
    processes = [tick_process(url, standin.url, INVITATION_AT, tmp_path) for _ in range(3)]
    for p in processes:
        finish(p)
    assert_exactly_one_invitation_each(standin, url)
