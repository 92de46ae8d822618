"""Build correctly signed Slack requests (slash commands, interactions, events).

Every builder returns ``(body, headers)`` ready for ``WSGIClient.post(path, body, headers)``.
Signing follows Slack's v0 scheme::

    X-Slack-Signature = "v0=" + hex(hmac_sha256(secret, f"v0:{timestamp}:{body}"))

Pass ``timestamp=`` (unix seconds) to build stale requests for replay-protection tests.
Workspace ids match standin/state.py so payloads and API answers agree.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import string
import time
from typing import Any
from urllib.parse import urlencode

from standin.state_values import (
    checkboxes as checkboxes,
)
from standin.state_values import (
    conversations_select as conversations_select,
)
from standin.state_values import (
    datepicker as datepicker,
)
from standin.state_values import (
    multi_users_select as multi_users_select,
)
from standin.state_values import (
    number_input as number_input,
)
from standin.state_values import (
    radio_buttons as radio_buttons,
)
from standin.state_values import (
    static_select as static_select,
)
from standin.state_values import (
    text_input as text_input,
)
from standin.state_values import (
    timepicker as timepicker,
)
from standin.state_values import (
    users_select as users_select,
)

# Same workspace as standin/state.py (kept separate so each module imports alone).
TEAM_ID = "T0001"
TEAM_DOMAIN = "acme"
BOT_USER_ID = "U0BOT"
APP_ID = "A0APP"
# Deprecated verification token Slack still puts in payloads; apps must not rely on it.
VERIFICATION_TOKEN = "vErIfIcAtIoNtOkEn0000000"

_CHANNEL_NAMES = {"C0ADMIN": "admin", "C0GENERAL": "general"}  # stand-in's default channels

_counter = itertools.count(1)


def _now(timestamp: int | None) -> int:
    return int(time.time()) if timestamp is None else int(timestamp)


def _trigger_id() -> str:
    # Real trigger ids look like "1234567890123.1234567890.0123456789abcdef0123456789abcdef".
    return f"{int(time.time() * 1000)}.{next(_counter)}.{secrets.token_hex(16)}"


def _response_url(team_id: str) -> str:
    n = next(_counter)
    # Tests only ever talk to 127.0.0.1: an un-faked response_url goes nowhere (port 9, discard).
    return f"http://127.0.0.1:9/actions/{team_id}/{1000000 + n}/{secrets.token_hex(12)}"


def _action_ts() -> str:
    t = time.time()
    return f"{t:.6f}"


def sign(
    secret: str, body: str | bytes, timestamp: int | None = None, *, content_type: str | None = None
) -> dict[str, str]:
    """Slack v0 signature headers for ``body``.

    Content-Type defaults to JSON for bodies starting with ``{`` (Events API)
    and to form encoding otherwise (commands and interactivity).
    """
    ts = str(_now(timestamp))
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + ts.encode("ascii") + b":" + raw
    signature = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    if content_type is None:
        content_type = (
            "application/json" if raw.lstrip().startswith(b"{") else "application/x-www-form-urlencoded"
        )
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }


def _user(user_id: str, user_name: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id}


def _channel_name(channel_id: str) -> str:
    if channel_id.startswith("D"):
        return "directmessage"  # what Slack reports for DMs
    return _CHANNEL_NAMES.get(channel_id, channel_id.lower())


def _payload_body(payload: dict[str, Any]) -> str:
    # Interactivity payloads arrive as a single form field holding JSON.
    return urlencode({"payload": json.dumps(payload, separators=(",", ":"))})


# --------------------------------------------------------------------------- slash commands


def slash_command(
    secret: str,
    command: str,
    text: str,
    user_id: str,
    *,
    user_name: str = "anna",
    channel_id: str = "C0ADMIN",
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    response_url: str | None = None,
    timestamp: int | None = None,
    channel_name: str | None = None,
) -> tuple[str, dict[str, str]]:
    """A signed slash-command POST, field for field as Slack sends it."""
    if not command.startswith("/"):
        command = "/" + command
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name or _channel_name(channel_id),
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url or _response_url(team_id).replace("/actions/", "/commands/"),
        "trigger_id": trigger_id or _trigger_id(),
    }
    body = urlencode(fields)
    return body, sign(secret, body, timestamp, content_type="application/x-www-form-urlencoded")


def _normalise_state(state_values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Accept ``{block_id: {action_id: state}}``; bare strings/None become text inputs."""
    out: dict[str, dict[str, Any]] = {}
    for block_id, actions in state_values.items():
        out[block_id] = {
            action_id: (v if isinstance(v, dict) else text_input(v)) for action_id, v in actions.items()
        }
    return out


def _view(
    view_id: str,
    callback_id: str,
    *,
    private_metadata: str = "",
    hash_: str = "h1",
    title: str = "Modal",
    state_values: dict[str, Any] | None = None,
    blocks: list[dict[str, Any]] | None = None,
    team_id: str = TEAM_ID,
    view_type: str = "modal",
) -> dict[str, Any]:
    return {
        "id": view_id,
        "team_id": team_id,
        "type": view_type,
        "blocks": blocks or [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": _normalise_state(state_values or {})},
        "hash": hash_,
        "title": {"type": "plain_text", "text": title, "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": team_id,
        "bot_id": "B0BOT",
    }


def view_submission(
    secret: str,
    user_id: str,
    callback_id: str,
    state_values: dict[str, Any],
    *,
    private_metadata: str = "",
    view_id: str = "V123",
    hash_: str = "h1",
    title: str = "Modal",
    timestamp: int | None = None,
    user_name: str = "anna",
    team_id: str = TEAM_ID,
    blocks: list[dict[str, Any]] | None = None,
    external_id: str = "",
) -> tuple[str, dict[str, str]]:
    """A signed ``view_submission`` interaction (``external_id``: the view's, when it has one).

    ``state_values`` is ``{block_id: {action_id: element_state}}``; use the helpers
    above (``static_select(...)`` etc.) or plain strings for text inputs.
    """
    payload = {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": _trigger_id(),
        "view": _view(
            view_id,
            callback_id,
            private_metadata=private_metadata,
            hash_=hash_,
            title=title,
            state_values=state_values,
            blocks=blocks,
            team_id=team_id,
        ),
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    if external_id:
        payload["view"]["external_id"] = external_id  # type: ignore[index]
    body = _payload_body(payload)
    return body, sign(secret, body, timestamp, content_type="application/x-www-form-urlencoded")


def block_actions(
    secret: str,
    user_id: str,
    action_id: str,
    *,
    value: str | None = None,
    block_id: str = "b",
    container: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    channel_id: str | None = None,
    message: dict[str, Any] | None = None,
    trigger_id: str = "t.1",
    response_url: str | None = None,
    timestamp: int | None = None,
    user_name: str = "anna",
    team_id: str = TEAM_ID,
    action_type: str = "button",
    action: dict[str, Any] | None = None,
    state: dict[str, Any] | None = None,
) -> tuple[str, dict[str, str]]:
    """A signed ``block_actions`` interaction (a button click by default).

    With ``view`` (a dict, e.g. ``{"id": "V1", "callback_id": "cb", "private_metadata": "..."}``)
    the action comes from a modal/home tab; otherwise from a message in ``channel_id``
    (default C0ADMIN). ``action`` merges extra fields into the action (e.g. selected_option).
    """
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, user_name, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
    }
    if view is not None:
        full_view = _view(
            view.get("id", "V123"),
            view.get("callback_id", ""),
            private_metadata=view.get("private_metadata", ""),
            hash_=view.get("hash", "h1"),
            title=view.get("title_text", "Modal"),
            view_type=view.get("type", "modal"),
            team_id=team_id,
        )
        full_view.update({k: v for k, v in view.items() if k != "title_text"})
        payload["container"] = container or {"type": "view", "view_id": full_view["id"]}
        payload["trigger_id"] = trigger_id
        payload["team"] = {"id": team_id, "domain": TEAM_DOMAIN}
        payload["enterprise"] = None
        payload["is_enterprise_install"] = False
        payload["view"] = full_view
        if response_url:
            payload["response_url"] = response_url
    else:
        channel = channel_id or "C0ADMIN"
        msg = dict(message or {})
        msg.setdefault("type", "message")
        msg.setdefault("ts", "1700000000.000100")
        msg.setdefault("user", BOT_USER_ID)
        msg.setdefault("bot_id", "B0BOT")
        msg.setdefault("app_id", APP_ID)
        msg.setdefault("text", "")
        msg.setdefault("team", team_id)
        msg.setdefault("blocks", [])
        payload["container"] = container or {
            "type": "message",
            "message_ts": msg["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        }
        payload["trigger_id"] = trigger_id
        payload["team"] = {"id": team_id, "domain": TEAM_DOMAIN}
        payload["enterprise"] = None
        payload["is_enterprise_install"] = False
        payload["channel"] = {"id": channel, "name": _channel_name(channel)}
        payload["message"] = msg
        payload["state"] = {"values": state or {}}
        payload["response_url"] = response_url or _response_url(team_id)
    act: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": action_id, "emoji": True},
        "type": action_type,
        "action_ts": _action_ts(),
    }
    if value is not None:
        act["value"] = value
    if action:
        act.update(action)
    payload["actions"] = [act]
    body = _payload_body(payload)
    return body, sign(secret, body, timestamp, content_type="application/x-www-form-urlencoded")


# --------------------------------------------------------------------------- Events API


def _event_id() -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "Ev" + "".join(secrets.choice(alphabet) for _ in range(9))


def event_callback(
    secret: str,
    event: dict[str, Any],
    *,
    team_id: str = TEAM_ID,
    event_id: str | None = None,
    timestamp: int | None = None,
) -> tuple[str, dict[str, str]]:
    """A signed Events API ``event_callback`` wrapping ``event``."""
    now = _now(timestamp)
    ev = dict(event)
    ev.setdefault("event_ts", f"{now}.{next(_counter):06d}")
    payload = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": APP_ID,
        "event": ev,
        "type": "event_callback",
        "event_id": event_id or _event_id(),
        "event_time": now,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + secrets.token_hex(24),
    }
    body = json.dumps(payload, separators=(",", ":"))
    return body, sign(secret, body, timestamp, content_type="application/json")


def url_verification(
    secret: str, challenge: str, *, timestamp: int | None = None
) -> tuple[str, dict[str, str]]:
    """The signed handshake Slack sends when the Events request URL is configured."""
    body = json.dumps({"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"})
    return body, sign(secret, body, timestamp, content_type="application/json")
