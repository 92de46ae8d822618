"""Block Kit for the check-in modal: the three questions, who reads each answer, "Förra gången
skrev du …", and reading a submission back. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.checkin.service import (
    DEFAULT_VISIBILITY,
    MAX_ANSWER_LENGTH,
    Answers,
    Earlier,
    Opening,
    Visibilities,
    clean_answer,
)
from bot.formatting import (
    MAX_CONTEXT_TEXT,
    escape,
    format_number,
    format_when,
    format_when_for,
    truncate_title,
)
from bot.texts import t
from storage.models import Visibility

Block = dict[str, Any]

# (block id, question text key, required) in the order the modal asks them.
QUESTIONS: tuple[tuple[str, str, bool], ...] = (
    (ids.CHECKIN_BLOCK_OCCUPYING, "checkin.question.occupying", True),
    (ids.CHECKIN_BLOCK_CHANGES, "checkin.question.changes", False),
    (ids.CHECKIN_BLOCK_SUPPORT, "checkin.question.support", False),
)
# The radio input under each question: who reads that answer (same order as QUESTIONS).
VISIBILITY_BLOCKS: tuple[str, str, str] = (
    ids.CHECKIN_BLOCK_OCCUPYING_VISIBILITY,
    ids.CHECKIN_BLOCK_CHANGES_VISIBILITY,
    ids.CHECKIN_BLOCK_SUPPORT_VISIBILITY,
)
PLACEHOLDERS = ("checkin.placeholder.occupying", "checkin.placeholder.changes", "checkin.placeholder.support")
# An earlier answer is shown folded: this many characters, then "…".
FOLDED_LENGTH = 160


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _place(place: str | None, lang: str) -> str:
    return escape(place) if place else t("no_place", lang)


def edit_button(meeting_id: int, lang: str = "sv") -> Block:
    """The "Ändra" button that opens the check-in modal for `meeting_id`."""
    return {
        "type": "button",
        "action_id": ids.CHECKIN_OPEN,
        "text": _plain(t("checkin.button.edit", lang)),
        "value": str(meeting_id),
    }


# ---------------------------------------------------------------- the modal


def _input(
    block_id: str, label_key: str, required: bool, initial: str | None, placeholder: str, lang: str
) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.CHECKIN_INPUT,
        "multiline": True,
        "max_length": MAX_ANSWER_LENGTH,
        "placeholder": _plain(t(placeholder, lang)),
    }
    if initial:
        element["initial_value"] = initial  # as written: plain text inputs show it verbatim
    return {
        "type": "input",
        "block_id": block_id,
        "optional": not required,
        "label": _plain(t(label_key, lang)),
        "element": element,
    }


def _visibility_option(visibility: Visibility, lang: str) -> dict[str, Any]:
    return {
        "text": _plain(t(f"checkin.visibility.{visibility.value}", lang)),
        "description": _plain(t(f"checkin.visibility.{visibility.value}_who", lang)),
        "value": visibility.value,
    }


def _visibility_input(block_id: str, current: Visibility, lang: str) -> Block:
    """Nätverket or Bara samordnarna for one answer, with who reads it and allmänna handlingar."""
    options = [_visibility_option(v, lang) for v in Visibility]
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(t("checkin.visibility.label", lang)),
        "hint": _plain(t("checkin.visibility.hint", lang)),
        "element": {
            "type": "radio_buttons",
            "action_id": ids.CHECKIN_INPUT,
            "options": options,
            "initial_option": _visibility_option(current, lang),
        },
    }


def fold(text: str, length: int = FOLDED_LENGTH) -> str:
    """An earlier answer shortened to one line of about `length` characters (escaped)."""
    flat = " ".join(text.split())
    if len(flat) > length:
        flat = flat[: length - 1].rstrip() + "…"
    return escape(flat)


def _previous_block(previous: Earlier, tz: ZoneInfo, lang: str) -> Block:
    """ "Förra gången skrev du …": the earlier answers, folded, in one context block."""
    elements = [_mrkdwn(t("checkin.modal.previous", lang, when=format_when(previous.starts_at, tz, lang)))]
    for (_bid, key, _req), answer in zip(QUESTIONS, _texts(previous.answers), strict=True):
        if answer:
            elements.append(_mrkdwn(f"_{t(key, lang)}_ {fold(answer)}"[:MAX_CONTEXT_TEXT]))
    return {"type": "context", "elements": elements}


def _texts(answers: Answers | None) -> tuple[str | None, str | None, str | None]:
    if answers is None:
        return None, None, None
    return answers.occupying, answers.changes, answers.support


def build_checkin_modal(
    opening: Opening, tz: ZoneInfo, lang: str = "sv", now: dt.datetime | None = None
) -> dict[str, Any]:
    """The check-in modal for a meeting, filled with the member's earlier answers if any, each
    question with its own choice of who reads the answer, and "Förra gången skrev du …"."""
    earlier = opening.answers
    initial = dict(zip((q[0] for q in QUESTIONS), _texts(earlier), strict=True))
    visibility = earlier.visibility if earlier else DEFAULT_VISIBILITY
    context = [
        _mrkdwn(
            t(
                "checkin.modal.meeting",
                lang,
                when=format_when_for(opening.starts_at, tz, lang, now),
                place=_place(opening.place, lang),
            )
        ),
        _mrkdwn(t("checkin.modal.deadline", lang, deadline=format_when_for(opening.deadline, tz, lang, now))),
        _mrkdwn(t("privacy.checkin.no_client_data", lang)),
    ]
    if earlier is not None:
        context.append(_mrkdwn(t("checkin.modal.editing", lang)))
    blocks: list[Block] = [
        {"type": "section", "text": _mrkdwn(t("checkin.modal.intro", lang))},
        {"type": "context", "elements": context},
    ]
    if opening.previous is not None:
        blocks.append(_previous_block(opening.previous, tz, lang))
    for (bid, key, req), placeholder, vis_block, current in zip(
        QUESTIONS, PLACEHOLDERS, VISIBILITY_BLOCKS, visibility, strict=True
    ):
        blocks.append(_input(bid, key, req, initial[bid], placeholder, lang))
        blocks.append(_visibility_input(vis_block, current, lang))
    return {
        "type": "modal",
        "callback_id": ids.CHECKIN_MODAL,
        "private_metadata": str(opening.meeting_id),
        "title": _plain(truncate_title(t("checkin.modal.title", lang))),
        "submit": _plain(truncate_title(t("checkin.modal.submit", lang))),
        "close": _plain(truncate_title(t("checkin.modal.close", lang))),
        "blocks": blocks,
    }


def read_submission(state_values: dict[str, Any]) -> dict[str, str | None]:
    """The three answers from a submitted modal's state, by block id, trimmed (None when empty)."""
    answers: dict[str, str | None] = {}
    for block_id, _key, _required in QUESTIONS:
        block = state_values.get(block_id)
        raw = block.get(ids.CHECKIN_INPUT) if isinstance(block, dict) else None
        value = raw.get("value") if isinstance(raw, dict) else None
        answers[block_id] = clean_answer(value if isinstance(value, str) else None)
    return answers


def read_visibility(state_values: dict[str, Any]) -> Visibilities:
    """Who reads each answer, from a submitted modal: Nätverket when the choice is missing (a
    modal opened before this choice existed), Bara samordnarna when it is garbled (the safe side)."""
    chosen: list[Visibility] = []
    for block_id in VISIBILITY_BLOCKS:
        block = state_values.get(block_id)
        raw = block.get(ids.CHECKIN_INPUT) if isinstance(block, dict) else None
        option = raw.get("selected_option") if isinstance(raw, dict) else None
        value = option.get("value") if isinstance(option, dict) else None
        if value is None:
            chosen.append(Visibility.NETWORK)
        elif value in {v.value for v in Visibility}:
            chosen.append(Visibility(value))
        else:
            chosen.append(Visibility.ORGANISERS)
    return chosen[0], chosen[1], chosen[2]


def submission_errors(answers: dict[str, str | None], lang: str = "sv") -> dict[str, str]:
    """Swedish error texts by block id: a missing required answer, an answer over the limit."""
    errors: dict[str, str] = {}
    for block_id, _key, required in QUESTIONS:
        value = answers.get(block_id)
        if required and not value:
            errors[block_id] = t("checkin.error.required", lang)
        elif value is not None and len(value) > MAX_ANSWER_LENGTH:
            errors[block_id] = t(
                "checkin.error.too_long",
                lang,
                length=format_number(len(value), lang),
                limit=format_number(MAX_ANSWER_LENGTH, lang),
            )
    return errors


def answers_from(answers: dict[str, str | None], visibility: Visibilities = DEFAULT_VISIBILITY) -> Answers:
    """Answers from a validated submission (the required one is present)."""
    return Answers(
        occupying=answers[ids.CHECKIN_BLOCK_OCCUPYING] or "",
        changes=answers.get(ids.CHECKIN_BLOCK_CHANGES),
        support=answers.get(ids.CHECKIN_BLOCK_SUPPORT),
        visibility=visibility,
    )
