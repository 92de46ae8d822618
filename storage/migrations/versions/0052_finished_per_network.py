"""finished_sends: a send is finished per network

Revision ID: 0052
Revises: 0051
Create Date: 2026-11-30

The marker was keyed by send_key alone, so a send with the same key in two networks (the
deployment-wide retention report) was marked finished by the first network and looked at again,
flip-flopping, by the next. The table is only a cache of what the ledger already says (a tick
that finds no marker reads the send's rows and marks it again), so it is recreated empty with
(network_id, send_key) as its key rather than rewritten.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0052"
down_revision = "0051"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("finished_sends")
    op.create_table(
        "finished_sends",
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("send_key", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=64), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["network.id"], name="fk_finished_sends_network_id_network"),
        sa.PrimaryKeyConstraint("network_id", "send_key", name=op.f("pk_finished_sends")),
    )
    op.create_index("ix_finished_sends_network_id", "finished_sends", ["network_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_finished_sends_network_id", table_name="finished_sends")
    op.drop_table("finished_sends")
    op.create_table(
        "finished_sends",
        sa.Column("send_key", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=64), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("send_key", name=op.f("pk_finished_sends")),
    )
