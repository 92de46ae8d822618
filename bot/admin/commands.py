"""`/chefsnatverket` text -> a typed command, or a Swedish explanation with an example. Pure.

The parser knows the words and their shapes (dates, mentions, channels); whether the person may
run the command, and whether the date is still ahead, is decided where the command runs
(bot/admin/service.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.formatting import escape
from bot.texts import t

MAX_PLACE = 500  # Meeting.place
MAX_ORGANISATION = 200  # Organisation.name
EXAMPLE_DAYS_AHEAD = 30  # examples in explanations use a date about a month ahead


@dataclass(frozen=True)
class Help:
    """`hjälp`, `help` or nothing: what the person may do."""


@dataclass(frozen=True)
class PlanMeeting:
    """`träff YYYY-MM-DD HH:MM [plats]`."""

    starts_at: dt.datetime  # aware, in the network's zone
    place: str | None


@dataclass(frozen=True)
class MoveMeeting:
    """`flytta YYYY-MM-DD HH:MM [plats]`: the next meeting; no place keeps the old one."""

    starts_at: dt.datetime
    place: str | None


@dataclass(frozen=True)
class CancelMeeting:
    """`ställ-in [YYYY-MM-DD]`: the next meeting, or the one on that day."""

    on: dt.date | None = None


@dataclass(frozen=True)
class AddMember:
    """`medlem @person Organisation`."""

    user_id: str
    organisation: str
    label: str | None = None  # the name Slack put in the mention, if any


@dataclass(frozen=True)
class RemoveMember:
    """`ta-bort @person`."""

    user_id: str


@dataclass(frozen=True)
class ListMembers:
    """`medlemmar`."""


@dataclass(frozen=True)
class SetChannel:
    """`kanal #kanal`: the organisers' channel."""

    channel_id: str


@dataclass(frozen=True)
class SetMembersChannel:
    """`medlemskanal #kanal`: the members' channel for the network's sammanställning;
    `medlemskanal av`: back to a DM to each member."""

    channel_id: str | None


@dataclass(frozen=True)
class SetSharing:
    """`delning av|på`: whether the members get the network's sammanställning at all."""

    on: bool


@dataclass(frozen=True)
class ShowStatus:
    """`status`."""


@dataclass(frozen=True)
class PostSummary:
    """`sammanfattning`: post the check-in summary now."""


@dataclass(frozen=True)
class ExportCheckins:
    """`export` or `export incheckning`: the check-ins as CSV."""


@dataclass(frozen=True)
class ShowHistory:
    """`historik`: the past meetings' numbers and the chart, run by bot/insights/service.py."""


@dataclass(frozen=True)
class ExportMinutes:
    """`export protokoll [YYYY-MM-DD]`: the minutes draft of that meeting, or of the latest one."""

    on: dt.date | None = None


@dataclass(frozen=True)
class AwardCommand:
    """`guldlanken <rest>`: read by bot/admin/award_commands.py, run by bot/award/service.py."""

    rest: str


@dataclass(frozen=True)
class AwardExport:
    """`export guldlanken <rest>`: run by bot/award/export.py."""

    rest: str


@dataclass(frozen=True)
class AppointOrganiser:
    """`organisatör @person`."""

    user_id: str
    label: str | None = None


@dataclass(frozen=True)
class DismissOrganiser:
    """`organisatör ta-bort @person`: an appointed organiser goes back to being a member."""

    user_id: str


@dataclass(frozen=True)
class ExtractPerson:
    """`utdrag @person`: everything stored about the person, to the samordnare's DM."""

    user_id: str


@dataclass(frozen=True)
class ErasePerson:
    """`glöm @person`: opens the confirmation modal of the erasure."""

    user_id: str


@dataclass(frozen=True)
class ShowAuditLog:
    """`logg`: the last 50 exports, extracts and erasures."""


@dataclass(frozen=True)
class SetPulseAnonymity:
    """`anonym på|av`: whether the "Vill ni träffas igen?" summary shows names."""

    anonymous: bool


Command = (
    Help
    | PlanMeeting
    | MoveMeeting
    | CancelMeeting
    | AddMember
    | RemoveMember
    | ListMembers
    | SetChannel
    | SetMembersChannel
    | SetSharing
    | ShowStatus
    | PostSummary
    | ExportCheckins
    | ShowHistory
    | ExportMinutes
    | AwardCommand
    | AwardExport
    | AppointOrganiser
    | DismissOrganiser
    | ExtractPerson
    | ErasePerson
    | ShowAuditLog
    | SetPulseAnonymity
)


@dataclass(frozen=True)
class ParseError:
    """Why the text is not a command; `message()` gives the explanation with an example.

    `usage` names the command whose example (`admin.usage.<usage>`) the explanation ends with.
    """

    key: str
    usage: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "sv") -> str:
        """The explanation in `lang`; user text in the parameters is escaped."""
        fmt = {k: escape(v) for k, v in self.params.items()}
        if self.usage:
            fmt["usage"] = t(f"admin.usage.{self.usage}", lang, **fmt)
        return t(self.key, lang, **fmt)


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


def _split(text: str) -> tuple[str, str]:
    """The first word and the rest (stripped)."""
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def parse_command(text: str, tz: ZoneInfo, today: dt.date) -> Command | ParseError:
    """Parse the text after `/chefsnatverket`; `today` only dates the examples in explanations."""
    example = {"date": example_date(today).isoformat()}
    word, rest = _split(text)
    kw = keyword(word)
    # "ställ in" and "ta bort" written apart, as Swedish often is.
    if kw == "stall" and keyword(_split(rest)[0]) == "in":
        kw, rest = "stall-in", _split(rest)[1]
    if kw == "ta" and keyword(_split(rest)[0]) == "bort":
        kw, rest = "ta-bort", _split(rest)[1]

    if kw in {"", "hjalp", "help", "?"}:
        return Help()
    if kw in {"traff", "mote"}:
        return _parse_meeting(rest, tz, example, move=False)
    if kw == "flytta":
        return _parse_meeting(rest, tz, example, move=True)
    if kw in {"stall-in", "stallin"}:
        return _parse_cancel(rest, example)
    if kw == "medlem":
        return _parse_add_member(rest, example)
    if kw in {"ta-bort", "tabort"}:
        return _parse_person(rest, example, "ta-bort", lambda uid, _label: RemoveMember(uid))
    if kw in {"medlemmar", "medlemslista"}:
        return ListMembers()
    if kw == "kanal":
        return _parse_channel(rest, example)
    if kw == "medlemskanal":
        return _parse_members_channel(rest, example)
    if kw == "delning":
        return _parse_sharing(rest, example)
    if kw == "status":
        return ShowStatus()
    if kw in {"sammanfattning", "sammanfatta"}:
        return PostSummary()
    if kw in {"historik", "historiken"}:
        return ShowHistory()
    if kw in {"guldlanken", "guldlank"}:
        return AwardCommand(rest)
    if kw == "export":
        return _parse_export(rest, example)
    if kw in {"organisator", "organisatorer", "samordnare"}:
        return _parse_organiser(rest, example)
    if kw == "utdrag":
        return _parse_person(rest, example, "utdrag", lambda uid, _label: ExtractPerson(uid))
    if kw in {"glom", "radera"}:
        return _parse_person(rest, example, "glom", lambda uid, _label: ErasePerson(uid))
    if kw in {"logg", "log"}:
        return ShowAuditLog()
    if kw == "anonym":
        return _parse_anonymity(rest, example)
    return ParseError("admin.parse.unknown", params={"word": word})


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


def _parse_when(
    date_word: str, time_word: str, tz: ZoneInfo, example: dict[str, str], usage: str
) -> dt.datetime | ParseError:
    """`YYYY-MM-DD` and `HH:MM` read in `tz`; refuses dates and times that do not exist."""
    if not date_word:
        return ParseError("admin.parse.date_missing", usage, example)
    day = parse_date(date_word)
    if day is None:
        key = "admin.parse.date_impossible" if _DATE_SHAPE.match(date_word) else "admin.parse.date_invalid"
        return ParseError(key, usage, {"value": date_word, **example})
    if not time_word:
        return ParseError("admin.parse.time_missing", usage, example)
    at = parse_time(time_word)
    if at is None:
        return ParseError("admin.parse.time_invalid", usage, {"value": time_word, **example})
    when = local_instant(day, at, tz)
    if when is None:
        return ParseError("admin.parse.time_skipped", usage, {"value": f"{date_word} {time_word}", **example})
    return when


def _parse_meeting(rest: str, tz: ZoneInfo, example: dict[str, str], *, move: bool) -> Command | ParseError:
    usage = "flytta" if move else "traff"
    date_word, after_date = _split(rest)
    time_word, place_text = _split(after_date)
    when = _parse_when(date_word, time_word, tz, example, usage)
    if isinstance(when, ParseError):
        return when
    place = " ".join(unescape(place_text).split()) or None
    if place is not None and len(place) > MAX_PLACE:
        return ParseError("admin.parse.place_too_long", usage, {"max": str(MAX_PLACE), **example})
    return MoveMeeting(when, place) if move else PlanMeeting(when, place)


def _parse_cancel(rest: str, example: dict[str, str]) -> Command | ParseError:
    if not rest:
        return CancelMeeting()
    word, extra = _split(rest)
    day = parse_date(word)
    if day is None or extra:
        return ParseError("admin.parse.cancel_args", "stall-in", example)
    return CancelMeeting(day)


def _mention(text: str) -> tuple[str, str | None, str] | None:
    """(user id, label, the text after it) when `text` starts with a Slack user mention."""
    found = _MENTION.match(text.strip())
    if found is None:
        return None
    return found.group(1), (found.group(2) or None), text.strip()[found.end() :].strip()


def _person_error(rest: str, example: dict[str, str], usage: str) -> ParseError:
    if not rest:
        return ParseError("admin.parse.mention_missing", usage, example)
    return ParseError("admin.parse.mention_invalid", usage, {"value": _split(rest)[0], **example})


def _parse_person(
    rest: str, example: dict[str, str], usage: str, build: Callable[[str, str | None], Command]
) -> Command | ParseError:
    found = _mention(rest)
    if found is None:
        return _person_error(rest, example, usage)
    user_id, label, after = found
    if after:  # `ta-bort @anna @ben` or a stray word: say what the command takes
        return ParseError("admin.parse.one_person", usage, example)
    return build(user_id, label)


def _parse_add_member(rest: str, example: dict[str, str]) -> Command | ParseError:
    found = _mention(rest)
    if found is None:
        return _person_error(rest, example, "medlem")
    user_id, label, after = found
    organisation = " ".join(unescape(after).split())
    if not organisation:
        return ParseError("admin.parse.organisation_missing", "medlem", example)
    if len(organisation) > MAX_ORGANISATION:
        return ParseError(
            "admin.parse.organisation_too_long", "medlem", {"max": str(MAX_ORGANISATION), **example}
        )
    return AddMember(user_id, organisation, label)


def _channel_id(rest: str, example: dict[str, str], usage: str) -> str | ParseError:
    if not rest:
        return ParseError("admin.parse.channel_missing", usage, example)
    found = _CHANNEL.match(rest)
    if found is None or rest[found.end() :].strip():
        return ParseError("admin.parse.channel_invalid", usage, {"value": _split(rest)[0], **example})
    return found.group(1)


def _parse_channel(rest: str, example: dict[str, str]) -> Command | ParseError:
    channel = _channel_id(rest, example, "kanal")
    return channel if isinstance(channel, ParseError) else SetChannel(channel)


OFF_WORDS = frozenset({"av", "off"})
ON_WORDS = frozenset({"pa", "on"})
NO_CHANNEL_WORDS = OFF_WORDS | {"ingen", "dm"}


def _parse_members_channel(rest: str, example: dict[str, str]) -> Command | ParseError:
    if keyword(rest) in NO_CHANNEL_WORDS:
        return SetMembersChannel(None)
    channel = _channel_id(rest, example, "medlemskanal")
    return channel if isinstance(channel, ParseError) else SetMembersChannel(channel)


def _parse_sharing(rest: str, example: dict[str, str]) -> Command | ParseError:
    word = keyword(rest)
    if word in ON_WORDS | OFF_WORDS:
        return SetSharing(word in ON_WORDS)
    return ParseError("admin.parse.sharing_args", "delning", {"value": rest, **example})


def _parse_export(rest: str, example: dict[str, str]) -> Command | ParseError:
    word, after = _split(rest)
    kw = keyword(word)
    if kw in {"guldlanken", "guldlank"}:
        return AwardExport(after)
    if kw in {"protokoll", "protokollet"}:
        day = parse_date(after) if after else None
        if after and (day is None or len(after.split()) > 1):
            return ParseError("insights.parse.minutes_date", params=example)
        return ExportMinutes(day)
    if kw in {"", "incheckning", "incheckningar", "checkin", "checkins"} and not after:
        return ExportCheckins()
    return ParseError("admin.parse.export_args", "export", {"value": word, **example})


def _parse_organiser(rest: str, example: dict[str, str]) -> Command | ParseError:
    word, after = _split(rest)
    if keyword(word) == "ta" and keyword(_split(after)[0]) == "bort":
        word, after = "ta-bort", _split(after)[1]
    if keyword(word) in {"ta-bort", "tabort"}:
        return _parse_person(after, example, "organisator-ta-bort", lambda uid, _label: DismissOrganiser(uid))
    return _parse_person(rest, example, "organisator", AppointOrganiser)


def _parse_anonymity(rest: str, example: dict[str, str]) -> Command | ParseError:
    setting = keyword(rest)
    if setting in {"pa", "ja", "on"}:
        return SetPulseAnonymity(True)
    if setting in {"av", "nej", "off"}:
        return SetPulseAnonymity(False)
    return ParseError("admin.parse.anonym_args", "anonym", example)
