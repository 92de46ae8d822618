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

from bot.admin.turnout import Turnout, audience_size, load_turnout, missing_people
from bot.admin.views import Board, MeetingInfo
from bot.attendance.board import organisation_attendance
from bot.attendance.views import OrgAttendance
from bot.delivery.finished import unfinished
from bot.delivery.scheduler import kind_label, report_items
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
from storage.board import members_without_final_row, problems_and_waiting
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
    """Sends already due that a tick still has work on (new recipients, a channel to wait for);
    the audiences of those too late to send are not worked out (a tick records them)."""
    grace = dt.timedelta(hours=runtime.settings.grace_hours)
    pending = []
    current = meeting_due_sends(session, runtime, now, timely_within=grace, invitation_audience=False)
    # A finished send has nothing left, as in a tick.
    open_sends = {
        id(due) for due in unfinished(session, [d for d in current if not d.meta.get("every_member")])
    }
    for due in current:
        if due.meta.get("every_member"):  # an invitation: every active member without a final row
            count = members_without_final_row(session, due.send_key, ledger.PENDING_STATES)
            if count:
                pending.append(Upcoming(None, _audience(due.kind, count, runtime.lang)))
            continue
        if id(due) not in open_sends:
            continue
        if due.meta.get("waiting_for_channel"):
            if not ledger.rows_for(session, due.send_key):
                pending.append(Upcoming(None, _audience(due.kind, 0, runtime.lang), waiting_for_channel=True))
            continue
        done = ledger.rows_for(session, due.send_key)
        left = [r for r in due.recipients if r not in done or done[r].state in ledger.PENDING_STATES]
        if left:
            pending.append(Upcoming(None, _audience(due.kind, len(left), runtime.lang)))
    return pending


def _future(
    session: Session, runtime: Runtime, now: dt.datetime, channel: str | None, turnouts: dict[int, Turnout]
) -> list[Upcoming]:
    """The timeline's sends still ahead, with the audience they would have today (counted; worked
    out member by member only for a send some already had, after a move)."""
    policy = meeting_policy(get_network(session).policy)
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
            if done:
                count = len(_left(session, meeting.id, planned.kind, planned.due_at, invitation_sent, done))
            else:
                if meeting.id not in turnouts:
                    turnouts[meeting.id] = load_turnout(session, meeting.id)
                turnout = turnouts[meeting.id]
                count = audience_size(session, turnout, planned.kind, planned.due_at, invitation_sent)
            if count:
                upcoming.append(Upcoming(planned.due_at, _audience(planned.kind, count, runtime.lang)))
    return sorted(upcoming, key=lambda u: u.due_at or now)


def _left(
    session: Session, meeting_id: int, kind: str, due_at: dt.datetime, invitation_sent: bool, had: set[str]
) -> list[str]:
    """The audience of a send ahead, member by member, less those who already had it."""
    members = active_member_rows(session)
    if kind in REMINDERS and not invitation_sent:
        checked_in = checked_in_member_ids(session, meeting_id)
        audience = [m.slack_user_id for m in members if m.id not in checked_in]
    else:
        audience = member_audience(session, meeting_id, kind, due_at, members)
    return [m for m in audience if m not in had]


def _upcoming_lines(
    session: Session, runtime: Runtime, now: dt.datetime, channel: str | None, turnouts: dict[int, Turnout]
) -> list[str]:
    items = _pending_now(session, runtime, now) + _future(session, runtime, now, channel, turnouts)
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
    since = now - dt.timedelta(days=PROBLEM_DAYS)
    failed, retrying = problems_and_waiting(session, since)  # usually none: one cheap statement
    if not failed and not retrying:
        return []
    problems = ledger.problems_since(session, since) if failed else []
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


def describe_schedule(
    session: Session, runtime: Runtime, turnouts: dict[int, Turnout] | None = None
) -> list[str]:
    """Swedish mrkdwn lines: the next sends and when, then any failed sends ([] when none).

    The caller (the status board) puts its own heading above them and says whether an
    organisers' channel is chosen; sends that wait for one say so on their line. `turnouts`:
    meetings' counts the caller has already read, by meeting id (those read here are added).
    """
    now = runtime.now()
    channel = get_network(session).organisers_channel
    lines = _upcoming_lines(session, runtime, now, channel, {} if turnouts is None else turnouts)
    return lines + _problem_lines(session, runtime, now)


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


def _schedule_lines(session: Session, runtime: Runtime, turnouts: dict[int, Turnout]) -> list[str]:
    try:
        return describe_schedule(session, runtime, turnouts)
    except Exception:
        # The board is still worth showing without the schedule lines.
        runtime.logger.exception("describe_schedule failed")
        return []


def load_board(
    session: Session,
    runtime: Runtime,
    meeting: Meeting | None,
    info: MeetingInfo | None,
    most_missing: int | None = None,
) -> Board:
    """The organisers' board for the next meeting (`meeting`, already loaded, shown as `info`):
    who is missing, all of them or the first `most_missing` (the board still says how many)."""
    turnout = load_turnout(session, meeting.id if meeting is not None else None)
    missing: list[Person] = []
    attendance: tuple[OrgAttendance, ...] = ()
    if meeting is not None:
        missing = missing_people(session, turnout, most_missing) if turnout.missing else []
        attendance = organisation_attendance(session, meeting.id)
    network = get_network(session)
    turnouts = {meeting.id: turnout} if meeting is not None else {}
    return Board(
        meeting=info,
        done=turnout.done,
        total=turnout.total,
        missing=tuple(missing),
        missing_count=turnout.missing,
        schedule=tuple(_schedule_lines(session, runtime, turnouts)),
        channel_id=network.organisers_channel,
        organisations=sum(1 for o in turnout.organisations if o.organisation_id is not None),
        attendance=attendance,
        network=network.name,
    )
