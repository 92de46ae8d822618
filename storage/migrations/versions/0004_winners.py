"""Guldlänken winners: decided in a round, or earlier years added by hand

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "award_winners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("nominee_key", sa.String(length=200), nullable=True),
        sa.Column("nominee_user_id", sa.String(length=32), nullable=True),
        sa.Column("nominee_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("citation", sa.Text(), nullable=True),
        sa.Column("announce_at", sa.DateTime(), nullable=True),
        sa.Column("announced_at", sa.DateTime(), nullable=True),
        sa.Column("added_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "round_id IS NULL OR announce_at IS NOT NULL", name=op.f("ck_award_winners_round_announce_at")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["award_rounds.id"],
            name=op.f("fk_award_winners_round_id_award_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_winners")),
        sa.UniqueConstraint("round_id", "nominee_key", name="uq_award_winners_round_nominee"),
    )
    with op.batch_alter_table("award_winners", schema=None) as batch_op:
        batch_op.create_index("ix_award_winners_year", ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("award_winners", schema=None) as batch_op:
        batch_op.drop_index("ix_award_winners_year")
    op.drop_table("award_winners")
