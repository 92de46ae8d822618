"""Guldlänken's web form through the app's WSGI entry point: every path of GET and POST
/guldlanken/<token>, on SQLite and PostgreSQL, and the nominations it stores in the jury summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from bot.app import create_app
from bot.award.web import service as web_service
from bot.award.web import wsgi as web_wsgi
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime, build_runtime
from bot.server import create_wsgi_app
from storage.db import transaction
from storage.models import AwardRound, Nomination
from tests.conftest import ORGANISER, FrozenClock, make_settings
from tests.support.award_rounds import add_round
from tests.support.slack_standin import SlackStandIn
from tests.support.wsgi_client import Response, WSGIApp, WSGIClient

MOTIVATION = (
    "Amir har byggt upp en gemensam ingång där Försäkringskassan, Arbetsförmedlingen och kommunen "
    "möter den som behöver stöd vid ett och samma tillfälle."
)
VALID = {
    "nominee_name": "Amir Haddad",
    "nominee_organisation": "Malmö stad",
    "partner": "Team Ingången",
    "motivation": MOTIVATION,
    "nominator_name": "Karin Lund",
    "nominator_email": "karin.lund@example.se",
}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SCRIPT = '<script>alert("x")</script>'


@dataclasses.dataclass
class Web:
    runtime: Runtime
    http: WSGIClient
    app: WSGIApp
    clock: FrozenClock
    token: str = ""
    round_id: int = 0

    @property
    def path(self) -> str:
        return f"/guldlanken/{self.token}"

    def get(self) -> Response:
        return self.http.get(self.path)

    def csrf(self) -> str:
        page = self.get()
        assert page.status == 200, page.text
        match = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert match is not None
        return match.group(1)

    def post(
        self, fields: dict[str, str] | None = None, *, csrf: str | None = "fresh", **extra: str
    ) -> Response:
        data = dict(VALID if fields is None else fields, **extra)
        if csrf == "fresh":
            csrf = self.csrf()
        if csrf is not None:
            data["csrf"] = csrf
        return self.http.post(self.path, urlencode(data), FORM)

    def from_address(self, address: str) -> WSGIClient:
        app = self.app
        return WSGIClient(lambda environ, start: app({**environ, "REMOTE_ADDR": address}, start))

    def nominations(self) -> list[Nomination]:
        with self.runtime.sessions() as s:
            return list(s.query(Nomination).order_by(Nomination.id))


@pytest.fixture
def web(any_db_url: str, standin: SlackStandIn, clock: FrozenClock) -> Iterator[Web]:
    """The app's WSGI entry point on SQLite and on PostgreSQL, with an open round."""
    runtime = build_runtime(make_settings(any_db_url, standin.url), clock=clock)
    app = create_wsgi_app(create_app(runtime, process_before_response=True), runtime)
    award_round = add_round(runtime)
    yield Web(runtime, WSGIClient(app), app, clock, award_round.web_token, award_round.id)
    runtime.engine.dispose()


def _error_ids(page: Response) -> set[str]:
    return set(re.findall(r'id="([a-z_]+)-error"', page.text))


# ---------------------------------------------------------------- GET


def test_get_shows_an_accessible_swedish_form(web: Web) -> None:
    page = web.get()
    assert page.status == 200
    assert page.header("Content-Type") == "text/html; charset=utf-8"
    html = page.text
    assert '<html lang="sv">' in html
    assert "<title>Nominera till Guldlänken 2027 – Chefsnätverket – Finsam</title>" in html
    assert "Sista dag att nominera är onsdag 1 september 2027." in html
    for name in VALID:  # every field has its label
        assert f'<label for="{name}">' in html and f'id="{name}"' in html
    assert 'autocomplete="email"' in html and 'type="email"' in html
    assert f'action="{web.path}"' in html and 'method="post"' in html
    assert "<script" not in html  # works without JavaScript
    assert 'class="error-summary"' not in html
    assert page.header("Referrer-Policy") == "no-referrer"  # the token never leaks in a Referer
    assert "frame-ancestors 'none'" in (page.header("Content-Security-Policy") or "")
    assert page.header("Cache-Control") == "no-store"


def test_the_css_is_served(web: Web) -> None:
    css = web.http.get("/static/guldlanken.css")
    assert css.status == 200
    assert css.header("Content-Type") == "text/css; charset=utf-8"
    assert b":focus-visible" in css.body


def test_head_and_other_methods(web: Web) -> None:
    head = web.http.request("HEAD", web.path)
    assert head.status == 200 and head.body == b""
    put = web.http.request("PUT", web.path, b"x")
    assert put.status == 405


@pytest.mark.parametrize(
    "path", ["/guldlanken/" + "A" * 43, "/guldlanken/kort", "/guldlanken/", "/guldlanken/a/b"]
)
def test_unknown_token_is_not_found(web: Web, path: str) -> None:
    assert web.http.get(path).status == 404
    resp = web.http.post(path, urlencode(VALID), FORM)
    assert resp.status == 404
    assert "Sidan finns inte" in resp.text
    assert web.nominations() == []


# ---------------------------------------------------------------- POST


def test_valid_post_stores_a_web_nomination_and_shows_a_receipt(web: Web) -> None:
    resp = web.post()
    assert resp.status == 200
    assert "Tack för din nominering" in resp.text
    assert "Vi har tagit emot din nominering av Amir Haddad till Guldlänken 2027." in resp.text
    assert "karin.lund@example.se" not in resp.text
    [stored] = web.nominations()
    assert stored.round_id == web.round_id
    assert stored.source == "web"
    assert stored.nominator_user_id is None
    assert (stored.nominator_name, stored.nominator_email) == ("Karin Lund", "karin.lund@example.se")
    assert (stored.nominee_name, stored.nominee_organisation) == ("Amir Haddad", "Malmö stad")
    assert stored.nominee_user_id is None and stored.nominee_key == "amir haddad"
    assert stored.partner == "Team Ingången" and stored.motivation == MOTIVATION
    assert stored.created_at == web.clock()


def test_partner_is_optional_and_line_breaks_count_once(web: Web) -> None:
    motivation = "\r\n".join([MOTIVATION[:60], MOTIVATION[60:]])
    assert web.post(partner="", motivation=motivation).status == 200
    [stored] = web.nominations()
    assert stored.partner is None
    assert stored.motivation == MOTIVATION[:60] + "\n" + MOTIVATION[60:]


def test_the_same_form_sent_twice_is_stored_once(web: Web) -> None:
    csrf = web.csrf()
    assert web.post(csrf=csrf).status == 200
    assert web.post(csrf=csrf).status == 200  # a reload of the receipt
    assert len(web.nominations()) == 1
    assert web.post(motivation=MOTIVATION + " Mer om Amir.").status == 200
    assert len(web.nominations()) == 2


INVALID = [
    ("nominee_name", "", "Skriv namnet på den du nominerar."),
    ("nominee_name", "A" * 201, "Högst 200 tecken (nu 201)."),
    ("nominee_organisation", "  ", "Skriv vilken organisation personen arbetar i."),
    ("nominee_organisation", "O" * 201, "Högst 200 tecken (nu 201)."),
    ("partner", "P" * 301, "Högst 300 tecken (nu 301)."),
    ("motivation", "", "Motiveringen behöver vara minst 100 tecken (nu 0)."),
    ("motivation", "Bra jobbat.", "Motiveringen behöver vara minst 100 tecken (nu 11)."),
    ("motivation", "M" * 3001, "Motiveringen får vara högst 3\u00a0000 tecken (nu 3\u00a0001)."),
    ("nominator_name", "", "Skriv ditt namn."),
    ("nominator_name", "N" * 201, "Högst 200 tecken (nu 201)."),
    ("nominator_email", "", "Skriv din e-postadress, till exempel namn@kommun.se."),
    ("nominator_email", "karin.lund", "Skriv e-postadressen som namn@kommun.se."),
    ("nominator_email", "karin@lund", "Skriv e-postadressen som namn@kommun.se."),
    ("nominator_email", "a b@example.se", "Skriv e-postadressen som namn@kommun.se."),
]


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_each_invalid_field_is_refused_next_to_it_and_in_the_summary(
    web: Web, field: str, value: str, message: str
) -> None:
    resp = web.post(**{field: value})
    assert resp.status == 400
    html = resp.text
    assert html.count(message) == 2  # next to the field and in the summary at the top
    assert _error_ids(resp) == {field}
    assert f'<li><a href="#{field}">' in html
    assert html.index('class="error-summary"') < html.index("<form")
    assert html.index(f'id="{field}-error"') < html.index(f'id="{field}" name="{field}"')
    assert re.search(rf'id="{field}" name="{field}"[^>]*aria-describedby="[^"]*{field}-error"', html)
    assert "aria-invalid" in html and "<title>Fel: " in html
    for name, kept in VALID.items():  # what was typed is kept
        if name != field:
            assert kept in html
    assert web.nominations() == []


def test_several_errors_are_listed_in_the_form_order(web: Web) -> None:
    resp = web.post({"motivation": "kort"})
    assert resp.status == 400
    links = re.findall(r'<li><a href="#([a-z_]+)">', resp.text)
    assert links == [
        "nominee_name",
        "nominee_organisation",
        "motivation",
        "nominator_name",
        "nominator_email",
    ]


@pytest.mark.parametrize("csrf", [None, "", "garbage", "1798000000.deadbeef"])
def test_missing_or_wrong_csrf_is_refused(web: Web, csrf: str | None) -> None:
    resp = web.post(csrf=csrf)
    assert resp.status == 403
    assert "Formuläret hann gå ut innan det skickades." in resp.text
    assert "Amir Haddad" in resp.text  # the text is not lost
    assert re.search(r'name="csrf" value="\d+\.[0-9a-f]{64}"', resp.text)  # a fresh token to try again
    assert web.nominations() == []


def test_csrf_of_another_round_or_too_old_is_refused(web: Web) -> None:
    other = add_round(web.runtime, year=2026, status="closed", deadline=dt.date(2026, 9, 1))
    foreign = web_service.new_csrf(web.runtime, other.web_token)
    assert web.post(csrf=foreign).status == 403
    old = web.csrf()
    web.clock.advance(hours=13)
    assert web.post(csrf=old).status == 403
    assert web.post().status == 200  # a fresh page works
    assert len(web.nominations()) == 1


def test_honeypot_filled_pretends_success_and_stores_nothing(web: Web) -> None:
    resp = web.post(webbplats="https://spam.example")
    assert resp.status == 200
    assert "Tack för din nominering" in resp.text
    assert web.nominations() == []


def test_rate_limit_per_address_and_per_round(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_service, "LIMITS", web_service.Limits(per_address=3, per_round=5))
    csrf = web.csrf()
    for n in range(3):
        assert web.post(csrf=csrf, nominee_name=f"Person {n}").status == 200
    limited = web.post(csrf=csrf, nominee_name="Person 3")
    assert limited.status == 429
    assert "Många nominering" in limited.text and "Person 3" in limited.text and MOTIVATION in limited.text
    # Another address still gets through, until the round's own limit is reached.
    other = web.from_address("198.51.100.7")
    for n in range(2):
        data = dict(VALID, nominee_name=f"Annan {n}", csrf=csrf)
        assert other.post(web.path, urlencode(data), FORM).status == 200
    data = dict(VALID, nominee_name="Annan 2", csrf=csrf)
    assert other.post(web.path, urlencode(data), FORM).status == 429
    assert len(web.nominations()) == 5
    web.clock.advance(minutes=61)  # an hour later the counts start over
    assert web.post(nominee_name="Person 4").status == 200
    assert len(web.nominations()) == 6


def test_oversized_body_is_refused(web: Web) -> None:
    body = urlencode(dict(VALID, csrf=web.csrf(), motivation="x" * (web_wsgi.MAX_BODY + 1)))
    resp = web.http.post(web.path, body, FORM)
    assert resp.status == 413
    assert "För mycket text" in resp.text
    assert web.nominations() == []


def test_a_long_swedish_motivation_fits_the_body_limit(web: Web) -> None:
    assert web.post(motivation="åäö " * 750).status == 200  # 3 000 characters, percent-encoded


def test_closed_round_says_so(web: Web) -> None:
    web.clock.set("2027-09-02T00:00")  # the day after the last day
    page = web.get()
    assert page.status == 410
    assert "Nomineringen är stängd" in page.text
    assert "<form" not in page.text
    resp = web.http.post(web.path, urlencode(dict(VALID, csrf="x")), FORM)
    assert resp.status == 410 and "Nomineringen är stängd" in resp.text
    assert web.nominations() == []


def test_round_closed_early_says_so(web: Web) -> None:
    with transaction(web.runtime.sessions) as s:
        s.get(AwardRound, web.round_id).closed_at = web.clock()
    csrf = web_service.new_csrf(web.runtime, web.token)
    resp = web.post(csrf=csrf)
    assert resp.status == 410 and "Nomineringen är stängd" in resp.text
    assert web.nominations() == []


def test_script_in_every_field_is_rendered_inert(web: Web, standin: SlackStandIn) -> None:
    hostile = {name: SCRIPT + " " + value for name, value in VALID.items()}
    hostile["nominator_email"] = "x@example.se"
    # Refused first (the e-mail address is not one), every value shown again as text.
    refused = web.post(dict(hostile, nominator_email=SCRIPT))
    assert refused.status == 400
    assert "<script>" not in refused.text
    assert refused.text.count("&lt;script&gt;") == 6
    received = web.post(hostile)
    assert received.status == 200
    assert "<script>" not in received.text and "&lt;script&gt;alert" in received.text
    [stored] = web.nominations()
    assert stored.motivation.startswith(SCRIPT)  # stored as typed, escaped where shown
    web.clock.set("2027-09-02T09:00")
    run_tick(web.runtime)
    [summary] = standin.messages_to("C0JURY")
    text = json.dumps(summary.params["blocks"], ensure_ascii=False)
    assert "<script>" not in text and "&lt;script&gt;" in text


# ---------------------------------------------------------------- the jury and the samordnare


def test_web_nomination_reaches_the_jury_summary_marked_via_webbformular(
    web: Web, standin: SlackStandIn
) -> None:
    assert web.post().status == 200
    web.clock.set("2027-09-02T09:00")
    run_tick(web.runtime)
    [summary] = standin.messages_to("C0JURY")
    text = json.dumps(summary.params["blocks"], ensure_ascii=False)
    assert "*1. Amir Haddad* (Malmö stad) – 1 nominering" in text
    assert "Nominerad av *Karin Lund (karin.lund@example.se), via webbformulär*" in text
    assert "Tillsammans med: Team Ingången" in text and MOTIVATION in text
    # Only the jury hears of it: no message to anyone else.
    assert {c.params["channel"] for c in standin.calls_to("chat.postMessage")} <= {"C0JURY", "C0GENERAL"}
    assert web.get().status == 410


def _admin(web: Web, standin: SlackStandIn, text: str) -> str:
    from tests.conftest import SlackClient

    slack = SlackClient(web.http, response_url=standin.response_url("cmd"))
    before = len(standin.calls_to("response_url"))
    resp = slack.command("/chefsnatverket", text, user=ORGANISER)
    assert resp.status == 200
    said = [resp.json().get("text", "") if resp.text.startswith("{") else resp.text]
    said += [c.params.get("text", "") for c in standin.calls_to("response_url")[before:]]
    return "\n".join(x for x in said if x)


def test_the_samordnare_get_the_link_when_a_round_opens_and_in_status(
    web: Web, standin: SlackStandIn
) -> None:
    with transaction(web.runtime.sessions) as s:  # the fixture's round is 2027; start from none
        s.delete(s.get(AwardRound, web.round_id))
    opened = _admin(web, standin, "guldlanken 2027-09-01 <#C0GENERAL|general>")
    with web.runtime.sessions() as s:
        token = s.query(AwardRound).filter_by(year=2027).one().web_token
    assert len(token) >= 43
    assert f"Webbformulär för dem utanför Slack: `/guldlanken/{token}`" in opened
    status = _admin(web, standin, "guldlanken status")
    assert f"/guldlanken/{token}" in status
    assert web.http.get(f"/guldlanken/{token}").status == 200


def test_the_link_is_whole_with_public_url(web: Web, standin: SlackStandIn) -> None:
    web.runtime.settings = dataclasses.replace(web.runtime.settings, public_url="https://chefs.example.se")
    status = _admin(web, standin, "guldlanken status")
    assert f"Webbformulär för dem utanför Slack: https://chefs.example.se/guldlanken/{web.token}" in status
