"""Check-ins: who may check in for which meeting, until when, and saving the answers.

Check-ins for a meeting are open from the moment it is planned until its deadline (the deadline
summary's time in the network's timeline). One check-in per member and meeting, enforced by the
schema; a second save of the same member's answers updates the row.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.formatting import MAX_INPUT_LENGTH
from bot.people import active_member
from bot.runtime import Runtime
from bot.timeline import checkin_deadline, meeting_policy
from storage.checkins import checkin_for
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member, Network
from storage.queries import next_meeting

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


@dataclass(frozen=True)
class Answers:
    """A member's three answers; the last two are optional."""

    occupying: str
    changes: str | None = None
    support: str | None = None


@dataclass(frozen=True)
class Opening:
    """A meeting a member may check in for now, with their earlier answers if any."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    deadline: dt.datetime
    answers: Answers | None


@dataclass(frozen=True)
class Refusal:
    """Why the check-in cannot be made, with the dates a polite answer names."""

    problem: Problem
    starts_at: dt.datetime | None = None
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class Saved:
    """The result of a save: the meeting, the answers as stored, and what changed."""

    opening: Opening
    answers: Answers
    created: bool
    changed: bool


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
    if isinstance(raw, int):
        return raw if raw > 0 else None
    if isinstance(raw, str) and raw.strip().isdigit():
        value = int(raw.strip())
        return value if value > 0 else None
    return None


_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def from_slack_text(text: str) -> str:
    """Text as the member wrote it, from Slack's encoded form (slash commands, message events).

    Slack encodes `&`, `<` and `>` and turns names into tokens. Tokens with a label become
    that label (`<@U1|anna>` -> `@anna`, `<#C1|plan>` -> `#plan`, `<https://x|x>` -> `https://x`);
    special mentions become their name (`<!channel>` -> `@channel`); a bare user token stays as it
    is (`<@U1>`: no name to show without a Slack call). Stored text is escaped again when posted.
    """

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("!"):
            name = target[1:].split("^", 1)[0]
            if name in {"channel", "here", "everyone"}:
                return "@" + name
            return label or match.group(0)
        if target.startswith(("@", "#")):
            if label:
                return target[0] + label.lstrip("@#")
            return match.group(0)
        if label and label != target and not target.startswith("mailto:"):
            return f"{label} ({target})"
        return label or target

    decoded = _LINK.sub(plain, text)
    return decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ---------------------------------------------------------------- reading


def _policy_deadline(session: Session, meeting: Meeting, tz: ZoneInfo) -> dt.datetime:
    # Read the network without creating it: opening a modal must stay a fast, read-only step.
    network = session.get(Network, 1)
    policy = meeting_policy(network.policy if network else None)
    return checkin_deadline(meeting.starts_at, tz, policy)


def _answers(checkin: CheckIn | None) -> Answers | None:
    if checkin is None:
        return None
    return Answers(checkin.occupying, checkin.changes, checkin.support)


def _opening_for(
    session: Session, member: Member, meeting: Meeting | None, now: dt.datetime, tz: ZoneInfo
) -> Opening | Refusal:
    if meeting is None:
        return Refusal(Problem.NO_MEETING)
    if meeting.status == "cancelled":
        return Refusal(Problem.CANCELLED, meeting.starts_at)
    deadline = _policy_deadline(session, meeting, tz)
    if meeting.starts_at <= now:
        return Refusal(Problem.STARTED, meeting.starts_at, deadline)
    if now >= deadline:
        return Refusal(Problem.CLOSED, meeting.starts_at, deadline)
    answers = _answers(checkin_for(session, meeting.id, member.id))
    return Opening(meeting.id, meeting.starts_at, meeting.place, deadline, answers)


def _resolve(
    session: Session, user_id: str, now: dt.datetime, tz: ZoneInfo, meeting_id: int | None
) -> tuple[Member, Opening] | Refusal:
    member = active_member(session, user_id)
    if member is None:
        return Refusal(Problem.NOT_MEMBER)
    if meeting_id is None:
        meeting = next_meeting(session, now)
    else:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return Refusal(Problem.GONE)
    opening = _opening_for(session, member, meeting, now, tz)
    return opening if isinstance(opening, Refusal) else (member, opening)


def open_checkin(
    session: Session, user_id: str, now: dt.datetime, tz: ZoneInfo, meeting_id: int | None = None
) -> Opening | Refusal:
    """The meeting `user_id` may check in for now (the next one unless `meeting_id` is given).

    Read-only and fast (a few small queries), so it fits between a Slack trigger and views.open.
    """
    resolved = _resolve(session, user_id, now, tz, meeting_id)
    return resolved if isinstance(resolved, Refusal) else resolved[1]


def load_opening(runtime: Runtime, user_id: str, meeting_id: int | None = None) -> Opening | Refusal:
    """`open_checkin` in its own short unit of work, at the runtime's now."""
    with transaction(runtime.sessions) as session:
        return open_checkin(session, user_id, runtime.now(), runtime.tz, meeting_id)


# ---------------------------------------------------------------- saving

Merge = Callable[[Answers | None], Answers]


def _save_in(
    session: Session,
    user_id: str,
    meeting_id: int | None,
    merge: Merge,
    now: dt.datetime,
    tz: ZoneInfo,
) -> Saved | Refusal:
    resolved = _resolve(session, user_id, now, tz, meeting_id)
    if isinstance(resolved, Refusal):
        return resolved
    member, opening = resolved
    answers = merge(opening.answers)
    checkin = checkin_for(session, opening.meeting_id, member.id)
    created = checkin is None
    if checkin is None:
        checkin = CheckIn(meeting_id=opening.meeting_id, member_id=member.id, created_at=now)
        session.add(checkin)
    changed = answers != opening.answers
    if changed:
        checkin.occupying = answers.occupying
        checkin.changes = answers.changes
        checkin.support = answers.support
        checkin.updated_at = now
    session.flush()
    return Saved(replace(opening, answers=answers), answers, created, changed)


def _save(runtime: Runtime, user_id: str, meeting_id: int | None, merge: Merge) -> Saved | Refusal:
    try:
        with transaction(runtime.sessions) as session:
            return _save_in(session, user_id, meeting_id, merge, runtime.now(), runtime.tz)
    except IntegrityError:
        # Another request for the same member and meeting (a double submit, a Slack retry)
        # inserted the row between our read and our insert: the unique constraint stopped the
        # duplicate, so do it again as an update of that row.
        with transaction(runtime.sessions) as session:
            return _save_in(session, user_id, meeting_id, merge, runtime.now(), runtime.tz)


def save_answers(runtime: Runtime, user_id: str, meeting_id: int, answers: Answers) -> Saved | Refusal:
    """Create or replace the member's three answers for `meeting_id` (from the modal)."""
    return _save(runtime, user_id, meeting_id, lambda _earlier: answers)


def save_occupying(
    runtime: Runtime, user_id: str, occupying: str, meeting_id: int | None = None
) -> Saved | Refusal:
    """Save `occupying` as the answer to "Vad upptar min tid?", keeping the other two answers.

    For the next meeting unless `meeting_id` is given (used by `/incheckning <text>` and DMs).
    """

    def merge(earlier: Answers | None) -> Answers:
        if earlier is None:
            return Answers(occupying)
        return replace(earlier, occupying=occupying)

    return _save(runtime, user_id, meeting_id, merge)
