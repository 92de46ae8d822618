"""OAuth mode: settings with client credentials instead of a bot token, on SQLite and PostgreSQL,
and the install flow as a browser and Slack's authorize page would walk it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet

from bot.config import Settings
from bot.runtime import Runtime
from bot.server import create_wsgi_app
from standin.workspaces import CLIENT_ID, CLIENT_SECRET
from tests.conftest import make_settings
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import Response, WSGIClient

KEY = Fernet.generate_key().decode()
STATE_SECRET = "test-state-secret"
COOKIE = "slack-app-oauth-state"


def oauth_settings(db_url: str, api_url: str, **overrides: Any) -> Settings:
    """Settings of a deployment serving many workspaces (no SLACK_BOT_TOKEN)."""
    values: dict[str, Any] = {
        "slack_bot_token": "",
        "slack_client_id": CLIENT_ID,
        "slack_client_secret": CLIENT_SECRET,
        "slack_state_secret": STATE_SECRET,
        "token_encryption_key": KEY,
        "organisers": (),
    }
    return make_settings(db_url, api_url, **{**values, **overrides})


@pytest.fixture
def settings(any_db_url: str, standin: SlackStandIn) -> Settings:
    """OAuth settings on a fresh database (SQLite, then PostgreSQL) and the stand-in."""
    return oauth_settings(any_db_url, standin.url)


@pytest.fixture
def http(app: Any, runtime: Runtime) -> WSGIClient:
    """The app's WSGI entry point, as a browser and Slack reach it."""
    return WSGIClient(create_wsgi_app(app, runtime))


@dataclass
class Started:
    """GET /slack/install: where the browser is sent, and the state it carries."""

    response: Response
    state: str

    @property
    def cookie(self) -> dict[str, str]:
        return {"Cookie": f"{COOKIE}={self.state}"}


def start_install(http: WSGIClient) -> Started:
    response = http.get("/slack/install")
    assert response.status == 302, response.text
    location = response.header("Location") or ""
    assert location.startswith("https://slack.com/oauth/v2/authorize?")
    [state] = parse_qs(urlsplit(location).query)["state"]
    return Started(response, state)


def finish_install(http: WSGIClient, started: Started, code: str) -> Response:
    return http.get(f"/slack/oauth_redirect?code={code}&state={started.state}", started.cookie)


@pytest.fixture
def install(http: WSGIClient, standin: SlackStandIn) -> Callable[[str, str], Response]:
    """Install the app into `team` as `user`, the whole way: install page, Slack, callback."""

    def _install(team: str, user: str) -> Response:
        return finish_install(http, start_install(http), standin.oauth_code(team, user))

    return _install
