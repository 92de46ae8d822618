"""Benchmark: many workspaces' invitations due at one instant, served by 1, 2 and 4 scheduler processes.

    python bench/workspaces.py --database-url postgresql://postgres@127.0.0.1:54329/postgres
    python bench/workspaces.py --database-url ... --workspaces 5 --members 50 --processes 1,2

20 workspaces (team ids T0001...), one network each, 200 active members each, one meeting per
network whose invitation is due at the instant every scheduler's clock stands at. For each
count of processes, on a fresh PostgreSQL database: that many real OS processes (this script with
--tick) each run one `run_tick` with a token per workspace ("xoxb-T0001", ...), started at once.
Meanwhile 20 closed-loop clients (threads of a process of their own) send signed `/incheckning`
commands to `python -m bot` (waitress, as in bench/ack_time.py) as members of every workspace in
turn, and their acks are timed. The Slack stand-in enforces chat.postMessage's workspace limit per token (a token bucket
of PER_SECOND posts per second, burst BURST: bench/fanout.py's reading of Slack's "several
hundred messages per minute", not scaled down) and answers each post after LATENCY seconds.

Figures: the fan-out time (first to last post the stand-in accepted) and the wall time (from
starting the processes to the last one's exit) against the floor, the least time the slowest
workspace's bucket allows for its members; duplicates and losses from the stand-in's record
(posts per member) and from the ledger (rows not 'sent'); each process's share of the posts; the
429s; ack p50 / p99. Prints a Markdown table; writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ack_time import SECRET, Server, _one, _start  # noqa: E402
from bench.common import drop_database, fresh_database, pct  # noqa: E402
from bench.fanout import STARTS, TZ, floor_seconds  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.scheduler import run_tick  # noqa: E402
from bot.meeting.timeline import INVITATION, meeting_sends  # noqa: E402
from bot.runtime import build_runtime  # noqa: E402
from standin.slack_standin import SlackStandIn  # noqa: E402
from storage.db import all_networks_factory, make_engine, transaction  # noqa: E402
from storage.models import Delivery, Meeting, Member, Network, Organisation  # noqa: E402

PER_SECOND = 10.0  # chat.postMessage per workspace: 600 a minute
BURST = 20
LATENCY = 0.1  # a Web API round trip from a server in Europe
ACK_CLIENTS = 20


def team(number: int) -> str:
    return f"T{number:04d}"


def token(team_id: str) -> str:
    return f"xoxb-{team_id}"


def user(team_id: str, number: int) -> str:
    return f"U{team_id[1:]}{number:04d}"


def arrange(url: str, workspaces: int, members: int) -> dict[str, list[str]]:
    """A network per workspace with its members and a meeting; the members' ids by team."""
    engine = make_engine(url)
    people: dict[str, list[str]] = {}
    with transaction(all_networks_factory(engine)) as s:
        for n in range(1, workspaces + 1):
            network = Network(name=f"Nätverk {n}", team_id=team(n), organisers_channel=f"C0ADMIN{n:02d}")
            s.add(network)
            s.flush()
            org = Organisation(name="Försäkringskassan", network_id=network.id)
            s.add(org)
            users = [user(team(n), m) for m in range(members)]
            s.add_all(
                Member(slack_user_id=u, name=u, organisation=org, active=True, network_id=network.id)
                for u in users
            )
            s.add(Meeting(starts_at=STARTS, place="Stadshuset", network_id=network.id))
            people[team(n)] = users
    engine.dispose()
    return people


def tick(url: str, api_url: str, at: str, workspaces: int) -> None:
    """One scheduler process: one tick at `at`, every workspace with its own token."""
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        database_url=url,
        slack_api_url=api_url,
        organisers=("U0ORG",),
        run_scheduler=False,
    )
    moment = dt.datetime.fromisoformat(at)
    tokens = {team(n): token(team(n)) for n in range(1, workspaces + 1)}
    runtime = replace(build_runtime(settings, clock=lambda: moment), tokens=tokens.get)
    report = run_tick(runtime)
    runtime.engine.dispose()
    print(json.dumps({"pid": os.getpid(), "sent": report.sent, "tick": str(report)}), flush=True)


def _acks(server: Server, standin: SlackStandIn, people: dict[str, list[str]], done: Any, out: Any) -> None:
    """Closed-loop `/incheckning` from ACK_CLIENTS clients, members of every workspace in turn,
    until `done` is set; the acks (ms) into `out`. Run in a process of its own, so the clients do
    not share a GIL with the stand-in."""
    callers = [(t, users[i]) for i in range(len(next(iter(people.values())))) for t, users in people.items()]
    acks: list[float] = []
    lock = threading.Lock()
    turn = iter(range(10**9))

    def client() -> None:
        while not done.is_set():
            with lock:
                team_id, member = callers[next(turn) % len(callers)]
            ack = _one(server, member, standin, team_id)[0]
            with lock:
                acks.append(ack)

    threads = [threading.Thread(target=client) for _ in range(ACK_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put(acks)


def _ledger(url: str) -> tuple[Counter[str], Counter[str]]:
    """Rows by state, and sent rows by the process (pid) that claimed them."""
    engine = make_engine(url)
    with all_networks_factory(engine)() as s:
        rows = [(d.state, d.claimed_by, d.recipient) for d in s.query(Delivery) if "#" not in d.send_key]
    engine.dispose()
    people = [r for r in rows if not r[2].startswith(("~", "C"))]  # not markers or channels
    by_state = Counter(str(state) for state, _, _ in people)
    by_process = Counter((by or "?:?").split(":")[1] for state, by, _ in people if str(state) == "sent")
    return by_state, by_process


def run(
    postgres: str,
    processes: int,
    workspaces: int,
    members: int,
    server_env: dict[str, str],
    limit: tuple[float, int] = (PER_SECOND, BURST),
) -> dict[str, Any]:
    url = fresh_database(postgres)
    people = arrange(url, workspaces, members)
    at = next(s.due_at for s in meeting_sends(STARTS, TZ) if s.kind == INVITATION)
    standin = SlackStandIn().start()
    standin.rate_limit("chat.postMessage", per_second=limit[0], burst=limit[1], key="token")
    standin.latency = {"chat.postMessage": LATENCY}
    env = {**server_env, "DATABASE_URL": url, "SLACK_API_URL": standin.url}
    server = _start("app", [sys.executable, "-m", "bot"], env, ROOT)
    try:
        for t, users in people.items():  # warm the app: one request per workspace
            _one(server, users[0], standin, t)
        fork = multiprocessing.get_context("fork")
        done, out = fork.Event(), fork.Queue()
        acking = fork.Process(target=_acks, args=(server, standin, people, done, out))
        acking.start()
        started = time.monotonic()
        argv = [sys.executable, __file__, "--tick", url, standin.url, at.isoformat(), str(workspaces)]
        procs = [
            subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(processes)
        ]
        outputs = [json.loads(p.communicate(timeout=600)[0].strip().splitlines()[-1]) for p in procs]
        wall = time.monotonic() - started
        done.set()
        acks: list[float] = out.get(timeout=60)
        acking.join()
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=10)
        standin.stop()
    posts = standin.calls_to("chat.postMessage")
    accepted = [c for c in posts if c.ok]
    per_member = Counter(c.params.get("channel") for c in accepted)
    wrong_token = sum(1 for c in accepted if c.token != token("T" + str(c.params["channel"])[1:5]))
    everyone = [u for users in people.values() for u in users]
    by_state, by_process = _ledger(url)
    drop_database(url)
    return {
        "processes": processes,
        "workspaces": workspaces,
        "members": members,
        "fanout_seconds": round(max(c.at for c in accepted) - min(c.at for c in accepted), 1),
        "wall_seconds": round(wall, 1),
        "floor_seconds": round(floor_seconds(members, *limit), 1),
        "posts": len(accepted),
        "rate_limited": sum(1 for c in posts if c.status == 429),
        "duplicates": sum(n - 1 for n in per_member.values() if n > 1),
        "losses": sum(1 for u in everyone if per_member[u] == 0),
        "wrong_token": wrong_token,
        "ledger": dict(by_state),
        "sent_per_process": sorted(by_process.values(), reverse=True),
        "ticks": [o["tick"] for o in outputs],
        "ack_count": len(acks),
        "ack_p50_ms": round(statistics.median(acks), 1) if acks else None,
        "ack_p99_ms": round(pct(acks, 0.99), 1) if acks else None,
    }


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scheduler processes | fan-out (s) | wall (s) | floor (s) | fan-out / floor | posts | 429s "
        "| duplicates | losses | ledger not 'sent' | posts per process | acks | ack p50 (ms) | ack p99 (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        unsent = sum(n for state, n in r["ledger"].items() if state != "sent")
        lines.append(
            f"| {r['processes']} | {r['fanout_seconds']} | {r['wall_seconds']} | {r['floor_seconds']} "
            f"| {r['fanout_seconds'] / r['floor_seconds']:.2f}× | {r['posts']} | {r['rate_limited']} "
            f"| {r['duplicates']} | {r['losses']} | {unsent} | {' / '.join(map(str, r['sent_per_process']))} "
            f"| {r['ack_count']} | {r['ack_p50_ms']} | {r['ack_p99_ms']} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--tick":
        tick(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", required=True, help="a PostgreSQL server to make fresh databases on"
    )
    parser.add_argument("--workspaces", type=int, default=20)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--processes", default="1,2,4", help="scheduler process counts, comma-separated")
    parser.add_argument("--per-second", type=float, default=PER_SECOND, help="posts per second per workspace")
    parser.add_argument("--burst", type=int, default=BURST, help="the workspace bucket's burst")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "ORGANISERS"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        RUN_SCHEDULER="false",
        HOST="127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    results = []
    for count in (int(n) for n in args.processes.split(",")):
        limit = (args.per_second, args.burst)
        result = run(args.database_url, count, args.workspaces, args.members, env, limit)
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k != "ticks"}), flush=True)
    print(
        f"\n{args.workspaces} workspaces x {args.members} members, PostgreSQL; chat.postMessage "
        f"{args.per_second:g}/s burst {args.burst} per workspace (per token), {LATENCY * 1000:.0f} ms a post; "
        f"{ACK_CLIENTS} `/incheckning` clients during the fan-out\n"
    )
    print(table(results))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"workspaces_{args.workspaces}x{args.members}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
