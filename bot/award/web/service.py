"""The web form's rules: which round a link opens, the rate limit, and storing a web nomination.

A web nomination lands in the same table as a Slack one (`source` 'web', the nominator by name
and e-mail instead of a user id), so it reaches the same jury summary and export. Nothing about a
web nomination is ever sent to the nominee or the nominator.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.award.nominations import name_key
from bot.award.rounds import accepting, closed_text
from bot.award.web import forms
from bot.formatting import format_day
from bot.runtime import Runtime
from storage import awards as store
from storage import networks
from storage.db import transaction
from storage.models import AwardRound, Nomination, NominationSource

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How many POSTs the form takes in `window`: from one address in a round, and in a round.

    Counted in the database, so every process serving the app agrees. Behind a reverse proxy,
    set TRUSTED_PROXY (bot/server.py) so REMOTE_ADDR is the client's address, not the proxy's.
    """

    per_address: int = 20
    per_round: int = 300
    window: dt.timedelta = dt.timedelta(hours=1)


LIMITS = Limits()


@dataclass(frozen=True)
class RoundView:
    """What the page shows about a round (plain values, no ORM object)."""

    year: int
    token: str
    deadline_day: str  # "tisdag 1 september 2027"
    closed: str | None  # when nominations stopped; None while the round takes them


class Result(enum.Enum):
    """How a POST ended."""

    NOT_FOUND = "not_found"
    CLOSED = "closed"
    EXPIRED = "expired"  # the CSRF token is missing, wrong or too old
    RATE_LIMITED = "rate_limited"
    INVALID = "invalid"
    RECEIVED = "received"  # stored, or pretended (honeypot, a repeated POST)


@dataclass(frozen=True)
class SubmitOutcome:
    """The result, the round, and what the page needs to show next."""

    result: Result
    round: RoundView | None = None
    nomination: forms.WebNomination | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _view(runtime: Runtime, award_round: AwardRound) -> RoundView:
    is_open = accepting(award_round, runtime.now(), runtime.tz)
    return RoundView(
        year=award_round.year,
        token=award_round.web_token,
        deadline_day=format_day(award_round.deadline, runtime.lang),
        closed=None if is_open else closed_text(award_round, runtime),
    )


def _in_network_of(runtime: Runtime, token: str) -> Runtime | None:
    """The runtime working in the network whose round the link is for (the link names no
    network, and no Slack request comes with it); None for an unknown token."""
    with transaction(runtime.all_networks()) as session:
        network_id = networks.network_of_web_token(session, token)
    return runtime.for_network(network_id) if network_id is not None else None


def find_round(runtime: Runtime, token: str) -> RoundView | None:
    """The round behind a form link, or None for an unknown token."""
    scoped = _in_network_of(runtime, token)
    if scoped is None:
        return None
    runtime = scoped
    with runtime.sessions() as session:
        award_round = store.round_by_web_token(session, token)
        return _view(runtime, award_round) if award_round is not None else None


def new_csrf(runtime: Runtime, token: str) -> str:
    """A CSRF token for a form shown now."""
    return forms.csrf_token(runtime.settings.slack_signing_secret, token, runtime.now())


def submit(runtime: Runtime, token: str, form: Mapping[str, str], address: str) -> SubmitOutcome:
    """Check and store one POST of the form; stores nothing unless the result is a real RECEIVED."""
    scoped = _in_network_of(runtime, token)
    if scoped is None:
        return SubmitOutcome(Result.NOT_FOUND)
    runtime = scoped
    secret, now, lang = runtime.settings.slack_signing_secret, runtime.now(), runtime.lang
    nomination = forms.read_form(form)
    with transaction(runtime.sessions) as session:
        award_round = store.round_by_web_token(session, token)
        if award_round is None:
            return SubmitOutcome(Result.NOT_FOUND)
        view = _view(runtime, award_round)
        if view.closed is not None:
            return SubmitOutcome(Result.CLOSED, view)
        if not forms.csrf_valid(secret, token, form.get(forms.CSRF), now):
            return SubmitOutcome(Result.EXPIRED, view, nomination)
        limits, key = LIMITS, forms.address_key(secret, address)
        since = now - limits.window
        store.prune_web_form_hits(session, since)
        if (
            store.count_web_form_hits(session, award_round.id, since, key) >= limits.per_address
            or store.count_web_form_hits(session, award_round.id, since) >= limits.per_round
        ):
            logger.warning("web form: rate limit reached for round %s", award_round.year)
            return SubmitOutcome(Result.RATE_LIMITED, view, nomination)
        store.add_web_form_hit(session, award_round.id, key, now)
        if form.get(forms.HONEYPOT):
            logger.info("web form: honeypot filled; nothing stored")
            return SubmitOutcome(Result.RECEIVED, view, nomination)
        errors = forms.validate(nomination, lang)
        if errors:
            return SubmitOutcome(Result.INVALID, view, nomination, errors)
        key_of_nominee = name_key(nomination.nominee_name)
        earlier = store.web_nomination_of(session, award_round.id, nomination.nominator_email, key_of_nominee)
        if earlier is not None and earlier.motivation == nomination.motivation:
            # The same form sent twice (a reload, a double click): keep the one already stored.
            return SubmitOutcome(Result.RECEIVED, view, nomination)
        session.add(
            Nomination(
                round_id=award_round.id,
                source=NominationSource.WEB.value,
                nominator_user_id=None,
                nominator_name=nomination.nominator_name,
                nominator_email=nomination.nominator_email,
                nominee_name=nomination.nominee_name,
                nominee_organisation=nomination.nominee_organisation,
                nominee_key=key_of_nominee,
                partner=nomination.partner,
                motivation=nomination.motivation,
                created_at=now,
                updated_at=now,
            )
        )
        session.flush()
        return SubmitOutcome(Result.RECEIVED, view, nomination)
