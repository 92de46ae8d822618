"""The schema keeps data sane on both databases: constraints live in the schema."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import make_engine, normalise_url
from storage.meetings import get_network, next_meeting
from storage.members import active_members
from storage.models import AwardRound, CheckIn, Delivery, Meeting, Member, Nomination, Organisation

T0 = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)


def _member(session: Session, user_id: str = "U1", org: str = "Försäkringskassan") -> Member:
    organisation = session.query(Organisation).filter_by(name=org).one_or_none() or Organisation(name=org)
    member = Member(slack_user_id=user_id, name=user_id, organisation=organisation, active=True)
    session.add(member)
    session.flush()
    return member


def test_url_normalisation() -> None:
    assert normalise_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_create_every_table(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"network", "organisations", "members", "meetings", "checkins", "deliveries"} <= tables
    assert {"pulse_answers", "award_rounds", "nominations", "alembic_version"} <= tables


def test_one_checkin_per_member_and_meeting(db: Session) -> None:
    member = _member(db)
    meeting = Meeting(starts_at=T0, place="Malmö")
    db.add(meeting)
    db.flush()
    db.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying="Budget"))
    db.flush()
    db.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying="Igen"))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_one_planned_meeting_per_start_but_cancelled_ones_free_the_slot(db: Session) -> None:
    db.add(Meeting(starts_at=T0, status="cancelled"))
    db.add(Meeting(starts_at=T0))
    db.flush()
    db.add(Meeting(starts_at=T0))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_one_delivery_per_send_and_recipient(db: Session) -> None:
    db.add(Delivery(send_key="meeting:1:invitation", recipient="U1", kind="invitation"))
    db.flush()
    db.add(Delivery(send_key="meeting:1:invitation", recipient="U1", kind="invitation"))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_one_open_award_round_at_a_time(db: Session) -> None:
    db.add(AwardRound(year=2026, deadline=dt.date(2026, 9, 1), status="closed"))
    db.add(AwardRound(year=2027, deadline=dt.date(2027, 9, 1), status="open"))
    db.flush()
    db.add(AwardRound(year=2028, deadline=dt.date(2028, 9, 1), status="open"))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_nomination_has_exactly_one_kind_of_nominee(db: Session) -> None:
    award = AwardRound(year=2027, deadline=dt.date(2027, 9, 1))
    db.add(award)
    db.flush()
    db.add(
        Nomination(
            round_id=award.id,
            nominator_user_id="U1",
            nominee_user_id="U2",
            nominee_name="Both",
            nominee_key="u2",
            motivation="x" * 100,
        )
    )
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_datetimes_come_back_aware_utc(db: Session) -> None:
    local = dt.datetime(2027, 3, 11, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    meeting = Meeting(starts_at=local)
    db.add(meeting)
    db.commit()
    db.expunge_all()
    again = db.get(Meeting, meeting.id)
    assert again is not None
    assert again.starts_at == T0 and again.starts_at.tzinfo is not None


def test_queries(db: Session) -> None:
    network = get_network(db)
    assert get_network(db).id == network.id == 1
    _member(db, "U2", "Region Skåne")
    _member(db, "U1", "Arbetsförmedlingen")
    inactive = _member(db, "U3", "Arbetsförmedlingen")
    inactive.active = False
    db.add_all([Meeting(starts_at=T0), Meeting(starts_at=T0 + dt.timedelta(days=180))])
    db.flush()
    assert [m.slack_user_id for m in active_members(db)] == ["U1", "U2"]
    upcoming = next_meeting(db, T0 - dt.timedelta(days=1))
    assert upcoming is not None and upcoming.starts_at == T0
    later = next_meeting(db, T0)
    assert later is not None and later.starts_at == T0 + dt.timedelta(days=180)


def test_database_errors_never_carry_user_text(db: Session) -> None:
    # Errors are logged with their tracebacks; a check-in answer must not ride along.
    member = _member(db)
    meeting = Meeting(starts_at=T0)
    db.add(meeting)
    db.flush()
    db.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying="Hemligt svar"))
    db.flush()
    db.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying="Hemligt svar"))
    with pytest.raises(IntegrityError) as err:
        db.flush()
    db.rollback()
    assert "Hemligt" not in str(err.value)
