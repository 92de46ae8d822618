"""Guldlänken nominations: storing, editing, withdrawing, `mina` (reading and checking the modal:
bot/award/submission.py, its names importable from here too).

Confidentiality: a nomination is shown only to its nominator (the modal, the `mina` list, the
thank-you DM) and to the organisers (the jury summary, the export). Nothing is ever sent to a
nominee. Everything here returns plain values; bot/award/views.py turns them into Block Kit.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import ids
from bot.award.names import user_names
from bot.award.rounds import accepting, accepting_round, closed_answer, deadline_text
from bot.award.submission import (
    MOTIVATION_MAX,
    MOTIVATION_MIN,
    NAME_MAX,
    PARTNER_MAX,
    Submission,
    metadata,
    name_key,
    nominee_key,
    read_submission,
    validate_submission,
)
from bot.formatting import escape
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.db import transaction
from storage.models import AwardRound, Nomination

# Active nominations one person may have in a round: enough for anyone's real candidates, few
# enough that the jury can read them all (one person once filed 200).
NOMINATIONS_PER_PERSON = 15


class Command(enum.StrEnum):
    """What `/guldlanken <text>` asks for."""

    NOMINATE = "nominate"
    MINE = "mine"
    WINNERS = "winners"
    HELP = "help"


@dataclass(frozen=True)
class Refusal:
    """Why the person cannot do what they asked, as the text to show them."""

    text: str


@dataclass(frozen=True)
class NominationDraft:
    """What the modal is prefilled with when a nomination is edited."""

    nominee_user_id: str | None = None
    nominee_name: str | None = None
    nominee_organisation: str | None = None
    partner: str | None = None
    motivation: str = ""


@dataclass(frozen=True)
class NominationForm:
    """The nomination modal to open: a new nomination (no draft) or one to edit."""

    year: int
    deadline: str  # already formatted, e.g. "onsdag 1 september 2027 kl. 23.59"
    private_metadata: str
    draft: NominationDraft | None = None


@dataclass(frozen=True)
class MineItem:
    """One of the nominator's own nominations, for `/guldlanken mina`."""

    nomination_id: int
    nominee: str
    organisation: str | None
    motivation: str


@dataclass(frozen=True)
class MyNominations:
    """The nominator's own active nominations in the round that takes them."""

    items: list[MineItem]
    year: int
    deadline: str
    notice: str | None = None  # e.g. "withdrawn", shown above the list


@dataclass(frozen=True)
class SubmitOutcome:
    """The result of a submission: errors for the modal, or what the thank-you DM needs."""

    errors: dict[str, str] = field(default_factory=dict)
    edited: bool = False
    year: int = 0
    deadline: dt.date | None = None
    nominee_user_id: str | None = None
    nominee_name: str | None = None


def count_text(n: int, lang: str) -> str:
    """`1 nominering`, `3 nomineringar`."""
    return t("award.count.one", lang) if n == 1 else t("award.count.many", lang, n=n)


def command_kind(text: str) -> Command:
    """`/guldlanken` text -> nominate (empty), mine (`mina`), winners (`vinnare`), else help (pure)."""
    word = text.strip().casefold()
    if not word:
        return Command.NOMINATE
    if word in {"mina", "mine", "mina nomineringar"}:
        return Command.MINE
    if word in {"vinnare", "winners"}:
        return Command.WINNERS
    return Command.HELP


# ---------------------------------------------------------------- opening the modal


def _own_nomination(
    session: Session, runtime: Runtime, user_id: str, nomination_id: int | None
) -> Nomination | Refusal:
    """The user's active nomination in an accepting round, or the polite reason why not."""
    nomination = store.get_nomination(session, nomination_id)
    if nomination is None or nomination.withdrawn_at is not None:
        return Refusal(t("award.error.gone", runtime.lang))
    if nomination.nominator_user_id != user_id:
        return Refusal(t("award.error.not_nominator", runtime.lang))
    if not accepting(nomination.round, runtime.now(), runtime.tz):
        return Refusal(t("award.error.action_closed", runtime.lang, year=nomination.round.year))
    return nomination


def _draft(nomination: Nomination) -> NominationDraft:
    return NominationDraft(
        nominee_user_id=nomination.nominee_user_id,
        nominee_name=nomination.nominee_name,
        nominee_organisation=nomination.nominee_organisation,
        partner=nomination.partner,
        motivation=nomination.motivation,
    )


def nomination_view(
    runtime: Runtime, user_id: str, nomination_id: int | None = None
) -> tuple[NominationForm | None, str | None]:
    """The modal to open (new, or prefilled to edit `nomination_id`), or a refusal text."""
    with transaction(runtime.sessions) as session:
        draft: NominationDraft | None = None
        if nomination_id is not None:
            own = _own_nomination(session, runtime, user_id, nomination_id)
            if isinstance(own, Refusal):
                return None, own.text
            award_round, draft = own.round, _draft(own)
        else:
            current = accepting_round(session, runtime)
            if current is None:
                return None, closed_answer(session, runtime)
            if _at_the_cap(session, current, user_id):
                return None, _too_many(current, runtime.lang)
            award_round = current
        return NominationForm(
            year=award_round.year,
            deadline=deadline_text(award_round.deadline, runtime.lang),
            private_metadata=metadata(award_round.id, nomination_id),
            draft=draft,
        ), None


# ---------------------------------------------------------------- submitting


def _store_submission(
    session: Session, runtime: Runtime, user_id: str, submission: Submission
) -> SubmitOutcome:
    lang, now = runtime.lang, runtime.now()
    award_round = store.get_round(session, submission.round_id)
    if award_round is None or not accepting(award_round, now, runtime.tz):
        return SubmitOutcome(errors={ids.AWARD_BLOCK_MOTIVATION: t("award.error.closed", lang)})
    nomination: Nomination | None = None
    if submission.nomination_id is not None:
        own = _own_nomination(session, runtime, user_id, submission.nomination_id)
        if isinstance(own, Refusal) or own.round_id != award_round.id:
            refusal = own.text if isinstance(own, Refusal) else t("award.error.gone", lang)
            return SubmitOutcome(errors={ids.AWARD_BLOCK_MOTIVATION: refusal})
        nomination = own
    key = nominee_key(submission)
    earlier = store.active_nomination_of(session, award_round.id, user_id, key)
    if earlier is not None and earlier is not nomination:
        return SubmitOutcome(errors={_nominee_block(submission): t("award.error.duplicate", lang)})
    if nomination is None:
        if _at_the_cap(session, award_round, user_id):
            return SubmitOutcome(errors={ids.AWARD_BLOCK_MOTIVATION: _too_many(award_round, lang)})
        nomination = store.add_nomination(session, award_round.id, user_id, now)
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


def _at_the_cap(session: Session, award_round: AwardRound, user_id: str) -> bool:
    """Whether `user_id` already has as many active nominations in the round as one person may."""
    return len(store.nominations_by(session, award_round.id, user_id)) >= NOMINATIONS_PER_PERSON


def _too_many(award_round: AwardRound, lang: str) -> str:
    return t("award.error.too_many", lang, max=NOMINATIONS_PER_PERSON, year=award_round.year)


def _nominee_block(submission: Submission) -> str:
    """The modal field a "you already nominated this person" refusal belongs under."""
    return ids.AWARD_BLOCK_NOMINEE_USER if submission.nominee_user_id else ids.AWARD_BLOCK_NOMINEE_NAME


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
        return SubmitOutcome(errors={_nominee_block(submission): t("award.error.duplicate", runtime.lang)})


def thank_you_text(runtime: Runtime, outcome: SubmitOutcome) -> str:
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
    return t(
        key,
        runtime.lang,
        nominee=escape(nominee),
        year=outcome.year,
        deadline=deadline_text(outcome.deadline, runtime.lang),
    )


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


def _mine(
    runtime: Runtime, session: Session, award_round: AwardRound, user_id: str, notice: str | None = None
) -> MyNominations:
    return MyNominations(
        items=_mine_items(runtime, session, store.nominations_by(session, award_round.id, user_id)),
        year=award_round.year,
        deadline=deadline_text(award_round.deadline, runtime.lang),
        notice=notice,
    )


def my_nominations(runtime: Runtime, user_id: str) -> MyNominations | Refusal:
    """`/guldlanken mina`: the user's own active nominations in the open round (or why there are none)."""
    with transaction(runtime.sessions) as session:
        current = accepting_round(session, runtime)
        if current is None:
            return Refusal(closed_answer(session, runtime))
        return _mine(runtime, session, current, user_id)


def withdraw_nomination(runtime: Runtime, user_id: str, nomination_id: int | None) -> MyNominations | Refusal:
    """Withdraw the user's own nomination while the round takes nominations; the refreshed list."""
    with transaction(runtime.sessions) as session:
        own = _own_nomination(session, runtime, user_id, nomination_id)
        if isinstance(own, Refusal):
            return own
        own.withdrawn_at = runtime.now()
        own.updated_at = runtime.now()
        round_id = own.round_id
    # Names come from Slack: asked after the commit, so no write lock waits on the network.
    with runtime.sessions() as session:
        award_round = store.get_round(session, round_id)
        withdrawn = store.get_nomination(session, nomination_id)
        assert award_round is not None and withdrawn is not None
        item = _mine_items(runtime, session, [withdrawn])[0]
        notice = t("award.mine.withdrawn", runtime.lang, nominee=escape(item.nominee))
        return _mine(runtime, session, award_round, user_id, notice)


__all__ = [
    "MOTIVATION_MAX",
    "MOTIVATION_MIN",
    "NAME_MAX",
    "PARTNER_MAX",
    "Submission",
    "name_key",
    "nominee_key",
    "read_submission",
    "validate_submission",
]
