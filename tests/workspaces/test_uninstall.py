"""`app_uninstalled` and `tokens_revoked` in OAuth mode: the team's installation goes, its data
stays, and nothing more is sent there; the other workspace goes on."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from bot.delivery.scheduler import run_tick
from bot.meeting import timeline
from bot.runtime import Runtime
from storage import installations
from storage.db import transaction
from storage.models import Meeting, Member
from storage.networks import team_networks
from tests.conftest import SECRET, FrozenClock
from tests.support import signing
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import Response, WSGIClient

STARTS = dt.datetime(2027, 3, 16, 12, 0, tzinfo=dt.UTC)


def _event(http: WSGIClient, team: str, event: dict[str, Any]) -> Response:
    body, headers = signing.event_callback(SECRET, event, team_id=team)
    return http.post("/slack/events", body, headers)


def _teams(runtime: Runtime) -> list[str]:
    with runtime.engine.connect() as connection:
        bots = connection.execute(select(installations.bots.c.team_id)).scalars()
        people = connection.execute(select(installations.installations.c.team_id)).scalars()
        return sorted([*bots, *people])


@pytest.fixture
def two_workspaces(install: Callable[[str, str], Response], runtime: Runtime) -> None:
    for team in ("T0B", "T0C"):
        assert install(team, f"U0{team}").status == 200
        with transaction(runtime.all_networks()) as session:
            [network] = team_networks(session, team)
        with transaction(runtime.for_network(network.id).sessions) as session:
            session.add(Member(slack_user_id=f"U0M{team}", name="Medlem", active=True))
            session.add(Meeting(starts_at=STARTS, place="Malmö", created_by=f"U0{team}"))


@pytest.mark.parametrize(
    "event",
    [{"type": "app_uninstalled"}, {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOTT0B"]}}],
    ids=["app_uninstalled", "tokens_revoked"],
)
def test_removal_deletes_the_installation_keeps_the_data_and_stops_the_sends(
    event: dict[str, Any],
    two_workspaces: None,
    http: WSGIClient,
    runtime: Runtime,
    standin: SlackStandIn,
    clock: FrozenClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    token = standin.token_of("T0B")
    assert _teams(runtime) == ["T0B", "T0B", "T0C", "T0C"]
    assert _event(http, "T0B", event).status == 200
    assert _event(http, "T0B", event).status == 200  # Slack's retry, or the other event of the pair
    assert _teams(runtime) == ["T0C", "T0C"]
    assert runtime.tokens is not None and runtime.tokens("T0B") is None
    assert runtime.workspace_client("T0B") is None
    assert runtime.workspace_client("T0C") is not None
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and event["type"] in r.getMessage()]
    assert len(warnings) == 1 and "installed again" in warnings[0].getMessage()
    assert token not in caplog.text

    with transaction(runtime.all_networks()) as session:  # its data stays until retention or erasure
        [network] = team_networks(session, "T0B")
        assert session.scalars(select(Member.slack_user_id).where(Member.network_id == network.id)).all()

    invitation = next(
        s.due_at for s in timeline.meeting_sends(STARTS, runtime.tz) if s.kind == timeline.INVITATION
    )
    clock.set(invitation)
    before = len(standin.calls)
    run_tick(runtime)
    assert [c for c in standin.calls[before:] if c.team == "T0B"] == []


def test_user_tokens_revoked_alone_change_nothing(
    two_workspaces: None, http: WSGIClient, runtime: Runtime
) -> None:
    assert (
        _event(http, "T0B", {"type": "tokens_revoked", "tokens": {"oauth": ["U0T0B"], "bot": []}}).status
        == 200
    )
    assert _teams(runtime) == ["T0B", "T0B", "T0C", "T0C"]


def test_installing_again_resumes_with_the_same_network(
    two_workspaces: None, install: Callable[[str, str], Response], http: WSGIClient, runtime: Runtime
) -> None:
    assert _event(http, "T0B", {"type": "app_uninstalled"}).status == 200
    assert install("T0B", "U0AGAIN").status == 200
    assert runtime.tokens is not None and runtime.tokens("T0B") is not None
    with transaction(runtime.all_networks()) as session:
        [network] = team_networks(session, "T0B")
        organisers = session.scalars(
            select(Member.slack_user_id).where(Member.network_id == network.id, Member.is_organiser.is_(True))
        )
        assert list(organisers) == ["U0T0B"]
