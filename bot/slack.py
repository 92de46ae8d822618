"""The Slack Web API client: every call goes to SLACK_API_URL, with retries switched on."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings

# Errors that will not get better by trying again: recorded, reported once, never retried.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "account_inactive",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_disabled",
        "cannot_dm_bot",
        "invalid_blocks",
        "invalid_arguments",
        "msg_too_long",
        "msg_blocks_too_long",  # the message must be split, not sent again as it is
        "missing_scope",
        "no_text",
        "restricted_action",
        "not_authed",
        "invalid_auth",
        "token_revoked",
    }
)


def make_client(settings: Settings, *, timeout: int = 10, max_retries: int = 3) -> WebClient:
    """A WebClient for `settings` that waits out 429s and retries 5xx and broken connections."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=max_retries),
            RateLimitErrorRetryHandler(max_retry_count=max_retries),
            ServerErrorRetryHandler(max_retry_count=max_retries),
        ],
    )
