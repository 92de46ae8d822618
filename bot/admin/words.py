"""The shapes of words in `/chefsnatverket` commands: keywords, dates, times, mentions. Pure.

Shared by the grammar (bot/admin/grammar.py) and the Home tab's forms (bot/home/service.py), so a
date typed in a command and one typed in a modal are read the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

EXAMPLE_DAYS_AHEAD = 30  # examples in explanations use a date about a month ahead

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME_SHAPE = re.compile(r"^(?:kl\.?)?(\d{1,2})[:.](\d{2})$")
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")


def keyword(word: str) -> str:
    """A command word folded for matching: lower case, å/ä/ö as a/a/o, no trailing punctuation."""
    return word.strip().lower().translate(_FOLD).rstrip(".:,!")


def unescape(text: str) -> str:
    """Undo Slack's escaping of `&`, `<` and `>` in free text, so we store what was typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def split_word(text: str) -> tuple[str, str]:
    """The first word and the rest (stripped)."""
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def example_date(today: dt.date) -> dt.date:
    """The date used in examples: about a month ahead, so an example never lies in the past."""
    return today + dt.timedelta(days=EXAMPLE_DAYS_AHEAD)


def local_instant(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime | None:
    """`day` at `at` in `tz`, or None when that wall time does not exist (the spring-forward hour)."""
    local = dt.datetime.combine(day, at, tzinfo=tz)
    round_trip = local.astimezone(dt.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return round_trip


def looks_like_date(word: str) -> bool:
    """Whether `word` has the shape `YYYY-MM-DD`, whether or not that day exists."""
    return _DATE_SHAPE.match(word) is not None


def parse_date(word: str) -> dt.date | None:
    """`YYYY-MM-DD` as a date, or None when it has another shape or does not exist."""
    shape = _DATE_SHAPE.match(word)
    if shape is None:
        return None
    try:
        return dt.date(*(int(g) for g in shape.groups()))
    except ValueError:
        return None


def parse_time(word: str) -> dt.time | None:
    """`HH:MM` (also `HH.MM`, `kl.13.00`) as a time, or None."""
    clock = _TIME_SHAPE.match(word.lower())
    if clock is None:
        return None
    try:
        return dt.time(int(clock.group(1)), int(clock.group(2)))
    except ValueError:
        return None


def mention(text: str) -> tuple[str, str | None, str] | None:
    """(user id, label, the text after it) when `text` starts with a Slack user mention."""
    found = _MENTION.match(text.strip())
    if found is None:
        return None
    return found.group(1), (found.group(2) or None), text.strip()[found.end() :].strip()


def channel_mention(text: str) -> str | None:
    """The channel id when `text` is one Slack channel mention and nothing after it."""
    found = _CHANNEL.match(text)
    if found is None or text[found.end() :].strip():
        return None
    return found.group(1)
