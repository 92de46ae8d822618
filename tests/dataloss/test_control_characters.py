"""A NUL (or any other C0 control but tab and line feed) in user text is stripped where the text
enters, so a check-in, a place or a motivation saves the same on PostgreSQL as on SQLite."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from bot import ids
from bot.formatting import clean_text
from bot.runtime import Runtime
from storage.models import CheckIn, Meeting, Nomination
from tests.conftest import ORGANISER, SlackClient
from tests.dataloss.arrange import add_meeting
from tests.support.award_rounds import add_round
from tests.support.slack_standin import SlackStandIn

MEMBER = "U0MEMBER1"
DIRTY = "Budget\x00 och\x01 bemanning\x1b\r\n\tpå\x7f gång"
CLEAN = "Budget och bemanning\n\tpå\x7f gång"
MOTIVATION = (
    "Amir har byggt upp en gemensam ingång där Försäkringskassan, Arbetsförmedlingen och kommunen "
    "möter den som behöver stöd vid ett och samma tillfälle."
)


def _checkin(runtime: Runtime) -> CheckIn:
    with runtime.sessions() as s:
        return s.query(CheckIn).one()


def test_clean_text_keeps_tab_and_line_feed_only() -> None:
    assert clean_text("".join(map(chr, range(32)))) == "\t\n"
    assert clean_text(DIRTY) == CLEAN


def test_command_text_with_nul_is_saved(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    add_member(MEMBER)
    add_meeting(runtime)
    resp = slack.command("/incheckning", DIRTY, user=MEMBER)
    assert resp.status == 200 and "Något gick fel" not in resp.text
    assert _checkin(runtime).occupying == CLEAN


def test_modal_and_dm_reply_with_nul_are_saved(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    add_member(MEMBER)
    meeting_id = add_meeting(runtime)
    values = {
        block: {ids.CHECKIN_INPUT: DIRTY}
        for block in (ids.CHECKIN_BLOCK_OCCUPYING, ids.CHECKIN_BLOCK_CHANGES, ids.CHECKIN_BLOCK_SUPPORT)
    }
    resp = slack.submit(ids.CHECKIN_MODAL, values, user=MEMBER, private_metadata=str(meeting_id))
    assert resp.status == 200 and not resp.body
    row = _checkin(runtime)
    assert (row.occupying, row.changes, row.support) == (CLEAN, CLEAN, CLEAN)
    event = {"type": "message", "channel": "D0MEMBER1", "channel_type": "im", "user": MEMBER}
    assert slack.event({**event, "text": "Ny\x00 text", "ts": "1.000001"}).status == 200
    assert _checkin(runtime).pending_occupying == "Ny text"


def test_place_with_nul_is_saved(slack: SlackClient, runtime: Runtime) -> None:
    resp = slack.command("/chefsnatverket", "träff 2027-03-11 13:00 Stads\x00huset\x07", user=ORGANISER)
    assert resp.status == 200 and "Stadshuset" in resp.text
    with runtime.sessions() as s:
        assert s.query(Meeting).one().place == "Stadshuset"


def test_motivation_with_nul_is_saved_from_slack_and_from_the_web_form(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    award_round = add_round(runtime)
    values = {
        ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: {"type": "users_select", "selected_user": None}},
        ids.AWARD_BLOCK_NOMINEE_NAME: {
            ids.AWARD_INPUT: {"type": "plain_text_input", "value": "Amir\x00 Haddad"}
        },
        ids.AWARD_BLOCK_NOMINEE_ORG: {ids.AWARD_INPUT: {"type": "plain_text_input", "value": "Malmö stad"}},
        ids.AWARD_BLOCK_PARTNER: {ids.AWARD_INPUT: {"type": "plain_text_input", "value": None}},
        ids.AWARD_BLOCK_MOTIVATION: {
            ids.AWARD_INPUT: {"type": "plain_text_input", "value": "\x00" + MOTIVATION}
        },
    }
    metadata = json.dumps({"round": award_round.id})
    resp = slack.submit(ids.AWARD_MODAL, values, user=MEMBER, private_metadata=metadata)
    assert resp.status == 200 and not resp.body, resp.text
    # The web form: the same cleaning, for nominators outside Slack.
    page = slack.http.get(f"/guldlanken/{award_round.web_token}")
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    form = {
        "nominee_name": "Karin\x00 Lund",
        "nominee_organisation": "Region Skåne",
        "partner": "",
        "motivation": MOTIVATION + "\x00",
        "nominator_name": "Per\x1f Ek",
        "nominator_email": "per.ek@example.se",
        "csrf": csrf,
    }
    posted = slack.http.post(
        f"/guldlanken/{award_round.web_token}",
        urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert posted.status == 200, posted.text
    with runtime.sessions() as s:
        stored = [
            (n.nominee_name, n.motivation, n.nominator_name)
            for n in s.query(Nomination).order_by(Nomination.id)
        ]
    assert stored == [("Amir Haddad", MOTIVATION, None), ("Karin Lund", MOTIVATION, "Per Ek")]
