"""The scheduler: one APScheduler 3 object; `run_tick` is the job and `chefsnatverket tick`."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from bot.runtime import Runtime

logger = logging.getLogger(__name__)


def run_tick(runtime: Runtime, at: dt.datetime | None = None) -> Any:
    """Do, once, every send that is due at `at` (default: the runtime's clock)."""
    raise NotImplementedError("built in issue 3")


def scheduled_tick(runtime: Runtime) -> None:
    """The interval job: a tick at the current time; errors are logged, never fatal."""
    try:
        run_tick(runtime)
    except Exception:
        logger.exception("scheduled tick failed")


def start_scheduler(runtime: Runtime) -> BackgroundScheduler:
    """Start the in-process scheduler: APScheduler does the timing, the database decides what is due."""
    scheduler = BackgroundScheduler(timezone=runtime.tz)
    scheduler.add_job(
        scheduled_tick,
        "interval",
        args=[runtime],
        seconds=runtime.settings.tick_interval_seconds,
        id="tick",
        max_instances=1,
        coalesce=True,
        next_run_time=dt.datetime.now(runtime.tz),
    )
    scheduler.start()
    return scheduler
