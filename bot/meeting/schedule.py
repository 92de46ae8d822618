"""The meetings' scheduled sends as a source for the scheduler (see bot/delivery/sends.py).

Every tick asks: for each meeting still relevant, which of its timeline's sends are due now, and
to whom? The answer is recomputed from the database each time, so a moved meeting's unsent
sends follow the new time, a removed member gets nothing more, and a member added late gets
the invitation at the next tick (while check-in is open).

The sends' ledger keys and kinds are in bot/meeting/keys.py, and who gets each send in
bot/meeting/audience.py; both are importable from here as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.attendance.views import CalendarMeeting, build_calendar_file
from bot.delivery.report import kind_label
from bot.delivery.sends import DueSend, Message, Source, too_late
from bot.formatting import DEFAULT_NETWORK, format_when
from bot.meeting import timeline
from bot.meeting.audience import invited_members, member_audience
from bot.meeting.calendar import CalendarMethod
from bot.meeting.keys import (
    CANCELLED,
    MOVED,
    REMINDERS,
    TO_CHANNEL,
    cancelled_key,
    meeting_id_of,
    moved_key,
    send_key,
)
from bot.meeting.timeline import PlannedSend, Step, meeting_policy, meeting_sends
from bot.meeting.views import (
    MeetingInfo,
    build_cancelled,
    build_day_of,
    build_invitation,
    build_moved,
    build_reminder,
)
from bot.texts import t
from storage import ledger
from storage.meetings import find_meeting, get_network, meetings_to_schedule
from storage.members import active_member as active_member_row
from storage.members import active_member_rows, remembered
from storage.models import Meeting
from storage.rsvps import rsvp_for

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.runtime import Runtime

# A meeting stays relevant this long after its last planned send, so sends that are always
# worth sending late (the summaries) still go out after some downtime.
RELEVANCE_DAYS = 14

Render = Callable[[Session, str], list[Message]]


def relevant_meetings(session: Session, now: dt.datetime, policy: Mapping[str, Step]) -> list[Meeting]:
    """Planned meetings whose sends may still be due, and cancelled ones not yet past."""
    last_offset = max((step.days for step in policy.values()), default=0)
    horizon = now - dt.timedelta(days=max(last_offset, 0) + 1 + RELEVANCE_DAYS)
    # Read once per unit of work (the board asks for its sends due and its sends ahead).
    return remembered(
        session, ("relevant_meetings", horizon, now), lambda: meetings_to_schedule(session, horizon, now)
    )


@dataclass(frozen=True)
class Plan:
    """A meeting's dated sends and its check-in deadline."""

    meeting: Meeting
    sends: list[PlannedSend]
    deadline: dt.datetime
    network: str = DEFAULT_NETWORK  # the network's name, said in the DMs and the calendar file

    def info(self) -> MeetingInfo:
        """What the DMs say about the meeting."""
        m = self.meeting
        return MeetingInfo(m.id, m.starts_at, m.place, self.deadline, network=self.network)


def plan_for(
    meeting: Meeting, tz: ZoneInfo, policy: Mapping[str, Step], network: str = DEFAULT_NETWORK
) -> Plan:
    """The timeline of one meeting (of the network named `network`)."""
    sends = meeting_sends(meeting.starts_at, tz, policy)
    deadline = next(s.due_at for s in sends if s.kind == timeline.DEADLINE_SUMMARY)
    return Plan(meeting, sends, deadline, network)


def calendar_meeting(meeting: Meeting, network: str) -> CalendarMeeting:
    """What the meeting's `.ics` says (of the network named `network`)."""
    return CalendarMeeting(
        meeting.id, meeting.created_at, meeting.starts_at, meeting.place, meeting.version, network
    )


def _answer_of(session: Session, meeting_id: int, user_id: str) -> tuple[str | None, str | None, bool]:
    """(answer, ersättare, is a member) of a recipient: an ersättare is not asked to answer."""
    member = active_member_row(session, user_id)
    if member is None:
        return None, None, False
    row = rsvp_for(session, meeting_id, member.id)
    return (row.answer, row.deputy_user_id, True) if row else (None, None, True)


def _fixed(build: Callable[[], list[Message]]) -> Render:
    """The same messages for every recipient, built at the first send (a tick with nothing to
    send builds none), then kept for the other recipients."""
    built: list[list[Message]] = []

    def render(_session: Session, _recipient: str) -> list[Message]:
        if not built:
            built.append(build())
        return built[0]

    return render


def _summary_render(meeting_id: int, kind: str, tz: ZoneInfo, lang: str) -> Render:
    def render(session: Session, _recipient: str) -> list[Message]:
        if kind == timeline.DEADLINE_SUMMARY:
            from bot.checkin.summary import load_checkin_summary, render_checkin_summary

            return render_checkin_summary(load_checkin_summary(session, meeting_id), tz, lang)
        from bot.pulse.service import load_pulse_summary
        from bot.pulse.views import build_pulse_summary

        return build_pulse_summary(load_pulse_summary(session, meeting_id), tz, lang)

    return render


def _invitation_render(plan: Plan, tz: ZoneInfo, lang: str, now: dt.datetime, due_at: dt.datetime) -> Render:
    """The invitation, showing the member's answer if they gave one first (on the Home tab),
    then the meeting's `.ics`: one send, so a retry never uploads the file twice. The file is
    made on the first render, not when the send is listed (the organisers' board lists it)."""
    meeting = calendar_meeting(plan.meeting, plan.network)
    calendar: list[Message] = []  # made once, shared by every recipient's render
    info = replace(plan.info(), now=due_at)  # dates near the send read "i morgon", "på torsdag"

    def render(session: Session, recipient: str) -> list[Message]:
        answer, deputy, _member = _answer_of(session, plan.meeting.id, recipient)
        if not calendar:  # two workers racing here both make the same file; one is kept
            calendar.append(build_calendar_file(meeting, tz, lang, CalendarMethod.REQUEST, now))
        return [*build_invitation(info, tz, lang, answer=answer, deputy=deputy), calendar[0]]

    return render


def _member_messages(
    plan: Plan, kind: str, tz: ZoneInfo, lang: str, due_at: dt.datetime, anonymous: bool = False
) -> list[Message]:
    info = replace(plan.info(), now=due_at)  # dates near the send read "i morgon", "på torsdag"
    if kind in REMINDERS:
        return build_reminder(info, tz, lang, last=kind == timeline.LAST_REMINDER)
    if kind == timeline.DAY_OF:
        return build_day_of(info, tz, lang)
    from bot.pulse.views import build_pulse_question

    return build_pulse_question(info.meeting_id, info.starts_at, tz, lang, anonymous, now=due_at)


def _timing(plan: Plan, kind: str) -> tuple[bool, dt.datetime | None]:
    """(always_send_late, stale_after) of a meeting's send to members (see DueSend)."""
    if kind == timeline.INVITATION or kind in REMINDERS:
        # The invitation is still worth having late, while check-in is open; after it has
        # closed there is nothing to invite or remind about.
        return kind == timeline.INVITATION, plan.deadline
    if kind == timeline.DAY_OF:
        return False, plan.meeting.starts_at
    return False, None


def _too_late(plan: Plan, planned: PlannedSend, now: dt.datetime, grace: dt.timedelta) -> bool:
    """Whether a send to members is too late at `now` (the channel's summaries never are)."""
    if planned.kind in TO_CHANNEL:
        return False
    return too_late(planned.due_at, *_timing(plan, planned.kind), now, grace)


def _timeline_send(
    session: Session,
    plan: Plan,
    planned: PlannedSend,
    channel: str | None,
    tz: ZoneInfo,
    lang: str,
    now: dt.datetime,
) -> DueSend:
    meeting = plan.meeting
    kind = planned.kind
    key = send_key(meeting.id, kind)
    if kind in TO_CHANNEL:
        return DueSend(
            send_key=key,
            kind=kind,
            due_at=planned.due_at,
            recipients=[channel] if channel else [],
            render=_summary_render(meeting.id, kind, tz, lang),
            always_send_late=True,
            revision=meeting.version,
            meta={"meeting_id": meeting.id, "waiting_for_channel": channel is None},
        )
    recipients = member_audience(session, meeting.id, kind, planned.due_at, active_member_rows(session))
    anonymous = kind == timeline.PULSE and get_network(session).anonymous_pulse  # read now, not at send
    always_send_late, stale_after = _timing(plan, kind)
    return DueSend(
        send_key=key,
        kind=kind,
        due_at=planned.due_at,
        recipients=recipients,
        render=(
            _invitation_render(plan, tz, lang, now, planned.due_at)
            if kind == timeline.INVITATION
            else _fixed(lambda: _member_messages(plan, kind, tz, lang, planned.due_at, anonymous))
        ),
        always_send_late=always_send_late,
        stale_after=stale_after,
        revision=meeting.version,
        meta={"meeting_id": meeting.id},
    )


def _moved_send(session: Session, plan: Plan, now: dt.datetime, tz: ZoneInfo, lang: str) -> DueSend:
    meeting = plan.meeting
    told = invited_members(session, meeting.id, active_member_rows(session))
    recipients = [uid for uid, version in told.items() if version < meeting.version]
    calendar = build_calendar_file(
        calendar_meeting(meeting, plan.network), tz, lang, CalendarMethod.REQUEST, now
    )

    def render(session: Session, recipient: str) -> list[Message]:
        # Answers are kept through a move; members are asked to confirm theirs.
        answer, deputy, member = _answer_of(session, meeting.id, recipient)
        moved = build_moved(
            plan.info(),
            tz,
            lang,
            checkin_open=now < plan.deadline,
            answer=answer,
            deputy=deputy,
            ask_answer=member,
        )
        return [*moved, calendar]

    return DueSend(
        send_key=moved_key(meeting.id, meeting.version),
        kind=MOVED,
        due_at=now,
        recipients=recipients,
        render=render,
        always_send_late=True,
        stale_after=meeting.starts_at,
        revision=meeting.version,
        meta={"meeting_id": meeting.id},
    )


def _cancelled_send(session: Session, meeting: Meeting, now: dt.datetime, tz: ZoneInfo, lang: str) -> DueSend:
    told = invited_members(session, meeting.id, active_member_rows(session))
    # Read now, in the tick's session: the render runs later, in the sending workers' threads.
    network_name = get_network(session).name
    return DueSend(
        send_key=cancelled_key(meeting.id),
        kind=CANCELLED,
        due_at=now,
        recipients=list(told),
        render=_fixed(
            lambda: [
                *build_cancelled(meeting.starts_at, tz, lang),
                build_calendar_file(
                    calendar_meeting(meeting, network_name), tz, lang, CalendarMethod.CANCEL, now
                ),
            ]
        ),
        always_send_late=True,
        stale_after=meeting.starts_at,
        revision=meeting.version,
        meta={"meeting_id": meeting.id},
    )


def closed_reminder_keys(
    meetings: Iterable[Meeting], tz: ZoneInfo, policy: Mapping[str, Step], now: dt.datetime
) -> list[str]:
    """The send keys of reminders whose check-in has closed.

    Such a reminder, once finished, can gain no recipient: it goes only to those invited before
    it was due, and every invitation from now on is sent after that (none after the deadline).
    A meeting moved so that check-in opens again has a later deadline, and leaves this list.
    """
    return [
        send_key(meeting.id, kind)
        for meeting in meetings
        if meeting.status == "planned" and now >= plan_for(meeting, tz, policy).deadline
        for kind in sorted(REMINDERS)
    ]


def meeting_due_sends(
    session: Session,
    runtime: Runtime,
    now: dt.datetime,
    timely_within: dt.timedelta | None = None,
    invitation_audience: bool = True,
) -> list[DueSend]:
    """Every meeting send whose time has come at `now`, with today's recipients; with
    `timely_within` (the grace), only those not too late to send (whose audience the board
    needs: a tick records the late ones). Without `invitation_audience` (the board counts it),
    an invitation is listed with no recipients and `meta["every_member"]`: never to be sent."""
    network = get_network(session)
    policy = meeting_policy(network.policy)
    tz, lang = runtime.tz, runtime.lang
    meetings = relevant_meetings(session, now, policy)
    # A reminder finished after check-in closed can gain no one (see closed_reminder_keys): its
    # audience is not worked out again. (With `timely_within` such a reminder is too late anyway.)
    closed = closed_reminder_keys(meetings, tz, policy, now) if timely_within is None else []
    finished = set(ledger.finished_audiences(session, closed))
    due: list[DueSend] = []
    for meeting in meetings:
        if meeting.status == "cancelled":
            # Nothing else of a cancelled meeting is sent; those invited are told once.
            due.append(_cancelled_send(session, meeting, now, tz, lang))
            continue
        plan = plan_for(meeting, tz, policy, network.name)
        if meeting.version > 1 and now < meeting.starts_at:
            due.append(_moved_send(session, plan, now, tz, lang))
        for planned in plan.sends:
            if planned.due_at > now or send_key(meeting.id, planned.kind) in finished:
                continue
            if timely_within is not None and _too_late(plan, planned, now, timely_within):
                continue
            if planned.kind == timeline.INVITATION and not invitation_audience:
                key = send_key(meeting.id, planned.kind)
                due.append(
                    DueSend(key, planned.kind, planned.due_at, [], _fixed(list), meta={"every_member": True})
                )
                continue
            due.append(_timeline_send(session, plan, planned, network.organisers_channel, tz, lang, now))
    return due


def describe_meeting_send(session: Session, key: str, kind: str, runtime: Runtime) -> str | None:
    """ "Påminnelse inför träffen torsdag 12 mars 2027 kl. 13.00" for a meeting's send (None for
    any other send, or a meeting no longer there)."""
    meeting_id = meeting_id_of(key)
    meeting = find_meeting(session, meeting_id) if meeting_id is not None else None
    if meeting is None:
        return None
    label = kind_label(kind, runtime.lang)
    when = format_when(meeting.starts_at, runtime.tz, runtime.lang)
    after = kind in (timeline.PULSE, timeline.PULSE_SUMMARY)
    return t(
        "scheduler.after_meeting" if after else "scheduler.of_meeting", runtime.lang, label=label, when=when
    )


SOURCE = Source("meeting", meeting_due_sends, describe_meeting_send)
