"""What one delivery attempt leaves in the ledger: a failed post classified, a check in Slack
settled, the parts of a multi-message send marked (the protocol is in bot/delivery/ledger.py)."""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError

from bot.delivery.errors import AMBIGUOUS, PERMANENT, TRANSIENT, classify, status
from bot.delivery.sends import Message, is_file
from bot.delivery.verify import Found, UncertainHistory
from storage import ledger as rows
from storage.db import transaction
from storage.models import DeliveryState

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.delivery.ledger import Fanout, Job

logger = logging.getLogger(__name__)

# A failed attempt is tried again by later ticks this many times in all, then reported.
MAX_ATTEMPTS = 5
# last_error of a post whose outcome stayed unknown MAX_ATTEMPTS times and was then not found.
NOT_POSTED = "not_posted"


class Outcome(enum.StrEnum):
    """What became of one recipient of one send in a tick, counted in the tick report."""

    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"  # to be tried (or checked in Slack) again by a later tick
    TAKEN = "taken"  # someone else has it (or it is done)
    WAITING = "waiting"  # a retry whose back-off has not passed yet
    SKIPPED = "skipped"
    VERIFIED = "verified"  # found in Slack after a time-out or crash, not posted again
    EXPIRED = "expired"  # too late to send: recorded, to be reported


def record_failure(fan: Fanout, job: Job, row_id: int, exc: BaseException) -> Outcome:
    """A post failed: 'retry', 'unknown' (may have arrived) or 'failed', as `exc` says."""
    kind, code = classify(exc)
    with transaction(fan.runtime.sessions) as session:
        if kind == TRANSIENT:
            state = rows.mark_retry(session, row_id, code, MAX_ATTEMPTS)
        elif kind == AMBIGUOUS:
            rows.mark_unknown(session, row_id, code)
            state = DeliveryState.UNKNOWN
        else:
            rows.mark_final(session, [row_id], DeliveryState.FAILED, code)
            state = DeliveryState.FAILED
    if state == DeliveryState.UNKNOWN:
        logger.warning("send %s: outcome unknown (%s); checked in Slack later", job.due.send_key, code)
        return Outcome.RETRY
    if kind == TRANSIENT and state == DeliveryState.RETRY:
        logger.warning("send %s: transient failure (%s); tried again later", job.due.send_key, code)
    else:
        logger.warning("send %s: failed (%s); reported to the organisers", job.due.send_key, code)
    return Outcome.RETRY if state == DeliveryState.RETRY else Outcome.FAILED


def record_parts(session: Session, fan: Fanout, job: Job, found: Found) -> None:
    """Part markers for parts of a multi-message send that are in Slack (posted, or found by a check)."""
    for number, (channel, ts) in found.items():
        rows.insert_row(
            session,
            send_key=rows.part_key(job.due.send_key, number),
            recipient=job.recipient,
            kind=job.due.kind,
            state=DeliveryState.SENT,
            due_at=job.due.due_at,
            sent_at=fan.at,
            slack_channel=channel,
            slack_ts=ts,
        )


def unverifiable(fan: Fanout, job: Job, row_id: int, exc: BaseException) -> Outcome:
    """The check in Slack failed: try it again later if that may pass, else report, never post."""
    kind, code = classify(exc)
    lasting = isinstance(exc, UncertainHistory) or (
        isinstance(exc, SlackApiError) and status(exc) != 429 and status(exc) < 500
    )
    if lasting:
        kind = PERMANENT  # missing_scope, channel_not_found, a long history: checking again will not help
    with transaction(fan.runtime.sessions) as session:
        if kind == PERMANENT:
            rows.mark_final(session, [row_id], DeliveryState.FAILED, None)
            state = DeliveryState.FAILED
        else:
            state = rows.mark_unverified(session, row_id, MAX_ATTEMPTS)
    logger.warning(
        "send %s: could not check whether it arrived (%s); %s",
        job.due.send_key,
        code,
        "checked again later" if state == DeliveryState.UNKNOWN else "reported as possibly arrived",
    )
    return Outcome.RETRY if state == DeliveryState.UNKNOWN else Outcome.FAILED


def uncertain_files(fan: Fanout, job: Job, messages: Sequence[Message]) -> frozenset[int]:
    """File parts whose upload may be the unknown outcome: every part before it was marked posted
    before the check. A file share carries no metadata, so the check cannot find it: such a file
    is never uploaded again (at worst it is missing, never doubled)."""
    if len(messages) < 2 or not any(is_file(m) for m in messages):
        return frozenset()
    with fan.runtime.sessions() as session:
        marked = rows.parts_sent(session, job.due.send_key, job.recipient, len(messages))
    return frozenset(
        number
        for number, message in enumerate(messages, start=1)
        if is_file(message) and all(rows.part_key(job.due.send_key, n) in marked for n in range(1, number))
    )


def after_check(
    fan: Fanout,
    job: Job,
    row_id: int,
    found: Found,
    messages: Sequence[Message],
    uncertain: frozenset[int] = frozenset(),
) -> Outcome | None:
    """Settle what a check in Slack found: VERIFIED when every part is there (or is a file that
    is not uploaded twice, see uncertain_files), FAILED when the outcome stayed unknown too
    often; None when the missing parts are to be posted now."""
    if found and set(found) | uncertain >= set(range(1, len(messages) + 1)):
        channel, ts = found[min(found)]
        with transaction(fan.runtime.sessions) as session:
            if len(messages) > 1:
                record_parts(session, fan, job, found)
            rows.mark_sent(session, row_id, sent_at=fan.at, channel=channel, ts=ts, revision=job.due.revision)
        logger.info("send %s: found in Slack after an unknown outcome; not posted again", job.due.send_key)
        return Outcome.VERIFIED
    if not messages:
        return None
    if found:
        with transaction(fan.runtime.sessions) as session:
            record_parts(session, fan, job, found)
    if job.attempts >= MAX_ATTEMPTS:
        with transaction(fan.runtime.sessions) as session:
            rows.mark_final(session, [row_id], DeliveryState.FAILED, NOT_POSTED)
        return Outcome.FAILED
    logger.info("send %s: not found in Slack after an unknown outcome; posted again", job.due.send_key)
    return None
