"""The network's sammanställning: the answers marked Nätverket, grouped by organisation, for the
members expected at the meeting — as a DM, or in the members' channel as one parent message and
one thread reply per organisation.

Only `shared_answers` reads an answer for this surface, and it passes on Nätverket answers only:
an answer marked Bara samordnarna never reaches a member here. Pure (the load is the samordnare's
`load_checkin_summary`; a member with nothing shared is left out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from bot.checkin.summary import (
    CheckinSummary,
    MemberCheckin,
    OrganisationCheckins,
    checkin_themes,
    member_label,
    organisation_title,
    person_blocks,
    themes_blocks,
)
from bot.delivery.sends import REPLY_IN_THREAD
from bot.formatting import (
    continued_pages,
    format_when_for,
    sections,
)
from bot.texts import t
from storage.models import Visibility

Block = dict[str, Any]
Message = dict[str, Any]


@dataclass(frozen=True)
class SharedPerson:
    """One member's answers marked Nätverket: (question text key, answer) in question order;
    `label` is their name as shown, escaped ("Anna Ek (ersättare för Bertil Berg)")."""

    label: str
    answers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SharedOrganisation:
    """What one organisation's members share with the network; `name` None for no organisation."""

    name: str | None
    people: tuple[SharedPerson, ...]


def shared_answers(checkin: MemberCheckin) -> tuple[tuple[str, str], ...]:
    """The answers the member marked Nätverket (non-empty), with their question's text key."""
    return tuple(
        (key, answer)
        for key, answer, visibility in checkin.answers()
        if answer and visibility is Visibility.NETWORK
    )


def network_only(organisations: Sequence[OrganisationCheckins]) -> tuple[OrganisationCheckins, ...]:
    """The check-ins as the network may read them: answers marked Bara samordnarna left out, and
    members with nothing shared left out (for the members' themes and the minutes draft)."""
    kept_organisations = []
    for org in organisations:
        kept = []
        for checkin in org.checkins:
            shared = [
                answer if visibility is Visibility.NETWORK else None
                for _, answer, visibility in checkin.answers()
            ]
            if any(shared):
                kept.append(replace(checkin, occupying=shared[0] or "", changes=shared[1], support=shared[2]))
        if kept:
            kept_organisations.append(OrganisationCheckins(org.name, tuple(kept)))
    return tuple(kept_organisations)


def _themes(summary: CheckinSummary, lang: str) -> list[Block]:
    """The shared themes of what the network may read (none named from private answers)."""
    return themes_blocks(checkin_themes(network_only(summary.organisations)), lang)


def members_view(summary: CheckinSummary, lang: str = "sv") -> tuple[SharedOrganisation, ...]:
    """The organisations with something shared, in the summary's (Swedish) order."""
    organisations = []
    for org in summary.organisations:
        people = tuple(
            SharedPerson(member_label(c, lang), answers)
            for c in org.checkins
            if (answers := shared_answers(c))
        )
        if people:
            organisations.append(SharedOrganisation(org.name, people))
    return tuple(organisations)


def _organisation_blocks(org: SharedOrganisation, lang: str) -> list[Block]:
    blocks = sections(t("checkin.shared.organisation", lang, organisation=organisation_title(org.name, lang)))
    for person in org.people:
        blocks += person_blocks(
            person.label, ((f"_{t(key, lang)}_", answer) for key, answer in person.answers)
        )
    return blocks


def _header(when: str, lang: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": t("checkin.shared.header", lang, when=when)},
    }


def _paged(blocks: list[Block], when: str, lang: str, first: list[Block]) -> list[list[Block]]:
    return continued_pages(
        blocks,
        lambda part, parts: t("checkin.shared.continued", lang, when=when, part=part, parts=parts),
        first,
    )


def render_shared_dm(
    summary: CheckinSummary, tz: ZoneInfo, lang: str = "sv", now: dt.datetime | None = None
) -> list[Message]:
    """The network's sammanställning as DM messages (none when nobody shared anything)."""
    organisations = members_view(summary, lang)
    if not organisations:
        return []
    when = format_when_for(summary.starts_at, tz, lang, now)
    body: list[Block] = []
    for org in organisations:
        body.append({"type": "divider"})
        body += _organisation_blocks(org, lang)
    first = [_header(when, lang), *sections(t("checkin.shared.intro_dm", lang)), *_themes(summary, lang)]
    fallback = t("checkin.shared.fallback", lang, when=when)
    return [{"text": fallback, "blocks": page} for page in _paged(body, when, lang, first)]


def render_shared_channel(
    summary: CheckinSummary, tz: ZoneInfo, lang: str = "sv", now: dt.datetime | None = None
) -> list[Message]:
    """The network's sammanställning for the members' channel: a parent message, then one thread
    reply per organisation (more than one only when an organisation's answers outgrow a message)."""
    organisations = members_view(summary, lang)
    if not organisations:
        return []
    when = format_when_for(summary.starts_at, tz, lang, now)
    parent = [
        _header(when, lang),
        *sections(t("checkin.shared.intro_channel", lang)),
        *_themes(summary, lang),
    ]
    messages: list[Message] = [{"text": t("checkin.shared.fallback", lang, when=when), "blocks": parent}]
    for org in organisations:
        fallback = t(
            "checkin.shared.fallback_organisation",
            lang,
            organisation=organisation_title(org.name, lang),
            when=when,
        )
        for page in _paged(_organisation_blocks(org, lang), when, lang, []):
            messages.append({"text": fallback, "blocks": page, REPLY_IN_THREAD: True})
    return messages
