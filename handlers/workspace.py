"""Listeners for Slack taking the app's tokens away: `app_uninstalled` and `tokens_revoked`."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App

from bot import workspace
from bot.runtime import Runtime


def _tokens_gone(body: dict[str, Any], runtime: Runtime, logger: Logger, reason: str) -> None:
    """Record it, and say so once in the log (never the token); nothing here is retried."""
    team_id = str(body.get("team_id") or "?")
    try:
        if workspace.tokens_gone(runtime, team_id, reason):
            until = (
                "the app is installed again"
                if runtime.settings.oauth
                else "a new SLACK_BOT_TOKEN is configured"
            )
            logger.warning(
                "Slack sent %s for workspace %s: the bot token no longer works, scheduled sends "
                "stop until %s",
                reason,
                team_id,
                until,
            )
    except Exception:
        logger.exception("recording %s failed", reason)


def handle_app_uninstalled(body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """`app_uninstalled`: the app was removed from the workspace, every token with it."""
    _tokens_gone(body, runtime, logger, "app_uninstalled")


def handle_tokens_revoked(
    event: dict[str, Any], body: dict[str, Any], runtime: Runtime, logger: Logger
) -> None:
    """`tokens_revoked`: only a revoked bot token matters (the app holds no user tokens)."""
    if (event.get("tokens") or {}).get("bot"):
        _tokens_gone(body, runtime, logger, "tokens_revoked")


def register(app: App) -> None:
    """Register the token listeners (Bolt acks events before they run)."""
    app.event("app_uninstalled")(handle_app_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)
