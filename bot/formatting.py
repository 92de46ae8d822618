"""Pure formatting helpers: Swedish dates, Slack escaping, splitting long text."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

# Slack's limits that every message and view must respect.
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_MODAL_TITLE = 24
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_INPUT_LENGTH = 3000
MAX_FALLBACK_TEXT = 3000

_DATETIME_PATTERNS = {"sv": "EEEE d MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}
_DATE_PATTERNS = {"sv": "EEEE d MMMM y", "en": "EEEE d MMMM y"}


def format_when(moment: dt.datetime, tz: ZoneInfo, lang: str = "sv") -> str:
    """`torsdag 12 mars 2027 kl. 13.00`: an instant, written the Swedish way in the network's zone."""
    return format_datetime(
        moment.astimezone(tz), _DATETIME_PATTERNS.get(lang, _DATETIME_PATTERNS["sv"]), locale=lang
    )


def format_day(day: dt.date, lang: str = "sv") -> str:
    """`tisdag 1 september 2026`: a date written the Swedish way."""
    return format_date(day, _DATE_PATTERNS.get(lang, _DATE_PATTERNS["sv"]), locale=lang)


def escape(text: str | None) -> str:
    """Escape user text for Slack mrkdwn so `<!channel>` or `<@U1>` never pings anyone."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split text into chunks of at most `limit` characters, at line or word breaks when possible.

    Nothing is dropped: joining the chunks (with the separators they were split at) gives the text.
    An escape sequence such as `&amp;` is never cut in half.
    """
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
            amp = window.rfind("&", limit - 6)
            if amp != -1 and ";" not in window[amp:]:
                cut = amp
        chunks.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n") if rest[cut : cut + 1] == "\n" else rest[cut:]
    if rest:
        chunks.append(rest)
    return chunks


def truncate_title(title: str, limit: int = MAX_MODAL_TITLE) -> str:
    """A modal title within Slack's 24 characters (titles are ours, never user text)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"
