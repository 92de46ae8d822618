"""The settings modal applies only what the person changed in it: an organiser appointed, or a
channel set, by another samordnare while the modal was open is not undone by its submission."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import Member
from tests.conftest import ORGANISER, SlackClient
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

HOME_VIEW = {"id": "VHOME", "type": "home", "callback_id": ""}
OTHER = "U0ANNA"  # another samordnare, appointed earlier


def _arrange(runtime: Runtime, standin: SlackStandIn) -> None:
    for user, name in (("U0U3", "Ulla Tre"), ("U0BEN", "Ben Baker"), ("U0CHLOE", "Chloe Ek")):
        standin.add_user(user, name)
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
        s.add(Member(slack_user_id=OTHER, is_organiser=True, active=False))
        s.add(Member(slack_user_id="U0BEN", is_organiser=True, active=False))


def _open(slack: SlackClient, standin: SlackStandIn) -> dict[str, Any]:
    slack.action(ids.ADMIN_SETTINGS_OPEN, user=ORGANISER, view=HOME_VIEW)
    view: dict[str, Any] = standin.calls_to("views.open")[-1].params["view"]
    return view


def _submit(slack: SlackClient, view: dict[str, Any], channel: str | None, organisers: list[str]) -> None:
    values = {
        ids.ADMIN_SETTINGS_CHANNEL: {ids.ADMIN_INPUT: signing.conversations_select(channel)},
        ids.ADMIN_SETTINGS_ORGANISERS: {ids.ADMIN_INPUT: signing.multi_users_select(organisers)},
    }
    resp = slack.submit(
        ids.ADMIN_SETTINGS_MODAL, values, user=ORGANISER, private_metadata=view.get("private_metadata", "")
    )
    assert resp.status == 200 and not resp.body, resp.text


def _organisers(runtime: Runtime) -> set[str]:
    with runtime.sessions() as s:
        return {m.slack_user_id for m in s.query(Member).filter_by(is_organiser=True)}


def _channel(runtime: Runtime) -> str | None:
    with runtime.sessions() as s:
        return get_network(s).organisers_channel


def test_an_unchanged_modal_keeps_what_others_changed_meanwhile(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _arrange(runtime, standin)
    view = _open(slack, standin)
    # Meanwhile another samordnare appoints U3, dismisses Ben and moves the channel.
    for text in ("organisatör <@U0U3>", "organisatör ta-bort <@U0BEN>", "kanal <#C0GENERAL|general>"):
        assert slack.command("/chefsnatverket", text, user=OTHER).status == 200
    assert _organisers(runtime) == {OTHER, "U0U3"} and _channel(runtime) == "C0GENERAL"
    _submit(slack, view, "C0ADMIN", [OTHER, "U0BEN"])  # as shown, unchanged
    assert _organisers(runtime) == {OTHER, "U0U3"}
    assert _channel(runtime) == "C0GENERAL"


def test_what_the_person_changed_is_applied_and_only_that(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _arrange(runtime, standin)
    view = _open(slack, standin)
    assert slack.command("/chefsnatverket", "organisatör <@U0U3>", user=OTHER).status == 200
    _submit(slack, view, "C0GENERAL", [OTHER, "U0CHLOE"])  # Ben out, Chloe in, a new channel
    assert _organisers(runtime) == {OTHER, "U0U3", "U0CHLOE"}
    assert _channel(runtime) == "C0GENERAL"
