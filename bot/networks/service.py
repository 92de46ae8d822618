"""Which network a request acts on, and the workspace's list of networks.

A command acts on the network whose organisers' channel it is typed in, else on the person's
only network of the workspace; a workspace with one network needs no choosing at all. When
that leaves more than one, the outcome is `Ask` with the choices: the app asks, never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.home.service import HomeScreen, load_home
from storage import meetings
from storage import members as people
from storage import networks as store
from storage.db import transaction

if TYPE_CHECKING:
    from bot.runtime import Runtime

NAME_MAX = 80


@dataclass(frozen=True)
class Choice:
    """A network the person may pick."""

    network_id: int
    name: str


@dataclass(frozen=True)
class Chosen:
    """The request acts on this network (None: the deployment's only network, made on first use)."""

    network_id: int | None


@dataclass(frozen=True)
class Ask:
    """More than one network fits: the person picks one."""

    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class NoNetwork:
    """Serving many workspaces, the request's workspace has no network yet: no other
    workspace's network may stand in for it (single-token mode makes its first one instead)."""


@dataclass(frozen=True)
class NetworkList:
    """`nätverk`: the workspace's networks; `mine` are those the person belongs to."""

    networks: tuple[Choice, ...]
    mine: frozenset[int]


@dataclass(frozen=True)
class NetworkCreated:
    """`nätverk ny <namn>`: the new network, with its creator as samordnare."""

    name: str


@dataclass(frozen=True)
class NetworkRefused:
    """`nätverk ny` refused: `reason` is a text key (not samordnare, name taken, bad name)."""

    reason: str
    name: str = ""


def _choices(networks: list[store.Network]) -> tuple[Choice, ...]:
    return tuple(Choice(n.id, n.name) for n in networks)


def _mine(session: Session, runtime: Runtime, team_id: str | None, user_id: str | None) -> set[int]:
    """The workspace's networks the person is in: a member or samordnare there, and for the
    ORGANISERS the deployment's first network (they need no member row in it)."""
    if not user_id:
        return set()
    mine = set(store.user_network_ids(session, team_id, user_id))
    if user_id in runtime.settings.organisers:
        first = store.first_network_id(session)
        if first is not None and any(n.id == first for n in store.workspace_networks(session, team_id)):
            mine.add(first)
    return mine


def choose(
    runtime: Runtime, team_id: str | None, user_id: str | None, channel_id: str | None
) -> Chosen | Ask | NoNetwork:
    """The network a request from `user_id` in `channel_id` acts on, or the choice to offer."""
    with transaction(runtime.all_networks()) as session:
        networks = store.workspace_networks(session, team_id)
        if not networks and runtime.tokens is not None:
            return NoNetwork()
        if len(networks) <= 1:
            return Chosen(networks[0].id if networks else None)
        if channel_id:
            network = store.network_of_channel(session, team_id, channel_id)
            if network is not None:
                return Chosen(network.id)
        mine = sorted(_mine(session, runtime, team_id, user_id))
        if len(mine) == 1:
            return Chosen(mine[0])
        return Ask(_choices([n for n in networks if n.id in mine] if mine else networks))


def may_choose(runtime: Runtime, team_id: str | None, network_id: int) -> bool:
    """Whether `network_id` is one of the workspace's networks (a chosen id comes from Slack)."""
    with transaction(runtime.all_networks()) as session:
        return any(n.id == network_id for n in store.workspace_networks(session, team_id))


def list_networks(runtime: Runtime, team_id: str | None, user_id: str) -> NetworkList:
    """`nätverk`: the workspace's networks, the person's own marked."""
    with transaction(runtime.all_networks()) as session:
        first_use = store.first_network_id(session) is None
    if first_use and runtime.tokens is None:
        # A new single-token deployment: its first network exists from the start, as elsewhere
        # (serving many workspaces, a network is always made for one: `nätverk ny`, an install).
        with transaction(runtime.sessions) as session:
            meetings.get_network(session)
    with transaction(runtime.all_networks()) as session:
        networks = store.workspace_networks(session, team_id)
        mine = frozenset(_mine(session, runtime, team_id, user_id))
    return NetworkList(_choices(networks), mine)


def choose_for_checkin(
    runtime: Runtime, team_id: str | None, user_id: str | None, channel_id: str | None
) -> Chosen | Ask | NoNetwork:
    """`/incheckning` and DM answers: as `choose`, but when several networks fit, the ones with
    a meeting ahead for the person decide; two such networks are asked about."""
    general = choose(runtime, team_id, user_id, channel_id)
    if not isinstance(general, Ask) or not user_id:
        return general
    with transaction(runtime.all_networks()) as session:
        ahead = store.networks_with_meeting_ahead(session, team_id, user_id, runtime.now())
    if len(ahead) == 1:
        return Chosen(ahead[0])
    return Ask(tuple(c for c in general.choices if c.network_id in ahead) if ahead else general.choices)


def _may_create(runtime: Runtime, team_id: str | None, user_id: str) -> bool:
    """Samordnare of any of the workspace's networks may create one (ORGANISERS are samordnare
    of the first network; a workspace without networks yet is theirs to start)."""
    with transaction(runtime.all_networks()) as session:
        networks = store.workspace_networks(session, team_id)
        first = store.first_network_id(session)
        if user_id in runtime.settings.organisers and (not networks or first in {n.id for n in networks}):
            return True
        return store.is_organiser_in_workspace(session, team_id, user_id)


def create_network(
    runtime: Runtime, team_id: str | None, user_id: str, name: str
) -> NetworkCreated | NetworkRefused:
    """`nätverk ny <namn>`: a samordnare creates a network and becomes its samordnare; a name the
    workspace already has is refused."""
    name = " ".join(name.split())
    if not _may_create(runtime, team_id, user_id):
        return NetworkRefused("error.not_organiser")
    if not name or len(name) > NAME_MAX:
        return NetworkRefused("networks.error.name", name)
    try:
        with transaction(runtime.all_networks()) as session:
            if store.network_named(session, team_id, name) is not None:
                return NetworkRefused("networks.error.exists", name)
            network = store.add_network(session, team_id, name)
    except IntegrityError:
        return NetworkRefused("networks.error.exists", name)
    runtime.settings_cache.saw_networks(None)  # this process's check-ins choose again at once
    with transaction(runtime.for_network(network.id).sessions) as session:
        meetings.get_network(session)
        people.set_organiser(session, user_id, True)
    return NetworkCreated(network.name)


def person_networks(runtime: Runtime, team_id: str | None, user_id: str) -> tuple[Choice, ...]:
    """The networks the person's Home shows: theirs in the workspace (every network when they
    are in none; the deployment's only one when there is one). Without `team_id` (a refresh
    after an action), the workspace is that of `runtime`'s network."""
    with transaction(runtime.all_networks()) as session:
        if team_id is None and runtime.network_id is not None:
            team_id = store.team_of(session, runtime.network_id)
        networks = store.workspace_networks(session, team_id)
        mine = _mine(session, runtime, team_id, user_id)
    return _choices([n for n in networks if n.id in mine] if mine else networks)


def load_homes(
    runtime: Runtime, team_id: str | None, user_id: str, screen: HomeScreen | None = None
) -> list[tuple[Choice, HomeScreen]]:
    """Each of the person's networks with its Home; `screen`, when given, is the one of
    `runtime`'s network (with what the person just did). One network: just its Home."""
    choices = person_networks(runtime, team_id, user_id)
    if len(choices) <= 1:
        only = runtime.for_network(choices[0].network_id) if choices else runtime
        return [(choices[0] if choices else Choice(0, ""), screen or load_home(only, user_id))]

    def home_of(choice: Choice) -> HomeScreen:
        if screen is not None and choice.network_id == runtime.network_id:
            return screen
        return load_home(runtime.for_network(choice.network_id), user_id)

    return [(c, home_of(c)) for c in choices]
