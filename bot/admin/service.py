"""The organisers' services: what `/chefsnatverket`, the admin modals and the App Home tab do.

Every organiser action checks the right here, where it runs (not only by hiding buttons), and
refuses with `AdminError` before anything is stored. Services return the Swedish confirmation;
handlers only pass it on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import ids
from bot.admin import commands as cmd
from bot.admin import views
from bot.admin.status import describe_schedule
from bot.award import service as awards
from bot.award.decision import home_decision
from bot.checkin.summary import post_checkin_summary, swedish_sort_key
from bot.csv_export import csv_bytes, upload_csv
from bot.formatting import escape, format_day, format_when
from bot.meeting.people import active_member, is_organiser, organiser_ids
from bot.meeting.schedule import send_key
from bot.meeting.timeline import INVITATION, Step, checkin_deadline, meeting_policy, meeting_sends
from bot.runtime import Runtime
from bot.texts import t
from storage import members as store
from storage.checkins import checked_in_member_ids, checkin_for, checkins_for_meeting, has_checkins
from storage.db import transaction
from storage.ledger import sent_to
from storage.models import Meeting, Member
from storage.queries import active_members, get_network, next_meeting

logger = logging.getLogger(__name__)

R = TypeVar("R")

# Commands that call Slack or post/upload: answered "Ett ögonblick …" first, then via response_url.
SLOW_COMMANDS = (
    cmd.AddMember,
    cmd.AppointOrganiser,
    cmd.SetChannel,
    cmd.PostSummary,
    cmd.ExportCheckins,
    cmd.AwardCommand,
    cmd.AwardExport,
)
UNREACHABLE_CHANNEL = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


@dataclass(frozen=True)
class Reply:
    """An answer to a command: text (always, the fallback) and optional blocks."""

    text: str
    blocks: list[dict[str, Any]] | None = None

    def message(self) -> dict[str, Any]:
        """Keyword arguments for `ack`/`respond`: an ephemeral message."""
        out: dict[str, Any] = {"text": self.text, "response_type": "ephemeral"}
        if self.blocks:
            out["blocks"] = self.blocks
        return out


class AdminError(Exception):
    """A polite refusal. `params` are mrkdwn that the raiser already escaped; `field` says which
    modal input the message belongs to."""

    def __init__(self, key: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params

    def message(self, lang: str) -> str:
        """The refusal in `lang`."""
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class ModalResult:
    """What a submitted admin modal led to: errors per block (modal stays open), or a notice."""

    errors: dict[str, str] | None = None
    notice: str | None = None
    refresh_names: tuple[str, ...] = ()  # users whose display name to look up after the ack
    check_channel: str | None = None  # a channel to check the app is in, after the ack


# ---------------------------------------------------------------- small shared helpers


def _when(runtime: Runtime, moment: dt.datetime) -> str:
    return format_when(moment, runtime.tz, runtime.lang)


def _usage(runtime: Runtime, name: str) -> str:
    """The example of a command's right form, dated about a month ahead."""
    today = runtime.now().astimezone(runtime.tz).date()
    return t(f"admin.usage.{name}", runtime.lang, date=cmd.example_date(today).isoformat())


def _policy(session: Session) -> dict[str, Step]:
    return meeting_policy(get_network(session).policy)


def _invitation_due(runtime: Runtime, starts_at: dt.datetime, policy: Mapping[str, Step]) -> dt.datetime:
    return next(s.due_at for s in meeting_sends(starts_at, runtime.tz, policy) if s.kind == INVITATION)


def _place(runtime: Runtime, place: str | None) -> str:
    return escape(place) if place else t("no_place", runtime.lang)


def _person(member: Member | None, user_id: str) -> str:
    """A person in a reply: their escaped name, or a mention (built by us) when we have none."""
    return views.Person(user_id, member.name if member is not None else None).label()


def _require_organiser(session: Session, runtime: Runtime, user_id: str) -> None:
    if not is_organiser(session, runtime.settings, user_id):
        raise AdminError("error.not_organiser")


def _meeting_info(runtime: Runtime, meeting: Meeting, policy: Mapping[str, Step]) -> views.MeetingInfo:
    deadline = checkin_deadline(meeting.starts_at, runtime.tz, policy)
    return views.MeetingInfo(
        id=meeting.id,
        when=_when(runtime, meeting.starts_at),
        place=meeting.place,
        deadline=_when(runtime, deadline),
        checkin_open=runtime.now() < deadline,
    )


def _anyone_invited(session: Session, meeting_id: int) -> bool:
    """Whether the invitation reached anyone: the ledger knows, the timeline only guesses."""
    return bool(sent_to(session, send_key(meeting_id, INVITATION)))


def _invitation_line(runtime: Runtime, starts_at: dt.datetime, policy: Mapping[str, Step]) -> str:
    due = _invitation_due(runtime, starts_at, policy)
    if due > runtime.now():
        return t("admin.invitation_at", runtime.lang, when=_when(runtime, due))
    return t("admin.invitation_soon", runtime.lang)


def _deadline_line(runtime: Runtime, starts_at: dt.datetime, policy: Mapping[str, Step]) -> str:
    return t(
        "admin.deadline", runtime.lang, when=_when(runtime, checkin_deadline(starts_at, runtime.tz, policy))
    )


# ---------------------------------------------------------------- the command entry points


def _guarded(
    runtime: Runtime, command: cmd.Command | cmd.ParseError, work: Callable[[cmd.Command], R]
) -> R | Reply:
    """`work` on a parsed command; a parse error, a refusal or any failure becomes a polite reply
    (so callers never see an exception)."""
    try:
        if isinstance(command, cmd.ParseError):
            return Reply(command.message(runtime.lang))
        return work(command)
    except AdminError as refusal:
        return Reply(refusal.message(runtime.lang))
    except Exception:
        runtime.logger.exception("admin command failed")
        return Reply(t("error.generic", runtime.lang))


def quick_reply(
    runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command | cmd.ParseError
) -> Reply | None:
    """The answer when it can be given at once (as the HTTP answer); None when the command needs
    slow work, which `run_slow` then does after an interim "Ett ögonblick …". Never raises."""

    def work(parsed: cmd.Command) -> Reply | None:
        if isinstance(parsed, SLOW_COMMANDS):
            with transaction(runtime.sessions) as session:
                _require_organiser(session, runtime, user_id)
                _precheck(session, runtime, parsed)
            return None
        return _run(runtime, user_id, channel_id, parsed)

    return _guarded(runtime, command, work)


def run_slow(runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command | cmd.ParseError) -> Reply:
    """Do a slow command (Slack look-ups, posting, uploading) and give its answer. Never raises."""
    return _guarded(runtime, command, lambda parsed: _run(runtime, user_id, channel_id, parsed))


def _precheck(session: Session, runtime: Runtime, command: cmd.Command) -> None:
    """Refusals that need no Slack call, so they come at once instead of after "Ett ögonblick"."""
    if isinstance(command, cmd.PostSummary):
        _summary_target(session, runtime)
    elif isinstance(command, cmd.ExportCheckins):
        _export_meeting(session, runtime)


def _run(runtime: Runtime, user_id: str, channel_id: str, command: cmd.Command) -> Reply:
    """Dispatch a parsed command; AdminError refusals are turned into replies by the callers."""
    match command:
        case cmd.Help():
            return help_reply(runtime, user_id)
        case cmd.PlanMeeting(starts_at, place):
            return Reply(plan_meeting(runtime, user_id, starts_at, place))
        case cmd.MoveMeeting(starts_at, place):
            return Reply(move_meeting(runtime, user_id, starts_at, place))
        case cmd.CancelMeeting(on):
            return Reply(cancel_meeting(runtime, user_id, on))
        case cmd.AddMember(target, organisation, label):
            return Reply(add_member_from_command(runtime, user_id, target, organisation, label))
        case cmd.RemoveMember(target):
            return Reply(remove_member(runtime, user_id, target))
        case cmd.ListMembers():
            return members_reply(runtime, user_id)
        case cmd.SetChannel(channel):
            return Reply(set_channel(runtime, user_id, channel))
        case cmd.ShowStatus():
            return status_reply(runtime, user_id)
        case cmd.PostSummary():
            return Reply(post_summary(runtime, user_id))
        case cmd.ExportCheckins():
            return Reply(export_checkins(runtime, user_id))
        case cmd.AwardCommand(rest):
            return Reply(awards.admin_command(runtime, user_id, rest, channel_id))
        case cmd.AwardExport(rest):
            return Reply(awards.export_command(runtime, user_id, rest, channel_id))
        case cmd.AppointOrganiser(target, label):
            return Reply(appoint_organiser(runtime, user_id, target, label))
        case cmd.DismissOrganiser(target):
            return Reply(dismiss_organiser(runtime, user_id, target))
    raise AssertionError(f"unhandled command {command!r}")


# ---------------------------------------------------------------- help, lists, status


def _next_award_date(runtime: Runtime) -> dt.date:
    """1 September (the tradition) of this year, or next year once it has passed."""
    today = runtime.now().astimezone(runtime.tz).date()
    september = dt.date(today.year, 9, 1)
    return september if september >= today else dt.date(today.year + 1, 9, 1)


def help_reply(runtime: Runtime, user_id: str) -> Reply:
    """`hjälp`: for everyone; organisers also see the admin commands."""
    with transaction(runtime.sessions) as session:
        organiser = is_organiser(session, runtime.settings, user_id)
    today = runtime.now().astimezone(runtime.tz).date()
    message = views.build_help(
        organiser,
        runtime.lang,
        date=cmd.example_date(today).isoformat(),
        award_date=_next_award_date(runtime).isoformat(),
    )
    return Reply(message["text"], message["blocks"])


def _groups(members: list[Member]) -> list[views.MemberGroup]:
    groups: dict[str | None, list[views.Person]] = {}
    for member in members:
        name = member.organisation.name if member.organisation else None
        groups.setdefault(name, []).append(views.Person(member.slack_user_id, member.name))
    return [views.MemberGroup(name, tuple(people)) for name, people in groups.items()]


def members_reply(runtime: Runtime, user_id: str) -> Reply:
    """`medlemmar`: active members grouped by organisation."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        groups = _groups(active_members(session))
        everyone = organiser_ids(session, runtime.settings)
    message = views.build_member_list(groups, everyone, runtime.lang)
    return Reply(message["text"], message["blocks"])


def _schedule_lines(session: Session, runtime: Runtime) -> list[str]:
    try:
        return describe_schedule(session, runtime)
    except Exception:
        # The board is still worth showing without the schedule lines.
        runtime.logger.exception("describe_schedule failed")
        return []


def _board(
    session: Session, runtime: Runtime, meeting: Meeting | None, info: views.MeetingInfo | None
) -> views.Board:
    """The organisers' board for the next meeting (`meeting`, already loaded, shown as `info`)."""
    members = active_members(session)
    organisations = {m.organisation_id for m in members if m.organisation_id is not None}
    missing = []
    if meeting is not None:
        done = checked_in_member_ids(session, meeting.id)
        missing = [
            views.Person(m.slack_user_id, m.name, m.organisation.name if m.organisation else None)
            for m in members
            if m.id not in done
        ]
    return views.Board(
        meeting=info,
        done=len(members) - len(missing) if meeting is not None else 0,
        total=len(members),
        missing=tuple(missing),
        schedule=tuple(_schedule_lines(session, runtime)),
        channel_id=get_network(session).organisers_channel,
        organisations=len(organisations),
    )


def status_reply(runtime: Runtime, user_id: str) -> Reply:
    """`status`: next meeting, N av M, everyone missing, what is sent next, the channel."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        meeting = next_meeting(session, runtime.now())
        info = _meeting_info(runtime, meeting, _policy(session)) if meeting is not None else None
        board = _board(session, runtime, meeting, info)
    message = views.build_status(board, runtime.lang, _usage(runtime, "traff"))
    return Reply(message["text"], message["blocks"])


# ---------------------------------------------------------------- meetings


def plan_meeting(runtime: Runtime, user_id: str, starts_at: dt.datetime, place: str | None) -> str:
    """Plan a meeting at `starts_at` (aware); refuses past times and a second meeting at the same start."""
    now = runtime.now()
    try:
        with transaction(runtime.sessions) as session:
            _require_organiser(session, runtime, user_id)
            if starts_at <= now:
                raise AdminError(
                    "admin.error.past",
                    field="date",
                    when=_when(runtime, starts_at),
                    usage=_usage(runtime, "traff"),
                )
            if store.planned_meeting_at(session, starts_at.astimezone(dt.UTC)) is not None:
                raise AdminError("admin.error.duplicate", field="time", when=_when(runtime, starts_at))
            store.add_meeting(session, starts_at.astimezone(dt.UTC), place, user_id)
            policy = _policy(session)
    except IntegrityError:
        # Two organisers planning the same start at the same moment: the unique index decides.
        raise AdminError("admin.error.duplicate", field="time", when=_when(runtime, starts_at)) from None
    return "\n".join(
        [
            t("admin.planned", runtime.lang, when=_when(runtime, starts_at), place=_place(runtime, place)),
            _invitation_line(runtime, starts_at, policy),
            _deadline_line(runtime, starts_at, policy),
        ]
    )


def move_meeting(runtime: Runtime, user_id: str, starts_at: dt.datetime, place: str | None) -> str:
    """Move the next meeting (and its place, if given); bumps its version so the scheduler
    re-plans and tells those already invited."""
    now = runtime.now()
    lang = runtime.lang
    try:
        with transaction(runtime.sessions) as session:
            _require_organiser(session, runtime, user_id)
            meeting = next_meeting(session, now)
            if meeting is None:
                raise AdminError("admin.error.no_meeting_to_move", usage=_usage(runtime, "traff"))
            if starts_at <= now:
                raise AdminError(
                    "admin.error.past", when=_when(runtime, starts_at), usage=_usage(runtime, "flytta")
                )
            new_place = place or meeting.place
            if meeting.starts_at == starts_at and new_place == meeting.place:
                return t(
                    "admin.moved.unchanged",
                    lang,
                    when=_when(runtime, starts_at),
                    place=_place(runtime, new_place),
                )
            other = store.planned_meeting_at(session, starts_at.astimezone(dt.UTC))
            if other is not None and other.id != meeting.id:
                raise AdminError("admin.error.duplicate", when=_when(runtime, starts_at))
            policy = _policy(session)
            old = meeting.starts_at
            invited = _anyone_invited(session, meeting.id)
            meeting.starts_at = starts_at.astimezone(dt.UTC)
            meeting.place = new_place
            meeting.version += 1
    except IntegrityError:
        raise AdminError("admin.error.duplicate", when=_when(runtime, starts_at)) from None
    lines = [
        t(
            "admin.moved",
            lang,
            old=_when(runtime, old),
            when=_when(runtime, starts_at),
            place=_place(runtime, new_place),
        )
    ]
    lines.append(t("admin.moved.told", lang) if invited else _invitation_line(runtime, starts_at, policy))
    lines.append(_deadline_line(runtime, starts_at, policy))
    return "\n".join(lines)


def cancel_meeting(runtime: Runtime, user_id: str, on: dt.date | None = None) -> str:
    """Cancel the next meeting (or the planned one on `on`); bumps its version for the scheduler."""
    now = runtime.now()
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        if on is None:
            meeting = next_meeting(session, now)
            if meeting is None:
                raise AdminError("admin.error.no_meeting_to_cancel")
        else:
            start = dt.datetime.combine(on, dt.time(0, 0), tzinfo=runtime.tz)
            end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(0, 0), tzinfo=runtime.tz)
            on_day = [m for m in store.planned_meetings_on(session, start, end) if m.starts_at > now]
            if not on_day:
                raise AdminError("admin.error.no_meeting_on", day=format_day(on, runtime.lang))
            meeting = on_day[0]
        invited = _anyone_invited(session, meeting.id)
        meeting.status = "cancelled"
        meeting.version += 1
        when = _when(runtime, meeting.starts_at)
    told = t("admin.cancelled.told" if invited else "admin.cancelled.nobody", runtime.lang)
    return "\n".join([t("admin.cancelled", runtime.lang, when=when), told])


# ---------------------------------------------------------------- members and organisers


def lookup_name(runtime: Runtime, user_id: str) -> str | None:
    """The person's name from `users.info`; refuses unknown users, apps and deactivated accounts.

    Returns None when Slack could not answer for another reason (the caller then keeps what it has).
    """
    try:
        answer = runtime.client.users_info(user=user_id)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code in {"user_not_found", "users_not_found"}:
            raise AdminError("admin.error.unknown_user", field="user") from None
        runtime.logger.warning("users.info failed: %s", code)
        return None
    user = answer.get("user") or {}
    if user.get("is_bot") or user_id == "USLACKBOT":
        raise AdminError("admin.error.bot_user", field="user")
    if user.get("deleted"):
        raise AdminError("admin.error.deactivated_user", field="user")
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user.get("name")
    )
    cleaned = str(name or "").strip()[:200]
    return cleaned or None


def add_member_from_command(
    runtime: Runtime, user_id: str, target: str, organisation: str, label: str | None
) -> str:
    """`medlem`: check the person with Slack first, so nothing is stored for an unknown user.

    The organiser right was checked before the ack (`quick_reply`); `add_member` checks it again."""
    name = lookup_name(runtime, target) or label
    return add_member(runtime, user_id, target, organisation, name)


def add_member(runtime: Runtime, user_id: str, target: str, organisation: str, name: str | None) -> str:
    """Create, reactivate or move a member; the organisation is matched ignoring case, or created."""
    lang = runtime.lang
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        org, new_org = store.get_or_create_organisation(session, organisation)
        member, change, before = store.upsert_member(session, target, org, name)
        person, org_name = _person(member, target), escape(org.name)
        lines = [
            t(
                f"admin.member.{change.value}",
                lang,
                person=person,
                organisation=org_name,
                before=escape(before.name) if before else "",
            )
        ]
        if new_org:
            lines.append(t("admin.member.new_organisation", lang, organisation=org_name))
        meeting = next_meeting(session, runtime.now())
        if (
            meeting is not None
            and change in (store.MemberChange.CREATED, store.MemberChange.REACTIVATED)
            and _invitation_due(runtime, meeting.starts_at, _policy(session)) <= runtime.now()
        ):
            # Recipients are worked out at each tick, so a late member gets the invitation then.
            lines.append(t("admin.member.invite_next", lang, when=_when(runtime, meeting.starts_at)))
    return "\n".join(lines)


def remove_member(runtime: Runtime, user_id: str, target: str) -> str:
    """`ta-bort`: the member becomes inactive; their check-ins stay."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        member = store.deactivate_member(session, target)
        if member is None:
            raise AdminError(
                "admin.error.not_a_member",
                field="user",
                person=_person(store.member_by_user(session, target), target),
            )
        return t("admin.member.removed", runtime.lang, person=_person(member, target))


def appoint_organiser(runtime: Runtime, user_id: str, target: str, label: str | None = None) -> str:
    """`organisatör @person`: appoint an organiser (an inactive member row if the app did not know them)."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        if is_organiser(session, runtime.settings, target):
            person = _person(store.member_by_user(session, target), target)
            return t("admin.organiser.already", runtime.lang, person=person)
    name = lookup_name(runtime, target) or label
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        member = store.set_organiser(session, target, True, name)
        return t("admin.organiser.appointed", runtime.lang, person=_person(member, target))


def dismiss_organiser(runtime: Runtime, user_id: str, target: str) -> str:
    """`organisatör ta-bort @person`: an appointed organiser loses the right (ORGANISERS ones cannot)."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        member = store.member_by_user(session, target)
        if target in runtime.settings.organisers:
            raise AdminError("admin.error.bootstrap_organiser", person=_person(member, target))
        if member is None or not member.is_organiser:
            raise AdminError("admin.error.not_appointed", person=_person(member, target))
        store.set_organiser(session, target, False)
        return t("admin.organiser.dismissed", runtime.lang, person=_person(member, target))


# ---------------------------------------------------------------- channel, summary, export


def channel_membership(runtime: Runtime, channel_id: str) -> bool | None:
    """Whether the app is in the channel: True/False, None when Slack did not say.

    Refuses (AdminError) a channel Slack does not know (or a private one the app is not in).
    """
    try:
        answer = runtime.client.conversations_info(channel=channel_id)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code == "channel_not_found":
            raise AdminError("admin.error.channel_not_found", field="channel") from None
        runtime.logger.warning("conversations.info failed: %s", code)
        return None
    member = (answer.get("channel") or {}).get("is_member")
    return None if member is None else bool(member)


def set_channel(runtime: Runtime, user_id: str, channel_id: str) -> str:
    """`kanal #kanal`: where summaries and reports go; warns when the app is not in it yet.

    The organiser right was checked before the ack (`quick_reply`) and is checked again when storing."""
    in_channel = channel_membership(runtime, channel_id)
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        store.set_organisers_channel(session, channel_id)
    lines = [t("admin.channel.set", runtime.lang, channel_id=channel_id)]
    if in_channel is False:
        lines.append(t("admin.channel.invite", runtime.lang))
    return "\n".join(lines)


def _meeting_to_report(session: Session, runtime: Runtime) -> Meeting | None:
    """The next meeting, or, when none is coming, the latest one that has been."""
    now = runtime.now()
    return next_meeting(session, now) or store.latest_past_meeting(session, now)


def _summary_target(session: Session, runtime: Runtime) -> tuple[Meeting, str]:
    channel = get_network(session).organisers_channel
    if not channel:
        raise AdminError("admin.error.no_channel")
    meeting = _meeting_to_report(session, runtime)
    if meeting is None:
        raise AdminError("admin.error.no_meeting_summary")
    return meeting, channel


def post_summary(runtime: Runtime, user_id: str) -> str:
    """`sammanfattning`: the check-in summary posted to the organisers' channel now (same code as the
    scheduler's deadline summary)."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        meeting, channel = _summary_target(session, runtime)
        meeting_id, when = meeting.id, _when(runtime, meeting.starts_at)
    try:
        post_checkin_summary(runtime, meeting_id, channel)
    except SlackApiError as error:
        if error.response is not None and error.response.get("error") in UNREACHABLE_CHANNEL:
            raise AdminError("admin.error.channel_unreachable", channel_id=channel) from None
        raise
    return t("admin.summary.posted", runtime.lang, when=when, channel_id=channel)


def _export_meeting(session: Session, runtime: Runtime) -> Meeting:
    """The meeting `export` reports on; refuses when there is none or nobody has checked in."""
    meeting = _meeting_to_report(session, runtime)
    if meeting is None:
        raise AdminError("admin.error.no_meeting_export")
    if not has_checkins(session, meeting.id):
        raise AdminError("admin.error.no_checkins_export", when=_when(runtime, meeting.starts_at))
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


def export_checkins(runtime: Runtime, user_id: str) -> str:
    """`export`: the check-ins of the next (or latest) meeting as a CSV file, sent to the organiser's DM."""
    with transaction(runtime.sessions) as session:
        _require_organiser(session, runtime, user_id)
        meeting = _export_meeting(session, runtime)
        rows = _export_rows(session, meeting)
        starts_at = meeting.starts_at
    lang = runtime.lang
    data = csv_bytes(views.checkin_export_header(lang), views.checkin_export_rows(rows, runtime.tz))
    day = starts_at.astimezone(runtime.tz).date().isoformat()
    comment = t("admin.export.comment", lang, when=_when(runtime, starts_at), count=len(rows))
    upload_csv(runtime, user_id, t("admin.export.filename", lang, date=day), data, comment)
    return t("admin.export.done", lang, count=len(rows))


# ---------------------------------------------------------------- App Home


def _award_deadline(session: Session, runtime: Runtime) -> str | None:
    """The last day for nominations while a Guldlänken round takes them, else None."""
    award = awards.accepting_round(session, runtime)
    return format_day(award.deadline, runtime.lang) if award is not None else None


def home_view(runtime: Runtime, user_id: str, notice: str | None = None) -> dict[str, Any]:
    """The App Home view for `user_id` (the organisers' board only for organisers)."""
    with transaction(runtime.sessions) as session:
        meeting = next_meeting(session, runtime.now())
        member = active_member(session, user_id)
        if member is None:
            checkin = "not_member"
        elif meeting is not None and checkin_for(session, meeting.id, member.id) is not None:
            checkin = "done"
        else:
            checkin = "missing"
        info = _meeting_info(runtime, meeting, _policy(session)) if meeting is not None else None
        organiser = is_organiser(session, runtime.settings, user_id)
        state = views.HomeState(
            meeting=info,
            checkin=checkin,
            award_deadline=_award_deadline(session, runtime),
            board=_board(session, runtime, meeting, info) if organiser else None,
            notice=notice,
            award_decision=home_decision(session, runtime) if organiser else None,
        )
    return views.build_home(state, runtime.lang, _usage(runtime, "traff"))


def publish_home(runtime: Runtime, user_id: str, notice: str | None = None) -> None:
    """Publish the App Home tab for `user_id`."""
    runtime.client.views_publish(user_id=user_id, view=home_view(runtime, user_id, notice))


def admin_modal(runtime: Runtime, user_id: str, action_id: str) -> dict[str, Any]:
    """The modal an admin button opens, or a modal explaining the refusal to a non-organiser."""
    lang = runtime.lang
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            return views.build_refusal_modal(t("error.not_organiser", lang), lang)
        if action_id == ids.ADMIN_MEMBERS_OPEN:
            return views.build_members_modal(lang, len(active_members(session)))
        if action_id == ids.ADMIN_SETTINGS_OPEN:
            appointed = [m.slack_user_id for m in store.appointed_organisers(session)]
            channel = get_network(session).organisers_channel
            return views.build_settings_modal(lang, channel, appointed, runtime.settings.organisers)
    today = runtime.now().astimezone(runtime.tz).date()
    return views.build_plan_modal(lang, cmd.example_date(today).isoformat())


def post_summary_notice(runtime: Runtime, user_id: str) -> str:
    """The home button "Posta sammanfattning nu": the same service, its answer as a notice."""
    try:
        return post_summary(runtime, user_id)
    except AdminError as refusal:
        return refusal.message(runtime.lang)
    except Exception:
        runtime.logger.exception("posting the summary from the home tab failed")
        return t("error.generic", runtime.lang)


# ---------------------------------------------------------------- admin modal submissions


def _value(values: Mapping[str, Any], block_id: str, key: str) -> Any:
    element = (values.get(block_id) or {}).get(ids.ADMIN_INPUT) or {}
    return element.get(key)


def _modal_errors(runtime: Runtime, refusal: AdminError, fields: Mapping[str | None, str]) -> ModalResult:
    block = fields.get(refusal.field) or fields[None]
    return ModalResult(errors={block: refusal.message(runtime.lang)})


def submit_plan(runtime: Runtime, user_id: str, values: Mapping[str, Any]) -> ModalResult:
    """The plan-meeting modal: the same service as `träff`; refusals shown at the right input."""
    fields = {None: ids.ADMIN_PLAN_DATE, "date": ids.ADMIN_PLAN_DATE, "time": ids.ADMIN_PLAN_TIME}
    lang = runtime.lang
    day = cmd.parse_date(_value(values, ids.ADMIN_PLAN_DATE, "selected_date") or "")
    at = cmd.parse_time(_value(values, ids.ADMIN_PLAN_TIME, "selected_time") or "")
    if day is None:
        return ModalResult(errors={ids.ADMIN_PLAN_DATE: t("admin.error.date_required", lang)})
    if at is None:
        return ModalResult(errors={ids.ADMIN_PLAN_TIME: t("admin.error.time_required", lang)})
    starts_at = cmd.local_instant(day, at, runtime.tz)
    if starts_at is None:
        return ModalResult(errors={ids.ADMIN_PLAN_TIME: t("admin.error.time_skipped", lang)})
    place = " ".join((_value(values, ids.ADMIN_PLAN_PLACE, "value") or "").split())[: cmd.MAX_PLACE] or None
    try:
        return ModalResult(notice=plan_meeting(runtime, user_id, starts_at, place))
    except AdminError as refusal:
        return _modal_errors(runtime, refusal, fields)


def submit_members(runtime: Runtime, user_id: str, values: Mapping[str, Any]) -> ModalResult:
    """The members modal: add/move (organisation required) or remove the chosen person."""
    fields = {None: ids.ADMIN_MEMBER_USER, "user": ids.ADMIN_MEMBER_USER}
    lang = runtime.lang
    target = _value(values, ids.ADMIN_MEMBER_USER, "selected_user")
    mode = (_value(values, ids.ADMIN_MEMBER_MODE, "selected_option") or {}).get(
        "value"
    ) or views.MEMBER_MODE_ADD
    organisation = " ".join((_value(values, ids.ADMIN_MEMBER_ORGANISATION, "value") or "").split())
    if not target:
        return ModalResult(errors={ids.ADMIN_MEMBER_USER: t("admin.error.person_required", lang)})
    try:
        if mode == views.MEMBER_MODE_REMOVE:
            return ModalResult(notice=remove_member(runtime, user_id, target))
        if not organisation:
            with transaction(runtime.sessions) as session:
                _require_organiser(session, runtime, user_id)
            return ModalResult(
                errors={ids.ADMIN_MEMBER_ORGANISATION: t("admin.error.organisation_required", lang)}
            )
        notice = add_member(runtime, user_id, target, organisation[: cmd.MAX_ORGANISATION], None)
        return ModalResult(notice=notice, refresh_names=(target,))
    except AdminError as refusal:
        return _modal_errors(runtime, refusal, fields)


def submit_settings(runtime: Runtime, user_id: str, values: Mapping[str, Any]) -> ModalResult:
    """The settings modal: the organisers' channel and the appointed organisers (the selection is
    the whole list: people left out are no longer appointed; ORGANISERS stay regardless)."""
    channel = _value(values, ids.ADMIN_SETTINGS_CHANNEL, "selected_conversation")
    chosen = set(_value(values, ids.ADMIN_SETTINGS_ORGANISERS, "selected_users") or [])
    chosen -= set(runtime.settings.organisers)  # already organisers through the setting
    try:
        with transaction(runtime.sessions) as session:
            _require_organiser(session, runtime, user_id)
            store.set_organisers_channel(session, channel or None)
            for member in store.appointed_organisers(session):
                if member.slack_user_id not in chosen:
                    member.is_organiser = False
            known_names = set()
            for target in sorted(chosen):
                member = store.set_organiser(session, target, True)
                if member.name:
                    known_names.add(target)
    except AdminError as refusal:
        return _modal_errors(runtime, refusal, {None: ids.ADMIN_SETTINGS_CHANNEL})
    return ModalResult(
        notice=t("admin.settings.saved", runtime.lang),
        refresh_names=tuple(sorted(chosen - known_names)),
        check_channel=channel or None,
    )


def after_modal(runtime: Runtime, user_id: str, result: ModalResult) -> None:
    """After the modal closed: look up names, check the channel, then re-publish the home tab."""
    for target in result.refresh_names:
        try:
            name = lookup_name(runtime, target)
        except AdminError:
            continue
        except Exception:
            runtime.logger.exception("users.info failed after a modal")
            continue
        if name:
            with transaction(runtime.sessions) as session:
                store.set_member_name(session, target, name)
    notice = result.notice
    if result.check_channel:
        try:
            if channel_membership(runtime, result.check_channel) is False:
                notice = f"{notice}\n{t('admin.channel.invite', runtime.lang)}"
        except AdminError:
            # Chosen from Slack's own list, so "not found" means a private channel without the app.
            notice = f"{notice}\n{t('admin.channel.invite', runtime.lang)}"
        except Exception:
            runtime.logger.exception("conversations.info failed after a modal")
    publish_home(runtime, user_id, notice)
