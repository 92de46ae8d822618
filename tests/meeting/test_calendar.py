"""The meeting's .ics file, parsed back with icalendar: UID, SEQUENCE, Stockholm time, METHOD."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.meeting.calendar import CalendarEntry, CalendarMethod, build_ics, ics_filename, meeting_uid

TZ = ZoneInfo("Europe/Stockholm")
STAMP = dt.datetime(2027, 2, 18, 8, 0, tzinfo=dt.UTC)


def _entry(**kw: object) -> CalendarEntry:
    base: dict[str, object] = {
        "uid": meeting_uid(7, dt.datetime(2027, 1, 2, 10, 0, tzinfo=dt.UTC)),
        "starts_at": dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ),
        "sequence": 0,
        "summary": "Chefsnätverket – träff",
        "place": "Stadshuset, Malmö",
    }
    base.update(kw)
    return CalendarEntry(**base)  # type: ignore[arg-type]


def _event(raw: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_invitation_has_uid_sequence_stockholm_time_and_timezone() -> None:
    cal, event = _event(build_ics(_entry(), TZ, CalendarMethod.REQUEST, STAMP))
    assert cal["METHOD"] == "REQUEST"
    assert str(event["UID"]).startswith("meeting-7-")  # type: ignore[index]
    assert int(event["SEQUENCE"]) == 0  # type: ignore[index]
    start = event["DTSTART"].dt  # type: ignore[index]
    assert start == dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert event["DTEND"].dt - start == dt.timedelta(hours=3)  # type: ignore[index]
    assert event["LOCATION"] == "Stadshuset, Malmö"  # type: ignore[index]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert b"TZID=Europe/Stockholm:20270311T130000" in build_ics(_entry(), TZ, CalendarMethod.REQUEST, STAMP)


def test_a_move_keeps_the_uid_and_raises_the_sequence() -> None:
    first = _event(build_ics(_entry(), TZ, CalendarMethod.REQUEST, STAMP))[1]
    moved_at = dt.datetime(2027, 4, 1, 9, 30, tzinfo=TZ)  # after the switch to summer time
    moved = _event(build_ics(_entry(starts_at=moved_at, sequence=1), TZ, CalendarMethod.REQUEST, STAMP))[1]
    assert moved["UID"] == first["UID"]  # type: ignore[index]
    assert int(moved["SEQUENCE"]) == 1  # type: ignore[index]
    assert moved["DTSTART"].dt.utcoffset() == dt.timedelta(hours=2)  # type: ignore[index]


def test_cancel_is_method_cancel_with_status_cancelled() -> None:
    cal, event = _event(build_ics(_entry(sequence=2), TZ, CalendarMethod.CANCEL, STAMP))
    assert cal["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"  # type: ignore[index]
    assert int(event["SEQUENCE"]) == 2  # type: ignore[index]


@pytest.mark.parametrize("place", [None, ""])
def test_no_place_no_location(place: str | None) -> None:
    event = _event(build_ics(_entry(place=place), TZ, CalendarMethod.REQUEST, STAMP))[1]
    assert "LOCATION" not in event  # type: ignore[operator]


def test_user_text_is_escaped_for_icalendar() -> None:
    raw = build_ics(_entry(place="Rum 3; plan 2, <b>"), TZ, CalendarMethod.REQUEST, STAMP)
    event = _event(raw)[1]
    assert event["LOCATION"] == "Rum 3; plan 2, <b>"  # type: ignore[index]
    assert b"Rum 3\\; plan 2\\, <b>" in raw


def test_filename() -> None:
    assert ics_filename(dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC), TZ) == "chefsnatverket-2027-03-11.ics"
