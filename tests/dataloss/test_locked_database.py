"""A database locked by someone else (another process writing, a migration): a check-in is
either saved and confirmed, or not saved and the member is told so, with their text given back.

Real locks from a second connection: SQLite's BEGIN EXCLUSIVE, PostgreSQL's LOCK TABLE. The app
waits `db_lock_wait` for them (0.3 s here, 2 s by default: inside Slack's 3 seconds).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg
import pytest

from bot import ids
from bot.config import Settings
from bot.runtime import Runtime
from storage.models import CheckIn
from tests.conftest import SlackClient, make_settings
from tests.dataloss.arrange import add_meeting
from tests.support.slack_standin import SlackStandIn

MEMBER = "U0MEMBER1"
TEXT = "Budgeten & <två> nya chefer"
QUOTED = "> Budgeten &amp; &lt;två&gt; nya chefer"
WAIT = 0.3

Lock = Callable[[], AbstractContextManager[Callable[[], None]]]


@pytest.fixture
def settings(db_url: str, standin: SlackStandIn) -> Settings:
    return make_settings(db_url, standin.url, db_lock_wait=WAIT)


@pytest.fixture
def lock(db_url: str) -> Lock:
    """`with lock() as release:` the check-ins are locked by another connection until the block
    ends or `release()` is called (from any thread)."""

    @contextmanager
    def held() -> Iterator[Callable[[], None]]:
        if db_url.startswith("sqlite"):
            other: Any = sqlite3.connect(
                db_url.split("///", 1)[1], isolation_level=None, check_same_thread=False
            )
            other.execute("BEGIN EXCLUSIVE")
        else:
            other = psycopg.connect(db_url)
            other.execute("LOCK TABLE checkins IN ACCESS EXCLUSIVE MODE")
        guard, done = threading.Lock(), []

        def release() -> None:
            with guard:
                if not done:
                    other.rollback()
                    other.close()
                    done.append(True)

        try:
            yield release
        finally:
            release()

    return held


def _checkins(runtime: Runtime) -> list[CheckIn]:
    with runtime.sessions() as s:
        return list(s.query(CheckIn))


def _blocks_text(message: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in message.get("blocks", []) if b["type"] == "section")


def test_the_default_wait_leaves_room_in_slacks_three_seconds() -> None:
    assert Settings.db_lock_wait <= 2.0


def test_command_during_a_lock_says_not_saved_in_time_and_gives_the_text_back(
    slack: SlackClient, runtime: Runtime, add_member: Any, lock: Lock
) -> None:
    add_member(MEMBER)
    add_meeting(runtime)
    with lock():
        started = time.monotonic()
        resp = slack.command(
            "/incheckning", TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        took = time.monotonic() - started
    assert resp.status == 200 and took < 3.0
    answer = resp.json()
    assert "*inte* sparad" in answer["text"] and "inget av det du skrev har gått förlorat" not in resp.text
    assert QUOTED in _blocks_text(answer)
    assert _checkins(runtime) == []
    # Once the lock is gone the same command saves and confirms.
    resp = slack.command("/incheckning", "Budgeten")
    assert "inte" not in resp.json()["text"]
    assert [c.occupying for c in _checkins(runtime)] == ["Budgeten"]


def test_a_lock_released_while_waiting_saves_and_confirms(
    slack: SlackClient, runtime: Runtime, add_member: Any, lock: Lock
) -> None:
    add_member(MEMBER)
    add_meeting(runtime)
    runtime.settings = make_settings(
        runtime.settings.database_url, runtime.settings.slack_api_url, db_lock_wait=2.0
    )
    with lock() as release:
        threading.Timer(0.2, release).start()
        resp = slack.command("/incheckning", "Budgeten")
    assert resp.status == 200
    assert "> Budgeten" in _blocks_text(resp.json()) and "inte" not in resp.json()["text"]
    assert [c.occupying for c in _checkins(runtime)] == ["Budgeten"]


def test_dm_reply_during_a_lock_is_not_called_safe(
    slack: SlackClient, runtime: Runtime, add_member: Any, lock: Lock, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    add_meeting(runtime)
    event = {
        "type": "message",
        "channel": "D0MEMBER1",
        "channel_type": "im",
        "user": MEMBER,
        "ts": "1.000001",
    }
    with lock():
        assert (
            slack.event(
                {**event, "text": TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}
            ).status
            == 200
        )
    [reply] = standin.messages_to(MEMBER)
    assert "*inte* sparat" in reply.params["text"] and "gått förlorat" not in str(reply.params)
    assert QUOTED in _blocks_text(reply.params)
    assert _checkins(runtime) == []


def test_modal_during_a_lock_stays_open_and_says_not_saved(
    slack: SlackClient, runtime: Runtime, add_member: Any, lock: Lock
) -> None:
    add_member(MEMBER)
    meeting_id = add_meeting(runtime)
    values = {ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: TEXT}}
    with lock():
        resp = slack.submit(ids.CHECKIN_MODAL, values, user=MEMBER, private_metadata=str(meeting_id))
    body = resp.json()
    assert body["response_action"] == "errors"
    assert "inte sparad" in body["errors"][ids.CHECKIN_BLOCK_OCCUPYING]
    assert _checkins(runtime) == []
