"""Queries and writes for the answers to "Vill ni träffas igen?" (one row per member and meeting)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from storage.models import Member, PulseAnswer, PulseChoice


def pulse_answer_for(session: Session, meeting_id: int, member_id: int) -> PulseAnswer | None:
    """A member's answer row for a meeting, if they have answered or commented."""
    return session.scalar(
        select(PulseAnswer).where(PulseAnswer.meeting_id == meeting_id, PulseAnswer.member_id == member_id)
    )


def pulse_answers_for_meeting(session: Session, meeting_id: int) -> list[PulseAnswer]:
    """Every answer row of a meeting, with member and organisation loaded."""
    return list(
        session.scalars(
            select(PulseAnswer)
            .where(PulseAnswer.meeting_id == meeting_id)
            .options(selectinload(PulseAnswer.member).selectinload(Member.organisation))
        )
    )


def _upsert(session: Session, meeting_id: int, member_id: int, **values: str | None) -> PulseAnswer:
    """One row per member and meeting (the schema's unique constraint): update, or insert once."""
    row = pulse_answer_for(session, meeting_id, member_id)
    if row is None:
        try:
            with session.begin_nested():
                row = PulseAnswer(meeting_id=meeting_id, member_id=member_id, **values)
                session.add(row)
            return row
        except IntegrityError:
            # A double click raced us to the insert: update the row it made.
            row = pulse_answer_for(session, meeting_id, member_id)
            assert row is not None
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    return row


def set_pulse_answer(session: Session, meeting_id: int, member_id: int, answer: PulseChoice) -> PulseAnswer:
    """Store (or replace) a member's Ja / Nej for a meeting, keeping their comment."""
    return _upsert(session, meeting_id, member_id, answer=PulseChoice(answer).value)


def set_pulse_comment(session: Session, meeting_id: int, member_id: int, comment: str) -> PulseAnswer:
    """Store (or replace) a member's comment for a meeting, keeping their Ja / Nej."""
    return _upsert(session, meeting_id, member_id, comment=comment)
