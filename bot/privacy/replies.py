"""Pure builders that word the privacy outcomes: answers to `utdrag`, `glöm`, `logg`, `anonym`,
and the erasure modal's result."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.privacy import views
from bot.privacy.service import (
    AnonymityChanged,
    AuditShown,
    Erased,
    ErasurePreview,
    ExtractSent,
    NothingStored,
    Outcome,
)
from bot.texts import t

OUTCOMES = (NothingStored, ErasurePreview, Erased, ExtractSent, AuditShown, AnonymityChanged)


def reply_text(outcome: Outcome, lang: str) -> str:
    """The answer to a privacy outcome that is only text."""
    match outcome:
        case NothingStored(target, erased):
            return t("privacy.nothing.erased" if erased else "privacy.nothing", lang, person=f"<@{target}>")
        case Erased(target, counts):
            if not any(counts.values()):
                return t("privacy.erase.nothing_done", lang, person=f"<@{target}>")
            return t("privacy.erase.done", lang, person=f"<@{target}>", what=views.counts_text(counts, lang))
        case ExtractSent(target, rows):
            return t("privacy.extract.sent", lang, person=f"<@{target}>", rows=rows)
        case AnonymityChanged(anonymous):
            return t("privacy.anonymous.on" if anonymous else "privacy.anonymous.off", lang)
        case ErasurePreview(target, counts):  # shown as a modal; this is its plain fallback
            return (
                t("privacy.erase.intro", lang, person=f"<@{target}>") + " " + views.counts_text(counts, lang)
            )
    return t("error.generic", lang)


def build_privacy_reply(outcome: Outcome, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    """Keyword arguments for `ack`/`respond`: the ephemeral answer."""
    if isinstance(outcome, AuditShown):
        message = views.build_log(outcome.entries, tz, lang)
        return {"text": message["text"], "response_type": "ephemeral", "blocks": message["blocks"]}
    return {"text": reply_text(outcome, lang), "response_type": "ephemeral"}
