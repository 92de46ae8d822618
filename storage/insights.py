"""The numbers of past meetings for the samordnare's history: a bounded number of grouped queries.

`meeting_history` issues at most four statements whether there are two meetings or two hundred
(grouped COUNTs per meeting, never one query per meeting), so the history stays fast as the
network ages. Imports nothing from bot/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import String, bindparam, func, literal, null, select, union_all
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
from storage.scope import network_params, network_sql

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


def _in(column: Any, name: str) -> Any:
    return column.in_(bindparam(name, expanding=True))


@cache
def _statements() -> dict[str, Any]:
    """The history's statements, built once (building costs more than running them) and bound
    per call; Core, so each names the session's network (storage/scope.py::network_sql)."""
    network = network_sql()
    came = [RsvpAnswer.COMING.value, RsvpAnswer.DEPUTY.value]
    return {
        "meetings": select(Meeting.id, Meeting.starts_at, Meeting.place, Meeting.status)
        .where(
            Meeting.network_id == network, Meeting.starts_at <= bindparam("now", type_=Meeting.starts_at.type)
        )
        .order_by(Meeting.starts_at, Meeting.id),
        "invited": select(Delivery.send_key, func.count())
        .where(
            Delivery.network_id == network,
            _in(Delivery.send_key, "keys"),
            Delivery.state == DeliveryState.SENT,
            ~Delivery.recipient.startswith("~"),  # a marker row, not a person
        )
        .group_by(Delivery.send_key),
        "expected": select(func.count())
        .select_from(Member)
        .where(Member.network_id == network, Member.active.is_(True)),
        # Three grouped counts in one round trip: (what, meeting, name or answer, how many).
        "counts": union_all(
            select(literal("checked_in"), CheckIn.meeting_id, null().cast(String), func.count())
            .where(CheckIn.network_id == network, _in(CheckIn.meeting_id, "ids"))
            .group_by(CheckIn.meeting_id),
            # Joined on the organisation's id and shown with its name today: a member whose
            # organisation was renamed between two meetings is counted under the current name.
            select(literal("came"), Rsvp.meeting_id, Organisation.name, func.count())
            .join(Member, Member.id == Rsvp.member_id)
            .outerjoin(Organisation, Organisation.id == Member.organisation_id)
            .where(Rsvp.network_id == network, _in(Rsvp.meeting_id, "came_ids"), Rsvp.answer.in_(came))
            .group_by(Rsvp.meeting_id, Organisation.name),
            select(literal("pulse"), PulseAnswer.meeting_id, PulseAnswer.answer, func.count())
            .where(
                PulseAnswer.network_id == network,
                _in(PulseAnswer.meeting_id, "pulse_ids"),
                PulseAnswer.answer.is_not(None),
            )
            .group_by(PulseAnswer.meeting_id, PulseAnswer.answer),
        ),
    }


def meeting_history(session: Session, now: dt.datetime, latest: int | None = None) -> list[MeetingNumbers]:
    """Every meeting that started before `now` (cancelled ones too), or the `latest` few, oldest
    first, with its counts (counted only for the meetings returned).

    At most four statements whatever the number of meetings. Invited is the number of invitations
    the ledger shows as sent; for a meeting without any (held before the ledger, or invited by
    hand) it is the number of active members, those the network expects.
    """
    statements = _statements()
    connection = session.connection()
    network = network_params(session)
    rows = connection.execute(statements["meetings"], {**network, "now": now}).all()
    if latest is not None:
        rows = rows[-latest:] if latest > 0 else []
    if not rows:
        return []
    ids = [row.id for row in rows]
    keys = {INVITATION_KEY.format(id=meeting_id): meeting_id for meeting_id in ids}
    invited = {
        keys[key]: n for key, n in connection.execute(statements["invited"], {**network, "keys": list(keys)})
    }
    expected = 0  # asked only when a meeting has no invitation in the ledger
    if any(meeting_id not in invited for meeting_id in ids):
        expected = connection.execute(statements["expected"], network).scalar() or 0
    checked_in: dict[int, int] = {}
    came: dict[int, dict[str, int]] = {}
    pulse: dict[tuple[int, str], int] = {}
    by_meeting = {**network, "ids": ids, "came_ids": ids, "pulse_ids": ids}
    for what, meeting_id, label, n in connection.execute(statements["counts"], by_meeting):
        if what == "checked_in":
            checked_in[meeting_id] = n
        elif what == "came":
            came.setdefault(meeting_id, {})[label or ""] = n
        else:
            pulse[(meeting_id, label)] = n
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
