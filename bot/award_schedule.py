"""Guldlänken's scheduled sends as a source for the scheduler (see bot/sends.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.sends import DueSend

if TYPE_CHECKING:
    from bot.runtime import Runtime


def award_due_sends(session: Session, runtime: Runtime, now: dt.datetime) -> Iterable[DueSend]:
    """Announcement, reminders and jury summary of the award rounds that are due at `now`."""
    return []
