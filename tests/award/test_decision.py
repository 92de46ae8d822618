"""The jury's decision and the winners through the front door: signed Slack requests in, rows
and the stand-in's recorded Web API calls out. Before the announcement a nominee gets nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import ids
from bot.award.decision import choice_value
from bot.delivery.scheduler import run_tick
from storage.models import AwardRound, AwardWinner
from tests.award.test_handlers import _ask
from tests.conftest import ORGANISER, SlackClient
from tests.support.signing import datepicker, text_input, timepicker, users_select
from tests.support.slack_standin import SlackStandIn, validate_blocks

NOMINATOR = "U0BEN"
NOMINEE = "U0CHLOE"  # Chloe Chen
OTHER = "U0ANNA"  # Anna Admin, nominated too, never a winner here
LONG = (
    "Chloe har byggt en gemensam ingång för Försäkringskassan, Arbetsförmedlingen och kommunen, "
    "så att den som behöver stöd slipper gå mellan myndigheterna."
)
OPEN_ROUND = "guldlanken 2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>"
CITATION = "För att hon får myndigheterna att arbeta som en – <!channel> & mer."


# ---------------------------------------------------------------- helpers


def _listed(slack: SlackClient, standin: SlackStandIn, user: str = NOMINATOR) -> str:
    """The blocks `/guldlanken vinnare` answered with (through its response_url)."""
    before = len(standin.calls_to("response_url"))
    assert (
        slack.command("/guldlanken", "vinnare", user=user, response_url=standin.response_url("w")).status
        == 200
    )
    return "\n".join(
        json.dumps(c.params["blocks"], ensure_ascii=False) for c in standin.calls_to("response_url")[before:]
    )


def _admin(slack: SlackClient, standin: SlackStandIn, text: str, user: str = ORGANISER) -> str:
    return _ask(slack, standin, "/chefsnatverket", text, user)


def _nominate(slack: SlackClient, round_id: int, by: str, **values: Any) -> None:
    state = {
        ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: users_select(values.get("user"))},
        ids.AWARD_BLOCK_NOMINEE_NAME: {ids.AWARD_INPUT: values.get("name")},
        ids.AWARD_BLOCK_NOMINEE_ORG: {ids.AWARD_INPUT: values.get("org")},
        ids.AWARD_BLOCK_PARTNER: {ids.AWARD_INPUT: None},
        ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: LONG},
    }
    resp = slack.submit(ids.AWARD_MODAL, state, user=by, private_metadata=json.dumps({"round": round_id}))
    assert resp.status == 200 and not resp.body, resp.text


def _round_for_the_jury(slack: SlackClient, standin: SlackStandIn, runtime: Any) -> int:
    """A round with three nominees (two in Slack), closed, its jury summary sent."""
    assert "är öppen" in _admin(slack, standin, OPEN_ROUND)
    with runtime.sessions() as s:
        round_id = s.query(AwardRound).one().id
    _nominate(slack, round_id, NOMINATOR, user=NOMINEE, org="Försäkringskassan")
    _nominate(slack, round_id, ORGANISER, user=NOMINEE)
    _nominate(slack, round_id, NOMINATOR, user=OTHER, org="Region Skåne")
    _nominate(slack, round_id, ORGANISER, name="Åsa Öberg", org="Kommunen")
    assert "är stängd" in _admin(slack, standin, "guldlanken stäng")
    run_tick(runtime)
    return round_id


def _summary_button(standin: SlackStandIn) -> str:
    [summary] = standin.messages_to("C0JURY")
    for block in summary.params["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == ids.AWARD_DECIDE_OPEN:
            return str(accessory["value"])
    raise AssertionError("no *Utse vinnare* on the jury summary")


def _open(slack: SlackClient, standin: SlackStandIn, value: str, user: str = ORGANISER) -> dict[str, Any]:
    before = len(standin.calls_to("views.open"))
    resp = slack.action(ids.AWARD_DECIDE_OPEN, user=user, value=value, channel_id="C0JURY")
    assert resp.status == 200
    calls = standin.calls_to("views.open")[before:]
    assert len(calls) == 1
    view: dict[str, Any] = calls[0].params["view"]
    return view


def _options(view: dict[str, Any]) -> dict[str, str]:
    [select] = [b["element"] for b in view["blocks"] if b.get("block_id") == ids.AWARD_BLOCK_WINNERS]
    return {o["text"]["text"]: o["value"] for o in select["options"]}


def _decide(
    slack: SlackClient,
    round_id: int,
    winners: list[str] | None = None,
    citation: str | None = CITATION,
    date: str | None = "2027-01-05",
    time: str | None = "10:00",
    user: str = ORGANISER,
) -> Any:
    options = [{"text": {"type": "plain_text", "text": v}, "value": v} for v in winners or []]
    state = {
        ids.AWARD_BLOCK_WINNERS: {
            ids.AWARD_INPUT: {"type": "multi_static_select", "selected_options": options}
        },
        ids.AWARD_BLOCK_CITATION: {ids.AWARD_INPUT: text_input(citation)},
        ids.AWARD_BLOCK_ANNOUNCE_DATE: {ids.AWARD_INPUT: datepicker(date)},
        ids.AWARD_BLOCK_ANNOUNCE_TIME: {ids.AWARD_INPUT: timepicker(time)},
    }
    return slack.submit(
        ids.AWARD_DECIDE_MODAL, state, user=user, private_metadata=json.dumps({"round": round_id})
    )


def _errors(resp: Any) -> dict[str, str]:
    body = resp.json()
    assert body["response_action"] == "errors"
    return dict(body["errors"])


def _winners(runtime: Any) -> list[tuple[Any, ...]]:
    with runtime.sessions() as s:
        return [
            (w.year, w.nominee_name, w.organisation, w.nominee_user_id, w.announce_at, w.announced_at)
            for w in s.query(AwardWinner).order_by(AwardWinner.id)
        ]


def _nothing_to(standin: SlackStandIn, *users: str) -> None:
    for user in users:
        assert not standin.messages_to(user)
        assert not standin.messages_to(standin.dm_channel_for(user))


# ---------------------------------------------------------------- opening the modal


def test_the_jury_summary_offers_the_decision_to_samordnare_only(slack, standin, runtime):
    round_id = _round_for_the_jury(slack, standin, runtime)
    assert _summary_button(standin) == str(round_id)
    refused = _open(slack, standin, str(round_id), user=NOMINATOR)
    assert "bara Chefsnätverkets samordnare" in json.dumps(refused, ensure_ascii=False)
    view = _open(slack, standin, str(round_id))
    assert view["callback_id"] == ids.AWARD_DECIDE_MODAL
    assert validate_blocks(view["blocks"], max_blocks=100) == []
    assert json.loads(view["private_metadata"]) == {"round": round_id}
    options = _options(view)
    assert list(options) == [
        "Chloe Chen (Försäkringskassan) – 2 nomineringar",
        "Anna Admin (Region Skåne) – 1 nominering",
        "Åsa Öberg (Kommunen) – 1 nominering",
    ]
    assert options["Chloe Chen (Försäkringskassan) – 2 nomineringar"] == choice_value(NOMINEE)
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs[ids.AWARD_BLOCK_ANNOUNCE_DATE]["initial_date"] == "2027-01-05"
    assert inputs[ids.AWARD_BLOCK_ANNOUNCE_TIME] == {
        "type": "timepicker",
        "action_id": ids.AWARD_INPUT,
        "timezone": "Europe/Stockholm",
        "initial_time": "10:00",
    }
    assert "<#C0GENERAL>" in view["blocks"][0]["text"]["text"]
    _nothing_to(standin, NOMINEE, OTHER)


def test_the_decision_waits_for_the_jury_summary(slack, standin, runtime):
    assert "är öppen" in _admin(slack, standin, OPEN_ROUND)
    with runtime.sessions() as s:
        round_id = s.query(AwardRound).one().id
    view = _open(slack, standin, str(round_id))
    assert "Nomineringen till Guldlänken 2027 pågår fortfarande" in json.dumps(view, ensure_ascii=False)
    assert "ingen omgång av Guldlänken att utse vinnare i" in json.dumps(
        _open(slack, standin, "home"), ensure_ascii=False
    )
    assert _errors(_decide(slack, round_id, [choice_value(NOMINEE)])) == {
        ids.AWARD_BLOCK_WINNERS: "Nomineringen till Guldlänken 2027 pågår fortfarande. "
        "Vinnaren utses när juryn har fått nomineringarna."
    }


def test_a_round_without_nominations_has_no_winner_to_choose(slack, standin, runtime):
    assert "är öppen" in _admin(slack, standin, OPEN_ROUND)
    _admin(slack, standin, "guldlanken stäng")
    run_tick(runtime)
    view = _open(slack, standin, "home")
    assert "Inga nomineringar kom in till Guldlänken 2027" in json.dumps(view, ensure_ascii=False)


# ---------------------------------------------------------------- submitting


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"winners": []}, {ids.AWARD_BLOCK_WINNERS: "Välj minst en vinnare bland de nominerade."}),
        (
            {"winners": ["nobody"]},
            {
                ids.AWARD_BLOCK_WINNERS: "Någon av de valda finns inte bland nomineringarna. Välj vinnaren i listan igen."
            },
        ),
        ({"citation": "   "}, {ids.AWARD_BLOCK_CITATION: "Skriv juryns motivering. Några meningar räcker."}),
        (
            {"citation": "x" * 2001},
            {ids.AWARD_BLOCK_CITATION: "Motiveringen får vara högst 2000 tecken (nu 2001)."},
        ),
        ({"date": None}, {ids.AWARD_BLOCK_ANNOUNCE_DATE: "Välj dag för tillkännagivandet."}),
        (
            {"time": None},
            {ids.AWARD_BLOCK_ANNOUNCE_TIME: "Välj klockslag för tillkännagivandet, till exempel 10.00."},
        ),
        (
            {"date": "2027-01-04", "time": "11:00"},
            {
                ids.AWARD_BLOCK_ANNOUNCE_TIME: "måndag 4 januari 2027 kl. 11.00 har redan varit. Välj en tidpunkt längre fram."
            },
        ),
        ({"user": NOMINATOR}, {ids.AWARD_BLOCK_WINNERS: "bara Chefsnätverkets samordnare"}),
    ],
)
def test_refusals_keep_the_modal_open(slack, standin, runtime, changes, errors):
    round_id = _round_for_the_jury(slack, standin, runtime)
    args: dict[str, Any] = {"winners": [choice_value(NOMINEE)], **changes}
    got = _errors(_decide(slack, round_id, **args))
    assert set(got) == set(errors)
    for block, text in errors.items():
        assert text in got[block]
    assert _winners(runtime) == []


def test_saving_replanning_and_the_refusal_after_the_announcement(slack, standin, runtime, clock):
    round_id = _round_for_the_jury(slack, standin, runtime)
    resp = _decide(slack, round_id, [choice_value(NOMINEE)], date="2027-01-06")
    body = resp.json()
    assert body["response_action"] == "update"
    saved = body["view"]["blocks"][0]["text"]["text"]
    assert saved.startswith(
        "*Chloe Chen (Försäkringskassan)* får Guldlänken 2027. Tillkännagivandet går till <#C0GENERAL> onsdag 6 januari 2027 kl. 10.00."
    )
    [row] = _winners(runtime)
    assert row[:4] == (2027, "Chloe Chen", "Försäkringskassan", NOMINEE) and row[5] is None

    # The modal reopens filled with the decision; saving again re-plans it.
    view = _open(slack, standin, str(round_id))
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert [o["value"] for o in inputs[ids.AWARD_BLOCK_WINNERS]["initial_options"]] == [choice_value(NOMINEE)]
    assert inputs[ids.AWARD_BLOCK_CITATION]["initial_value"] == CITATION
    assert inputs[ids.AWARD_BLOCK_ANNOUNCE_DATE]["initial_date"] == "2027-01-06"
    assert "tillkännages onsdag 6 januari 2027 kl. 10.00" in json.dumps(view, ensure_ascii=False)
    both = [choice_value(NOMINEE), choice_value("åsa öberg")]
    assert (
        _decide(slack, round_id, both, date="2027-01-05", time="09:30").json()["response_action"] == "update"
    )
    assert [r[1] for r in _winners(runtime)] == ["Chloe Chen", "Åsa Öberg"]

    # Nothing reaches anyone before the announcement, not even by a tick.
    clock.set("2027-01-05T09:29")
    run_tick(runtime)
    _nothing_to(standin, NOMINEE, OTHER)
    assert standin.messages_to("C0GENERAL") == []
    assert "Det finns inga vinnare" in _listed(slack, standin)

    # At 09.30 it goes out; then the decision is refused, both in the modal and on submit.
    clock.set("2027-01-05T09:30")
    run_tick(runtime)
    assert len(standin.messages_to(NOMINEE)) == 1
    view = _open(slack, standin, str(round_id))
    assert "tillkännagavs tisdag 5 januari 2027 kl. 09.30" in json.dumps(view, ensure_ascii=False)
    assert (
        "tillkännagavs"
        in _errors(_decide(slack, round_id, [choice_value(OTHER)], date="2027-02-01"))[
            ids.AWARD_BLOCK_WINNERS
        ]
    )
    assert [r[1] for r in _winners(runtime)] == ["Chloe Chen", "Åsa Öberg"]


def test_the_samordnares_home_offers_the_decision(slack, standin, runtime):
    round_id = _round_for_the_jury(slack, standin, runtime)
    for user in (ORGANISER, NOMINATOR):
        slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    published = {
        c.params["user_id"]: json.dumps(c.params["view"], ensure_ascii=False)
        for c in standin.calls_to("views.publish")
    }
    assert ids.AWARD_DECIDE_OPEN in published[ORGANISER]
    assert "juryn har fått nomineringarna" in published[ORGANISER]
    assert ids.AWARD_DECIDE_OPEN not in published[NOMINATOR]
    assert _options(_open(slack, standin, str(round_id)))  # the Home's button names the round


# ---------------------------------------------------------------- the winners over the years


def test_winners_by_hand_and_the_list(slack, standin, runtime):
    assert "Det finns inga vinnare av Guldlänken sparade ännu." in _ask(
        slack, standin, "/guldlanken", "vinnare", NOMINATOR
    )
    added = _admin(slack, standin, "guldlanken vinnare 2018 Emma Kvist, Arbetsförmedlingen")
    assert "Sparat: *Emma Kvist*, Arbetsförmedlingen fick Guldlänken 2018." in added
    assert "Sparat: *Pia Sonesson* fick Guldlänken 2019." in _admin(
        slack, standin, "guldlanken vinnare 2019 Pia Sonesson"
    )
    # Slack escapes &, < and > in command text; we store what was typed and escape it where shown.
    _admin(slack, standin, "guldlanken vinnare 2017 &lt;!channel&gt; &amp; Co, Org &lt;b&gt;")
    listed = _listed(slack, standin)
    assert listed.index("*2019* – Pia Sonesson") < listed.index("*2018* – Emma Kvist (Arbetsförmedlingen)")
    assert "*2017* – &lt;!channel&gt; &amp; Co (Org &lt;b&gt;)" in listed and "<!channel>" not in listed
    with runtime.sessions() as s:
        assert s.query(AwardWinner).filter_by(year=2017).one().nominee_name == "<!channel> & Co"
    as_admin = _admin(slack, standin, "guldlanken vinnare")
    assert "*Guldlänkens vinnare*" in as_admin and "*2019* – Pia Sonesson" in as_admin


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("guldlanken vinnare Emma Kvist", "”Emma” är inget årtal"),
        ("guldlanken vinnare 1850 Emma", "”1850” är inget årtal"),
        ("guldlanken vinnare 2030 Emma Kvist", "Guldlänken 2030 är inte utdelad ännu"),
        ("guldlanken vinnare 2018", "Skriv år, namn och organisation efter vinnare"),
        ("guldlanken vinnare 2018 , Arbetsförmedlingen", "Skriv år, namn och organisation efter vinnare"),
        ("guldlanken vinnare 2018 " + "x" * 201, "högst 200 tecken"),
    ],
)
def test_winner_command_refusals_come_with_an_example(slack, standin, runtime, text, needle):
    answer = _admin(slack, standin, text)
    assert needle in answer
    assert (
        "`/chefsnatverket guldlanken vinnare 2018 Emma Kvist, Arbetsförmedlingen`" in answer
        or "2030" in needle
    )
    assert _winners(runtime) == []


def test_winner_command_refuses_others_duplicates_and_round_years(slack, standin, runtime):
    assert "bara Chefsnätverkets samordnare" in _admin(
        slack, standin, "guldlanken vinnare 2018 Emma", user=NOMINATOR
    )
    _admin(slack, standin, "guldlanken vinnare 2018 Emma Kvist")
    assert "*Emma Kvist* finns redan som vinnare 2018" in _admin(
        slack, standin, "guldlanken vinnare 2018 emma  kvist"
    )
    assert "är öppen" in _admin(slack, standin, OPEN_ROUND)
    assert "Guldlänken 2027 har en omgång i appen" in _admin(slack, standin, "guldlanken vinnare 2027 Någon")
    assert [r[1] for r in _winners(runtime)] == ["Emma Kvist"]
