"""Block Kit and Slack markup as a reader sees them in Slack: `<@U…>` as @name, `<#C…|name>` as
#name, `&amp;` as &. Pure functions; the demo's narration uses them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Slack's markup in mrkdwn: <@U…>, <#C…|name>, <!channel>, <!date^…|fallback>, <url|label>.
_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")
_SPECIAL = {"channel", "here", "everyone"}


def slack_shows(
    text: str, user_name: Callable[[str], str | None], channel_name: Callable[[str], str | None]
) -> str:
    """`text` (mrkdwn as the app sent it) as Slack renders it: mentions and links by their names,
    the escaped &, < and > as the characters."""

    def one(match: re.Match[str]) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil == "@":
            return "@" + (user_name(target) or label or target)
        if sigil == "#":
            return "#" + (label or channel_name(target) or target)
        if sigil == "!":
            return "@" + target if target in _SPECIAL else (label or target)
        return label or target  # a link: its label, else the address

    shown = _MARKUP.sub(one, text)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


Resolve = Callable[[str], str]


def _text(obj: Any, resolve: Resolve) -> str:
    if isinstance(obj, dict):
        raw = str(obj.get("text", ""))
        return resolve(raw) if obj.get("type") == "mrkdwn" else raw
    return resolve(str(obj or ""))


def render_blocks(blocks: list[dict[str, Any]], resolve: Resolve) -> list[str]:
    """Block Kit as plain lines, the way a reader sees it (mrkdwn through `resolve`)."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"**{_text(block.get('text'), resolve)}**")
        elif kind == "section":
            if block.get("text"):
                lines.append(_text(block["text"], resolve))
            lines.extend(_text(field, resolve) for field in block.get("fields", []))
            if block.get("accessory", {}).get("type") == "button":
                lines.append(f"[{_text(block['accessory'].get('text'), resolve)}]")
        elif kind == "context":
            lines.append("_" + " ".join(_text(e, resolve) for e in block.get("elements", [])) + "_")
        elif kind == "actions":
            lines.append(
                " ".join(
                    f"[{_text(e.get('text'), resolve)}]" for e in block.get("elements", []) if e.get("text")
                )
            )
        elif kind == "input":
            hint = f" — {_text(block.get('hint'), resolve)}" if block.get("hint") else ""
            optional = " (valfritt)" if block.get("optional") else ""
            # A prefilled input (e.g. a command's text kept in a question), mentions by name.
            value = resolve(str(block.get("element", {}).get("initial_value") or ""))
            shown = f": «{value}»" if value else ""
            lines.append(f"▢ {_text(block.get('label'), resolve)}{optional}{hint}{shown}")
        elif kind == "divider":
            lines.append("---")
    return [line for line in lines if line.strip()]
