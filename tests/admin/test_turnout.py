"""The board's counts (bot/admin/turnout.py, counted in the database) against the audiences a tick
works out member by member: the same numbers, the same missing people in the same order."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from bot.admin.turnout import audience_size, load_turnout, missing_people
from bot.attendance.audience import deputy_key
from bot.attendance.board import not_coming_ids, stand_ins
from bot.meeting import timeline
from bot.meeting.people import Person
from bot.meeting.schedule import REMINDERS, member_audience, send_key
from bot.runtime import Runtime
from storage import ledger
from storage.board import members_without_final_row
from storage.checkins import checked_in_member_ids
from storage.db import transaction
from storage.members import active_member_rows
from storage.models import CheckIn, Delivery, DeliveryState, Meeting, Member, Organisation, Rsvp, RsvpAnswer
from tests.conftest import ORGANISER, make_settings
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
SENDS = {s.kind: s.due_at for s in timeline.meeting_sends(STARTS, TZ)}
ORGANISATIONS = ["Skatteverket", "Åklagarmyndigheten", "Arbetsförmedlingen", "Östra kommunen", None]
NAMES = ["anna Berg", "Åsa Ek", "Örjan Lind", "bertil", None, "Anna berg", "ärla Sund", "Zack"]


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, standin: SlackStandIn) -> Any:
    url = request.getfixturevalue("db_url" if request.param == "sqlite" else "pg_url")
    return make_settings(url, standin.url)


def _network(runtime: Runtime) -> int:
    """26 active members in five organisations (one without), one removed; a meeting ahead."""
    with transaction(runtime.sessions) as s:
        orgs = {name: Organisation(name=name) for name in ORGANISATIONS if name}
        s.add_all(orgs.values())
        for n in range(26):
            org = ORGANISATIONS[n % len(ORGANISATIONS)]
            s.add(
                Member(
                    slack_user_id=f"U{n:03d}",
                    name=NAMES[n % len(NAMES)],
                    organisation=orgs[org] if org else None,
                    active=True,
                )
            )
        s.add(Member(slack_user_id="U900", name="Borta", organisation=orgs["Skatteverket"], active=False))
        s.add(Member(slack_user_id="UDEP", name="Ersättaren", active=False))  # an ersättare's own row
        s.add(Member(slack_user_id="UDEP2", name="Den andra", active=False))  # one not checked in
        meeting = Meeting(starts_at=STARTS, place="Malmö", created_by=ORGANISER)
        s.add(meeting)
        s.flush()
        return meeting.id


def _answers_and_invitations(runtime: Runtime, meeting_id: int) -> None:
    """Invitations out (one failed, one sent late), check-ins, kan inte, an ersättare who checked in."""
    with transaction(runtime.sessions) as s:
        ids = {m.slack_user_id: m.id for m in s.query(Member)}
        invitation = SENDS[timeline.INVITATION]
        rows = [
            {
                "send_key": send_key(meeting_id, timeline.INVITATION),
                "recipient": f"U{n:03d}",
                "kind": timeline.INVITATION,
                "state": {7: DeliveryState.FAILED, 9: DeliveryState.RETRY}.get(n, DeliveryState.SENT),
                "attempts": 1,
                "due_at": invitation,
                # U011 was added late: invited after the first reminder was due.
                "sent_at": None
                if n == 7
                else (SENDS[timeline.REMINDER] + dt.timedelta(hours=1) if n == 11 else invitation),
            }
            for n in range(26)
        ]
        rows += [
            {
                "send_key": deputy_key(meeting_id),
                "recipient": deputy,
                "kind": "deputy_invitation",
                "state": DeliveryState.SENT,
                "attempts": 1,
                "due_at": invitation,
                "sent_at": invitation,
            }
            for deputy in ("UDEP", "UDEP2")
        ]
        s.execute(insert(Delivery), rows)
        now = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
        for user in ("U000", "U003", "U012", "U900", "UDEP"):
            s.add(
                CheckIn(
                    meeting_id=meeting_id, member_id=ids[user], occupying="x", created_at=now, updated_at=now
                )
            )
        for user, answer, deputy in (
            ("U001", RsvpAnswer.NOT_COMING, None),
            ("U005", RsvpAnswer.NOT_COMING, None),
            ("U003", RsvpAnswer.NOT_COMING, None),  # checked in all the same
            ("U002", RsvpAnswer.DEPUTY, "UDEP"),
            ("U006", RsvpAnswer.DEPUTY, "UDEP2"),
            ("U004", RsvpAnswer.COMING, None),
            ("U900", RsvpAnswer.NOT_COMING, None),  # removed since: does not count
        ):
            s.add(
                Rsvp(meeting_id=meeting_id, member_id=ids[user], answer=answer.value, deputy_user_id=deputy)
            )


def _compare(runtime: Runtime, meeting_id: int) -> None:
    with runtime.sessions() as s:
        members = active_member_rows(s)
        checked_in = checked_in_member_ids(s, meeting_id)
        done = set(checked_in)
        done |= {m.id for deputy, m in stand_ins(s, meeting_id, members).items() if deputy in done}
        cannot = not_coming_ids(s, meeting_id, members)
        missing = [
            Person(m.slack_user_id, m.name, m.organisation)
            for m in members
            if m.id not in done and m.id not in cannot
        ]
        invitation_sent = any(
            r.state == DeliveryState.SENT
            for r in s.query(Delivery).filter_by(send_key=send_key(meeting_id, timeline.INVITATION))
        )

        turnout = load_turnout(s, meeting_id)
        assert turnout.total == len(members)
        assert turnout.done == sum(1 for m in members if m.id in done)
        assert turnout.missing == len(missing)
        assert missing_people(s, turnout) == missing
        for most in (0, 1, 4, 5, 6, 11, len(missing), 100):
            assert missing_people(s, turnout, most) == missing[:most], most
        key = send_key(meeting_id, timeline.INVITATION)
        rows = ledger.rows_for(s, key)
        waiting = [
            m
            for m in members
            if m.slack_user_id not in rows or rows[m.slack_user_id].state in ledger.PENDING_STATES
        ]
        assert members_without_final_row(s, key, ledger.PENDING_STATES) == len(waiting)
        for kind in (
            timeline.INVITATION,
            timeline.REMINDER,
            timeline.LAST_REMINDER,
            timeline.DAY_OF,
            timeline.PULSE,
        ):
            if kind in REMINDERS and not invitation_sent:
                expected = len([m for m in members if m.id not in checked_in])
            else:
                expected = len(member_audience(s, meeting_id, kind, SENDS[kind], members))
            assert audience_size(s, turnout, kind, SENDS[kind], invitation_sent) == expected, kind


def test_the_counts_are_the_audiences_before_anything_is_sent(runtime: Runtime) -> None:
    meeting_id = _network(runtime)
    _compare(runtime, meeting_id)


def test_the_counts_are_the_audiences_with_answers_check_ins_and_an_ersattare(runtime: Runtime) -> None:
    meeting_id = _network(runtime)
    _answers_and_invitations(runtime, meeting_id)
    _compare(runtime, meeting_id)
    with runtime.sessions() as s:
        turnout = load_turnout(s, meeting_id)
        assert turnout.stood_for  # the ersättare's check-in counts for the member who sent them
        assert turnout.cannot
