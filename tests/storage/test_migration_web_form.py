"""Migration 0002 (the web form) on SQLite and PostgreSQL: existing rounds get tokens, existing
nominations survive the table rebuilds, and the migrated schema matches the models."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import installations
from storage.db import alembic_config, make_engine, upgrade
from storage.models import Base


def test_upgrade_fills_tokens_and_keeps_nominations(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0001")
    engine = make_engine(empty_db_url)
    with engine.begin() as conn:
        for year in (2025, 2026):
            conn.execute(
                text(
                    "INSERT INTO award_rounds (year, deadline, status, opened_at, updated_at)"
                    " VALUES (:y, :d, 'closed', '2026-01-01 10:00:00', '2026-01-01 10:00:00')"
                ),
                {"y": year, "d": f"{year}-09-01"},
            )
        conn.execute(
            text(
                "INSERT INTO nominations (round_id, nominator_user_id, nominee_name, nominee_organisation,"
                " nominee_key, motivation, created_at, updated_at) SELECT id, 'U1', 'Emma Kvist',"
                " 'Arbetsförmedlingen', 'emma kvist', 'Motivering', '2026-01-01 10:00:00',"
                " '2026-01-01 10:00:00' FROM award_rounds WHERE year = 2026"
            )
        )
    upgrade(empty_db_url)
    with engine.begin() as conn:
        tokens = [row[0] for row in conn.execute(text("SELECT web_token FROM award_rounds"))]
        assert len(tokens) == 2 and len(set(tokens)) == 2 and all(len(tk) >= 43 for tk in tokens)
        rows = conn.execute(text("SELECT source, nominator_user_id, nominee_name FROM nominations")).all()
        assert [tuple(r) for r in rows] == [("slack", "U1", "Emma Kvist")]
    # The constraints hold after the rebuild: a web nomination needs its nominator's name and e-mail.
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO nominations (round_id, source, nominee_name, nominee_key, motivation,"
                " created_at, updated_at) SELECT id, 'web', 'X', 'x', 'M', '2026-01-01 10:00:00',"
                " '2026-01-01 10:00:00' FROM award_rounds WHERE year = 2026"
            )
        )
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE award_rounds SET web_token = :t"), {"t": tokens[0]})
    engine.dispose()
    command.downgrade(alembic_config(empty_db_url), "0001")
    upgrade(empty_db_url)


def test_migrated_schema_matches_the_models(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [Base.metadata, installations.METADATA])
    engine.dispose()
    assert diff == []
