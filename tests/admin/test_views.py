"""Pure builders of the admin surface: content, escaping and Slack's limits."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.admin import views as v
from tests.support.slack_standin import validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
MEETING = v.MeetingInfo(
    id=7,
    when="torsdag 11 mars 2027 kl. 13.00",
    place="Rådhuset",
    deadline="onsdag 10 mars 2027 kl. 12.00",
    checkin_open=True,
)


def _text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _people(n: int, name_length: int = 20) -> tuple[v.Person, ...]:
    return tuple(v.Person(f"U{i:05d}", f"P{i:05d} " + "x" * name_length, f"Org {i % 11}") for i in range(n))


def _assert_valid_message(message: dict[str, Any]) -> None:
    assert message["text"] and len(message["text"]) <= 3000
    assert validate_blocks(message["blocks"], max_blocks=50) == []


def _assert_valid_view(view: dict[str, Any]) -> None:
    assert validate_blocks(view["blocks"], max_blocks=100) == []
    if view["type"] == "modal":
        assert len(view["title"]["text"]) <= 24
        if any(b["type"] == "input" for b in view["blocks"]):
            assert len(view["submit"]["text"]) <= 24


# ---------------------------------------------------------------- people and lists


def test_person_label_escapes_and_falls_back_to_a_mention() -> None:
    assert (
        v.Person("U1", "<!channel> & co", "A <b>").label(with_organisation=True)
        == "&lt;!channel&gt; &amp; co (A &lt;b&gt;)"
    )
    assert v.Person("U1", None).label() == "<@U1>"


@pytest.mark.parametrize("organiser", [False, True])
def test_help_is_valid(organiser: bool) -> None:
    message = v.build_help(organiser, "sv", date="2027-03-03", award_date="2027-09-01")
    _assert_valid_message(message)
    assert ("träff 2027-03-03 13:00" in _text(message["blocks"])) is organiser
    assert "/incheckning" in _text(message["blocks"])


def test_member_list_groups_and_escapes() -> None:
    groups = [
        v.MemberGroup("Region <Skåne>", (v.Person("U1", "Åsa"), v.Person("U2", None))),
        v.MemberGroup(None, (v.Person("U3", "Bo"),)),
    ]
    message = v.build_member_list(groups, ["UORG1"], "sv")
    _assert_valid_message(message)
    text = _text(message["blocks"])
    assert "*Region &lt;Skåne&gt;* (2)" in text and "• <@U2>" in text and "Utan organisation" in text
    assert "3 aktiva medlemmar i 2 organisationer" in message["text"]


def test_a_huge_member_list_stays_within_50_blocks_and_drops_nothing() -> None:
    people = _people(1500, name_length=30)
    groups = [v.MemberGroup(f"Org {i}", people[i::60]) for i in range(60)]
    message = v.build_member_list(groups, [], "sv")
    _assert_valid_message(message)
    text = _text(message["blocks"])
    assert all(p.name in text for p in people)


def test_fit_message_says_what_it_leaves_out() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 2000}} for _ in range(80)]
    fitted = v.fit_message(blocks, "sv")
    assert len(fitted) == 50
    assert "… och 31 rader till" in fitted[-1]["elements"][0]["text"]
    assert len(blocks[0]["text"]["text"]) == 2000  # the input is not changed


def test_fit_message_merges_short_sections_first() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": f"rad {i}"}} for i in range(120)]
    fitted = v.fit_message(blocks, "sv")
    assert len(fitted) == 1
    assert fitted[0]["text"]["text"].splitlines() == [f"rad {i}" for i in range(120)]


# ---------------------------------------------------------------- status


def test_status_shows_everyone_and_all_schedule_lines() -> None:
    board = v.Board(
        meeting=MEETING,
        done=3,
        total=303,
        missing=_people(300),
        schedule=tuple(f"• utskick {i}" for i in range(40)),
        channel_id="C0ADMIN",
    )
    message = v.build_status(board, "sv", "`/chefsnatverket träff 2027-03-03 13:00`")
    _assert_valid_message(message)
    text = _text(message["blocks"])
    assert "*3 av 303* har checkat in" in text
    assert all(p.name in text for p in board.missing)
    assert "utskick 39" in text and "… och" not in text
    assert "<#C0ADMIN>" in text


def test_status_without_a_meeting() -> None:
    message = v.build_status(v.Board(meeting=None), "sv", "`/chefsnatverket träff 2027-03-03 13:00`")
    _assert_valid_message(message)
    text = _text(message["blocks"])
    assert "Ingen träff är planerad" in text and "ingen vald ännu" in text and "inga planerade" in text


def test_status_when_everyone_has_checked_in_and_after_the_deadline() -> None:
    closed = v.MeetingInfo(7, MEETING.when, None, MEETING.deadline, checkin_open=False)
    text = _text(v.build_status(v.Board(meeting=closed, done=2, total=2), "sv", "")["blocks"])
    assert "Alla har checkat in" in text and "stängde" in text and "plats meddelas senare" in text


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


# ---------------------------------------------------------------- CSV rows


def test_checkin_export_rows_in_local_time() -> None:
    rows = v.checkin_export_rows(
        [
            v.CsvRow(
                "Region Skåne", "Bo", "Budget", None, "Stöd", dt.datetime(2027, 7, 1, 10, 5, tzinfo=dt.UTC)
            ),
            v.CsvRow(None, None, "Annat", "Ny chef", None, dt.datetime(2027, 1, 1, 10, 5, tzinfo=dt.UTC)),
        ],
        TZ,
    )
    assert rows == [
        ["Region Skåne", "Bo", "Budget", "", "Stöd", "2027-07-01 12:05"],
        ["", "", "Annat", "Ny chef", "", "2027-01-01 11:05"],
    ]
    assert v.checkin_export_header("sv")[0] == "Organisation" and v.checkin_export_header("en")[1] == "Name"
