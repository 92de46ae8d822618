"""The App Home tab and its admin modals through the front door: signed events, actions and
view submissions in; `views.publish` / `views.open` calls and database rows out."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.config import Settings
from bot.runtime import Runtime
from bot.texts import t
from storage.db import transaction
from storage.meetings import get_network
from storage.models import AwardRound, CheckIn, Member, Network
from tests.conftest import ORGANISER, SlackClient, make_settings
from tests.support import signing
from tests.support.arrange import add_meeting as _meeting
from tests.support.arrange import meetings as _meetings
from tests.support.arrange import members as _members
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
MEMBER = "U0MEMBER1"
WHEN = "torsdag 11 mars 2027 kl. 13.00"
HOME_VIEW = {"id": "VHOME", "type": "home", "callback_id": ""}
NOT_ORGANISER = "bara Chefsnätverkets samordnare"


# ---------------------------------------------------------------- helpers


def _open_home(slack: SlackClient, standin: SlackStandIn, user: str, tab: str = "home") -> dict[str, Any]:
    resp = slack.event({"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": tab})
    assert resp.status == 200
    call = standin.calls_to("views.publish")[-1]
    assert call.ok, call.response
    assert call.params["user_id"] == user
    return call.params["view"]


def _last_home(standin: SlackStandIn) -> dict[str, Any]:
    call = standin.calls_to("views.publish")[-1]
    assert call.ok, call.response
    return call.params["view"]


def _text(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def _buttons(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {el["action_id"]: el for b in view["blocks"] if b["type"] == "actions" for el in b["elements"]}


def _opened(standin: SlackStandIn) -> dict[str, Any]:
    call = standin.calls_to("views.open")[-1]
    assert call.ok, call.response
    return call.params["view"]


def _errors(resp: Any) -> dict[str, str]:
    assert resp.status == 200
    body = resp.json()
    assert body["response_action"] == "errors"
    return body["errors"]


def _plan_values(date: str | None, time: str | None, place: str | None = None) -> dict[str, Any]:
    return {
        ids.ADMIN_PLAN_DATE: {ids.ADMIN_INPUT: signing.datepicker(date)},
        ids.ADMIN_PLAN_TIME: {ids.ADMIN_INPUT: signing.timepicker(time)},
        ids.ADMIN_PLAN_PLACE: {ids.ADMIN_INPUT: signing.text_input(place)},
    }


def _member_values(user: str | None, organisation: str | None, mode: str = "add") -> dict[str, Any]:
    return {
        ids.ADMIN_MEMBER_USER: {ids.ADMIN_INPUT: signing.users_select(user)},
        ids.ADMIN_MEMBER_ORGANISATION: {ids.ADMIN_INPUT: signing.text_input(organisation)},
        ids.ADMIN_MEMBER_MODE: {ids.ADMIN_INPUT: signing.radio_buttons(mode)},
    }


def _settings_values(channel: str | None, organisers: list[str]) -> dict[str, Any]:
    return {
        ids.ADMIN_SETTINGS_CHANNEL: {ids.ADMIN_INPUT: signing.conversations_select(channel)},
        ids.ADMIN_SETTINGS_ORGANISERS: {ids.ADMIN_INPUT: signing.multi_users_select(organisers)},
    }


# ---------------------------------------------------------------- what everyone sees


def test_member_sees_the_next_meeting_and_a_check_in_button(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    member_id = add_member(MEMBER)
    meeting_id = _meeting(runtime, place="<!channel> Rådhuset")
    view = _open_home(slack, standin, MEMBER)
    text = _text(view)
    assert view["type"] == "home"
    assert WHEN in text and "&lt;!channel&gt; Rådhuset" in text and "<!channel>" not in text
    assert "inte checkat in" in text
    button = _buttons(view)[ids.CHECKIN_OPEN]
    assert (button["text"]["text"], button["value"]) == ("Checka in", str(meeting_id))
    assert ids.ADMIN_PLAN_OPEN not in _buttons(view) and "För samordnare" not in text

    with transaction(runtime.sessions) as s:
        s.add(CheckIn(meeting_id=meeting_id, member_id=member_id, occupying="Budget"))
    view = _open_home(slack, standin, MEMBER)
    assert "Du har checkat in" in _text(view)
    assert _buttons(view)[ids.CHECKIN_OPEN]["text"]["text"] == "Ändra incheckning"


def test_after_the_deadline_there_is_no_check_in_button(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any, clock: Any
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    clock.set("2027-03-10T12:30")
    view = _open_home(slack, standin, MEMBER)
    assert "Incheckningen stängde onsdag 10 mars 2027 kl. 12.00" in _text(view)
    assert ids.CHECKIN_OPEN not in _buttons(view)


def test_someone_who_is_not_a_member(slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
    _meeting(runtime)
    view = _open_home(slack, standin, "U0BEN")
    assert "medlemslista" in _text(view)
    assert ids.CHECKIN_OPEN not in _buttons(view)


def test_no_meeting_planned(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    add_member(MEMBER)
    _meeting(runtime, status="cancelled")
    view = _open_home(slack, standin, MEMBER)
    assert "Ingen träff är planerad" in _text(view)
    assert ids.CHECKIN_OPEN not in _buttons(view)


def test_nominate_button_only_while_a_round_takes_nominations(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: Any
) -> None:
    assert ids.AWARD_NOMINATE_OPEN not in _buttons(_open_home(slack, standin, MEMBER))
    with transaction(runtime.sessions) as s:
        s.add(AwardRound(year=2027, deadline=dt.date(2027, 9, 1), status="open"))
    view = _open_home(slack, standin, MEMBER)
    assert ids.AWARD_NOMINATE_OPEN in _buttons(view)
    assert "onsdag 1 september 2027" in _text(view)
    clock.set("2027-09-02T00:00")
    assert ids.AWARD_NOMINATE_OPEN not in _buttons(_open_home(slack, standin, MEMBER))


def test_the_messages_tab_publishes_nothing(slack: SlackClient, standin: SlackStandIn) -> None:
    resp = slack.event({"type": "app_home_opened", "user": MEMBER, "channel": "D0MEMBER1", "tab": "messages"})
    assert resp.status == 200
    assert standin.calls_to("views.publish") == []


# ---------------------------------------------------------------- the organisers' board


def test_organiser_sees_the_board_and_admin_buttons(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    anna = add_member("U0A", "Region Skåne", "Anna")
    add_member("U0B", "Arbetsförmedlingen", "Bo & <b>")
    meeting_id = _meeting(runtime)
    with transaction(runtime.sessions) as s:
        s.add(CheckIn(meeting_id=meeting_id, member_id=anna, occupying="Budget"))
    view = _open_home(slack, standin, ORGANISER)
    text = _text(view)
    assert "För samordnare" in text
    assert "*1 av 2* har checkat in" in text
    assert "Bo &amp; &lt;b&gt; (Arbetsförmedlingen)" in text
    assert "2 aktiva i 2 organisationer" in text
    buttons = _buttons(view)
    for action_id in (
        ids.ADMIN_PLAN_OPEN,
        ids.ADMIN_MEMBERS_OPEN,
        ids.ADMIN_SETTINGS_OPEN,
        ids.ADMIN_POST_SUMMARY,
    ):
        assert action_id in buttons
    assert "medlemslista" not in text  # an organiser who is not a member has no check-in


def test_long_lists_are_cut_on_the_board_only(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    for n in range(140):
        add_member(f"U0M{n:03d}", f"Organisation {n % 9}", f"Person {n:03d}")
    _meeting(runtime)
    view = _open_home(slack, standin, ORGANISER)
    assert len(view["blocks"]) <= 100
    text = _text(view)
    assert "… och 115 till" in text and "/chefsnatverket status" in text
    status = slack.command("/chefsnatverket", "status", user=ORGANISER).json()
    assert "Person 139" in json.dumps(status["blocks"], ensure_ascii=False)


# ---------------------------------------------------------------- admin buttons open modals


@pytest.mark.parametrize(
    ("action_id", "callback_id"),
    [
        (ids.ADMIN_PLAN_OPEN, ids.ADMIN_PLAN_MODAL),
        (ids.ADMIN_MEMBERS_OPEN, ids.ADMIN_MEMBERS_MODAL),
        (ids.ADMIN_SETTINGS_OPEN, ids.ADMIN_SETTINGS_MODAL),
    ],
)
def test_admin_buttons_open_their_modals(
    slack: SlackClient, standin: SlackStandIn, action_id: str, callback_id: str
) -> None:
    resp = slack.action(action_id, user=ORGANISER, value="home", view=HOME_VIEW, trigger_id="trig.9")
    assert resp.status == 200
    view = _opened(standin)
    assert view["callback_id"] == callback_id
    assert standin.calls_to("views.open")[-1].params["trigger_id"] == "trig.9"


@pytest.mark.parametrize("action_id", [ids.ADMIN_PLAN_OPEN, ids.ADMIN_MEMBERS_OPEN, ids.ADMIN_SETTINGS_OPEN])
def test_admin_buttons_refuse_non_organisers(
    slack: SlackClient, standin: SlackStandIn, action_id: str
) -> None:
    slack.action(action_id, user=MEMBER, value="home", view=HOME_VIEW)
    view = _opened(standin)
    assert NOT_ORGANISER in _text(view)
    assert "submit" not in view and all(b["type"] != "input" for b in view["blocks"])


def test_settings_modal_shows_the_current_choices(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
        s.add(Member(slack_user_id="U0BEN", is_organiser=True, active=False))
    slack.action(ids.ADMIN_SETTINGS_OPEN, user=ORGANISER, view=HOME_VIEW)
    view = _opened(standin)
    elements = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert elements[ids.ADMIN_SETTINGS_CHANNEL]["initial_conversation"] == "C0ADMIN"
    assert elements[ids.ADMIN_SETTINGS_ORGANISERS]["initial_users"] == ["U0BEN"]
    assert "<@UORG1>" in _text(view)


# ---------------------------------------------------------------- plan meeting modal


def test_plan_modal_submit_plans_and_republishes_home(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    resp = slack.submit(
        ids.ADMIN_PLAN_MODAL, _plan_values("2027-03-11", "13:00", "<!here> Rådhuset"), user=ORGANISER
    )
    assert resp.status == 200 and resp.body in (b"", b"{}")
    [meeting] = _meetings(runtime)
    assert (meeting.starts_at, meeting.place) == (
        dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC),
        "<!here> Rådhuset",
    )
    home = _last_home(standin)
    text = _text(home)
    assert "Träffen är planerad" in text and WHEN in text
    assert "<!here>" not in text and "&lt;!here&gt; Rådhuset" in text


@pytest.mark.parametrize(
    ("values", "block", "expected"),
    [
        (("2027-01-01", "13:00"), ids.ADMIN_PLAN_DATE, "har redan varit"),
        ((None, "13:00"), ids.ADMIN_PLAN_DATE, "Välj ett datum"),
        (("2027-03-11", None), ids.ADMIN_PLAN_TIME, "Välj ett klockslag"),
        (("2027-03-28", "02:30"), ids.ADMIN_PLAN_TIME, "sommartid"),
        (("2027-03-11", "13:00"), ids.ADMIN_PLAN_TIME, "finns redan en träff"),
    ],
)
def test_plan_modal_errors_keep_the_modal_open(
    slack: SlackClient,
    runtime: Runtime,
    standin: SlackStandIn,
    values: tuple[str | None, str | None],
    block: str,
    expected: str,
) -> None:
    _meeting(runtime)
    errors = _errors(slack.submit(ids.ADMIN_PLAN_MODAL, _plan_values(*values), user=ORGANISER))
    assert expected in errors[block]
    assert len(_meetings(runtime)) == 1
    assert standin.calls_to("views.publish") == []


def test_plan_modal_refuses_a_non_organiser(slack: SlackClient, runtime: Runtime) -> None:
    errors = _errors(slack.submit(ids.ADMIN_PLAN_MODAL, _plan_values("2027-03-11", "13:00"), user=MEMBER))
    assert NOT_ORGANISER in errors[ids.ADMIN_PLAN_DATE]
    assert _meetings(runtime) == []


# ---------------------------------------------------------------- members modal


def test_members_modal_adds_then_looks_up_the_name_then_removes(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    resp = slack.submit(ids.ADMIN_MEMBERS_MODAL, _member_values("U0ANNA", "Region  Skåne"), user=ORGANISER)
    assert resp.status == 200
    anna = _members(runtime)["U0ANNA"]
    assert (anna.active, anna.organisation.name, anna.name) == (True, "Region Skåne", "Anna Admin")
    assert "tillagd som medlem för Region Skåne" in _text(_last_home(standin))

    slack.submit(ids.ADMIN_MEMBERS_MODAL, _member_values("U0ANNA", None, "remove"), user=ORGANISER)
    assert _members(runtime)["U0ANNA"].active is False
    assert "Anna Admin är borttagen" in _text(_last_home(standin))


@pytest.mark.parametrize(
    ("values", "block", "expected"),
    [
        (("U0ANNA", None, "add"), ids.ADMIN_MEMBER_ORGANISATION, "vilken organisation"),
        ((None, "Region Skåne", "add"), ids.ADMIN_MEMBER_USER, "Välj en person"),
        (("U0ANNA", None, "remove"), ids.ADMIN_MEMBER_USER, "inte med i nätverket"),
    ],
)
def test_members_modal_errors(
    slack: SlackClient, runtime: Runtime, values: tuple[Any, ...], block: str, expected: str
) -> None:
    errors = _errors(slack.submit(ids.ADMIN_MEMBERS_MODAL, _member_values(*values), user=ORGANISER))
    assert expected in errors[block]
    assert _members(runtime) == {}


def test_members_modal_refuses_a_non_organiser(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    add_member(MEMBER)
    for values in (_member_values("U0ANNA", "Region Skåne"), _member_values(MEMBER, None, "remove")):
        errors = _errors(slack.submit(ids.ADMIN_MEMBERS_MODAL, values, user=MEMBER))
        assert NOT_ORGANISER in errors[ids.ADMIN_MEMBER_USER]
    members = _members(runtime)
    assert list(members) == [MEMBER] and members[MEMBER].active


# ---------------------------------------------------------------- settings modal


def test_settings_modal_sets_channel_and_organisers(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    add_member("U0CHLOE", "Region Skåne", "Chloe")
    with transaction(runtime.sessions) as s:
        s.add(Member(slack_user_id="U0OLD", is_organiser=True, active=False))
    standin.not_in_channels.add("C0GENERAL")
    values = _settings_values("C0GENERAL", ["U0BEN", "U0CHLOE", ORGANISER])
    assert slack.submit(ids.ADMIN_SETTINGS_MODAL, values, user=ORGANISER).status == 200
    with runtime.sessions() as s:
        assert s.get(Network, 1).organisers_channel == "C0GENERAL"
    members = _members(runtime)
    assert (
        members["U0BEN"].is_organiser and members["U0BEN"].name == "Ben Baker" and not members["U0BEN"].active
    )
    assert members["U0CHLOE"].is_organiser and members["U0CHLOE"].active
    assert not members["U0OLD"].is_organiser
    assert ORGANISER not in members  # the ORGANISERS setting needs no row
    text = _text(_last_home(standin))
    assert "Inställningarna är sparade" in text and "/invite" in text
    # the appointed organiser now sees the board
    assert "För samordnare" in _text(_open_home(slack, standin, "U0BEN"))


def test_settings_modal_refuses_a_non_organiser(slack: SlackClient, runtime: Runtime) -> None:
    errors = _errors(
        slack.submit(ids.ADMIN_SETTINGS_MODAL, _settings_values("C0GENERAL", [MEMBER]), user=MEMBER)
    )
    assert NOT_ORGANISER in errors[ids.ADMIN_SETTINGS_CHANNEL]
    assert _members(runtime) == {}
    with runtime.sessions() as s:
        network = s.get(Network, 1)
        assert network is None or network.organisers_channel is None


# ---------------------------------------------------------------- "Posta sammanfattning nu"


def test_post_summary_button_without_a_channel_explains_on_the_home_tab(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _meeting(runtime)
    slack.action(ids.ADMIN_POST_SUMMARY, user=ORGANISER, value="home", view=HOME_VIEW)
    assert "Ingen kanal för samordnarna" in _text(_last_home(standin))
    assert standin.calls_to("chat.postMessage") == []


def test_post_summary_button_posts(slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
    pytest.importorskip("bot.checkin.summary")
    _meeting(runtime)
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
    slack.action(ids.ADMIN_POST_SUMMARY, user=ORGANISER, value="home", view=HOME_VIEW)
    assert standin.messages_to("C0ADMIN")
    assert "är postad i <#C0ADMIN>" in _text(_last_home(standin))


def test_post_summary_button_refuses_a_non_organiser(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _meeting(runtime)
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
    slack.action(ids.ADMIN_POST_SUMMARY, user=MEMBER, value="home", view=HOME_VIEW)
    assert standin.calls_to("chat.postMessage") == []
    assert NOT_ORGANISER in _text(_last_home(standin))


# ---------------------------------------------------------------- on PostgreSQL too


class TestOnBothDatabases:
    @pytest.fixture
    def settings(self, any_db_url: str, standin: SlackStandIn) -> Settings:
        return make_settings(any_db_url, standin.url)

    def test_home_and_modals(self, slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
        slack.submit(ids.ADMIN_MEMBERS_MODAL, _member_values("U0ANNA", "Region Skåne"), user=ORGANISER)
        slack.submit(ids.ADMIN_PLAN_MODAL, _plan_values("2027-03-11", "13:00", "Rådhuset"), user=ORGANISER)
        errors = _errors(
            slack.submit(ids.ADMIN_PLAN_MODAL, _plan_values("2027-03-11", "13:00"), user=ORGANISER)
        )
        assert "finns redan" in errors[ids.ADMIN_PLAN_TIME]
        assert "*0 av 1*" in _text(_open_home(slack, standin, ORGANISER))
        assert "Checka in" in _text(_open_home(slack, standin, "U0ANNA"))


@pytest.mark.parametrize("action_id", [ids.ADMIN_PLAN_OPEN, ids.AWARD_NOMINATE_OPEN])
def test_a_modal_slack_will_not_open_is_told_not_left_silent(
    slack: SlackClient, standin: SlackStandIn, action_id: str
) -> None:
    standin.fail("views.open", error="invalid_arguments")
    assert slack.action(action_id, user=ORGANISER, value="home", view=HOME_VIEW).status == 200
    told = [c for c in standin.calls_to("chat.postMessage") if c.params.get("channel") == ORGANISER]
    assert [c.params["text"] for c in told] == [t("error.open_failed", "sv")]
