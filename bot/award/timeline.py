"""The timeline of an award round as data: opening + deadline + policy -> dated sends. Pure.

The shared pieces (Step, PlannedSend, the DST-safe local time) live in bot.meeting.timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.meeting.timeline import PlannedSend, Step, _local
from bot.workdays import first_working_day_after

# Send kinds of an award round.
AWARD_ANNOUNCEMENT = "award_announcement"
AWARD_REMINDER_14 = "award_reminder_14"
AWARD_REMINDER_1 = "award_reminder_1"
AWARD_JURY_SUMMARY = "award_jury_summary"
# After the jury's decision, all at the chosen moment (bot/award/announce.py).
AWARD_WINNER_ANNOUNCEMENT = "award_winner_announcement"
AWARD_WINNER_CONGRATULATION = "award_winner_congratulation"
AWARD_WINNER_THANKS = "award_winner_thanks"
# The jury summary as files, uploaded once after it (bot/award/reading.py).
AWARD_JURY_READING = "award_jury_reading"


def send_key(round_id: int, kind: str) -> str:
    """The ledger key of one of a round's sends, e.g. `award:3:award_announcement`."""
    return f"award:{round_id}:{kind}"


DEFAULT_AWARD_POLICY: dict[str, Step] = {
    AWARD_REMINDER_14: Step(-14, dt.time(9, 0)),
    AWARD_REMINDER_1: Step(-1, dt.time(9, 0)),
    # days is ignored for the jury summary: it goes on the first working day after the deadline.
    AWARD_JURY_SUMMARY: Step(1, dt.time(9, 0)),
}


def award_closes_at(deadline: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The first instant a round no longer takes nominations: midnight after the inclusive deadline."""
    return _local(deadline + dt.timedelta(days=1), dt.time(0, 0), tz)


def award_sends(
    opened_at: dt.datetime, deadline: dt.date, tz: ZoneInfo, policy: Mapping[str, Step] | None = None
) -> list[PlannedSend]:
    """Every send of an award round: announcement at opening, two reminders, the jury summary."""
    steps = policy or DEFAULT_AWARD_POLICY
    sends = [PlannedSend(AWARD_ANNOUNCEMENT, opened_at)]
    for kind in (AWARD_REMINDER_14, AWARD_REMINDER_1):
        step = steps[kind]
        due = _local(deadline + dt.timedelta(days=step.days), step.at, tz)
        if due > opened_at:  # a round opened late skips reminders that are already past
            sends.append(PlannedSend(kind, due))
    jury = steps[AWARD_JURY_SUMMARY]
    sends.append(PlannedSend(AWARD_JURY_SUMMARY, _local(first_working_day_after(deadline), jury.at, tz)))
    return sorted(sends, key=lambda s: s.due_at)
