"""The network's sammanställning as a timed send: at the check-in deadline, the answers marked
Nätverket go to every member expected at the meeting (by DM), or to the members' channel when the
samordnare chose one. Exactly once through the ledger, like every timed send; nothing when the
samordnare turned sharing off, and nothing once the meeting has started.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.checkin.shared import render_shared_channel, render_shared_dm
from bot.checkin.summary import load_checkin_summary
from bot.delivery.sends import DueSend, Message, Source
from bot.meeting.audience import expected_recipients
from bot.meeting.schedule import describe_meeting_send, plan_for, relevant_meetings
from bot.meeting.timeline import meeting_policy
from storage.meetings import get_network
from storage.models import MeetingStatus

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from bot.runtime import Runtime

NETWORK_SUMMARY = "network_summary"


def shared_key(meeting_id: int) -> str:
    """The ledger key of a meeting's network sammanställning (no date: stable across moves)."""
    return f"meeting:{meeting_id}:{NETWORK_SUMMARY}"


def _render(
    meeting_id: int, in_channel: bool, tz: ZoneInfo, lang: str, now: dt.datetime
) -> Callable[[Session, str], list[Message]]:
    """Load and render once per tick, however many members it goes to (check-in has closed)."""
    lock = threading.Lock()
    rendered: list[list[Message]] = []

    def render(session: Session, _recipient: str) -> list[Message]:
        with lock:
            if not rendered:
                summary = load_checkin_summary(session, meeting_id)
                build = render_shared_channel if in_channel else render_shared_dm
                rendered.append(build(summary, tz, lang, now))
            return rendered[0]

    return render


def shared_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> list[DueSend]:
    """The network sammanställning of every meeting whose check-in has closed and that has not
    started, unless the samordnare turned sharing off."""
    network = get_network(session)
    if not network.share_checkins:
        return []
    policy = meeting_policy(network.policy)
    due: list[DueSend] = []
    for meeting in relevant_meetings(session, now, policy):
        if meeting.status != MeetingStatus.PLANNED or now >= meeting.starts_at:
            continue
        plan = plan_for(meeting, runtime.tz, policy)
        if now < plan.deadline:
            continue
        channel = network.members_channel
        recipients = [channel] if channel else expected_recipients(session, meeting.id)
        due.append(
            DueSend(
                send_key=shared_key(meeting.id),
                kind=NETWORK_SUMMARY,
                due_at=plan.deadline,
                recipients=recipients,
                render=_render(meeting.id, channel is not None, runtime.tz, runtime.lang, plan.deadline),
                always_send_late=True,
                stale_after=meeting.starts_at,
                revision=meeting.version,
                meta={"meeting_id": meeting.id},
            )
        )
    return due


SOURCE = Source("insyn", shared_due_sends, describe_meeting_send)
