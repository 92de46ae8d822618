"""OAuth mode's set-up: the settings, the key check at start, the tables as slack_sdk has them,
the scopes as manifest.yml asks, and the stand-in's oauth.v2.access refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table

from bot.config import SettingsError, load_settings
from bot.runtime import Runtime, build_runtime
from bot.server import StartupError, check_token_key, start_line
from bot.workspaces.oauth import BOT_SCOPES
from standin.workspaces import CLIENT_ID, CLIENT_SECRET
from storage import installations
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import Response
from tests.workspaces.conftest import KEY, oauth_settings

ROOT = Path(__file__).resolve().parents[2]
OAUTH_ENV = {
    "SLACK_SIGNING_SECRET": "secret",
    "SLACK_CLIENT_ID": CLIENT_ID,
    "SLACK_CLIENT_SECRET": CLIENT_SECRET,
    "SLACK_STATE_SECRET": "state",
    "TOKEN_ENCRYPTION_KEY": KEY,
}


def _error(env: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as raised:
        load_settings(env, env_file=None)
    message = str(raised.value)
    assert "\n" not in message and KEY not in message and CLIENT_SECRET not in message
    return message


def test_client_credentials_instead_of_a_bot_token_mean_oauth_mode() -> None:
    settings = load_settings(OAUTH_ENV, env_file=None)
    assert settings.oauth and settings.slack_bot_token == ""
    assert KEY not in repr(settings) and CLIENT_SECRET not in repr(settings)
    assert not load_settings({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}, env_file=None).oauth


def test_oauth_settings_errors_are_one_line_naming_the_setting() -> None:
    without_key = {k: v for k, v in OAUTH_ENV.items() if k != "TOKEN_ENCRYPTION_KEY"}
    assert "TOKEN_ENCRYPTION_KEY is missing" in _error(without_key)
    assert "TOKEN_ENCRYPTION_KEY must be a Fernet key" in _error(
        {**OAUTH_ENV, "TOKEN_ENCRYPTION_KEY": "not-a-key"}
    )
    assert "TOKEN_ENCRYPTION_KEY must be a Fernet key" in _error(
        {**OAUTH_ENV, "TOKEN_ENCRYPTION_KEY": KEY[:-2]}
    )
    both = _error({**OAUTH_ENV, "SLACK_BOT_TOKEN": "xoxb-1"})
    assert "SLACK_BOT_TOKEN" in both and "choose" in both
    without_state = {k: v for k, v in OAUTH_ENV.items() if k != "SLACK_STATE_SECRET"}
    assert "SLACK_STATE_SECRET is missing" in _error(without_state)
    assert "Socket Mode" in _error({**OAUTH_ENV, "SLACK_APP_TOKEN": "xapp-1"})


def test_the_start_line_says_where_workspaces_install(runtime: Runtime) -> None:
    assert "/slack/install (OAuth)" in start_line(runtime.settings)


def test_a_wrong_key_stops_the_start_with_one_line(
    install: Callable[[str, str], Response], runtime: Runtime, standin: SlackStandIn
) -> None:
    check_token_key(runtime)  # no installation yet: nothing to read
    assert install("T0B", "U0INSTALL").status == 200
    check_token_key(runtime)
    other = Fernet.generate_key().decode()
    wrong = build_runtime(
        oauth_settings(runtime.settings.database_url, standin.url, token_encryption_key=other)
    )
    try:
        with pytest.raises(StartupError) as raised:
            check_token_key(wrong)
    finally:
        wrong.engine.dispose()
    message = str(raised.value)
    assert "TOKEN_ENCRYPTION_KEY" in message and "\n" not in message and other not in message


def _shape(table: Table) -> dict[str, tuple[str, bool, bool]]:
    return {c.name: (repr(c.type), c.nullable or False, c.primary_key) for c in table.columns}


def test_the_tables_are_slack_sdks_column_for_column() -> None:
    theirs = MetaData()
    pairs = [
        (
            installations.installations,
            SQLAlchemyInstallationStore.build_installations_table(theirs, "slack_installations"),
        ),
        (installations.bots, SQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots")),
        (
            installations.oauth_states,
            SQLAlchemyOAuthStateStore.build_oauth_states_table(theirs, "slack_oauth_states"),
        ),
    ]
    for ours, slack_sdk_table in pairs:
        assert list(_shape(ours).items()) == list(_shape(slack_sdk_table).items())
        assert {i.name for i in ours.indexes} == {i.name for i in slack_sdk_table.indexes}


def test_the_install_asks_for_manifest_scopes() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    assert list(BOT_SCOPES) == manifest["oauth_config"]["scopes"]["bot"]
    assert any(url.endswith("/slack/oauth_redirect") for url in manifest["oauth_config"]["redirect_urls"])


def test_the_standin_refuses_bad_client_secrets_and_unknown_or_used_codes(standin: SlackStandIn) -> None:
    client = WebClient(base_url=standin.url)
    code = standin.oauth_code("T0B", "U0INSTALL")
    with pytest.raises(SlackApiError, match="bad_client_secret"):
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret="wrong", code=code)
    answer = client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    assert answer["team"] == {"id": "T0B", "name": "T0B"} and answer["token_type"] == "bot"
    assert answer["access_token"] == standin.token_of("T0B") and answer["authed_user"] == {"id": "U0INSTALL"}
    with pytest.raises(SlackApiError, match="invalid_code"):
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    assert WebClient(token=answer["access_token"], base_url=standin.url).auth_test()["team_id"] == "T0B"
    assert standin.calls[-1].team == "T0B"
