"""Pure Block Kit builders for the App Home tab: the next meeting, one's own check-in,
Guldlänken, and for organisers the board and the admin buttons."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.admin.replies import reply_text
from bot.admin.views import Block, Board, MeetingInfo, board_lines, button, fit_message, header
from bot.attendance.views import rsvp_blocks
from bot.award.winner_views import build_home_decision
from bot.checkin.views import withdraw_button
from bot.formatting import MAX_CONTEXT_TEXT, MAX_VIEW_BLOCKS, escape, network_names, sections
from bot.home.modals import (
    build_admin_modal,
    build_members_modal,
    build_modal_errors,
    build_plan_modal,
    build_refusal_modal,
    build_settings_modal,
)
from bot.home.service import HOME_MAX_MISSING, HomeScreen, HomeState
from bot.insights.views import history_home_blocks
from bot.privacy.views import about_blocks
from bot.texts import t

__all__ = [  # the modal builders are part of the Home surface too
    "Board",
    "HomeState",
    "MeetingInfo",
    "build_admin_modal",
    "build_home",
    "build_home_screen",
    "build_members_modal",
    "build_modal_errors",
    "build_plan_modal",
    "build_refusal_modal",
    "build_settings_modal",
]

# The home board shows at most this many schedule lines (and HOME_MAX_MISSING missing names);
# `status` shows all.
HOME_MAX_SCHEDULE_LINES = 12
HOME_TZ = ZoneInfo("Europe/Stockholm")  # the network's zone when a caller gives none


def _checkin_text(state: HomeState, lang: str) -> str:
    meeting = state.meeting
    assert meeting is not None
    if state.checkin == "not_member":
        return t("home.checkin.not_member", lang, **network_names(state.network))
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
        if state.rsvp is not None:
            blocks += rsvp_blocks(state.rsvp.meeting_id, state.rsvp.answer, state.rsvp.deputy_user_id, lang)
        # An organiser who is not a member has no check-in; "not on the list" would only confuse.
        if not (state.checkin == "not_member" and state.board is not None):
            blocks += sections(_checkin_text(state, lang))
        if state.checkin != "not_member" and state.meeting.checkin_open:
            label = "home.button.edit_checkin" if state.checkin == "done" else "home.button.checkin"
            style = None if state.checkin == "done" else "primary"
            elements = [button(t(label, lang), ids.CHECKIN_OPEN, str(state.meeting.id), style)]
            if state.checkin == "done" and state.checkin_id is not None:
                elements.append(withdraw_button(state.checkin_id, state.meeting.deadline, lang))
            blocks.append({"type": "actions", "block_id": "home_checkin", "elements": elements})
    blocks.append({"type": "divider"})
    if state.award_deadline:
        blocks += sections(t("home.award.open", lang, day=state.award_deadline))
        blocks.append(
            {
                "type": "actions",
                "block_id": "home_award",
                "elements": [button(t("home.button.nominate", lang), ids.AWARD_NOMINATE_OPEN, "home")],
            }
        )
    else:
        blocks += sections(t("home.award.closed", lang))
    return blocks


def _organiser_blocks(board: Board, lang: str, usage: str) -> list[Block]:
    blocks: list[Block] = [{"type": "divider"}, header(t("home.admin.title", lang))]
    paragraphs = board_lines(
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
        button(t("home.button.plan", lang), ids.ADMIN_PLAN_OPEN, "home", "primary"),
        button(t("home.button.members", lang), ids.ADMIN_MEMBERS_OPEN, "home"),
        button(t("home.button.settings", lang), ids.ADMIN_SETTINGS_OPEN, "home"),
        button(t("home.button.post_summary", lang), ids.ADMIN_POST_SUMMARY, "home"),
    ]
    blocks.append({"type": "actions", "block_id": "home_admin", "elements": buttons})
    return blocks


def build_home(state: HomeState, lang: str, usage: str = "", tz: ZoneInfo = HOME_TZ) -> dict[str, Any]:
    """The App Home view: next meeting, own check-in, Guldlänken; organisers also the board and
    admin buttons. Long lists are cut on the board (see HOME_MAX_*) so the view stays far below
    Slack's 100 blocks; `/chefsnatverket status` shows them whole."""
    blocks: list[Block] = [header(t("home.title", lang))]
    if state.notice:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": state.notice[:MAX_CONTEXT_TEXT]}]}
        )
    blocks += _member_blocks(state, lang)
    if state.board is not None:
        blocks += _organiser_blocks(state.board, lang, usage)
    if state.history is not None:
        blocks += history_home_blocks(state.history, tz, lang)
    if state.award_decision is not None:
        blocks += build_home_decision(state.award_decision, lang)
    blocks += [{"type": "divider"}, *about_blocks(state.retention_months, lang)]
    return {"type": "home", "blocks": fit_message(blocks, lang, MAX_VIEW_BLOCKS)}


def build_home_screen(screen: HomeScreen, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    """The Home tab with the outcome of what the person just did worded above it."""
    state = screen.state
    if screen.notice is not None:
        notice = reply_text(screen.notice, tz, lang)
        if screen.ask_invite:
            notice = f"{notice}\n{t('admin.channel.invite', lang)}"
        state = replace(state, notice=notice)
    return build_home(state, lang, screen.usage, tz)
