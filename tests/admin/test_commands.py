"""The pure `/chefsnatverket` parser: text -> typed command, or a Swedish explanation with an example."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.admin import commands as c
from bot.admin.grammar import parse_command
from bot.admin.words import local_instant

TZ = ZoneInfo("Europe/Stockholm")
TODAY = dt.date(2027, 2, 1)


def parse(text: str) -> c.Command | c.ParseError:
    return parse_command(text, TZ, TODAY)


def error(text: str) -> c.ParseError:
    result = parse(text)
    assert isinstance(result, c.ParseError), result
    return result


@pytest.mark.parametrize("text", ["", "   ", "hjälp", "HJÄLP", "hjalp", "help", "Help", "?"])
def test_help(text: str) -> None:
    assert parse(text) == c.Help()


def test_plan_meeting_reads_local_time_with_place() -> None:
    result = parse("träff 2027-03-12 13:00 Stadshuset,  Malmö")
    assert result == c.PlanMeeting(dt.datetime(2027, 3, 12, 13, 0, tzinfo=TZ), "Stadshuset, Malmö")
    assert isinstance(result, c.PlanMeeting)
    assert result.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 3, 12, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("word", ["träff", "TRÄFF", "traff", "Traff", "möte"])
def test_plan_meeting_keyword_variants(word: str) -> None:
    assert isinstance(parse(f"{word} 2027-03-12 13:00"), c.PlanMeeting)


def test_plan_meeting_summer_time_and_dotted_time() -> None:
    result = parse("träff 2027-06-10 9.30")
    assert isinstance(result, c.PlanMeeting)
    assert result.place is None
    assert result.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 6, 10, 7, 30, tzinfo=dt.UTC)


def test_place_is_unescaped_for_storage() -> None:
    result = parse("träff 2027-03-12 13:00 Kafé &amp; Bar &lt;!channel&gt;")
    assert isinstance(result, c.PlanMeeting)
    assert result.place == "Kafé & Bar <!channel>"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("träff", "admin.parse.date_missing"),
        ("träff 12 mars 13:00", "admin.parse.date_invalid"),
        ("träff 2027/03/12 13:00", "admin.parse.date_invalid"),
        ("träff 2027-13-01 13:00", "admin.parse.date_impossible"),
        ("träff 2027-02-30 13:00", "admin.parse.date_impossible"),
        ("träff 2027-03-12", "admin.parse.time_missing"),
        ("träff 2027-03-12 13", "admin.parse.time_invalid"),
        ("träff 2027-03-12 25:00", "admin.parse.time_invalid"),
        ("träff 2027-03-12 13:75", "admin.parse.time_invalid"),
        ("träff 2027-03-28 02:30", "admin.parse.time_skipped"),
        ("flytta", "admin.parse.date_missing"),
        ("flytta 2027-02-29 10:00", "admin.parse.date_impossible"),
    ],
)
def test_meeting_errors_explain_with_an_example(text: str, key: str) -> None:
    problem = error(text)
    assert problem.key == key
    message = problem.message("sv")
    assert "Till exempel" in message
    assert "/chefsnatverket" in message
    assert "2027-03-03" in message  # the example is dated about a month ahead of TODAY


def test_error_message_escapes_what_was_typed() -> None:
    message = error("träff <!channel> 13:00").message("sv")
    assert "<!channel>" not in message
    assert "&lt;!channel&gt;" in message


def test_place_too_long() -> None:
    assert error("träff 2027-03-12 13:00 " + "x" * 501).key == "admin.parse.place_too_long"
    assert isinstance(parse("träff 2027-03-12 13:00 " + "x" * 500), c.PlanMeeting)


def test_move_keeps_place_optional() -> None:
    assert parse("flytta 2027-03-13 10:00") == c.MoveMeeting(dt.datetime(2027, 3, 13, 10, 0, tzinfo=TZ), None)
    assert parse("Flytta 2027-03-13 10:00 Rådhuset") == c.MoveMeeting(
        dt.datetime(2027, 3, 13, 10, 0, tzinfo=TZ), "Rådhuset"
    )


@pytest.mark.parametrize("text", ["ställ-in", "stall-in", "STÄLL-IN", "ställ in", "Stall In", "ställin"])
def test_cancel_variants(text: str) -> None:
    assert parse(text) == c.CancelMeeting()


def test_cancel_with_date_and_errors() -> None:
    assert parse("ställ-in 2027-03-12") == c.CancelMeeting(dt.date(2027, 3, 12))
    assert error("ställ-in nästa").key == "admin.parse.cancel_args"
    assert error("ställ-in 2027-02-30").key == "admin.parse.cancel_args"
    assert error("ställ-in 2027-03-12 13:00").key == "admin.parse.cancel_args"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("medlem <@U123|anna> Region Skåne", c.AddMember("U123", "Region Skåne", "anna")),
        ("medlem <@U123> Region Skåne", c.AddMember("U123", "Region Skåne", None)),
        (
            "MEDLEM <@W0ABC|anna>   Försäkringskassan  Malmö ",
            c.AddMember("W0ABC", "Försäkringskassan Malmö", "anna"),
        ),
        ("medlem <@U123> Vård &amp; omsorg", c.AddMember("U123", "Vård & omsorg", None)),
    ],
)
def test_add_member(text: str, expected: c.AddMember) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("medlem", "admin.parse.mention_missing"),
        ("medlem @anna Region Skåne", "admin.parse.mention_invalid"),
        ("medlem anna", "admin.parse.mention_invalid"),
        ("medlem <@U123|anna>", "admin.parse.organisation_missing"),
        ("medlem <@U123>   ", "admin.parse.organisation_missing"),
        ("medlem <@U123> " + "x" * 201, "admin.parse.organisation_too_long"),
    ],
)
def test_add_member_errors(text: str, key: str) -> None:
    problem = error(text)
    assert problem.key == key
    assert "/chefsnatverket medlem @Anna Region Skåne" in problem.message("sv")


@pytest.mark.parametrize("word", ["ta-bort", "ta bort", "tabort", "TA-BORT"])
def test_remove_member(word: str) -> None:
    assert parse(f"{word} <@U123|anna>") == c.RemoveMember("U123")


def test_remove_member_errors() -> None:
    assert error("ta-bort").key == "admin.parse.mention_missing"
    assert error("ta-bort anna").key == "admin.parse.mention_invalid"
    assert error("ta-bort <@U1> <@U2>").key == "admin.parse.one_person"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("medlemmar", c.ListMembers()),
        ("Medlemmar", c.ListMembers()),
        ("status", c.ShowStatus()),
        ("STATUS", c.ShowStatus()),
        ("sammanfattning", c.PostSummary()),
        ("export", c.ExportCheckins()),
        ("export incheckning", c.ExportCheckins()),
        ("export incheckningar", c.ExportCheckins()),
        ("guldlanken 2027-09-01", c.AwardCommand("2027-09-01")),
        ("guldlänken", c.AwardCommand("")),
        ("Guldlänken status nu", c.AwardCommand("status nu")),
        ("export guldlanken", c.AwardExport("")),
        ("export guldlänken 2027", c.AwardExport("2027")),
    ],
)
def test_simple_commands(text: str, expected: c.Command) -> None:
    assert parse(text) == expected


def test_export_errors() -> None:
    assert error("export allt").key == "admin.parse.export_args"


def test_channel() -> None:
    assert parse("kanal <#C0ADMIN|admin>") == c.SetChannel("C0ADMIN")
    assert parse("kanal <#G123>") == c.SetChannel("G123")
    assert error("kanal").key == "admin.parse.channel_missing"
    assert error("kanal #admin").key == "admin.parse.channel_invalid"
    assert error("kanal <#C1> extra").key == "admin.parse.channel_invalid"
    assert "/chefsnatverket kanal #samordnare" in error("kanal").message("sv")


@pytest.mark.parametrize("word", ["organisatör", "organisator", "ORGANISATÖR", "samordnare"])
def test_appoint_organiser(word: str) -> None:
    assert parse(f"{word} <@U9|bo>") == c.AppointOrganiser("U9", "bo")


def test_dismiss_organiser() -> None:
    assert parse("organisatör ta-bort <@U9>") == c.DismissOrganiser("U9")
    assert parse("organisator ta bort <@U9|bo>") == c.DismissOrganiser("U9")
    assert error("organisatör").key == "admin.parse.mention_missing"
    assert error("organisatör ta-bort").key == "admin.parse.mention_missing"


def test_unknown_word() -> None:
    problem = error("planera 2027-03-12")
    assert problem.key == "admin.parse.unknown"
    assert "planera" in problem.message("sv")
    assert "/chefsnatverket hjälp" in problem.message("sv")


def test_english_messages_exist() -> None:
    assert "For example" in error("träff").message("en")


def test_local_instant_handles_daylight_saving() -> None:
    assert local_instant(dt.date(2027, 3, 28), dt.time(2, 30), TZ) is None
    autumn = local_instant(dt.date(2027, 10, 31), dt.time(2, 30), TZ)
    assert autumn is not None and autumn.utcoffset() == dt.timedelta(hours=2)  # the first 02:30
