"""The minutes draft of a meeting, as Markdown and as a Word document (.docx).

Pure: a `MinutesData` in, text or bytes out. Both formats come from one outline (`_outline`), so
they always hold the same headings and texts: the meeting's time and place, who came per
organisation (with ersättare), the check-ins shared with the network, the shared themes, and the
answers to "Vill ni träffas igen?". Markdown escapes every piece of user text, so a name or an
answer can never add a heading, a link or HTML.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from bot.checkin.summary import OrganisationCheckins, swedish_sort_key
from bot.formatting import DEFAULT_NETWORK, format_when, network_names
from bot.insights.themes import Theme
from bot.texts import t


@dataclass(frozen=True)
class Attendee:
    """Someone who came; `substitute_for` names the member an ersättare came for."""

    name: str
    substitute_for: str | None = None


@dataclass(frozen=True)
class OrganisationAttendance:
    """Who came from one organisation (`organisation` None for people without one)."""

    organisation: str | None
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class PulseResult:
    """The answers to "Vill ni träffas igen?" after the meeting."""

    yes: int
    no: int
    comments: int


@dataclass(frozen=True)
class MinutesData:
    """Everything the minutes draft holds. `checkins` are only those shared with the network."""

    starts_at: dt.datetime
    place: str | None
    attendance: Sequence[OrganisationAttendance] = ()
    checkins: Sequence[OrganisationCheckins] = ()
    themes: Sequence[Theme] = ()
    pulse: PulseResult | None = None
    network: str = DEFAULT_NETWORK  # the network's name, in the title


class Part(NamedTuple):
    """One piece of the outline both formats render: a heading (of `level`), a paragraph, a list
    item, or an answer (`label` in bold, `text` on the next line)."""

    kind: Literal["heading", "para", "item", "answer"]
    text: str
    level: int = 0
    label: str = ""


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str | None) -> str:
    """User text without the control characters a .docx cannot hold, ends trimmed."""
    return _XML_INVALID.sub("", text or "").strip()


def _one_line(text: str | None) -> str:
    return " ".join(_clean(text).split())


def _org_key(name: str | None) -> tuple[bool, str]:
    return (name is None, swedish_sort_key(name))


def _title(data: MinutesData, lang: str) -> str:
    """ "Protokoll från Guldlänkens träff": plain text (Markdown escapes it where it is written)."""
    return t("insights.minutes.title", lang, **network_names(data.network, mrkdwn=False))


def _outline(data: MinutesData, tz: ZoneInfo, lang: str) -> Iterator[Part]:
    no_org = t("checkin.summary.no_organisation", lang)
    yield Part("heading", level=1, text=_title(data, lang))
    yield Part("para", t("insights.minutes.draft", lang))
    yield Part("answer", format_when(data.starts_at, tz, lang), label=t("insights.minutes.when", lang))
    yield Part(
        "answer",
        _clean(data.place) or t("insights.minutes.no_place", lang),
        label=t("insights.minutes.place", lang),
    )

    yield Part("heading", level=2, text=t("insights.minutes.attendance", lang))
    present = [org for org in data.attendance if org.attendees]
    if not present:
        yield Part("para", t("insights.minutes.no_attendance", lang))
    for attending in sorted(present, key=lambda o: _org_key(o.organisation)):
        yield Part("heading", level=3, text=_one_line(attending.organisation) or no_org)
        for person in sorted(attending.attendees, key=lambda a: swedish_sort_key(a.name)):
            name = _one_line(person.name)
            if person.substitute_for:
                name = t(
                    "insights.minutes.substitute", lang, name=name, for_name=_one_line(person.substitute_for)
                )
            yield Part("item", name)

    yield Part("heading", level=2, text=t("insights.minutes.checkins", lang))
    shared = [org for org in data.checkins if org.checkins]
    yield Part(
        "para", t("insights.minutes.checkins_intro" if shared else "insights.minutes.no_checkins", lang)
    )
    for org in sorted(shared, key=lambda o: _org_key(o.name)):
        yield Part("heading", level=3, text=_one_line(org.name) or no_org)
        for checkin in org.checkins:
            yield Part("heading", level=4, text=_one_line(checkin.name))
            for question, answer in (
                ("checkin.question.occupying", checkin.occupying),
                ("checkin.question.changes", checkin.changes),
                ("checkin.question.support", checkin.support),
            ):
                if _clean(answer):
                    yield Part("answer", _clean(answer), label=t(question, lang))

    yield Part("heading", level=2, text=t("insights.themes.heading", lang))
    if not data.themes:
        yield Part("para", t("insights.themes.none", lang))
    for theme in data.themes:
        yield Part(
            "item",
            t(
                "insights.themes.item",
                lang,
                theme=_one_line(theme.text),
                organisations=", ".join(_one_line(o) for o in theme.organisations),
            ),
        )

    yield Part("heading", level=2, text=t("insights.minutes.pulse", lang))
    pulse = data.pulse
    if pulse is None or not (pulse.yes or pulse.no or pulse.comments):
        yield Part("para", t("insights.minutes.no_pulse", lang))
    else:
        yield Part(
            "para",
            t("insights.minutes.pulse_result", lang, yes=pulse.yes, no=pulse.no, comments=pulse.comments),
        )


# ---------------------------------------------------------------- Markdown

# Characters that start inline markup in CommonMark or GitHub's Markdown (emphasis, code, links,
# HTML, entities, tables, strikethrough, headings); a backslash makes each one literal.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def markdown_escape(text: str) -> str:
    """`text` as literal Markdown: no emphasis, link, HTML, heading, quote or list can come of it.

    Line breaks stay line breaks (as hard breaks within one paragraph).
    """
    lines = []
    for raw in _clean(text).splitlines():
        line = _MD_INLINE.sub(r"\\\1", raw.strip())
        if not line:
            continue
        if line[0] in "+-=>":
            line = "\\" + line
        line = _MD_LIST_NUMBER.sub(r"\1\\\2", line)
        lines.append(line)
    return "\\\n".join(lines)


def minutes_markdown(data: MinutesData, tz: ZoneInfo, lang: str = "sv") -> str:
    """The minutes draft as a Markdown document."""
    out: list[str] = []
    for part in _outline(data, tz, lang):
        text = markdown_escape(part.text)
        if part.kind == "heading":
            out.append("#" * part.level + " " + text)
        elif part.kind == "para":
            out.append(text)
        elif part.kind == "item":
            out.append("- " + text)
        else:
            out.append(f"**{markdown_escape(part.label)}**\\\n{text}")
    # Consecutive list items form one list; everything else is its own paragraph.
    text = ""
    for i, block in enumerate(out):
        if i:
            text += "\n" if block.startswith("- ") and out[i - 1].startswith("- ") else "\n\n"
        text += block
    return text + "\n"


# ---------------------------------------------------------------- Word


_HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")


def minutes_docx(data: MinutesData, tz: ZoneInfo, lang: str = "sv") -> bytes:
    """The minutes draft as a Word document (.docx), with real headings and bullet lists."""
    from docx import Document  # python-docx costs ~16 MB: loaded when a file is made, not at start

    document = Document()
    properties = document.core_properties
    properties.title = f"{_title(data, lang)} {format_when(data.starts_at, tz, lang)}"
    properties.language = "sv-SE" if lang == "sv" else "en-GB"
    properties.author = "Chefsnätverket"
    # Style ids looked up once: python-docx scans every style on each add_heading or styled
    # add_paragraph, which made a 200-member draft take seconds.
    style_ids = {name: document.styles[name].style_id for name in (*_HEADINGS, "List Bullet")}
    for part in _outline(data, tz, lang):
        if part.kind == "answer":
            paragraph = document.add_paragraph()
            paragraph.add_run(part.label).bold = True
            paragraph.add_run("\n" + part.text)  # a line break per "\n"
            continue
        paragraph = document.add_paragraph(part.text)
        if part.kind == "heading":
            paragraph._p.style = style_ids[_HEADINGS[part.level - 1]]
        elif part.kind == "item":
            paragraph._p.style = style_ids["List Bullet"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_filename(data: MinutesData, tz: ZoneInfo, extension: str) -> str:
    """`protokoll-2027-03-11.docx`: the file name for the draft of the meeting."""
    return f"protokoll-{data.starts_at.astimezone(tz).date().isoformat()}.{extension}"
