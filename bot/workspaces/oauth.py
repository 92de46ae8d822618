"""OAuth mode's wiring: the stores on the app's engine and Bolt's OAuthSettings around them.

Bolt's OAuthFlow exchanges the code with the App's own client (App(client=...) hands it on), so
oauth.v2.access and the auth.test after it go to SLACK_API_URL with our retry handlers; each
request's client is a copy of that client with the workspace's token (App._init_context).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from slack_bolt import BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_utils import OAuthStateUtils
from sqlalchemy import Engine

from bot.config import Settings
from bot.workspaces import service
from bot.workspaces.crypto import TokenCipher
from bot.workspaces.pages import build_failure_page, build_success_page
from bot.workspaces.store import STATE_SECONDS, EncryptedInstallationStore, SignedStateStore

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# manifest.yml's oauth_config.scopes.bot, in its order (tests/workspaces check they agree).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "im:write",
    "im:history",
    "channels:history",
    "groups:history",
    "users:read",
    "channels:read",
    "groups:read",
    "files:write",
)


def _headers() -> dict[str, str | Sequence[str]]:
    """An HTML page that also deletes Bolt's state cookie (set at /slack/install)."""
    return {
        "Content-Type": "text/html; charset=utf-8",
        "Set-Cookie": OAuthStateUtils().build_set_cookie_for_deletion(),
    }


def installation_store(settings: Settings, engine: Engine) -> EncryptedInstallationStore:
    """The installation store of an OAuth-mode deployment (settings.oauth)."""
    assert settings.slack_client_id is not None and settings.token_encryption_key is not None
    return EncryptedInstallationStore(
        settings.slack_client_id, engine, TokenCipher(settings.token_encryption_key)
    )


def oauth_settings(runtime: Runtime) -> OAuthSettings:
    """Bolt's OAuthSettings: our stores, our scopes, our Swedish pages."""
    settings = runtime.settings
    assert settings.slack_state_secret is not None
    store = installation_store(settings, runtime.engine)

    def success(args: SuccessArgs) -> BoltResponse:
        found = args.installation
        if found.team_id is not None and found.user_id:
            outcome = service.installed(runtime, found.team_id, found.user_id)
            logger.info(
                "installed in workspace %s: %d network(s), %d adopted, new: %s",
                found.team_id,
                len(outcome.networks),
                len(outcome.adopted),
                outcome.created is not None,
            )
        page = build_success_page(runtime.lang, found.team_id, found.team_name, found.app_id)
        return BoltResponse(status=200, body=page, headers=_headers())

    def failure(args: FailureArgs) -> BoltResponse:
        logger.warning("an installation failed: %s", args.reason)
        page = build_failure_page(runtime.lang, args.reason, INSTALL_PATH)
        return BoltResponse(status=args.suggested_status_code, body=page, headers=_headers())

    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        install_page_rendering_enabled=False,  # straight on to Slack's authorize page
        redirect_uri_path=REDIRECT_PATH,
        redirect_uri=f"{settings.public_url}{REDIRECT_PATH}" if settings.public_url else None,
        callback_options=CallbackOptions(success=success, failure=failure),
        installation_store=store,
        installation_store_bot_only=True,  # the app holds no user tokens
        state_store=SignedStateStore(runtime.engine, settings.slack_state_secret, STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
        logger=logging.getLogger("chefsnatverket.bolt"),
    )


def authorize(settings: OAuthSettings) -> InstallationStoreAuthorize:
    """Each request's token from the store; auth.test once per token, then remembered."""
    return InstallationStoreAuthorize(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        installation_store=settings.installation_store,
        bot_only=True,
        cache_enabled=True,
        logger=logging.getLogger("chefsnatverket.bolt"),
    )
