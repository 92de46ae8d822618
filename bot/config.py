"""One settings object, read once at start from the environment and an optional `.env` file."""

from __future__ import annotations

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
    return value


def load_settings(environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
    """Read settings from `environ` (default os.environ) over an optional `.env` file; fail fast."""
    env: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        env.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    env.update(os.environ if environ is None else environ)

    token = _required(env, "SLACK_BOT_TOKEN")
    if not token.startswith("xoxb-"):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    secret = _required(env, "SLACK_SIGNING_SECRET")

    app_token = env.get("SLACK_APP_TOKEN", "").strip() or None
    if app_token is not None and not app_token.startswith("xapp-"):
        raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")

    database_url = env.get("DATABASE_URL", "").strip() or "sqlite:///chefsnatverket.db"
    if not re.match(r"^(sqlite|postgres|postgresql)(\+\w+)?://", database_url):
        raise SettingsError("DATABASE_URL must start with sqlite://, postgres:// or postgresql://")

    api_url = env.get("SLACK_API_URL", "").strip() or "https://slack.com/api/"
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL, got {api_url!r}")
    if not api_url.endswith("/"):
        api_url += "/"

    organisers = tuple(o.strip() for o in env.get("ORGANISERS", "").split(",") if o.strip())
    for organiser in organisers:
        if not USER_ID_RE.match(organiser):
            raise SettingsError(f"ORGANISERS must be comma-separated Slack user ids (U…), got {organiser!r}")

    timezone = env.get("BOT_TIMEZONE", "").strip() or "Europe/Stockholm"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"BOT_TIMEZONE is not a known time zone: {timezone!r}") from None

    language = env.get("BOT_LANGUAGE", "").strip() or "sv"
    if language not in LANGUAGES:
        raise SettingsError(f"BOT_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {language!r}")

    run_scheduler = _bool("RUN_SCHEDULER", env.get("RUN_SCHEDULER", "true"))

    raw_port = env.get("PORT", "").strip() or "3000"
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise SettingsError(f"PORT must be a TCP port number, got {raw_port!r}")

    host = env.get("HOST", "").strip() or "0.0.0.0"  # noqa: S104

    raw_grace = env.get("GRACE_HOURS", "").strip() or "24"
    try:
        grace_hours = float(raw_grace)
    except ValueError:
        raise SettingsError(f"GRACE_HOURS must be a number of hours, got {raw_grace!r}") from None

    raw_interval = env.get("TICK_INTERVAL_SECONDS", "").strip() or "30"
    if not raw_interval.isdigit() or int(raw_interval) < 1:
        raise SettingsError(f"TICK_INTERVAL_SECONDS must be a whole number of seconds, got {raw_interval!r}")

    raw_retention = env.get("RETENTION_MONTHS", "").strip() or "24"
    if not raw_retention.isdigit() or not MIN_RETENTION_MONTHS <= int(raw_retention) <= MAX_RETENTION_MONTHS:
        raise SettingsError(
            f"RETENTION_MONTHS must be a whole number of months from {MIN_RETENTION_MONTHS} to "
            f"{MAX_RETENTION_MONTHS}, got {raw_retention!r}"
        )

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
    )
