"""TRUSTED_PROXY: behind nginx, waitress takes the client's address from X-Forwarded-For, so the
web form's rate limit counts each client; from any other peer the header is not believed."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import waitress

from bot.app import create_app
from bot.award.web import service as web_service
from bot.config import SettingsError, load_settings
from bot.runtime import build_runtime
from bot.server import create_wsgi_app, waitress_options
from tests.conftest import FrozenClock, make_settings
from tests.support.award_rounds import add_round
from tests.support.slack_standin import SlackStandIn

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}
NOMINATION = {
    "nominee_name": "Amir Haddad",
    "nominee_organisation": "Malmö stad",
    "partner": "Team Ingången",
    "motivation": (
        "Amir har byggt upp en gemensam ingång där Försäkringskassan, Arbetsförmedlingen och kommunen "
        "möter den som behöver stöd vid ett och samma tillfälle."
    ),
    "nominator_name": "Karin Lund",
    "nominator_email": "karin.lund@example.se",
}


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("", None),
        ("127.0.0.1", "127.0.0.1"),
        (" ::0001 ", "::1"),
        ("[::1]", "::1"),
        ("*", "*"),
        ("localhost", "localhost"),
    ],
)
def test_trusted_proxy_is_read(raw: str, read: str | None) -> None:
    assert load_settings({**BASE, "TRUSTED_PROXY": raw}, env_file=None).trusted_proxy == read


@pytest.mark.parametrize("raw", ["nginx", "127.0.0.1:80", "10.0.0.0/8"])
def test_trusted_proxy_must_be_an_address(raw: str) -> None:
    with pytest.raises(SettingsError, match="TRUSTED_PROXY must be the proxy's IP address"):
        load_settings({**BASE, "TRUSTED_PROXY": raw}, env_file=None)


def test_waitress_trusts_forwarded_for_only_with_a_trusted_proxy() -> None:
    plain = waitress_options(load_settings(BASE, env_file=None))
    assert "trusted_proxy" not in plain and "trusted_proxy_headers" not in plain
    behind = waitress_options(load_settings({**BASE, "TRUSTED_PROXY": "127.0.0.1"}, env_file=None))
    assert behind["trusted_proxy"] == "127.0.0.1"
    assert behind["trusted_proxy_headers"] == {"x-forwarded-for"}


class Form:
    """Guldlänken's form served by waitress, with the app's own options, on a free port."""

    def __init__(self, base: str, token: str) -> None:
        self.url = f"{base}/guldlanken/{token}"
        page = urllib.request.urlopen(self.url, timeout=10).read().decode()
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        assert found is not None
        self.csrf = found.group(1)

    def post_as(self, forwarded_for: str) -> int:
        """The status of a nomination sent through a proxy that says it came from `forwarded_for`."""
        body = urlencode({**NOMINATION, "csrf": self.csrf}).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": forwarded_for,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status: int = response.status
        except urllib.error.HTTPError as refused:
            status = refused.code
        return status


def _serve(
    db_url: str, standin: SlackStandIn, clock: FrozenClock, trusted_proxy: str | None
) -> Iterator[Form]:
    settings = make_settings(db_url, standin.url, trusted_proxy=trusted_proxy)
    runtime = build_runtime(settings, clock=clock)
    token = add_round(runtime).web_token
    app = create_wsgi_app(create_app(runtime, process_before_response=True), runtime)
    options = {**waitress_options(settings), "host": "127.0.0.1", "port": 0, "threads": 2}
    server: Any = waitress.create_server(app, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Form(f"http://127.0.0.1:{server.effective_port}", token)
    finally:
        # Closed from the loop's own thread: closing under a running select() fails with EBADF.
        server.trigger.pull_trigger(server.close)
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive()
        runtime.engine.dispose()


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_service, "LIMITS", web_service.Limits(per_address=2, per_round=100))


@pytest.fixture
def behind_trusted_proxy(
    db_url: str, standin: SlackStandIn, clock: FrozenClock, limits: None
) -> Iterator[Form]:
    yield from _serve(db_url, standin, clock, "127.0.0.1")


@pytest.fixture
def untrusted(db_url: str, standin: SlackStandIn, clock: FrozenClock, limits: None) -> Iterator[Form]:
    yield from _serve(db_url, standin, clock, None)


def test_behind_a_trusted_proxy_the_limit_counts_each_forwarded_address(behind_trusted_proxy: Form) -> None:
    form = behind_trusted_proxy
    assert [form.post_as("203.0.113.5") for _ in range(3)] == [200, 200, 429]
    # Another client behind the same proxy has its own count; the proxy's address is not counted.
    assert form.post_as("198.51.100.7") == 200
    # nginx appends the peer to what the client sent: the last address is the one believed.
    assert form.post_as("203.0.113.5, 198.51.100.7") == 200
    assert form.post_as("192.0.2.1, 203.0.113.5") == 429


def test_without_a_trusted_proxy_the_forwarded_address_is_not_believed(untrusted: Form) -> None:
    # Every request counts against the peer's own address, whatever the header claims.
    assert [untrusted.post_as(address) for address in ("203.0.113.5", "198.51.100.7", "192.0.2.1")] == [
        200,
        200,
        429,
    ]
