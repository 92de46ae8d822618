"""The organisers' board as counts: how many members, who has checked in, who is missing, how
many a send ahead would reach, without reading every member (at 2,000 members, reading them
was most of the board's time). Grouped Core statements, each scoped to the session's network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Integer, String, and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import Session

from storage.ledger import PROBLEM_STATES, WAITING_STATES, is_person_or_channel
from storage.members import MemberRef, MemberRow, member_order
from storage.models import CheckIn, Delivery, DeliveryState, Member, Organisation
from storage.scope import network_params, network_sql


class OrganisationCount(NamedTuple):
    """One organisation's active members (organisation None: members without one)."""

    organisation_id: int | None
    organisation: str | None
    members: int
    checked_in: int  # checked in themselves
    done: int  # checked in, or their ersättare did
    missing: int  # not done and not "kan inte"


def _active() -> Any:
    return and_(Member.active.is_(True), Member.network_id == network_sql())


def _with_checkins(statement: Any) -> Any:
    """`statement` over the active members, each with their check-in for :meeting_id if any (a
    member has at most one: the outer join repeats no one)."""
    checkin = and_(
        CheckIn.member_id == Member.id,
        CheckIn.meeting_id == bindparam("meeting_id", type_=Integer),
        CheckIn.network_id == network_sql(),
    )
    return (
        statement.select_from(Member)
        .outerjoin(Organisation, Member.organisation_id == Organisation.id)
        .outerjoin(CheckIn, checkin)
        .where(_active())
    )


def _flag(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# Checked in themselves, or through their ersättare (:stood_for); missing: neither, nor in :cannot.
_CHECKED_IN = CheckIn.id.is_not(None)
_STOOD_FOR = Member.id.in_(bindparam("stood_for", expanding=True))
_MISSING = and_(
    CheckIn.id.is_(None),
    # Its own name: an empty list is written out differently for IN and NOT IN.
    Member.id.not_in(bindparam("not_stood_for", expanding=True)),
    Member.id.not_in(bindparam("cannot", expanding=True)),
)


@cache
def _counts() -> Any:
    """Built once (building a statement costs more than running it), bound per board. Grouped
    over the members' index, then the organisations' names joined to the groups."""
    columns = [func.count(), _flag(_CHECKED_IN), _flag(or_(_CHECKED_IN, _STOOD_FOR)), _flag(_MISSING)]
    checkin = and_(
        CheckIn.member_id == Member.id,
        CheckIn.meeting_id == bindparam("meeting_id", type_=Integer),
        CheckIn.network_id == network_sql(),
    )
    groups = (
        select(Member.organisation_id, *columns)
        .select_from(Member)
        .outerjoin(CheckIn, checkin)
        .where(_active())
        .group_by(Member.organisation_id)
        .subquery()
    )
    names = Organisation.id == groups.c.organisation_id
    return select(groups.c.organisation_id, Organisation.name, *list(groups.c)[1:]).outerjoin_from(
        groups, Organisation, names
    )


@cache
def _missing() -> Any:
    of_organisations = or_(
        bindparam("every_organisation", type_=Boolean),
        Member.organisation_id.in_(bindparam("organisations", expanding=True)),
        and_(bindparam("no_organisation", type_=Boolean), Member.organisation_id.is_(None)),
    )
    columns = (Member.id, Member.slack_user_id, Member.name, Member.organisation_id, Organisation.name)
    return _with_checkins(select(*columns)).where(_MISSING, of_organisations)


def _bound(
    session: Session, meeting_id: int | None, stood_for: Collection[int], cannot: Collection[int]
) -> dict[str, Any]:
    return {
        **network_params(session),
        "meeting_id": meeting_id,
        "stood_for": list(stood_for),
        "not_stood_for": list(stood_for),
        "cannot": list(cannot),
    }


def organisation_counts(
    session: Session, meeting_id: int | None, stood_for: Collection[int] = (), cannot: Collection[int] = ()
) -> list[OrganisationCount]:
    """Active members per organisation, and for a meeting how many checked in, are done (also
    through an ersättare: `stood_for`) and are missing (neither done nor in `cannot`; without a
    meeting, every member). One query."""
    rows = session.connection().execute(_counts(), _bound(session, meeting_id, stood_for, cannot))
    return [OrganisationCount(*row) for row in rows]


def missing_members(
    session: Session,
    meeting_id: int,
    stood_for: Collection[int],
    cannot: Collection[int],
    organisations: Iterable[int | None] | None = None,
) -> list[MemberRow]:
    """The active members missing from a meeting (as `organisation_counts` counts them), in the
    members' order; only those of `organisations` when given (None in it: without one)."""
    wanted = set(organisations) if organisations is not None else set()
    params = {
        **_bound(session, meeting_id, stood_for, cannot),
        "every_organisation": organisations is None,
        "organisations": [o for o in wanted if o is not None],
        "no_organisation": None in wanted,
    }
    rows = session.connection().execute(_missing(), params)
    return sorted((MemberRow(*row) for row in rows), key=member_order)


def active_members_among(session: Session, member_ids: Collection[int]) -> list[MemberRef]:
    """Those of `member_ids` who are active members (id and Slack user id)."""
    if not member_ids:
        return []
    rows = session.connection().execute(
        select(Member.id, Member.slack_user_id).where(_active(), Member.id.in_(list(member_ids))),
        network_params(session),
    )
    return [MemberRef(*row) for row in rows]


def checked_in_among(session: Session, meeting_id: int, member_ids: Collection[int]) -> set[int]:
    """Those of `member_ids` who have checked in for the meeting."""
    if not member_ids:
        return set()
    rows = session.connection().execute(
        select(CheckIn.member_id).where(
            CheckIn.network_id == network_sql(),
            CheckIn.meeting_id == meeting_id,
            CheckIn.member_id.in_(list(member_ids)),
        ),
        network_params(session),
    )
    return set(rows.scalars())


@cache
def _invited_not_checked_in() -> Any:
    invited = exists().where(
        Delivery.network_id == network_sql(),
        Delivery.send_key == bindparam("invitation", type_=String),
        Delivery.recipient == Member.slack_user_id,
        Delivery.state == DeliveryState.SENT,
        or_(Delivery.sent_at.is_(None), Delivery.sent_at <= bindparam("due_at", type_=Delivery.sent_at.type)),
    )
    away = Member.id.not_in(bindparam("away", expanding=True))
    return _with_checkins(select(func.count())).where(invited, CheckIn.id.is_(None), away)


def invited_not_checked_in(
    session: Session, meeting_id: int, invitation_key: str, due_at: dt.datetime, away: Collection[int]
) -> int:
    """How many active members got the invitation (`invitation_key`, sent by `due_at`, or with no
    time recorded) and have not checked in, leaving out `away`: a reminder's members."""
    params = {
        **network_params(session),
        "meeting_id": meeting_id,
        "invitation": invitation_key,
        "due_at": due_at,
        "away": list(away),
    }
    return int(session.connection().execute(_invited_not_checked_in(), params).scalar() or 0)


@cache
def _problems_and_waiting() -> Any:
    problem = and_(
        Delivery.state.in_(PROBLEM_STATES),
        or_(Delivery.due_at.is_(None), Delivery.due_at >= bindparam("since", type_=Delivery.due_at.type)),
        is_person_or_channel(),  # as ledger.problems_since
    )
    return select(_flag(problem), _flag(Delivery.state.in_(WAITING_STATES))).where(
        Delivery.network_id == network_sql(), Delivery.state.in_([*PROBLEM_STATES, *WAITING_STATES])
    )


def problems_and_waiting(session: Session, since: dt.datetime) -> tuple[int, int]:
    """How many rows `ledger.problems_since(since)` would list, and how many wait for another
    attempt or a check ('retry', 'unknown'): one statement, from the rows in those states."""
    params = {**network_params(session), "since": since}
    problems, waiting = session.connection().execute(_problems_and_waiting(), params).one()
    return int(problems), int(waiting)


@cache
def _without_final_row() -> Any:
    final = exists().where(
        Delivery.network_id == network_sql(),
        Delivery.send_key == bindparam("send_key", type_=String),
        Delivery.recipient == Member.slack_user_id,
        Delivery.state.not_in(bindparam("pending", expanding=True)),
    )
    return select(func.count()).select_from(Member).where(_active(), ~final)


def members_without_final_row(session: Session, send_key: str, pending: Collection[str]) -> int:
    """How many active members a send to every member still has to reach: no row for them, or
    one in a `pending` state (queued, waiting for a retry or a check)."""
    params = {**network_params(session), "send_key": send_key, "pending": [str(p) for p in pending]}
    return int(session.connection().execute(_without_final_row(), params).scalar() or 0)
