"""`/chefsnatverket medlemskanal` and `delning`: parsed, checked where they run, answered."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.admin import commands as c
from bot.admin.grammar import parse_command
from bot.runtime import Runtime
from storage.models import Network
from tests.conftest import ORGANISER, SlackClient
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")


def parse(text: str) -> c.Command | c.ParseError:
    return parse_command(text, TZ, dt.date(2027, 2, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("medlemskanal <#C0NET|chefer>", c.SetMembersChannel("C0NET")),
        ("medlemskanal av", c.SetMembersChannel(None)),
        ("Medlemskanal DM", c.SetMembersChannel(None)),
        ("delning av", c.SetSharing(False)),
        ("delning på", c.SetSharing(True)),
        ("Delning PÅ", c.SetSharing(True)),
        ("delning pa", c.SetSharing(True)),
    ],
)
def test_parsed(text: str, expected: c.Command) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["medlemskanal", "medlemskanal chefer", "delning", "delning kanske"])
def test_explained_with_an_example(text: str) -> None:
    result = parse(text)
    assert isinstance(result, c.ParseError)
    message = result.message()
    assert "`/chefsnatverket" in message


def _said(resp: Any) -> str:
    return resp.json()["text"] if resp.text.startswith("{") else resp.text


def _network(runtime: Runtime) -> Network:
    with runtime.sessions() as s:
        network = s.get(Network, 1)
        assert network is not None
        return network


def test_members_channel_and_sharing_through_signed_requests(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    slack.command("/chefsnatverket", "medlemskanal <#C0GENERAL|general>", user=ORGANISER)
    [answer] = standin.calls_to(RESPONSE_URL)
    assert "<#C0GENERAL>" in answer.params["text"] and "tråden" in answer.params["text"]
    assert _network(runtime).members_channel == "C0GENERAL"
    resp = slack.command("/chefsnatverket", "medlemskanal av", user=ORGANISER)
    assert (
        "direktmeddelande" in _said(resp)
        or "direktmeddelande" in standin.calls_to(RESPONSE_URL)[-1].params["text"]
    )
    assert _network(runtime).members_channel is None
    assert "Delningen är av" in _said(slack.command("/chefsnatverket", "delning av", user=ORGANISER))
    assert _network(runtime).share_checkins is False
    assert "Delningen är på" in _said(slack.command("/chefsnatverket", "delning på", user=ORGANISER))
    assert _network(runtime).share_checkins is True


def test_a_member_cannot_change_sharing(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    add_member("U0MEMBER1")
    assert "samordnare" in _said(slack.command("/chefsnatverket", "delning av", user="U0MEMBER1"))
    slack.command("/chefsnatverket", "medlemskanal <#C0GENERAL|general>", user="U0MEMBER1")
    with runtime.sessions() as s:
        network = s.get(Network, 1)
        assert network is None or (network.share_checkins is not False and network.members_channel is None)
