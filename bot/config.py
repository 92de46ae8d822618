"""One settings object, read once at start from the environment and an optional `.env` file."""

from __future__ import annotations

import base64
import ipaddress
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

USER_ID_RE = re.compile(r"^[UW][A-Z0-9]{2,}$")
LANGUAGES = ("sv", "en")
# More than ten years would be keeping for ever in all but name.
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 120
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment."""

    slack_bot_token: str = field(repr=False)
    slack_signing_secret: str = field(repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    database_url: str = "sqlite:///chefsnatverket.db"
    slack_api_url: str = "https://slack.com/api/"
    organisers: tuple[str, ...] = ()
    timezone: str = "Europe/Stockholm"
    language: str = "sv"
    run_scheduler: bool = True
    port: int = 3000
    host: str = "0.0.0.0"  # noqa: S104 - a server in a container listens on every interface
    # How late a missed send may still go out after downtime (issue 3: default 24 h).
    grace_hours: float = 24.0
    # Seconds between scheduler runs inside the server.
    tick_interval_seconds: int = 30
    # Check-ins, pulse answers and RSVPs are deleted this long after their meeting, nominations
    # this long after their round closed (issue 10).
    retention_months: int = 24
    # Serving capacity, sized together (see bot/server.py): waitress threads only carry a
    # request until its ack; listener threads carry a listener through its Slack calls after
    # the ack, so there must be one for every request that can be in flight at once; the
    # database pool serves both, short units of work that never span a Slack call.
    web_threads: int = 16
    listener_threads: int = 100
    db_pool_size: int = 10
    db_max_overflow: int = 20
    log_level: str = "INFO"
    # Seconds a save whose answer goes back in Slack's 3-second ack (a check-in) waits for a
    # database locked elsewhere; then it fails and the person is told nothing was saved.
    db_lock_wait: float = 2.0
    # The app's public address (https://…), for whole links to Guldlänken's web form.
    public_url: str | None = None
    # OAuth mode (many workspaces): set instead of slack_bot_token, which is then "".
    slack_client_id: str | None = None
    slack_client_secret: str | None = field(default=None, repr=False)
    slack_state_secret: str | None = field(default=None, repr=False)
    # The Fernet key the bot tokens are encrypted with at rest (bot/workspaces/crypto.py).
    token_encryption_key: str | None = field(default=None, repr=False)
    # The reverse proxy whose X-Forwarded-For waitress believes (its IP address, `localhost` for a
    # Unix socket, `*` for any peer): REMOTE_ADDR, and so the web form's rate limit per address,
    # is then the client's address rather than the proxy's.
    trusted_proxy: str | None = None

    @property
    def oauth(self) -> bool:
        """Whether the app installs into many workspaces through OAuth (no SLACK_BOT_TOKEN)."""
        return self.slack_client_id is not None

    @property
    def tz(self) -> ZoneInfo:
        """The network's time zone."""
        return ZoneInfo(self.timezone)


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on", "ja"}:
        return True
    if value in {"0", "false", "no", "off", "nej", ""}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(f"{name} is missing: set it in the environment or in .env")
    if "..." in value or "…" in value:
        raise SettingsError(f"{name} is still the placeholder from .env.sample: put the real value in .env")
    return value


# ORGANISERS in .env.sample: a well-formed id that is nobody's, so it must not pass unnoticed.
SAMPLE_ORGANISER = "U0123ABCD"
DEFAULT_DATABASE_URL = "sqlite:///chefsnatverket.db"
_HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


def _read_env(environ: Mapping[str, str] | None, env_file: str | Path | None) -> dict[str, str]:
    env: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        env.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    env.update(os.environ if environ is None else environ)
    return env


def _database_url(env: Mapping[str, str]) -> str:
    url = env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    match = re.match(r"^(sqlite|postgres|postgresql)(\+\w+)?://", url)
    if not match:
        raise SettingsError("DATABASE_URL must start with sqlite://, postgres:// or postgresql://")
    if match.group(1) != "sqlite":
        return url
    path = url[match.end() :].split("?", 1)[0]
    if path in {"", "/", "/:memory:"} or "mode=memory" in url:
        # Every connection would get its own empty database: the scheduler's ticks would
        # never see the tables the migration made.
        raise SettingsError(
            "DATABASE_URL is an in-memory SQLite database: give a file, e.g. sqlite:///chefsnatverket.db"
        )
    folder = Path(path[1:]).parent
    if not folder.is_dir():
        raise SettingsError(f"DATABASE_URL: the folder {str(folder)!r} for the SQLite file does not exist")
    if not os.access(folder, os.W_OK):
        raise SettingsError(f"DATABASE_URL: the folder {str(folder)!r} for the SQLite file is not writable")
    return url


def _count(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < minimum:
        raise SettingsError(f"{name} must be a whole number of at least {minimum}, got {raw!r}")
    return int(raw)


def _host(env: Mapping[str, str]) -> str:
    host = env.get("HOST", "").strip() or "0.0.0.0"  # noqa: S104
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if not _HOSTNAME_RE.match(host):
            raise SettingsError(f"HOST must be an IP address or a host name, got {host!r}") from None
    return host


def _log_level(env: Mapping[str, str]) -> str:
    level = env.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
    return level


OAUTH_SETTINGS = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


def _oauth(env: Mapping[str, str]) -> dict[str, str]:
    """The OAuth settings (many workspaces), or {} in single-token mode (SLACK_BOT_TOKEN)."""
    given = [name for name in OAUTH_SETTINGS if env.get(name, "").strip()]
    if not given:
        return {}
    if env.get("SLACK_BOT_TOKEN", "").strip():
        raise SettingsError(
            f"both SLACK_BOT_TOKEN and {given[0]} are set: choose one workspace (SLACK_BOT_TOKEN) "
            f"or many ({', '.join(OAUTH_SETTINGS)})"
        )
    values = {name.lower(): _required(env, name) for name in OAUTH_SETTINGS}
    key = _required(env, "TOKEN_ENCRYPTION_KEY")
    if not _is_fernet_key(key):
        raise SettingsError(
            "TOKEN_ENCRYPTION_KEY must be a Fernet key (44 characters of URL-safe base64): see the "
            "README for the command that makes one"
        )
    return {**values, "token_encryption_key": key}


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32 and len(key) == 44
    except (ValueError, UnicodeEncodeError):
        return False


def load_database_url(environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> str:
    """Only DATABASE_URL, checked: what `db upgrade` needs (no Slack token)."""
    return _database_url(_read_env(environ, env_file))


def load_settings(environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
    """Read settings from `environ` (default os.environ) over an optional `.env` file; fail fast."""
    env = _read_env(environ, env_file)

    oauth = _oauth(env)
    if oauth:
        token = ""
    else:
        token = _required(env, "SLACK_BOT_TOKEN")
        if not token.startswith("xoxb-"):
            raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    secret = _required(env, "SLACK_SIGNING_SECRET")

    app_token = env.get("SLACK_APP_TOKEN", "").strip() or None
    if app_token is not None and not app_token.startswith("xapp-"):
        raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    if app_token is not None and oauth:
        raise SettingsError(
            "SLACK_APP_TOKEN (Socket Mode) serves one workspace: use SLACK_BOT_TOKEN with it, "
            "or drop SLACK_APP_TOKEN to install into many workspaces over HTTP"
        )

    database_url = _database_url(env)

    api_url = env.get("SLACK_API_URL", "").strip() or "https://slack.com/api/"
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL, got {api_url!r}")
    if not api_url.endswith("/"):
        api_url += "/"

    organisers = tuple(o.strip() for o in env.get("ORGANISERS", "").split(",") if o.strip())
    for organiser in organisers:
        if not USER_ID_RE.match(organiser):
            raise SettingsError(f"ORGANISERS must be comma-separated Slack user ids (U…), got {organiser!r}")
        if organiser == SAMPLE_ORGANISER:
            raise SettingsError(f"ORGANISERS is still the example from .env.sample ({SAMPLE_ORGANISER})")

    timezone = env.get("BOT_TIMEZONE", "").strip() or "Europe/Stockholm"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"BOT_TIMEZONE is not a known time zone: {timezone!r}") from None

    language = env.get("BOT_LANGUAGE", "").strip() or "sv"
    if language not in LANGUAGES:
        raise SettingsError(f"BOT_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {language!r}")

    # Empty means the default, like every other setting.
    run_scheduler = _bool("RUN_SCHEDULER", env.get("RUN_SCHEDULER", "").strip() or "true")

    raw_port = env.get("PORT", "").strip() or "3000"
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise SettingsError(f"PORT must be a TCP port number, got {raw_port!r}")

    host = _host(env)

    raw_grace = env.get("GRACE_HOURS", "").strip() or "24"
    try:
        grace_hours = float(raw_grace)
    except ValueError:
        grace_hours = math.nan
    if not math.isfinite(grace_hours) or grace_hours < 0:
        raise SettingsError(f"GRACE_HOURS must be a number of hours, 0 or more, got {raw_grace!r}")

    raw_interval = env.get("TICK_INTERVAL_SECONDS", "").strip() or "30"
    if not raw_interval.isdigit() or int(raw_interval) < 1:
        raise SettingsError(f"TICK_INTERVAL_SECONDS must be a whole number of seconds, got {raw_interval!r}")

    raw_retention = env.get("RETENTION_MONTHS", "").strip() or "24"
    if not raw_retention.isdigit() or not MIN_RETENTION_MONTHS <= int(raw_retention) <= MAX_RETENTION_MONTHS:
        raise SettingsError(
            f"RETENTION_MONTHS must be a whole number of months from {MIN_RETENTION_MONTHS} to "
            f"{MAX_RETENTION_MONTHS}, got {raw_retention!r}"
        )
    public_url = env.get("PUBLIC_URL", "").strip().rstrip("/") or None
    if public_url is not None and not re.match(r"^https?://[^/\s]+", public_url):
        raise SettingsError(f"PUBLIC_URL must be an http(s) URL, got {public_url!r}")

    return Settings(
        slack_bot_token=token,
        slack_signing_secret=secret,
        slack_app_token=app_token,
        database_url=database_url,
        slack_api_url=api_url,
        organisers=organisers,
        timezone=timezone,
        language=language,
        run_scheduler=run_scheduler,
        port=int(raw_port),
        host=host,
        grace_hours=grace_hours,
        tick_interval_seconds=int(raw_interval),
        retention_months=int(raw_retention),
        web_threads=_count(env, "WEB_THREADS", Settings.web_threads),
        listener_threads=_count(env, "LISTENER_THREADS", Settings.listener_threads),
        db_pool_size=_count(env, "DB_POOL_SIZE", Settings.db_pool_size),
        db_max_overflow=_count(env, "DB_MAX_OVERFLOW", Settings.db_max_overflow, minimum=0),
        log_level=_log_level(env),
        public_url=public_url,
        slack_client_id=oauth.get("slack_client_id"),
        slack_client_secret=oauth.get("slack_client_secret"),
        slack_state_secret=oauth.get("slack_state_secret"),
        token_encryption_key=oauth.get("token_encryption_key"),
        trusted_proxy=_trusted_proxy(env),
    )


def _trusted_proxy(env: Mapping[str, str]) -> str | None:
    """TRUSTED_PROXY: an IP address (as waitress compares it with REMOTE_ADDR), `localhost` or `*`."""
    raw = env.get("TRUSTED_PROXY", "").strip()
    if raw in {"", "*", "localhost"}:
        return raw or None
    try:
        return str(ipaddress.ip_address(raw.strip("[]")))
    except ValueError:
        raise SettingsError(
            f"TRUSTED_PROXY must be the proxy's IP address (e.g. 127.0.0.1), localhost or *, got {raw!r}"
        ) from None
