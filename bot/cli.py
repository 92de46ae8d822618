"""The `chefsnatverket` command: serve, tick, db upgrade."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from zoneinfo import ZoneInfo

from bot.config import Settings, SettingsError, load_settings


def parse_instant(raw: str, tz: ZoneInfo) -> dt.datetime:
    """An ISO-8601 instant; one without an offset is read as local time in `tz`."""
    value = dt.datetime.fromisoformat(raw)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as err:
        print(f"chefsnatverket: {err}", file=sys.stderr)
        raise SystemExit(2) from None


def _configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # urllib3/slack_sdk debug logs would print tokens and message texts.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def serve() -> int:
    """Upgrade the database, start the scheduler (unless RUN_SCHEDULER is off) and serve."""
    from bot.app import create_app
    from bot.delivery.scheduler import start_scheduler
    from bot.runtime import build_runtime
    from bot.server import serve_http, serve_socket_mode
    from storage.db import upgrade

    settings = _settings_or_exit()
    _configure_logging()
    upgrade(settings.database_url)
    runtime = build_runtime(settings)
    app = create_app(runtime)
    scheduler = start_scheduler(runtime) if settings.run_scheduler else None
    try:
        if settings.slack_app_token:
            serve_socket_mode(app, runtime)
        else:
            serve_http(app, runtime)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
    return 0


def tick(at_raw: str | None) -> int:
    """Do all scheduled work due at `at_raw` (default now), once, and exit."""
    from bot.delivery.scheduler import run_tick
    from bot.runtime import build_runtime
    from storage.db import upgrade

    settings = _settings_or_exit()
    _configure_logging()
    try:
        at = parse_instant(at_raw, settings.tz) if at_raw else None
    except ValueError:
        print(f"chefsnatverket: --at must be an ISO-8601 time, got {at_raw!r}", file=sys.stderr)
        return 2
    upgrade(settings.database_url)
    runtime = build_runtime(settings)
    report = run_tick(runtime, at)
    print(report)
    return 0


def db_upgrade() -> int:
    """Bring the schema to the newest migration."""
    from storage.db import upgrade

    settings = _settings_or_exit()
    _configure_logging()
    upgrade(settings.database_url)
    print("chefsnatverket: database is at the newest migration")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = argparse.ArgumentParser(prog="chefsnatverket", description="Chefsnätverket Slack app")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="run the app (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)")
    tick_parser = sub.add_parser("tick", help="do all scheduled work that is due, once")
    tick_parser.add_argument("--at", help="the instant to act at, ISO-8601 (default: now)")
    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to the newest migration")

    args = parser.parse_args(argv)
    if args.command in (None, "serve"):
        return serve()
    if args.command == "tick":
        return tick(args.at)
    return db_upgrade()


if __name__ == "__main__":
    raise SystemExit(main())
