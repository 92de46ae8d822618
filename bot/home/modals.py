"""Pure Block Kit builders for the admin modals the Home tab's buttons open, and the readers of
what was submitted in them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot import ids
from bot.admin.views import Block, plain_text
from bot.formatting import MAX_CONTEXT_TEXT, sections, truncate_title
from bot.home.service import (
    MEMBER_MODE_ADD,
    MEMBER_MODE_REMOVE,
    MembersForm,
    MembersModal,
    ModalOpening,
    PlanForm,
    PlanModal,
    SettingsForm,
    SettingsModal,
)
from bot.meeting.members import SettingsShown
from bot.meeting.service import Refused
from bot.texts import t


def _modal(
    callback_id: str, title: str, blocks: list[Block], lang: str, submit: str | None
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain_text(truncate_title(title)),
        "close": plain_text(truncate_title(t("admin.modal.close", lang))),
        "blocks": blocks,
    }
    if submit:
        view["submit"] = plain_text(truncate_title(submit))
    return view


def _input(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain_text(label),
        "element": {**element, "action_id": ids.ADMIN_INPUT},
        "optional": optional,
    }
    if hint:
        block["hint"] = plain_text(hint)
    return block


def build_refusal_modal(text: str, lang: str) -> dict[str, Any]:
    """A modal that only explains why the person cannot do this (no inputs, no submit)."""
    return _modal("admin_refusal", t("admin.modal.refusal.title", lang), sections(text), lang, None)


def build_plan_modal(lang: str, initial_date: str | None = None) -> dict[str, Any]:
    """Plan a meeting: date, time and (optional) place; submitted to the same service as `träff`."""
    datepicker: Block = {"type": "datepicker"}
    if initial_date:
        datepicker["initial_date"] = initial_date
    blocks = [
        *sections(t("admin.modal.plan.intro", lang)),
        _input(ids.ADMIN_PLAN_DATE, t("admin.modal.plan.date", lang), datepicker),
        _input(
            ids.ADMIN_PLAN_TIME,
            t("admin.modal.plan.time", lang),
            {"type": "timepicker", "initial_time": "13:00"},
        ),
        _input(
            ids.ADMIN_PLAN_PLACE,
            t("admin.modal.plan.place", lang),
            {"type": "plain_text_input", "max_length": 500},
            optional=True,
            hint=t("admin.modal.plan.place_hint", lang),
        ),
    ]
    return _modal(
        ids.ADMIN_PLAN_MODAL,
        t("admin.modal.plan.title", lang),
        blocks,
        lang,
        t("admin.modal.plan.submit", lang),
    )


def build_members_modal(lang: str, member_count: int) -> dict[str, Any]:
    """Add, move or remove one member: person, organisation, and what to do."""
    add = {"text": plain_text(t("admin.modal.members.add", lang)), "value": MEMBER_MODE_ADD}
    remove = {"text": plain_text(t("admin.modal.members.remove", lang)), "value": MEMBER_MODE_REMOVE}
    blocks = [
        *sections(t("admin.modal.members.intro", lang, count=member_count)),
        _input(ids.ADMIN_MEMBER_USER, t("admin.modal.members.person", lang), {"type": "users_select"}),
        _input(
            ids.ADMIN_MEMBER_ORGANISATION,
            t("admin.modal.members.organisation", lang),
            {"type": "plain_text_input", "max_length": 200},
            optional=True,
            hint=t("admin.modal.members.organisation_hint", lang),
        ),
        _input(
            ids.ADMIN_MEMBER_MODE,
            t("admin.modal.members.mode", lang),
            {"type": "radio_buttons", "options": [add, remove], "initial_option": add},
        ),
    ]
    return _modal(
        ids.ADMIN_MEMBERS_MODAL,
        t("admin.modal.members.title", lang),
        blocks,
        lang,
        t("admin.modal.members.submit", lang),
    )


def build_settings_modal(
    lang: str, channel_id: str | None, appointed: Sequence[str], bootstrap: Sequence[str]
) -> dict[str, Any]:
    """The organisers' channel and the appointed organisers (the ORGANISERS setting shown, not editable)."""
    channel: Block = {
        "type": "conversations_select",
        "filter": {
            "include": ["public", "private"],
            "exclude_bot_users": True,
            "exclude_external_shared_channels": True,
        },
    }
    if channel_id:
        channel["initial_conversation"] = channel_id
    people: Block = {"type": "multi_users_select"}
    if appointed:
        people["initial_users"] = list(appointed)
    blocks = [
        _input(
            ids.ADMIN_SETTINGS_CHANNEL,
            t("admin.modal.settings.channel", lang),
            channel,
            optional=True,
            hint=t("admin.modal.settings.channel_hint", lang),
        ),
        _input(
            ids.ADMIN_SETTINGS_ORGANISERS,
            t("admin.modal.settings.organisers", lang),
            people,
            optional=True,
            hint=t("admin.modal.settings.organisers_hint", lang),
        ),
    ]
    if bootstrap:
        mentions = ", ".join(f"<@{uid}>" for uid in bootstrap)
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": t("admin.modal.settings.bootstrap", lang, people=mentions)[:MAX_CONTEXT_TEXT],
                    }
                ],
            }
        )
    view = _modal(
        ids.ADMIN_SETTINGS_MODAL,
        t("admin.modal.settings.title", lang),
        blocks,
        lang,
        t("admin.modal.settings.submit", lang),
    )
    # What the modal shows, so the submission applies only what the person changed.
    view["private_metadata"] = json.dumps({"channel": channel_id, "organisers": sorted(appointed)})
    return view


# ---------------------------------------------------------------- what was submitted


def _value(values: Mapping[str, Any], block_id: str, key: str) -> Any:
    element = (values.get(block_id) or {}).get(ids.ADMIN_INPUT) or {}
    return element.get(key)


def _text(values: Mapping[str, Any], block_id: str) -> str:
    """A text input with its whitespace runs collapsed."""
    return " ".join((_value(values, block_id, "value") or "").split())


def read_plan_form(values: Mapping[str, Any]) -> PlanForm:
    """The plan-meeting modal's `view.state.values`."""
    return PlanForm(
        date=_value(values, ids.ADMIN_PLAN_DATE, "selected_date") or "",
        time=_value(values, ids.ADMIN_PLAN_TIME, "selected_time") or "",
        place=_text(values, ids.ADMIN_PLAN_PLACE),
    )


def read_members_form(values: Mapping[str, Any]) -> MembersForm:
    """The members modal's `view.state.values`."""
    mode = (_value(values, ids.ADMIN_MEMBER_MODE, "selected_option") or {}).get("value") or MEMBER_MODE_ADD
    return MembersForm(
        user=_value(values, ids.ADMIN_MEMBER_USER, "selected_user") or None,
        mode=mode,
        organisation=_text(values, ids.ADMIN_MEMBER_ORGANISATION),
    )


def _read_shown(metadata: str | None) -> SettingsShown | None:
    try:
        data = json.loads(metadata or "")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    channel, organisers = data.get("channel"), data.get("organisers")
    if not (channel is None or isinstance(channel, str)) or not isinstance(organisers, list):
        return None
    return SettingsShown(channel, frozenset(o for o in organisers if isinstance(o, str)))


def read_settings_form(values: Mapping[str, Any], metadata: str | None = None) -> SettingsForm:
    """The settings modal's `view.state.values`, and what it showed (its private_metadata)."""
    return SettingsForm(
        channel=_value(values, ids.ADMIN_SETTINGS_CHANNEL, "selected_conversation") or None,
        organisers=frozenset(_value(values, ids.ADMIN_SETTINGS_ORGANISERS, "selected_users") or []),
        shown=_read_shown(metadata),
    )


def build_admin_modal(opening: ModalOpening, lang: str) -> dict[str, Any]:
    """The modal an admin button opens (a refusal modal for a non-organiser)."""
    match opening:
        case PlanModal(initial_date):
            return build_plan_modal(lang, initial_date)
        case MembersModal(count):
            return build_members_modal(lang, count)
        case SettingsModal(channel_id, appointed, bootstrap):
            return build_settings_modal(lang, channel_id, appointed, bootstrap)
    return build_refusal_modal(opening.message(lang), lang)


def build_modal_errors(errors: Mapping[str, Refused], lang: str) -> dict[str, str]:
    """`response_action: errors`: each refusal under the input it belongs to."""
    return {block: refusal.message(lang) for block, refusal in errors.items()}
