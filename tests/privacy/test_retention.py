"""Retention through the scheduler's tick, on SQLite and PostgreSQL: what is due is deleted in
batches, the samordnare get the counts once through the ledger, an interrupted run is finished
by the next tick without counting twice, and a tick years ahead deletes and sends nothing stale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.delivery.scheduler import run_tick
from bot.privacy import schedule
from bot.runtime import Runtime
from storage import privacy as store
from storage.db import transaction
from storage.meetings import get_network
from storage.models import AuditEntry, CheckIn, Delivery, Nomination, PulseAnswer, RetentionRun
from tests.conftest import ORGANISER, FrozenClock
from tests.privacy.factories import Arranged
from tests.support.slack_standin import SlackStandIn

# 2027-01-04 (the frozen clock) minus 24 months: the old meeting (2024-03) and the old round
# (closed 2024-09) are past retention; the new meeting (2027-03) is not.
EXPECTED = {"checkins": 2, "pulse_answers": 2, "rsvps": 1, "nominations": 2, "deliveries": 2}


def _counts(runtime: Runtime) -> dict[str, int]:
    with runtime.sessions() as s:
        return {
            m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (CheckIn, PulseAnswer, Nomination, Delivery)
        }


def _reports(standin: SlackStandIn) -> list[str]:
    return [
        c.params["text"]
        for c in standin.calls_to("chat.postMessage")
        if "Gallring" in c.params.get("text", "")
    ]


def _set_channel(runtime: Runtime) -> None:
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"


def test_months_before_keeps_the_wall_time_and_the_month_end() -> None:
    at = dt.datetime(2027, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert schedule.months_before(at, 24) == dt.datetime(2025, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert schedule.months_before(at, 1) == dt.datetime(2027, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert schedule.months_before(at, 15) == dt.datetime(2025, 12, 31, 10, 0, tzinfo=dt.UTC)


def test_a_tick_deletes_what_is_due_and_reports_the_counts_once(
    any_runtime: Runtime, arranged: Arranged, standin: SlackStandIn, clock: FrozenClock
) -> None:
    _set_channel(any_runtime)
    before = _counts(any_runtime)
    assert before == {"checkins": 3, "pulse_answers": 2, "nominations": 2, "deliveries": 2}
    report = run_tick(any_runtime)
    assert report.errors == 0
    after = _counts(any_runtime)
    # The ledger's rows stay (without message references), and the report adds its own.
    assert after == {"checkins": 1, "pulse_answers": 0, "nominations": 0, "deliveries": 3}
    with any_runtime.sessions() as s:
        [run] = s.scalars(select(RetentionRun)).all()
        assert run.state == "done" and store.run_counts(run) == EXPECTED
        [entry] = s.scalars(select(AuditEntry)).all()
        assert (entry.action, entry.actor, entry.rows) == ("retention", "scheduler", 9)
        old = select(func.count()).where(Delivery.slack_ts.is_not(None), Delivery.kind == "invitation")
        assert s.scalar(old) == 0
    [text] = _reports(standin)
    assert "2 incheckningar" in text and "2 nomineringar" in text
    [call] = [c for c in standin.calls_to("chat.postMessage") if "Gallring" in c.params.get("text", "")]
    assert call.params["channel"] == "C0ADMIN"
    assert "24 månader" in str(call.params["blocks"])
    # Later ticks the same day: no new run, the report is not sent again.
    clock.advance(hours=3)
    run_tick(any_runtime)
    clock.advance(days=1)
    run_tick(any_runtime)  # a new day's run deletes nothing and reports nothing
    assert len(_reports(standin)) == 1
    with any_runtime.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RetentionRun)) == 2
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 2


def test_without_a_channel_the_samordnare_get_the_report_by_dm(
    any_runtime: Runtime, arranged: Arranged, standin: SlackStandIn
) -> None:
    run_tick(any_runtime)
    [call] = [c for c in standin.calls_to("chat.postMessage") if "Gallring" in c.params.get("text", "")]
    assert call.params["channel"] == ORGANISER


def test_an_interrupted_run_is_finished_by_the_next_tick_and_nothing_is_counted_twice(
    any_runtime: Runtime,
    arranged: Arranged,
    standin: SlackStandIn,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_channel(any_runtime)
    monkeypatch.setattr(schedule, "BATCH_SIZE", 1)
    real = store.retention_batch
    calls = {"n": 0}

    def dies_on_the_third_batch(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the process died")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "retention_batch", dies_on_the_third_batch)
    first = run_tick(any_runtime)
    assert first.errors == 1
    with any_runtime.sessions() as s:
        run = s.scalars(select(RetentionRun)).one()
        assert run.state == "open" and run.checkins == 2  # two batches done and counted
    assert _reports(standin) == []
    clock.advance(minutes=1)
    second = run_tick(any_runtime)
    assert second.errors == 0
    with any_runtime.sessions() as s:
        run = s.scalars(select(RetentionRun)).one()
        assert run.state == "done" and store.run_counts(run) == EXPECTED
    assert _counts(any_runtime) == {"checkins": 1, "pulse_answers": 0, "nominations": 0, "deliveries": 3}
    assert len(_reports(standin)) == 1


def test_a_tick_years_later_deletes_what_is_due_and_sends_nothing_that_expired(
    any_runtime: Runtime, arranged: Arranged, standin: SlackStandIn, clock: FrozenClock
) -> None:
    _set_channel(any_runtime)
    run_tick(any_runtime)  # today's run; the new meeting's invitation is not due yet
    standin.reset()
    later = clock() + dt.timedelta(days=4 * 365)
    report = run_tick(any_runtime, later)
    # Nothing of the 2027 meeting goes out years late: the retention report is the only post.
    assert report.sent == 1
    [post] = standin.calls_to("chat.postMessage")
    assert "Gallring" in post.params["text"]
    assert _counts(any_runtime)["checkins"] == 0
    with any_runtime.sessions() as s:
        last = s.scalars(select(RetentionRun).order_by(RetentionRun.id.desc())).first()
        assert last is not None and last.checkins == 1 and last.state == "done"
