"""The numbers of past meetings for the samordnare's history: a bounded number of grouped queries.

`meeting_history` issues the same six statements whether there are two meetings or two hundred
(grouped COUNTs per meeting, never one query per meeting), so the history stays fast as the
network ages. Imports nothing from bot/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
    CheckIn,
    Delivery,
    DeliveryState,
    Meeting,
    MeetingStatus,
    Member,
    Organisation,
    PulseAnswer,
    PulseChoice,
    Rsvp,
    RsvpAnswer,
)

# The ledger key of a meeting's invitation (bot/meeting/keys.py send_key(id, "invitation")).
INVITATION_KEY = "meeting:{id}:invitation"


@dataclass(frozen=True)
class MeetingNumbers:
    """One past meeting's numbers. `came` maps an organisation's current name ("" for members
    without one) to how many came: said they come, or sent an ersättare who did."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    cancelled: bool
    invited: int = 0
    checked_in: int = 0
    came: Mapping[str, int] = field(default_factory=dict)
    yes: int = 0
    no: int = 0


def meeting_history(session: Session, now: dt.datetime) -> list[MeetingNumbers]:
    """Every meeting that started before `now` (cancelled ones too), oldest first, with its counts.

    Six statements whatever the number of meetings. Invited is the number of invitations the
    ledger shows as sent; for a meeting without any (held before the ledger, or invited by hand)
    it is the number of active members, those the network expects.
    """
    rows = session.execute(
        select(Meeting.id, Meeting.starts_at, Meeting.place, Meeting.status)
        .where(Meeting.starts_at <= now)
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    keys = {INVITATION_KEY.format(id=meeting_id): meeting_id for meeting_id in ids}
    invited = {
        keys[key]: n
        for key, n in session.execute(
            select(Delivery.send_key, func.count())
            .where(
                Delivery.send_key.in_(list(keys)),
                Delivery.state == DeliveryState.SENT,
                ~Delivery.recipient.startswith("~"),  # a marker row, not a person
            )
            .group_by(Delivery.send_key)
        )
    }
    expected = session.scalar(select(func.count()).select_from(Member).where(Member.active.is_(True))) or 0
    checked_in: dict[int, int] = {
        meeting_id: n
        for meeting_id, n in session.execute(
            select(CheckIn.meeting_id, func.count())
            .where(CheckIn.meeting_id.in_(ids))
            .group_by(CheckIn.meeting_id)
        )
    }
    # Joined on the organisation's id and shown with its name today: a member whose organisation
    # was renamed between two meetings is counted under the current name at both.
    came: dict[int, dict[str, int]] = {}
    for meeting_id, organisation, n in session.execute(
        select(Rsvp.meeting_id, Organisation.name, func.count())
        .join(Member, Member.id == Rsvp.member_id)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(Rsvp.meeting_id.in_(ids), Rsvp.answer.in_([RsvpAnswer.COMING.value, RsvpAnswer.DEPUTY.value]))
        .group_by(Rsvp.meeting_id, Organisation.name)
    ):
        came.setdefault(meeting_id, {})[organisation or ""] = n
    pulse: dict[tuple[int, str], int] = {
        (meeting_id, answer): n
        for meeting_id, answer, n in session.execute(
            select(PulseAnswer.meeting_id, PulseAnswer.answer, func.count())
            .where(PulseAnswer.meeting_id.in_(ids), PulseAnswer.answer.is_not(None))
            .group_by(PulseAnswer.meeting_id, PulseAnswer.answer)
        )
    }
    return [
        MeetingNumbers(
            meeting_id=row.id,
            starts_at=row.starts_at,
            place=row.place,
            cancelled=row.status == MeetingStatus.CANCELLED.value,
            invited=invited.get(row.id, expected),
            checked_in=checked_in.get(row.id, 0),
            came=came.get(row.id, {}),
            yes=pulse.get((row.id, PulseChoice.YES.value), 0),
            no=pulse.get((row.id, PulseChoice.NO.value), 0),
        )
        for row in rows
    ]
