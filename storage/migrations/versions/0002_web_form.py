"""Guldlänken web form: a link token per round, web nominations, the form's rate limit

Revision ID: 0002
Revises: 0001
Create Date: 2027-01-04
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NOMINATOR_CHECK = (
    "(source = 'slack' AND nominator_user_id IS NOT NULL)"
    " OR (source = 'web' AND nominator_name IS NOT NULL AND nominator_email IS NOT NULL)"
)


def upgrade() -> None:
    # Rounds: a token for each, existing rounds included, then made required and unique.
    with op.batch_alter_table("award_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("web_token", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rounds = sa.table("award_rounds", sa.column("id", sa.Integer), sa.column("web_token", sa.String))
    for (round_id,) in bind.execute(sa.select(rounds.c.id)).all():
        bind.execute(
            rounds.update().where(rounds.c.id == round_id).values(web_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table("award_rounds", schema=None) as batch_op:
        batch_op.alter_column("web_token", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_award_rounds_web_token"), ["web_token"])

    # Nominations: where they came from, and who sent a web nomination.
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=8), server_default="slack", nullable=False))
        batch_op.add_column(sa.Column("nominator_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("nominator_email", sa.String(length=320), nullable=True))
        batch_op.alter_column("nominator_user_id", existing_type=sa.String(length=32), nullable=True)
        batch_op.create_check_constraint(op.f("ck_nominations_source"), "source IN ('slack', 'web')")
        batch_op.create_check_constraint(op.f("ck_nominations_nominator"), NOMINATOR_CHECK)

    op.create_table(
        "web_form_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["award_rounds.id"],
            name=op.f("fk_web_form_hits_round_id_award_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_form_hits")),
    )
    with op.batch_alter_table("web_form_hits", schema=None) as batch_op:
        batch_op.create_index("ix_web_form_hits_round_at", ["round_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("web_form_hits", schema=None) as batch_op:
        batch_op.drop_index("ix_web_form_hits_round_at")
    op.drop_table("web_form_hits")
    # Web nominations have no Slack nominator: they cannot survive the older schema.
    op.execute("DELETE FROM nominations WHERE source = 'web'")
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_nominations_nominator"), type_="check")
        batch_op.drop_constraint(op.f("ck_nominations_source"), type_="check")
        batch_op.alter_column("nominator_user_id", existing_type=sa.String(length=32), nullable=False)
        batch_op.drop_column("nominator_email")
        batch_op.drop_column("nominator_name")
        batch_op.drop_column("source")
    with op.batch_alter_table("award_rounds", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_award_rounds_web_token"), type_="unique")
        batch_op.drop_column("web_token")
