"""The typed commands `/chefsnatverket` text becomes, and the explanation when it becomes none.

The grammar that reads the text is bot/admin/grammar.py (the shapes of its words are in
bot/admin/words.py); whether the person may run the command, and whether the date is still
ahead, is decided where the command runs (bot/admin/service.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.formatting import escape
from bot.texts import t

MAX_PLACE = 500  # Meeting.place
MAX_ORGANISATION = 200  # Organisation.name


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
