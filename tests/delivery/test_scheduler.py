"""The scheduler through whole meeting cycles, driven by the frozen clock; Slack is the stand-in.

Every test calls `run_tick` directly (the same function as `chefsnatverket tick` and the
APScheduler job) and checks what the stand-in received and what the ledger recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import ids
from bot.admin.status import describe_schedule
from bot.delivery import ledger, pacing, scheduler
from bot.delivery.ledger import LEASE_MINUTES
from bot.delivery.scheduler import TickReport, run_tick
from bot.delivery.sends import DueSend, Source
from bot.delivery.settle import MAX_ATTEMPTS
from bot.delivery.views import ReportItem, build_failure_report
from bot.meeting import timeline
from bot.meeting.views import (
    MeetingInfo,
    build_day_of,
    build_invitation,
    build_moved,
    build_reminder,
)
from bot.pulse.service import PulseComment, PulseSummary
from bot.pulse.views import build_pulse_summary
from bot.runtime import Runtime, build_runtime
from bot.slack import make_client
from storage.db import transaction
from storage.meetings import get_network
from storage.models import CheckIn, Delivery, Meeting, Member, PulseAnswer
from tests.conftest import FrozenClock, make_settings
from tests.support.slack_standin import SlackStandIn, validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)  # a Tuesday
CHANNEL = "C0ADMIN"
MEMBERS = ("U0MEMBER1", "U0MEMBER2", "U0MEMBER3")

# The fallback text of each kind of message starts like this (Swedish).
PREFIXES = {
    "Inbjudan till Chefsnätverkets träff": timeline.INVITATION,
    "Påminnelse: checka in": timeline.REMINDER,
    "Sista påminnelsen": timeline.LAST_REMINDER,
    "Sammanställning inför träffen": timeline.DEADLINE_SUMMARY,
    "Välkommen till träffen": timeline.DAY_OF,
    "Vill ni träffas igen? Tack": timeline.PULSE,
    "Vill ni träffas igen? Efter": timeline.PULSE_SUMMARY,
    "Nätverkets sammanställning": "network_summary",
    "Träffen är flyttad": "moved",
    "Träffen tisdag": "cancelled",
    "Några utskick gick inte fram": "report",
}


def kind_of(call: Any) -> str:
    text = call.params.get("text") or ""
    return next((kind for prefix, kind in PREFIXES.items() if text.startswith(prefix)), f"? {text[:40]}")


def received(standin: SlackStandIn, channel: str) -> list[str]:
    """The kinds of the messages successfully posted to `channel`, in order."""
    return [kind_of(c) for c in standin.messages_to(channel)]


def due(kind: str, starts: dt.datetime = STARTS) -> dt.datetime:
    """When the timeline says a send of `kind` is due for a meeting at `starts`."""
    return next(s.due_at for s in timeline.meeting_sends(starts, TZ) if s.kind == kind)


def tick(runtime: Runtime, clock: FrozenClock, when: dt.datetime | str, **shift: float) -> TickReport:
    clock.set(when)
    if shift:
        clock.advance(**shift)
    return run_tick(runtime)


@pytest.fixture
def settings(any_db_url: str, standin: SlackStandIn) -> Any:
    """Every scheduler test runs on SQLite and on PostgreSQL."""
    return make_settings(any_db_url, standin.url)


@pytest.fixture(autouse=True)
def slack_time(standin: SlackStandIn, clock: FrozenClock) -> None:
    """Slack's ts values follow the frozen clock, as they follow real time on Slack, so the
    ledger's history checks (`oldest`, from our clock) see the same time as Slack; the calls'
    arrival times follow it too, as the runtime's waits move it instead of taking real time."""
    standin.ts_clock = lambda: clock().timestamp()
    standin.at_clock = clock.monotonic


@pytest.fixture
def impatient(settings: Any, clock: FrozenClock) -> Any:
    """A runtime whose client gives up after 1 s, so a test provokes a read time-out quickly."""
    rt = build_runtime(settings, clock=clock, client=make_client(settings, timeout=1), **clock.waits())
    yield rt
    rt.engine.dispose()


@pytest.fixture
def quick(settings: Any, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A runtime that does not retry 5xx within the tick, so the ledger's retries are quick to test."""
    monkeypatch.setattr(pacing, "IN_TICK_RETRIES", 0)
    rt = build_runtime(settings, clock=clock, client=make_client(settings, max_retries=0), **clock.waits())
    yield rt
    rt.engine.dispose()


@pytest.fixture
def members(add_member: Any) -> list[str]:
    for number, user in enumerate(MEMBERS, start=1):
        add_member(user, "Försäkringskassan" if number % 2 else "Region Skåne", name=f"Medlem {number}")
    return list(MEMBERS)


@pytest.fixture
def organisers_channel(runtime: Runtime) -> str:
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = CHANNEL
    return CHANNEL


@pytest.fixture
def meeting(runtime: Runtime, members: list[str], organisers_channel: str) -> int:
    with transaction(runtime.sessions) as s:
        m = Meeting(starts_at=STARTS, place="Stadshuset, sal 3", created_by="UORG1")
        s.add(m)
        s.flush()
        return m.id


def check_in(runtime: Runtime, user: str, meeting_id: int) -> None:
    with transaction(runtime.sessions) as s:
        member = s.scalar(select(Member).where(Member.slack_user_id == user))
        assert member is not None
        s.add(CheckIn(meeting_id=meeting_id, member_id=member.id, occupying="Budgeten"))


def deliveries(runtime: Runtime, key: str) -> dict[str, Delivery]:
    with runtime.sessions() as s:
        return {d.recipient: d for d in s.scalars(select(Delivery).where(Delivery.send_key == key))}


def move(runtime: Runtime, meeting_id: int, starts_at: dt.datetime) -> None:
    """What `/chefsnatverket flytta` does to the meeting."""
    with transaction(runtime.sessions) as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        m.starts_at = starts_at
        m.version += 1


def cancel(runtime: Runtime, meeting_id: int) -> None:
    """What `/chefsnatverket ställ-in` does to the meeting."""
    with transaction(runtime.sessions) as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        m.status = "cancelled"


# ---------------------------------------------------------------- the whole cycle


def test_whole_meeting_cycle_sends_each_message_once_to_the_right_people(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    m1, m2, m3 = MEMBERS
    assert tick(runtime, clock, due(timeline.INVITATION), minutes=-1).sent == 0
    assert standin.count("chat.postMessage") == 0

    report = tick(runtime, clock, due(timeline.INVITATION))
    assert report.sent == 3
    invitation = standin.messages_to(m1)[0]
    button = invitation.params["blocks"][-1]["elements"][0]
    assert button["action_id"] == ids.CHECKIN_OPEN and button["value"] == str(meeting)
    flat = str(invitation.params["blocks"])
    assert "måndag 15 mars kl. 12.00" in flat  # the deadline
    assert "räknas som svar" in flat  # a plain reply in the DM counts
    assert "Stadshuset, sal 3" in flat

    check_in(runtime, m1, meeting)
    tick(runtime, clock, due(timeline.REMINDER))
    check_in(runtime, m2, meeting)
    tick(runtime, clock, due(timeline.LAST_REMINDER))
    tick(runtime, clock, due(timeline.DEADLINE_SUMMARY))
    tick(runtime, clock, due(timeline.DAY_OF))
    tick(runtime, clock, due(timeline.PULSE))
    tick(runtime, clock, due(timeline.PULSE_SUMMARY))
    # Nothing more, ever, for this meeting.
    before = standin.count("chat.postMessage")
    tick(runtime, clock, due(timeline.PULSE_SUMMARY), days=30)
    assert standin.count("chat.postMessage") == before

    everyone = [timeline.INVITATION]
    # Insyn: at the deadline every member gets the network's sammanställning (by DM).
    shared = "network_summary"
    assert received(standin, m1) == [*everyone, shared, timeline.DAY_OF, timeline.PULSE]
    assert received(standin, m2) == [*everyone, timeline.REMINDER, shared, timeline.DAY_OF, timeline.PULSE]
    assert received(standin, m3) == [
        *everyone,
        timeline.REMINDER,
        timeline.LAST_REMINDER,
        shared,
        timeline.DAY_OF,
        timeline.PULSE,
    ]
    assert received(standin, CHANNEL) == [timeline.DEADLINE_SUMMARY, timeline.PULSE_SUMMARY]
    assert standin.duplicate_messages() == []
    # DMs go by user id, never through conversations.open.
    assert standin.count("conversations.open") == 0
    pulse = standin.messages_to(m3)[-1].params["blocks"][-1]["elements"]
    assert [b["action_id"] for b in pulse] == [ids.PULSE_YES, ids.PULSE_NO, ids.PULSE_COMMENT_OPEN]
    assert {b["value"] for b in pulse} == {str(meeting)}


def test_each_send_goes_out_at_its_local_time(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    sends = timeline.meeting_sends(STARTS, TZ)
    for send in sends:
        tick(runtime, clock, send.due_at, seconds=-1)
        before = standin.count("chat.postMessage")
        tick(runtime, clock, send.due_at)
        assert standin.count("chat.postMessage") > before, send.kind
        local = send.due_at.astimezone(TZ)
        assert (local.hour, local.minute) in {(9, 0), (12, 0), (8, 0)}


def test_two_ticks_at_the_same_instant_send_nothing_twice(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    first = tick(runtime, clock, due(timeline.PULSE_SUMMARY))  # everything due at once
    second = tick(runtime, clock, due(timeline.PULSE_SUMMARY))
    assert first.sent > 0
    assert second.sent == 0 and second.failed == 0
    assert standin.duplicate_messages() == []


def test_tick_report_is_one_readable_line_without_message_text(
    runtime: Runtime, clock: FrozenClock, meeting: int
) -> None:
    line = str(tick(runtime, clock, due(timeline.INVITATION)))
    assert "\n" not in line
    assert "3 sent" in line and "0 failed" in line
    assert "Inbjudan" not in line


# ---------------------------------------------------------------- catch-up and the grace window


def test_catch_up_inside_the_grace_window_sends_late(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    report = tick(runtime, clock, due(timeline.REMINDER), hours=23)
    assert report.sent == 3 and report.expired == 0
    assert all(received(standin, m).count(timeline.REMINDER) == 1 for m in MEMBERS)


def test_catch_up_outside_the_grace_window_is_reported_not_sent(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    report = tick(runtime, clock, due(timeline.REMINDER), hours=25)
    assert report.sent == 0 and report.expired == 3
    assert all(timeline.REMINDER not in received(standin, m) for m in MEMBERS)
    rows = deliveries(runtime, f"meeting:{meeting}:reminder")
    assert {r.state for r in rows.values()} == {"expired"}
    [message] = standin.messages_to(CHANNEL)
    text = str(message.params["blocks"])
    assert "Missat utskick" in text and "Påminnelse inför träffen tisdag 16 mars 2027 kl. 13.00" in text
    assert "till 3 mottagare" in text
    # Reported once, not at every tick.
    tick(runtime, clock, due(timeline.REMINDER), hours=26)
    assert len(standin.messages_to(CHANNEL)) == 1


def test_an_invitation_after_downtime_still_goes_out_while_check_in_is_open(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    # Down from before the invitation until after the (first) reminder was due.
    report = tick(runtime, clock, due(timeline.REMINDER), hours=1)
    assert report.sent == 3
    # The reminder is not piled on top of a fresh invitation, nor reported as missed.
    tick(runtime, clock, due(timeline.REMINDER), hours=2)
    assert standin.messages_to(CHANNEL) == []
    assert all(received(standin, m) == [timeline.INVITATION] for m in MEMBERS)


def test_summaries_are_worth_sending_late(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.DEADLINE_SUMMARY), days=3)
    assert timeline.DEADLINE_SUMMARY in received(standin, CHANNEL)


def test_the_day_of_reminder_is_not_sent_after_the_meeting_has_started(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    tick(runtime, clock, STARTS, minutes=30)
    assert all(timeline.DAY_OF not in received(standin, m) for m in MEMBERS)
    assert {r.state for r in deliveries(runtime, f"meeting:{meeting}:day_of").values()} == {"expired"}


# ---------------------------------------------------------------- membership changes


def test_a_member_added_late_gets_the_invitation_at_the_next_tick(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, add_member: Any
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    add_member("U0LATE", "Arbetsförmedlingen", name="Sen Medlem")
    report = tick(runtime, clock, due(timeline.REMINDER), hours=1)
    assert received(standin, "U0LATE") == [timeline.INVITATION]
    assert report.expired == 0 and standin.messages_to(CHANNEL) == []
    tick(runtime, clock, due(timeline.LAST_REMINDER))
    assert received(standin, "U0LATE") == [timeline.INVITATION, timeline.LAST_REMINDER]


def test_a_member_added_after_the_deadline_is_not_invited_and_nothing_is_reported(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, add_member: Any
) -> None:
    for kind in (timeline.INVITATION, timeline.REMINDER, timeline.LAST_REMINDER):
        tick(runtime, clock, due(kind))
    add_member("U0LATE", "Arbetsförmedlingen", name="Sen Medlem")
    tick(runtime, clock, due(timeline.DEADLINE_SUMMARY), hours=2)
    assert timeline.INVITATION not in received(standin, "U0LATE")
    assert received(standin, CHANNEL) == [timeline.DEADLINE_SUMMARY]


def test_a_removed_member_gets_nothing_more(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    with transaction(runtime.sessions) as s:
        member = s.scalar(select(Member).where(Member.slack_user_id == MEMBERS[2]))
        assert member is not None
        member.active = False
    tick(runtime, clock, due(timeline.REMINDER))
    tick(runtime, clock, due(timeline.DAY_OF))
    assert received(standin, MEMBERS[2]) == [timeline.INVITATION]
    assert timeline.DAY_OF in received(standin, MEMBERS[0])


# ---------------------------------------------------------------- flytta and ställ-in


def test_a_moved_meeting_tells_the_invited_once_and_replans_what_is_left(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, add_member: Any
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    new_start = STARTS + dt.timedelta(days=7)
    move(runtime, meeting, new_start)
    add_member("U0NEW", "Arbetsförmedlingen", name="Ny Medlem")

    tick(runtime, clock, due(timeline.INVITATION), days=1)
    tick(runtime, clock, due(timeline.INVITATION), days=1, minutes=1)
    for m in MEMBERS:
        assert received(standin, m) == [timeline.INVITATION, "moved"]
    notice = standin.messages_to(MEMBERS[0])[-1]
    assert "tisdag 23 mars 2027 kl. 13.00" in str(notice.params["blocks"])
    # The newcomer is invited when the new timeline says so, and is not told about a move.
    assert received(standin, "U0NEW") == []
    tick(runtime, clock, due(timeline.INVITATION, new_start))
    assert received(standin, "U0NEW") == [timeline.INVITATION]
    assert "tisdag 23 mars" in str(standin.messages_to("U0NEW")[0].params["blocks"])

    # The old reminder time passes quietly; the new one is used.
    tick(runtime, clock, due(timeline.REMINDER))
    assert all(timeline.REMINDER not in received(standin, m) for m in MEMBERS)
    tick(runtime, clock, due(timeline.REMINDER, new_start))
    assert all(received(standin, m).count(timeline.REMINDER) == 1 for m in MEMBERS)
    assert standin.messages_to(CHANNEL) == []
    assert standin.duplicate_messages() == []


def test_moving_twice_tells_people_about_each_new_time(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    move(runtime, meeting, STARTS + dt.timedelta(days=7))
    tick(runtime, clock, due(timeline.INVITATION), days=1)
    move(runtime, meeting, STARTS + dt.timedelta(days=14))
    tick(runtime, clock, due(timeline.INVITATION), days=2)
    tick(runtime, clock, due(timeline.INVITATION), days=2)
    assert received(standin, MEMBERS[0]) == [timeline.INVITATION, "moved", "moved"]
    assert standin.duplicate_messages() == []


def test_a_cancelled_meeting_tells_those_invited_once_and_sends_nothing_else(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, add_member: Any
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    add_member("U0NEW", "Arbetsförmedlingen", name="Ny Medlem")
    cancel(runtime, meeting)
    tick(runtime, clock, due(timeline.INVITATION), hours=1)
    tick(runtime, clock, due(timeline.INVITATION), hours=2)
    for m in MEMBERS:
        assert received(standin, m) == [timeline.INVITATION, "cancelled"]
    assert received(standin, "U0NEW") == []
    before = standin.count("chat.postMessage")
    for kind in (timeline.REMINDER, timeline.DEADLINE_SUMMARY, timeline.DAY_OF, timeline.PULSE_SUMMARY):
        tick(runtime, clock, due(kind))
    assert standin.count("chat.postMessage") == before


def test_a_meeting_cancelled_before_the_invitation_sends_nothing_at_all(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    cancel(runtime, meeting)
    tick(runtime, clock, due(timeline.INVITATION))
    tick(runtime, clock, due(timeline.DAY_OF))
    assert standin.count("chat.postMessage") == 0


# ---------------------------------------------------------------- the organisers' channel


def test_channel_sends_wait_for_an_organisers_channel(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, members: list[str]
) -> None:
    with transaction(runtime.sessions) as s:
        s.add(Meeting(starts_at=STARTS, place="Stadshuset"))
    tick(runtime, clock, due(timeline.DEADLINE_SUMMARY))
    assert standin.messages_to(CHANNEL) == []
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = CHANNEL
    tick(runtime, clock, due(timeline.DEADLINE_SUMMARY), hours=5)
    assert timeline.DEADLINE_SUMMARY in received(standin, CHANNEL)


def test_the_pulse_summary_counts_answers_and_escapes_comments(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        ids_by_user = {m.slack_user_id: m.id for m in s.scalars(select(Member))}
        s.add(
            PulseAnswer(
                meeting_id=meeting, member_id=ids_by_user[MEMBERS[0]], answer="yes", comment="<!channel> Bra!"
            )
        )
        s.add(PulseAnswer(meeting_id=meeting, member_id=ids_by_user[MEMBERS[1]], answer="no"))
    tick(runtime, clock, due(timeline.PULSE_SUMMARY))
    [summary] = [c for c in standin.messages_to(CHANNEL) if kind_of(c) == timeline.PULSE_SUMMARY]
    text = str(summary.params["blocks"])
    assert "*Ja:* 1" in text and "*Nej:* 1" in text and "*Inget svar:* 1" in text
    assert "&lt;!channel&gt; Bra!" in text and "<!channel>" not in text
    assert "Medlem 1" in text and "Medlem 3" in text


# ---------------------------------------------------------------- faults from Slack


def test_a_429_is_waited_out_within_the_tick(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", status=429, retry_after=1, when=lambda p: p.get("channel") == MEMBERS[1])
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert report.sent == 3 and report.retry == 0
    calls = [c for c in standin.calls_to("chat.postMessage") if c.params["channel"] == MEMBERS[1]]
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0  # after Retry-After
    assert all(len(standin.messages_to(m)) == 1 for m in MEMBERS)


def test_a_passing_500_is_retried_by_the_client(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", status=500, when=lambda p: p.get("channel") == MEMBERS[0])
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert report.sent == 3
    assert all(len(standin.messages_to(m)) == 1 for m in MEMBERS)


def test_a_500_that_outlasts_the_clients_retries_is_tried_again_within_the_tick(
    settings: Any, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    rt = build_runtime(settings, clock=clock, client=make_client(settings, max_retries=0), **clock.waits())
    try:
        standin.fail("chat.postMessage", status=500, times=2, when=lambda p: p.get("channel") == MEMBERS[0])
        report = tick(rt, clock, due(timeline.INVITATION))
        assert (report.sent, report.retry) == (3, 0)
        assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 1]
    finally:
        rt.engine.dispose()


def test_a_lasting_500_is_tried_again_by_later_ticks_with_backoff(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", status=503, times=1, when=lambda p: p.get("channel") == MEMBERS[0])
    report = tick(quick, clock, due(timeline.INVITATION))
    assert report.sent == 2 and report.retry == 1
    row = deliveries(quick, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.attempts, row.last_error) == ("retry", 1, "http_503")
    # Not before the back-off has passed.
    assert tick(quick, clock, due(timeline.INVITATION), seconds=30).sent == 0
    assert tick(quick, clock, due(timeline.INVITATION), minutes=1).sent == 1
    assert all(len(standin.messages_to(m)) == 1 for m in MEMBERS)
    assert standin.messages_to(CHANNEL) == []


def test_a_retry_nobody_wants_any_more_is_cancelled(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", status=500, when=lambda p: p.get("channel") == MEMBERS[0])
    tick(quick, clock, due(timeline.INVITATION))
    cancel(quick, meeting)
    tick(quick, clock, due(timeline.INVITATION), minutes=5)
    row = deliveries(quick, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert row.state == "cancelled"
    assert received(standin, MEMBERS[0]) == []
    assert not any("försöks igen" in line for line in status(quick))


def test_retries_give_up_after_max_attempts_and_report_once(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", status=500, times=1000, when=lambda p: p.get("channel") == MEMBERS[0])
    start = due(timeline.INVITATION)
    clock.set(start)
    for _ in range(MAX_ATTEMPTS + 2):
        run_tick(quick)
        clock.advance(minutes=20)
    row = deliveries(quick, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
    reports = standin.messages_to(CHANNEL)
    assert len(reports) == 1 and "Medlem 1" in str(reports[0].params["blocks"])


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        ("user_not_found", "personen finns inte i Slack"),
        ("channel_not_found", "kanalen eller personen hittades inte"),
        ("account_inactive", "kontot är avaktiverat"),
    ],
)
def test_a_permanent_error_fails_one_member_and_is_reported_once(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, fault: str, why: str
) -> None:
    standin.fail("chat.postMessage", error=fault, times=100, when=lambda p: p.get("channel") == MEMBERS[1])
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert (report.sent, report.failed, report.reported) == (2, 1, 1)
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 0, 1]
    row = deliveries(runtime, f"meeting:{meeting}:invitation")[MEMBERS[1]]
    assert (row.state, row.last_error) == ("failed", fault)
    [message] = standin.messages_to(CHANNEL)
    text = str(message.params["blocks"])
    assert "Medlem 2" in text and why in text and "<@" not in text
    # Never retried, never reported again.
    tick(runtime, clock, due(timeline.INVITATION), hours=2)
    calls = [c for c in standin.calls_to("chat.postMessage") if c.params["channel"] == MEMBERS[1]]
    assert len(calls) == 1
    assert len(standin.messages_to(CHANNEL)) == 1


def test_an_unknown_user_in_the_stand_in_is_a_permanent_failure(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.unknown_users.add(MEMBERS[0])
    standin.inactive_users.add(MEMBERS[2])
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert (report.sent, report.failed) == (1, 2)
    assert len(standin.messages_to(MEMBERS[1])) == 1


def wait_for_the_slow_post(standin: SlackStandIn) -> None:
    """Wait until the stand-in has answered the post to member 1 that the client gave up on."""
    standin.wait_for("chat.postMessage", 1, predicate=lambda c: c.params.get("channel") == MEMBERS[0])


def _history_calls(standin: SlackStandIn) -> list[Any]:
    return standin.calls_to("conversations.history")


def test_a_time_out_that_did_post_is_found_in_slack_and_not_repeated(
    impatient: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", delay=2.0, when=lambda p: p.get("channel") == MEMBERS[0])
    report = tick(impatient, clock, due(timeline.INVITATION))
    assert (report.sent, report.retry, report.failed) == (2, 1, 0)
    row = deliveries(impatient, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.last_error, row.attempts) == ("unknown", "timeout", 1)
    # Slack (the stand-in) did post it after the delay.
    wait_for_the_slow_post(standin)
    # Not checked before Slack's history has had time to catch up.
    tick(impatient, clock, due(timeline.INVITATION), seconds=30)
    assert _history_calls(standin) == []
    report = tick(impatient, clock, due(timeline.INVITATION), minutes=1)
    assert (report.sent, report.verified, report.failed) == (0, 1, 0)
    [history] = _history_calls(standin)
    assert history.params["channel"] == standin.dm_channel_for(MEMBERS[0])
    assert history.params["include_all_metadata"] in ("1", "true", True)
    assert float(history.params["oldest"]) < float(standin.messages_to(MEMBERS[0])[0].response["ts"])
    row = deliveries(impatient, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.slack_ts) == ("sent", standin.messages_to(MEMBERS[0])[0].response["ts"])
    tick(impatient, clock, due(timeline.INVITATION), hours=1)
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 1]
    assert standin.duplicate_messages() == []
    assert standin.messages_to(CHANNEL) == []  # nothing to report


def test_a_time_out_that_did_not_post_is_posted_once_after_the_check(
    impatient: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", delay=2.0, store=False, when=lambda p: p.get("channel") == MEMBERS[0])
    report = tick(impatient, clock, due(timeline.INVITATION))
    assert (report.sent, report.retry) == (2, 1)
    wait_for_the_slow_post(standin)
    assert standin.messages_to(MEMBERS[0]) == []
    report = tick(impatient, clock, due(timeline.INVITATION), minutes=1)
    assert (report.sent, report.verified) == (1, 0)
    assert len(_history_calls(standin)) == 1
    tick(impatient, clock, due(timeline.INVITATION), hours=1)
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 1]
    assert standin.duplicate_messages() == []
    assert standin.messages_to(CHANNEL) == []


def test_every_post_names_its_delivery_in_slack_metadata(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    rows = deliveries(runtime, f"meeting:{meeting}:invitation")
    for member in MEMBERS:
        [call] = standin.messages_to(member)
        assert call.params["channel"] == member  # a DM goes to the user id
        assert call.params["metadata"] == ledger.delivery_metadata(rows[member].id, 1)
        stored = standin.messages[(standin.dm_channel_for(member), call.response["ts"])]
        assert stored["metadata"]["event_payload"] == {"delivery_id": rows[member].id, "part": 1}


def _dead_claim(runtime: Runtime, key: str, recipient: str, claimed_at: dt.datetime, by: str) -> int:
    with transaction(runtime.sessions) as s:
        row = Delivery(
            send_key=key,
            recipient=recipient,
            kind="invitation",
            state="claimed",
            claimed_at=claimed_at,
            claimed_by=by,
        )
        s.add(row)
        s.flush()
        return row.id


def test_a_claim_left_by_a_dead_process_is_checked_in_slack_and_sent_once(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    key = f"meeting:{meeting}:invitation"
    clock.set(due(timeline.INVITATION))
    stale = clock() - dt.timedelta(minutes=LEASE_MINUTES + 1)
    # The dead process had posted to member 1 (with its metadata) but not to member 2.
    posted = _dead_claim(runtime, key, MEMBERS[0], stale, "dead:1")
    _dead_claim(runtime, key, MEMBERS[1], stale, "dead:1")
    runtime.client.chat_postMessage(
        channel=MEMBERS[0],
        text="Inbjudan till Chefsnätverkets träff",
        metadata=ledger.delivery_metadata(posted, 1),
    )
    # A fresh claim (another process is sending right now) is left alone.
    _dead_claim(runtime, key, MEMBERS[2], clock() - dt.timedelta(minutes=1), "alive:2")
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert (report.interrupted, report.verified, report.sent, report.failed) == (2, 1, 1, 0)
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 0]
    opened = [c.params.get("users") for c in standin.calls_to("conversations.open")]
    assert sorted(opened) == [MEMBERS[0], MEMBERS[1]]
    rows = deliveries(runtime, key)
    assert [rows[m].state for m in MEMBERS] == ["sent", "sent", "claimed"]
    assert rows[MEMBERS[0]].slack_ts == standin.messages_to(MEMBERS[0])[0].response["ts"]
    assert standin.messages_to(CHANNEL) == []
    tick(runtime, clock, due(timeline.INVITATION), hours=1)  # the live claim's lease runs out too
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 1]
    assert standin.duplicate_messages() == []


@pytest.mark.parametrize("error", ["missing_scope", "channel_not_found"])
def test_a_check_that_slack_refuses_is_reported_once_and_never_resent(
    impatient: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int, error: str
) -> None:
    standin.fail("chat.postMessage", delay=2.0, store=False, when=lambda p: p.get("channel") == MEMBERS[0])
    tick(impatient, clock, due(timeline.INVITATION))
    wait_for_the_slow_post(standin)
    standin.fail("conversations.history", error=error, times=100)
    report = tick(impatient, clock, due(timeline.INVITATION), minutes=1)
    assert (report.sent, report.failed, report.reported) == (0, 1, 1)
    row = deliveries(impatient, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.last_error) == ("failed", "timeout")
    tick(impatient, clock, due(timeline.INVITATION), hours=2)
    assert len(_history_calls(standin)) == 1
    posts = [c for c in standin.calls_to("chat.postMessage") if c.params["channel"] == MEMBERS[0]]
    assert len(posts) == 1  # the lost one; never posted blind
    [report_message] = standin.messages_to(CHANNEL)
    text = str(report_message.params["blocks"])
    assert "Medlem 1" in text and "kan ha kommit fram" in text


def test_a_check_that_fails_for_a_passing_reason_is_tried_again(
    impatient: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.fail("chat.postMessage", delay=2.0, when=lambda p: p.get("channel") == MEMBERS[0])
    tick(impatient, clock, due(timeline.INVITATION))
    wait_for_the_slow_post(standin)
    standin.fail("conversations.history", delay=2.0)  # the check times out
    report = tick(impatient, clock, due(timeline.INVITATION), minutes=1)
    assert (report.verified, report.retry, report.failed) == (0, 1, 0)
    row = deliveries(impatient, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.last_error, row.attempts) == ("unknown", "timeout", 2)
    report = tick(impatient, clock, due(timeline.INVITATION), minutes=5)
    assert report.verified == 1
    assert [len(standin.messages_to(m)) for m in MEMBERS] == [1, 1, 1]
    assert standin.messages_to(CHANNEL) == []


def test_an_outcome_unknown_too_often_is_not_posted_again(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    clock.set(due(timeline.INVITATION))
    with transaction(runtime.sessions) as s:
        s.add(
            Delivery(
                send_key=f"meeting:{meeting}:invitation", recipient=MEMBERS[0], kind="invitation",
                state="unknown", attempts=MAX_ATTEMPTS, last_error="timeout",
                claimed_at=clock() - dt.timedelta(minutes=20),
            )
        )  # fmt: skip
    report = tick(runtime, clock, due(timeline.INVITATION))
    assert (report.sent, report.failed) == (2, 1)
    assert standin.messages_to(MEMBERS[0]) == []
    row = deliveries(runtime, f"meeting:{meeting}:invitation")[MEMBERS[0]]
    assert (row.state, row.last_error) == ("failed", "not_posted")
    [message] = standin.messages_to(CHANNEL)
    assert "kom inte fram" in str(message.params["blocks"])


def test_an_unknown_outcome_too_late_to_resend_is_reported_as_possibly_arrived(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    clock.set(due(timeline.DAY_OF))
    with transaction(runtime.sessions) as s:
        s.add(
            Delivery(
                send_key=f"meeting:{meeting}:day_of", recipient=MEMBERS[0], kind="day_of",
                state="unknown", attempts=1, last_error="interrupted", claimed_at=clock(),
            )
        )  # fmt: skip
    report = tick(runtime, clock, STARTS + dt.timedelta(minutes=1))
    assert report.failed == 1
    row = deliveries(runtime, f"meeting:{meeting}:day_of")[MEMBERS[0]]
    assert (row.state, row.last_error) == ("failed", "interrupted")
    [message] = [c for c in standin.messages_to(CHANNEL) if kind_of(c) == "report"]
    assert "avbröts" in str(message.params["blocks"])


def test_a_report_that_cannot_be_posted_is_tried_again(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.unknown_users.add(MEMBERS[0])
    standin.fail("chat.postMessage", status=500, times=1, when=lambda p: p.get("channel") == CHANNEL)
    tick(quick, clock, due(timeline.INVITATION))
    assert standin.messages_to(CHANNEL) == []
    tick(quick, clock, due(timeline.INVITATION), minutes=1)
    assert len(standin.messages_to(CHANNEL)) == 1


# ---------------------------------------------------------------- the ledger with any source


def _source(send: DueSend) -> Source:
    def source(_session: Any, _runtime: Any, _now: dt.datetime) -> list[DueSend]:
        return [send]

    return Source("test", source)


def test_a_multi_part_send_never_reposts_a_part(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set("2027-03-01T09:00")
    parts = [
        {"text": f"Del {n}", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": f"Del {n}"}}]}
        for n in (1, 2, 3)
    ]
    send = DueSend(
        "test:summary", "deadline_summary", clock(), [CHANNEL], lambda _s, _r: parts, always_send_late=True
    )
    monkeypatch.setattr(quick, "sources", [_source(send)])
    standin.fail("chat.postMessage", status=500, times=1, when=lambda p: p.get("text") == "Del 2")
    report = run_tick(quick)
    assert report.retry == 1
    assert [c.params["text"] for c in standin.messages_to(CHANNEL)] == ["Del 1"]
    clock.advance(minutes=2)
    assert run_tick(quick).sent == 1
    assert [c.params["text"] for c in standin.messages_to(CHANNEL)] == ["Del 1", "Del 2", "Del 3"]
    clock.advance(minutes=2)
    run_tick(quick)
    assert len(standin.messages_to(CHANNEL)) == 3


@pytest.mark.parametrize("posted", [True, False])
def test_a_multi_part_send_timed_out_mid_way_posts_each_part_once(
    impatient: Runtime,
    clock: FrozenClock,
    standin: SlackStandIn,
    monkeypatch: pytest.MonkeyPatch,
    posted: bool,
) -> None:
    clock.set("2027-03-01T09:00")
    parts = [{"text": f"Del {n}"} for n in (1, 2, 3)]
    send = DueSend(
        "test:summary", "deadline_summary", clock(), [CHANNEL], lambda _s, _r: parts, always_send_late=True
    )
    monkeypatch.setattr(impatient, "sources", [_source(send)])
    standin.fail("chat.postMessage", delay=2.0, store=posted, when=lambda p: p.get("text") == "Del 2")
    assert run_tick(impatient).retry == 1
    standin.wait_for("chat.postMessage", 1, predicate=lambda c: c.params.get("text") == "Del 2")
    clock.advance(minutes=2)
    assert run_tick(impatient).sent == 1
    clock.advance(minutes=2)
    run_tick(impatient)
    assert [c.params["text"] for c in standin.messages_to(CHANNEL)] == ["Del 1", "Del 2", "Del 3"]
    unit = deliveries(impatient, "test:summary")[CHANNEL]
    metadata = [c.params["metadata"]["event_payload"] for c in standin.messages_to(CHANNEL)]
    assert metadata == [{"delivery_id": unit.id, "part": n} for n in (1, 2, 3)]
    assert deliveries(impatient, "test:summary#2")[CHANNEL].state == "sent"


def test_a_render_failure_after_a_check_checks_again_rather_than_resend(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set("2027-03-01T09:00")
    failures = [RuntimeError("database hiccup")]

    def render(_session: Any, _recipient: str) -> list[Any]:
        if failures:
            raise failures.pop()
        return [{"text": "Hej"}]

    send = DueSend("test:once", "award_announcement", clock(), [CHANNEL], render, always_send_late=True)
    monkeypatch.setattr(runtime, "sources", [_source(send)])
    with transaction(runtime.sessions) as s:
        row = Delivery(
            send_key="test:once", recipient=CHANNEL, kind="award_announcement", state="unknown",
            attempts=1, last_error="timeout", claimed_at=clock() - dt.timedelta(minutes=5),
        )  # fmt: skip
        s.add(row)
        s.flush()
        row_id = row.id
    runtime.client.chat_postMessage(channel=CHANNEL, text="Hej", metadata=ledger.delivery_metadata(row_id, 1))
    run_tick(runtime)
    assert deliveries(runtime, "test:once")[CHANNEL].state == "unknown"
    clock.advance(minutes=5)
    assert run_tick(runtime).verified == 1
    assert len(standin.messages_to(CHANNEL)) == 1


def test_after_sent_runs_once_when_every_recipient_is_handled(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set("2027-03-01T09:00")
    calls: Counter[str] = Counter()

    def after(_session: Any) -> None:
        calls["after"] += 1

    message = [{"text": "Hej"}]
    send = DueSend(
        "test:round", "award_announcement", clock(), ["U0A", "U0B"], lambda _s, _r: message, after_sent=after
    )
    monkeypatch.setattr(quick, "sources", [_source(send)])
    standin.fail("chat.postMessage", status=500, times=1, when=lambda p: p.get("channel") == "U0B")
    run_tick(quick)
    assert calls["after"] == 0
    clock.advance(minutes=2)
    run_tick(quick)
    clock.advance(minutes=2)
    run_tick(quick)
    assert calls["after"] == 1


def test_a_failing_source_does_not_stop_the_others(
    runtime: Runtime, clock: FrozenClock, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set("2027-03-01T09:00")

    def boom(*_args: Any) -> list[DueSend]:
        raise RuntimeError("boom")

    broken = Source("broken", boom)

    send = DueSend("test:ok", "other", clock(), ["U0A"], lambda _s, _r: [{"text": "Hej"}])
    monkeypatch.setattr(runtime, "sources", [broken, _source(send)])
    report = run_tick(runtime)
    assert (report.sent, report.errors) == (1, 1)


def test_scheduled_tick_logs_errors_instead_of_raising(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(scheduler, "run_tick", boom)
    scheduler.scheduled_tick(runtime)
    assert "scheduled tick failed" in caplog.text
    assert any(r.exc_info for r in caplog.records)


def test_start_scheduler_runs_the_tick_on_an_interval(runtime: Runtime) -> None:
    sched = scheduler.start_scheduler(runtime)
    try:
        job = sched.get_job("tick")
        assert job is not None and job.func is scheduler.scheduled_tick
        assert job.trigger.interval == dt.timedelta(seconds=runtime.settings.tick_interval_seconds)
    finally:
        sched.shutdown(wait=False)


# ---------------------------------------------------------------- what status says


def status(runtime: Runtime) -> list[str]:
    with runtime.sessions() as s:
        return describe_schedule(s, runtime)


def test_status_lists_the_next_sends_with_their_audience(
    runtime: Runtime, clock: FrozenClock, meeting: int
) -> None:
    clock.set("2027-02-01T10:00")
    lines = status(runtime)
    assert lines[0] == "• Inbjudan till 3 medlemmar – tisdag 23 februari 2027 kl. 09.00"
    assert lines[1] == "• Påminnelse till 3 som inte checkat in – tisdag 9 mars 2027 kl. 09.00"
    tick(runtime, clock, due(timeline.INVITATION))
    check_in(runtime, MEMBERS[0], meeting)
    lines = status(runtime)
    assert lines[0] == "• Påminnelse till 2 som inte checkat in – tisdag 9 mars 2027 kl. 09.00"
    assert "• Sammanställning av incheckningen till samordnarkanalen – måndag 15 mars 2027 kl. 12.00" in lines
    assert not any("Inbjudan" in line for line in lines)


def test_status_says_channel_sends_wait_for_a_channel(
    runtime: Runtime, clock: FrozenClock, members: list[str]
) -> None:
    with transaction(runtime.sessions) as s:
        s.add(Meeting(starts_at=STARTS, place="Stadshuset"))
    clock.set(due(timeline.DAY_OF))
    lines = status(runtime)
    assert (
        "• Sammanställning av incheckningen till samordnarkanalen – väntar på att en samordnarkanal väljs"
        in lines
    )
    assert any("Sammanställning av ”Vill ni träffas igen?”" in line and "väntar" in line for line in lines)


def test_status_shows_failed_missed_and_retried_sends_in_plain_swedish(
    quick: Runtime, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    standin.unknown_users.add(MEMBERS[1])
    standin.fail("chat.postMessage", status=500, when=lambda p: p.get("channel") == MEMBERS[2])
    tick(quick, clock, due(timeline.INVITATION))
    lines = status(quick)
    assert lines[:2] == [
        "• Inbjudan till 1 medlem – vid nästa körning",  # the retry
        "• Påminnelse till 1 som inte checkat in – tisdag 9 mars 2027 kl. 09.00",
    ]
    assert "*Utskick som inte gick fram*" in lines
    assert (
        "• Inbjudan inför träffen tisdag 16 mars 2027 kl. 13.00, tisdag 23 februari 2027 kl. 09.00: "
        "Medlem 2 – kanalen eller personen hittades inte" in lines
    )
    assert "• 1 utskick försöks igen om en stund." in lines
    tick(quick, clock, due(timeline.REMINDER), hours=30)
    assert any(
        line.startswith("• Missat: Påminnelse inför träffen") and "till 1 mottagare" in line
        for line in status(quick)
    )


def test_status_mentions_moved_notices_waiting_for_the_next_tick(
    runtime: Runtime, clock: FrozenClock, meeting: int
) -> None:
    tick(runtime, clock, due(timeline.INVITATION))
    move(runtime, meeting, STARTS + dt.timedelta(days=7))
    assert status(runtime)[0] == "• Meddelande om flyttad träff till 3 inbjudna – vid nästa körning"


def test_the_status_command_shows_the_schedule(
    runtime: Runtime, clock: FrozenClock, meeting: int, slack: Any
) -> None:
    clock.set("2027-02-01T10:00")
    resp = slack.command("/chefsnatverket", "status", user="UORG1")
    body = resp.json() if resp.text.startswith("{") else {"text": resp.text}
    assert "Inbjudan till 3 medlemmar – tisdag 23 februari 2027 kl. 09.00" in json.dumps(
        body, ensure_ascii=False
    )


def test_the_live_scheduler_runs_the_same_ticks(
    settings: Any, clock: FrozenClock, standin: SlackStandIn, meeting: int
) -> None:
    """APScheduler does the timing (every second here), the frozen clock says what time it is."""
    from dataclasses import replace

    rt = build_runtime(replace(settings, tick_interval_seconds=1), clock=clock)
    clock.set(due(timeline.INVITATION))
    sched = scheduler.start_scheduler(rt)
    try:
        standin.wait_for("chat.postMessage", 3, timeout=10)
        clock.set(due(timeline.REMINDER))
        standin.wait_for("chat.postMessage", 6, timeout=10)
    finally:
        sched.shutdown(wait=True)
        rt.engine.dispose()
    assert all(received(standin, m) == [timeline.INVITATION, timeline.REMINDER] for m in MEMBERS)
    assert standin.duplicate_messages() == []


# ---------------------------------------------------------------- builders within Slack's limits


def _valid_message(message: dict[str, Any]) -> None:
    assert message["text"]
    assert validate_blocks(message["blocks"], max_blocks=50) == []


def test_a_long_pulse_summary_is_split_without_losing_a_comment() -> None:
    comments = tuple(
        PulseComment(f"Person {n}", "Region Skåne", f"Kommentar {n} " + "ord " * 400) for n in range(60)
    )
    summary = PulseSummary(1, STARTS, ("A",) * 30, ("B",), ("C",), comments)
    messages = build_pulse_summary(summary, TZ, "sv")
    assert len(messages) > 1
    for message in messages:
        _valid_message(message)
    text = json.dumps([m["blocks"] for m in messages], ensure_ascii=False)
    assert all(f"Kommentar {n} " in text for n in range(60))
    assert "Fortsättning 2 av" in text


def test_a_long_failure_report_is_split_and_names_are_kept() -> None:
    items = [
        ReportItem(
            f"Inbjudan {n}", "tisdag 23 februari 2027 kl. 09.00", [(f"Namn {n}", "kontot är avaktiverat")], 2
        )
        for n in range(80)
    ]
    messages = build_failure_report(items, "sv")
    assert len(messages) > 1
    for message in messages:
        _valid_message(message)
    text = json.dumps([m["blocks"] for m in messages], ensure_ascii=False)
    assert all(f"Namn {n}:" in text for n in range(80))


def test_meeting_messages_escape_the_place() -> None:
    info = MeetingInfo(7, STARTS, "<!channel> & sal 3", STARTS - dt.timedelta(days=1))
    for message in (
        *build_invitation(info, TZ, "sv"),
        *build_reminder(info, TZ, "sv"),
        *build_day_of(info, TZ, "sv"),
        *build_moved(info, TZ, "sv", checkin_open=True),
    ):
        _valid_message(message)
        flat = json.dumps(message["blocks"], ensure_ascii=False)
        assert "&lt;!channel&gt; &amp; sal 3" in flat and "<!channel>" not in flat


def test_messages_have_english_versions() -> None:
    info = MeetingInfo(7, STARTS, None, STARTS - dt.timedelta(days=1))
    [message] = build_invitation(info, TZ, "en")
    assert "Tuesday 16 March 2027 at 13:00" in message["text"]
    assert "place to be announced" in json.dumps(message["blocks"])
