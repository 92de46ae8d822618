"""Ack time of `/incheckning` against the local Slack stand-in (a benchmark, not a test).

Starts `python -m bot` as a real process (waitress, production mode: listeners run after the
ack), sends N correctly signed `/incheckning` commands over HTTP and measures, per request:
  * ack: until the HTTP answer arrives (Slack wants it within 3 s),
  * views.open: until the stand-in has recorded the modal being opened (trigger valid 3 s).
Also `GET /healthz` in the same run, as the floor an HTTP round trip costs on this machine.

    python bench/ack_time.py [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from standin import signing  # noqa: E402
from standin.slack_standin import SlackStandIn  # noqa: E402
from storage.db import upgrade  # noqa: E402
from tests.e2e.process import arrange_members  # noqa: E402

SECRET = "bench-secret"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(url: str, body: str, headers: dict[str, str]) -> int:
    req = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        resp.read()
        return int(resp.status)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ackbench-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    upgrade(url)
    users = [f"UBENCH{i:04d}" for i in range(args.requests)]
    arrange_members(url, users)

    standin = SlackStandIn().start()
    port = _port()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        DATABASE_URL=url,
        SLACK_API_URL=standin.url,
        RUN_SCHEDULER="false",
        PORT=str(port),
        HOST="127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    proc = subprocess.Popen([sys.executable, "-m", "bot"], cwd=workdir, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        health: list[float] = []
        acks: list[float] = []
        opens: list[float] = []
        for user in users:
            started = time.perf_counter()
            with urllib.request.urlopen(base + "/healthz", timeout=5) as resp:
                resp.read()
            health.append((time.perf_counter() - started) * 1000)

            trigger = f"bench.{user}"
            body, headers = signing.slash_command(SECRET, "/incheckning", "", user, trigger_id=trigger)
            sent_mono = time.monotonic()
            started = time.perf_counter()
            status = _post(base + "/slack/events", body, headers)
            acks.append((time.perf_counter() - started) * 1000)
            assert status == 200
            [call] = standin.wait_for(
                "views.open", 1, timeout=5, predicate=lambda c, t=trigger: c.params.get("trigger_id") == t
            )
            opens.append((call.at - sent_mono) * 1000)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        standin.stop()

    rows = {
        "GET /healthz": health,
        "/incheckning → HTTP ack": acks,
        "/incheckning → views.open at the stand-in": opens,
    }
    print(f"{args.requests} requests, one at a time, python -m bot (waitress) on 127.0.0.1\n")
    print("| measure | median ms | p95 ms | max ms | median / healthz |")
    print("|---|---|---|---|---|")
    base_median = statistics.median(health)
    result = {}
    for name, values in rows.items():
        median = statistics.median(values)
        result[name] = {"median_ms": median, "p95_ms": _pct(values, 0.95), "max_ms": max(values)}
        print(
            f"| {name} | {median:.1f} | {_pct(values, 0.95):.1f} | {max(values):.1f} | {median / base_median:.1f}× |"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ack_time.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
