"""rsvps: who comes, who cannot, who sends an ersättare; when a meeting was planned

Revision ID: 0010
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meetings", sa.Column("planned_at", sa.DateTime(), nullable=True))
    op.create_table(
        "rsvps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("deputy_user_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("answer IN ('coming', 'not_coming', 'deputy')", name=op.f("ck_rsvps_answer")),
        sa.CheckConstraint(
            "(answer = 'deputy' AND deputy_user_id IS NOT NULL) OR (answer <> 'deputy' AND deputy_user_id IS NULL)",
            name=op.f("ck_rsvps_deputy"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_rsvps_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_rsvps_member_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rsvps")),
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_rsvps_meeting_member"),
    )
    op.create_index(
        "uq_rsvps_meeting_deputy",
        "rsvps",
        ["meeting_id", "deputy_user_id"],
        unique=True,
        sqlite_where=sa.text("deputy_user_id IS NOT NULL"),
        postgresql_where=sa.text("deputy_user_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_rsvps_meeting_deputy", table_name="rsvps")
    op.drop_table("rsvps")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("planned_at")
