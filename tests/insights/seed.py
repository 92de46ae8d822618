"""Made-up history for the insights tests and the benchmark: meetings, members, invitations,
RSVPs, check-ins and pulse answers, inserted in bulk (seeded, so the numbers are known)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.models import CheckIn, Delivery, DeliveryState, Meeting, Member, Organisation, PulseAnswer, Rsvp

TZ = ZoneInfo("Europe/Stockholm")
ORGANISATIONS = ["Malmö stad", "Region Skåne", "Försäkringskassan", "Arbetsförmedlingen", "Lunds kommun"]


def seed_history(
    session: Session,
    meetings: int,
    members: int,
    first: dt.date = dt.date(2023, 1, 12),
    organisations: list[str] | None = None,
    seed: int = 7,
    prefix: str = "U",
) -> list[int]:
    """`meetings` held meetings a month apart from `first` (13.00), `members` active members over
    the organisations; every member is invited, ~80 % say they come, ~90 % of those check in, and
    those who came answer the pulse (mostly yes). Returns the meeting ids, oldest first."""
    rng = random.Random(seed)
    names = organisations or ORGANISATIONS
    orgs = [Organisation(name=n) for n in names]
    session.add_all(orgs)
    session.flush()
    people = [
        Member(
            slack_user_id=f"{prefix}{i:07d}",
            name=f"Person {i}",
            organisation_id=orgs[i % len(orgs)].id,
            active=True,
        )
        for i in range(members)
    ]
    session.add_all(people)
    session.flush()
    ids: list[int] = []
    for n in range(meetings):
        month = first.month - 1 + n
        day = dt.date(first.year + month // 12, month % 12 + 1, min(first.day, 28))
        meeting = Meeting(starts_at=dt.datetime.combine(day, dt.time(13), tzinfo=TZ), place="Stadshuset")
        session.add(meeting)
        session.flush()
        ids.append(meeting.id)
        invitations, rsvps, checkins, pulses = [], [], [], []
        for person in people:
            invitations.append(
                {
                    "send_key": f"meeting:{meeting.id}:invitation",
                    "recipient": person.slack_user_id,
                    "kind": "invitation",
                    "state": DeliveryState.SENT,
                }
            )
            if rng.random() < 0.8:
                rsvps.append({"meeting_id": meeting.id, "member_id": person.id, "answer": "coming"})
                if rng.random() < 0.9:
                    checkins.append(
                        {
                            "meeting_id": meeting.id,
                            "member_id": person.id,
                            "occupying": "Omställningen tar tid.",
                        }
                    )
                pulses.append(
                    {
                        "meeting_id": meeting.id,
                        "member_id": person.id,
                        "answer": "yes" if rng.random() < 0.9 else "no",
                    }
                )
            else:
                rsvps.append({"meeting_id": meeting.id, "member_id": person.id, "answer": "not_coming"})
        for model, rows in (
            (Delivery, invitations),
            (Rsvp, rsvps),
            (CheckIn, checkins),
            (PulseAnswer, pulses),
        ):
            if rows:
                session.execute(insert(model), rows)
    session.flush()
    return ids
