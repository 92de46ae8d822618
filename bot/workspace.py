"""The workspace's Slack tokens: once Slack revokes the bot token (`app_uninstalled`,
`tokens_revoked`), the scheduler sends nothing with it. A reinstall brings a new token, and
with it sending resumes."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from storage import workspace as rows
from storage.db import transaction

if TYPE_CHECKING:
    from bot.runtime import Runtime


def token_fingerprint(token: str) -> str:
    """A SHA-256 prefix that tells tokens apart without storing or logging them."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def tokens_gone(runtime: Runtime, team_id: str, reason: str) -> bool:
    """Record that Slack revoked the configured bot token; True the first time only."""
    fingerprint = token_fingerprint(runtime.settings.slack_bot_token)
    try:
        with transaction(runtime.sessions) as session:
            return rows.record_revoked(session, team_id, fingerprint, reason, runtime.now())
    except IntegrityError:
        return False  # app_uninstalled and tokens_revoked arrived together: the other recorded it


def sending_stopped(runtime: Runtime) -> bool:
    """Whether the configured bot token is one Slack revoked (then nothing is sent)."""
    with transaction(runtime.sessions) as session:
        return rows.is_revoked(session, token_fingerprint(runtime.settings.slack_bot_token))
