"""Block Kit for Guldlänken, as pure functions of plain values (names already resolved).

Every piece of user text (motivations, names, organisations, partners, and names from Slack
profiles) is escaped here, at the one place where it becomes mrkdwn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.award.jury import JuryGroup
from bot.award.nominations import (
    MOTIVATION_MAX,
    MOTIVATION_MIN,
    NAME_MAX,
    PARTNER_MAX,
    MineItem,
    MyNominations,
    NominationDraft,
    NominationForm,
    count_text,
)
from bot.delivery.sends import Message
from bot.formatting import (
    MAX_MESSAGE_BLOCKS,
    MAX_SECTION_TEXT,
    escape,
    split_text,
    truncate_title,
)
from bot.texts import t

PREVIEW_CHARS = 280
# Slack refuses messages whose blocks hold too much text in total (msg_blocks_too_long) well
# before 50 full sections; a long jury summary is split into messages of at most this much.
MESSAGE_TEXT_BUDGET = 12_000
ITEMS_PER_LIST_MESSAGE = 23  # two blocks each, plus the title, within 50 blocks


# ---------------------------------------------------------------- small pieces


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text), **extra}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _button(text: str, action_id: str, value: str = "", **extra: Any) -> dict[str, Any]:
    button: dict[str, Any] = {"type": "button", "text": _plain(text), "action_id": action_id, **extra}
    if value:
        button["value"] = value
    return button


def _nominees(n: int, lang: str) -> str:
    return t("award.nominees.one", lang) if n == 1 else t("award.nominees.many", lang, n=n)


def _org_suffix(organisation: str | None) -> str:
    return f" ({escape(organisation)})" if organisation else ""


def _text_sections(text: str) -> list[dict[str, Any]]:
    """User text, escaped, in as many sections as it needs; nothing cut."""
    return [_section(chunk) for chunk in split_text(escape(text), MAX_SECTION_TEXT) if chunk]


def _block_chars(block: dict[str, Any]) -> int:
    text = block.get("text")
    if isinstance(text, dict):
        return len(text.get("text", ""))
    return sum(len(e.get("text", "")) for e in block.get("elements", []) if isinstance(e, dict))


# ---------------------------------------------------------------- the modal


def _text_input(
    block_id: str,
    label: str,
    *,
    initial: str | None,
    optional: bool,
    max_length: int,
    multiline: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.AWARD_INPUT,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial
    if placeholder:
        element["placeholder"] = _plain(placeholder)
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": _plain(label),
        "element": element,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def build_nomination_modal(
    *,
    year: int,
    deadline: str,
    private_metadata: str,
    lang: str = "sv",
    draft: NominationDraft | None = None,
) -> dict[str, Any]:
    """The nomination modal; with `draft` it edits an earlier nomination, prefilled as written."""
    editing = draft is not None
    draft = draft or NominationDraft()
    user_select: dict[str, Any] = {"type": "users_select", "action_id": ids.AWARD_INPUT}
    if draft.nominee_user_id:
        user_select["initial_user"] = draft.nominee_user_id
    blocks = [
        _section(t("award.modal.intro", lang, year=year, deadline=deadline)),
        {
            "type": "input",
            "block_id": ids.AWARD_BLOCK_NOMINEE_USER,
            "optional": True,
            "label": _plain(t("award.modal.nominee_user", lang)),
            "hint": _plain(t("award.modal.nominee_user_hint", lang)),
            "element": user_select,
        },
        _context(t("award.modal.or_free_text", lang)),
        _text_input(
            ids.AWARD_BLOCK_NOMINEE_NAME,
            t("award.modal.nominee_name", lang),
            initial=draft.nominee_name,
            optional=True,
            max_length=NAME_MAX,
        ),
        _text_input(
            ids.AWARD_BLOCK_NOMINEE_ORG,
            t("award.modal.nominee_org", lang),
            initial=draft.nominee_organisation,
            optional=True,
            max_length=NAME_MAX,
            hint=t("award.modal.nominee_org_hint", lang),
        ),
        _text_input(
            ids.AWARD_BLOCK_PARTNER,
            t("award.modal.partner", lang),
            initial=draft.partner,
            optional=True,
            max_length=PARTNER_MAX,
            hint=t("award.modal.partner_hint", lang),
        ),
        _text_input(
            ids.AWARD_BLOCK_MOTIVATION,
            t("award.modal.motivation", lang),
            initial=draft.motivation,
            optional=False,
            max_length=MOTIVATION_MAX,
            multiline=True,
            hint=t("award.modal.motivation_hint", lang, min=MOTIVATION_MIN, max=MOTIVATION_MAX),
            placeholder=t("award.modal.motivation_placeholder", lang),
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.AWARD_MODAL,
        "private_metadata": private_metadata,
        "title": _plain(
            truncate_title(t("award.modal.title_edit" if editing else "award.modal.title", lang))
        ),
        "submit": _plain(t("award.modal.submit_edit" if editing else "award.modal.submit", lang)),
        "close": _plain(t("award.modal.close", lang)),
        "blocks": blocks,
    }


def build_nomination_form(form: NominationForm, lang: str = "sv") -> dict[str, Any]:
    """The nomination modal for what bot/award/nominations.nomination_view decided to show."""
    return build_nomination_modal(
        year=form.year,
        deadline=form.deadline,
        private_metadata=form.private_metadata,
        lang=lang,
        draft=form.draft,
    )


def build_info_modal(text: str, lang: str = "sv") -> dict[str, Any]:
    """A modal that only tells something (a button clicked when that is no longer possible)."""
    return {
        "type": "modal",
        "title": _plain(truncate_title(t("award.info.title", lang))),
        "close": _plain(t("award.modal.close", lang)),
        "blocks": [_section(text)],
    }


def build_text_message(text: str) -> Message:
    """A short message (mrkdwn we wrote, user text already escaped) as one section."""
    return {"text": text, "blocks": [_section(text)]}


# ---------------------------------------------------------------- the announcement channel


def _nominate_actions(lang: str) -> dict[str, Any]:
    return {
        "type": "actions",
        "elements": [
            _button(t("award.announce.button", lang), ids.AWARD_NOMINATE_OPEN, "nominate", style="primary")
        ],
    }


def build_announcement(*, year: int, deadline: str, lang: str = "sv", previous: str | None = None) -> Message:
    """The message that opens a round: what the award is, the last day, a *Nominera* button;
    with `previous` (mrkdwn, escaped), who received Guldlänken last time."""
    blocks = [
        {"type": "header", "text": _plain(t("award.announce.header", lang, year=year))},
        _section(t("award.announce.body", lang, year=year, deadline=deadline)),
    ]
    if previous:
        blocks.append(_section(previous))
    return {
        "text": t("award.announce.fallback", lang, year=year, deadline=deadline),
        "blocks": [*blocks, _nominate_actions(lang), _context(t("award.announce.context", lang))],
    }


def build_reminder(kind: str, *, year: int, deadline: str, lang: str = "sv") -> Message:
    """A reminder (`kind` is "reminder_14" or "reminder_1") with the *Nominera* button."""
    return {
        "text": t(f"award.{kind}.fallback", lang, year=year, deadline=deadline),
        "blocks": [
            _section(t(f"award.{kind}.body", lang, year=year, deadline=deadline)),
            _nominate_actions(lang),
            _context(t("award.announce.context", lang)),
        ],
    }


# ---------------------------------------------------------------- /guldlanken mina


def _preview(text: str, lang: str) -> str:
    if len(text) <= PREVIEW_CHARS:
        return escape(text)
    cut = text[:PREVIEW_CHARS]
    space = cut.rfind(" ")
    if space > PREVIEW_CHARS // 2:
        cut = cut[:space]
    return escape(cut.rstrip()) + " " + t("award.mine.more", lang)


def _mine_blocks(item: MineItem, lang: str) -> list[dict[str, Any]]:
    name = escape(item.nominee)
    return [
        _section(f"*{name}*{_org_suffix(item.organisation)}\n{_preview(item.motivation, lang)}"),
        {
            "type": "actions",
            "block_id": f"award_mine_{item.nomination_id}",
            "elements": [
                _button(t("award.button.edit", lang), ids.AWARD_EDIT, str(item.nomination_id)),
                _button(
                    t("award.button.withdraw", lang),
                    ids.AWARD_WITHDRAW,
                    str(item.nomination_id),
                    style="danger",
                    confirm={
                        "title": _plain(t("award.confirm_withdraw.title", lang)),
                        "text": _plain(t("award.confirm_withdraw.text", lang, nominee=item.nominee)[:300]),
                        "confirm": _plain(t("award.confirm_withdraw.yes", lang)),
                        "deny": _plain(t("award.confirm_withdraw.no", lang)),
                        "style": "danger",
                    },
                ),
            ],
        },
    ]


def build_my_nominations(
    items: Sequence[MineItem], *, year: int, deadline: str, lang: str = "sv", notice: str | None = None
) -> list[Message]:
    """The nominator's own nominations with *Ändra* and *Dra tillbaka*; several messages if many."""
    head: list[dict[str, Any]] = [_section(notice)] if notice else []
    if not items:
        text = t("award.mine.none", lang, year=year, deadline=deadline)
        return [{"text": text, "blocks": [*head, _section(text)]}]
    title = t("award.mine.title", lang, year=year, deadline=deadline)
    messages: list[Message] = []
    for start in range(0, len(items), ITEMS_PER_LIST_MESSAGE):
        blocks = [*head, _section(title)] if start == 0 else []
        for item in items[start : start + ITEMS_PER_LIST_MESSAGE]:
            blocks.extend(_mine_blocks(item, lang))
        messages.append({"text": title, "blocks": blocks})
    return messages


def build_mine(mine: MyNominations, lang: str = "sv") -> list[Message]:
    """`/guldlanken mina` for the outcome of bot/award/nominations."""
    return build_my_nominations(
        mine.items, year=mine.year, deadline=mine.deadline, lang=lang, notice=mine.notice
    )


def build_after_withdraw(mine: MyNominations, lang: str = "sv") -> Message:
    """What replaces the clicked list: the refreshed list, or the notice alone when it is too long."""
    messages = build_mine(mine, lang)
    return messages[0] if len(messages) == 1 else {"text": mine.notice or ""}


# ---------------------------------------------------------------- the jury summary


def _group_units(index: int, group: JuryGroup, lang: str) -> list[list[dict[str, Any]]]:
    """A nominee's blocks as units that should stay in one message (line + first motivation, ...)."""
    line = _section(
        t(
            "award.jury.nominee",
            lang,
            index=index,
            nominee=escape(group.nominee),
            organisation=_org_suffix(group.organisation),
            count=count_text(len(group.entries), lang),
        )
    )
    units: list[list[dict[str, Any]]] = []
    for n, entry in enumerate(group.entries):
        about = t("award.jury.by", lang, nominator=escape(entry.nominator), when=entry.submitted)
        if entry.partner:
            about += "\n" + t("award.jury.partner", lang, partner=escape(entry.partner))
        unit = [_context(about), *_text_sections(entry.motivation)]
        units.append([line, *unit] if n == 0 else unit)
    units[-1] = [*units[-1], {"type": "divider"}]
    return units


def _pack(units: list[list[dict[str, Any]]], max_blocks: int, max_chars: int) -> list[list[dict[str, Any]]]:
    """Fill messages with whole units; a unit too big for any message is spread block by block."""
    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    chars = 0
    for unit in units:
        too_big = len(unit) > max_blocks or sum(_block_chars(b) for b in unit) > max_chars
        pieces = [[block] for block in unit] if too_big else [unit]
        for piece in pieces:
            piece_chars = sum(_block_chars(b) for b in piece)
            if current and (len(current) + len(piece) > max_blocks or chars + piece_chars > max_chars):
                messages.append(current)
                current, chars = [], 0
            current.extend(piece)
            chars += piece_chars
    if current:
        messages.append(current)
    return messages


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
    header = {"type": "header", "text": _plain(t("award.jury.header", lang, year=year))}
    total = sum(len(g.entries) for g in groups)
    if not groups:
        return [
            {
                "text": t("award.jury.fallback", lang, year=year, count=count_text(0, lang)),
                "blocks": [header, _section(t("award.jury.none", lang, year=year, closed=closed))],
            }
        ]
    intro = _section(
        t(
            "award.jury.intro",
            lang,
            closed=closed,
            count=count_text(total, lang),
            nominees=_nominees(len(groups), lang),
        )
    )
    units: list[list[dict[str, Any]]] = [[header, intro, {"type": "divider"}]]
    for index, group in enumerate(groups, start=1):
        units.extend(_group_units(index, group, lang))
    if ending:
        units.append(list(ending))
    # One block and a little text are kept free for the "part 2 of 3" line of later messages.
    parts = _pack(units, MAX_MESSAGE_BLOCKS - 1, MESSAGE_TEXT_BUDGET - 200)
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
            blocks = [_context(t("award.jury.continued", lang, **fmt)), *blocks]
        messages.append({"text": t("award.jury.fallback_part", lang, **fmt), "blocks": blocks})
    return messages
