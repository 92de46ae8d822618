"""deliveries: a 'queued' state, so several schedulers can share one send's fan-out

Revision ID: 0051
Revises: 0050
Create Date: 2026-11-30

A send's missing rows are inserted at once as 'queued'; the schedulers then claim them in small
batches (`FOR UPDATE SKIP LOCKED` on PostgreSQL), see bot/delivery/ledger.py. Only the CHECK
constraint on `state` changes; no row changes.
"""

from __future__ import annotations

from alembic import op

revision = "0051"
down_revision = "0050"
branch_labels = None
depends_on = None

_BEFORE = ("claimed", "sent", "retry", "unknown", "failed", "expired", "cancelled", "skipped")
_AFTER = ("queued", *_BEFORE)


def _states(states: tuple[str, ...]) -> str:
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def _check(states: tuple[str, ...]) -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f("ck_deliveries_state"), type_="check")
        batch.create_check_constraint("state", _states(states))


def upgrade() -> None:
    _check(_AFTER)


def downgrade() -> None:
    # Queued rows were never posted: back to having no row, which a tick inserts again.
    op.execute("DELETE FROM deliveries WHERE state = 'queued'")
    _check(_BEFORE)
