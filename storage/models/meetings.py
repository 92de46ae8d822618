"""Meetings and what members answer about them: check-ins, RSVPs and the pulse after."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime, aware, created, intpk, one_of, updated
from storage.models.networks import Member
from storage.scope import NetworkScoped


class MeetingStatus(enum.StrEnum):
    """A meeting is planned until it is cancelled (stored as these strings)."""

    PLANNED = "planned"
    CANCELLED = "cancelled"


class Meeting(NetworkScoped, Base):
    """One of the network's meetings."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(one_of("status", MeetingStatus), name="status"),
        # One meeting per start time and network, among those not cancelled.
        Index(
            "uq_meetings_network_starts_at_planned",
            "network_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status = 'planned'"),
            postgresql_where=text("status = 'planned'"),
        ),
    )

    id: Mapped[intpk]
    starts_at: Mapped[aware]
    place: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.PLANNED.value)
    # Bumped on every move, so sends can tell which plan they belonged to.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str | None] = mapped_column(String(32))
    # When a samordnare planned it, by the app's clock (what a save-the-date is timed from);
    # None for meetings that came about otherwise.
    planned_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[created]
    updated_at: Mapped[updated]

    checkins: Mapped[list[CheckIn]] = relationship(back_populates="meeting")


class Visibility(enum.StrEnum):
    """Who reads one check-in answer: the network (members and samordnare) or the samordnare only."""

    NETWORK = "network"
    ORGANISERS = "organisers"


VISIBILITY_COLUMNS = ("occupying_visibility", "changes_visibility", "support_visibility")


def _visibility() -> Any:
    return mapped_column(
        String(16), default=Visibility.NETWORK.value, server_default=Visibility.NETWORK.value
    )


class CheckIn(NetworkScoped, Base):
    """A member's answers to "Vad upptar min tid?" for one meeting."""

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", name="uq_checkins_meeting_member"),
        *(CheckConstraint(one_of(column, Visibility), name=column) for column in VISIBILITY_COLUMNS),
    )

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    occupying: Mapped[str] = mapped_column(Text)
    changes: Mapped[str | None] = mapped_column(Text)
    support: Mapped[str | None] = mapped_column(Text)
    # A later DM reply that differs from `occupying`, kept until the member says what to do with it.
    pending_occupying: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created]
    updated_at: Mapped[updated]
    # Who reads each answer (a Visibility value); Nätverket unless the member chose otherwise.
    occupying_visibility: Mapped[str] = _visibility()
    changes_visibility: Mapped[str] = _visibility()
    support_visibility: Mapped[str] = _visibility()

    meeting: Mapped[Meeting] = relationship(back_populates="checkins")
    member: Mapped[Member] = relationship()


class PulseChoice(enum.StrEnum):
    """The answer to "Vill ni träffas igen?": Ja or Nej (stored as these strings)."""

    YES = "yes"
    NO = "no"


class PulseAnswer(NetworkScoped, Base):
    """A member's answer to "Vill ni träffas igen?" after a meeting."""

    __tablename__ = "pulse_answers"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", name="uq_pulse_answers_meeting_member"),
        CheckConstraint(one_of("answer", PulseChoice) + " OR answer IS NULL", name="answer"),
    )

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    answer: Mapped[str | None] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created]
    updated_at: Mapped[updated]

    member: Mapped[Member] = relationship()


class RsvpAnswer(enum.StrEnum):
    """A member's answer to the invitation (the values are stored)."""

    COMING = "coming"
    NOT_COMING = "not_coming"
    DEPUTY = "deputy"  # an ersättare comes in the member's place


class Rsvp(NetworkScoped, Base):
    """A member's answer to a meeting's invitation: coming, not coming, or sending an ersättare.

    The ersättare is a Slack user (`deputy_user_id`) with a Member row of their own (inactive
    unless they are a member), so their check-in and pulse answer have a member to belong to;
    this row says whom they stand for. One ersättare stands for one member per meeting.
    """

    __tablename__ = "rsvps"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", name="uq_rsvps_meeting_member"),
        CheckConstraint(one_of("answer", RsvpAnswer), name="answer"),
        CheckConstraint(
            "(answer = 'deputy' AND deputy_user_id IS NOT NULL) OR (answer <> 'deputy' AND deputy_user_id IS NULL)",
            name="deputy",
        ),
        Index(
            "uq_rsvps_meeting_deputy",
            "meeting_id",
            "deputy_user_id",
            unique=True,
            sqlite_where=text("deputy_user_id IS NOT NULL"),
            postgresql_where=text("deputy_user_id IS NOT NULL"),
        ),
    )

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(String(16))
    deputy_user_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[created]
    updated_at: Mapped[updated]

    member: Mapped[Member] = relationship()


# Retention deletes by this date, in batches (storage/privacy.py).
Index("ix_meetings_starts_at", Meeting.__table__.c.starts_at)
