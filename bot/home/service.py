"""The App Home tab and the admin modals its buttons open: what each person sees, and what the
modals' submissions do (the same meeting and member services as `/chefsnatverket`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot import ids
from bot.admin import commands as cmd
from bot.admin import words
from bot.admin.service import Failed, Outcome, post_summary
from bot.admin.status import load_board, meeting_info
from bot.admin.views import Board, MeetingInfo
from bot.attendance.service import RsvpState, current_answer
from bot.award import service as awards
from bot.award.decision import HomeDecision, home_decision
from bot.formatting import DEFAULT_NETWORK, format_day
from bot.insights.views import HOME_MEETINGS
from bot.meeting import members
from bot.meeting.people import active_member, bootstrap_organisers, is_organiser, network_of
from bot.meeting.service import Refused, plan_meeting, usage
from bot.meeting.timeline import meeting_policy
from bot.runtime import Runtime
from storage import meetings
from storage import members as people
from storage.checkins import checkin_for
from storage.db import transaction
from storage.insights import MeetingNumbers, meeting_history

# The home board shows at most this many missing names (and reads no more); `status` shows all.
HOME_MAX_MISSING = 25

MEMBER_MODE_ADD = "add"
MEMBER_MODE_REMOVE = "remove"

Notice = Outcome | members.SettingsSaved


@dataclass(frozen=True)
class HomeState:
    """Everything the App Home tab shows one person."""

    meeting: MeetingInfo | None
    checkin: str  # "done", "missing" or "not_member"
    award_deadline: str | None = None  # a Swedish day when a Guldlänken round is open
    board: Board | None = None  # only for organisers
    notice: str | None = None  # mrkdwn built by us (user text already escaped)
    retention_months: int = 24  # for Om dina uppgifter
    rsvp: RsvpState | None = None  # a member's answer to the next meeting's invitation
    award_decision: HomeDecision | None = None  # only for organisers: Guldlänken's *Utse vinnare*
    checkin_id: int | None = None  # one's own check-in for the next meeting (for "Dra tillbaka")
    history: tuple[MeetingNumbers, ...] | None = None  # only for organisers: the past meetings
    network: str = DEFAULT_NETWORK  # the network's name ("inte med i Guldlänkens medlemslista")


@dataclass(frozen=True)
class HomeScreen:
    """The Home tab for one person, with the outcome of what they just did (if anything)."""

    state: HomeState
    usage: str  # the example for planning a meeting
    notice: Notice | None = None
    ask_invite: bool = False  # the chosen channel does not have the app yet


@dataclass(frozen=True)
class PlanForm:
    """The plan-meeting modal as submitted (raw picker values)."""

    date: str
    time: str
    place: str


@dataclass(frozen=True)
class MembersForm:
    """The members modal as submitted."""

    user: str | None
    mode: str
    organisation: str


@dataclass(frozen=True)
class SettingsForm:
    """The settings modal as submitted: the channel (None when cleared), the chosen organisers,
    and what the modal showed when it opened (None from a modal that did not carry it)."""

    channel: str | None
    organisers: frozenset[str]
    shown: members.SettingsShown | None = None


@dataclass(frozen=True)
class PlanModal:
    """Open the plan-meeting modal, the date picker set to `initial_date`."""

    initial_date: str


@dataclass(frozen=True)
class MembersModal:
    """Open the members modal."""

    member_count: int


@dataclass(frozen=True)
class SettingsModal:
    """Open the settings modal with the current channel and organisers."""

    channel_id: str | None
    appointed: tuple[str, ...]
    bootstrap: tuple[str, ...]


ModalOpening = PlanModal | MembersModal | SettingsModal | Refused


@dataclass(frozen=True)
class ModalResult:
    """What a submitted admin modal led to: refusals per block (the modal stays open), or an outcome."""

    errors: dict[str, Refused] | None = None
    outcome: Notice | None = None
    refresh_names: tuple[str, ...] = ()  # users whose display name to look up after the ack
    check_channel: str | None = None  # a channel to check the app is in, after the ack


# ---------------------------------------------------------------- the tab


def _award_deadline(session: Session, runtime: Runtime) -> str | None:
    """The last day for nominations while a Guldlänken round takes them, else None."""
    award = awards.accepting_round(session, runtime)
    return format_day(award.deadline, runtime.lang) if award is not None else None


def load_home(
    runtime: Runtime, user_id: str, notice: Notice | None = None, ask_invite: bool = False
) -> HomeScreen:
    """The Home tab for `user_id` (the organisers' board only for organisers)."""
    with transaction(runtime.sessions) as session:
        meeting = meetings.next_meeting(session, runtime.now())
        member = active_member(session, user_id)
        own = (
            checkin_for(session, meeting.id, member.id)
            if member is not None and meeting is not None
            else None
        )
        if member is None:
            checkin = "not_member"
        elif own is not None:
            checkin = "done"
        else:
            checkin = "missing"
        network = meetings.get_network(session)
        network_name = network.name  # read now: one load for the policy and the name
        info = meeting_info(runtime, meeting, meeting_policy(network.policy)) if meeting is not None else None
        organiser = is_organiser(session, runtime.settings, user_id)
        rsvp = current_answer(session, member, meeting, runtime.tz) if member and meeting else None
        state = HomeState(
            meeting=info,
            checkin=checkin,
            award_deadline=_award_deadline(session, runtime),
            board=load_board(session, runtime, meeting, info, HOME_MAX_MISSING) if organiser else None,
            retention_months=runtime.settings.retention_months,
            rsvp=rsvp,
            award_decision=home_decision(session, runtime) if organiser else None,
            checkin_id=own.id if own is not None else None,
            # Only the meetings the tab shows (`historik` shows them all).
            history=tuple(meeting_history(session, runtime.now(), HOME_MEETINGS)) if organiser else None,
            network=network_name,
        )
    return HomeScreen(state, usage(runtime, "traff"), notice, ask_invite)


def post_summary_now(runtime: Runtime, user_id: str) -> HomeScreen:
    """The button "Posta sammanfattning nu": the same service as the command, its outcome shown on the tab."""
    notice: Notice
    try:
        notice = post_summary(runtime, user_id)
    except Refused as refusal:
        notice = refusal
    except Exception:
        runtime.logger.exception("posting the summary from the home tab failed")
        notice = Failed()
    return load_home(runtime, user_id, notice)


def open_modal(runtime: Runtime, user_id: str, action_id: str) -> ModalOpening:
    """The modal an admin button opens, or the refusal a non-organiser sees instead."""
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            return Refused("error.not_organiser_of", **network_of(session))
        if action_id == ids.ADMIN_MEMBERS_OPEN:
            return MembersModal(len(people.active_members(session)))
        if action_id == ids.ADMIN_SETTINGS_OPEN:
            appointed = tuple(m.slack_user_id for m in people.appointed_organisers(session))
            channel = meetings.get_network(session).organisers_channel
            return SettingsModal(channel, appointed, bootstrap_organisers(session, runtime.settings))
    today = runtime.now().astimezone(runtime.tz).date()
    return PlanModal(words.example_date(today).isoformat())


# ---------------------------------------------------------------- the modals' submissions


def _refused(refusal: Refused, fields: dict[str | None, str]) -> ModalResult:
    return ModalResult(errors={fields.get(refusal.field) or fields[None]: refusal})


def submit_plan(runtime: Runtime, user_id: str, form: PlanForm) -> ModalResult:
    """The plan-meeting modal: the same service as `träff`; refusals shown at the right input."""
    fields = {None: ids.ADMIN_PLAN_DATE, "date": ids.ADMIN_PLAN_DATE, "time": ids.ADMIN_PLAN_TIME}
    day = words.parse_date(form.date)
    at = words.parse_time(form.time)
    if day is None:
        return _refused(Refused("admin.error.date_required"), fields)
    if at is None:
        return _refused(Refused("admin.error.time_required", field="time"), fields)
    starts_at = words.local_instant(day, at, runtime.tz)
    if starts_at is None:
        return _refused(Refused("admin.error.time_skipped", field="time"), fields)
    try:
        return ModalResult(
            outcome=plan_meeting(runtime, user_id, starts_at, form.place[: cmd.MAX_PLACE] or None)
        )
    except Refused as refusal:
        return _refused(refusal, fields)


def submit_members(runtime: Runtime, user_id: str, form: MembersForm) -> ModalResult:
    """The members modal: add/move (organisation required) or remove the chosen person."""
    fields = {
        None: ids.ADMIN_MEMBER_USER,
        "user": ids.ADMIN_MEMBER_USER,
        "organisation": ids.ADMIN_MEMBER_ORGANISATION,
    }
    if not form.user:
        return _refused(Refused("admin.error.person_required"), fields)
    try:
        if form.mode == MEMBER_MODE_REMOVE:
            return ModalResult(outcome=members.remove_member(runtime, user_id, form.user))
        if not form.organisation:
            members.require_organisation(runtime, user_id)
        organisation = form.organisation[: cmd.MAX_ORGANISATION]
        added = members.add_member(runtime, user_id, form.user, organisation, None)
        return ModalResult(outcome=added, refresh_names=(form.user,))
    except Refused as refusal:
        return _refused(refusal, fields)


def submit_settings(runtime: Runtime, user_id: str, form: SettingsForm) -> ModalResult:
    """The settings modal: the organisers' channel and the appointed organisers."""
    try:
        saved = members.save_settings(runtime, user_id, form.channel, set(form.organisers), form.shown)
    except Refused as refusal:
        return _refused(refusal, {None: ids.ADMIN_SETTINGS_CHANNEL})
    return ModalResult(outcome=saved, refresh_names=saved.refresh_names, check_channel=saved.check_channel)


def after_modal(runtime: Runtime, user_id: str, result: ModalResult) -> HomeScreen:
    """After the modal closed: look up names, check the channel, then the Home tab to publish."""
    members.refresh_names(runtime, result.refresh_names)
    ask_invite = False
    if result.check_channel:
        try:
            ask_invite = members.settings_channel_invite(runtime, result.check_channel)
        except Exception:
            runtime.logger.exception("conversations.info failed after a modal")
    return load_home(runtime, user_id, result.outcome, ask_invite)
