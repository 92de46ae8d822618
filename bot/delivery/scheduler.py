"""The scheduler: one APScheduler 3 object; `run_tick` is the job and `chefsnatverket tick`.

APScheduler only does the timing (a tick every TICK_INTERVAL_SECONDS); the database decides what
is due. A tick asks every source (bot/delivery/sends.py) what is due at its instant, and hands each due
send to the delivery ledger (bot/delivery/ledger.py), which posts it to each recipient once. Sends due
while the app was down go out late within the grace window (GRACE_HOURS); older ones, and ones
past their own last moment (`DueSend.stale_after`), are recorded as expired and reported to the
organisers' channel instead, never silently dropped.

Exactly one process should run the scheduler (see the Procfile); running two, or a manual
`tick` beside it, is still safe: the ledger's claims make every send happen once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance import schedule as attendance_schedule
from bot.award import schedule as award_schedule
from bot.delivery.ledger import (
    LEASE_MINUTES,
    PERMANENT,
    SENT,
    VERIFIED,
    Fanout,
    Pacer,
    classify,
    deliver,
    expire,
    pool,
    post,
    tick_client,
)
from bot.delivery.sends import DueSend
from bot.formatting import escape, format_when
from bot.meeting import schedule as meeting_schedule
from bot.meeting.views import ReportItem, build_failure_report
from bot.texts import CATALOGS, t
from storage import ledger as rows
from storage.db import transaction
from storage.models import Delivery, Meeting, Member
from storage.queries import get_network

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

Source = Callable[[Session, "Runtime", dt.datetime], Iterable[DueSend]]


def sources() -> list[Source]:
    """Every source of scheduled sends (looked up at call time, so each module stays the owner)."""
    return [
        meeting_schedule.meeting_due_sends,
        attendance_schedule.attendance_due_sends,
        award_schedule.award_due_sends,
    ]


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
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"tick at {self.at.isoformat(timespec='seconds')}: {self.sent} sent, "
            f"{self.verified} found already sent, {self.failed} failed, "
            f"{self.retry} to retry, {self.expired} expired, {self.reported} reported "
            f"({self.due} sends due, {self.interrupted} interrupted, {self.errors} errors, {self.seconds:.1f} s)"
        )


def _claimer() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def due_sends(runtime: Runtime, at: dt.datetime, report: TickReport) -> list[DueSend]:
    """Every source's due sends, in time order; a failing source is logged, the others go on."""
    found: list[DueSend] = []
    for source in sources():
        try:
            with transaction(runtime.sessions) as session:
                found.extend(d for d in source(session, runtime, at) if d.due_at <= at)
        except Exception:
            logger.exception("scheduled-send source %s failed", getattr(source, "__name__", source))
            report.errors += 1
    return sorted(found, key=lambda d: (d.due_at, d.send_key))


def lateness(due: DueSend, at: dt.datetime, grace: dt.timedelta) -> str | None:
    """Why `due` may no longer be sent at `at` ("late"), or None when it may."""
    if due.stale_after is not None and at >= due.stale_after:
        return "late"
    if not due.always_send_late and at - due.due_at > grace:
        return "late"
    return None


def run_tick(runtime: Runtime, at: dt.datetime | None = None) -> TickReport:
    """Do, once, every send that is due at `at` (default: the runtime's clock)."""
    started = time.monotonic()
    at = (at or runtime.now()).astimezone(dt.UTC)
    report = TickReport(at)
    lease = dt.timedelta(minutes=LEASE_MINUTES)
    with transaction(runtime.sessions) as session:
        report.interrupted = rows.mark_interrupted(session, runtime.now() - lease)
    if report.interrupted:
        logger.warning(
            "%d deliveries were interrupted mid-send; checked in Slack before any resend", report.interrupted
        )
    grace = dt.timedelta(hours=runtime.settings.grace_hours)
    pacer = Pacer()
    fan = Fanout(runtime, at, _claimer(), pacer, tick_client(runtime.client, pacer))
    dues = due_sends(runtime, at, report)
    report.due = len(dues)
    with pool() as executor:
        for due in dues:
            try:
                reason = lateness(due, at, grace)
                if reason is not None:
                    expired = expire(fan, due, reason)
                    report.expired += expired[rows.EXPIRED]
                    report.failed += expired[rows.FAILED]
                    continue
                outcomes = deliver(fan, due, executor)
                report.sent += outcomes[SENT]
                report.verified += outcomes[VERIFIED]
                report.failed += outcomes["failed"]
                report.retry += outcomes["retry"]
            except Exception:
                logger.exception("send %s failed", due.send_key)
                report.errors += 1
    if report.errors == 0:
        drop_unwanted_retries(runtime, dues)
    try:
        report.reported = report_problems(runtime, fan)
    except Exception:
        logger.exception("reporting failed sends failed")
        report.errors += 1
    report.seconds = time.monotonic() - started
    logger.info("%s", report)
    return report


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


# ---------------------------------------------------------------- describing sends


def kind_label(kind: str, lang: str) -> str:
    """A send kind in the organisers' words ("Påminnelse")."""
    key = f"scheduler.kind.{kind}"
    return t(key, lang) if key in CATALOGS["sv"] else t("scheduler.kind.other", lang)


def describe_send(session: Session, send_key: str, kind: str, runtime: Runtime) -> str:
    """ "Påminnelse inför träffen torsdag 12 mars 2027 kl. 13.00", from a ledger key and kind."""
    label = kind_label(kind, runtime.lang)
    meeting_id = meeting_schedule.meeting_id_of(send_key)
    meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        return label
    when = format_when(meeting.starts_at, runtime.tz, runtime.lang)
    after = kind in ("pulse", "pulse_summary")
    return t(
        "scheduler.after_meeting" if after else "scheduler.of_meeting", runtime.lang, label=label, when=when
    )


def error_text(code: str | None, lang: str) -> str:
    """A ledger error code in plain Swedish."""
    key = f"scheduler.error.{code}"
    if code and key in CATALOGS["sv"]:
        return t(key, lang)
    return t("scheduler.error.other", lang, code=escape(code or "?"))


def recipient_names(session: Session, recipients: Iterable[str], runtime: Runtime) -> dict[str, str]:
    """Display names (escaped) for recipients: members' names, or the organisers' channel."""
    wanted = list(recipients)
    members = session.scalars(select(Member).where(Member.slack_user_id.in_(wanted))).all()
    names = {m.slack_user_id: escape(m.name or m.slack_user_id) for m in members}
    channel = get_network(session).organisers_channel
    for r in wanted:
        if r not in names:
            names[r] = t("scheduler.report.channel", runtime.lang) if r == channel else escape(r)
    return names


def report_items(session: Session, deliveries: list[Delivery], runtime: Runtime) -> list[ReportItem]:
    """Group problem deliveries by send for the report and the status."""
    names = recipient_names(session, {d.recipient for d in deliveries}, runtime)
    grouped: dict[str, list[Delivery]] = defaultdict(list)
    for d in deliveries:
        grouped[d.send_key].append(d)
    items = []
    for key, group in grouped.items():
        first = group[0]
        due = format_when(first.due_at, runtime.tz, runtime.lang) if first.due_at else "–"
        failed = [
            (names[d.recipient], error_text(d.last_error, runtime.lang))
            for d in group
            if d.state == rows.FAILED
        ]
        expired = sum(1 for d in group if d.state == rows.EXPIRED)
        items.append(ReportItem(describe_send(session, key, first.kind, runtime), due, failed, expired))
    return items


def report_problems(runtime: Runtime, fan: Fanout) -> int:
    """Tell the organisers' channel, once, about deliveries that failed or were missed.

    The rows are marked reported (a conditional update, so two processes never both report a
    row) before the post; a report that fails for a passing reason is unmarked and tried again
    by the next tick. Without an organisers' channel, reports wait.
    """
    with transaction(runtime.sessions) as session:
        channel = get_network(session).organisers_channel
        if not channel:
            return 0
        claimed = rows.claim_unreported(session, runtime.now())
        if not claimed:
            return 0
        items = report_items(session, claimed, runtime)
    try:
        for message in build_failure_report(items, runtime.lang):
            post(fan.client, channel, message, fan.pacer)
    except Exception as exc:
        kind, _code = classify(exc)
        if kind != PERMANENT:
            with transaction(runtime.sessions) as session:
                rows.unreport(session, [d.id for d in claimed])
        logger.exception("could not post the failure report to the organisers' channel")
        return 0
    return len(claimed)


# ---------------------------------------------------------------- APScheduler


def scheduled_tick(runtime: Runtime) -> None:
    """The interval job: a tick at the current time; errors are logged, never fatal."""
    try:
        run_tick(runtime)
    except Exception:
        logger.exception("scheduled tick failed")


def start_scheduler(runtime: Runtime) -> BackgroundScheduler:
    """Start the in-process scheduler: APScheduler does the timing, the database decides what is due."""
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
