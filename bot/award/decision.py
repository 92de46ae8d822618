"""The jury's decision: *Utse vinnare* picks the winner(s) of a round, the citation and when to announce.

Only samordnare decide, and only after the jury summary has gone out (the round is 'closed').
The decision is stored as the round's rows in award_winners, all with the same citation and
announcement time; saving again replaces them, which re-plans the announcement (bot/award/
announce.py computes its sends from these rows at tick time). Once the announcement time has
come, the decision is refused. Nothing here tells a nominee anything: the announcement and the
congratulation go out through the ledger at the chosen moment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from bot import ids
from bot.award.jury import JuryGroup, jury_groups, nominee_organisation
from bot.award.names import user_names
from bot.award.nominations import Refusal, count_text
from bot.award.rounds import today
from bot.award.winners import WinnerName, labels_text
from bot.formatting import format_when
from bot.meeting.people import is_organiser, network_of
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.db import transaction
from storage.members import members_by_user_id
from storage.models import AwardRound, AwardWinner, Nomination, RoundStatus

CITATION_MAX = 2000
MAX_OPTIONS = 100  # Slack's limit for a static select's options
OPTION_TEXT_MAX = 75
DEFAULT_ANNOUNCE_TIME = "10:00"
HOME = "home"  # the button's value on the App Home: the latest closed round


@dataclass(frozen=True)
class NomineeChoice:
    """One nominee in the winners select."""

    value: str  # a short digest of the nominee key (option values hold at most 150 characters)
    label: str  # plain text, e.g. "Chloe Chen (Försäkringskassan) – 2 nomineringar"


@dataclass(frozen=True)
class DecisionForm:
    """The *Utse vinnare* modal to open, prefilled with the decision so far (if any)."""

    year: int
    channel: str
    choices: list[NomineeChoice]
    private_metadata: str
    chosen: list[str] = field(default_factory=list)
    citation: str = ""
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    planned: str | None = None  # the planned announcement, formatted, when already decided
    timezone: str = "Europe/Stockholm"  # the timepicker's zone (the network's)


@dataclass(frozen=True)
class DecisionOutcome:
    """Errors for the modal, or the confirmation to show in its place."""

    errors: dict[str, str] = field(default_factory=dict)
    confirmation: str = ""


@dataclass(frozen=True)
class HomeDecision:
    """What the samordnare's App Home says about the decision of the latest closed round."""

    year: int
    round_id: int
    planned: str | None = None  # the planned announcement, formatted, when decided


def choice_value(nominee_key: str) -> str:
    """The option value standing for a nominee (stable, short, reveals nothing)."""
    return hashlib.sha256(nominee_key.encode("utf-8")).hexdigest()[:20]


def _label(group: JuryGroup, lang: str) -> str:
    organisation = f" ({group.organisation})" if group.organisation else ""
    text = t(
        "award.decide.option",
        lang,
        nominee=group.nominee,
        organisation=organisation,
        count=count_text(len(group.entries), lang),
    )
    return text if len(text) <= OPTION_TEXT_MAX else text[: OPTION_TEXT_MAX - 1] + "…"


def announced_at(winners: list[AwardWinner], now: dt.datetime) -> dt.datetime | None:
    """When the round's announcement went (or is going) out: its time, once that has come."""
    due = winners[0].announce_at if winners else None
    return due if due is not None and due <= now else None


def _round_for(session: Session, value: str | None) -> AwardRound | None:
    if value == HOME:
        return store.latest_closed_round(session)
    try:
        return store.get_round(session, int(value or ""))
    except ValueError:
        return None


def _refusal(session: Session, runtime: Runtime, award_round: AwardRound | None) -> str | None:
    """Why no decision can be made in this round now (None: it can)."""
    lang = runtime.lang
    if award_round is None:
        return t("award.decide.no_round", lang)
    if award_round.status != RoundStatus.CLOSED:
        return t("award.decide.not_yet", lang, year=award_round.year)
    out = announced_at(store.round_winners(session, award_round.id), runtime.now())
    if out is not None:
        return t(
            "award.decide.announced", lang, year=award_round.year, when=format_when(out, runtime.tz, lang)
        )
    return None


def decision_view(runtime: Runtime, user_id: str, value: str | None) -> DecisionForm | Refusal:
    """The *Utse vinnare* modal for the round named by the button, or why not."""
    lang, tz = runtime.lang, runtime.tz
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            return Refusal(t("error.not_organiser_of", lang, **network_of(session)))
        award_round = _round_for(session, value)
        refusal = _refusal(session, runtime, award_round)
        if refusal is not None:
            return Refusal(refusal)
        assert award_round is not None
        groups = jury_groups(runtime, session, award_round)
        if not groups:
            return Refusal(t("award.decide.no_nominees", lang, year=award_round.year))
        winners = store.round_winners(session, award_round.id)
        choices = [NomineeChoice(choice_value(g.key), _label(g, lang)) for g in groups[:MAX_OPTIONS]]
        form = DecisionForm(
            year=award_round.year,
            channel=award_round.announcement_channel or "",
            choices=choices,
            private_metadata=json.dumps({"round": award_round.id}),
            date=(today(runtime) + dt.timedelta(days=1)).isoformat(),
            time=DEFAULT_ANNOUNCE_TIME,
            timezone=tz.key,
        )
        if not winners or winners[0].announce_at is None:
            return form
        local = winners[0].announce_at.astimezone(tz)
        return replace(
            form,
            chosen=[choice_value(w.nominee_key or "") for w in winners],
            citation=winners[0].citation or "",
            date=local.date().isoformat(),
            time=local.strftime("%H:%M"),
            planned=format_when(winners[0].announce_at, tz, lang),
        )


# ---------------------------------------------------------------- the submission


@dataclass(frozen=True)
class DecisionInput:
    """What the samordnare chose in the modal (pure reading of view.state)."""

    round_id: int | None
    chosen: list[str]
    citation: str
    date: dt.date | None
    time: dt.time | None


def _element(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    return (values.get(block_id) or {}).get(ids.AWARD_INPUT) or {}


def read_decision(view: dict[str, Any]) -> DecisionInput:
    """The modal's state as plain values (pure); unreadable parts are None or empty."""
    values = (view.get("state") or {}).get("values") or {}
    try:
        round_id = json.loads(view.get("private_metadata") or "{}").get("round")
    except (ValueError, AttributeError):
        round_id = None
    options = _element(values, ids.AWARD_BLOCK_WINNERS).get("selected_options") or []
    date_text = _element(values, ids.AWARD_BLOCK_ANNOUNCE_DATE).get("selected_date")
    time_text = _element(values, ids.AWARD_BLOCK_ANNOUNCE_TIME).get("selected_time")
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        date = None
    try:
        time = dt.time.fromisoformat(time_text) if time_text else None
    except ValueError:
        time = None
    return DecisionInput(
        round_id=round_id if isinstance(round_id, int) else None,
        chosen=[o.get("value", "") for o in options if isinstance(o, dict)],
        citation=(_element(values, ids.AWARD_BLOCK_CITATION).get("value") or "").strip(),
        date=date,
        time=time,
    )


def _check(decision: DecisionInput, runtime: Runtime) -> tuple[dict[str, str], dt.datetime | None]:
    """Refusals that need no database, and the announcement moment when it can be read."""
    lang = runtime.lang
    errors: dict[str, str] = {}
    if not decision.chosen:
        errors[ids.AWARD_BLOCK_WINNERS] = t("award.decide.error.no_winner", lang)
    if not decision.citation:
        errors[ids.AWARD_BLOCK_CITATION] = t("award.decide.error.no_citation", lang)
    elif len(decision.citation) > CITATION_MAX:
        errors[ids.AWARD_BLOCK_CITATION] = t(
            "award.decide.error.citation_too_long", lang, max=CITATION_MAX, count=len(decision.citation)
        )
    if decision.date is None:
        errors[ids.AWARD_BLOCK_ANNOUNCE_DATE] = t("award.decide.error.no_date", lang)
    if decision.time is None:
        errors[ids.AWARD_BLOCK_ANNOUNCE_TIME] = t("award.decide.error.no_time", lang)
    if decision.date is None or decision.time is None:
        return errors, None
    moment = dt.datetime.combine(decision.date, decision.time, tzinfo=runtime.tz)
    if moment <= runtime.now():
        errors[ids.AWARD_BLOCK_ANNOUNCE_TIME] = t(
            "award.decide.error.past", lang, when=format_when(moment, runtime.tz, lang)
        )
    return errors, moment


@dataclass(frozen=True)
class PickedWinner:
    """A nominee picked as winner, with what the announcement shows."""

    key: str
    user_id: str | None
    name: str
    organisation: str | None


def _picked(
    runtime: Runtime, session: Session, award_round: AwardRound, chosen: list[str]
) -> list[PickedWinner]:
    """The nominees behind the chosen option values (unknown values left out).

    Only the picked nominees' names are asked of Slack, so the answer stays within Slack's
    three seconds for a view submission.
    """
    by_key: dict[str, list[Nomination]] = {}
    for nomination in store.active_nominations(session, award_round.id):
        by_key.setdefault(nomination.nominee_key, []).append(nomination)
    by_value = {choice_value(key): items for key, items in by_key.items()}
    groups = [by_value[v] for v in dict.fromkeys(chosen) if v in by_value]
    user_ids = [items[0].nominee_user_id for items in groups if items[0].nominee_user_id]
    members = members_by_user_id(session, user_ids)
    names = user_names(runtime, session, user_ids, members)
    organisations = {uid: m.organisation.name for uid, m in members.items() if m.organisation is not None}
    return [
        PickedWinner(
            key=items[0].nominee_key,
            user_id=items[0].nominee_user_id,
            name=names[items[0].nominee_user_id] if items[0].nominee_user_id else items[0].nominee_name or "",
            organisation=nominee_organisation(items, organisations),
        )
        for items in groups
    ]


def submit_decision(runtime: Runtime, user_id: str, view: dict[str, Any]) -> DecisionOutcome:
    """Save (or re-plan) the decision, or say what to correct, field by field."""
    lang = runtime.lang
    decision = read_decision(view)
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            not_organiser = t("error.not_organiser_of", lang, **network_of(session, mrkdwn=False))
            return DecisionOutcome(errors={ids.AWARD_BLOCK_WINNERS: not_organiser})
        award_round = store.get_round(session, decision.round_id)
        refusal = _refusal(session, runtime, award_round)
        if refusal is not None:
            return DecisionOutcome(errors={ids.AWARD_BLOCK_WINNERS: refusal})
        assert award_round is not None
        errors, moment = _check(decision, runtime)
        picked = _picked(runtime, session, award_round, decision.chosen) if decision.chosen else []
        if decision.chosen and len(picked) != len(set(decision.chosen)):
            errors.setdefault(ids.AWARD_BLOCK_WINNERS, t("award.decide.error.unknown_winner", lang))
        if errors:
            return DecisionOutcome(errors=errors)
        assert moment is not None
        now = runtime.now()
        store.delete_round_winners(session, award_round.id)
        session.flush()
        for winner in picked:
            store.add_winner(
                session,
                round_id=award_round.id,
                year=award_round.year,
                nominee_key=winner.key,
                nominee_user_id=winner.user_id,
                nominee_name=winner.name,
                organisation=winner.organisation,
                citation=decision.citation,
                announce_at=moment,
                added_by=user_id,
                now=now,
            )
        return DecisionOutcome(
            confirmation=t(
                "award.decide.saved",
                lang,
                names=labels_text([WinnerName(w.name, w.organisation) for w in picked], lang),
                year=award_round.year,
                channel=f"<#{award_round.announcement_channel}>",
                when=format_when(moment, runtime.tz, lang),
            )
        )


def home_decision(session: Session, runtime: Runtime) -> HomeDecision | None:
    """For the samordnare's App Home: the latest closed round while its winner is not announced."""
    award_round = store.latest_closed_round(session)
    if award_round is None or store.count_active_nominations(session, award_round.id) == 0:
        return None
    winners = store.round_winners(session, award_round.id)
    now = runtime.now()
    if announced_at(winners, now) is not None:
        return None
    planned = winners[0].announce_at if winners else None
    return HomeDecision(
        year=award_round.year,
        round_id=award_round.id,
        planned=format_when(planned, runtime.tz, runtime.lang) if planned is not None else None,
    )
