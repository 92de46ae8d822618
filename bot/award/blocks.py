"""Small Block Kit pieces shared by Guldlänken's views (bot/award/views.py, jury_views.py,
winner_views.py). User text passed to `text_sections` and `org_suffix` is escaped here."""

from __future__ import annotations

from typing import Any

from bot.formatting import MAX_SECTION_TEXT, escape, split_text
from bot.texts import t


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(text)]}


def button(text: str, action_id: str, value: str = "", **extra: Any) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "button", "text": plain(text), "action_id": action_id, **extra}
    if value:
        block["value"] = value
    return block


def nominees_text(n: int, lang: str) -> str:
    return t("award.nominees.one", lang) if n == 1 else t("award.nominees.many", lang, n=n)


def org_suffix(organisation: str | None) -> str:
    return f" ({escape(organisation)})" if organisation else ""


def text_sections(text: str) -> list[dict[str, Any]]:
    """User text, escaped, in as many sections as it needs; nothing cut."""
    return [section(chunk) for chunk in split_text(escape(text), MAX_SECTION_TEXT) if chunk]


def block_chars(block: dict[str, Any]) -> int:
    text = block.get("text")
    if isinstance(text, dict):
        return len(text.get("text", ""))
    return sum(len(e.get("text", "")) for e in block.get("elements", []) if isinstance(e, dict))


def pack(units: list[list[dict[str, Any]]], max_blocks: int, max_chars: int) -> list[list[dict[str, Any]]]:
    """Fill messages with whole units; a unit too big for any message is spread block by block."""
    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    chars = 0
    for unit in units:
        too_big = len(unit) > max_blocks or sum(block_chars(b) for b in unit) > max_chars
        pieces = [[block] for block in unit] if too_big else [unit]
        for piece in pieces:
            piece_chars = sum(block_chars(b) for b in piece)
            if current and (len(current) + len(piece) > max_blocks or chars + piece_chars > max_chars):
                messages.append(current)
                current, chars = [], 0
            current.extend(piece)
            chars += piece_chars
    if current:
        messages.append(current)
    return messages
