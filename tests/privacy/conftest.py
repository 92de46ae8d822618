"""A runtime on either database (the privacy tests run on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.app import create_app
from bot.runtime import Runtime, build_runtime
from bot.server import create_wsgi_app
from storage.db import transaction
from tests.conftest import FrozenClock, SlackClient, make_settings
from tests.privacy.factories import Arranged, arrange
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import WSGIClient


@pytest.fixture
def any_runtime(any_db_url: str, standin: SlackStandIn, clock: FrozenClock) -> Iterator[Runtime]:
    """The runtime on SQLite, then on PostgreSQL, with the frozen clock."""
    rt = build_runtime(make_settings(any_db_url, standin.url), clock=clock, **clock.waits())
    yield rt
    rt.engine.dispose()


@pytest.fixture
def any_slack(any_runtime: Runtime, standin: SlackStandIn) -> SlackClient:
    """Signed requests into the app on either database."""
    app: Any = create_app(any_runtime, process_before_response=True)
    return SlackClient(WSGIClient(create_wsgi_app(app, any_runtime)), response_url=standin.response_url())


@pytest.fixture
def arranged(any_runtime: Runtime) -> Arranged:
    """The person, the bystander and their rows (tests/privacy/factories.py)."""
    with transaction(any_runtime.sessions) as session:
        return arrange(session)
