"""The scheduler's sends across two workspaces: every invitation, reminder, sammanställning,
pulse question and jury summary goes to its own network's people and channels only, with
its workspace's token."""

from __future__ import annotations

import datetime as dt
import json

from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from tests.networks.workspaces import BOTH, Side
from tests.support.slack_standin import Call, SlackStandIn

# The first meeting ahead is Thursday 11 March 2027, 13.00; the award round's deadline 1 September.
TICKS = (
    "2027-02-18T09:05:00+01:00",  # invitations
    "2027-03-04T09:05:00+01:00",  # reminders
    "2027-03-09T09:05:00+01:00",  # last reminders
    "2027-03-10T12:05:00+01:00",  # the sammanställning
    "2027-03-11T08:05:00+01:00",  # the day's message
    "2027-03-12T09:05:00+01:00",  # the pulse question
    "2027-09-02T12:00:00+02:00",  # the jury summary
)


def _people(side: Side) -> set[str]:
    users = {side.member, side.organiser} | ({BOTH} if side.key in ("A1", "B1") else set())
    return users | {"D" + u[1:] for u in users} | {side.channel}


def _ticked(multi: Runtime, standin: SlackStandIn) -> list[Call]:
    standin.reset()
    for at in TICKS:
        run_tick(multi, at=dt.datetime.fromisoformat(at))
    return [c for c in standin.calls if c.params.get("channel") or c.params.get("users")]


def _side_of(call: Call, world: dict[str, Side]) -> Side | None:
    text = json.dumps(call.params, ensure_ascii=False)
    found = [s for s in world.values() if any(mark in text for mark in s.marks())]
    assert len(found) <= 1, f"one send carries {[s.key for s in found]}"
    return found[0] if found else None


def test_a_tick_sends_each_networks_news_to_its_own_people(
    multi: Runtime, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    calls = _ticked(multi, standin)
    seen: set[str] = set()
    for call in calls:
        side = _side_of(call, world)
        if side is None:
            continue
        seen.add(side.key)
        where = str(call.params.get("channel") or call.params.get("users"))
        assert where in _people(side), f"{side.key}'s send went to {where}"
    assert seen == set(world)  # every network had its sends


def test_a_tick_sends_with_each_workspaces_token(
    multi: Runtime, standin: SlackStandIn, world: dict[str, Side]
) -> None:
    calls = _ticked(multi, standin)
    for call in calls:
        side = _side_of(call, world)
        if side is not None:
            assert call.token == side.token, f"{side.key}'s {call.method} went with {call.token}"
