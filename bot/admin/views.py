"""Pure Block Kit builders for the admin surface: command replies, member list, status,
help, the App Home tab, the admin modals, and the check-in CSV.

Builders take plain data (already read from the database) and return dicts; they escape
every piece of user text they show and keep within Slack's limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.award.decision import HomeDecision
from bot.award.winner_views import build_home_decision
from bot.formatting import (
    MAX_BUTTON_TEXT,
    MAX_FALLBACK_TEXT,
    MAX_MESSAGE_BLOCKS,
    MAX_SECTION_TEXT,
    MAX_VIEW_BLOCKS,
    escape,
    sections,
    truncate_title,
)
from bot.texts import t

Block = dict[str, Any]

# The home board shows at most this many missing names and schedule lines; `status` shows all.
HOME_MAX_MISSING = 25
HOME_MAX_SCHEDULE_LINES = 12

MEMBER_MODE_ADD = "add"
MEMBER_MODE_REMOVE = "remove"


# ---------------------------------------------------------------- data the builders show


@dataclass(frozen=True)
class Person:
    """Someone shown in a list: their stored name (may be unknown) and organisation."""

    user_id: str
    name: str | None
    organisation: str | None = None

    def label(self, with_organisation: bool = False) -> str:
        """The escaped name (a mention when we never learnt it), optionally with the organisation."""
        shown = escape(self.name) if self.name else f"<@{self.user_id}>"
        if with_organisation and self.organisation:
            return f"{shown} ({escape(self.organisation)})"
        return shown


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
    missing: Sequence[Person] = ()
    schedule: Sequence[str] = ()  # mrkdwn lines from bot.admin.status (already safe)
    channel_id: str | None = None
    organisations: int = 0


@dataclass(frozen=True)
class HomeState:
    """Everything the App Home tab shows one person."""

    meeting: MeetingInfo | None
    checkin: str  # "done", "missing" or "not_member"
    award_deadline: str | None = None  # a Swedish day when a Guldlänken round is open
    board: Board | None = None  # only for organisers
    notice: str | None = None  # mrkdwn built by us (user text already escaped)
    award_decision: HomeDecision | None = None  # only for organisers: Guldlänken's *Utse vinnare*


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


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _header(text: str) -> Block:
    return {"type": "header", "text": _plain(text)}  # our own titles, all well under 150


def _button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> Block:
    button: Block = {"type": "button", "text": _plain(text[:MAX_BUTTON_TEXT]), "action_id": action_id}
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


def _limited(items: Sequence[str], most: int, lang: str) -> list[str]:
    """At most `most` items, the rest summarised as "… och N till" (only the home board cuts)."""
    if len(items) <= most:
        return list(items)
    return [*items[:most], t("admin.more_status", lang, count=len(items) - most)]


# ---------------------------------------------------------------- command replies


def build_help(is_organiser: bool, lang: str, date: str, award_date: str) -> dict[str, Any]:
    """`hjälp`: what members can do, and for organisers every admin command with an example."""
    blocks: list[Block] = [_header(t("admin.help.title", lang)), *sections(t("admin.help.member", lang))]
    if is_organiser:
        blocks.append({"type": "divider"})
        blocks += sections(t("admin.help.organiser", lang, date=date, award_date=award_date))
    return {"text": t("admin.help.title", lang), "blocks": blocks}


def build_member_list(groups: Sequence[MemberGroup], organisers: Sequence[str], lang: str) -> dict[str, Any]:
    """`medlemmar`: active members grouped by organisation, then who the organisers are."""
    if not groups:
        text = t("admin.members.empty", lang)
        return {"text": text, "blocks": sections(text)}
    count = sum(len(g.members) for g in groups)
    summary = t("admin.members.summary", lang, count=count, organisations=len(groups))
    blocks: list[Block] = [_header(t("admin.members.title", lang)), *sections(summary)]
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
                    {"type": "mrkdwn", "text": t("admin.members.organisers", lang, people=people)[:3000]}
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


def _board_lines(
    board: Board, lang: str, usage: str, *, most_missing: int, most_schedule: int, one_per_line: bool
) -> list[str]:
    """The status as mrkdwn paragraphs; long lists cut to `most_*` with a visible "… och N till"."""
    paragraphs = [_meeting_line(board, lang, usage)]
    if board.meeting is not None:
        paragraphs.append(_count_line(board, lang))
        if board.missing:
            names = [p.label(with_organisation=True) for p in board.missing]
            shown = _limited(names, most_missing, lang)
            # The full list (status) goes one name a line, so a long one splits between names.
            joined = "".join(f"\n• {n}" for n in shown) if one_per_line else ", ".join(shown)
            paragraphs.append(t("admin.status.missing", lang, names=joined).replace(" \n", "\n"))
        elif board.total:
            paragraphs.append(t("admin.status.all_done", lang))
    if board.schedule:
        lines = _limited(list(board.schedule), most_schedule, lang)
        paragraphs.append("\n".join([t("admin.status.schedule", lang), *lines]))
    else:
        paragraphs.append(t("admin.status.no_schedule", lang))
    paragraphs.append(_channel_line(board, lang))
    return paragraphs


def build_status(board: Board, lang: str, usage: str) -> dict[str, Any]:
    """`status`: the full board, every missing name and every schedule line (split across blocks)."""
    everything = len(board.missing) + len(board.schedule)
    paragraphs = _board_lines(
        board, lang, usage, most_missing=everything, most_schedule=everything, one_per_line=True
    )
    blocks: list[Block] = [_header(t("admin.status.title", lang))]
    for paragraph in paragraphs:
        blocks += sections(paragraph)
    return {"text": _fallback(paragraphs[0]), "blocks": fit_message(blocks, lang)}


# ---------------------------------------------------------------- App Home


def _checkin_text(state: HomeState, lang: str) -> str:
    meeting = state.meeting
    assert meeting is not None
    if state.checkin == "not_member":
        return t("home.checkin.not_member", lang)
    if not meeting.checkin_open:
        key = "home.checkin.closed_done" if state.checkin == "done" else "home.checkin.closed_missing"
        return t(key, lang, deadline=meeting.deadline)
    key = "home.checkin.done" if state.checkin == "done" else "home.checkin.missing"
    return t(key, lang, deadline=meeting.deadline)


def _member_blocks(state: HomeState, lang: str) -> list[Block]:
    blocks: list[Block] = []
    if state.meeting is None:
        blocks += sections(t("home.no_meeting", lang))
    else:
        place = escape(state.meeting.place) if state.meeting.place else t("no_place", lang)
        blocks += sections(t("home.meeting", lang, when=state.meeting.when, place=place))
        # An organiser who is not a member has no check-in; "not on the list" would only confuse.
        if not (state.checkin == "not_member" and state.board is not None):
            blocks += sections(_checkin_text(state, lang))
        if state.checkin != "not_member" and state.meeting.checkin_open:
            label = "home.button.edit_checkin" if state.checkin == "done" else "home.button.checkin"
            style = None if state.checkin == "done" else "primary"
            blocks.append(
                {
                    "type": "actions",
                    "block_id": "home_checkin",
                    "elements": [_button(t(label, lang), ids.CHECKIN_OPEN, str(state.meeting.id), style)],
                }
            )
    blocks.append({"type": "divider"})
    if state.award_deadline:
        blocks += sections(t("home.award.open", lang, day=state.award_deadline))
        blocks.append(
            {
                "type": "actions",
                "block_id": "home_award",
                "elements": [_button(t("home.button.nominate", lang), ids.AWARD_NOMINATE_OPEN, "home")],
            }
        )
    else:
        blocks += sections(t("home.award.closed", lang))
    return blocks


def _organiser_blocks(board: Board, lang: str, usage: str) -> list[Block]:
    blocks: list[Block] = [{"type": "divider"}, _header(t("home.admin.title", lang))]
    paragraphs = _board_lines(
        board,
        lang,
        usage,
        most_missing=HOME_MAX_MISSING,
        most_schedule=HOME_MAX_SCHEDULE_LINES,
        one_per_line=False,
    )
    paragraphs.insert(-1, t("home.admin.members", lang, count=board.total, organisations=board.organisations))
    for paragraph in paragraphs:
        blocks += sections(paragraph)
    # The summary button is always there: with no meeting coming it posts the latest one's,
    # and when there is nothing to post the service says why.
    buttons = [
        _button(t("home.button.plan", lang), ids.ADMIN_PLAN_OPEN, "home", "primary"),
        _button(t("home.button.members", lang), ids.ADMIN_MEMBERS_OPEN, "home"),
        _button(t("home.button.settings", lang), ids.ADMIN_SETTINGS_OPEN, "home"),
        _button(t("home.button.post_summary", lang), ids.ADMIN_POST_SUMMARY, "home"),
    ]
    blocks.append({"type": "actions", "block_id": "home_admin", "elements": buttons})
    return blocks


def build_home(state: HomeState, lang: str, usage: str = "") -> dict[str, Any]:
    """The App Home view: next meeting, own check-in, Guldlänken; organisers also the board and
    admin buttons. Long lists are cut on the board (see HOME_MAX_*) so the view stays far below
    Slack's 100 blocks; `/chefsnatverket status` shows them whole."""
    blocks: list[Block] = [_header(t("home.title", lang))]
    if state.notice:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": state.notice[:3000]}]})
    blocks += _member_blocks(state, lang)
    if state.board is not None:
        blocks += _organiser_blocks(state.board, lang, usage)
    if state.award_decision is not None:
        blocks += build_home_decision(state.award_decision, lang)
    return {"type": "home", "blocks": fit_message(blocks, lang, MAX_VIEW_BLOCKS)}


# ---------------------------------------------------------------- admin modals


def _modal(
    callback_id: str, title: str, blocks: list[Block], lang: str, submit: str | None
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(truncate_title(title)),
        "close": _plain(truncate_title(t("admin.modal.close", lang))),
        "blocks": blocks,
    }
    if submit:
        view["submit"] = _plain(truncate_title(submit))
    return view


def _input(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": {**element, "action_id": ids.ADMIN_INPUT},
        "optional": optional,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def build_refusal_modal(text: str, lang: str) -> dict[str, Any]:
    """A modal that only explains why the person cannot do this (no inputs, no submit)."""
    return _modal("admin_refusal", t("admin.modal.refusal.title", lang), sections(text), lang, None)


def build_plan_modal(lang: str, initial_date: str | None = None) -> dict[str, Any]:
    """Plan a meeting: date, time and (optional) place; submitted to the same service as `träff`."""
    datepicker: Block = {"type": "datepicker"}
    if initial_date:
        datepicker["initial_date"] = initial_date
    blocks = [
        *sections(t("admin.modal.plan.intro", lang)),
        _input(ids.ADMIN_PLAN_DATE, t("admin.modal.plan.date", lang), datepicker),
        _input(
            ids.ADMIN_PLAN_TIME,
            t("admin.modal.plan.time", lang),
            {"type": "timepicker", "initial_time": "13:00"},
        ),
        _input(
            ids.ADMIN_PLAN_PLACE,
            t("admin.modal.plan.place", lang),
            {"type": "plain_text_input", "max_length": 500},
            optional=True,
            hint=t("admin.modal.plan.place_hint", lang),
        ),
    ]
    return _modal(
        ids.ADMIN_PLAN_MODAL,
        t("admin.modal.plan.title", lang),
        blocks,
        lang,
        t("admin.modal.plan.submit", lang),
    )


def build_members_modal(lang: str, member_count: int) -> dict[str, Any]:
    """Add, move or remove one member: person, organisation, and what to do."""
    add = {"text": _plain(t("admin.modal.members.add", lang)), "value": MEMBER_MODE_ADD}
    remove = {"text": _plain(t("admin.modal.members.remove", lang)), "value": MEMBER_MODE_REMOVE}
    blocks = [
        *sections(t("admin.modal.members.intro", lang, count=member_count)),
        _input(ids.ADMIN_MEMBER_USER, t("admin.modal.members.person", lang), {"type": "users_select"}),
        _input(
            ids.ADMIN_MEMBER_ORGANISATION,
            t("admin.modal.members.organisation", lang),
            {"type": "plain_text_input", "max_length": 200},
            optional=True,
            hint=t("admin.modal.members.organisation_hint", lang),
        ),
        _input(
            ids.ADMIN_MEMBER_MODE,
            t("admin.modal.members.mode", lang),
            {"type": "radio_buttons", "options": [add, remove], "initial_option": add},
        ),
    ]
    return _modal(
        ids.ADMIN_MEMBERS_MODAL,
        t("admin.modal.members.title", lang),
        blocks,
        lang,
        t("admin.modal.members.submit", lang),
    )


def build_settings_modal(
    lang: str, channel_id: str | None, appointed: Sequence[str], bootstrap: Sequence[str]
) -> dict[str, Any]:
    """The organisers' channel and the appointed organisers (the ORGANISERS setting shown, not editable)."""
    channel: Block = {
        "type": "conversations_select",
        "filter": {
            "include": ["public", "private"],
            "exclude_bot_users": True,
            "exclude_external_shared_channels": True,
        },
    }
    if channel_id:
        channel["initial_conversation"] = channel_id
    people: Block = {"type": "multi_users_select"}
    if appointed:
        people["initial_users"] = list(appointed)
    blocks = [
        _input(
            ids.ADMIN_SETTINGS_CHANNEL,
            t("admin.modal.settings.channel", lang),
            channel,
            optional=True,
            hint=t("admin.modal.settings.channel_hint", lang),
        ),
        _input(
            ids.ADMIN_SETTINGS_ORGANISERS,
            t("admin.modal.settings.organisers", lang),
            people,
            optional=True,
            hint=t("admin.modal.settings.organisers_hint", lang),
        ),
    ]
    if bootstrap:
        mentions = ", ".join(f"<@{uid}>" for uid in bootstrap)
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": t("admin.modal.settings.bootstrap", lang, people=mentions)[:3000],
                    }
                ],
            }
        )
    return _modal(
        ids.ADMIN_SETTINGS_MODAL,
        t("admin.modal.settings.title", lang),
        blocks,
        lang,
        t("admin.modal.settings.submit", lang),
    )


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
