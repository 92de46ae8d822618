"""slack_sdk's installation and OAuth state tables (OAuth mode), on their own MetaData.

Column for column as slack_sdk's SQLAlchemyInstallationStore and SQLAlchemyOAuthStateStore
build them (tests/workspaces compare the two; storage/ imports nothing from Slack's libraries),
so slack_sdk's stores run on them unchanged (bot/workspaces/store.py).
They hold no network's rows (a workspace's installation is above its networks), so they stay
out of the models' Base: storage/scope.py never filters them and no network owns them.
The token columns hold Fernet ciphertext only (bot/workspaces/crypto.py), never a token.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    desc,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Connection

INSTALLATIONS = "slack_installations"
BOTS = "slack_bots"
STATES = "slack_oauth_states"

METADATA = MetaData()


def _app_columns() -> list[Column[Any]]:
    """The row's id, the app's and the enterprise's columns, the same in both tables."""
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
    ]


def _bot_columns() -> list[Column[Any]]:
    """The bot's columns, the same in both tables."""
    return [
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", String(200)),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", String(200)),
        Column("bot_token_expires_at", DateTime),
    ]


def _installed_at() -> Column[Any]:
    return Column("installed_at", DateTime, nullable=False, default=func.now())


installations = Table(
    INSTALLATIONS,
    METADATA,
    *_app_columns(),
    Column("enterprise_url", String(200)),
    *_bot_columns(),
    Column("user_id", String(32), nullable=False),
    Column("user_token", String(200)),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", String(200)),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("token_type", String(32)),
    _installed_at(),
    Index(f"{INSTALLATIONS}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

bots = Table(
    BOTS,
    METADATA,
    *_app_columns(),
    *_bot_columns(),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    _installed_at(),
    Index(f"{BOTS}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

oauth_states = Table(
    STATES,
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)


def latest_bot_token(connection: Connection, client_id: str, team_id: str) -> str | None:
    """The stored (encrypted) bot token of the team's latest installation, if it has one."""
    c = bots.c
    query = (
        select(c.bot_token)
        .where(
            c.client_id == client_id,
            c.enterprise_id.is_(None),
            c.team_id == team_id,
            c.bot_token.is_not(None),
        )
        .order_by(desc(c.installed_at))
        .limit(1)
    )
    return connection.execute(query).scalar()


def any_bot_token(connection: Connection, client_id: str) -> str | None:
    """One stored (encrypted) bot token of this app, to check the key against at start."""
    query = select(bots.c.bot_token).where(bots.c.client_id == client_id, bots.c.bot_token.is_not(None))
    return connection.execute(query.limit(1)).scalar()


def forget_team(
    connection: Connection, client_id: str, team_id: str | None, tables: tuple[Table, ...] | None = None
) -> None:
    """Delete every installation and bot row of the team (all its installers)."""
    for table in tables or (installations, bots):
        connection.execute(
            delete(table).where(
                table.c.client_id == client_id, table.c.enterprise_id.is_(None), table.c.team_id == team_id
            )
        )


def installed_teams(connection: Connection, client_id: str) -> list[str]:
    """Every team with a bot row, for the scheduler and the tests."""
    query = select(bots.c.team_id).where(bots.c.client_id == client_id).distinct()
    return sorted(t for t in connection.execute(query).scalars() if t is not None)


def replace_installation(
    connection: Connection, client_id: str, installation: dict[str, Any], bot: dict[str, Any] | None
) -> None:
    """Save a team's installation (and its bot) in place of whatever the team had: one row each
    per team, whoever installed last (an install by a second user updates, never duplicates)."""
    _one_at_a_time(connection, installation["team_id"])
    forget_team(
        connection, client_id, installation["team_id"], tables=(installations,) if bot is None else None
    )
    connection.execute(insert(installations).values(**_only_columns(installations, installation)))
    if bot is not None:
        connection.execute(insert(bots).values(**_only_columns(bots, bot)))


def replace_bot(connection: Connection, client_id: str, bot: dict[str, Any]) -> None:
    """Save a team's bot row in place of the one it had (token rotation)."""
    _one_at_a_time(connection, bot["team_id"])
    forget_team(connection, client_id, bot["team_id"], tables=(bots,))
    connection.execute(insert(bots).values(**_only_columns(bots, bot)))


# The namespace of the two-key advisory locks below (the single-key ones, the migrations' and the
# schedulers' per workspace, are a separate key space in PostgreSQL).
_INSTALL_LOCKS = 727002


def _one_at_a_time(connection: Connection, team_id: str | None) -> None:
    """On PostgreSQL, two saves of one team's rows wait for each other until the first commits:
    otherwise both delete nothing and both insert (READ COMMITTED does not see the other's new
    row), and the team has two installations. SQLite lets one writer in at a time anyway."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_INSTALL_LOCKS, func.hashtext(team_id or ""))))


def _only_columns(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k in table.c and k != "id"}
