"""storage/pulse.py: one answer row per member and meeting, on SQLite and PostgreSQL; the schema
accepts exactly the PulseChoice and MeetingStatus values."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, Member, Organisation, PulseAnswer, PulseChoice
from storage.pulse import pulse_answer_for, pulse_answers_for_meeting, set_pulse_answer, set_pulse_comment

T0 = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)


def _member(session: Session, user_id: str) -> Member:
    member = Member(slack_user_id=user_id, name=user_id, organisation=Organisation(name=user_id), active=True)
    session.add(member)
    session.flush()
    return member


def _meeting(session: Session) -> Meeting:
    meeting = Meeting(starts_at=T0, place="Lund")
    session.add(meeting)
    session.flush()
    return meeting


def test_answer_and_comment_share_one_row(db: Session) -> None:
    meeting, member = _meeting(db), _member(db, "UANNA")
    assert pulse_answer_for(db, meeting.id, member.id) is None
    set_pulse_answer(db, meeting.id, member.id, PulseChoice.YES)
    set_pulse_comment(db, meeting.id, member.id, "Mer tid för frågor")
    row = set_pulse_answer(db, meeting.id, member.id, PulseChoice.NO)
    assert (row.answer, row.comment) == ("no", "Mer tid för frågor")
    assert pulse_answer_for(db, meeting.id, member.id) is row
    assert len(db.scalars(select(PulseAnswer)).all()) == 1


def test_a_comment_before_an_answer_leaves_the_answer_empty(db: Session) -> None:
    meeting, member = _meeting(db), _member(db, "UANNA")
    row = set_pulse_comment(db, meeting.id, member.id, "Bra träff")
    assert (row.answer, row.comment) == (None, "Bra träff")


def test_answers_for_meeting_load_member_and_organisation(db: Session) -> None:
    meeting, anna, bo = _meeting(db), _member(db, "UANNA"), _member(db, "UBO")
    set_pulse_answer(db, meeting.id, anna.id, PulseChoice.YES)
    set_pulse_answer(db, meeting.id, bo.id, PulseChoice.NO)
    db.expire_all()
    rows = pulse_answers_for_meeting(db, meeting.id)
    by_user = {
        r.member.slack_user_id: (r.answer, r.member.organisation.name) for r in rows if r.member.organisation
    }
    assert by_user == {"UANNA": ("yes", "UANNA"), "UBO": ("no", "UBO")}
    assert pulse_answers_for_meeting(db, meeting.id + 1) == []


def test_an_unknown_answer_is_refused_in_code_and_schema(db: Session) -> None:
    meeting, member = _meeting(db), _member(db, "UANNA")
    with pytest.raises(ValueError):
        set_pulse_answer(db, meeting.id, member.id, "kanske")  # type: ignore[arg-type]
    db.add(PulseAnswer(meeting_id=meeting.id, member_id=member.id, answer="kanske"))
    with pytest.raises(IntegrityError):
        db.flush()


def test_the_schema_accepts_every_enum_value(db: Session) -> None:
    for number, status in enumerate(MeetingStatus):
        db.add(Meeting(starts_at=T0 + dt.timedelta(days=number), status=status.value))
    db.flush()
    meeting = db.scalars(select(Meeting)).first()
    assert meeting is not None
    for choice in PulseChoice:
        db.add(
            PulseAnswer(meeting_id=meeting.id, member_id=_member(db, f"U{choice}").id, answer=choice.value)
        )
    db.flush()
    assert {a.answer for a in db.scalars(select(PulseAnswer))} == {c.value for c in PulseChoice}
