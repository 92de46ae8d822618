"""Guldlänken through the front door: signed Slack requests in, database rows and the stand-in's
recorded Web API calls out. The nominee must never receive anything."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from bot import ids
from bot.csv_export import BOM
from bot.delivery.scheduler import run_tick
from storage.db import transaction
from storage.models import AwardRound, Nomination
from tests.conftest import ORGANISER, SlackClient, make_settings
from tests.support.signing import users_select
from tests.support.slack_standin import SlackStandIn

NOMINATOR = "U0BEN"  # Ben Baker in the stand-in
NOMINEE = "U0CHLOE"  # Chloe Chen
OTHER = "U0ANNA"  # Anna Admin
LONG = (
    "Chloe har byggt en gemensam ingång för Försäkringskassan, Arbetsförmedlingen och kommunen, "
    "så att den som behöver stöd slipper gå mellan myndigheterna."
)
DEADLINE = "onsdag 1 september 2027 kl. 23.59"
OPEN_ROUND = "guldlanken 2027-09-01 <#C0GENERAL|general> jury <#C0JURY|jury>"

USER, NAME, ORG, PARTNER, MOTIVATION = (
    ids.AWARD_BLOCK_NOMINEE_USER,
    ids.AWARD_BLOCK_NOMINEE_NAME,
    ids.AWARD_BLOCK_NOMINEE_ORG,
    ids.AWARD_BLOCK_PARTNER,
    ids.AWARD_BLOCK_MOTIVATION,
)


# ---------------------------------------------------------------- helpers


def _said(resp: Any) -> str:
    """The text of a command's HTTP answer (Bolt sends a bare text answer as text/plain)."""
    if not resp.body:
        return ""
    return resp.json().get("text", "") if resp.text.startswith("{") else resp.text


def _ask(slack: SlackClient, standin: SlackStandIn, command: str, text: str, user: str) -> str:
    """What the user was told: the HTTP answer and what came through this command's response_url."""
    before = len(standin.calls_to("response_url"))
    resp = slack.command(command, text, user=user, response_url=standin.response_url("cmd"))
    assert resp.status == 200
    later = [c.params.get("text", "") for c in standin.calls_to("response_url")[before:]]
    return "\n".join(x for x in [_said(resp), *later] if x)


def _admin(slack: SlackClient, standin: SlackStandIn, text: str, user: str = ORGANISER) -> str:
    return _ask(slack, standin, "/chefsnatverket", text, user)


def _open_round(slack: SlackClient, standin: SlackStandIn, runtime: Any, text: str = OPEN_ROUND) -> int:
    assert "*Guldlänken 2027* är öppen" in _admin(slack, standin, text)
    with runtime.sessions() as s:
        return s.query(AwardRound).filter_by(status="open").one().id


def _values(
    user: str | None = NOMINEE,
    name: str | None = None,
    org: str | None = None,
    partner: str | None = None,
    motivation: str | None = LONG,
) -> dict[str, Any]:
    return {
        USER: {ids.AWARD_INPUT: users_select(user)},
        NAME: {ids.AWARD_INPUT: name},
        ORG: {ids.AWARD_INPUT: org},
        PARTNER: {ids.AWARD_INPUT: partner},
        MOTIVATION: {ids.AWARD_INPUT: motivation},
    }


def _submit(
    slack: SlackClient, round_id: int, *, by: str = NOMINATOR, nomination: int | None = None, **values: Any
) -> Any:
    metadata: dict[str, int] = {"round": round_id}
    if nomination is not None:
        metadata["nomination"] = nomination
    return slack.submit(ids.AWARD_MODAL, _values(**values), user=by, private_metadata=json.dumps(metadata))


def _nominations(runtime: Any) -> list[Nomination]:
    with runtime.sessions() as s:
        return list(s.query(Nomination).order_by(Nomination.id))


def _errors(resp: Any) -> dict[str, str]:
    body = resp.json()
    assert body["response_action"] == "errors"
    return body["errors"]


def _last_view(standin: SlackStandIn) -> dict[str, Any]:
    return standin.calls_to("views.open")[-1].params["view"]


def _inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def _view_text(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def _mine(slack: SlackClient, standin: SlackStandIn, user: str = NOMINATOR) -> list[dict[str, Any]]:
    before = len(standin.calls_to("response_url"))
    resp = slack.command("/guldlanken", "mina", user=user, response_url=standin.response_url("mina"))
    assert resp.status == 200
    return [c.params for c in standin.calls_to("response_url")[before:]]


def _hooks(standin: SlackStandIn, tag: str) -> list[Any]:
    """Posts to the response_url made with `tag`."""
    return [c for c in standin.calls_to("response_url") if c.path.endswith(f"/hooks/{tag}")]


def _buttons(message: dict[str, Any], action_id: str) -> list[str]:
    return [
        e["value"]
        for b in message.get("blocks", [])
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    ]


def _assert_nominee_untouched(
    standin: SlackStandIn, nominee: str = NOMINEE, allow_in: tuple[str, ...] = ()
) -> None:
    """No Web API call goes to the nominee's DM; no message outside `allow_in` names their id."""
    dm = standin.dm_channel_for(nominee)
    assert [c.method for c in standin.calls if not c.ok] == []
    for call in standin.calls:
        params = call.params
        assert params.get("channel") not in (nominee, dm), call.method
        assert params.get("channel_id") not in (nominee, dm), call.method
        assert nominee not in str(params.get("users", "")), call.method
        if call.method in ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"):
            if params.get("channel") in allow_in:
                continue
            assert nominee not in json.dumps(params), call.method
    assert not standin.messages_to(nominee)


# ---------------------------------------------------------------- the organisers' round commands


def test_organiser_opens_checks_extends_and_closes_a_round(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    status = _admin(slack, standin, "guldlanken status")
    assert "*Guldlänken 2027* är öppen" in status and "Nomineringar hittills: 0 nomineringar" in status
    _submit(slack, round_id)
    assert "Nomineringar hittills: 1 nominering" in _admin(slack, standin, "guldlanken status")
    extended = _admin(slack, standin, "guldlanken förläng 2027-09-08")
    assert "är nu onsdag 8 september 2027 kl. 23.59" in extended
    closed = _admin(slack, standin, "guldlanken stäng")
    assert "Guldlänken 2027 är stängd; 1 nominering kom in" in closed and "<#C0JURY>" in closed
    with runtime.sessions() as s:
        award_round = s.get(AwardRound, round_id)
        assert award_round.closed_at == clock() and award_round.deadline.isoformat() == "2027-09-08"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("guldlanken 2027-02-30", "kunde inte läsa datumet ”2027-02-30”"),
        ("guldlanken 2026-12-31", "har redan passerat"),
        ("guldlanken 2027-09-01 #allmänt", "känner jag inte igen som en kanal"),
        ("guldlanken förläng", "Skriv det nya sista datumet"),
        ("guldlanken stäng", "Ingen omgång av Guldlänken är öppen"),
        ("guldlanken vadsomhelst", "`/chefsnatverket guldlanken 2027-09-01 #allmänt jury #samordnare`"),
    ],
)
def test_round_command_refusals(slack, standin, runtime, text, needle):
    assert needle in _admin(slack, standin, text)
    with runtime.sessions() as s:
        assert s.query(AwardRound).count() == 0


def test_second_open_round_and_non_organisers_are_refused(slack, standin, runtime):
    assert "bara Chefsnätverkets samordnare" in _admin(slack, standin, OPEN_ROUND, user=NOMINATOR)
    _open_round(slack, standin, runtime)
    assert "redan öppen" in _admin(slack, standin, "guldlanken 2028-09-01")
    assert "bara Chefsnätverkets samordnare" in _admin(slack, standin, "guldlanken stäng", user=NOMINATOR)
    assert "bara Chefsnätverkets samordnare" in _admin(slack, standin, "export guldlanken", user=NOMINATOR)
    with runtime.sessions() as s:
        assert [(r.year, r.status, r.closed_at) for r in s.query(AwardRound)] == [(2027, "open", None)]
    assert not standin.calls_to("files.getUploadURLExternal")


# ---------------------------------------------------------------- /guldlanken


def test_guldlanken_opens_the_modal(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    resp = slack.command("/guldlanken", "", user=NOMINATOR, trigger_id="trig.1")
    assert resp.status == 200 and _said(resp) == ""
    [opened] = standin.calls_to("views.open")
    assert opened.ok and opened.params["trigger_id"] == "trig.1"
    view = opened.params["view"]
    assert view["callback_id"] == ids.AWARD_MODAL
    assert json.loads(view["private_metadata"]) == {"round": round_id}
    assert view["title"]["text"] == "Nominera till Guldlänken"
    assert DEADLINE in _view_text(view)
    assert set(_inputs(view)) == {USER, NAME, ORG, PARTNER, MOTIVATION}


def test_a_failed_modal_is_answered_politely(slack, standin, runtime):
    _open_round(slack, standin, runtime)
    standin.expired_triggers.add("trig.old")
    resp = slack.command(
        "/guldlanken", "", user=NOMINATOR, trigger_id="trig.old", response_url=standin.response_url("g")
    )
    assert resp.status == 200
    [answer] = _hooks(standin, "g")
    assert answer.params["text"].startswith("Något gick fel hos oss.")


def test_guldlanken_without_a_round(slack, standin, runtime, clock):
    assert _ask(slack, standin, "/guldlanken", "", NOMINATOR) == (
        "Just nu pågår ingen nominering till Guldlänken. När nästa omgång öppnar berättar vi det här i Slack."
    )
    assert not standin.calls_to("views.open")


def test_guldlanken_after_the_last_round(slack, standin, runtime, clock):
    _open_round(slack, standin, runtime, "guldlanken 2027-03-01 <#C0GENERAL|general>")
    clock.set("2027-03-02T09:00")  # the jury summary goes out and closes the round
    run_tick(runtime)
    clock.set("2027-05-01T10:00")
    answer = _ask(slack, standin, "/guldlanken", "", NOMINATOR)
    assert "Senaste omgången, Guldlänken 2027, stängde måndag 1 mars 2027 kl. 23.59." in answer
    assert "Just nu pågår ingen nominering" in _ask(slack, standin, "/guldlanken", "mina", NOMINATOR)
    assert not standin.calls_to("views.open")


def test_guldlanken_help(slack, standin):
    text = _said(slack.command("/guldlanken", "vad är detta", user=NOMINATOR))
    assert "`/guldlanken mina`" in text and "Exempel:" in text


# ---------------------------------------------------------------- submitting


def test_nomination_is_stored_and_the_nominator_thanked(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    resp = _submit(slack, round_id, partner="Team Syd", org="Försäkringskassan")
    assert resp.status == 200 and not resp.body.strip(b"{}")
    [nomination] = _nominations(runtime)
    assert (nomination.round_id, nomination.nominator_user_id, nomination.nominee_user_id) == (
        round_id,
        NOMINATOR,
        NOMINEE,
    )
    assert (nomination.nominee_key, nomination.partner, nomination.motivation) == (NOMINEE, "Team Syd", LONG)
    assert nomination.nominee_organisation == "Försäkringskassan"
    assert nomination.created_at == clock() and nomination.withdrawn_at is None
    [thanks] = standin.messages_to(NOMINATOR)
    assert thanks.params["channel"] == NOMINATOR
    assert thanks.params["text"].startswith("Tack för din nominering av *Chloe Chen* till Guldlänken 2027!")
    assert DEADLINE in thanks.params["text"]
    _assert_nominee_untouched(standin)


def test_free_text_nominee(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    resp = _submit(slack, round_id, user=None, name="Åsa Öberg", org="Region Skåne")
    assert resp.status == 200
    [nomination] = _nominations(runtime)
    assert (nomination.nominee_user_id, nomination.nominee_name, nomination.nominee_key) == (
        None,
        "Åsa Öberg",
        "åsa öberg",
    )
    assert "*Åsa Öberg*" in standin.messages_to(NOMINATOR)[0].params["text"]


@pytest.mark.parametrize(
    ("values", "block", "needle"),
    [
        ({"user": None}, USER, "Välj en person i Slack eller skriv namnet"),
        ({"name": "Chloe Chen", "org": "FK"}, NAME, "inte båda"),
        ({"user": NOMINATOR}, USER, "Du kan inte nominera dig själv"),
        ({"user": None, "name": "Åsa Öberg"}, ORG, "vilken organisation"),
        ({"motivation": "Hon är bra."}, MOTIVATION, "minst 100 tecken (nu 11)"),
        ({"motivation": None}, MOTIVATION, "minst 100 tecken (nu 0)"),
        ({"motivation": "x" * 3001}, MOTIVATION, "högst 3000 tecken (nu 3001)"),
    ],
)
def test_submission_refusals_stay_in_the_modal(slack, standin, runtime, values, block, needle):
    round_id = _open_round(slack, standin, runtime)
    errors = _errors(_submit(slack, round_id, **values))
    assert needle in errors[block]
    assert _nominations(runtime) == []
    assert not standin.calls_to("chat.postMessage")


def test_nominating_the_same_person_twice_offers_to_edit(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id)
    errors = _errors(_submit(slack, round_id, motivation=LONG + " Igen."))
    assert "redan nominerat den här personen" in errors[USER] and "`/guldlanken mina`" in errors[USER]
    _submit(slack, round_id, user=None, name="Åsa Öberg", org="Region Skåne")
    errors = _errors(_submit(slack, round_id, user=None, name="  åsa   ÖBERG ", org="Regionen"))
    assert "`/guldlanken mina`" in errors[NAME]
    assert len(_nominations(runtime)) == 2
    # Someone else may nominate the same person.
    assert _submit(slack, round_id, by=OTHER).status == 200
    assert len(_nominations(runtime)) == 3


def test_round_closed_while_the_modal_was_open(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    slack.command("/guldlanken", "", user=NOMINATOR)
    _admin(slack, standin, "guldlanken stäng")
    errors = _errors(_submit(slack, round_id))
    assert "Nomineringen till Guldlänken har stängt" in errors[MOTIVATION]
    assert _nominations(runtime) == []
    # A modal for a round that does not exist (or forged metadata) is refused the same way.
    assert "har stängt" in _errors(_submit(slack, 999))[MOTIVATION]


@pytest.mark.parametrize(
    ("moment", "open_"),
    [("2027-09-01T23:59:59", True), ("2027-09-02T00:00:00", False)],
)
def test_the_deadline_is_inclusive_to_the_last_second(slack, standin, runtime, clock, moment, open_):
    round_id = _open_round(slack, standin, runtime)
    clock.set(moment)
    answer = _ask(slack, standin, "/guldlanken", "", NOMINATOR)
    if open_:
        assert standin.count("views.open") == 1
        assert _submit(slack, round_id).status == 200
        assert len(_nominations(runtime)) == 1
    else:
        assert standin.count("views.open") == 0
        assert answer == (
            f"Nomineringen till Guldlänken 2027 stängde {DEADLINE}. Juryn läser nu nomineringarna – "
            "tack till alla som nominerade!"
        )
        assert "har stängt" in _errors(_submit(slack, round_id))[MOTIVATION]
        assert _nominations(runtime) == []


# ---------------------------------------------------------------- mina, edit, withdraw


def test_mina_lists_only_ones_own_nominations(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    [empty] = _mine(slack, standin)
    assert "Du har inga nomineringar till Guldlänken 2027" in empty["text"]
    _submit(slack, round_id)
    _submit(slack, round_id, by=OTHER, user=None, name="Hemlig Person", org="Kommunen")
    [mine] = _mine(slack, standin)
    assert mine["response_type"] == "ephemeral"
    text = json.dumps(mine["blocks"], ensure_ascii=False)
    assert "Chloe Chen" in text and "Hemlig Person" not in text
    own = _nominations(runtime)[0]
    assert _buttons(mine, ids.AWARD_EDIT) == [str(own.id)]
    assert _buttons(mine, ids.AWARD_WITHDRAW) == [str(own.id)]
    _assert_nominee_untouched(standin)


def test_edit_own_nomination(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id, partner="Team Syd")
    [nomination] = _nominations(runtime)
    slack.action(ids.AWARD_EDIT, user=NOMINATOR, value=str(nomination.id), trigger_id="trig.edit")
    view = _last_view(standin)
    assert view["title"]["text"] == "Ändra nominering"
    assert json.loads(view["private_metadata"]) == {"round": round_id, "nomination": nomination.id}
    inputs = _inputs(view)
    assert inputs[USER]["initial_user"] == NOMINEE
    assert inputs[MOTIVATION]["initial_value"] == LONG and inputs[PARTNER]["initial_value"] == "Team Syd"
    resp = _submit(
        slack, round_id, nomination=nomination.id, motivation=LONG + " Dessutom mer.", partner=None
    )
    assert resp.status == 200 and not resp.body.strip(b"{}")
    [edited] = _nominations(runtime)
    assert (edited.id, edited.motivation, edited.partner) == (nomination.id, LONG + " Dessutom mer.", None)
    assert "är ändrad" in standin.messages_to(NOMINATOR)[-1].params["text"]
    _assert_nominee_untouched(standin)


def test_edit_to_someone_already_nominated_is_refused(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id)
    _submit(slack, round_id, user=None, name="Åsa Öberg", org="Region Skåne")
    _first, second = _nominations(runtime)
    errors = _errors(_submit(slack, round_id, nomination=second.id, user=NOMINEE))
    assert "`/guldlanken mina`" in errors[USER]
    assert _nominations(runtime)[1].nominee_name == "Åsa Öberg"


def test_another_user_cannot_edit_or_withdraw(slack, standin, runtime):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id)
    [nomination] = _nominations(runtime)
    slack.action(ids.AWARD_EDIT, user=OTHER, value=str(nomination.id))
    view = _last_view(standin)
    assert view.get("callback_id") != ids.AWARD_MODAL
    assert "Det här är inte din nominering" in _view_text(view)
    assert LONG not in _view_text(view)
    errors = _errors(
        _submit(slack, round_id, by=OTHER, nomination=nomination.id, motivation=LONG + " Kapat.")
    )
    assert "inte din nominering" in errors[MOTIVATION]
    slack.action(
        ids.AWARD_WITHDRAW, user=OTHER, value=str(nomination.id), response_url=standin.response_url("w")
    )
    assert "Det här är inte din nominering" in _view_text(_last_view(standin))
    [unchanged] = _nominations(runtime)
    assert unchanged.motivation == LONG and unchanged.withdrawn_at is None
    assert _hooks(standin, "w") == []


def test_withdraw_own_nomination(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id)
    _submit(slack, round_id, user=None, name="Åsa Öberg", org="Region Skåne")
    first, second = _nominations(runtime)
    slack.action(
        ids.AWARD_WITHDRAW, user=NOMINATOR, value=str(first.id), response_url=standin.response_url("w")
    )
    [replaced] = _hooks(standin, "w")
    assert replaced.params["replace_original"] is True
    shown = json.dumps(replaced.params["blocks"], ensure_ascii=False)
    assert "Din nominering av *Chloe Chen* är tillbakadragen." in shown
    assert _buttons(replaced.params, ids.AWARD_WITHDRAW) == [str(second.id)]
    assert _nominations(runtime)[0].withdrawn_at == clock()
    [mine] = _mine(slack, standin)
    assert _buttons(mine, ids.AWARD_EDIT) == [str(second.id)]
    # Withdrawn: editing it is refused, and the same person may be nominated afresh.
    slack.action(ids.AWARD_EDIT, user=NOMINATOR, value=str(first.id))
    assert "finns inte längre" in _view_text(_last_view(standin))
    assert _submit(slack, round_id).status == 200
    assert len([n for n in _nominations(runtime) if n.withdrawn_at is None]) == 2
    _assert_nominee_untouched(standin)


def test_edit_and_withdraw_after_the_deadline_are_refused(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    _submit(slack, round_id)
    [nomination] = _nominations(runtime)
    clock.set("2027-09-02T00:00:00")
    slack.action(ids.AWARD_EDIT, user=NOMINATOR, value=str(nomination.id))
    assert "har stängt" in _view_text(_last_view(standin))
    slack.action(
        ids.AWARD_WITHDRAW, user=NOMINATOR, value=str(nomination.id), response_url=standin.response_url("w")
    )
    assert "har stängt" in _view_text(_last_view(standin))
    assert _nominations(runtime)[0].withdrawn_at is None
    assert "har stängt" in _errors(_submit(slack, round_id, nomination=nomination.id))[MOTIVATION]


def test_nominate_button_in_the_announcement(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    slack.action(ids.AWARD_NOMINATE_OPEN, user=OTHER, value="nominate", channel_id="C0GENERAL")
    view = _last_view(standin)
    assert view["callback_id"] == ids.AWARD_MODAL
    assert json.loads(view["private_metadata"]) == {"round": round_id}
    clock.set("2027-09-02T08:00")
    slack.action(ids.AWARD_NOMINATE_OPEN, user=OTHER, value="nominate", channel_id="C0GENERAL")
    assert "Juryn läser nu nomineringarna" in _view_text(_last_view(standin))


# ---------------------------------------------------------------- the jury summary and confidentiality


def test_jury_summary_through_the_scheduler(slack, standin, runtime, clock, add_member):
    add_member(NOMINEE, "Försäkringskassan", "Chloe Chen")
    standin.add_user(ORGANISER, "Olga Organisatör")
    round_id = _open_round(slack, standin, runtime)
    run_tick(runtime)  # the announcement
    [announcement] = standin.messages_to("C0GENERAL")
    assert _buttons(announcement.params, ids.AWARD_NOMINATE_OPEN) == ["nominate"]
    _submit(slack, round_id, motivation=LONG + " <!channel> & <@U0ANNA> <https://x.test|klicka>")
    _submit(slack, round_id, by=OTHER, motivation=LONG + " Från Anna.", partner="Team <Väst>")
    _submit(slack, round_id, by=ORGANISER, user=None, name="Åsa Öberg", org="Region Skåne")
    clock.set("2027-09-02T09:00")
    run_tick(runtime)
    [summary] = standin.messages_to("C0JURY")
    text = json.dumps(summary.params["blocks"], ensure_ascii=False)
    assert "*3 nomineringar* som gäller *2 personer*" in text
    assert "*1. Chloe Chen* (Försäkringskassan) – 2 nomineringar" in text
    assert "*2. Åsa Öberg* (Region Skåne) – 1 nominering" in text
    assert "Nominerad av *Ben Baker*" in text and "Nominerad av *Anna Admin*" in text
    assert "Nominerad av *Olga Organisatör*" in text
    assert "Tillsammans med: Team &lt;Väst&gt;" in text
    assert "&lt;!channel&gt; &amp; &lt;@U0ANNA&gt; &lt;https://x.test|klicka&gt;" in text
    assert "<!channel>" not in text and "<@" not in text
    assert text.count(LONG) == 3
    with runtime.sessions() as s:
        assert s.get(AwardRound, round_id).status == "closed"
    run_tick(runtime)
    assert len(standin.messages_to("C0JURY")) == 1
    _assert_nominee_untouched(standin)


def test_long_jury_summary_is_split_into_several_messages(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    motivation = ("Samverkan över gränserna, varje vecka, med alla parter. " * 60)[:2990]
    for i in range(12):
        standin.add_user(f"U0NOM{i:02d}", f"Person {i:02d}")
        assert _submit(slack, round_id, user=f"U0NOM{i:02d}", motivation=motivation + f" [{i}]").status == 200
    clock.set("2027-09-02T09:00")
    run_tick(runtime)
    messages = standin.messages_to("C0JURY")
    assert len(messages) > 1
    assert all(m.ok and len(m.params["blocks"]) <= 50 for m in messages)
    body = json.dumps([m.params["blocks"] for m in messages], ensure_ascii=False)
    for i in range(12):
        assert body.count(f"[{i}]") == 1


def test_nothing_ever_reaches_the_nominee(slack, standin, runtime, clock):
    """The whole life of a round: only the jury's channel may name the nominee, and never by mention."""
    round_id = _open_round(slack, standin, runtime)
    run_tick(runtime)
    slack.command("/guldlanken", "", user=NOMINATOR)
    _submit(slack, round_id)
    _submit(slack, round_id, by=OTHER, partner=NOMINEE)
    _mine(slack, standin)
    first = _nominations(runtime)[0]
    slack.action(ids.AWARD_EDIT, user=NOMINATOR, value=str(first.id))
    _submit(slack, round_id, nomination=first.id, motivation=LONG + " Mer.")
    slack.action(
        ids.AWARD_WITHDRAW,
        user=OTHER,
        value=str(_nominations(runtime)[1].id),
        response_url=standin.response_url("w"),
    )
    _submit(slack, round_id, by=OTHER)
    # The nominee looks at their own (empty) list: they see nothing about being nominated.
    [own] = _mine(slack, standin, user=NOMINEE)
    assert "Du har inga nomineringar" in own["text"]
    for when in ("2027-08-18T09:00", "2027-08-31T09:00", "2027-09-02T09:00"):
        clock.set(when)
        run_tick(runtime)
    _admin(slack, standin, "export guldlanken 2027")
    assert standin.messages_to("C0JURY")
    _assert_nominee_untouched(standin, allow_in=("C0JURY",))
    # Where the nominee is named at all, it is by name, never a mention that notifies.
    assert all("<@U0CHLOE>" not in json.dumps(c.params) for c in standin.calls)


# ---------------------------------------------------------------- export through the front door


def test_export_through_the_front_door(slack, standin, runtime, clock):
    round_id = _open_round(slack, standin, runtime)
    tricky = (
        "Åsa har samverkat med Försäkringskassan, Arbetsförmedlingen och regionen; alltid med "
        '"örat mot marken".\nHon ordnade dessutom gemensamma möten, varje månad.'
    )
    _submit(
        slack,
        round_id,
        user=None,
        name="Åsa Öberg",
        org="Region Skåne, Malmö",
        partner="Team Ö",
        motivation=tricky,
    )
    _submit(slack, round_id, by=OTHER)
    answer = _admin(slack, standin, "export guldlanken")
    assert "Nomineringarna till Guldlänken 2027 (2 nomineringar) har skickats till dig" in answer
    [upload] = standin.calls_to("upload")
    assert upload.ok
    [content] = standin.uploads.values()
    assert content.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == [
        "År",
        "Nominerad",
        "Organisation",
        "Slack-id",
        "Partner",
        "Motivering",
        "Nominerad av",
        "Inskickad",
    ]
    assert rows[1] == [
        "2027",
        "Åsa Öberg",
        "Region Skåne, Malmö",
        "",
        "Team Ö",
        tricky,
        "Ben Baker",
        "2027-01-04 11:00",
    ]
    assert rows[2][1:4] == ["Chloe Chen", "", NOMINEE] and rows[2][6] == "Anna Admin"
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == standin.dm_channel_for(ORGANISER)


# ---------------------------------------------------------------- the round on PostgreSQL as well as SQLite


class TestOnBothDatabases:
    """The round flow, once on SQLite and once on PostgreSQL."""

    @pytest.fixture
    def settings(self, any_db_url, standin):
        return make_settings(any_db_url, standin.url)

    def test_round_flow(self, slack, standin, runtime, clock):
        round_id = _open_round(slack, standin, runtime)
        assert "redan öppen" in _admin(slack, standin, "guldlanken 2028-09-01")
        assert _submit(slack, round_id).status == 200
        assert "`/guldlanken mina`" in _errors(_submit(slack, round_id))[USER]
        _submit(slack, round_id, by=OTHER, user=None, name="Åsa Öberg", org="Region Skåne")
        [_first, second] = _nominations(runtime)
        slack.action(
            ids.AWARD_WITHDRAW, user=OTHER, value=str(second.id), response_url=standin.response_url("w")
        )
        assert (
            _submit(slack, round_id, by=OTHER, user=None, name="åsa öberg", org="Region Skåne").status == 200
        )
        clock.set("2027-09-02T00:00:00")
        assert "har stängt" in _errors(_submit(slack, round_id, by=ORGANISER))[MOTIVATION]
        clock.set("2027-09-02T09:00")
        run_tick(runtime)
        [summary] = standin.messages_to("C0JURY")
        assert "*2 nomineringar* som gäller *2 personer*" in json.dumps(
            summary.params["blocks"], ensure_ascii=False
        )
        with runtime.sessions() as s:
            assert s.get(AwardRound, round_id).status == "closed"
        assert "*Guldlänken 2028* är öppen" in _admin(
            slack, standin, "guldlanken 2028-09-01 <#C0GENERAL|general>"
        )
        _assert_nominee_untouched(standin, allow_in=("C0JURY",))

    def test_one_open_round_is_enforced_by_the_schema(self, runtime, clock):
        from sqlalchemy.exc import IntegrityError

        with transaction(runtime.sessions) as s:
            s.add(AwardRound(year=2027, deadline=clock().date(), status="open", opened_at=clock()))
        with pytest.raises(IntegrityError), transaction(runtime.sessions) as s:
            s.add(AwardRound(year=2028, deadline=clock().date(), status="open", opened_at=clock()))
