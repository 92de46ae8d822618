"""Saving check-in answers: from the modal, from `/incheckning <text>`, and from a DM reply,
which is kept aside when it would overwrite a real answer until the member chooses what to do.

Who may check in for what, and until when, is read in bot/checkin/service.py (`resolve`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from sqlalchemy.orm import Session

from bot.checkin.service import (
    Answers,
    Choice,
    NothingPending,
    Pending,
    Refusal,
    Resolved,
    Saved,
    TooLongCombined,
    resolve,
    too_long,
)
from bot.runtime import Runtime
from storage.checkins import add_checkin, retrying_duplicate, set_pending, update_answers
from storage.db import transaction

Merge = Callable[[Answers | None], Answers]
T = TypeVar("T")


def _store(session: Session, resolved: Resolved, answers: Answers, now: dt.datetime) -> Saved:
    """Write `answers` as the member's check-in; an explicit save drops any pending DM reply."""
    member_id, opening, checkin = resolved
    changed = answers != opening.answers
    fields = (answers.occupying, answers.changes, answers.support, now, answers.visibility)
    if checkin is None:
        checkin = add_checkin(session, opening.meeting_id, member_id, *fields)
        created = True
    else:
        created = False
        if changed:
            update_answers(session, checkin, *fields)
        elif checkin.pending_occupying is not None:
            set_pending(session, checkin, None)
    stored = replace(opening, answers=answers, checkin_id=checkin.id, has_pending=False)
    return Saved(stored, answers, created, changed)


def _save_in(
    session: Session,
    user_id: str,
    meeting_id: int | None,
    merge: Merge,
    now: dt.datetime,
    runtime: Runtime,
) -> Saved | Refusal:
    resolved = resolve(session, user_id, now, runtime.tz, meeting_id, runtime.settings_cache)
    if isinstance(resolved, Refusal):
        return resolved
    return _store(session, resolved, merge(resolved[1].answers), now)


def _in_transaction(runtime: Runtime, work: Callable[[Session, dt.datetime], T]) -> T:
    # A concurrent first save of the same check-in makes the insert fail once: then it is an update.
    # A database locked elsewhere fails the save after db_lock_wait, well inside Slack's 3 seconds,
    # so the answer says truthfully whether it was saved (stored-but-never-confirmed is worse).
    return retrying_duplicate(
        runtime.sessions, lambda session: work(session, runtime.now()), runtime.settings.db_lock_wait
    )


def _save(runtime: Runtime, user_id: str, meeting_id: int | None, merge: Merge) -> Saved | Refusal:
    return _in_transaction(runtime, lambda s, now: _save_in(s, user_id, meeting_id, merge, now, runtime))


def save_answers(runtime: Runtime, user_id: str, meeting_id: int, answers: Answers) -> Saved | Refusal:
    """Create or replace the member's three answers for `meeting_id` (from the modal)."""
    return _save(runtime, user_id, meeting_id, lambda _earlier: answers)


def _with_occupying(occupying: str) -> Merge:
    def merge(earlier: Answers | None) -> Answers:
        if earlier is None:
            return Answers(occupying)
        return replace(earlier, occupying=occupying)

    return merge


def save_occupying(
    runtime: Runtime, user_id: str, occupying: str, meeting_id: int | None = None
) -> Saved | Refusal:
    """Save `occupying` as the answer to "Vad upptar min tid?", keeping the other two answers.

    For the next meeting unless `meeting_id` is given (used by `/incheckning <text>`, an explicit
    edit that replaces the answer and drops any pending DM reply).
    """
    return _save(runtime, user_id, meeting_id, _with_occupying(occupying))


def _reply_in(
    session: Session, user_id: str, text: str, now: dt.datetime, runtime: Runtime
) -> Saved | Pending | Refusal:
    resolved = resolve(session, user_id, now, runtime.tz, None, runtime.settings_cache)
    if isinstance(resolved, Refusal):
        return resolved
    _member, opening, checkin = resolved
    earlier = opening.answers
    if checkin is None or earlier is None or not earlier.occupying or earlier.occupying == text:
        return _store(session, resolved, _with_occupying(text)(earlier), now)
    changed = checkin.pending_occupying != text
    if changed:
        set_pending(session, checkin, text)
    return Pending(opening, earlier.occupying, text, changed)


def reply_occupying(runtime: Runtime, user_id: str, text: str) -> Saved | Pending | Refusal:
    """A plain DM reply for the next meeting: the answer if there is none yet (or it is the same);
    otherwise kept aside as pending, so a casual "Tack!" never overwrites a real answer.
    A newer reply replaces the pending one."""
    return _in_transaction(runtime, lambda s, now: _reply_in(s, user_id, text, now, runtime))


def _settle_in(
    session: Session, user_id: str, meeting_id: int, choice: Choice, now: dt.datetime, runtime: Runtime
) -> Saved | NothingPending | TooLongCombined | Refusal:
    resolved = resolve(session, user_id, now, runtime.tz, meeting_id, runtime.settings_cache)
    if isinstance(resolved, Refusal):
        return resolved
    _member, opening, checkin = resolved
    if checkin is None or checkin.pending_occupying is None or opening.answers is None:
        return NothingPending()
    pending, earlier = checkin.pending_occupying, opening.answers
    occupying = earlier.occupying
    if choice is Choice.REPLACE:
        occupying = pending
    elif choice is Choice.APPEND:
        occupying = f"{earlier.occupying}\n{pending}"
        if too_long(occupying):
            return TooLongCombined(len(occupying))
    return _store(session, resolved, replace(earlier, occupying=occupying), now)


def settle_pending(
    runtime: Runtime, user_id: str, meeting_id: int, choice: Choice
) -> Saved | NothingPending | TooLongCombined | Refusal:
    """Apply the member's choice to their pending DM reply for `meeting_id`, then drop it.

    Refused like any save when they are no longer a member or check-in has closed; an append
    over the length limit changes nothing and keeps the pending text for another choice.
    """
    with transaction(runtime.sessions) as session:
        return _settle_in(session, user_id, meeting_id, choice, runtime.now(), runtime)
