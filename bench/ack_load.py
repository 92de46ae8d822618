"""Ack times under concurrent load while Slack is slow (a benchmark, not a test).

Starts `python -m bot` as a real process (waitress, production mode: listeners go on after the
ack) against the Slack stand-in with a fixed latency on every Web API call, then sends bursts of
N simultaneous, correctly signed `/incheckning` commands (each opens a modal, so each listener
holds its thread through a slow views.open after the ack). A burst is sent again only once the
previous burst's views.open calls have all been answered, so every burst meets an idle server,
as a crowd clicking at once does.

For each Slack latency and each number of simultaneous clients it reports the ack time (p50,
p99, max) and how many acks took 3 s or more (Slack gives up then; Bolt answers 404 itself
when no listener acked within 3 s, and those count too).

    python bench/ack_load.py                          # latencies 0.1 and 5 s; 1, 20, 50 clients
    python bench/ack_load.py --listener-threads 5     # Bolt's own default, for comparison
    python bench/ack_load.py --rounds 2 --latencies 5 --clients 50
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ack_time import _pct  # noqa: E402
from standin import signing  # noqa: E402
from standin.slack_standin import SlackStandIn  # noqa: E402
from storage.db import upgrade  # noqa: E402
from tests.conftest import SECRET  # noqa: E402
from tests.e2e.process import arrange_members, start_server, stop_server  # noqa: E402

SLACK_GIVES_UP = 3.0


def _ack(base: str, user: str) -> tuple[int, float]:
    body, headers = signing.slash_command(SECRET, "/incheckning", "", user)
    req = urllib.request.Request(base + "/slack/events", data=body.encode(), headers=headers, method="POST")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            resp.read()
            status = int(resp.status)
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--latencies", default="0.1,5", help="seconds every Slack call takes, comma-separated"
    )
    parser.add_argument(
        "--clients", default="1,20,50", help="simultaneous clients per burst, comma-separated"
    )
    parser.add_argument("--rounds", type=int, default=5, help="bursts per level")
    parser.add_argument("--listener-threads", help="LISTENER_THREADS for the server (default: the app's)")
    parser.add_argument("--web-threads", help="WEB_THREADS for the server (default: the app's)")
    args = parser.parse_args()
    latencies = [float(x) for x in args.latencies.split(",")]
    levels = [int(x) for x in args.clients.split(",")]
    extra = {
        name: value
        for name, value in (("LISTENER_THREADS", args.listener_threads), ("WEB_THREADS", args.web_threads))
        if value
    }

    workdir = Path(tempfile.mkdtemp(prefix="ackload-"))
    url = f"sqlite:///{workdir / 'e2e.db'}"
    upgrade(url)
    users = [f"ULOAD{i:04d}" for i in range(max(levels))]
    arrange_members(url, users)
    results = []
    print(
        f"python -m bot (waitress) on 127.0.0.1, SQLite, {args.rounds} bursts per row, settings {extra or 'default'}\n"
    )
    print("| Slack latency | clients | acks | p50 ms | p99 ms | max ms | acks ≥ 3 s or refused |")
    print("|---|---|---|---|---|---|---|")
    for latency in latencies:
        with SlackStandIn() as standin:
            server = start_server(standin.url, workdir, **extra)
            base = server["base"]
            try:
                standin.latency = latency
                opened = 0
                for clients in levels:
                    acks: list[float] = []
                    late = 0
                    with ThreadPoolExecutor(clients) as pool:
                        for _ in range(args.rounds):
                            for status, seconds in pool.map(partial(_ack, base), users[:clients]):
                                acks.append(seconds * 1000)
                                late += status != 200 or seconds >= SLACK_GIVES_UP
                            opened += clients
                            # Let this burst's listeners finish before the next burst.
                            standin.wait_for("views.open", opened, timeout=latency * clients + 60)
                    row = {
                        "latency_s": latency,
                        "clients": clients,
                        "acks": len(acks),
                        "p50_ms": statistics.median(acks),
                        "p99_ms": _pct(acks, 0.99),
                        "max_ms": max(acks),
                        "over_3s": late,
                    }
                    results.append(row)
                    print(
                        f"| {latency:g} s | {clients} | {len(acks)} | {row['p50_ms']:.0f} | {row['p99_ms']:.0f} "
                        f"| {row['max_ms']:.0f} | {late} |",
                        flush=True,
                    )
            finally:
                stop_server(server)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    name = "ack_load.json" if not extra else f"ack_load-{'-'.join(f'{k}{v}' for k, v in extra.items())}.json"
    (out / name).write_text(json.dumps({"settings": extra, "rows": results}, indent=2))
    shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
