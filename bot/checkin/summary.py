"""The check-in summary: stored check-ins -> readable messages for the organisers' channel.

`load_checkin_summary` reads; `render_checkin_summary` is pure (data -> chat.postMessage kwargs);
`post_checkin_summary` does both and posts. The organisers' `sammanfattning` command and the
scheduler's deadline summary go through the same load + render.

People are named in plain text, never as `<@U…>` mentions: a summary shared in a channel must
not notify everyone it names, and names are escaped like every other piece of user text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.attendance.board import not_coming_ids, organisation_attendance, stand_ins
from bot.attendance.views import OrgAttendance, attendance_paragraph, deputy_label
from bot.formatting import (
    continued_pages,
    escape,
    format_when,
    sections,
    swedish_sort_key,
)
from bot.insights.themes import Theme, common_themes
from bot.runtime import Runtime
from bot.texts import t
from storage.checkins import checkins_for_meeting, visibility_of
from storage.db import transaction
from storage.meetings import find_meeting, next_meeting
from storage.members import active_members
from storage.models import Member, Visibility

Block = dict[str, Any]
Message = dict[str, Any]


@dataclass(frozen=True)
class MemberCheckin:
    """One member's answers, as they wrote them (escaped only when rendered)."""

    name: str
    occupying: str
    changes: str | None
    support: str | None
    stands_for: str | None = None  # the member an ersättare came for ("ersättare för …")
    # Who reads each answer, in question order (Nätverket unless the member chose otherwise).
    visibility: tuple[Visibility, Visibility, Visibility] = (Visibility.NETWORK,) * 3

    def answers(self) -> tuple[tuple[str, str | None, Visibility], ...]:
        """(question text key, answer, who reads it) for the three questions, in order."""
        return tuple(
            zip(
                ("checkin.question.occupying", "checkin.question.changes", "checkin.question.support"),
                (self.occupying, self.changes, self.support),
                self.visibility,
                strict=True,
            )
        )


@dataclass(frozen=True)
class OrganisationCheckins:
    """The check-ins of one organisation's members; `name` None for members without one."""

    name: str | None
    checkins: tuple[MemberCheckin, ...]


@dataclass(frozen=True)
class CheckinSummary:
    """Everything the summary shows: the meeting, the answers by organisation, who is missing."""

    meeting_id: int
    starts_at: dt.datetime
    place: str | None
    organisations: tuple[OrganisationCheckins, ...]
    missing: tuple[str, ...]  # names of those expected (members, ersättare) without a check-in
    attendance: tuple[OrgAttendance, ...] = ()  # answers to the invitation, per organisation

    @property
    def checked_in(self) -> int:
        """How many active members have checked in."""
        return sum(len(org.checkins) for org in self.organisations)

    @property
    def expected(self) -> int:
        """How many active members there are."""
        return self.checked_in + len(self.missing)


# ---------------------------------------------------------------- loading


def _name(member: Member) -> str:
    return member.name or member.slack_user_id


def load_checkin_summary(session: Session, meeting_id: int) -> CheckinSummary:
    """The summary of a meeting's check-ins; only active members count (and are listed).

    Raises LookupError when the meeting does not exist.
    """
    meeting = find_meeting(session, meeting_id)
    if meeting is None:
        raise LookupError(f"no meeting {meeting_id}")
    members = active_members(session)
    active_ids = {m.id for m in members}
    # Närvaro: an ersättare's check-in stands for the member who sent them.
    stood_for = stand_ins(session, meeting_id, members)
    by_org: dict[str | None, list[MemberCheckin]] = {}
    done: set[int] = set()
    for checkin in checkins_for_meeting(session, meeting_id):
        member = checkin.member
        represented = stood_for.get(member.id)
        if member.id not in active_ids and represented is None:
            continue  # someone removed from the network since: not at the meeting
        shown = represented or member
        done.add(shown.id)
        org = shown.organisation.name if shown.organisation else None
        by_org.setdefault(org, []).append(
            MemberCheckin(
                _name(member),
                checkin.occupying,
                checkin.changes,
                checkin.support,
                _name(represented) if represented is not None else None,
                visibility_of(checkin),
            )
        )
    organisations = tuple(
        OrganisationCheckins(org, tuple(sorted(items, key=lambda c: swedish_sort_key(c.name))))
        for org, items in sorted(by_org.items(), key=lambda kv: (kv[0] is None, swedish_sort_key(kv[0])))
    )
    # Who said they cannot come is not missing; for who sent an ersättare, the check-in is.
    cannot = not_coming_ids(session, meeting_id, members)
    missing = tuple(_name(m) for m in members if m.id not in done and m.id not in cannot)
    attendance = organisation_attendance(session, meeting_id)
    return CheckinSummary(meeting.id, meeting.starts_at, meeting.place, organisations, missing, attendance)


def load_next_checkin_summary(session: Session, now: dt.datetime) -> CheckinSummary | None:
    """The summary for the next planned meeting, or None when none is planned."""
    meeting = next_meeting(session, now)
    return None if meeting is None else load_checkin_summary(session, meeting.id)


# ---------------------------------------------------------------- themes (pure)


def checkin_themes(organisations: Sequence[OrganisationCheckins], limit: int = 10) -> list[Theme]:
    """Gemensamma teman of a meeting's check-ins: what two or more organisations write about.

    Members without an organisation are no organisation of their own, so they name no theme.
    """
    answers = {
        org.name: [text for c in org.checkins for text in (c.occupying, c.changes, c.support) if text]
        for org in organisations
        if org.name
    }
    return common_themes(answers, limit)


def themes_blocks(themes: Sequence[Theme], lang: str) -> list[Block]:
    """The sammanställning's opening: the shared themes with the organisations that named them."""
    if not themes:
        return []
    items = [
        "• "
        + t(
            "insights.themes.item",
            lang,
            theme=f"*{escape(theme.text)}*",
            organisations=", ".join(escape(o) for o in theme.organisations),
        )
        for theme in themes
    ]
    return sections(f"*{t('insights.themes.heading', lang)}*\n" + "\n".join(items))


# ---------------------------------------------------------------- rendering (pure)


def member_label(checkin: MemberCheckin, lang: str) -> str:
    """The member's name as shown, escaped: "Anna Ek", or "Anna Ek (ersättare för Bertil Berg)"."""
    if checkin.stands_for is None:
        return escape(checkin.name)
    return deputy_label(checkin.name, checkin.stands_for, lang)


def organisation_title(name: str | None, lang: str) -> str:
    """An organisation's name as shown, escaped, or the words for members without one."""
    return escape(name) if name else t("checkin.summary.no_organisation", lang)


def person_blocks(label: str, answers: Iterable[tuple[str, str]]) -> list[Block]:
    """One person's answers, for the samordnare and for the network alike: `label` in bold, then
    each (question heading in mrkdwn, answer) with the answer escaped."""
    lines = [f"*{label}*", *(f"{heading}\n{escape(answer)}" for heading, answer in answers)]
    return sections("\n".join(lines))


def _member_blocks(checkin: MemberCheckin, lang: str) -> list[Block]:
    organisers_only = f" {t('checkin.summary.organisers_only', lang)}"
    answers = (
        (f"_{t(key, lang)}_{organisers_only if visibility is Visibility.ORGANISERS else ''}", answer)
        for key, answer, visibility in checkin.answers()
        if answer
    )
    return person_blocks(member_label(checkin, lang), answers)


def _body_blocks(summary: CheckinSummary, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for org in summary.organisations:
        blocks.append({"type": "divider"})
        blocks += sections(f":office: *{organisation_title(org.name, lang)}*")
        for checkin in org.checkins:
            blocks += _member_blocks(checkin, lang)
    blocks.append({"type": "divider"})
    if summary.missing:
        names = ", ".join(escape(name) for name in summary.missing)
        blocks += sections(t("checkin.summary.missing", lang, names=names))
    else:
        blocks += sections(t("checkin.summary.all_done", lang))
    return blocks


def _head_blocks(summary: CheckinSummary, when: str, lang: str) -> list[Block]:
    themes = checkin_themes(summary.organisations)
    place = escape(summary.place) if summary.place else t("no_place", lang)
    count = t("checkin.summary.count", lang, done=summary.checked_in, total=summary.expected)
    if summary.checked_in == 0:
        count += " " + t("checkin.summary.nobody", lang)
    return [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": t("checkin.summary.header", lang, when=when)},
        },
        *sections(t("checkin.summary.place", lang, place=place)),
        *themes_blocks(themes, lang),
        *sections(count),
        *_attendance_blocks(summary, lang),
    ]


def _attendance_blocks(summary: CheckinSummary, lang: str) -> list[Block]:
    paragraph = attendance_paragraph(summary.attendance, lang)
    return sections(paragraph) if paragraph else []


def render_checkin_summary(summary: CheckinSummary, tz: ZoneInfo, lang: str = "sv") -> list[Message]:
    """The summary as chat.postMessage kwargs (`text` + `blocks`), split over as many messages as
    Slack's limits need (50 blocks each, 3000 characters per section), nothing left out."""
    when = format_when(summary.starts_at, tz, lang)
    marked = continued_pages(
        _head_blocks(summary, when, lang) + _body_blocks(summary, lang),
        lambda part, total: t("checkin.summary.continued", lang, when=when, part=part, parts=total),
    )
    parts = len(marked)
    messages: list[Message] = []
    for number, blocks in enumerate(marked, start=1):
        if number == 1:
            text = t(
                "checkin.summary.fallback", lang, when=when, done=summary.checked_in, total=summary.expected
            )
        else:
            text = t("checkin.summary.fallback_part", lang, when=when, part=number, parts=parts)
        messages.append({"text": text, "blocks": blocks})
    return messages


# ---------------------------------------------------------------- posting


def post_checkin_summary(runtime: Runtime, meeting_id: int, channel: str) -> int:
    """Post a meeting's check-in summary to `channel`, in order; returns how many messages went.

    Slack errors propagate (after the client's own retries of 429s and 5xx): a caller that must
    answer a person catches them. Raises LookupError when the meeting does not exist.
    """
    with transaction(runtime.sessions) as session:
        summary = load_checkin_summary(session, meeting_id)
    messages = render_checkin_summary(summary, runtime.tz, runtime.lang)
    for message in messages:
        runtime.client.chat_postMessage(channel=channel, **message)
    return len(messages)
