"""Acks never wait behind Slack calls: 50 people at once while Slack takes 5 s to answer."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import SECRET
from tests.e2e.process import _request, arrange_members, start_server, stop_server
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

pytestmark = pytest.mark.e2e

PEOPLE = 50


def test_fifty_concurrent_commands_are_acked_within_3_s_while_slack_takes_5(tmp_path: Path) -> None:
    with SlackStandIn() as slow:
        server = start_server(slow.url, tmp_path)
        try:
            users = [f"ULOAD{i:04d}" for i in range(PEOPLE)]
            arrange_members(f"sqlite:///{server['db']}", users)
            slow.latency = 5.0  # every views.open keeps its listener 5 s after the ack

            def command(user: str) -> tuple[int, float]:
                body, headers = signing.slash_command(SECRET, "/incheckning", "", user)
                started = time.perf_counter()
                status = _request(server["base"] + "/slack/events", body, headers)[0]
                return status, time.perf_counter() - started

            with ThreadPoolExecutor(PEOPLE) as pool:
                answers = list(pool.map(command, users))
            assert [status for status, _ in answers] == [200] * PEOPLE
            assert max(seconds for _, seconds in answers) < 3.0, sorted(s for _, s in answers)[-5:]
        finally:
            stop_server(server)
