"""The whole timeline of one meeting with one member coming, one who cannot and one who sends an
ersättare: exactly who gets which message, through signed requests and scheduler ticks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar
from sqlalchemy import select

from bot import ids
from bot.runtime import Runtime
from storage.models import CheckIn, Member, PulseAnswer, Rsvp
from tests.attendance.conftest import (
    CANNOT,
    CHANNEL,
    COMING,
    DEPUTY,
    SENDER,
    STARTS,
    TZ,
    calendars,
    due,
    kind_of,
    press,
    received,
    tick,
)
from tests.conftest import FrozenClock, SlackClient
from tests.support.arrange import dm_event
from tests.support.signing import users_select
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn, validate_blocks


def choose_deputy(slack: SlackClient, meeting_id: int, user: str, deputy: str | None, ts: str | None) -> Any:
    from bot.attendance.views import deputy_metadata

    return slack.submit(
        ids.RSVP_DEPUTY_MODAL,
        {ids.RSVP_DEPUTY_USER: {ids.RSVP_INPUT: users_select(deputy)}},
        user=user,
        private_metadata=deputy_metadata(meeting_id, ts),
    )


def event_of(cal: Calendar) -> Any:
    return next(c for c in cal.walk("VEVENT"))


def test_one_meeting_from_every_seat(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, clock: FrozenClock, network: int
) -> None:
    meeting_id = network
    standin.add_user(DEPUTY, "Anna Ek")
    # The invitation: a DM with the answer buttons, then the calendar file, to every member.
    tick(runtime, clock, due("invitation"))
    for user in (COMING, CANNOT, SENDER):
        assert received(standin, user) == ["invitation", "file"]
    invitation = standin.messages_to(COMING)[0].params
    assert validate_blocks(invitation["blocks"]) == []
    actions = [e["action_id"] for b in invitation["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions[:3] == [ids.RSVP_COMING, ids.RSVP_NOT_COMING, ids.RSVP_DEPUTY]
    [cal] = calendars(standin, COMING)
    event = event_of(cal)
    assert str(cal["METHOD"]) == "REQUEST"
    assert int(event["SEQUENCE"]) == 0
    start = event["DTSTART"].dt
    assert start == STARTS and str(start.tzinfo) == "Europe/Stockholm"
    uid = str(event["UID"])
    assert uid.startswith(f"meeting-{meeting_id}-")

    # The answers, pressed in the DM: each message is updated to show the answer.
    clock.set(due("invitation") + dt.timedelta(hours=1))
    assert press(slack, standin, ids.RSVP_COMING, meeting_id, COMING).status == 200
    assert press(slack, standin, ids.RSVP_NOT_COMING, meeting_id, CANNOT).status == 200
    updates = [c.params for c in standin.calls_to(RESPONSE_URL)]
    assert [u["replace_original"] for u in updates] == [True, True]
    assert "du kommer" in str(updates[0]["blocks"])
    assert "du kan inte komma" in str(updates[1]["blocks"])
    # "Jag skickar en ersättare" opens the modal; the member picks someone outside the meeting.
    assert press(slack, standin, ids.RSVP_DEPUTY, meeting_id, SENDER).status == 200
    [opened] = standin.calls_to("views.open")
    assert opened.params["view"]["callback_id"] == ids.RSVP_DEPUTY_MODAL
    resp = choose_deputy(slack, meeting_id, SENDER, DEPUTY, "1800000000.000100")
    assert resp.status == 200 and not resp.body
    [update] = standin.calls_to("chat.update")
    assert update.params["channel"] == standin.dm_channel_for(SENDER)
    assert f"<@{DEPUTY}>" in str(update.params["blocks"])

    # The ersättare's own invitation goes at the next tick, with the file.
    tick(runtime, clock, due("invitation"), hours=1, minutes=1)
    assert received(standin, DEPUTY) == ["deputy_invitation", "file"]
    body = str(standin.messages_to(DEPUTY)[0].params["blocks"])
    assert "Bertil Berg" in body and "Försäkringskassan" in body
    assert str(event_of(calendars(standin, DEPUTY)[0])["UID"]) == uid

    # Reminders: to who comes and the ersättare, never to who cannot come or who sent one.
    tick(runtime, clock, due("reminder"))
    assert received(standin, COMING)[-1] == "reminder"
    assert received(standin, DEPUTY)[-1] == "reminder"
    assert "reminder" not in received(standin, CANNOT) + received(standin, SENDER)

    # The ersättare checks in with a plain DM reply: it counts for their organisation.
    assert slack.event(dm_event("Budgeten och rekryteringar", DEPUTY)).status == 200
    with runtime.sessions() as s:
        [checkin] = s.scalars(select(CheckIn)).all()
        assert s.get(Member, checkin.member_id).slack_user_id == DEPUTY  # type: ignore[union-attr]

    tick(runtime, clock, due("last_reminder"))
    assert received(standin, COMING)[-1] == "last_reminder"
    assert "last_reminder" not in received(standin, DEPUTY)  # checked in

    # The samordnare's sammanställning names the ersättare and the answers per organisation.
    tick(runtime, clock, due("deadline_summary"))
    [summary] = standin.messages_to(CHANNEL)
    text = str(summary.params["blocks"])
    assert "*Anna Ek (ersättare för Bertil Berg)*" in text
    assert "kommer: Anna Andersson" in text and "kan inte: Cecilia Carlsson" in text
    assert "Cecilia Carlsson" not in text.split("Svar på inbjudan")[0].split("checkat in")[-1]

    tick(runtime, clock, due("day_of"))
    tick(runtime, clock, due("pulse"))
    # The ersättare answers "Vill ni träffas igen?" as themself.
    pulse = standin.messages_to(DEPUTY)[-1].params
    assert kind_of(pulse["text"]) == "pulse"
    slack.action(
        ids.PULSE_YES,
        user=DEPUTY,
        value=str(meeting_id),
        channel_id=standin.dm_channel_for(DEPUTY),
        message={"ts": "1800000000.000200"},
        response_url=standin.response_url("pulse"),
    )
    with runtime.sessions() as s:
        assert [a.answer for a in s.scalars(select(PulseAnswer))] == ["yes"]
    tick(runtime, clock, due("pulse_summary"))
    pulse_summary = str(standin.messages_to(CHANNEL)[-1].params["blocks"])
    assert "Cecilia Carlsson" not in pulse_summary and "Bertil Berg" not in pulse_summary
    assert "Anna Ek" in pulse_summary

    # Exactly who got what, over the whole timeline. The network's sammanställning (Insyn) goes
    # to those expected: who comes and the ersättare, not who cannot come nor who sent one.
    assert received(standin, COMING) == [
        "invitation",
        "file",
        "reminder",
        "last_reminder",
        "network_summary",
        "day_of",
        "pulse",
    ]
    assert received(standin, CANNOT) == ["invitation", "file"]
    assert received(standin, SENDER) == ["invitation", "file"]
    assert received(standin, DEPUTY) == [
        "deputy_invitation",
        "file",
        "reminder",
        "checkin_saved",
        "network_summary",
        "day_of",
        "pulse",
    ]
    assert [kind_of(c.params["text"]) for c in standin.messages_to(CHANNEL)] == [
        "deadline_summary",
        "pulse_summary",
    ]
    with runtime.sessions() as s:
        answers = {r.member.slack_user_id: (r.answer, r.deputy_user_id) for r in s.scalars(select(Rsvp))}
    assert answers == {
        COMING: ("coming", None),
        CANNOT: ("not_coming", None),
        SENDER: ("deputy", DEPUTY),
    }
    assert standin.duplicate_messages() == []
    assert TZ.key == "Europe/Stockholm"
