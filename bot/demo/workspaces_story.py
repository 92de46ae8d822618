"""The demo's second scene: one deployment, two workspaces installed through OAuth, three
networks side by side, each workspace served with its own token, and one workspace leaving."""

from __future__ import annotations

from bot import ids
from bot.demo.oauth import WorkspacesDemo

MALMO, LANDSKRONA = "T0MALMO", "T0LANDSKRONA"
WORKSPACES = {MALMO: "Finsam Malmö", LANDSKRONA: "Landskrona–Svalöv"}
KARIN, LENA = "U0KARIN", "U0LENA"
PEOPLE = {
    KARIN: "Karin Lund",
    "U0ANDERS": "Anders Berg",
    "U0BEATA": "Beata Holm",
    LENA: "Lena Sjöberg",
    "U0JOHAN": "Johan Ek",
}
UNGA = "C0UNGA"
CHANNELS = {UNGA: "unga-vuxna-samordnare"}
START = "2027-02-15T10:00"
MEETING_DAY = "2027-03-11"


def new_workspaces_demo() -> WorkspacesDemo:
    return WorkspacesDemo(PEOPLE, CHANNELS, START)


def _mention(uid: str) -> str:
    return f"<@{uid}|{PEOPLE[uid].split()[0].lower()}>"


def _installs(demo: WorkspacesDemo) -> None:
    demo.say("# Many workspaces, many networks")
    demo.say()
    demo.say("A second deployment, this time in OAuth mode (`SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`,")
    demo.say("`SLACK_STATE_SECRET` and a `TOKEN_ENCRYPTION_KEY` made for the demo, no `SLACK_BOT_TOKEN`):")
    demo.say("two workspaces install it, and each is served with its own bot token.")
    demo.step("Two förbund install the app")
    demo.at(START)
    demo.join(MALMO, "U0ANDERS", "U0BEATA")
    demo.join(LANDSKRONA, "U0JOHAN")
    demo.install(MALMO, WORKSPACES[MALMO], KARIN)
    demo.install(LANDSKRONA, WORKSPACES[LANDSKRONA], LENA)


def _networks(demo: WorkspacesDemo) -> None:
    demo.step("Finsam Malmö: Chefsnätverket, and a second network, Unga vuxna")
    demo.say("*The installer is samordnare of the workspace's first network, Chefsnätverket:*")
    demo.say()
    demo.command(KARIN, "/chefsnatverket", f"medlem {_mention('U0ANDERS')} Arbetsförmedlingen")
    demo.command(KARIN, "/chefsnatverket", f"träff {MEETING_DAY} 13:00 Stortorget 1, Malmö")
    demo.command(KARIN, "/chefsnatverket", "nätverk ny Unga vuxna")
    demo.say("*Karin is now samordnare of two networks, so the app asks which one she means:*")
    demo.say()
    demo.command(KARIN, "/chefsnatverket", f"kanal <#{UNGA}|{CHANNELS[UNGA]}>")
    demo.choose(KARIN, ids.NETWORK_CHOOSE, "Unga vuxna")
    demo.say("*In Unga vuxna's organisers' channel, commands act on Unga vuxna without asking:*")
    demo.say()
    for uid, org in (("U0ANDERS", "Arbetsförmedlingen"), ("U0BEATA", "Försäkringskassan")):
        demo.command(KARIN, "/chefsnatverket", f"medlem {_mention(uid)} {org}", channel=UNGA)
    demo.command(KARIN, "/chefsnatverket", f"träff {MEETING_DAY} 09:00 Mötesplats Unga, Malmö", channel=UNGA)

    demo.step("Landskrona–Svalöv: its own network")
    demo.command(LENA, "/chefsnatverket", f"medlem {_mention('U0JOHAN')} Landskrona stad")
    demo.command(LENA, "/chefsnatverket", f"träff {MEETING_DAY} 14:00 Stadshuset, Landskrona")
    demo.say("*Each workspace sees only its own networks:*")
    demo.say()
    demo.command(KARIN, "/chefsnatverket", "nätverk")
    demo.command(LENA, "/chefsnatverket", "nätverk")


def _sends(demo: WorkspacesDemo) -> None:
    demo.tick(
        "2027-02-18T09:00",
        "Three invitations' instant: each workspace's DMs go with its own token",
    )
    demo.step("Anders, in both of Finsam Malmö's networks, checks in")
    demo.at("2027-02-19T10:00")
    demo.command("U0ANDERS", "/incheckning", "Fler unga söker sig till oss via kommunens jobbtorg.")
    demo.choose("U0ANDERS", ids.NETWORK_CHOOSE, "Unga vuxna")
    demo.step("Landskrona–Svalöv removes the app")
    demo.at("2027-02-25T10:00")
    demo.uninstall(LANDSKRONA)
    demo.say("*Its data stays until retention or erasure; nothing more is sent there.*")
    demo.say()
    demo.tick("2027-03-04T09:00", "Reminders, 7 days before: only in Finsam Malmö")


def play_workspaces(demo: WorkspacesDemo) -> None:
    """The scene, narrated through `demo.say`."""
    _installs(demo)
    _networks(demo)
    _sends(demo)
