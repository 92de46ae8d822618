"""The samordnare's insights: `historik` (the history and its chart) and `export protokoll`.

Load (storage/insights.py, bounded queries) -> pure steps (chart, themes, minutes, views) ->
send into the samordnare's DM. Only samordnare may run them; refusals are `Refused`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.checkin.shared import network_only
from bot.checkin.summary import checkin_themes, load_checkin_summary
from bot.csv_export import dm_channel, upload_files
from bot.insights.chart import HistoryPoint, chart_alt_text, render_history_chart
from bot.insights.minutes import (
    Attendee,
    MinutesData,
    OrganisationAttendance,
    PulseResult,
    minutes_docx,
    minutes_filename,
    minutes_markdown,
)
from bot.insights.views import build_history_messages
from bot.meeting.service import Refused, require_organiser, when
from bot.privacy.service import log_action
from bot.runtime import Runtime
from bot.texts import t
from storage import meetings
from storage.audit import AuditAction
from storage.db import transaction
from storage.insights import MeetingNumbers, meeting_history
from storage.members import members_by_user
from storage.models import Meeting, PulseChoice, RsvpAnswer
from storage.pulse import pulse_answers_for_meeting
from storage.rsvps import rsvps_for_meeting

CHART_FILENAME = "historik.png"


@dataclass(frozen=True)
class HistorySent:
    """`historik`: the history of `held` meetings (and `cancelled` ones) went to the DM, with the
    chart when a meeting has been held."""

    held: int
    cancelled: int


@dataclass(frozen=True)
class MinutesSent:
    """`export protokoll`: the minutes draft of the meeting at `starts_at` went to the DM."""

    starts_at: dt.datetime


def history_points(history: Sequence[MeetingNumbers], tz: ZoneInfo) -> list[HistoryPoint]:
    """The chart's numbers: those who came per organisation, and the pulse answers."""
    return [
        HistoryPoint(
            day=m.starts_at.astimezone(tz).date(),
            participants=dict(m.came),
            yes=m.yes,
            no=m.no,
            cancelled=m.cancelled,
        )
        for m in history
    ]


def load_history(runtime: Runtime, user_id: str) -> tuple[str, list[MeetingNumbers]]:
    """The network's name and its past meetings' numbers, for a samordnare only."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        return meetings.get_network(session).name, meeting_history(session, runtime.now())


def send_history(runtime: Runtime, user_id: str) -> HistorySent:
    """`historik`: the history as messages and the chart as a PNG, in the samordnare's DM."""
    network, history = load_history(runtime, user_id)
    held = [m for m in history if not m.cancelled]
    if not held and not any(m.cancelled for m in history):
        return HistorySent(0, 0)  # a kind sentence in the answer, nothing sent
    channel = dm_channel(runtime, user_id)
    for message in build_history_messages(history, runtime.tz, runtime.lang, network):
        runtime.client.chat_postMessage(channel=channel, **message)
    if held:
        points = history_points(history, runtime.tz)
        upload_files(
            runtime,
            channel,
            [
                (
                    CHART_FILENAME,
                    render_history_chart(points, runtime.lang, network),
                    chart_alt_text(points, runtime.lang),
                )
            ],
            comment=None,
        )
    return HistorySent(len(held), len(history) - len(held))


# ---------------------------------------------------------------- minutes


def minutes_meeting(session: Session, runtime: Runtime, on: dt.date | None) -> Meeting:
    """The meeting on `on` (local day), or the latest past one; refuses politely when none."""
    if on is None:
        meeting = meetings.latest_past_meeting(session, runtime.now())
        if meeting is None:
            raise Refused("insights.error.no_past_meeting")
        return meeting
    start = dt.datetime.combine(on, dt.time(), tzinfo=runtime.tz)
    found = meetings.planned_meetings_on(session, start, start + dt.timedelta(days=1))
    if not found:
        latest = meetings.latest_past_meeting(session, runtime.now())
        example = (latest.starts_at.astimezone(runtime.tz).date() if latest else on).isoformat()
        raise Refused("insights.error.no_meeting_on", date=on.isoformat(), example=example)
    return found[0]


def _attendance(session: Session, meeting_id: int) -> list[OrganisationAttendance]:
    """Who came per organisation: said they come, and the ersättare named in someone's place."""
    rows = [
        r
        for r in rsvps_for_meeting(session, meeting_id)
        if r.answer in (RsvpAnswer.COMING, RsvpAnswer.DEPUTY)
    ]
    deputies = {
        m.slack_user_id: m
        for m in members_by_user(session, [r.deputy_user_id for r in rows if r.deputy_user_id])
    }
    by_org: dict[str | None, list[Attendee]] = {}
    for row in rows:
        member = row.member
        name = member.name or member.slack_user_id
        org = member.organisation.name if member.organisation else None
        if row.answer == RsvpAnswer.DEPUTY:
            uid = row.deputy_user_id or ""
            known = deputies.get(uid)
            attendee = Attendee((known.name if known and known.name else uid), substitute_for=name)
        else:
            attendee = Attendee(name)
        by_org.setdefault(org, []).append(attendee)
    return [OrganisationAttendance(org, tuple(people)) for org, people in by_org.items()]


def _pulse(session: Session, meeting_id: int) -> PulseResult:
    answers = pulse_answers_for_meeting(session, meeting_id)
    return PulseResult(
        yes=sum(a.answer == PulseChoice.YES for a in answers),
        no=sum(a.answer == PulseChoice.NO for a in answers),
        comments=sum(bool((a.comment or "").strip()) for a in answers),
    )


def load_minutes(session: Session, runtime: Runtime, on: dt.date | None) -> MinutesData:
    """Everything the minutes draft of the chosen meeting holds."""
    meeting = minutes_meeting(session, runtime, on)
    # The minutes are a draft for the whole network: only answers marked Nätverket.
    shared = network_only(load_checkin_summary(session, meeting.id).organisations)
    return MinutesData(
        starts_at=meeting.starts_at,
        place=meeting.place,
        attendance=_attendance(session, meeting.id),
        checkins=shared,
        themes=checkin_themes(shared),
        pulse=_pulse(session, meeting.id),
        network=meetings.get_network(session).name,
    )


def send_minutes(runtime: Runtime, user_id: str, on: dt.date | None) -> MinutesSent:
    """`export protokoll [datum]`: the draft as .docx and Markdown, one upload into the DM."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        data = load_minutes(session, runtime, on)
    tz, lang = runtime.tz, runtime.lang
    comment = t("insights.minutes.comment", lang, when=when(runtime, data.starts_at))
    upload_files(
        runtime,
        dm_channel(runtime, user_id),
        [
            (minutes_filename(data, tz, "docx"), minutes_docx(data, tz, lang), None),
            (minutes_filename(data, tz, "md"), minutes_markdown(data, tz, lang).encode("utf-8"), None),
        ],
        comment=comment,
    )
    rows = sum(len(organisation.checkins) for organisation in data.checkins)
    log_action(runtime, user_id, AuditAction.EXPORT_MINUTES, rows=rows)
    return MinutesSent(data.starts_at)
