"""Swedish working days, from the maintained `holidays` package (never a hand-written list)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _non_working(year: int) -> frozenset[dt.date]:
    # Public holidays plus the de facto ones every office closes for: midsommarafton,
    # julafton and nyårsafton. Sundays are weekends, handled below.
    days = holidays.Sweden(years=year, include_sundays=False, categories=("public", "de_facto"))
    return frozenset(days.keys())


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Swedish public or de facto holiday."""
    return day.weekday() < 5 and day not in _non_working(day.year)


def working_day_on_or_before(day: dt.date) -> dt.date:
    """`day` if it is a working day, else the nearest working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def first_working_day_after(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
