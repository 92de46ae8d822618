"""trust: the audit log, retention runs, the anonymous pulse setting, indexes retention deletes by

Revision ID: 0020
Revises: 0010
Create Date: 2026-11-28

down_revision is the newest revision on main when this was written (0010); the integrator
re-chains it if other migrations land first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("network") as batch:
        batch.add_column(
            sa.Column("anonymous_pulse", sa.Boolean(), nullable=False, server_default=sa.text("false"))
        )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("checkins", sa.Integer(), nullable=False),
        sa.Column("pulse_answers", sa.Integer(), nullable=False),
        sa.Column("rsvps", sa.Integer(), nullable=False),
        sa.Column("nominations", sa.Integer(), nullable=False),
        sa.Column("deliveries", sa.Integer(), nullable=False),
        sa.CheckConstraint("state IN ('open', 'done')", name=op.f("ck_retention_runs_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )
    op.create_index(
        "uq_retention_runs_one_open",
        "retention_runs",
        ["state"],
        unique=True,
        sqlite_where=sa.text("state = 'open'"),
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index("ix_retention_runs_started_at", "retention_runs", ["started_at"])
    op.create_index("ix_meetings_starts_at", "meetings", ["starts_at"])
    op.create_index("ix_award_rounds_closed_at", "award_rounds", ["closed_at"])
    op.create_index("ix_nominations_round_id", "nominations", ["round_id"])
    op.create_index("ix_deliveries_due_at", "deliveries", ["due_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_due_at", table_name="deliveries")
    op.drop_index("ix_nominations_round_id", table_name="nominations")
    op.drop_index("ix_award_rounds_closed_at", table_name="award_rounds")
    op.drop_index("ix_meetings_starts_at", table_name="meetings")
    op.drop_table("retention_runs")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("network") as batch:
        batch.drop_column("anonymous_pulse")
