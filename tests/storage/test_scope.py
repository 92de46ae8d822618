"""A session works in one network: every query on network rows is filtered by it, whoever wrote
the query, and new rows land in it (storage/scope.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import sessionmaker

from storage import awards, meetings, members
from storage.db import all_networks_factory, make_engine, make_session_factory, transaction
from storage.models import Base, CheckIn, Delivery, Meeting, Member, Network
from storage.networks import add_network, user_network_ids
from storage.scope import NetworkNotChosen, NetworkScoped

T0 = dt.datetime(2027, 3, 16, 12, 0, tzinfo=dt.UTC)


def _two_networks(url: str) -> tuple[sessionmaker, sessionmaker, sessionmaker]:  # type: ignore[type-arg]
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:
        meetings.get_network(session)  # the first, as a deployment of one network makes it
        second = add_network(session, None, "Guldlänken")
    return (
        make_session_factory(engine, 1),
        make_session_factory(engine, second.id),
        make_session_factory(engine),
    )


def _fill(sessions: sessionmaker, place: str) -> None:  # type: ignore[type-arg]
    with transaction(sessions) as session:
        organisation, _ = members.get_or_create_organisation(session, "Malmö stad")
        member, _, _ = members.upsert_member(session, "USAME", organisation, place)
        meeting = meetings.add_meeting(session, T0, place, "UORG")
        session.add(CheckIn(meeting_id=meeting.id, member_id=member.id, occupying=place))
        awards.add_round(
            session,
            deadline=dt.date(2027, 10, 1),
            announcement_channel="C",
            jury_channel=None,
            opened_by="U",
            now=T0,
        )


def test_every_network_row_is_scoped() -> None:
    network_tables = {"organisations", "members", "meetings", "checkins", "pulse_answers", "deliveries"}
    network_tables |= {"award_rounds", "nominations"}
    scoped = {m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, NetworkScoped)}
    assert network_tables <= scoped


def test_two_networks_share_nothing(any_db_url: str) -> None:
    first, second, unscoped = _two_networks(any_db_url)
    # The same person, organisation name, start time and open round in both: allowed per network.
    _fill(first, "Malmö")
    _fill(second, "Landskrona")
    for sessions, place in ((first, "Malmö"), (second, "Landskrona")):
        with transaction(sessions) as session:
            assert [m.name for m in members.active_members(session)] == [place]
            assert meetings.next_meeting(session, T0 - dt.timedelta(days=1)).place == place  # type: ignore[union-attr]
            assert session.scalar(select(func.count()).select_from(CheckIn)) == 1
            assert session.query(Meeting).count() == 1
            assert awards.open_round(session) is not None
            # A forged id from the other network finds nothing.
            other = 2 if place == "Malmö" else 1
            assert session.get(Meeting, other) is None
            assert session.execute(update(Member).values(name="x")).rowcount == 1  # type: ignore[attr-defined]
    with pytest.raises(NetworkNotChosen), transaction(unscoped) as session:
        members.active_members(session)
    with transaction(all_networks_factory(make_engine(any_db_url))) as session:
        assert user_network_ids(session, "T1", "USAME") == [1, 2]
        assert session.scalar(select(func.count()).select_from(Member)) == 2


def test_a_row_of_another_network_is_refused(db_url: str) -> None:
    first, second, _ = _two_networks(db_url)
    _fill(first, "Malmö")
    with pytest.raises(NetworkNotChosen), transaction(second) as session:
        session.add(Delivery(network_id=1, send_key="k", recipient="U", kind="x"))
    with pytest.raises(NetworkNotChosen), transaction(all_networks_factory(make_engine(db_url))) as session:
        session.add(Member(slack_user_id="U9"))


def test_one_network_needs_no_choosing(db_url: str) -> None:
    sessions = make_session_factory(make_engine(db_url))
    with transaction(sessions) as session:
        session.add(Member(slack_user_id="U1", active=True))
    with transaction(sessions) as session:
        assert [n.id for n in session.scalars(select(Network))] == [1]
        assert session.scalar(select(Member.network_id)) == 1


def test_bulk_inserts_land_in_the_sessions_network(db_url: str) -> None:
    _, second, _ = _two_networks(db_url)
    with transaction(second) as session:
        session.execute(
            insert(Delivery), [{"send_key": "k", "recipient": f"U{n}", "kind": "x"} for n in range(3)]
        )
    with transaction(second) as session:
        assert {d.network_id for d in session.scalars(select(Delivery))} == {2}
