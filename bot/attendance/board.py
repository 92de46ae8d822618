"""The answers per organisation (kommer / kan inte / ersättare / inget svar) for the samordnare's
status, Home tab and sammanställning; and who a check-in by an ersättare stands for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.attendance.audience import M, invited_deputies, load_attendance
from bot.attendance.views import OrgAttendance
from bot.formatting import swedish_sort_key
from storage.members import (
    MemberIds,
    MemberRow,
    active_member_rows,
    active_members,
    member_by_user,
    members_by_user,
)
from storage.models import Member, RsvpAnswer
from storage.rsvps import rsvp_answers


def _name(member: Member | MemberRow) -> str:
    return member.name or member.slack_user_id


def organisation_attendance(session: Session, meeting_id: int) -> tuple[OrgAttendance, ...]:
    """Kommer / kan inte / ersättare / inget svar per organisation, among active members;
    nothing until someone has answered (the answers are news, a list of "inget svar" is not)."""
    if not rsvp_answers(session, meeting_id):
        return ()  # no answer at all: the members are not read
    members = active_member_rows(session)
    attendance = load_attendance(session, meeting_id, members)
    if not attendance.answers:
        return ()
    deputy_of = {m.id: uid for uid, m in attendance.deputies.items()}
    by_org: dict[str | None, OrgAttendance] = {}
    for member in members:
        org = member.organisation
        row = by_org.get(org) or OrgAttendance(org)
        answer = attendance.answers.get(member.id)
        if answer == RsvpAnswer.COMING:
            row = replace(row, coming=(*row.coming, _name(member)))
        elif answer == RsvpAnswer.NOT_COMING:
            row = replace(row, not_coming=(*row.not_coming, _name(member)))
        elif answer == RsvpAnswer.DEPUTY:
            uid = deputy_of[member.id]
            deputy = member_by_user(session, uid)
            shown = deputy.name if deputy is not None and deputy.name else uid
            row = replace(row, deputies=(*row.deputies, (shown, _name(member))))
        else:
            row = replace(row, unanswered=(*row.unanswered, _name(member)))
        by_org[org] = row
    return tuple(
        row for org, row in sorted(by_org.items(), key=lambda kv: (kv[0] is None, swedish_sort_key(kv[0])))
    )


def stand_ins(session: Session, meeting_id: int, members: list[M]) -> dict[int, M]:
    """{an ersättare's Member id: the active member they stand for} for a meeting whose
    ersättare were invited (their check-ins count for that member's organisation)."""
    attendance = load_attendance(session, meeting_id, members)
    invited = invited_deputies(session, meeting_id, attendance)
    return {m.id: attendance.deputies[m.slack_user_id] for m in members_by_user(session, invited)}


def not_coming_ids(session: Session, meeting_id: int, members: Sequence[MemberIds]) -> set[int]:
    """The active members who said they cannot come (not missing from the sammanställning)."""
    attendance = load_attendance(session, meeting_id, members)
    return {mid for mid, answer in attendance.answers.items() if answer == RsvpAnswer.NOT_COMING}


def expected_members(session: Session, meeting_id: int) -> list[Member]:
    """Those expected at the meeting as Member rows: active members not away, then the ersättare
    whose invitation arrived (who "Vill ni träffas igen?" asks)."""
    members = active_members(session)
    attendance = load_attendance(session, meeting_id, members)
    here = [m for m in members if not attendance.away(m.id)]
    return here + members_by_user(session, invited_deputies(session, meeting_id, attendance))
