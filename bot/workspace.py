"""The workspace's Slack tokens: once Slack revokes the bot token (`app_uninstalled`,
`tokens_revoked`), the scheduler sends nothing with it. A reinstall brings a new token, and
with it sending resumes.

Single-token mode records the revoked token's fingerprint (WorkspaceState). OAuth mode deletes
the team's installation instead (bot/workspaces/service.py): `Runtime.tokens(team)` is then
None, and the scheduler skips that workspace while the others go on.
"""

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
    """Record that Slack revoked the configured bot token (OAuth mode: the team's installation
    is deleted); True the first time only."""
    if runtime.settings.oauth:
        from bot.workspaces.oauth import installation_store
        from bot.workspaces.service import uninstalled

        return uninstalled(installation_store(runtime.settings, runtime.engine), team_id)
    fingerprint = token_fingerprint(runtime.settings.slack_bot_token)
    try:
        with transaction(runtime.sessions) as session:
            return rows.record_revoked(session, team_id, fingerprint, reason, runtime.now())
    except IntegrityError:
        return False  # app_uninstalled and tokens_revoked arrived together: the other recorded it


def sending_stopped(runtime: Runtime) -> bool:
    """Whether the configured bot token is one Slack revoked (then nothing is sent). In OAuth
    mode each workspace is asked on its own (Runtime.workspace_client), so never here."""
    if runtime.settings.oauth:
        return False
    with transaction(runtime.sessions) as session:
        return rows.is_revoked(session, token_fingerprint(runtime.settings.slack_bot_token))
