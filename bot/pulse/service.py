"""After the meeting: "Vill ni träffas igen?" answers (one per member and meeting, changeable),
optional comments, and the summary the organisers get a week later."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.attendance.audience import standing_in
from bot.attendance.board import expected_members
from bot.checkin.summary import swedish_sort_key
from bot.formatting import MAX_INPUT_LENGTH
from bot.meeting.schedule import send_key
from bot.meeting.timeline import PULSE
from storage.db import transaction
from storage.ledger import sent_message
from storage.meetings import find_meeting, get_network
from storage.members import active_member
from storage.models import Meeting, MeetingStatus, Member, PulseAnswer, PulseChoice
from storage.pulse import pulse_answer_for, pulse_answers_for_meeting, set_pulse_answer, set_pulse_comment

if TYPE_CHECKING:
    from bot.runtime import Runtime

# The comment modal's max_length and the server-side check agree.
MAX_COMMENT_LENGTH = MAX_INPUT_LENGTH


class Problem(enum.StrEnum):
    """Why an answer is not stored."""

    NOT_MEMBER = "not_member"
    NO_MEETING = "no_meeting"  # unknown or cancelled meeting
    NOT_YET = "not_yet"  # the meeting has not started


@dataclass(frozen=True)
class Refusal:
    """An answer not stored: why, and for "not a member" the network the question came from."""

    problem: Problem
    network: str | None = None


@dataclass(frozen=True)
class Answer:
    """A member's stored answer and comment for a meeting."""

    meeting_id: int
    starts_at: dt.datetime
    answer: PulseChoice | None
    comment: str | None


def comment_problem(comment: str | None) -> tuple[str, dict[str, int]] | None:
    """A validation problem (text key, format args) with a comment, or None when it is fine."""
    text = (comment or "").strip()
    if not text:
        return "pulse.error.empty", {}
    if len(text) > MAX_COMMENT_LENGTH:
        return "pulse.error.too_long", {"length": len(text), "limit": MAX_COMMENT_LENGTH}
    return None


def _check(
    session: Session, user_id: str, meeting_id: int | None, now: dt.datetime
) -> tuple[Member, Meeting] | Refusal:
    meeting = find_meeting(session, meeting_id) if meeting_id is not None else None
    # An ersättare is asked too, and answers as themself.
    member = active_member(session, user_id) or standing_in(session, user_id, meeting)
    if member is None:
        return Refusal(Problem.NOT_MEMBER, get_network(session).name)
    if meeting is None or meeting.status != MeetingStatus.PLANNED:
        return Refusal(Problem.NO_MEETING)
    if meeting.starts_at > now:
        return Refusal(Problem.NOT_YET)
    return member, meeting


def _choice(stored: str | None) -> PulseChoice | None:
    return PulseChoice(stored) if stored else None


def _answer(meeting: Meeting, row: PulseAnswer | None) -> Answer:
    if row is None:
        return Answer(meeting.id, meeting.starts_at, None, None)
    return Answer(meeting.id, meeting.starts_at, _choice(row.answer), row.comment)


def current_answer(
    session: Session, user_id: str, meeting_id: int | None, now: dt.datetime
) -> Answer | Refusal:
    """A member's answer so far (perhaps none) for a meeting they may answer about."""
    checked = _check(session, user_id, meeting_id, now)
    if isinstance(checked, Refusal):
        return checked
    member, meeting = checked
    return _answer(meeting, pulse_answer_for(session, meeting.id, member.id))


def record_answer(
    session: Session, user_id: str, meeting_id: int | None, answer: str, now: dt.datetime
) -> Answer | Refusal:
    """Store (or replace) a member's yes/no for a meeting; ValueError for anything else."""
    choice = PulseChoice(answer)
    checked = _check(session, user_id, meeting_id, now)
    if isinstance(checked, Refusal):
        return checked
    member, meeting = checked
    return _answer(meeting, set_pulse_answer(session, meeting.id, member.id, choice))


def record_comment(
    session: Session, user_id: str, meeting_id: int | None, comment: str, now: dt.datetime
) -> Answer | Refusal:
    """Store (or replace) a member's comment; validate it with `comment_problem` first."""
    checked = _check(session, user_id, meeting_id, now)
    if isinstance(checked, Refusal):
        return checked
    member, meeting = checked
    return _answer(meeting, set_pulse_comment(session, meeting.id, member.id, comment.strip()))


# ---------------------------------------------------------------- the summary


@dataclass(frozen=True)
class PulseComment:
    """A comment as written (escaped only when rendered)."""

    name: str
    organisation: str | None
    comment: str


@dataclass(frozen=True)
class PulseSummary:
    """The answers to "Vill ni träffas igen?" for one meeting, among those asked (active members
    who did not say they cannot come or send an ersättare, and the ersättare)."""

    meeting_id: int
    starts_at: dt.datetime
    yes: tuple[str, ...]
    no: tuple[str, ...]
    unanswered: tuple[str, ...]
    comments: tuple[PulseComment, ...]
    # The network's setting (issue 10): counts and comments without names.
    anonymous: bool = False


def load_pulse_summary(session: Session, meeting_id: int) -> PulseSummary:
    """Counts, names and comments of a meeting's answers. Raises LookupError for an unknown meeting."""
    meeting = find_meeting(session, meeting_id)
    if meeting is None:
        raise LookupError(f"no meeting {meeting_id}")
    members = {m.id: m for m in expected_members(session, meeting_id)}
    answers = pulse_answers_for_meeting(session, meeting_id)
    by_member = {a.member_id: a for a in answers if a.member_id in members}

    def names(predicate: Callable[[int], bool]) -> tuple[str, ...]:
        chosen = [m.name or m.slack_user_id for mid, m in members.items() if predicate(mid)]
        return tuple(sorted(chosen, key=swedish_sort_key))

    comments = sorted(
        (
            PulseComment(
                a.member.name or a.member.slack_user_id,
                a.member.organisation.name if a.member.organisation else None,
                a.comment,
            )
            for a in by_member.values()
            if a.comment
        ),
        key=lambda c: (swedish_sort_key(c.organisation), swedish_sort_key(c.name)),
    )
    return PulseSummary(
        meeting_id=meeting.id,
        starts_at=meeting.starts_at,
        yes=names(lambda mid: mid in by_member and by_member[mid].answer == PulseChoice.YES),
        no=names(lambda mid: mid in by_member and by_member[mid].answer == PulseChoice.NO),
        unanswered=names(lambda mid: mid not in by_member or by_member[mid].answer is None),
        comments=tuple(comments),
        anonymous=get_network(session).anonymous_pulse,
    )


# ---------------------------------------------------------------- units of work for the listeners


def _opened(runtime: Runtime) -> AbstractContextManager[Session]:
    return transaction(runtime.sessions)


def opening(runtime: Runtime, user_id: str, meeting_id: int | None) -> Answer | Refusal:
    """What the comment modal needs: the member's earlier answer and comment, or why not."""
    with _opened(runtime) as session:
        return current_answer(session, user_id, meeting_id, runtime.now())


def answer(runtime: Runtime, user_id: str, meeting_id: int | None, choice: PulseChoice) -> Answer | Refusal:
    """Store (or replace) a member's Ja / Nej, in one transaction."""
    with _opened(runtime) as session:
        return record_answer(session, user_id, meeting_id, choice, runtime.now())


def comment(runtime: Runtime, user_id: str, meeting_id: int | None, text: str) -> Answer | Refusal:
    """Store (or replace) a member's comment, in one transaction (validate it first)."""
    with _opened(runtime) as session:
        return record_comment(session, user_id, meeting_id, text, runtime.now())


def question_message(runtime: Runtime, user_id: str, meeting_id: int | None) -> tuple[str, str] | None:
    """(channel, ts) of the pulse question the ledger sent `user_id` for the meeting, if any.

    The comment modal updates that message afterwards. Where it is comes from our own ledger,
    never from the modal's private_metadata: a forged channel and ts there could otherwise make
    the app overwrite any message it sent (the organisers' summary, say).
    """
    if meeting_id is None:
        return None
    with runtime.sessions() as session:
        return sent_message(session, send_key(meeting_id, PULSE), user_id)
