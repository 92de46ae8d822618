"""`chefsnatverket tick --at` a year ahead on a live database once closed Guldlänken for good.
Now a future --at asks first (and is refused off a terminal without --yes), --dry-run lists
what would go out without sending or recording anything, and `förläng` reopens a round whose
jury summary went out before its deadline had really passed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from storage.models import AwardRound, Delivery
from tests.conftest import ORGANISER, SECRET, TOKEN, FrozenClock, SlackClient
from tests.support.award_rounds import add_round
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

ROOT = Path(__file__).resolve().parents[2]
CLI = "import sys; from bot.cli import main; sys.exit(main())"
FAR = "2028-01-01T09:00"  # well after the round's last day (1 September 2027); the real now is before it


def _env(runtime: Runtime) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "DATABASE_URL": runtime.settings.database_url,
        "SLACK_API_URL": runtime.settings.slack_api_url,
        "ORGANISERS": ORGANISER,
        "BOT_TIMEZONE": "Europe/Stockholm",
    }


def _cli(runtime: Runtime, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as its own process, with no terminal (stdin is /dev/null)."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **_env(runtime)}
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ledger(runtime: Runtime) -> list[Delivery]:
    with runtime.sessions() as s:
        return list(s.query(Delivery))


def _status(runtime: Runtime) -> str:
    with runtime.sessions() as s:
        return s.query(AwardRound).one().status


@pytest.fixture
def arranged(runtime: Runtime, standin: SlackStandIn) -> Runtime:
    add_round(runtime)
    return runtime


def test_a_future_at_without_a_terminal_is_refused_unless_yes(
    arranged: Runtime, standin: SlackStandIn, tmp_path: Path
) -> None:
    refused = _cli(arranged, tmp_path, "tick", "--at", FAR)
    assert refused.returncode == 1
    assert "ahead of now" in refused.stderr and "--yes" in refused.stderr and "--dry-run" in refused.stderr
    assert _ledger(arranged) == [] and standin.calls_to("chat.postMessage") == []
    assert _status(arranged) == "open"
    done = _cli(arranged, tmp_path, "tick", "--at", FAR, "--yes")
    assert done.returncode == 0, done.stderr
    assert _status(arranged) == "closed" and standin.messages_to("C0JURY")


def test_dry_run_lists_what_would_go_out_and_changes_nothing(
    arranged: Runtime, standin: SlackStandIn, tmp_path: Path
) -> None:
    result = _cli(arranged, tmp_path, "tick", "--at", FAR, "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "dry run at 2028-01-01T09:00:00+01:00: nothing is sent or recorded" in out
    assert "award_jury_summary (award:" in out and "1 recipient(s), sent, then its follow-up" in out
    assert "recorded as too late" in out  # the announcement's time is long past by then
    assert _ledger(arranged) == [] and standin.calls == []
    assert _status(arranged) == "open"


def test_on_a_terminal_it_asks_first(
    arranged: Runtime, standin: SlackStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    for name, value in _env(arranged).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    assert main(["tick", "--at", FAR]) == 1
    assert "Tick at that time? [y/N]" in capsys.readouterr().out
    assert _ledger(arranged) == [] and _status(arranged) == "open"
    monkeypatch.setattr(sys, "stdin", _Terminal("ja\n"))
    assert main(["tick", "--at", FAR]) == 0
    assert _status(arranged) == "closed"


def test_forlang_reopens_a_round_closed_by_a_tick_in_the_future(
    arranged: Runtime, slack: SlackClient, standin: SlackStandIn, clock: FrozenClock, tmp_path: Path
) -> None:
    assert _cli(arranged, tmp_path, "tick", "--at", FAR, "--yes").returncode == 0
    assert _status(arranged) == "closed" and len(standin.messages_to("C0JURY")) == 1
    slack.command("/chefsnatverket", "guldlanken förläng 2027-09-01", user=ORGANISER)
    said = " ".join(c.params.get("text", "") for c in standin.calls_to(RESPONSE_URL))
    assert "stängdes för tidigt" in said and "öppen igen" in said, said
    assert _status(arranged) == "open"
    # The jury summary goes out again once the last day has really passed.
    clock.set("2027-09-02T09:00")
    run_tick(arranged)
    assert len(standin.messages_to("C0JURY")) == 2
    assert _status(arranged) == "closed"


def test_forlang_does_not_reopen_a_round_that_really_ended(
    arranged: Runtime, slack: SlackClient, standin: SlackStandIn, clock: FrozenClock
) -> None:
    clock.set("2027-09-02T09:00")
    run_tick(arranged)
    assert _status(arranged) == "closed"
    resp = slack.command("/chefsnatverket", "guldlanken förläng 2027-10-01", user=ORGANISER)
    said = resp.text + " ".join(c.params.get("text", "") for c in standin.calls_to(RESPONSE_URL))
    assert "Ingen omgång av Guldlänken är öppen" in said
    assert _status(arranged) == "closed"
