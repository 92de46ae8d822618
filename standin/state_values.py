"""Shapes of view.state.values entries, per element type, as Slack sends them in a view_submission
(signing.view_submission takes them; signing re-exports each)."""

from __future__ import annotations

from typing import Any


def text_input(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def number_input(value: str | None) -> dict[str, Any]:
    return {"type": "number_input", "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    option = (
        None
        if value is None
        else {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}
    )
    return {"type": "static_select", "selected_option": option}


def radio_buttons(value: str | None, text: str | None = None) -> dict[str, Any]:
    return {**static_select(value, text), "type": "radio_buttons"}


def checkboxes(values: list[str]) -> dict[str, Any]:
    return {
        "type": "checkboxes",
        "selected_options": [
            {"text": {"type": "plain_text", "text": v, "emoji": True}, "value": v} for v in values
        ],
    }


def users_select(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}


def multi_users_select(user_ids: list[str]) -> dict[str, Any]:
    return {"type": "multi_users_select", "selected_users": list(user_ids)}


def conversations_select(channel_id: str | None) -> dict[str, Any]:
    return {"type": "conversations_select", "selected_conversation": channel_id}


def datepicker(date: str | None) -> dict[str, Any]:
    """``date`` as Slack sends it: "YYYY-MM-DD"."""
    return {"type": "datepicker", "selected_date": date}


def timepicker(time_: str | None) -> dict[str, Any]:
    """``time_`` as Slack sends it: "HH:MM"."""
    return {"type": "timepicker", "selected_time": time_}
