"""networks: every network row says which network it belongs to; uniqueness per network

Revision ID: 0040
Revises: 0030
Create Date: 2026-11-28

An existing single-network database moves, whole, into its first network (the `network` row the
first release created, id 1; made when the database has rows but no network row yet). The
network gets the workspace it lives in (`team_id`, NULL for a deployment with one bot token).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0030"
branch_labels = None
depends_on = None

# Every table whose rows belong to a network, in an order foreign keys allow.
SCOPED = (
    "organisations",
    "members",
    "meetings",
    "checkins",
    "pulse_answers",
    "deliveries",
    "award_rounds",
    "nominations",
    "web_form_hits",
    "award_winners",
    "rsvps",
    "audit_log",
)


def _first_network(bind: sa.Connection) -> int | None:
    """The network the existing rows move into; created when rows exist but no network does."""
    first = bind.execute(sa.text("SELECT MIN(id) FROM network")).scalar()
    if first is not None:
        if bind.dialect.name == "postgresql":
            # The first release made its row with an explicit id 1, leaving the sequence at its
            # start: the next network would have been given id 1 again.
            bind.execute(
                sa.text("SELECT setval(pg_get_serial_sequence('network', 'id'), MAX(id)) FROM network")
            )
        return int(first)
    probes = (sa.text(f"SELECT 1 FROM {table} LIMIT 1") for table in SCOPED)  # noqa: S608 (fixed names)
    if not any(bind.execute(probe).first() for probe in probes):
        return None
    now = sa.func.now() if bind.dialect.name == "postgresql" else sa.text("CURRENT_TIMESTAMP")
    network = sa.table(
        "network",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    bind.execute(network.insert().values(id=1, name="Chefsnätverket", created_at=now, updated_at=now))
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("SELECT setval(pg_get_serial_sequence('network', 'id'), 1)"))
    return 1


def _partial_unique(batch: Any, name: str, columns: list[str], where: str) -> None:
    """A unique index over the rows matching `where`, on both databases."""
    batch.create_index(
        name, columns, unique=True, sqlite_where=sa.text(where), postgresql_where=sa.text(where)
    )


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("network") as batch:
        batch.add_column(sa.Column("team_id", sa.String(length=32), nullable=True))
        batch.create_index("ix_network_team_id", ["team_id"], unique=False)
        batch.create_unique_constraint("uq_network_team_name", ["team_id", "name"])

    first = _first_network(bind)
    for table in SCOPED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("network_id", sa.Integer(), nullable=True))
        if first is not None:
            bind.execute(sa.text(f"UPDATE {table} SET network_id = :first").bindparams(first=first))  # noqa: S608
        with op.batch_alter_table(table) as batch:
            batch.alter_column("network_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(f"fk_{table}_network_id_network", "network", ["network_id"], ["id"])
            batch.create_index(f"ix_{table}_network_id", ["network_id"], unique=False)

    with op.batch_alter_table("organisations") as batch:
        batch.drop_constraint("uq_organisations_name", type_="unique")
        batch.create_unique_constraint("uq_organisations_network_name", ["network_id", "name"])
    with op.batch_alter_table("members") as batch:
        batch.drop_constraint("uq_members_slack_user_id", type_="unique")
        batch.create_unique_constraint("uq_members_network_user", ["network_id", "slack_user_id"])
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_send_recipient", type_="unique")
        batch.create_unique_constraint(
            "uq_deliveries_network_send_recipient", ["network_id", "send_key", "recipient"]
        )
    with op.batch_alter_table("meetings") as batch:
        batch.drop_index("uq_meetings_starts_at_planned")
        _partial_unique(
            batch, "uq_meetings_network_starts_at_planned", ["network_id", "starts_at"], "status = 'planned'"
        )
    with op.batch_alter_table("award_rounds") as batch:
        batch.drop_constraint("uq_award_rounds_year", type_="unique")
        batch.create_unique_constraint("uq_award_rounds_network_year", ["network_id", "year"])
        batch.drop_index("uq_award_rounds_one_open")
        _partial_unique(
            batch, "uq_award_rounds_network_one_open", ["network_id", "status"], "status = 'open'"
        )


def downgrade() -> None:
    """Back to one network: only possible while the database holds one (the others' rows
    would have nowhere to go)."""
    bind = op.get_bind()
    if (bind.execute(sa.text("SELECT COUNT(*) FROM network")).scalar() or 0) > 1:
        raise RuntimeError("the database holds several networks; it cannot go back to one")
    with op.batch_alter_table("award_rounds") as batch:
        batch.drop_index("uq_award_rounds_network_one_open")
        _partial_unique(batch, "uq_award_rounds_one_open", ["status"], "status = 'open'")
        batch.drop_constraint("uq_award_rounds_network_year", type_="unique")
        batch.create_unique_constraint("uq_award_rounds_year", ["year"])
    with op.batch_alter_table("meetings") as batch:
        batch.drop_index("uq_meetings_network_starts_at_planned")
        _partial_unique(batch, "uq_meetings_starts_at_planned", ["starts_at"], "status = 'planned'")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_network_send_recipient", type_="unique")
        batch.create_unique_constraint("uq_deliveries_send_recipient", ["send_key", "recipient"])
    with op.batch_alter_table("members") as batch:
        batch.drop_constraint("uq_members_network_user", type_="unique")
        batch.create_unique_constraint("uq_members_slack_user_id", ["slack_user_id"])
    with op.batch_alter_table("organisations") as batch:
        batch.drop_constraint("uq_organisations_network_name", type_="unique")
        batch.create_unique_constraint("uq_organisations_name", ["name"])
    for table in reversed(SCOPED):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_network_id")
            batch.drop_constraint(f"fk_{table}_network_id_network", type_="foreignkey")
            batch.drop_column("network_id")
    with op.batch_alter_table("network") as batch:
        batch.drop_constraint("uq_network_team_name", type_="unique")
        batch.drop_index("ix_network_team_id")
        batch.drop_column("team_id")
