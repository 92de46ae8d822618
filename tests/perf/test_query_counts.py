"""How many SQL statements the hot paths make: a request, a tick with nothing due, the Home board.

Counts, not times (times flake on shared machines; the figures live in bench/). A later change
that brings back an N+1 (a query per member, per ledger row, per past meeting) fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, insert

from bot import ids
from bot.delivery.scheduler import run_tick
from bot.meeting import timeline
from bot.meeting.schedule import meeting_due_sends
from bot.runtime import Runtime
from bot.texts import t
from storage.db import transaction
from storage.meetings import get_network
from storage.models import CheckIn, Delivery, DeliveryState, Meeting, Member, Network, Organisation
from tests.conftest import ORGANISER, FrozenClock, SlackClient, make_settings
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
CHANNEL = "C0ADMIN"


class Statements:
    """Every SQL statement sent to the database while counting."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.on = False

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.on:
            self.seen.append(statement)

    def count(self, work: Any) -> int:
        """How many statements `work()` sends."""
        return len(self.seen_in(work))

    def seen_in(self, work: Any) -> list[str]:
        """The statements `work()` sends, in order (the lock-wait settings left out: the
        saves set their bounded wait, storage/checkins.py::retrying_duplicate)."""
        self.seen.clear()
        self.on = True
        try:
            work()
        finally:
            self.on = False
        return [s for s in self.seen if not s.startswith(("PRAGMA", "SET LOCAL"))]


@pytest.fixture
def settings(any_db_url: str, standin: SlackStandIn) -> Any:
    """Every count holds on SQLite and on PostgreSQL."""
    return make_settings(any_db_url, standin.url)


@pytest.fixture
def statements(runtime: Runtime) -> Iterator[Statements]:
    """A SQLAlchemy event counter on the runtime's engine."""
    counter = Statements()
    event.listen(runtime.engine, "before_cursor_execute", counter)
    yield counter
    event.remove(runtime.engine, "before_cursor_execute", counter)


def _members(runtime: Runtime, first: int, count: int) -> None:
    with transaction(runtime.sessions) as s:
        org = s.query(Organisation).filter_by(name="Skatteverket").one_or_none() or Organisation(
            name="Skatteverket"
        )
        s.add_all(
            Member(slack_user_id=f"U{n:05d}", name=f"Chef {n}", organisation=org, active=True)
            for n in range(first, first + count)
        )
        get_network(s).organisers_channel = CHANNEL


def _meeting(runtime: Runtime, starts: dt.datetime) -> int:
    with transaction(runtime.sessions) as s:
        meeting = Meeting(starts_at=starts, place="Malmö", created_by=ORGANISER)
        s.add(meeting)
        s.flush()
        return meeting.id


def _old_meetings_with_a_ledger(runtime: Runtime, meetings: int, rows_each: int, back: int = 400) -> None:
    """Meetings long past, every send of theirs in the ledger: history a tick must not read."""
    with transaction(runtime.sessions) as s:
        for number in range(meetings):
            starts = STARTS - dt.timedelta(days=back + 30 * number)
            meeting = Meeting(starts_at=starts, place="Lund", created_by=ORGANISER)
            s.add(meeting)
            s.flush()
            rows = [
                {
                    "send_key": f"meeting:{meeting.id}:{kind}",
                    "recipient": f"U{n:05d}",
                    "kind": kind,
                    "state": DeliveryState.SENT if n % 50 else DeliveryState.FAILED,
                    "attempts": 1,
                    "due_at": starts,
                    "sent_at": starts,
                    "reported_at": starts,
                }
                for kind in (timeline.INVITATION, timeline.REMINDER, timeline.PULSE)
                for n in range(rows_each // 3)
            ]
            s.execute(insert(Delivery), rows)


def _run_the_timeline(runtime: Runtime, clock: FrozenClock) -> dt.datetime:
    """Tick at every send of the meeting at STARTS, then a day after the last: all done."""
    sends = timeline.meeting_sends(STARTS, TZ)
    for planned in sends:
        clock.set(planned.due_at + dt.timedelta(minutes=1))
        run_tick(runtime)
    after = max(s.due_at for s in sends) + dt.timedelta(days=1)
    clock.set(after)
    run_tick(runtime)  # marks what it finds settled as finished
    return after


def test_a_tick_with_nothing_due_is_flat_in_ledger_size_and_past_meetings(
    runtime: Runtime, clock: FrozenClock, statements: Statements
) -> None:
    _members(runtime, 0, 5)
    _meeting(runtime, STARTS)
    _run_the_timeline(runtime, clock)
    small = statements.count(lambda: run_tick(runtime))

    _old_meetings_with_a_ledger(runtime, meetings=12, rows_each=300)
    _members(runtime, 5, 60)
    run_tick(runtime)  # the members added late are recorded as joined late, once
    clock.advance(minutes=1)
    report = run_tick(runtime)
    large = statements.count(lambda: run_tick(runtime))

    assert report.sent == report.expired == report.failed == 0
    assert large == small
    # 27: insyn's network sammanställning is one more timed-send source, reading the network row
    # (sharing on? members' channel?) and the meetings in reach, like the other sources: 2 more.
    # 28: a tick first lists the networks it serves (one statement, whatever their number).
    assert small <= 28, statements.seen


def test_a_finished_reminder_is_not_worked_out_again(runtime: Runtime, clock: FrozenClock) -> None:
    _members(runtime, 0, 3)
    _meeting(runtime, STARTS)
    after = _run_the_timeline(runtime, clock)
    with transaction(runtime.sessions) as s:
        kinds = {due.kind for due in meeting_due_sends(s, runtime, after)}
    # Check-in has closed and both reminders are finished: their audiences are not worked out.
    assert timeline.INVITATION in kinds
    assert not kinds & {timeline.REMINDER, timeline.LAST_REMINDER}


def test_incheckning_reads_once_before_the_ack_and_writes_nothing(
    runtime: Runtime, slack: SlackClient, standin: SlackStandIn, statements: Statements
) -> None:
    _members(runtime, 0, 3)
    _meeting(runtime, STARTS)
    slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())  # the policy cached

    count = statements.count(
        lambda: slack.command("/incheckning", "", user="U00001", trigger_id=standin.trigger_id())
    )

    assert standin.count("views.open", ok=True) == 2
    # 1: the check-in's one statement. The networks middleware reads nothing while the last
    # check-in saw one network (handlers/networks.py); that statement finds the network itself.
    assert count == 1, statements.seen


def test_the_pending_reply_is_dropped_in_one_more_unit_of_work_only_when_there_is_one(
    runtime: Runtime, slack: SlackClient, standin: SlackStandIn, statements: Statements
) -> None:
    _members(runtime, 0, 1)
    meeting_id = _meeting(runtime, STARTS)
    with transaction(runtime.sessions) as s:
        member = s.query(Member).filter_by(slack_user_id="U00000").one()
        now = dt.datetime(2027, 1, 4, tzinfo=dt.UTC)
        s.add(
            CheckIn(
                meeting_id=meeting_id,
                member_id=member.id,
                occupying="Budget",
                pending_occupying="Tack!",
                created_at=now,
                updated_at=now,
            )
        )
    slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())
    with runtime.sessions() as s:
        assert s.query(CheckIn).one().pending_occupying is None
    count = statements.count(
        lambda: slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())
    )
    assert count == 1, statements.seen  # the check-in's one (see above)


def _open_home(slack: SlackClient, standin: SlackStandIn, user: str) -> None:
    resp = slack.event({"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": "home"})
    assert resp.status == 200
    assert standin.calls_to("views.publish")[-1].ok


def test_the_organisers_home_board_is_bounded_in_members_and_ledger(
    runtime: Runtime, clock: FrozenClock, slack: SlackClient, standin: SlackStandIn, statements: Statements
) -> None:
    _members(runtime, 0, 5)
    _meeting(runtime, STARTS)
    _old_meetings_with_a_ledger(
        runtime, meetings=1, rows_each=3, back=100
    )  # the board's history has a meeting
    clock.set(timeline.meeting_sends(STARTS, TZ)[0].due_at + dt.timedelta(minutes=1))
    run_tick(runtime)  # the invitation is out; reminders and summaries ahead
    _open_home(slack, standin, ORGANISER)
    small = statements.count(lambda: _open_home(slack, standin, ORGANISER))

    _members(runtime, 5, 200)
    _old_meetings_with_a_ledger(runtime, meetings=12, rows_each=300)
    run_tick(runtime)
    large = statements.count(lambda: _open_home(slack, standin, ORGANISER))

    assert large == small
    # 55 with the networks work (the Home lists each of the person's networks); flat above.
    # 49: the board reads the active members once per unit of work (storage/members.py).
    # 42: as columns, and each meeting's answers once too (storage/members.py::remembered).
    # 25: who is missing and how many a send reaches are counted, not read member by member
    # (bot/admin/turnout.py, storage/board.py); the history's counts in one statement.
    assert small <= 25, statements.seen


def _answered(runtime: Runtime, meeting_id: int, user: str, occupying: str, pending: str | None) -> None:
    with transaction(runtime.sessions) as s:
        member = s.query(Member).filter_by(slack_user_id=user).one()
        now = dt.datetime(2027, 1, 4, tzinfo=dt.UTC)
        s.add(
            CheckIn(
                meeting_id=meeting_id,
                member_id=member.id,
                occupying=occupying,
                pending_occupying=pending,
                created_at=now,
                updated_at=now,
            )
        )


def _dm(user: str, text: str) -> dict[str, Any]:
    return {"type": "message", "channel": "D" + user[1:], "channel_type": "im", "user": user, "text": text}


def test_the_checkin_button_and_the_modal_read_once(
    runtime: Runtime, slack: SlackClient, standin: SlackStandIn, statements: Statements
) -> None:
    _members(runtime, 0, 3)
    meeting_id = _meeting(runtime, STARTS)
    slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())  # one network seen

    opened = statements.count(
        lambda: slack.action(ids.CHECKIN_OPEN, user="U00001", value=str(meeting_id), trigger_id="t.1")
    )
    assert standin.count("views.open", ok=True) == 2
    assert opened == 1, statements.seen  # the check-in's one statement, nothing for the network

    values = {
        block: {ids.CHECKIN_INPUT: text}
        for block, text in ((ids.CHECKIN_BLOCK_OCCUPYING, "Budget"), (ids.CHECKIN_BLOCK_CHANGES, None))
    }
    submit = statements.seen_in(
        lambda: slack.submit(ids.CHECKIN_MODAL, values, user="U00001", private_metadata=str(meeting_id))
    )
    # Before the ack: the one statement, then the insert (no statement for the network).
    assert submit[0].startswith("SELECT (SELECT members.id"), submit
    assert submit[1].startswith("INSERT INTO checkins"), submit


def test_a_dm_reply_and_the_pending_buttons_read_once_before_writing(
    runtime: Runtime, slack: SlackClient, standin: SlackStandIn, statements: Statements
) -> None:
    _members(runtime, 0, 3)
    meeting_id = _meeting(runtime, STARTS)
    _answered(runtime, meeting_id, "U00001", "Budget", None)
    slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())  # one network seen

    reply = statements.seen_in(lambda: slack.event(_dm("U00001", "Tack!")))
    assert standin.messages_to("U00001")
    # The check-in's one statement, the row loaded to write it, the write; nothing for the network.
    assert [s.split()[0] for s in reply] == ["SELECT", "SELECT", "UPDATE"], reply

    press = statements.seen_in(
        lambda: slack.action(ids.CHECKIN_PENDING_KEEP, user="U00001", value=str(meeting_id))
    )
    assert [s.split()[0] for s in press][:3] == ["SELECT", "SELECT", "UPDATE"], press
    assert press[0].startswith("SELECT (SELECT members.id"), press


def test_a_network_added_by_another_process_is_noticed_by_the_next_checkin(
    runtime: Runtime, slack: SlackClient, standin: SlackStandIn
) -> None:
    _members(runtime, 0, 3)
    _meeting(runtime, STARTS)
    slack.command("/incheckning", "", user="U00000", trigger_id=standin.trigger_id())  # one network seen
    with transaction(runtime.all_networks()) as s:  # as another process would: this one's cache is not told
        second = Network(name="Guldlänken")
        s.add(second)
        s.flush()
        s.add(Member(slack_user_id="U00001", name="Chef 1", active=True, network_id=second.id))
        s.add(Meeting(starts_at=STARTS, place="Lund", created_by=ORGANISER, network_id=second.id))

    where = {"user": "U00001", "channel_id": "D00001"}  # not an organisers' channel
    stale = slack.command("/incheckning", "", trigger_id=standin.trigger_id(), **where)
    assert standin.count("views.open", ok=True) == 1  # refused without acting on either network
    assert stale.text == t("error.generic", runtime.lang)  # try again: the next one chooses

    asked = slack.command("/incheckning", "", trigger_id=standin.trigger_id(), **where)
    assert "Guldlänken" in json.dumps(
        asked.json(), ensure_ascii=False
    )  # the person is in both, each with a meeting ahead: asked
    assert standin.count("views.open", ok=True) == 1
