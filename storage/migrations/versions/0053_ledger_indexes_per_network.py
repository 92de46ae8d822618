"""deliveries: indexes that lead with what every scoped ledger query names

Revision ID: 0053
Revises: 0052
Create Date: 2026-11-30

Since the ledger's queries name their network (migration 0040), SQLite's planner, which has no
statistics, chose `ix_deliveries_network_id` for the tick's three state queries (the due rows,
the stale claims, the unreported failures) and read every row of the network: a tick with
nothing due took 346 ms at 100,000 ledger rows against 58 ms on an empty ledger.

  * (network_id, state): the due rows and the stale claims, one index range.
  * The unreported failures' partial index gets network_id in front.
  * (send_key, state) becomes (send_key, state, network_id), so "who had this send" still
    prefers it over the new (network_id, state).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0053"
down_revision = "0052"
branch_labels = None
depends_on = None

UNREPORTED = "reported_at IS NULL AND state IN ('failed', 'expired')"


def upgrade() -> None:
    op.create_index("ix_deliveries_network_state", "deliveries", ["network_id", "state"])
    op.drop_index("ix_deliveries_send_key_state", table_name="deliveries")
    op.create_index("ix_deliveries_send_key_state", "deliveries", ["send_key", "state", "network_id"])
    op.drop_index("ix_deliveries_unreported", table_name="deliveries")
    op.create_index(
        "ix_deliveries_unreported",
        "deliveries",
        ["network_id", "id"],
        sqlite_where=sa.text(UNREPORTED),
        postgresql_where=sa.text(UNREPORTED),
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_unreported", table_name="deliveries")
    op.create_index(
        "ix_deliveries_unreported",
        "deliveries",
        ["id"],
        sqlite_where=sa.text(UNREPORTED),
        postgresql_where=sa.text(UNREPORTED),
    )
    op.drop_index("ix_deliveries_send_key_state", table_name="deliveries")
    op.create_index("ix_deliveries_send_key_state", "deliveries", ["send_key", "state"])
    op.drop_index("ix_deliveries_network_state", table_name="deliveries")
