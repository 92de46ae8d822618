""" "Vill ni träffas igen?" through the front door: signed button clicks and modal submissions in,
stored answers and the stand-in's recorded calls out."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import ids
from bot.pulse.service import MAX_COMMENT_LENGTH, Problem, Refusal
from bot.pulse.views import COMMENT_BLOCK, COMMENT_INPUT, encode_metadata, refusal_text
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import Delivery, Meeting, Member, Network, PulseAnswer
from tests.conftest import SlackClient
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn, validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
MEMBER = "U0MEMBER1"
DM = "D0MEMBER1"
TS = "1700000000.000100"


@pytest.fixture
def meeting(runtime: Runtime, add_member: Any) -> int:
    """A meeting held before the frozen clock's 4 January 2027, and one member."""
    add_member(MEMBER, "Försäkringskassan", name="Karin Karlsson")
    with transaction(runtime.sessions) as s:
        m = Meeting(starts_at=dt.datetime(2026, 12, 15, 13, 0, tzinfo=TZ), place="Stadshuset")
        s.add(m)
        s.flush()
        # The question went to the member's DM as message TS (the comment updates it there).
        s.add(
            Delivery(
                send_key=f"meeting:{m.id}:pulse",
                recipient=MEMBER,
                kind="pulse",
                state="sent",
                slack_channel=DM,
                slack_ts=TS,
            )
        )
        return m.id


def click(slack: SlackClient, standin: SlackStandIn, action_id: str, value: str, user: str = MEMBER) -> Any:
    return slack.action(
        action_id,
        user=user,
        value=value,
        channel_id=DM,
        message={"ts": TS},
        response_url=standin.response_url("pulse"),
        trigger_id="trigger-1",
    )


def answers(runtime: Runtime) -> list[tuple[str | None, str | None]]:
    with runtime.sessions() as s:
        return [(a.answer, a.comment) for a in s.scalars(select(PulseAnswer).order_by(PulseAnswer.id))]


def said(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [c.params for c in standin.calls_to(RESPONSE_URL)]


def submit(slack: SlackClient, comment: str | None, meeting_id: int | str, user: str = MEMBER) -> Any:
    metadata = encode_metadata(int(meeting_id), DM, TS) if str(meeting_id).isdigit() else str(meeting_id)
    return slack.submit(
        ids.PULSE_COMMENT_MODAL,
        {COMMENT_BLOCK: {COMMENT_INPUT: comment}},
        user=user,
        private_metadata=metadata,
    )


# ---------------------------------------------------------------- Ja / Nej


def test_yes_is_stored_and_the_message_shows_it(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    resp = click(slack, standin, ids.PULSE_YES, str(meeting))
    assert resp.status == 200
    assert answers(runtime) == [("yes", None)]
    [update] = said(standin)
    assert update["replace_original"] is True
    text = json.dumps(update["blocks"], ensure_ascii=False)
    assert "Du har svarat *Ja*" in text and "ändra svaret" in text
    actions = update["blocks"][-1]["elements"]
    assert [a["action_id"] for a in actions] == [ids.PULSE_YES, ids.PULSE_NO, ids.PULSE_COMMENT_OPEN]
    assert actions[0].get("style") == "primary" and "style" not in actions[1]


def test_an_answer_can_be_changed_and_stays_one_row(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    click(slack, standin, ids.PULSE_YES, str(meeting))
    click(slack, standin, ids.PULSE_NO, str(meeting))
    click(slack, standin, ids.PULSE_NO, str(meeting))
    assert answers(runtime) == [("no", None)]
    assert "Du har svarat *Nej*" in json.dumps(said(standin)[-1]["blocks"], ensure_ascii=False)


def test_a_non_member_gets_a_polite_no_and_nothing_is_stored(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    click(slack, standin, ids.PULSE_YES, str(meeting), user="U0STRANGER")
    assert answers(runtime) == []
    [answer] = said(standin)
    assert answer["response_type"] == "ephemeral" and answer.get("replace_original") is False
    assert "medlemslistan" in answer["text"]


def test_a_removed_member_cannot_answer(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        member = s.scalar(select(Member).where(Member.slack_user_id == MEMBER))
        assert member is not None
        member.active = False
    click(slack, standin, ids.PULSE_NO, str(meeting))
    assert answers(runtime) == []


@pytest.mark.parametrize("value", ["", "abc", "99999", "-1"])
def test_an_unknown_meeting_is_refused(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int, value: str
) -> None:
    click(slack, standin, ids.PULSE_YES, value)
    assert answers(runtime) == []
    assert "finns inte längre" in said(standin)[0]["text"]


def test_a_cancelled_meeting_is_refused(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        m = s.get(Meeting, meeting)
        assert m is not None
        m.status = "cancelled"
    click(slack, standin, ids.PULSE_YES, str(meeting))
    assert answers(runtime) == []


def test_a_meeting_that_has_not_happened_is_refused(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        future = Meeting(starts_at=dt.datetime(2027, 3, 1, 13, 0, tzinfo=TZ))
        s.add(future)
        s.flush()
        future_id = future.id
    click(slack, standin, ids.PULSE_YES, str(future_id))
    assert answers(runtime) == []
    assert "inte ägt rum" in said(standin)[0]["text"]


# ---------------------------------------------------------------- the comment


def test_the_comment_button_opens_the_modal_filled_with_the_earlier_comment(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    submit(slack, "Första tanken", meeting)
    click(slack, standin, ids.PULSE_COMMENT_OPEN, str(meeting))
    [call] = standin.calls_to("views.open")
    assert call.ok and call.params["trigger_id"] == "trigger-1"
    view = call.params["view"]
    assert view["callback_id"] == ids.PULSE_COMMENT_MODAL
    assert json.loads(view["private_metadata"]) == {"meeting": meeting, "channel": DM, "ts": TS}
    [field] = [b for b in view["blocks"] if b["type"] == "input"]
    assert field["block_id"] == COMMENT_BLOCK
    assert field["element"]["initial_value"] == "Första tanken"
    assert field["element"]["max_length"] == MAX_COMMENT_LENGTH


def test_the_comment_button_refuses_a_non_member(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    click(slack, standin, ids.PULSE_COMMENT_OPEN, str(meeting), user="U0STRANGER")
    assert standin.calls_to("views.open") == []
    assert "medlemslistan" in said(standin)[0]["text"]


def test_a_comment_is_stored_thanked_and_shown_in_the_question(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    click(slack, standin, ids.PULSE_YES, str(meeting))
    resp = submit(slack, "  Mer tid för <!here> samverkan  ", meeting)
    body = resp.json()
    assert body["response_action"] == "update"
    assert "Tack" in json.dumps(body["view"], ensure_ascii=False)
    assert len(body["view"]["title"]["text"]) <= 24
    assert validate_blocks(body["view"]["blocks"], max_blocks=100) == []
    assert answers(runtime) == [("yes", "Mer tid för <!here> samverkan")]
    [update] = standin.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (DM, TS)
    assert "kommentar är sparad" in json.dumps(update.params["blocks"], ensure_ascii=False)


def test_a_comment_alone_is_stored_without_an_answer(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    submit(slack, "Bra träff", meeting)
    submit(slack, "Mycket bra träff", meeting)
    assert answers(runtime) == [(None, "Mycket bra träff")]


@pytest.mark.parametrize(
    ("comment", "error"),
    [("", "Skriv en kommentar"), ("   ", "Skriv en kommentar"), ("x" * (MAX_COMMENT_LENGTH + 1), "högst")],
)
def test_an_invalid_comment_keeps_the_modal_open_with_an_error(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int, comment: str, error: str
) -> None:
    body = submit(slack, comment, meeting).json()
    assert body["response_action"] == "errors"
    assert error in body["errors"][COMMENT_BLOCK]
    assert answers(runtime) == []


def test_a_comment_from_a_non_member_is_refused_in_the_modal(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    body = submit(slack, "Hej", meeting, user="U0STRANGER").json()
    assert body["response_action"] == "errors"
    assert "medlemslistan" in body["errors"][COMMENT_BLOCK]
    assert answers(runtime) == []


def test_a_comment_with_malformed_metadata_is_refused(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    body = submit(slack, "Hej", "not json").json()
    assert body["response_action"] == "errors"
    assert answers(runtime) == []


def test_the_refusal_names_the_network_the_question_came_from(
    slack: SlackClient, standin: SlackStandIn, runtime: Runtime, meeting: int
) -> None:
    with transaction(runtime.sessions) as s:
        s.get_one(Network, 1).name = "Unga vuxna & co"
    click(slack, standin, ids.PULSE_YES, str(meeting), user="U0STRANGER")
    [answer] = said(standin)
    assert "Frågan går till Unga vuxna &amp; cos medlemmar" in answer["text"]
    assert refusal_text(Refusal(Problem.NOT_MEMBER, "Unga vuxna & co"), "sv", mrkdwn=False).startswith(
        "Frågan går till Unga vuxna & cos medlemmar"
    )
