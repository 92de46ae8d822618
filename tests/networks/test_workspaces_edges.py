"""Bad input and edge cases across workspaces: a workspace without an installation, one without
a network, a network name taken in one workspace and free in the other, a person of one
workspace's network typing in the other, and a DM answer from a person in two networks."""

from __future__ import annotations

import pytest

from bot import ids, workspace
from bot.runtime import Runtime
from storage.models import CheckIn, Member, Network
from tests.conftest import ORGANISER, SlackClient
from tests.networks.test_handlers import said
from tests.networks.workspaces import (
    BOTH,
    TEAM_NONE,
    TOKENS,
    Side,
    assert_only,
    everything,
    multi_runtime,
    signed_client,
    tokens_used,
)
from tests.support.slack_standin import SlackStandIn


def _checkins(runtime: Runtime) -> dict[int, list[str | None]]:
    with runtime.all_networks()() as s:
        rows = s.query(CheckIn).order_by(CheckIn.id).all()
        found: dict[int, list[str | None]] = {}
        for row in rows:
            found.setdefault(row.network_id, []).append(row.occupying)
        return found


def _networks(runtime: Runtime) -> list[tuple[str | None, str]]:
    with runtime.all_networks()() as s:
        return [(n.team_id, n.name) for n in s.query(Network).order_by(Network.id)]


def test_a_workspace_without_an_installation_is_refused_and_nothing_is_stored_or_sent(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1 = world["A1"]
    before = (_checkins(multi), _networks(multi))
    standin.reset()
    answers = [
        wslack.command("/incheckning", "Intrång", user=a1.member, team_id=TEAM_NONE),
        wslack.command(
            "/chefsnatverket", "status", user=a1.organiser, channel_id=a1.channel, team_id=TEAM_NONE
        ),
        wslack.command("/chefsnatverket", "nätverk ny Intrång", user=ORGANISER, team_id=TEAM_NONE),
        wslack.action(ids.CHECKIN_OPEN, user=a1.member, value=str(a1.ids["meeting"]), team_id=TEAM_NONE),
        wslack.submit(
            ids.CHECKIN_MODAL, {}, user=a1.member, external_id=f"nw{a1.network_id}.x", team_id=TEAM_NONE
        ),
        wslack.event({"type": "app_home_opened", "user": a1.member, "tab": "home"}, team_id=TEAM_NONE),
        wslack.event(
            {"type": "message", "channel_type": "im", "channel": "D0X", "user": a1.member, "text": "Intrång"},
            team_id=TEAM_NONE,
        ),
    ]
    assert [a.status for a in answers] == [401] * len(answers)
    assert tokens_used(standin) == set()
    assert (_checkins(multi), _networks(multi)) == before


def test_a_workspace_without_a_network_gets_none_of_another_workspaces(
    runtime: Runtime, standin: SlackStandIn
) -> None:
    # Only T0A has a network: a request from T0B must not fall back on "the deployment's only one".
    multi = multi_runtime(runtime)
    with multi.all_networks()() as s:
        s.add(Network(name="Chefsnätverket", team_id="T0A"))
        s.commit()
    slack = signed_client(multi, standin)
    for command, text in (
        ("/chefsnatverket", "status"),
        ("/incheckning", "Hemligt"),
        ("/guldlanken", "mina"),
    ):
        answer = said(slack.command(command, text, user=ORGANISER, team_id="T0B"))
        assert "inga nätverk ännu" in answer, command
    assert _checkins(multi) == {}
    listed = said(slack.command("/chefsnatverket", "nätverk", user=ORGANISER, team_id="T0B"))
    assert "inga nätverk ännu" in listed
    assert _networks(multi) == [("T0A", "Chefsnätverket")]  # listing made no network without a team


@pytest.mark.parametrize("team", ["T0A", "T0B", TEAM_NONE])
def test_slack_taking_the_token_away_reaches_its_listener_whatever_the_workspace_holds(
    team: str, runtime: Runtime, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    # T0A has a network, T0B has a token and no network, T0NONE neither: an uninstall is served.
    multi = multi_runtime(runtime)
    with multi.all_networks()() as s:
        s.add(Network(name="Chefsnätverket", team_id="T0A"))
        s.commit()
    gone: list[tuple[str, str]] = []
    monkeypatch.setattr(workspace, "tokens_gone", lambda _rt, team_id, reason: gone.append((team_id, reason)))
    slack = signed_client(multi, standin)
    assert slack.event({"type": "app_uninstalled"}, team_id=team).status == 200
    assert gone == [(team, "app_uninstalled")]


def test_a_network_name_is_taken_per_workspace(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1, b1 = world["A1"], world["B1"]
    taken = said(wslack.command("/chefsnatverket", "nätverk ny guldlänken", user=a1.organiser, team_id="T0A"))
    assert "Det finns redan ett nätverk som heter guldlänken" in taken
    # The same name in the other workspace is another network.
    made = said(wslack.command("/chefsnatverket", "nätverk ny Guldlänken", user=b1.organiser, team_id="T0B"))
    assert "Nätverket Guldlänken finns nu" in made
    assert _networks(multi).count(("T0B", "Guldlänken")) == 1
    assert tokens_used(standin) <= {TOKENS["T0B"]} | {TOKENS["T0A"]}
    listed = said(wslack.command("/chefsnatverket", "nätverk", user=b1.organiser, team_id="T0B"))
    assert "Guldlänken – du är med" in listed and "Skånenätverket" in listed
    # A samordnare of workspace A has no rights to make networks in workspace B.
    refused = said(wslack.command("/chefsnatverket", "nätverk ny Eget", user=a1.organiser, team_id="T0B"))
    assert "samordnare" in refused and ("T0B", "Eget") not in _networks(multi)


def test_a_member_of_one_workspaces_network_typing_in_the_other(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1, b1 = world["A1"], world["B1"]
    before = _checkins(multi)
    # A1's member and samordnare (same user ids in workspace B, as Enterprise Grid allows).
    resp = wslack.command(
        "/incheckning", "Från fel arbetsyta", user=a1.member, channel_id="D0X", team_id="T0B"
    )
    assert_only(world, b1, everything(standin, resp))
    resp = wslack.command(
        "/chefsnatverket", "status", user=a1.organiser, channel_id=b1.channel, team_id="T0B"
    )
    assert "samordnare" in said(resp)
    assert_only(world, b1, everything(standin, resp))
    # The ORGANISERS samordnare (of the deployment's first network, A1) has no rights in B either.
    resp = wslack.command("/chefsnatverket", "status", user=ORGANISER, channel_id=b1.channel, team_id="T0B")
    assert "samordnare" in said(resp)
    assert _checkins(multi) == before
    assert tokens_used(standin) <= {b1.token}


@pytest.mark.parametrize("team", ["T0A", "T0B"])
def test_a_dm_answer_from_a_person_in_both_workspaces_lands_in_that_workspaces_network(
    team: str, wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    side = world["A1" if team == "T0A" else "B1"]
    for key in ("A1", "B1"):  # not checked in yet in either (an earlier answer would be asked about)
        with multi.for_network(world[key].network_id).sessions() as s:
            s.query(CheckIn).filter(CheckIn.occupying.contains("från båda")).delete()
            s.commit()
    before = _checkins(multi)
    wslack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D0BOTH",
            "user": BOTH,
            "text": f"Svar i {team}",
        },
        team_id=team,
    )
    after = _checkins(multi)
    assert after[side.network_id][-1] == f"Svar i {team}"  # BOTH's check-in, in that network
    assert {k: v for k, v in after.items() if k != side.network_id} == {
        k: v for k, v in before.items() if k != side.network_id
    }
    assert tokens_used(standin) <= {side.token}
    assert_only(world, side, everything(standin))


def test_a_dm_answer_from_a_person_in_two_networks_of_one_workspace_is_asked_about(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    # U0BOTH joins A2 too: meetings ahead in A1 and A2, both in workspace A. One DM channel per
    # person and workspace cannot tell which meeting an answer is for: the app asks.
    a2 = world["A2"]
    with multi.for_network(a2.network_id).sessions() as s:
        s.add(Member(slack_user_id=BOTH, name="Båda Personen", active=True))
        s.commit()
    before = _checkins(multi)
    wslack.event(
        {"type": "message", "channel_type": "im", "channel": "D0BOTH", "user": BOTH, "text": "Vilket?"},
        team_id="T0A",
    )
    assert _checkins(multi) == before
    [dm] = standin.calls_to("chat.postMessage")
    assert "/incheckning" in dm.params["text"] and dm.token == TOKENS["T0A"]
