"""The check-in's pure parts: the modal builder, validation, confirmations, refusals, Slack text."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.checkin.service import (
    MAX_ANSWER_LENGTH,
    Answers,
    Opening,
    Problem,
    Refusal,
    Saved,
    clean_answer,
    from_slack_text,
    parse_meeting_id,
)
from bot.checkin.views import (
    answers_from,
    build_checkin_modal,
    build_saved_message,
    build_submitted_message,
    quote_sections,
    read_submission,
    refusal_text,
    submission_errors,
    too_long_text,
)
from tests.support.slack_standin import SlackStandIn, validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)
DEADLINE = dt.datetime(2027, 3, 10, 12, 0, tzinfo=TZ)


def _opening(answers: Answers | None = None, place: str | None = "Malmö, Stadshuset") -> Opening:
    return Opening(7, STARTS, place, DEADLINE, answers)


def _view_problems(view: dict) -> list[str]:
    # The stand-in's own views.open checks (title, submit, blocks), without a server.
    problem = SlackStandIn()._check_view("views.open", view)
    return [] if problem is None else problem.get("response_metadata", {}).get("messages", [problem["error"]])


def _inputs(view: dict) -> dict[str, dict]:
    # The answers' text inputs (each is followed by its radio input: who reads the answer).
    return {
        b["block_id"]: b
        for b in view["blocks"]
        if b["type"] == "input" and b["element"]["type"] == "plain_text_input"
    }


def test_modal_asks_three_questions_for_the_meeting() -> None:
    view = build_checkin_modal(_opening(), TZ)
    assert _view_problems(view) == []
    assert view["callback_id"] == ids.CHECKIN_MODAL
    assert view["private_metadata"] == "7"
    assert len(view["title"]["text"]) <= 24
    inputs = _inputs(view)
    assert list(inputs) == [ids.CHECKIN_BLOCK_OCCUPYING, ids.CHECKIN_BLOCK_CHANGES, ids.CHECKIN_BLOCK_SUPPORT]
    assert inputs[ids.CHECKIN_BLOCK_OCCUPYING]["label"]["text"] == "Vad upptar min tid?"
    assert inputs[ids.CHECKIN_BLOCK_CHANGES]["label"]["text"] == "Planerade förändringar i min organisation"
    assert inputs[ids.CHECKIN_BLOCK_SUPPORT]["label"]["text"] == "Var vill jag ha stöd eller samverka?"
    assert inputs[ids.CHECKIN_BLOCK_OCCUPYING]["optional"] is False
    assert inputs[ids.CHECKIN_BLOCK_CHANGES]["optional"] is True
    assert inputs[ids.CHECKIN_BLOCK_SUPPORT]["optional"] is True
    for block in inputs.values():
        element = block["element"]
        assert element["action_id"] == ids.CHECKIN_INPUT
        assert element["multiline"] is True
        assert element["max_length"] == MAX_ANSWER_LENGTH
        assert "initial_value" not in element


def test_modal_names_meeting_place_and_deadline_in_swedish() -> None:
    view = build_checkin_modal(_opening(place="Kafé <Lund> & co"), TZ)
    context = " ".join(e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"])
    assert "torsdag 11 mars 2027 kl. 13.00" in context
    assert "onsdag 10 mars 2027 kl. 12.00" in context
    assert "Kafé &lt;Lund&gt; &amp; co" in context


def test_modal_is_filled_with_earlier_answers_as_written() -> None:
    earlier = Answers("Budget <!channel> & rekrytering", None, "Samverkan med <@U123>")
    inputs = _inputs(build_checkin_modal(_opening(earlier), TZ))
    assert inputs[ids.CHECKIN_BLOCK_OCCUPYING]["element"]["initial_value"] == earlier.occupying
    assert "initial_value" not in inputs[ids.CHECKIN_BLOCK_CHANGES]["element"]
    assert inputs[ids.CHECKIN_BLOCK_SUPPORT]["element"]["initial_value"] == earlier.support


def test_modal_in_english() -> None:
    view = build_checkin_modal(_opening(), TZ, "en")
    assert _inputs(view)[ids.CHECKIN_BLOCK_OCCUPYING]["label"]["text"] == "What is taking up my time?"
    assert _view_problems(view) == []


def _state(occupying: str | None, changes: str | None = None, support: str | None = None) -> dict:
    return {
        ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": occupying}},
        ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": changes}},
        ids.CHECKIN_BLOCK_SUPPORT: {ids.CHECKIN_INPUT: {"type": "plain_text_input", "value": support}},
    }


def test_submission_is_read_and_trimmed() -> None:
    answers = read_submission(_state("  Budget\nrekrytering  ", "   ", None))
    assert answers == {
        ids.CHECKIN_BLOCK_OCCUPYING: "Budget\nrekrytering",
        ids.CHECKIN_BLOCK_CHANGES: None,
        ids.CHECKIN_BLOCK_SUPPORT: None,
    }
    assert submission_errors(answers) == {}
    assert answers_from(answers) == Answers("Budget\nrekrytering", None, None)


@pytest.mark.parametrize("value", [None, "", "   \n  "])
def test_required_answer_missing(value: str | None) -> None:
    errors = submission_errors(read_submission(_state(value, "Ny chef")))
    assert list(errors) == [ids.CHECKIN_BLOCK_OCCUPYING]
    assert "Skriv" in errors[ids.CHECKIN_BLOCK_OCCUPYING]


def test_too_long_answers_are_refused_per_question() -> None:
    errors = submission_errors(read_submission(_state("x" * 3001, "ok", "y" * 5000)))
    assert set(errors) == {ids.CHECKIN_BLOCK_OCCUPYING, ids.CHECKIN_BLOCK_SUPPORT}
    assert (
        "3\u00a0001" in errors[ids.CHECKIN_BLOCK_OCCUPYING]
        and "3\u00a0000" in errors[ids.CHECKIN_BLOCK_OCCUPYING]
    )
    assert submission_errors(read_submission(_state("x" * 3000))) == {}


def test_garbled_state_counts_as_empty() -> None:
    assert read_submission({"checkin_occupying": "nonsense"})[ids.CHECKIN_BLOCK_OCCUPYING] is None
    assert read_submission({})[ids.CHECKIN_BLOCK_SUPPORT] is None


def test_saved_message_quotes_the_text_escaped_with_an_edit_button() -> None:
    opening = _opening()
    saved = Saved(opening, Answers("Hej <!channel> & <@U123>\nrad två"), created=True, changed=True)
    message = build_saved_message(saved, TZ)
    assert validate_blocks(message["blocks"]) == []
    assert message["text"]
    body = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "> Hej &lt;!channel&gt; &amp; &lt;@U123&gt;\n> rad två" in body
    assert "<!channel>" not in body and "<@U123>" not in body
    assert "torsdag 11 mars 2027 kl. 13.00" in body
    button = message["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"], button["text"]["text"]) == (
        ids.CHECKIN_OPEN,
        "7",
        "Svara på alla tre frågorna",
    )
    updated = build_saved_message(Saved(opening, Answers("x"), created=False, changed=True), TZ)
    assert "uppdaterat" in updated["blocks"][0]["text"]["text"]


def test_quote_of_a_long_text_stays_within_section_limits_and_keeps_everything() -> None:
    text = ("Budget & <planering> " * 400).strip()  # escapes to far more than 3000 characters
    sections = quote_sections(text)
    assert len(sections) > 1
    assert all(len(s["text"]["text"]) <= 3000 for s in sections)
    assert all(s["text"]["text"].startswith(">") for s in sections)
    joined = "".join(s["text"]["text"].replace("> ", "", 1) for s in sections)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert joined.replace(" ", "") == escaped.replace(" ", "")


def test_submitted_message_thanks_and_names_the_meeting() -> None:
    saved = Saved(_opening(), Answers("x"), created=True, changed=True)
    message = build_submitted_message(saved, TZ)
    assert validate_blocks(message["blocks"]) == []
    assert "Tack" in message["text"] and "torsdag 11 mars 2027" in message["text"]
    assert message["blocks"][-1]["elements"][0]["value"] == "7"


def test_refusals_are_swedish_and_name_the_deadline() -> None:
    closed = refusal_text(Refusal(Problem.CLOSED, STARTS, DEADLINE), TZ)
    assert "stängde onsdag 10 mars 2027 kl. 12.00" in closed
    assert "torsdag 11 mars 2027" in closed
    assert "medlemslista" in refusal_text(Refusal(Problem.NOT_MEMBER), TZ)
    assert "ingen planerad träff" in refusal_text(Refusal(Problem.NO_MEETING), TZ)
    assert "inställd" in refusal_text(Refusal(Problem.CANCELLED, STARTS), TZ)
    assert "redan börjat" in refusal_text(Refusal(Problem.STARTED, STARTS, DEADLINE), TZ)
    assert "finns inte längre" in refusal_text(Refusal(Problem.GONE), TZ)
    long = too_long_text(3500)
    assert "3\u00a0500" in long and "3\u00a0000" in long and "Exempel: `/incheckning" in long


def test_helpers() -> None:
    assert clean_answer("  a ") == "a"
    assert clean_answer(" \n ") is None
    assert clean_answer(None) is None
    assert parse_meeting_id("12") == 12
    assert parse_meeting_id(" 3 ") == 3
    for bad in (None, "", "abc", "-1", "0", "1.5"):
        assert parse_meeting_id(bad) is None


@pytest.mark.parametrize(
    ("encoded", "plain"),
    [
        ("A &amp; B &lt;3 &gt; 2", "A & B <3 > 2"),
        ("<!channel> kolla", "@channel kolla"),
        ("<!here>", "@here"),
        ("med <@U0ANNA|anna>", "med @anna"),
        ("med <@U0ANNA>", "med <@U0ANNA>"),
        ("i <#C0ADMIN|admin>", "i #admin"),
        ("se <https://finsam.se|Finsam>", "se Finsam (https://finsam.se)"),
        ("se <https://finsam.se>", "se https://finsam.se"),
        ("mejla <mailto:a@b.se|a@b.se>", "mejla a@b.se"),
        ("<!subteam^S1|@chefer> hej", "@chefer hej"),
        ("skrev &amp;lt; bokstavligt", "skrev &lt; bokstavligt"),
    ],
)
def test_text_from_slack_is_decoded_to_what_was_written(encoded: str, plain: str) -> None:
    assert from_slack_text(encoded) == plain
