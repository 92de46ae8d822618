"""Guldlänken: award rounds, confidential nominations, the jury's reading and the export.

Confidentiality rules kept here: a nomination is shown only to its nominator (the modal, the
`mina` list, the thank-you DM) and to the organisers (the jury summary, the export). Nothing is
ever sent to a nominee, and nominees and nominators are written as names, never as `<@U…>`
mentions, so no message notifies them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot import ids
from bot.award.views import (
    MOTIVATION_MAX,
    MOTIVATION_MIN,
    NAME_MAX,
    PARTNER_MAX,
    JuryEntry,
    JuryGroup,
    MineItem,
    NominationDraft,
    build_info_modal,
    build_jury_summary,
    build_my_nominations,
    build_nomination_modal,
    build_text_message,
    count_text,
)
from bot.award.web.labels import form_link_line, nominator_label
from bot.csv_export import csv_bytes, upload_csv
from bot.delivery.sends import Message
from bot.formatting import escape, format_day, format_when
from bot.meeting.people import is_organiser, organiser_ids
from bot.meeting.timeline import (
    AWARD_JURY_SUMMARY,
    AWARD_REMINDER_1,
    AWARD_REMINDER_14,
    award_closes_at,
    award_sends,
)
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.db import transaction
from storage.models import AwardRound, Member, Nomination
from storage.queries import get_network

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------- rounds: when and where


def deadline_text(deadline: dt.date, lang: str) -> str:
    """`tisdag 1 september 2027 kl. 23.59`: the inclusive last moment of a round."""
    return t("award.deadline", lang, day=format_day(deadline, lang))


def accepting(award_round: AwardRound, now: dt.datetime, tz: ZoneInfo) -> bool:
    """Nominations are taken until 23:59:59 local on the deadline date, unless closed earlier.

    An early close (`stäng`) sets `closed_at` and leaves the status 'open' until the jury
    summary has gone out; only then is the round 'closed' (see bot.award_schedule).
    """
    return (
        award_round.status == "open"
        and award_round.closed_at is None
        and now < award_closes_at(award_round.deadline, tz)
    )


def closed_text(award_round: AwardRound, runtime: Runtime) -> str:
    """When nominations stopped: the early-close moment, else the deadline at 23.59."""
    closed_at = award_round.closed_at
    if closed_at is not None and closed_at < award_closes_at(award_round.deadline, runtime.tz):
        return format_when(closed_at, runtime.tz, runtime.lang)
    return deadline_text(award_round.deadline, runtime.lang)


def close_round(award_round: AwardRound, now: dt.datetime) -> None:
    """Mark the round 'closed' (its jury summary is out, or will never go out)."""
    award_round.status = "closed"
    award_round.closed_at = award_round.closed_at or now
    award_round.updated_at = now


def jury_summary_due(award_round: AwardRound, tz: ZoneInfo) -> dt.datetime:
    """The first working day after the deadline at 09:00, or the moment of an early close."""
    planned = next(
        s.due_at
        for s in award_sends(award_round.opened_at, award_round.deadline, tz)
        if s.kind == AWARD_JURY_SUMMARY
    )
    if award_round.closed_at is not None:
        return min(planned, award_round.closed_at)
    return planned


def _jury_channel(session: Session, award_round: AwardRound) -> str | None:
    """The round's jury channel, else the organisers' channel (None: organisers by DM)."""
    return award_round.jury_channel or get_network(session).organisers_channel


def jury_recipients(session: Session, runtime: Runtime, award_round: AwardRound) -> list[str]:
    """The round's jury channel, else the organisers' channel, else every organiser by DM."""
    channel = _jury_channel(session, award_round)
    return [channel] if channel else organiser_ids(session, runtime.settings)


def _jury_label(session: Session, runtime: Runtime, award_round: AwardRound) -> str:
    channel = _jury_channel(session, award_round)
    return f"<#{channel}>" if channel else t("award.admin.jury_dm", runtime.lang)


def _summary_when(award_round: AwardRound, runtime: Runtime) -> str:
    due = jury_summary_due(award_round, runtime.tz)
    if due <= runtime.now():
        return t("award.admin.summary_next_tick", runtime.lang)
    return format_when(due, runtime.tz, runtime.lang)


# ---------------------------------------------------------------- names (never mentions)


def _members(session: Session, user_ids: Iterable[str]) -> dict[str, Member]:
    """The network's members among `user_ids` (with their organisation), in one query."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    members = session.scalars(
        select(Member).where(Member.slack_user_id.in_(wanted)).options(selectinload(Member.organisation))
    )
    return {m.slack_user_id: m for m in members}


def user_names(
    runtime: Runtime, session: Session, user_ids: Iterable[str], members: Mapping[str, Member] | None = None
) -> dict[str, str]:
    """Real names from Slack profiles (the network's member list as fallback, then the id).

    `members` are the rows already loaded by `_members` for these ids; else they are loaded here.
    """
    wanted = sorted(set(user_ids))
    if members is None:
        members = _members(session, wanted)
    names: dict[str, str] = {}
    for user_id in wanted:
        name: str | None = None
        try:
            user = runtime.client.users_info(user=user_id).get("user") or {}
            profile = user.get("profile") or {}
            name = profile.get("real_name") or user.get("real_name") or profile.get("display_name")
        except SlackApiError as exc:
            logger.warning("users.info failed: %s", exc.response.get("error"))
        except SlackClientError:
            logger.warning("users.info failed", exc_info=True)
        if not name:
            member = members.get(user_id)
            name = member.name if member and member.name and member.name != user_id else None
        names[user_id] = name or user_id
    return names


# ---------------------------------------------------------------- the nomination modal


@dataclass(frozen=True)
class Submission:
    """What the nominator typed, read from the modal's state (stripped; empty means None)."""

    nominee_user_id: str | None
    nominee_name: str | None
    nominee_organisation: str | None
    partner: str | None
    motivation: str
    round_id: int | None
    nomination_id: int | None


def _metadata(round_id: int, nomination_id: int | None = None) -> str:
    data: dict[str, int] = {"round": round_id}
    if nomination_id is not None:
        data["nomination"] = nomination_id
    return json.dumps(data)


def _read_metadata(raw: str | None) -> tuple[int | None, int | None]:
    try:
        data = json.loads(raw or "{}")
        round_id = data.get("round")
        nomination_id = data.get("nomination")
    except (ValueError, AttributeError):
        return None, None
    return (
        round_id if isinstance(round_id, int) else None,
        nomination_id if isinstance(nomination_id, int) else None,
    )


def _state_value(values: dict[str, Any], block_id: str) -> Any:
    state = (values.get(block_id) or {}).get(ids.AWARD_INPUT) or {}
    if state.get("type") == "users_select":
        return state.get("selected_user")
    return state.get("value")


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_submission(view: dict[str, Any]) -> Submission:
    """Parse a submitted nomination modal (pure)."""
    values = (view.get("state") or {}).get("values") or {}
    round_id, nomination_id = _read_metadata(view.get("private_metadata"))
    user = _state_value(values, ids.AWARD_BLOCK_NOMINEE_USER)
    return Submission(
        nominee_user_id=user if isinstance(user, str) and user else None,
        nominee_name=_clean(_state_value(values, ids.AWARD_BLOCK_NOMINEE_NAME)),
        nominee_organisation=_clean(_state_value(values, ids.AWARD_BLOCK_NOMINEE_ORG)),
        partner=_clean(_state_value(values, ids.AWARD_BLOCK_PARTNER)),
        motivation=_clean(_state_value(values, ids.AWARD_BLOCK_MOTIVATION)) or "",
        round_id=round_id,
        nomination_id=nomination_id,
    )


def nominee_key(submission: Submission) -> str:
    """What "the same person" means: the Slack user id, or the case-folded free-text name."""
    if submission.nominee_user_id:
        return submission.nominee_user_id
    return " ".join((submission.nominee_name or "").split()).casefold()


def validate_submission(submission: Submission, nominator: str, lang: str) -> dict[str, str]:
    """The refusals that need no database: nominee kind, self-nomination, lengths (pure)."""
    errors: dict[str, str] = {}
    if submission.nominee_user_id and submission.nominee_name:
        errors[ids.AWARD_BLOCK_NOMINEE_NAME] = t("award.error.both_kinds", lang)
    elif not submission.nominee_user_id and not submission.nominee_name:
        errors[ids.AWARD_BLOCK_NOMINEE_USER] = t("award.error.no_nominee", lang)
    elif submission.nominee_user_id == nominator:
        errors[ids.AWARD_BLOCK_NOMINEE_USER] = t("award.error.self", lang)
    elif submission.nominee_name and not submission.nominee_organisation:
        errors[ids.AWARD_BLOCK_NOMINEE_ORG] = t("award.error.org_missing", lang)
    for block_id, value, limit in (
        (ids.AWARD_BLOCK_NOMINEE_NAME, submission.nominee_name, NAME_MAX),
        (ids.AWARD_BLOCK_NOMINEE_ORG, submission.nominee_organisation, NAME_MAX),
        (ids.AWARD_BLOCK_PARTNER, submission.partner, PARTNER_MAX),
    ):
        if value and len(value) > limit and block_id not in errors:
            errors[block_id] = t("award.error.field_too_long", lang, max=limit, count=len(value))
    length = len(submission.motivation)
    if length < MOTIVATION_MIN:
        errors[ids.AWARD_BLOCK_MOTIVATION] = t(
            "award.error.too_short", lang, min=MOTIVATION_MIN, count=length
        )
    elif length > MOTIVATION_MAX:
        errors[ids.AWARD_BLOCK_MOTIVATION] = t("award.error.too_long", lang, max=MOTIVATION_MAX, count=length)
    return errors


def _closed_answer(session: Session, runtime: Runtime) -> str:
    """Why there is nothing to nominate into: the round just closed, the last one, or none yet."""
    current = store.open_round(session)
    if current is not None:
        return t(
            "award.closed.jury_reading", runtime.lang, year=current.year, closed=closed_text(current, runtime)
        )
    last = store.latest_closed_round(session)
    if last is None:
        return t("award.closed.none", runtime.lang)
    return t("award.closed.last", runtime.lang, year=last.year, closed=closed_text(last, runtime))


def accepting_round(session: Session, runtime: Runtime) -> AwardRound | None:
    """The open round while it takes nominations (see `accepting`), else None."""
    current = store.open_round(session)
    return current if current is not None and accepting(current, runtime.now(), runtime.tz) else None


def _draft(nomination: Nomination) -> NominationDraft:
    return NominationDraft(
        nominee_user_id=nomination.nominee_user_id,
        nominee_name=nomination.nominee_name,
        nominee_organisation=nomination.nominee_organisation,
        partner=nomination.partner,
        motivation=nomination.motivation,
    )


def _own_nomination(
    session: Session, runtime: Runtime, user_id: str, nomination_id: int | None
) -> tuple[Nomination | None, str | None]:
    """The user's active nomination in an accepting round, or the polite reason why not."""
    nomination = session.get(Nomination, nomination_id) if nomination_id is not None else None
    if nomination is None or nomination.withdrawn_at is not None:
        return None, t("award.error.gone", runtime.lang)
    if nomination.nominator_user_id != user_id:
        return None, t("award.error.not_nominator", runtime.lang)
    if not accepting(nomination.round, runtime.now(), runtime.tz):
        return None, t("award.error.action_closed", runtime.lang, year=nomination.round.year)
    return nomination, None


def nomination_view(
    runtime: Runtime, user_id: str, nomination_id: int | None = None
) -> tuple[dict[str, Any] | None, str | None]:
    """The modal to open (new, or prefilled to edit `nomination_id`), or a refusal text."""
    with transaction(runtime.sessions) as session:
        if nomination_id is not None:
            nomination, refusal = _own_nomination(session, runtime, user_id, nomination_id)
            if nomination is None:
                return None, refusal
            award_round, draft = nomination.round, _draft(nomination)
        else:
            current = accepting_round(session, runtime)
            if current is None:
                return None, _closed_answer(session, runtime)
            award_round, draft = current, None
        view = build_nomination_modal(
            year=award_round.year,
            deadline=deadline_text(award_round.deadline, runtime.lang),
            private_metadata=_metadata(award_round.id, nomination_id),
            lang=runtime.lang,
            draft=draft,
        )
        return view, None


def info_view(text: str, runtime: Runtime) -> dict[str, Any]:
    """A modal that only explains (used when a button can no longer do what it offers)."""
    return build_info_modal(text, runtime.lang)


@dataclass(frozen=True)
class SubmitOutcome:
    """The result of a submission: errors for the modal, or what the thank-you DM needs."""

    errors: dict[str, str] = field(default_factory=dict)
    edited: bool = False
    year: int = 0
    deadline: dt.date | None = None
    nominee_user_id: str | None = None
    nominee_name: str | None = None


def _store_submission(
    session: Session, runtime: Runtime, user_id: str, submission: Submission
) -> SubmitOutcome:
    lang, now = runtime.lang, runtime.now()
    award_round = session.get(AwardRound, submission.round_id) if submission.round_id else None
    if award_round is None or not accepting(award_round, now, runtime.tz):
        return SubmitOutcome(errors={ids.AWARD_BLOCK_MOTIVATION: t("award.error.closed", lang)})
    nomination: Nomination | None = None
    if submission.nomination_id is not None:
        nomination, refusal = _own_nomination(session, runtime, user_id, submission.nomination_id)
        if nomination is None or nomination.round_id != award_round.id:
            return SubmitOutcome(errors={ids.AWARD_BLOCK_MOTIVATION: refusal or t("award.error.gone", lang)})
    key = nominee_key(submission)
    earlier = store.active_nomination_of(session, award_round.id, user_id, key)
    if earlier is not None and earlier is not nomination:
        block = ids.AWARD_BLOCK_NOMINEE_USER if submission.nominee_user_id else ids.AWARD_BLOCK_NOMINEE_NAME
        return SubmitOutcome(errors={block: t("award.error.duplicate", lang)})
    if nomination is None:
        nomination = Nomination(round_id=award_round.id, nominator_user_id=user_id, created_at=now)
        session.add(nomination)
    nomination.nominee_user_id = submission.nominee_user_id
    nomination.nominee_name = submission.nominee_name
    nomination.nominee_organisation = submission.nominee_organisation
    nomination.nominee_key = key
    nomination.partner = submission.partner
    nomination.motivation = submission.motivation
    nomination.updated_at = now
    session.flush()
    return SubmitOutcome(
        edited=submission.nomination_id is not None,
        year=award_round.year,
        deadline=award_round.deadline,
        nominee_user_id=submission.nominee_user_id,
        nominee_name=submission.nominee_name,
    )


def submit_nomination(runtime: Runtime, user_id: str, view: dict[str, Any]) -> SubmitOutcome:
    """Validate and store a submitted modal; nothing is stored when any refusal applies."""
    submission = read_submission(view)
    errors = validate_submission(submission, user_id, runtime.lang)
    if errors:
        return SubmitOutcome(errors=errors)
    try:
        with transaction(runtime.sessions) as session:
            return _store_submission(session, runtime, user_id, submission)
    except IntegrityError:
        # Two submissions raced past the check; the partial unique index kept the first.
        block = ids.AWARD_BLOCK_NOMINEE_USER if submission.nominee_user_id else ids.AWARD_BLOCK_NOMINEE_NAME
        return SubmitOutcome(errors={block: t("award.error.duplicate", runtime.lang)})


def thank_you_message(runtime: Runtime, outcome: SubmitOutcome) -> Message:
    """The thank-you DM to the nominator, naming the nominee (never mentioning them) and the deadline."""
    assert outcome.deadline is not None
    with runtime.sessions() as session:
        if outcome.nominee_user_id:
            nominee = user_names(runtime, session, [outcome.nominee_user_id])[outcome.nominee_user_id]
            if nominee == outcome.nominee_user_id:  # no name found: say so without the id
                nominee = t("award.someone", runtime.lang)
        else:
            nominee = outcome.nominee_name or t("award.someone", runtime.lang)
    key = "award.confirm.edit" if outcome.edited else "award.confirm.new"
    text = t(
        key,
        runtime.lang,
        nominee=escape(nominee),
        year=outcome.year,
        deadline=deadline_text(outcome.deadline, runtime.lang),
    )
    return build_text_message(text)


# ---------------------------------------------------------------- /guldlanken mina, withdraw


def _mine_items(runtime: Runtime, session: Session, nominations: Sequence[Nomination]) -> list[MineItem]:
    names = user_names(runtime, session, [n.nominee_user_id for n in nominations if n.nominee_user_id])
    return [
        MineItem(
            nomination_id=n.id,
            nominee=names.get(n.nominee_user_id, "") if n.nominee_user_id else (n.nominee_name or ""),
            organisation=n.nominee_organisation,
            motivation=n.motivation,
        )
        for n in nominations
    ]


def _mine_messages(
    runtime: Runtime, session: Session, award_round: AwardRound, user_id: str, notice: str | None = None
) -> list[Message]:
    items = _mine_items(runtime, session, store.nominations_by(session, award_round.id, user_id))
    return build_my_nominations(
        items,
        year=award_round.year,
        deadline=deadline_text(award_round.deadline, runtime.lang),
        lang=runtime.lang,
        notice=notice,
    )


def my_nominations(runtime: Runtime, user_id: str) -> list[Message]:
    """`/guldlanken mina`: the user's own active nominations in the open round (or why there are none)."""
    with transaction(runtime.sessions) as session:
        current = accepting_round(session, runtime)
        if current is None:
            text = _closed_answer(session, runtime)
            return [{"text": text}]
        return _mine_messages(runtime, session, current, user_id)


@dataclass(frozen=True)
class WithdrawOutcome:
    """A refusal to show, or the refreshed list to replace the clicked one with."""

    refusal: str | None = None
    messages: list[Message] = field(default_factory=list)


def withdraw_nomination(runtime: Runtime, user_id: str, nomination_id: int | None) -> WithdrawOutcome:
    """Withdraw the user's own nomination while the round takes nominations."""
    with transaction(runtime.sessions) as session:
        nomination, refusal = _own_nomination(session, runtime, user_id, nomination_id)
        if nomination is None:
            return WithdrawOutcome(refusal=refusal)
        nomination.withdrawn_at = runtime.now()
        nomination.updated_at = runtime.now()
        round_id = nomination.round_id
    # Names come from Slack: asked after the commit, so no write lock waits on the network.
    with runtime.sessions() as session:
        award_round = session.get(AwardRound, round_id)
        withdrawn = session.get(Nomination, nomination_id)
        assert award_round is not None and withdrawn is not None
        item = _mine_items(runtime, session, [withdrawn])[0]
        notice = t("award.mine.withdrawn", runtime.lang, nominee=escape(item.nominee))
        messages = _mine_messages(runtime, session, award_round, user_id, notice)
    if len(messages) > 1:  # too long to replace one message with: the notice alone
        messages = [{"text": notice}]
    return WithdrawOutcome(messages=messages)


def command_kind(text: str) -> str:
    """`/guldlanken` text -> "nominate" (empty), "mine" (`mina`), else "help" (pure)."""
    word = text.strip().casefold()
    if not word:
        return "nominate"
    if word in {"mina", "mine", "mina nomineringar"}:
        return "mine"
    return "help"


def help_text(runtime: Runtime) -> str:
    """Short help for `/guldlanken <anything else>`, with examples."""
    return t("award.help", runtime.lang)


# ---------------------------------------------------------------- jury summary (rendering)


@dataclass(frozen=True)
class _NomineeGroups:
    """A round's active nominations grouped by nominee, with the names and organisations to show."""

    groups: list[list[Nomination]]  # by nominee_key, in order of each nominee's first nomination
    names: dict[str, str]  # nominees' and nominators' names by Slack user id
    organisations: dict[str, str]  # member organisation by Slack user id


def _nominee_groups(runtime: Runtime, session: Session, award_round: AwardRound) -> _NomineeGroups:
    """What the jury summary and the export are made from (members loaded once for both)."""
    nominations = store.active_nominations(session, award_round.id)
    user_ids = {n.nominator_user_id for n in nominations if n.nominator_user_id} | {
        n.nominee_user_id for n in nominations if n.nominee_user_id
    }
    members = _members(session, user_ids)
    by_key: dict[str, list[Nomination]] = {}
    for nomination in nominations:
        by_key.setdefault(nomination.nominee_key, []).append(nomination)
    return _NomineeGroups(
        groups=list(by_key.values()),
        names=user_names(runtime, session, user_ids, members),
        organisations={uid: m.organisation.name for uid, m in members.items() if m.organisation is not None},
    )


def jury_groups(runtime: Runtime, session: Session, award_round: AwardRound) -> list[JuryGroup]:
    """The round's active nominations grouped by nominee; most-nominated first, then by name."""
    grouped = _nominee_groups(runtime, session, award_round)
    names, orgs = grouped.names, grouped.organisations
    groups = []
    for items in grouped.groups:
        first = items[0]
        nominee = names[first.nominee_user_id] if first.nominee_user_id else (first.nominee_name or "")
        organisation = next((n.nominee_organisation for n in items if n.nominee_organisation), None)
        if organisation is None and first.nominee_user_id:
            organisation = orgs.get(first.nominee_user_id)
        entries = [
            JuryEntry(
                nominator=nominator_label(n, names, runtime.lang),
                submitted=format_when(n.created_at, runtime.tz, runtime.lang),
                partner=n.partner,
                motivation=n.motivation,
            )
            for n in items
        ]
        groups.append(JuryGroup(nominee=nominee, organisation=organisation, entries=entries))
    return sorted(groups, key=lambda g: (-len(g.entries), g.nominee.casefold()))


def render_jury_summary(runtime: Runtime, session: Session, award_round: AwardRound) -> list[Message]:
    """The jury's messages for a round: grouped, in full, escaped, split when long."""
    return build_jury_summary(
        jury_groups(runtime, session, award_round),
        year=award_round.year,
        closed=closed_text(award_round, runtime),
        lang=runtime.lang,
    )


# ---------------------------------------------------------------- organisers: /chefsnatverket guldlanken …

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHANNEL_RE = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_BARE_CHANNEL_RE = re.compile(r"^[CG][A-Z0-9]{6,}$")
_EXTEND = {"förläng", "forlang", "forläng", "förlang", "extend"}
_CLOSE = {"stäng", "stang", "close"}
_STATUS = {"status"}
_HELP = {"", "hjälp", "hjalp", "help", "?"}


class AdminInputError(Exception):
    """A malformed organiser command; the message is the Swedish answer with an example."""


@dataclass(frozen=True)
class OpenRound:
    """`guldlanken YYYY-MM-DD [#kanal] [jury #kanal]`."""

    deadline: dt.date
    announcement_channel: str | None = None
    jury_channel: str | None = None


@dataclass(frozen=True)
class ExtendRound:
    """`guldlanken förläng YYYY-MM-DD`."""

    deadline: dt.date


@dataclass(frozen=True)
class SimpleCommand:
    """`guldlanken stäng`, `status`, or help."""

    name: str  # "close", "status", "help"


AdminCommand = OpenRound | ExtendRound | SimpleCommand


def example_deadline(today: dt.date) -> str:
    """The next 1 September (by tradition the deadline), for examples in answers."""
    candidate = dt.date(today.year, 9, 1)
    return (candidate if candidate >= today else dt.date(today.year + 1, 9, 1)).isoformat()


def _parse_date(value: str, lang: str, example: str) -> dt.date:
    try:
        if not _DATE_RE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AdminInputError(t("award.admin.bad_date", lang, value=value, example=example)) from None


def _parse_channel(value: str, lang: str, example: str) -> str:
    match = _CHANNEL_RE.match(value)
    if match:
        return match.group(1)
    if _BARE_CHANNEL_RE.match(value):
        return value
    raise AdminInputError(t("award.admin.bad_channel", lang, value=value, example=example))


def parse_admin(rest: str, lang: str, today: dt.date) -> AdminCommand:
    """Parse the text after `guldlanken` (pure); AdminInputError carries the Swedish answer."""
    example = example_deadline(today)
    words = rest.split()
    first = words[0].casefold() if words else ""
    if first in _HELP:
        return SimpleCommand("help")
    if first in _CLOSE:
        return SimpleCommand("close")
    if first in _STATUS:
        return SimpleCommand("status")
    if first in _EXTEND:
        if len(words) != 2:
            raise AdminInputError(t("award.admin.extend_usage", lang, example=example))
        return ExtendRound(_parse_date(words[1], lang, example))
    if not re.match(r"^\d", first):
        return SimpleCommand("help")
    deadline = _parse_date(words[0], lang, example)
    announce: str | None = None
    jury: str | None = None
    rest_words = words[1:]
    while rest_words:
        word = rest_words.pop(0)
        if word.casefold() in {"jury", "juryn"}:
            if not rest_words:
                raise AdminInputError(t("award.admin.bad_channel", lang, value=word, example=example))
            jury = _parse_channel(rest_words.pop(0), lang, example)
        elif announce is None:
            announce = _parse_channel(word, lang, example)
        else:
            raise AdminInputError(t("award.admin.bad_channel", lang, value=word, example=example))
    return OpenRound(deadline, announce, jury)


def _today(runtime: Runtime) -> dt.date:
    return runtime.now().astimezone(runtime.tz).date()


# A round whose jury summary is this overdue is taken to have failed for good (the scheduler
# has told the organisers); it no longer blocks the next round.
STUCK_AFTER = dt.timedelta(hours=1)


def _still_running(session: Session, runtime: Runtime, current: AwardRound) -> str | None:
    """Why `current` still blocks a new round, or None after closing a round that is stuck."""
    lang, now = runtime.lang, runtime.now()
    if accepting(current, now, runtime.tz):
        return t(
            "award.admin.already_open",
            lang,
            year=current.year,
            deadline=deadline_text(current.deadline, lang),
        )
    if jury_summary_due(current, runtime.tz) > now - STUCK_AFTER:
        return t(
            "award.admin.awaiting_summary", lang, year=current.year, summary=_summary_when(current, runtime)
        )
    close_round(current, now)
    session.flush()
    return None


def _open_round(session: Session, runtime: Runtime, user_id: str, command: OpenRound, channel_id: str) -> str:
    lang, today = runtime.lang, _today(runtime)
    example = example_deadline(today)
    current = store.open_round(session)
    if current is not None:
        refusal = _still_running(session, runtime, current)
        if refusal:
            return refusal
    if command.deadline < today:
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
    award_round = AwardRound(
        year=command.deadline.year,
        deadline=command.deadline,
        announcement_channel=announce,
        jury_channel=command.jury_channel,
        status="open",
        opened_by=user_id,
        opened_at=now,
        updated_at=now,
    )
    session.add(award_round)
    session.flush()
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


def _extend_round(session: Session, runtime: Runtime, command: ExtendRound) -> str:
    lang, today = runtime.lang, _today(runtime)
    current = store.open_round(session)
    if current is None:
        return t("award.admin.no_open", lang, example=example_deadline(today))
    if command.deadline <= current.deadline:
        later = (current.deadline + dt.timedelta(days=7)).isoformat()
        return t(
            "award.admin.extend_not_later",
            lang,
            deadline=deadline_text(current.deadline, lang),
            example=later,
        )
    if command.deadline < today:
        return t(
            "award.admin.past", lang, day=format_day(command.deadline, lang), example=example_deadline(today)
        )
    current.deadline = command.deadline
    current.closed_at = None  # extending a round closed early opens it again
    current.updated_at = runtime.now()
    session.flush()
    return t(
        "award.admin.extended",
        lang,
        year=current.year,
        deadline=deadline_text(current.deadline, lang),
        summary=_summary_when(current, runtime),
    )


def _close_round(session: Session, runtime: Runtime) -> str:
    lang = runtime.lang
    current = store.open_round(session)
    if current is None:
        return t("award.admin.no_open", lang, example=example_deadline(_today(runtime)))
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
    """`/chefsnatverket guldlanken <rest>` for organisers: open, förläng, stäng, status (or help)."""
    lang = runtime.lang
    try:
        command = parse_admin(rest, lang, _today(runtime))
    except AdminInputError as exc:
        return str(exc)
    try:
        with transaction(runtime.sessions) as session:
            if not is_organiser(session, runtime.settings, user_id):
                return t("error.not_organiser", lang)
            if isinstance(command, OpenRound):
                return _open_round(session, runtime, user_id, command, channel_id)
            if isinstance(command, ExtendRound):
                return _extend_round(session, runtime, command)
            if command.name == "close":
                return _close_round(session, runtime)
            if command.name == "status":
                return _status(session, runtime)
            return t("award.admin.help", lang, example=example_deadline(_today(runtime)))
    except IntegrityError:
        # Another organiser opened a round at the same moment; the partial unique index won.
        with runtime.sessions() as session:
            current = store.open_round(session)
            if current is None:
                return t("error.generic", lang)
            return t(
                "award.admin.already_open",
                lang,
                year=current.year,
                deadline=deadline_text(current.deadline, lang),
            )


# ---------------------------------------------------------------- export


def export_rows(runtime: Runtime, session: Session, award_round: AwardRound) -> list[list[str]]:
    """One row per active nomination, grouped by nominee as in the jury summary.

    The groups come in the order of each nominee's first nomination (the jury summary puts the
    most-nominated first); within a group, oldest first.
    """
    grouped = _nominee_groups(runtime, session, award_round)
    names, orgs = grouped.names, grouped.organisations
    rows = []
    for n in (n for items in grouped.groups for n in items):
        organisation = n.nominee_organisation or (
            orgs.get(n.nominee_user_id, "") if n.nominee_user_id else ""
        )
        rows.append(
            [
                str(award_round.year),
                names[n.nominee_user_id] if n.nominee_user_id else (n.nominee_name or ""),
                organisation,
                n.nominee_user_id or "",
                n.partner or "",
                n.motivation,
                nominator_label(n, names, runtime.lang),
                n.created_at.astimezone(runtime.tz).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def export_header(lang: str) -> list[str]:
    """The CSV header row: år, nominerad, organisation, slack-id, partner, motivering, nominerad av, inskickad."""
    keys = ("year", "nominee", "organisation", "slack_id", "partner", "motivation", "nominator", "submitted")
    return [t(f"award.export.{key}", lang) for key in keys]


def export_command(runtime: Runtime, user_id: str, rest: str, channel_id: str) -> str:
    """`/chefsnatverket export guldlanken [år]`: the round's nominations as CSV in the organiser's DM."""
    lang = runtime.lang
    words = rest.split()
    year: int | None = None
    if words:
        if len(words) != 1 or not re.match(r"^\d{4}$", words[0]):
            return t("award.admin.export_bad_year", lang, year=_today(runtime).year)
        year = int(words[0])
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            return t("error.not_organiser", lang)
        if year is not None:
            award_round = store.round_for_year(session, year)
            if award_round is None:
                return t("award.admin.export_no_year", lang, year=year)
        else:
            award_round = store.open_round(session) or store.latest_round(session)
            if award_round is None:
                return t("award.admin.export_none", lang)
        rows = export_rows(runtime, session, award_round)
        year = award_round.year
    count = count_text(len(rows), lang)
    try:
        upload_csv(
            runtime,
            user_id,
            t("award.export.filename", lang, year=year),
            csv_bytes(export_header(lang), rows),
            t("award.export.comment", lang, year=year, count=count),
        )
    except SlackClientError:
        logger.exception("uploading the Guldlänken export failed")
        return t("award.admin.export_failed", lang)
    return t("award.admin.export_sent", lang, year=year, count=count)
