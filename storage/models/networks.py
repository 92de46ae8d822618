"""Who and where: the networks and their workspaces, the organisations and the members."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, aware, created, intpk, slack_id, updated
from storage.scope import NetworkScoped


class Network(Base):
    """A network (Chefsnätverket, Guldlänken, ...): its workspace, channels and timeline policy.
    Every NetworkScoped row belongs to one (storage/scope.py)."""

    __tablename__ = "network"
    # A workspace's networks have different names (a NULL team is the single-token workspace).
    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_network_team_name"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), default="Chefsnätverket")
    # The Slack workspace the network lives in; None for a deployment with one bot token.
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)
    organisers_channel: Mapped[str | None] = mapped_column(String(32))
    announcement_channel: Mapped[str | None] = mapped_column(String(32))
    # Overrides of the default timeline (offsets and times of day); None means the defaults.
    policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # "Vill ni träffas igen?": the summary shows counts and comments without names (issue 10).
    anonymous_pulse: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Bumped by every UPDATE of this row (below), so a process that cached the
    # policy or settings knows, from one integer, that another process changed them.
    settings_version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    created_at: Mapped[created]
    updated_at: Mapped[updated]
    # Where the members' sammanställning goes: a channel (one thread reply per organisation),
    # or, when None, a DM to each member expected at the meeting.
    members_channel: Mapped[str | None] = mapped_column(String(32))
    # Whether the members get the network's sammanställning at all (the samordnare may turn it off).
    share_checkins: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


@event.listens_for(Network, "before_update")
def _bump_settings_version(_mapper: Any, _connection: Any, network: Network) -> None:
    # In SQL (settings_version + 1), so two processes saving at once both count.
    network.settings_version = Network.settings_version + 1  # type: ignore[assignment]


class WorkspaceState(Base):
    """A workspace whose bot token Slack revoked (app uninstalled, or tokens_revoked): the
    scheduler sends nothing while that token is the one configured. A new token (reinstall)
    has another fingerprint, so sending resumes without touching this row."""

    __tablename__ = "workspace_state"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # A SHA-256 prefix of the revoked bot token; never the token itself.
    revoked_token: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[aware]


class Organisation(NetworkScoped, Base):
    """An agency or administration whose managers are members."""

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("network_id", "name", name="uq_organisations_network_name"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[created]

    members: Mapped[list[Member]] = relationship(back_populates="organisation")


class Member(NetworkScoped, Base):
    """A person the app knows in one network: a manager in it, an organiser, or both."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("network_id", "slack_user_id", name="uq_members_network_user"),
        # The board's active members per organisation, from the index (migration 0054).
        Index("ix_members_network_active_organisation", "network_id", "active", "organisation_id"),
    )

    id: Mapped[intpk]
    slack_user_id: Mapped[slack_id]
    name: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    # Active members are asked to check in; inactive rows keep their history.
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    is_organiser: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created]
    updated_at: Mapped[updated]

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")
