"""A scheduler tick with nothing due, and the organiser's Home, as the ledger and the network grow.

For each size (history rows in the ledger: 0 / 10k / 100k; active members: 100 / 2,000), on
SQLite and (with --postgres) PostgreSQL: a fresh database with the members, a meeting whose
whole timeline went out a day ago (a ledger row per member and send, as the ticks would have
left them), older meetings whose rows make up the history, and the next meeting a month ahead.
Then, at that instant, with nothing due:

  * the first tick (it finds every send settled and marks it finished),
  * later ticks (`run_tick`, the same code as `chefsnatverket tick` and the live scheduler),
  * the organiser's Home (`load_home` + `build_home_screen`) and a member's Home, and their ratio.

Each figure is min / median / max over --repeat runs (default 5), milliseconds, wall time in
this process. Also the statements each makes (a count, from a SQLAlchemy event).

    python bench/tick_idle.py [--postgres postgresql://postgres@127.0.0.1:54329/postgres] [--analyze]

With --analyze, each PostgreSQL database is vacuumed and analysed after it is arranged, as
autovacuum leaves a live one (a fresh one has no statistics, and its planner guesses).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import drop_database, fresh_database  # noqa: E402
from bot.delivery.scheduler import run_tick  # noqa: E402
from bot.home.service import load_home  # noqa: E402
from bot.home.views import build_home_screen  # noqa: E402
from bot.meeting import timeline  # noqa: E402
from bot.runtime import build_runtime  # noqa: E402
from storage.db import transaction  # noqa: E402
from storage.meetings import get_network  # noqa: E402
from storage.models import Delivery, DeliveryState, Meeting, Member, Organisation  # noqa: E402
from tests.conftest import ORGANISER, make_settings  # noqa: E402

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
CHANNEL = "C0ADMIN"
ORGANISATIONS = 40
ORG_HOME, MEMBER_HOME = "organiser's Home", "member's Home"


def arrange(url: str, members: int, history: int) -> dt.datetime:
    """The database as described above; returns the instant to tick at."""
    from storage.db import make_engine, make_session_factory

    engine = make_engine(url)
    sessions = make_session_factory(engine)
    users = [f"U{n:06d}" for n in range(members)]
    sends = timeline.meeting_sends(STARTS, TZ)
    with transaction(sessions) as s:
        get_network(s).organisers_channel = CHANNEL  # the only network, made on first use
        orgs = [Organisation(name=f"Myndighet {n}") for n in range(ORGANISATIONS)]
        s.add_all(orgs)
        s.add_all(
            Member(slack_user_id=u, name=f"Chef {n}", organisation=orgs[n % ORGANISATIONS], active=True)
            for n, u in enumerate(users)
        )
        recent = Meeting(starts_at=STARTS, place="Malmö", created_by=ORGANISER)
        s.add(recent)
        s.add(Meeting(starts_at=STARTS + dt.timedelta(days=40), place="Lund", created_by=ORGANISER))
        s.flush()
        rows: list[dict[str, Any]] = []
        for planned in sends:
            to = [CHANNEL] if planned.kind in ("deadline_summary", "pulse_summary") else users
            rows += [_row(f"meeting:{recent.id}:{planned.kind}", r, planned.kind, planned.due_at) for r in to]
        _insert(s, rows)
        number = 0
        while history > 0:  # older meetings, a row per member and send, until `history` rows
            number += 1
            old = Meeting(
                starts_at=STARTS - dt.timedelta(days=60 * number), place="Ystad", created_by=ORGANISER
            )
            s.add(old)
            s.flush()
            batch = []
            for planned in sends:
                for u in users[: max(1, min(len(users), history - len(batch)))]:
                    batch.append(_row(f"meeting:{old.id}:{planned.kind}", u, planned.kind, old.starts_at))
                if len(batch) >= history:
                    break
            _insert(s, batch)
            history -= len(batch)
    engine.dispose()
    return max(p.due_at for p in sends) + dt.timedelta(days=1)


def _row(key: str, recipient: str, kind: str, due: dt.datetime) -> dict[str, Any]:
    return {
        "send_key": key,
        "recipient": recipient,
        "kind": kind,
        "state": DeliveryState.SENT,
        "attempts": 0,
        "due_at": due,
        "sent_at": due,
        "slack_channel": recipient,
        "slack_ts": "1700000000.000100",
    }


def _insert(session: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        session.execute(insert(Delivery), rows[start : start + 5000])


def _timed(work: Any, repeat: int, statements: list[int], counter: list[int]) -> list[float]:
    times = []
    for _ in range(repeat):
        counter[0] = 0
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
        statements.append(counter[0])
    return times


def analyze(url: str) -> None:
    """On PostgreSQL, what autovacuum leaves a live database with: statistics and a visibility
    map (a fresh database has neither, and its planner guesses). SQLite gathers none by itself."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if make_url(url).get_backend_name() != "postgresql":
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def measure(url: str, members: int, history: int, repeat: int, vacuumed: bool = False) -> dict[str, Any]:
    at = arrange(url, members, history)
    if vacuumed:
        analyze(url)
    settings = make_settings(url, "http://127.0.0.1:9/api/")
    runtime = build_runtime(settings, clock=lambda: at)
    counter = [0]

    def count(*_args: Any) -> None:
        counter[0] += 1

    event.listen(runtime.engine, "before_cursor_execute", count)
    figures: dict[str, Any] = {}
    statements: list[int] = []
    figures["first tick"] = _timed(lambda: run_tick(runtime), 1, statements, counter)
    figures["tick, nothing due"] = _timed(lambda: run_tick(runtime), repeat, statements, counter)
    figures["tick statements"] = statements[-1]

    def home(user: str) -> None:
        build_home_screen(load_home(runtime, user), runtime.tz, runtime.lang)

    home("U000000")  # both warmed once (imports, the calendar)
    home(ORGANISER)
    organiser: list[int] = []
    member: list[int] = []
    figures[ORG_HOME] = _timed(lambda: home(ORGANISER), repeat, organiser, counter)
    figures[MEMBER_HOME] = _timed(lambda: home("U000000"), repeat, member, counter)
    figures["Home statements (organiser / member)"] = f"{organiser[-1]} / {member[-1]}"
    runtime.engine.dispose()
    return figures


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL server to make fresh databases on")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--members", type=int, nargs="*", default=[100, 2000])
    parser.add_argument("--history", type=int, nargs="*", default=[0, 10_000, 100_000])
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="PostgreSQL: VACUUM ANALYZE after arranging (as autovacuum would)",
    )
    args = parser.parse_args()
    databases = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print(
        "| database | members | history rows | first tick ms | tick, nothing due ms (min / median / max) "
        "| statements | organiser's Home ms | member's Home ms | ratio | statements (org / member) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    results = []
    for name, server in databases:
        for members in args.members:
            for history in args.history:
                url = fresh_database(server)
                try:
                    f = measure(url, members, history, args.repeat, args.analyze)
                finally:
                    drop_database(url)
                ratio = statistics.median(f[ORG_HOME]) / statistics.median(f[MEMBER_HOME])
                results.append({"database": name, "members": members, "history": history, **f})
                print(
                    f"| {name} | {members:,} | {history:,} | {f['first tick'][0]:.0f} "
                    f"| {_spread(f['tick, nothing due'])} | {f['tick statements']} "
                    f"| {_spread(f[ORG_HOME])} | {_spread(f[MEMBER_HOME])} | {ratio:.2f}× "
                    f"| {f['Home statements (organiser / member)']} |",
                    flush=True,
                )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "tick_idle.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
