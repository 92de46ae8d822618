"""Extract, erasure and retention in storage/privacy.py, on SQLite and PostgreSQL: counts before
and after, and after erasure the person's text is in no text column of any table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from storage import privacy
from storage.db import make_engine, make_session_factory
from storage.installations import METADATA as INSTALLATIONS
from storage.models import CheckIn, Delivery, Member, Network, Nomination, PulseAnswer
from tests.privacy.factories import (
    ABOUT_PERSON,
    BYSTANDER,
    BYSTANDER_TEXTS,
    PERSON,
    PERSON_TEXTS,
    arrange,
    text_hits,
)


@pytest.fixture
def db(any_db_url: str) -> Iterator[Session]:
    engine = make_engine(any_db_url)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


TEAM = "T0PRIVACY"


def _installed_by(session: Session, user_id: str) -> None:
    """The network's workspace installed the app (OAuth mode) by `user_id`; another workspace's
    installation by the same id, which the network's extract and erasure must not touch."""
    session.get_one(Network, 1).team_id = TEAM
    for team in (TEAM, "T0OTHER"):
        session.execute(
            insert(INSTALLATIONS.tables["slack_installations"]).values(
                client_id="1.2",
                app_id="A0",
                team_id=team,
                user_id=user_id,
                bot_token="gAAAA-CIPHERTEXT",
                bot_user_id="U0BOT",
                installed_at=dt.datetime(2026, 11, 30, 12, 0),
            )
        )
    session.flush()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_counts_and_extract_cover_every_registry_entry(db: Session) -> None:
    arrange(db)
    _installed_by(db, PERSON)
    counts = privacy.personal_counts(db, PERSON)
    assert counts == {
        "rsvps.member_id": 1,
        "rsvps.deputy_user_id": 1,
        "checkins.member_id": 2,
        "pulse_answers.member_id": 1,
        "nominations.nominator_user_id": 1,
        "nominations.nominee_user_id": 1,
        "deliveries.recipient": 1,
        "award_winners.nominee_user_id": 0,
        "award_winners.added_by": 0,
        "meetings.created_by": 1,
        "award_rounds.opened_by": 1,
        "audit_log.actor": 0,
        "audit_log.target": 0,
        "slack_installations.user_id": 1,
        "members.slack_user_id": 1,
    }
    data = privacy.personal_data(db, PERSON)
    assert {k: len(v) for k, v in data.items()} == counts
    [member] = data["members.slack_user_id"]
    assert member["name"] == "Petra Persson" and member["organisation"] == "Region Skåne"
    occupying = sorted(r["occupying"] for r in data["checkins.member_id"])
    assert occupying == ["PETRA-CHECKIN-NEW", "PETRA-CHECKIN-OLD"]
    assert all("meeting_starts_at" in r for r in data["checkins.member_id"])
    # A nominee never learns who nominated them, or the motivation.
    [of_person] = data["nominations.nominee_user_id"]
    assert "nominator_user_id" not in of_person and "motivation" not in of_person
    assert of_person["round_year"] == 2024
    assert ABOUT_PERSON not in repr(data) and BYSTANDER not in repr(data["nominations.nominee_user_id"])
    # The installation of the network's own workspace, without its tokens (ciphertext or not).
    [installation] = data["slack_installations.user_id"]
    assert installation["team_id"] == TEAM and "CIPHERTEXT" not in repr(data)


def test_erasure_leaves_no_text_of_the_person_and_keeps_the_bystander(db: Session) -> None:
    arrange(db)
    _installed_by(db, PERSON)
    before = {m: _count(db, m) for m in (CheckIn, PulseAnswer, Nomination, Delivery, Member)}
    done = privacy.erase_person(db, PERSON, "erased-test1", nominations_of=True)
    db.commit()
    db.expire_all()
    assert done == {
        "rsvps.member_id": 1,
        "rsvps.deputy_user_id": 1,
        "checkins.member_id": 2,
        "pulse_answers.member_id": 1,
        "nominations.nominator_user_id": 1,
        "nominations.nominee_user_id": 1,
        "deliveries.recipient": 1,
        "award_winners.added_by": 0,
        "meetings.created_by": 1,
        "award_rounds.opened_by": 1,
        "slack_installations.user_id": 1,
        "members.slack_user_id": 1,
    }
    after = {m: _count(db, m) for m in (CheckIn, PulseAnswer, Nomination, Delivery, Member)}
    assert after == {
        CheckIn: before[CheckIn] - 2,
        PulseAnswer: before[PulseAnswer] - 1,
        Nomination: before[Nomination] - 2,
        Delivery: before[Delivery],  # pseudonymised: the ledger still knows the send went out
        Member: before[Member],  # anonymised: the organisation's counts stay
    }
    for needle in (*PERSON_TEXTS, PERSON, "D0PETRA"):
        assert text_hits(db, needle) == [], needle
    assert text_hits(db, "OLLE-CHECKIN") == ["checkins.occupying"]
    assert text_hits(db, "OLLE-PULSE-COMMENT") == ["pulse_answers.comment"]
    anonymised = db.scalar(select(Member).where(Member.slack_user_id == "erased-test1"))
    assert anonymised is not None and anonymised.name is None and not anonymised.active
    assert anonymised.organisation is not None
    # The workspace keeps its installation (its bot token), with a stand-in for who installed it;
    # another workspace's installation by the same id is not this network's to erase.
    installations = INSTALLATIONS.tables["slack_installations"]
    rows = {r.team_id: r for r in db.execute(select(installations))}
    assert rows[TEAM].user_id == "erased-test1" and rows[TEAM].bot_token == "gAAAA-CIPHERTEXT"
    assert rows["T0OTHER"].user_id == PERSON
    # Twice in a row: nothing left.
    assert not any(privacy.erasable(privacy.personal_counts(db, PERSON)).values())
    assert not any(privacy.erase_person(db, PERSON, "erased-test2", nominations_of=True).values())


def test_nominations_of_the_person_stay_for_the_jury_without_the_box(db: Session) -> None:
    arrange(db)
    done = privacy.erase_person(db, PERSON, "erased-test1", nominations_of=False)
    db.commit()
    assert "nominations.nominee_user_id" not in done
    assert text_hits(db, ABOUT_PERSON) == ["nominations.motivation"]
    for needle in BYSTANDER_TEXTS:
        assert text_hits(db, needle), needle


def test_retention_batches_delete_by_date_and_are_idempotent(db: Session) -> None:
    arranged = arrange(db)
    db.commit()
    cutoff = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    # Batches of one: check-ins of the old meeting (two) go one at a time.
    assert privacy.retention_batch(db, "checkins", cutoff, 1) == 1
    assert privacy.retention_batch(db, "checkins", cutoff, 1) == 1
    assert privacy.retention_batch(db, "checkins", cutoff, 1) == 0
    assert privacy.retention_batch(db, "pulse_answers", cutoff, 100) == 2
    assert privacy.retention_batch(db, "rsvps", cutoff, 100) == 1  # the old meeting's; not the new one's
    assert privacy.retention_batch(db, "nominations", cutoff, 100) == 2
    assert privacy.retention_batch(db, "deliveries", cutoff, 100) == 2
    assert privacy.retention_batch(db, "deliveries", cutoff, 100) == 0
    db.commit()
    remaining = db.scalars(select(CheckIn)).all()
    assert [(c.meeting_id, c.occupying) for c in remaining] == [(arranged.new_meeting, "PETRA-CHECKIN-NEW")]
    assert _count(db, Delivery) == 2  # kept, without the message references
    assert db.scalar(select(func.count()).where(Delivery.slack_ts.is_not(None))) == 0
