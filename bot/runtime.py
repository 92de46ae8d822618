"""What every part of the app needs at run time, built once from the settings."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.slack import make_client
from storage.db import make_engine, make_session_factory

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """The real time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass
class Runtime:
    """Settings, database, Slack client and clock: injected everywhere, faked nowhere."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    client: WebClient
    clock: Clock = system_clock
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("chefsnatverket"))

    @property
    def tz(self) -> ZoneInfo:
        """The network's time zone."""
        return self.settings.tz

    @property
    def lang(self) -> str:
        """The language of every text the app shows."""
        return self.settings.language

    def now(self) -> dt.datetime:
        """The current instant according to the injected clock (aware)."""
        return self.clock()


def build_runtime(
    settings: Settings, *, clock: Clock = system_clock, client: WebClient | None = None
) -> Runtime:
    """Wire a Runtime from settings; tests pass a frozen clock."""
    engine = make_engine(
        settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
    )
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        client=client or make_client(settings),
        clock=clock,
    )
