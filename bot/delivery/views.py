"""Block Kit for the delivery package's own message: the organisers' report of failed and
missed sends. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.delivery.sends import Message
from bot.formatting import MAX_MESSAGE_BLOCKS, paginate, sections
from bot.texts import t

Block = dict[str, Any]


@dataclass(frozen=True)
class ReportItem:
    """One send with problems: who failed and why, and how many were missed (expired)."""

    what: str  # the send, in the organisers' words (already escaped where needed)
    due: str  # its planned time, formatted
    failed: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (who, why), escaped
    expired: int = 0


def build_failure_report(items: Sequence[ReportItem], lang: str) -> list[Message]:
    """The organisers' report of failed and missed sends, split to fit Slack's limits."""
    body: list[Block] = []
    count = 0
    for item in items:
        if item.failed:
            lines = "\n".join(
                t("scheduler.report.failed_line", lang, who=who, why=why) for who, why in item.failed
            )
            body += sections(t("scheduler.report.failed", lang, what=item.what, due=item.due, lines=lines))
            count += len(item.failed)
        if item.expired:
            body += sections(
                t("scheduler.report.expired", lang, what=item.what, due=item.due, count=item.expired)
            )
            count += item.expired
    header: Block = {
        "type": "header",
        "text": {"type": "plain_text", "text": t("scheduler.report.header", lang)},
    }
    text = t("scheduler.report.fallback", lang, count=count)
    pages = paginate(body, MAX_MESSAGE_BLOCKS - 1)  # sections only: no dividers to keep together
    return [{"text": text, "blocks": ([header] if i == 0 else []) + page} for i, page in enumerate(pages)]
