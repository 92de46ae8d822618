"""Rows for the privacy tests: a person with something in every table that points at people,
and a bystander whose rows must survive everything done to the person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session

from storage.models import (
    AwardRound,
    Base,
    CheckIn,
    Delivery,
    DeliveryState,
    Meeting,
    Member,
    Nomination,
    Organisation,
    PulseAnswer,
    Rsvp,
)

UTC = dt.UTC
PERSON = "U0PETRA"
BYSTANDER = "U0OLLE"
# Texts only the person wrote (or that name them): none may survive `glöm`.
PERSON_TEXTS = (
    "Petra Persson",
    "PETRA-CHECKIN-OLD",
    "PETRA-CHECKIN-NEW",
    "PETRA-CHANGES",
    "PETRA-PULSE-COMMENT",
    "PETRA-MOTIVATION",
)
ABOUT_PERSON = "OLLE-ABOUT-PETRA"  # a nomination *of* the person, written by the bystander
BYSTANDER_TEXTS = ("OLLE-CHECKIN", "OLLE-PULSE-COMMENT", ABOUT_PERSON)
OLD_MEETING = dt.datetime(2024, 3, 14, 12, 0, tzinfo=UTC)
NEW_MEETING = dt.datetime(2027, 3, 11, 12, 0, tzinfo=UTC)
OLD_ROUND_CLOSED = dt.datetime(2024, 9, 10, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Arranged:
    old_meeting: int
    new_meeting: int
    round_id: int


def _member(session: Session, user_id: str, name: str, organisation: str) -> Member:
    org = session.scalar(select(Organisation).where(Organisation.name == organisation))
    member = Member(
        slack_user_id=user_id,
        name=name,
        organisation=org or Organisation(name=organisation),
        active=True,
    )
    session.add(member)
    session.flush()
    return member


def arrange(session: Session) -> Arranged:
    """The person and the bystander, an old and a new meeting, an old closed Guldlänken round."""
    petra = _member(session, PERSON, "Petra Persson", "Region Skåne")
    olle = _member(session, BYSTANDER, "Olle Olsson", "Region Skåne")
    old = Meeting(starts_at=OLD_MEETING, place="Malmö", created_by=PERSON)
    new = Meeting(starts_at=NEW_MEETING, place="Lund", created_by=BYSTANDER)
    session.add_all([old, new])
    session.flush()
    session.add_all(
        [
            CheckIn(
                meeting_id=old.id, member_id=petra.id, occupying="PETRA-CHECKIN-OLD", changes="PETRA-CHANGES"
            ),
            CheckIn(meeting_id=new.id, member_id=petra.id, occupying="PETRA-CHECKIN-NEW"),
            CheckIn(meeting_id=old.id, member_id=olle.id, occupying="OLLE-CHECKIN"),
            PulseAnswer(meeting_id=old.id, member_id=petra.id, answer="yes", comment="PETRA-PULSE-COMMENT"),
            PulseAnswer(meeting_id=old.id, member_id=olle.id, answer="no", comment="OLLE-PULSE-COMMENT"),
            Rsvp(meeting_id=old.id, member_id=petra.id, answer="coming"),
            # The person came as the bystander's ersättare once.
            Rsvp(meeting_id=new.id, member_id=olle.id, answer="deputy", deputy_user_id=PERSON),
        ]
    )
    award_round = AwardRound(
        year=2024, deadline=dt.date(2024, 9, 1), status="closed", closed_at=OLD_ROUND_CLOSED, opened_by=PERSON
    )
    session.add(award_round)
    session.flush()
    session.add_all(
        [
            Nomination(
                round_id=award_round.id,
                nominator_user_id=PERSON,
                nominee_user_id=BYSTANDER,
                nominee_key=BYSTANDER,
                motivation="PETRA-MOTIVATION",
            ),
            Nomination(
                round_id=award_round.id,
                nominator_user_id=BYSTANDER,
                nominee_user_id=PERSON,
                nominee_key=PERSON,
                motivation=ABOUT_PERSON,
            ),
        ]
    )
    for user_id, channel in ((PERSON, "D0PETRA"), (BYSTANDER, "D0OLLE")):
        session.add(
            Delivery(
                send_key=f"meeting:{old.id}:invitation",
                recipient=user_id,
                kind="invitation",
                state=DeliveryState.SENT,
                due_at=OLD_MEETING - dt.timedelta(days=21),
                slack_channel=channel,
                slack_ts="1700000000.000100",
            )
        )
    session.flush()
    return Arranged(old.id, new.id, award_round.id)


def text_hits(session: Session, needle: str) -> list[str]:
    """Every table.column (of every table in Base.metadata) whose text holds `needle`."""
    hits = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | Text):
                continue
            found = session.execute(
                select(column).where(column.contains(needle, autoescape=True)).limit(1)
            ).first()
            if found is not None:
                hits.append(f"{table.name}.{column.name}")
    return hits
