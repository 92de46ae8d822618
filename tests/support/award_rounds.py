"""Arranging Guldlänken rounds and nominations directly in the database (for tests that do not
go through Slack for them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.award.nominations import name_key
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import AwardRound, Nomination
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


def add_nomination(
    runtime: Runtime,
    round_id: int,
    nominator: str,
    motivation: str,
    *,
    user: str | None = None,
    name: str | None = None,
    org: str | None = None,
    partner: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """A Slack nomination of `user` (or of `name` at `org`) in round `round_id`, stored as the
    modal would store it, made `at` (by default now on the runtime's clock)."""
    with transaction(runtime.sessions) as s:
        s.add(
            Nomination(
                round_id=round_id,
                nominator_user_id=nominator,
                nominee_user_id=user,
                nominee_name=name,
                nominee_organisation=org,
                nominee_key=user or name_key(name or ""),
                partner=partner,
                motivation=motivation,
                created_at=at or runtime.now(),
            )
        )
