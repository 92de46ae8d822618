"""Many networks through the front door: `nätverk`, `nätverk ny`, which network a command acts
on, the question when that is ambiguous, and samordnare without rights in another network."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import CheckIn, Meeting, Member, Network, Organisation
from tests.conftest import ORGANISER, SlackClient
from tests.support.arrange import add_meeting as _meeting
from tests.support.arrange import said
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
BOTH = "U0BOTH"  # a member of both networks
GULD_ORGANISER = "U0GULDORG"
GULD_CHANNEL = "C0GULD"


def _member(runtime: Runtime, user_id: str, organisation: str, **kw: Any) -> None:
    with transaction(runtime.sessions) as s:
        org = s.query(Organisation).filter_by(name=organisation).one_or_none() or Organisation(
            name=organisation
        )
        s.add(Member(slack_user_id=user_id, name=user_id, organisation=org, active=True, **kw))


def _meetings_in_both(two: tuple[Runtime, Runtime]) -> tuple[Runtime, Runtime]:
    """A meeting ahead in each network: 11 March in Malmö, 12 March in Landskrona."""
    _meeting(two[0], "2027-03-11T13:00", "Malmö")
    _meeting(two[1], "2027-03-12T13:00", "Landskrona")
    return two


def _plan(place: str) -> dict[str, Any]:
    """The plan modal's values: 20 May 2027 at 10.00 in `place`."""
    return {
        ids.ADMIN_PLAN_DATE: {ids.ADMIN_INPUT: {"type": "datepicker", "selected_date": "2027-05-20"}},
        ids.ADMIN_PLAN_TIME: {ids.ADMIN_INPUT: {"type": "timepicker", "selected_time": "10:00"}},
        ids.ADMIN_PLAN_PLACE: {ids.ADMIN_INPUT: {"type": "plain_text_input", "value": place}},
    }


@pytest.fixture
def two(runtime: Runtime, slack: SlackClient) -> tuple[Runtime, Runtime]:
    """Chefsnätverket (the first network, organisers' channel C0ADMIN) and Guldlänken, made with
    `nätverk ny` by the ORGANISERS samordnare, who hands it to its own samordnare."""
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
    assert "finns nu" in said(slack.command("/chefsnatverket", "nätverk ny Guldlänken", user=ORGANISER))
    with runtime.all_networks()() as s:
        guld_id = s.query(Network).filter_by(name="Guldlänken").one().id
    first, guld = runtime.for_network(1), runtime.for_network(guld_id)
    with transaction(guld.sessions) as s:
        get_network(s).organisers_channel = GULD_CHANNEL
        s.add(Member(slack_user_id=GULD_ORGANISER, name="Gull", is_organiser=True))
    _member(first, "U0MALMO", "Malmö stad")
    _member(first, BOTH, "Försäkringskassan")
    _member(guld, BOTH, "Försäkringskassan")
    _member(guld, "U0LANDS", "Landskrona stad")
    return first, guld


def test_one_network_lists_itself_and_needs_no_choosing(slack: SlackClient, runtime: Runtime) -> None:
    listed = said(slack.command("/chefsnatverket", "nätverk", user=ORGANISER))
    assert "Chefsnätverket – du är med" in listed
    assert "Träffen är planerad" in said(
        slack.command("/chefsnatverket", "träff 2027-03-11 13:00", user=ORGANISER)
    )


def test_creating_networks(slack: SlackClient, two: tuple[Runtime, Runtime]) -> None:
    _first, guld = two
    # The creator is the new network's samordnare, appointed there.
    with guld.sessions() as s:
        assert s.query(Member).filter_by(slack_user_id=ORGANISER, is_organiser=True).count() == 1
    assert "redan ett nätverk som heter GULDLÄNKEN" in said(
        slack.command("/chefsnatverket", "nätverk ny GULDLÄNKEN", user=ORGANISER)
    )
    assert "bara Chefsnätverkets samordnare" in said(
        slack.command("/chefsnatverket", "nätverk ny Eget", user=BOTH)
    )
    assert "Skriv nätverkets namn" in said(slack.command("/chefsnatverket", "nätverk ny", user=ORGANISER))
    listed = said(slack.command("/chefsnatverket", "nätverk", user="U0LANDS"))
    assert "• Chefsnätverket\n• Guldlänken – du är med" in listed


def test_a_command_acts_on_the_network_of_its_channel_or_the_persons_only_one(
    slack: SlackClient, two: tuple[Runtime, Runtime]
) -> None:
    first, guld = two
    # The ORGANISERS samordnare is in both; the channel decides.
    said(
        slack.command(
            "/chefsnatverket", "träff 2027-03-11 13:00 Landskrona", user=ORGANISER, channel_id=GULD_CHANNEL
        )
    )
    said(
        slack.command("/chefsnatverket", "träff 2027-03-11 13:00 Malmö", user=ORGANISER, channel_id="C0ADMIN")
    )
    # Guldlänken's own samordnare has one network: typed anywhere, it is that one.
    said(
        slack.command(
            "/chefsnatverket", "träff 2027-04-01 13:00 Svalöv", user=GULD_ORGANISER, channel_id="C0OTHER"
        )
    )
    with first.sessions() as s:
        assert [m.place for m in s.query(Meeting).order_by(Meeting.id)] == ["Malmö"]
    with guld.sessions() as s:
        assert [m.place for m in s.query(Meeting).order_by(Meeting.id)] == ["Landskrona", "Svalöv"]


def test_samordnare_of_one_network_have_no_rights_in_another(
    slack: SlackClient, two: tuple[Runtime, Runtime]
) -> None:
    first, _ = two
    answer = said(
        slack.command(
            "/chefsnatverket", "träff 2027-05-01 13:00 Malmö", user=GULD_ORGANISER, channel_id="C0ADMIN"
        )
    )
    assert "samordnare" in answer and "planerad" not in answer
    with first.sessions() as s:
        assert s.query(Meeting).count() == 0


def test_an_ambiguous_command_asks_and_runs_once_a_network_is_chosen(
    slack: SlackClient, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    first, guld = _meetings_in_both(two)
    question = slack.command("/incheckning", "Budget och bemanning", user=BOTH, channel_id="D0BOTH")
    body = question.json()
    assert body["response_type"] == "ephemeral" and "flera nätverk" in body["text"]
    actions = next(b for b in body["blocks"] if b["type"] == "actions")
    options = {o["text"]["text"]: o["value"] for o in actions["elements"][0]["options"]}
    assert set(options) == {"Chefsnätverket", "Guldlänken"}
    with first.sessions() as s:
        assert s.query(CheckIn).count() == 0  # nothing guessed

    # Choosing Guldlänken runs the command there, with the text kept in the question.
    state = {
        ids.NETWORK_TEXT_BLOCK: {
            ids.NETWORK_TEXT: {"type": "plain_text_input", "value": "Budget och bemanning"}
        }
    }
    before = len(standin.calls_to(RESPONSE_URL))
    slack.action(
        ids.NETWORK_CHOOSE,
        user=BOTH,
        block_id=actions["block_id"],
        action_type="static_select",
        action={
            "selected_option": {"value": options["Guldlänken"], "text": {"type": "plain_text", "text": "G"}}
        },
        state=state,
        channel_id="D0BOTH",
        response_url=standin.response_url("choice"),
    )
    with guld.sessions() as s:
        assert [c.occupying for c in s.query(CheckIn)] == ["Budget och bemanning"]
    with first.sessions() as s:
        assert s.query(CheckIn).count() == 0
    [answer] = standin.calls_to(RESPONSE_URL)[before:]
    assert answer.params.get("replace_original") is True
    assert "12 mars" in answer.params["text"]


def test_a_forged_network_choice_is_ignored(slack: SlackClient, two: tuple[Runtime, Runtime]) -> None:
    _first, guld = two
    _meeting(guld, "2027-03-12T13:00", "Landskrona")
    slack.action(
        ids.NETWORK_CHOOSE,
        user=BOTH,
        block_id=ids.NETWORK_CHOOSE_BLOCK + "/incheckning",
        action_type="static_select",
        action={"selected_option": {"value": "999", "text": {"type": "plain_text", "text": "x"}}},
        state={ids.NETWORK_TEXT_BLOCK: {ids.NETWORK_TEXT: {"value": "Hej"}}},
    )
    with guld.sessions() as s:
        assert s.query(CheckIn).count() == 0


def test_checkin_with_a_meeting_ahead_in_one_network_needs_no_choosing(
    slack: SlackClient, two: tuple[Runtime, Runtime]
) -> None:
    _first, guld = two
    _meeting(guld, "2027-03-12T13:00", "Landskrona")
    answer = said(slack.command("/incheckning", "Rekrytering", user=BOTH, channel_id="D0BOTH"))
    assert "12 mars" in answer
    with guld.sessions() as s:
        assert [c.occupying for c in s.query(CheckIn)] == ["Rekrytering"]


def test_a_dm_answer_from_a_person_with_meetings_in_two_networks_is_not_guessed(
    slack: SlackClient, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    _meetings_in_both(two)
    slack.event(
        {"type": "message", "channel_type": "im", "channel": "D0BOTH", "user": BOTH, "text": "Budget"}
    )
    for network in two:
        with network.sessions() as s:
            assert s.query(CheckIn).count() == 0
    [dm] = [c for c in standin.calls if c.method == "chat.postMessage" and c.params.get("channel") == BOTH]
    assert "/incheckning" in dm.params["text"]


def test_the_scheduler_serves_every_network(
    runtime: Runtime, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    _meetings_in_both(two)
    report = run_tick(runtime, at=dt.datetime(2027, 2, 19, 9, 0, tzinfo=TZ))
    assert report.errors == 0
    invited = {c.params["channel"] for c in standin.calls if c.method == "chat.postMessage"}
    assert {"U0MALMO", "U0LANDS", BOTH} <= invited
    texts: dict[str, list[str]] = {
        c.params["channel"]: [] for c in standin.calls if c.method == "chat.postMessage"
    }
    for call in standin.calls:
        if call.method == "chat.postMessage":
            texts[call.params["channel"]].append(json.dumps(call.params, ensure_ascii=False))
    assert len(texts[BOTH]) == 2  # one invitation from each network
    assert any("Landskrona" in t for t in texts["U0LANDS"]) and not any(
        "Malmö" in t for t in texts["U0LANDS"]
    )


def test_home_shows_each_network_and_its_buttons_act_there(
    slack: SlackClient, standin: SlackStandIn, two: tuple[Runtime, Runtime]
) -> None:
    first, guld = _meetings_in_both(two)
    slack.event({"type": "app_home_opened", "user": ORGANISER, "tab": "home", "channel": "D0ORG"})
    view = standin.calls_to("views.publish")[-1].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert [h for h in headers if h in ("Chefsnätverket", "Guldlänken")] == ["Chefsnätverket", "Guldlänken"]
    text = json.dumps(view, ensure_ascii=False)
    assert "Malmö" in text and "Landskrona" in text
    guld_id = guld.network_id
    plan = next(
        b
        for b in view["blocks"]
        if b.get("block_id", "").startswith(f"nw{guld_id}.") and b["type"] == "actions"
    )

    # "Planera träff" in Guldlänken's part opens the modal stamped with Guldlänken ...
    slack.action(ids.ADMIN_PLAN_OPEN, user=ORGANISER, block_id=plan["block_id"], view={"type": "home"})
    opened = standin.calls_to("views.open")[-1].params["view"]
    opened = json.loads(opened) if isinstance(opened, str) else opened
    assert opened["external_id"].startswith(f"nw{guld_id}.")
    # ... and its submission plans the meeting there, not in the first network.
    slack.submit(ids.ADMIN_PLAN_MODAL, _plan("Svalöv"), user=ORGANISER, external_id=opened["external_id"])
    with guld.sessions() as s:
        assert "Svalöv" in [m.place for m in s.query(Meeting)]
    with first.sessions() as s:
        assert "Svalöv" not in [m.place for m in s.query(Meeting)]


def test_a_forged_network_stamp_gives_no_rights(slack: SlackClient, two: tuple[Runtime, Runtime]) -> None:
    first, _ = two
    # Guldlänken's samordnare forges the first network's stamp: refused there by its rights.
    slack.submit(ids.ADMIN_PLAN_MODAL, _plan("Forged"), user=GULD_ORGANISER, external_id="nw1.forged")
    with first.sessions() as s:
        assert s.query(Meeting).count() == 0
