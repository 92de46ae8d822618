"""The Home tab's and the admin modals' builders: valid Block Kit within Slack's limits."""

from __future__ import annotations

import pytest

from bot import ids
from bot.home import views as v
from tests.admin.test_views import MEETING, _assert_valid_view, _people, _text

# ---------------------------------------------------------------- App Home


@pytest.mark.parametrize("checkin", ["done", "missing", "not_member"])
def test_home_for_a_member(checkin: str) -> None:
    view = v.build_home(v.HomeState(meeting=MEETING, checkin=checkin), "sv")
    _assert_valid_view(view)
    buttons = [el for b in view["blocks"] if b["type"] == "actions" for el in b["elements"]]
    if checkin == "not_member":
        assert buttons == []
    else:
        [button] = buttons
        assert button["action_id"] == ids.CHECKIN_OPEN and button["value"] == "7"
        assert button["text"]["text"] == ("Ändra incheckning" if checkin == "done" else "Checka in")


def test_home_with_an_award_round_and_a_notice() -> None:
    state = v.HomeState(
        meeting=None, checkin="missing", award_deadline="onsdag 1 september 2027", notice="Klart."
    )
    view = v.build_home(state, "sv")
    _assert_valid_view(view)
    text = _text(view["blocks"])
    assert "Klart." in text and "Ingen träff är planerad" in text
    assert ids.AWARD_NOMINATE_OPEN in text and ids.CHECKIN_OPEN not in text


def test_home_board_is_cut_and_says_so() -> None:
    board = v.Board(
        meeting=MEETING,
        done=0,
        total=5000,
        missing=_people(5000, name_length=150),
        schedule=tuple(f"• utskick {i} " + "y" * 200 for i in range(500)),
        channel_id=None,
        organisations=11,
    )
    view = v.build_home(v.HomeState(meeting=MEETING, checkin="missing", board=board), "sv", "`träff`")
    _assert_valid_view(view)
    assert len(view["blocks"]) <= 40  # far below 100
    text = _text(view["blocks"])
    assert f"… och {5000 - v.HOME_MAX_MISSING} till" in text
    assert f"… och {500 - v.HOME_MAX_SCHEDULE_LINES} till" in text
    for action_id in (
        ids.ADMIN_PLAN_OPEN,
        ids.ADMIN_MEMBERS_OPEN,
        ids.ADMIN_SETTINGS_OPEN,
        ids.ADMIN_POST_SUMMARY,
    ):
        assert action_id in text


def test_home_board_without_meeting_still_offers_every_admin_button() -> None:
    view = v.build_home(
        v.HomeState(meeting=MEETING, checkin="not_member", board=v.Board(meeting=None)), "sv", "x"
    )
    _assert_valid_view(view)
    text = _text(view["blocks"])
    assert ids.ADMIN_PLAN_OPEN in text and ids.ADMIN_POST_SUMMARY in text
    assert "medlemslista" not in text  # an organiser who is not a member has no check-in to do


# ---------------------------------------------------------------- modals


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_modals_are_valid(lang: str) -> None:
    for view in (
        v.build_plan_modal(lang, "2027-03-03"),
        v.build_members_modal(lang, 12),
        v.build_settings_modal(lang, "C0ADMIN", ["U1", "U2"], ["UORG1"]),
        v.build_settings_modal(lang, None, [], []),
        v.build_refusal_modal("Nej.", lang),
    ):
        _assert_valid_view(view)


def test_plan_modal_inputs() -> None:
    view = v.build_plan_modal("sv", "2027-03-03")
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert view["callback_id"] == ids.ADMIN_PLAN_MODAL
    assert inputs[ids.ADMIN_PLAN_DATE]["element"] == {
        "type": "datepicker",
        "initial_date": "2027-03-03",
        "action_id": ids.ADMIN_INPUT,
    }
    assert inputs[ids.ADMIN_PLAN_TIME]["element"]["type"] == "timepicker"
    assert inputs[ids.ADMIN_PLAN_PLACE]["optional"] is True


def test_settings_modal_leaves_out_empty_initial_values() -> None:
    view = v.build_settings_modal("sv", None, [], [])
    elements = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert "initial_conversation" not in elements[ids.ADMIN_SETTINGS_CHANNEL]
    assert "initial_users" not in elements[ids.ADMIN_SETTINGS_ORGANISERS]
