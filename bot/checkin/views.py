"""Block Kit for the check-in: the modal, its validation, confirmations and refusals. Pure."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.checkin.service import (
    MAX_ANSWER_LENGTH,
    Answers,
    Choice,
    NothingPending,
    Opening,
    Pending,
    Problem,
    Refusal,
    Saved,
    TooLongCombined,
    clean_answer,
)
from bot.formatting import MAX_SECTION_TEXT, escape, format_when, split_text, truncate_title
from bot.texts import t

Block = dict[str, Any]
Message = dict[str, Any]

# (block id, question text key, required) in the order the modal asks them.
QUESTIONS: tuple[tuple[str, str, bool], ...] = (
    (ids.CHECKIN_BLOCK_OCCUPYING, "checkin.question.occupying", True),
    (ids.CHECKIN_BLOCK_CHANGES, "checkin.question.changes", False),
    (ids.CHECKIN_BLOCK_SUPPORT, "checkin.question.support", False),
)


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


def _input(block_id: str, label_key: str, required: bool, initial: str | None, lang: str) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.CHECKIN_INPUT,
        "multiline": True,
        "max_length": MAX_ANSWER_LENGTH,
        "placeholder": _plain(
            t("checkin.placeholder.occupying" if required else "checkin.placeholder.optional", lang)
        ),
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


def build_checkin_modal(opening: Opening, tz: ZoneInfo, lang: str = "sv") -> dict[str, Any]:
    """The check-in modal for a meeting, filled with the member's earlier answers if any."""
    earlier = opening.answers
    initial = {
        ids.CHECKIN_BLOCK_OCCUPYING: earlier.occupying if earlier else None,
        ids.CHECKIN_BLOCK_CHANGES: earlier.changes if earlier else None,
        ids.CHECKIN_BLOCK_SUPPORT: earlier.support if earlier else None,
    }
    context = [
        _mrkdwn(
            t(
                "checkin.modal.meeting",
                lang,
                when=format_when(opening.starts_at, tz, lang),
                place=_place(opening.place, lang),
            )
        ),
        _mrkdwn(t("checkin.modal.deadline", lang, deadline=format_when(opening.deadline, tz, lang))),
        _mrkdwn(t("privacy.checkin.no_client_data", lang)),
    ]
    if earlier is not None:
        context.append(_mrkdwn(t("checkin.modal.editing", lang)))
    blocks: list[Block] = [
        {"type": "section", "text": _mrkdwn(t("checkin.modal.intro", lang))},
        {"type": "context", "elements": context},
    ]
    blocks += [_input(bid, key, req, initial[bid], lang) for bid, key, req in QUESTIONS]
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


def submission_errors(answers: dict[str, str | None], lang: str = "sv") -> dict[str, str]:
    """Swedish error texts by block id: a missing required answer, an answer over the limit."""
    errors: dict[str, str] = {}
    for block_id, _key, required in QUESTIONS:
        value = answers.get(block_id)
        if required and not value:
            errors[block_id] = t("checkin.error.required", lang)
        elif value is not None and len(value) > MAX_ANSWER_LENGTH:
            errors[block_id] = t("checkin.error.too_long", lang, length=len(value), limit=MAX_ANSWER_LENGTH)
    return errors


def answers_from(answers: dict[str, str | None]) -> Answers:
    """Answers from a validated submission (the required one is present)."""
    return Answers(
        occupying=answers[ids.CHECKIN_BLOCK_OCCUPYING] or "",
        changes=answers.get(ids.CHECKIN_BLOCK_CHANGES),
        support=answers.get(ids.CHECKIN_BLOCK_SUPPORT),
    )


# ---------------------------------------------------------------- answers to the member


def refusal_text(refusal: Refusal, tz: ZoneInfo, lang: str = "sv") -> str:
    """Why the member cannot check in now, politely, naming the meeting and deadline."""
    when = format_when(refusal.starts_at, tz, lang) if refusal.starts_at else ""
    deadline = format_when(refusal.deadline, tz, lang) if refusal.deadline else ""
    keys = {
        Problem.NOT_MEMBER: "error.not_member",
        Problem.NO_MEETING: "error.no_meeting",
        Problem.GONE: "checkin.refusal.gone",
        Problem.CANCELLED: "checkin.refusal.cancelled",
        Problem.STARTED: "checkin.refusal.started",
        Problem.CLOSED: "checkin.refusal.closed",
    }
    return t(keys[refusal.problem], lang, when=when, deadline=deadline)


def too_long_text(length: int, lang: str = "sv") -> str:
    """Refusal of an over-long `/incheckning <text>` or DM, with an example."""
    return t("checkin.refusal.too_long", lang, length=length, limit=MAX_ANSWER_LENGTH)


def quote_sections(text: str) -> list[Block]:
    """User text as escaped, quoted mrkdwn sections, each within Slack's section limit."""
    quoted = "\n".join("> " + line for line in escape(text).split("\n"))
    chunks = split_text(quoted, MAX_SECTION_TEXT - 2)
    # A chunk cut inside a line lost its quote mark; give it one back (room was kept for it).
    return [
        {"type": "section", "text": _mrkdwn(chunk if chunk.startswith(">") else "> " + chunk)}
        for chunk in chunks
    ]


def build_saved_message(saved: Saved, tz: ZoneInfo, lang: str = "sv") -> Message:
    """Confirmation of a saved "Vad upptar min tid?" answer: the text quoted, and an edit button."""
    key = "checkin.saved.created" if saved.created else "checkin.saved.updated"
    return _answer_message(saved, key, "checkin.saved.fallback", tz, lang)


def _answer_message(saved: Saved, key: str, fallback_key: str, tz: ZoneInfo, lang: str) -> Message:
    when = format_when(saved.opening.starts_at, tz, lang)
    blocks: list[Block] = [{"type": "section", "text": _mrkdwn(t(key, lang, when=when))}]
    blocks += quote_sections(saved.answers.occupying)
    blocks += [
        {
            "type": "context",
            "elements": [
                _mrkdwn(
                    t("checkin.saved.edit_hint", lang, deadline=format_when(saved.opening.deadline, tz, lang))
                )
            ],
        },
        {"type": "actions", "elements": [edit_button(saved.opening.meeting_id, lang)]},
    ]
    return {"text": t(fallback_key, lang, when=when), "blocks": blocks}


PENDING_BUTTONS: tuple[tuple[Choice, str, str], ...] = (
    (Choice.REPLACE, ids.CHECKIN_PENDING_REPLACE, "checkin.button.replace"),
    (Choice.APPEND, ids.CHECKIN_PENDING_APPEND, "checkin.button.append"),
    (Choice.KEEP, ids.CHECKIN_PENDING_KEEP, "checkin.button.keep"),
)


def build_pending_question(pending: Pending, tz: ZoneInfo, lang: str = "sv") -> Message:
    """The member already answered differently: both texts quoted, and what to do with the new one."""
    when = format_when(pending.opening.starts_at, tz, lang)
    blocks: list[Block] = [
        {"type": "section", "text": _mrkdwn(t("checkin.pending.question", lang, when=when))}
    ]
    blocks += quote_sections(pending.answer)
    blocks.append({"type": "section", "text": _mrkdwn(t("checkin.pending.new", lang))})
    blocks += quote_sections(pending.pending)
    buttons = [
        {
            "type": "button",
            "action_id": action_id,
            "text": _plain(t(key, lang)),
            "value": str(pending.opening.meeting_id),
        }
        for _choice, action_id, key in PENDING_BUTTONS
    ]
    blocks.append({"type": "actions", "elements": buttons})
    return {"text": t("checkin.pending.fallback", lang, when=when), "blocks": blocks}


def build_settled_message(saved: Saved, choice: Choice, tz: ZoneInfo, lang: str = "sv") -> Message:
    """The question, answered: the resulting answer quoted, with the edit button."""
    if choice is Choice.KEEP:
        return _answer_message(saved, "checkin.pending.kept", "checkin.pending.kept_fallback", tz, lang)
    key = "checkin.pending.replaced" if choice is Choice.REPLACE else "checkin.pending.appended"
    return _answer_message(saved, key, "checkin.saved.fallback", tz, lang)


def too_long_combined_text(length: int, lang: str = "sv") -> str:
    """Refusal of an append that would make the answer too long (the pending text is kept)."""
    return t("checkin.pending.too_long", lang, length=length, limit=MAX_ANSWER_LENGTH)


def settle_refusal_text(outcome: Refusal | NothingPending | TooLongCombined, tz: ZoneInfo, lang: str) -> str:
    """Why a pending-reply button changed nothing."""
    if isinstance(outcome, Refusal):
        return refusal_text(outcome, tz, lang)
    if isinstance(outcome, TooLongCombined):
        return too_long_combined_text(outcome.length, lang)
    return t("checkin.pending.nothing", lang)


def build_command_answer(outcome: Saved | Refusal, tz: ZoneInfo, lang: str = "sv") -> Message:
    """The answer to `/incheckning <text>`: the saved text confirmed, or why it was not saved."""
    if isinstance(outcome, Refusal):
        return {"text": refusal_text(outcome, tz, lang)}
    return build_saved_message(outcome, tz, lang)


def build_not_saved(text: str, where: str, lang: str = "sv") -> Message:
    """A save failed: say so plainly and quote the text back, so nothing the member wrote is lost.

    `where` is "command" or "dm" (how to try again differs)."""
    intro = t(f"checkin.not_saved.{where}", lang)
    return {"text": intro, "blocks": [{"type": "section", "text": _mrkdwn(intro)}, *quote_sections(text)]}


def build_dm_reply(outcome: Saved | Pending | Refusal, tz: ZoneInfo, lang: str = "sv") -> Message:
    """The answer to a plain DM reply: saved, kept aside with a question, or refused."""
    if isinstance(outcome, Refusal):
        return {"text": refusal_text(outcome, tz, lang)}
    if isinstance(outcome, Pending):
        return build_pending_question(outcome, tz, lang)
    return build_saved_message(outcome, tz, lang)


def build_submitted_message(saved: Saved, tz: ZoneInfo, lang: str = "sv") -> Message:
    """The DM thank-you after the modal is saved, naming the meeting, with an edit button."""
    when = format_when(saved.opening.starts_at, tz, lang)
    text = t("checkin.submitted", lang, when=when)
    hint = t("checkin.saved.edit_hint", lang, deadline=format_when(saved.opening.deadline, tz, lang))
    return {
        "text": text,
        "blocks": [
            {"type": "section", "text": _mrkdwn(text)},
            {"type": "context", "elements": [_mrkdwn(hint)]},
            {"type": "actions", "elements": [edit_button(saved.opening.meeting_id, lang)]},
        ],
    }
