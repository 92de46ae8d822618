"""Block Kit for "Vill ni träffas igen?": the question, the answered message, the comment modal
and the organisers' summary. Pure functions."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.formatting import (
    continued_pages,
    escape,
    format_when,
    format_when_for,
    network_names,
    sections,
    truncate_title,
)
from bot.pulse.service import MAX_COMMENT_LENGTH, Answer, PulseChoice, PulseSummary, Refusal
from bot.texts import t

Block = dict[str, Any]
Message = dict[str, Any]

COMMENT_BLOCK = "pulse_comment"
COMMENT_INPUT = "value"


def _button(action_id: str, text: str, meeting_id: int, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": text},
        "value": str(meeting_id),
    }
    if style:
        button["style"] = style
    return button


def _style(answer: PulseChoice | None, button: PulseChoice) -> str | None:
    return "primary" if answer == button else None


def _buttons(meeting_id: int, lang: str, answer: PulseChoice | None, has_comment: bool) -> Block:
    # The chosen answer is highlighted, so the message shows the current choice at a glance.
    comment = t("pulse.button.edit_comment" if has_comment else "pulse.button.comment", lang)
    return {
        "type": "actions",
        "block_id": "pulse_actions",
        "elements": [
            _button(ids.PULSE_YES, t("pulse.button.yes", lang), meeting_id, _style(answer, PulseChoice.YES)),
            _button(ids.PULSE_NO, t("pulse.button.no", lang), meeting_id, _style(answer, PulseChoice.NO)),
            _button(ids.PULSE_COMMENT_OPEN, comment, meeting_id),
        ],
    }


def build_pulse_question(
    meeting_id: int,
    starts_at: dt.datetime,
    tz: ZoneInfo,
    lang: str,
    anonymous: bool = False,
    now: dt.datetime | None = None,
) -> list[Message]:
    """The DM after a meeting: "Vill ni träffas igen?" with Ja / Nej / comment buttons; says so
    when the network has made the summary anonymous."""
    when = format_when_for(starts_at, tz, lang, now, with_time=False)  # "i går", "i torsdags"
    hint = t("pulse.question.hint", lang)
    if anonymous:
        hint = f"{hint} {t('privacy.pulse.anonymous', lang)}"
    blocks = [
        *sections(t("pulse.question.body", lang, when=when)),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": hint}]},
        _buttons(meeting_id, lang, None, False),
    ]
    return [{"text": t("pulse.question.fallback", lang, when=when), "blocks": blocks}]


def build_pulse_answered(outcome: Answer, tz: ZoneInfo, lang: str, now: dt.datetime | None = None) -> Message:
    """The question message after a click: the choice shown, the buttons kept for a change of mind."""
    meeting_id, answer, has_comment = outcome.meeting_id, outcome.answer, bool(outcome.comment)
    when = format_when_for(outcome.starts_at, tz, lang, now, with_time=False)
    blocks = sections(t("pulse.question.body", lang, when=when))
    if answer:
        label = t(f"pulse.answer.{answer.value}", lang)
        blocks += sections(t("pulse.answered", lang, answer=label))
        text = t("pulse.answered.fallback", lang, answer=label)
    else:
        text = t("pulse.question.fallback", lang, when=when)
    if has_comment:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t("pulse.commented", lang)}]}
        )
    blocks.append(_buttons(meeting_id, lang, answer, has_comment))
    return {"text": text, "blocks": blocks}


def build_comment_modal(
    meeting_id: int, starts_at: dt.datetime, comment: str | None, tz: ZoneInfo, lang: str, metadata: str = ""
) -> dict[str, Any]:
    """The comment modal, filled with the earlier comment as written."""
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": COMMENT_INPUT,
        "multiline": True,
        "max_length": MAX_COMMENT_LENGTH,
        "placeholder": {"type": "plain_text", "text": t("pulse.modal.placeholder", lang)},
    }
    if comment:
        element["initial_value"] = comment
    when = format_when(starts_at, tz, lang)
    return {
        "type": "modal",
        "callback_id": ids.PULSE_COMMENT_MODAL,
        "private_metadata": metadata or encode_metadata(meeting_id, None, None),
        "title": {"type": "plain_text", "text": truncate_title(t("pulse.modal.title", lang))},
        "submit": {"type": "plain_text", "text": t("pulse.modal.submit", lang)},
        "close": {"type": "plain_text", "text": t("pulse.modal.close", lang)},
        "blocks": [
            *sections(t("pulse.modal.intro", lang, when=when)),
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "label": {"type": "plain_text", "text": t("pulse.modal.label", lang)},
                "element": element,
            },
        ],
    }


def build_comment_thanks(lang: str) -> dict[str, Any]:
    """What the modal turns into once the comment is saved."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": truncate_title(t("pulse.modal.thanks_title", lang))},
        "close": {"type": "plain_text", "text": t("pulse.modal.close", lang)},
        "blocks": sections(t("pulse.modal.thanks", lang)),
    }


def comment_from(view: dict[str, Any]) -> str:
    """The comment typed in a submitted modal ("" when empty)."""
    values = view.get("state", {}).get("values", {})
    return str((values.get(COMMENT_BLOCK, {}).get(COMMENT_INPUT, {}) or {}).get("value") or "")


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(escape(n) for n in names) or "–"


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])


def build_pulse_summary(summary: PulseSummary, tz: ZoneInfo, lang: str) -> list[Message]:
    """The organisers' summary: counts, who answered what, the comments (escaped), split to fit."""
    when = format_when(summary.starts_at, tz, lang)
    counts = {"yes": len(summary.yes), "no": len(summary.no), "none": len(summary.unanswered)}
    body: list[Block] = [*sections(t("pulse.summary.counts", lang, **counts))]
    if summary.anonymous:  # the network's setting: counts and comments, no names
        body += sections(t("privacy.pulse.anonymous", lang))
    else:
        body += [
            *sections(t("pulse.summary.yes", lang, names=_names(summary.yes))),
            *sections(t("pulse.summary.no", lang, names=_names(summary.no))),
            *sections(t("pulse.summary.none", lang, names=_names(summary.unanswered))),
        ]
    body += [{"type": "divider"}, *sections(t("pulse.summary.comments", lang))]
    if not summary.comments:
        body += sections(t("pulse.summary.no_comments", lang))
    for c in summary.comments:
        if summary.anonymous:
            body += sections(_quote(c.comment))
            continue
        organisation = f" ({escape(c.organisation)})" if c.organisation else ""
        body += sections(
            t(
                "pulse.summary.comment",
                lang,
                name=escape(c.name),
                organisation=organisation,
                comment=_quote(c.comment),
            )
        )
    header: Block = {
        "type": "header",
        "text": {"type": "plain_text", "text": t("pulse.summary.header", lang, when=when)},
    }
    fallback = t("pulse.summary.fallback", lang, when=when, **counts)
    marked = continued_pages(
        body,
        lambda part, parts: t("pulse.summary.continued", lang, part=part, parts=parts, when=when),
        [header],
    )
    return [{"text": fallback, "blocks": blocks} for blocks in marked]


def encode_metadata(meeting_id: int, channel: str | None, ts: str | None) -> str:
    """private_metadata of the comment modal: the meeting, and the question message to update."""
    return json.dumps({"meeting": meeting_id, "channel": channel, "ts": ts}, separators=(",", ":"))


def decode_metadata(raw: str | None) -> tuple[int | None, str | None, str | None]:
    """(meeting id, channel, ts) from the comment modal's private_metadata; Nones when malformed."""
    try:
        data = json.loads(raw or "")
    except ValueError:
        return None, None, None
    if not isinstance(data, dict):
        return None, None, None
    meeting = data.get("meeting")
    channel, ts = data.get("channel"), data.get("ts")
    return (
        meeting if isinstance(meeting, int) and not isinstance(meeting, bool) else None,
        channel if isinstance(channel, str) else None,
        ts if isinstance(ts, str) else None,
    )


def refusal_text(refusal: Refusal, lang: str, *, mrkdwn: bool = True) -> str:
    """Why the answer was not stored, politely (naming the network the question came from;
    `mrkdwn` False for a modal's plain-text error)."""
    return t(f"pulse.error.{refusal.problem.value}", lang, **network_names(refusal.network, mrkdwn=mrkdwn))
