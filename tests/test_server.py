"""The WSGI front: /healthz answers 503 when the database is unreachable; wrong routes are 4xx."""

from __future__ import annotations

from typing import Any

from bot.app import create_app
from bot.runtime import build_runtime
from bot.server import create_wsgi_app
from tests.conftest import make_settings
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import WSGIClient


def test_healthz_is_503_when_the_database_is_unreachable(standin: SlackStandIn) -> None:
    # Nothing listens on port 1: connecting fails at once.
    runtime = build_runtime(make_settings("postgresql://nobody@127.0.0.1:1/none", standin.url))
    client = WSGIClient(create_wsgi_app(create_app(runtime), runtime))
    response = client.get("/healthz")
    assert response.status == 503
    assert response.json()["ok"] is False


def test_healthz_is_200_and_other_paths_are_404(slack: Any) -> None:
    http = slack.http
    assert http.get("/healthz").status == 200
    assert http.get("/nowhere").status == 404
    assert http.get("/slack/events").status == 405
