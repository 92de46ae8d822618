"""slack_sdk's SQLAlchemy stores on the app's engine, the installation store encrypting tokens.

`EncryptedInstallationStore` is slack_sdk's SQLAlchemyInstallationStore whose token columns
hold Fernet ciphertext: tokens are encrypted on save and decrypted on find, and never logged.
A save replaces the team's rows (one installation row and one bot row per team, whoever
installed last), where slack_sdk would add a row per installer.

`SignedStateStore` is slack_sdk's SQLAlchemyOAuthStateStore with each state signed with
SLACK_STATE_SECRET: a state not issued by this app is refused before the database is asked,
and a state is good once (consumed), for ten minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from slack_bolt.error import BoltError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.workspaces.crypto import TokenCipher
from storage import installations as rows

logger = logging.getLogger(__name__)

STATE_SECONDS = 600
_BOT_SECRETS = ("bot_token", "bot_refresh_token")
_SECRETS = (*_BOT_SECRETS, "user_token", "user_refresh_token")
_TIMES = ("installed_at", "bot_token_expires_at", "user_token_expires_at")


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """Installations in slack_installations and slack_bots, tokens encrypted at rest."""

    def __init__(self, client_id: str, engine: Engine, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=engine, logger=logger)
        self.metadata = rows.METADATA
        self.installations = rows.installations
        self.bots = rows.bots
        self.cipher = cipher

    def _row(self, values: dict[str, Any], secrets: tuple[str, ...]) -> dict[str, Any]:
        row = {**values, "client_id": self.client_id}
        for name in _TIMES:
            if name in row:
                row[name] = normalize_datetime_for_db(row[name])
        for name in secrets:
            row[name] = self.cipher.encrypt(row.get(name))
        return row

    def save(self, installation: Installation) -> None:
        """Store the installation and its bot in place of the team's earlier ones. A database
        error becomes BoltError, which Bolt answers with the failure page (nothing stored)."""
        try:
            with self.engine.begin() as connection:
                rows.replace_installation(
                    connection,
                    self.client_id,
                    self._row(installation.to_dict(), _SECRETS),
                    self._row(installation.to_bot().to_dict(), _BOT_SECRETS),
                )
        except SQLAlchemyError as err:
            logger.error(
                "could not store the installation of %s (%s)", installation.team_id, type(err).__name__
            )
            raise BoltError("the installation could not be stored") from None

    def save_bot(self, bot: Bot) -> None:
        """Store the team's bot (e.g. a rotated token) in place of its earlier one."""
        with self.engine.begin() as connection:
            rows.replace_bot(connection, self.client_id, self._row(bot.to_dict(), _BOT_SECRETS))

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        bot = super().find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        if bot is not None:
            bot.bot_token = self.cipher.decrypt(bot.bot_token) or ""
            bot.bot_refresh_token = self.cipher.decrypt(bot.bot_refresh_token)
        return bot

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        # slack_sdk's find may fill in the bot's token from find_bot (decrypted already): only
        # what is still ciphertext is decrypted, by reading the row's own value again.
        found = super().find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        if found is None:
            return None
        for name in _SECRETS:
            value = getattr(found, name)
            if value is not None and not value.startswith("xox"):
                setattr(found, name, self.cipher.decrypt(value))
        return found

    def bot_token(self, team_id: str) -> str | None:
        """The team's latest bot token, decrypted; None when the team has no installation."""
        with self.engine.connect() as connection:
            stored = rows.latest_bot_token(connection, self.client_id, team_id)
        return self.cipher.decrypt(stored)

    def has_installation(self, team_id: str) -> bool:
        """Whether the team has a bot token stored (nothing is decrypted)."""
        with self.engine.connect() as connection:
            return rows.latest_bot_token(connection, self.client_id, team_id) is not None

    def check_key(self) -> None:
        """Decrypt one stored token (WrongKey when the key is not the one they were saved with)."""
        with self.engine.connect() as connection:
            self.cipher.decrypt(rows.any_bot_token(connection, self.client_id))

    def forget(self, team_id: str) -> None:
        """Delete the team's installation and bot rows (app_uninstalled, tokens_revoked)."""
        self.delete_installation(enterprise_id=None, team_id=team_id)
        self.delete_bot(enterprise_id=None, team_id=team_id)


class SignedStateStore(SQLAlchemyOAuthStateStore):
    """OAuth states in slack_oauth_states, each signed with SLACK_STATE_SECRET."""

    def __init__(self, engine: Engine, secret: str, expiration_seconds: int = STATE_SECONDS) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine, logger=logger)
        self.metadata = rows.METADATA
        self.oauth_states = rows.oauth_states
        self._secret = secret.encode()

    def _signature(self, state: str) -> str:
        return hmac.new(self._secret, state.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = super().issue(*args, **kwargs)
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        raw, _, signature = (state or "").rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._signature(raw)):
            return False
        return bool(super().consume(raw))
