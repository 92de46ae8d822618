"""What the demo's OAuth scene needs besides Slack's requests: the deployment's OAuth settings
(a Fernet key made for this run), a browser's GET that does not follow redirects, and an HTML
page as the reader sees it."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography.fernet import Fernet

from bot.demo.driver import Demo
from standin.workspaces import CLIENT_ID, CLIENT_SECRET

STATE_SECRET = "demo-state-secret"  # noqa: S105 (the demo's, not a real one)
STATE_COOKIE = "slack-app-oauth-state"


def oauth_settings() -> dict[str, Any]:
    """Settings fields of a deployment serving many workspaces (SLACK_BOT_TOKEN unset)."""
    return {
        "slack_client_id": CLIENT_ID,
        "slack_client_secret": CLIENT_SECRET,
        "slack_state_secret": STATE_SECRET,
        "token_encryption_key": Fernet.generate_key().decode(),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:  # the browser's next stop is Slack, not us
        return None


def browse(url: str, cookie: str = "") -> tuple[int, dict[str, str], str]:
    """GET `url` as a browser would (one step, no redirects): status, headers, body."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as resp:  # our own 127.0.0.1 server
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:  # a 302 (not followed) or a refusal
        return err.code, dict(err.headers), err.read().decode()


def install_state(location: str) -> str:
    """The state Slack's authorize URL carries back to the redirect."""
    [state] = parse_qs(urlsplit(location).query)["state"]
    return state


def page_lines(html: str) -> list[str]:
    """The heading and paragraphs of a page, as text."""
    found = re.findall(r"<(h1|p)>(.*?)</\1>", html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _, inner in found]


class WorkspacesDemo(Demo):
    """The demo's Slack with many workspaces: the app installed into each through OAuth."""

    def __init__(self, people: dict[str, str], channels: dict[str, str], start: str) -> None:
        super().__init__(people, channels, "", start, oauth=oauth_settings())
        self.installed: list[str] = []  # the workspaces the app is installed in, in order

    def join(self, team: str, *users: str) -> None:
        """People of workspace `team` (before the app knows them)."""
        self.user_team.update(dict.fromkeys(users, team))

    def install(self, team: str, name: str, user: str) -> None:
        """`user` installs the app into workspace `team` the whole way, as a browser and Slack's
        authorize page walk it: /slack/install, Slack's code, /slack/oauth_redirect."""
        self.standin.add_workspace(team, name)
        self.join(team, user)
        self.say(f"*{self.people[user]} installerar appen i arbetsytan {name}* (`GET /slack/install`)")
        self.say()
        status, headers, _ = browse(self.base + "/slack/install")
        location = headers.get("Location", "")
        if status != 302 or not location.startswith("https://slack.com/oauth/v2/authorize?"):
            raise SystemExit(f"chefsnatverket demo: /slack/install answered {status}")
        state = install_state(location)
        code = self.standin.oauth_code(team, user)  # what Slack's "Tillåt" hands the browser
        self.say("*Slack asks for the app's permissions; the browser comes back with a code:*")
        self.say()
        status, _, page = browse(
            f"{self.base}/slack/oauth_redirect?code={code}&state={state}", f"{STATE_COOKIE}={state}"
        )
        if status != 200:
            raise SystemExit(f"chefsnatverket demo: /slack/oauth_redirect answered {status}")
        self.installed.append(team)
        self._show("webbläsaren visar", page_lines(page))
        self.show_new_calls()

    def uninstall(self, team: str) -> None:
        """Someone removes the app from workspace `team`: Slack sends `app_uninstalled`."""
        self.say(f"*The app is removed from {self.standin.team_names[team]}: Slack sends `app_uninstalled`*")
        self.say()
        self._event({"type": "app_uninstalled"}, team)
        self.installed.remove(team)
