"""Networks and who belongs to which: the queries that choose a network (sessions over all
networks, see storage/scope.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from storage.models import AwardRound, Meeting, Member, Network
from storage.scope import session_network


def all_networks(session: Session) -> list[Network]:
    """Every network, oldest first."""
    return list(session.scalars(select(Network).order_by(Network.id)))


def first_network_id(session: Session) -> int | None:
    """The deployment's first network (ORGANISERS are its samordnare), if any exists."""
    return session.scalar(select(func.min(Network.id)))


def is_first_network(session: Session) -> bool:
    """Whether the session works in the deployment's first network."""
    return session_network(session) == first_network_id(session)


def _in_workspace(team_id: str | None) -> ColumnElement[bool]:
    # A network without a team belongs to the single-token workspace, whichever team that is.
    return or_(Network.team_id.is_(None), Network.team_id == team_id)


def workspace_networks(session: Session, team_id: str | None) -> list[Network]:
    """The networks of one workspace, oldest first."""
    return list(session.scalars(select(Network).where(_in_workspace(team_id)).order_by(Network.id)))


def team_of(session: Session, network_id: int) -> str | None:
    """The workspace `network_id` lives in (None: the single-token workspace)."""
    return session.scalar(select(Network.team_id).where(Network.id == network_id))


def network_named(session: Session, team_id: str | None, name: str) -> Network | None:
    """The workspace's network called `name`, ignoring case."""
    wanted = name.casefold()
    return next((n for n in workspace_networks(session, team_id) if n.name.casefold() == wanted), None)


def add_network(session: Session, team_id: str | None, name: str) -> Network:
    """A new network in the workspace (the unique constraint refuses a name taken in it)."""
    network = Network(name=name, team_id=team_id)
    session.add(network)
    session.flush()
    return network


def user_network_ids(session: Session, team_id: str | None, user_id: str) -> list[int]:
    """The workspace's networks where the person is an active member or an appointed samordnare."""
    query = (
        select(Member.network_id)
        .join(Network, Network.id == Member.network_id)
        .where(
            _in_workspace(team_id),
            Member.slack_user_id == user_id,
            or_(Member.active.is_(True), Member.is_organiser.is_(True)),
        )
        .distinct()
        .order_by(Member.network_id)
    )
    return list(session.scalars(query))


def network_of_channel(session: Session, team_id: str | None, channel_id: str) -> Network | None:
    """The workspace's network whose organisers' channel this is, if any."""
    return session.scalar(
        select(Network).where(_in_workspace(team_id), Network.organisers_channel == channel_id).limit(1)
    )


def networks_with_meeting_ahead(
    session: Session, team_id: str | None, user_id: str, now: dt.datetime
) -> list[int]:
    """The workspace's networks where the person is an active member and a planned meeting is ahead."""
    query = (
        select(Member.network_id)
        .join(Network, Network.id == Member.network_id)
        .join(Meeting, Meeting.network_id == Member.network_id)
        .where(
            _in_workspace(team_id),
            Member.slack_user_id == user_id,
            Member.active.is_(True),
            Meeting.status == "planned",
            Meeting.starts_at > now,
        )
        .distinct()
        .order_by(Member.network_id)
    )
    return list(session.scalars(query))


def is_organiser_in_workspace(session: Session, team_id: str | None, user_id: str) -> bool:
    """Whether the person was appointed samordnare in any of the workspace's networks."""
    query = (
        select(Member.id)
        .join(Network, Network.id == Member.network_id)
        .where(_in_workspace(team_id), Member.slack_user_id == user_id, Member.is_organiser.is_(True))
        .limit(1)
    )
    return session.scalar(query) is not None


def network_of_web_token(session: Session, token: str) -> int | None:
    """The network of the award round whose web form link carries `token`."""
    return session.scalar(select(AwardRound.network_id).where(AwardRound.web_token == token))


def team_networks(session: Session, team_id: str) -> list[Network]:
    """The networks that name this team (not the single-token workspace's), oldest first."""
    return list(session.scalars(select(Network).where(Network.team_id == team_id).order_by(Network.id)))


def adopt_unowned_networks(session: Session, team_id: str) -> list[int]:
    """Give the networks without a team to `team_id`, when no network has a team yet (the first
    workspace to install); otherwise nothing. The adopted networks' ids."""
    if session.scalar(select(Network.id).where(Network.team_id.is_not(None)).limit(1)) is not None:
        return []
    unowned = list(session.scalars(select(Network).where(Network.team_id.is_(None)).order_by(Network.id)))
    for network in unowned:
        network.team_id = team_id
    session.flush()
    return [n.id for n in unowned]
