"""Guldlänken's web form in a real browser: Debian's headless Chromium, driven by Selenium,
against the app served by waitress on 127.0.0.1. Filled by keyboard only, checked with axe-core
(vendored, offline), and the nomination read back from the jury summary."""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import waitress
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bot.app import create_app
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime, build_runtime
from bot.server import create_wsgi_app
from storage.models import Nomination
from tests.conftest import FrozenClock, make_settings
from tests.support.award_rounds import add_round
from tests.support.slack_standin import SlackStandIn

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = ROOT / "tests" / "support" / "axe" / "axe.min.js"
SCREENSHOT = ROOT / "docs" / "guldlanken-webbformular.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1024,1400",
    "--lang=sv-SE",
]
MOTIVATION = (
    "Amir har byggt upp en gemensam ingång där Försäkringskassan, Arbetsförmedlingen och kommunen "
    "möter den som behöver stöd – vid ett och samma tillfälle."
)


@pytest.fixture
def served(db_url: str, standin: SlackStandIn, clock: FrozenClock) -> Iterator[tuple[str, Runtime, str]]:
    """The whole app (Slack events, health, web form) behind waitress on a free port, and an open round."""
    runtime = build_runtime(make_settings(db_url, standin.url), clock=clock)
    token = add_round(runtime).web_token
    app = create_wsgi_app(create_app(runtime, process_before_response=True), runtime)
    server: Any = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}", runtime, token
    server.close()
    thread.join(timeout=10)
    runtime.engine.dispose()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} is missing: apt-get install -y chromium chromium-driver (.ci/run does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def _keys(driver: webdriver.Chrome, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def _focused(driver: webdriver.Chrome) -> str:
    """The focused element's id, else its class, else a link's href ("#motivation")."""
    element = driver.switch_to.active_element
    return (
        element.get_attribute("id")
        or element.get_attribute("class")
        or element.get_dom_attribute("href")
        or element.tag_name
    )


def _tab_to(driver: webdriver.Chrome, target: str, limit: int = 15) -> list[str]:
    """Press Tab until `target` (an id or class) has focus; the focus order on the way."""
    seen = []
    for _ in range(limit):
        _keys(driver, Keys.TAB)
        seen.append(_focused(driver))
        if seen[-1] == target:
            return seen
    raise AssertionError(f"Tab never reached {target}: {seen}")


def _axe_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.x A/AA violations on the current page (contrast and labels among them)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, nodes: v.nodes.length,"
        " help: v.help}))})).catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    checked = driver.execute_script("return axe.getRules(['wcag2aa']).map(r => r.ruleId)")
    assert "color-contrast" in checked
    return list(result["violations"])


def _full_screenshot(driver: webdriver.Chrome, path: Path) -> None:
    """The whole page, not only the window (Chromium's DevTools capture beyond the viewport)."""
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def test_nominate_by_keyboard_in_chromium(
    served: tuple[str, Runtime, str], browser: webdriver.Chrome, clock: FrozenClock, standin: SlackStandIn
) -> None:
    base, runtime, token = served
    driver = browser
    driver.get(f"{base}/guldlanken/{token}")
    assert driver.title == "Nominera till Guldlänken 2027 – Chefsnätverket – Finsam"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    assert _axe_violations(driver) == []

    # By keyboard only: the skip link first, then the fields in reading order.
    order = _tab_to(driver, "nominee_name")
    assert order == ["skip-link", "nominee_name"]
    _keys(driver, "Amir Haddad", Keys.TAB, "Malmö stad", Keys.TAB, Keys.TAB, "För kort.")
    assert _focused(driver) == "motivation"
    _keys(driver, Keys.TAB, "Karin Lund", Keys.TAB, "karin.lund@example.se", Keys.TAB)
    assert _focused(driver) == "button"  # the honeypot is out of the tab order
    _keys(driver, Keys.ENTER)

    # The error summary at the top, the error next to the field, the text kept.
    assert driver.title.startswith("Fel: ")
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Kontrollera formuläret" in summary.text
    assert "Motiveringen behöver vara minst 100 tecken (nu 9)" in summary.text
    field_error = driver.find_element(By.ID, "motivation-error")
    assert field_error.is_displayed() and "minst 100 tecken" in field_error.text
    assert driver.find_element(By.ID, "nominee_name").get_attribute("value") == "Amir Haddad"
    assert _axe_violations(driver) == []
    _full_screenshot(driver, SCREENSHOT)

    # The summary's link leads to the field; the corrected text goes in.
    assert _tab_to(driver, "#motivation") == ["skip-link", "#motivation"]
    _keys(driver, Keys.ENTER)
    assert _focused(driver) == "motivation"
    select_all = ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL)
    select_all.send_keys(Keys.DELETE, MOTIVATION).perform()
    _tab_to(driver, "button")
    _keys(driver, Keys.ENTER)

    assert driver.title == "Tack för din nominering – Chefsnätverket – Finsam"
    assert "Vi har tagit emot din nominering av Amir Haddad till Guldlänken 2027." in driver.page_source
    assert _axe_violations(driver) == []

    with runtime.sessions() as s:
        [stored] = s.query(Nomination).all()
        assert stored.source == "web" and stored.motivation == MOTIVATION

    # The jury reads it the morning after the last day, marked as coming from the web form.
    clock.set("2027-09-02T09:00")
    run_tick(runtime)
    [summary_message] = standin.messages_to("C0JURY")
    text = json.dumps(summary_message.params["blocks"], ensure_ascii=False)
    assert "*1. Amir Haddad* (Malmö stad) – 1 nominering" in text
    assert "Nominerad av *Karin Lund (karin.lund@example.se), via webbformulär*" in text
    assert MOTIVATION in text

    # And the link now says the nomination is closed.
    driver.get(f"{base}/guldlanken/{token}")
    assert driver.title == "Nomineringen är stängd – Chefsnätverket – Finsam"
