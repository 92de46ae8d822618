"""One tick, many workspaces: each posts with its own token and at its own pace, an uninstalled
one sends nothing; on PostgreSQL two schedulers share one big fan-out, each recipient once."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import scheduler
from bot.delivery.pacing import Pacer
from bot.delivery.scheduler import run_tick
from bot.delivery.sends import DueSend, Message, Source
from bot.runtime import Runtime, build_runtime
from bot.server import start_line
from storage import ledger_queue
from storage.db import transaction
from storage.members import active_members
from storage.models import Delivery, DeliveryState, Member, Network
from storage.scope import session_network
from tests.conftest import FrozenClock, make_settings
from tests.support.slack_standin import SlackStandIn

TEAMS = ("T0001", "T0002", "T0003")
TOKENS = {team: f"xoxb-{team}" for team in TEAMS}


def _hello(_session: Session, recipient: str) -> list[Message]:
    return [{"text": f"Hej {recipient}"}]


def _due(session: Session, _runtime: Runtime, now: dt.datetime) -> list[DueSend]:
    """One send per network, due now, to the network's active members."""
    recipients = [m.slack_user_id for m in active_members(session)]
    key = f"test:{session_network(session)}:hello"
    return [DueSend(key, "test", now, recipients, _hello)]


SOURCE = Source("workspaces", _due)


def _workspaces(runtime: Runtime, teams: tuple[str, ...], members: int) -> dict[str, list[str]]:
    """A network in each of `teams`, with `members` members each: their user ids by team."""
    people: dict[str, list[str]] = {}
    with transaction(runtime.all_networks()) as s:
        first = s.scalar(select(Network).order_by(Network.id))
        if first is None:
            first = Network(name="Nätverk 1")
            s.add(first)
        first.team_id = teams[0]
        for number, team in enumerate(teams[1:], start=2):
            s.add(Network(name=f"Nätverk {number}", team_id=team))
        s.flush()
        ids = {n.team_id: n.id for n in s.scalars(select(Network))}
    for team in teams:
        users = [f"U{team[1:]}{n:04d}" for n in range(members)]
        with transaction(runtime.for_network(ids[team]).sessions) as s:
            s.add_all(Member(slack_user_id=u, name=u, active=True) for u in users)
        people[team] = users
    return people


@pytest.fixture
def workspace_runtime(any_db_url: str, standin: SlackStandIn, clock: FrozenClock) -> Iterator[Runtime]:
    """A runtime serving many workspaces, each with its own token (T0003 only when installed)."""
    rt = build_runtime(make_settings(any_db_url, standin.url), clock=clock, sources=[SOURCE], **clock.waits())
    yield replace(rt, tokens=TOKENS.get)
    rt.engine.dispose()


def _tokens_by_recipient(standin: SlackStandIn) -> dict[str, set[str | None]]:
    seen: dict[str, set[str | None]] = {}
    for call in standin.calls:
        if call.method == "chat.postMessage" and call.ok:
            seen.setdefault(call.params["channel"], set()).add(call.token)
    return seen


@pytest.mark.parametrize("teams", [TEAMS[:2], TEAMS])
def test_each_workspace_posts_with_its_own_token(
    workspace_runtime: Runtime, standin: SlackStandIn, teams: tuple[str, ...]
) -> None:
    people = _workspaces(workspace_runtime, teams, members=5)
    report = run_tick(workspace_runtime)
    assert report.sent == 5 * len(teams)
    assert report.not_installed == 0
    seen = _tokens_by_recipient(standin)
    for team, users in people.items():
        for user in users:
            assert seen[user] == {TOKENS[team]}


def test_an_uninstalled_workspace_sends_nothing_and_is_counted(
    workspace_runtime: Runtime, standin: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    people = _workspaces(workspace_runtime, TEAMS, members=3)
    installed = {team: token for team, token in TOKENS.items() if team != "T0003"}
    runtime = replace(workspace_runtime, tokens=installed.get)
    with caplog.at_level("INFO", logger="bot.delivery.scheduler"):
        first = run_tick(runtime)
        second = run_tick(runtime)
    assert (first.sent, first.not_installed) == (6, 1)
    assert (second.sent, second.not_installed) == (0, 1)  # counted every tick, never a storm
    assert "1 workspaces not installed" in str(first)
    said = [r for r in caplog.records if "not installed" in r.getMessage() and "T0003" in r.getMessage()]
    assert len(said) == 2  # once per tick
    posted_to = {c.params.get("channel") for c in standin.calls}
    assert not posted_to & set(people["T0003"])
    with runtime.all_networks()() as s:
        team_of = {n.id: n.team_id for n in s.scalars(select(Network))}
        networks_with_rows = {team_of[d.network_id] for d in s.scalars(select(Delivery))}
    assert networks_with_rows == {"T0001", "T0002"}  # its ledger is not touched


def _recorded_waits(monkeypatch: pytest.MonkeyPatch) -> dict[str | None, list[float]]:
    """Each workspace's waits (through its own Pacer), by the token of the client it paces."""
    waits: dict[str | None, list[float]] = {}
    real = scheduler.tick_client

    def recording(client: WebClient, pacer: Pacer) -> WebClient:
        mine = waits.setdefault(client.token, [])
        sleep = pacer.sleep

        def wait(seconds: float) -> None:
            mine.append(seconds)
            sleep(seconds)

        pacer.sleep = wait
        return real(client, pacer)

    monkeypatch.setattr(scheduler, "tick_client", recording)
    return waits


def test_a_429_in_one_workspace_does_not_slow_another(
    workspace_runtime: Runtime, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = _workspaces(workspace_runtime, TEAMS[:2], members=4)
    waits = _recorded_waits(monkeypatch)
    slowed = people["T0001"][0]
    standin.fail("chat.postMessage", status=429, retry_after=7, when=lambda p: p.get("channel") == slowed)
    report = run_tick(workspace_runtime)
    assert report.sent == 8
    assert sum(waits[TOKENS["T0001"]]) >= 7
    assert sum(waits.get(TOKENS["T0002"], [])) == 0


def test_single_token_mode_posts_everything_with_the_one_token(
    workspace_runtime: Runtime, standin: SlackStandIn
) -> None:
    people = _workspaces(workspace_runtime, TEAMS[:2], members=2)
    runtime = replace(workspace_runtime, tokens=None)
    assert run_tick(runtime).sent == 4
    seen = _tokens_by_recipient(standin)
    assert {token for user in people["T0001"] + people["T0002"] for token in seen[user]} == {
        runtime.client.token
    }


# ---------------------------------------------------------------- two schedulers, one fan-out


def _in_threads(work: Callable[[], Any], count: int) -> list[Any]:
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        start.wait()
        results[i] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_schedulers_on_postgres_share_one_big_fanout(
    pg_url: str, standin: SlackStandIn, clock: FrozenClock
) -> None:
    settings = make_settings(pg_url, standin.url)
    first, second = (
        build_runtime(settings, clock=clock, sources=[SOURCE], **clock.waits()) for _ in range(2)
    )
    try:
        people = _workspaces(first, ("T0001",), members=300)["T0001"]
        standin.latency = {"chat.postMessage": 0.02}  # posting takes a moment, as on Slack
        runtimes = iter([first, second])
        lock = threading.Lock()

        def tick() -> scheduler.TickReport:
            with lock:
                runtime = next(runtimes)
            return run_tick(runtime)

        reports = _in_threads(tick, 2)
    finally:
        first.engine.dispose()
        second.engine.dispose()
    assert sum(r.sent for r in reports) == 300
    assert all(r.sent > 0 for r in reports), [str(r) for r in reports]  # both did part of it
    posts = Counter(c.params["channel"] for c in standin.calls if c.method == "chat.postMessage" and c.ok)
    assert posts == Counter(people)  # every recipient exactly once
    rt = build_runtime(settings, clock=clock, sources=[SOURCE])
    try:
        with rt.all_networks()() as s:
            rows = list(s.scalars(select(Delivery)))
    finally:
        rt.engine.dispose()
    assert Counter(r.state for r in rows) == {DeliveryState.SENT: 300}
    assert len({r.claimed_by for r in rows}) == 2


def test_the_standin_limits_each_token_on_its_own(standin: SlackStandIn) -> None:
    standin.rate_limit("chat.postMessage", per_second=0.01, burst=1, key="token")
    one, two = (WebClient(token=TOKENS[team], base_url=standin.url) for team in TEAMS[:2])
    assert one.chat_postMessage(channel="U1", text="a")["ok"]
    assert two.chat_postMessage(channel="U2", text="b")["ok"]  # another workspace: its own bucket
    with pytest.raises(SlackApiError) as refused:
        one.chat_postMessage(channel="U3", text="c")  # another channel, same workspace
    assert refused.value.response.status_code == 429


# ---------------------------------------------------------------- the queue


def test_rows_queued_by_a_process_that_died_are_sent_by_the_next_tick(
    workspace_runtime: Runtime, standin: SlackStandIn, clock: FrozenClock
) -> None:
    people = _workspaces(workspace_runtime, ("T0001",), members=3)["T0001"]
    runtime = replace(workspace_runtime, tokens=None)
    network = scheduler.network_ids(runtime)[0]
    with transaction(runtime.for_network(network).sessions) as s:
        added = ledger_queue.enqueue(
            s,
            send_key=f"test:{network}:hello",
            recipients=people[:2],
            kind="test",
            due_at=clock(),
            revision=None,
        )
    assert added == 2
    assert run_tick(runtime).sent == 3
    posts = Counter(c.params["channel"] for c in standin.calls if c.method == "chat.postMessage" and c.ok)
    assert posts == Counter(people)


def test_queued_rows_of_a_send_no_longer_wanted_are_cancelled(
    workspace_runtime: Runtime, standin: SlackStandIn, clock: FrozenClock
) -> None:
    runtime = replace(workspace_runtime, tokens=None, sources=[])
    network = scheduler.network_ids(runtime)[0]
    with transaction(runtime.for_network(network).sessions) as s:
        ledger_queue.enqueue(
            s, send_key="gone:1", recipients=["U1"], kind="test", due_at=clock(), revision=None
        )
    run_tick(runtime)
    with runtime.sessions() as s:
        assert [(d.state, d.last_error) for d in s.scalars(select(Delivery))] == [
            (DeliveryState.CANCELLED, "no_longer_due")
        ]
    assert not standin.calls_to("chat.postMessage")


def test_the_start_line_says_sqlite_wants_one_scheduler(runtime: Runtime) -> None:
    settings = replace(runtime.settings, run_scheduler=True)
    assert "database SQLite (run one scheduler process: several need PostgreSQL)" in start_line(settings)
    postgres = replace(settings, database_url="postgresql://u@db/x")
    assert "run one scheduler" not in start_line(postgres)
    assert "run one scheduler" not in start_line(replace(settings, run_scheduler=False))


def test_a_workspace_one_scheduler_serves_is_left_to_it_first_on_postgres(
    pg_url: str, standin: SlackStandIn, clock: FrozenClock
) -> None:
    settings = make_settings(pg_url, standin.url)
    first, second = (build_runtime(settings, clock=clock, sources=[]) for _ in range(2))
    try:
        with scheduler.workspace_lease(first, "T0001") as mine:
            assert mine
            with scheduler.workspace_lease(second, "T0001") as theirs:
                assert not theirs  # another process serves it: this one turns to other workspaces first
            with scheduler.workspace_lease(second, "T0002") as other:
                assert other
        with scheduler.workspace_lease(second, "T0001") as freed:
            assert freed
    finally:
        first.engine.dispose()
        second.engine.dispose()


def test_a_network_with_no_team_yet_sends_nothing_when_serving_many_workspaces(
    workspace_runtime: Runtime, standin: SlackStandIn
) -> None:
    people = _workspaces(workspace_runtime, ("T0001", "T0002"), members=2)
    with transaction(workspace_runtime.all_networks()) as s:
        for network in s.scalars(select(Network).where(Network.team_id == "T0002")):
            network.team_id = None  # not adopted by an install yet: no token to send with
    report = run_tick(workspace_runtime)
    assert (report.sent, report.not_installed) == (2, 1)
    assert not {c.params.get("channel") for c in standin.calls} & set(people["T0002"])
