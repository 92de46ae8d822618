"""Pure formatting helpers: Swedish dates, Slack escaping, splitting long text into sections and pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates import format_pattern

# Slack's limits that every message and view must respect.
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_MODAL_TITLE = 24
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_INPUT_LENGTH = 3000
MAX_FALLBACK_TEXT = 3000
MAX_CONTEXT_TEXT = 2000  # a context block's text element (unpublished; Slack refuses longer)
# Unpublished: Slack refuses a message with more than about 12,000 characters of block text in
# total (`msg_blocks_too_long`; the figure Slack's SDK maintainers quote). A page of `paginate`
# keeps 1,000 of them free for what callers add (a header, a "(fortsättning 2/3)" line).
MAX_MESSAGE_TEXT = 12_000
PAGE_TEXT_ROOM = MAX_MESSAGE_TEXT - 1000

Block = dict[str, Any]

_DATETIME_PATTERNS = {"sv": "EEEE d MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}
_DATE_PATTERNS = {"sv": "EEEE d MMMM y", "en": "EEEE d MMMM y"}


def format_when(moment: dt.datetime, tz: ZoneInfo, lang: str = "sv") -> str:
    """`torsdag 12 mars 2027 kl. 13.00`: an instant, written the Swedish way in the network's zone."""
    return format_pattern(moment.astimezone(tz), _DATETIME_PATTERNS.get(lang, _DATETIME_PATTERNS["sv"]), lang)


_SHORT_PATTERNS = {"sv": "EEEE d MMMM 'kl.' HH.mm", "en": "EEEE d MMMM 'at' HH:mm"}
_SHORT_DAY_PATTERNS = {"sv": "EEEE d MMMM", "en": "EEEE d MMMM"}
_DAY_YEAR_PATTERNS = {"sv": "EEEE d MMMM y", "en": "EEEE d MMMM y"}
_TIME_PATTERNS = {"sv": "'kl.' HH.mm", "en": "'at' HH:mm"}
_NEAR = {
    "sv": {0: "i dag", 1: "i morgon", -1: "i går", "ahead": "på {day}", "past": "i {day}s"},
    "en": {0: "today", 1: "tomorrow", -1: "yesterday", "ahead": "on {day}", "past": "last {day}"},
}
# A date this far away (or in another year) is written with its year.
YEAR_AFTER = dt.timedelta(days=183)


def format_when_near(
    moment: dt.datetime, now: dt.datetime, tz: ZoneInfo, lang: str = "sv", *, with_time: bool = True
) -> str:
    """An instant as a reader near `now` says it: `i dag kl. 13.00`, `i morgon kl. 12.00`,
    `på torsdag kl. 13.00` (within a week ahead), `i torsdags kl. 13.00` (within a week past),
    else `torsdag 11 mars kl. 13.00`, with the year only when it is not this year or the date
    is more than six months away. `with_time=False` leaves the time out (`i torsdags`)."""
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    lang = lang if lang in _NEAR else "sv"
    words = _NEAR[lang]
    days = (local.date() - today).days
    at = " " + format_pattern(local, _TIME_PATTERNS[lang], lang) if with_time else ""
    if days in words:
        return f"{words[days]}{at}"
    if -7 < days < 7:
        day = format_pattern(local, "EEEE", lang)
        if lang == "en":
            day = day.capitalize()
        return str(words["ahead" if days > 0 else "past"]).format(day=day) + at
    if local.year != today.year or abs(moment - now) > YEAR_AFTER:
        if with_time:
            return format_when(moment, tz, lang)
        return format_pattern(local, _DAY_YEAR_PATTERNS[lang], lang)
    patterns = _SHORT_PATTERNS if with_time else _SHORT_DAY_PATTERNS
    return format_pattern(local, patterns[lang], lang)


def format_when_for(
    moment: dt.datetime,
    tz: ZoneInfo,
    lang: str = "sv",
    now: dt.datetime | None = None,
    *,
    with_time: bool = True,
) -> str:
    """An instant as the reader says it near `now` (`format_when_near`: `i morgon kl. 12.00`, or
    with `with_time=False` `i torsdags`); in full without `now` (`format_when`)."""
    if now is None:
        return format_when(moment, tz, lang)
    return format_when_near(moment, now, tz, lang, with_time=with_time)


def format_day(day: dt.date, lang: str = "sv") -> str:
    """`tisdag 1 september 2026`: a date written the Swedish way."""
    return format_pattern(day, _DATE_PATTERNS.get(lang, _DATE_PATTERNS["sv"]), lang)


# C0 control characters except tab and line feed. PostgreSQL cannot store NUL in text at all, and
# the others are invisible noise; stripped wherever user text enters, the same on both databases.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")


def clean_text(text: str) -> str:
    """User text without C0 control characters (NUL included); tab and line feed stay."""
    return _CONTROLS.sub("", text)


def clean_strings(node: Any) -> Any:
    """`node` (a parsed JSON payload) with `clean_text` applied to every string in it, in place
    for dicts and lists; the cleaned value is returned."""
    if isinstance(node, str):
        return clean_text(node)
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = clean_strings(value)
    elif isinstance(node, list):
        node[:] = [clean_strings(value) for value in node]
    return node


def format_number(number: int, lang: str = "sv") -> str:
    """`3 000` in Swedish (a no-break space between thousands), `3,000` in English."""
    grouped = f"{number:,}"
    return grouped.replace(",", "\u00a0") if lang != "en" else grouped


# Swedish alphabetical order: å, ä, ö after z (Python's code-point order puts ä before å).
_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "ü": "y"})


def swedish_sort_key(text: str | None) -> str:
    """A sort key that orders names the Swedish way, case-insensitively."""
    return (text or "").lower().translate(_SWEDISH)


def escape(text: str | None) -> str:
    """Escape user text for Slack mrkdwn so `<!channel>` or `<@U1>` never pings anyone."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


DEFAULT_NETWORK = "Chefsnätverket"


def genitive(name: str) -> str:
    """The Swedish genitive of a name: "Chefsnätverkets", "Guldlänkens", "Unga vuxnas"; no extra
    s after s, x or z ("Fyrhus", not "Fyrhuss")."""
    name = name.strip()
    return name if name[-1:].lower() in {"s", "x", "z"} else name + "s"


class NetworkName(str):
    """A network's name in a text: `{network}` gives it as it is, `{network:genitive}` its
    Swedish genitive ("Guldlänkens träff"); English texts write "the {network} meeting", or
    `{network:omit}` (nothing) where they say "the network's" and the Swedish names it."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec == "omit":
            return ""
        return genitive(self) if spec == "genitive" else format(str(self), spec)


def network_names(name: str | None, *, mrkdwn: bool = True) -> dict[str, NetworkName]:
    """The `{network}` placeholder of a text about a network, filled with its own name (escaped
    for mrkdwn unless `mrkdwn` is False: headers, files, titles); the first network's name
    ("Chefsnätverket") when it has none."""
    name = (name or "").strip() or DEFAULT_NETWORK
    return {"network": NetworkName(escape(name) if mrkdwn else name)}


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


def sections(text: str) -> list[Block]:
    """mrkdwn section blocks holding `text`, split with `split_text` at Slack's 3,000 characters."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
        for chunk in split_text(text, MAX_SECTION_TEXT)
    ]


def block_text(node: Any) -> int:
    """Characters of text in a block (or list of blocks): every "text" string, however deep."""
    if isinstance(node, list):
        return sum(block_text(n) for n in node)
    if not isinstance(node, dict):
        return 0
    own = len(node["text"]) if isinstance(node.get("text"), str) else 0
    return own + sum(block_text(v) for v in node.values() if isinstance(v, (dict, list)))


def paginate(blocks: Sequence[Block], room: int, text_room: int = PAGE_TEXT_ROOM) -> list[list[Block]]:
    """`blocks` in order over pages of at most `room` blocks and `text_room` characters of text
    each (always at least one page).

    A divider is kept with what follows it, so no page ends on a lone rule.
    """
    pages: list[list[Block]] = [[]]
    text = 0
    for i, block in enumerate(blocks):
        page = pages[-1]
        size = block_text(block)
        lone_divider = (
            block["type"] == "divider"
            and i + 1 < len(blocks)
            and (len(page) == room - 1 or text + block_text(blocks[i + 1]) > text_room)
        )
        if page and (len(page) >= room or lone_divider or text + size > text_room):
            pages.append([])
            text = 0
        pages[-1].append(block)
        text += size
    return pages


def mark_continued(
    pages: Sequence[Sequence[Block]],
    marker: Callable[[int, int], str],
    first: Sequence[Block] = (),
) -> list[list[Block]]:
    """Each page's message blocks: `first` before page 1, and before every later page a context
    block with `marker(part, parts)` (e.g. "(fortsättning 2/3)")."""
    parts = len(pages)
    return [
        [*first, *page]
        if number == 1
        else [{"type": "context", "elements": [{"type": "mrkdwn", "text": marker(number, parts)}]}, *page]
        for number, page in enumerate(pages, start=1)
    ]


def continued_pages(
    blocks: Sequence[Block], marker: Callable[[int, int], str], first: Sequence[Block] = ()
) -> list[list[Block]]:
    """`blocks` over as many messages as Slack's block limit needs: `first` opens the first
    message, and `marker(part, parts)` ("(fortsättning 2/3)") every later one (`mark_continued`)."""
    return mark_continued(paginate(blocks, MAX_MESSAGE_BLOCKS - max(1, len(first))), marker, first)


def truncate_title(title: str, limit: int = MAX_MODAL_TITLE) -> str:
    """A modal title within Slack's 24 characters (titles are ours, never user text)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def from_slack_text(text: str) -> str:
    """Text as the member wrote it, from Slack's encoded form (slash commands, message events).

    Slack encodes `&`, `<` and `>` and turns names into tokens. Tokens with a label become
    that label (`<@U1|anna>` -> `@anna`, `<#C1|plan>` -> `#plan`, `<https://x|x>` -> `https://x`);
    special mentions become their name (`<!channel>` -> `@channel`); a bare user token stays as it
    is (`<@U1>`: no name to show without a Slack call). Stored text is escaped again when posted.
    """

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("!"):
            name = target[1:].split("^", 1)[0]
            if name in {"channel", "here", "everyone"}:
                return "@" + name
            return label or match.group(0)
        if target.startswith(("@", "#")):
            if label:
                return target[0] + label.lstrip("@#")
            return match.group(0)
        if label and label != target and not target.startswith("mailto:"):
            return f"{label} ({target})"
        return label or target

    decoded = _LINK.sub(plain, text)
    return decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
