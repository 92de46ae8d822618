"""Arranging Guldlänken rounds directly in the database (for tests that do not open one via Slack)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.runtime import Runtime
from storage.db import transaction
from storage.models import AwardRound
from tests.conftest import ORGANISER


def add_round(runtime: Runtime, **overrides: Any) -> AwardRound:
    """An open Guldlänken 2027 round (last day 1 September), jury in C0JURY; `overrides` change it."""
    now = runtime.now()
    values: dict[str, Any] = {
        "year": 2027,
        "deadline": dt.date(2027, 9, 1),
        "announcement_channel": "C0GENERAL",
        "jury_channel": "C0JURY",
        "status": "open",
        "opened_by": ORGANISER,
        "opened_at": now,
        "updated_at": now,
    }
    values.update(overrides)
    with transaction(runtime.sessions) as s:
        award_round = AwardRound(**values)
        s.add(award_round)
        s.flush()
        return award_round
