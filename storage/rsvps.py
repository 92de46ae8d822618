"""Answers to invitations (`rsvps`): coming, not coming, or an ersättare in the member's place."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from storage.members import member_by_user, remembered
from storage.models import Member, Rsvp, RsvpAnswer
from storage.scope import network_params, network_sql


def rsvp_for(session: Session, meeting_id: int, member_id: int) -> Rsvp | None:
    """A member's answer to a meeting's invitation, if they have answered."""
    return session.scalar(select(Rsvp).where(Rsvp.meeting_id == meeting_id, Rsvp.member_id == member_id))


def rsvps_for_meeting(session: Session, meeting_id: int) -> list[Rsvp]:
    """Every answer to a meeting's invitation, with the member and organisation loaded."""
    return list(
        session.scalars(
            select(Rsvp)
            .where(Rsvp.meeting_id == meeting_id)
            .options(selectinload(Rsvp.member).selectinload(Member.organisation))
            .order_by(Rsvp.id)
        )
    )


class AnswerRow(NamedTuple):
    """An answer as an audience needs it: three columns, not an ORM object."""

    member_id: int
    answer: str
    deputy_user_id: str | None


def rsvp_answers(session: Session, meeting_id: int) -> list[AnswerRow]:
    """Every answer to a meeting's invitation as columns (the scheduler's and the board's audiences)."""

    def load() -> list[AnswerRow]:
        if session.new or session.dirty or session.deleted:
            session.flush()  # what the ORM's autoflush would do before a query: Core does not
        params = {**network_params(session), "meeting_id": meeting_id}
        return [AnswerRow(*row) for row in session.connection().execute(_ANSWERS, params)]

    return remembered(session, ("rsvp_answers", meeting_id), load)  # the board asks seven times


# Built once, bound per call (Core: it names the session's network itself).
_ANSWERS = (
    select(Rsvp.member_id, Rsvp.answer, Rsvp.deputy_user_id)
    .where(Rsvp.network_id == network_sql(), Rsvp.meeting_id == bindparam("meeting_id"))
    .order_by(Rsvp.id)
)


def deputy_rsvp(session: Session, meeting_id: int, deputy_user_id: str) -> Rsvp | None:
    """The answer that names `deputy_user_id` as ersättare for the meeting, if any."""
    return session.scalar(
        select(Rsvp)
        .where(Rsvp.meeting_id == meeting_id, Rsvp.deputy_user_id == deputy_user_id)
        .options(selectinload(Rsvp.member).selectinload(Member.organisation))
    )


def set_rsvp(
    session: Session,
    meeting_id: int,
    member_id: int,
    answer: RsvpAnswer,
    deputy_user_id: str | None,
    now: dt.datetime,
) -> Rsvp:
    """Store (or replace) a member's answer; the unique constraints refuse a race's duplicate."""
    row = rsvp_for(session, meeting_id, member_id)
    if row is None:
        row = Rsvp(meeting_id=meeting_id, member_id=member_id, created_at=now)
        session.add(row)
    row.answer = answer
    row.deputy_user_id = deputy_user_id
    row.updated_at = now
    session.flush()
    return row


def deputy_member(session: Session, user_id: str, organisation_id: int | None) -> Member:
    """The Member row an ersättare's check-in belongs to: theirs if the app knows them, else a new
    inactive row in the organisation they stand for (inactive: never invited to other meetings)."""
    member = member_by_user(session, user_id)
    if member is None:
        member = Member(slack_user_id=user_id, active=False, organisation_id=organisation_id)
        session.add(member)
        session.flush()
    return member
