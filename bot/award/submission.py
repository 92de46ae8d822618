"""Reading and checking a submitted Guldlänken nomination modal (pure: no database, no Slack).

The rules the Slack modal and the web form share (what "the same person" means, the lengths)
live here; bot/award/nominations.py stores what passes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot import ids
from bot.texts import t

MOTIVATION_MIN = 100
MOTIVATION_MAX = 3000
NAME_MAX = 200  # Nomination.nominee_name / nominee_organisation
PARTNER_MAX = 300  # Nomination.partner


@dataclass(frozen=True)
class Submission:
    """What the nominator typed, read from the modal's state (stripped; empty means None)."""

    nominee_user_id: str | None
    nominee_name: str | None
    nominee_organisation: str | None
    partner: str | None
    motivation: str
    round_id: int | None
    nomination_id: int | None


def metadata(round_id: int, nomination_id: int | None = None) -> str:
    """The modal's private_metadata: the round, and the nomination when one is edited."""
    data: dict[str, int] = {"round": round_id}
    if nomination_id is not None:
        data["nomination"] = nomination_id
    return json.dumps(data)


def _read_metadata(raw: str | None) -> tuple[int | None, int | None]:
    try:
        data = json.loads(raw or "{}")
        round_id = data.get("round")
        nomination_id = data.get("nomination")
    except (ValueError, AttributeError):
        return None, None
    return (
        round_id if isinstance(round_id, int) else None,
        nomination_id if isinstance(nomination_id, int) else None,
    )


def _state_value(values: dict[str, Any], block_id: str) -> Any:
    state = (values.get(block_id) or {}).get(ids.AWARD_INPUT) or {}
    if state.get("type") == "users_select":
        return state.get("selected_user")
    return state.get("value")


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_submission(view: dict[str, Any]) -> Submission:
    """Parse a submitted nomination modal (pure)."""
    values = (view.get("state") or {}).get("values") or {}
    round_id, nomination_id = _read_metadata(view.get("private_metadata"))
    user = _state_value(values, ids.AWARD_BLOCK_NOMINEE_USER)
    return Submission(
        nominee_user_id=user if isinstance(user, str) and user else None,
        nominee_name=_clean(_state_value(values, ids.AWARD_BLOCK_NOMINEE_NAME)),
        nominee_organisation=_clean(_state_value(values, ids.AWARD_BLOCK_NOMINEE_ORG)),
        partner=_clean(_state_value(values, ids.AWARD_BLOCK_PARTNER)),
        motivation=_clean(_state_value(values, ids.AWARD_BLOCK_MOTIVATION)) or "",
        round_id=round_id,
        nomination_id=nomination_id,
    )


def name_key(name: str) -> str:
    """What "the same person" means for a free-text nominee (Slack form and web form alike):
    the name case-folded, its spaces folded."""
    return " ".join(name.split()).casefold()


def nominee_key(submission: Submission) -> str:
    """What "the same person" means: the Slack user id, or the free-text name's `name_key`."""
    return submission.nominee_user_id or name_key(submission.nominee_name or "")


def validate_submission(submission: Submission, nominator: str, lang: str) -> dict[str, str]:
    """The refusals that need no database: nominee kind, self-nomination, lengths (pure)."""
    errors: dict[str, str] = {}
    if submission.nominee_user_id and submission.nominee_name:
        errors[ids.AWARD_BLOCK_NOMINEE_NAME] = t("award.error.both_kinds", lang)
    elif not submission.nominee_user_id and not submission.nominee_name:
        errors[ids.AWARD_BLOCK_NOMINEE_USER] = t("award.error.no_nominee", lang)
    elif submission.nominee_user_id == nominator:
        errors[ids.AWARD_BLOCK_NOMINEE_USER] = t("award.error.self", lang)
    elif submission.nominee_name and not submission.nominee_organisation:
        errors[ids.AWARD_BLOCK_NOMINEE_ORG] = t("award.error.org_missing", lang)
    for block_id, value, limit in (
        (ids.AWARD_BLOCK_NOMINEE_NAME, submission.nominee_name, NAME_MAX),
        (ids.AWARD_BLOCK_NOMINEE_ORG, submission.nominee_organisation, NAME_MAX),
        (ids.AWARD_BLOCK_PARTNER, submission.partner, PARTNER_MAX),
    ):
        if value and len(value) > limit and block_id not in errors:
            errors[block_id] = t("award.error.field_too_long", lang, max=limit, count=len(value))
    length = len(submission.motivation)
    if length < MOTIVATION_MIN:
        errors[ids.AWARD_BLOCK_MOTIVATION] = t(
            "award.error.too_short", lang, min=MOTIVATION_MIN, count=length
        )
    elif length > MOTIVATION_MAX:
        errors[ids.AWARD_BLOCK_MOTIVATION] = t("award.error.too_long", lang, max=MOTIVATION_MAX, count=length)
    return errors
