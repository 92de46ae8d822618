"""Pure Block Kit for närvaro: the answer buttons, the ersättare modal, the answers per
organisation, and the calendar file of a meeting."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.delivery.sends import FileUpload, Message, file_message
from bot.formatting import DEFAULT_NETWORK, escape, format_when, network_names, sections, truncate_title
from bot.meeting.calendar import CalendarEntry, CalendarMethod, build_ics, ics_filename, meeting_uid
from bot.texts import t
from storage.models import RsvpAnswer

Block = dict[str, Any]

BUTTONS = (
    (RsvpAnswer.COMING, ids.RSVP_COMING, "attendance.button.coming"),
    (RsvpAnswer.NOT_COMING, ids.RSVP_NOT_COMING, "attendance.button.not_coming"),
    (RsvpAnswer.DEPUTY, ids.RSVP_DEPUTY, "attendance.button.deputy"),
)
ACTIONS = {action_id: answer for answer, action_id, _ in BUTTONS}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def answer_text(answer: str | None, deputy_user_id: str | None, lang: str) -> str:
    """The member's current answer in a sentence ("Ditt svar: du kommer."), or the question."""
    if answer is None:
        return t("attendance.ask", lang)
    if answer == RsvpAnswer.DEPUTY:
        return t("attendance.answer.deputy", lang, deputy=f"<@{deputy_user_id}>")
    return t(f"attendance.answer.{answer}", lang)


def rsvp_blocks(meeting_id: int, answer: str | None, deputy_user_id: str | None, lang: str) -> list[Block]:
    """The answer (or the question) and the three buttons; the chosen one is highlighted."""
    buttons = []
    for value, action_id, label in BUTTONS:
        button: Block = {
            "type": "button",
            "action_id": action_id,
            "text": _plain(t(label, lang)),
            "value": str(meeting_id),
        }
        if value == answer:
            button["style"] = "primary"
        buttons.append(button)
    return [
        *sections(answer_text(answer, deputy_user_id, lang)),
        {"type": "actions", "block_id": "rsvp_actions", "elements": buttons},
    ]


# ---------------------------------------------------------------- the ersättare modal


def deputy_metadata(meeting_id: int, message_ts: str | None) -> str:
    """The modal's private_metadata: the meeting and the DM message to update afterwards."""
    return json.dumps({"meeting": meeting_id, "ts": message_ts})


def read_deputy_metadata(raw: str | None) -> tuple[object, str | None]:
    """(meeting id as sent, message ts or None) from the modal's private_metadata; never raises."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    ts = data.get("ts")
    return data.get("meeting"), ts if isinstance(ts, str) else None


def build_deputy_modal(
    meeting_id: int, when: str, current: str | None, message_ts: str | None, lang: str
) -> dict[str, Any]:
    """ "Jag skickar en ersättare": a users_select (preset to today's ersättare, if any)."""
    picker: Block = {"type": "users_select", "action_id": ids.RSVP_INPUT}
    if current:
        picker["initial_user"] = current
    return {
        "type": "modal",
        "callback_id": ids.RSVP_DEPUTY_MODAL,
        "private_metadata": deputy_metadata(meeting_id, message_ts),
        "title": _plain(truncate_title(t("attendance.modal.title", lang))),
        "submit": _plain(truncate_title(t("attendance.modal.submit", lang))),
        "close": _plain(truncate_title(t("attendance.modal.close", lang))),
        "blocks": [
            *sections(t("attendance.modal.intro", lang, when=when)),
            {
                "type": "input",
                "block_id": ids.RSVP_DEPUTY_USER,
                "label": _plain(t("attendance.modal.person", lang)),
                "element": picker,
                "hint": _plain(t("attendance.modal.hint", lang)),
            },
        ],
    }


def read_deputy_choice(values: Mapping[str, Any]) -> str | None:
    """The chosen user from the modal's `view.state.values`."""
    chosen = (values.get(ids.RSVP_DEPUTY_USER) or {}).get(ids.RSVP_INPUT) or {}
    user = chosen.get("selected_user") if isinstance(chosen, dict) else None
    return user if isinstance(user, str) and user else None


# ---------------------------------------------------------------- the answers per organisation


@dataclass(frozen=True)
class OrgAttendance:
    """One organisation's answers: names as stored (escaped when rendered)."""

    name: str | None
    coming: tuple[str, ...] = ()
    not_coming: tuple[str, ...] = ()
    deputies: tuple[tuple[str, str], ...] = ()  # (ersättare, the member they stand for)
    unanswered: tuple[str, ...] = ()


def deputy_label(deputy: str, member: str, lang: str) -> str:
    """ "Anna Ek (ersättare för Bertil Berg)", escaped."""
    return t("attendance.deputy_for", lang, deputy=escape(deputy), member=escape(member))


def attendance_lines(rows: Sequence[OrgAttendance], lang: str) -> list[str]:
    """ "*Arbetsförmedlingen:* kommer: Anna Ek · kan inte: … · ersättare: … · inget svar: …"."""
    lines = []
    for org in rows:
        parts = []
        for key, names in (
            ("coming", [escape(n) for n in org.coming]),
            ("not_coming", [escape(n) for n in org.not_coming]),
            ("deputy", [deputy_label(d, m, lang) for d, m in org.deputies]),
            ("unanswered", [escape(n) for n in org.unanswered]),
        ):
            if names:
                parts.append(t(f"attendance.list.{key}", lang, names=", ".join(names)))
        title = escape(org.name) if org.name else t("attendance.no_organisation", lang)
        lines.append(f"• *{title}:* " + " · ".join(parts))
    return lines


def attendance_paragraph(rows: Sequence[OrgAttendance], lang: str) -> str | None:
    """The heading and a line per organisation, or None when nobody is expected."""
    if not rows:
        return None
    return "\n".join([t("attendance.heading", lang), *attendance_lines(rows, lang)])


# ---------------------------------------------------------------- the calendar file


@dataclass(frozen=True)
class CalendarMeeting:
    """What the `.ics` needs of a meeting."""

    meeting_id: int
    created_at: dt.datetime
    starts_at: dt.datetime
    place: str | None
    version: int
    network: str = DEFAULT_NETWORK  # its name, in the file's summary, description and title


def build_calendar_file(
    meeting: CalendarMeeting, tz: ZoneInfo, lang: str, method: CalendarMethod, stamp: dt.datetime
) -> Message:
    """The meeting's `.ics` as a file part of a send: one UID per meeting, SEQUENCE = version - 1."""
    names = network_names(meeting.network, mrkdwn=False)  # plain text: a file, not mrkdwn
    entry = CalendarEntry(
        uid=meeting_uid(meeting.meeting_id, meeting.created_at),
        starts_at=meeting.starts_at,
        sequence=max(meeting.version - 1, 0),
        summary=t("attendance.calendar.summary", lang, **names),
        place=meeting.place,
        description=t("attendance.calendar.description", lang, **names),
    )
    when = format_when(meeting.starts_at, tz, lang)
    return file_message(
        FileUpload(
            filename=ics_filename(meeting.starts_at, tz),
            content=build_ics(entry, tz, method, stamp),
            title=t("attendance.calendar.title", lang, when=when, **names),
        )
    )
