"""Property: an answer marked Bara samordnarna never appears in any member-facing payload — the
network's sammanställning by DM and in a channel, the Home tab, the confirmation messages.

Every answer marked Bara samordnarna carries a marker character (§) that nothing else generated
here contains, so any trace of one in a payload — whole, split over sections, or escaped — shows.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.admin.views import MeetingInfo
from bot.checkin.service import Answers, Choice, Opening, Pending, Saved
from bot.checkin.shared import render_shared_channel, render_shared_dm
from bot.checkin.summary import CheckinSummary, MemberCheckin, OrganisationCheckins
from bot.checkin.views import (
    build_command_answer,
    build_dm_reply,
    build_settled_message,
    build_submitted_message,
)
from bot.home.service import HomeState
from bot.home.views import build_home
from storage.models import Visibility

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)
DEADLINE = dt.datetime(2027, 3, 10, 12, 0, tzinfo=TZ)
NOW = dt.datetime(2027, 3, 10, 12, 0, tzinfo=TZ)
MARK = "§"

# Text as members write it: letters, Swedish ones, Slack's special characters, line breaks.
plain = st.text(alphabet=st.sampled_from("abcåäö ABC<>&*_~`\n!@#123"), min_size=1, max_size=400)
visibility = st.sampled_from(list(Visibility))


@st.composite
def answer(draw: st.DrawFn, required: bool) -> tuple[str | None, Visibility]:
    chosen = draw(visibility)
    text = draw(plain) if required or draw(st.booleans()) else None
    if text is not None and chosen is Visibility.ORGANISERS:
        text = f"{MARK}{text}{MARK}"
    return text, chosen


@st.composite
def member_checkin(draw: st.DrawFn) -> MemberCheckin:
    (occupying, v1), (changes, v2), (support, v3) = (
        draw(answer(True)),
        draw(answer(False)),
        draw(answer(False)),
    )
    assert occupying is not None
    stands_for = draw(st.one_of(st.none(), plain))
    return MemberCheckin(draw(plain), occupying, changes, support, stands_for, (v1, v2, v3))


@st.composite
def summaries(draw: st.DrawFn) -> CheckinSummary:
    organisations = draw(
        st.lists(
            st.tuples(st.one_of(st.none(), plain), st.lists(member_checkin(), min_size=1, max_size=6)),
            min_size=0,
            max_size=6,
        )
    )
    return CheckinSummary(
        1,
        STARTS,
        draw(st.one_of(st.none(), plain)),
        tuple(OrganisationCheckins(name, tuple(people)) for name, people in organisations),
        (),
    )


def _payload(messages: object) -> str:
    return json.dumps(messages, ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(summaries(), st.sampled_from(["sv", "en"]))
def test_the_network_sammanstallning_never_carries_an_answer_for_the_samordnare_only(
    summary: CheckinSummary, lang: str
) -> None:
    for render in (render_shared_dm, render_shared_channel):
        assert MARK not in _payload(render(summary, TZ, lang, NOW))
        assert MARK not in _payload(render(summary, TZ, lang))


@settings(max_examples=150, deadline=None)
@given(member_checkin(), st.booleans(), st.sampled_from(["sv", "en"]))
def test_confirmations_and_home_never_carry_an_answer_for_the_samordnare_only(
    checkin: MemberCheckin, created: bool, lang: str
) -> None:
    answers = Answers(checkin.occupying, checkin.changes, checkin.support, checkin.visibility)
    opening = Opening(7, STARTS, "Stadshuset", DEADLINE, answers, checkin_id=3)
    saved = Saved(opening, answers, created=created, changed=True)
    messages = [
        build_command_answer(saved, TZ, lang, NOW),
        build_dm_reply(saved, TZ, lang, NOW),
        build_submitted_message(saved, TZ, lang, NOW),
        *(build_settled_message(saved, choice, TZ, lang, NOW) for choice in Choice),
        build_dm_reply(Pending(opening, checkin.occupying, "nytt svar", True), TZ, lang, NOW),
    ]
    info = MeetingInfo(7, "torsdag 11 mars kl. 13.00", "Stadshuset", "onsdag 10 mars kl. 12.00", True)
    home = build_home(HomeState(meeting=info, checkin="done", checkin_id=3), lang)
    assert MARK not in _payload([*messages, home])


def test_an_ersattare_is_named_for_whom_they_stand() -> None:
    deputy = MemberCheckin("Anna Ek", "Budget", None, None, "Bertil Berg")
    summary = CheckinSummary(1, STARTS, None, (OrganisationCheckins("Region Skåne", (deputy,)),), ())
    text = _payload(render_shared_dm(summary, TZ, "sv", NOW))
    assert "Anna Ek (ersättare för Bertil Berg)" in text
