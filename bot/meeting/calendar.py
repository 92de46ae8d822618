"""The meeting as an iCalendar file (`.ics`): one stable UID per meeting, SEQUENCE from its version.

Pure: plain values in, bytes out. Built with the maintained `icalendar` package, in the network's
time zone with its VTIMEZONE, so Outlook and Google show the Swedish local time across DST changes.
An invitation or a move is METHOD:REQUEST (a move raises SEQUENCE, so calendars replace the old
entry); a cancellation is METHOD:CANCEL with STATUS:CANCELLED and the same UID.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

PRODID = "-//Finsam//Chefsnätverket//SV"
DEFAULT_DURATION = dt.timedelta(hours=3)


class CalendarMethod(StrEnum):
    """What the file asks the reader's calendar to do."""

    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class CalendarEntry:
    """What the file says about one meeting."""

    uid: str
    starts_at: dt.datetime
    sequence: int
    summary: str
    place: str | None = None
    description: str | None = None
    duration: dt.timedelta = DEFAULT_DURATION


def meeting_uid(meeting_id: int, created_at: dt.datetime, domain: str = "chefsnatverket") -> str:
    """A UID that stays the same through every move of one meeting and differs between databases."""
    return f"meeting-{meeting_id}-{int(created_at.timestamp())}@{domain}"


def build_ics(entry: CalendarEntry, tz: ZoneInfo, method: CalendarMethod, stamp: dt.datetime) -> bytes:
    """The `.ics` file for `entry`; `stamp` (the send's time) is DTSTAMP."""
    # Imported here: icalendar (with dateutil, about 90 modules and 1.2 MB) is needed only when
    # a calendar file is made, not by a serving process's requests.
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method.value)
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    start = entry.starts_at.astimezone(tz)
    event.add("dtstart", start)
    event.add("dtend", start + entry.duration)
    event.add("summary", entry.summary)
    if entry.place:
        event.add("location", entry.place)
    if entry.description:
        event.add("description", entry.description)
    if method is CalendarMethod.CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def ics_filename(starts_at: dt.datetime, tz: ZoneInfo) -> str:
    """`chefsnatverket-2027-03-11.ics`: a file name without spaces or non-ASCII letters."""
    return f"chefsnatverket-{starts_at.astimezone(tz):%Y-%m-%d}.ics"
