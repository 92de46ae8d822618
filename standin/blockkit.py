"""Slack's Block Kit rules, as the stand-in (standin/server.py) enforces them.

Every limit here is Slack's documented one (Block Kit reference: blocks, block elements and
composition objects) unless a comment says it is unpublished. Refusals use Slack's shapes: an error
code, and for schema errors ``response_metadata.messages`` of the form
``"[ERROR] <what> [json-pointer:/blocks/0/...]"``.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

KNOWN_BLOCK_TYPES = frozenset(
    {
        "actions",
        "context",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
        "call",
        "context_actions",
    }
)
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
# What an input block may hold: a button (or an overflow, or an image) is not an input element.
INPUT_ELEMENTS = frozenset(
    {
        "plain_text_input",
        "checkboxes",
        "radio_buttons",
        "static_select",
        "multi_static_select",
        "external_select",
        "multi_external_select",
        "users_select",
        "multi_users_select",
        "conversations_select",
        "multi_conversations_select",
        "channels_select",
        "multi_channels_select",
        "datepicker",
        "timepicker",
        "datetimepicker",
        "email_text_input",
        "url_text_input",
        "number_input",
        "file_input",
        "rich_text_input",
    }
)
# Option lists: (max options, option text may be mrkdwn). radio/checkboxes: 10; selects: 100; overflow: 5.
_OPTION_LISTS = {
    "radio_buttons": (10, True),
    "checkboxes": (10, True),
    "static_select": (100, False),
    "multi_static_select": (100, False),
    "overflow": (5, False),
}
PLAIN_TEXT_INPUT_MAX = 3000  # plain_text_input max_length / min_length ceiling
# Unpublished: Slack refuses a message whose blocks carry more than about 12,000 characters of
# text in total (`msg_blocks_too_long`); Slack's SDK maintainers quote 12,000 "with a buffer for
# block containers" (bolt-js #2509). Counted here as the sum of every "text" string in the blocks.
MESSAGE_BLOCK_TEXT_MAX = 12_000
# Unpublished per element: a context block's text element is refused above 2,000 characters.
CONTEXT_TEXT_MAX = 2000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def err(error: str, *messages: str) -> dict[str, Any]:
    """Slack's error body: ``{"ok": false, "error": ...}``, with schema messages when given."""
    body: dict[str, Any] = {"ok": False, "error": error}
    if messages:
        # Slack explains schema errors this way, e.g. for invalid_blocks.
        body["response_metadata"] = {"messages": list(messages)}
    return body


def check_text_obj(
    obj: Any, ptr: str, errs: list[str], *, max_len: int, plain_only: bool = False, required: bool = True
) -> None:
    if obj is None:
        if required:
            errs.append(f"[ERROR] missing required field: text [json-pointer:{ptr}]")
        return
    allowed = {"plain_text"} if plain_only else TEXT_TYPES
    if not isinstance(obj, dict) or obj.get("type") not in allowed or not isinstance(obj.get("text"), str):
        errs.append(f"[ERROR] must be a {' or '.join(sorted(allowed))} text object [json-pointer:{ptr}]")
        return
    n = len(obj["text"])
    if n > max_len:
        errs.append(f"[ERROR] must be less than {max_len + 1} characters [json-pointer:{ptr}/text]")
    elif n == 0:
        errs.append(f"[ERROR] must be more than 0 characters [json-pointer:{ptr}/text]")


def _check_string(value: Any, ptr: str, errs: list[str], max_len: int) -> None:
    if isinstance(value, str) and len(value) > max_len:
        errs.append(f"[ERROR] must be less than {max_len + 1} characters [json-pointer:{ptr}]")


def _check_confirm(confirm: Any, ptr: str, errs: list[str]) -> None:
    """A confirmation dialog: title 100, text 300, confirm and deny 30 characters."""
    if not isinstance(confirm, dict):
        errs.append(f"[ERROR] must be an object [json-pointer:{ptr}]")
        return
    check_text_obj(confirm.get("title"), f"{ptr}/title", errs, max_len=100, plain_only=True)
    check_text_obj(confirm.get("text"), f"{ptr}/text", errs, max_len=300)
    check_text_obj(confirm.get("confirm"), f"{ptr}/confirm", errs, max_len=30, plain_only=True)
    check_text_obj(confirm.get("deny"), f"{ptr}/deny", errs, max_len=30, plain_only=True)


def _check_options(el: dict[str, Any], ptr: str, errs: list[str]) -> None:
    """Option lists: how many, and each option's text (75), value (150) and description (75)."""
    most, mrkdwn = _OPTION_LISTS[el["type"]]
    options = el.get("options")
    if options is None and el.get("option_groups") is not None:
        groups = el["option_groups"]
        if not isinstance(groups, list) or len(groups) > 100:
            errs.append(f"[ERROR] no more than 100 items allowed [json-pointer:{ptr}/option_groups]")
            return
        for g, group in enumerate(groups):
            opts = group.get("options") if isinstance(group, dict) else None
            _check_option_list(opts, f"{ptr}/option_groups/{g}/options", errs, most, mrkdwn)
        return
    _check_option_list(options, f"{ptr}/options", errs, most, mrkdwn)


def _check_option_list(options: Any, ptr: str, errs: list[str], most: int, mrkdwn: bool) -> None:
    if not isinstance(options, list) or not options:
        errs.append(f"[ERROR] must provide at least 1 item [json-pointer:{ptr}]")
        return
    if len(options) > most:
        errs.append(f"[ERROR] no more than {most} items allowed [json-pointer:{ptr}]")
    for i, option in enumerate(options):
        p = f"{ptr}/{i}"
        if not isinstance(option, dict):
            errs.append(f"[ERROR] must be an object [json-pointer:{p}]")
            continue
        check_text_obj(option.get("text"), f"{p}/text", errs, max_len=75, plain_only=not mrkdwn)
        _check_string(option.get("value"), f"{p}/value", errs, 150)
        if option.get("description") is not None:
            check_text_obj(option["description"], f"{p}/description", errs, max_len=75, plain_only=not mrkdwn)


def _check_length_bounds(el: dict[str, Any], ptr: str, errs: list[str]) -> None:
    for key, low in (("min_length", 0), ("max_length", 1)):
        value = el.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            errs.append(f"[ERROR] must be an integer [json-pointer:{ptr}/{key}]")
        elif value > PLAIN_TEXT_INPUT_MAX:
            errs.append(f"[ERROR] must be at most {PLAIN_TEXT_INPUT_MAX} [json-pointer:{ptr}/{key}]")
        elif value < low:
            errs.append(f"[ERROR] must be at least {low} [json-pointer:{ptr}/{key}]")


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_element(el: Any, ptr: str, errs: list[str]) -> None:
    """A block element, wherever it sits (accessory, actions, input)."""
    if not isinstance(el, dict) or not isinstance(el.get("type"), str):
        errs.append(f"[ERROR] missing required field: type [json-pointer:{ptr}]")
        return
    etype = el["type"]
    _check_string(el.get("action_id"), f"{ptr}/action_id", errs, 255)
    if el.get("placeholder") is not None:
        check_text_obj(el["placeholder"], f"{ptr}/placeholder", errs, max_len=150, plain_only=True)
    if el.get("confirm") is not None:
        _check_confirm(el["confirm"], f"{ptr}/confirm", errs)
    if etype == "button":
        check_text_obj(el.get("text"), f"{ptr}/text", errs, max_len=75, plain_only=True)
        _check_string(el.get("value"), f"{ptr}/value", errs, 2000)
        _check_string(el.get("url"), f"{ptr}/url", errs, 3000)
    elif etype == "plain_text_input":
        _check_length_bounds(el, ptr, errs)
    elif etype in _OPTION_LISTS:
        _check_options(el, ptr, errs)
    elif etype == "datepicker":
        if el.get("initial_date") is not None and not _valid_date(el["initial_date"]):
            errs.append(f"[ERROR] must be a date in the format YYYY-MM-DD [json-pointer:{ptr}/initial_date]")
    elif etype == "timepicker":
        initial = el.get("initial_time")
        if initial is not None and not (isinstance(initial, str) and _TIME.fullmatch(initial)):
            errs.append(f"[ERROR] must be a time in the format HH:mm [json-pointer:{ptr}/initial_time]")


def _check_context(block: dict[str, Any], p: str, errs: list[str]) -> None:
    for j, el in enumerate(block["elements"]):
        q = f"{p}/elements/{j}"
        if isinstance(el, dict) and el.get("type") == "image":
            if not isinstance(el.get("alt_text"), str):
                errs.append(f"[ERROR] missing required field: alt_text [json-pointer:{q}]")
        else:
            check_text_obj(el, q, errs, max_len=CONTEXT_TEXT_MAX)


def _check_actions(block: dict[str, Any], p: str, errs: list[str]) -> None:
    action_ids: set[str] = set()
    for j, el in enumerate(block["elements"]):
        check_element(el, f"{p}/elements/{j}", errs)
        aid = el.get("action_id") if isinstance(el, dict) else None
        if aid is not None and aid in action_ids:
            errs.append(f"[ERROR] duplicate action_id: {aid} [json-pointer:{p}/elements/{j}]")
        if aid is not None:
            action_ids.add(aid)


def _check_section(block: dict[str, Any], p: str, errs: list[str]) -> None:
    text, fields = block.get("text"), block.get("fields")
    if text is None and not fields:
        errs.append(f"[ERROR] must provide either text or fields [json-pointer:{p}]")
    check_text_obj(text, f"{p}/text", errs, max_len=3000, required=False)
    if fields is not None:
        if not isinstance(fields, list) or len(fields) > 10:
            errs.append(f"[ERROR] no more than 10 items allowed [json-pointer:{p}/fields]")
        else:
            for j, f in enumerate(fields):
                check_text_obj(f, f"{p}/fields/{j}", errs, max_len=2000)
    if block.get("accessory") is not None:
        check_element(block["accessory"], f"{p}/accessory", errs)


def _check_input(block: dict[str, Any], p: str, errs: list[str]) -> None:
    check_text_obj(block.get("label"), f"{p}/label", errs, max_len=2000, plain_only=True)
    if block.get("hint") is not None:
        check_text_obj(block["hint"], f"{p}/hint", errs, max_len=2000, plain_only=True)
    element = block.get("element")
    if not isinstance(element, dict):
        errs.append(f"[ERROR] missing required field: element [json-pointer:{p}/element]")
    elif element.get("type") not in INPUT_ELEMENTS:
        errs.append(f"[ERROR] unsupported type: {element.get('type')} [json-pointer:{p}/element/type]")
    else:
        check_element(element, f"{p}/element", errs)


def _check_block(block: dict[str, Any], p: str, errs: list[str]) -> None:
    btype = block["type"]
    if btype == "section":
        _check_section(block, p, errs)
    elif btype == "header":
        check_text_obj(block.get("text"), f"{p}/text", errs, max_len=150, plain_only=True)
    elif btype in ("actions", "context"):
        limit = 25 if btype == "actions" else 10
        els = block.get("elements")
        if not isinstance(els, list) or not els:
            errs.append(f"[ERROR] missing required field: elements [json-pointer:{p}/elements]")
        elif len(els) > limit:
            errs.append(f"[ERROR] no more than {limit} items allowed [json-pointer:{p}/elements]")
        elif btype == "actions":
            _check_actions(block, p, errs)
        else:
            _check_context(block, p, errs)
    elif btype == "input":
        _check_input(block, p, errs)
    elif btype == "image":
        if not block.get("image_url") and not block.get("slack_file"):
            errs.append(f"[ERROR] missing required field: image_url [json-pointer:{p}]")
        if not isinstance(block.get("alt_text"), str):
            errs.append(f"[ERROR] missing required field: alt_text [json-pointer:{p}]")


def validate_blocks(blocks: Any, *, max_blocks: int = 50) -> list[str]:
    """Slack-style schema messages for ``blocks``; empty list means valid."""
    if not isinstance(blocks, list):
        return ["[ERROR] must be an array [json-pointer:/blocks]"]
    errs: list[str] = []
    if len(blocks) > max_blocks:
        errs.append(f"[ERROR] no more than {max_blocks} items allowed [json-pointer:/blocks]")
    seen_ids: set[str] = set()
    for i, block in enumerate(blocks):
        p = f"/blocks/{i}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errs.append(f"[ERROR] missing required field: type [json-pointer:{p}]")
            continue
        if block["type"] not in KNOWN_BLOCK_TYPES:
            errs.append(f"[ERROR] unsupported type: {block['type']} [json-pointer:{p}/type]")
            continue
        bid = block.get("block_id")
        if bid is not None:
            if not isinstance(bid, str) or not bid or len(bid) > 255:
                errs.append(f"[ERROR] must be a string of 1-255 characters [json-pointer:{p}/block_id]")
            elif bid in seen_ids:
                errs.append(f"[ERROR] duplicate block_id: {bid} [json-pointer:{p}/block_id]")
            else:
                seen_ids.add(bid)
        _check_block(block, p, errs)
    return errs


def block_text_length(node: Any) -> int:
    """Characters of text a message's blocks carry: every "text" string, however deep.

    bot/formatting.block_text counts the same way on purpose; it is not imported here, so that
    the stand-in judges the app's messages with rules of its own (an oracle sharing the app's
    code would share its bugs)."""
    if isinstance(node, list):
        return sum(block_text_length(n) for n in node)
    if not isinstance(node, dict):
        return 0
    own = len(node["text"]) if isinstance(node.get("text"), str) else 0
    return own + sum(block_text_length(v) for k, v in node.items() if isinstance(v, (dict, list)))


def check_message(params: dict[str, Any]) -> dict[str, Any] | None:
    """Slack's content checks for chat.postMessage/update/postEphemeral and response_url."""
    text, blocks = params.get("text"), params.get("blocks")
    if isinstance(blocks, str):  # undecodable JSON string
        return err("invalid_blocks_format", "[ERROR] blocks must be a JSON array")
    # Attachments-only messages are legal in Slack, so they also count as content.
    if not text and not blocks and not params.get("attachments"):
        return err("no_text")
    if isinstance(text, str) and len(text) > 40_000:
        return err("msg_too_long")
    if blocks:
        errs = validate_blocks(blocks, max_blocks=50)
        if errs:
            return err("invalid_blocks", *errs)
        if block_text_length(blocks) > MESSAGE_BLOCK_TEXT_MAX:
            return err("msg_blocks_too_long")
    return None
