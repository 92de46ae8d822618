"""Block Kit for the check-in's answers to the member: confirmations (with the buttons to answer
all three questions and to withdraw), the pending-reply question, refusals. Pure. The modal is
in bot/checkin/modal.py (re-exported here)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.checkin.modal import (
    PLACEHOLDERS,
    QUESTIONS,
    VISIBILITY_BLOCKS,
    answers_from,
    build_checkin_modal,
    edit_button,
    fold,
    read_submission,
    read_visibility,
    submission_errors,
)
from bot.checkin.service import (
    MAX_ANSWER_LENGTH,
    Choice,
    NothingPending,
    Pending,
    Problem,
    Refusal,
    Saved,
    TooLongCombined,
)
from bot.checkin.withdrawal import NothingToWithdraw, NotYours, Withdrawn, WithdrawOutcome
from bot.formatting import MAX_SECTION_TEXT, escape, format_number, format_when_for, network_names, split_text
from bot.texts import t
from storage.models import Visibility

__all__ = [  # the modal's builders are part of the check-in surface too
    "PLACEHOLDERS",
    "QUESTIONS",
    "VISIBILITY_BLOCKS",
    "answers_from",
    "build_checkin_modal",
    "edit_button",
    "fold",
    "read_submission",
    "read_visibility",
    "submission_errors",
]

Block = dict[str, Any]
Message = dict[str, Any]


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


# ---------------------------------------------------------------- answers to the member

Now = dt.datetime | None


def refusal_text(refusal: Refusal, tz: ZoneInfo, lang: str = "sv", now: Now = None) -> str:
    """Why the member cannot check in now, politely, naming the meeting and deadline."""
    when = format_when_for(refusal.starts_at, tz, lang, now) if refusal.starts_at else ""
    deadline = format_when_for(refusal.deadline, tz, lang, now) if refusal.deadline else ""
    keys = {
        Problem.NOT_MEMBER: "error.not_member",
        Problem.NO_MEETING: "error.no_meeting",
        Problem.GONE: "checkin.refusal.gone",
        Problem.CANCELLED: "checkin.refusal.cancelled",
        Problem.STARTED: "checkin.refusal.started",
        Problem.CLOSED: "checkin.refusal.closed",
    }
    return t(keys[refusal.problem], lang, when=when, deadline=deadline, **network_names(refusal.network))


def _limit(key: str, length: int, lang: str) -> str:
    return t(key, lang, length=format_number(length, lang), limit=format_number(MAX_ANSWER_LENGTH, lang))


def too_long_text(length: int, lang: str = "sv") -> str:
    """Refusal of an over-long `/incheckning <text>` or DM, with an example."""
    return _limit("checkin.refusal.too_long", length, lang)


def quote_sections(text: str) -> list[Block]:
    """User text as escaped, quoted mrkdwn sections, each within Slack's section limit."""
    quoted = "\n".join("> " + line for line in escape(text).split("\n"))
    chunks = split_text(quoted, MAX_SECTION_TEXT - 2)
    # A chunk cut inside a line lost its quote mark; give it one back (room was kept for it).
    return [
        {"type": "section", "text": _mrkdwn(chunk if chunk.startswith(">") else "> " + chunk)}
        for chunk in chunks
    ]


def withdraw_button(checkin_id: int, deadline: str, lang: str) -> Block:
    """ "Dra tillbaka", with Slack's confirmation dialog; its value is the check-in's id."""
    return {
        "type": "button",
        "action_id": ids.CHECKIN_WITHDRAW,
        "text": _plain(t("checkin.button.withdraw", lang)),
        "value": str(checkin_id),
        "confirm": {
            "title": _plain(t("checkin.withdraw.confirm_title", lang)),
            "text": _plain(t("checkin.withdraw.confirm_text", lang, deadline=deadline)),
            "confirm": _plain(t("checkin.withdraw.confirm_yes", lang)),
            "deny": _plain(t("checkin.withdraw.confirm_no", lang)),
            "style": "danger",
        },
    }


def _actions(saved: Saved, deadline: str, lang: str) -> Block:
    """Ändra (or, when only the first question is answered, "Svara på alla tre frågorna") and
    "Dra tillbaka"."""
    answers = saved.answers
    elements = [edit_button(saved.opening.meeting_id, lang)]
    if not answers.changes and not answers.support:
        elements[0] = {**elements[0], "text": _plain(t("checkin.button.all_questions", lang))}
    if saved.opening.checkin_id is not None:
        elements.append(withdraw_button(saved.opening.checkin_id, deadline, lang))
    return {"type": "actions", "block_id": "checkin_saved", "elements": elements}


def visibility_line(saved: Saved, lang: str) -> str:
    """Who reads the answer to the first question, as a quick path saved it."""
    if saved.answers.visibility[0] is Visibility.ORGANISERS:
        return t("checkin.saved.organisers", lang)
    return t("checkin.saved.network", lang)


def build_saved_message(saved: Saved, tz: ZoneInfo, lang: str = "sv", now: Now = None) -> Message:
    """Confirmation of a saved "Vad upptar min tid?" answer (a quick path): the text quoted, who
    reads it, and the buttons to answer all three questions and to withdraw."""
    key = "checkin.saved.created" if saved.created else "checkin.saved.updated"
    return _answer_message(saved, key, "checkin.saved.fallback", tz, lang, now)


def _answer_message(saved: Saved, key: str, fallback_key: str, tz: ZoneInfo, lang: str, now: Now) -> Message:
    when = format_when_for(saved.opening.starts_at, tz, lang, now)
    deadline = format_when_for(saved.opening.deadline, tz, lang, now)
    lead = t(key, lang, when=when)
    if saved.answers.visibility[0] is Visibility.NETWORK:
        blocks: list[Block] = [{"type": "section", "text": _mrkdwn(lead)}]
        blocks += quote_sections(saved.answers.occupying)
    else:
        # An answer for the samordnare only is repeated in no message, not even to its writer.
        blocks = [{"type": "section", "text": _mrkdwn(lead.rstrip(":") + ".")}]
    hint = f"{visibility_line(saved, lang)} {t('checkin.saved.edit_hint', lang, deadline=deadline)}"
    blocks += [
        {"type": "context", "elements": [_mrkdwn(hint)]},
        _actions(saved, deadline, lang),
    ]
    return {"text": t(fallback_key, lang, when=when), "blocks": blocks}


PENDING_BUTTONS: tuple[tuple[Choice, str, str], ...] = (
    (Choice.REPLACE, ids.CHECKIN_PENDING_REPLACE, "checkin.button.replace"),
    (Choice.APPEND, ids.CHECKIN_PENDING_APPEND, "checkin.button.append"),
    (Choice.KEEP, ids.CHECKIN_PENDING_KEEP, "checkin.button.keep"),
)


def build_pending_question(pending: Pending, tz: ZoneInfo, lang: str = "sv", now: Now = None) -> Message:
    """The member already answered differently: both texts quoted, and what to do with the new one."""
    when = format_when_for(pending.opening.starts_at, tz, lang, now)
    blocks: list[Block] = [
        {"type": "section", "text": _mrkdwn(t("checkin.pending.question", lang, when=when))}
    ]
    earlier = pending.opening.answers
    if earlier is not None and earlier.visibility[0] is Visibility.ORGANISERS:
        blocks.append({"type": "context", "elements": [_mrkdwn(t("checkin.pending.hidden", lang))]})
    else:
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


def build_settled_message(
    saved: Saved, choice: Choice, tz: ZoneInfo, lang: str = "sv", now: Now = None
) -> Message:
    """The question, answered: the resulting answer quoted, with the edit button."""
    if choice is Choice.KEEP:
        return _answer_message(saved, "checkin.pending.kept", "checkin.pending.kept_fallback", tz, lang, now)
    key = "checkin.pending.replaced" if choice is Choice.REPLACE else "checkin.pending.appended"
    return _answer_message(saved, key, "checkin.saved.fallback", tz, lang, now)


def too_long_combined_text(length: int, lang: str = "sv") -> str:
    """Refusal of an append that would make the answer too long (the pending text is kept)."""
    return _limit("checkin.pending.too_long", length, lang)


def settle_refusal_text(
    outcome: Refusal | NothingPending | TooLongCombined, tz: ZoneInfo, lang: str, now: Now = None
) -> str:
    """Why a pending-reply button changed nothing."""
    if isinstance(outcome, Refusal):
        return refusal_text(outcome, tz, lang, now)
    if isinstance(outcome, TooLongCombined):
        return too_long_combined_text(outcome.length, lang)
    return t("checkin.pending.nothing", lang)


def build_command_answer(
    outcome: Saved | Refusal, tz: ZoneInfo, lang: str = "sv", now: Now = None
) -> Message:
    """The answer to `/incheckning <text>`: the saved text confirmed, or why it was not saved."""
    if isinstance(outcome, Refusal):
        return {"text": refusal_text(outcome, tz, lang, now)}
    return build_saved_message(outcome, tz, lang, now)


def build_not_saved(text: str, where: str, lang: str = "sv") -> Message:
    """A save failed: say so plainly and quote the text back, so nothing the member wrote is lost.

    `where` is "command" or "dm" (how to try again differs)."""
    intro = t(f"checkin.not_saved.{where}", lang)
    return {"text": intro, "blocks": [{"type": "section", "text": _mrkdwn(intro)}, *quote_sections(text)]}


def build_dm_reply(
    outcome: Saved | Pending | Refusal, tz: ZoneInfo, lang: str = "sv", now: Now = None
) -> Message:
    """The answer to a plain DM reply: saved, kept aside with a question, or refused."""
    if isinstance(outcome, Refusal):
        return {"text": refusal_text(outcome, tz, lang, now)}
    if isinstance(outcome, Pending):
        return build_pending_question(outcome, tz, lang, now)
    return build_saved_message(outcome, tz, lang, now)


def _shared_line(saved: Saved, lang: str) -> str:
    """Which answers the network reads and which only the samordnare read."""
    answers = saved.answers
    texts = (answers.occupying, answers.changes, answers.support)
    groups: dict[Visibility, list[str]] = {v: [] for v in Visibility}
    for (_bid, key, _req), text, visibility in zip(QUESTIONS, texts, answers.visibility, strict=True):
        if text:
            groups[visibility].append(f"_{t(key, lang)}_")
    lines = [
        t(f"checkin.submitted.{visibility.value}", lang, questions=", ".join(questions))
        for visibility, questions in groups.items()
        if questions
    ]
    return " ".join(lines)


def build_submitted_message(saved: Saved, tz: ZoneInfo, lang: str = "sv", now: Now = None) -> Message:
    """The DM thank-you after the modal is saved: the meeting, who reads which answer, and the
    buttons to change or withdraw."""
    when = format_when_for(saved.opening.starts_at, tz, lang, now)
    deadline = format_when_for(saved.opening.deadline, tz, lang, now)
    text = t("checkin.submitted", lang, when=when)
    hint = f"{_shared_line(saved, lang)} {t('checkin.saved.edit_hint', lang, deadline=deadline)}"
    actions = [edit_button(saved.opening.meeting_id, lang)]
    if saved.opening.checkin_id is not None:
        actions.append(withdraw_button(saved.opening.checkin_id, deadline, lang))
    return {
        "text": text,
        "blocks": [
            {"type": "section", "text": _mrkdwn(text)},
            {"type": "context", "elements": [_mrkdwn(hint)]},
            {"type": "actions", "block_id": "checkin_saved", "elements": actions},
        ],
    }


def build_withdraw_answer(
    outcome: WithdrawOutcome, tz: ZoneInfo, lang: str = "sv", now: Now = None
) -> Message:
    """What the member sees after "Dra tillbaka": gone (with a button to check in again), or why not."""
    if isinstance(outcome, Withdrawn):
        when = format_when_for(outcome.starts_at, tz, lang, now)
        deadline = format_when_for(outcome.deadline, tz, lang, now)
        text = t("checkin.withdrawn", lang, when=when, deadline=deadline)
        button = {**edit_button(outcome.meeting_id, lang), "text": _plain(t("checkin.button.again", lang))}
        return {
            "text": text,
            "blocks": [
                {"type": "section", "text": _mrkdwn(text)},
                {"type": "actions", "block_id": "checkin_saved", "elements": [button]},
            ],
        }
    if isinstance(outcome, NotYours):
        return {"text": t("checkin.withdraw.not_yours", lang)}
    if isinstance(outcome, NothingToWithdraw):
        return {"text": t("checkin.withdraw.nothing", lang)}
    return {"text": refusal_text(outcome, tz, lang, now)}
