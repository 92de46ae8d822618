"""Swedish working days, from the maintained `holidays` package (never a hand-written list).

The package loads some 300 modules (about 17 MB) to build one country's calendar, and a server
process would keep them for good. So the calendar is built in a short-lived child process, a
few years at a time, and only the dates come back; the package is imported here only if that
child cannot run.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading

# Years fetched together around the one asked for: a meeting's timeline spans at most two.
_BEFORE, _AFTER = 1, 3
_CALENDAR = """
import json, sys
import holidays
years = [int(y) for y in sys.argv[1:]]
days = holidays.Sweden(years=years, include_sundays=False, categories=("public", "de_facto"))
print(json.dumps(sorted(d.isoformat() for d in days)))
"""

_lock = threading.Lock()
_years: dict[int, frozenset[dt.date]] = {}


def _in_process(years: list[int]) -> list[str]:
    import holidays

    days = holidays.Sweden(years=years, include_sundays=False, categories=("public", "de_facto"))
    return [d.isoformat() for d in days]


def _calendar(years: list[int]) -> list[str]:
    # Public holidays plus the de facto ones every office closes for: midsommarafton,
    # julafton and nyårsafton. Sundays are weekends, handled below.
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and code, the years as numbers
            [sys.executable, "-c", _CALENDAR, *map(str, years)],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return list(json.loads(done.stdout))
    except (OSError, subprocess.SubprocessError, ValueError):
        return _in_process(years)


def _non_working(year: int) -> frozenset[dt.date]:
    known = _years.get(year)
    if known is not None:
        return known
    with _lock:
        if year not in _years:
            years = [y for y in range(year - _BEFORE, year + _AFTER + 1) if y not in _years]
            days = [dt.date.fromisoformat(d) for d in _calendar(years)]
            for y in years:
                _years[y] = frozenset(d for d in days if d.year == y)
        return _years[year]


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
