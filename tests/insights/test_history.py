"""`/chefsnatverket historik` and the history's queries: through the front door (signed
commands in; the DM messages and the chart upload the stand-in recorded out), and the storage
query on SQLite and PostgreSQL with a statement counter."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from bot.runtime import Runtime
from storage.db import transaction
from storage.insights import meeting_history
from storage.models import Meeting, Organisation, PulseAnswer, Rsvp
from tests.admin.test_handlers import NOT_ORGANISER, run, run_slow
from tests.conftest import ORGANISER, SlackClient
from tests.insights.seed import TZ, seed_history
from tests.support.slack_standin import SlackStandIn

NOW = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)  # the frozen clock's start


@contextmanager
def count_statements(session: Session) -> Iterator[list[str]]:
    """The SQL statements run on the session's connection while the block runs."""
    seen: list[str] = []
    engine = session.get_bind().engine  # type: ignore[union-attr]

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _dm_texts(standin: SlackStandIn) -> list[str]:
    return [
        c.params["text"] + json.dumps(c.params.get("blocks") or [], ensure_ascii=False)
        for c in standin.messages_to(standin.dm_channel_for(ORGANISER))
    ]


# ---------------------------------------------------------------- storage, both databases


def test_the_history_takes_the_same_number_of_queries_for_2_and_40_meetings(db: Session) -> None:
    seed_history(db, meetings=2, members=20)
    with count_statements(db) as two:
        assert len(meeting_history(db, NOW)) == 2
    seed_history(
        db, meetings=38, members=20, first=dt.date(2023, 3, 12), organisations=["Lomma kommun"], prefix="W"
    )
    with count_statements(db) as forty:
        history = meeting_history(db, NOW)
    assert len(history) == 40
    assert len(two) == len(forty) <= 6


def test_the_history_counts_invited_checked_in_came_and_yes(db: Session) -> None:
    [meeting_id] = seed_history(db, meetings=1, members=10, organisations=["Region Skåne", "Malmö stad"])
    [numbers] = meeting_history(db, NOW)
    rsvps = db.query(Rsvp).filter_by(meeting_id=meeting_id).all()
    came = sum(r.answer == "coming" for r in rsvps)
    assert numbers.invited == 10
    assert sum(numbers.came.values()) == came
    assert set(numbers.came) <= {"Region Skåne", "Malmö stad"}
    assert numbers.yes + numbers.no == db.query(PulseAnswer).count()


def test_a_renamed_organisation_is_counted_under_its_current_name(db: Session) -> None:
    seed_history(db, meetings=2, members=4, organisations=["Socialförvaltningen"])
    db.query(Organisation).one().name = "Arbetsmarknadsförvaltningen"
    db.flush()
    assert {name for m in meeting_history(db, NOW) for name in m.came} == {"Arbetsmarknadsförvaltningen"}


def test_cancelled_and_future_meetings(db: Session) -> None:
    ids = seed_history(db, meetings=2, members=3)
    db.get(Meeting, ids[0]).status = "cancelled"  # type: ignore[union-attr]
    db.add(Meeting(starts_at=dt.datetime(2027, 3, 11, 13, tzinfo=TZ), place=None))
    db.flush()
    history = meeting_history(db, NOW)
    assert [m.cancelled for m in history] == [True, False]


# ---------------------------------------------------------------- through the front door


def test_history_of_40_meetings_and_500_members_paginates_and_uploads_the_chart(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    with transaction(runtime.sessions) as s:
        seed_history(s, meetings=40, members=500)
    said = run_slow(slack, standin, "historik")
    assert "Historiken över 40 träffar och diagrammet finns nu" in said
    texts = _dm_texts(standin)
    assert len(texts) >= 2  # 40 meetings and the head do not fit in one message
    for call in standin.messages_to(standin.dm_channel_for(ORGANISER)):
        assert len(call.params["blocks"]) <= 50
    assert "fortsättning 2/" in texts[1]
    assert "500 inbjudna" in texts[0] and "vill träffas igen" in texts[0]
    [upload] = standin.files.values()
    assert upload["name"] == "historik.png"
    assert upload["content"].startswith(b"\x89PNG")
    assert upload["title"].startswith("Diagram över 40 träffar")
    assert upload["channel_id"] == standin.dm_channel_for(ORGANISER)


def test_history_without_past_meetings_is_a_kind_sentence_and_no_chart(
    slack: SlackClient, standin: SlackStandIn
) -> None:
    said = run_slow(slack, standin, "historik")
    assert "när den första träffen är genomförd" in said
    assert standin.files == {} and _dm_texts(standin) == []


def test_a_cancelled_meeting_is_listed_as_inställd_and_not_counted(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    with transaction(runtime.sessions) as s:
        ids = seed_history(s, meetings=3, members=5)
        s.get(Meeting, ids[1]).status = "cancelled"  # type: ignore[union-attr]
    said = run_slow(slack, standin, "historik")
    assert "Historiken över 2 träffar" in said
    [text] = _dm_texts(standin)
    assert "– inställd" in text and "1 inställda träffar räknas inte" in text
    assert "Diagram över 2 träffar" in next(iter(standin.files.values()))["title"]


def test_a_meeting_without_answers(slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
    with transaction(runtime.sessions) as s:
        s.add(Meeting(starts_at=dt.datetime(2026, 11, 12, 13, tzinfo=TZ), place="Stadshuset"))
    said = run_slow(slack, standin, "historik")
    assert "Historiken över 1 träffar" in said
    [text] = _dm_texts(standin)
    assert "0 checkade in · 0 kom · inga svar på" in text
    assert "Ingen har svarat" in next(iter(standin.files.values()))["title"]


@pytest.mark.parametrize("text", ["historik", "export protokoll", "export protokoll 2026-11-12"])
def test_members_are_refused_politely(slack: SlackClient, standin: SlackStandIn, text: str) -> None:
    said = run(slack, text, user="U0MEMBER1", response_url=standin.response_url("x"))
    assert NOT_ORGANISER in said
    assert standin.files == {}


def test_the_samordnares_home_shows_the_latest_meetings(runtime: Runtime, standin: SlackStandIn) -> None:
    from bot.home.service import load_home
    from bot.home.views import build_home_screen

    with transaction(runtime.sessions) as s:
        seed_history(s, meetings=8, members=5)
    view = build_home_screen(load_home(runtime, ORGANISER), runtime.tz, "sv")
    text = json.dumps(view, ensure_ascii=False)
    assert "Tidigare träffar" in text and "/chefsnatverket historik" in text
    assert text.count("inbjudna") == 6
