"""The samordnare's settings for the network's sammanställning: where it goes, and whether it goes.

The right is checked where it runs (`require_organiser`), not only by who sees the command.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.meeting.members import channel_membership
from bot.meeting.service import require_organiser
from bot.runtime import Runtime
from storage import meetings
from storage.db import transaction


@dataclass(frozen=True)
class MembersChannelSet:
    """The members' channel is chosen (None: the sammanställning goes by DM)."""

    channel_id: str | None
    app_in_channel: bool | None = None  # False: the app must be invited first


@dataclass(frozen=True)
class SharingSet:
    """Sharing with the members was turned on or off."""

    on: bool


def set_members_channel(runtime: Runtime, user_id: str, channel_id: str | None) -> MembersChannelSet:
    """`medlemskanal #kanal` (or `av`): where the members' sammanställning goes."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
    in_channel = channel_membership(runtime, channel_id) if channel_id else None
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meetings.set_members_channel(session, channel_id)
    return MembersChannelSet(channel_id, in_channel)


def set_sharing(runtime: Runtime, user_id: str, on: bool) -> SharingSet:
    """`delning av|på`: whether the members get the network's sammanställning."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meetings.set_sharing(session, on)
    return SharingSet(on)
