"""Pure builders that word the organisers' outcomes: the answer to `/chefsnatverket …` and the
notice the Home tab shows after a modal or a button."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bot.admin import views
from bot.admin.commands import ParseError
from bot.admin.service import (
    ExportSent,
    HelpShown,
    MemberList,
    Outcome,
    Said,
    StatusShown,
    SummaryPosted,
)
from bot.checkin import sharing
from bot.formatting import escape, format_when
from bot.insights.service import HistorySent, MinutesSent
from bot.meeting import members, service
from bot.meeting.service import MeetingTimes
from bot.privacy.replies import OUTCOMES as PRIVACY_OUTCOMES
from bot.privacy.replies import build_privacy_reply
from bot.texts import t


def _place(place: str | None, lang: str) -> str:
    return escape(place) if place else t("no_place", lang)


def _invitation_line(meeting: MeetingTimes, tz: ZoneInfo, lang: str) -> str:
    if meeting.invitation_at is not None:
        return t("admin.invitation_at", lang, when=format_when(meeting.invitation_at, tz, lang))
    return t("admin.invitation_soon", lang)


def _meeting_lines(outcome: Outcome, tz: ZoneInfo, lang: str) -> list[str] | None:
    def when(moment: dt.datetime) -> str:
        return format_when(moment, tz, lang)

    match outcome:
        case service.Planned(meeting):
            return [
                t("admin.planned", lang, when=when(meeting.starts_at), place=_place(meeting.place, lang)),
                _invitation_line(meeting, tz, lang),
                t("admin.deadline", lang, when=when(meeting.deadline)),
            ]
        case service.Moved(old, meeting, invited):
            moved = t(
                "admin.moved",
                lang,
                old=when(old),
                when=when(meeting.starts_at),
                place=_place(meeting.place, lang),
            )
            told = t("admin.moved.told", lang) if invited else _invitation_line(meeting, tz, lang)
            return [moved, told, t("admin.deadline", lang, when=when(meeting.deadline))]
        case service.NotMoved(starts_at, place):
            return [t("admin.moved.unchanged", lang, when=when(starts_at), place=_place(place, lang))]
        case service.Cancelled(starts_at, invited):
            told = t("admin.cancelled.told" if invited else "admin.cancelled.nobody", lang)
            return [t("admin.cancelled", lang, when=when(starts_at)), told]
    return None


def _member_lines(outcome: Outcome, tz: ZoneInfo, lang: str) -> list[str] | None:
    match outcome:
        case members.MemberAdded():
            organisation = escape(outcome.organisation)
            lines = [
                t(
                    f"admin.member.{outcome.change.value}",
                    lang,
                    person=outcome.person.label(),
                    organisation=organisation,
                    before=escape(outcome.before) if outcome.before else "",
                )
            ]
            if outcome.new_organisation:
                lines.append(t("admin.member.new_organisation", lang, organisation=organisation))
            if outcome.invite_next is not None:
                lines.append(
                    t("admin.member.invite_next", lang, when=format_when(outcome.invite_next, tz, lang))
                )
            return lines
        case members.MemberRemoved(person):
            return [t("admin.member.removed", lang, person=person.label())]
        case members.OrganiserAppointed(person, already):
            key = "admin.organiser.already" if already else "admin.organiser.appointed"
            return [t(key, lang, person=person.label())]
        case members.OrganiserDismissed(person):
            return [t("admin.organiser.dismissed", lang, person=person.label())]
        case members.ChannelSet(channel_id, app_in_channel):
            lines = [t("admin.channel.set", lang, channel_id=channel_id)]
            if app_in_channel is False:
                lines.append(t("admin.channel.invite", lang))
            return lines
        case sharing.MembersChannelSet(channel_id, app_in_channel):
            if channel_id is None:
                return [t("admin.members_channel.cleared", lang)]
            lines = [t("admin.members_channel.set", lang, channel_id=channel_id)]
            if app_in_channel is False:
                lines.append(t("admin.channel.invite", lang))
            return lines
        case sharing.SharingSet(on):
            return [t("admin.sharing.on" if on else "admin.sharing.off", lang)]
    return None


def reply_text(outcome: Outcome | members.SettingsSaved, tz: ZoneInfo, lang: str) -> str:
    """The Swedish (or English) answer for an outcome that is only text."""
    if isinstance(outcome, members.SettingsSaved):
        return t("admin.settings.saved", lang)
    lines = _meeting_lines(outcome, tz, lang) or _member_lines(outcome, tz, lang)
    if lines is not None:
        return "\n".join(lines)
    match outcome:
        case SummaryPosted(starts_at, channel_id):
            return t(
                "admin.summary.posted", lang, when=format_when(starts_at, tz, lang), channel_id=channel_id
            )
        case ExportSent(count):
            return t("admin.export.done", lang, count=count)
        case HistorySent(held, cancelled):
            if held:
                return t("insights.history.sent", lang, held=held)
            return t("insights.history.sent_no_chart" if cancelled else "insights.history.none", lang)
        case MinutesSent(starts_at):
            return t("insights.minutes.sent", lang, when=format_when(starts_at, tz, lang))
        case Said(text):
            return text
        case service.Refused() | ParseError():
            return outcome.message(lang)
    return t("error.generic", lang)  # Failed: the failure is logged where it happened


def build_reply(outcome: Outcome, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    """Keyword arguments for `ack`/`respond`: the ephemeral answer to a command."""
    if isinstance(outcome, PRIVACY_OUTCOMES):
        return build_privacy_reply(outcome, tz, lang)
    match outcome:
        case HelpShown(organiser, date, award_date, months, network):
            message = views.build_help(
                organiser, lang, date=date, award_date=award_date, months=months, network=network
            )
        case MemberList(groups, organisers, network):
            message = views.build_member_list(groups, organisers, lang, network)
        case StatusShown(board, usage):
            message = views.build_status(board, lang, usage)
        case _:
            return {"text": reply_text(outcome, tz, lang), "response_type": "ephemeral"}
    return {"text": message["text"], "response_type": "ephemeral", "blocks": message["blocks"]}
