"""The storage layer's own scope: Core statements (which the session's ORM filter does not see)
name their network, so two networks' rows never mix."""

from __future__ import annotations

from bot.runtime import Runtime
from storage import members
from storage.db import transaction
from storage.models import Member, Network, Organisation


def test_core_member_queries_see_their_network_only(runtime: Runtime) -> None:
    with transaction(runtime.all_networks()) as s:
        first, second = Network(name="Ett", team_id="T0A"), Network(name="Två", team_id="T0B")
        s.add_all([first, second])
        s.flush()
        ids = first.id, second.id
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with transaction(runtime.for_network(network_id).sessions) as s:
            s.add(Member(slack_user_id=user, name=user, organisation=Organisation(name=user), active=True))
    for network_id, user in zip(ids, ("U0ETT", "U0TVA"), strict=True):
        with runtime.for_network(network_id).sessions() as s:
            assert [m.slack_user_id for m in members.active_member_refs(s)] == [user]
            assert [(m.slack_user_id, m.organisation) for m in members.active_member_rows(s)] == [
                (user, user)
            ]
