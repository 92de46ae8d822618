"""Pure Block Kit builders for the admin surface: command replies, member list, status,
help, and the check-in CSV (the Home tab and its modals are in bot/home/views.py).

Builders take plain data (already read from the database) and return dicts; they escape
every piece of user text they show and keep within Slack's limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from bot.attendance.views import OrgAttendance, attendance_paragraph
from bot.formatting import (
    DEFAULT_NETWORK,
    MAX_BUTTON_TEXT,
    MAX_CONTEXT_TEXT,
    MAX_FALLBACK_TEXT,
    MAX_MESSAGE_BLOCKS,
    MAX_SECTION_TEXT,
    escape,
    network_names,
    sections,
)
from bot.meeting.people import Person
from bot.texts import t

Block = dict[str, Any]


# ---------------------------------------------------------------- data the builders show


@dataclass(frozen=True)
class MeetingInfo:
    """The next meeting as people see it: Swedish date, place, check-in deadline."""

    id: int
    when: str
    place: str | None
    deadline: str
    checkin_open: bool


@dataclass(frozen=True)
class Board:
    """The organisers' status: next meeting, who has checked in, what is sent next."""

    meeting: MeetingInfo | None
    done: int = 0
    total: int = 0
    missing: Sequence[Person] = ()  # all of them, or the first ones (see missing_count)
    missing_count: int | None = None  # how many are missing (None: as many as `missing`)
    schedule: Sequence[str] = ()  # mrkdwn lines from bot.admin.status (already safe)
    channel_id: str | None = None
    organisations: int = 0
    attendance: Sequence[OrgAttendance] = ()  # answers to the invitation, per organisation
    network: str = DEFAULT_NETWORK  # the network's name, in the title


@dataclass(frozen=True)
class CsvRow:
    """One check-in in the export."""

    organisation: str | None
    name: str | None
    occupying: str
    changes: str | None
    support: str | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class MemberGroup:
    """An organisation and its active members, for `medlemmar`."""

    organisation: str | None
    members: Sequence[Person] = field(default_factory=tuple)


# ---------------------------------------------------------------- small block helpers


def plain_text(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def header(text: str) -> Block:
    return {"type": "header", "text": plain_text(text)}  # our own titles, all well under 150


def button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> Block:
    button: Block = {"type": "button", "text": plain_text(text[:MAX_BUTTON_TEXT]), "action_id": action_id}
    if value is not None:
        button["value"] = value
    if style:
        button["style"] = style
    return button


def _fallback(text: str) -> str:
    """Notification text: the first lines, within Slack's limit."""
    return text if len(text) <= MAX_FALLBACK_TEXT else text[: MAX_FALLBACK_TEXT - 1] + "…"


def fit_message(blocks: list[Block], lang: str, limit: int = MAX_MESSAGE_BLOCKS) -> list[Block]:
    """Keep a message within `limit` blocks: first merge neighbouring sections, then, only if that
    is not enough, end with a visible note of how much was left out (never cut silently)."""
    if len(blocks) <= limit:
        return blocks
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and block.get("type") == "section"
            and previous.get("type") == "section"
            and "accessory" not in previous
            and "accessory" not in block
            and "text" in block
            and "text" in previous
            and len(previous["text"]["text"]) + len(block["text"]["text"]) + 1 <= MAX_SECTION_TEXT
        ):
            previous["text"] = {
                "type": "mrkdwn",
                "text": previous["text"]["text"] + "\n" + block["text"]["text"],
            }
            continue
        merged.append(dict(block))
    if len(merged) <= limit:
        return merged
    kept = merged[: limit - 1]
    left = len(merged) - len(kept)
    return [
        *kept,
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t("admin.truncated", lang, count=left)}]},
    ]


def _limited(items: Sequence[str], most: int, lang: str, total: int | None = None) -> list[str]:
    """At most `most` items, the rest (of `total`, when more than the items given) summarised as
    "… och N till" (only the home board cuts)."""
    total = len(items) if total is None else max(total, len(items))
    if total <= most:
        return list(items)
    return [*items[:most], t("admin.more_status", lang, count=total - min(most, len(items)))]


# ---------------------------------------------------------------- command replies


def build_help(
    is_organiser: bool,
    lang: str,
    date: str,
    award_date: str,
    months: int = 24,
    network: str = DEFAULT_NETWORK,
) -> dict[str, Any]:
    """`hjälp`: what members can do, for organisers every admin command with an example, and for
    everyone Om dina uppgifter (what is stored, who reads it, how long)."""
    title = header(t("admin.help.title", lang, **network_names(network, mrkdwn=False)))
    blocks: list[Block] = [title, *sections(t("admin.help.member", lang))]
    if is_organiser:
        blocks.append({"type": "divider"})
        blocks += sections(t("admin.help.organiser", lang, date=date, award_date=award_date))
        blocks += sections(t("privacy.help.organiser", lang))
    blocks.append({"type": "divider"})
    blocks += [
        header(t("privacy.about.title", lang)),
        *sections(t("privacy.about.body", lang, months=months)),
    ]
    return {"text": t("admin.help.title", lang, **network_names(network)), "blocks": blocks}


def build_member_list(
    groups: Sequence[MemberGroup], organisers: Sequence[str], lang: str, network: str = DEFAULT_NETWORK
) -> dict[str, Any]:
    """`medlemmar`: active members grouped by organisation, then who the organisers are."""
    if not groups:
        text = t("admin.members.empty", lang)
        return {"text": text, "blocks": sections(text)}
    count = sum(len(g.members) for g in groups)
    summary = t("admin.members.summary", lang, count=count, organisations=len(groups))
    heading = header(t("admin.members.title", lang, **network_names(network, mrkdwn=False)))
    blocks: list[Block] = [heading, *sections(summary)]
    for group in groups:
        title = escape(group.organisation) if group.organisation else t("admin.members.no_organisation", lang)
        lines = [f"*{title}* ({len(group.members)})"] + [f"• {p.label()}" for p in group.members]
        blocks += sections("\n".join(lines))
    if organisers:
        people = ", ".join(f"<@{uid}>" for uid in organisers)
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": t("admin.members.organisers", lang, people=people)[:MAX_CONTEXT_TEXT],
                    }
                ],
            }
        )
    return {"text": _fallback(summary), "blocks": fit_message(blocks, lang)}


def _meeting_line(board: Board, lang: str, usage: str) -> str:
    if board.meeting is None:
        return t("admin.status.no_meeting", lang, usage=usage)
    place = escape(board.meeting.place) if board.meeting.place else t("no_place", lang)
    return t("admin.status.meeting", lang, when=board.meeting.when, place=place)


def _count_line(board: Board, lang: str) -> str:
    assert board.meeting is not None
    key = "admin.status.count" if board.meeting.checkin_open else "admin.status.count_closed"
    return t(key, lang, done=board.done, total=board.total, deadline=board.meeting.deadline)


def _channel_line(board: Board, lang: str) -> str:
    if board.channel_id:
        return t("admin.status.channel", lang, channel_id=board.channel_id)
    return t("admin.status.no_channel", lang)


def board_lines(
    board: Board, lang: str, usage: str, *, most_missing: int, most_schedule: int, one_per_line: bool
) -> list[str]:
    """The status as mrkdwn paragraphs; long lists cut to `most_*` with a visible "… och N till"."""
    paragraphs = [_meeting_line(board, lang, usage)]
    if board.meeting is not None:
        paragraphs.append(_count_line(board, lang))
        if board.missing:
            # Only the names shown are formatted (the board may know of 2,000).
            names = [p.label(with_organisation=True) for p in board.missing[:most_missing]]
            count = len(board.missing) if board.missing_count is None else board.missing_count
            shown = _limited(names, most_missing, lang, count)
            # The full list (status) goes one name a line, so a long one splits between names.
            joined = "".join(f"\n• {n}" for n in shown) if one_per_line else ", ".join(shown)
            paragraphs.append(t("admin.status.missing", lang, names=joined).replace(" \n", "\n"))
        elif board.total:
            paragraphs.append(t("admin.status.all_done", lang))
        answers = attendance_paragraph(board.attendance, lang)
        if answers:
            paragraphs.append(answers)
    if board.schedule:
        lines = _limited(list(board.schedule), most_schedule, lang)
        paragraphs.append("\n".join([t("admin.status.schedule", lang), *lines]))
    else:
        paragraphs.append(t("admin.status.no_schedule", lang))
    paragraphs.append(_channel_line(board, lang))
    return paragraphs


def build_status(board: Board, lang: str, usage: str) -> dict[str, Any]:
    """`status`: the full board, every missing name and every schedule line (split across blocks)."""
    everything = max(len(board.missing), board.missing_count or 0) + len(board.schedule)
    paragraphs = board_lines(
        board, lang, usage, most_missing=everything, most_schedule=everything, one_per_line=True
    )
    blocks: list[Block] = [
        header(t("admin.status.title", lang, **network_names(board.network, mrkdwn=False)))
    ]
    for paragraph in paragraphs:
        blocks += sections(paragraph)
    return {"text": _fallback(paragraphs[0]), "blocks": fit_message(blocks, lang)}


# ---------------------------------------------------------------- CSV export


def checkin_export_header(lang: str) -> list[str]:
    """The header row of the check-in export."""
    keys = ("organisation", "name", "occupying", "changes", "support", "updated")
    return [t(f"admin.csv.{key}", lang) for key in keys]


def checkin_export_rows(rows: Sequence[CsvRow], tz: ZoneInfo) -> list[list[str]]:
    """One row per check-in: organisation, name, the three answers, last update in local time.

    bot.csv_export turns these into the file (BOM, `;`, formula-safe cells).
    """
    return [
        [
            row.organisation or "",
            row.name or "",
            row.occupying,
            row.changes or "",
            row.support or "",
            row.updated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        ]
        for row in rows
    ]
