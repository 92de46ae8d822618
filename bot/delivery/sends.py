"""The contract between what is due (meetings, award rounds) and the scheduler that sends it.

A *source* (a `Source`) belongs to a feature: its `due(session, runtime, now)` lists the sends
whose time has come at `now` (the scheduler filters out what the ledger already has), and its
`describe(session, send_key, kind, runtime)` names one of its sends in the organisers' words for
the failure report. The composition root hands the sources to the scheduler (`Runtime.sources`,
see bot/runtime.py); the delivery package imports no feature. Recipients are worked out at tick
time, so a member removed before a send gets nothing and one added late gets the invitation at
the next tick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from bot.runtime import Runtime

# One Slack message: keyword arguments for chat.postMessage other than `channel` (text, blocks),
# or {FILE: FileUpload(...)}: a file uploaded into the recipient's DM (files upload v2).
Message = dict[str, Any]
# A message key (not sent to Slack): post this part as a reply in the thread of the send's first
# part, e.g. one reply per organisation under the members' sammanställning in a channel.
REPLY_IN_THREAD = "_reply_in_thread"
FILE = "file"


@dataclass(frozen=True)
class FileUpload:
    """A file a send uploads (an `.ics`), as one part of its messages, so it goes once."""

    filename: str
    content: bytes
    title: str


def file_message(upload: FileUpload) -> Message:
    """A message part that uploads `upload` instead of posting text."""
    return {FILE: upload}


def is_file(message: Message) -> bool:
    """Whether a message part is a file upload."""
    return FILE in message


@dataclass(frozen=True)
class DueSend:
    """A send whose time has come: the same messages to each recipient, each recipient once."""

    send_key: str  # stable across restarts and re-plans, e.g. "meeting:12:invitation"
    kind: str  # a timeline kind (bot.timeline) or a notice kind ("meeting_moved", ...)
    due_at: dt.datetime
    recipients: Sequence[str]  # user ids (sent as DMs by user id) or channel ids
    # (session, recipient) -> the messages to post, in order (several when a summary is split).
    render: Callable[[Session, str], list[Message]]
    # Called in the same transaction once every recipient has been handled (e.g. close a round).
    after_sent: Callable[[Session], None] | None = None
    # Sends older than the grace window are not sent late but reported; some sends (a summary)
    # are still worth sending late, at any age.
    always_send_late: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    # Not sent at or after this instant, however recent its due time (an invitation after the
    # check-in deadline, a "today" reminder after the meeting has started): like a send past
    # the grace window, it is recorded and reported instead.
    stale_after: dt.datetime | None = None
    # The version of what the messages describe (a meeting's version), kept on the ledger so a
    # later notice knows what each recipient was told.
    revision: int | None = None


def too_late(
    due_at: dt.datetime,
    always_send_late: bool,
    stale_after: dt.datetime | None,
    at: dt.datetime,
    grace: dt.timedelta,
) -> bool:
    """Whether a send (see DueSend's fields) may no longer be sent at `at`: it is recorded as late."""
    if stale_after is not None and at >= stale_after:
        return True
    return not always_send_late and at - due_at > grace


Due = Callable[[Session, "Runtime", dt.datetime], Iterable[DueSend]]
# (session, send_key, kind, runtime) -> the send in the organisers' words, or None: not mine.
Describe = Callable[[Session, str, str, "Runtime"], str | None]


# (runtime, at) -> None: work a tick does before it asks what is due (retention deletes), in its
# own transactions; a failure is logged and counted, the sends go on.
Work = Callable[["Runtime", dt.datetime], None]


def _not_mine(_session: Session, _send_key: str, _kind: str, _runtime: Runtime) -> str | None:
    return None


@dataclass(frozen=True)
class Source:
    """One feature's timed sends, as the scheduler sees them."""

    name: str  # for the log, e.g. "meeting"
    due: Due
    # Without one, a send is named by its kind's label alone ("scheduler.kind.<kind>" in texts).
    describe: Describe = _not_mine
    work: Work | None = None
