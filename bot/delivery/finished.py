"""Finished sends: a tick with nothing due costs one query, however long the ledger.

A send is *finished* once every one of its recipients has a row in a final state (and its
`after_sent` has run). The ledger remembers that in `finished_sends`, with a digest of the
recipients it finished with. A tick skips a finished send while its recipients are the same,
without reading its rows; when they change (a member added late, a new organisers' channel),
the send is looked at again as before and finished anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from bot.delivery.sends import DueSend
from storage import ledger as rows


def audience_digest(recipients: Sequence[str]) -> str:
    """A digest of a send's recipients (order and repeats do not count)."""
    return hashlib.sha256("\n".join(sorted(set(recipients))).encode()).hexdigest()


def unfinished(session: Session, dues: Sequence[DueSend]) -> list[DueSend]:
    """The sends of `dues` that are not finished with the recipients they have now (one query)."""
    finished = rows.finished_audiences(session, (d.send_key for d in dues))
    return [d for d in dues if finished.get(d.send_key) != audience_digest(d.recipients)]


def is_settled(due: DueSend, existing: Mapping[str, rows.LedgerRow]) -> bool:
    """Whether every recipient of `due` has a row in a final state (and after_sent has run).

    A send with no recipients yet (a summary waiting for an organisers' channel) is not.
    """
    if not due.recipients:
        return False
    if due.after_sent is not None and rows.AFTER_SENT_MARK not in existing:
        return False
    return all(
        (row := existing.get(r)) is not None and row.state in rows.FINAL_STATES for r in due.recipients
    )


def finish(session: Session, due: DueSend, now: dt.datetime) -> None:
    """Record `due` as finished with its present recipients."""
    rows.mark_finished(session, due.send_key, audience_digest(due.recipients), now)
