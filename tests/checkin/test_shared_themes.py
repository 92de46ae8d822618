"""Themes and the minutes draft read only what the network may read (answers marked Nätverket)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from bot.checkin.shared import network_only, render_shared_dm
from bot.checkin.summary import CheckinSummary, MemberCheckin, OrganisationCheckins
from storage.models import Visibility

TZ = ZoneInfo("Europe/Stockholm")
STARTS = dt.datetime(2027, 3, 11, 13, 0, tzinfo=TZ)
NETWORK, PRIVATE = Visibility.NETWORK, Visibility.ORGANISERS


def _summary(second_org_visibility: Visibility) -> CheckinSummary:
    first = MemberCheckin("Anna Ek", "Omställningen av mottagningen tar all tid", None, None)
    second = MemberCheckin(
        "Bertil Berg",
        "Vi planerar omställning för unga vuxna",
        "Hemlig budgetneddragning",
        None,
        visibility=(second_org_visibility, PRIVATE, NETWORK),
    )
    return CheckinSummary(
        1,
        STARTS,
        None,
        (
            OrganisationCheckins("Arbetsförmedlingen", (first,)),
            OrganisationCheckins("Region Skåne", (second,)),
        ),
        (),
    )


def test_network_only_leaves_private_answers_and_silent_members_out() -> None:
    shared = network_only(_summary(PRIVATE).organisations)
    assert [org.name for org in shared] == ["Arbetsförmedlingen"]  # Bertil shared nothing
    shared = network_only(_summary(NETWORK).organisations)
    bertil = shared[1].checkins[0]
    assert (bertil.occupying, bertil.changes) == ("Vi planerar omställning för unga vuxna", None)


def test_the_network_sammanstallning_opens_with_themes_from_shared_answers_only() -> None:
    shared = json.dumps(render_shared_dm(_summary(NETWORK), TZ), ensure_ascii=False)
    assert "Gemensamma teman" in shared and "mställning" in shared
    private = json.dumps(render_shared_dm(_summary(PRIVATE), TZ), ensure_ascii=False)
    # Only one organisation shares "omställning" now: no theme, and nothing private shows.
    assert "Gemensamma teman" not in private
    assert "Hemlig" not in shared and "Hemlig" not in private
