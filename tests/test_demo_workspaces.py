"""The demo's second scene: two workspaces installed through OAuth, three networks, each
workspace served with its own token only, and nothing sent to a workspace after its uninstall."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.demo.oauth import WorkspacesDemo
from bot.demo.workspaces_story import LANDSKRONA, MALMO, new_workspaces_demo, play_workspaces


@pytest.fixture(scope="module")
def played() -> Iterator[WorkspacesDemo]:
    demo = new_workspaces_demo()
    try:
        play_workspaces(demo)
        yield demo
    finally:
        demo.close()


def _recipient_user(demo: WorkspacesDemo, params: dict[str, object]) -> str | None:
    """The person a call speaks to (a DM channel, a user id), if it names one."""
    for key in ("channel", "channel_id", "user", "user_id"):
        value = str(params.get(key) or "")
        for uid in demo.people:
            if value in (uid, demo.standin.dm_channel_for(uid)):
                return uid
    return None


def test_each_workspace_is_installed_and_then_one_leaves(played: WorkspacesDemo) -> None:
    out = "\n".join(played.out)
    assert out.count("Chefsnätverket finns nu i arbetsytan") == 2
    assert "Chefsnätverket finns nu i arbetsytan Finsam Malmö" in out
    assert played.installed == [MALMO]
    assert played.standin.count("oauth.v2.access") == 2


def test_no_call_for_one_workspace_carries_the_other_workspace_token(played: WorkspacesDemo) -> None:
    tokens = {team: played.standin.token_of(team) for team in (MALMO, LANDSKRONA)}
    with_token = [c for c in played.standin.calls if c.token and c.method != "oauth.v2.access"]
    assert {c.team for c in with_token} >= {MALMO, LANDSKRONA}
    for call in with_token:
        assert call.token == tokens[str(call.team)]
        user = _recipient_user(played, call.params)
        if user is not None:
            assert played.team(user) == call.team, (call.method, user, call.team)


def test_three_networks_side_by_side_and_sends_stop_where_the_app_left(played: WorkspacesDemo) -> None:
    out = "\n".join(played.out)
    malmo_list, landskrona_list = out.split("*Karin Lund skriver* `/chefsnatverket nätverk`")[1].split(
        "*Lena Sjöberg skriver* `/chefsnatverket nätverk`"
    )
    assert "• Chefsnätverket – du är med" in malmo_list and "• Unga vuxna – du är med" in malmo_list
    assert "Unga vuxna" not in landskrona_list.split("##")[0]
    assert "Du finns i flera nätverk" in out  # Karin is asked, chooses, and the command runs
    assert "Sammanfattningar och rapporter går nu till #unga-vuxna-samordnare." in out

    invitations, after = out.split("## Landskrona–Svalöv removes the app")
    invitations = invitations.split("## Three invitations")[1]
    assert invitations.count("**DM till Anders Berg (Finsam Malmö):**") == 2  # two networks
    assert "**DM till Beata Holm (Finsam Malmö):**" in invitations
    assert "**DM till Johan Ek (Landskrona–Svalöv):**" in invitations
    assert "(Finsam Malmö)" in after and "(Landskrona–Svalöv)" not in after

    # Johan's invitation, and no reminder after the uninstall (he never checked in).
    posts = [c for c in played.standin.calls if c.method == "chat.postMessage" and c.ok]
    assert [_recipient_user(played, c.params) for c in posts if c.team == LANDSKRONA] == ["U0JOHAN"]
