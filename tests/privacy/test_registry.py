"""The registry of columns that point at people covers every such column in the schema, so a new
table with a user id (RSVPs, ersättare, winners) cannot be left out of extracts and erasure."""

from __future__ import annotations

import re

from sqlalchemy import Column

from bot.texts import CATALOGS
from storage.installations import METADATA as INSTALLATIONS
from storage.models import Base
from storage.privacy import PERSONAL_COLUMNS, Erasure

# What a column pointing at a person looks like: a member id, or a Slack user id by its name.
_PERSON_NAME = re.compile(r"(user_id|_by|recipient|actor|target|substitute|ersattare)$")
# Named like one, but not a person: the ledger's claimer is a host and process id; a bot's user.
NOT_PEOPLE = {
    ("deliveries", "claimed_by"),
    ("slack_installations", "bot_user_id"),
    ("slack_bots", "bot_user_id"),
}
# The models, and slack_sdk's installation tables (OAuth mode) on their own MetaData.
TABLES = [*Base.metadata.sorted_tables, *INSTALLATIONS.sorted_tables]


def _points_at_person(column: Column[object]) -> bool:
    if any(fk.column.table.name == "members" for fk in column.foreign_keys):
        return True
    return bool(_PERSON_NAME.search(column.name))


def test_every_column_that_points_at_a_person_is_in_the_registry() -> None:
    registered = {(e.table, e.column) for e in PERSONAL_COLUMNS}
    found = {
        (table.name, column.name) for table in TABLES for column in table.columns if _points_at_person(column)
    }
    missing = found - registered - NOT_PEOPLE
    assert missing == set(), f"add these to storage/privacy.py PERSONAL_COLUMNS: {sorted(missing)}"


def test_the_registry_names_real_columns() -> None:
    for entry in PERSONAL_COLUMNS:
        [table] = [t for t in TABLES if t.name == entry.table]
        assert entry.column in table.columns
        assert set(entry.hidden) <= set(table.columns.keys())
        assert set(entry.also) <= set(table.columns.keys())


def test_every_section_is_named_in_both_languages() -> None:
    for entry in PERSONAL_COLUMNS:
        for lang in ("sv", "en"):
            assert f"privacy.section.{entry.section}" in CATALOGS[lang]
            if entry.erasure != Erasure.KEEP:
                assert f"privacy.count.{entry.section}" in CATALOGS[lang]
