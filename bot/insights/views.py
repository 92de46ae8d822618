"""Pure Block Kit builders for the history of past meetings: the `historik` messages and the
section of the samordnare's Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates import format_percent
from bot.formatting import (
    DEFAULT_NETWORK,
    continued_pages,
    format_day,
    network_names,
    sections,
)
from bot.texts import t
from storage.insights import MeetingNumbers

Block = dict[str, Any]
Message = dict[str, Any]
HOME_MEETINGS = 6  # the Home tab shows the latest few; `historik` shows them all


def meeting_line(meeting: MeetingNumbers, tz: ZoneInfo, lang: str) -> str:
    """`*torsdag 11 mars 2027* – 40 inbjudna · 31 checkade in · 28 kom · 96 % vill träffas igen`."""
    day = format_day(meeting.starts_at.astimezone(tz).date(), lang)
    if meeting.cancelled:
        return t("insights.history.cancelled", lang, day=day)
    answered = meeting.yes + meeting.no
    share = (
        t("insights.history.yes", lang, share=format_percent(meeting.yes / answered, lang))
        if answered
        else t("insights.history.no_answers", lang)
    )
    return t(
        "insights.history.line",
        lang,
        day=day,
        invited=meeting.invited,
        checked_in=meeting.checked_in,
        came=sum(meeting.came.values()),
        share=share,
    )


def _intro(history: Sequence[MeetingNumbers], lang: str) -> str:
    held = sum(not m.cancelled for m in history)
    text = t("insights.history.intro", lang, held=held)
    cancelled = len(history) - held
    if cancelled:
        text += " " + t("insights.history.intro_cancelled", lang, cancelled=cancelled)
    return text


def build_history_messages(
    history: Sequence[MeetingNumbers], tz: ZoneInfo, lang: str, network: str = DEFAULT_NETWORK
) -> list[Message]:
    """The history as chat.postMessage kwargs, newest meeting first, over as many messages as
    Slack's limits need (50 blocks, about 12,000 characters each); `network` names the network."""
    title = t("insights.history.title", lang, **network_names(network, mrkdwn=False))
    head: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": title}},
        *sections(_intro(history, lang)),
    ]
    body: list[Block] = []
    year = None
    for meeting in reversed(history):  # newest first, a heading per year
        if meeting.starts_at.astimezone(tz).year != year:
            year = meeting.starts_at.astimezone(tz).year
            body += [{"type": "divider"}, *sections(f"*{year}*")]
        body += sections(meeting_line(meeting, tz, lang))
    names = network_names(network)  # the continued marks and the fallback text are mrkdwn
    marked = continued_pages(
        head + body,
        lambda part, parts: t("insights.history.continued", lang, part=part, parts=parts, **names),
    )
    text = t("insights.history.title", lang, **names)
    return [
        {"text": text if number == 1 else f"{text} ({number}/{len(marked)})", "blocks": blocks}
        for number, blocks in enumerate(marked, start=1)
    ]


def history_home_blocks(history: Sequence[MeetingNumbers], tz: ZoneInfo, lang: str) -> list[Block]:
    """The Home tab's section: the latest meetings' numbers and where to find the rest."""
    blocks: list[Block] = [
        {"type": "divider"},
        *sections(f"*{t('insights.history.home_title', lang)}*"),
    ]
    if not history:
        return [*blocks, *sections(t("insights.history.none", lang))]
    lines = [meeting_line(m, tz, lang) for m in reversed(history[-HOME_MEETINGS:])]
    blocks += sections("\n".join(lines))
    blocks.append(
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t("insights.history.home_more", lang)}]}
    )
    return blocks
