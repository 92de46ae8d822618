"""Pure Block Kit builders: the question "which network?" and the list of networks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.admin.views import fit_message
from bot.formatting import MAX_SECTION_TEXT, MAX_VIEW_BLOCKS, escape
from bot.networks.service import Choice, NetworkCreated, NetworkList, NetworkRefused
from bot.texts import t

Message = dict[str, Any]
# Slack's limits: a block_id up to 255 characters, an option's text up to 75, its value up to 150.
MAX_BLOCK_ID = 255
MAX_OPTION_TEXT = 75
MAX_INPUT_TEXT = 3000
BLOCK_PREFIX = "nw"


def build_network_question(
    choices: Sequence[Choice], command: str, text: str, lang: str, *, checkin: bool = False
) -> Message:
    """An ephemeral question with a select of the networks; the command rides in the select's
    block_id and its text in an input beside it, so choosing runs the command in that network."""
    question = (
        t("networks.ask.checkin", lang) if checkin else t("networks.ask", lang, command=escape(command))
    )
    options = [
        {"text": {"type": "plain_text", "text": c.name[:MAX_OPTION_TEXT]}, "value": str(c.network_id)}
        for c in choices
    ]
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": question}}]
    if text:
        blocks.append(
            {
                "type": "input",
                "block_id": ids.NETWORK_TEXT_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": t("networks.ask.text", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": ids.NETWORK_TEXT,
                    "multiline": len(text) > 80,
                    "initial_value": text[:MAX_INPUT_TEXT],
                },
            }
        )
    blocks.append(
        {
            "type": "actions",
            "block_id": (ids.NETWORK_CHOOSE_BLOCK + command)[:MAX_BLOCK_ID],
            "elements": [
                {
                    "type": "static_select",
                    "action_id": ids.NETWORK_CHOOSE,
                    "placeholder": {"type": "plain_text", "text": t("networks.ask.placeholder", lang)},
                    "options": options,
                }
            ],
        }
    )
    return {"response_type": "ephemeral", "text": question, "blocks": blocks}


def build_network_list(listed: NetworkList, lang: str) -> Message:
    """`nätverk`: the workspace's networks, the person's own marked."""
    if not listed.networks:
        text = t("networks.list.none", lang)
    else:
        lines = [
            "• "
            + (
                t("networks.list.mine", lang, name=escape(c.name))
                if c.network_id in listed.mine
                else escape(c.name)
            )
            for c in listed.networks
        ]
        text = t("networks.list", lang, lines="\n".join(lines)) + "\n" + t("networks.list.hint", lang)
    return {"response_type": "ephemeral", "text": text[:MAX_SECTION_TEXT]}


def build_no_network(lang: str) -> Message:
    """A command from a workspace that has no network yet (serving many workspaces)."""
    return {"response_type": "ephemeral", "text": t("networks.list.none", lang)}


def build_network_answer(outcome: NetworkCreated | NetworkRefused, lang: str) -> Message:
    """The answer to `nätverk ny <namn>`."""
    if isinstance(outcome, NetworkCreated):
        text = t("networks.created", lang, name=escape(outcome.name))
    else:
        text = t(outcome.reason, lang, name=escape(outcome.name))
    return {"response_type": "ephemeral", "text": text}


def read_choice(body: dict[str, Any]) -> tuple[int, str, str] | None:
    """(network id, command, text) from a press of the network select, or None if malformed."""
    action = next((a for a in body.get("actions") or [] if a.get("action_id") == ids.NETWORK_CHOOSE), None)
    if action is None:
        return None
    block_id = str(action.get("block_id") or "")
    value = str((action.get("selected_option") or {}).get("value") or "")
    if not block_id.startswith(ids.NETWORK_CHOOSE_BLOCK) or not value.isdigit():
        return None
    state = ((body.get("state") or {}).get("values") or {}).get(ids.NETWORK_TEXT_BLOCK) or {}
    text = str((state.get(ids.NETWORK_TEXT) or {}).get("value") or "")
    return int(value), block_id[len(ids.NETWORK_CHOOSE_BLOCK) :], text


def build_network_homes(homes: Sequence[tuple[Choice, dict[str, Any]]], lang: str) -> dict[str, Any]:
    """One Home tab showing each network's Home under its name. Every block_id gets the
    network's prefix, so a button pressed there acts on its own network (handlers/networks.py)."""
    if len(homes) == 1:
        return homes[0][1]
    blocks: list[dict[str, Any]] = []
    for number, (choice, view) in enumerate(homes):
        if number:
            blocks.append({"type": "divider"})
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": choice.name[:150]}})
        for index, block in enumerate(view.get("blocks") or []):
            if block.get("type") == "header" and index == 0:
                continue  # the network's name stands instead of the app's title
            original = block.get("block_id") or f"b{index}"
            blocks.append(
                {**block, "block_id": f"{BLOCK_PREFIX}{choice.network_id}.{original}"[:MAX_BLOCK_ID]}
            )
    return {"type": "home", "blocks": fit_message(blocks, lang, MAX_VIEW_BLOCKS)}


def network_of_block(block_id: str) -> int | None:
    """The network a block_id made by `build_network_homes` belongs to."""
    head = block_id.split(".", 1)[0]
    number = head[len(BLOCK_PREFIX) :]
    return int(number) if head.startswith(BLOCK_PREFIX) and number.isdigit() and "." in block_id else None
