"""Texts shared by several surfaces."""

SV: dict[str, str] = {
    "app.name": "Chefsnätverket",
    # No promise that nothing was lost: where this is said, it may well have been (issue 9).
    "error.generic": "Något gick fel hos oss. Försök igen om en stund.",
    # `nätverk ny` (a deployment's question, asked before any network is chosen) says this one;
    # everything done in a network says error.not_organiser_of with the network's own name.
    "error.not_organiser": (
        "Det här kan bara Chefsnätverkets samordnare göra. Hör av dig till en samordnare om du behöver hjälp."
    ),
    "error.not_organiser_of": (
        "Det här kan bara {network:genitive} samordnare göra. Hör av dig till en samordnare om du behöver hjälp."
    ),
    "error.not_member": (
        "Du finns inte med i {network:genitive} medlemslista, så du har ingen incheckning att göra. "
        "Är det fel? Hör av dig till samordnarna."
    ),
    "error.no_meeting": "Det finns ingen planerad träff just nu. Du får en inbjudan när nästa träff är bokad.",
    "error.bad_payload": "Det där kunde jag inte läsa.",
    "error.open_failed": "Det gick inte att öppna det just nu. Försök igen om en stund.",
    "error.slack_timeout": "Slack svarade inte i tid, så det du bad om öppnades inte. Försök igen om en stund.",
    "button.edit": "Ändra",
    "button.cancel": "Avbryt",
    "button.save": "Spara",
    "button.send": "Skicka",
    "no_place": "plats meddelas senare",
}

EN: dict[str, str] = {
    "app.name": "Chefsnätverket",
    "error.generic": "Something went wrong on our side. Please try again shortly.",
    "error.not_organiser": "Only Chefsnätverket's organisers can do this. Contact the Finsam office if you need help.",
    "error.not_organiser_of": "Only {network}'s organisers can do this. Contact the Finsam office if you need help.",
    "error.not_member": (
        "You are not on {network}'s member list, so there is no check-in for you. "
        "If that is wrong, contact the organisers."
    ),
    "error.no_meeting": "No meeting is planned right now. You will get an invitation once the next one is booked.",
    "error.bad_payload": "I could not read that.",
    "error.open_failed": "That could not be opened just now. Please try again shortly.",
    "error.slack_timeout": "Slack did not answer in time, so what you asked for did not open. Please try again shortly.",
    "button.edit": "Edit",
    "button.cancel": "Cancel",
    "button.save": "Save",
    "button.send": "Send",
    "no_place": "place to be announced",
}
