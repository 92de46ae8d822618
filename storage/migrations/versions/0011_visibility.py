"""Insyn: who reads each check-in answer, and where the members' sammanställning goes

Revision ID: 0011
Revises: 0020
Create Date: 2026-11-28

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0020"
branch_labels = None
depends_on = None

COLUMNS = ("occupying_visibility", "changes_visibility", "support_visibility")


def upgrade() -> None:
    # Answers written before this release were read by the samordnare only: they stay so.
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(
                sa.Column(column, sa.String(length=16), server_default="organisers", nullable=False)
            )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.alter_column(
                column, existing_type=sa.String(length=16), server_default="network", existing_nullable=False
            )
            batch_op.create_check_constraint(
                op.f(f"ck_checkins_{column}"), f"{column} IN ('network', 'organisers')"
            )
    with op.batch_alter_table("network", schema=None) as batch_op:
        batch_op.add_column(sa.Column("members_channel", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("share_checkins", sa.Boolean(), server_default=sa.text("true"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("network", schema=None) as batch_op:
        batch_op.drop_column("share_checkins")
        batch_op.drop_column("members_channel")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_constraint(op.f(f"ck_checkins_{column}"), type_="check")
            batch_op.drop_column(column)
