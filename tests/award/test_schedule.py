"""Guldlänken as a send source: what is due when, to whom, rendered how, and what closes a round."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.award import nominations
from bot.award import service as awards
from bot.award.schedule import award_due_sends, send_key
from bot.award.timeline import AWARD_ANNOUNCEMENT, AWARD_JURY_SUMMARY, AWARD_REMINDER_1, AWARD_REMINDER_14
from bot.delivery.scheduler import run_tick
from storage.db import transaction
from storage.meetings import get_network
from storage.models import AwardRound, Nomination
from tests.conftest import ORGANISER, make_settings
from tests.support.award_rounds import add_nomination
from tests.support.slack_standin import validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
LONG = "Han har fått kommunen och regionen att planera insatserna tillsammans, vilket har gett resultat. "


@pytest.fixture
def settings(any_db_url, standin):
    """Every test in this module runs on SQLite and on PostgreSQL (any_db_url is parametrized)."""
    return make_settings(any_db_url, standin.url)


def _local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def _due(runtime, at: str):
    with runtime.sessions() as session:
        return {s.kind: s for s in award_due_sends(session, runtime, _local(at))}


def _open(runtime, rest="2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>"):
    answer = awards.admin_command(runtime, ORGANISER, rest, "C0ADMIN")
    assert "är öppen" in answer, answer
    with runtime.sessions() as session:
        return session.query(AwardRound).one().id


def _add(runtime, clock, round_id, nominator, *, motivation=LONG, **nominee):
    add_nomination(runtime, round_id, nominator, motivation, at=clock(), **nominee)


def test_nothing_without_a_round(runtime):
    assert _due(runtime, "2027-09-02T09:00") == {}


def test_the_round_timeline(runtime, clock):
    round_id = _open(runtime)
    sends = _due(runtime, "2027-01-04T11:00")
    assert list(sends) == [AWARD_ANNOUNCEMENT]
    announcement = sends[AWARD_ANNOUNCEMENT]
    assert (
        announcement.send_key
        == send_key(round_id, AWARD_ANNOUNCEMENT)
        == f"award:{round_id}:award_announcement"
    )
    assert announcement.recipients == ["C0GENERAL"]
    assert announcement.due_at == clock()
    assert set(_due(runtime, "2027-08-18T08:59")) == {AWARD_ANNOUNCEMENT}
    assert set(_due(runtime, "2027-08-18T09:00")) == {AWARD_ANNOUNCEMENT, AWARD_REMINDER_14}
    assert set(_due(runtime, "2027-08-31T09:00")) == {AWARD_ANNOUNCEMENT, AWARD_REMINDER_14, AWARD_REMINDER_1}
    # The deadline (Wednesday 1 September) is inclusive; the jury reads on Thursday at 09:00.
    assert AWARD_JURY_SUMMARY not in _due(runtime, "2027-09-02T08:59")
    sends = _due(runtime, "2027-09-02T09:00")
    jury = sends[AWARD_JURY_SUMMARY]
    assert jury.recipients == ["C0JURY"]
    assert jury.due_at == _local("2027-09-02T09:00")
    assert jury.always_send_late is True and jury.after_sent is not None
    for kind in (AWARD_ANNOUNCEMENT, AWARD_REMINDER_14, AWARD_REMINDER_1):
        assert sends[kind].stale_after == _local("2027-09-02T00:00")


def test_jury_summary_waits_for_a_working_day(runtime):
    _open(runtime, "2027-09-03 <#C0GENERAL|general>")  # a Friday
    assert AWARD_JURY_SUMMARY not in _due(runtime, "2027-09-05T12:00")
    assert _due(runtime, "2027-09-06T09:00")[AWARD_JURY_SUMMARY].due_at == _local("2027-09-06T09:00")


def test_jury_recipients_fall_back_to_organisers_channel_then_organisers(runtime, add_member):
    _open(runtime, "2027-09-01 <#C0GENERAL|general>")
    assert _due(runtime, "2027-09-02T09:00")[AWARD_JURY_SUMMARY].recipients == [ORGANISER]
    add_member("UORG2", "Finsam", "Olle", is_organiser=True)
    assert _due(runtime, "2027-09-02T09:00")[AWARD_JURY_SUMMARY].recipients == [ORGANISER, "UORG2"]
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = "C0ADMIN"
    assert _due(runtime, "2027-09-02T09:00")[AWARD_JURY_SUMMARY].recipients == ["C0ADMIN"]


def test_renders_announcement_and_reminders_from_the_round_as_it_is(runtime, clock, session):
    _open(runtime)
    sends = _due(runtime, "2027-08-31T09:00")
    with runtime.sessions() as s:
        [announcement] = sends[AWARD_ANNOUNCEMENT].render(s, "C0GENERAL")
        [reminder_14] = sends[AWARD_REMINDER_14].render(s, "C0GENERAL")
        [reminder_1] = sends[AWARD_REMINDER_1].render(s, "C0GENERAL")
    for message in (announcement, reminder_14, reminder_1):
        assert validate_blocks(message["blocks"]) == []
        assert "onsdag 1 september 2027 kl. 23.59" in json.dumps(message, ensure_ascii=False)
        assert ids.AWARD_NOMINATE_OPEN in json.dumps(message)
    assert "Guldlänken 2027 – nominera nu!" in json.dumps(announcement, ensure_ascii=False)
    assert "Sista chansen" in reminder_1["blocks"][0]["text"]["text"]


def test_extending_moves_reminders_and_summary(runtime, clock):
    _open(runtime)
    awards.admin_command(runtime, ORGANISER, "förläng 2027-09-15", "C0ADMIN")
    assert AWARD_REMINDER_14 not in _due(runtime, "2027-08-18T09:00")
    assert _due(runtime, "2027-09-01T09:00")[AWARD_REMINDER_14].due_at == _local("2027-09-01T09:00")
    assert AWARD_JURY_SUMMARY not in _due(runtime, "2027-09-02T09:00")
    assert AWARD_JURY_SUMMARY in _due(runtime, "2027-09-16T09:00")
    with runtime.sessions() as s:
        [reminder] = _due(runtime, "2027-09-14T09:00")[AWARD_REMINDER_1].render(s, "C0GENERAL")
    assert "onsdag 15 september 2027 kl. 23.59" in reminder["blocks"][0]["text"]["text"]


def test_closing_early_drops_reminders_and_brings_the_summary_forward(runtime, clock):
    _open(runtime)
    clock.set("2027-08-20T15:00")
    awards.admin_command(runtime, ORGANISER, "stäng", "C0ADMIN")
    sends = _due(runtime, "2027-08-20T15:00")
    assert AWARD_REMINDER_1 not in _due(runtime, "2027-08-31T09:00")
    assert sends[AWARD_JURY_SUMMARY].due_at == _local("2027-08-20T15:00")
    assert sends[AWARD_REMINDER_14].stale_after == _local("2027-08-20T15:00")


def test_after_sent_closes_the_round_and_a_closed_round_sends_nothing(runtime, clock, session):
    round_id = _open(runtime)
    clock.set("2027-09-02T09:00:30")
    jury = _due(runtime, "2027-09-02T09:00:30")[AWARD_JURY_SUMMARY]
    with transaction(runtime.sessions) as s:
        jury.after_sent(s)
    award_round = session.get(AwardRound, round_id)
    assert award_round.status == "closed"
    assert award_round.closed_at == _local("2027-09-02T09:00:30")
    assert _due(runtime, "2027-09-10T09:00") == {}
    # The last round's closing is still told as the deadline, not as the summary's time.
    view, refusal = nominations.nomination_view(runtime, "U0BEN")
    assert view is None
    assert refusal == (
        "Just nu pågår ingen nominering till Guldlänken. Senaste omgången, Guldlänken 2027, "
        "stängde onsdag 1 september 2027 kl. 23.59. När nästa omgång öppnar berättar vi det här i Slack."
    )


def test_jury_summary_content(runtime, clock, add_member):
    add_member("U0CHLOE", "Försäkringskassan", "Chloe Chen")
    round_id = _open(runtime)
    _add(
        runtime,
        clock,
        round_id,
        "U0BEN",
        user="U0CHLOE",
        partner="Team <Syd>",
        motivation=LONG + "<!channel> & mer",
    )
    clock.advance(days=1)
    _add(runtime, clock, round_id, "U0ANNA", name="Åsa Öberg", org="Region Skåne", motivation=LONG + "Åsa.")
    clock.advance(days=1)
    _add(runtime, clock, round_id, "U0ANNA", user="U0CHLOE", motivation=LONG + "Andra.")
    _add(runtime, clock, round_id, "UORG1", name="  åsa öberg ", org="Regionen", motivation=LONG + "Tredje.")
    with transaction(runtime.sessions) as s:  # a withdrawn nomination is not read by the jury
        s.add(
            Nomination(
                round_id=round_id,
                nominator_user_id="U0BEN",
                nominee_name="Tillbakadragen",
                nominee_organisation="X",
                nominee_key="tillbakadragen",
                motivation=LONG,
                created_at=clock(),
                withdrawn_at=clock(),
            )
        )
    with runtime.sessions() as s:
        [message] = _due(runtime, "2027-09-02T09:00")[AWARD_JURY_SUMMARY].render(s, "C0JURY")
    assert validate_blocks(message["blocks"]) == []
    text = "\n".join(
        b["text"]["text"] if "text" in b else b.get("elements", [{}])[0].get("text", "")
        for b in message["blocks"]
    )
    assert "*4 nomineringar* som gäller *2 personer*" in text
    assert "*1. Chloe Chen* (Försäkringskassan) – 2 nomineringar" in text
    assert "*2. Åsa Öberg* (Region Skåne) – 2 nomineringar" in text
    assert "Nominerad av *Ben Baker*, måndag 4 januari 2027 kl. 11.00" in text
    assert "Tillsammans med: Team &lt;Syd&gt;" in text
    assert "&lt;!channel&gt; &amp; mer" in text and "<!channel>" not in text
    assert text.count(LONG.strip()) == 4
    assert "Tillbakadragen" not in text
    assert "<@" not in text  # names, never mentions that would notify anyone
    assert message["text"] == "Guldlänken 2027: 4 nomineringar till juryn."


# ---------------------------------------------------------------- through the scheduler


def test_round_through_run_tick(runtime, clock, standin, add_member):
    add_member("U0CHLOE", "Försäkringskassan", "Chloe Chen")
    round_id = _open(runtime)
    run_tick(runtime)
    [announcement] = standin.messages_to("C0GENERAL")
    assert "Guldlänken 2027" in announcement.params["text"]
    run_tick(runtime)
    assert len(standin.messages_to("C0GENERAL")) == 1  # once
    _add(runtime, clock, round_id, "U0BEN", user="U0CHLOE")
    clock.set("2027-08-18T09:00")
    run_tick(runtime)
    clock.set("2027-08-31T09:00")
    run_tick(runtime)
    assert len(standin.messages_to("C0GENERAL")) == 3
    clock.set("2027-09-02T09:00")
    run_tick(runtime)
    run_tick(runtime)
    [summary] = standin.messages_to("C0JURY")
    assert "Chloe Chen" in json.dumps(summary.params["blocks"], ensure_ascii=False)
    with runtime.sessions() as s:
        assert s.get(AwardRound, round_id).status == "closed"
    assert not standin.messages_to("U0CHLOE") and not standin.messages_to(standin.dm_channel_for("U0CHLOE"))
