"""The check-in summary: loading by organisation, pure rendering within Slack's limits, posting."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.checkin.summary import (
    CheckinSummary,
    MemberCheckin,
    OrganisationCheckins,
    load_checkin_summary,
    load_next_checkin_summary,
    post_checkin_summary,
    render_checkin_summary,
    swedish_sort_key,
)
from bot.runtime import Runtime
from storage.db import transaction
from storage.models import CheckIn, Meeting, Member
from tests.support.slack_standin import SlackStandIn, validate_blocks

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)


def _summary(organisations: list[OrganisationCheckins], missing: tuple[str, ...] = ()) -> CheckinSummary:
    return CheckinSummary(1, STARTS, "Stadshuset, Malmö", tuple(organisations), missing)


def _texts(messages: list[dict[str, Any]]) -> list[str]:
    out = []
    for message in messages:
        for block in message["blocks"]:
            if block["type"] in ("section", "header"):
                out.append(block["text"]["text"])
            elif block["type"] == "context":
                out += [e["text"] for e in block["elements"]]
    return out


def _check_limits(messages: list[dict[str, Any]]) -> None:
    for message in messages:
        assert message["text"] and len(message["text"]) <= 3000
        assert len(message["blocks"]) <= 50
        assert validate_blocks(message["blocks"]) == []  # the stand-in's Slack checks
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000


def test_header_place_count_in_swedish() -> None:
    summary = _summary(
        [OrganisationCheckins("Försäkringskassan", (MemberCheckin("Eva", "Budget", None, None),))],
        missing=("Olle",),
    )
    messages = render_checkin_summary(summary, TZ, "sv")
    assert len(messages) == 1
    _check_limits(messages)
    texts = _texts(messages)
    assert texts[0] == "Sammanställning inför träffen torsdag 11 mars 2027 kl. 13.00"
    assert "Stadshuset, Malmö" in texts[1]
    assert "*1 av 2* har checkat in." in texts[2]
    assert "Har inte checkat in:* Olle" in texts[-1]
    assert "1 av 2" in messages[0]["text"]


def test_each_member_with_labelled_answers_grouped_by_organisation() -> None:
    summary = _summary(
        [
            OrganisationCheckins(
                "Arbetsförmedlingen",
                (
                    MemberCheckin("Anna", "Varsel", "Ny organisation", "Samverkan kring unga"),
                    MemberCheckin("Bo", "Rekrytering", None, None),
                ),
            ),
            OrganisationCheckins("Region Skåne", (MemberCheckin("Cia", "Vårdplatser", None, "Psykiatrin"),)),
        ]
    )
    joined = "\n".join(_texts(render_checkin_summary(summary, TZ)))
    assert joined.index("Arbetsförmedlingen") < joined.index("*Anna*") < joined.index("*Bo*")
    assert joined.index("*Bo*") < joined.index("Region Skåne") < joined.index("*Cia*")
    anna = joined[joined.index("*Anna*") : joined.index("*Bo*")]
    assert "_Vad upptar min tid?_\nVarsel" in anna
    assert "_Planerade förändringar i min organisation_\nNy organisation" in anna
    assert "_Var vill jag ha stöd eller samverka?_\nSamverkan kring unga" in anna
    bo = joined[joined.index("*Bo*") : joined.index("Region Skåne")]
    assert "Planerade" not in bo  # unanswered optional questions are left out
    assert "Alla har checkat in." in joined


def test_everything_a_user_wrote_is_escaped() -> None:
    summary = CheckinSummary(
        1,
        STARTS,
        "<!here> & co",
        (
            OrganisationCheckins(
                "A & <B>",
                (MemberCheckin("<@U999> & Eva", "Hej <!channel> & <@U123>", "<!everyone>", "<#C1|x>"),),
            ),
        ),
        ("<!subteam^S1>",),
    )
    messages = render_checkin_summary(summary, TZ)
    _check_limits(messages)
    joined = "\n".join(_texts(messages))
    for raw in ("<!channel>", "<@U123>", "<!everyone>", "<#C1|x>", "<!here>", "<@U999>", "<B>", "<!subteam"):
        assert raw not in joined
    assert "Hej &lt;!channel&gt; &amp; &lt;@U123&gt;" in joined
    assert "A &amp; &lt;B&gt;" in joined
    assert "&lt;@U999&gt; &amp; Eva" in joined
    assert "&lt;!here&gt; &amp; co" in joined
    assert "&lt;!subteam^S1&gt;" in joined
    # No mention of any kind anywhere: people are named in plain text.
    assert not re.search(r"<[@!#]", joined)


def test_two_hundred_members_with_long_answers_split_without_losing_anything() -> None:
    long = " ".join(f"ord{i}&<x>" for i in range(700))  # ~6000 characters, far more escaped
    orgs = []
    everyone = []
    for o in range(10):
        checkins = []
        for m in range(20):
            n = o * 20 + m
            answer = f"Svar nummer {n}: " + (long if n % 7 == 0 else "kort svar om budget")
            checkin = MemberCheckin(f"Person {n}", answer, f"Förändring {n}", f"Stöd {n}" if n % 2 else None)
            checkins.append(checkin)
            everyone.append(checkin)
        orgs.append(OrganisationCheckins(f"Organisation {o:02d}", tuple(checkins)))
    missing = tuple(f"Saknad {i}" for i in range(150))
    messages = render_checkin_summary(_summary(orgs, missing), TZ)

    assert len(messages) > 4
    _check_limits(messages)
    for number, message in enumerate(messages[1:], start=2):
        marker = message["blocks"][0]["elements"][0]["text"]
        assert f"(fortsättning {number}/{len(messages)})" in marker
        assert f"del {number}/{len(messages)}" in message["text"]

    # Every answer in full (escaped) somewhere in the concatenated content; only the
    # whitespace where a long text was split may differ. Continuation markers are left out: an
    # answer may go on in the next message, after its marker.
    without_markers = [{**m, "blocks": [b for b in m["blocks"] if b["type"] != "context"]} for m in messages]
    flat = re.sub(r"\s+", "", "".join(_texts(without_markers)))

    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))

    for checkin in everyone:
        for answer in (checkin.occupying, checkin.changes, checkin.support):
            if answer:
                assert squash(answer) in flat
    for name in missing:
        assert squash(name) in flat
    # In order: organisation 00 first, the missing list last.
    assert flat.index("Organisation00") < flat.index("Organisation09") < flat.index("Harinte")


def test_nobody_checked_in_yet() -> None:
    joined = "\n".join(_texts(render_checkin_summary(_summary([], ("Anna", "Bo")), TZ)))
    assert "*0 av 2* har checkat in. Ingen har checkat in än." in joined
    assert "Anna, Bo" in joined


def test_english() -> None:
    summary = _summary([OrganisationCheckins(None, (MemberCheckin("Eva", "Budget", None, None),))])
    joined = "\n".join(_texts(render_checkin_summary(summary, TZ, "en")))
    assert "Compilation for the meeting Thursday 11 March 2027 at 13:00" in joined
    assert "No organisation" in joined


def test_swedish_alphabetical_order() -> None:
    names = ["Östersunds kommun", "Ängelholm", "Åre", "arbetsförmedlingen", "Region Skåne", "Zeta"]
    assert sorted(names, key=swedish_sort_key) == [
        "arbetsförmedlingen",
        "Region Skåne",
        "Zeta",
        "Åre",
        "Ängelholm",
        "Östersunds kommun",
    ]


# ---------------------------------------------------------------- with the database


def _arrange(runtime: Runtime, add_member: Any) -> int:
    eva = add_member("U0EVA", "Region Skåne", "Eva Ek")
    anna = add_member("U0ANNA", "Arbetsförmedlingen", "Anna Al")
    bo = add_member("U0BO", "Arbetsförmedlingen", "Bo Berg")
    add_member("U0OLLE", "Örebro kommun", "Olle Ö")
    gone = add_member("U0GONE", "Ängelholm", "Gone Away")
    add_member("U0NOORG", "Försäkringskassan", "Nils Utan")
    with transaction(runtime.sessions) as s:
        nils = s.query(Member).filter_by(slack_user_id="U0NOORG").one()
        nils.organisation_id = None
        meeting = Meeting(starts_at=STARTS, place="Malmö")
        s.add(meeting)
        s.flush()
        s.add_all(
            [
                CheckIn(meeting_id=meeting.id, member_id=bo, occupying="Bos svar"),
                CheckIn(meeting_id=meeting.id, member_id=eva, occupying="Evas svar", support="Stöd"),
                CheckIn(meeting_id=meeting.id, member_id=anna, occupying="Annas svar", changes="Ny chef"),
                CheckIn(meeting_id=meeting.id, member_id=nils.id, occupying="Nils svar"),
                CheckIn(meeting_id=meeting.id, member_id=gone, occupying="Borta"),
            ]
        )
        s.get(Member, gone).active = False
        return meeting.id


def test_load_groups_by_organisation_and_lists_who_is_missing(runtime: Runtime, add_member: Any) -> None:
    meeting_id = _arrange(runtime, add_member)
    with runtime.sessions() as session:
        summary = load_checkin_summary(session, meeting_id)
    assert summary.starts_at == STARTS.astimezone(dt.UTC)
    assert summary.place == "Malmö"
    assert [(o.name, [c.name for c in o.checkins]) for o in summary.organisations] == [
        ("Arbetsförmedlingen", ["Anna Al", "Bo Berg"]),
        ("Region Skåne", ["Eva Ek"]),
        (None, ["Nils Utan"]),
    ]
    assert summary.organisations[0].checkins[0] == MemberCheckin("Anna Al", "Annas svar", "Ny chef", None)
    assert summary.missing == ("Olle Ö",)  # the removed member is neither counted nor listed
    assert (summary.checked_in, summary.expected) == (4, 5)


def test_load_next_meeting_summary(runtime: Runtime, add_member: Any, clock: Any) -> None:
    meeting_id = _arrange(runtime, add_member)
    with runtime.sessions() as session:
        assert load_next_checkin_summary(session, runtime.now()).meeting_id == meeting_id  # type: ignore[union-attr]
        clock.set("2027-03-12T09:00")
        assert load_next_checkin_summary(session, runtime.now()) is None


def test_post_summary_posts_every_message_in_order(
    runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    meeting_id = _arrange(runtime, add_member)
    assert post_checkin_summary(runtime, meeting_id, "C0ADMIN") == 1
    [call] = standin.messages_to("C0ADMIN")
    texts = [b["text"]["text"] for b in call.params["blocks"] if b["type"] in ("section", "header")]
    assert texts[0] == "Sammanställning inför träffen torsdag 11 mars 2027 kl. 13.00"
    assert "*4 av 5* har checkat in." in texts
    assert any("Annas svar" in text for text in texts)


def test_post_long_summary_posts_several_messages(
    runtime: Runtime, add_member: Any, standin: SlackStandIn
) -> None:
    with transaction(runtime.sessions) as s:
        meeting = Meeting(starts_at=STARTS, place="Malmö")
        s.add(meeting)
        s.flush()
        meeting_id = meeting.id
    for i in range(60):
        member_id = add_member(f"U0M{i:03d}", f"Org {i % 3}", f"Medlem {i}")
        with transaction(runtime.sessions) as s:
            s.add(CheckIn(meeting_id=meeting_id, member_id=member_id, occupying=f"Svar {i}"))
    posted = post_checkin_summary(runtime, meeting_id, "C0ADMIN")
    calls = standin.messages_to("C0ADMIN")
    assert posted == len(calls) == 2
    assert all(call.ok for call in calls)
    assert "(fortsättning 2/2)" in calls[1].params["blocks"][0]["elements"][0]["text"]
