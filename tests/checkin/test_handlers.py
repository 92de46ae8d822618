"""The check-in through the front door: signed Slack requests in, database rows and the
stand-in's recorded Web API calls out."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from functools import partial
from typing import Any
from urllib.parse import quote

import pytest

from bot import ids
from bot.checkin import service as checkins
from bot.config import Settings
from bot.formatting import escape
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member
from tests.conftest import SECRET, SlackClient, make_settings
from tests.support import signing
from tests.support.arrange import add_meeting
from tests.support.arrange import dm_event as _dm_event
from tests.support.slack_standin import SlackStandIn

MEMBER = "U0MEMBER1"
OCC, CHG, SUP = ids.CHECKIN_BLOCK_OCCUPYING, ids.CHECKIN_BLOCK_CHANGES, ids.CHECKIN_BLOCK_SUPPORT
MEETING_WHEN = "torsdag 11 mars kl. 13.00"
DEADLINE_WHEN = "onsdag 10 mars kl. 12.00"


# ---------------------------------------------------------------- arranging and reading

_meeting = partial(add_meeting, place="Stadshuset, Malmö")


def _cancel(runtime: Runtime, meeting_id: int) -> None:
    with transaction(runtime.sessions) as s:
        s.get(Meeting, meeting_id).status = "cancelled"


def _remove(runtime: Runtime) -> None:
    with transaction(runtime.sessions) as s:
        s.query(Member).filter_by(slack_user_id=MEMBER).one().active = False


def _checkins(runtime: Runtime) -> list[CheckIn]:
    with runtime.sessions() as s:
        return list(s.query(CheckIn).order_by(CheckIn.id))


def _values(occupying: str | None, changes: str | None = None, support: str | None = None) -> dict[str, Any]:
    return {
        OCC: {ids.CHECKIN_INPUT: occupying},
        CHG: {ids.CHECKIN_INPUT: changes},
        SUP: {ids.CHECKIN_INPUT: support},
    }


def _submit(slack: SlackClient, meeting_id: int | str, *answers: str | None, user: str = MEMBER) -> Any:
    return slack.submit(ids.CHECKIN_MODAL, _values(*answers), user=user, private_metadata=str(meeting_id))


def _said(resp: Any) -> str:
    """The text of a command's HTTP answer (Bolt sends a bare text answer as text/plain)."""
    return resp.json()["text"] if resp.text.startswith("{") else resp.text


def _inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def _sections(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


# ---------------------------------------------------------------- /incheckning opens the modal


def test_command_opens_the_modal_for_the_next_meeting(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    later = _meeting(runtime, "2027-09-02T13:00")
    meeting_id = _meeting(runtime)
    resp = slack.command("/incheckning", "", user=MEMBER, trigger_id="trig.1")
    assert resp.status == 200
    assert resp.body == b""  # nothing to say: the modal is the answer
    [call] = standin.calls_to("views.open")
    assert call.ok, call.response
    assert call.params["trigger_id"] == "trig.1"
    view = call.params["view"]
    assert view["callback_id"] == ids.CHECKIN_MODAL
    assert view["private_metadata"] == str(meeting_id) != str(later)
    context = json.dumps(view["blocks"], ensure_ascii=False)
    assert MEETING_WHEN in context and DEADLINE_WHEN in context and "Stadshuset, Malmö" in context
    assert all("initial_value" not in element for element in _inputs(view).values())
    assert _checkins(runtime) == []


def test_modal_is_prefilled_with_earlier_answers_on_second_open(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    assert _submit(slack, meeting_id, "Budget\noch <!channel> & mer", None, "Samverkan").status == 200
    slack.command("/incheckning", "", user=MEMBER)
    view = standin.calls_to("views.open")[-1].params["view"]
    inputs = _inputs(view)
    assert inputs[OCC]["initial_value"] == "Budget\noch <!channel> & mer"  # as written
    assert "initial_value" not in inputs[CHG]
    assert inputs[SUP]["initial_value"] == "Samverkan"


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [
        ("non_member", "medlemslista"),
        ("inactive", "medlemslista"),
        ("no_meeting", "ingen planerad träff"),
        ("cancelled_only", "ingen planerad träff"),
        ("after_deadline", "stängde i dag kl. 12.00"),
    ],
)
def test_command_refusals(
    slack: SlackClient,
    runtime: Runtime,
    add_member: Any,
    standin: SlackStandIn,
    clock: Any,
    arrange: str,
    expected: str,
) -> None:
    if arrange != "non_member":
        add_member(MEMBER)
    if arrange == "inactive":
        _remove(runtime)
    if arrange in ("non_member", "inactive", "after_deadline"):
        _meeting(runtime)
    if arrange == "cancelled_only":
        _meeting(runtime, status="cancelled")
    if arrange == "after_deadline":
        clock.set("2027-03-10T12:00")  # the deadline itself: closed from then
    for text in ("", "Budget"):
        resp = slack.command("/incheckning", text, user=MEMBER)
        assert resp.status == 200
        assert expected in _said(resp)
    assert standin.calls_to("views.open") == []
    assert _checkins(runtime) == []


def test_command_just_before_the_deadline_still_opens(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, clock: Any
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    clock.set("2027-03-10T11:59")
    slack.command("/incheckning", "", user=MEMBER)
    assert standin.count("views.open", ok=True) == 1


def test_moved_deadline_uses_the_networks_policy(
    slack: SlackClient, runtime: Runtime, add_member: Any, clock: Any
) -> None:
    from storage.meetings import get_network

    add_member(MEMBER)
    _meeting(runtime)
    with transaction(runtime.sessions) as s:
        get_network(s).policy = {"meeting": {"deadline_summary": {"days": -3, "at": "16:00"}}}
    clock.set("2027-03-08T16:30")
    resp = slack.command("/incheckning", "Budget", user=MEMBER)
    assert "stängde i dag kl. 16.00" in _said(resp)


# ---------------------------------------------------------------- /incheckning <text>


def test_command_text_creates_then_updates_keeping_other_answers(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    resp = slack.command("/incheckning", "Budgetarbetet tar all tid", user=MEMBER)
    assert resp.status == 200
    answer = resp.json()
    assert "Budgetarbetet tar all tid" in _sections(answer["blocks"])
    assert MEETING_WHEN in _sections(answer["blocks"])
    button = answer["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"]) == (ids.CHECKIN_OPEN, str(meeting_id))
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support) == ("Budgetarbetet tar all tid", None, None)

    _submit(slack, meeting_id, "Från formuläret", "Omorganisation", "Unga vuxna")
    resp = slack.command("/incheckning", "Nu: rekrytering", user=MEMBER)
    assert "uppdaterat" in _sections(resp.json()["blocks"])
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support) == ("Nu: rekrytering", "Omorganisation", "Unga vuxna")
    assert standin.calls_to("views.open") == []


def test_command_text_is_decoded_stored_as_written_and_quoted_escaped(
    slack: SlackClient, runtime: Runtime, add_member: Any
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    # What Slack sends when a member types: @channel A & B <3
    resp = slack.command("/incheckning", "<!channel> A &amp; B &lt;3", user=MEMBER)
    [row] = _checkins(runtime)
    assert row.occupying == "@channel A & B <3"
    assert "> @channel A &amp; B &lt;3" in _sections(resp.json()["blocks"])


def test_command_text_too_long_is_refused_with_an_example(
    slack: SlackClient, runtime: Runtime, add_member: Any
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    resp = slack.command("/incheckning", "x" * 3001, user=MEMBER)
    text = _said(resp)
    assert "3\u00a0001" in text and "3\u00a0000" in text and "/incheckning" in text
    assert _checkins(runtime) == []
    slack.command("/incheckning", "x" * 3000, user=MEMBER)
    assert len(_checkins(runtime)[0].occupying) == 3000


@pytest.mark.parametrize("word", ["hjälp", "Hjälp", "help", "?"])
def test_command_help_explains_with_an_example(
    slack: SlackClient, runtime: Runtime, add_member: Any, word: str
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    text = _said(slack.command("/incheckning", word, user=MEMBER))
    assert "`/incheckning" in text and "t.ex." in text
    assert _checkins(runtime) == []


def test_command_whitespace_only_text_opens_the_modal(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    slack.command("/incheckning", "   ", user=MEMBER)
    assert standin.count("views.open", ok=True) == 1
    assert _checkins(runtime) == []


def test_views_open_failure_is_logged_and_answered_politely(
    slack: SlackClient,
    runtime: Runtime,
    add_member: Any,
    standin: SlackStandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    standin.expired_triggers.add("late.1")
    with caplog.at_level(logging.ERROR):
        resp = slack.command(
            "/incheckning", "", user=MEMBER, trigger_id="late.1", response_url=standin.response_url()
        )
    assert resp.status == 200
    assert standin.calls_to("views.open")[0].error == "expired_trigger_id"
    [answer] = standin.calls_to("response_url")
    assert "kunde inte öppna formuläret" in answer.params["text"]
    assert answer.params.get("response_type") == "ephemeral"
    assert any("could not open the check-in modal" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- the modal's submission


def test_valid_submission_saves_and_thanks_by_dm(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    resp = _submit(slack, meeting_id, "  Budget  ", "Ny chef", "  ")
    assert resp.status == 200 and resp.body == b""  # closes the modal
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support) == ("Budget", "Ny chef", None)
    [dm] = standin.messages_to(MEMBER)
    assert "Tack" in dm.params["text"] and MEETING_WHEN in dm.params["text"]
    button = dm.params["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"]) == (ids.CHECKIN_OPEN, str(meeting_id))

    _submit(slack, meeting_id, "Ändrat", None, "Stöd")
    [row] = _checkins(runtime)  # one check-in per member and meeting, updated
    assert (row.occupying, row.changes, row.support) == ("Ändrat", None, "Stöd")


@pytest.mark.parametrize(
    ("answers", "block", "expected"),
    [
        ((None, "Ny chef", None), OCC, "Skriv"),
        (("   \n ", None, None), OCC, "Skriv"),
        (("x" * 3001, None, None), OCC, "3\u00a0001"),
        (("ok", None, "y" * 3001), SUP, "3\u00a0001"),
    ],
)
def test_invalid_submission_shows_errors_and_stores_nothing(
    slack: SlackClient,
    runtime: Runtime,
    add_member: Any,
    standin: SlackStandIn,
    answers: tuple[str | None, ...],
    block: str,
    expected: str,
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    resp = _submit(slack, meeting_id, *answers)
    assert resp.status == 200
    body = resp.json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == [block]
    assert expected in body["errors"][block]
    assert _checkins(runtime) == []
    assert standin.calls_to("chat.postMessage") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("deadline", "stängde i dag kl. 12.00"),
        ("cancelled", "inställd"),
        ("removed", "medlemslista"),
        ("garbled", "vilken träff"),
        ("deleted", "finns inte längre"),
    ],
)
def test_submission_refused_when_things_changed_meanwhile(
    slack: SlackClient, runtime: Runtime, add_member: Any, clock: Any, change: str, expected: str
) -> None:
    add_member(MEMBER)
    meeting_id: int | str = _meeting(runtime)
    if change == "deadline":
        clock.set("2027-03-10T13:00")
    elif change == "cancelled":
        _cancel(runtime, int(meeting_id))
    elif change == "removed":
        _remove(runtime)
    elif change == "garbled":
        meeting_id = "abc"
    elif change == "deleted":
        meeting_id = 999
    body = _submit(slack, meeting_id, "Budget").json()
    assert body["response_action"] == "errors"
    assert expected in body["errors"][OCC]
    assert _checkins(runtime) == []


def test_submission_for_a_moved_meeting_uses_its_new_date(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    with transaction(runtime.sessions) as s:
        meeting = s.get(Meeting, meeting_id)
        meeting.starts_at = meeting.starts_at + dt.timedelta(days=7)
        meeting.version += 1
    assert _submit(slack, meeting_id, "Budget").body == b""
    assert "torsdag 18 mars" in standin.messages_to(MEMBER)[0].params["text"]


# ---------------------------------------------------------------- the "Ändra" button


def test_edit_button_opens_the_modal(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    slack.command("/incheckning", "Budget", user=MEMBER)
    resp = slack.action(ids.CHECKIN_OPEN, user=MEMBER, value=str(meeting_id), trigger_id="trig.9")
    assert resp.status == 200
    [call] = standin.calls_to("views.open")
    assert call.ok and call.params["trigger_id"] == "trig.9"
    assert call.params["view"]["private_metadata"] == str(meeting_id)
    assert _inputs(call.params["view"])[OCC]["initial_value"] == "Budget"


def test_button_without_value_opens_the_next_meeting(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    slack.action(ids.CHECKIN_OPEN, user=MEMBER, view={"type": "home", "id": "VHOME"})
    assert standin.calls_to("views.open")[0].params["view"]["private_metadata"] == str(meeting_id)


def test_button_for_a_cancelled_meeting_answers_politely_where_it_was_pressed(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    _cancel(runtime, meeting_id)
    slack.action(ids.CHECKIN_OPEN, user=MEMBER, value=str(meeting_id), response_url=standin.response_url())
    assert standin.calls_to("views.open") == []
    [answer] = standin.calls_to("response_url")
    assert "inställd" in answer.params["text"]
    assert answer.params["replace_original"] is False  # the invitation stays as it was


def test_button_on_app_home_after_the_deadline_answers_by_dm(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, clock: Any
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    clock.set("2027-03-11T09:00")
    slack.action(ids.CHECKIN_OPEN, user=MEMBER, value=str(meeting_id), view={"type": "home", "id": "VHOME"})
    assert standin.calls_to("views.open") == []
    [dm] = standin.messages_to(MEMBER)
    assert "stängde i går kl. 12.00" in dm.params["text"]


def test_button_for_a_past_meeting(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, clock: Any
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    clock.set("2027-03-12T09:00")
    slack.action(ids.CHECKIN_OPEN, user=MEMBER, value=str(meeting_id), response_url=standin.response_url())
    assert "redan börjat" in standin.calls_to("response_url")[0].params["text"]


def test_button_with_an_expired_trigger(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    standin.expired_triggers.add("old.1")
    slack.action(
        ids.CHECKIN_OPEN,
        user=MEMBER,
        value=str(meeting_id),
        trigger_id="old.1",
        response_url=standin.response_url(),
    )
    assert "kunde inte öppna formuläret" in standin.calls_to("response_url")[0].params["text"]


# ---------------------------------------------------------------- a plain reply in the DM


def test_dm_reply_saves_the_answer_and_confirms(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    resp = slack.event(_dm_event("Just nu: <!here> budget &amp; bemanning"))
    assert resp.status == 200
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support, row.pending_occupying) == (
        "Just nu: @here budget & bemanning",
        None,
        None,
        None,
    )
    [dm] = standin.messages_to(MEMBER)
    body = _sections(dm.params["blocks"])
    assert "> Just nu: @here budget &amp; bemanning" in body
    button = dm.params["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"]) == (ids.CHECKIN_OPEN, str(meeting_id))


def test_dm_reply_with_the_same_text_confirms_again(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    _submit(slack, meeting_id, "Budget", "Förändring", "Stöd")
    standin.reset()
    slack.event(_dm_event("Budget"))
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support, row.pending_occupying) == (
        "Budget",
        "Förändring",
        "Stöd",
        None,
    )
    [dm] = standin.messages_to(MEMBER)
    assert "> Budget" in _sections(dm.params["blocks"])
    assert dm.params["blocks"][-1]["elements"][0]["action_id"] == ids.CHECKIN_OPEN


# ---------------------------------------------------------------- a DM reply after an answer


PENDING_IDS = [ids.CHECKIN_PENDING_REPLACE, ids.CHECKIN_PENDING_APPEND, ids.CHECKIN_PENDING_KEEP]


def _answered_then_dm(
    slack: SlackClient,
    runtime: Runtime,
    standin: SlackStandIn,
    answer: str = "Budget & bemanning",
    dm: str = "Tack!",
) -> int:
    """A member who answered in the modal, then wrote `dm` in the DM; the stand-in is reset first."""
    meeting_id = _meeting(runtime)
    _submit(slack, meeting_id, answer, "Förändring", "Stöd")
    standin.reset()
    slack.event(_dm_event(dm))
    return meeting_id


def _press(
    slack: SlackClient, standin: SlackStandIn, action_id: str, meeting_id: int, user: str = MEMBER
) -> Any:
    return slack.action(action_id, user=user, value=str(meeting_id), response_url=standin.response_url())


def test_a_different_dm_reply_asks_and_keeps_the_answer(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    _submit(slack, meeting_id, "Budget & <!channel>", "Förändring", "Stöd")
    [before] = _checkins(runtime)
    standin.reset()
    assert slack.event(_dm_event("Tack! &lt;3 <!here>")).status == 200
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support) == ("Budget & <!channel>", "Förändring", "Stöd")
    assert row.pending_occupying == "Tack! <3 @here"
    assert row.updated_at == before.updated_at  # the answer did not change
    [dm] = standin.messages_to(MEMBER)
    body = _sections(dm.params["blocks"])
    assert "redan svarat" in body and MEETING_WHEN in body
    assert "> Budget &amp; &lt;!channel&gt;" in body
    assert "> Tack! &lt;3 @here" in body
    assert "<!" not in body
    assert dm.params["text"]
    buttons = dm.params["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == PENDING_IDS
    assert [b["text"]["text"] for b in buttons] == ["Byt ut", "Lägg till", "Behåll mitt svar"]
    assert {b["value"] for b in buttons} == {str(meeting_id)}

    slack.event(_dm_event("Nej, nu gäller: rekrytering"))  # a newer reply replaces the pending one
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Budget & <!channel>", "Nej, nu gäller: rekrytering")
    assert len(standin.messages_to(MEMBER)) == 2


@pytest.mark.parametrize(
    ("action_id", "occupying", "said"),
    [
        (ids.CHECKIN_PENDING_REPLACE, "Rekrytering & <b>", "Klart!"),
        (ids.CHECKIN_PENDING_APPEND, "Budget\nRekrytering & <b>", "lagt till"),
        (ids.CHECKIN_PENDING_KEEP, "Budget", "behåller"),
    ],
)
def test_each_button_settles_the_pending_reply(
    slack: SlackClient,
    runtime: Runtime,
    add_member: Any,
    standin: SlackStandIn,
    action_id: str,
    occupying: str,
    said: str,
) -> None:
    add_member(MEMBER)
    meeting_id = _answered_then_dm(slack, runtime, standin, answer="Budget", dm="Rekrytering &amp; &lt;b&gt;")
    assert _checkins(runtime)[0].pending_occupying == "Rekrytering & <b>"
    assert _press(slack, standin, action_id, meeting_id).status == 200
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.support, row.pending_occupying) == (
        occupying,
        "Förändring",
        "Stöd",
        None,
    )
    [answer] = standin.calls_to("response_url")
    assert answer.params["replace_original"] is True
    body = _sections(answer.params["blocks"])
    assert said in body and MEETING_WHEN in body
    quoted = "\n".join("> " + line for line in escape(occupying).split("\n"))
    assert quoted in body and "<b>" not in body
    button = answer.params["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"]) == (ids.CHECKIN_OPEN, str(meeting_id))
    assert answer.params["text"]

    # Pressed again (or another of the buttons): nothing is pending any more.
    _press(slack, standin, ids.CHECKIN_PENDING_REPLACE, meeting_id)
    again = standin.calls_to("response_url")[-1]
    assert "inget att göra" in again.params["text"] and again.params["replace_original"] is False
    assert _checkins(runtime)[0].occupying == occupying


def test_append_over_the_limit_is_refused_and_keeps_the_pending_text(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _answered_then_dm(slack, runtime, standin, answer="a" * 2000, dm="b" * 1500)
    _press(slack, standin, ids.CHECKIN_PENDING_APPEND, meeting_id)
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("a" * 2000, "b" * 1500)
    [answer] = standin.calls_to("response_url")
    assert "3\u00a0501" in answer.params["text"] and "3\u00a0000" in answer.params["text"]
    assert answer.params["replace_original"] is False  # the question stays for another choice
    _press(slack, standin, ids.CHECKIN_PENDING_REPLACE, meeting_id)
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("b" * 1500, None)


def test_a_retried_dm_reply_does_not_ask_twice(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _meeting(runtime)
    _submit(slack, meeting_id, "Budget")
    standin.reset()
    body, headers = signing.event_callback(SECRET, _dm_event("Tack!"), event_id="Ev0RETRY02")
    assert slack.http.post("/slack/events", body, headers).status == 200
    retry_headers = {**headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert slack.http.post("/slack/events", body, retry_headers).status == 200
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Budget", "Tack!")
    assert len(standin.messages_to(MEMBER)) == 1


def test_explicit_edits_drop_the_pending_reply(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    meeting_id = _answered_then_dm(slack, runtime, standin)
    assert _submit(slack, meeting_id, "Från formuläret", "Ny", None).body == b""
    [row] = _checkins(runtime)
    assert (row.occupying, row.changes, row.pending_occupying) == ("Från formuläret", "Ny", None)
    _press(slack, standin, ids.CHECKIN_PENDING_REPLACE, meeting_id)
    assert "inget att göra" in standin.calls_to("response_url")[-1].params["text"]
    assert _checkins(runtime)[0].occupying == "Från formuläret"

    slack.event(_dm_event("Tack igen"))
    assert _checkins(runtime)[0].pending_occupying == "Tack igen"
    slack.command("/incheckning", "Nu: rekrytering", user=MEMBER)
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Nu: rekrytering", None)

    slack.event(_dm_event("Tack en gång till"))
    assert _checkins(runtime)[0].pending_occupying == "Tack en gång till"
    slack.action(ids.CHECKIN_OPEN, user=MEMBER, value=str(meeting_id))
    assert standin.calls_to("views.open")[-1].ok
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Nu: rekrytering", None)


@pytest.mark.parametrize("who", ["stranger", "removed"])
def test_a_non_member_pressing_a_pending_button_is_refused(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, who: str
) -> None:
    add_member(MEMBER)
    meeting_id = _answered_then_dm(slack, runtime, standin)
    if who == "removed":
        _remove(runtime)
    _press(
        slack,
        standin,
        ids.CHECKIN_PENDING_REPLACE,
        meeting_id,
        user=MEMBER if who == "removed" else "U0STRANGER",
    )
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Budget & bemanning", "Tack!")
    [answer] = standin.calls_to("response_url")
    assert "medlemslista" in answer.params["text"] and answer.params["replace_original"] is False


def test_a_pending_button_after_the_deadline_is_refused(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, clock: Any
) -> None:
    add_member(MEMBER)
    meeting_id = _answered_then_dm(slack, runtime, standin)
    clock.set("2027-03-10T15:00")
    _press(slack, standin, ids.CHECKIN_PENDING_APPEND, meeting_id)
    [row] = _checkins(runtime)
    assert (row.occupying, row.pending_occupying) == ("Budget & bemanning", "Tack!")
    [answer] = standin.calls_to("response_url")
    assert "stängde i dag kl. 12.00" in answer.params["text"]


def test_dm_retry_is_not_answered_twice(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    event = _dm_event("Budget")
    body, headers = signing.event_callback(SECRET, event, event_id="Ev0RETRY01")
    assert slack.http.post("/slack/events", body, headers).status == 200
    retry_headers = {**headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert slack.http.post("/slack/events", body, retry_headers).status == 200
    assert len(_checkins(runtime)) == 1
    assert len(standin.messages_to(MEMBER)) == 1


def test_dm_retry_of_a_message_we_never_saw_is_answered(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    body, headers = signing.event_callback(SECRET, _dm_event("Budget"))
    slack.http.post("/slack/events", body, {**headers, "X-Slack-Retry-Num": "2"})
    assert _checkins(runtime)[0].occupying == "Budget"
    assert len(standin.messages_to(MEMBER)) == 1


@pytest.mark.parametrize(
    "event",
    [
        _dm_event("från en bot", bot_id="B0OTHER"),
        _dm_event("bot_message", subtype="bot_message"),
        {**_dm_event("ändrat"), "subtype": "message_changed", "message": {"text": "ändrat"}},
        {**_dm_event("kanal"), "channel_type": "channel", "channel": "C0GENERAL"},
        {k: v for k, v in _dm_event("utan avsändare").items() if k != "user"},
    ],
)
def test_messages_that_are_not_answers_are_ignored(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn, event: dict[str, Any]
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    resp = slack.event(event)
    assert resp.status < 500
    assert _checkins(runtime) == []
    assert standin.calls_to("chat.postMessage") == []


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [("non_member", "medlemslista"), ("no_meeting", "ingen planerad träff"), ("closed", "stängde")],
)
def test_dm_reply_refusals_are_explained(
    slack: SlackClient,
    runtime: Runtime,
    add_member: Any,
    standin: SlackStandIn,
    clock: Any,
    arrange: str,
    expected: str,
) -> None:
    if arrange != "non_member":
        add_member(MEMBER)
    if arrange != "no_meeting":
        _meeting(runtime)
    if arrange == "closed":
        clock.set("2027-03-10T15:00")
    slack.event(_dm_event("Budget"))
    assert _checkins(runtime) == []
    [dm] = standin.messages_to(MEMBER)
    assert expected in dm.params["text"]


def test_dm_reply_too_long_is_refused(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    slack.event(_dm_event("y" * 3200))
    assert _checkins(runtime) == []
    assert "3\u00a0200" in standin.messages_to(MEMBER)[0].params["text"]


# ---------------------------------------------------------------- raw user text end to end


def test_channel_mention_in_an_answer_is_stored_raw_and_posted_escaped(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    from bot.checkin.summary import post_checkin_summary

    add_member(MEMBER, "Region Skåne", "Eva <@U0BEN>")
    meeting_id = _meeting(runtime)
    _submit(slack, meeting_id, "<!channel> titta & <@U0ANNA>", "<!here>", None)
    [row] = _checkins(runtime)
    assert row.occupying == "<!channel> titta & <@U0ANNA>"
    post_checkin_summary(runtime, meeting_id, "C0ADMIN")
    [summary] = standin.messages_to("C0ADMIN")
    posted = json.dumps(summary.params["blocks"], ensure_ascii=False)
    assert "&lt;!channel&gt; titta &amp; &lt;@U0ANNA&gt;" in posted
    assert "Eva &lt;@U0BEN&gt;" in posted
    for raw in ("<!channel>", "<!here>", "<@U0ANNA>", "<@U0BEN>"):
        assert raw not in posted


# ---------------------------------------------------------------- requests that are not Slack's


def test_bad_signature_is_refused_and_nothing_stored(
    slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    body, headers = signing.slash_command("wrong-secret", "/incheckning", "Budget", MEMBER)
    assert slack.http.post("/slack/events", body, headers).status == 401
    body, headers = signing.event_callback("wrong-secret", _dm_event("Budget"))
    assert slack.http.post("/slack/events", body, headers).status == 401
    assert _checkins(runtime) == []
    assert standin.calls == []


def test_stale_timestamp_is_refused(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    stale = int(time.time()) - 6 * 60
    body, headers = signing.slash_command(SECRET, "/incheckning", "Budget", MEMBER, timestamp=stale)
    assert slack.http.post("/slack/events", body, headers).status == 401
    body, headers = signing.view_submission(
        SECRET, MEMBER, ids.CHECKIN_MODAL, _values("Budget"), private_metadata="1", timestamp=stale
    )
    assert slack.http.post("/slack/events", body, headers).status == 401
    assert _checkins(runtime) == []


@pytest.mark.parametrize(
    "body",
    [
        "payload=" + quote("{not json"),
        "hello there",
        "payload=" + quote(json.dumps({"type": "view_submission"})),
    ],
)
def test_signed_garbage_gets_a_4xx_and_the_server_keeps_serving(
    slack: SlackClient, runtime: Runtime, add_member: Any, body: str
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    headers = signing.sign(SECRET, body, content_type="application/x-www-form-urlencoded")
    resp = slack.http.post("/slack/events", body, headers)
    assert 400 <= resp.status < 500
    assert _checkins(runtime) == []
    assert slack.command("/incheckning", "Budget", user=MEMBER).status == 200
    assert len(_checkins(runtime)) == 1


# ---------------------------------------------------------------- the same on PostgreSQL


class TestOnBothDatabases:
    """The main paths once on SQLite and once on PostgreSQL."""

    @pytest.fixture
    def settings(self, any_db_url: str, standin: SlackStandIn) -> Settings:
        # any_db_url is parametrized: every test here runs on SQLite and on PostgreSQL.
        return make_settings(any_db_url, standin.url)

    def test_command_modal_submit_and_dm(
        self, slack: SlackClient, runtime: Runtime, add_member: Any, standin: SlackStandIn
    ) -> None:
        add_member(MEMBER)
        meeting_id = _meeting(runtime)
        slack.command("/incheckning", "Först", user=MEMBER)
        slack.command("/incheckning", "", user=MEMBER)
        assert _inputs(standin.calls_to("views.open")[0].params["view"])[OCC]["initial_value"] == "Först"
        assert _submit(slack, meeting_id, "Budget", "Ny chef", None).body == b""
        slack.event(_dm_event("Från DM"))
        [row] = _checkins(runtime)
        assert (row.occupying, row.pending_occupying) == ("Budget", "Från DM")  # asked, not overwritten
        assert len(standin.messages_to(MEMBER)) == 2  # the modal's thank-you and the DM question
        slack.action(ids.CHECKIN_PENDING_REPLACE, user=MEMBER, value=str(meeting_id))
        [row] = _checkins(runtime)
        assert (row.occupying, row.changes, row.support, row.pending_occupying) == (
            "Från DM",
            "Ny chef",
            None,
            None,
        )
        assert row.updated_at.tzinfo is not None
        assert standin.calls_to("response_url")[-1].params["replace_original"] is True

    def test_double_submit_race(
        self, slack: SlackClient, runtime: Runtime, add_member: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        add_member(MEMBER)
        meeting_id = _meeting(runtime)
        _submit(slack, meeting_id, "Första")
        real = checkins.checkin_for
        blind = {"left": 1}  # the save reads the row once: hide it from the first attempt

        def racing(session: Any, meeting: int, member: int) -> Any:
            if blind["left"]:
                blind["left"] -= 1
                return None
            return real(session, meeting, member)

        monkeypatch.setattr(checkins, "checkin_for", racing)
        assert _submit(slack, meeting_id, "Andra").body == b""
        assert [r.occupying for r in _checkins(runtime)] == ["Andra"]
