"""Meetings and the network's settings: the named queries the meeting features need."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, Network
from storage.scope import NETWORK, known_network, network_sql, session_network

PLANNED = MeetingStatus.PLANNED
CANCELLED = MeetingStatus.CANCELLED


def get_network(session: Session) -> Network:
    """The network the session works in (the only one, created on first use, when it names none)."""
    network = session.get(Network, session_network(session))
    assert network is not None, "a session's network exists"
    return network


def stored_policy(session: Session) -> dict[str, Any] | None:
    """The network's timeline overrides, read without creating the network row (a fast,
    read-only step before a modal opens); None when there are none yet."""
    network_id = known_network(session)
    network = session.get(Network, network_id) if network_id is not None else None
    return network.policy if network else None


class SettingsCache:
    """The network's policy, kept per process and read again only when its version moved.

    Every UPDATE of the network row bumps `settings_version` (storage/models/networks.py), so a process
    that reads the version (one integer, in a query it makes anyway) knows whether any process
    changed the settings since it cached them.

    It also keeps how many networks the deployment had when a check-in last looked (its one
    statement reads the count): while that is one, the request middleware chooses no network and
    the unscoped sessions check that there is still only one (storage/scope.py), so a network
    added by another process is noticed by the next check-in, never acted on blindly.
    """

    def __init__(self) -> None:
        # Per network (None: the session named none, i.e. the only network).
        self._entries: dict[int | None, tuple[int | None, dict[str, Any] | None]] = {}
        self._networks: int | None = None  # None: not seen yet, or forgotten

    def one_network(self) -> bool:
        """Whether the deployment had at most one network when last seen."""
        networks = self._networks
        return networks is not None and networks <= 1

    def saw_networks(self, count: int | None) -> None:
        """The deployment's number of networks, as a query just read it (None: forget it)."""
        self._networks = count

    def policy(self, session: Session, version: int | None) -> dict[str, Any] | None:
        """The stored policy at `version` (None: no network row yet), from the cache if it has it."""
        network_id = session.info.get(NETWORK)
        entry = self._entries.get(network_id)
        if entry is not None and entry[0] == version:
            return entry[1]
        row = session.execute(
            select(Network.settings_version, Network.policy).where(Network.id == network_sql()),
            {"network_id": network_id},
        ).first()
        fresh = (row[0], row[1]) if row is not None else (None, None)
        self._entries[network_id] = fresh  # one assignment: threads see the old entry or the new one
        return fresh[1]


def set_organisers_channel(session: Session, channel_id: str | None) -> None:
    """Choose the channel where summaries and reports go."""
    get_network(session).organisers_channel = channel_id


def set_members_channel(session: Session, channel_id: str | None) -> None:
    """Choose the channel where the members' sammanställning goes (None: by DM)."""
    get_network(session).members_channel = channel_id


def set_sharing(session: Session, on: bool) -> None:
    """Turn the members' sammanställning on or off for the network."""
    get_network(session).share_checkins = on


def find_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """The meeting with this id, planned or cancelled, if it exists."""
    return session.get(Meeting, meeting_id)


def next_meeting(session: Session, now: dt.datetime) -> Meeting | None:
    """The earliest planned meeting that has not started yet."""
    return session.scalar(
        select(Meeting)
        .where(Meeting.status == PLANNED, Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )


def latest_past_meeting(session: Session, now: dt.datetime) -> Meeting | None:
    """The most recent planned meeting that has already started."""
    return session.scalar(
        select(Meeting)
        .where(Meeting.status == PLANNED, Meeting.starts_at <= now)
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )


def planned_meeting_at(session: Session, starts_at: dt.datetime) -> Meeting | None:
    """The planned (not cancelled) meeting starting exactly then, if any."""
    return session.scalar(select(Meeting).where(Meeting.status == PLANNED, Meeting.starts_at == starts_at))


def planned_meetings_on(session: Session, start: dt.datetime, end: dt.datetime) -> list[Meeting]:
    """Planned meetings starting in [start, end), in time order."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.status == PLANNED, Meeting.starts_at >= start, Meeting.starts_at < end)
            .order_by(Meeting.starts_at)
        )
    )


def meetings_to_schedule(session: Session, planned_since: dt.datetime, now: dt.datetime) -> list[Meeting]:
    """Planned meetings starting from `planned_since` on, and cancelled ones still ahead of `now`,
    in time order."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                or_(
                    (Meeting.status == PLANNED) & (Meeting.starts_at >= planned_since),
                    (Meeting.status == CANCELLED) & (Meeting.starts_at > now),
                )
            )
            .order_by(Meeting.starts_at)
        )
    )


def add_meeting(
    session: Session,
    starts_at: dt.datetime,
    place: str | None,
    created_by: str,
    planned_at: dt.datetime | None = None,
) -> Meeting:
    """A new planned meeting (the unique index refuses a second one at the same start)."""
    meeting = Meeting(
        starts_at=starts_at,
        place=place,
        status=PLANNED,
        version=1,
        created_by=created_by,
        planned_at=planned_at,
    )
    session.add(meeting)
    session.flush()
    return meeting


def move_meeting(session: Session, meeting: Meeting, starts_at: dt.datetime, place: str | None) -> None:
    """Give a meeting a new start and place; the new version tells the scheduler to re-plan."""
    meeting.starts_at = starts_at
    meeting.place = place
    meeting.version += 1
    session.flush()


def cancel_meeting(session: Session, meeting: Meeting) -> None:
    """Cancel a meeting; the new version tells the scheduler to stop its sends."""
    meeting.status = CANCELLED
    meeting.version += 1
    session.flush()
