"""The storage layer's own scope: Core statements (which the session's ORM filter does not see)
name their network, so two networks' rows never mix."""

from __future__ import annotations

import datetime as dt

from bot.runtime import Runtime
from storage import ledger, members
from storage.db import transaction
from storage.models import DeliveryState, Member, Network, Organisation


def _two_networks(runtime: Runtime) -> tuple[int, int]:
    """Two networks in two workspaces: their ids."""
    with transaction(runtime.all_networks()) as s:
        first, second = Network(name="Ett", team_id="T0A"), Network(name="Två", team_id="T0B")
        s.add_all([first, second])
        s.flush()
        return first.id, second.id


def test_core_member_queries_see_their_network_only(runtime: Runtime) -> None:
    ids = _two_networks(runtime)
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with transaction(runtime.for_network(network_id).sessions) as s:
            s.add(Member(slack_user_id=user, name=user, organisation=Organisation(name=user), active=True))
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with runtime.for_network(network_id).sessions() as s:
            assert [m.slack_user_id for m in members.active_member_refs(s)] == [user]
            assert [(m.slack_user_id, m.organisation) for m in members.active_member_rows(s)] == [
                (user, user)
            ]


def test_core_ledger_queries_see_their_network_only(runtime: Runtime) -> None:
    """The same send key in two networks (keys embed ids unique in the database today, but the
    ledger's Core reads must not lean on that)."""
    ids = _two_networks(runtime)
    at = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with transaction(runtime.for_network(network_id).sessions) as s:
            ledger.insert_row(
                s,
                send_key="m1:invitation",
                recipient=user,
                kind="invitation",
                state=DeliveryState.SENT,
                due_at=at,
                sent_at=at,
            )
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with runtime.for_network(network_id).sessions() as s:
            assert list(ledger.rows_for(s, "m1:invitation")) == [user]
            assert ledger.recipients_of(s, ["m1:invitation"]) == {"m1:invitation": {user}}
            assert list(ledger.sent_to(s, "m1:invitation")) == [user]


def test_a_send_is_finished_per_network(runtime: Runtime) -> None:
    """The same send key finished in one network with one audience, in the other with another:
    each network keeps its own marker (the retention report goes to every network)."""
    ids = _two_networks(runtime)
    at = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    for network_id, audience in zip(ids, ("a" * 64, "b" * 64), strict=True):
        with transaction(runtime.for_network(network_id).sessions) as s:
            ledger.mark_finished(s, "retention:1", audience, at)
    for network_id, audience in zip(ids, ("a" * 64, "b" * 64), strict=True):
        with runtime.for_network(network_id).sessions() as s:
            assert ledger.finished_audiences(s, ["retention:1"]) == {"retention:1": audience}
