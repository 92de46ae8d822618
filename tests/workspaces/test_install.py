"""The OAuth v2 install through the front door: /slack/install, Slack's authorize page (the
stand-in's code), /slack/oauth_redirect, and the stored, encrypted installation in use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.runtime import Runtime
from bot.workspaces.oauth import BOT_SCOPES
from standin.workspaces import CLIENT_ID
from storage import installations
from storage.audit import AuditAction
from storage.db import transaction
from storage.models import AuditEntry, Meeting, Member, Network
from storage.networks import team_networks
from tests.conftest import SECRET
from tests.support import signing
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import Response, WSGIClient
from tests.workspaces.conftest import finish_install, start_install

Install = Callable[[str, str], Response]


def _rows(runtime: Runtime, table: Any) -> list[dict[str, Any]]:
    with runtime.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(table)).mappings()]


def _command(
    http: WSGIClient, standin: SlackStandIn, team: str, command: str, text: str = "", user: str = "U0INSTALL"
) -> Response:
    body, headers = signing.slash_command(
        SECRET, command, text, user, team_id=team, response_url=standin.response_url()
    )
    return http.post("/slack/events", body, headers)


def _member_with_meeting_ahead(runtime: Runtime, team: str, user: str) -> None:
    """An active member of the workspace's network and a träff ahead: /incheckning opens a modal."""
    with transaction(runtime.all_networks()) as session:
        [network] = team_networks(session, team)
    with transaction(runtime.for_network(network.id).sessions) as session:
        session.add(Member(slack_user_id=user, name=user, active=True))
        session.add(Meeting(starts_at=dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC), place="Malmö"))


def _opens_modal_with(http: WSGIClient, standin: SlackStandIn, team: str, user: str) -> set[str | None]:
    """The workspaces whose tokens the app used to answer `/incheckning` from `team`."""
    before = len(standin.calls)
    assert _command(http, standin, team, "/incheckning", user=user).status == 200
    calls = standin.calls[before:]
    assert [c.ok for c in calls if c.method == "views.open"] == [True]
    return {c.team for c in calls if c.token}


def test_install_page_sends_the_browser_to_slack_with_a_state_and_our_scopes(http: WSGIClient) -> None:
    started = start_install(http)
    query = parse_qs(urlsplit(started.response.header("Location") or "").query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"] == [",".join(BOT_SCOPES)]
    assert f"slack-app-oauth-state={started.state}" in (started.response.header("Set-Cookie") or "")


def test_full_install_stores_an_encrypted_token_and_the_workspace_is_served_with_it(
    install: Install, http: WSGIClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    page = install("T0B", "U0INSTALL")
    assert page.status == 200, page.text
    assert "Chefsnätverket finns nu i arbetsytan" in page.text
    token = standin.token_of("T0B")

    bot_rows, install_rows = _rows(runtime, installations.bots), _rows(runtime, installations.installations)
    assert [(r["team_id"], r["client_id"]) for r in bot_rows] == [("T0B", CLIENT_ID)]
    assert [(r["team_id"], r["user_id"]) for r in install_rows] == [("T0B", "U0INSTALL")]
    stored = repr(bot_rows + install_rows)
    assert token not in stored and "xoxb-" not in stored  # ciphertext only
    assert bot_rows[0]["bot_token"].startswith("gAAAAA")
    assert runtime.tokens is not None and runtime.tokens("T0B") == token

    # The workspace's first network, with the installing person as its samordnare, and an audit
    # entry for the install (no token in it).
    with transaction(runtime.all_networks()) as session:
        [network] = team_networks(session, "T0B")
        assert network.name == "Chefsnätverket"
        [member] = session.scalars(select(Member).where(Member.network_id == network.id))
        assert member.slack_user_id == "U0INSTALL" and member.is_organiser
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.network_id == network.id))
        assert (entry.action, entry.actor) == (AuditAction.INSTALL.value, "U0INSTALL")

    # A signed command from that workspace is answered with that workspace's token.
    _member_with_meeting_ahead(runtime, "T0B", "U0MEMBER")
    before = len(standin.calls)
    assert _opens_modal_with(http, standin, "T0B", "U0MEMBER") == {"T0B"}
    assert {c.token for c in standin.calls[before:] if c.token} == {token}


def test_two_workspaces_each_answered_with_their_own_token(
    install: Install, http: WSGIClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    assert install("T0B", "U0BINST").status == 200
    assert install("T0C", "U0CINST").status == 200
    assert runtime.tokens is not None
    assert (
        runtime.tokens("T0B") == standin.token_of("T0B") != runtime.tokens("T0C") == standin.token_of("T0C")
    )
    for team in ("T0B", "T0C"):
        _member_with_meeting_ahead(runtime, team, "U0MEMBER")
    for team in ("T0B", "T0C", "T0B"):
        assert _opens_modal_with(http, standin, team, "U0MEMBER") == {team}
    with transaction(runtime.all_networks()) as session:
        names = sorted((n.team_id, n.name) for n in session.scalars(select(Network)))
    assert names == [("T0B", "Chefsnätverket"), ("T0C", "Chefsnätverket")]


def test_a_second_installer_updates_the_workspace_and_duplicates_nothing(
    install: Install, runtime: Runtime
) -> None:
    assert install("T0B", "U0FIRST").status == 200
    assert install("T0B", "U0SECOND").status == 200
    assert [r["team_id"] for r in _rows(runtime, installations.bots)] == ["T0B"]
    assert [(r["team_id"], r["user_id"]) for r in _rows(runtime, installations.installations)] == [
        ("T0B", "U0SECOND")
    ]
    with transaction(runtime.all_networks()) as session:
        assert len(team_networks(session, "T0B")) == 1
        organisers = session.scalars(select(Member.slack_user_id).where(Member.is_organiser.is_(True)))
        assert list(organisers) == ["U0FIRST"]  # the workspace had its network: nothing changes there


def test_a_bad_state_is_refused_and_stores_nothing(
    http: WSGIClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    started = start_install(http)
    code = standin.oauth_code("T0B", "U0INSTALL")
    forged = started.state[:-4] + "abcd"
    page = http.get(
        f"/slack/oauth_redirect?code={code}&state={forged}", {"Cookie": f"slack-app-oauth-state={forged}"}
    )
    assert page.status == 401
    assert "Installationen blev inte klar" in page.text and "Börja om" in page.text
    assert standin.count("oauth.v2.access") == 0
    assert _rows(runtime, installations.bots) == []


def test_a_replayed_state_is_refused(http: WSGIClient, runtime: Runtime, standin: SlackStandIn) -> None:
    started = start_install(http)
    assert finish_install(http, started, standin.oauth_code("T0B", "U0INSTALL")).status == 200
    again = finish_install(http, started, standin.oauth_code("T0C", "U0OTHER"))
    assert again.status == 401
    assert "redan använts" in again.text
    assert [r["team_id"] for r in _rows(runtime, installations.bots)] == ["T0B"]


def test_a_state_from_another_browser_is_refused(http: WSGIClient, standin: SlackStandIn) -> None:
    started = start_install(http)
    code = standin.oauth_code("T0B", "U0INSTALL")
    page = http.get(f"/slack/oauth_redirect?code={code}&state={started.state}")  # no cookie
    assert page.status == 400 and "samma webbläsare" in page.text


def test_a_code_slack_refuses_stores_nothing(http: WSGIClient, runtime: Runtime) -> None:
    page = finish_install(http, start_install(http), "code-nobody-issued")
    assert page.status == 401 and "Slack godtog inte" in page.text
    assert _rows(runtime, installations.installations) == []


def test_a_workspace_without_installation_is_refused_and_nothing_is_stored(
    install: Install, http: WSGIClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    assert install("T0B", "U0INSTALL").status == 200
    with transaction(runtime.all_networks()) as session:
        networks_before = list(session.scalars(select(Network.id)))
    before = len(standin.calls)
    answer = _command(http, standin, "T0NOPE", "/incheckning", "Budget och rekrytering")
    assert answer.status in (200, 401)
    said = answer.text + "".join(str(c.params) for c in standin.calls[before:])
    assert "inte installerat" in said
    assert not [c for c in standin.calls[before:] if c.token]  # no Web API call with anyone's token
    with transaction(runtime.all_networks()) as session:
        assert list(session.scalars(select(Network.id))) == networks_before
        assert session.scalars(select(Member).where(Member.slack_user_id == "U0INSTALL")).all()


def test_an_installation_the_database_refuses_gets_the_failure_page(
    http: WSGIClient, runtime: Runtime, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: Any) -> None:
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(installations, "replace_installation", refused)
    page = finish_install(http, start_install(http), standin.oauth_code("T0B", "U0INSTALL"))
    assert page.status == 500 and "Installationen blev inte klar" in page.text
    assert standin.token_of("T0B") not in page.text


def test_the_pages_escape_what_slack_and_the_browser_sent(install: Install, standin: SlackStandIn) -> None:
    standin.add_workspace("T0X", '<script>alert("x")</script> & Co')
    page = install("T0X", "U0INSTALL")
    assert page.status == 200
    assert (
        "<script>" not in page.text
        and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page.text
    )
    assert '<html lang="sv">' in page.text


def test_an_error_from_slack_gets_the_failure_page_in_swedish(http: WSGIClient) -> None:
    page = http.get("/slack/oauth_redirect?error=access_denied&state=x")
    assert page.status == 200 and "Du avbröt installationen i Slack." in page.text
