"""The timeline as data: properties over many dates (hypothesis), then the awkward days by name."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.award.timeline import AWARD_ANNOUNCEMENT, AWARD_JURY_SUMMARY, award_closes_at, award_sends
from bot.meeting import timeline
from bot.meeting.timeline import (
    DEFAULT_MEETING_POLICY,
    checkin_deadline,
    meeting_policy,
    meeting_sends,
)
from bot.workdays import is_working_day, working_day_on_or_before

TZ = ZoneInfo("Europe/Stockholm")
ORDER = [
    timeline.INVITATION,
    timeline.REMINDER,
    timeline.LAST_REMINDER,
    timeline.DEADLINE_SUMMARY,
    timeline.DAY_OF,
    timeline.PULSE,
    timeline.PULSE_SUMMARY,
]


def swedish_holiday(day: dt.date) -> bool:
    """Independent of bot.workdays: public holidays plus midsommar-, jul- and nyårsafton."""
    public = holidays.Sweden(years=day.year, include_sundays=False)
    return day in public or (day.month, day.day) in {(12, 24), (12, 31)} or _midsummer_eve(day)


def _midsummer_eve(day: dt.date) -> bool:
    return day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TZ)


def by_kind(starts: dt.datetime) -> dict[str, dt.datetime]:
    return {s.kind: s.due_at for s in meeting_sends(starts, TZ)}


# Meetings are held on working days, during the day, in any year the app may live through.
meeting_days = st.dates(dt.date(2025, 1, 1), dt.date(2040, 12, 31)).filter(is_working_day)
meeting_times = st.sampled_from([dt.time(h, m) for h in range(9, 18) for m in (0, 15, 30, 45)])


def meeting_at(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=TZ)


@settings(max_examples=300, deadline=None)
@given(day=meeting_days, at=meeting_times)
def test_sends_are_in_timeline_order_around_the_meeting(day: dt.date, at: dt.time) -> None:
    starts = meeting_at(day, at)
    sends = meeting_sends(starts, TZ)
    assert [s.kind for s in sends] == ORDER
    times = [s.due_at for s in sends]
    assert times == sorted(times) and len(set(times)) == len(times)
    due = by_kind(starts)
    assert due[timeline.INVITATION] < checkin_deadline(starts, TZ) < starts
    assert due[timeline.DAY_OF] < starts < due[timeline.PULSE]


@settings(max_examples=300, deadline=None)
@given(day=meeting_days, at=meeting_times)
def test_sends_never_fall_on_weekends_or_holidays(day: dt.date, at: dt.time) -> None:
    for send in meeting_sends(meeting_at(day, at), TZ):
        send_day = local(send.due_at).date()
        assert send_day.weekday() < 5, send
        assert not swedish_holiday(send_day), send


@settings(max_examples=300, deadline=None)
@given(day=meeting_days, at=meeting_times)
def test_local_times_are_as_configured_across_daylight_saving(day: dt.date, at: dt.time) -> None:
    for send in meeting_sends(meeting_at(day, at), TZ):
        assert local(send.due_at).time() == DEFAULT_MEETING_POLICY[send.kind].at
        assert send.due_at.utcoffset() is not None


@settings(max_examples=300, deadline=None)
@given(day=meeting_days, at=meeting_times)
def test_a_moved_send_goes_to_the_nearest_working_day_before(day: dt.date, at: dt.time) -> None:
    previous = None
    for send in meeting_sends(meeting_at(day, at), TZ):
        step = DEFAULT_MEETING_POLICY[send.kind]
        target = day + dt.timedelta(days=step.days)
        send_day = local(send.due_at).date()
        if step.days < 0:
            nearest_before = working_day_on_or_before(target)
            nominal = dt.datetime.combine(nearest_before, step.at, tzinfo=TZ)
            if previous is not None and previous >= nominal:
                # A long holiday would have put it on top of the send before: the day after instead.
                assert send_day > target and is_working_day(send_day)
                assert not any(
                    is_working_day(target + dt.timedelta(days=n)) for n in range((send_day - target).days)
                )
            else:
                assert send_day == nearest_before
        previous = send.due_at


@settings(max_examples=200, deadline=None)
@given(day=meeting_days, at=meeting_times)
def test_the_after_meeting_question_comes_on_a_later_working_day(day: dt.date, at: dt.time) -> None:
    pulse = local(by_kind(meeting_at(day, at))[timeline.PULSE]).date()
    assert pulse > day
    assert all(not is_working_day(day + dt.timedelta(days=n)) for n in range(1, (pulse - day).days))


@settings(max_examples=200, deadline=None)
@given(deadline=st.dates(dt.date(2025, 1, 1), dt.date(2040, 12, 31)))
def test_award_jury_summary_on_the_first_working_day_after_the_deadline(deadline: dt.date) -> None:
    opened = local(dt.datetime.combine(deadline - dt.timedelta(days=60), dt.time(10), tzinfo=TZ))
    sends = {s.kind: s.due_at for s in award_sends(opened, deadline, TZ)}
    jury = local(sends[AWARD_JURY_SUMMARY])
    assert jury.date() > deadline and is_working_day(jury.date()) and jury.time() == dt.time(9, 0)
    assert award_closes_at(deadline, TZ) <= jury
    assert sends[AWARD_ANNOUNCEMENT] == opened


# ---------------------------------------------------------------- the awkward days by name


@pytest.mark.parametrize(
    ("meeting", "kind", "expected"),
    [
        # Midsommarafton (Fri 25 June 2027) and midsommardagen: the deadline goes to Thursday.
        ("2027-06-28T13:00", timeline.DEADLINE_SUMMARY, "2027-06-24T12:00"),
        # Julafton (Fri 24 Dec 2027) and juldagen.
        ("2027-12-27T13:00", timeline.DEADLINE_SUMMARY, "2027-12-23T12:00"),
        # Nyårsafton (Fri 31 Dec 2027) and nyårsdagen.
        ("2028-01-03T13:00", timeline.DEADLINE_SUMMARY, "2027-12-30T12:00"),
        # Easter 2027: Good Friday 26 March to Easter Monday 29 March.
        ("2027-03-30T13:00", timeline.DEADLINE_SUMMARY, "2027-03-25T12:00"),
        ("2027-03-30T13:00", timeline.LAST_REMINDER, "2027-03-25T09:00"),
        # Christmas 2035 (Sat 22 to Wed 26 December, with julafton): the last reminder would land
        # on top of the first one (Fri 21 December), so it comes on the first working day after.
        ("2035-12-28T09:00", timeline.REMINDER, "2035-12-21T09:00"),
        ("2035-12-28T09:00", timeline.LAST_REMINDER, "2035-12-27T09:00"),
        ("2035-12-28T09:00", timeline.DEADLINE_SUMMARY, "2035-12-27T12:00"),
        # Kristi himmelfärdsdag (Thu 6 May 2027).
        ("2027-05-07T13:00", timeline.DEADLINE_SUMMARY, "2027-05-05T12:00"),
        # The day after a meeting before Easter is Good Friday: the question waits until Tuesday.
        ("2027-03-25T13:00", timeline.PULSE, "2027-03-30T09:00"),
        # A Friday meeting: "Vill ni träffas igen?" on Monday, not on the meeting's morning.
        ("2027-03-12T13:00", timeline.PULSE, "2027-03-15T09:00"),
    ],
)
def test_swedish_holidays(meeting: str, kind: str, expected: str) -> None:
    starts = dt.datetime.fromisoformat(meeting).replace(tzinfo=TZ)
    assert local(by_kind(starts)[kind]) == dt.datetime.fromisoformat(expected).replace(tzinfo=TZ)


def test_spring_forward_keeps_local_times() -> None:
    # Summer time starts Sunday 28 March 2027: the invitation is in CET, the meeting in CEST.
    due = by_kind(dt.datetime(2027, 4, 13, 13, 0, tzinfo=TZ))
    assert due[timeline.INVITATION].utcoffset() == dt.timedelta(hours=1)
    assert due[timeline.DAY_OF].utcoffset() == dt.timedelta(hours=2)
    assert local(due[timeline.INVITATION]).hour == local(due[timeline.PULSE]).hour == 9


def test_fall_back_keeps_local_times() -> None:
    # Winter time starts Sunday 31 October 2027.
    due = by_kind(dt.datetime(2027, 11, 2, 13, 0, tzinfo=TZ))
    assert due[timeline.INVITATION].utcoffset() == dt.timedelta(hours=2)
    assert due[timeline.DAY_OF].utcoffset() == dt.timedelta(hours=1)
    assert local(due[timeline.DAY_OF]).time() == dt.time(8, 0)


def test_a_send_at_a_time_that_does_not_exist_lands_after_the_gap() -> None:
    # 02:30 does not exist on the spring-forward night (Sunday 28 March 2027); only the "today"
    # reminder of a Sunday meeting could ever land there.
    policy = meeting_policy({"meeting": {timeline.DAY_OF: {"at": "02:30"}}})
    sends = {s.kind: s.due_at for s in meeting_sends(dt.datetime(2027, 3, 28, 10, 0, tzinfo=TZ), TZ, policy)}
    assert local(sends[timeline.DAY_OF]) == dt.datetime(2027, 3, 28, 3, 30, tzinfo=TZ)


def test_policy_overrides_change_offsets_and_times() -> None:
    policy = meeting_policy({"meeting": {timeline.REMINDER: {"days": -5, "at": "10:30"}}})
    sends = {s.kind: s.due_at for s in meeting_sends(dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ), TZ, policy)}
    assert local(sends[timeline.REMINDER]) == dt.datetime(2027, 3, 11, 10, 30, tzinfo=TZ)
    assert local(sends[timeline.INVITATION]) == dt.datetime(2027, 2, 23, 9, 0, tzinfo=TZ)


def test_the_day_of_reminder_stays_on_the_meeting_day() -> None:
    # Should a meeting ever be on a Saturday, "today" still means that Saturday.
    sends = by_kind(dt.datetime(2027, 3, 13, 10, 0, tzinfo=TZ))
    assert local(sends[timeline.DAY_OF]).date() == dt.date(2027, 3, 13)
