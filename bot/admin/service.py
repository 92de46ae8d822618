"""The organisers' command `/chefsnatverket`: dispatch of the parsed command to the services,
the lists and the status board it shows, "sammanfattning" now and the check-in export.

Every organiser action checks the right where it runs (bot/meeting/service.py and members.py),
not only by hiding buttons. Services return typed outcomes; bot/admin/replies.py words them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.admin import commands as cmd
from bot.admin import views
from bot.admin.status import load_board, meeting_info
from bot.admin.words import example_date
from bot.award import service as awards
from bot.checkin import sharing
from bot.checkin.summary import post_checkin_summary, swedish_sort_key
from bot.csv_export import csv_bytes, upload_csv
from bot.formatting import DEFAULT_NETWORK
from bot.insights import service as insights
from bot.meeting import members, service
from bot.meeting.people import Person, is_organiser, organiser_ids
from bot.meeting.service import Refused, policy, require_organiser, usage, when
from bot.privacy import service as privacy
from bot.runtime import Runtime
from bot.texts import t
from storage import meetings
from storage.audit import AuditAction
from storage.checkins import checkins_for_meeting, has_checkins
from storage.db import transaction
from storage.members import active_members
from storage.models import Meeting, Member

R = TypeVar("R")

# Commands that call Slack or post/upload: answered "Ett ögonblick …" first, then via response_url.
SLOW_COMMANDS = (
    cmd.AddMember,
    cmd.AppointOrganiser,
    cmd.SetChannel,
    cmd.SetMembersChannel,
    cmd.PostSummary,
    cmd.ExportCheckins,
    cmd.ShowHistory,
    cmd.ExportMinutes,
    cmd.AwardCommand,
    cmd.AwardExport,
    cmd.ExtractPerson,
)
UNREACHABLE_CHANNEL = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


@dataclass(frozen=True)
class Failed:
    """Something went wrong (logged); the person gets the general apology."""


@dataclass(frozen=True)
class Said:
    """An answer another feature already worded (Guldlänken's commands)."""

    text: str


@dataclass(frozen=True)
class HelpShown:
    """`hjälp`: organisers also see the admin commands; dates for the examples."""

    organiser: bool
    date: str
    award_date: str
    retention_months: int = 24
    network: str = DEFAULT_NETWORK


@dataclass(frozen=True)
class MemberList:
    """`medlemmar`: the active members by organisation, and every organiser."""

    groups: tuple[views.MemberGroup, ...]
    organisers: tuple[str, ...]
    network: str = DEFAULT_NETWORK


@dataclass(frozen=True)
class StatusShown:
    """`status`: the organisers' board; `usage` is the example for planning a meeting."""

    board: views.Board
    usage: str


@dataclass(frozen=True)
class SummaryPosted:
    """The check-in summary of the meeting at `starts_at` went to the organisers' channel."""

    starts_at: dt.datetime
    channel_id: str


@dataclass(frozen=True)
class ExportSent:
    """The check-in export (`count` rows) went to the organiser's DM."""

    count: int


Outcome = (
    service.Planned
    | service.Moved
    | service.NotMoved
    | service.Cancelled
    | members.MemberAdded
    | members.MemberRemoved
    | members.OrganiserAppointed
    | members.OrganiserDismissed
    | members.ChannelSet
    | sharing.MembersChannelSet
    | sharing.SharingSet
    | HelpShown
    | MemberList
    | StatusShown
    | SummaryPosted
    | ExportSent
    | insights.HistorySent
    | insights.MinutesSent
    | Said
    | privacy.Outcome
    | Refused
    | cmd.ParseError
    | Failed
)


# ---------------------------------------------------------------- the command entry points


def _guarded(
    runtime: Runtime, command: cmd.Command | cmd.ParseError, work: Callable[[cmd.Command], R]
) -> R | Outcome:
    """`work` on a parsed command; a parse error, a refusal or any failure becomes an outcome
    (so callers never see an exception)."""
    try:
        if isinstance(command, cmd.ParseError):
            return command
        return work(command)
    except Refused as refusal:
        return refusal
    except Exception:
        runtime.logger.exception("admin command failed")
        return Failed()


def quick_reply(
    runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command | cmd.ParseError
) -> Outcome | None:
    """The outcome when it can be given at once (as the HTTP answer); None when the command needs
    slow work, which `run_slow` then does after an interim "Ett ögonblick …". Never raises."""

    def work(parsed: cmd.Command) -> Outcome | None:
        if isinstance(parsed, SLOW_COMMANDS):
            with transaction(runtime.sessions) as session:
                require_organiser(session, runtime, user_id)
                _precheck(session, runtime, parsed)
            return None
        return _run(runtime, user_id, channel_id, parsed)

    return _guarded(runtime, command, work)


def run_slow(
    runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command | cmd.ParseError
) -> Outcome:
    """Do a slow command (Slack look-ups, posting, uploading) and give its outcome. Never raises."""
    return _guarded(runtime, command, lambda parsed: _run(runtime, user_id, channel_id, parsed))


def _precheck(session: Session, runtime: Runtime, command: cmd.Command) -> None:
    """Refusals that need no Slack call, so they come at once instead of after "Ett ögonblick"."""
    if isinstance(command, cmd.PostSummary):
        _summary_target(session, runtime)
    elif isinstance(command, cmd.ExportCheckins):
        _export_meeting(session, runtime)
    elif isinstance(command, cmd.ExportMinutes):
        insights.minutes_meeting(session, runtime, command.on)


def _run(runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command) -> Outcome:
    """Dispatch a parsed command; refusals are turned into outcomes by the callers."""
    match command:
        case cmd.Help():
            return help_shown(runtime, user_id)
        case cmd.PlanMeeting(starts_at, place):
            return service.plan_meeting(runtime, user_id, starts_at, place)
        case cmd.MoveMeeting(starts_at, place):
            return service.move_meeting(runtime, user_id, starts_at, place)
        case cmd.CancelMeeting(on):
            return service.cancel_meeting(runtime, user_id, on)
        case cmd.AddMember(target, organisation, label):
            return members.add_member_from_command(runtime, user_id, target, organisation, label)
        case cmd.RemoveMember(target):
            return members.remove_member(runtime, user_id, target)
        case cmd.ListMembers():
            return member_list(runtime, user_id)
        case cmd.SetChannel(channel):
            return members.set_channel(runtime, user_id, channel)
        case cmd.SetMembersChannel(channel):
            return sharing.set_members_channel(runtime, user_id, channel)
        case cmd.SetSharing(on):
            return sharing.set_sharing(runtime, user_id, on)
        case cmd.ShowStatus():
            return status(runtime, user_id)
        case cmd.PostSummary():
            return post_summary(runtime, user_id)
        case cmd.ExportCheckins():
            return export_checkins(runtime, user_id)
        case cmd.ShowHistory():
            return insights.send_history(runtime, user_id)
        case cmd.ExportMinutes(on):
            return insights.send_minutes(runtime, user_id, on)
        case cmd.AwardCommand(rest):
            return Said(awards.admin_command(runtime, user_id, rest, channel_id))
        case cmd.AwardExport(rest):
            return Said(awards.export_command(runtime, user_id, rest, channel_id))
        case cmd.AppointOrganiser(target, label):
            return members.appoint_organiser(runtime, user_id, target, label)
        case cmd.DismissOrganiser(target):
            return members.dismiss_organiser(runtime, user_id, target)
        case cmd.ExtractPerson(target):
            return privacy.send_extract(runtime, user_id, target)
        case cmd.ErasePerson(target):
            return privacy.preview_erasure(runtime, user_id, target)
        case cmd.ShowAuditLog():
            return privacy.audit_log(runtime, user_id)
        case cmd.SetPulseAnonymity(anonymous):
            return privacy.set_anonymous_pulse(runtime, user_id, anonymous)
    raise AssertionError(f"unhandled command {command!r}")


# ---------------------------------------------------------------- help, lists, status


def _next_award_date(runtime: Runtime) -> dt.date:
    """1 September (the tradition) of this year, or next year once it has passed."""
    today = runtime.now().astimezone(runtime.tz).date()
    september = dt.date(today.year, 9, 1)
    return september if september >= today else dt.date(today.year + 1, 9, 1)


def help_shown(runtime: Runtime, user_id: str) -> HelpShown:
    """`hjälp`: for everyone; organisers also see the admin commands."""
    with transaction(runtime.sessions) as session:
        organiser = is_organiser(session, runtime.settings, user_id)
        network = meetings.get_network(session).name
    today = runtime.now().astimezone(runtime.tz).date()
    return HelpShown(
        organiser,
        example_date(today).isoformat(),
        _next_award_date(runtime).isoformat(),
        runtime.settings.retention_months,
        network,
    )


def _groups(active: list[Member]) -> tuple[views.MemberGroup, ...]:
    groups: dict[str | None, list[Person]] = {}
    for member in active:
        name = member.organisation.name if member.organisation else None
        groups.setdefault(name, []).append(Person(member.slack_user_id, member.name))
    return tuple(views.MemberGroup(name, tuple(people)) for name, people in groups.items())


def member_list(runtime: Runtime, user_id: str) -> MemberList:
    """`medlemmar`: active members grouped by organisation."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        return MemberList(
            _groups(active_members(session)),
            tuple(organiser_ids(session, runtime.settings)),
            meetings.get_network(session).name,
        )


def status(runtime: Runtime, user_id: str) -> StatusShown:
    """`status`: next meeting, N av M, everyone missing, what is sent next, the channel."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meeting = meetings.next_meeting(session, runtime.now())
        info = meeting_info(runtime, meeting, policy(session)) if meeting is not None else None
        board = load_board(session, runtime, meeting, info)
    return StatusShown(board, usage(runtime, "traff"))


# ---------------------------------------------------------------- summary and export


def _meeting_to_report(session: Session, runtime: Runtime) -> Meeting | None:
    """The next meeting, or, when none is coming, the latest one that has been."""
    now = runtime.now()
    return meetings.next_meeting(session, now) or meetings.latest_past_meeting(session, now)


def _summary_target(session: Session, runtime: Runtime) -> tuple[Meeting, str]:
    channel = meetings.get_network(session).organisers_channel
    if not channel:
        raise Refused("admin.error.no_channel")
    meeting = _meeting_to_report(session, runtime)
    if meeting is None:
        raise Refused("admin.error.no_meeting_summary")
    return meeting, channel


def post_summary(runtime: Runtime, user_id: str) -> SummaryPosted:
    """`sammanfattning`: the check-in summary posted to the organisers' channel now (same code as the
    scheduler's deadline summary)."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meeting, channel = _summary_target(session, runtime)
        meeting_id, starts_at = meeting.id, meeting.starts_at
    try:
        post_checkin_summary(runtime, meeting_id, channel)
    except SlackApiError as error:
        if error.response is not None and error.response.get("error") in UNREACHABLE_CHANNEL:
            raise Refused("admin.error.channel_unreachable", channel_id=channel) from None
        raise
    return SummaryPosted(starts_at, channel)


def _export_meeting(session: Session, runtime: Runtime) -> Meeting:
    """The meeting `export` reports on; refuses when there is none or nobody has checked in."""
    meeting = _meeting_to_report(session, runtime)
    if meeting is None:
        raise Refused("admin.error.no_meeting_export")
    if not has_checkins(session, meeting.id):
        raise Refused("admin.error.no_checkins_export", when=when(runtime, meeting.starts_at))
    return meeting


def _export_rows(session: Session, meeting: Meeting) -> list[views.CsvRow]:
    """The meeting's check-ins as CSV rows, by organisation (none last) then name, in Swedish order."""
    rows = [
        views.CsvRow(
            organisation=c.member.organisation.name if c.member.organisation else None,
            name=c.member.name or c.member.slack_user_id,
            occupying=c.occupying,
            changes=c.changes,
            support=c.support,
            updated_at=c.updated_at,
        )
        for c in checkins_for_meeting(session, meeting.id)
    ]
    rows.sort(
        key=lambda r: (r.organisation is None, swedish_sort_key(r.organisation), swedish_sort_key(r.name))
    )
    return rows


def export_checkins(runtime: Runtime, user_id: str) -> ExportSent:
    """`export`: the check-ins of the next (or latest) meeting as a CSV file, sent to the organiser's DM."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meeting = _export_meeting(session, runtime)
        rows = _export_rows(session, meeting)
        starts_at = meeting.starts_at
    lang = runtime.lang
    data = csv_bytes(views.checkin_export_header(lang), views.checkin_export_rows(rows, runtime.tz))
    day = starts_at.astimezone(runtime.tz).date().isoformat()
    comment = t("admin.export.comment", lang, when=when(runtime, starts_at), count=len(rows))
    upload_csv(runtime, user_id, t("admin.export.filename", lang, date=day), data, comment)
    privacy.log_action(runtime, user_id, AuditAction.EXPORT_CHECKINS, rows=len(rows))
    return ExportSent(len(rows))
