"""The demo's story: a whole meeting cycle and a Guldlänken round, as the organisers and members
live it, with the scheduler's tick at each point of the timeline."""

from __future__ import annotations

from bot import ids
from bot.demo.driver import Demo
from standin.signing import text_input, users_select

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
CHANNELS = {CHANNEL: "chefsnatverket-samordnare", GENERAL: "allmant"}
START = "2027-01-11T10:00"


def new_demo() -> Demo:
    return Demo(PEOPLE, CHANNELS, ORGANISER, START)


def _introduction(demo: Demo) -> None:
    demo.say("# Chefsnätverket — what organisers and members see")
    demo.say()
    demo.say("Made by `chefsnatverket demo --markdown docs/walkthrough.md`: the app behind waitress on")
    demo.say(
        "127.0.0.1, a local Slack stand-in, signed Slack requests, and the scheduler's tick at each step"
    )
    demo.say("of the timeline (the story moves the clock, and each jump is shown). Quoted blocks are what")
    demo.say("Slack shows, word for word, with mentions and channels as Slack displays them.")


def _set_up(demo: Demo) -> None:
    demo.step("Måndag 11 januari 2027: the organiser sets up the network")
    demo.at(START)
    demo.command(ORGANISER, "/chefsnatverket", "hjälp")
    demo.command(ORGANISER, "/chefsnatverket", f"kanal <#{CHANNEL}|{CHANNELS[CHANNEL]}>")
    for uid, org in ORGS.items():
        demo.command(ORGANISER, "/chefsnatverket", f"medlem <@{uid}|{PEOPLE[uid].split()[0].lower()}> {org}")
    demo.command(ORGANISER, "/chefsnatverket", "träff 2027-03-11 13:00 Finsams lokaler, Stortorget 1, Malmö")
    demo.say("*A member tries an organiser command, and the organiser mistypes a date:*")
    demo.say()
    demo.command("U0ANDERS", "/chefsnatverket", "träff 2027-04-01 13:00")
    demo.command(ORGANISER, "/chefsnatverket", "träff 11 mars")


def _check_ins(demo: Demo, meeting: str) -> None:
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
            ids.CHECKIN_BLOCK_OCCUPYING: {ids.CHECKIN_INPUT: text_input("")},
            ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: text_input("Ny vårdcentral i Rosengård.")},
            ids.CHECKIN_BLOCK_SUPPORT: {ids.CHECKIN_INPUT: text_input(None)},
        },
        "the modal, forgetting the required answer",
    )
    demo.submit(
        "U0CEMAL",
        ids.CHECKIN_MODAL,
        {
            ids.CHECKIN_BLOCK_OCCUPYING: {
                ids.CHECKIN_INPUT: text_input("Rekrytering av distriktsläkare & psykologer.")
            },
            ids.CHECKIN_BLOCK_CHANGES: {ids.CHECKIN_INPUT: text_input("Ny vårdcentral i Rosengård i höst.")},
            ids.CHECKIN_BLOCK_SUPPORT: {
                ids.CHECKIN_INPUT: text_input("Gemensamma rutiner kring sjukskrivning.")
            },
        },
        "the modal again",
    )
    demo.say("*Anders, already checked in, thanks the app in the DM:*")
    demo.say()
    demo.dm("U0ANDERS", "Tack!")
    demo.press("U0ANDERS", ids.CHECKIN_PENDING_KEEP, meeting, "Behåll mitt svar")
    demo.step("App Home")
    demo.home("U0CEMAL")
    demo.home(ORGANISER)


def _attendance(demo: Demo, meeting: str) -> None:
    demo.step("Närvaro: one comes, one cannot, one sends an ersättare")
    demo.at("2027-02-18T09:45")
    demo.press("U0ANDERS", ids.RSVP_COMING, meeting, "Jag kommer")
    demo.press("U0DORIS", ids.RSVP_NOT_COMING, meeting, "Jag kan inte")
    demo.press("U0BEATA", ids.RSVP_DEPUTY, meeting, "Jag skickar en ersättare")
    demo.submit(
        "U0BEATA",
        ids.RSVP_DEPUTY_MODAL,
        {ids.RSVP_DEPUTY_USER: {ids.RSVP_INPUT: {"type": "users_select", "selected_user": "U0ERIK"}}},
        "the ersättare modal, choosing Erik Nyström",
    )


def _meeting_cycle(demo: Demo) -> None:
    demo.tick("2027-02-18T09:00", "Invitation, 21 days before")
    meeting = demo.button_value(ids.CHECKIN_OPEN)
    _attendance(demo, meeting)
    _check_ins(demo, meeting)
    demo.tick(
        "2027-03-04T09:00",
        "Reminder, 7 days before (only to those expected who have not checked in; the ersättare's invitation)",
    )
    demo.at("2027-03-04T10:00")
    demo.command(
        "U0ERIK", "/incheckning", "Jag ersätter Beata. Försäkringskassan ser över samordningen med vården."
    )
    demo.command(ORGANISER, "/chefsnatverket", "status")
    demo.tick("2027-03-09T09:00", "Last reminder, 2 days before")
    demo.tick("2027-03-10T12:00", "Check-in deadline: the summary goes to the organisers")
    demo.say("*Half an hour after the deadline, Doris tries to check in:*")
    demo.say()
    demo.at("2027-03-10T12:30")
    demo.command("U0DORIS", "/incheckning", "Hinner jag?")
    demo.tick("2027-03-11T08:00", "The meeting day")
    demo.tick("2027-03-12T09:00", "The day after: Vill ni träffas igen?")
    demo.at("2027-03-12T09:30")
    demo.press("U0ANDERS", ids.PULSE_YES, meeting, "Ja")
    demo.press("U0BEATA", ids.PULSE_YES, meeting, "Ja")
    demo.press("U0DORIS", ids.PULSE_NO, meeting, "Nej")
    demo.tick("2027-03-18T09:00", "A week after: the answers to the organisers")


_GOOD_MOTIVATION = (
    "Cemal har byggt upp ett samarbete mellan vårdcentralerna och Försäkringskassan som gör att "
    "långa sjukskrivningar upptäcks tidigt. Han tar alltid första steget och bjuder in."
)


def _award_round(demo: Demo) -> None:
    demo.step("Guldlänken")
    demo.at("2027-05-03T10:00")
    demo.command(ORGANISER, "/chefsnatverket", f"guldlanken 2027-09-01 <#{GENERAL}|{CHANNELS[GENERAL]}>")
    demo.tick("2027-05-03T10:00", "The round opens: the announcement")
    demo.at("2027-05-04T14:00")
    demo.command("U0BEATA", "/guldlanken")
    for motivation, what in (
        ("Han är bra.", "a nomination with a too short motivation"),
        (_GOOD_MOTIVATION, "the nomination"),
    ):
        values = {
            ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: users_select("U0CEMAL")},
            ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: text_input(motivation)},
        }
        demo.submit("U0BEATA", ids.AWARD_MODAL, values, what)
    demo.command("U0BEATA", "/guldlanken", "mina")
    demo.tick("2027-08-18T09:00", "Reminder, 14 days before the deadline")
    demo.tick("2027-08-31T09:00", "Reminder, the day before the deadline")
    demo.tick("2027-09-02T09:00", "First working day after the deadline: the jury summary")


def _two_networks(demo: Demo) -> None:
    demo.step("Two networks in one workspace")
    demo.say("*Landskrona–Svalöv's förbund runs a network of its own in the same workspace:*")
    demo.say()
    demo.command(ORGANISER, "/chefsnatverket", "nätverk ny Guldlänken Landskrona–Svalöv")
    demo.command(ORGANISER, "/chefsnatverket", "nätverk")
    demo.say(
        "*The organiser is samordnare of both, so a command typed outside both organisers' channels asks:*"
    )
    demo.say()
    demo.command(ORGANISER, "/chefsnatverket", "status")
    demo.say("*Anders is in Chefsnätverket only: his commands need no choosing.*")
    demo.say()
    demo.command("U0ANDERS", "/chefsnatverket", "nätverk")


def play(demo: Demo) -> None:
    """The whole story, narrated through `demo.say`."""
    _introduction(demo)
    _set_up(demo)
    _meeting_cycle(demo)
    _award_round(demo)
    _two_networks(demo)
