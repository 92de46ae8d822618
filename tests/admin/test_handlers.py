"""`/chefsnatverket` through the front door: signed slash commands in; the HTTP answer, the
response_url posts, the stand-in's recorded Web API calls and the database rows out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from storage.db import transaction
from storage.meetings import get_network
from storage.models import CheckIn, Network, Organisation
from tests.conftest import ORGANISER, SlackClient, make_settings
from tests.support.arrange import add_meeting as _meeting
from tests.support.arrange import meetings as _meetings
from tests.support.arrange import members as _members
from tests.support.arrange import said as _said
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

TZ = ZoneInfo("Europe/Stockholm")
MEMBER = "U0MEMBER1"
WHEN = "torsdag 11 mars 2027 kl. 13.00"  # the meeting most tests plan
INVITATION = "torsdag 18 februari 2027 kl. 09.00"  # 21 days before, 09:00
DEADLINE = "onsdag 10 mars 2027 kl. 12.00"
NOT_ORGANISER = "bara Chefsnätverkets samordnare"


# ---------------------------------------------------------------- helpers


def run(slack: SlackClient, text: str, user: str = ORGANISER, **kw: Any) -> str:
    """Send `/chefsnatverket text` and return what the HTTP answer said."""
    return _said(slack.command("/chefsnatverket", text, user=user, **kw))


def run_slow(slack: SlackClient, standin: SlackStandIn, text: str, user: str = ORGANISER) -> str:
    """Send a slow command: the HTTP answer says "Ett ögonblick", the answer comes via response_url."""
    before = len(standin.calls_to(RESPONSE_URL))
    answer = run(slack, text, user=user, response_url=standin.response_url("cmd"))
    calls = standin.calls_to(RESPONSE_URL)[before:]
    if not calls:
        return answer  # refused at once, before any slow work
    assert answer.startswith("Ett ögonblick …")
    [call] = calls
    assert call.ok, call.response
    assert call.params.get("response_type") == "ephemeral"
    return call.params["text"] + "\n" + json.dumps(call.params.get("blocks") or [], ensure_ascii=False)


def _organisations(runtime: Runtime) -> list[str]:
    with runtime.sessions() as s:
        return sorted(o.name for o in s.query(Organisation))


def _network(runtime: Runtime) -> Network | None:
    with runtime.sessions() as s:
        return s.get(Network, 1)


def _check_in(
    runtime: Runtime, meeting_id: int, member_id: int, occupying: str = "Budget", **kw: Any
) -> None:
    with transaction(runtime.sessions) as s:
        s.add(CheckIn(meeting_id=meeting_id, member_id=member_id, occupying=occupying, **kw))


def _set_channel(runtime: Runtime, channel: str = "C0ADMIN") -> None:
    with transaction(runtime.sessions) as s:
        get_network(s).organisers_channel = channel


# ---------------------------------------------------------------- hjälp


@pytest.mark.parametrize("text", ["", "hjälp", "help", "HJALP"])
def test_help_for_a_member_shows_only_what_members_do(slack: SlackClient, text: str) -> None:
    said = run(slack, text, user=MEMBER)
    assert "/incheckning" in said and "/guldlanken" in said
    assert "`träff" not in said and "organisatör" not in said


def test_help_for_an_organiser_lists_admin_commands_with_examples(slack: SlackClient) -> None:
    said = run(slack, "hjälp")
    assert "/incheckning" in said
    for example in ("träff 2027-02-03 13:00", "ställ-in", "medlem @Anna Region Skåne", "kanal #", "export"):
        assert example in said
    assert "organisatör @Anna" in said
    assert "guldlanken 2027-09-01" in said


def test_unknown_word_is_explained(slack: SlackClient) -> None:
    said = run(slack, "planera 2027-03-11", user=MEMBER)
    assert "planera" in said and "/chefsnatverket hjälp" in said


# ---------------------------------------------------------------- träff


def test_plan_meeting_stores_utc_and_confirms_in_swedish(slack: SlackClient, runtime: Runtime) -> None:
    said = run(slack, "träff 2027-03-11 13:00 Stadshuset, Malmö")
    assert WHEN in said and "Stadshuset, Malmö" in said
    assert f"Inbjudan går ut {INVITATION}" in said
    assert DEADLINE in said
    [meeting] = _meetings(runtime)
    assert meeting.starts_at == dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)
    assert (meeting.place, meeting.status, meeting.version, meeting.created_by) == (
        "Stadshuset, Malmö",
        "planned",
        1,
        ORGANISER,
    )


def test_plan_meeting_in_summer_time_and_without_place(slack: SlackClient, runtime: Runtime) -> None:
    said = run(slack, "traff 2027-06-10 09:30")
    assert "torsdag 10 juni 2027 kl. 09.30" in said and "plats meddelas senare" in said
    assert _meetings(runtime)[0].starts_at == dt.datetime(2027, 6, 10, 7, 30, tzinfo=dt.UTC)


def test_plan_meeting_soon_says_the_invitation_goes_out_now(slack: SlackClient, clock: Any) -> None:
    clock.set("2027-03-01T10:00")
    said = run(slack, "träff 2027-03-11 13:00")
    assert "inom några minuter" in said


def test_place_with_channel_ping_is_stored_raw_and_escaped_in_the_reply(
    slack: SlackClient, runtime: Runtime
) -> None:
    said = run(slack, "träff 2027-03-11 13:00 <!channel> Kafé &amp; Bar")
    assert "<!channel>" not in said
    assert "&lt;!channel&gt; Kafé &amp; Bar" in said
    assert _meetings(runtime)[0].place == "<!channel> Kafé & Bar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("träff 2027-13-01 13:00", "2027-13-01 finns inte"),
        ("träff 2027-02-30 13:00", "2027-02-30 finns inte"),
        ("träff 2027-03-11", "klockslaget"),
        ("träff 11/3 13:00", "ÅÅÅÅ-MM-DD"),
        ("träff", "datum och klockslag"),
        ("träff 2027-01-04 10:59", "har redan varit"),  # the clock says 11:00 that day
        ("träff 2026-12-24 13:00", "har redan varit"),
    ],
)
def test_plan_meeting_refusals_explain_and_store_nothing(
    slack: SlackClient, runtime: Runtime, text: str, expected: str
) -> None:
    said = run(slack, text)
    assert expected in said
    assert "/chefsnatverket träff 2027-02-03 13:00" in said  # an example of the right form
    assert _meetings(runtime) == []


def test_a_second_meeting_at_the_same_start_is_refused(slack: SlackClient, runtime: Runtime) -> None:
    run(slack, "träff 2027-03-11 13:00 Stadshuset")
    said = run(slack, "träff 2027-03-11 13:00 Rådhuset")
    assert f"finns redan en träff {WHEN}" in said
    assert [m.place for m in _meetings(runtime)] == ["Stadshuset"]


def test_a_cancelled_meeting_does_not_block_a_new_one(slack: SlackClient, runtime: Runtime) -> None:
    _meeting(runtime, status="cancelled")
    assert "Träffen är planerad" in run(slack, "träff 2027-03-11 13:00")
    assert len(_meetings(runtime)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "träff 2027-03-11 13:00",
        "flytta 2027-03-12 13:00",
        "ställ-in",
        "ta-bort <@U0MEMBER1>",
        "medlemmar",
        "status",
        "organisatör ta-bort <@U0BEN>",
    ],
)
def test_fast_organiser_commands_refuse_members_politely(
    slack: SlackClient, runtime: Runtime, add_member: Any, text: str
) -> None:
    add_member(MEMBER)
    _meeting(runtime)
    before = (_meetings(runtime), _members(runtime))
    said = run(slack, text, user=MEMBER)
    assert NOT_ORGANISER in said
    after = (_meetings(runtime), _members(runtime))
    assert [(m.starts_at, m.status, m.version) for m in after[0]] == [
        (m.starts_at, m.status, m.version) for m in before[0]
    ]
    assert {k: v.active for k, v in after[1].items()} == {k: v.active for k, v in before[1].items()}


@pytest.mark.parametrize(
    "text",
    [
        "medlem <@U0ANNA|anna> Region Skåne",
        "kanal <#C0GENERAL|general>",
        "sammanfattning",
        "export",
        "organisatör <@U0BEN>",
        "guldlanken 2027-09-01",
        "export guldlanken",
    ],
)
def test_slow_organiser_commands_refuse_members_at_once(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, text: str
) -> None:
    _set_channel(runtime)
    _meeting(runtime)
    said = run(slack, text, user=MEMBER, response_url=standin.response_url("x"))
    assert NOT_ORGANISER in said
    assert standin.calls_to(RESPONSE_URL) == []
    assert standin.calls_to("users.info") == [] and standin.calls_to("chat.postMessage") == []
    assert _members(runtime) == {}
    assert _network(runtime).organisers_channel == "C0ADMIN"


# ---------------------------------------------------------------- flytta and ställ-in


def test_move_the_next_meeting_keeps_the_place_and_bumps_the_version(
    slack: SlackClient, runtime: Runtime
) -> None:
    later = _meeting(runtime, "2027-09-02T13:00")
    first = _meeting(runtime)
    said = run(slack, "flytta 2027-03-12 10:00")
    assert f"från {WHEN} till *fredag 12 mars 2027 kl. 10.00*, Stadshuset" in said
    assert "Inbjudan går ut fredag 19 februari 2027 kl. 09.00" in said
    meetings = {m.id: m for m in _meetings(runtime)}
    assert meetings[first].starts_at == dt.datetime(2027, 3, 12, 9, 0, tzinfo=dt.UTC)
    assert (meetings[first].place, meetings[first].version) == ("Stadshuset", 2)
    assert meetings[later].version == 1


def test_move_after_the_invitation_says_members_will_be_told(
    slack: SlackClient, runtime: Runtime, clock: Any, add_member: Any
) -> None:
    _meeting(runtime)
    add_member("U0ANNA")
    clock.set("2027-02-20T10:00")
    run_tick(runtime, clock())  # the invitation really goes out: the ledger, not the timeline, says so
    said = run(slack, "flytta 2027-03-18 13:00 Rådhuset &amp; co")
    assert "torsdag 18 mars 2027 kl. 13.00*, Rådhuset &amp; co" in said
    assert "redan fått inbjudan får besked" in said
    [meeting] = _meetings(runtime)
    assert (meeting.place, meeting.version) == ("Rådhuset & co", 2)


def test_move_to_the_same_time_changes_nothing(slack: SlackClient, runtime: Runtime) -> None:
    _meeting(runtime)
    assert "Inget är ändrat" in run(slack, "flytta 2027-03-11 13:00")
    assert _meetings(runtime)[0].version == 1


@pytest.mark.parametrize(
    ("arrange", "text", "expected"),
    [
        ("none", "flytta 2027-03-12 10:00", "ingen planerad träff att flytta"),
        ("cancelled", "flytta 2027-03-12 10:00", "ingen planerad träff att flytta"),
        ("one", "flytta 2027-01-01 10:00", "har redan varit"),
        ("two", "flytta 2027-09-02 13:00", "finns redan en träff"),
        ("one", "flytta 2027-02-30 10:00", "finns inte"),
        ("one", "flytta 2027-03-12", "klockslaget"),
    ],
)
def test_move_refusals_store_nothing(
    slack: SlackClient, runtime: Runtime, arrange: str, text: str, expected: str
) -> None:
    if arrange in ("one", "two"):
        _meeting(runtime)
    if arrange == "two":
        _meeting(runtime, "2027-09-02T13:00")
    if arrange == "cancelled":
        _meeting(runtime, status="cancelled")
    before = [(m.starts_at, m.version, m.status) for m in _meetings(runtime)]
    said = run(slack, text)
    assert expected in said
    assert "/chefsnatverket" in said
    assert [(m.starts_at, m.version, m.status) for m in _meetings(runtime)] == before


@pytest.mark.parametrize("text", ["ställ-in", "stall-in", "ställ in"])
def test_cancel_the_next_meeting(slack: SlackClient, runtime: Runtime, text: str) -> None:
    later = _meeting(runtime, "2027-09-02T13:00")
    first = _meeting(runtime)
    said = run(slack, text)
    assert f"Träffen *{WHEN}* är inställd" in said
    assert "Ingen inbjudan hade gått ut" in said
    meetings = {m.id: m for m in _meetings(runtime)}
    assert (meetings[first].status, meetings[first].version) == ("cancelled", 2)
    assert meetings[later].status == "planned"


def test_cancel_after_the_invitation_and_by_date(
    slack: SlackClient, runtime: Runtime, clock: Any, add_member: Any
) -> None:
    _meeting(runtime)
    later = _meeting(runtime, "2027-09-02T13:00")
    add_member("U0ANNA")
    clock.set("2027-02-20T10:00")
    run_tick(runtime, clock())
    said = run(slack, "ställ-in 2027-09-02")
    assert "torsdag 2 september 2027" in said and "Ingen inbjudan" in said
    assert {m.id: m.status for m in _meetings(runtime)}[later] == "cancelled"
    assert "redan fått inbjudan" in run(slack, "ställ-in")


def test_move_when_the_invitation_time_passed_but_nothing_was_sent(
    slack: SlackClient, runtime: Runtime, clock: Any
) -> None:
    # The app was down at invitation time: nobody has been told, so nobody needs a notice.
    _meeting(runtime)
    clock.set("2027-02-20T10:00")
    said = run(slack, "flytta 2027-03-18 13:00")
    assert "redan fått inbjudan" not in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ställ-in", "ingen planerad träff att ställa in"),
        ("ställ-in 2027-03-12", "ingen planerad träff fredag 12 mars 2027"),
        ("ställ-in nästa", "ställ-in 2027-02-03"),
    ],
)
def test_cancel_refusals(slack: SlackClient, runtime: Runtime, text: str, expected: str) -> None:
    _meeting(runtime, status="cancelled")
    assert expected in run(slack, text)
    assert [m.version for m in _meetings(runtime)] == [1]


# ---------------------------------------------------------------- medlem, ta-bort, medlemmar


def test_add_member_looks_up_the_name_after_the_ack(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    said = run_slow(slack, standin, "medlem <@U0ANNA|anna> Region Skåne")
    assert "Anna Admin är tillagd som medlem för Region Skåne" in said
    assert "Region Skåne är ny i nätverket" in said
    [call] = standin.calls_to("users.info")
    assert call.params["user"] == "U0ANNA"
    anna = _members(runtime)["U0ANNA"]
    assert (anna.name, anna.active, anna.organisation.name) == ("Anna Admin", True, "Region Skåne")


def test_add_member_matches_organisations_ignoring_case_then_moves_and_reactivates(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    add_member("U0X", "Region Skåne")
    said = run_slow(slack, standin, "medlem <@U0BEN> region skåne")
    assert "för Region Skåne" in said and "ny i nätverket" not in said
    assert _organisations(runtime) == ["Region Skåne"]
    assert "hör nu till Malmö stad (tidigare Region Skåne)" in run_slow(
        slack, standin, "medlem <@U0BEN> Malmö stad"
    )
    assert "redan medlem för Malmö stad" in run_slow(slack, standin, "medlem <@U0BEN> MALMÖ STAD")
    run(slack, "ta-bort <@U0BEN>")
    assert "med i nätverket igen, för Malmö stad" in run_slow(slack, standin, "medlem <@U0BEN> Malmö stad")
    ben = _members(runtime)["U0BEN"]
    assert (ben.active, ben.organisation.name, ben.name) == (True, "Malmö stad", "Ben Baker")


def test_member_added_after_the_invitation_is_told_they_will_get_it(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: Any
) -> None:
    _meeting(runtime)
    clock.set("2027-02-25T10:00")
    said = run_slow(slack, standin, "medlem <@U0CHLOE> Försäkringskassan")
    assert f"får inbjudan till träffen {WHEN}" in said


def test_organisation_with_channel_ping_is_escaped(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    said = run_slow(slack, standin, "medlem <@U0ANNA> <!channel> Vård &amp; omsorg")
    assert "<!channel>" not in said and "&lt;!channel&gt; Vård &amp; omsorg" in said
    assert _organisations(runtime) == ["<!channel> Vård & omsorg"]


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [("unknown", "hittar inte den personen"), ("deleted", "avstängt"), ("bot", "en app, inte en person")],
)
def test_add_member_refuses_people_slack_does_not_know(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, arrange: str, expected: str
) -> None:
    user = {"unknown": "U0GHOST", "deleted": "U0CHLOE", "bot": "U0BOT"}[arrange]
    if arrange == "unknown":
        standin.unknown_users.add(user)
    if arrange == "deleted":
        standin.inactive_users.add(user)
    said = run_slow(slack, standin, f"medlem <@{user}> Region Skåne")
    assert expected in said and "Inget är sparat" in said
    assert _members(runtime) == {}
    assert _organisations(runtime) == []


def test_add_member_when_slack_cannot_say_uses_the_mention_label(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    standin.fail("users.info", error="fatal_error")
    said = run_slow(slack, standin, "medlem <@U0ANNA|anna> Region Skåne")
    assert "anna är tillagd som medlem för Region Skåne" in said
    assert _members(runtime)["U0ANNA"].name == "anna"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("medlem", "Skriv vem det gäller"),
        ("medlem @anna Region Skåne", "känner inte igen ”@anna”"),
        ("medlem <@U0ANNA|anna>", "vilken organisation"),
    ],
)
def test_add_member_argument_errors(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, text: str, expected: str
) -> None:
    said = run(slack, text, response_url=standin.response_url("x"))
    assert expected in said and "/chefsnatverket medlem @Anna Region Skåne" in said
    assert standin.calls_to("users.info") == []
    assert _members(runtime) == {}


def test_remove_member_keeps_history(slack: SlackClient, runtime: Runtime, add_member: Any) -> None:
    member_id = add_member(MEMBER, name="Mia Medlem")
    meeting_id = _meeting(runtime)
    _check_in(runtime, meeting_id, member_id)
    said = run(slack, "ta-bort <@U0MEMBER1|mia>")
    assert "Mia Medlem är borttagen" in said and "finns kvar" in said
    assert _members(runtime)[MEMBER].active is False
    with runtime.sessions() as s:
        assert s.query(CheckIn).count() == 1
    assert "inte med i nätverket" in run(slack, "ta-bort <@U0MEMBER1>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ta-bort", "Skriv vem det gäller"),
        ("ta-bort <@U0NOBODY>", "inte med i nätverket"),
        ("ta-bort mia", "”mia”"),
    ],
)
def test_remove_member_refusals(slack: SlackClient, runtime: Runtime, text: str, expected: str) -> None:
    assert expected in run(slack, text)
    assert _members(runtime) == {}


def test_member_list_is_grouped_by_organisation(slack: SlackClient, add_member: Any) -> None:
    add_member("U0A", "Region Skåne", "Åsa <b>")
    add_member("U0B", "Arbetsförmedlingen", "Bo")
    add_member("U0C", "Region Skåne", "Cecilia")
    said = run(slack, "medlemmar")
    assert "3 aktiva medlemmar i 2 organisationer" in said
    assert said.index("Arbetsförmedlingen") < said.index("Region Skåne")
    assert "*Region Skåne* (2)" in said and "Åsa &lt;b&gt;" in said
    assert "<@UORG1>" in said  # the organisers


def test_member_list_when_empty(slack: SlackClient) -> None:
    assert "Inga medlemmar ännu" in run(slack, "medlemmar")


# ---------------------------------------------------------------- organisatör


def test_appoint_and_dismiss_an_organiser(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    said = run_slow(slack, standin, "organisatör <@U0BEN|ben>")
    assert "Ben Baker är nu samordnare" in said
    ben = _members(runtime)["U0BEN"]
    assert (ben.is_organiser, ben.active) == (True, False)  # an organiser, not a network member
    assert "Ingen träff är planerad" in run(slack, "status", user="U0BEN")  # now allowed
    assert "redan samordnare" in run_slow(slack, standin, "organisator <@U0BEN>")
    assert "inte längre samordnare" in run(slack, "organisatör ta-bort <@U0BEN>")
    assert NOT_ORGANISER in run(slack, "status", user="U0BEN")
    assert "inte utsedd" in run(slack, "organisatör ta-bort <@U0BEN>")
    assert "ORGANISERS" in run(slack, "organisatör ta-bort <@UORG1>")


def test_appoint_an_unknown_user_stores_nothing(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    standin.unknown_users.add("U0GHOST")
    assert "hittar inte den personen" in run_slow(slack, standin, "organisatör <@U0GHOST>")
    assert _members(runtime) == {}


# ---------------------------------------------------------------- kanal


def test_set_channel(slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
    said = run_slow(slack, standin, "kanal <#C0GENERAL|general>")
    assert "går nu till <#C0GENERAL>" in said and "/invite" not in said
    assert _network(runtime).organisers_channel == "C0GENERAL"


def test_set_channel_warns_when_the_app_is_not_in_it(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    standin.not_in_channels.add("C0GENERAL")
    said = run_slow(slack, standin, "kanal <#C0GENERAL>")
    assert "går nu till <#C0GENERAL>" in said and "/invite @Chefsnätverket" in said
    assert _network(runtime).organisers_channel == "C0GENERAL"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kanal", "Skriv vilken kanal"),
        ("kanal #admin", "”#admin”"),
        ("kanal <#C0SECRET|hemlig>", "hittar inte den kanalen"),
    ],
)
def test_set_channel_refusals_store_nothing(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, text: str, expected: str
) -> None:
    standin.unknown_channels.add("C0SECRET")
    said = run_slow(slack, standin, text)
    assert expected in said
    network = _network(runtime)
    assert network is None or network.organisers_channel is None


# ---------------------------------------------------------------- status


def test_status_counts_and_lists_who_is_missing(
    slack: SlackClient, runtime: Runtime, add_member: Any
) -> None:
    anna = add_member("U0A", "Region Skåne", "Anna")
    add_member("U0B", "Arbetsförmedlingen", "Bo <script>")
    add_member("U0C", "Arbetsförmedlingen", "Cilla")
    meeting_id = _meeting(runtime, place="Rådhuset")
    _check_in(runtime, meeting_id, anna)
    _set_channel(runtime)
    said = run(slack, "status")
    assert f"*Nästa träff:* {WHEN}, Rådhuset" in said
    assert "*1 av 3* har checkat in" in said and DEADLINE in said
    assert "Bo &lt;script&gt; (Arbetsförmedlingen)" in said and "Cilla (Arbetsförmedlingen)" in said
    assert "Anna (" not in said
    assert "<#C0ADMIN>" in said


def test_status_without_a_meeting_explains_how_to_plan_one(slack: SlackClient, runtime: Runtime) -> None:
    _meeting(runtime, status="cancelled")
    said = run(slack, "status")
    assert "Ingen träff är planerad" in said and "/chefsnatverket träff 2027-02-03 13:00" in said
    assert "ingen vald ännu" in said


def test_status_lists_everyone_missing_however_many(
    slack: SlackClient, runtime: Runtime, add_member: Any
) -> None:
    for n in range(120):
        add_member(f"U0M{n:03d}", f"Organisation {n % 7}", f"Person nummer {n:03d} med ett långt namn")
    _meeting(runtime)
    resp = slack.command("/chefsnatverket", "status", user=ORGANISER)
    body = resp.json()
    assert len(body["blocks"]) <= 50
    text = json.dumps(body["blocks"], ensure_ascii=False)
    assert all(f"Person nummer {n:03d}" in text for n in range(120))
    assert "… och" not in text


# ---------------------------------------------------------------- sammanfattning


def test_summary_refused_without_a_channel(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _meeting(runtime)
    said = run_slow(slack, standin, "sammanfattning")
    assert "Ingen kanal för samordnarna" in said and "`/chefsnatverket kanal #kanal`" in said
    assert standin.calls_to("chat.postMessage") == []


def test_summary_refused_without_a_meeting(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    _set_channel(runtime)
    assert "ingen träff att sammanfatta" in run_slow(slack, standin, "sammanfattning")
    assert standin.calls_to("chat.postMessage") == []


def test_summary_is_posted_to_the_organisers_channel(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    pytest.importorskip("bot.checkin.summary")
    member_id = add_member(MEMBER, "Region Skåne", "Mia")
    meeting_id = _meeting(runtime)
    _check_in(runtime, meeting_id, member_id, "Budgeten")
    _set_channel(runtime)
    said = run_slow(slack, standin, "sammanfattning")
    assert f"träffen {WHEN} är postad i <#C0ADMIN>" in said
    posts = standin.messages_to("C0ADMIN")
    assert posts and "Budgeten" in json.dumps([p.params for p in posts], ensure_ascii=False)


def test_summary_of_the_latest_meeting_when_none_is_coming(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: Any
) -> None:
    pytest.importorskip("bot.checkin.summary")
    _meeting(runtime)
    _set_channel(runtime)
    clock.set("2027-03-20T10:00")
    assert f"träffen {WHEN} är postad" in run_slow(slack, standin, "sammanfattning")


def test_summary_when_the_app_is_not_in_the_channel(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    pytest.importorskip("bot.checkin.summary")
    _meeting(runtime)
    _set_channel(runtime)
    standin.not_in_channels.add("C0ADMIN")
    assert "kan inte posta i <#C0ADMIN>" in run_slow(slack, standin, "sammanfattning")


# ---------------------------------------------------------------- export


def test_export_uploads_a_csv_to_the_organisers_dm(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    bo = add_member("U0B", "Region Skåne", "Bo")
    ada = add_member("U0A", "Arbetsförmedlingen", "Ada")
    meeting_id = _meeting(runtime)
    _check_in(runtime, meeting_id, bo, "=SUM(A1)", changes="Ny chef; ny plan", support='Säg "hej"\nrad två')
    _check_in(runtime, meeting_id, ada, "Budget")
    said = run_slow(slack, standin, "export")
    assert "CSV-filen med 2 incheckningar" in said
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.ok, complete.response
    assert complete.params["channel_id"] == standin.dm_channel_for(ORGANISER)
    assert WHEN in complete.params["initial_comment"]
    [content] = standin.uploads.values()
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == [
        "Organisation",
        "Namn",
        "Vad upptar min tid?",
        "Planerade förändringar i min organisation",
        "Var vill jag ha stöd eller samverka?",
        "Uppdaterad",
    ]
    assert [r[:2] for r in rows[1:]] == [["Arbetsförmedlingen", "Ada"], ["Region Skåne", "Bo"]]
    assert rows[2][2:5] == ["'=SUM(A1)", "Ny chef; ny plan", 'Säg "hej"\nrad två']
    assert dt.datetime.strptime(rows[1][5], "%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("arrange", "expected"), [("none", "ingen träff att exportera"), ("empty", "Ingen har checkat in")]
)
def test_export_refusals(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, arrange: str, expected: str
) -> None:
    if arrange == "empty":
        _meeting(runtime)
    assert expected in run_slow(slack, standin, "export")
    assert standin.calls_to("files.getUploadURLExternal") == []


def test_export_with_wrong_words(slack: SlackClient) -> None:
    said = run(slack, "export allt")
    assert "/chefsnatverket export guldlanken" in said


def test_a_slack_failure_in_a_slow_command_is_answered_politely(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, add_member: Any
) -> None:
    member_id = add_member(MEMBER)
    _check_in(runtime, _meeting(runtime), member_id)
    standin.fail("files.getUploadURLExternal", error="fatal_error")
    assert "Något gick fel" in run_slow(slack, standin, "export")


# ---------------------------------------------------------------- a subset on PostgreSQL too


class TestOnBothDatabases:
    @pytest.fixture
    def settings(self, any_db_url: str, standin: SlackStandIn) -> Settings:
        return make_settings(any_db_url, standin.url)

    def test_plan_move_cancel_and_duplicate(self, slack: SlackClient, runtime: Runtime) -> None:
        assert "Träffen är planerad" in run(slack, "träff 2027-03-11 13:00 Stadshuset")
        assert "finns redan en träff" in run(slack, "träff 2027-03-11 13:00")
        assert "Träffen är planerad" in run(slack, "träff 2027-09-02 13:00")
        assert "finns redan en träff" in run(slack, "flytta 2027-09-02 13:00")
        assert "flyttad" in run(slack, "flytta 2027-03-12 13:00")
        assert "inställd" in run(slack, "ställ-in")
        assert "Träffen är planerad" in run(
            slack, "träff 2027-03-12 13:00"
        )  # the cancelled one no longer blocks
        assert sorted((m.status, m.version) for m in _meetings(runtime)) == [
            ("cancelled", 3),
            ("planned", 1),
            ("planned", 1),
        ]

    def test_members_and_status(self, slack: SlackClient, runtime: Runtime, standin: SlackStandIn) -> None:
        run_slow(slack, standin, "medlem <@U0ANNA> Region Skåne")
        run_slow(slack, standin, "medlem <@U0BEN> REGION SKÅNE")
        run(slack, "ta-bort <@U0BEN>")
        run(slack, "träff 2027-03-11 13:00")
        said = run(slack, "status")
        assert "*0 av 1*" in said and "Anna Admin (Region Skåne)" in said
        assert _organisations(runtime) == ["Region Skåne"]


def test_a_database_failure_is_answered_politely(slack: SlackClient, runtime: Runtime) -> None:
    # The database goes away mid-flight: the organiser still gets a visible, polite answer.
    runtime.engine.dispose()
    with runtime.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE meetings")
    response = slack.command("/chefsnatverket", "träff 2027-03-11 13:00 Malmö", user=ORGANISER)
    assert response.status == 200
    assert "Något gick fel" in response.json()["text"]
