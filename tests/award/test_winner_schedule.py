"""The decision and the announcement through the scheduler, on SQLite and PostgreSQL: each send
once, the winner told only at the announcement, a nominee who did not win told nothing at all."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from bot import ids
from bot.award import decision
from bot.award import service as awards
from bot.award.decision import choice_value
from bot.award.timeline import (
    AWARD_JURY_READING,
    AWARD_WINNER_ANNOUNCEMENT,
    AWARD_WINNER_CONGRATULATION,
    AWARD_WINNER_THANKS,
    send_key,
)
from bot.award.winners import winners_list
from bot.delivery.scheduler import run_tick
from storage.models import AwardRound, AwardWinner, Delivery
from tests.award.test_schedule import _add
from tests.conftest import ORGANISER, make_settings
from tests.support.slack_standin import validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
WINNER = "U0CHLOE"  # Chloe Chen
LOSER = "U0ANNA"  # Anna Admin: nominated, never a winner
NOMINATOR = "U0BEN"
LONG = "Hon har fått kommunen och regionen att planera insatserna tillsammans, vilket har gett resultat. "


@pytest.fixture
def settings(any_db_url, standin):
    """Every test in this module runs on SQLite and on PostgreSQL (any_db_url is parametrized)."""
    return make_settings(any_db_url, standin.url)


def _closed_round(runtime: Any, clock: Any) -> int:
    """A round whose nominations are in and whose jury summary has gone out."""
    assert "är öppen" in awards.admin_command(
        runtime, ORGANISER, "2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>", "C0ADMIN"
    )
    with runtime.sessions() as s:
        round_id = s.query(AwardRound).one().id
    run_tick(runtime)  # the round's own announcement
    _add(runtime, clock, round_id, NOMINATOR, user=WINNER, org="Försäkringskassan")
    _add(runtime, clock, round_id, "U0DAVID", user=WINNER)
    _add(runtime, clock, round_id, NOMINATOR, user=LOSER)
    _add(runtime, clock, round_id, "U0DAVID", name="Åsa Öberg", org="Kommunen")
    awards.admin_command(runtime, ORGANISER, "stäng", "C0ADMIN")
    run_tick(runtime)  # the jury summary
    with runtime.sessions() as s:
        assert s.get(AwardRound, round_id).status == "closed"
    return round_id


def _view(
    round_id: int,
    winners: list[str],
    date: str,
    time: str,
    citation: str = "För samverkan <över> gränserna & mer.",
) -> dict[str, Any]:
    options = [{"value": v} for v in winners]
    return {
        "private_metadata": json.dumps({"round": round_id}),
        "state": {
            "values": {
                ids.AWARD_BLOCK_WINNERS: {
                    ids.AWARD_INPUT: {"type": "multi_static_select", "selected_options": options}
                },
                ids.AWARD_BLOCK_CITATION: {ids.AWARD_INPUT: {"type": "plain_text_input", "value": citation}},
                ids.AWARD_BLOCK_ANNOUNCE_DATE: {
                    ids.AWARD_INPUT: {"type": "datepicker", "selected_date": date}
                },
                ids.AWARD_BLOCK_ANNOUNCE_TIME: {
                    ids.AWARD_INPUT: {"type": "timepicker", "selected_time": time}
                },
            }
        },
    }


def _to(standin: Any, user: str) -> list[Any]:
    """Messages to the person's DM (by user id or DM channel id)."""
    return list(standin.messages_to(user))


def _winner_posts(standin: Any) -> list[Any]:
    return [
        m for m in standin.messages_to("C0GENERAL") if "vinnare" in json.dumps(m.params, ensure_ascii=False)
    ]


def test_decision_and_announcement_through_the_scheduler(runtime, clock, standin):
    round_id = _closed_round(runtime, clock)
    nominator_dms = len(_to(standin, NOMINATOR))
    # Decided on Monday for Wednesday 10.00, then re-planned to Tuesday 09.30.
    outcome = decision.submit_decision(
        runtime, ORGANISER, _view(round_id, [choice_value(WINNER)], "2027-01-06", "10:00")
    )
    assert outcome.errors == {} and "onsdag 6 januari 2027 kl. 10.00" in outcome.confirmation
    outcome = decision.submit_decision(
        runtime, ORGANISER, _view(round_id, [choice_value(WINNER)], "2027-01-05", "09:30")
    )
    assert outcome.errors == {}

    clock.set("2027-01-05T09:29:59")
    run_tick(runtime)
    assert _winner_posts(standin) == [] and _to(standin, WINNER) == [] and _to(standin, LOSER) == []
    assert len(_to(standin, NOMINATOR)) == nominator_dms
    assert winners_list(runtime) == []  # not public before the announcement

    clock.set("2027-01-05T09:30:20")
    run_tick(runtime)
    run_tick(runtime)
    clock.set("2027-01-06T10:00")  # the first plan's time: nothing again
    run_tick(runtime)

    [announcement] = _winner_posts(standin)
    assert validate_blocks(announcement.params["blocks"]) == []
    text = json.dumps(announcement.params["blocks"], ensure_ascii=False)
    assert "Guldlänken 2027 går till *Chloe Chen (Försäkringskassan)*" in text
    assert "&lt;över&gt; gränserna &amp; mer." in text and "<över>" not in text
    [congratulation] = _to(standin, WINNER)
    assert "*Grattis!* Du får Guldlänken 2027" in json.dumps(congratulation.params, ensure_ascii=False)
    assert _to(standin, LOSER) == []  # nominated, not a winner: nothing at all
    thanks = _to(standin, NOMINATOR)[nominator_dms:]
    assert (
        len(thanks) == 1
        and "Juryn har utsett *Chloe Chen (Försäkringskassan)*"
        in thanks[0].params["blocks"][0]["text"]["text"]
    )
    assert len(_to(standin, "U0DAVID")) == 1  # nominated Chloe (and Åsa): one thank-you
    assert standin.duplicate_messages() == []
    with runtime.sessions() as s:
        states = {d.send_key: d.state for d in s.query(Delivery) if d.recipient != "~after_sent"}
        assert states[send_key(round_id, AWARD_WINNER_ANNOUNCEMENT)] == "sent"
        assert {
            d.recipient for d in s.query(Delivery).filter_by(send_key=send_key(round_id, AWARD_WINNER_THANKS))
        } == {NOMINATOR, "U0DAVID"}
        assert [
            d.recipient
            for d in s.query(Delivery).filter_by(send_key=send_key(round_id, AWARD_WINNER_CONGRATULATION))
        ] == [WINNER]
        [winner] = s.query(AwardWinner).all()
        assert winner.announced_at == dt.datetime(2027, 1, 5, 9, 30, 20, tzinfo=TZ)

    # After the announcement: refused, and listed.
    refused = decision.submit_decision(
        runtime, ORGANISER, _view(round_id, [choice_value(LOSER)], "2027-02-01", "10:00")
    )
    assert "tillkännagavs tisdag 5 januari 2027 kl. 09.30" in refused.errors[ids.AWARD_BLOCK_WINNERS]
    [year] = winners_list(runtime)
    assert (year.year, [w.name for w in year.winners]) == (2027, ["Chloe Chen"])

    # The next round's announcement names last year's winner.
    assert "är öppen" in awards.admin_command(
        runtime, ORGANISER, "2028-09-01 <#C0GENERAL|general>", "C0ADMIN"
    )
    run_tick(runtime)
    opening = standin.messages_to("C0GENERAL")[-1]
    assert "Guldlänken 2027 gick till *Chloe Chen (Försäkringskassan)*. Vem blir nästa?" in json.dumps(
        opening.params["blocks"], ensure_ascii=False
    )
    assert len(_to(standin, WINNER)) == 1


def test_the_jury_gets_a_long_summary_as_files_too(runtime, clock, standin):
    assert "är öppen" in awards.admin_command(
        runtime, ORGANISER, "2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>", "C0ADMIN"
    )
    with runtime.sessions() as s:
        round_id = s.query(AwardRound).one().id
    long = (LONG * 30)[:2990] + " *slut* <b>"
    for n in range(8):
        _add(runtime, clock, round_id, f"U0NOM{n}", name=f"Person {n}", org="Kommunen", motivation=long)
    awards.admin_command(runtime, ORGANISER, "stäng", "C0ADMIN")
    run_tick(runtime)
    run_tick(runtime)
    assert len(standin.messages_to("C0JURY")) > 1
    [complete] = standin.calls_to("files.completeUploadExternal")
    names = sorted(f["title"] for f in complete.params["files"])
    assert names == ["guldlanken-2027-nomineringar.docx", "guldlanken-2027-nomineringar.md"]
    contents = {m["filename"]: standin.uploads[fid] for fid, m in standin._pending_files.items()}
    markdown = contents["guldlanken-2027-nomineringar.md"].decode("utf-8")
    assert markdown.startswith("# Guldlänken 2027 – nomineringarna")
    assert "## 1. Person 0 (Kommunen) – 1 nominering" in markdown
    assert markdown.count("vilket har gett resultat.") == 8 * long.count("vilket har gett resultat.")
    assert "\\*slut\\* \\<b\\>" in markdown
    document = Document(io.BytesIO(contents["guldlanken-2027-nomineringar.docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Guldlänken 2027 – nomineringarna" in paragraphs
    assert sum(1 for p in paragraphs if p == long) == 8
    with runtime.sessions() as s:
        [row] = s.query(Delivery).filter_by(send_key=send_key(round_id, AWARD_JURY_READING)).all()
        assert (row.recipient, row.state) == ("C0JURY", "sent")


def test_a_short_summary_comes_without_files(runtime, clock, standin):
    _closed_round(runtime, clock)
    assert len(standin.messages_to("C0JURY")) == 1
    assert standin.calls_to("files.completeUploadExternal") == []
