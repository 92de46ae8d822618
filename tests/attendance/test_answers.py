"""Närvaro's paths and refusals through signed requests: answers in the DM and on Home, the
ersättare modal's refusals, forged buttons and modals, changing the ersättare, a moved and a
cancelled meeting, save-the-date, an ersättare removed from Slack, and `status`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from bot import ids
from bot.attendance.views import deputy_metadata
from bot.meeting.service import cancel_meeting, move_meeting, plan_meeting
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import CheckIn, Delivery, Meeting, Rsvp
from tests.attendance.conftest import (
    CANNOT,
    CHANNEL,
    COMING,
    DEPUTY,
    DEPUTY2,
    SENDER,
    STARTS,
    calendars,
    due,
    kind_of,
    press,
    received,
    tick,
)
from tests.conftest import ORGANISER, FrozenClock, SlackClient
from tests.support.arrange import dm_event
from tests.support.signing import users_select
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

OUTSIDER = "U0OUTSIDER"


def submit_deputy(
    slack: SlackClient, meeting_id: int | str, user: str, deputy: str | None, ts: str | None = "1800000000.1"
) -> Any:
    metadata = deputy_metadata(meeting_id, ts) if isinstance(meeting_id, int) else meeting_id
    return slack.submit(
        ids.RSVP_DEPUTY_MODAL,
        {ids.RSVP_DEPUTY_USER: {ids.RSVP_INPUT: users_select(deputy)}},
        user=user,
        private_metadata=metadata,
    )


def errors_of(resp: Any) -> dict[str, str]:
    assert resp.status == 200
    body = json.loads(resp.body or b"{}")
    assert body.get("response_action") == "errors", body
    return dict(body["errors"])


def rsvps(runtime: Runtime) -> dict[str, tuple[str, str | None]]:
    with runtime.sessions() as s:
        return {r.member.slack_user_id: (r.answer, r.deputy_user_id) for r in s.scalars(select(Rsvp))}


def told(standin: SlackStandIn) -> list[str]:
    """What the presser was told beside the button (ephemeral answers through response_url)."""
    return [c.params.get("text") or "" for c in standin.calls_to(RESPONSE_URL)]


# ---------------------------------------------------------------- the modal's refusals


def test_the_ersattare_may_not_be_oneself_a_member_or_someone_elses_ersattare(
    slack: SlackClient, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    clock.set(due("invitation"))
    assert (
        "Välj någon annan än dig själv"
        in errors_of(submit_deputy(slack, network, SENDER, SENDER))[ids.RSVP_DEPUTY_USER]
    )
    already = errors_of(submit_deputy(slack, network, SENDER, COMING))[ids.RSVP_DEPUTY_USER]
    assert "Anna Andersson är redan med på träffen" in already
    assert "Välj en person" in errors_of(submit_deputy(slack, network, SENDER, None))[ids.RSVP_DEPUTY_USER]
    # Another member's ersättare is already at the meeting too.
    assert submit_deputy(slack, network, CANNOT, DEPUTY).status == 200
    taken = errors_of(submit_deputy(slack, network, SENDER, DEPUTY))[ids.RSVP_DEPUTY_USER]
    assert "redan med på träffen" in taken
    assert rsvps(runtime) == {CANNOT: ("deputy", DEPUTY)}


def test_forged_buttons_and_modals_change_nothing_but_the_pressers_own_answer(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    clock.set(due("invitation"))
    # Someone outside the network, with a button or a modal carrying a member's meeting.
    press(slack, standin, ids.RSVP_NOT_COMING, network, OUTSIDER)
    assert "nätverkets medlemmar" in told(standin)[-1]
    refused = errors_of(submit_deputy(slack, network, OUTSIDER, DEPUTY))[ids.RSVP_DEPUTY_USER]
    assert "nätverkets medlemmar" in refused
    # A garbled or unknown meeting id.
    press(slack, standin, ids.RSVP_COMING, 99999, COMING)
    assert "finns inte längre" in told(standin)[-1]
    assert (
        "finns inte längre"
        in errors_of(submit_deputy(slack, "{not json", SENDER, DEPUTY))[ids.RSVP_DEPUTY_USER]
    )
    # A meeting that has started: answers are closed.
    clock.set(STARTS + dt.timedelta(minutes=1))
    press(slack, standin, ids.RSVP_COMING, network, COMING)
    assert "har redan börjat" in told(standin)[-1]
    assert rsvps(runtime) == {}
    # A modal forged to update another message: only the presser's own DM is ever touched.
    clock.set(due("invitation"))
    assert submit_deputy(slack, network, SENDER, DEPUTY, ts="1700000000.999").status == 200
    [update] = standin.calls_to("chat.update")
    assert update.params["channel"] == standin.dm_channel_for(SENDER)


def test_a_cancelled_meeting_takes_no_answers(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    with transaction(runtime.sessions) as s:
        s.get(Meeting, network).status = "cancelled"  # type: ignore[union-attr]
    press(slack, standin, ids.RSVP_COMING, network, COMING)
    assert "inställd" in told(standin)[-1]
    assert rsvps(runtime) == {}


# ---------------------------------------------------------------- answers and what follows


def test_kan_inte_after_checking_in_keeps_the_checkin_and_stops_reminders(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    tick(runtime, clock, due("invitation"))
    slack.event(dm_event("Rekryteringar", CANNOT))
    press(slack, standin, ids.RSVP_NOT_COMING, network, CANNOT)
    with runtime.sessions() as s:
        assert [c.occupying for c in s.scalars(select(CheckIn))] == ["Rekryteringar"]
    for kind in ("reminder", "last_reminder", "day_of", "pulse"):
        tick(runtime, clock, due(kind))
    assert [k for k in received(standin, CANNOT) if k != "checkin_saved"] == ["invitation", "file"]
    assert received(standin, COMING)[-5:] == [
        "reminder",
        "last_reminder",
        "network_summary",
        "day_of",
        "pulse",
    ]


def test_changing_the_ersattare_tells_the_previous_one_once(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    tick(runtime, clock, due("invitation"))
    submit_deputy(slack, network, SENDER, DEPUTY)
    tick(runtime, clock, due("invitation"), minutes=5)
    submit_deputy(slack, network, SENDER, DEPUTY2)
    tick(runtime, clock, due("invitation"), minutes=10)
    tick(runtime, clock, due("invitation"), minutes=15)
    assert received(standin, DEPUTY) == ["deputy_invitation", "file", "deputy_released", "file"]
    assert received(standin, DEPUTY2) == ["deputy_invitation", "file"]
    [_request, cancel] = calendars(standin, DEPUTY)
    assert str(cancel["METHOD"]) == "CANCEL"
    # Coming after all releases the second one too; the reminder goes to the member again.
    press(slack, standin, ids.RSVP_COMING, network, SENDER)
    tick(runtime, clock, due("reminder"))
    assert received(standin, DEPUTY2) == ["deputy_invitation", "file", "deputy_released", "file"]
    assert received(standin, SENDER)[-1] == "reminder"
    assert "reminder" not in received(standin, DEPUTY) + received(standin, DEPUTY2)


def test_an_ersattare_removed_from_slack_is_reported_once_and_sent_nothing_more(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    standin.unknown_users.add(DEPUTY)
    tick(runtime, clock, due("invitation"))
    submit_deputy(slack, network, SENDER, DEPUTY)
    tick(runtime, clock, due("invitation"), minutes=5)
    for kind in ("reminder", "last_reminder", "deadline_summary", "day_of", "pulse"):
        tick(runtime, clock, due(kind))
    reports = [c for c in standin.messages_to(CHANNEL) if kind_of(c.params["text"]) == "report"]
    assert len(reports) == 1
    assert "Inbjudan till ersättare" in str(reports[0].params["blocks"])
    attempts = [c for c in standin.calls_to("chat.postMessage") if c.params.get("channel") == DEPUTY]
    assert len(attempts) == 1  # never resent blind, and nothing else was tried


def test_answers_from_app_home_and_the_moved_notice_asks_to_confirm(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    tick(runtime, clock, due("invitation"))
    home = {"id": "VHOME", "type": "home", "callback_id": ""}
    slack.action(ids.RSVP_COMING, user=COMING, value=str(network), view=home)
    published = standin.calls_to("views.publish")[-1].params["view"]
    assert "du kommer" in json.dumps(published, ensure_ascii=False)
    slack.action(ids.RSVP_DEPUTY, user=SENDER, value=str(network), view=home)
    assert submit_deputy(slack, network, SENDER, DEPUTY, ts=None).status == 200
    assert f"<@{DEPUTY}>" in json.dumps(standin.calls_to("views.publish")[-1].params["view"])
    tick(runtime, clock, due("invitation"), minutes=5)
    # The meeting moves: answers are kept, members asked to confirm; everyone invited gets the update.
    new_start = STARTS + dt.timedelta(days=2)
    move_meeting(runtime, ORGANISER, new_start, None)
    tick(runtime, clock, due("invitation"), minutes=10)
    assert rsvps(runtime)[COMING] == ("coming", None)
    for user in (COMING, CANNOT, SENDER, DEPUTY):
        assert received(standin, user)[-2:] == ["moved", "file"], user
        moved = calendars(standin, user)[-1]
        event = next(iter(moved.walk("VEVENT")))
        assert str(moved["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 1
        assert event["DTSTART"].dt == new_start
    to_member = json.dumps(standin.messages_to(COMING)[-1].params["blocks"], ensure_ascii=False)
    assert "Bekräfta gärna" in to_member and ids.RSVP_COMING in to_member
    to_deputy = json.dumps(standin.messages_to(DEPUTY)[-1].params["blocks"], ensure_ascii=False)
    assert ids.RSVP_COMING not in to_deputy
    # Cancelled: a METHOD:CANCEL with the same UID, to those invited.
    cancel_meeting(runtime, ORGANISER)
    tick(runtime, clock, due("invitation"), minutes=15)
    for user in (COMING, DEPUTY):
        assert received(standin, user)[-2:] == ["cancelled", "file"]
        first, *_rest, last = calendars(standin, user)
        assert str(last["METHOD"]) == "CANCEL"
        assert next(iter(last.walk("VEVENT")))["UID"] == next(iter(first.walk("VEVENT")))["UID"]


def test_status_shows_the_answers_per_organisation(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    tick(runtime, clock, due("invitation"))
    press(slack, standin, ids.RSVP_COMING, network, COMING)
    submit_deputy(slack, network, SENDER, DEPUTY)
    resp = slack.command("/chefsnatverket", "status", user=ORGANISER)
    said = json.dumps(resp.json(), ensure_ascii=False)
    assert "*Arbetsförmedlingen:* kommer: Anna Andersson · inget svar: Cecilia Carlsson" in said
    assert "*Försäkringskassan:* ersättare: U0DEPUTY1 (ersättare för Bertil Berg)" in said


# ---------------------------------------------------------------- save the date


def test_a_meeting_planned_far_ahead_gets_a_save_the_date_on_the_next_working_day(
    standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, add_member: Any
) -> None:
    add_member(COMING, name="Anna Andersson")
    clock.set("2027-01-08T15:00")  # a Friday
    plan_meeting(runtime, ORGANISER, STARTS, "Stadshuset")
    tick(runtime, clock, dt.datetime.fromisoformat("2027-01-11T08:59:00+01:00"))
    assert received(standin, COMING) == []
    tick(runtime, clock, dt.datetime.fromisoformat("2027-01-11T09:00:00+01:00"))
    assert received(standin, COMING) == ["save_the_date", "file"]
    [cal] = calendars(standin, COMING)
    assert str(cal["METHOD"]) == "REQUEST"
    tick(runtime, clock, due("invitation"))
    assert received(standin, COMING) == ["save_the_date", "file", "invitation", "file"]
    [first, second] = calendars(standin, COMING)
    assert next(iter(first.walk("VEVENT")))["UID"] == next(iter(second.walk("VEVENT")))["UID"]


def test_a_save_the_date_overtaken_by_the_invitation_is_dropped_silently(
    standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, add_member: Any
) -> None:
    add_member(COMING, name="Anna Andersson")
    with transaction(runtime.sessions) as s:
        from storage.meetings import get_network

        get_network(s).organisers_channel = CHANNEL
    clock.set("2027-01-08T15:00")
    plan_meeting(runtime, ORGANISER, STARTS, "Stadshuset")
    # The app was down until the invitation was due.
    tick(runtime, clock, due("invitation"))
    assert received(standin, COMING) == ["invitation", "file"]
    assert standin.messages_to(CHANNEL) == []  # nothing reported
    with runtime.sessions() as s:
        assert not s.scalars(select(Delivery).where(Delivery.kind == "save_the_date")).all()


def test_a_meeting_planned_three_weeks_ahead_or_closer_gets_no_save_the_date(
    standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, add_member: Any
) -> None:
    add_member(COMING, name="Anna Andersson")
    clock.set(STARTS - dt.timedelta(days=21))
    plan_meeting(runtime, ORGANISER, STARTS, None)
    tick(runtime, clock, STARTS - dt.timedelta(days=19))
    assert "save_the_date" not in received(standin, COMING)


def test_an_ersattare_modal_slack_will_not_open_is_said_so(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    clock.set(due("invitation"))
    standin.fail("views.open", error="expired_trigger_id")
    press(slack, standin, ids.RSVP_DEPUTY, network, SENDER)
    assert "Det gick inte att öppna det just nu" in told(standin)[-1]
    assert rsvps(runtime) == {}
