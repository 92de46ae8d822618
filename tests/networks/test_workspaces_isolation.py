"""No data crosses a workspace or a network: two workspaces (T0A, T0B) with two networks each,
and every read path tried across the boundary — commands, exports, Home, the tick's sends,
buttons and modal submissions carrying another network's ids. Every Slack call made while
serving workspace A's request carries A's token."""

from __future__ import annotations

import json

import pytest

from bot import ids
from bot.runtime import Runtime
from storage.models import AuditEntry, CheckIn, Meeting, Member, Nomination, PulseAnswer
from tests.conftest import SlackClient
from tests.networks.workspaces import BOTH, Side, assert_only, everything, others, tokens_used
from tests.support.slack_standin import SlackStandIn

COMMANDS = [
    "status",
    "medlemmar",
    "historik",
    "sammanfattning",
    "export",
    "export protokoll",
    "export guldlanken",
    "guldlanken status",
    "guldlanken vinnare",
    "logg",
    "hjälp",
]


@pytest.mark.parametrize("text", COMMANDS)
def test_samordnare_commands_show_their_network_only_with_their_token(
    text: str, wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    for side in world.values():
        standin.reset()
        resp = wslack.command(
            "/chefsnatverket", text, user=side.organiser, channel_id=side.channel, team_id=side.team
        )
        assert resp.status == 200, resp.text
        said = everything(standin, resp)
        assert_only(world, side, said)
        assert tokens_used(standin) <= {side.token}, text
        if text in ("status", "medlemmar"):
            assert side.place in said or f"Namn {side.place}" in said  # it did show its own network


def test_an_extract_shows_the_persons_data_in_the_asking_network_only(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    a1, b1 = world["A1"], world["B1"]
    # U0BOTH is in both workspaces' Chefsnätverket: A1's samordnare sees A1's part only.
    resp = wslack.command(
        "/chefsnatverket", f"utdrag <@{BOTH}>", user=a1.organiser, channel_id=a1.channel, team_id=a1.team
    )
    said = everything(standin, resp)
    assert_only(world, a1, said)
    assert tokens_used(standin) <= {a1.token}
    # A person of the other workspace's network: nothing of theirs.
    standin.reset()
    resp = wslack.command(
        "/chefsnatverket", f"utdrag <@{b1.member}>", user=a1.organiser, channel_id=a1.channel, team_id=a1.team
    )
    assert_only(world, a1, everything(standin, resp))


def test_members_commands_stay_in_their_network(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    for side in world.values():
        for command, text in (("/guldlanken", "mina"), ("/guldlanken", "vinnare"), ("/incheckning", "")):
            standin.reset()
            resp = wslack.command(command, text, user=side.member, channel_id="D0X", team_id=side.team)
            assert resp.status == 200, resp.text
            assert_only(world, side, everything(standin, resp))
            assert tokens_used(standin) <= {side.token}


def test_my_data_shows_the_persons_data_of_that_workspaces_network(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    # "Mina uppgifter" on the Home of U0BOTH, in each workspace (and with the other's stamp).
    for key in ("A1", "B1"):
        side = world[key]
        other = world["B1" if key == "A1" else "A1"]
        for block_id in ("b", f"nw{side.network_id}.x", f"nw{other.network_id}.x"):
            standin.reset()
            resp = wslack.action(
                ids.PRIVACY_OWN_EXTRACT,
                user=BOTH,
                value="home",
                block_id=block_id,
                view={"type": "home"},
                team_id=side.team,
            )
            said = everything(standin, resp)
            assert_only(world, side, said)
            assert tokens_used(standin) <= {side.token}
        assert side.secret in said  # the extract did show the person's own check-in there


def test_network_list_is_the_workspaces_own(wslack: SlackClient, world: dict[str, Side]) -> None:
    a = wslack.command("/chefsnatverket", "nätverk", user=BOTH, team_id="T0A").json()["text"]
    assert "Chefsnätverket – du är med" in a and "• Guldlänken" in a and "Skånenätverket" not in a
    b = wslack.command("/chefsnatverket", "nätverk", user=BOTH, team_id="T0B").json()["text"]
    assert "Chefsnätverket – du är med" in b and "• Skånenätverket" in b and "Guldlänken" not in b


def _home(wslack: SlackClient, standin: SlackStandIn, user: str, team: str) -> tuple[str, set[str | None]]:
    standin.reset()
    wslack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D0H"}, team_id=team)
    [call] = standin.calls_to("views.publish")
    return json.dumps(call.params, ensure_ascii=False), tokens_used(standin)


def test_home_shows_the_persons_networks_of_that_workspace(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    for side in world.values():
        published, tokens = _home(wslack, standin, side.organiser, side.team)
        assert side.place in published
        assert_only(world, side, published)
        assert tokens == {side.token}
    # U0BOTH: in each workspace, that workspace's Chefsnätverket only.
    for key in ("A1", "B1"):
        side = world[key]
        published, tokens = _home(wslack, standin, BOTH, side.team)
        assert side.place in published and tokens == {side.token}
        assert_only(world, side, published)


@pytest.mark.parametrize(
    ("action_id", "value"), [(ids.CHECKIN_WITHDRAW, "both_checkin"), (ids.RSVP_COMING, "meeting")]
)
def test_home_after_an_action_shows_the_persons_networks_of_that_workspace(
    action_id: str,
    value: str,
    wslack: SlackClient,
    standin: SlackStandIn,
    world: dict[str, Side],
    multi: Runtime,
) -> None:
    # U0BOTH in A1 and A2 withdraws A1's check-in, or says "Jag kommer", on the Home: the tab
    # published again shows both of workspace A's networks (the workspace is that of the network
    # acted in), none of B's.
    a1, a2 = world["A1"], world["A2"]
    with multi.for_network(a2.network_id).sessions() as s:
        s.add(Member(slack_user_id=BOTH, name="Båda Personen", active=True))
        s.commit()
    wslack.action(
        action_id,
        user=BOTH,
        value=str(a1.ids[value]),
        block_id=f"nw{a1.network_id}.w",
        view={"type": "home"},
        team_id=a1.team,
    )
    [call] = standin.calls_to("views.publish")
    published = json.dumps(call.params, ensure_ascii=False)
    assert a1.place in published and a2.place in published
    for other in (world["B1"], world["B2"]):
        assert other.secret not in published and other.place not in published
    assert tokens_used(standin) == {a1.token}


def _stored(multi: Runtime, side: Side) -> tuple[list[str | None], list[str | None], list[str | None], int]:
    with multi.for_network(side.network_id).sessions() as s:
        return (
            sorted(c.occupying for c in s.query(CheckIn)),
            sorted(p.answer for p in s.query(PulseAnswer)),
            sorted(str(n.withdrawn_at) for n in s.query(Nomination)),
            s.query(Meeting).count() + s.query(AuditEntry).count(),
        )


def test_buttons_with_ids_of_the_other_workspaces_network_are_refused(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1, b1 = world["A1"], world["B1"]
    before = _stored(multi, a1)
    stamp = f"nw{a1.network_id}.b"
    for user in (b1.member, b1.organiser, BOTH):
        presses = [
            (ids.CHECKIN_OPEN, str(a1.ids["meeting"]), "b"),
            (ids.CHECKIN_OPEN, str(a1.ids["meeting"]), stamp),
            (ids.PULSE_YES, str(a1.ids["past"]), "b"),
            (ids.PULSE_YES, str(a1.ids["past"]), stamp),
            (ids.CHECKIN_WITHDRAW, str(a1.ids["both_checkin"]), stamp),
            (ids.AWARD_WITHDRAW, str(a1.ids["nomination"]), stamp),
            (ids.AWARD_EDIT, str(a1.ids["nomination"]), "b"),
            (ids.AWARD_DECIDE_OPEN, str(a1.ids["round"]), stamp),
            (ids.ADMIN_PLAN_OPEN, "", stamp),
            (ids.ADMIN_MEMBERS_OPEN, "", stamp),
        ]
        # The same from a modal stamped with A1 (the view's external_id) and carrying its ids.
        in_modal = {"type": "modal", "external_id": stamp, "private_metadata": str(a1.ids["meeting"])}
        for action_id, value, block_id in presses + [(a, v, "modal") for a, v, _ in presses]:
            standin.reset()
            where = {"view": in_modal} if block_id == "modal" else {"channel_id": "D0B"}
            resp = wslack.action(
                action_id, user=user, value=value, block_id=block_id, team_id=b1.team, **where
            )
            said = everything(standin, resp)
            for mark in a1.marks():
                assert mark not in said, (user, action_id, block_id)
            assert tokens_used(standin) <= {b1.token}, (user, action_id)
            for call in standin.calls_to("views.open"):
                view = call.params["view"]
                view = json.loads(view) if isinstance(view, str) else view
                assert not str(view.get("external_id", "")).startswith(f"nw{a1.network_id}.")
    assert _stored(multi, a1) == before


def test_a_forged_network_choice_from_the_other_workspace_runs_nothing(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1, b1 = world["A1"], world["B1"]
    before = _stored(multi, a1)
    resp = wslack.action(
        ids.NETWORK_CHOOSE,
        user=BOTH,
        block_id=ids.NETWORK_CHOOSE_BLOCK + "/incheckning",
        action_type="static_select",
        action={
            "selected_option": {"value": str(a1.network_id), "text": {"type": "plain_text", "text": "x"}}
        },
        state={ids.NETWORK_TEXT_BLOCK: {ids.NETWORK_TEXT: {"type": "plain_text_input", "value": "Intrång"}}},
        team_id=b1.team,
    )
    assert resp.status == 200
    assert _stored(multi, a1) == before
    assert_only(world, b1, everything(standin, resp))


def _checkin_values(text: str) -> dict[str, dict[str, dict[str, object]]]:
    return {
        ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": text}},
        ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": None}},
        ids.CHECKIN_BLOCK_SUPPORT: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": None}},
    }


def test_forged_modal_submissions_store_nothing_in_the_other_workspace(
    wslack: SlackClient, standin: SlackStandIn, world: dict[str, Side], multi: Runtime
) -> None:
    a1, b1 = world["A1"], world["B1"]
    before = _stored(multi, a1)
    plan = {
        ids.ADMIN_PLAN_DATE: {ids.ADMIN_INPUT: {"type": "datepicker", "selected_date": "2027-05-20"}},
        ids.ADMIN_PLAN_TIME: {ids.ADMIN_INPUT: {"type": "timepicker", "selected_time": "10:00"}},
        ids.ADMIN_PLAN_PLACE: {ids.ADMIN_INPUT: {"type": "plain_text_input", "value": "Intrångsby"}},
    }
    for user in (b1.member, b1.organiser, BOTH):
        for external_id in ("", f"nw{a1.network_id}.forged"):
            wslack.submit(
                ids.CHECKIN_MODAL,
                _checkin_values("Intrång"),
                user=user,
                private_metadata=str(a1.ids["meeting"]),
                external_id=external_id,
                team_id=b1.team,
            )
            wslack.submit(ids.ADMIN_PLAN_MODAL, plan, user=user, external_id=external_id, team_id=b1.team)
    assert _stored(multi, a1) == before
    assert tokens_used(standin) <= {b1.token}
    for other in others(world, b1):
        with multi.for_network(other.network_id).sessions() as s:
            assert "Intrångsby" not in [m.place for m in s.query(Meeting)]
