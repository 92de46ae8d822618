"""The minutes draft: the .docx read back with python-docx, and the Markdown with its escaping."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from bot.checkin.summary import MemberCheckin, OrganisationCheckins
from bot.insights.minutes import (
    Attendee,
    MinutesData,
    OrganisationAttendance,
    PulseResult,
    markdown_escape,
    minutes_docx,
    minutes_filename,
    minutes_markdown,
)
from bot.insights.themes import Theme

TZ = ZoneInfo("Europe/Stockholm")

DATA = MinutesData(
    starts_at=dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC),
    place="Stadshuset, Malmö",
    attendance=(
        OrganisationAttendance(
            "Region Skåne", (Attendee("Cecilia Dahl"), Attendee("Anna Ek", substitute_for="Bertil Berg"))
        ),
        OrganisationAttendance(None, (Attendee("Olle Ström"),)),
        OrganisationAttendance("Malmö stad", (Attendee("Åsa Lind"),)),
    ),
    checkins=(
        OrganisationCheckins(
            "Malmö stad",
            (
                MemberCheckin(
                    "Åsa Lind",
                    "Omställningen till nära vård.\nBudgetarbetet.",
                    None,
                    "Samverkan kring unga vuxna.",
                ),
            ),
        ),
        OrganisationCheckins(
            "Region Skåne",
            (MemberCheckin("Cecilia Dahl", "Rekrytering", "En ny förvaltning i höst", None),),
        ),
    ),
    themes=(Theme("omställning", ("Malmö stad", "Region Skåne"), 3),),
    pulse=PulseResult(yes=12, no=1, comments=3),
)


def _paragraphs(data: MinutesData, lang: str = "sv") -> list[tuple[str, str]]:
    document = Document(io.BytesIO(minutes_docx(data, TZ, lang)))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_docx_holds_the_headings_names_and_texts_in_order() -> None:
    paragraphs = _paragraphs(DATA)
    assert paragraphs == [
        ("Heading 1", "Protokoll från Chefsnätverkets träff"),
        ("Normal", "Utkast – redigera det gärna innan du delar det."),
        ("Normal", "Tid\ntorsdag 11 mars 2027 kl. 13.00"),
        ("Normal", "Plats\nStadshuset, Malmö"),
        ("Heading 2", "Närvarande"),
        ("Heading 3", "Malmö stad"),
        ("List Bullet", "Åsa Lind"),
        ("Heading 3", "Region Skåne"),
        ("List Bullet", "Anna Ek (ersättare för Bertil Berg)"),
        ("List Bullet", "Cecilia Dahl"),
        ("Heading 3", "Utan organisation"),
        ("List Bullet", "Olle Ström"),
        ("Heading 2", "Incheckningar"),
        ("Normal", "Incheckningar som deltagarna delat med nätverket, per organisation."),
        ("Heading 3", "Malmö stad"),
        ("Heading 4", "Åsa Lind"),
        ("Normal", "Vad upptar min tid?\nOmställningen till nära vård.\nBudgetarbetet."),
        ("Normal", "Var vill jag ha stöd eller samverka?\nSamverkan kring unga vuxna."),
        ("Heading 3", "Region Skåne"),
        ("Heading 4", "Cecilia Dahl"),
        ("Normal", "Vad upptar min tid?\nRekrytering"),
        ("Normal", "Planerade förändringar i min organisation\nEn ny förvaltning i höst"),
        ("Heading 2", "Gemensamma teman"),
        ("List Bullet", "omställning – Malmö stad, Region Skåne"),
        ("Heading 2", "Vill ni träffas igen?"),
        ("Normal", "Ja: 12. Nej: 1. Kommentarer: 3."),
    ]


def test_docx_questions_are_bold_and_the_title_is_set() -> None:
    document = Document(io.BytesIO(minutes_docx(DATA, TZ)))
    answer = next(p for p in document.paragraphs if p.text.startswith("Vad upptar"))
    assert answer.runs[0].text == "Vad upptar min tid?"
    assert answer.runs[0].bold
    assert (
        document.core_properties.title
        == "Protokoll från Chefsnätverkets träff torsdag 11 mars 2027 kl. 13.00"
    )
    assert document.core_properties.language == "sv-SE"


def test_an_empty_meeting_says_so_kindly() -> None:
    empty = MinutesData(starts_at=DATA.starts_at, place=None, pulse=PulseResult(0, 0, 0))
    texts = [text for _, text in _paragraphs(empty)]
    assert "Plats\nIngen plats angiven" in texts
    assert "Ingen närvaro är registrerad." in texts
    assert "Ingen incheckning är delad med nätverket." in texts
    assert "Inga teman nämns av mer än en organisation den här gången." in texts
    assert "Ingen har svarat ännu." in texts
    assert minutes_markdown(empty, TZ).count("Ingen") == 4


def test_control_characters_cannot_break_the_docx() -> None:
    data = MinutesData(
        starts_at=DATA.starts_at,
        place="Sal\x00 B\x1f",
        attendance=(OrganisationAttendance("Malmö\x0b stad", (Attendee("Anna\x07 Ek"),)),),
    )
    texts = [text for _, text in _paragraphs(data)]
    assert "Plats\nSal B" in texts
    assert "Malmö stad" in texts
    assert "Anna Ek" in texts


def test_markdown_has_the_same_outline() -> None:
    markdown = minutes_markdown(DATA, TZ)
    assert markdown.startswith("# Protokoll från Chefsnätverkets träff\n\n")
    assert "**Tid**\\\ntorsdag 11 mars 2027 kl. 13.00" in markdown
    assert (
        "## Närvarande\n\n### Malmö stad\n\n- Åsa Lind\n\n### Region Skåne\n\n- Anna Ek (ersättare för Bertil Berg)\n- Cecilia Dahl\n"
        in markdown
    )
    assert "**Vad upptar min tid?**\\\nOmställningen till nära vård.\\\nBudgetarbetet." in markdown
    assert "## Gemensamma teman\n\n- omställning – Malmö stad, Region Skåne\n" in markdown
    assert markdown.endswith("## Vill ni träffas igen?\n\nJa: 12. Nej: 1. Kommentarer: 3.\n")


def test_markdown_escapes_user_text() -> None:
    data = MinutesData(
        starts_at=DATA.starts_at,
        place="<script>alert(1)</script>",
        attendance=(OrganisationAttendance("# Rubrik", (Attendee("*Anna* [x](http://evil)"),)),),
        checkins=(
            OrganisationCheckins(
                "Malmö stad",
                (
                    MemberCheckin(
                        "Åsa", "> citat\n- lista\n1. punkt\n`kod` _kursiv_ &amp; | ~~bort~~", None, None
                    ),
                ),
            ),
        ),
    )
    markdown = minutes_markdown(data, TZ)
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "### \\# Rubrik" in markdown
    assert "- \\*Anna\\* \\[x\\](http://evil)" in markdown
    assert (
        "\\> citat\\\n\\- lista\\\n1\\. punkt\\\n\\`kod\\` \\_kursiv\\_ \\&amp; \\| \\~\\~bort\\~\\~"
        in markdown
    )


@given(st.text())
def test_markdown_escape_leaves_no_markup_character_bare(text: str) -> None:
    escaped = markdown_escape(text)
    unescaped = re.sub(r"\\.", "", escaped, flags=re.DOTALL)  # drop every backslash escape
    assert not re.search(r"[`*_\[\]<>|~&#]", unescaped)
    for line in escaped.split("\\\n"):
        assert not re.match(r"\s*([-+=>]|\d+[.)])", line)


def test_english_and_file_name() -> None:
    paragraphs = [text for _, text in _paragraphs(DATA, "en")]
    assert paragraphs[0] == "Minutes of the network's meeting"
    assert "Anna Ek (substitute for Bertil Berg)" in paragraphs
    assert minutes_filename(DATA, TZ, "docx") == "protokoll-2027-03-11.docx"
