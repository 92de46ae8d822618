"""The demo's Slack: it starts the stand-in and the app behind waitress on 127.0.0.1, sends what
Slack would send (signed commands, clicks, submissions, events), moves the story's clock, and
narrates what each person sees, as Slack renders it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import waitress
from babel.dates import format_datetime

from bot.app import create_app
from bot.cli import parse_instant
from bot.config import Settings
from bot.delivery.scheduler import run_tick
from bot.demo.render import render_blocks, slack_shows
from bot.runtime import build_runtime
from bot.server import create_wsgi_app
from standin import signing
from standin.server import SlackStandIn
from standin.state import TEAM_ID
from storage.db import upgrade

SECRET = "demo-signing-secret"  # noqa: S105 (the stand-in's, not a real one)
TOKEN = "xoxb-demo"  # noqa: S105
TZ = ZoneInfo("Europe/Stockholm")


class StoryClock:
    """The demo's clock: set by each step of the story, read by the app."""

    def __init__(self, start: str) -> None:
        self.set(start)

    def set(self, local: str) -> None:
        self.now = parse_instant(local, TZ)

    def __call__(self) -> dt.datetime:
        return self.now


class _Listeners(ThreadPoolExecutor):
    """Bolt's listener threads, counted: the demo waits until every listener a request started has
    finished (they run on after the ack, as in production) instead of sleeping."""

    def __init__(self) -> None:
        super().__init__(max_workers=8, thread_name_prefix="listener")
        self._lock = threading.Lock()
        self._started: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._started.append(future)
        return future

    def wait_idle(self, timeout: float = 30.0) -> None:
        while True:
            with self._lock:
                running, self._started = self._started, []
            if not running:
                return
            wait(running, timeout=timeout)


class Demo:
    """Drives the server as Slack would and narrates what people see."""

    def __init__(
        self,
        people: dict[str, str],
        channels: dict[str, str],
        organiser: str,
        start: str,
        *,
        oauth: dict[str, Any] | None = None,
    ) -> None:
        """`oauth`: the Settings fields of a deployment serving many workspaces (each installed
        through OAuth, bot/demo/oauth.py), instead of one bot token."""
        self.out: list[str] = []
        self.people = people
        self.oauth = oauth
        self.user_team: dict[str, str] = {}  # a person's workspace (install() and join())
        self.last_answer: dict[str, Any] = {}
        self.seen = 0
        self.shown_clock: dt.datetime | None = None
        self.workdir = Path(tempfile.mkdtemp(prefix="chefsnatverket-demo-"))
        self.standin = SlackStandIn()
        self.listeners = _Listeners()
        self.server: Any = None
        self.engine: Any = None
        self.closing = threading.Event()
        try:
            self._start(channels, organiser, start)
        except BaseException:  # Ctrl-C during the start leaves no folder behind either
            self.close()
            raise

    def _start(self, channels: dict[str, str], organiser: str, start: str) -> None:
        self.standin.start()
        for uid, name in self.people.items():
            self.standin.add_user(uid, name, tz="Europe/Stockholm")
        for cid, name in channels.items():
            self.standin.channels[cid] = {"id": cid, "name": name, "is_member": True}
        settings = Settings(
            slack_bot_token="" if self.oauth else TOKEN,
            slack_signing_secret=SECRET,
            database_url=f"sqlite:///{self.workdir / 'demo.db'}",
            slack_api_url=self.standin.url,
            organisers=() if self.oauth else (organiser,),
            run_scheduler=False,
            **(self.oauth or {}),
        )
        upgrade(settings.database_url)
        self.clock = StoryClock(start)
        self.runtime = build_runtime(settings, clock=self.clock)
        self.engine = self.runtime.engine
        app = create_app(self.runtime, listener_executor=self.listeners)  # listeners run on after the ack
        self.server = waitress.create_server(create_wsgi_app(app, self.runtime), host="127.0.0.1", port=0)
        self.base = f"http://127.0.0.1:{self.server.effective_port}"
        threading.Thread(target=self._serve, name="demo-waitress", daemon=True).start()

    def _serve(self) -> None:
        try:
            self.server.run()
        except OSError:  # close() pulled the socket from under waitress' select()
            if not self.closing.is_set():
                raise

    def close(self) -> None:
        """Stop both servers and remove the temp folder (the database with it)."""
        self.closing.set()
        try:
            if self.server is not None:
                self.server.close()
            self.standin.stop()
            self.listeners.shutdown(wait=False, cancel_futures=True)
            if self.engine is not None:
                self.engine.dispose()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)

    # ------------------------------------------------------------ narration

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.out.append(line)

    def step(self, title: str) -> None:
        self.say()
        self.say(f"## {title}")
        self.say()

    def shows(self, text: str) -> str:
        """Mrkdwn as Slack shows it to a reader."""
        channel = self.standin.channels.get
        return slack_shows(text, self.people.get, lambda cid: (channel(cid) or {}).get("name"))

    def _show(self, who: str, lines: list[str]) -> None:
        self.say(f"**{who}:**")
        self.say()
        for line in lines:
            for part in line.splitlines() or [""]:
                self.say(f"> {part}" if part else ">")
        self.say()

    def _render(self, params: dict[str, Any]) -> list[str]:
        return render_blocks(params.get("blocks") or [], self.shows) or [
            self.shows(str(params.get("text", "")))
        ]

    def _name(self, channel: str) -> str:
        if channel in self.people:
            return f"DM till {self.people[channel]}"
        for uid, name in self.people.items():
            if self.standin.dm_channel_for(uid) == channel:
                return f"DM till {name}"
        known = self.standin.channels.get(channel)
        return f"#{known['name']}" if known else channel

    @staticmethod
    def _recipient(params: dict[str, Any]) -> str:
        return str(params.get("channel") or params.get("channel_id") or "")

    def show_new_calls(self, by_recipient: bool = False) -> None:
        """Everything the app made Slack show since the last look (a tick's fan-out runs in
        parallel, so its posts are shown sorted by recipient to keep the walk-through stable)."""
        calls = self.standin.calls[self.seen :]
        self.seen += len(calls)
        if by_recipient:
            calls = sorted(calls, key=lambda c: self._name(self._recipient(c.params)) + self._workspace(c))
        for call in calls:
            p = call.params
            if call.method in ("chat.postMessage", "chat.postEphemeral") and call.ok:
                prefix = "endast för dig, " if call.method == "chat.postEphemeral" else ""
                where = self._workspace(call)
                self._show(f"{prefix}{self._name(str(p.get('channel')))}{where}", self._render(p))
            elif call.method == "response_url":
                self._show("svar (endast för dig)", self._render(p))
            elif call.method in ("views.open", "views.push") and call.ok:
                view = p["view"]
                title = view.get("title", {}).get("text", "")
                self._show(f"modal «{title}»", render_blocks(view.get("blocks", []), self.shows))
            elif call.method == "views.publish" and call.ok:
                name = self.people.get(str(p.get("user_id")), p.get("user_id"))
                self._show(f"Hem-fliken för {name}", render_blocks(p["view"].get("blocks", []), self.shows))
            elif call.method == "files.completeUploadExternal" and call.ok:
                titles = [str(f.get("title", "")) for f in p.get("files", [])]
                self._show(f"{self._name(self._recipient(p))}{self._workspace(call)}, fil", titles)

    # ------------------------------------------------------------ the clock

    def at(self, local: str) -> None:
        """Move the story's clock (Stockholm time) and say so."""
        self.clock.set(local)
        if self.clock.now != self.shown_clock:
            self.shown_clock = self.clock.now
            when = format_datetime(self.clock.now, "EEEE d MMMM 'kl.' HH.mm", locale="sv")
            self.say(f"— Klockan är nu {when} —")
            self.say()

    def tick(self, at: str, what: str) -> None:
        """A step of the timeline: the clock jumps and the scheduler's tick runs (what
        `chefsnatverket tick --at` does)."""
        self.step(f"{what} — `chefsnatverket tick --at {at}`")
        self.at(at)
        run_tick(self.runtime, self.clock())
        self.show_new_calls(by_recipient=True)

    # ------------------------------------------------------------ acting as Slack

    def _post(self, body: str, headers: dict[str, str]) -> dict[str, Any] | None:
        req = urllib.request.Request(self.base + "/slack/events", data=body.encode(), headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (our own 127.0.0.1 server)
                raw = resp.read()
        except urllib.error.HTTPError as err:
            raise SystemExit(f"chefsnatverket demo: the server answered {err.code}") from None
        self.listeners.wait_idle()  # listeners finish after the ack in production mode
        if not raw.strip():
            return None
        try:
            answer: dict[str, Any] = json.loads(raw)
        except ValueError:  # Bolt answers a text-only ack as plain text
            return {"text": raw.decode()}
        return answer

    def command(self, user: str, command: str, text: str = "", channel: str | None = None) -> None:
        """`text` as Slack sends it (`<@U…|name>`, `&amp;`); narrated as the person typed it
        (`channel`: where it is typed, when that matters)."""
        where = f" i {self._name(channel)}" if channel else ""
        self.say(f"*{self.people[user]} skriver{where}* `{self.shows(f'{command} {text}'.rstrip())}`")
        self.say()
        body, headers = signing.slash_command(
            SECRET,
            command,
            text,
            user,
            team_id=self.team(user),
            channel_id=channel or "C0ADMIN",
            response_url=self.standin.response_url(),
            trigger_id=self.standin.trigger_id(),
        )
        answer = self._post(body, headers)
        self.last_answer = answer or {}
        if answer and (answer.get("text") or answer.get("blocks")):
            self._show("svar (endast för dig)", self._render(answer))
        self.show_new_calls()

    def press(self, user: str, action_id: str, value: str, label: str) -> None:
        self.say(f"*{self.people[user]} trycker på* [{label}]")
        self.say()
        self._act(user, action_id, value=value)

    def _act(self, user: str, action_id: str, **fields: Any) -> None:
        """A block_actions request (`fields` for signing.block_actions) and what it shows."""
        body, headers = signing.block_actions(
            SECRET,
            user,
            action_id,
            team_id=self.team(user),
            response_url=self.standin.response_url(),
            channel_id=self.standin.dm_channel_for(user),
            trigger_id=self.standin.trigger_id(),
            **fields,
        )
        self._post(body, headers)
        self.show_new_calls()

    def choose(self, user: str, select: str, label: str) -> None:
        """Pick `label` in the select `select` of the app's last answer (e.g. which network a
        command is for), keeping the answer's text inputs as they were."""
        state: dict[str, Any] = {}
        for block in self.last_answer.get("blocks") or []:
            element = block.get("element") or {}
            if block.get("type") == "input" and element.get("type") == "plain_text_input":
                typed = {"type": "plain_text_input", "value": element.get("initial_value")}
                state[block["block_id"]] = {element["action_id"]: typed}
        for block in self.last_answer.get("blocks") or []:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                options = element.get("options", []) if element.get("action_id") == select else []
                for option in (o for o in options if o["text"]["text"] == label):
                    self.say(f"*{self.people[user]} väljer* «{label}»")
                    self.say()
                    self._act(
                        user,
                        select,
                        block_id=block["block_id"],
                        action_type=element["type"],
                        action={"selected_option": option},
                        state=state,
                    )
                    return
        raise SystemExit(f"chefsnatverket demo: no choice {label!r} in the app's last answer")

    def submit(self, user: str, callback_id: str, values: dict[str, Any], what: str) -> None:
        """Submit the modal the app opened last, with `values`."""
        self.say(f"*{self.people[user]} fyller i och skickar* {what}")
        self.say()
        body, headers = signing.view_submission(
            SECRET, user, callback_id, values, private_metadata=self.last_metadata(), team_id=self.team(user)
        )
        answer = self._post(body, headers)
        if answer and answer.get("response_action") == "errors":
            self._show("modalen svarar", [f"⚠ {msg}" for msg in answer["errors"].values()])
        self.show_new_calls()

    def _event(self, event: dict[str, Any], team: str = TEAM_ID) -> None:
        body, headers = signing.event_callback(SECRET, event, team_id=team)
        self._post(body, headers)
        self.show_new_calls()

    def dm(self, user: str, text: str) -> None:
        self.say(f"*{self.people[user]} svarar i DM:* {self.shows(text)}")
        self.say()
        channel = self.standin.dm_channel_for(user)
        ts = f"{time.time():.6f}"
        self._event(
            {
                "type": "message",
                "channel_type": "im",
                "user": user,
                "text": text,
                "channel": channel,
                "ts": ts,
            },
            self.team(user),
        )

    def home(self, user: str) -> None:
        self.say(f"*{self.people[user]} öppnar appens flik Hem*")
        self.say()
        self._event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": self.standin.dm_channel_for(user),
                "tab": "home",
            },
            self.team(user),
        )

    # ------------------------------------------------------------ many workspaces

    def team(self, user: str) -> str:
        """The workspace `user` is in (the stand-in's default one unless install/join said)."""
        return self.user_team.get(user, TEAM_ID)

    def _workspace(self, call: Any) -> str:
        """`(workspace)` after a recipient when the story has more than one workspace."""
        seen = bool(self.oauth) and call.team in self.standin.team_names
        return f" ({self.standin.team_names[call.team]})" if seen else ""

    def last_metadata(self) -> str:
        opened = [c for c in self.standin.calls if c.method == "views.open" and c.ok]
        return str(opened[-1].params["view"].get("private_metadata", ""))

    def button_value(self, action_id: str) -> str:
        """The value of the newest button `action_id` the app posted."""
        for call in reversed(self.standin.calls):
            for block in call.params.get("blocks") or []:
                for element in block.get("elements", []) if block.get("type") == "actions" else []:
                    if element.get("action_id") == action_id:
                        return str(element.get("value", ""))
        return ""
