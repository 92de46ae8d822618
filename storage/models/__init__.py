"""Typed SQLAlchemy 2.0 models. Constraints live here, in the schema, not only in Python.

One declarative Base and one metadata (storage/models/base.py); the models live by feature in
the modules below, and every name is importable from here (`from storage.models import X`).
Importing this package defines every table, which Alembic's env.py and the schema tests rely on.
"""

from __future__ import annotations

# isort: off
# The modules in the order that defines the tables as before the split (networks first).
from storage.models.base import NAMING, Base, UTCDateTime, aware, created, intpk, slack_id, updated, utcnow
from storage.models.networks import Member, Network, Organisation, WorkspaceState
from storage.models.meetings import (
    VISIBILITY_COLUMNS,
    CheckIn,
    Meeting,
    MeetingStatus,
    PulseAnswer,
    PulseChoice,
    Rsvp,
    RsvpAnswer,
    Visibility,
)
from storage.models.delivery import Delivery, DeliveryState, DeliveryStateType, FinishedSend
from storage.models.awards import (
    AwardRound,
    AwardWinner,
    Nomination,
    NominationSource,
    RoundStatus,
    WebFormHit,
    new_web_token,
)
from storage.models.privacy import AuditEntry, RetentionRun
# isort: on

__all__ = [
    "NAMING",
    "VISIBILITY_COLUMNS",
    "AuditEntry",
    "AwardRound",
    "AwardWinner",
    "Base",
    "CheckIn",
    "Delivery",
    "DeliveryState",
    "DeliveryStateType",
    "FinishedSend",
    "Meeting",
    "MeetingStatus",
    "Member",
    "Network",
    "Nomination",
    "NominationSource",
    "Organisation",
    "PulseAnswer",
    "PulseChoice",
    "RetentionRun",
    "RoundStatus",
    "Rsvp",
    "RsvpAnswer",
    "UTCDateTime",
    "Visibility",
    "WebFormHit",
    "WorkspaceState",
    "aware",
    "created",
    "intpk",
    "new_web_token",
    "slack_id",
    "updated",
    "utcnow",
]
