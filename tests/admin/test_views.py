"""Pure builders of the admin surface: content, escaping and Slack's limits."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

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
