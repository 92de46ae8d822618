"""perf: finished sends, the network's settings version, ledger indexes that fit the ticks

Revision ID: 0030
Revises: 0011
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0011"
branch_labels = None
depends_on = None

UNREPORTED = "reported_at IS NULL AND state IN ('failed', 'expired')"


def upgrade() -> None:
    op.create_table(
        "finished_sends",
        sa.Column("send_key", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=64), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("send_key", name=op.f("pk_finished_sends")),
    )
    with op.batch_alter_table("network") as batch:
        batch.add_column(
            sa.Column("settings_version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
    op.create_index("ix_deliveries_send_key_state", "deliveries", ["send_key", "state"])
    op.create_index(
        "ix_deliveries_unreported",
        "deliveries",
        ["id"],
        sqlite_where=sa.text(UNREPORTED),
        postgresql_where=sa.text(UNREPORTED),
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_unreported", table_name="deliveries")
    op.drop_index("ix_deliveries_send_key_state", table_name="deliveries")
    with op.batch_alter_table("network") as batch:
        batch.drop_column("settings_version")
    op.drop_table("finished_sends")
