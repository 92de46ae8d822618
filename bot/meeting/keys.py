"""The ledger keys and the kinds of a meeting's sends (see bot/meeting/schedule.py).

Send keys hold the meeting id but not its date ("meeting:12:reminder"): a moved meeting never
resends what already went out. What a move or a cancellation needs to tell people goes in its
own sends, to those whose invitation was delivered: "meeting:12:moved:v3" (once per version)
and "meeting:12:cancelled".
"""

from __future__ import annotations

from bot.meeting import timeline

# The kinds of the notices that a meeting moved or was cancelled.
MOVED = "meeting_moved"
CANCELLED = "meeting_cancelled"

# Sends to every active member, those to the organisers' channel, and the reminders (to those
# invited who have not checked in).
TO_MEMBERS = {timeline.INVITATION, timeline.DAY_OF, timeline.PULSE}
TO_CHANNEL = {timeline.DEADLINE_SUMMARY, timeline.PULSE_SUMMARY}
REMINDERS = {timeline.REMINDER, timeline.LAST_REMINDER}


def send_key(meeting_id: int, kind: str) -> str:
    """The ledger key of one of a meeting's timeline sends (no date: stable across moves)."""
    return f"meeting:{meeting_id}:{kind}"


def moved_key(meeting_id: int, version: int) -> str:
    """The ledger key of the notice that a meeting moved to its `version`."""
    return f"meeting:{meeting_id}:moved:v{version}"


def cancelled_key(meeting_id: int) -> str:
    """The ledger key of the notice that a meeting is cancelled."""
    return f"meeting:{meeting_id}:cancelled"


def meeting_id_of(key: str) -> int | None:
    """The meeting a ledger key belongs to, if it is a meeting send."""
    parts = key.split(":")
    if len(parts) >= 3 and parts[0] == "meeting" and parts[1].isdigit():
        return int(parts[1])
    return None
