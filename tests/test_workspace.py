"""`app_uninstalled` / `tokens_revoked`: through the front door, then a tick sends nothing."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.scheduler import run_tick
from bot.meeting import timeline
from bot.runtime import Runtime, build_runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import Meeting, WorkspaceState
from tests.conftest import TOKEN, FrozenClock, SlackClient, make_settings
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
INVITATION_DUE = next(s.due_at for s in timeline.meeting_sends(STARTS, TZ) if s.kind == timeline.INVITATION)


@pytest.fixture
def meeting(runtime: Runtime, add_member: Any) -> int:
    add_member("U0MEMBER1")
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
        m = Meeting(starts_at=STARTS, place="Stadshuset", created_by="UORG1")
        s.add(m)
        s.flush()
        return m.id


def _revoked_rows(runtime: Runtime) -> list[WorkspaceState]:
    with runtime.sessions() as s:
        return list(s.query(WorkspaceState).all())


@pytest.mark.parametrize(
    "event",
    [{"type": "app_uninstalled"}, {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT"]}}],
    ids=["app_uninstalled", "tokens_revoked"],
)
def test_revoked_tokens_stop_the_scheduler_and_are_logged_once(
    event: dict[str, Any],
    slack: SlackClient,
    runtime: Runtime,
    clock: FrozenClock,
    standin: SlackStandIn,
    meeting: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    assert slack.event(event).status == 200
    assert slack.event(event).status == 200  # Slack's retry, or the other event of the pair
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and event["type"] in r.getMessage()]
    assert len(warnings) == 1
    assert TOKEN not in caplog.text
    [row] = _revoked_rows(runtime)
    assert row.team_id == "T0001" and row.reason == event["type"] and TOKEN not in row.revoked_token

    clock.set(INVITATION_DUE)
    before = len(standin.calls)
    report = run_tick(runtime)
    assert report.sent == 0 and report.due == 0
    assert len(standin.calls) == before  # not one call to Slack: no post, no retry, no report


def test_user_tokens_revoked_alone_change_nothing(
    slack: SlackClient, runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    event = {"type": "tokens_revoked", "tokens": {"oauth": ["U0ANNA"], "bot": []}}
    assert slack.event(event).status == 200
    assert _revoked_rows(runtime) == []
    clock.set(INVITATION_DUE)
    assert run_tick(runtime).sent == 1


def test_a_new_bot_token_resumes_sending(
    slack: SlackClient, runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    assert slack.event({"type": "app_uninstalled"}).status == 200
    clock.set(INVITATION_DUE)
    assert run_tick(runtime).sent == 0
    reinstalled = build_runtime(
        make_settings(runtime.settings.database_url, standin.url, slack_bot_token="xoxb-new-token"),
        clock=clock,
    )
    try:
        assert run_tick(reinstalled).sent == 1
    finally:
        reinstalled.engine.dispose()
