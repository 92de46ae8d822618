"""Planning, moving and cancelling meetings: the rules, the organiser right, typed outcomes.

Every action checks the organiser right here, where it runs (not only by hiding buttons), and
refuses with `Refused` before anything is stored. The confirmations are built from the outcomes
by bot/admin/replies.py, for the command and the Home tab's modal alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.admin.words import example_date
from bot.formatting import format_day, format_when
from bot.meeting.people import is_organiser, network_of
from bot.meeting.schedule import send_key
from bot.meeting.timeline import INVITATION, Step, checkin_deadline, meeting_policy, meeting_sends
from bot.runtime import Runtime
from bot.texts import t
from storage import meetings as store
from storage.db import transaction
from storage.ledger import has_sent


class Refused(Exception):
    """A polite refusal: a text key and its parameters (mrkdwn the raiser already escaped);
    `field` says which modal input the message belongs to."""

    def __init__(self, key: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params

    def message(self, lang: str) -> str:
        """The refusal in `lang`."""
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class MeetingTimes:
    """A meeting as its confirmation shows it: start, place, when invitations and check-in go."""

    starts_at: dt.datetime
    place: str | None
    invitation_at: dt.datetime | None  # None: already due, so at the next tick
    deadline: dt.datetime


@dataclass(frozen=True)
class Planned:
    """A meeting was planned."""

    meeting: MeetingTimes


@dataclass(frozen=True)
class Moved:
    """The next meeting moved from `old`; `invited` when invitations already went out."""

    old: dt.datetime
    meeting: MeetingTimes
    invited: bool


@dataclass(frozen=True)
class NotMoved:
    """A move to the time and place the meeting already has."""

    starts_at: dt.datetime
    place: str | None


@dataclass(frozen=True)
class Cancelled:
    """A meeting was cancelled; `invited` when those invited will be told."""

    starts_at: dt.datetime
    invited: bool


# ---------------------------------------------------------------- shared by the meeting services


def when(runtime: Runtime, moment: dt.datetime) -> str:
    """A moment in refusals: the Swedish date and time in the network's zone."""
    return format_when(moment, runtime.tz, runtime.lang)


def usage(runtime: Runtime, name: str) -> str:
    """The example of a command's right form, dated about a month ahead."""
    today = runtime.now().astimezone(runtime.tz).date()
    return t(f"admin.usage.{name}", runtime.lang, date=example_date(today).isoformat())


def require_organiser(session: Session, runtime: Runtime, user_id: str) -> None:
    """Refuse anyone who is not an organiser."""
    if not is_organiser(session, runtime.settings, user_id):
        raise Refused("error.not_organiser_of", **network_of(session))


def policy(session: Session) -> dict[str, Step]:
    """The network's meeting timeline policy."""
    return meeting_policy(store.get_network(session).policy)


def invitation_due(runtime: Runtime, starts_at: dt.datetime, steps: Mapping[str, Step]) -> dt.datetime:
    """When the invitation of a meeting starting at `starts_at` is due."""
    return next(s.due_at for s in meeting_sends(starts_at, runtime.tz, steps) if s.kind == INVITATION)


def _times(
    runtime: Runtime, starts_at: dt.datetime, place: str | None, steps: Mapping[str, Step]
) -> MeetingTimes:
    due = invitation_due(runtime, starts_at, steps)
    return MeetingTimes(
        starts_at=starts_at,
        place=place,
        invitation_at=due if due > runtime.now() else None,
        deadline=checkin_deadline(starts_at, runtime.tz, steps),
    )


def _anyone_invited(session: Session, meeting_id: int) -> bool:
    """Whether the invitation reached anyone: the ledger knows, the timeline only guesses."""
    return has_sent(session, send_key(meeting_id, INVITATION))


# ---------------------------------------------------------------- the actions


def plan_meeting(runtime: Runtime, user_id: str, starts_at: dt.datetime, place: str | None) -> Planned:
    """Plan a meeting at `starts_at` (aware); refuses past times and a second meeting at the same start."""
    now = runtime.now()
    try:
        with transaction(runtime.sessions) as session:
            require_organiser(session, runtime, user_id)
            if starts_at <= now:
                raise Refused(
                    "admin.error.past",
                    field="date",
                    when=when(runtime, starts_at),
                    usage=usage(runtime, "traff"),
                )
            if store.planned_meeting_at(session, starts_at.astimezone(dt.UTC)) is not None:
                raise Refused("admin.error.duplicate", field="time", when=when(runtime, starts_at))
            store.add_meeting(session, starts_at.astimezone(dt.UTC), place, user_id, now)
            steps = policy(session)
    except IntegrityError:
        # Two organisers planning the same start at the same moment: the unique index decides.
        raise Refused("admin.error.duplicate", field="time", when=when(runtime, starts_at)) from None
    return Planned(_times(runtime, starts_at, place, steps))


def move_meeting(
    runtime: Runtime, user_id: str, starts_at: dt.datetime, place: str | None
) -> Moved | NotMoved:
    """Move the next meeting (and its place, if given); its new version makes the scheduler
    re-plan and tell those already invited."""
    now = runtime.now()
    try:
        with transaction(runtime.sessions) as session:
            require_organiser(session, runtime, user_id)
            meeting = store.next_meeting(session, now)
            if meeting is None:
                raise Refused("admin.error.no_meeting_to_move", usage=usage(runtime, "traff"))
            if starts_at <= now:
                raise Refused(
                    "admin.error.past", when=when(runtime, starts_at), usage=usage(runtime, "flytta")
                )
            new_place = place or meeting.place
            if meeting.starts_at == starts_at and new_place == meeting.place:
                return NotMoved(starts_at, new_place)
            other = store.planned_meeting_at(session, starts_at.astimezone(dt.UTC))
            if other is not None and other.id != meeting.id:
                raise Refused("admin.error.duplicate", when=when(runtime, starts_at))
            steps = policy(session)
            old = meeting.starts_at
            invited = _anyone_invited(session, meeting.id)
            store.move_meeting(session, meeting, starts_at.astimezone(dt.UTC), new_place)
    except IntegrityError:
        raise Refused("admin.error.duplicate", when=when(runtime, starts_at)) from None
    return Moved(old, _times(runtime, starts_at, new_place, steps), invited)


def cancel_meeting(runtime: Runtime, user_id: str, on: dt.date | None = None) -> Cancelled:
    """Cancel the next meeting (or the planned one on `on`); its new version stops its sends."""
    now = runtime.now()
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        if on is None:
            meeting = store.next_meeting(session, now)
            if meeting is None:
                raise Refused("admin.error.no_meeting_to_cancel")
        else:
            start = dt.datetime.combine(on, dt.time(0, 0), tzinfo=runtime.tz)
            end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(0, 0), tzinfo=runtime.tz)
            on_day = [m for m in store.planned_meetings_on(session, start, end) if m.starts_at > now]
            if not on_day:
                raise Refused("admin.error.no_meeting_on", day=format_day(on, runtime.lang))
            meeting = on_day[0]
        invited = _anyone_invited(session, meeting.id)
        store.cancel_meeting(session, meeting)
        return Cancelled(meeting.starts_at, invited)
