"""Närvaro's timed sends, a source for the scheduler (see bot/delivery/sends.py):

- the ersättare's own invitation ("meeting:12:deputy_invitation", one row per ersättare), from
  the time the members' invitations are due until the meeting starts;
- to an ersättare no longer needed (the member chose someone else, or comes after all), once
  ("meeting:12:deputy_released"), with a METHOD:CANCEL calendar file;
- a save-the-date with the calendar file for a meeting planned more than SAVE_THE_DATE_DAYS
  ahead, on the next working day at 09.00 after it was planned ("meeting:12:save_the_date").
  If the invitation is due before it went out, it is not listed any more: dropped silently,
  since the invitation carries the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.attendance.audience import (
    DEPUTY_INVITATION,
    DEPUTY_RELEASED,
    SAVE_THE_DATE,
    Attendance,
    deputy_key,
    load_attendance,
    released_deputies,
    released_key,
    save_the_date_key,
)
from bot.attendance.views import build_calendar_file
from bot.delivery.sends import DueSend, Message, Source
from bot.meeting import timeline
from bot.meeting.calendar import CalendarMethod
from bot.meeting.schedule import Plan, calendar_meeting, describe_meeting_send, plan_for, relevant_meetings
from bot.meeting.timeline import meeting_policy
from bot.meeting.views import build_deputy_invitation, build_deputy_released, build_save_the_date
from bot.workdays import first_working_day_after
from storage.meetings import get_network
from storage.members import MemberRow, active_member_rows
from storage.models import Meeting

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.runtime import Runtime

SAVE_THE_DATE_DAYS = 21
SAVE_THE_DATE_AT = dt.time(9, 0)


def save_the_date_at(meeting: Meeting, tz: ZoneInfo) -> dt.datetime | None:
    """When a meeting's save-the-date is due, or None when it was planned too close to need one."""
    planned = meeting.planned_at
    if planned is None or meeting.starts_at - planned <= dt.timedelta(days=SAVE_THE_DATE_DAYS):
        return None
    day = first_working_day_after(planned.astimezone(tz).date())
    local = dt.datetime.combine(day, SAVE_THE_DATE_AT, tzinfo=tz)
    return local.astimezone(dt.UTC).astimezone(tz)


def _send(
    meeting: Meeting,
    kind: str,
    key: str,
    due_at: dt.datetime,
    recipients: list[str],
    render: Callable[[Session, str], list[Message]],
    stale_after: dt.datetime,
) -> DueSend:
    """One of närvaro's DMs: always worth sending late, until `stale_after`."""
    return DueSend(
        send_key=key,
        kind=kind,
        due_at=due_at,
        recipients=recipients,
        render=render,
        always_send_late=True,
        stale_after=stale_after,
        revision=meeting.version,
        meta={"meeting_id": meeting.id},
    )


def _deputy_invitation(
    plan: Plan,
    attendance: Attendance[MemberRow],
    due_at: dt.datetime,
    now: dt.datetime,
    tz: ZoneInfo,
    lang: str,
) -> DueSend:
    meeting = plan.meeting
    calendar = build_calendar_file(
        calendar_meeting(meeting, plan.network), tz, lang, CalendarMethod.REQUEST, now
    )

    def render(_session: Session, recipient: str) -> list[Message]:
        member = attendance.deputies[recipient]
        name = member.name or member.slack_user_id
        invitation = build_deputy_invitation(
            plan.info(), name, member.organisation, tz, lang, checkin_open=now < plan.deadline
        )
        return [*invitation, calendar]

    key = deputy_key(meeting.id)
    return _send(
        meeting, DEPUTY_INVITATION, key, due_at, list(attendance.deputies), render, meeting.starts_at
    )


def _released(plan: Plan, recipients: list[str], now: dt.datetime, tz: ZoneInfo, lang: str) -> DueSend:
    meeting = plan.meeting
    messages = [
        *build_deputy_released(meeting.starts_at, tz, lang),
        build_calendar_file(calendar_meeting(meeting, plan.network), tz, lang, CalendarMethod.CANCEL, now),
    ]
    key = released_key(meeting.id)
    return _send(meeting, DEPUTY_RELEASED, key, now, recipients, lambda _s, _r: messages, meeting.starts_at)


def _save_the_date(
    plan: Plan,
    recipients: list[str],
    due_at: dt.datetime,
    invitation_at: dt.datetime,
    now: dt.datetime,
    tz: ZoneInfo,
    lang: str,
) -> DueSend:
    meeting = plan.meeting
    messages = [
        *build_save_the_date(plan.info(), invitation_at, tz, lang),
        build_calendar_file(calendar_meeting(meeting, plan.network), tz, lang, CalendarMethod.REQUEST, now),
    ]
    key = save_the_date_key(meeting.id)
    return _send(meeting, SAVE_THE_DATE, key, due_at, recipients, lambda _s, _r: messages, invitation_at)


def attendance_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> list[DueSend]:
    """The ersättare's invitations and notices, and the save-the-dates, due at `now`."""
    network = get_network(session)
    policy = meeting_policy(network.policy)
    tz, lang = runtime.tz, runtime.lang
    members = active_member_rows(session)
    due: list[DueSend] = []
    for meeting in relevant_meetings(session, now, policy):
        if meeting.status != "planned" or meeting.starts_at <= now:
            continue
        plan = plan_for(meeting, tz, policy, network.name)
        invitation_at = next(s.due_at for s in plan.sends if s.kind == timeline.INVITATION)
        save_at = save_the_date_at(meeting, tz)
        if save_at is not None and save_at <= now < invitation_at:
            recipients = [m.slack_user_id for m in members]
            due.append(_save_the_date(plan, recipients, save_at, invitation_at, now, tz, lang))
        if now < invitation_at:
            continue
        attendance = load_attendance(session, meeting.id, members)
        due.append(_deputy_invitation(plan, attendance, invitation_at, now, tz, lang))
        released = released_deputies(session, meeting.id, attendance)
        if released:
            due.append(_released(plan, released, now, tz, lang))
    return due


# Its sends are a meeting's sends: named in the report like them ("Spara datumet inför träffen …").
SOURCE = Source("attendance", attendance_due_sends, describe_meeting_send)
