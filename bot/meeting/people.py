"""Who someone is to the app: organiser, member, or neither; and how a person is shown."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.formatting import NetworkName, escape, network_names
from storage import members as store
from storage import networks
from storage.meetings import get_network
from storage.models import Member


@dataclass(frozen=True)
class Person:
    """Someone shown in a list or a reply: their stored name (may be unknown) and organisation."""

    user_id: str
    name: str | None
    organisation: str | None = None

    def label(self, with_organisation: bool = False) -> str:
        """The escaped name (a mention when we never learnt it), optionally with the organisation."""
        shown = escape(self.name) if self.name else f"<@{self.user_id}>"
        if with_organisation and self.organisation:
            return f"{shown} ({escape(self.organisation)})"
        return shown


def person(member: Member | None, user_id: str) -> Person:
    """A person as stored (name unknown when the app has no row for them)."""
    return Person(user_id, member.name if member is not None else None)


def bootstrap_organisers(session: Session, settings: Settings) -> tuple[str, ...]:
    """The ORGANISERS setting's people, samordnare of the deployment's first network only (a
    network made later has only the samordnare appointed in it)."""
    return settings.organisers if settings.organisers and networks.is_first_network(session) else ()


def is_organiser(session: Session, settings: Settings, user_id: str) -> bool:
    """Organisers come from ORGANISERS (the bootstrap) or were appointed in the network."""
    return user_id in bootstrap_organisers(session, settings) or store.is_appointed_organiser(
        session, user_id
    )


def network_of(session: Session, *, mrkdwn: bool = True) -> dict[str, NetworkName]:
    """The `{network}` of the session's network, for "bara {network:genitive} samordnare" ("Guldlänkens
    samordnare"), escaped for mrkdwn unless `mrkdwn` is False (a modal's plain-text error)."""
    return network_names(get_network(session).name, mrkdwn=mrkdwn)


def active_member(session: Session, user_id: str) -> Member | None:
    """The active network member with this Slack user id, if any."""
    return store.active_member(session, user_id)


def organiser_ids(session: Session, settings: Settings) -> list[str]:
    """Every organiser's user id: the bootstrap list and the appointed ones."""
    return sorted(set(bootstrap_organisers(session, settings)) | set(store.appointed_organiser_ids(session)))
