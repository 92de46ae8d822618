"""Guldlänken for organisers: open, extend, close and look at a round (`/chefsnatverket guldlanken …`).

The entry points bot/admin calls live here: `admin_command`, `export_command` (bot/award/export.py)
and `accepting_round` (bot/award/rounds.py, for the Home tab). The text grammar is in
bot/admin/award_commands.py; the answers are texts, as every `/chefsnatverket` answer is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.admin.award_commands import (
    AddWinner,
    AdminInputError,
    ExtendRound,
    OpenRound,
    Simple,
    example_deadline,
    parse_admin,
)
from bot.award.export import export_command as export_command
from bot.award.nominations import count_text
from bot.award.rounds import (
    accepting,
    close_round,
    closed_text,
    deadline_text,
    jury_channel,
    jury_summary_due,
    today,
)
from bot.award.rounds import accepting_round as accepting_round
from bot.award.timeline import (
    AWARD_JURY_READING,
    AWARD_JURY_SUMMARY,
    AWARD_REMINDER_1,
    AWARD_REMINDER_14,
    award_closes_at,
    award_sends,
    send_key,
)
from bot.award.web.labels import form_link_line
from bot.award.winner_views import winners_text
from bot.award.winners import add_by_hand, by_year
from bot.formatting import format_day, format_when
from bot.meeting.people import is_organiser, network_of
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.db import transaction
from storage.ledger import forget_sends
from storage.meetings import get_network
from storage.models import AwardRound, RoundStatus

# A round whose jury summary is this overdue is taken to have failed for good (the scheduler
# has told the organisers); it no longer blocks the next round.
STUCK_AFTER = dt.timedelta(hours=1)


def _jury_label(session: Session, runtime: Runtime, award_round: AwardRound) -> str:
    channel = jury_channel(session, award_round)
    return f"<#{channel}>" if channel else t("award.admin.jury_dm", runtime.lang)


def _summary_when(award_round: AwardRound, runtime: Runtime) -> str:
    due = jury_summary_due(award_round, runtime.tz)
    if due <= runtime.now():
        return t("award.admin.summary_next_tick", runtime.lang)
    return format_when(due, runtime.tz, runtime.lang)


def _already_open(current: AwardRound, lang: str) -> str:
    return t(
        "award.admin.already_open", lang, year=current.year, deadline=deadline_text(current.deadline, lang)
    )


def _still_running(session: Session, runtime: Runtime, current: AwardRound) -> str | None:
    """Why `current` still blocks a new round, or None after closing a round that is stuck."""
    lang, now = runtime.lang, runtime.now()
    if accepting(current, now, runtime.tz):
        return _already_open(current, lang)
    if jury_summary_due(current, runtime.tz) > now - STUCK_AFTER:
        return t(
            "award.admin.awaiting_summary", lang, year=current.year, summary=_summary_when(current, runtime)
        )
    close_round(current, now)
    session.flush()
    return None


def _open_round(session: Session, runtime: Runtime, user_id: str, command: OpenRound, channel_id: str) -> str:
    lang, day = runtime.lang, today(runtime)
    example = example_deadline(day)
    current = store.open_round(session)
    if current is not None:
        refusal = _still_running(session, runtime, current)
        if refusal:
            return refusal
    if command.deadline < day:
        return t("award.admin.past", lang, day=format_day(command.deadline, lang), example=example)
    if store.round_for_year(session, command.deadline.year) is not None:
        next_year = dt.date(command.deadline.year + 1, 9, 1).isoformat()
        return t("award.admin.year_taken", lang, year=command.deadline.year, example=next_year)
    announce = command.announcement_channel
    if announce is None and channel_id[:1] in {"C", "G"}:
        announce = channel_id
    announce = announce or get_network(session).announcement_channel
    if not announce:
        return t("award.admin.no_announcement_channel", lang, example=example)
    now = runtime.now()
    award_round = store.add_round(
        session,
        deadline=command.deadline,
        announcement_channel=announce,
        jury_channel=command.jury_channel,
        opened_by=user_id,
        now=now,
    )
    reminders = [
        format_when(s.due_at, runtime.tz, lang)
        for s in award_sends(now, command.deadline, runtime.tz)
        if s.kind in (AWARD_REMINDER_14, AWARD_REMINDER_1)
    ]
    reminder_line = (
        t(
            "award.admin.reminders",
            lang,
            announce=f"<#{announce}>",
            when=t("award.admin.and", lang).join(reminders),
        )
        if reminders
        else t("award.admin.no_reminders", lang)
    )
    return t(
        "award.admin.opened",
        lang,
        year=award_round.year,
        deadline=deadline_text(award_round.deadline, lang),
        announce=f"<#{announce}>",
        reminders=reminder_line,
        jury=_jury_label(session, runtime, award_round),
        summary=_summary_when(award_round, runtime),
    ) + ("\n" + form_link_line(runtime.settings, award_round, lang))


def _closed_too_early(session: Session, runtime: Runtime) -> AwardRound | None:
    """The newest round closed by a jury summary that went out before its deadline had really
    passed (a `tick --at` in the future on the live database), and that has no winners yet."""
    latest = store.latest_closed_round(session)
    if latest is None or store.round_winners(session, latest.id):
        return None
    now = runtime.now()
    closed_on_purpose = latest.closed_at is not None and latest.closed_at <= now  # `stäng`, then the summary
    if closed_on_purpose or now >= award_closes_at(latest.deadline, runtime.tz):
        return None
    return latest


def _reopen(session: Session, award_round: AwardRound) -> None:
    """Open the round again; its jury summary (and files) and the sends recorded as expired by the
    early tick go out again at their times."""
    award_round.status = RoundStatus.OPEN
    prefix = send_key(award_round.id, "")
    always = [send_key(award_round.id, AWARD_JURY_SUMMARY), send_key(award_round.id, AWARD_JURY_READING)]
    forget_sends(session, prefix, always)
    session.flush()


def _extend_round(session: Session, runtime: Runtime, command: ExtendRound) -> str:
    lang, day = runtime.lang, today(runtime)
    current = store.open_round(session)
    reopened = None
    if current is None:
        reopened = current = _closed_too_early(session, runtime)
    if current is None:
        return t("award.admin.no_open", lang, example=example_deadline(day))
    # A round reopened after a too-early close may keep its last day.
    if command.deadline < current.deadline or (command.deadline == current.deadline and reopened is None):
        later = (current.deadline + dt.timedelta(days=7)).isoformat()
        return t(
            "award.admin.extend_not_later",
            lang,
            deadline=deadline_text(current.deadline, lang),
            example=later,
        )
    if command.deadline < day:
        return t(
            "award.admin.past", lang, day=format_day(command.deadline, lang), example=example_deadline(day)
        )
    if reopened is not None:
        _reopen(session, reopened)
    current.deadline = command.deadline
    current.closed_at = None  # extending a round closed early opens it again
    current.updated_at = runtime.now()
    session.flush()
    extended = t(
        "award.admin.extended",
        lang,
        year=current.year,
        deadline=deadline_text(current.deadline, lang),
        summary=_summary_when(current, runtime),
    )
    return (
        extended if reopened is None else t("award.admin.reopened", lang, year=current.year) + "\n" + extended
    )


def _close_round(session: Session, runtime: Runtime) -> str:
    lang = runtime.lang
    current = store.open_round(session)
    if current is None:
        return t("award.admin.no_open", lang, example=example_deadline(today(runtime)))
    if current.closed_at is not None:
        return t(
            "award.admin.already_closed",
            lang,
            year=current.year,
            jury=_jury_label(session, runtime, current),
            summary=_summary_when(current, runtime),
        )
    count = store.count_active_nominations(session, current.id)
    # Nominations stop now; the status turns 'closed' once the jury summary (next tick) is out.
    current.closed_at = runtime.now()
    current.updated_at = runtime.now()
    session.flush()
    return t(
        "award.admin.closed",
        lang,
        year=current.year,
        count=count_text(count, lang),
        jury=_jury_label(session, runtime, current),
    )


def _status(session: Session, runtime: Runtime) -> str:
    lang = runtime.lang
    current = store.open_round(session)
    if current is None:
        last = store.latest_closed_round(session)
        if last is None:
            return t("award.admin.status_none", lang, last=t("award.admin.status_never", lang))
        count = count_text(store.count_active_nominations(session, last.id), lang)
        line = t(
            "award.admin.status_last", lang, year=last.year, closed=closed_text(last, runtime), count=count
        )
        return t("award.admin.status_none", lang, last=line)
    fmt = {
        "year": current.year,
        "deadline": deadline_text(current.deadline, lang),
        "count": count_text(store.count_active_nominations(session, current.id), lang),
        "announce": f"<#{current.announcement_channel}>" if current.announcement_channel else "–",
        "jury": _jury_label(session, runtime, current),
        "summary": _summary_when(current, runtime),
    }
    if accepting(current, runtime.now(), runtime.tz):
        return (
            t("award.admin.status_open", lang, **fmt) + "\n" + form_link_line(runtime.settings, current, lang)
        )
    return t("award.admin.status_after_deadline", lang, **{**fmt, "deadline": closed_text(current, runtime)})


def admin_command(runtime: Runtime, user_id: str, rest: str, channel_id: str) -> str:
    """`/chefsnatverket guldlanken <rest>` for organisers: open, förläng, stäng, status, vinnare (or help)."""
    lang = runtime.lang
    try:
        command = parse_admin(rest, lang, today(runtime))
    except AdminInputError as exc:
        return str(exc)
    try:
        with transaction(runtime.sessions) as session:
            if not is_organiser(session, runtime.settings, user_id):
                return t("error.not_organiser_of", lang, **network_of(session))
            if isinstance(command, OpenRound):
                return _open_round(session, runtime, user_id, command, channel_id)
            if isinstance(command, ExtendRound):
                return _extend_round(session, runtime, command)
            if isinstance(command, AddWinner):
                return add_by_hand(session, runtime, user_id, command)
            if command.name == Simple.WINNERS:
                return winners_text(by_year(store.announced_winners(session)), lang)
            if command.name == Simple.CLOSE:
                return _close_round(session, runtime)
            if command.name == Simple.STATUS:
                return _status(session, runtime)
            return t("award.admin.help", lang, example=example_deadline(today(runtime)))
    except IntegrityError:
        # Another organiser opened a round at the same moment; the partial unique index won.
        with runtime.sessions() as session:
            current = store.open_round(session)
            return _already_open(current, lang) if current is not None else t("error.generic", lang)
