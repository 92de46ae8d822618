"""Guldlänken's domain: parsing, validation, the organisers' round commands, the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from bot import ids
from bot.admin.award_commands import (
    AdminInputError,
    ExtendRound,
    OpenRound,
    SimpleCommand,
    example_deadline,
    parse_admin,
)
from bot.award import nominations, rounds
from bot.award import service as awards
from bot.csv_export import BOM, csv_bytes
from storage.db import transaction
from storage.models import AwardRound, Nomination
from tests.conftest import ORGANISER
from tests.support.award_rounds import add_nomination
from tests.support.signing import users_select

TODAY = dt.date(2027, 1, 4)
LONG = "Hon har byggt broar mellan Arbetsförmedlingen och kommunen, så att fler får rätt stöd i tid. " * 2


# ---------------------------------------------------------------- parsing (pure)


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("", SimpleCommand("help")),
        ("hjälp", SimpleCommand("help")),
        ("stäng", SimpleCommand("close")),
        ("stang", SimpleCommand("close")),
        ("STATUS", SimpleCommand("status")),
        ("förläng 2027-09-15", ExtendRound(dt.date(2027, 9, 15))),
        ("forlang 2027-09-15", ExtendRound(dt.date(2027, 9, 15))),
        ("2027-09-01", OpenRound(dt.date(2027, 9, 1))),
        ("2027-09-01 <#C0GENERAL|general>", OpenRound(dt.date(2027, 9, 1), "C0GENERAL")),
        (
            "2027-09-01 <#C0GENERAL|general> jury <#C0ADMIN|admin>",
            OpenRound(dt.date(2027, 9, 1), "C0GENERAL", "C0ADMIN"),
        ),
        ("2027-09-01 jury <#C0ADMIN>", OpenRound(dt.date(2027, 9, 1), None, "C0ADMIN")),
        ("2027-09-01 C0GENERAL", OpenRound(dt.date(2027, 9, 1), "C0GENERAL")),
        ("något annat", SimpleCommand("help")),
    ],
)
def test_parse_admin(rest, expected):
    assert parse_admin(rest, "sv", TODAY) == expected


@pytest.mark.parametrize(
    ("rest", "needle"),
    [
        ("2027-13-01", "kunde inte läsa datumet ”2027-13-01”"),
        ("2027-9-1", "kunde inte läsa datumet"),
        ("1 september", "kunde inte läsa datumet ”1”"),
        ("2027-09-01 #allmänt", "känner jag inte igen som en kanal"),
        ("2027-09-01 <#C1|a> <#C2|b>", "känner jag inte igen som en kanal"),
        ("2027-09-01 jury", "känner jag inte igen som en kanal"),
        ("förläng", "Skriv det nya sista datumet"),
        ("förläng 1/9", "kunde inte läsa datumet"),
    ],
)
def test_parse_admin_refusals_explain_with_an_example(rest, needle):
    with pytest.raises(AdminInputError) as refused:
        parse_admin(rest, "sv", TODAY)
    assert needle in str(refused.value)
    assert "`/chefsnatverket guldlanken" in str(refused.value)


def test_example_deadline_is_the_next_first_of_september():
    assert example_deadline(dt.date(2027, 1, 4)) == "2027-09-01"
    assert example_deadline(dt.date(2027, 9, 1)) == "2027-09-01"
    assert example_deadline(dt.date(2027, 9, 2)) == "2028-09-01"


def _view(user=None, name=None, org=None, partner=None, motivation=LONG, metadata='{"round": 1}'):
    def text(value):
        return {"type": "plain_text_input", "value": value}

    return {
        "private_metadata": metadata,
        "state": {
            "values": {
                ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: users_select(user)},
                ids.AWARD_BLOCK_NOMINEE_NAME: {ids.AWARD_INPUT: text(name)},
                ids.AWARD_BLOCK_NOMINEE_ORG: {ids.AWARD_INPUT: text(org)},
                ids.AWARD_BLOCK_PARTNER: {ids.AWARD_INPUT: text(partner)},
                ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: text(motivation)},
            }
        },
    }


def test_read_submission_strips_and_reads_metadata():
    sub = nominations.read_submission(
        _view(
            name="  Åsa  Öberg ", org=" Region Skåne ", partner="  ", metadata='{"round": 3, "nomination": 9}'
        )
    )
    assert sub.nominee_user_id is None
    assert sub.nominee_name == "Åsa  Öberg" and sub.nominee_organisation == "Region Skåne"
    assert sub.partner is None
    assert (sub.round_id, sub.nomination_id) == (3, 9)
    assert nominations.nominee_key(sub) == "åsa öberg"
    assert nominations.read_submission(_view(metadata="garbage")).round_id is None
    assert nominations.nominee_key(nominations.read_submission(_view(user="U0CHLOE"))) == "U0CHLOE"


@pytest.mark.parametrize(
    ("kwargs", "block", "needle"),
    [
        ({}, ids.AWARD_BLOCK_NOMINEE_USER, "Välj en person i Slack eller skriv namnet"),
        ({"user": "U0CHLOE", "name": "Chloe"}, ids.AWARD_BLOCK_NOMINEE_NAME, "inte båda"),
        ({"user": "U0BEN"}, ids.AWARD_BLOCK_NOMINEE_USER, "nominera dig själv"),
        ({"name": "Åsa Öberg"}, ids.AWARD_BLOCK_NOMINEE_ORG, "vilken organisation"),
        (
            {"user": "U0CHLOE", "motivation": "För kort."},
            ids.AWARD_BLOCK_MOTIVATION,
            "minst 100 tecken (nu 9)",
        ),
        (
            {"user": "U0CHLOE", "motivation": "x" * 3001},
            ids.AWARD_BLOCK_MOTIVATION,
            "högst 3000 tecken (nu 3001)",
        ),
        ({"user": "U0CHLOE", "partner": "p" * 301}, ids.AWARD_BLOCK_PARTNER, "Högst 300 tecken"),
    ],
)
def test_validate_submission_refusals(kwargs, block, needle):
    errors = nominations.validate_submission(nominations.read_submission(_view(**kwargs)), "U0BEN", "sv")
    assert needle in errors[block]


def test_validate_submission_accepts_a_slack_user_with_organisation_and_a_free_text_nominee():
    for kwargs in (
        {"user": "U0CHLOE", "org": "FK"},
        {"name": "Åsa", "org": "Region Skåne", "partner": "Team"},
    ):
        assert (
            nominations.validate_submission(nominations.read_submission(_view(**kwargs)), "U0BEN", "sv") == {}
        )


def test_command_kind():
    assert nominations.command_kind("") == "nominate"
    assert nominations.command_kind("  Mina ") == "mine"
    assert nominations.command_kind("hjälp") == "help"


# ---------------------------------------------------------------- CSV (pure)


def test_csv_bytes_bom_semicolons_quoting_and_formula_guard():
    data = csv_bytes(
        ["År", "Motivering"],
        [["2027", 'Hon sa: "samverkan; alltid", och\nsedan mer'], ["2027", "=HYPERLINK(1)"]],
    )
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [
        ["År", "Motivering"],
        ["2027", 'Hon sa: "samverkan; alltid", och\nsedan mer'],
        ["2027", "'=HYPERLINK(1)"],
    ]
    assert text.endswith("\r\n")


# ---------------------------------------------------------------- organisers' commands (direct)


def _round(session) -> AwardRound:
    session.expire_all()
    return session.query(AwardRound).one()


def test_open_round_defaults_to_the_command_channel(runtime, session, clock):
    answer = awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    assert "*Guldlänken 2027* är öppen" in answer
    assert "onsdag 1 september 2027 kl. 23.59" in answer
    assert "<#C0GENERAL>" in answer
    assert "onsdag 18 augusti 2027 kl. 09.00" in answer and "tisdag 31 augusti 2027 kl. 09.00" in answer
    assert (
        "samordnarna som direktmeddelanden (torsdag 2 september 2027 kl. 09.00)" in answer
    )  # no organisers' channel set yet
    assert "torsdag 2 september 2027 kl. 09.00" in answer
    award_round = _round(session)
    assert (award_round.year, award_round.status, award_round.announcement_channel) == (
        2027,
        "open",
        "C0GENERAL",
    )
    assert award_round.jury_channel is None
    assert award_round.opened_at == clock()
    assert award_round.opened_by == ORGANISER


def test_open_round_with_channels_given(runtime, session):
    answer = awards.admin_command(
        runtime, ORGANISER, "2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>", "D0X"
    )
    assert "<#C0JURY>" in answer
    award_round = _round(session)
    assert (award_round.announcement_channel, award_round.jury_channel) == ("C0GENERAL", "C0JURY")


def test_open_round_from_a_dm_uses_the_network_channel_or_asks(runtime, session):
    answer = awards.admin_command(runtime, ORGANISER, "2027-09-01", "D0ORG1")
    assert "Vilken kanal ska tillkännagivandet gå till?" in answer
    assert session.query(AwardRound).count() == 0
    with transaction(runtime.sessions) as s:
        from storage.meetings import get_network

        get_network(s).announcement_channel = "C0GENERAL"
        get_network(s).organisers_channel = "C0ADMIN"
    answer = awards.admin_command(runtime, ORGANISER, "2027-09-01", "D0ORG1")
    assert "*Guldlänken 2027* är öppen" in answer and "<#C0ADMIN>" in answer
    assert _round(session).announcement_channel == "C0GENERAL"


def test_open_round_refusals(runtime, session, clock):
    assert "har redan passerat" in awards.admin_command(runtime, ORGANISER, "2027-01-03", "C0GENERAL")
    # Today is still allowed: the deadline is inclusive.
    assert "är öppen" in awards.admin_command(runtime, ORGANISER, "2027-01-04", "C0GENERAL")
    refused = awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    assert "redan öppen" in refused and "en öppen omgång" in refused
    assert session.query(AwardRound).count() == 1


def test_a_year_has_one_round(runtime, session, clock):
    awards.admin_command(runtime, ORGANISER, "2027-03-01", "C0GENERAL")
    assert "är stängd" in awards.admin_command(runtime, ORGANISER, "stäng", "C0GENERAL")
    with transaction(runtime.sessions) as s:  # as the jury summary's after_sent does
        s.query(AwardRound).one().status = "closed"
    answer = awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    assert "finns redan en omgång av Guldlänken 2027" in answer and "2028-09-01" in answer


def test_not_organiser_is_refused_everywhere(runtime, session):
    for rest in ("2027-09-01", "status", "stäng", "förläng 2027-09-10", ""):
        assert "bara Chefsnätverkets samordnare" in awards.admin_command(runtime, "U0BEN", rest, "C0GENERAL")
    assert "bara Chefsnätverkets samordnare" in awards.export_command(runtime, "U0BEN", "", "C0GENERAL")
    assert session.query(AwardRound).count() == 0


def test_extend(runtime, session, clock):
    assert "Ingen omgång av Guldlänken är öppen" in awards.admin_command(
        runtime, ORGANISER, "förläng 2027-09-10", "C"
    )
    awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    refused = awards.admin_command(runtime, ORGANISER, "förläng 2027-09-01", "C0GENERAL")
    assert "måste vara senare" in refused and "förläng 2027-09-08" in refused
    answer = awards.admin_command(runtime, ORGANISER, "förläng 2027-09-15", "C0GENERAL")
    assert "är nu onsdag 15 september 2027 kl. 23.59" in answer
    assert "torsdag 16 september 2027 kl. 09.00" in answer
    assert _round(session).deadline == dt.date(2027, 9, 15)


def test_close_and_status(runtime, session, clock, standin):
    assert "Ingen omgång har öppnats ännu" in awards.admin_command(runtime, ORGANISER, "status", "C0GENERAL")
    awards.admin_command(runtime, ORGANISER, "2027-09-01 jury <#C0JURY|jury>", "C0GENERAL")
    with transaction(runtime.sessions) as s:
        s.add(
            Nomination(
                round_id=s.query(AwardRound).one().id,
                nominator_user_id="U0BEN",
                nominee_user_id="U0CHLOE",
                nominee_key="U0CHLOE",
                motivation=LONG,
                created_at=clock(),
            )
        )
    status = awards.admin_command(runtime, ORGANISER, "status", "C0GENERAL")
    assert "*Guldlänken 2027* är öppen" in status and "Nomineringar hittills: 1 nominering" in status
    assert LONG[:20] not in status and "U0BEN" not in status  # a count, never the content
    closed = awards.admin_command(runtime, ORGANISER, "stäng", "C0GENERAL")
    assert "Guldlänken 2027 är stängd; 1 nominering kom in" in closed and "<#C0JURY>" in closed
    award_round = _round(session)
    assert award_round.closed_at == clock() and award_round.status == "open"  # closed for nominations
    assert "redan stängd" in awards.admin_command(runtime, ORGANISER, "stäng", "C0GENERAL")
    status = awards.admin_command(runtime, ORGANISER, "status", "C0GENERAL")
    assert "nomineringen stängde måndag 4 januari 2027 kl. 11.00" in status and "inom någon minut" in status
    # A new round waits for the jury summary ...
    assert "Öppna nästa omgång när det har gått ut" in awards.admin_command(
        runtime, ORGANISER, "2028-09-01", "C"
    )
    # ... unless that summary is long overdue (it failed; the scheduler has reported it).
    clock.advance(hours=2)
    assert "*Guldlänken 2028* är öppen" in awards.admin_command(runtime, ORGANISER, "2028-09-01", "C0GENERAL")
    session.expire_all()
    assert {(r.year, r.status) for r in session.query(AwardRound)} == {(2027, "closed"), (2028, "open")}
    status = awards.admin_command(runtime, ORGANISER, "status", "C0GENERAL")
    assert "Guldlänken 2028" in status


def test_extending_a_round_closed_early_opens_it_again(runtime, session, clock):
    awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    awards.admin_command(runtime, ORGANISER, "stäng", "C0GENERAL")
    awards.admin_command(runtime, ORGANISER, "förläng 2027-09-10", "C0GENERAL")
    award_round = _round(session)
    assert award_round.closed_at is None
    assert rounds.accepting(award_round, clock(), runtime.tz)


def test_help_for_organisers_has_an_example(runtime):
    answer = awards.admin_command(runtime, ORGANISER, "", "C0GENERAL")
    assert "`/chefsnatverket guldlanken 2027-09-01 #allmänt jury #samordnare`" in answer
    assert "förläng" in answer and "stäng" in answer and "status" in answer and "export guldlanken" in answer


# ---------------------------------------------------------------- export (direct)


def _nominate(runtime, clock, *, nominator, motivation=LONG, **nominee):
    with runtime.sessions() as s:
        round_id = s.query(AwardRound).filter_by(status="open").one().id
    add_nomination(runtime, round_id, nominator, motivation, at=clock(), **nominee)


def _uploaded_rows(standin) -> list[list[str]]:
    [content] = standin.uploads.values()
    assert content.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_uploads_a_csv_to_the_organisers_dm(runtime, standin, clock, add_member):
    add_member("U0CHLOE", "Försäkringskassan", "Chloe Chen")
    awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    tricky = 'Åsa har samverkat, "alltid"; med Försäkringskassan\noch regionen – över gränserna. ' * 2
    _nominate(runtime, clock, nominator="U0BEN", user="U0CHLOE", motivation=LONG)
    clock.advance(hours=1)
    _nominate(
        runtime,
        clock,
        nominator="U0ANNA",
        name="Åsa Öberg",
        org="Region Skåne",
        partner="Team Väst",
        motivation=tricky,
    )
    clock.advance(minutes=5)
    _nominate(runtime, clock, nominator="U0ANNA", user="U0CHLOE", motivation=LONG + "!")
    answer = awards.export_command(runtime, ORGANISER, "", "C0ADMIN")
    assert answer == (
        "Nomineringarna till Guldlänken 2027 (3 nomineringar) har skickats till dig som CSV-fil "
        "i ett direktmeddelande från mig."
    )
    [opened] = standin.calls_to("conversations.open")
    assert opened.params["users"] == ORGANISER
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == standin.dm_channel_for(ORGANISER)
    assert "konfidentiell" in complete.params["initial_comment"]
    [pending] = standin.calls_to("files.getUploadURLExternal")
    assert pending.params["filename"] == "guldlanken-2027.csv"
    rows = _uploaded_rows(standin)
    assert rows[0] == [
        "År",
        "Nominerad",
        "Organisation",
        "Slack-id",
        "Partner",
        "Motivering",
        "Nominerad av",
        "Inskickad",
    ]
    assert rows[1:] == [
        ["2027", "Chloe Chen", "Försäkringskassan", "U0CHLOE", "", LONG, "Ben Baker", "2027-01-04 11:00"],
        [
            "2027",
            "Chloe Chen",
            "Försäkringskassan",
            "U0CHLOE",
            "",
            LONG + "!",
            "Anna Admin",
            "2027-01-04 12:05",
        ],
        ["2027", "Åsa Öberg", "Region Skåne", "", "Team Väst", tricky, "Anna Admin", "2027-01-04 12:00"],
    ]


def test_export_by_year_and_refusals(runtime, standin, clock):
    assert (
        awards.export_command(runtime, ORGANISER, "", "C0ADMIN")
        == "Det finns ingen omgång av Guldlänken att exportera."
    )
    assert "fyra siffror" in awards.export_command(runtime, ORGANISER, "27", "C0ADMIN")
    assert "fyra siffror" in awards.export_command(runtime, ORGANISER, "2027 2028", "C0ADMIN")
    awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    assert (
        awards.export_command(runtime, ORGANISER, "2026", "C0ADMIN")
        == "Det finns ingen omgång av Guldlänken 2026."
    )
    assert "(0 nomineringar)" in awards.export_command(runtime, ORGANISER, "2027", "C0ADMIN")
    assert len(_uploaded_rows(standin)) == 1  # the header only
    assert standin.count("files.completeUploadExternal") == 1


def test_export_failure_is_answered_politely(runtime, standin, clock):
    awards.admin_command(runtime, ORGANISER, "2027-09-01", "C0GENERAL")
    standin.fail("files.getUploadURLExternal", error="invalid_arguments")
    assert awards.export_command(runtime, ORGANISER, "", "C0ADMIN") == (
        "Filen kunde inte skickas just nu. Försök igen om en stund."
    )
