"""A whole meeting cycle and a Guldlänken round, played against the real server.

Starts the local Slack stand-in (tests/support/slack_standin.py) and the app as `python -m bot` builds it
(the composition root behind waitress, on 127.0.0.1), with a clock the story moves forward. It
then acts as Slack would: correctly signed slash commands, button presses, modal submissions and
DM events over HTTP, and at each point of the timeline the scheduler's tick (the function
`chefsnatverket tick --at` runs). It prints what each person sees, in the Swedish the app writes. `--markdown FILE` also writes it as a
walk-through (docs/walkthrough.md is made this way).

    python scripts/demo.py [--markdown docs/walkthrough.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import waitress  # noqa: E402

from bot.app import create_app  # noqa: E402
from bot.cli import parse_instant  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.scheduler import run_tick  # noqa: E402
from bot.runtime import build_runtime  # noqa: E402
from bot.server import create_wsgi_app  # noqa: E402
from standin import signing  # noqa: E402
from standin.slack_standin import SlackStandIn  # noqa: E402
from storage.db import upgrade  # noqa: E402

SECRET = "demo-signing-secret"
TOKEN = "xoxb-demo"
ORGANISER = "U0KARIN"
PEOPLE = {
    ORGANISER: "Karin Lund",
    "U0ANDERS": "Anders Berg",
    "U0BEATA": "Beata Holm",
    "U0CEMAL": "Cemal Demir",
    "U0DORIS": "Doris Ek",
    "U0ERIK": "Erik Nyström",
}
ORGS = {
    "U0ANDERS": "Arbetsförmedlingen",
    "U0BEATA": "Försäkringskassan",
    "U0CEMAL": "Region Skåne, primärvården",
    "U0DORIS": "Malmö stad, arbetsmarknadsförvaltningen",
}
CHANNEL = "C0SAMORD"
GENERAL = "C0GENERAL"


class StoryClock:
    """The demo's clock: set by each step of the story, read by the app."""

    def __init__(self, start: str) -> None:
        self.set(start)

    def set(self, local: str) -> None:
        self.now = parse_instant(local, ZoneInfo("Europe/Stockholm"))

    def __call__(self) -> dt.datetime:
        return self.now


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return str(obj or "")


def render_blocks(blocks: list[dict[str, Any]]) -> list[str]:
    """Block Kit as plain lines, the way a reader sees it."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"**{_text(block.get('text'))}**")
        elif kind == "section":
            if block.get("text"):
                lines.append(_text(block["text"]))
            for field in block.get("fields", []):
                lines.append(_text(field))
            if block.get("accessory", {}).get("type") == "button":
                lines.append(f"[{_text(block['accessory'].get('text'))}]")
        elif kind == "context":
            lines.append("_" + " ".join(_text(e) for e in block.get("elements", [])) + "_")
        elif kind == "actions":
            lines.append(
                " ".join(f"[{_text(e.get('text'))}]" for e in block.get("elements", []) if e.get("text"))
            )
        elif kind == "input":
            hint = f" — {_text(block.get('hint'))}" if block.get("hint") else ""
            optional = " (valfritt)" if block.get("optional") else ""
            element = block.get("element", {})
            value = element.get("initial_value") or ""
            shown = f": «{value}»" if value else ""
            lines.append(f"▢ {_text(block.get('label'))}{optional}{hint}{shown}")
        elif kind == "divider":
            lines.append("---")
    return [line for line in lines if line.strip()]


class Demo:
    """Drives the server as Slack would and narrates what people see."""

    def __init__(self, markdown: Path | None) -> None:
        self.out: list[str] = []
        self.markdown = markdown
        self.standin = SlackStandIn().start()
        for uid, name in PEOPLE.items():
            self.standin.add_user(uid, name, tz="Europe/Stockholm")
        self.standin.channels[CHANNEL] = {
            "id": CHANNEL,
            "name": "chefsnatverket-samordnare",
            "is_member": True,
        }
        self.standin.channels[GENERAL] = {"id": GENERAL, "name": "allmant", "is_member": True}
        workdir = Path(tempfile.mkdtemp(prefix="chefsnatverket-demo-"))
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            database_url=f"sqlite:///{workdir / 'demo.db'}",
            slack_api_url=self.standin.url,
            organisers=(ORGANISER,),
            run_scheduler=False,
        )
        upgrade(settings.database_url)
        self.clock = StoryClock("2027-01-11T10:00")
        self.runtime = build_runtime(settings, clock=self.clock)
        app = create_app(self.runtime)  # production mode: listeners run on after the ack
        self.server = waitress.create_server(create_wsgi_app(app, self.runtime), host="127.0.0.1", port=0)
        self.base = f"http://127.0.0.1:{self.server.effective_port}"
        threading.Thread(target=self.server.run, daemon=True).start()
        self.seen = 0

    def close(self) -> None:
        self.server.close()
        self.standin.stop()

    # ------------------------------------------------------------ narration

    def say(self, line: str = "") -> None:
        print(line)
        self.out.append(line)

    def step(self, title: str) -> None:
        self.say()
        self.say(f"## {title}")
        self.say()

    def _show(self, who: str, lines: list[str]) -> None:
        self.say(f"**{who}:**")
        self.say()
        for line in lines:
            for part in line.splitlines() or [""]:
                self.say(f"> {part}" if part else ">")
        self.say()

    def _name(self, channel: str) -> str:
        if channel in PEOPLE:
            return f"DM till {PEOPLE[channel]}"
        for uid, name in PEOPLE.items():
            if self.standin.dm_channel_for(uid) == channel:
                return f"DM till {name}"
        if channel == CHANNEL:
            return "#chefsnatverket-samordnare"
        if channel == GENERAL:
            return "#allmant"
        return channel

    def show_new_calls(self, by_recipient: bool = False) -> None:
        """Everything the app made Slack show since the last look (a tick's fan-out runs in
        parallel, so its posts are shown sorted by recipient to keep the walk-through stable)."""
        calls = self.standin.calls[self.seen :]
        self.seen += len(calls)
        if by_recipient:
            calls = sorted(calls, key=lambda c: self._name(str(c.params.get("channel", ""))))
        for call in calls:
            p = call.params
            if call.method in ("chat.postMessage", "chat.postEphemeral") and call.ok:
                lines = render_blocks(p.get("blocks") or []) or [p.get("text", "")]
                prefix = "endast för dig, " if call.method == "chat.postEphemeral" else ""
                self._show(f"{prefix}{self._name(str(p.get('channel')))}", lines)
            elif call.method == "response_url":
                lines = render_blocks(p.get("blocks") or []) or [p.get("text", "")]
                self._show("svar (endast för dig)", lines)
            elif call.method in ("views.open", "views.push") and call.ok:
                view = p["view"]
                self._show(f"modal «{_text(view.get('title'))}»", render_blocks(view.get("blocks", [])))
            elif call.method == "views.publish" and call.ok:
                name = PEOPLE.get(str(p.get("user_id")), p.get("user_id"))
                self._show(f"Hem-fliken för {name}", render_blocks(p["view"].get("blocks", [])))
            elif call.method == "files.completeUploadExternal" and call.ok:
                self._show("fil", [f"{f.get('title', '')}" for f in p.get("files", [])])

    # ------------------------------------------------------------ acting as Slack

    def _post(self, body: str, headers: dict[str, str]) -> dict[str, Any] | None:
        req = urllib.request.Request(self.base + "/slack/events", data=body.encode(), headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as err:
            raise SystemExit(f"the server answered {err.code}") from None
        time.sleep(0.3)  # listeners finish after the ack in production mode
        if not raw.strip():
            return None
        try:
            answer: dict[str, Any] = json.loads(raw)
        except ValueError:  # Bolt answers a text-only ack as plain text
            return {"text": raw.decode()}
        return answer

    def command(self, user: str, command: str, text: str = "") -> None:
        self.say(f"*{PEOPLE[user]} skriver* `{command} {text}`".rstrip())
        self.say()
        body, headers = signing.slash_command(
            SECRET,
            command,
            text,
            user,
            response_url=self.standin.response_url(),
            trigger_id=f"trig.{time.time()}",
        )
        answer = self._post(body, headers)
        if answer and (answer.get("text") or answer.get("blocks")):
            self._show("svar (endast för dig)", render_blocks(answer.get("blocks") or []) or [answer["text"]])
        self.show_new_calls()

    def press(self, user: str, action_id: str, value: str, label: str) -> None:
        self.say(f"*{PEOPLE[user]} trycker på* [{label}]")
        self.say()
        body, headers = signing.block_actions(
            SECRET,
            user,
            action_id,
            value=value,
            response_url=self.standin.response_url(),
            channel_id=self.standin.dm_channel_for(user),
        )
        self._post(body, headers)
        self.show_new_calls()

    def submit(self, user: str, callback_id: str, values: dict[str, Any], metadata: str, what: str) -> None:
        self.say(f"*{PEOPLE[user]} fyller i och skickar* {what}")
        self.say()
        body, headers = signing.view_submission(SECRET, user, callback_id, values, private_metadata=metadata)
        answer = self._post(body, headers)
        if answer and answer.get("response_action") == "errors":
            self._show("modalen svarar", [f"⚠ {msg}" for msg in answer["errors"].values()])
        self.show_new_calls()

    def dm(self, user: str, text: str) -> None:
        self.say(f"*{PEOPLE[user]} svarar i DM:* {text}")
        self.say()
        event = {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "text": text,
            "channel": self.standin.dm_channel_for(user),
            "ts": f"{time.time():.6f}",
        }
        body, headers = signing.event_callback(SECRET, event)
        self._post(body, headers)
        self.show_new_calls()

    def at(self, local: str) -> None:
        """Move the story's clock (Stockholm time)."""
        self.clock.set(local)

    def home(self, user: str) -> None:
        self.say(f"*{PEOPLE[user]} öppnar appens flik Hem*")
        self.say()
        event = {
            "type": "app_home_opened",
            "user": user,
            "channel": self.standin.dm_channel_for(user),
            "tab": "home",
        }
        body, headers = signing.event_callback(SECRET, event)
        self._post(body, headers)
        self.show_new_calls()

    def tick(self, at: str, what: str) -> None:
        self.step(f"{what} — `chefsnatverket tick --at {at}`")
        self.at(at)
        run_tick(self.runtime, self.clock())
        self.show_new_calls(by_recipient=True)

    def last_metadata(self) -> str:
        opened = [c for c in self.standin.calls if c.method == "views.open" and c.ok]
        return str(opened[-1].params["view"].get("private_metadata", ""))

    def meeting_button_value(self) -> str:
        for call in reversed(self.standin.calls):
            for block in call.params.get("blocks") or []:
                for element in block.get("elements", []) if block.get("type") == "actions" else []:
                    if element.get("action_id") == "checkin_open":
                        return str(element.get("value", ""))
        return ""


def run(demo: Demo) -> None:
    from bot import ids

    demo.say("# Chefsnätverket — what organisers and members see")
    demo.say()
    demo.say("Made by `python scripts/demo.py --markdown docs/walkthrough.md`: the app behind waitress on")
    demo.say(
        "127.0.0.1, a local Slack stand-in, signed Slack requests, and the scheduler's tick at each step"
    )
    demo.say(
        "of the timeline (the clock is moved by the story). Quoted blocks are what Slack shows, word for word."
    )
    demo.step("Måndag 11 januari 2027: the organiser sets up the network")
    demo.command(ORGANISER, "/chefsnatverket", "hjälp")
    demo.command(ORGANISER, "/chefsnatverket", f"kanal <#{CHANNEL}|chefsnatverket-samordnare>")
    for uid, org in ORGS.items():
        demo.command(ORGANISER, "/chefsnatverket", f"medlem <@{uid}|{PEOPLE[uid].split()[0].lower()}> {org}")
    demo.command(ORGANISER, "/chefsnatverket", "träff 2027-03-11 13:00 Finsams lokaler, Stortorget 1, Malmö")
    demo.say("*A member tries an organiser command, and the organiser mistypes a date:*")
    demo.say()
    demo.command("U0ANDERS", "/chefsnatverket", "träff 2027-04-01 13:00")
    demo.command(ORGANISER, "/chefsnatverket", "träff 11 mars")

    demo.tick("2027-02-18T09:00", "Invitation, 21 days before")
    meeting = demo.meeting_button_value()
    demo.step("Members check in (three ways)")
    demo.at("2027-02-18T10:15")
    demo.command("U0ANDERS", "/incheckning", "Omställningen efter neddragningen; många nya handläggare.")
    demo.dm(
        "U0BEATA", "Sjukskrivningar som blir långa; vi vill hitta tidiga samarbeten med vården. <!channel>"
    )
    demo.press("U0CEMAL", ids.CHECKIN_OPEN, meeting, "Checka in")
    demo.submit(
        "U0CEMAL",
        ids.CHECKIN_MODAL,
        {
            ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: signing.text_input("")},
            ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: signing.text_input("Ny vårdcentral i Rosengård.")},
            ids.CHECKIN_BLOCK_SUPPORT: {ids.CHECKIN_INPUT: signing.text_input(None)},
        },
        demo.last_metadata(),
        "the modal, forgetting the required answer",
    )
    demo.submit(
        "U0CEMAL",
        ids.CHECKIN_MODAL,
        {
            ids.CHECKIN_BLOCK_OCCUPYING: {
                ids.CHECKIN_INPUT: signing.text_input("Rekrytering av distriktsläkare & psykologer.")
            },
            ids.CHECKIN_BLOCK_CHANGES: {
                ids.CHECKIN_INPUT: signing.text_input("Ny vårdcentral i Rosengård i höst.")
            },
            ids.CHECKIN_BLOCK_SUPPORT: {
                ids.CHECKIN_INPUT: signing.text_input("Gemensamma rutiner kring sjukskrivning.")
            },
        },
        demo.last_metadata(),
        "the modal again",
    )
    demo.say("*Anders, already checked in, thanks the app in the DM:*")
    demo.say()
    demo.dm("U0ANDERS", "Tack!")
    demo.press("U0ANDERS", ids.CHECKIN_PENDING_KEEP, meeting, "Behåll mitt svar")
    demo.step("App Home")
    demo.home("U0CEMAL")
    demo.home(ORGANISER)
    demo.tick("2027-03-04T09:00", "Reminder, 7 days before (only to those who have not checked in)")
    demo.command(ORGANISER, "/chefsnatverket", "status")
    demo.tick("2027-03-09T09:00", "Last reminder, 2 days before")
    demo.tick("2027-03-10T12:00", "Check-in deadline: the summary goes to the organisers")
    demo.at("2027-03-10T12:30")
    demo.command("U0DORIS", "/incheckning", "Hinner jag?")
    demo.tick("2027-03-11T08:00", "The meeting day")
    demo.tick("2027-03-12T09:00", "The day after: Vill ni träffas igen?")
    demo.at("2027-03-12T09:30")
    demo.press("U0ANDERS", ids.PULSE_YES, meeting, "Ja")
    demo.press("U0BEATA", ids.PULSE_YES, meeting, "Ja")
    demo.press("U0DORIS", ids.PULSE_NO, meeting, "Nej")
    demo.tick("2027-03-18T09:00", "A week after: the answers to the organisers")

    demo.step("Guldlänken")
    demo.at("2027-05-03T10:00")
    demo.command(ORGANISER, "/chefsnatverket", f"guldlanken 2027-09-01 <#{GENERAL}|allmant>")
    demo.tick("2027-05-03T10:00", "The round opens: the announcement")
    demo.at("2027-05-04T14:00")
    demo.command("U0BEATA", "/guldlanken")
    demo.submit(
        "U0BEATA",
        ids.AWARD_MODAL,
        {
            ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: signing.users_select("U0CEMAL")},
            ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: signing.text_input("Han är bra.")},
        },
        demo.last_metadata(),
        "a nomination with a too short motivation",
    )
    demo.submit(
        "U0BEATA",
        ids.AWARD_MODAL,
        {
            ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: signing.users_select("U0CEMAL")},
            ids.AWARD_BLOCK_MOTIVATION: {
                ids.AWARD_INPUT: signing.text_input(
                    "Cemal har byggt upp ett samarbete mellan vårdcentralerna och Försäkringskassan som gör att "
                    "långa sjukskrivningar upptäcks tidigt. Han tar alltid första steget och bjuder in."
                )
            },
        },
        demo.last_metadata(),
        "the nomination",
    )
    demo.command("U0BEATA", "/guldlanken", "mina")
    demo.tick("2027-08-18T09:00", "Reminder, 14 days before the deadline")
    demo.tick("2027-08-31T09:00", "Reminder, the day before the deadline")
    demo.at("2027-09-02T08:00")
    demo.command("U0ANDERS", "/guldlanken")
    demo.tick("2027-09-02T09:00", "First working day after the deadline: the jury summary")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    demo = Demo(args.markdown)
    try:
        run(demo)
    finally:
        demo.close()
    if args.markdown:
        args.markdown.write_text("\n".join(demo.out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
