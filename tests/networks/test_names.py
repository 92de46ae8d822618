"""Texts that speak of the network name it: Guldlänken's members read "Guldlänkens träff", the
first network's still "Chefsnätverkets träff" (through the front door, two networks side by side)."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar

from bot.delivery.scheduler import run_tick
from bot.formatting import genitive, network_names
from bot.meeting import timeline
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import Meeting
from tests.conftest import ORGANISER, SlackClient
from tests.networks.test_handlers import (
    GULD_CHANNEL,
    GULD_ORGANISER,
    TZ,
    _meetings_in_both,
    said,
    two,
)
from tests.support.slack_standin import SlackStandIn

__all__ = ["two"]  # the fixture, shared with test_handlers

GULD_STARTS = dt.datetime(2027, 3, 12, 13, 0, tzinfo=TZ)


def _posted(standin: SlackStandIn, user: str) -> str:
    return "\n".join(json.dumps(c.params, ensure_ascii=False) for c in standin.messages_to(user))


def _summaries(standin: SlackStandIn, user: str) -> list[str]:
    dm = standin.dm_channel_for(user)
    files = sorted((f for f in standin.files.values() if f.get("channel_id") == dm), key=lambda f: f["id"])
    return [str(event["SUMMARY"]) for f in files for event in Calendar.from_ical(f["content"]).walk("VEVENT")]


def test_the_genitive_and_the_escaped_name() -> None:
    assert genitive("Chefsnätverket") == "Chefsnätverkets"
    assert genitive("Unga vuxna") == "Unga vuxnas"
    assert [genitive(n) for n in ("Fyrhus", "Max", "Jazz")] == ["Fyrhus", "Max", "Jazz"]
    assert "{network} / {network:genitive}".format(**network_names("A & <B>")) == (
        "A &amp; &lt;B&gt; / A &amp; &lt;B&gt;s"
    )
    assert "{network:genitive}".format(**network_names("Max & Co", mrkdwn=False)) == "Max & Cos"


def test_invitation_calendar_and_day_of_name_their_own_network(
    runtime: Runtime, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    _meetings_in_both(two)
    assert run_tick(runtime, at=dt.datetime(2027, 2, 19, 9, 0, tzinfo=TZ)).errors == 0  # invitations
    guld = _posted(standin, "U0LANDS")
    assert "Inbjudan till Guldlänkens träff" in guld and "Nästa träff i Guldlänken" in guld
    assert "Inbjudan till Guldlänken" in guld and "Chefsnätverket" not in guld
    first = _posted(standin, "U0MALMO")
    assert "Inbjudan till Chefsnätverkets träff" in first and "Guldlänken" not in first
    assert _summaries(standin, "U0LANDS") == ["Guldlänkens träff"]
    assert _summaries(standin, "U0MALMO") == ["Chefsnätverkets träff"]

    day_of = next(s.due_at for s in timeline.meeting_sends(GULD_STARTS, TZ) if s.kind == timeline.DAY_OF)
    assert run_tick(runtime, at=day_of).errors == 0
    assert "Välkommen till Guldlänkens träff" in _posted(standin, "U0LANDS")


def test_status_history_and_refusals_name_the_network(
    slack: SlackClient, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    first, guld = two
    status = said(slack.command("/chefsnatverket", "status", user=GULD_ORGANISER, channel_id=GULD_CHANNEL))
    assert "Status för Guldlänken" in status
    assert "Status för Chefsnätverket" in said(
        slack.command("/chefsnatverket", "status", user=ORGANISER, channel_id="C0ADMIN")
    )

    # A past meeting in Guldlänken: its history is titled with its name.
    with transaction(guld.sessions) as s:
        s.add(Meeting(starts_at=guld.now() - dt.timedelta(days=30), place="Svalöv"))
    slack.command(
        "/chefsnatverket",
        "historik",
        user=GULD_ORGANISER,
        channel_id=GULD_CHANNEL,
        response_url=standin.response_url("history"),
    )
    [history] = [json.dumps(c.params, ensure_ascii=False) for c in standin.calls_to("chat.postMessage")]
    assert "Guldlänkens träffar hittills" in history and "Chefsnätverkets" not in history

    # Someone on neither list, in each network's channel; a member who is not samordnare.
    assert "inte med i Guldlänkens medlemslista" in said(
        slack.command("/incheckning", "Budget", user="U0NOBODY", channel_id=GULD_CHANNEL)
    )
    assert "inte med i Chefsnätverkets medlemslista" in said(
        slack.command("/incheckning", "Budget", user="U0NOBODY", channel_id="C0ADMIN")
    )
    assert "bara Guldlänkens samordnare" in said(
        slack.command("/chefsnatverket", "status", user="U0LANDS", channel_id=GULD_CHANNEL)
    )
    with transaction(first.sessions) as s:
        assert s.query(Meeting).count() == 0
