"""Extract, erasure, the audit log and the anonymous pulse setting: rules and typed outcomes.

Who may do what is checked here, where it runs: `utdrag`, `glöm`, `logg` and `anonym` only by a
samordnare; a member's own extract (App Home's "Mina uppgifter") by anyone, for themself. The
texts the person wrote are never logged; the audit log gets counts.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from bot.csv_export import dm_channel, upload_files
from bot.meeting.people import organiser_ids
from bot.meeting.service import Refused, require_organiser
from bot.privacy import views
from bot.runtime import Runtime
from bot.texts import t
from storage import audit
from storage import privacy as store
from storage.audit import AuditAction
from storage.db import transaction
from storage.meetings import get_network

logger = logging.getLogger(__name__)

NOMINEE_SECTION = "nominations.nominee_user_id"
MEMBER_SECTION = "members.slack_user_id"


@dataclass(frozen=True)
class NothingStored:
    """Nothing (left) about `target`: `erased` when an earlier erasure took it."""

    target: str
    erased: bool


@dataclass(frozen=True)
class ErasurePreview:
    """What `glöm` would erase, for the confirmation modal; the nominee rows only if ticked."""

    target: str
    counts: Mapping[str, int]

    @property
    def nominations_of(self) -> int:
        """How many nominations of the person the box would also erase."""
        return self.counts.get(NOMINEE_SECTION, 0)


@dataclass(frozen=True)
class Erased:
    """What an erasure did, by section (counts only)."""

    target: str
    counts: Mapping[str, int]


@dataclass(frozen=True)
class ExtractSent:
    """The extract of `target` (`rows` rows) went to the DM of the one who asked."""

    target: str
    rows: int


@dataclass(frozen=True)
class AuditShown:
    """`logg`: the newest entries, newest first."""

    entries: tuple[views.LogLine, ...]


@dataclass(frozen=True)
class AnonymityChanged:
    """`anonym på|av`: the pulse summary's new setting."""

    anonymous: bool


Outcome = NothingStored | ErasurePreview | Erased | ExtractSent | AuditShown | AnonymityChanged


def log_action(
    runtime: Runtime, actor: str, action: AuditAction, rows: int = 0, target: str | None = None
) -> None:
    """Record an export (or another action done outside this package) in the audit log."""
    with transaction(runtime.sessions) as session:
        audit.record(session, runtime.now(), actor, action, rows=rows, target=target)


# ---------------------------------------------------------------- erasure


def _check_erasure(runtime: Runtime, actor: str, target: str) -> ErasurePreview | NothingStored:
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, actor)
        counts = store.erasable(store.personal_counts(session, target))
        if not any(counts.values()):
            return NothingStored(target, audit.was_erased(session, target))
        organisers = organiser_ids(session, runtime.settings)
        if target in organisers and len(organisers) == 1:
            raise Refused("privacy.error.last_organiser")
    return ErasurePreview(target, counts)


def preview_erasure(runtime: Runtime, actor: str, target: str) -> ErasurePreview | NothingStored:
    """`glöm @person`: what would be erased. Refuses non-samordnare and the last samordnare."""
    return _check_erasure(runtime, actor, target)


def erase(runtime: Runtime, actor: str, target: str, nominations_of: bool) -> Erased | NothingStored:
    """The confirmed erasure: the registry's rows deleted, cleared or pseudonymised, in one
    transaction, with one audit entry of the counts. The right is checked again here."""
    checked = _check_erasure(runtime, actor, target)
    if isinstance(checked, NothingStored):
        return checked
    pseudonym = f"erased-{uuid.uuid4().hex[:16]}"
    with transaction(runtime.sessions) as session:
        counts = store.erase_person(session, target, pseudonym, nominations_of=nominations_of)
        audit.record(session, runtime.now(), actor, AuditAction.ERASE, target=target, counts=counts)
    logger.info("erasure by %s: %d rows", actor, sum(counts.values()))
    return Erased(target, counts)


# ---------------------------------------------------------------- extract


def _send_extract(runtime: Runtime, actor: str, target: str, *, own: bool) -> ExtractSent | NothingStored:
    with transaction(runtime.sessions) as session:
        if not own:
            require_organiser(session, runtime, actor)
        data = store.personal_data(session, target)
        rows = sum(len(v) for v in data.values())
        if not own and not any(store.erasable({k: len(v) for k, v in data.items()}).values()):
            return NothingStored(target, audit.was_erased(session, target))
    now = runtime.now()
    lang = runtime.lang
    months = runtime.settings.retention_months
    day = now.astimezone(runtime.tz).date().isoformat()
    base = t("privacy.extract.filename", lang, person=target, date=day)
    files: list[tuple[str, bytes, str | None]] = [
        (f"{base}.json", views.extract_json(target, now, months, data), None),
        (f"{base}.md", views.extract_markdown(target, now, months, data, runtime.tz, lang), None),
    ]
    key = "privacy.extract.comment_own" if own else "privacy.extract.comment"
    upload_files(runtime, dm_channel(runtime, actor), files, t(key, lang, person=f"<@{target}>", rows=rows))
    with transaction(runtime.sessions) as session:
        audit.record(session, runtime.now(), actor, AuditAction.EXTRACT, target=target, rows=rows)
    return ExtractSent(target, rows)


def send_extract(runtime: Runtime, actor: str, target: str) -> ExtractSent | NothingStored:
    """`utdrag @person`: everything stored about the person, as JSON and Markdown files in the
    samordnare's DM."""
    return _send_extract(runtime, actor, target, own=False)


def send_own_extract(runtime: Runtime, user_id: str) -> ExtractSent | NothingStored:
    """ "Mina uppgifter": the person's own extract, in their DM."""
    return _send_extract(runtime, user_id, user_id, own=True)


# ---------------------------------------------------------------- the log and the pulse setting


def audit_log(runtime: Runtime, actor: str, limit: int = 50) -> AuditShown:
    """`logg`: the newest `limit` entries."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, actor)
        entries = audit.latest(session, limit)
        lines = tuple(views.LogLine(e.at, e.actor, e.action, e.target, e.rows) for e in entries)
    return AuditShown(lines)


def set_anonymous_pulse(runtime: Runtime, actor: str, anonymous: bool) -> AnonymityChanged:
    """`anonym på|av`: whether the pulse summary names who answered what."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, actor)
        get_network(session).anonymous_pulse = anonymous
    return AnonymityChanged(anonymous)
