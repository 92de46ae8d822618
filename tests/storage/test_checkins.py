"""storage/checkins.py: the check-in queries and writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.checkins import (
    add_checkin,
    checked_in_member_ids,
    checkin_for,
    checkins_for_meeting,
    has_checkins,
    retrying_duplicate,
    set_pending,
    update_answers,
)
from storage.db import transaction
from storage.meetings import find_meeting, stored_policy
from storage.models import CheckIn, Meeting, MeetingStatus, Member, Network, Organisation

T0 = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(hours=1)


def _member(session: Session, user_id: str, org: str | None = "Skatteverket") -> Member:
    organisation = None
    if org is not None:
        organisation = session.scalar(select(Organisation).where(Organisation.name == org))
        organisation = organisation or Organisation(name=org)
    member = Member(slack_user_id=user_id, name=user_id, organisation=organisation, active=True)
    session.add(member)
    session.flush()
    return member


def _meeting(session: Session, starts_at: dt.datetime = T0) -> Meeting:
    meeting = Meeting(starts_at=starts_at, place="Malmö")
    session.add(meeting)
    session.flush()
    return meeting


def test_find_meeting_and_stored_policy(db: Session) -> None:
    meeting = _meeting(db)
    assert find_meeting(db, meeting.id) is meeting
    assert find_meeting(db, meeting.id + 1) is None
    assert meeting.status == MeetingStatus.PLANNED
    # A meeting belongs to a network, so the first network exists now, without a policy.
    assert stored_policy(db) is None
    network = db.get(Network, 1)
    assert network is not None and network.policy is None
    network.policy = {"meeting": {"reminder": {"days": -5}}}
    db.flush()
    assert stored_policy(db) == {"meeting": {"reminder": {"days": -5}}}


def test_add_and_read_checkins(db: Session) -> None:
    meeting, other = _meeting(db), _meeting(db, T1)
    anna, bo = _member(db, "UANNA"), _member(db, "UBO", org=None)
    assert not has_checkins(db, meeting.id)
    first = add_checkin(db, meeting.id, bo.id, "Budget", None, "Samverkan", T0)
    add_checkin(db, meeting.id, anna.id, "Rekrytering", "Ny chef", None, T1)
    assert first.created_at == T0 and first.updated_at == T0
    assert checkin_for(db, meeting.id, bo.id) is first
    assert checkin_for(db, other.id, bo.id) is None
    assert has_checkins(db, meeting.id) and not has_checkins(db, other.id)
    assert checked_in_member_ids(db, meeting.id) == {anna.id, bo.id}
    rows = checkins_for_meeting(db, meeting.id)
    assert [(r.member.slack_user_id, r.occupying) for r in rows] == [
        ("UBO", "Budget"),
        ("UANNA", "Rekrytering"),
    ]
    assert rows[1].member.organisation is not None and rows[1].member.organisation.name == "Skatteverket"


def test_a_second_checkin_for_the_same_member_and_meeting_is_refused(db: Session) -> None:
    meeting, member = _meeting(db), _member(db, "UANNA")
    add_checkin(db, meeting.id, member.id, "Budget", None, None, T0)
    with pytest.raises(IntegrityError):
        add_checkin(db, meeting.id, member.id, "Igen", None, None, T0)


def test_update_answers_moves_updated_at_and_drops_the_pending_reply(db: Session) -> None:
    meeting, member = _meeting(db), _member(db, "UANNA")
    checkin = add_checkin(db, meeting.id, member.id, "Budget", None, None, T0)
    set_pending(db, checkin, "Tack!")
    update_answers(db, checkin, "Omorganisation", "Nya mål", None, T1)
    db.expire_all()
    stored = checkin_for(db, meeting.id, member.id)
    assert stored is not None
    assert (stored.occupying, stored.changes, stored.support) == ("Omorganisation", "Nya mål", None)
    assert stored.pending_occupying is None
    assert stored.updated_at == T1


def test_set_pending_keeps_updated_at(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        meeting, member = _meeting(session), _member(session, "UANNA")
        ids = meeting.id, member.id
        add_checkin(session, *ids, "Budget", None, None, T0)
    for text in ("Tack!", None):
        with transaction(sessions) as session:
            checkin = checkin_for(session, *ids)
            assert checkin is not None
            set_pending(session, checkin, text)
        with sessions() as session:
            stored = checkin_for(session, *ids)
            assert stored is not None
            assert stored.pending_occupying == text
            assert stored.updated_at == T0  # not the wall clock's onupdate


def test_retrying_duplicate_runs_the_work_again_as_an_update(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        meeting, member = _meeting(session), _member(session, "UANNA")
        ids = meeting.id, member.id
        add_checkin(session, *ids, "Från en annan begäran", None, None, T0)
    runs: list[int] = []

    def work(session: Session) -> str:
        runs.append(1)
        # The first run read before the other request inserted: it tries to insert too.
        checkin = checkin_for(session, *ids) if len(runs) > 1 else None
        if checkin is None:
            add_checkin(session, *ids, "Min", None, None, T1)
            return "inserted"
        update_answers(session, checkin, "Min", None, None, T1)
        return "updated"

    assert retrying_duplicate(sessions, work) == "updated"
    assert len(runs) == 2
    with sessions() as session:
        rows = session.scalars(select(CheckIn)).all()
        assert [(r.occupying, r.updated_at) for r in rows] == [("Min", T1)]
