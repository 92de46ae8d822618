"""What every part of the app needs at run time, built once from the settings."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.delivery.sends import Source
from bot.slack import copy_client, make_client
from storage.db import all_networks_factory, make_engine, make_session_factory
from storage.meetings import SettingsCache

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]
Monotonic = Callable[[], float]


def system_clock() -> dt.datetime:
    """The real time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass
class Runtime:
    """Settings, database, Slack client, clock and the scheduler's sources: injected everywhere.

    `sleep` and `monotonic` are what the delivery package waits with (pacing, back-offs); tests
    pass a sleep that moves their frozen clock instead of waiting.
    """

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    client: WebClient
    clock: Clock = system_clock
    sources: Sequence[Source] = ()
    sleep: Sleep = time.sleep
    monotonic: Monotonic = time.monotonic
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("chefsnatverket"))
    # The network this runtime's sessions work in; None: the deployment's only network.
    network_id: int | None = None
    # A deployment serving many workspaces (OAuth): each workspace's bot token by team id, None
    # when the workspace has no installation. None here: the one SLACK_BOT_TOKEN serves all.
    tokens: Callable[[str], str | None] | None = None

    def for_network(self, network_id: int) -> Runtime:
        """This runtime working in one network: its sessions see that network's rows only."""
        if network_id == self.network_id:
            return self
        return replace(self, sessions=make_session_factory(self.engine, network_id), network_id=network_id)

    def with_client(self, client: WebClient) -> Runtime:
        """This runtime speaking to Slack through `client` (a request's or a workspace's)."""
        return self if client is self.client else replace(self, client=client)

    def workspace_client(self, team_id: str | None) -> WebClient | None:
        """The client that speaks for workspace `team_id` (a network's team), or None when that
        workspace has no installation any more: nothing may be sent there."""
        if self.tokens is None or team_id is None:
            return self.client
        token = self.tokens(team_id)
        if token is None:
            return None
        return copy_client(self.client, token)

    def all_networks(self) -> sessionmaker[Session]:
        """Sessions over every network, for choosing one (storage/networks.py)."""
        return all_networks_factory(self.engine)

    # The network's policy, per process, invalidated by the row's version (storage/meetings.py).
    settings_cache: SettingsCache = field(default_factory=SettingsCache)

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


def feature_sources() -> list[Source]:
    """The features' timed sends, in the order a tick asks them. The delivery package imports no
    feature: this list is how it learns of them (imported here, late, as the features' services
    import this module)."""
    from bot.attendance.schedule import SOURCE as attendance
    from bot.award.schedule import SOURCE as award
    from bot.checkin.schedule import SOURCE as insyn
    from bot.meeting.schedule import SOURCE as meeting
    from bot.privacy.schedule import SOURCE as privacy

    return [meeting, attendance, insyn, award, privacy]


def build_runtime(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    client: WebClient | None = None,
    sources: Sequence[Source] | None = None,
    sleep: Sleep = time.sleep,
    monotonic: Monotonic = time.monotonic,
) -> Runtime:
    """Wire a Runtime from settings; tests pass a frozen clock and a sleep that moves it.
    In OAuth mode each workspace's token comes from the installation store (decrypted)."""
    engine = make_engine(
        settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
    )
    tokens = None
    if settings.oauth:
        from bot.workspaces.oauth import installation_store

        tokens = installation_store(settings, engine).bot_token
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        client=client or make_client(settings),
        clock=clock,
        sources=feature_sources() if sources is None else sources,
        sleep=sleep,
        monotonic=monotonic,
        tokens=tokens,
    )
