"""No data crosses a network: two networks in one workspace, and every read path tried from the
wrong side (commands, Home, exports, summaries, buttons with forged ids)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bot import ids
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import (
    AwardRound,
    CheckIn,
    Meeting,
    Member,
    Network,
    Nomination,
    Organisation,
    PulseAnswer,
)
from tests.conftest import ORGANISER, SlackClient
from tests.networks.test_handlers import said
from tests.support.slack_standin import SlackStandIn

A_ORGANISER, B_ORGANISER = ORGANISER, "U0BORG"
A_MEMBER, B_MEMBER = "U0AMEMBER", "U0BMEMBER"
SECRET_A, SECRET_B = "Hemlig Alfastadtext", "Hemlig Betabytext"


def _fill(
    network: Runtime, member: str, organiser: str, channel: str, secret: str, place: str
) -> dict[str, int]:
    with transaction(network.sessions) as s:
        get_network(s).organisers_channel = channel
        org = Organisation(name=f"Org {place}")
        person = Member(slack_user_id=member, name=f"Namn {place}", organisation=org, active=True)
        s.add_all([person, Member(slack_user_id=organiser, name="Samordnare", is_organiser=True)])
        meeting = Meeting(
            starts_at=dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC), place=place, status="planned", version=1
        )
        past = Meeting(starts_at=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), place=place)
        s.add_all([meeting, past])
        s.flush()
        s.add(CheckIn(meeting_id=meeting.id, member_id=person.id, occupying=secret))
        s.add(PulseAnswer(meeting_id=past.id, member_id=person.id, answer="yes", comment=secret))
        award_round = AwardRound(year=2027, deadline=dt.date(2027, 9, 1), announcement_channel=channel)
        s.add(award_round)
        s.flush()
        nomination = Nomination(
            round_id=award_round.id,
            nominator_user_id=member,
            nominee_name=f"Kandidat {place}",
            nominee_key=f"kandidat {place}".casefold(),
            motivation=secret,
        )
        s.add(nomination)
        s.flush()
        return {"meeting": meeting.id, "past": past.id, "round": award_round.id, "nomination": nomination.id}


@pytest.fixture
def sides(runtime: Runtime) -> tuple[dict[str, int], dict[str, int]]:
    with transaction(runtime.sessions) as s:
        get_network(s)
    with transaction(runtime.all_networks()) as s:
        s.add(Network(name="Guldlänken"))
    a = _fill(runtime.for_network(1), A_MEMBER, A_ORGANISER, "C0ADMIN", SECRET_A, "Alfastad")
    b = _fill(runtime.for_network(2), B_MEMBER, B_ORGANISER, "C0BADMIN", SECRET_B, "Betaby")
    return a, b


def _everything(standin: SlackStandIn, *responses: Any) -> str:
    """All the app said: HTTP answers and every Web API call and response_url post."""
    said_over_http = [
        json.dumps(r.json(), ensure_ascii=False) if r.text.startswith("{") else r.text for r in responses
    ]
    calls = [json.dumps(c.params, ensure_ascii=False) for c in standin.calls]
    return "\n".join(said_over_http + calls)


COMMANDS = ["status", "medlemmar", "sammanfattning", "export", "hjälp", "historik", "export protokoll"]


@pytest.mark.parametrize("text", COMMANDS)
def test_organiser_commands_show_only_their_network(
    text: str, slack: SlackClient, standin: SlackStandIn, sides: Any
) -> None:
    for organiser, channel, own, other in (
        (A_ORGANISER, "C0ADMIN", "Alfastad", "Betaby"),
        (B_ORGANISER, "C0BADMIN", "Betaby", "Alfastad"),
    ):
        standin.reset()
        resp = slack.command("/chefsnatverket", text, user=organiser, channel_id=channel)
        everything = _everything(standin, resp)
        assert other not in everything and f"Hemlig {other}text" not in everything
        if text in ("status", "medlemmar"):
            assert own in everything  # the command did show its own network


def test_a_samordnare_typing_in_the_other_networks_channel_has_no_rights_there(
    slack: SlackClient, standin: SlackStandIn, sides: Any
) -> None:
    resp = slack.command("/chefsnatverket", "status", user=B_ORGANISER, channel_id="C0ADMIN")
    assert SECRET_A not in _everything(standin, resp) and "Namn Alfastad" not in _everything(standin, resp)
    assert "samordnare" in said(resp)


def test_award_commands_and_exports_stay_in_their_network(
    slack: SlackClient, standin: SlackStandIn, sides: Any
) -> None:
    for text in ("export", "status", "jury"):
        standin.reset()
        resp = slack.command("/guldlanken", text, user=B_ORGANISER, channel_id="C0BADMIN")
        assert SECRET_A not in _everything(standin, resp)
        assert "Kandidat Alfastad" not in _everything(standin, resp)


def test_buttons_with_ids_of_the_other_network_are_refused(
    slack: SlackClient, standin: SlackStandIn, sides: Any, runtime: Runtime
) -> None:
    a, _ = sides
    # B's member and samordnare press buttons carrying A's ids.
    presses = [
        (ids.CHECKIN_OPEN, B_MEMBER, str(a["meeting"])),
        (ids.PULSE_YES, B_MEMBER, str(a["past"])),
        (ids.AWARD_WITHDRAW, B_MEMBER, str(a["nomination"])),
        (ids.AWARD_EDIT, B_MEMBER, str(a["nomination"])),
        (ids.AWARD_DECIDE_OPEN, B_ORGANISER, str(a["round"])),
    ]
    for action_id, user, value in presses:
        standin.reset()
        resp = slack.action(action_id, user=user, value=value, channel_id="D0B")
        assert SECRET_A not in _everything(standin, resp), action_id
        assert "Kandidat Alfastad" not in _everything(standin, resp), action_id
    with runtime.for_network(1).sessions() as s:
        assert [p.answer for p in s.query(PulseAnswer)] == ["yes"]
        assert s.query(PulseAnswer).filter(PulseAnswer.member_id.isnot(None)).count() == 1
        assert s.get(Nomination, a["nomination"]).withdrawn_at is None  # type: ignore[union-attr]


def test_a_forged_modal_submission_stores_nothing_in_the_other_network(
    slack: SlackClient, sides: Any, runtime: Runtime
) -> None:
    a, _ = sides
    values = {
        ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": "Intrång"}},
        ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": None}},
        ids.CHECKIN_BLOCK_SUPPORT: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": None}},
    }
    slack.submit(ids.CHECKIN_MODAL, values, user=B_MEMBER, private_metadata=str(a["meeting"]))
    slack.submit(
        ids.CHECKIN_MODAL, values, user=B_MEMBER, private_metadata=str(a["meeting"]), external_id="nw1.x"
    )
    with runtime.for_network(1).sessions() as s:
        assert [c.occupying for c in s.query(CheckIn)] == [SECRET_A]


def test_home_shows_only_the_persons_network(slack: SlackClient, standin: SlackStandIn, sides: Any) -> None:
    slack.event({"type": "app_home_opened", "user": B_ORGANISER, "tab": "home", "channel": "D0B"})
    published = _everything(standin)
    assert "Betaby" in published
    assert "Alfastad" not in published and SECRET_A not in published
