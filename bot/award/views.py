"""Block Kit for Guldlänken, as pure functions of plain values (names already resolved): the
nomination modal, the announcement and reminders, and the nominator's list. The jury summary is
built in bot/award/jury_views.py, the decision and the winners in bot/award/winner_views.py.

Every piece of user text (motivations, names, organisations, partners, and names from Slack
profiles) is escaped in these view modules, where it becomes mrkdwn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.award.blocks import button, context, org_suffix, plain, section
from bot.award.nominations import (
    MOTIVATION_MAX,
    MOTIVATION_MIN,
    NAME_MAX,
    PARTNER_MAX,
    MineItem,
    MyNominations,
    NominationDraft,
    NominationForm,
)
from bot.delivery.sends import Message
from bot.formatting import (
    escape,
    truncate_title,
)
from bot.texts import t

PREVIEW_CHARS = 280
ITEMS_PER_LIST_MESSAGE = 23  # two blocks each, plus the title, within 50 blocks


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
        element["placeholder"] = plain(placeholder)
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label),
        "element": element,
    }
    if hint:
        block["hint"] = plain(hint)
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
        section(t("award.modal.intro", lang, year=year, deadline=deadline)),
        {
            "type": "input",
            "block_id": ids.AWARD_BLOCK_NOMINEE_USER,
            "optional": True,
            "label": plain(t("award.modal.nominee_user", lang)),
            "hint": plain(t("award.modal.nominee_user_hint", lang)),
            "element": user_select,
        },
        context(t("award.modal.or_free_text", lang)),
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
        "title": plain(truncate_title(t("award.modal.title_edit" if editing else "award.modal.title", lang))),
        "submit": plain(t("award.modal.submit_edit" if editing else "award.modal.submit", lang)),
        "close": plain(t("award.modal.close", lang)),
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
        "title": plain(truncate_title(t("award.info.title", lang))),
        "close": plain(t("award.modal.close", lang)),
        "blocks": [section(text)],
    }


def build_text_message(text: str) -> Message:
    """A short message (mrkdwn we wrote, user text already escaped) as one section."""
    return {"text": text, "blocks": [section(text)]}


# ---------------------------------------------------------------- the announcement channel


def _nominate_actions(lang: str) -> dict[str, Any]:
    return {
        "type": "actions",
        "elements": [
            button(t("award.announce.button", lang), ids.AWARD_NOMINATE_OPEN, "nominate", style="primary")
        ],
    }


def build_announcement(*, year: int, deadline: str, lang: str = "sv", previous: str | None = None) -> Message:
    """The message that opens a round: what the award is, the last day, a *Nominera* button;
    with `previous` (mrkdwn, escaped), who received Guldlänken last time."""
    blocks = [
        {"type": "header", "text": plain(t("award.announce.header", lang, year=year))},
        section(t("award.announce.body", lang, year=year, deadline=deadline)),
    ]
    if previous:
        blocks.append(section(previous))
    return {
        "text": t("award.announce.fallback", lang, year=year, deadline=deadline),
        "blocks": [*blocks, _nominate_actions(lang), context(t("award.announce.context", lang))],
    }


def build_reminder(kind: str, *, year: int, deadline: str, lang: str = "sv") -> Message:
    """A reminder (`kind` is "reminder_14" or "reminder_1") with the *Nominera* button."""
    return {
        "text": t(f"award.{kind}.fallback", lang, year=year, deadline=deadline),
        "blocks": [
            section(t(f"award.{kind}.body", lang, year=year, deadline=deadline)),
            _nominate_actions(lang),
            context(t("award.announce.context", lang)),
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
        section(f"*{name}*{org_suffix(item.organisation)}\n{_preview(item.motivation, lang)}"),
        {
            "type": "actions",
            "block_id": f"award_mine_{item.nomination_id}",
            "elements": [
                button(t("award.button.edit", lang), ids.AWARD_EDIT, str(item.nomination_id)),
                button(
                    t("award.button.withdraw", lang),
                    ids.AWARD_WITHDRAW,
                    str(item.nomination_id),
                    style="danger",
                    confirm={
                        "title": plain(t("award.confirm_withdraw.title", lang)),
                        "text": plain(t("award.confirm_withdraw.text", lang, nominee=item.nominee)[:300]),
                        "confirm": plain(t("award.confirm_withdraw.yes", lang)),
                        "deny": plain(t("award.confirm_withdraw.no", lang)),
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
    head: list[dict[str, Any]] = [section(notice)] if notice else []
    if not items:
        text = t("award.mine.none", lang, year=year, deadline=deadline)
        return [{"text": text, "blocks": [*head, section(text)]}]
    title = t("award.mine.title", lang, year=year, deadline=deadline)
    messages: list[Message] = []
    for start in range(0, len(items), ITEMS_PER_LIST_MESSAGE):
        blocks = [*head, section(title)] if start == 0 else []
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
