"""Bot tokens at rest: Fernet (AES-128-CBC with HMAC-SHA256) under TOKEN_ENCRYPTION_KEY.

One key for every stored token. Rotating the key is not supported: a new key cannot read the
tokens the old one wrote (then every workspace installs the app again).
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken


class WrongKey(Exception):
    """A stored token cannot be decrypted with TOKEN_ENCRYPTION_KEY (one line, no token)."""


class TokenCipher:
    """Encrypts tokens for the database and decrypts what it reads back."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode("ascii"))

    def encrypt(self, token: str | None) -> str | None:
        """The token's ciphertext (None stays None)."""
        return None if token is None else self._fernet.encrypt(token.encode()).decode("ascii")

    def decrypt(self, stored: str | None) -> str | None:
        """The token behind `stored` (None stays None); WrongKey when this key did not write it."""
        if stored is None:
            return None
        try:
            return self._fernet.decrypt(stored.encode("ascii")).decode()
        except (InvalidToken, ValueError):
            raise WrongKey(
                "TOKEN_ENCRYPTION_KEY cannot read the stored bot tokens: it is not the key they were "
                "saved with (restore that key, or empty slack_installations and slack_bots and "
                "install the app again in every workspace)"
            ) from None
