"""The jury's reading: a long jury summary also as files (Markdown and .docx), to read in full.

When the summary needs more than one Slack message, the same groups (by nominee, each
motivation in full) go to the jury as one upload of two files, with the files upload v2 flow.
It happens once, in the jury summary's `after_sent` (bot/award/schedule.py), which the ledger
runs once per round; each upload is also a ledger row (`award:{round}:award_jury_reading`),
so it is never repeated and a failure is reported to the samordnare like any failed send.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackClientError
from sqlalchemy.orm import Session

from bot.award.jury import JurySummary, jury_recipients, jury_summary
from bot.award.jury_views import build_jury_summary
from bot.award.nominations import count_text
from bot.award.timeline import AWARD_JURY_READING, send_key
from bot.delivery.errors import error_code
from bot.delivery.sends import Message
from bot.formatting import Block, sections
from bot.texts import t
from storage import ledger as rows
from storage.models import AwardRound

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _nominees(n: int, lang: str) -> str:
    return t("award.nominees.one", lang) if n == 1 else t("award.nominees.many", lang, n=n)


def _md(text: str) -> str:
    """User text made inert in Markdown (no headings, links, emphasis or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def reading_markdown(summary: JurySummary, lang: str = "sv") -> str:
    """The summary as Markdown: a heading per nominee, each nomination's motivation in full."""
    total = sum(len(g.entries) for g in summary.groups)
    lines = [
        "# " + t("award.reading.title", lang, year=summary.year),
        "",
        t(
            "award.reading.intro",
            lang,
            closed=summary.closed,
            count=count_text(total, lang),
            nominees=_nominees(len(summary.groups), lang),
        ),
        "",
        "*" + t("award.reading.confidential", lang) + "*",
    ]
    for index, group in enumerate(summary.groups, start=1):
        organisation = f" ({_md(group.organisation)})" if group.organisation else ""
        count = count_text(len(group.entries), lang)
        lines += ["", f"## {index}. {_md(group.nominee)}{organisation} – {count}"]
        for entry in group.entries:
            lines += [
                "",
                "**"
                + t("award.reading.by", lang, nominator=_md(entry.nominator), when=entry.submitted)
                + "**",
            ]
            if entry.partner:
                lines += ["", t("award.reading.partner", lang, partner=_md(entry.partner))]
            lines += ["", *[_md(line) for line in entry.motivation.splitlines()]]
    return "\n".join(lines) + "\n"


def reading_docx(summary: JurySummary, lang: str = "sv") -> bytes:
    """The summary as a Word document with the same headings and texts."""
    from docx import Document  # python-docx costs ~16 MB: loaded when a file is made, not at start

    document = Document()
    document.core_properties.title = t("award.reading.title", lang, year=summary.year)
    document.core_properties.language = "sv-SE" if lang == "sv" else "en-GB"
    document.add_heading(t("award.reading.title", lang, year=summary.year), level=1)
    total = sum(len(g.entries) for g in summary.groups)
    document.add_paragraph(
        t(
            "award.reading.intro",
            lang,
            closed=summary.closed,
            count=count_text(total, lang),
            nominees=_nominees(len(summary.groups), lang),
        )
    )
    document.add_paragraph().add_run(t("award.reading.confidential", lang)).italic = True
    for index, group in enumerate(summary.groups, start=1):
        organisation = f" ({group.organisation})" if group.organisation else ""
        count = count_text(len(group.entries), lang)
        document.add_heading(f"{index}. {group.nominee}{organisation} – {count}", level=2)
        for entry in group.entries:
            byline = t("award.reading.by", lang, nominator=entry.nominator, when=entry.submitted)
            document.add_paragraph().add_run(byline).bold = True
            if entry.partner:
                document.add_paragraph(t("award.reading.partner", lang, partner=entry.partner))
            for paragraph in entry.motivation.splitlines():
                if paragraph.strip():
                    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# More messages than this and the jury summary goes as the files alone, with a short message
# pointing to them (one person's 200 nominations once made 119 posts at one a second).
MAX_JURY_MESSAGES = 10


def jury_messages(summary: JurySummary, lang: str = "sv", ending: Sequence[Block] = ()) -> list[Message]:
    """What the jury summary posts: every nomination over a few messages, or, when that would
    take more than MAX_JURY_MESSAGES, one message saying the files follow (with `ending`)."""
    full = build_jury_summary(
        summary.groups, year=summary.year, closed=summary.closed, lang=lang, ending=ending
    )
    if len(full) <= MAX_JURY_MESSAGES:
        return full
    total = sum(len(g.entries) for g in summary.groups)
    intro = t(
        "award.jury.intro",
        lang,
        closed=summary.closed,
        count=count_text(total, lang),
        nominees=_nominees(len(summary.groups), lang),
    )
    blocks: list[Block] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": t("award.jury.header", lang, year=summary.year)},
        },
        *sections(intro),
        *sections(t("award.jury.as_file", lang, parts=len(full))),
        *ending,
    ]
    return [
        {
            "text": t("award.jury.fallback", lang, year=summary.year, count=count_text(total, lang)),
            "blocks": blocks,
        }
    ]


def _upload(runtime: Runtime, recipient: str, files: list[dict[str, object]], comment: str) -> None:
    channel = recipient
    if recipient.startswith("U") or recipient.startswith("W"):
        channel = runtime.client.conversations_open(users=recipient)["channel"]["id"]
    runtime.client.files_upload_v2(channel=channel, file_uploads=files, initial_comment=comment)


def upload_reading(runtime: Runtime, session: Session, award_round: AwardRound, now: dt.datetime) -> int:
    """Upload the files to the jury when the summary is long; how many uploads were made.

    Runs inside the jury summary's `after_sent` transaction: a Slack failure is recorded as a
    failed ledger row (and so reported), never raised, so the round still closes.
    """
    lang = runtime.lang
    summary = jury_summary(runtime, session, award_round)
    if len(build_jury_summary(summary.groups, year=summary.year, closed=summary.closed, lang=lang)) <= 1:
        return 0
    name = t("award.reading.filename", lang, year=summary.year)
    files: list[dict[str, object]] = [
        {
            "file": reading_markdown(summary, lang).encode("utf-8"),
            "filename": f"{name}.md",
            "title": f"{name}.md",
        },
        {"file": reading_docx(summary, lang), "filename": f"{name}.docx", "title": f"{name}.docx"},
    ]
    comment = t("award.reading.comment", lang, year=summary.year)
    key = send_key(award_round.id, AWARD_JURY_READING)
    uploads = 0
    for recipient in jury_recipients(session, runtime, award_round):
        row = rows.insert_row(
            session,
            send_key=key,
            recipient=recipient,
            kind=AWARD_JURY_READING,
            state=rows.SENT,
            due_at=now,
            sent_at=now,
        )
        if row is None:
            continue  # already uploaded there
        try:
            _upload(runtime, recipient, files, comment)
            uploads += 1
        except (SlackClientError, OSError) as exc:
            logger.warning("uploading the jury's reading failed: %s", error_code(exc))
            rows.mark_final(session, [row], rows.FAILED, error_code(exc))
    return uploads
