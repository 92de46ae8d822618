"""The scheduler: one APScheduler 3 object; `run_tick` is the job and `chefsnatverket tick`.

APScheduler only does the timing (a tick every TICK_INTERVAL_SECONDS); the database decides what
is due. A tick asks every source (bot/delivery/sends.py; the composition root puts them in
Runtime.sources) what is due at its instant, and hands each due send to the delivery ledger
(bot/delivery/ledger.py), which posts it to each recipient once. Sends due while the app was
down go out late within the grace window (GRACE_HOURS); older ones, and ones
past their own last moment (`DueSend.stale_after`), are recorded as expired and reported to the
organisers' channel instead, never silently dropped.

One process runs the scheduler (see the Procfile); on PostgreSQL more may, and share the work:
the ledger's claims skip rows another process holds, so each recipient is claimed by one of them
(bot/delivery/fanout.py). On SQLite one scheduler is the rule (a second, or a manual `tick`
beside it, is still safe, only not faster).

Slack's limits are per workspace. With one bot token (Runtime.tokens None) a tick serves its
networks one after the other through one Pacer, as always. Serving many workspaces, a tick groups
the networks by workspace (network.team_id) and serves up to WORKSPACE_THREADS workspaces at
once, each with its own client (its own token), Pacer and tick_client: a 429 in one workspace
pauses that workspace only. On PostgreSQL a tick first serves the workspaces no other scheduler
is serving (an advisory lock per workspace), then helps with the others, so N schedulers spread
over the workspaces before they split one. A workspace with no installation (or a network with
no team yet) sends nothing and its rows are not touched; the tick counts it and says so once,
at INFO.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import threading
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from bot import workspace
from bot.delivery.fanout import deliver, expire, pool
from bot.delivery.finished import unfinished
from bot.delivery.ledger import LEASE_MINUTES, Fanout, Outcome
from bot.delivery.pacing import Pacer, tick_client
from bot.delivery.report import kind_label, report_items, report_problems
from bot.delivery.sends import DueSend, too_late
from storage import ledger as rows
from storage import ledger_queue, networks
from storage.db import transaction
from storage.scope import session_network

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler
    from slack_sdk import WebClient

    from bot.runtime import Runtime

# kind_label and report_items are read from here by bot/admin/status.py.
__all__ = ["TickReport", "kind_label", "lateness", "report_items", "run_tick", "start_scheduler"]

logger = logging.getLogger(__name__)

# Workspaces one tick serves at once (each posts with its own pool of WORKERS threads).
WORKSPACE_THREADS = 8


@dataclass
class TickReport:
    """What one tick did, in numbers (never message text)."""

    at: dt.datetime
    due: int = 0  # sends whose time had come
    sent: int = 0
    failed: int = 0
    retry: int = 0  # to be tried (or checked in Slack) again by a later tick
    verified: int = 0  # found in Slack after a time-out or crash, so not posted again
    expired: int = 0  # too late to send: recorded and reported
    interrupted: int = 0  # claims of a process that died mid-send, now to be checked in Slack
    reported: int = 0  # failed/expired deliveries reported to the organisers
    errors: int = 0  # sources or sends that raised (logged with traceback)
    not_installed: int = 0  # workspaces with networks but no installation: nothing sent there
    seconds: float = 0.0

    def add(self, other: TickReport) -> None:
        """Count `other` (one workspace's part of this tick) in; not thread-safe by itself."""
        for counter in fields(self):
            if counter.name not in ("at", "seconds"):
                setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))

    def __str__(self) -> str:
        missing = f", {self.not_installed} workspaces not installed" if self.not_installed else ""
        return (
            f"tick at {self.at.isoformat(timespec='seconds')}: {self.sent} sent, "
            f"{self.verified} found already sent, {self.failed} failed, "
            f"{self.retry} to retry, {self.expired} expired, {self.reported} reported "
            f"({self.due} sends due, {self.interrupted} interrupted, {self.errors} errors{missing}, "
            f"{self.seconds:.1f} s)"
        )


def _claimer() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def due_sends(runtime: Runtime, at: dt.datetime, report: TickReport) -> list[DueSend]:
    """Every source's due sends, in time order; a failing source is logged, the others go on."""
    found: list[DueSend] = []
    for source in runtime.sources:
        try:
            with transaction(runtime.sessions) as session:
                found.extend(d for d in source.due(session, runtime, at) if d.due_at <= at)
        except Exception:
            logger.exception("scheduled-send source %s failed", source.name)
            report.errors += 1
    return sorted(found, key=lambda d: (d.due_at, d.send_key))


def do_work(runtime: Runtime, at: dt.datetime, report: TickReport) -> None:
    """Every source's work step (Source.work); a failing one is logged, the others go on."""
    for source in runtime.sources:
        if source.work is None:
            continue
        try:
            source.work(runtime, at)
        except Exception:
            logger.exception("scheduled work of %s failed", source.name)
            report.errors += 1


def lateness(due: DueSend, at: dt.datetime, grace: dt.timedelta) -> str | None:
    """Why `due` may no longer be sent at `at` ("late"), or None when it may."""
    return "late" if too_late(due.due_at, due.always_send_late, due.stale_after, at, grace) else None


# Ledger states after which a recipient still gets the send (a later attempt or a check in Slack).
_STILL_TO_GO = frozenset({*rows.PENDING_STATES, rows.CLAIMED})


def plan_tick(runtime: Runtime, at: dt.datetime) -> list[str]:
    """What a tick at `at` would do, one line per due send, without sending or recording anything
    (`chefsnatverket tick --dry-run`). Never message text: kinds, keys and counts."""
    at = at.astimezone(dt.UTC)
    grace = dt.timedelta(hours=runtime.settings.grace_hours)
    lines = []
    for due in due_sends(runtime, at, TickReport(at)):
        with runtime.sessions() as session:
            done = {
                r for r, row in rows.rows_for(session, due.send_key).items() if row.state not in _STILL_TO_GO
            }
        waiting = [r for r in due.recipients if r not in done]
        if not waiting:
            continue
        when = due.due_at.astimezone(runtime.tz).isoformat(sep=" ", timespec="minutes")
        what = "recorded as too late and reported" if lateness(due, at, grace) else "sent"
        then = ", then its follow-up (e.g. closing the round)" if due.after_sent and what == "sent" else ""
        lines.append(f"{when} {due.kind} ({due.send_key}): {len(waiting)} recipient(s), {what}{then}")
    return lines


def run_tick(runtime: Runtime, at: dt.datetime | None = None) -> TickReport:
    """Do, once, every send that is due at `at` (default: the runtime's clock), in every network."""
    started = runtime.monotonic()
    at = (at or runtime.now()).astimezone(dt.UTC)
    report = TickReport(at.astimezone(runtime.tz))  # reported in local time, like the log lines
    served = network_ids(runtime)
    # Retention is due whether or not Slack takes our sends. It is the deployment's work (one
    # RETENTION_MONTHS for all), done in the first network's session, its audit entry there.
    do_work(runtime.for_network(served[0]), at, report)
    if runtime.tokens is None:
        if workspace.sending_stopped(runtime):
            return report  # Slack revoked the bot token: logged once when it happened, never retried
        _tick_workspace(runtime, runtime.client, served, at, report)
    else:
        _tick_workspaces(runtime, served, at, report)
    report.seconds = runtime.monotonic() - started
    did = (report.sent, report.failed, report.retry, report.verified, report.expired, report.interrupted)
    busy = any(did) or report.reported or report.errors  # an idle tick is logged at DEBUG only
    logger.log(logging.INFO if busy else logging.DEBUG, "%s", report)
    return report


def network_ids(runtime: Runtime) -> list[int]:
    """The networks a tick serves: the runtime's own, or every network of the deployment."""
    if runtime.network_id is not None:
        return [runtime.network_id]
    with transaction(runtime.all_networks()) as session:
        ids = [n.id for n in networks.all_networks(session)]
    # A new database has no network yet: its first comes with the first session (storage/scope.py).
    return ids or [networks_first(runtime)]


def networks_first(runtime: Runtime) -> int:
    with transaction(runtime.sessions) as session:
        return session_network(session)


def workspaces_of(runtime: Runtime, served: Sequence[int]) -> dict[str | None, list[int]]:
    """The served networks by workspace (team id; None: a network of the single-token workspace)."""
    with transaction(runtime.all_networks()) as session:
        teams = {n.id: n.team_id for n in networks.all_networks(session)}
    grouped: dict[str | None, list[int]] = {}
    for network_id in served:
        grouped.setdefault(teams.get(network_id), []).append(network_id)
    return grouped


def _tick_workspaces(runtime: Runtime, served: Sequence[int], at: dt.datetime, report: TickReport) -> None:
    """Every workspace's part of the tick, up to WORKSPACE_THREADS workspaces at once."""
    grouped = workspaces_of(runtime, served)
    # A network with no team yet (before the first install adopts it) has no token to send with.
    clients = {team: runtime.workspace_client(team) if team else None for team in grouped}
    missing = sorted(str(team) for team, client in clients.items() if client is None)
    if missing:  # uninstalled: nothing is sent or claimed there, and nothing is retried
        report.not_installed += len(missing)
        logger.info("%d workspaces not installed, nothing sent there: %s", len(missing), ", ".join(missing))
    live = deque((team, client) for team, client in clients.items() if client is not None)
    # Several schedulers start on different workspaces, so together they serve more at once.
    random.shuffle(live)
    deferred: deque[tuple[str | None, WebClient]] = deque()
    lock = threading.Lock()

    def serve(team: str | None, client: WebClient) -> None:
        part = TickReport(report.at)
        try:
            _tick_workspace(runtime, client, grouped[team], at, part)
        except Exception:
            logger.exception("tick of workspace %s failed", team)
            part.errors += 1
        with lock:
            report.add(part)

    def worker() -> None:
        """Workspaces no other scheduler is serving first; then the others', to share them."""
        while True:
            with lock:
                first = bool(live)
                if not first and not deferred:
                    return
                team, client = live.popleft() if first else deferred.popleft()
            with workspace_lease(runtime, team) as mine:
                if first and not mine:
                    with lock:
                        deferred.append((team, client))
                    continue
                serve(team, client)

    if not live:
        return
    with ThreadPoolExecutor(min(len(live), WORKSPACE_THREADS), thread_name_prefix="workspace") as executor:
        for running in [executor.submit(worker) for _ in range(min(len(live), WORKSPACE_THREADS))]:
            running.result()


@contextmanager
def workspace_lease(runtime: Runtime, team: str | None) -> Iterator[bool]:
    """Whether this process is the only scheduler serving `team` now (PostgreSQL: an advisory
    lock, held while the block runs; SQLite: always). It only orders the work: correctness is
    the ledger's claims, which hold whoever serves a workspace."""
    if runtime.engine.dialect.name != "postgresql":
        yield True
        return
    with runtime.all_networks()() as session:  # one connection holds the lock, then frees it
        mine = ledger_queue.try_lease(session, f"workspace:{team}")
        try:
            yield mine
        finally:
            if mine:
                ledger_queue.end_lease(session, f"workspace:{team}")


def _tick_workspace(
    runtime: Runtime, client: WebClient, network_ids: Sequence[int], at: dt.datetime, report: TickReport
) -> None:
    """One workspace's networks, one after the other, at that workspace's pace (its own Pacer)."""
    pacer = Pacer(monotonic=runtime.monotonic, sleep=runtime.sleep)
    paced = tick_client(client, pacer)
    for network_id in network_ids:
        _tick_network(runtime.for_network(network_id).with_client(client), at, report, pacer, paced)


def _tick_network(
    runtime: Runtime, at: dt.datetime, report: TickReport, pacer: Pacer, client: WebClient
) -> None:
    """One network's part of a tick (its sessions see its rows only), posting through `client`
    (the workspace's tick_client)."""
    lease = dt.timedelta(minutes=LEASE_MINUTES)
    with transaction(runtime.sessions) as session:
        interrupted = rows.mark_interrupted(session, runtime.now() - lease)
    report.interrupted += interrupted
    if interrupted:
        logger.warning(
            "%d deliveries were interrupted mid-send; checked in Slack before any resend", interrupted
        )
    grace = dt.timedelta(hours=runtime.settings.grace_hours)
    fan = Fanout(runtime, at, _claimer(), pacer, client)
    dues = due_sends(runtime, at, report)
    report.due += len(dues)
    with runtime.sessions() as session:
        work = unfinished(session, dues)  # finished sends cost nothing more
    with pool() as executor:
        for due in work:
            try:
                reason = lateness(due, at, grace)
                if reason is not None:
                    expired = expire(fan, due, reason)
                    report.expired += expired[Outcome.EXPIRED]
                    report.failed += expired[Outcome.FAILED]
                    continue
                outcomes = deliver(fan, due, executor)
                report.sent += outcomes[Outcome.SENT]
                report.verified += outcomes[Outcome.VERIFIED]
                report.failed += outcomes[Outcome.FAILED]
                report.retry += outcomes[Outcome.RETRY]
            except Exception:
                logger.exception("send %s failed", due.send_key)
                report.errors += 1
    if report.errors == 0:
        drop_unwanted_retries(runtime, dues)
    try:
        report.reported += report_problems(runtime, fan)
    except Exception:
        logger.exception("reporting failed sends failed")
        report.errors += 1


def drop_unwanted_retries(runtime: Runtime, dues: list[DueSend]) -> None:
    """Retries whose send no source asks for any more (a cancelled meeting, a removed member)
    are cancelled, so they neither linger as "to be tried again" nor go out unwanted. One whose
    last post may have arrived ('unknown') is failed instead, to be reported as such.

    Only called after a tick in which every source answered: a failing source says nothing
    about what is still wanted.
    """
    wanted = {(d.send_key, r) for d in dues for r in d.recipients}
    with transaction(runtime.sessions) as session:
        unwanted = [d for d in rows.waiting_retries(session) if (d.send_key, d.recipient) not in wanted]
        rows.cancel_retries(session, unwanted)


# ---------------------------------------------------------------- APScheduler


def scheduled_tick(runtime: Runtime) -> None:
    """The interval job: a tick at the current time; errors are logged, never fatal."""
    try:
        run_tick(runtime)
    except Exception:
        logger.exception("scheduled tick failed")


def start_scheduler(runtime: Runtime) -> BackgroundScheduler:
    """Start the in-process scheduler: APScheduler does the timing, the database decides what is due."""
    # Imported here: a web process without the scheduler never loads APScheduler.
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone=runtime.tz)
    scheduler.add_job(
        scheduled_tick,
        "interval",
        args=[runtime],
        seconds=runtime.settings.tick_interval_seconds,
        id="tick",
        max_instances=1,
        coalesce=True,
        next_run_time=dt.datetime.now(runtime.tz),
    )
    scheduler.start()
    return scheduler
