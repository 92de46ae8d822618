"""Insyn through the front door: who reads each answer, the network's sammanställning at the
deadline (by DM and in a members' channel), earlier answers, withdrawal, and the samordnare's
settings. Signed requests against the stand-in; the scheduler on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import ids
from bot.delivery.scheduler import run_tick
from bot.meeting import timeline
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import CheckIn, Delivery, Meeting, Member, Network, Visibility
from tests.conftest import ORGANISER, FrozenClock, SlackClient, make_settings
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn, validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)  # a Thursday
DEADLINE = timeline.checkin_deadline(STARTS, TZ)  # Wednesday 10 March 12.00
ANNA, BO, CARL = "U0ANNA1", "U0BO1", "U0CARL1"
MEMBERS_CHANNEL = "C0GENERAL"
OCC, CHG, SUP = ids.CHECKIN_BLOCK_OCCUPYING, ids.CHECKIN_BLOCK_CHANGES, ids.CHECKIN_BLOCK_SUPPORT
VIS = (
    ids.CHECKIN_BLOCK_OCCUPYING_VISIBILITY,
    ids.CHECKIN_BLOCK_CHANGES_VISIBILITY,
    ids.CHECKIN_BLOCK_SUPPORT_VISIBILITY,
)
NET, ORG = Visibility.NETWORK.value, Visibility.ORGANISERS.value


@pytest.fixture
def settings(any_db_url: str, standin: SlackStandIn) -> Any:
    """Every test here runs on SQLite and on PostgreSQL."""
    return make_settings(any_db_url, standin.url)


@pytest.fixture(autouse=True)
def slack_time(standin: SlackStandIn, clock: FrozenClock) -> None:
    standin.ts_clock = lambda: clock().timestamp()
    standin.at_clock = clock.monotonic


@pytest.fixture
def meeting(runtime: Runtime, add_member: Any, clock: FrozenClock) -> int:
    add_member(ANNA, "Region Skåne", name="Anna Ek")
    add_member(BO, "Försäkringskassan", name="Bo Berg")
    add_member(CARL, "Region Skåne", name="Carl Dahl")
    with transaction(runtime.sessions) as s:
        s.get(Network, 1) or s.add(Network(id=1))
        s.flush()
        s.get(Network, 1).organisers_channel = "C0ADMIN"  # type: ignore[union-attr]
        m = Meeting(starts_at=STARTS, place="Stadshuset", created_by=ORGANISER)
        s.add(m)
        s.flush()
        meeting_id = m.id
    clock.set("2027-03-08T10:00")  # Monday, check-in open
    return meeting_id


def _values(answers: tuple[str | None, ...], visibility: tuple[str | None, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for block, answer in zip((OCC, CHG, SUP), answers, strict=True):
        values[block] = {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": answer}}
    for block, chosen in zip(VIS, visibility, strict=True):
        option = None if chosen is None else {"value": chosen}
        values[block] = {ids.CHECKIN_INPUT: {"type": "radio_buttons", "selected_option": option}}
    return values


def submit(
    slack: SlackClient,
    meeting_id: int,
    user: str,
    answers: tuple[str | None, ...],
    visibility: tuple[str | None, ...],
) -> Any:
    return slack.submit(
        ids.CHECKIN_MODAL, _values(answers, visibility), user=user, private_metadata=str(meeting_id)
    )


def stored(runtime: Runtime, user: str) -> CheckIn | None:
    with runtime.sessions() as s:
        return s.scalar(select(CheckIn).join(Member).where(Member.slack_user_id == user))


def tick_at(runtime: Runtime, clock: FrozenClock, when: dt.datetime) -> Any:
    clock.set(when)
    return run_tick(runtime)


def shared_to(standin: SlackStandIn, user: str) -> list[Any]:
    """The network sammanställningar `user` received (other sends of the timeline left aside)."""
    return [c for c in standin.messages_to(user) if c.params["text"].startswith("Nätverkets sammanställning")]


def flat(calls: list[Any]) -> str:
    return json.dumps([c.params for c in calls], ensure_ascii=False)


# ---------------------------------------------------------------- the modal


def test_modal_asks_who_reads_each_answer_and_shows_last_time(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        earlier = Meeting(starts_at=STARTS - dt.timedelta(days=42), place="Förra", created_by=ORGANISER)
        s.add(earlier)
        s.flush()
        anna = s.scalar(select(Member).where(Member.slack_user_id == ANNA))
        assert anna is not None
        s.add(
            CheckIn(
                meeting_id=earlier.id, member_id=anna.id, occupying="Budget <b> " * 40, support="Samverkan"
            )
        )
    slack.command("/incheckning", "", user=ANNA, trigger_id="trig.1")
    [call] = standin.calls_to("views.open")
    assert call.ok, call.response
    view = call.params["view"]
    radios = [b for b in view["blocks"] if b["type"] == "input" and b["element"]["type"] == "radio_buttons"]
    assert [b["block_id"] for b in radios] == list(VIS)
    for radio in radios:
        assert radio["element"]["initial_option"]["value"] == NET  # Nätverket by default
        assert [o["value"] for o in radio["element"]["options"]] == [NET, ORG]
        assert "allmänna handlingar" in radio["hint"]["text"]
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Bara samordnarna" in text and "Nätverkets medlemmar och samordnarna" in text
    assert "personuppgifter om klienter" in text
    [previous] = [
        b
        for b in view["blocks"]
        if b["type"] == "context" and "Förra gången" in json.dumps(b, ensure_ascii=False)
    ]
    folded = " ".join(e["text"] for e in previous["elements"])
    assert "torsdag 28 januari 2027" in folded and "Samverkan" in folded
    assert "…" in folded and len(folded) < 600  # shortened, not the whole text
    assert "&lt;b&gt;" in folded and "<b>" not in folded


def test_visibility_is_stored_per_answer(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, meeting: int
) -> None:
    resp = submit(slack, meeting, ANNA, ("Budget", "Ny chef", "Samverkan"), (NET, ORG, None))
    assert resp.status == 200 and resp.body == b""
    row = stored(runtime, ANNA)
    assert row is not None
    assert (row.occupying_visibility, row.changes_visibility, row.support_visibility) == (NET, ORG, NET)
    [thanks] = standin.messages_to(ANNA)
    text = flat([thanks])
    assert "Nätverket läser" in text and "Bara samordnarna läser" in text
    # A garbled choice is stored on the safe side.
    submit(slack, meeting, BO, ("Budget", None, None), ("everyone", NET, NET))
    row = stored(runtime, BO)
    assert row is not None and row.occupying_visibility == ORG


def test_quick_path_says_who_reads_and_offers_all_three_questions(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, meeting: int
) -> None:
    resp = slack.command("/incheckning", "Budgeten för 2028", user=ANNA)
    answer = resp.json()
    assert validate_blocks(answer["blocks"]) == []
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Nätverkets medlemmar och samordnarna läser svaret" in text
    assert "på onsdag kl. 12.00" in text and "på torsdag kl. 13.00" in text and "2027" not in text
    [actions] = [b for b in answer["blocks"] if b["type"] == "actions"]
    more, withdraw = actions["elements"]
    assert (more["action_id"], more["value"], more["text"]["text"]) == (
        ids.CHECKIN_OPEN,
        str(meeting),
        "Svara på alla tre frågorna",
    )
    row = stored(runtime, ANNA)
    assert row is not None and row.occupying_visibility == NET
    assert withdraw["action_id"] == ids.CHECKIN_WITHDRAW and withdraw["value"] == str(row.id)
    assert withdraw["confirm"]["title"]["text"] == "Dra tillbaka incheckningen?"
    # The button opens the modal with the text already in question one.
    slack.action(ids.CHECKIN_OPEN, user=ANNA, value=more["value"], trigger_id="trig.2")
    [opened] = standin.calls_to("views.open")
    inputs = {b["block_id"]: b for b in opened.params["view"]["blocks"] if b["type"] == "input"}
    assert inputs[OCC]["element"]["initial_value"] == "Budgeten för 2028"


def test_dm_reply_is_stored_with_the_default_and_says_so(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, meeting: int
) -> None:
    slack.event({"type": "message", "channel_type": "im", "channel": "D1", "user": BO, "text": "Rekrytering"})
    [reply] = standin.messages_to(BO)
    text = flat([reply])
    assert "Nätverkets medlemmar och samordnarna läser svaret" in text
    assert "Svara på alla tre frågorna" in text
    row = stored(runtime, BO)
    assert row is not None and row.occupying_visibility == NET


# ---------------------------------------------------------------- withdrawal


def test_a_member_withdraws_their_own_checkin_until_the_deadline(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock, meeting: int
) -> None:
    submit(slack, meeting, ANNA, ("Budget", None, None), (NET, NET, NET))
    submit(slack, meeting, BO, ("Rekrytering", None, None), (NET, NET, NET))
    anna, bo = stored(runtime, ANNA), stored(runtime, BO)
    assert anna is not None and bo is not None
    # Someone else's check-in (a forged value) is refused and stays.
    slack.action(ids.CHECKIN_WITHDRAW, user=ANNA, value=str(bo.id))
    assert stored(runtime, BO) is not None
    assert "inte din" in standin.calls_to(RESPONSE_URL)[-1].params["text"]
    # Garbage is nothing to withdraw.
    slack.action(ids.CHECKIN_WITHDRAW, user=ANNA, value="99999999999999999999")
    assert "ingen incheckning att dra tillbaka" in standin.calls_to(RESPONSE_URL)[-1].params["text"]
    # One's own: gone, and the message says how to check in again.
    slack.action(ids.CHECKIN_WITHDRAW, user=ANNA, value=str(anna.id))
    assert stored(runtime, ANNA) is None
    answer = standin.calls_to(RESPONSE_URL)[-1].params
    assert answer["replace_original"] is True and "borttagen" in answer["text"]
    assert answer["blocks"][-1]["elements"][0]["action_id"] == ids.CHECKIN_OPEN
    # After the deadline: refused where it runs.
    clock.set(DEADLINE + dt.timedelta(minutes=1))
    slack.action(ids.CHECKIN_WITHDRAW, user=BO, value=str(bo.id))
    assert stored(runtime, BO) is not None
    assert "stängde" in standin.calls_to(RESPONSE_URL)[-1].params["text"]


def test_withdrawal_from_app_home_refreshes_the_tab(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, meeting: int
) -> None:
    submit(slack, meeting, ANNA, ("Budget", None, None), (NET, NET, NET))
    slack.event({"type": "app_home_opened", "user": ANNA, "tab": "home"})
    [home] = standin.calls_to("views.publish")
    buttons = [e for b in home.params["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    [withdraw] = [e for e in buttons if e["action_id"] == ids.CHECKIN_WITHDRAW]
    assert "confirm" in withdraw
    slack.action(ids.CHECKIN_WITHDRAW, user=ANNA, value=withdraw["value"], view={"type": "home"})
    assert stored(runtime, ANNA) is None
    refreshed = standin.calls_to("views.publish")[-1].params["view"]
    assert ids.CHECKIN_WITHDRAW not in json.dumps(refreshed)


# ---------------------------------------------------------------- the network's sammanställning


def _three_checkins(slack: SlackClient, meeting: int) -> None:
    submit(slack, meeting, ANNA, ("Anna delar <detta>", "Anna hemligt", None), (NET, ORG, NET))
    submit(slack, meeting, BO, ("Bo hemligt", None, "Bo delar stöd"), (ORG, NET, NET))
    submit(slack, meeting, CARL, ("Carl hemligt", None, None), (ORG, NET, NET))


def test_members_get_the_shared_answers_by_dm_at_the_deadline_exactly_once(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock, meeting: int
) -> None:
    _three_checkins(slack, meeting)
    tick_at(runtime, clock, DEADLINE - dt.timedelta(minutes=1))
    assert [shared_to(standin, u) for u in (ANNA, BO, CARL)] == [[], [], []]
    tick_at(runtime, clock, DEADLINE)
    tick_at(runtime, clock, DEADLINE + dt.timedelta(minutes=5))  # a second tick sends nothing again
    for user in (ANNA, BO, CARL):
        [shared] = shared_to(standin, user)
        assert validate_blocks(shared.params["blocks"]) == []
        text = flat([shared])
        assert "Nätverkets sammanställning inför träffen i morgon kl. 13.00" in text
        assert "Anna delar &lt;detta&gt;" in text and "Bo delar stöd" in text
        assert "hemligt" not in text
        assert text.index("Försäkringskassan") < text.index("Region Skåne")  # by organisation
        assert "Carl Dahl" not in text  # nothing shared, not listed
    # The samordnare's own sammanställning has everything, marked.
    [summary] = [c for c in standin.messages_to("C0ADMIN") if c.params["text"].startswith("Sammanställning")]
    assert "Anna hemligt" in flat([summary]) and "(bara samordnarna)" in flat([summary])
    with runtime.sessions() as s:
        rows = s.scalars(select(Delivery).where(Delivery.send_key == f"meeting:{meeting}:network_summary"))
        assert sorted(r.recipient for r in rows) == sorted([ANNA, BO, CARL])


def test_in_a_members_channel_one_thread_reply_per_organisation(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock, meeting: int
) -> None:
    resp = slack.command("/chefsnatverket", f"medlemskanal <#{MEMBERS_CHANNEL}|general>", user=ORGANISER)
    assert resp.status == 200
    with runtime.sessions() as s:
        network = s.get(Network, 1)
        assert network is not None and network.members_channel == MEMBERS_CHANNEL
    _three_checkins(slack, meeting)
    tick_at(runtime, clock, DEADLINE)
    tick_at(runtime, clock, DEADLINE + dt.timedelta(hours=1))
    assert [shared_to(standin, u) for u in (ANNA, BO, CARL)] == [[], [], []]  # no DMs then
    parent, *replies = standin.messages_to(MEMBERS_CHANNEL)
    assert "thread_ts" not in parent.params
    assert "Svaren från varje organisation finns i tråden" in flat([parent])
    assert len(replies) == 2  # Försäkringskassan, Region Skåne
    assert {r.params["thread_ts"] for r in replies} == {parent.response["ts"]}
    assert "Försäkringskassan" in flat(replies[:1]) and "Region Skåne" in flat(replies[1:])
    assert "hemligt" not in flat([parent, *replies])
    assert "_reply_in_thread" not in flat([parent, *replies])


def test_sharing_off_sends_the_members_nothing(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock, meeting: int
) -> None:
    resp = slack.command("/chefsnatverket", "delning av", user=ORGANISER)
    assert "Delningen är av" in (resp.json()["text"] if resp.text.startswith("{") else resp.text)
    _three_checkins(slack, meeting)
    tick_at(runtime, clock, DEADLINE)
    assert [shared_to(standin, u) for u in (ANNA, BO, CARL)] == [[], [], []]
    assert [c for c in standin.messages_to("C0ADMIN") if c.params["text"].startswith("Sammanställning")]
    # Only samordnare may change it.
    resp = slack.command("/chefsnatverket", "delning på", user=ANNA)
    with runtime.sessions() as s:
        network = s.get(Network, 1)
        assert network is not None and network.share_checkins is False


def test_nothing_shared_means_no_message(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock, meeting: int
) -> None:
    submit(slack, meeting, ANNA, ("Hemligt", None, None), (ORG, NET, NET))
    tick_at(runtime, clock, DEADLINE)
    assert shared_to(standin, BO) == [] and shared_to(standin, ANNA) == []
