"""`utdrag`, `glöm`, `logg`, `anonym` and "Mina uppgifter" through the front door, on SQLite and
PostgreSQL: signed requests in; the answers, the stand-in's calls and the rows out."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import ids
from bot.delivery.scheduler import run_tick
from bot.privacy.views import ERASE_NOMINEE_BLOCK, ERASE_NOMINEE_VALUE
from bot.pulse.service import load_pulse_summary
from bot.pulse.views import build_pulse_question, build_pulse_summary
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import AuditEntry, CheckIn, Member, Nomination, PulseAnswer
from storage.privacy import PERSONAL_COLUMNS
from tests.admin.test_handlers import run, run_slow
from tests.conftest import ORGANISER, SECRET, TOKEN, SlackClient
from tests.privacy.factories import ABOUT_PERSON, BYSTANDER, PERSON, PERSON_TEXTS, Arranged, text_hits
from tests.support import signing
from tests.support.slack_standin import SlackStandIn

NOT_ORGANISER = "bara Chefsnätverkets samordnare"
MENTION = f"<@{PERSON}|petra>"


def _counts(runtime: Runtime) -> dict[str, int]:
    with runtime.sessions() as s:
        return {
            m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (CheckIn, PulseAnswer, Nomination, Member, AuditEntry)
        }


def _audit(runtime: Runtime) -> list[tuple[str, str, str | None, int]]:
    with runtime.sessions() as s:
        return [
            (e.actor, e.action, e.target, e.rows)
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def _submit_erasure(slack: SlackClient, target: str, tick: bool, user: str = ORGANISER) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if tick:
        values[ERASE_NOMINEE_BLOCK] = {ids.PRIVACY_INPUT: signing.checkboxes([ERASE_NOMINEE_VALUE])}
    resp = slack.submit(ids.PRIVACY_ERASE_MODAL, values, user=user, private_metadata=target)
    assert resp.status == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


# ---------------------------------------------------------------- refused where it runs


@pytest.mark.parametrize("text", [f"utdrag {MENTION}", f"glöm {MENTION}", "logg", "anonym på"])
def test_a_member_is_refused(any_slack: SlackClient, arranged: Arranged, text: str) -> None:
    assert NOT_ORGANISER in run(any_slack, text, user=BYSTANDER)


def test_the_erasure_submit_checks_the_right_again(
    any_slack: SlackClient, any_runtime: Runtime, arranged: Arranged
) -> None:
    before = _counts(any_runtime)
    body = _submit_erasure(any_slack, PERSON, tick=True, user=BYSTANDER)
    assert NOT_ORGANISER in json.dumps(body, ensure_ascii=False)
    assert _counts(any_runtime) == before


def test_commands_without_a_person_explain_with_an_example(any_slack: SlackClient) -> None:
    assert "/chefsnatverket utdrag @Anna" in run(any_slack, "utdrag")
    assert "/chefsnatverket glöm @Anna" in run(any_slack, "glöm Petra")
    assert "/chefsnatverket anonym på" in run(any_slack, "anonym kanske")


# ---------------------------------------------------------------- utdrag


def test_extract_sends_json_and_markdown_with_every_section(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    said = run_slow(any_slack, standin, f"utdrag {MENTION}")
    assert f"Utdraget om <@{PERSON}> (11 rader)" in said
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == standin.dm_channel_for(ORGANISER)
    files = {f["name"]: f["content"] for f in standin.files.values()}
    [json_name] = [n for n in files if n.endswith(".json")]
    [md_name] = [n for n in files if n.endswith(".md")]
    document = json.loads(files[json_name])
    assert set(document["sections"]) == {e.section for e in PERSONAL_COLUMNS}
    assert document["retention_months"] == 24
    assert len(document["sections"]["checkins.member_id"]) == 2
    markdown = files[md_name].decode("utf-8")
    assert "## Incheckningar (2)" in markdown and "PETRA-CHECKIN-OLD" in markdown
    assert ABOUT_PERSON not in markdown and ABOUT_PERSON not in files[json_name].decode("utf-8")
    assert _audit(any_runtime) == [(ORGANISER, "extract", PERSON, 11)]


def test_extract_of_an_unknown_person(
    any_slack: SlackClient, standin: SlackStandIn, arranged: Arranged
) -> None:
    assert "Vi har inga uppgifter om <@U0NOBODY>" in run_slow(any_slack, standin, "utdrag <@U0NOBODY>")
    assert standin.calls_to("files.getUploadURLExternal") == []


def test_my_data_sends_a_member_their_own(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    resp = any_slack.action(ids.PRIVACY_OWN_EXTRACT, user=PERSON, view={"id": "V1", "type": "home"})
    assert resp.status == 200
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == standin.dm_channel_for(PERSON)
    assert len(standin.files) == 2
    assert _audit(any_runtime) == [(PERSON, "extract", PERSON, 11)]


def test_my_data_when_slack_refuses_the_upload_says_so(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    standin.fail("files.getUploadURLExternal", error="fatal_error")
    any_slack.action(ids.PRIVACY_OWN_EXTRACT, user=PERSON, view={"id": "V1", "type": "home"})
    [told] = [c for c in standin.calls_to("chat.postMessage") if c.params["channel"] == PERSON]
    assert "Något gick fel" in told.params["text"]
    assert _audit(any_runtime) == []  # nothing was handed out, so nothing is logged


# ---------------------------------------------------------------- glöm


def test_erasure_confirms_erases_and_keeps_counts_only(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    assert run(any_slack, f"glöm {MENTION}").strip() == ""  # the modal is the answer
    [opened] = standin.calls_to("views.open")
    modal = json.dumps(opened.params["view"], ensure_ascii=False)
    assert "2 incheckningar" in modal and "1 svar på" in modal and "medlemskapet" in modal
    assert "Radera också 1 nomineringar" in modal
    assert "finns kvar i Slack" in modal
    before = _counts(any_runtime)
    body = _submit_erasure(any_slack, PERSON, tick=True)
    assert body["response_action"] == "update"
    assert "Vi har raderat uppgifterna" in json.dumps(body, ensure_ascii=False)
    after = _counts(any_runtime)
    assert after == {
        "checkins": before["checkins"] - 2,
        "pulse_answers": before["pulse_answers"] - 1,
        "nominations": before["nominations"] - 2,
        "members": before["members"],
        "audit_log": before["audit_log"] + 1,
    }
    [(actor, action, target, rows)] = _audit(any_runtime)
    assert (actor, action, target) == (ORGANISER, "erase", PERSON) and rows == 11
    with any_runtime.sessions() as s:
        for needle in PERSON_TEXTS:
            assert text_hits(s, needle) == [], needle
        # The audit log's record of the erasure is the only place the user id stays.
        assert text_hits(s, PERSON) == ["audit_log.target"]
    # Twice in a row: nothing left, said at once, no modal.
    assert "inget kvar att radera" in run(any_slack, f"glöm {MENTION}")
    assert len(standin.calls_to("views.open")) == 1
    assert "inget kvar att radera" in json.dumps(
        _submit_erasure(any_slack, PERSON, tick=True), ensure_ascii=False
    )


def test_without_the_box_the_nominations_of_the_person_stay(
    any_slack: SlackClient, any_runtime: Runtime, arranged: Arranged
) -> None:
    _submit_erasure(any_slack, PERSON, tick=False)
    with any_runtime.sessions() as s:
        assert text_hits(s, ABOUT_PERSON) == ["nominations.motivation"]


def test_unknown_person(any_slack: SlackClient, arranged: Arranged) -> None:
    assert "Vi har inga uppgifter om <@U0NOBODY>" in run(any_slack, "glöm <@U0NOBODY>")


def test_the_last_samordnare_cannot_erase_themself(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    with transaction(any_runtime.sessions) as s:
        s.add(Member(slack_user_id=ORGANISER, name="Sara Samordnare", is_organiser=True))
    assert "den enda samordnaren" in run(any_slack, f"glöm <@{ORGANISER}>")
    assert "den enda samordnaren" in json.dumps(
        _submit_erasure(any_slack, ORGANISER, tick=False), ensure_ascii=False
    )
    # With a second samordnare it is allowed (the modal opens).
    with transaction(any_runtime.sessions) as s:
        s.add(Member(slack_user_id="U0SECOND", name="Sam Andra", is_organiser=True))
    run(any_slack, f"glöm <@{ORGANISER}>")
    assert len(standin.calls_to("views.open")) == 1


# ---------------------------------------------------------------- logg, anonym, hjälp, Home


def test_log_shows_who_did_what_without_texts(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    assert "Loggen är tom" in run(any_slack, "logg")
    run_slow(any_slack, standin, f"utdrag {MENTION}")
    _submit_erasure(any_slack, PERSON, tick=False)
    shown = run(any_slack, "logg")
    assert "de senaste 2 händelserna" in shown
    assert f"<@{ORGANISER}>: radering om <@{PERSON}>" in shown
    assert f"<@{ORGANISER}>: utdrag om <@{PERSON}>, 11 rader" in shown
    assert not any(needle in shown for needle in PERSON_TEXTS)


def test_anonymous_pulse_summary_and_question(
    any_slack: SlackClient, any_runtime: Runtime, arranged: Arranged
) -> None:
    assert "utan namn" in run(any_slack, "anonym på")
    with any_runtime.sessions() as s:
        assert get_network(s).anonymous_pulse is True
        summary = load_pulse_summary(s, arranged.old_meeting)
    text = json.dumps(build_pulse_summary(summary, any_runtime.tz, "sv"), ensure_ascii=False)
    assert "PETRA-PULSE-COMMENT" in text and "Petra Persson" not in text and "Olle Olsson" not in text
    question = json.dumps(
        build_pulse_question(1, summary.starts_at, any_runtime.tz, "sv", True), ensure_ascii=False
    )
    assert "Svaren är anonyma" in question
    assert "vem som svarat vad" in run(any_slack, "anonym av")
    with any_runtime.sessions() as s:
        named = load_pulse_summary(s, arranged.old_meeting)
    assert "Petra Persson" in json.dumps(build_pulse_summary(named, any_runtime.tz, "sv"), ensure_ascii=False)


def test_help_and_home_say_what_is_stored(
    any_slack: SlackClient, standin: SlackStandIn, arranged: Arranged
) -> None:
    member_help = run(any_slack, "hjälp", user=BYSTANDER)
    assert "Om dina uppgifter" in member_help and "24 månader" in member_help
    assert "Appen berättar aldrig för den nominerade vem som nominerat" in member_help
    assert "glöm @Anna" not in member_help
    assert "glöm @Anna" in run(any_slack, "hjälp")
    any_slack.event({"type": "app_home_opened", "user": BYSTANDER, "tab": "home"})
    [published] = standin.calls_to("views.publish")
    home = json.dumps(published.params["view"], ensure_ascii=False)
    assert "Om dina uppgifter" in home and ids.PRIVACY_OWN_EXTRACT in home


# ---------------------------------------------------------------- what is logged


def test_no_answer_text_token_or_secret_is_logged(
    any_slack: SlackClient,
    any_runtime: Runtime,
    standin: SlackStandIn,
    arranged: Arranged,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        run_slow(any_slack, standin, f"utdrag {MENTION}")
        any_slack.action(ids.PRIVACY_OWN_EXTRACT, user=PERSON, view={"id": "V1", "type": "home"})
        run(any_slack, f"glöm {MENTION}")
        _submit_erasure(any_slack, PERSON, tick=True)
        with transaction(any_runtime.sessions) as s:
            get_network(s).organisers_channel = "C0ADMIN"
        run_tick(any_runtime)
    assert caplog.records, "the paths log something"
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for needle in (*PERSON_TEXTS, ABOUT_PERSON, "OLLE-CHECKIN", TOKEN, SECRET):
        assert needle not in logged, needle


def test_an_export_is_logged_with_its_row_count(
    any_slack: SlackClient, any_runtime: Runtime, standin: SlackStandIn, arranged: Arranged
) -> None:
    assert "CSV-filen med 1 incheckningar" in run_slow(any_slack, standin, "export")
    assert _audit(any_runtime) == [(ORGANISER, "export_checkins", None, 1)]
