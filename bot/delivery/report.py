"""The organisers' report of failed and missed sends, and the names it gives them.

What a send is called comes from its source (`Source.describe`, bot/delivery/sends.py); a send
no source names is called by its kind's label. The same items feed `/chefsnatverket status`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.delivery.errors import PERMANENT, classify
from bot.delivery.pacing import post
from bot.delivery.views import ReportItem, build_failure_report
from bot.formatting import escape, format_when
from bot.texts import CATALOGS, t
from storage import ledger as rows
from storage.db import transaction
from storage.meetings import get_network
from storage.members import members_by_user_id
from storage.models import Delivery, DeliveryState

if TYPE_CHECKING:
    from bot.delivery.ledger import Fanout
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)


def kind_label(kind: str, lang: str) -> str:
    """A send kind in the organisers' words ("Påminnelse")."""
    key = f"scheduler.kind.{kind}"
    return t(key, lang) if key in CATALOGS["sv"] else t("scheduler.kind.other", lang)


def describe_send(session: Session, send_key: str, kind: str, runtime: Runtime) -> str:
    """ "Påminnelse inför träffen torsdag 12 mars 2027 kl. 13.00": as the send's source names it,
    else by its kind's label."""
    for source in runtime.sources:
        described = source.describe(session, send_key, kind, runtime)
        if described is not None:
            return described
    return kind_label(kind, runtime.lang)


def error_text(code: str | None, lang: str) -> str:
    """A ledger error code in plain Swedish."""
    key = f"scheduler.error.{code}"
    if code and key in CATALOGS["sv"]:
        return t(key, lang)
    return t("scheduler.error.other", lang, code=escape(code or "?"))


def recipient_names(session: Session, recipients: Iterable[str], runtime: Runtime) -> dict[str, str]:
    """Display names (escaped) for recipients: members' names, or the organisers' channel."""
    wanted = list(recipients)
    members = members_by_user_id(session, wanted)
    names = {uid: escape(m.name or uid) for uid, m in members.items()}
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
            if d.state == DeliveryState.FAILED
        ]
        expired = sum(1 for d in group if d.state == DeliveryState.EXPIRED)
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
