"""Many workspaces: bot tokens per team, `auth.test` answering the token's team, and
`oauth.v2.access` exchanging a code a test got from `oauth_code()` for that team's bot token.

    token = standin.add_workspace("T0B", "Guldlänken")   # "xoxb-T0B-…"
    code = standin.oauth_code("T0B", "U0INSTALLER")      # what Slack's authorize page hands back
    # the app's callback then calls oauth.v2.access with it, as with Slack

Every valid token not made here is the default workspace's (TEAM_ID), as before.
"""

from __future__ import annotations

import base64
import itertools
import secrets
from typing import Any
from urllib.parse import unquote_plus

from standin.blockkit import err as _err
from standin.state import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME, _State

CLIENT_ID = "1111111111.2222222222"
CLIENT_SECRET = "standin-client-secret"


class _Workspaces(_State):
    """The workspaces the stand-in knows besides its default one, and their OAuth codes."""

    _workspace_counter = itertools.count(1)

    def _reset_workspaces(self) -> None:
        super()._reset_workspaces()
        self.team_names: dict[str, str] = {TEAM_ID: TEAM_NAME}
        self._codes: dict[str, tuple[str, str]] = {}  # code -> (team id, installing user)

    def add_workspace(self, team_id: str, name: str | None = None) -> str:
        """A workspace with its own bot token (returned; the same one when asked again)."""
        with self._cond:
            self.team_names.setdefault(team_id, name or team_id)
            for token, team in self.team_tokens.items():
                if team == team_id:
                    return token
            token = f"xoxb-{team_id}-{next(self._workspace_counter)}-{secrets.token_hex(12)}"
            self.team_tokens[token] = team_id
            return token

    def token_of(self, team_id: str) -> str:
        """The bot token add_workspace() gave the team."""
        with self._cond:
            return next(token for token, team in self.team_tokens.items() if team == team_id)

    def oauth_code(self, team_id: str, user_id: str) -> str:
        """A code as Slack's authorize page gives the app's redirect URL; good once."""
        self.add_workspace(team_id)
        code = f"code-{secrets.token_hex(8)}"
        with self._cond:
            self._codes[code] = (team_id, user_id)
        return code

    def _bot_user_of(self, team_id: str) -> str:
        return BOT_USER_ID if team_id == TEAM_ID else f"UBOT{team_id}"

    def _m_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        team_id = self.team_of(getattr(self._arrival, "token", None)) or TEAM_ID
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN if team_id == TEAM_ID else team_id.lower()}.slack.com/",
            "team": self.team_names.get(team_id, team_id),
            "user": "standin-bot",
            "team_id": team_id,
            "user_id": self._bot_user_of(team_id),
            "bot_id": BOT_ID if team_id == TEAM_ID else f"B{team_id}",
            "is_enterprise_install": False,
        }

    def _oauth_v2_access(self, params: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """oauth.v2.access: client credentials (HTTP Basic or form) and a code, for a bot token."""
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        auth = headers.get("authorization", "")
        if auth.lower().startswith("basic "):
            decoded = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace")
            client_id, _, client_secret = (unquote_plus(part) for part in decoded.partition(":"))
        if client_id != CLIENT_ID:
            return _err("invalid_client_id")
        if client_secret != CLIENT_SECRET:
            return _err("bad_client_secret")
        with self._cond:
            found = self._codes.pop(str(params.get("code") or ""), None)
        if found is None:
            return _err("invalid_code")
        team_id, user_id = found
        return {
            "ok": True,
            "access_token": self.add_workspace(team_id),
            "token_type": "bot",
            "scope": ",".join(sorted(self.scopes)),
            "bot_user_id": self._bot_user_of(team_id),
            "app_id": APP_ID,
            "team": {"id": team_id, "name": self.team_names.get(team_id, team_id)},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": user_id},
        }
