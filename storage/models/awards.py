"""Guldlänken: the yearly rounds, their nominations and web form hits, and the winners."""

from __future__ import annotations

import datetime as dt
import enum
import secrets

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime, aware, created, intpk, one_of, updated
from storage.scope import NetworkScoped


class RoundStatus(enum.StrEnum):
    """An award round is 'open' until its jury summary is out (or will never go out), then 'closed'."""

    OPEN = "open"
    CLOSED = "closed"


def new_web_token() -> str:
    """A long random token for a round's web form link (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


class AwardRound(NetworkScoped, Base):
    """A yearly Guldlänken round."""

    __tablename__ = "award_rounds"
    __table_args__ = (
        UniqueConstraint("network_id", "year", name="uq_award_rounds_network_year"),
        CheckConstraint(one_of("status", RoundStatus), name="status"),
        # One open round at a time in each network.
        Index(
            "uq_award_rounds_network_one_open",
            "network_id",
            "status",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(Integer)
    # Inclusive: nominations are taken until 23:59 local time on this date.
    deadline: Mapped[dt.date] = mapped_column(Date)
    announcement_channel: Mapped[str | None] = mapped_column(String(32))
    jury_channel: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=RoundStatus.OPEN)
    opened_by: Mapped[str | None] = mapped_column(String(32))
    opened_at: Mapped[created]
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[updated]
    # The secret part of the round's web form link (/guldlanken/<web_token>).
    web_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_web_token)

    nominations: Mapped[list[Nomination]] = relationship(back_populates="round")


class NominationSource(enum.StrEnum):
    """Where a nomination came from: the Slack modal or the public web form."""

    SLACK = "slack"
    WEB = "web"


class Nomination(NetworkScoped, Base):
    """A confidential Guldlänken nomination: seen by its nominator and the organisers only."""

    __tablename__ = "nominations"
    __table_args__ = (
        CheckConstraint(
            "(nominee_user_id IS NOT NULL AND nominee_name IS NULL)"
            " OR (nominee_user_id IS NULL AND nominee_name IS NOT NULL)",
            name="one_nominee",
        ),
        CheckConstraint("source IN ('slack', 'web')", name="source"),
        # A Slack nomination names its nominator by user id; a web one by name and e-mail.
        CheckConstraint(
            "(source = 'slack' AND nominator_user_id IS NOT NULL)"
            " OR (source = 'web' AND nominator_name IS NOT NULL AND nominator_email IS NOT NULL)",
            name="nominator",
        ),
        # The same nominator nominates the same person once per round (withdrawn ones aside).
        Index(
            "uq_nominations_round_nominator_nominee",
            "round_id",
            "nominator_user_id",
            "nominee_key",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(ForeignKey("award_rounds.id", ondelete="CASCADE"))
    # None for a nomination from the web form (see `source`).
    nominator_user_id: Mapped[str | None] = mapped_column(String(32))
    nominee_user_id: Mapped[str | None] = mapped_column(String(32))
    nominee_name: Mapped[str | None] = mapped_column(String(200))
    nominee_organisation: Mapped[str | None] = mapped_column(String(200))
    # The user id, or the case-folded free-text name: what "the same person" means.
    nominee_key: Mapped[str] = mapped_column(String(200))
    # A second person or a team, when a collaboration is nominated.
    partner: Mapped[str | None] = mapped_column(String(300))
    motivation: Mapped[str] = mapped_column(Text)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[created]
    updated_at: Mapped[updated]
    source: Mapped[str] = mapped_column(
        String(8), default=NominationSource.SLACK.value, server_default="slack"
    )
    # Who nominated through the web form (shown to the jury only).
    nominator_name: Mapped[str | None] = mapped_column(String(200))
    nominator_email: Mapped[str | None] = mapped_column(String(320))

    round: Mapped[AwardRound] = relationship(back_populates="nominations")


class WebFormHit(NetworkScoped, Base):
    """One POST to a round's web form, kept an hour or so for the rate limit (all processes agree)."""

    __tablename__ = "web_form_hits"
    __table_args__ = (Index("ix_web_form_hits_round_at", "round_id", "created_at"),)

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(ForeignKey("award_rounds.id", ondelete="CASCADE"))
    # A keyed hash of the client's address, never the address itself.
    address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[aware]


class AwardWinner(NetworkScoped, Base):
    """A Guldlänken winner: decided in a round (announced at `announce_at`) or added by hand.

    A round's winners share the citation and the announcement time; winners of earlier years
    added by hand have no round and count as announced when added. Only announced winners
    are shown (`/guldlanken vinnare`, the next round's announcement).
    """

    __tablename__ = "award_winners"
    __table_args__ = (
        # The same nominee wins a round once.
        UniqueConstraint("round_id", "nominee_key", name="uq_award_winners_round_nominee"),
        CheckConstraint("round_id IS NULL OR announce_at IS NOT NULL", name="round_announce_at"),
        Index("ix_award_winners_year", "year"),
    )

    id: Mapped[intpk]
    round_id: Mapped[int | None] = mapped_column(ForeignKey("award_rounds.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    # Nomination.nominee_key of a round's winner (the user id or the case-folded name).
    nominee_key: Mapped[str | None] = mapped_column(String(200))
    nominee_user_id: Mapped[str | None] = mapped_column(String(32))
    # The name as shown: from Slack when the decision was made, or as typed.
    nominee_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    citation: Mapped[str | None] = mapped_column(Text)
    announce_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When the announcement went out (for winners added by hand: when they were added).
    announced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    added_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[created]
    updated_at: Mapped[updated]


# Retention deletes by these, in batches (storage/privacy.py).
Index("ix_award_rounds_closed_at", AwardRound.__table__.c.closed_at)
Index("ix_nominations_round_id", Nomination.__table__.c.round_id)
