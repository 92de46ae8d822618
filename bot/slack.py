"""The Slack Web API client: every call goes to SLACK_API_URL, with retries switched on.

Which failures are worth retrying is the delivery package's business (bot/delivery/errors.py);
a scheduler tick copies this client with its waits going through Runtime.sleep
(bot/delivery/pacing.py: tick_client).
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings


def make_client(settings: Settings, *, timeout: int = 10, max_retries: int = 3) -> WebClient:
    """A WebClient for `settings` that waits out 429s and retries 5xx and broken connections."""
    return WebClient(
        token=settings.slack_bot_token or None,  # OAuth mode: each workspace's, per request
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=max_retries),
            RateLimitErrorRetryHandler(max_retry_count=max_retries),
            ServerErrorRetryHandler(max_retry_count=max_retries),
        ],
    )


def copy_client(client: WebClient, token: str | None) -> WebClient:
    """`client` with another token: the same address, time-out, retries and logger."""
    return WebClient(
        token=token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=list(client.retry_handlers),
        logger=client.logger,
    )
