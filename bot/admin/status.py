"""The organisers' board: the next meeting, who has checked in, what the scheduler will send
next and what failed, for `/chefsnatverket status` and the Home tab.

The lines are computed the way a tick would compute them (the same timeline, the same
audiences, the same ledger), so the status never promises what the scheduler will not do.
Problems are shown while they are recent (PROBLEM_DAYS): older ones have been dealt with or
no longer matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.admin.views import Board, MeetingInfo
from bot.attendance.board import not_coming_ids, organisation_attendance, stand_ins
from bot.attendance.views import OrgAttendance
from bot.delivery.finished import unfinished
from bot.delivery.scheduler import kind_label, lateness, report_items
from bot.formatting import format_when
from bot.meeting import timeline
from bot.meeting.people import Person
from bot.meeting.schedule import (
    CANCELLED,
    MOVED,
    REMINDERS,
    TO_CHANNEL,
    meeting_due_sends,
    member_audience,
    plan_for,
    relevant_meetings,
    send_key,
)
from bot.meeting.timeline import Step, checkin_deadline, meeting_policy
from bot.texts import t
from storage import ledger
from storage.checkins import checked_in_member_ids
from storage.meetings import get_network
from storage.members import active_member_rows
from storage.models import Meeting

if TYPE_CHECKING:
    from bot.runtime import Runtime

NEXT_SENDS = 5
PROBLEM_DAYS = 14
MAX_PROBLEM_LINES = 10


@dataclass(frozen=True)
class Upcoming:
    """A send the scheduler will make: when (None: at the next tick), to whom, waiting or not."""

    due_at: dt.datetime | None
    what: str
    waiting_for_channel: bool = False


def _audience(kind: str, count: int, lang: str) -> str:
    label = kind_label(kind, lang)
    if kind in TO_CHANNEL:
        return t("scheduler.audience.channel", lang, label=label)
    if kind in REMINDERS:
        return t("scheduler.audience.not_checked_in", lang, label=label, count=count)
    if kind in (MOVED, CANCELLED):
        return t("scheduler.audience.invited", lang, label=label, count=count)
    if count == 1:
        return t("scheduler.audience.member", lang, label=label)
    return t("scheduler.audience.members", lang, label=label, count=count)


def _pending_now(session: Session, runtime: Runtime, now: dt.datetime) -> list[Upcoming]:
    """Sends already due that a tick still has work on (new recipients, a channel to wait for)."""
    grace = dt.timedelta(hours=runtime.settings.grace_hours)
    pending = []
    current = [d for d in meeting_due_sends(session, runtime, now) if lateness(d, now, grace) is None]
    for due in unfinished(session, current):  # a finished send has nothing left, as in a tick
        if due.meta.get("waiting_for_channel"):
            if not ledger.rows_for(session, due.send_key):
                pending.append(Upcoming(None, _audience(due.kind, 0, runtime.lang), waiting_for_channel=True))
            continue
        done = ledger.rows_for(session, due.send_key)
        left = [r for r in due.recipients if r not in done or done[r].state in ledger.PENDING_STATES]
        if left:
            pending.append(Upcoming(None, _audience(due.kind, len(left), runtime.lang)))
    return pending


def _future(session: Session, runtime: Runtime, now: dt.datetime, channel: str | None) -> list[Upcoming]:
    """The timeline's sends still ahead, with the audience they would have today."""
    policy = meeting_policy(get_network(session).policy)
    members = active_member_rows(session)
    upcoming = []
    plans = [
        plan_for(meeting, runtime.tz, policy)
        for meeting in relevant_meetings(session, now, policy)
        if meeting.status == "planned"
    ]
    # Who each send still ahead already has a row for (after a move), in one query.
    had = ledger.recipients_of(
        session, [send_key(p.meeting.id, s.kind) for p in plans for s in p.sends if s.due_at > now]
    )
    for plan in plans:
        meeting = plan.meeting
        ahead = [planned for planned in plan.sends if planned.due_at > now]
        if not ahead:
            continue
        checked_in = checked_in_member_ids(session, meeting.id)
        # Once invitations are out, reminders go to those invited (see reminder_audience).
        invitation_sent = ledger.has_sent(session, send_key(meeting.id, timeline.INVITATION))
        for planned in ahead:
            done = had[send_key(meeting.id, planned.kind)]
            if planned.kind in TO_CHANNEL:
                if not done:
                    upcoming.append(
                        Upcoming(planned.due_at, _audience(planned.kind, 1, runtime.lang), channel is None)
                    )
                continue
            if planned.kind in REMINDERS and not invitation_sent:
                audience = [m.slack_user_id for m in members if m.id not in checked_in]
            else:
                audience = member_audience(session, meeting.id, planned.kind, planned.due_at, members)
            left = [m for m in audience if m not in done]
            if left:
                upcoming.append(Upcoming(planned.due_at, _audience(planned.kind, len(left), runtime.lang)))
    return sorted(upcoming, key=lambda u: u.due_at or now)


def _upcoming_lines(session: Session, runtime: Runtime, now: dt.datetime, channel: str | None) -> list[str]:
    items = _pending_now(session, runtime, now) + _future(session, runtime, now, channel)
    lines = []
    for item in items[:NEXT_SENDS]:
        if item.waiting_for_channel and item.due_at is None:
            when = t("scheduler.status.waiting_channel", runtime.lang)
        elif item.due_at is None:
            when = t("scheduler.status.now", runtime.lang)
        else:
            when = format_when(item.due_at, runtime.tz, runtime.lang)
            if item.waiting_for_channel:
                when += f" ({t('scheduler.status.waiting_channel', runtime.lang)})"
        lines.append(t("scheduler.status.line", runtime.lang, what=item.what, when=when))
    return lines


def _problem_lines(session: Session, runtime: Runtime, now: dt.datetime) -> list[str]:
    problems = ledger.problems_since(session, now - dt.timedelta(days=PROBLEM_DAYS))
    retrying = ledger.count_waiting(session)
    if not problems and not retrying:
        return []
    lines = [t("scheduler.status.problems", runtime.lang)]
    shown = 0
    for item in report_items(session, problems, runtime):
        for who, why in item.failed:
            if shown < MAX_PROBLEM_LINES:
                lines.append(
                    t(
                        "scheduler.status.problem_line",
                        runtime.lang,
                        what=item.what,
                        due=item.due,
                        who=who,
                        why=why,
                    )
                )
            shown += 1
        if item.expired:
            lines.append(
                t(
                    "scheduler.status.expired_line",
                    runtime.lang,
                    what=item.what,
                    due=item.due,
                    count=item.expired,
                )
            )
    if shown > MAX_PROBLEM_LINES:
        lines.append(f"• … +{shown - MAX_PROBLEM_LINES}")
    if retrying:
        lines.append(t("scheduler.status.retrying", runtime.lang, count=retrying))
    return lines


def describe_schedule(session: Session, runtime: Runtime) -> list[str]:
    """Swedish mrkdwn lines: the next sends and when, then any failed sends ([] when none).

    The caller (the status board) puts its own heading above them and says whether an
    organisers' channel is chosen; sends that wait for one say so on their line.
    """
    now = runtime.now()
    channel = get_network(session).organisers_channel
    return _upcoming_lines(session, runtime, now, channel) + _problem_lines(session, runtime, now)


def meeting_info(runtime: Runtime, meeting: Meeting, policy: Mapping[str, Step]) -> MeetingInfo:
    """The next meeting as people see it: Swedish date, place, check-in deadline."""
    deadline = checkin_deadline(meeting.starts_at, runtime.tz, policy)
    return MeetingInfo(
        id=meeting.id,
        when=format_when(meeting.starts_at, runtime.tz, runtime.lang),
        place=meeting.place,
        deadline=format_when(deadline, runtime.tz, runtime.lang),
        checkin_open=runtime.now() < deadline,
    )


def _schedule_lines(session: Session, runtime: Runtime) -> list[str]:
    try:
        return describe_schedule(session, runtime)
    except Exception:
        # The board is still worth showing without the schedule lines.
        runtime.logger.exception("describe_schedule failed")
        return []


def load_board(
    session: Session, runtime: Runtime, meeting: Meeting | None, info: MeetingInfo | None
) -> Board:
    """The organisers' board for the next meeting (`meeting`, already loaded, shown as `info`)."""
    members = active_member_rows(session)
    organisations = {m.organisation_id for m in members if m.organisation_id is not None}
    missing = []
    attendance: tuple[OrgAttendance, ...] = ()
    done_count = 0
    if meeting is not None:
        done = checked_in_member_ids(session, meeting.id)
        # An ersättare's check-in counts for the member who sent them; who cannot come is not missing.
        done |= {m.id for deputy, m in stand_ins(session, meeting.id, members).items() if deputy in done}
        cannot = not_coming_ids(session, meeting.id, members)
        missing = [
            Person(m.slack_user_id, m.name, m.organisation)
            for m in members
            if m.id not in done and m.id not in cannot
        ]
        attendance = organisation_attendance(session, meeting.id)
        done_count = sum(1 for m in members if m.id in done)
    network = get_network(session)
    return Board(
        meeting=info,
        done=done_count,
        total=len(members),
        missing=tuple(missing),
        schedule=tuple(_schedule_lines(session, runtime)),
        channel_id=network.organisers_channel,
        organisations=len(organisations),
        attendance=attendance,
        network=network.name,
    )
