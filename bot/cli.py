"""The `chefsnatverket` command: serve, tick, db upgrade, demo."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings, SettingsError, load_database_url, load_settings


def parse_instant(raw: str, tz: ZoneInfo) -> dt.datetime:
    """An ISO-8601 instant; one without an offset is read as local time in `tz`."""
    value = dt.datetime.fromisoformat(raw)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def _fail(message: str, code: int = 2) -> SystemExit:
    print(f"chefsnatverket: {message}", file=sys.stderr)
    return SystemExit(code)


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as err:
        raise _fail(str(err)) from None


class _LocalTimeFormatter(logging.Formatter):
    """Log times in the network's time zone (BOT_TIMEZONE), with their offset, whatever the
    machine's clock zone: one zone in every line."""

    def __init__(self, fmt: str, tz: ZoneInfo) -> None:
        super().__init__(fmt)
        self.tz = tz

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return dt.datetime.fromtimestamp(record.created, self.tz).isoformat(sep=" ", timespec="seconds")


def _configure_logging(tz: ZoneInfo, level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_LocalTimeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", tz))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # urllib3/slack_sdk debug logs would print tokens and message texts.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    # Bolt's own debug lines would carry request payloads (user text), whatever LOG_LEVEL says.
    logging.getLogger("chefsnatverket.bolt").setLevel(logging.INFO)
    # One line per start (ours), none per idle tick: these speak at INFO on every start or run.
    for name in ("alembic", "apscheduler", "waitress"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _upgrade_or_exit(url: str) -> None:
    """Migrate, or stop with one line (for the one-shot commands)."""
    from storage.db import DatabaseUnavailable, upgrade_checked

    try:
        upgrade_checked(url)
    except DatabaseUnavailable as err:
        raise _fail(str(err), 1) from None


def serve() -> int:
    """Verify the token, migrate (in the background while the database is unreachable), start the
    scheduler (unless RUN_SCHEDULER is off) and serve."""
    from bot.delivery.scheduler import start_scheduler
    from bot.runtime import build_runtime
    from bot.server import (
        BackgroundMigration,
        StartupError,
        app_with_verified_token,
        check_token_key,
        serve_http,
        serve_socket_mode,
        start_line,
        warm_up,
    )

    settings = _settings_or_exit()
    _configure_logging(settings.tz, settings.log_level)
    runtime = build_runtime(settings)
    migration = BackgroundMigration(runtime, start_scheduler if settings.run_scheduler else None)
    try:
        app = app_with_verified_token(runtime)
        migration.first_attempt()
        if migration.done.is_set():
            check_token_key(runtime)
    except StartupError as err:
        raise _fail(str(err)) from None
    logging.getLogger("chefsnatverket").info("%s", start_line(settings))
    warm_up(runtime)  # before serving, so no early request waits for it
    try:
        if settings.slack_app_token:
            serve_socket_mode(app, runtime)
        else:
            serve_http(app, runtime, migration.done.is_set)
    except OSError as err:  # the address is taken, or not this machine's
        raise _fail(f"cannot serve on {settings.host}:{settings.port}: {err.strerror or err}") from None
    finally:
        migration.stop()
    return 0


# A tick this far ahead of the real time acts on the future: it needs a yes from the operator.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _future_confirmed(at: dt.datetime, now: dt.datetime, yes: bool) -> bool:
    """Whether to tick at `at`, ahead of `now`: `--yes`, or a "y" on a terminal; never silently."""
    if yes:
        return True
    print(
        f"chefsnatverket: --at {at.isoformat(timespec='minutes')} is {at - now} ahead of now. A tick "
        "then acts on this database as if it were that time: it sends what is due by then, records "
        "the rest as too late, and closes Guldlänken rounds whose last day has passed by then. "
        "--dry-run lists what would go out.",
        file=sys.stderr,
    )
    if not sys.stdin.isatty():
        print(
            "chefsnatverket: not asked on a terminal, so nothing was done (add --yes to do it)",
            file=sys.stderr,
        )
        return False
    answer = input("Tick at that time? [y/N] ")
    return answer.strip().lower() in {"y", "yes", "j", "ja"}


def tick(at_raw: str | None, *, dry_run: bool = False, yes: bool = False) -> int:
    """Do all scheduled work due at `at_raw` (default now), once, and exit; with `dry_run` only
    list it. A time more than a few minutes ahead asks first (or needs `yes`)."""
    from bot.delivery.scheduler import plan_tick, run_tick
    from bot.runtime import build_runtime, system_clock

    settings = _settings_or_exit()
    _configure_logging(settings.tz, settings.log_level)
    try:
        at = parse_instant(at_raw, settings.tz) if at_raw else None
    except ValueError:
        print(f"chefsnatverket: --at must be an ISO-8601 time, got {at_raw!r}", file=sys.stderr)
        return 2
    now = system_clock()
    if at is not None and not dry_run and at - now > FUTURE_TOLERANCE and not _future_confirmed(at, now, yes):
        return 1
    _upgrade_or_exit(settings.database_url)
    runtime = build_runtime(settings)
    if dry_run:
        when = (at or now).astimezone(settings.tz)
        lines = plan_tick(runtime, when)
        print(f"dry run at {when.isoformat(timespec='seconds')}: nothing is sent or recorded")
        for line in lines or ["nothing is due"]:
            print(f"  {line}")
        return 0
    report = run_tick(runtime, at)
    print(report)
    return 0


def db_upgrade() -> int:
    """Bring the schema to the newest migration (needs DATABASE_URL only, no Slack token)."""
    try:
        url = load_database_url()
    except SettingsError as err:
        raise _fail(str(err)) from None
    _configure_logging(ZoneInfo("UTC"))
    _upgrade_or_exit(url)
    print("chefsnatverket: database is at the newest migration")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = argparse.ArgumentParser(prog="chefsnatverket", description="Chefsnätverket Slack app")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="run the app (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)")
    tick_parser = sub.add_parser("tick", help="do all scheduled work that is due, once")
    tick_parser.add_argument("--at", help="the instant to act at, ISO-8601 (default: now)")
    tick_parser.add_argument(
        "--dry-run", action="store_true", help="list what would go out; send and record nothing"
    )
    tick_parser.add_argument("--yes", action="store_true", help="act at a future --at without asking")
    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to the newest migration")
    demo = sub.add_parser(
        "demo", help="play a meeting cycle against a local Slack stand-in (no settings needed)"
    )
    demo.add_argument("--markdown", type=Path, help="also write the walk-through to this file")

    args = parser.parse_args(argv)
    if args.command in (None, "serve"):
        return serve()
    if args.command == "tick":
        return tick(args.at, dry_run=args.dry_run, yes=args.yes)
    if args.command == "demo":
        from bot.demo import run

        return run(args.markdown)
    return db_upgrade()


if __name__ == "__main__":
    raise SystemExit(main())
