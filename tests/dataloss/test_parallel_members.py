"""Twelve organisers' `medlem @x Ny Förvaltning` at once: the new organisation (and a new member)
is created once and every command succeeds, on SQLite and PostgreSQL.

Every request is held just before its INSERT until all twelve have read "not there yet", so
the race is the worst case on every run instead of a matter of luck.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event

from bot.runtime import Runtime
from storage.models import Member, Organisation
from tests.conftest import ORGANISER, SlackClient
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

N = 12


@pytest.fixture
def together(runtime: Runtime) -> Iterator[Callable[[str], None]]:
    """`together(table)`: hold each request's INSERT into `table` until N requests have reached it.

    Only a transaction's first write may be held: on SQLite a held second write would keep the
    write lock from the others (a deadlock of the test's own making).
    """
    barrier = threading.Barrier(N, timeout=20)
    tables: list[str] = []

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if any(statement.lstrip().upper().startswith(f"INSERT INTO {t.upper()} ") for t in tables):
            barrier.wait()

    event.listen(runtime.engine, "before_cursor_execute", hold)
    yield tables.append
    event.remove(runtime.engine, "before_cursor_execute", hold)


def _all_at_once(slack: SlackClient, standin: SlackStandIn, users: list[str]) -> list[str]:
    for user in set(users):
        standin.add_user(user, f"Chef {user[-2:]}")

    def add(user: str) -> int:
        return slack.command("/chefsnatverket", f"medlem <@{user}> Ny Förvaltning", user=ORGANISER).status

    with ThreadPoolExecutor(N) as pool:
        statuses = list(pool.map(add, users))
    assert statuses == [200] * N
    return [c.params.get("text", "") for c in standin.calls_to(RESPONSE_URL)]


def test_twelve_new_members_of_one_new_organisation(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, together: Callable[[str], None]
) -> None:
    together("organisations")
    users = [f"U0NY{n:02d}" for n in range(N)]
    answers = _all_at_once(slack, standin, users)
    assert len(answers) == N and not any("Något gick fel" in a for a in answers), answers
    assert sum("Ny Förvaltning är ny i nätverket" in a for a in answers) == 1, answers[:2]
    with runtime.sessions() as s:
        [organisation] = s.query(Organisation).all()
        members = s.query(Member).filter(Member.organisation_id == organisation.id).all()
    assert organisation.name == "Ny Förvaltning"
    assert sorted(m.slack_user_id for m in members) == users


def test_the_same_new_member_twelve_times(
    slack: SlackClient,
    runtime: Runtime,
    standin: SlackStandIn,
    together: Callable[[str], None],
    add_member: Any,
) -> None:
    add_member("U0OTHER", "Ny Förvaltning")
    together("members")
    answers = _all_at_once(slack, standin, ["U0NY00"] * N)
    assert len(answers) == N and not any("Något gick fel" in a for a in answers), answers
    assert sum("är tillagd som medlem" in a for a in answers) == 1
    assert sum("redan medlem för Ny Förvaltning" in a for a in answers) == N - 1
    with runtime.sessions() as s:
        [member] = s.query(Member).filter_by(slack_user_id="U0NY00").all()
        assert (member.slack_user_id, member.active, member.organisation.name) == (
            "U0NY00",
            True,
            "Ny Förvaltning",
        )
