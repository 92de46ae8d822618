"""Block Kit for the scheduler's meeting messages (invitations, reminders, notices). Pure functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.attendance.views import rsvp_blocks
from bot.formatting import (
    DEFAULT_NETWORK,
    escape,
    format_when,
    format_when_for,
    network_names,
    sections,
)
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
    # The network's own name, said in the texts ("Välkommen till Guldlänkens träff").
    network: str = DEFAULT_NETWORK


def _fmt(info: MeetingInfo, tz: ZoneInfo, lang: str) -> dict[str, str]:
    return {
        "when": format_when_for(info.starts_at, tz, lang, info.now),
        "deadline": format_when_for(info.deadline, tz, lang, info.now),
        "place": place_text(info.place, lang),
        **network_names(info.network),
    }


def build_invitation(
    info: MeetingInfo,
    tz: ZoneInfo,
    lang: str,
    *,
    answer: str | None = None,
    deputy: str | None = None,
    checkin_open: bool = True,
) -> list[Message]:
    """The invitation DM: time and place, kommer / kan inte / ersättare (the current `answer`
    highlighted), then the check-in question, the deadline and its button while it is open."""
    f = _fmt(info, tz, lang)
    blocks: list[Block] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": t("scheduler.invitation.header", lang, **network_names(info.network, mrkdwn=False)),
            },
        },
        *sections(t("scheduler.invitation.body", lang, **f)),
        *rsvp_blocks(info.meeting_id, answer, deputy, lang),
    ]
    if checkin_open:
        blocks += [
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


def build_moved(
    info: MeetingInfo,
    tz: ZoneInfo,
    lang: str,
    *,
    checkin_open: bool,
    answer: str | None = None,
    deputy: str | None = None,
    ask_answer: bool = False,
) -> list[Message]:
    """The meeting has a new time (and perhaps place); a member is asked to confirm their answer
    (kept from before) with the answer buttons; the check-in button while it is open."""
    f = _fmt(info, tz, lang)
    blocks = sections(t("scheduler.moved.body", lang, **f))
    if ask_answer:
        if answer is not None:
            blocks += sections(t("attendance.moved.confirm", lang))
        blocks += rsvp_blocks(info.meeting_id, answer, deputy, lang)
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


def build_deputy_invitation(
    info: MeetingInfo, member: str, organisation: str | None, tz: ZoneInfo, lang: str, *, checkin_open: bool
) -> list[Message]:
    """The ersättare's own invitation: who asked them, time and place, and the check-in for the
    organisation while it is open (`member` and `organisation` are escaped here)."""
    f = _fmt(info, tz, lang)
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": t("attendance.deputy.header", lang)}},
        *sections(t("attendance.deputy.body", lang, member=escape(member), **f)),
    ]
    if checkin_open:
        org = escape(organisation) if organisation else escape(member)
        blocks += sections(t("attendance.deputy.checkin", lang, organisation=org, **f))
        blocks.append(checkin_button(info.meeting_id, lang))
    return [{"text": t("attendance.deputy.fallback", lang, **f), "blocks": blocks}]


def build_deputy_released(starts_at: dt.datetime, tz: ZoneInfo, lang: str) -> list[Message]:
    """To an ersättare no longer needed: the member changed their answer."""
    when = format_when(starts_at, tz, lang)
    return [
        {
            "text": t("attendance.released.fallback", lang, when=when),
            "blocks": sections(t("attendance.released.body", lang, when=when)),
        }
    ]


def build_save_the_date(
    info: MeetingInfo, invitation_at: dt.datetime, tz: ZoneInfo, lang: str
) -> list[Message]:
    """Save the date: a meeting planned far ahead, when its invitation comes (the file follows)."""
    f = _fmt(info, tz, lang)
    invitation = format_when(invitation_at, tz, lang)
    blocks: list[Block] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": t("attendance.save_the_date.header", lang)},
        },
        *sections(t("attendance.save_the_date.body", lang, invitation=invitation, **f)),
    ]
    return [{"text": t("attendance.save_the_date.fallback", lang, **f), "blocks": blocks}]
