"""`chefsnatverket demo` as a process: the whole story, written as Slack shows it, and no temp
folder left behind (also when stopped with Ctrl-C)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CLI = "import sys; from bot.cli import main; sys.exit(main())"
SCENES = [
    "## Måndag 11 januari 2027: the organiser sets up the network",
    "## Invitation, 21 days before — `chefsnatverket tick --at 2027-02-18T09:00`",
    "## Members check in (three ways)",
    "## Check-in deadline: the summary goes to the organisers",
    "## The day after: Vill ni träffas igen?",
    "## Guldlänken",
    "## First working day after the deadline: the jury summary",
]


def _demo(tmp_path: Path) -> tuple[list[str], dict[str, str], Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    # No Slack settings, no .env: the demo needs none. TMPDIR shows where its temp folder went.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    return [sys.executable, "-c", CLI, "demo"], env, temp


def test_demo_plays_the_story_as_slack_shows_it_and_removes_its_folder(tmp_path: Path) -> None:
    command, env, temp = _demo(tmp_path)
    markdown = tmp_path / "walkthrough.md"
    done = subprocess.run(
        [*command, "--markdown", str(markdown)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for scene in SCENES:
        assert scene in out
    # Each jump of the clock, in the network's time.
    assert "— Klockan är nu torsdag 18 februari kl. 09.00 —" in out
    assert "— Klockan är nu onsdag 10 mars kl. 12.30 —" in out
    # What Slack shows, not its markup.
    for raw in ("&amp;", "&lt;", "&gt;", "<#C", "<@U", "<!"):
        assert raw not in out
    assert "Rekrytering av distriktsläkare & psykologer." in out
    assert "Sammanfattningar och rapporter går nu till #chefsnatverket-samordnare." in out
    assert "`/chefsnatverket medlem @Anders Berg Arbetsförmedlingen`" in out
    # The story keeps to its clock: nobody is told the round closed before the deadline scene.
    before_summary = out.split("## First working day after the deadline")[0]
    assert "Nomineringen till Guldlänken 2027 stängde" not in before_summary
    assert markdown.read_text(encoding="utf-8") == out
    assert list(temp.iterdir()) == []


def test_ctrl_c_still_removes_the_temp_folder(tmp_path: Path) -> None:
    command, env, temp = _demo(tmp_path)
    proc = subprocess.Popen(
        command,
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(240, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("— Klockan är nu torsdag 18 februari"):
                assert len(list(temp.iterdir())) == 1  # the demo's database is there while it runs
                proc.send_signal(signal.SIGINT)
                break
        _, err = proc.communicate(timeout=60)
    finally:
        watchdog.cancel()
    assert proc.returncode == 130, err[-3000:]
    assert "stopped" in err
    assert list(temp.iterdir()) == []
