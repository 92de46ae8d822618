"""What an installation means for a workspace's networks, and what its removal stops.

Installing (the OAuth callback succeeded and the installation is stored):

- The very first workspace to install adopts every network without a team (`team_id` NULL):
  those are a single-token deployment's data, or the first network a new database made before
  any install. A deployment that moves from SLACK_BOT_TOKEN to OAuth so keeps its network in
  the workspace it always served, provided that workspace installs first. Later workspaces
  adopt nothing.
- A workspace with no network (after that) gets its first, "Chefsnätverket", with the
  installing person as its samordnare. A workspace that has networks keeps them as they are;
  only an adopted network nobody leads (no appointed samordnare, no ORGANISERS) gets the
  installing person as samordnare.
- Each of the workspace's networks gets an audit entry: who installed, never a token.

Removing (`app_uninstalled`, `tokens_revoked`): the team's installation and bot rows go, so
`Runtime.tokens(team)` is None and nothing more is sent there. Its networks and their data stay
until retention or erasure; installing again picks them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from storage import audit
from storage import members as people
from storage import networks as store
from storage.db import transaction

if TYPE_CHECKING:
    from bot.runtime import Runtime
    from bot.workspaces.store import EncryptedInstallationStore

FIRST_NETWORK = "Chefsnätverket"


@dataclass(frozen=True)
class Installed:
    """The workspace's networks after an install: which were adopted, which one is new."""

    team_id: str
    networks: tuple[int, ...]
    adopted: tuple[int, ...] = ()
    created: int | None = None


def installed(runtime: Runtime, team_id: str, user_id: str) -> Installed:
    """Give the installing workspace its networks (see the module's docstring) and audit it."""
    created: int | None = None
    with transaction(runtime.all_networks()) as session:
        adopted = store.adopt_unowned_networks(session, team_id)
        networks = [n.id for n in store.team_networks(session, team_id)]
    if not networks:
        try:
            with transaction(runtime.all_networks()) as session:
                created = store.add_network(session, team_id, FIRST_NETWORK).id
        except IntegrityError:  # a second install of the same workspace made it at the same moment
            pass
        with transaction(runtime.all_networks()) as session:
            networks = [n.id for n in store.team_networks(session, team_id)]
    leads = {created} if created is not None else set()
    if not runtime.settings.organisers:
        leads |= {n for n in adopted if not _has_samordnare(runtime, n)}
    for network_id in networks:
        with transaction(runtime.for_network(network_id).sessions) as session:
            if network_id in leads:
                people.set_organiser(session, user_id, True)
            audit.record(session, runtime.now(), user_id, audit.AuditAction.INSTALL, target=None)
    return Installed(team_id, tuple(networks), tuple(adopted), created)


def _has_samordnare(runtime: Runtime, network_id: int) -> bool:
    with transaction(runtime.for_network(network_id).sessions) as session:
        return bool(people.appointed_organisers(session))


def uninstalled(installations: EncryptedInstallationStore, team_id: str) -> bool:
    """Forget the team's installation; True when it had one (the first of the two events)."""
    had_one = installations.has_installation(team_id)
    installations.forget(team_id)
    return had_one
