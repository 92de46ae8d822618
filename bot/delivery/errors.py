"""Slack failures sorted by what the ledger does with them: never again, later, or check first."""

from __future__ import annotations

import enum
from http.client import HTTPException
from urllib.error import URLError

from slack_sdk.errors import SlackApiError

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

# What may go wrong talking to Slack (anything else while posting is logged with its traceback).
SLACK_FAILURES = (SlackApiError, TimeoutError, URLError, ConnectionError, HTTPException)


class Failure(enum.StrEnum):
    """How a failed post is handled."""

    PERMANENT = "permanent"  # never retried, reported
    TRANSIENT = "transient"  # certainly not posted: tried again later
    AMBIGUOUS = "ambiguous"  # may have been posted: checked in Slack before it is repeated


PERMANENT = Failure.PERMANENT
TRANSIENT = Failure.TRANSIENT
AMBIGUOUS = Failure.AMBIGUOUS


def status(exc: BaseException) -> int:
    """The HTTP status of a failed Slack call (0 when there was no answer)."""
    return int(getattr(getattr(exc, "response", None), "status_code", 0) or 0)


def error_code(exc: BaseException) -> str:
    """A short, log-safe code for a failed post (Slack's error code, or the kind of failure)."""
    if isinstance(exc, SlackApiError):
        response = exc.response
        code = getattr(response, "status_code", 200)
        if code == 429:
            return "ratelimited"
        if code != 200:
            return f"http_{code}"
        data = getattr(response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])[:100]
        return f"http_{code}"
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, URLError) and isinstance(exc.reason, TimeoutError):
        return "timeout"
    if isinstance(exc, URLError | ConnectionError | HTTPException):
        return "connection_error"
    return type(exc).__name__[:100]


def classify(exc: BaseException) -> tuple[Failure, str]:
    """(PERMANENT | TRANSIENT | AMBIGUOUS, code) for an exception from a post."""
    code = error_code(exc)
    if isinstance(exc, SlackApiError):
        return (PERMANENT if code in PERMANENT_ERRORS else TRANSIENT), code
    # A read time-out: the request was sent and may have been posted. A connect time-out
    # arrives as URLError and was already retried by the WebClient, safely.
    if isinstance(exc, TimeoutError):
        return AMBIGUOUS, code
    return TRANSIENT, code


def timed_out(error: BaseException) -> bool:
    """A Slack call that got no answer in time (read or connect time-out)."""
    return isinstance(error, TimeoutError) or (
        isinstance(error, URLError) and isinstance(error.reason, TimeoutError)
    )
