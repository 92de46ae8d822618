"""`/chefsnatverket export protokoll [datum]` and the themes of the sammanställning, through the
front door: signed commands in, the stand-in's recorded uploads and posts out."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from docx import Document

from bot.runtime import Runtime
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member, PulseAnswer, Rsvp
from tests.admin.test_handlers import _set_channel, run, run_slow
from tests.conftest import ORGANISER, SlackClient
from tests.insights.seed import TZ
from tests.support.slack_standin import SlackStandIn


def _meeting(runtime: Runtime, day: str, place: str | None = "Stadshuset, Malmö") -> int:
    with transaction(runtime.sessions) as s:
        meeting = Meeting(starts_at=dt.datetime.fromisoformat(f"{day}T13:00").replace(tzinfo=TZ), place=place)
        s.add(meeting)
        s.flush()
        return meeting.id


def _arrange(runtime: Runtime, add_member: Any) -> int:
    anna = add_member("U0ANNA", "Region Skåne", "Anna Ek")
    bertil = add_member("U0BERTIL", "Malmö stad", "Bertil Berg")
    cilla = add_member("U0CILLA", "Malmö stad", "Cilla Ceder")
    meeting_id = _meeting(runtime, "2026-12-10")
    with transaction(runtime.sessions) as s:
        s.add(Member(slack_user_id="U0DAVID", name="David Dahl", active=False))  # the ersättare
        s.add_all(
            [
                Rsvp(meeting_id=meeting_id, member_id=anna, answer="coming"),
                Rsvp(meeting_id=meeting_id, member_id=bertil, answer="deputy", deputy_user_id="U0DAVID"),
                Rsvp(meeting_id=meeting_id, member_id=cilla, answer="not_coming"),
                CheckIn(meeting_id=meeting_id, member_id=anna, occupying="Omställningen till nära vård."),
                CheckIn(
                    meeting_id=meeting_id, member_id=cilla, occupying="Vi ställer om, omställning tar tid."
                ),
                PulseAnswer(meeting_id=meeting_id, member_id=anna, answer="yes", comment="Bra träff"),
            ]
        )
    return meeting_id


def _uploaded(standin: SlackStandIn) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in standin.files.values()}


def test_protokoll_without_a_date_sends_the_latest_meeting_as_docx_and_markdown(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    _arrange(runtime, add_member)
    said = run_slow(slack, standin, "export protokoll")
    assert "Utkastet till protokoll från träffen torsdag 10 december 2026 kl. 13.00 finns nu" in said
    files = _uploaded(standin)
    assert set(files) == {"protokoll-2026-12-10.docx", "protokoll-2026-12-10.md"}
    [complete] = standin.calls_to("files.completeUploadExternal")  # one upload, two files
    assert complete.params["channel_id"] == standin.dm_channel_for(ORGANISER)
    markdown = files["protokoll-2026-12-10.md"]["content"].decode("utf-8")
    assert "Stadshuset, Malmö" in markdown
    assert "David Dahl (ersättare för Bertil Berg)" in markdown
    assert "Anna Ek" in markdown and "Cilla Ceder" not in markdown.split("## Incheckningar")[0]
    assert "Omställningen till nära vård" in markdown
    assert "Ja: 1. Nej: 0. Kommentarer: 1." in markdown
    document = Document(io.BytesIO(files["protokoll-2026-12-10.docx"]["content"]))
    assert any("ersättare för Bertil Berg" in p.text for p in document.paragraphs)


def test_protokoll_with_a_date(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    _arrange(runtime, add_member)
    _meeting(runtime, "2026-12-17", place=None)
    said = run_slow(slack, standin, "export protokoll 2026-12-10")
    assert "torsdag 10 december 2026" in said
    assert "protokoll-2026-12-10.md" in _uploaded(standin)


def test_protokoll_refusals(slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
    assert "ingen genomförd träff" in run(slack, "export protokoll", response_url=standin.response_url("a"))
    _meeting(runtime, "2026-12-10")
    said = run(slack, "export protokoll 2026-12-11", response_url=standin.response_url("b"))
    assert "Vi hittar ingen träff den 2026-12-11" in said
    assert "`/chefsnatverket export protokoll 2026-12-10`" in said
    said = run(slack, "export protokoll 11/12", response_url=standin.response_url("c"))
    assert "Skriv datumet som 2027-03-11" in said
    assert standin.files == {}


def test_the_sammanställning_opens_with_the_shared_themes(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    _set_channel(runtime)
    ids = {
        "U0A": add_member("U0A", "Region Skåne", "Ada"),
        "U0B": add_member("U0B", "Malmö stad", "Bo"),
        "U0C": add_member("U0C", "Lunds kommun", "Cia"),
    }
    meeting_id = _meeting(runtime, "2027-03-11")
    answers = {
        "U0A": "Omställningen till nära vård. Vi arbetar med unga vuxna.",
        "U0B": "Vår omställning tar tid, och den unga vuxnas situation oroar.",
        "U0C": "Budgeten.",
    }
    with transaction(runtime.sessions) as s:
        for uid, text in answers.items():
            s.add(CheckIn(meeting_id=meeting_id, member_id=ids[uid], occupying=text))
    run_slow(slack, standin, "sammanfattning")
    [first, *_] = standin.messages_to("C0ADMIN")
    blocks = json.dumps(first.params["blocks"], ensure_ascii=False)
    assert "Gemensamma teman" in blocks
    themes = blocks.split("Gemensamma teman")[1].split('"}')[0]
    assert "omställning" in themes.lower() and "unga vuxna" in themes
    assert "Malmö stad, Region Skåne" in themes and "Lunds kommun" not in themes
    assert blocks.index("Gemensamma teman") < blocks.index("Ada")
