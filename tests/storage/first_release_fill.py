"""Run with the FIRST release's code on PYTHONPATH (tests/storage/test_network_migration.py):
migrate a database to that release's head, fill it through that release's storage and services,
and print every table's rows as JSON. Usage: python first_release_fill.py <url>"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from sqlalchemy import inspect, text

from storage.db import make_engine, make_session_factory, transaction, upgrade


def fill(url: str) -> None:
    from storage import awards, ledger, meetings, members
    from storage.models import CheckIn, DeliveryState, PulseAnswer

    engine = make_engine(url)
    sessions = make_session_factory(engine)
    t0 = dt.datetime(2027, 3, 16, 12, 0, tzinfo=dt.UTC)
    with transaction(sessions) as session:
        network = meetings.get_network(session)
        network.organisers_channel = "CORG"
        network.policy = {"invitation": {"days_before": 7}}
        people = []
        for n, org in enumerate(
            ["Försäkringskassan", "Malmö stad", "Arbetsförmedlingen", "Region Skåne"] * 3
        ):
            organisation, _ = members.get_or_create_organisation(session, org)
            member, _, _ = members.upsert_member(session, f"U{n:03d}", organisation, f"Person {n} <&>")
            people.append(member)
        members.deactivate_member(session, "U011")
        members.set_organiser(session, "UORG2", True, "Samordnare Två")
        first = meetings.add_meeting(session, t0, "Malmö", "UORG1")
        second = meetings.add_meeting(session, t0 + dt.timedelta(days=30), "Lund", "UORG1")
        meetings.move_meeting(session, second, t0 + dt.timedelta(days=31), "Lund, sal 2")
        cancelled = meetings.add_meeting(session, t0 + dt.timedelta(days=60), None, "UORG1")
        meetings.cancel_meeting(session, cancelled)
        for member in people[:8]:
            session.add(CheckIn(meeting_id=first.id, member_id=member.id, occupying=f"Budget {member.id}"))
            session.add(PulseAnswer(meeting_id=first.id, member_id=member.id, answer="yes", comment="Bra"))
        for number, member in enumerate(people):
            ledger.insert_row(
                session,
                send_key=f"meeting:{first.id}:invitation",
                recipient=member.slack_user_id,
                kind="invitation",
                state=DeliveryState.SENT if number % 3 else DeliveryState.FAILED,
                due_at=t0 - dt.timedelta(days=7),
                sent_at=t0 - dt.timedelta(days=7),
            )
        old = awards.add_round(
            session,
            deadline=dt.date(2026, 10, 1),
            announcement_channel="CANN",
            jury_channel="CJURY",
            opened_by="UORG1",
            now=t0 - dt.timedelta(days=400),
        )
        old.status = "closed"
        session.flush()
        current = awards.add_round(
            session,
            deadline=dt.date(2027, 10, 1),
            announcement_channel="CANN",
            jury_channel=None,
            opened_by="UORG1",
            now=t0,
        )
        for number, round_ in enumerate([old, current, current]):
            nomination = awards.add_nomination(session, round_.id, f"U00{number}", t0)
            nomination.nominee_user_id, nomination.nominee_key = "U010", "U010"
            nomination.motivation = f"Motivering {number}"
        session.flush()
    engine.dispose()


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows (alembic_version aside), ordered by primary key, as plain values."""
    engine = make_engine(url)
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table == "alembic_version":
                continue
            keys = inspect(conn).get_pk_constraint(table)["constrained_columns"]
            query = f"SELECT * FROM {table} ORDER BY {', '.join(keys)}"  # noqa: S608 (names from the schema)
            rows = conn.execute(text(query)).mappings()
            tables[table] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    engine.dispose()
    return tables


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith("{"):
        try:
            return json.loads(value)  # a JSON column SQLite hands back as text
        except ValueError:
            return value
    return value


if __name__ == "__main__":
    target = sys.argv[1]
    upgrade(target)
    fill(target)
    json.dump(dump(target), sys.stdout)
