"""`/chefsnatverket` text -> a typed command, or a Swedish explanation with an example. Pure.

The grammar knows the words and their shapes (dates, mentions, channels; bot/admin/words.py) and
builds the commands of bot/admin/commands.py; whether the person may run the command, and whether
the date is still ahead, is decided where the command runs (bot/admin/service.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.admin.commands import (
    MAX_ORGANISATION,
    MAX_PLACE,
    AddMember,
    AppointOrganiser,
    AwardCommand,
    AwardExport,
    CancelMeeting,
    Command,
    DismissOrganiser,
    ErasePerson,
    ExportCheckins,
    ExportMinutes,
    ExtractPerson,
    Help,
    ListMembers,
    MoveMeeting,
    ParseError,
    PlanMeeting,
    PostSummary,
    RemoveMember,
    SetChannel,
    SetMembersChannel,
    SetPulseAnonymity,
    SetSharing,
    ShowAuditLog,
    ShowHistory,
    ShowStatus,
)
from bot.admin.words import (
    channel_mention,
    example_date,
    keyword,
    local_instant,
    looks_like_date,
    mention,
    parse_date,
    parse_time,
    split_word,
    unescape,
)

OFF_WORDS = frozenset({"av", "off"})
ON_WORDS = frozenset({"pa", "on"})
NO_CHANNEL_WORDS = OFF_WORDS | {"ingen", "dm"}


def parse_command(text: str, tz: ZoneInfo, today: dt.date) -> Command | ParseError:
    """Parse the text after `/chefsnatverket`; `today` only dates the examples in explanations."""
    example = {"date": example_date(today).isoformat()}
    word, rest = split_word(text)
    kw = keyword(word)
    # "ställ in" and "ta bort" written apart, as Swedish often is.
    if kw == "stall" and keyword(split_word(rest)[0]) == "in":
        kw, rest = "stall-in", split_word(rest)[1]
    if kw == "ta" and keyword(split_word(rest)[0]) == "bort":
        kw, rest = "ta-bort", split_word(rest)[1]

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


def _parse_when(
    date_word: str, time_word: str, tz: ZoneInfo, example: dict[str, str], usage: str
) -> dt.datetime | ParseError:
    """`YYYY-MM-DD` and `HH:MM` read in `tz`; refuses dates and times that do not exist."""
    if not date_word:
        return ParseError("admin.parse.date_missing", usage, example)
    day = parse_date(date_word)
    if day is None:
        key = "admin.parse.date_impossible" if looks_like_date(date_word) else "admin.parse.date_invalid"
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
    date_word, after_date = split_word(rest)
    time_word, place_text = split_word(after_date)
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
    word, extra = split_word(rest)
    day = parse_date(word)
    if day is None or extra:
        return ParseError("admin.parse.cancel_args", "stall-in", example)
    return CancelMeeting(day)


def _person_error(rest: str, example: dict[str, str], usage: str) -> ParseError:
    if not rest:
        return ParseError("admin.parse.mention_missing", usage, example)
    return ParseError("admin.parse.mention_invalid", usage, {"value": split_word(rest)[0], **example})


def _parse_person(
    rest: str, example: dict[str, str], usage: str, build: Callable[[str, str | None], Command]
) -> Command | ParseError:
    found = mention(rest)
    if found is None:
        return _person_error(rest, example, usage)
    user_id, label, after = found
    if after:  # `ta-bort @anna @ben` or a stray word: say what the command takes
        return ParseError("admin.parse.one_person", usage, example)
    return build(user_id, label)


def _parse_add_member(rest: str, example: dict[str, str]) -> Command | ParseError:
    found = mention(rest)
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
    channel = channel_mention(rest)
    if channel is None:
        return ParseError("admin.parse.channel_invalid", usage, {"value": split_word(rest)[0], **example})
    return channel


def _parse_channel(rest: str, example: dict[str, str]) -> Command | ParseError:
    channel = _channel_id(rest, example, "kanal")
    return channel if isinstance(channel, ParseError) else SetChannel(channel)


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
    word, after = split_word(rest)
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
    word, after = split_word(rest)
    if keyword(word) == "ta" and keyword(split_word(after)[0]) == "bort":
        word, after = "ta-bort", split_word(after)[1]
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
