"""References a modal carries back in private_metadata are claims, not facts: a forged pulse
comment submission cannot make the app overwrite another message it sent."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.pulse.views import COMMENT_BLOCK, COMMENT_INPUT, encode_metadata
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import Delivery, PulseAnswer
from tests.conftest import ORGANISER, SlackClient
from tests.dataloss.arrange import add_meeting
from tests.support.slack_standin import SlackStandIn

MEMBER = "U0MEMBER1"
DM, QUESTION_TS = "D0MEMBER1", "1700000000.000100"
ORGANISERS, SUMMARY_TS = "C0ADMIN", "1700000000.000900"


def _held_meeting(runtime: Runtime, *, question_sent: bool) -> int:
    """A meeting that has taken place, its pulse summary in the organisers' channel, and
    (when `question_sent`) the member's pulse question in their DM."""
    meeting_id = add_meeting(runtime, dt.datetime(2026, 12, 15, 13, tzinfo=ZoneInfo("Europe/Stockholm")))
    with transaction(runtime.sessions) as s:
        sent = {"state": "sent", "sent_at": runtime.now()}
        s.add(
            Delivery(
                send_key=f"meeting:{meeting_id}:pulse_summary",
                recipient=ORGANISERS,
                kind="pulse_summary",
                slack_channel=ORGANISERS,
                slack_ts=SUMMARY_TS,
                **sent,
            )
        )
        if question_sent:
            s.add(
                Delivery(
                    send_key=f"meeting:{meeting_id}:pulse",
                    recipient=MEMBER,
                    kind="pulse",
                    slack_channel=DM,
                    slack_ts=QUESTION_TS,
                    **sent,
                )
            )
    return meeting_id


def _forge(slack: SlackClient, meeting_id: int, channel: str, ts: str) -> Any:
    return slack.submit(
        ids.PULSE_COMMENT_MODAL,
        {COMMENT_BLOCK: {COMMENT_INPUT: "Ersatt!"}},
        user=MEMBER,
        private_metadata=encode_metadata(meeting_id, channel, ts),
    )


def test_a_forged_channel_and_ts_update_only_the_members_own_question(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    add_member(MEMBER)
    meeting_id = _held_meeting(runtime, question_sent=True)
    assert _forge(slack, meeting_id, ORGANISERS, SUMMARY_TS).json()["response_action"] == "update"
    with runtime.sessions() as s:
        assert s.query(PulseAnswer).one().comment == "Ersatt!"  # the comment itself is the member's own
    [update] = standin.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (DM, QUESTION_TS)


def test_without_a_question_sent_to_the_member_nothing_is_updated(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    add_member(MEMBER)
    add_member(ORGANISER)
    meeting_id = _held_meeting(runtime, question_sent=False)
    assert _forge(slack, meeting_id, ORGANISERS, SUMMARY_TS).json()["response_action"] == "update"
    assert standin.calls_to("chat.update") == []
