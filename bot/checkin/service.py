"""Check-ins: who may check in for which meeting, until when, and the typed outcomes of saving
the answers (the saving itself is bot/checkin/saving.py).

Check-ins for a meeting are open from the moment it is planned until its deadline (the deadline
summary's time in the network's timeline). One check-in per member and meeting, enforced by the
schema; a second save of the same member's answers updates the row.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.attendance.audience import standing_in
from bot.formatting import DEFAULT_NETWORK, MAX_INPUT_LENGTH
from bot.formatting import from_slack_text as from_slack_text  # re-exported for the handlers
from bot.meeting.timeline import checkin_deadline, meeting_policy
from bot.runtime import Runtime
from storage.checkins import (
    Answered,
    CheckinContext,
    checkin_context,
    checkin_for,
    context_as,
    set_pending,
    visibility_of,
)
from storage.db import reading, transaction
from storage.meetings import SettingsCache, find_meeting, get_network
from storage.members import active_member
from storage.models import CheckIn, MeetingStatus, Visibility
from storage.scope import NetworkNotChosen

# The longest answer kept, per question: the modal's max_length and the server-side check agree.
MAX_ANSWER_LENGTH = MAX_INPUT_LENGTH


class Problem(enum.StrEnum):
    """Why someone cannot check in (or save) right now."""

    NOT_MEMBER = "not_member"
    NO_MEETING = "no_meeting"  # no planned meeting ahead
    GONE = "gone"  # a meeting id that no longer exists
    CANCELLED = "cancelled"
    STARTED = "started"
    CLOSED = "closed"  # the deadline has passed


# Who reads each of the three answers, in question order.
Visibilities = tuple[Visibility, Visibility, Visibility]
DEFAULT_VISIBILITY: Visibilities = (Visibility.NETWORK, Visibility.NETWORK, Visibility.NETWORK)


@dataclass(frozen=True)
class Answers:
    """A member's three answers (the last two optional) and who reads each."""

    occupying: str
    changes: str | None = None
    support: str | None = None
    visibility: Visibilities = DEFAULT_VISIBILITY


@dataclass(frozen=True)
class Earlier:
    """The member's answers before an earlier meeting ("Förra gången skrev du …")."""

    starts_at: dt.datetime
    answers: Answers


@dataclass(frozen=True)
class Opening:
    """A meeting a member may check in for now, with their earlier answers if any."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    deadline: dt.datetime
    answers: Answers | None
    checkin_id: int | None = None  # the member's check-in for this meeting, once there is one
    has_pending: bool = False  # a DM reply is kept aside (dropped once the modal opens)
    previous: Earlier | None = None  # only loaded for the modal (`open_checkin`)


@dataclass(frozen=True)
class Refusal:
    """Why the check-in cannot be made, with the dates a polite answer names."""

    problem: Problem
    starts_at: dt.datetime | None = None
    deadline: dt.datetime | None = None
    network: str = DEFAULT_NETWORK  # whose member list a NOT_MEMBER refusal names


@dataclass(frozen=True)
class Saved:
    """The result of a save: the meeting, the answers as stored, and what changed."""

    opening: Opening
    answers: Answers
    created: bool
    changed: bool


@dataclass(frozen=True)
class Pending:
    """A DM reply kept aside because the member had already answered differently."""

    opening: Opening
    answer: str  # the stored answer to "Vad upptar min tid?", untouched
    pending: str  # what they just wrote
    changed: bool  # False when this exact text was already pending (e.g. a Slack retry)


class Choice(enum.StrEnum):
    """What to do with a pending DM reply: the three buttons of the question."""

    REPLACE = "replace"
    APPEND = "append"
    KEEP = "keep"


@dataclass(frozen=True)
class NothingPending:
    """A pending-reply button pressed when there is nothing pending (already handled)."""


@dataclass(frozen=True)
class TooLongCombined:
    """Appending would make the answer longer than allowed; the pending text is kept."""

    length: int


# ---------------------------------------------------------------- pure helpers


def clean_answer(text: str | None) -> str | None:
    """An answer without surrounding whitespace; whitespace only counts as no answer."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def too_long(text: str | None) -> bool:
    """True when an answer is over the limit the modal and the server share."""
    return text is not None and len(text) > MAX_ANSWER_LENGTH


HELP_WORDS = frozenset({"hjälp", "hjalp", "help", "?"})


def is_help_request(text: str) -> bool:
    """`/incheckning hjälp` asks how it works; it is not an answer anyone means to save."""
    return text.strip().lower() in HELP_WORDS


def parse_meeting_id(raw: object) -> int | None:
    """A meeting id from a button value or private_metadata; None when missing or garbled."""
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    # Ids are database integers: a forged 20-digit value must not reach the query (SQLite
    # raises OverflowError on it) but read as "no such meeting".
    if isinstance(raw, int) and 0 < raw < 2**31:
        return raw
    return None


# ---------------------------------------------------------------- reading


def _answers(row: Answered | None) -> Answers | None:
    if row is None or row.occupying is None:
        return None
    return Answers(row.occupying, row.changes, row.support, visibility_of(row))


def _opening_for(
    row: CheckinContext, now: dt.datetime, tz: ZoneInfo, policy: dict[str, Any] | None
) -> Opening | Refusal:
    if row.meeting_id is None or row.starts_at is None:
        return Refusal(Problem.NO_MEETING)
    if row.status == MeetingStatus.CANCELLED:
        return Refusal(Problem.CANCELLED, row.starts_at)
    deadline = checkin_deadline(row.starts_at, tz, meeting_policy(policy))
    if row.starts_at <= now:
        return Refusal(Problem.STARTED, row.starts_at, deadline)
    if now >= deadline:
        return Refusal(Problem.CLOSED, row.starts_at, deadline)
    earlier = row.previous
    answers = _answers(earlier)
    return Opening(
        row.meeting_id,
        row.starts_at,
        row.place,
        deadline,
        _answers(row),
        checkin_id=row.checkin_id,
        has_pending=row.pending_occupying is not None,
        previous=Earlier(earlier.starts_at, answers) if earlier is not None and answers else None,
    )


# The member's id, what they may check in for, and their check-in row (loaded only to write).
Resolved = tuple[int, Opening, CheckIn | None]


def _open(
    session: Session,
    user_id: str,
    now: dt.datetime,
    tz: ZoneInfo,
    meeting_id: int | None,
    cache: SettingsCache,
    with_previous: bool = False,
) -> tuple[int, Opening] | Refusal:
    """What `user_id` may check in for: one query, and the policy from the cache."""
    row = checkin_context(session, user_id, now, meeting_id, with_previous)
    cache.saw_networks(row.networks)
    if row.network_id is None and row.networks > 1:
        raise NetworkNotChosen("several networks exist and this check-in names none")
    if row.member_id is None:
        # Närvaro's hook: an ersättare checks in for the meeting they were invited to, as
        # themselves (their own, possibly inactive, member row): more queries, only for them.
        meeting = find_meeting(session, row.meeting_id) if row.meeting_id is not None else None
        deputy = standing_in(session, user_id, meeting)
        if deputy is not None:
            row = context_as(session, row, deputy.id, with_previous)
    if row.member_id is None:
        return Refusal(Problem.NOT_MEMBER, network=get_network(session).name)
    if meeting_id is not None and row.meeting_id is None:
        return Refusal(Problem.GONE)
    opened = _opening_for(row, now, tz, cache.policy(session, row.settings_version))
    return opened if isinstance(opened, Refusal) else (row.member_id, opened)


def resolve(
    session: Session,
    user_id: str,
    now: dt.datetime,
    tz: ZoneInfo,
    meeting_id: int | None,
    cache: SettingsCache,
) -> Resolved | Refusal:
    """The member (or an ersättare, standing for one), what they may check in for, and their
    check-in row if they have one."""
    opened = _open(session, user_id, now, tz, meeting_id, cache)
    if isinstance(opened, Refusal):
        return opened
    member_id, opening = opened
    checkin_id = opening.checkin_id
    return member_id, opening, (session.get(CheckIn, checkin_id) if checkin_id is not None else None)


def opening_for(session: Session, user_id: str, meeting_id: int, runtime: Runtime) -> Opening | Refusal:
    """Whether check-in for `meeting_id` is still open to `user_id`, without the earlier answers."""
    opened = _open(session, user_id, runtime.now(), runtime.tz, meeting_id, runtime.settings_cache)
    return opened if isinstance(opened, Refusal) else opened[1]


def open_checkin(
    session: Session,
    user_id: str,
    now: dt.datetime,
    tz: ZoneInfo,
    meeting_id: int | None = None,
    cache: SettingsCache | None = None,
) -> Opening | Refusal:
    """The meeting `user_id` may check in for now (the next one unless `meeting_id` is given),
    with their answers before the previous meeting for the modal.

    Read-only and fast (one query), so it fits between a Slack trigger and views.open.
    """
    opened = _open(session, user_id, now, tz, meeting_id, cache or SettingsCache(), with_previous=True)
    return opened if isinstance(opened, Refusal) else opened[1]


def load_opening(runtime: Runtime, user_id: str, meeting_id: int | None = None) -> Opening | Refusal:
    """`open_checkin` in its own short unit of work, at the runtime's now."""
    with reading(runtime.sessions) as session:  # one read: no transaction at all
        return open_checkin(session, user_id, runtime.now(), runtime.tz, meeting_id, runtime.settings_cache)


# ---------------------------------------------------------------- the modal opened


def clear_pending(runtime: Runtime, user_id: str, meeting_id: int) -> None:
    """Drop any pending DM reply once the member opened the modal: the explicit edit wins."""
    with transaction(runtime.sessions) as session:
        member = active_member(session, user_id) or standing_in(
            session, user_id, find_meeting(session, meeting_id)
        )
        checkin = checkin_for(session, meeting_id, member.id) if member else None
        if checkin is not None and checkin.pending_occupying is not None:
            set_pending(session, checkin, None)
