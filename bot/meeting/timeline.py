"""The timeline as data: meeting + policy + calendar -> dated sends. Pure (award rounds: bot/award/timeline.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from bot.workdays import first_working_day_after, working_day_on_or_before


class MeetingSend(StrEnum):
    """The sends of a meeting's timeline, in timeline order (the values are stored in the ledger)."""

    INVITATION = "invitation"
    REMINDER = "reminder"
    LAST_REMINDER = "last_reminder"
    DEADLINE_SUMMARY = "deadline_summary"
    DAY_OF = "day_of"
    PULSE = "pulse"
    PULSE_SUMMARY = "pulse_summary"


# The kinds by their short names, as the rest of the code has always used them.
INVITATION = MeetingSend.INVITATION
REMINDER = MeetingSend.REMINDER
LAST_REMINDER = MeetingSend.LAST_REMINDER
DEADLINE_SUMMARY = MeetingSend.DEADLINE_SUMMARY
DAY_OF = MeetingSend.DAY_OF
PULSE = MeetingSend.PULSE
PULSE_SUMMARY = MeetingSend.PULSE_SUMMARY


@dataclass(frozen=True)
class Step:
    """One send of the policy: days relative to the meeting date, local time of day."""

    days: int
    at: dt.time


DEFAULT_MEETING_POLICY: dict[str, Step] = {
    INVITATION: Step(-21, dt.time(9, 0)),
    REMINDER: Step(-7, dt.time(9, 0)),
    LAST_REMINDER: Step(-2, dt.time(9, 0)),
    DEADLINE_SUMMARY: Step(-1, dt.time(12, 0)),
    DAY_OF: Step(0, dt.time(8, 0)),
    PULSE: Step(1, dt.time(9, 0)),
    PULSE_SUMMARY: Step(7, dt.time(9, 0)),
}


@dataclass(frozen=True)
class PlannedSend:
    """A send the timeline says should happen at `due_at` (aware)."""

    kind: str
    due_at: dt.datetime


def meeting_policy(overrides: Mapping[str, Any] | None) -> dict[str, Step]:
    """The defaults with the network's overrides (`{"reminder": {"days": -5, "at": "10:00"}}`)."""
    policy = dict(DEFAULT_MEETING_POLICY)
    for kind, raw in (overrides or {}).get("meeting", {}).items():
        if kind in policy:
            policy[kind] = Step(
                int(raw.get("days", policy[kind].days)),
                dt.time.fromisoformat(raw.get("at", policy[kind].at.isoformat())),
            )
    return policy


def _local(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    # zoneinfo resolves a wall time that does not exist (spring forward) or exists twice
    # (fall back) with fold=0; a send at 02:30 on the spring-forward night lands at 03:30.
    local = dt.datetime.combine(day, at, tzinfo=tz)
    return local.astimezone(dt.UTC).astimezone(tz)


def meeting_sends(
    starts_at: dt.datetime, tz: ZoneInfo, policy: Mapping[str, Step] | None = None
) -> list[PlannedSend]:
    """Every send of a meeting starting at `starts_at`, in time order.

    A send that would fall on a weekend or Swedish holiday moves to the working day before,
    except where that would be wrong: the "today" reminder stays on the meeting day; a send
    after the meeting never moves to (or before) the meeting day but to the next working day;
    and a send that a long holiday (Christmas) would push back onto the send before it goes to
    the first working day after its own day instead, so two reminders never arrive together.
    """
    return list(_sends(starts_at, tz, tuple(sorted((policy or DEFAULT_MEETING_POLICY).items()))))


@lru_cache(maxsize=256)
def _sends(
    starts_at: dt.datetime, tz: ZoneInfo, items: tuple[tuple[str, Step], ...]
) -> tuple[PlannedSend, ...]:
    # Every tick and board asks for each meeting's timeline, several times: it depends only on
    # these (and the fixed calendar), like the deadline below.
    steps = dict(items)
    meeting_day = starts_at.astimezone(tz).date()
    sends: list[PlannedSend] = []
    for kind, step in sorted(steps.items(), key=lambda item: (item[1].days, item[1].at)):
        due = _local(_send_day(meeting_day, step.days), step.at, tz)
        if sends and step.days < 0 and due <= sends[-1].due_at:
            target = meeting_day + dt.timedelta(days=step.days)
            later_day = first_working_day_after(target - dt.timedelta(days=1))
            later = _local(later_day, step.at, tz)
            if sends[-1].due_at < later and later_day < meeting_day:
                due = later
        sends.append(PlannedSend(kind, due))
    return tuple(sorted(sends, key=lambda s: s.due_at))


def _send_day(meeting_day: dt.date, days: int) -> dt.date:
    if days == 0:
        return meeting_day
    target = meeting_day + dt.timedelta(days=days)
    day = working_day_on_or_before(target)
    if days > 0 and day <= meeting_day:
        # "Vill ni träffas igen?" the day after a Friday meeting: Monday, not Friday morning.
        day = first_working_day_after(target - dt.timedelta(days=1))
    return day


def checkin_deadline(
    starts_at: dt.datetime, tz: ZoneInfo, policy: Mapping[str, Step] | None = None
) -> dt.datetime:
    """When check-ins for this meeting close (the deadline summary's time)."""
    return _deadline(starts_at, tz, tuple(sorted((policy or DEFAULT_MEETING_POLICY).items())))


@lru_cache(maxsize=256)
def _deadline(starts_at: dt.datetime, tz: ZoneInfo, steps: tuple[tuple[str, Step], ...]) -> dt.datetime:
    # Every check-in request asks; the answer depends only on these (and the fixed calendar).
    return next(s.due_at for s in meeting_sends(starts_at, tz, dict(steps)) if s.kind == DEADLINE_SUMMARY)
