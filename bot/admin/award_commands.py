"""`/chefsnatverket guldlanken …` and `export guldlanken [år]` text -> a typed round command. Pure.

The words after `guldlanken` are handed over as they are by bot/admin/grammar.py (AwardCommand,
AwardExport); this is the grammar that reads them. Whether the person may run the command, and
whether a round may open, is decided where it runs (bot/award/service.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from bot.texts import t

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RE = re.compile(r"^\d{4}$")
_CHANNEL_RE = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_BARE_CHANNEL_RE = re.compile(r"^[CG][A-Z0-9]{6,}$")
_EXTEND = {"förläng", "forlang", "forläng", "förlang", "extend"}
_CLOSE = {"stäng", "stang", "close"}
_STATUS = {"status"}
_WINNERS = {"vinnare", "winners", "winner"}
_WINNER_RE = re.compile(r"^\s*\S+\s+(\S+)\s*(.*)$", re.DOTALL)
NAME_MAX = 200  # AwardWinner.nominee_name / organisation
FIRST_YEAR = 1990
_HELP = {"", "hjälp", "hjalp", "help", "?"}


class AdminInputError(Exception):
    """A malformed organiser command; the message is the Swedish answer with an example."""


@dataclass(frozen=True)
class OpenRound:
    """`guldlanken YYYY-MM-DD [#kanal] [jury #kanal]`."""

    deadline: dt.date
    announcement_channel: str | None = None
    jury_channel: str | None = None


@dataclass(frozen=True)
class ExtendRound:
    """`guldlanken förläng YYYY-MM-DD`."""

    deadline: dt.date


@dataclass(frozen=True)
class AddWinner:
    """`guldlanken vinnare ÅÅÅÅ Namn[, Organisation]`: a winner of an earlier year, by hand."""

    year: int
    name: str
    organisation: str | None = None


class Simple(enum.StrEnum):
    """The round commands that take no arguments."""

    CLOSE = "close"
    STATUS = "status"
    HELP = "help"
    WINNERS = "winners"


@dataclass(frozen=True)
class SimpleCommand:
    """`guldlanken stäng`, `status`, or help."""

    name: Simple


AdminCommand = OpenRound | ExtendRound | SimpleCommand | AddWinner


def example_deadline(today: dt.date) -> str:
    """The next 1 September (by tradition the deadline), for examples in answers."""
    candidate = dt.date(today.year, 9, 1)
    return (candidate if candidate >= today else dt.date(today.year + 1, 9, 1)).isoformat()


def _parse_date(value: str, lang: str, example: str) -> dt.date:
    try:
        if not _DATE_RE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AdminInputError(t("award.admin.bad_date", lang, value=value, example=example)) from None


def _parse_channel(value: str, lang: str, example: str) -> str:
    match = _CHANNEL_RE.match(value)
    if match:
        return match.group(1)
    if _BARE_CHANNEL_RE.match(value):
        return value
    raise AdminInputError(t("award.admin.bad_channel", lang, value=value, example=example))


def parse_admin(rest: str, lang: str, today: dt.date) -> AdminCommand:
    """Parse the text after `guldlanken` (pure); AdminInputError carries the Swedish answer."""
    example = example_deadline(today)
    words = rest.split()
    first = words[0].casefold() if words else ""
    if first in _HELP:
        return SimpleCommand(Simple.HELP)
    if first in _CLOSE:
        return SimpleCommand(Simple.CLOSE)
    if first in _STATUS:
        return SimpleCommand(Simple.STATUS)
    if first in _WINNERS:
        return parse_winner(rest, lang, today)
    if first in _EXTEND:
        if len(words) != 2:
            raise AdminInputError(t("award.admin.extend_usage", lang, example=example))
        return ExtendRound(_parse_date(words[1], lang, example))
    if not re.match(r"^\d", first):
        return SimpleCommand(Simple.HELP)
    deadline = _parse_date(words[0], lang, example)
    announce: str | None = None
    jury: str | None = None
    rest_words = words[1:]
    while rest_words:
        word = rest_words.pop(0)
        if word.casefold() in {"jury", "juryn"}:
            if not rest_words:
                raise AdminInputError(t("award.admin.bad_channel", lang, value=word, example=example))
            jury = _parse_channel(rest_words.pop(0), lang, example)
        elif announce is None:
            announce = _parse_channel(word, lang, example)
        else:
            raise AdminInputError(t("award.admin.bad_channel", lang, value=word, example=example))
    return OpenRound(deadline, announce, jury)


def _unescape(text: str) -> str:
    """Undo Slack's escaping of `&`, `<` and `>` in command text, so we store what was typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_winner(rest: str, lang: str, today: dt.date) -> AddWinner | SimpleCommand:
    """`vinnare` (the list) or `vinnare ÅÅÅÅ Namn[, Organisation]` (pure)."""
    match = _WINNER_RE.match(rest)
    if match is None:
        return SimpleCommand(Simple.WINNERS)
    year_text, after = match.group(1), _unescape(match.group(2))
    if not _YEAR_RE.match(year_text) or int(year_text) < FIRST_YEAR:
        raise AdminInputError(t("award.admin.winner_bad_year", lang, value=year_text))
    year = int(year_text)
    if year > today.year:
        raise AdminInputError(t("award.admin.winner_future", lang, year=year))
    name, _, organisation = after.partition(",")
    name, organisation = " ".join(name.split()), " ".join(organisation.split())
    if not name:
        raise AdminInputError(t("award.admin.winner_usage", lang))
    if len(name) > NAME_MAX or len(organisation) > NAME_MAX:
        raise AdminInputError(t("award.admin.winner_too_long", lang, max=NAME_MAX))
    return AddWinner(year, name, organisation or None)


def parse_export_year(rest: str, lang: str, today: dt.date) -> int | None:
    """The year after `export guldlanken` (None: the open or latest round); AdminInputError if not a year."""
    words = rest.split()
    if not words:
        return None
    if len(words) != 1 or not _YEAR_RE.match(words[0]):
        raise AdminInputError(t("award.admin.export_bad_year", lang, year=today.year))
    return int(words[0])
