"""The calendar file is one part of the ledger's send: a retry uploads what did not go, never twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.delivery import pacing
from bot.runtime import Runtime, build_runtime
from bot.slack import make_client
from storage.models import Delivery
from tests.attendance.conftest import COMING, due, received, tick
from tests.conftest import FrozenClock
from tests.support.slack_standin import SlackStandIn


@pytest.fixture
def quick(settings: Any, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    """No retries of 5xx within the tick."""
    monkeypatch.setattr(pacing, "IN_TICK_RETRIES", 0)
    rt = build_runtime(settings, clock=clock, client=make_client(settings, max_retries=0), **clock.waits())
    yield rt
    rt.engine.dispose()


@pytest.fixture
def impatient(settings: Any, clock: FrozenClock) -> Iterator[Runtime]:
    """A client that gives up after 1 s: a read time-out."""
    rt = build_runtime(settings, clock=clock, client=make_client(settings, timeout=1), **clock.waits())
    yield rt
    rt.engine.dispose()


def invitation_row(runtime: Runtime, meeting_id: int) -> Delivery:
    with runtime.sessions() as s:
        return s.scalars(
            select(Delivery).where(
                Delivery.send_key == f"meeting:{meeting_id}:invitation", Delivery.recipient == COMING
            )
        ).one()


def test_a_failed_upload_is_retried_without_posting_the_message_again(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, network: int
) -> None:
    standin.fail("files.getUploadURLExternal", status=503, times=3)  # all three members
    tick(quick, clock, due("invitation"))
    assert invitation_row(quick, network).state == "retry"
    assert received(standin, COMING) == ["invitation"]
    tick(quick, clock, due("invitation"), minutes=2)
    assert received(standin, COMING) == ["invitation", "file"]
    assert invitation_row(quick, network).state == "sent"
    tick(quick, clock, due("invitation"), minutes=30)
    assert received(standin, COMING) == ["invitation", "file"]
    # The DM's id came from the message: no conversations.open just to upload.
    assert standin.count("conversations.open") == 0


def test_an_upload_that_timed_out_is_never_uploaded_again(
    impatient: Runtime, clock: FrozenClock, standin: SlackStandIn, network: int
) -> None:
    dm = standin.dm_channel_for(COMING)
    standin.fail("files.completeUploadExternal", delay=2.0, when=lambda p: p.get("channel_id") == dm)
    report = tick(impatient, clock, due("invitation"))
    assert report.retry == 1
    assert invitation_row(impatient, network).state == "unknown"
    standin.wait_for("files.completeUploadExternal", 3)
    report = tick(impatient, clock, due("invitation"), minutes=2)
    assert report.verified == 1
    assert invitation_row(impatient, network).state == "sent"
    completes = [
        c for c in standin.calls_to("files.completeUploadExternal") if c.params.get("channel_id") == dm
    ]
    assert len(completes) == 1
    assert len(standin.messages_to(COMING)) == 1
