"""The storage tests here run on SQLite and PostgreSQL (tests/storage's `db` fixture)."""

from tests.storage.conftest import db, sessions

__all__ = ["db", "sessions"]
