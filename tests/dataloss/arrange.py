"""Rows the data-loss scenarios share."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.runtime import Runtime
from storage.db import transaction
from storage.models import Meeting


def add_meeting(runtime: Runtime, when: dt.datetime | None = None) -> int:
    """A planned meeting (by default Thursday 11 March 2027 13.00, open for check-in)."""
    with transaction(runtime.sessions) as s:
        meeting = Meeting(starts_at=when or dt.datetime(2027, 3, 11, 13, tzinfo=ZoneInfo("Europe/Stockholm")))
        s.add(meeting)
        s.flush()
        return meeting.id
