"""Finding a ledger post again in Slack, to settle a post whose outcome is unknown.

Slack has no idempotency key for chat.postMessage, so every ledger post carries message
metadata naming its row and part; a check reads the conversation's history for it (see the
protocol in bot/delivery/ledger.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from slack_sdk import WebClient

# The history is read from this long before the row was created: our clock and Slack's may differ.
VERIFY_MARGIN = dt.timedelta(minutes=5)
# At most this many pages of 100 messages are read; a longer history leaves the outcome unknown.
VERIFY_PAGES = 10
# Slack message metadata on every ledger post (event_payload: delivery_id, part).
METADATA_EVENT_TYPE = "chefsnatverket_delivery"

# {part: (channel, ts)} of the parts of one delivery that are in Slack.
Found = dict[int, tuple[str, str]]


def delivery_metadata(delivery_id: int, part: int) -> dict[str, Any]:
    """The Slack message metadata that names a ledger post, so a check can find it."""
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"delivery_id": delivery_id, "part": part}}


class UncertainHistory(Exception):
    """The history was longer than VERIFY_PAGES pages: a missing message proves nothing."""


def history_channel(client: WebClient, recipient: str) -> str:
    """The conversation a post to `recipient` went to: the DM's id for a user, else itself."""
    if recipient[:1] in ("U", "W"):
        return str(client.conversations_open(users=recipient)["channel"]["id"])
    return recipient


def find_posted(client: WebClient, recipient: str, delivery_id: int, since: dt.datetime) -> Found:
    """The parts of delivery `delivery_id` that are in Slack, {part: (channel, ts)}.

    Reads the conversation's history from `since` (minus VERIFY_MARGIN) with all metadata.
    Raises (SlackApiError, UncertainHistory, ...) when it cannot tell.
    """
    channel = history_channel(client, recipient)
    oldest = f"{(since - VERIFY_MARGIN).timestamp():.6f}"
    found: Found = {}
    cursor: str | None = None
    for _ in range(VERIFY_PAGES):
        page = client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=100, cursor=cursor
        )
        for message in page.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") != METADATA_EVENT_TYPE:
                continue
            if str(payload.get("delivery_id")) == str(delivery_id):
                found[int(payload.get("part") or 1)] = (channel, str(message["ts"]))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not page.get("has_more") or not cursor:
            return found
    raise UncertainHistory(f"more than {VERIFY_PAGES} pages of history")
