"""The few date patterns the app writes (`EEEE d MMMM y 'kl.' HH.mm`) and its percentages, without Babel.

Babel's `format_datetime` loads its locale data (about 4 MB in every serving process) and parses
the pattern on every call (a tenth of a millisecond, several times per request). The messages
use six fixed patterns in two languages, so the names are spelled out here, as CLDR gives them
(tests/test_dates.py compares every pattern with Babel's output over a whole year).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

_WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# The fields the patterns use; anything else in a pattern is a literal ('quoted' or not).
_TOKENS = re.compile(r"'[^']*'|EEEE|MMMM|HH|mm|d|y|[^'EMHmdy]+")
_FIELDS: dict[str, str] = {
    "d": "{d}",
    "y": "{y}",
    "HH": "{H:02d}",
    "mm": "{m:02d}",
    "EEEE": "{E}",
    "MMMM": "{M}",
}


@cache
def _template(pattern: str) -> str:
    """`pattern` as a str.format template, parsed once."""
    parts = []
    for token in _TOKENS.findall(pattern):
        if token in _FIELDS:
            parts.append(_FIELDS[token])
        else:
            literal = token[1:-1] if token.startswith("'") else token
            parts.append(literal.replace("{", "{{").replace("}", "}}"))
    return "".join(parts)


def format_pattern(moment: dt.date, pattern: str, lang: str) -> str:
    """`moment` (a date, or a datetime in the zone it is to be read in) written by `pattern`
    (the CLDR fields EEEE, d, MMMM, y, HH, mm and 'literals') in Swedish or English."""
    lang = lang if lang in _WEEKDAYS else "sv"
    hour, minute = (moment.hour, moment.minute) if isinstance(moment, dt.datetime) else (0, 0)
    return _template(pattern).format(
        d=moment.day,
        y=moment.year,
        H=hour,
        m=minute,
        E=_WEEKDAYS[lang][moment.weekday()],
        M=_MONTHS[lang][moment.month - 1],
    )


def format_percent(share: float, lang: str) -> str:
    """`46 %` (a no-break space before the sign in Swedish), `46%` in English: a share rounded
    to a whole percent, half to even, as Babel does."""
    whole = (Decimal(repr(float(share))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return f"{whole}%" if lang == "en" else f"{whole}\u00a0%"
