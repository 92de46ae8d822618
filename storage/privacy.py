"""What the app stores about a person, found through one registry: extract (GDPR art. 15),
erasure (art. 17), and the retention deletes by date.

`PERSONAL_COLUMNS` names every column that holds a person's Slack user id or member id, and what
erasure does to its rows. Extract and erasure walk the registry, so a table added to it is covered
by both; tests/privacy/test_registry.py fails when a table in Base.metadata has such a column the
registry does not name.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, delete, func, select, update
from sqlalchemy.orm import Session

from storage.installations import METADATA as INSTALLATION_METADATA
from storage.models import AwardRound, Base, Meeting, Member, Network, Organisation, RetentionRun
from storage.scope import session_network

MEMBER = "member"  # the column holds members.id
USER = "user"  # the column holds a Slack user id


class Erasure(enum.StrEnum):
    """What `glöm` does to the rows a registry entry finds."""

    DELETE = "delete"
    CLEAR = "clear"  # the column is set to NULL; the row stays (a meeting someone planned)
    PSEUDONYMISE = "pseudonymise"  # the column gets a random stand-in; `also` is set too
    ON_REQUEST = "on_request"  # deleted only when the samordnare ticks the box (nominations of them)
    KEEP = "keep"  # the audit log: the record that the request was carried out


@dataclass(frozen=True)
class PersonalColumn:
    """One column that points at a person, and how extract and erasure treat its rows."""

    table: str
    column: str
    key: str  # MEMBER or USER
    erasure: Erasure
    # Columns left out of the extract (a nominee is never told who nominated them, or why).
    hidden: tuple[str, ...] = ()
    # Set alongside a pseudonym: the rest of the row that would say who it was.
    also: Mapping[str, Any] = field(default_factory=dict)

    @property
    def section(self) -> str:
        """The name of this entry's part of an extract and of the counts."""
        return f"{self.table}.{self.column}"


INSTALLATION_SECRETS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")

PERSONAL_COLUMNS: tuple[PersonalColumn, ...] = (
    PersonalColumn("checkins", "member_id", MEMBER, Erasure.DELETE),
    PersonalColumn("pulse_answers", "member_id", MEMBER, Erasure.DELETE),
    PersonalColumn("rsvps", "member_id", MEMBER, Erasure.DELETE),
    # The person as someone else's ersättare: that member's answer stays ("sends an ersättare"),
    # with a stand-in instead of who it was (the schema requires an ersättare on such a row).
    PersonalColumn("rsvps", "deputy_user_id", USER, Erasure.PSEUDONYMISE),
    PersonalColumn("nominations", "nominator_user_id", USER, Erasure.DELETE),
    PersonalColumn(
        "nominations",
        "nominee_user_id",
        USER,
        Erasure.ON_REQUEST,
        hidden=("nominator_user_id", "motivation", "partner", "nominee_key", "withdrawn_at", "updated_at"),
    ),
    PersonalColumn(
        "deliveries", "recipient", USER, Erasure.PSEUDONYMISE, also={"slack_channel": None, "slack_ts": None}
    ),
    # A winner is a published decision (an allmän handling): kept, and shown in the extract.
    PersonalColumn("award_winners", "nominee_user_id", USER, Erasure.KEEP),
    PersonalColumn("award_winners", "added_by", USER, Erasure.CLEAR),
    PersonalColumn("meetings", "created_by", USER, Erasure.CLEAR),
    PersonalColumn("award_rounds", "opened_by", USER, Erasure.CLEAR),
    PersonalColumn("audit_log", "actor", USER, Erasure.KEEP),
    PersonalColumn("audit_log", "target", USER, Erasure.KEEP),
    # Who installed the app in the workspace (OAuth mode; storage/installations.py): the row is
    # the workspace's installation and its bot token, so it stays, with a stand-in for who it
    # was. Never in an extract: the token columns (ciphertext, but a token all the same).
    PersonalColumn(
        "slack_installations",
        "user_id",
        USER,
        Erasure.PSEUDONYMISE,
        hidden=INSTALLATION_SECRETS,
        also={
            "user_token": None,
            "user_scopes": None,
            "user_refresh_token": None,
            "user_token_expires_at": None,
        },
    ),
    # Last: the member row is what the member-keyed entries above are found through.
    PersonalColumn(
        "members",
        "slack_user_id",
        USER,
        Erasure.PSEUDONYMISE,
        also={"name": None, "active": False, "is_organiser": False},
    ),
)


def _table(name: str) -> Table:
    found = Base.metadata.tables.get(name)
    return found if found is not None else INSTALLATION_METADATA.tables[name]


def _member_ids(session: Session, user_id: str) -> list[int]:
    return list(session.scalars(select(Member.id).where(Member.slack_user_id == user_id)))


def _where(session: Session, entry: PersonalColumn, user_id: str, member_ids: list[int]) -> Any:
    # These are Core statements, which storage/scope.py's filter does not reach: the network
    # is named here, so an extract or erasure stays in the network it was asked in.
    table = _table(entry.table)
    column = table.c[entry.column]
    person = column.in_(member_ids) if entry.key == MEMBER else column == user_id
    if "network_id" in table.c:
        return and_(person, table.c.network_id == session_network(session))
    if "team_id" in table.c:  # a workspace's row: the network's workspace (none: no such rows)
        team = select(Network.team_id).where(Network.id == session_network(session)).scalar_subquery()
        return and_(person, table.c.team_id == team)
    return person


def _plain(value: Any) -> Any:
    """A value as JSON has it: times and dates as ISO 8601, enums as their strings."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _context(session: Session, row: dict[str, Any]) -> dict[str, Any]:
    """What an id in a row refers to, so the extract reads without the database."""
    extra: dict[str, Any] = {}
    if row.get("meeting_id") is not None:
        meeting = session.get(Meeting, row["meeting_id"])
        extra["meeting_starts_at"] = _plain(meeting.starts_at) if meeting else None
    if row.get("organisation_id") is not None:
        organisation = session.get(Organisation, row["organisation_id"])
        extra["organisation"] = organisation.name if organisation else None
    if row.get("round_id") is not None:
        award_round = session.get(AwardRound, row["round_id"])
        extra["round_year"] = award_round.year if award_round else None
    return extra


def personal_data(session: Session, user_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every row the registry finds for the person, by section, without hidden columns."""
    member_ids = _member_ids(session, user_id)
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in PERSONAL_COLUMNS:
        table = _table(entry.table)
        rows = session.execute(
            select(table).where(_where(session, entry, user_id, member_ids)).order_by(*table.primary_key)
        )
        found[entry.section] = [
            {
                **{k: _plain(v) for k, v in row.items() if k not in entry.hidden},
                **_context(session, dict(row)),
            }
            for row in rows.mappings()
        ]
    return found


def personal_counts(session: Session, user_id: str) -> dict[str, int]:
    """How many rows each registry entry finds for the person."""
    member_ids = _member_ids(session, user_id)
    counts = {}
    for entry in PERSONAL_COLUMNS:
        query = (
            select(func.count())
            .select_from(_table(entry.table))
            .where(_where(session, entry, user_id, member_ids))
        )
        counts[entry.section] = int(session.scalar(query) or 0)
    return counts


def erasable(counts: Mapping[str, int]) -> dict[str, int]:
    """The counts erasure acts on (the audit log's are kept)."""
    kept = {e.section for e in PERSONAL_COLUMNS if e.erasure == Erasure.KEEP}
    return {k: v for k, v in counts.items() if k not in kept}


def erase_person(session: Session, user_id: str, pseudonym: str, *, nominations_of: bool) -> dict[str, int]:
    """Erase the person as the registry says; the counts of rows touched, by section."""
    member_ids = _member_ids(session, user_id)
    counts: dict[str, int] = {}
    for entry in PERSONAL_COLUMNS:
        if entry.erasure == Erasure.KEEP or (entry.erasure == Erasure.ON_REQUEST and not nominations_of):
            continue
        table = _table(entry.table)
        where = _where(session, entry, user_id, member_ids)
        if entry.erasure in (Erasure.DELETE, Erasure.ON_REQUEST):
            statement: Any = delete(table).where(where)
        elif entry.erasure == Erasure.CLEAR:
            statement = update(table).where(where).values({entry.column: None})
        else:
            statement = update(table).where(where).values({entry.column: pseudonym, **entry.also})
        counts[entry.section] = int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]
    return counts


# ---------------------------------------------------------------- retention

# Tables whose rows are deleted RETENTION_MONTHS after their meeting.
BY_MEETING = ("checkins", "pulse_answers", "rsvps")
RETENTION_KINDS = ("checkins", "pulse_answers", "rsvps", "nominations", "deliveries")


def _batch_ids(table: Table, condition: Any, limit: int) -> Any:
    return select(table.c.id).where(condition).order_by(table.c.id).limit(limit).scalar_subquery()


def retention_batch(session: Session, kind: str, cutoff: dt.datetime, limit: int) -> int:
    """Delete (or, for the ledger, strip the message references of) at most `limit` rows of
    `kind` that are due, by an indexed date; how many. 0 means `kind` is done."""
    tables = Base.metadata.tables
    if kind in BY_MEETING:
        table = tables[kind]
        old = select(Meeting.id).where(Meeting.starts_at < cutoff)
        statement: Any = delete(table).where(
            table.c.id.in_(_batch_ids(table, table.c.meeting_id.in_(old), limit))
        )
    elif kind == "nominations":
        table = tables["nominations"]
        closed = select(AwardRound.id).where(AwardRound.closed_at < cutoff)
        statement = delete(table).where(
            table.c.id.in_(_batch_ids(table, table.c.round_id.in_(closed), limit))
        )
    elif kind == "deliveries":
        table = tables["deliveries"]
        referenced = and_(
            table.c.due_at < cutoff, (table.c.slack_ts.is_not(None)) | (table.c.slack_channel.is_not(None))
        )
        statement = (
            update(table)
            .where(table.c.id.in_(_batch_ids(table, referenced, limit)))
            .values(slack_channel=None, slack_ts=None)
        )
    else:
        raise ValueError(f"unknown retention kind {kind!r}")
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def open_run(session: Session) -> RetentionRun | None:
    """The retention run not yet finished, if any."""
    return session.scalar(select(RetentionRun).where(RetentionRun.state == "open"))


def latest_run(session: Session) -> RetentionRun | None:
    """The most recently started retention run."""
    return session.scalar(select(RetentionRun).order_by(RetentionRun.started_at.desc()).limit(1))


def start_run(session: Session, at: dt.datetime, cutoff: dt.datetime) -> RetentionRun:
    """A new open run (the partial unique index allows one open run at a time)."""
    run = RetentionRun(started_at=at, cutoff=cutoff, state="open")
    session.add(run)
    session.flush()
    return run


def add_count(session: Session, run_id: int, kind: str, deleted: int) -> None:
    """Add `deleted` to the run's count of `kind`, atomically (in the batch's transaction)."""
    column = getattr(RetentionRun, kind)
    session.execute(update(RetentionRun).where(RetentionRun.id == run_id).values({kind: column + deleted}))


def finish_run(session: Session, run_id: int, at: dt.datetime) -> bool:
    """Mark the run done; False when it already was (another process finished it)."""
    result: Any = session.execute(
        update(RetentionRun)
        .where(RetentionRun.id == run_id, RetentionRun.state == "open")
        .values(state="done", finished_at=at)
    )
    return bool(result.rowcount == 1)


def get_run(session: Session, run_id: int) -> RetentionRun:
    """A run by id (fresh from the database)."""
    run = session.get(RetentionRun, run_id, populate_existing=True)
    assert run is not None
    return run


def finished_runs_since(session: Session, since: dt.datetime) -> list[RetentionRun]:
    """Runs finished at or after `since`, oldest first."""
    return list(
        session.scalars(
            select(RetentionRun)
            .where(RetentionRun.state == "done", RetentionRun.finished_at >= since)
            .order_by(RetentionRun.finished_at)
        )
    )


def run_counts(run: RetentionRun) -> dict[str, int]:
    """A run's counts by kind."""
    return {kind: int(getattr(run, kind)) for kind in RETENTION_KINDS}
