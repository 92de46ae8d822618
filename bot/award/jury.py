"""What the jury reads: a round's nominations grouped by nominee, and who receives them.

Shown only to the organisers (the jury summary, the export); names, never mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.award.names import user_names
from bot.award.rounds import closed_text, jury_channel
from bot.award.web.labels import nominator_label
from bot.formatting import format_when
from bot.meeting.people import organiser_ids
from bot.runtime import Runtime
from storage import awards as store
from storage.members import members_by_user_id
from storage.models import AwardRound, Nomination


@dataclass(frozen=True)
class JuryEntry:
    """One nomination as the jury reads it."""

    nominator: str
    submitted: str  # already formatted, e.g. "torsdag 12 augusti 2027 kl. 14.03"
    partner: str | None
    motivation: str


@dataclass(frozen=True)
class JuryGroup:
    """Every nomination of one nominee."""

    nominee: str
    organisation: str | None
    entries: list[JuryEntry] = field(default_factory=list)
    key: str = ""  # Nomination.nominee_key: what "the same person" means
    user_id: str | None = None  # the nominee's Slack user id, if in Slack


@dataclass(frozen=True)
class JurySummary:
    """The jury's reading of a round: groups most-nominated first, and when nominations stopped."""

    groups: list[JuryGroup]
    year: int
    closed: str


@dataclass(frozen=True)
class NomineeGroups:
    """A round's active nominations grouped by nominee, with the names and organisations to show."""

    groups: list[list[Nomination]]  # by nominee_key, in order of each nominee's first nomination
    names: dict[str, str]  # nominees' and nominators' names by Slack user id
    organisations: dict[str, str]  # member organisation by Slack user id

    def nominee(self, nomination: Nomination) -> str:
        """The nominee's name: from Slack for a user, else as typed."""
        if nomination.nominee_user_id:
            return self.names[nomination.nominee_user_id]
        return nomination.nominee_name or ""


def nominee_groups(runtime: Runtime, session: Session, award_round: AwardRound) -> NomineeGroups:
    """What the jury summary and the export are made from (members loaded once for both)."""
    nominations = store.active_nominations(session, award_round.id)
    user_ids = {n.nominator_user_id for n in nominations if n.nominator_user_id} | {
        n.nominee_user_id for n in nominations if n.nominee_user_id
    }
    members = members_by_user_id(session, user_ids)
    by_key: dict[str, list[Nomination]] = {}
    for nomination in nominations:
        by_key.setdefault(nomination.nominee_key, []).append(nomination)
    return NomineeGroups(
        groups=list(by_key.values()),
        names=user_names(runtime, session, user_ids, members),
        organisations={uid: m.organisation.name for uid, m in members.items() if m.organisation is not None},
    )


def nominee_organisation(items: list[Nomination], organisations: dict[str, str]) -> str | None:
    """A nominee's organisation: as a nominator wrote it, else the member's organisation."""
    organisation = next((n.nominee_organisation for n in items if n.nominee_organisation), None)
    if organisation is None and items[0].nominee_user_id:
        organisation = organisations.get(items[0].nominee_user_id)
    return organisation


def jury_groups(runtime: Runtime, session: Session, award_round: AwardRound) -> list[JuryGroup]:
    """The round's active nominations grouped by nominee; most-nominated first, then by name."""
    grouped = nominee_groups(runtime, session, award_round)
    groups = []
    for items in grouped.groups:
        first = items[0]
        organisation = nominee_organisation(items, grouped.organisations)
        entries = [
            JuryEntry(
                nominator=nominator_label(n, grouped.names, runtime.lang),
                submitted=format_when(n.created_at, runtime.tz, runtime.lang),
                partner=n.partner,
                motivation=n.motivation,
            )
            for n in items
        ]
        groups.append(
            JuryGroup(
                nominee=grouped.nominee(first),
                organisation=organisation,
                entries=entries,
                key=first.nominee_key,
                user_id=first.nominee_user_id,
            )
        )
    return sorted(groups, key=lambda g: (-len(g.entries), g.nominee.casefold()))


def jury_summary(runtime: Runtime, session: Session, award_round: AwardRound) -> JurySummary:
    """Everything the jury summary shows for a round (bot/award/jury_views.build_jury_summary renders it)."""
    return JurySummary(
        groups=jury_groups(runtime, session, award_round),
        year=award_round.year,
        closed=closed_text(award_round, runtime),
    )


def jury_recipients(session: Session, runtime: Runtime, award_round: AwardRound) -> list[str]:
    """The round's jury channel, else the organisers' channel, else every organiser by DM."""
    channel = jury_channel(session, award_round)
    return [channel] if channel else organiser_ids(session, runtime.settings)
