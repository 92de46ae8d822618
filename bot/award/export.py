"""The CSV export of a round's nominations for the organisers (`export guldlanken [år]`)."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackClientError
from sqlalchemy.orm import Session

from bot.admin.award_commands import AdminInputError, parse_export_year
from bot.award.jury import nominee_groups
from bot.award.nominations import count_text
from bot.award.rounds import today
from bot.award.web.labels import nominator_label
from bot.csv_export import csv_bytes, upload_csv
from bot.meeting.people import is_organiser, network_of
from bot.privacy.service import log_action
from bot.runtime import Runtime
from bot.texts import t
from storage import awards as store
from storage.audit import AuditAction
from storage.db import transaction
from storage.models import AwardRound

logger = logging.getLogger(__name__)

_COLUMNS = ("year", "nominee", "organisation", "slack_id", "partner", "motivation", "nominator", "submitted")


def export_header(lang: str) -> list[str]:
    """The CSV header row: år, nominerad, organisation, slack-id, partner, motivering, nominerad av, inskickad."""
    return [t(f"award.export.{key}", lang) for key in _COLUMNS]


def export_rows(runtime: Runtime, session: Session, award_round: AwardRound) -> list[list[str]]:
    """One row per active nomination, grouped by nominee as in the jury summary.

    The groups come in the order of each nominee's first nomination (the jury summary puts the
    most-nominated first); within a group, oldest first.
    """
    grouped = nominee_groups(runtime, session, award_round)
    rows = []
    for n in (n for items in grouped.groups for n in items):
        organisation = n.nominee_organisation or (
            grouped.organisations.get(n.nominee_user_id, "") if n.nominee_user_id else ""
        )
        rows.append(
            [
                str(award_round.year),
                grouped.nominee(n),
                organisation,
                n.nominee_user_id or "",
                n.partner or "",
                n.motivation,
                nominator_label(n, grouped.names, runtime.lang),
                n.created_at.astimezone(runtime.tz).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def _export_round(session: Session, year: int | None) -> AwardRound | None:
    """The round named by `year`, else the open one, else the latest."""
    if year is not None:
        return store.round_for_year(session, year)
    return store.open_round(session) or store.latest_round(session)


def export_command(runtime: Runtime, user_id: str, rest: str, channel_id: str) -> str:
    """`/chefsnatverket export guldlanken [år]`: the round's nominations as CSV in the organiser's DM."""
    lang = runtime.lang
    try:
        year = parse_export_year(rest, lang, today(runtime))
    except AdminInputError as exc:
        return str(exc)
    with transaction(runtime.sessions) as session:
        if not is_organiser(session, runtime.settings, user_id):
            return t("error.not_organiser_of", lang, **network_of(session))
        award_round = _export_round(session, year)
        if award_round is None:
            if year is not None:
                return t("award.admin.export_no_year", lang, year=year)
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
    log_action(runtime, user_id, AuditAction.EXPORT_AWARD, rows=len(rows))
    return t("award.admin.export_sent", lang, year=year, count=count)
