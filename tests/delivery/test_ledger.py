"""The ledger's claiming protocol on SQLite and PostgreSQL, and how Slack failures are classified."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.error import URLError

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.errors import AMBIGUOUS, PERMANENT, TRANSIENT, classify
from bot.delivery.ledger import retry_delay_minutes
from bot.delivery.pacing import Pacer
from storage import ledger
from storage.db import make_engine, make_session_factory, transaction
from storage.models import Delivery

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions(any_db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(any_db_url)
    yield make_session_factory(engine)
    engine.dispose()


def claim(
    sessions: sessionmaker[Session], key: str = "k", recipient: str = "U1", by: str = "a"
) -> int | None:
    with transaction(sessions) as s:
        return ledger.insert_row(
            s, send_key=key, recipient=recipient, kind="invitation", state=ledger.CLAIMED,
            due_at=NOW, claimed_at=NOW, claimed_by=by,
        )  # fmt: skip


def row(sessions: sessionmaker[Session], row_id: int) -> Delivery:
    with sessions() as s:
        found = s.get(Delivery, row_id)
        assert found is not None
        return found


def test_a_claim_is_taken_once(sessions: sessionmaker[Session]) -> None:
    first = claim(sessions, by="a")
    assert first is not None
    assert claim(sessions, by="b") is None
    assert claim(sessions, recipient="U2") is not None
    assert row(sessions, first).claimed_by == "a"


def test_concurrent_claims_of_one_row_have_one_winner(sessions: sessionmaker[Session]) -> None:
    winners: list[int | None] = []
    barrier = threading.Barrier(8)

    def attempt(n: int) -> None:
        barrier.wait()
        winners.append(claim(sessions, by=f"t{n}"))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len([w for w in winners if w is not None]) == 1


def test_a_retry_row_is_reclaimed_by_one_caller_only(sessions: sessionmaker[Session]) -> None:
    row_id = claim(sessions)
    assert row_id is not None
    with transaction(sessions) as s:
        assert ledger.mark_retry(s, row_id, "http_500", max_attempts=5) == ledger.RETRY
    with transaction(sessions) as s:
        assert ledger.reclaim(s, row_id, "b", NOW)
    with transaction(sessions) as s:
        assert not ledger.reclaim(s, row_id, "c", NOW)
    got = row(sessions, row_id)
    assert (got.state, got.claimed_by, got.attempts, got.last_error) == ("claimed", "b", 1, "http_500")


def test_a_sent_row_cannot_be_reclaimed(sessions: sessionmaker[Session]) -> None:
    row_id = claim(sessions)
    assert row_id is not None
    with transaction(sessions) as s:
        ledger.mark_sent(s, row_id, sent_at=NOW, channel="D1", ts="1.2", revision=3)
    with transaction(sessions) as s:
        assert not ledger.reclaim(s, row_id, "b", NOW)
    got = row(sessions, row_id)
    assert (got.state, got.slack_channel, got.slack_ts, got.revision) == ("sent", "D1", "1.2", 3)


def test_attempts_run_out_into_failed(sessions: sessionmaker[Session]) -> None:
    row_id = claim(sessions)
    assert row_id is not None
    states = []
    for _ in range(3):
        with transaction(sessions) as s:
            states.append(ledger.mark_retry(s, row_id, "http_503", max_attempts=3))
            ledger.reclaim(s, row_id, "a", NOW)
    assert states == ["retry", "retry", "failed"]
    assert row(sessions, row_id).attempts == 3


def test_old_claims_become_unknown_to_be_checked(sessions: sessionmaker[Session]) -> None:
    old = claim(sessions, recipient="U1")
    with transaction(sessions) as s:
        fresh = ledger.insert_row(
            s, send_key="k", recipient="U2", kind="invitation", state=ledger.CLAIMED,
            due_at=NOW, claimed_at=NOW + dt.timedelta(minutes=20), claimed_by="b",
        )  # fmt: skip
    with transaction(sessions) as s:
        assert ledger.mark_interrupted(s, NOW + dt.timedelta(minutes=15)) == 1
    assert assert_state(sessions, old) == ("unknown", "interrupted")
    assert old is not None and row(sessions, old).claimed_at == NOW  # when the post may have been made
    assert row(sessions, old).attempts == 1
    assert fresh is not None and row(sessions, fresh).state == "claimed"


def test_an_unknown_row_is_reclaimed_for_a_check_by_one_caller_only(sessions: sessionmaker[Session]) -> None:
    row_id = claim(sessions)
    assert row_id is not None
    with transaction(sessions) as s:
        ledger.mark_unknown(s, row_id, "timeout")
    assert assert_state(sessions, row_id) == ("unknown", "timeout")
    with transaction(sessions) as s:
        assert not ledger.reclaim(s, row_id, "b", NOW)  # not a plain retry
    with transaction(sessions) as s:
        assert ledger.reclaim(s, row_id, "b", NOW, ledger.UNKNOWN)
    with transaction(sessions) as s:
        assert not ledger.reclaim(s, row_id, "c", NOW, ledger.UNKNOWN)
    got = row(sessions, row_id)
    assert (got.state, got.claimed_by, got.attempts) == ("claimed", "b", 1)


def test_failed_checks_keep_the_reason_and_run_out_into_failed(sessions: sessionmaker[Session]) -> None:
    row_id = claim(sessions)
    assert row_id is not None
    with transaction(sessions) as s:
        ledger.mark_unknown(s, row_id, "timeout")
    states = []
    for _ in range(2):
        with transaction(sessions) as s:
            ledger.reclaim(s, row_id, "a", NOW, ledger.UNKNOWN)
            states.append(ledger.mark_unverified(s, row_id, max_attempts=3))
    assert states == ["unknown", "failed"]
    assert assert_state(sessions, row_id) == ("failed", "timeout")  # reported as "may have arrived"


def test_unwanted_retries_are_cancelled_but_unknown_ones_fail(sessions: sessionmaker[Session]) -> None:
    retry, unknown = claim(sessions, recipient="U1"), claim(sessions, recipient="U2")
    assert retry is not None and unknown is not None
    with transaction(sessions) as s:
        ledger.mark_retry(s, retry, "http_500", max_attempts=5)
        ledger.mark_unknown(s, unknown, "timeout")
    with transaction(sessions) as s:
        waiting = ledger.waiting_retries(s)
        assert sorted(d.recipient for d in waiting) == ["U1", "U2"]
        ledger.cancel_retries(s, waiting)
    assert assert_state(sessions, retry) == ("cancelled", "no_longer_due")
    assert assert_state(sessions, unknown) == ("failed", "timeout")


def assert_state(sessions: sessionmaker[Session], row_id: int | None) -> tuple[str, str | None]:
    assert row_id is not None
    got = row(sessions, row_id)
    return got.state, got.last_error


def test_problems_are_claimed_for_reporting_once(sessions: sessionmaker[Session]) -> None:
    a, b = claim(sessions, recipient="U1"), claim(sessions, recipient="U2")
    claim(sessions, key="k#2", recipient="U1")  # part markers are never reported
    assert a is not None and b is not None
    with transaction(sessions) as s:
        ledger.mark_final(s, [a, b], ledger.FAILED, "user_not_found")
    with transaction(sessions) as s:
        first = [d.recipient for d in ledger.claim_unreported(s, NOW)]
    with transaction(sessions) as s:
        second = ledger.claim_unreported(s, NOW)
    assert sorted(first) == ["U1", "U2"] and second == []
    with transaction(sessions) as s:
        ledger.unreport(s, [a])
    with transaction(sessions) as s:
        assert [d.recipient for d in ledger.claim_unreported(s, NOW)] == ["U1"]


def test_parts_sent_reads_only_this_sends_markers(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        for key in ("sum_1#1", "sum_1#2", "sum_10#1", "sumX1#1"):
            ledger.insert_row(s, send_key=key, recipient="C1", kind="x", state=ledger.SENT, due_at=NOW)
    with sessions() as s:
        assert ledger.parts_sent(s, "sum_1", "C1", 3) == {"sum_1#1", "sum_1#2"}


def test_the_schema_refuses_a_second_row_for_a_send_and_recipient(sessions: sessionmaker[Session]) -> None:
    from sqlalchemy.exc import IntegrityError

    claim(sessions)
    with pytest.raises(IntegrityError), transaction(sessions) as s:
        s.add(Delivery(send_key="k", recipient="U1", kind="invitation", state="sent"))
    with sessions() as s:
        assert len(s.scalars(select(Delivery)).all()) == 1


# ---------------------------------------------------------------- classifying failures


def _slack_error(status: int, body: Any, headers: dict[str, Any] | None = None) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="u",
        req_args={},
        data=body,
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError("failed", response)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (_slack_error(200, {"ok": False, "error": "user_not_found"}), (PERMANENT, "user_not_found")),
        (_slack_error(200, {"ok": False, "error": "not_in_channel"}), (PERMANENT, "not_in_channel")),
        (_slack_error(200, {"ok": False, "error": "internal_error"}), (TRANSIENT, "internal_error")),
        (_slack_error(429, {"ok": False, "error": "ratelimited"}), (TRANSIENT, "ratelimited")),
        (_slack_error(503, "Service Unavailable"), (TRANSIENT, "http_503")),
        (URLError(ConnectionRefusedError()), (TRANSIENT, "connection_error")),
        (TimeoutError("read timed out"), (AMBIGUOUS, "timeout")),
    ],
)
def test_classify(exc: BaseException, expected: tuple[str, str]) -> None:
    assert classify(exc) == expected


def test_retry_back_off_grows_and_is_capped() -> None:
    assert [retry_delay_minutes(n) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 15, 15]


def test_pacer_spaces_posts_to_one_channel_but_not_to_different_ones() -> None:
    pacer = Pacer(interval=0.2)
    start = time.monotonic()
    for channel in ("D1", "D2", "D3"):
        pacer.wait(channel)
    assert time.monotonic() - start < 0.1
    pacer.wait("C1")
    pacer.wait("C1")
    assert time.monotonic() - start >= 0.2


def test_pacer_pause_holds_everyone() -> None:
    pacer = Pacer(interval=0.0)
    pacer.pause(0.2)
    start = time.monotonic()
    pacer.wait("D9")
    assert time.monotonic() - start >= 0.15
