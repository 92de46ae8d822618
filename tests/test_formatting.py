"""Dates and numbers the way STYLE-sv.md writes them: near dates in words, no year this year."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.formatting import format_number, format_when_near

TZ = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2027, 3, 8, 9, 0, tzinfo=TZ)  # a Monday


def at(year: int, month: int, day: int, hour: int = 13) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("moment", "sv", "en"),
    [
        (at(2027, 3, 8), "i dag kl. 13.00", "today at 13:00"),
        (at(2027, 3, 9, 12), "i morgon kl. 12.00", "tomorrow at 12:00"),
        (at(2027, 3, 7), "i går kl. 13.00", "yesterday at 13:00"),
        (at(2027, 3, 11), "på torsdag kl. 13.00", "on Thursday at 13:00"),
        (at(2027, 3, 14), "på söndag kl. 13.00", "on Sunday at 13:00"),
        (at(2027, 3, 4), "i torsdags kl. 13.00", "last Thursday at 13:00"),
        (at(2027, 3, 15), "måndag 15 mars kl. 13.00", "Monday 15 March at 13:00"),  # a week ahead
        (at(2027, 9, 1), "onsdag 1 september kl. 13.00", "Wednesday 1 September at 13:00"),
        (at(2027, 10, 1), "fredag 1 oktober 2027 kl. 13.00", "Friday 1 October 2027 at 13:00"),  # > 6 months
        (at(2026, 12, 1), "tisdag 1 december 2026 kl. 13.00", "Tuesday 1 December 2026 at 13:00"),
        (at(2028, 1, 10), "måndag 10 januari 2028 kl. 13.00", "Monday 10 January 2028 at 13:00"),
    ],
)
def test_near_dates_in_words_and_the_year_only_when_needed(moment: dt.datetime, sv: str, en: str) -> None:
    assert format_when_near(moment, NOW, TZ) == sv
    assert format_when_near(moment, NOW, TZ, "en") == en


def test_days_are_counted_in_stockholm_not_utc() -> None:
    late = dt.datetime(2027, 3, 8, 23, 30, tzinfo=dt.UTC)  # already Tuesday 00.30 in Stockholm
    assert format_when_near(late, NOW, TZ) == "i morgon kl. 00.30"


def test_without_the_time() -> None:
    after = at(2027, 3, 12, 9)  # the Friday after a Thursday meeting
    assert format_when_near(at(2027, 3, 11), after, TZ, with_time=False) == "i går"
    assert format_when_near(at(2027, 3, 11), at(2027, 3, 15, 9), TZ, with_time=False) == "i torsdags"
    assert format_when_near(at(2026, 3, 11), after, TZ, with_time=False) == "onsdag 11 mars 2026"


def test_thousands_with_a_space() -> None:
    assert format_number(3412) == "3\u00a0412"
    assert format_number(999) == "999"
    assert format_number(1800000) == "1\u00a0800\u00a0000"
    assert format_number(3412, "en") == "3,412"
