"""Benchmark: the invitation fan-out to 1,000 members against the Slack stand-in with Slack's limits.

    python bench/fanout.py                 # 1,000 members, SQLite, 5 % injected 429/5xx
    python bench/fanout.py --members 200   # a quicker run
    python bench/fanout.py --database-url postgresql://postgres@127.0.0.1:54329/bench
    python bench/fanout.py --send network-summary   # the members' sammanställning at the deadline

`--send network-summary` fans out the network's sammanställning (Insyn) instead: `--checkins`
members (40 by default, a large network's turnout) have checked in, every other answer marked
Bara samordnarna, and every member gets the answers marked Nätverket by DM (one or more
messages each) at the check-in deadline. Only that send's source runs in the tick.

Not a test: it prints a Markdown table and writes the figures as JSON to bench/results/.
The limits enforced by the stand-in (see bench/README.md for where they come from):

* per channel: 1 chat.postMessage per second, short bursts (a token bucket, burst 3), as Slack
  documents for chat.postMessage; each DM recipient is its own channel;
* workspace-wide: chat.postMessage at WORKSPACE_PER_MINUTE with a burst of WORKSPACE_BURST, our
  reading of "several hundred messages per minute" (Slack publishes no exact figure).

The floor is the least time those limits allow for the messages that must succeed; the run's
wall time is compared with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.delivery import ledger  # noqa: E402
from bot.delivery.scheduler import run_tick  # noqa: E402
from bot.meeting.timeline import DEADLINE_SUMMARY, INVITATION, meeting_sends  # noqa: E402
from bot.runtime import build_runtime  # noqa: E402
from standin.slack_standin import SlackStandIn, _Answer, _err  # noqa: E402
from storage.db import make_engine, transaction, upgrade  # noqa: E402
from storage.meetings import get_network  # noqa: E402
from storage.models import Base, CheckIn, Meeting, Member, Organisation, Visibility  # noqa: E402

TZ = ZoneInfo("Europe/Stockholm")
CHANNEL_PER_SECOND = 1.0
CHANNEL_BURST = 3
WORKSPACE_PER_MINUTE = 600
WORKSPACE_BURST = 20
FAULT_RATE = 0.05
# A Web API round trip from a server in Europe; the stand-in on loopback would answer in 1 ms,
# which would hide whether the fan-out overlaps its requests at all.
LATENCY = 0.1
STARTS = dt.datetime(2027, 3, 16, 13, 0, tzinfo=TZ)
SENDS = ("invitation", "network-summary")
ORGANISATIONS = 8
SECRET_MARK = "SAMORDNARNA-ENBART"


class Bucket:
    """A token bucket like the stand-in's own (whole-second Retry-After, never 0)."""

    def __init__(self, per_second: float, burst: int) -> None:
        self.per_second, self.burst = per_second, burst
        self.tokens: dict[str, tuple[float, float]] = {}

    def level(self, key: str, now: float) -> float:
        tokens, last = self.tokens.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - last) * self.per_second)

    def retry_after(self, tokens: float) -> int:
        return max(1, math.ceil((1.0 - tokens) / self.per_second))


class SlackLimitedStandIn(SlackStandIn):
    """The stand-in with both of chat.postMessage's limits: per channel and workspace-wide.

    A post is let through only when both buckets have a token, and takes one from each.
    """

    def __init__(self, workspace_per_second: float, workspace_burst: int, latency: float) -> None:
        super().__init__()
        self.channel_bucket = Bucket(CHANNEL_PER_SECOND, CHANNEL_BURST)
        self.workspace_bucket = Bucket(workspace_per_second, workspace_burst)
        self.latency = latency
        self.limited: Counter[str] = Counter()

    def _apply_fault(self, method: str, params: dict[str, Any]) -> _Answer | None:
        # Slack is not on loopback: every answer takes a network round trip.
        if self.latency > 0:
            time.sleep(self.latency)
        return super()._apply_fault(method, params)

    def _check_rate(self, method: str, params: dict[str, Any]) -> _Answer | None:
        if method != "chat.postMessage":
            return super()._check_rate(method, params)
        with self._cond:
            now = time.monotonic()
            channel = str(params.get("channel", ""))
            per_channel = self.channel_bucket.level(channel, now)
            workspace = self.workspace_bucket.level("*", now)
            if per_channel >= 1.0 and workspace >= 1.0:
                self.channel_bucket.tokens[channel] = (per_channel - 1.0, now)
                self.workspace_bucket.tokens["*"] = (workspace - 1.0, now)
                return None
            self.channel_bucket.tokens[channel] = (per_channel, now)
            self.workspace_bucket.tokens["*"] = (workspace, now)
            if per_channel < 1.0:
                self.limited["channel"] += 1
                retry = self.channel_bucket.retry_after(per_channel)
            else:
                self.limited["workspace"] += 1
                retry = self.workspace_bucket.retry_after(workspace)
            return _Answer(429, _err("ratelimited"), [("Retry-After", str(retry))])


def floor_seconds(messages: int, per_second: float, burst: int) -> float:
    """The least time a token bucket allows for `messages` posts (each DM is its own channel, so
    the per-channel limit of one message per channel costs nothing)."""
    return max(0.0, (messages - burst) / per_second)


def _checkins(s: Any, meeting: Meeting, members: list[Member], count: int) -> None:
    """`count` check-ins, answers alternately for the network and for the samordnare only."""
    private, network = Visibility.ORGANISERS.value, Visibility.NETWORK.value
    for n, member in enumerate(members[:count]):
        s.add(
            CheckIn(
                meeting_id=meeting.id,
                member_id=member.id,
                occupying=f"Budgetarbetet och rekryteringen av två enhetschefer ({n}).",
                changes=f"{SECRET_MARK} omorganisation {n}",
                support=f"Samverkan kring ungas övergång till arbete ({n}).",
                occupying_visibility=network,
                changes_visibility=private,
                support_visibility=network if n % 2 else private,
            )
        )


def arrange(url: str, members: int, checkins: int = 0) -> list[str]:
    upgrade(url)
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    from storage.db import make_session_factory

    users = [f"U0B{n:05d}" for n in range(members)]
    with transaction(make_session_factory(engine)) as s:
        orgs = [Organisation(name=f"Organisation {n}") for n in range(ORGANISATIONS)]
        s.add_all(orgs)
        people = [
            Member(slack_user_id=u, name=f"Medlem {u}", organisation=orgs[n % ORGANISATIONS], active=True)
            for n, u in enumerate(users)
        ]
        s.add_all(people)
        meeting = Meeting(starts_at=STARTS, place="Stadshuset")
        s.add(meeting)
        s.flush()
        _checkins(s, meeting, people, checkins)
        get_network(s).organisers_channel = "C0ADMIN"
    engine.dispose()
    return users


def run(
    members: int,
    url: str,
    workers: int,
    fault_rate: float,
    seed: int,
    latency: float,
    send: str = "invitation",
    checkins: int = 40,
) -> dict[str, Any]:
    """One fan-out; the figures."""
    shared = send == "network-summary"
    users = arrange(url, members, checkins if shared else 0)
    workspace_per_second = WORKSPACE_PER_MINUTE / 60
    standin = SlackLimitedStandIn(workspace_per_second, WORKSPACE_BURST, latency).start()
    standin.random_faults("chat.postMessage", rate=fault_rate, statuses=(429, 500, 503), seed=seed)
    kind = DEADLINE_SUMMARY if shared else INVITATION
    at = next(s.due_at for s in meeting_sends(STARTS, TZ) if s.kind == kind)
    sources = None
    if shared:
        from bot.checkin.schedule import SOURCE as insyn

        sources = [insyn]
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret="bench",
        database_url=url,
        slack_api_url=standin.url,
        organisers=("U0ORG",),
        run_scheduler=False,
    )
    runtime = build_runtime(settings, clock=lambda: at, sources=sources)
    ledger.WORKERS = workers
    try:
        started = time.monotonic()
        report = run_tick(runtime)
        wall = time.monotonic() - started
    finally:
        runtime.engine.dispose()
        standin.stop()
    calls = standin.calls_to("chat.postMessage")
    per_user = Counter(c.params.get("channel") for c in calls if c.ok)
    each = per_user[users[0]] or 1  # messages per recipient (a long sammanställning has pages)
    losses = [u for u in users if per_user[u] != each]
    floor = floor_seconds(members * each, workspace_per_second, WORKSPACE_BURST)
    statuses = Counter(c.status for c in calls)
    leaked = sum(1 for c in calls if SECRET_MARK in json.dumps(c.params, ensure_ascii=False))
    return {
        "send": send,
        "checkins": checkins if shared else 0,
        "messages_per_member": each,
        "leaked_private_answers": leaked,
        "members": members,
        "database": url.split(":", 1)[0],
        "workers": workers,
        "limits": {
            "per_channel": f"{CHANNEL_PER_SECOND:g}/s, burst {CHANNEL_BURST}",
            "workspace": f"{WORKSPACE_PER_MINUTE}/min ({workspace_per_second:g}/s), burst {WORKSPACE_BURST}",
        },
        "fault_rate": fault_rate,
        "latency_seconds": latency,
        "wall_seconds": round(wall, 2),
        "floor_seconds": round(floor, 2),
        "ratio": round(wall / floor, 3) if floor else None,
        "duplicates": len(standin.duplicate_messages()),
        "losses": len(losses),
        "requests": len(calls),
        "http_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rate_limited_by": dict(standin.limited),
        "tick": str(report),
    }


def table(result: dict[str, Any]) -> str:
    rows = [
        ("send", result["send"]),
        ("check-ins (network-summary)", result["checkins"]),
        ("messages per member", result["messages_per_member"]),
        ("private answers in payloads (target 0)", result["leaked_private_answers"]),
        ("members", result["members"]),
        ("database", result["database"]),
        ("workers", result["workers"]),
        ("limit per channel", result["limits"]["per_channel"]),
        ("limit per workspace", result["limits"]["workspace"]),
        ("injected faults", f"{result['fault_rate']:.0%} (429/500/503)"),
        ("round trip per request", f"{result['latency_seconds'] * 1000:.0f} ms"),
        ("wall time", f"{result['wall_seconds']:.1f} s"),
        ("floor from the limits", f"{result['floor_seconds']:.1f} s"),
        ("ratio (target ≤ 1.1)", result["ratio"]),
        ("duplicates (target 0)", result["duplicates"]),
        ("losses (target 0)", result["losses"]),
        ("requests", result["requests"]),
        ("HTTP statuses", ", ".join(f"{k}: {v}" for k, v in result["http_statuses"].items())),
        ("429s from the limits", ", ".join(f"{k}: {v}" for k, v in result["rate_limited_by"].items()) or "0"),
    ]
    lines = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=ledger.WORKERS)
    parser.add_argument("--fault-rate", type=float, default=FAULT_RATE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency", type=float, default=LATENCY, help="seconds added to every answer")
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    parser.add_argument("--send", choices=SENDS, default="invitation")
    parser.add_argument("--checkins", type=int, default=40, help="check-ins for --send network-summary")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        result = run(
            args.members,
            url,
            args.workers,
            args.fault_rate,
            args.seed,
            args.latency,
            args.send,
            args.checkins,
        )
    print(table(result))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = out / f"fanout-{args.send}-{stamp}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {path.relative_to(ROOT)}")
    met = (
        (result["ratio"] or 0) <= 1.1
        and result["duplicates"] == 0
        and result["losses"] == 0
        and result["leaked_private_answers"] == 0
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
