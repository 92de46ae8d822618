"""The award_winners table (migration 0004) keeps a round's decision sane on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from storage.db import make_engine, make_session_factory
from storage.models import AwardRound, AwardWinner

T0 = dt.datetime(2027, 9, 2, 7, 0, tzinfo=dt.UTC)


def test_winners_table_and_its_constraints(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    assert "award_winners" in inspect(engine).get_table_names()
    with make_session_factory(engine)() as db:
        award_round = AwardRound(year=2027, deadline=dt.date(2027, 9, 1), status="closed", opened_at=T0)
        db.add(award_round)
        db.flush()
        db.add(AwardWinner(year=2018, nominee_name="Emma Kvist", announced_at=T0))  # by hand: no round
        db.add(
            AwardWinner(
                round_id=award_round.id, year=2027, nominee_key="u1", nominee_name="A", announce_at=T0
            )
        )
        db.flush()
        db.add(
            AwardWinner(
                round_id=award_round.id, year=2027, nominee_key="u1", nominee_name="A", announce_at=T0
            )
        )
        with pytest.raises(IntegrityError):
            db.flush()
        db.rollback()
        db.add(AwardWinner(round_id=award_round.id, year=2027, nominee_key="u2", nominee_name="B"))
        with pytest.raises(IntegrityError):  # a round's winner always has its announcement time
            db.flush()
        db.rollback()
    engine.dispose()
