"""Benchmark: the pure insight builders on 40 meetings × 200 members.

    python bench/insights.py                          # 40 meetings, 200 members, 12 organisations
    python bench/insights.py --meetings 40 --members 500

Not a test: it prints a Markdown table of wall times (best of --repeat runs). The data is made up
(seeded): every member checks in with three Swedish answers drawn from a small vocabulary, and
takes part in each meeting with probability 0.8. Timed: the shared themes of one meeting's
answers, the chart (PNG) and its alt text over all meetings, and one meeting's minutes draft as
Markdown and .docx (with all 200 members' check-ins).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.checkin.summary import MemberCheckin, OrganisationCheckins  # noqa: E402
from bot.insights.chart import HistoryPoint, chart_alt_text, render_history_chart  # noqa: E402
from bot.insights.minutes import (  # noqa: E402
    Attendee,
    MinutesData,
    OrganisationAttendance,
    PulseResult,
    minutes_docx,
    minutes_markdown,
)
from bot.insights.themes import common_themes  # noqa: E402

ORGANISATIONS = [
    "Malmö stad",
    "Region Skåne",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "Lunds kommun",
    "Burlövs kommun",
    "Staffanstorps kommun",
    "Kävlinge kommun",
    "Lomma kommun",
    "Vellinge kommun",
    "Svedala kommun",
    "Åstorps kommun",
]
PHRASES = [
    "Omställningen till nära vård tar mycket tid.",
    "Vi arbetar med unga vuxna som står långt från arbetsmarknaden.",
    "Psykisk ohälsa bland unga ökar.",
    "Budgetarbetet inför nästa år.",
    "Rekrytering av chefer och socialsekreterare.",
    "Samverkan med Arbetsförmedlingen kring insatser.",
    "En ny förvaltning bildas i höst.",
    "Digitalisering av ansökningar och ärenden.",
    "Vi vill samverka kring försörjningsstöd och etablering.",
    "Lokalfrågor och flytt till nya lokaler.",
]


def _answer(rng: random.Random) -> str:
    return " ".join(rng.sample(PHRASES, 3))


def _timed(label: str, fn: Callable[[], object], repeat: int) -> tuple[str, float, object]:
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return label, best, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings", type=int, default=40)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tz = ZoneInfo("Europe/Stockholm")
    members = [(f"Person {i:03}", ORGANISATIONS[i % len(ORGANISATIONS)]) for i in range(args.members)]

    points = []
    for m in range(args.meetings):
        came: dict[str, int] = {}
        for _, organisation in members:
            if rng.random() < 0.8:
                came[organisation] = came.get(organisation, 0) + 1
        answered = sum(came.values())
        no = rng.randint(0, 3)
        points.append(
            HistoryPoint(dt.date(2024 + m // 12, m % 12 + 1, 12), came, yes=max(answered - no, 0), no=no)
        )

    checkins = [MemberCheckin(name, _answer(rng), _answer(rng), _answer(rng)) for name, _ in members]
    answers: dict[str, list[str]] = {}
    for checkin, (_, organisation) in zip(checkins, members, strict=True):
        answers.setdefault(organisation, []).extend(
            [checkin.occupying, checkin.changes or "", checkin.support or ""]
        )
    themes = common_themes(answers)
    by_org = [
        OrganisationCheckins(org, tuple(c for c, (_, o) in zip(checkins, members, strict=True) if o == org))
        for org in ORGANISATIONS
    ]
    attendance = [
        OrganisationAttendance(org, tuple(Attendee(name) for name, o in members if o == org))
        for org in ORGANISATIONS
    ]
    data = MinutesData(
        starts_at=dt.datetime(2027, 3, 11, 12, tzinfo=dt.UTC),
        place="Stadshuset, Malmö",
        attendance=attendance,
        checkins=by_org,
        themes=themes,
        pulse=PulseResult(yes=180, no=2, comments=14),
    )

    rows = [
        _timed("common_themes (one meeting, 600 answers)", lambda: common_themes(answers), args.repeat),
        _timed(
            f"render_history_chart ({args.meetings} meetings)",
            lambda: render_history_chart(points),
            args.repeat,
        ),
        _timed("chart_alt_text", lambda: chart_alt_text(points), args.repeat),
        _timed("minutes_markdown (one meeting)", lambda: minutes_markdown(data, tz), args.repeat),
        _timed("minutes_docx (one meeting)", lambda: minutes_docx(data, tz), args.repeat),
    ]
    print(
        f"{args.meetings} meetings × {args.members} members, {len(ORGANISATIONS)} organisations, best of {args.repeat}\n"
    )
    print("| step | time | output |")
    print("|---|---:|---|")
    for label, seconds, result in rows:
        size = (
            f"{len(result):,} {'bytes' if isinstance(result, bytes) else 'characters'}"
            if isinstance(result, bytes | str)
            else f"{len(result)} themes"
        )  # type: ignore[arg-type]
        print(f"| {label} | {seconds * 1000:.0f} ms | {size} |")
    database_rows(args.meetings, args.members, args.repeat)


def database_rows(meetings: int, members: int, repeat: int) -> None:
    """The steps that read the database, on a migrated SQLite file seeded with
    tests/insights/seed.py: the history's statements and time, and the steps built on it."""
    import tempfile

    from sqlalchemy import event

    from bot.insights.service import history_points
    from bot.insights.views import build_history_messages
    from storage.db import make_engine, make_session_factory, transaction, upgrade
    from storage.insights import meeting_history
    from tests.insights.seed import seed_history

    tz = ZoneInfo("Europe/Stockholm")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        with transaction(sessions) as session:
            seed_history(session, meetings=meetings, members=members)
        now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        statements: list[str] = []

        def record(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", record)
        with sessions() as session:
            history = meeting_history(session, now)
        event.remove(engine, "before_cursor_execute", record)
        count = len(statements)
        with sessions() as session:
            rows = [
                _timed(
                    f"meeting_history (SQLite, {count} statements)",
                    lambda: meeting_history(session, now),
                    repeat,
                ),
                _timed("build_history_messages", lambda: build_history_messages(history, tz, "sv"), repeat),
                _timed(
                    "history chart from the database",
                    lambda: render_history_chart(history_points(history, tz)),
                    repeat,
                ),
            ]
        engine.dispose()
    print(f"\nFrom the database ({meetings} meetings × {members} members):\n")
    print("| step | time |")
    print("|---|---:|")
    for label, seconds, _ in rows:
        print(f"| {label} | {seconds * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
