"""Multi-part posts stay under Slack's ~12,000 characters of block text per message
(`msg_blocks_too_long`), checked by the stand-in's own rules and through the stand-in itself."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.admin.views import MemberGroup, Person, build_member_list
from bot.checkin.summary import CheckinSummary, MemberCheckin, OrganisationCheckins, render_checkin_summary
from bot.delivery.errors import PERMANENT_ERRORS
from bot.delivery.views import ReportItem, build_failure_report
from bot.formatting import paginate, sections
from bot.pulse.service import PulseComment, PulseSummary
from bot.pulse.views import build_pulse_summary
from tests.support.blockkit import MESSAGE_BLOCK_TEXT_MAX, block_text_length, check_message, validate_blocks
from tests.support.slack_standin import SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)


def _all_accepted(messages: list[dict[str, Any]], standin: SlackStandIn) -> str:
    """Every message passes Slack's checks (and the stand-in stores it); all their text, joined."""
    client = WebClient(token="xoxb-test", base_url=standin.url)
    for message in messages:
        assert check_message(message) is None
        assert block_text_length(message["blocks"]) <= MESSAGE_BLOCK_TEXT_MAX
        assert client.chat_postMessage(channel="C0ADMIN", **message)["ok"]
    return "\n".join(str(m["blocks"]) for m in messages)


def test_checkin_summary_of_12_long_checkins_is_split(standin: SlackStandIn) -> None:
    # The case: 12 members writing 1,300 characters each made one message of 17,196.
    checkins = tuple(MemberCheckin(f"Chef {n}", f"{n}:" + "o" * 1298, "c" * 10, None) for n in range(12))
    summary = CheckinSummary(1, STARTS, "Malmö", (OrganisationCheckins("Region Skåne", checkins),), ())
    messages = render_checkin_summary(summary, TZ)
    assert len(messages) >= 2
    text = _all_accepted(messages, standin)
    assert all(f"{n}:" + "o" * 1298 in text for n in range(12))  # nothing left out


def test_pulse_summary_of_16_long_comments_is_split(standin: SlackStandIn) -> None:
    comments = tuple(PulseComment(f"Chef {n}", "Kommunen", f"{n}:" + "k" * 800) for n in range(16))
    summary = PulseSummary(1, STARTS, ("A",) * 16, (), (), comments)
    messages = build_pulse_summary(summary, TZ, "sv")
    assert len(messages) >= 2
    text = _all_accepted(messages, standin)
    assert all(f"{n}:" + "k" * 800 in text for n in range(16))


def test_failure_report_with_many_long_lines_is_split(standin: SlackStandIn) -> None:
    items = [ReportItem(f"Utskick {n}", "igår", [("x" * 1400, "fel")], 0) for n in range(12)]
    _all_accepted(build_failure_report(items, "sv"), standin)


def test_paginate_keeps_each_page_within_the_text_budget() -> None:
    blocks = sections("a" * 3000) * 5
    pages = paginate(blocks, 49)
    assert [len(p) for p in pages] == [3, 2]
    assert paginate(sections("short") * 3, 49) == [sections("short") * 3]


def test_a_refused_size_or_scope_is_not_retried() -> None:
    assert {"msg_blocks_too_long", "missing_scope"} <= PERMANENT_ERRORS


def test_member_list_with_many_organisers_keeps_the_context_line_within_slack_limits() -> None:
    groups = [MemberGroup("Region Skåne", (Person("U1", "Anna"),))]
    organisers = [f"U{n:010d}" for n in range(200)]  # 200 mentions: about 3,000 characters
    message = build_member_list(groups, organisers, "sv")
    assert validate_blocks(message["blocks"]) == []
