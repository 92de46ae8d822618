"""Fixtures of the two-workspace tests (tests/networks/workspaces.py builds the world)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from tests.conftest import SlackClient
from tests.networks.workspaces import Side, build_world, multi_runtime, signed_client
from tests.support.slack_standin import SlackStandIn


@pytest.fixture
def multi(runtime: Runtime) -> Runtime:
    """The runtime serving workspaces T0A and T0B, each with its own token."""
    return multi_runtime(runtime)


@pytest.fixture
def world(multi: Runtime) -> dict[str, Side]:
    """Four networks, two in each workspace, filled (tests/networks/workspaces.py)."""
    return build_world(multi)


@pytest.fixture
def wslack(multi: Runtime, standin: SlackStandIn) -> SlackClient:
    """Signed requests to the app serving both workspaces."""
    return signed_client(multi, standin)
