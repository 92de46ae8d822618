"""The meeting's send kinds are stored in the ledger's keys: their strings must never change."""

from __future__ import annotations

from bot.meeting import timeline
from bot.meeting.schedule import send_key
from bot.meeting.timeline import MeetingSend


def test_send_kinds_keep_their_stored_strings() -> None:
    assert [kind.value for kind in MeetingSend] == [
        "invitation",
        "reminder",
        "last_reminder",
        "deadline_summary",
        "day_of",
        "pulse",
        "pulse_summary",
    ]
    assert timeline.INVITATION is MeetingSend.INVITATION


def test_a_send_key_holds_the_plain_string() -> None:
    assert send_key(12, MeetingSend.LAST_REMINDER) == "meeting:12:last_reminder"
    assert MeetingSend("reminder") == "reminder"
