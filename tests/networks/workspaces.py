"""Two workspaces with two networks each, for the isolation tests: T0A has Chefsnätverket and
Guldlänken, T0B has a Chefsnätverket of its own and Skånenätverket. Every network has its
samordnare, a member, an organisers' channel, a meeting ahead, a past one with a pulse comment,
a check-in and an open award round with a nomination, each carrying the network's secret text.
U0BOTH is in Chefsnätverket of both workspaces with the same user id (as Slack Enterprise Grid
allows: one person, one id, several workspaces of the organisation)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from bot.app import create_app
from bot.runtime import Runtime
from bot.server import create_wsgi_app
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member, Network, Organisation
from tests.conftest import SlackClient
from tests.networks.test_isolation import _fill
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn
from tests.support.wsgi_client import WSGIClient

TEAM_A, TEAM_B, TEAM_NONE = "T0A", "T0B", "T0NONE"
TOKENS = {TEAM_A: "xoxb-a", TEAM_B: "xoxb-b"}
BOTH = "U0BOTH"
# The calls a request makes with the app's default client, not a workspace's: Bolt's one
# auth.test of the single-token set-up (OAuth mode has none); response_url posts and file
# uploads to the URL Slack gave (no token, as in Slack).
UNTOKENED = frozenset({"auth.test", RESPONSE_URL, "upload"})


@dataclass(frozen=True)
class Side:
    """One network of one workspace, and what was put in it."""

    key: str
    team: str
    name: str
    organiser: str
    member: str
    channel: str
    place: str
    network_id: int = 0
    ids: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def secret(self) -> str:
        return f"Hemlig {self.place}text"

    @property
    def token(self) -> str:
        return TOKENS[self.team]

    def marks(self) -> tuple[str, ...]:
        """Texts only this network's data carries."""
        return (self.secret, self.place, f"Namn {self.place}", f"Kandidat {self.place}")


PLAN = (
    Side("A1", TEAM_A, "Chefsnätverket", "U0A1ORG", "U0A1MEM", "C0A1ADM", "Alfastad"),
    Side("A2", TEAM_A, "Guldlänken", "U0A2ORG", "U0A2MEM", "C0A2ADM", "Aroby"),
    Side("B1", TEAM_B, "Chefsnätverket", "U0B1ORG", "U0B1MEM", "C0B1ADM", "Betaby"),
    Side("B2", TEAM_B, "Skånenätverket", "U0B2ORG", "U0B2MEM", "C0B2ADM", "Bruksby"),
)


def multi_runtime(runtime: Runtime, tokens: dict[str, str] = TOKENS) -> Runtime:
    """The fixture's runtime serving the workspaces of `tokens`."""
    return dataclasses.replace(runtime, tokens=tokens.get)


def build_world(runtime: Runtime) -> dict[str, Side]:
    """The four networks, filled; U0BOTH in both Chefsnätverket, checked in to each."""
    world: dict[str, Side] = {}
    for side in PLAN:
        with transaction(runtime.all_networks()) as s:
            network = Network(name=side.name, team_id=side.team)
            s.add(network)
            s.flush()
            network_id = network.id
        scoped = runtime.for_network(network_id)
        ids = _fill(scoped, side.member, side.organiser, side.channel, side.secret, side.place)
        world[side.key] = dataclasses.replace(side, network_id=network_id, ids=ids)
    for key in ("A1", "B1"):
        add_both(runtime, world[key])
    return world


def add_both(runtime: Runtime, side: Side) -> None:
    """U0BOTH as a member of `side`'s network, checked in to its meeting ahead."""
    with transaction(runtime.for_network(side.network_id).sessions) as s:
        org = s.query(Organisation).one()
        both = Member(slack_user_id=BOTH, name="Båda Personen", organisation=org, active=True)
        s.add(both)
        s.flush()
        meeting = s.get(Meeting, side.ids["meeting"])
        assert meeting is not None
        checkin = CheckIn(meeting_id=meeting.id, member_id=both.id, occupying=f"{side.secret} från båda")
        s.add(checkin)
        s.flush()
        side.ids["both_checkin"] = checkin.id


def signed_client(runtime: Runtime, standin: SlackStandIn) -> SlackClient:
    """Signed requests to an app built on `runtime` (as the conftest's `slack`, for another runtime)."""
    app = create_app(runtime, process_before_response=True)
    return SlackClient(WSGIClient(create_wsgi_app(app, runtime)), response_url=standin.response_url())


def everything(standin: SlackStandIn, *responses: Any) -> str:
    """All the app said: HTTP answers, every Web API call and response_url post, and the
    files uploaded (exports, extracts)."""
    over_http = [r.text for r in responses]
    calls = [json.dumps(c.params, ensure_ascii=False, default=str) for c in standin.calls]
    files = [bytes(content).decode("utf-8", "replace") for content in standin.uploads.values()]
    return "\n".join(over_http + calls + files)


def tokens_used(standin: SlackStandIn) -> set[str | None]:
    """The tokens of the Web API calls made (Bolt's own auth.test and response_url posts aside)."""
    return {c.token for c in standin.calls if c.method not in UNTOKENED}


def others(world: dict[str, Side], side: Side) -> list[Side]:
    return [o for o in world.values() if o.key != side.key]


def assert_only(world: dict[str, Side], side: Side, said: str) -> None:
    """Nothing of any other network in `said` (a network of the same name aside, names say nothing)."""
    for other in others(world, side):
        for mark in other.marks():
            assert mark not in said, f"{side.key} showed {other.key}'s {mark!r}"
