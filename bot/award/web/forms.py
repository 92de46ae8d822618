"""The web form's fields, their checks and the CSRF token, as pure functions (no database, no HTTP)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.award.views import MOTIVATION_MAX, MOTIVATION_MIN, NAME_MAX, PARTNER_MAX
from bot.formatting import clean_text
from bot.texts import t

# Field names in the form, in the order they appear (the error summary keeps this order).
NOMINEE_NAME = "nominee_name"
NOMINEE_ORGANISATION = "nominee_organisation"
PARTNER = "partner"
MOTIVATION = "motivation"
NOMINATOR_NAME = "nominator_name"
NOMINATOR_EMAIL = "nominator_email"
FIELDS = (NOMINEE_NAME, NOMINEE_ORGANISATION, PARTNER, MOTIVATION, NOMINATOR_NAME, NOMINATOR_EMAIL)
CSRF = "csrf"
# Hidden from people (off screen, out of the tab order); bots that fill every field fill it too.
HONEYPOT = "webbplats"

EMAIL_MAX = 320
_EMAIL_RE = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]{2,}$")
# A form is good for this long after it was shown (and not from the future, beyond clock skew).
CSRF_MAX_AGE = dt.timedelta(hours=12)
_CSRF_SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class WebNomination:
    """What the nominator typed, stripped (an empty optional field is None)."""

    nominee_name: str
    nominee_organisation: str
    partner: str | None
    motivation: str
    nominator_name: str
    nominator_email: str

    def values(self) -> dict[str, str]:
        """The fields as the form shows them again."""
        return {name: getattr(self, name) or "" for name in FIELDS}


def read_form(form: Mapping[str, str]) -> WebNomination:
    """Read the posted fields (missing ones are empty); line breaks count as one character, as in Slack."""

    def field(name: str) -> str:
        return clean_text((form.get(name) or "").replace("\r\n", "\n").replace("\r", "\n")).strip()

    return WebNomination(
        nominee_name=field(NOMINEE_NAME),
        nominee_organisation=field(NOMINEE_ORGANISATION),
        partner=field(PARTNER) or None,
        motivation=field(MOTIVATION),
        nominator_name=field(NOMINATOR_NAME),
        nominator_email=field(NOMINATOR_EMAIL),
    )


def number(n: int) -> str:
    """`3 000`: thousands with a (no-break) space, as the style guide asks."""
    return f"{n:,}".replace(",", "\u00a0")


def validate(nomination: WebNomination, lang: str) -> dict[str, str]:
    """Each field's problem, in the form's order; empty when the nomination can be stored."""
    errors: dict[str, str] = {}
    required = {
        NOMINEE_NAME: "award.web.error.nominee_name",
        NOMINEE_ORGANISATION: "award.web.error.nominee_organisation",
        NOMINATOR_NAME: "award.web.error.nominator_name",
        NOMINATOR_EMAIL: "award.web.error.nominator_email",
    }
    limits = {
        NOMINEE_NAME: NAME_MAX,
        NOMINEE_ORGANISATION: NAME_MAX,
        PARTNER: PARTNER_MAX,
        NOMINATOR_NAME: NAME_MAX,
        NOMINATOR_EMAIL: EMAIL_MAX,
    }
    for name in FIELDS:
        value = getattr(nomination, name) or ""
        if name == MOTIVATION:
            if len(value) < MOTIVATION_MIN:
                errors[name] = t(
                    "award.web.error.too_short", lang, min=number(MOTIVATION_MIN), count=number(len(value))
                )
            elif len(value) > MOTIVATION_MAX:
                errors[name] = t(
                    "award.web.error.too_long", lang, max=number(MOTIVATION_MAX), count=number(len(value))
                )
        elif not value and name in required:
            errors[name] = t(required[name], lang)
        elif len(value) > limits[name]:
            errors[name] = t(
                "award.web.error.field_too_long", lang, max=number(limits[name]), count=number(len(value))
            )
        elif name == NOMINATOR_EMAIL and not _EMAIL_RE.match(value):
            errors[name] = t("award.web.error.email_invalid", lang)
    return errors


# ---------------------------------------------------------------- CSRF


def _signature(secret: str, round_token: str, stamp: str) -> str:
    message = f"guldlanken-form:{round_token}:{stamp}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def csrf_token(secret: str, round_token: str, now: dt.datetime) -> str:
    """`<unix time>.<HMAC of the round token and the time>`: ties the form to the round and the moment."""
    stamp = str(int(now.timestamp()))
    return f"{stamp}.{_signature(secret, round_token, stamp)}"


def csrf_valid(secret: str, round_token: str, token: str | None, now: dt.datetime) -> bool:
    """True for a token this app made for this round, not older than CSRF_MAX_AGE."""
    stamp, _, signature = (token or "").partition(".")
    if not stamp.isdigit() or not signature:
        return False
    if not hmac.compare_digest(signature, _signature(secret, round_token, stamp)):
        return False
    issued = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    return now - CSRF_MAX_AGE <= issued <= now + _CSRF_SKEW


def address_key(secret: str, address: str) -> str:
    """A keyed hash of the client's address: enough to count its POSTs, useless to anyone else."""
    return hmac.new(secret.encode(), f"web-form-address:{address}".encode(), hashlib.sha256).hexdigest()[:64]
