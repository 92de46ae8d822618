"""Närvaro's tests run on SQLite and PostgreSQL, with the scheduler ticked by the frozen clock."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.delivery.scheduler import TickReport, run_tick
from bot.meeting import timeline
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import Meeting
from tests.conftest import FrozenClock, SlackClient, make_settings
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)  # a Tuesday
CHANNEL = "C0ADMIN"
COMING, CANNOT, SENDER = "U0MEMBER1", "U0MEMBER2", "U0MEMBER3"
DEPUTY, DEPUTY2 = "U0DEPUTY1", "U0DEPUTY2"

# The fallback text of each kind of DM starts like this (Swedish).
PREFIXES = {
    "Inbjudan till Chefsnätverkets träff": "invitation",
    "Inbjudan som ersättare": "deputy_invitation",
    "Du behöver inte komma som ersättare": "deputy_released",
    "Spara datumet": "save_the_date",
    "Påminnelse: checka in": "reminder",
    "Sista påminnelsen": "last_reminder",
    "Sammanställning inför träffen": "deadline_summary",
    "Nätverkets sammanställning": "network_summary",
    "Välkommen till träffen": "day_of",
    "Vill ni träffas igen? Tack": "pulse",
    "Vill ni träffas igen? Efter": "pulse_summary",
    "Träffen är flyttad": "moved",
    "Några utskick gick inte fram": "report",
    "Tack! Ditt svar": "checkin_saved",
}


@pytest.fixture
def settings(any_db_url: str, standin: SlackStandIn) -> Any:
    """Every närvaro test runs on SQLite and on PostgreSQL."""
    return make_settings(any_db_url, standin.url)


@pytest.fixture(autouse=True)
def slack_time(standin: SlackStandIn, clock: FrozenClock) -> None:
    """Slack's ts values follow the frozen clock."""
    standin.ts_clock = lambda: clock().timestamp()


def kind_of(text: str) -> str:
    if text.startswith("Träffen ") and text.endswith("är inställd."):
        return "cancelled"
    return next((kind for prefix, kind in PREFIXES.items() if text.startswith(prefix)), f"? {text[:40]}")


def received(standin: SlackStandIn, user: str) -> list[str]:
    """The kinds of messages posted to `user` (their DM), in order; a file as "file"."""
    dm = standin.dm_channel_for(user)
    posts = [(c.at, kind_of(c.params.get("text") or "")) for c in standin.messages_to(user)]
    files = [
        (c.at, "file")
        for c in standin.calls_to("files.completeUploadExternal")
        if c.ok and c.params.get("channel_id") == dm
    ]
    return [kind for _at, kind in sorted(posts + files)]


def calendars(standin: SlackStandIn, user: str) -> list[Calendar]:
    """The `.ics` files uploaded into `user`'s DM, parsed back, in order."""
    dm = standin.dm_channel_for(user)
    files = sorted((f for f in standin.files.values() if f.get("channel_id") == dm), key=lambda f: f["id"])
    return [Calendar.from_ical(f["content"]) for f in files]


def due(kind: str, starts: dt.datetime = STARTS) -> dt.datetime:
    return next(s.due_at for s in timeline.meeting_sends(starts, TZ) if s.kind == kind)


def tick(runtime: Runtime, clock: FrozenClock, when: dt.datetime, **shift: float) -> TickReport:
    clock.set(when)
    if shift:
        clock.advance(**shift)
    return run_tick(runtime)


def press(slack: SlackClient, standin: SlackStandIn, action_id: str, meeting_id: int, user: str) -> Any:
    """A button in the invitation DM."""
    return slack.action(
        action_id,
        user=user,
        value=str(meeting_id),
        channel_id=standin.dm_channel_for(user),
        message={"ts": "1800000000.000100"},
        response_url=standin.response_url("rsvp"),
        trigger_id="trigger-rsvp",
    )


@pytest.fixture
def network(runtime: Runtime, add_member: Any) -> int:
    """Three members in two organisations, the samordnare's channel, and a meeting on STARTS."""
    add_member(COMING, "Arbetsförmedlingen", name="Anna Andersson")
    add_member(CANNOT, "Arbetsförmedlingen", name="Cecilia Carlsson")
    add_member(SENDER, "Försäkringskassan", name="Bertil Berg")
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = CHANNEL
        meeting = Meeting(starts_at=STARTS, place="Stadshuset")
        s.add(meeting)
        s.flush()
        return meeting.id
