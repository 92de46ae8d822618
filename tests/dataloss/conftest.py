"""Data that must not be lost: these scenarios run on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every app fixture (settings, runtime, slack) here runs once per database."""
    return any_db_url
