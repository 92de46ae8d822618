"""Block Kit for the jury summary: every nomination, grouped by nominee, motivations in full,
split over as many messages as Slack needs. User text is escaped here (bot/award/blocks.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.award.blocks import context, nominees_text, org_suffix, pack, plain, section, text_sections
from bot.award.jury import JuryGroup
from bot.award.nominations import count_text
from bot.delivery.sends import Message
from bot.formatting import MAX_MESSAGE_BLOCKS, escape
from bot.texts import t

# Slack refuses messages whose blocks hold too much text in total (msg_blocks_too_long) well
# before 50 full sections; a long jury summary is split into messages of at most this much.
MESSAGE_TEXT_BUDGET = 12_000


def _group_units(index: int, group: JuryGroup, lang: str) -> list[list[dict[str, Any]]]:
    """A nominee's blocks as units that should stay in one message (line + first motivation, ...)."""
    line = section(
        t(
            "award.jury.nominee",
            lang,
            index=index,
            nominee=escape(group.nominee),
            organisation=org_suffix(group.organisation),
            count=count_text(len(group.entries), lang),
        )
    )
    units: list[list[dict[str, Any]]] = []
    for n, entry in enumerate(group.entries):
        about = t("award.jury.by", lang, nominator=escape(entry.nominator), when=entry.submitted)
        if entry.partner:
            about += "\n" + t("award.jury.partner", lang, partner=escape(entry.partner))
        unit = [context(about), *text_sections(entry.motivation)]
        units.append([line, *unit] if n == 0 else unit)
    units[-1] = [*units[-1], {"type": "divider"}]
    return units


def build_jury_summary(
    groups: Sequence[JuryGroup],
    *,
    year: int,
    closed: str,
    lang: str = "sv",
    ending: Sequence[dict[str, Any]] = (),
) -> list[Message]:
    """Every nomination, grouped by nominee, motivations in full, split over as many messages as needed.

    The last message ends with the `ending` blocks (*Utse vinnare*, see bot/award/winner_views.py).
    """
    header = {"type": "header", "text": plain(t("award.jury.header", lang, year=year))}
    total = sum(len(g.entries) for g in groups)
    if not groups:
        return [
            {
                "text": t("award.jury.fallback", lang, year=year, count=count_text(0, lang)),
                "blocks": [header, section(t("award.jury.none", lang, year=year, closed=closed))],
            }
        ]
    intro = section(
        t(
            "award.jury.intro",
            lang,
            closed=closed,
            count=count_text(total, lang),
            nominees=nominees_text(len(groups), lang),
        )
    )
    units: list[list[dict[str, Any]]] = [[header, intro, {"type": "divider"}]]
    for index, group in enumerate(groups, start=1):
        units.extend(_group_units(index, group, lang))
    if ending:
        units.append(list(ending))
    # One block and a little text are kept free for the "part 2 of 3" line of later messages.
    parts = pack(units, MAX_MESSAGE_BLOCKS - 1, MESSAGE_TEXT_BUDGET - 200)
    if len(parts) == 1:
        return [
            {
                "text": t("award.jury.fallback", lang, year=year, count=count_text(total, lang)),
                "blocks": parts[0],
            }
        ]
    messages: list[Message] = []
    for number, blocks in enumerate(parts, start=1):
        fmt = {"year": year, "part": number, "parts": len(parts)}
        if number > 1:
            blocks = [context(t("award.jury.continued", lang, **fmt)), *blocks]
        messages.append({"text": t("award.jury.fallback_part", lang, **fmt), "blocks": blocks})
    return messages
