"""Typed SQLAlchemy 2.0 models. Constraints live here, in the schema, not only in Python."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.scope import NetworkScoped


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC, so SQLite and PostgreSQL compare the same way."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    """Now, aware, in UTC (the default for created/updated columns)."""
    return dt.datetime.now(dt.UTC)


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
slack_id = Annotated[str, mapped_column(String(32))]
created = Annotated[dt.datetime, mapped_column(UTCDateTime, default=utcnow)]
updated = Annotated[dt.datetime, mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)]
aware = Annotated[dt.datetime, mapped_column(UTCDateTime)]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints predictably."""

    metadata = MetaData(naming_convention=NAMING)


class Network(Base):
    """A network (Chefsnätverket, Guldlänken, ...): its workspace, channels and timeline policy.
    Every NetworkScoped row belongs to one (storage/scope.py)."""

    __tablename__ = "network"
    # A workspace's networks have different names (a NULL team is the single-token workspace).
    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_network_team_name"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), default="Chefsnätverket")
    # The Slack workspace the network lives in; None for a deployment with one bot token.
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)
    organisers_channel: Mapped[str | None] = mapped_column(String(32))
    announcement_channel: Mapped[str | None] = mapped_column(String(32))
    # Overrides of the default timeline (offsets and times of day); None means the defaults.
    policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # "Vill ni träffas igen?": the summary shows counts and comments without names (issue 10).
    anonymous_pulse: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Bumped by every UPDATE of this row (below), so a process that cached the
    # policy or settings knows, from one integer, that another process changed them.
    settings_version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    created_at: Mapped[created]
    updated_at: Mapped[updated]
    # Where the members' sammanställning goes: a channel (one thread reply per organisation),
    # or, when None, a DM to each member expected at the meeting.
    members_channel: Mapped[str | None] = mapped_column(String(32))
    # Whether the members get the network's sammanställning at all (the samordnare may turn it off).
    share_checkins: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


@event.listens_for(Network, "before_update")
def _bump_settings_version(_mapper: Any, _connection: Any, network: Network) -> None:
    # In SQL (settings_version + 1), so two processes saving at once both count.
    network.settings_version = Network.settings_version + 1  # type: ignore[assignment]


class Organisation(NetworkScoped, Base):
    """An agency or administration whose managers are members."""

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("network_id", "name", name="uq_organisations_network_name"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[created]

    members: Mapped[list[Member]] = relationship(back_populates="organisation")


class Member(NetworkScoped, Base):
    """A person the app knows in one network: a manager in it, an organiser, or both."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("network_id", "slack_user_id", name="uq_members_network_user"),)

    id: Mapped[intpk]
    slack_user_id: Mapped[slack_id]
    name: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    # Active members are asked to check in; inactive rows keep their history.
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    is_organiser: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created]
    updated_at: Mapped[updated]

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")


class MeetingStatus(enum.StrEnum):
    """A meeting is planned until it is cancelled (stored as these strings)."""

    PLANNED = "planned"
    CANCELLED = "cancelled"


def _one_of(column: str, values: type[enum.StrEnum]) -> str:
    # Renders "column IN ('a', 'b')" exactly as migration 0001 wrote it, from the enum.
    return "{} IN ({})".format(column, ", ".join(f"'{v.value}'" for v in values))


class Meeting(NetworkScoped, Base):
    """One of the network's meetings."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(_one_of("status", MeetingStatus), name="status"),
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
        *(CheckConstraint(_one_of(column, Visibility), name=column) for column in VISIBILITY_COLUMNS),
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
        CheckConstraint(_one_of("answer", PulseChoice) + " OR answer IS NULL", name="answer"),
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
        CheckConstraint(_one_of("answer", RsvpAnswer), name="answer"),
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


class DeliveryState(enum.StrEnum):
    """Where one (send, recipient) row of the ledger is; stored as these strings."""

    # Due and waiting for its first claim: a send's missing rows are inserted at once, then the
    # schedulers claim them in small batches (FOR UPDATE SKIP LOCKED on PostgreSQL).
    QUEUED = "queued"
    CLAIMED = "claimed"  # someone is posting it now
    SENT = "sent"
    RETRY = "retry"  # certainly not posted: a later tick tries again after a back-off
    # The last post's outcome is not known (a read time-out, or its sender died mid-send): a
    # later tick looks for it in Slack before anything is posted again (bot/delivery/ledger.py).
    UNKNOWN = "unknown"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


class DeliveryStateType(TypeDecorator[DeliveryState]):
    """A DeliveryState in a plain string column (the CHECK constraint below keeps it closed)."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else DeliveryState(value).value

    def process_result_value(self, value: Any, dialect: Any) -> DeliveryState | None:
        return None if value is None else DeliveryState(value)


class Delivery(NetworkScoped, Base):
    """The ledger: one row per send and recipient, so every send happens exactly once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("network_id", "send_key", "recipient", name="uq_deliveries_network_send_recipient"),
        CheckConstraint(_one_of("state", DeliveryState), name="state"),
        Index("ix_deliveries_state", "state"),
        # "Who has had this send" and "which of this send's rows are in state X" (sent_to, the
        # reminder audiences): one index range, however large the ledger grows.
        Index("ix_deliveries_send_key_state", "send_key", "state"),
        # Failed or expired rows not yet reported: few at any time, whatever the ledger holds.
        Index(
            "ix_deliveries_unreported",
            "id",
            sqlite_where=text("reported_at IS NULL AND state IN ('failed', 'expired')"),
            postgresql_where=text("reported_at IS NULL AND state IN ('failed', 'expired')"),
        ),
    )

    id: Mapped[intpk]
    send_key: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[DeliveryState] = mapped_column(DeliveryStateType(), default=DeliveryState.CLAIMED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    slack_channel: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(200))
    # The version of what the message described (a meeting's version), so a later notice
    # ("the meeting has moved") knows what each recipient was told.
    revision: Mapped[int | None] = mapped_column(Integer)
    # Set once the organisers have been told about a failure, so they are told once.
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[created]
    updated_at: Mapped[updated]


class FinishedSend(NetworkScoped, Base):
    """A send every recipient of which was in a final state when it was last looked at, in its
    network (a deployment-wide send, such as the retention report, finishes per network).

    `audience` is a digest of those recipients: a tick skips the send while its recipients are
    the same, and looks again when they change (a member added late, a new channel).
    """

    __tablename__ = "finished_sends"

    network_id: Mapped[int] = mapped_column(ForeignKey("network.id"), primary_key=True, index=True)
    send_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    audience: Mapped[str] = mapped_column(String(64))
    finished_at: Mapped[aware]


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
        CheckConstraint(_one_of("status", RoundStatus), name="status"),
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


class WorkspaceState(Base):
    """A workspace whose bot token Slack revoked (app uninstalled, or tokens_revoked): the
    scheduler sends nothing while that token is the one configured. A new token (reinstall)
    has another fingerprint, so sending resumes without touching this row."""

    __tablename__ = "workspace_state"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # A SHA-256 prefix of the revoked bot token; never the token itself.
    revoked_token: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[aware]


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


# ---------------------------------------------------------------- privacy (issue 10)


class AuditEntry(NetworkScoped, Base):
    """One export, extract, erasure, jury-summary delivery or retention run: who, when, what and
    how many rows. Never the rows' contents (bot/privacy/, storage/audit.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[intpk]
    at: Mapped[aware]
    # A Slack user id, or "scheduler" for what the app did on its own.
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    # The person the entry is about (extract, erasure), when there is one.
    target: Mapped[str | None] = mapped_column(String(32))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    # Counts by kind ("checkins=3 pulse_answers=1"), never contents.
    detail: Mapped[str | None] = mapped_column(String(300))


class RetentionRun(Base):
    """One day's retention work: what is older than `cutoff` is deleted in batches, each batch
    adding its count here in the same transaction, so an interrupted run is finished by the next
    tick and nothing is counted twice. The report's ledger key is the run's id."""

    __tablename__ = "retention_runs"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'done')", name="state"),
        Index(
            "uq_retention_runs_one_open",
            "state",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_retention_runs_started_at", "started_at"),
    )

    id: Mapped[intpk]
    started_at: Mapped[aware]
    cutoff: Mapped[aware]
    state: Mapped[str] = mapped_column(String(8), default="open")
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    checkins: Mapped[int] = mapped_column(Integer, default=0)
    pulse_answers: Mapped[int] = mapped_column(Integer, default=0)
    rsvps: Mapped[int] = mapped_column(Integer, default=0)
    nominations: Mapped[int] = mapped_column(Integer, default=0)
    deliveries: Mapped[int] = mapped_column(Integer, default=0)


# Retention deletes by these dates, in batches (storage/privacy.py).
Index("ix_meetings_starts_at", Meeting.__table__.c.starts_at)
Index("ix_award_rounds_closed_at", AwardRound.__table__.c.closed_at)
Index("ix_nominations_round_id", Nomination.__table__.c.round_id)
Index("ix_deliveries_due_at", Delivery.__table__.c.due_at)
