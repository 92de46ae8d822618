"""Block Kit for the scheduler's meeting messages (invitations, reminders, notices). Pure functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.formatting import escape, format_when, format_when_near, sections
from bot.texts import t

Block = dict[str, Any]
Message = dict[str, Any]


def place_text(place: str | None, lang: str) -> str:
    """ "plats: *Stadshuset*", or that the place will be announced; the place is escaped."""
    return t("scheduler.place", lang, place=escape(place)) if place else t("no_place", lang)


def checkin_button(meeting_id: int, lang: str) -> Block:
    """The actions block with the button that opens the check-in modal for this meeting."""
    return {
        "type": "actions",
        "block_id": "checkin_actions",
        "elements": [
            {
                "type": "button",
                "action_id": ids.CHECKIN_OPEN,
                "style": "primary",
                "text": {"type": "plain_text", "text": t("scheduler.checkin.button", lang)},
                "value": str(meeting_id),
            }
        ],
    }


@dataclass(frozen=True)
class MeetingInfo:
    """What the meeting DMs say about a meeting."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    deadline: dt.datetime
    # When the message is meant to be read (its due time): dates near it are written
    # "i morgon kl. 12.00", "på torsdag kl. 13.00"; without it, in full.
    now: dt.datetime | None = None


def _date(moment: dt.datetime, info: MeetingInfo, tz: ZoneInfo, lang: str) -> str:
    return format_when(moment, tz, lang) if info.now is None else format_when_near(moment, info.now, tz, lang)


def _fmt(info: MeetingInfo, tz: ZoneInfo, lang: str) -> dict[str, str]:
    return {
        "when": _date(info.starts_at, info, tz, lang),
        "deadline": _date(info.deadline, info, tz, lang),
        "place": place_text(info.place, lang),
    }


def build_invitation(info: MeetingInfo, tz: ZoneInfo, lang: str) -> list[Message]:
    """The invitation + check-in prompt DM: time, place, the question, the deadline, a button."""
    f = _fmt(info, tz, lang)
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": t("scheduler.invitation.header", lang)}},
        *sections(t("scheduler.invitation.body", lang, **f)),
        *sections(t("scheduler.checkin.ask", lang)),
        *sections(t("scheduler.checkin.how", lang, **f)),
        checkin_button(info.meeting_id, lang),
    ]
    return [{"text": t("scheduler.invitation.fallback", lang, **f), "blocks": blocks}]


def build_reminder(info: MeetingInfo, tz: ZoneInfo, lang: str, *, last: bool = False) -> list[Message]:
    """A reminder (or the last one) to someone who has not checked in yet."""
    f = _fmt(info, tz, lang)
    key = "scheduler.last_reminder" if last else "scheduler.reminder"
    # The last reminder names the deadline in its first line: the how-to does not repeat it.
    how = "scheduler.checkin.how_short" if last else "scheduler.checkin.how"
    blocks: list[Block] = [
        *sections(t(f"{key}.body", lang, **f)),
        *sections(t(how, lang, **f)),
        checkin_button(info.meeting_id, lang),
    ]
    return [{"text": t(f"{key}.fallback", lang, **f), "blocks": blocks}]


def build_day_of(info: MeetingInfo, tz: ZoneInfo, lang: str) -> list[Message]:
    """The reminder on the day: time and place."""
    f = _fmt(info, tz, lang)
    return [
        {
            "text": t("scheduler.day_of.fallback", lang, **f),
            "blocks": sections(t("scheduler.day_of.body", lang, **f)),
        }
    ]


def build_moved(info: MeetingInfo, tz: ZoneInfo, lang: str, *, checkin_open: bool) -> list[Message]:
    """The meeting has a new time (and perhaps place); the check-in button while it is open."""
    f = _fmt(info, tz, lang)
    blocks = sections(t("scheduler.moved.body", lang, **f))
    if checkin_open:
        blocks += sections(t("scheduler.moved.checkin", lang, **f))
        blocks.append(checkin_button(info.meeting_id, lang))
    return [{"text": t("scheduler.moved.fallback", lang, **f), "blocks": blocks}]


def build_cancelled(starts_at: dt.datetime, tz: ZoneInfo, lang: str) -> list[Message]:
    """The meeting is cancelled."""
    when = format_when(starts_at, tz, lang)
    return [
        {
            "text": t("scheduler.cancelled.fallback", lang, when=when),
            "blocks": sections(t("scheduler.cancelled.body", lang, when=when)),
        }
    ]
