"""`/incheckning` against a bare Bolt app, side by side in one run (a benchmark, not a test).

Starts `python -m bot` (waitress, production mode: listeners run after the ack) and
bench/bare_bolt.py (one `/incheckning` listener that acks and opens a small modal, the same
waitress + Bolt WSGI adapter) against one Slack stand-in, then, interleaved (app, bare, bare,
app, ...), runs 3-second phases of signed `/incheckning` commands from 1 and from 20 concurrent
clients. Per request: the ack (until the HTTP answer arrives) and views.open (until the stand-in
recorded the modal). Per phase: the count of acks in 3 s and the server's CPU per request.
RSS is read after start and after 200 requests. Every figure is printed for both, with the
ratio app / bare; with --runs N, the whole run is repeated on fresh processes and the ratios
are summarised as min / median / max.

With --floor a third server joins the same run: bench/bare_bolt.py opening exactly the modal the
app opened (captured from the stand-in), with SQLAlchemy's ORM (and on PostgreSQL psycopg)
imported. It is what any app on this stack pays before doing anything of its own, so the ratio
to it shows the app's own cost apart from the stack's and from the size of its modal.

    python bench/ack_time.py [--runs 3] [--rounds 2] [--floor] [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import cpu_seconds, drop_database, free_port, fresh_database, pct, rss_mib, spread  # noqa: E402
from standin import signing  # noqa: E402
from standin.slack_standin import SlackStandIn  # noqa: E402
from tests.e2e.process import arrange_members  # noqa: E402

SECRET = "bench-secret"
PHASE_SECONDS = 3.0
USERS = [f"UBENCH{i:04d}" for i in range(200)]
# What any app on this stack loads before it does anything (the second yardstick's imports),
# and the driver it talks to PostgreSQL with.
FLOOR_IMPORTS = "sqlalchemy,sqlalchemy.orm"
POSTGRES_DRIVER = "psycopg"


@dataclass
class Server:
    name: str
    proc: subprocess.Popen[bytes]
    base: str
    triggers: itertools.count[int] = field(default_factory=itertools.count)


@dataclass
class Figures:
    acks: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)


def _wait_up(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            return
        except urllib.error.HTTPError:
            return  # it answers (404 or 405): up
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{base} did not start")


def _start(name: str, argv: list[str], env: dict[str, str], cwd: Path) -> Server:
    port = free_port()
    proc = subprocess.Popen(argv, cwd=cwd, env={**env, "PORT": str(port)}, stderr=subprocess.DEVNULL)
    server = Server(name, proc, f"http://127.0.0.1:{port}")
    _wait_up(server.base)
    return server


def _one(
    server: Server, user: str, standin: SlackStandIn, team_id: str = signing.TEAM_ID
) -> tuple[float, str, float]:
    """One signed `/incheckning` from `user` of workspace `team_id`: (ack ms, trigger id, sent at)."""
    trigger = f"{server.name}.{next(server.triggers)}"
    body, headers = signing.slash_command(
        SECRET, "/incheckning", "", user, trigger_id=trigger, team_id=team_id
    )
    req = urllib.request.Request(server.base + "/slack/events", data=body.encode(), headers=headers)
    sent = time.monotonic()
    with urllib.request.urlopen(req, timeout=10) as resp:
        resp.read()
        assert resp.status == 200
    return (time.monotonic() - sent) * 1000, trigger, sent


def _opens(standin: SlackStandIn, sent: dict[str, float]) -> list[float]:
    standin.wait_for(
        "views.open", len(sent), timeout=15, predicate=lambda c: c.params.get("trigger_id") in sent
    )
    return [
        (c.at - sent[c.params["trigger_id"]]) * 1000
        for c in standin.calls_to("views.open")
        if c.params.get("trigger_id") in sent
    ]


def phase(server: Server, clients: int, standin: SlackStandIn, figures: Figures) -> None:
    """`clients` closed-loop clients for PHASE_SECONDS; acks, opens, count and CPU recorded."""
    standin.reset()
    sent: dict[str, float] = {}
    acks: list[float] = []
    lock = threading.Lock()
    users = itertools.cycle(USERS)
    stop_at = time.monotonic() + PHASE_SECONDS

    def client() -> None:
        while time.monotonic() < stop_at:
            with lock:
                user = next(users)
            ack, trigger, at = _one(server, user, standin)
            with lock:
                acks.append(ack)
                sent[trigger] = at

    cpu = cpu_seconds(server.proc.pid)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.opens.extend(_opens(standin, sent))
    figures.cpu_ms.append((cpu_seconds(server.proc.pid) - cpu) * 1000 / len(acks))
    figures.acks.extend(acks)
    figures.counts.append(len(acks))


def run(args: argparse.Namespace) -> dict[str, Any]:
    url = fresh_database(args.database_url)
    arrange_members(url, USERS)
    standin = SlackStandIn().start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "ORGANISERS"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        DATABASE_URL=url,
        SLACK_API_URL=standin.url,
        RUN_SCHEDULER="false",
        HOST="127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    cwd = Path(url.rsplit("/", 1)[-1]).parent if url.startswith("sqlite") else ROOT
    bare = [sys.executable, str(ROOT / "bench" / "bare_bolt.py")]
    servers = [_start("app", [sys.executable, "-m", "bot"], env, cwd), _start("bare", bare, env, cwd)]
    result: dict[str, Any] = {}
    modal = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        for s in servers:
            result[s.name] = {"rss_start": rss_mib(s.proc.pid)}
        if args.floor:  # the second yardstick opens exactly the modal the app opened
            _one(servers[0], USERS[0], standin)
            [call] = standin.wait_for("views.open", 1, timeout=10)
            modal.write_text(json.dumps(call.params["view"]), encoding="utf-8")
            imports = FLOOR_IMPORTS + (f",{POSTGRES_DRIVER}" if args.database_url else "")
            floor_env = {**env, "BARE_MODAL_FILE": str(modal), "BARE_IMPORTS": imports}
            servers.append(_start("floor", bare, floor_env, cwd))
            result["floor"] = {"rss_start": rss_mib(servers[-1].proc.pid)}
        warm = Figures()
        for user in USERS:  # 200 requests each, one at a time, interleaved
            for s in servers:
                warm.acks.append(_one(s, user, standin)[0])
        for s in servers:
            result[s.name]["rss_200"] = rss_mib(s.proc.pid)
        for clients in (1, 20):
            figures = {s.name: Figures() for s in servers}
            for rnd in range(args.rounds):
                for s in servers if rnd % 2 == 0 else servers[::-1]:
                    phase(s, clients, standin, figures[s.name])
            for name, f in figures.items():
                result[name][clients] = {
                    "ack_p50": statistics.median(f.acks),
                    "ack_p99": pct(f.acks, 0.99),
                    "open_p50": statistics.median(f.opens),
                    "open_p99": pct(f.opens, 0.99),
                    "count_3s": statistics.median(f.counts),
                    "cpu_ms": statistics.median(f.cpu_ms),
                }
    finally:
        for s in servers:
            s.proc.terminate()
            s.proc.wait(timeout=10)
        standin.stop()
        drop_database(url)
        modal.unlink(missing_ok=True)
    return result


ROWS = [
    ("`/incheckning` ack p50, 1 client (ms)", lambda r: r[1]["ack_p50"]),
    ("`/incheckning` ack p99, 1 client (ms)", lambda r: r[1]["ack_p99"]),
    ("views.open p99, 1 client (ms)", lambda r: r[1]["open_p99"]),
    ("ack p50, 20 clients (ms)", lambda r: r[20]["ack_p50"]),
    ("ack p99, 20 clients (ms)", lambda r: r[20]["ack_p99"]),
    ("views.open p99, 20 clients (ms)", lambda r: r[20]["open_p99"]),
    ("acks in 3 s, 1 client", lambda r: r[1]["count_3s"]),
    ("acks in 3 s, 20 clients", lambda r: r[20]["count_3s"]),
    ("server CPU per request, 1 client (ms)", lambda r: r[1]["cpu_ms"]),
    ("server CPU per request, 20 clients (ms)", lambda r: r[20]["cpu_ms"]),
    ("RSS after start (MiB)", lambda r: r["rss_start"]),
    ("RSS after 200 requests (MiB)", lambda r: r["rss_200"]),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="whole runs on fresh processes")
    parser.add_argument("--rounds", type=int, default=2, help="3-second phases per server and concurrency")
    parser.add_argument("--database-url", help="a PostgreSQL server to make a fresh database on")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also run a second yardstick: bare Bolt opening the app's own modal, with SQLAlchemy "
        "(and on PostgreSQL its driver) loaded",
    )
    args = parser.parse_args()
    runs = []
    for number in range(args.runs):
        result = run(args)
        runs.append(result)
        print(
            f"run {number + 1}: "
            + ", ".join(
                f"{label.split(' (')[0]} {get(result['app']):.1f}/{get(result['bare']):.1f}"
                for label, get in ROWS[:2]
            ),
            flush=True,
        )
    db = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\n{args.runs} runs, {db}; each figure the median run's; ratio app / bare as min / median / max\n")
    yardsticks = ["bare", "floor"] if args.floor else ["bare"]
    head = "| figure | this app | bare Bolt | ratio (min / median / max) |"
    if args.floor:
        head += " bare Bolt + app's modal + SQLAlchemy | ratio to it |"
    print(head)
    print("|---" * head.count(" | ") + "|---|")
    summary = {}
    for label, get in ROWS:
        apps = [get(r["app"]) for r in runs]
        line = f"| {label} | {statistics.median(apps):.1f} |"
        summary[label] = {"app": apps}
        for name in yardsticks:
            others = [get(r[name]) for r in runs]
            pairs = zip(apps, others, strict=True)
            if label.startswith("acks in 3 s"):  # fewer is worse: bare / app
                ratios = [b / a if a else float("inf") for a, b in pairs]
            else:
                ratios = [a / b if b else float("inf") for a, b in pairs]
            summary[label] |= {name: others, f"ratios_{name}": ratios}
            line += f" {statistics.median(others):.1f} | {spread(ratios)}× |"
        print(line)
    print("\n(for the counts the ratio is bare / app, so that above 1 means slower, like the others)")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"ack_time_{db.lower()}.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
