"""bot/dates.py writes the app's date patterns exactly as Babel (CLDR) does."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_datetime
from babel.numbers import format_percent as babel_percent

from bot import formatting
from bot.dates import format_pattern, format_percent

TABLES = (
    "_DATE_PATTERNS",
    "_DATETIME_PATTERNS",
    "_DAY_YEAR_PATTERNS",
    "_SHORT_DAY_PATTERNS",
    "_SHORT_PATTERNS",
)
PATTERNS = sorted(
    {
        "EEEE",
        *formatting._TIME_PATTERNS.values(),
        *(p for t in TABLES for p in getattr(formatting, t).values()),
    }
)
TZ = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_pattern_matches_babel_over_a_year(lang: str) -> None:
    start = dt.datetime(2027, 1, 1, 0, 5, tzinfo=TZ)
    for day in range(0, 366, 1):
        moment = (start + dt.timedelta(days=day, hours=day % 24, minutes=day % 60)).astimezone(TZ)
        for pattern in PATTERNS:
            assert format_pattern(moment, pattern, lang) == format_datetime(moment, pattern, locale=lang)
        date = moment.date()
        assert format_pattern(date, "EEEE d MMMM y", lang) == format_date(date, "EEEE d MMMM y", locale=lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_percentages_match_babel(lang: str) -> None:
    shares = {yes / answered for answered in range(1, 80) for yes in range(answered + 1)}
    for share in sorted(shares | {n / 1000 for n in range(1001)} | {-0.05, 1.05}):
        assert format_percent(share, lang) == babel_percent(share, locale=lang), share
