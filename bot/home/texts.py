"""Texts for the App Home tab (its admin modals use the admin texts)."""

SV: dict[str, str] = {
    "home.title": "Chefsnätverket",
    "home.meeting": "*Nästa träff:* {when}\n*Plats:* {place}",
    "home.no_meeting": "Ingen träff är planerad just nu. Du får en inbjudan när nästa träff är bokad.",
    "home.checkin.done": ":white_check_mark: Du har checkat in. Du kan ändra dina svar till {deadline}.",
    "home.checkin.missing": "Du har inte checkat in ännu. Incheckningen stänger {deadline}.",
    "home.checkin.closed_done": ":white_check_mark: Du checkade in. Incheckningen stängde {deadline}.",
    "home.checkin.closed_missing": "Incheckningen stängde {deadline}.",
    "home.checkin.not_member": (
        "Du finns inte med i {network:genitive} medlemslista, så du har ingen incheckning att göra. "
        "Är det fel? Hör av dig till Finsams kansli."
    ),
    "home.button.checkin": "Checka in",
    "home.button.edit_checkin": "Ändra incheckning",
    "home.award.open": "*Guldlänken:* nominera någon som samverkar över organisationsgränserna – senast {day}.",
    "home.award.closed": "*Guldlänken:* ingen nominering är öppen just nu.",
    "home.button.nominate": "Nominera till Guldlänken",
    "home.admin.title": "För samordnare",
    "home.admin.members": "*Medlemmar:* {count} aktiva i {organisations} organisationer.",
    "home.button.plan": "Planera träff",
    "home.button.members": "Medlemmar",
    "home.button.settings": "Inställningar",
    "home.button.post_summary": "Posta sammanfattning nu",
}

EN: dict[str, str] = {
    "home.title": "Chefsnätverket",
    "home.meeting": "*Next meeting:* {when}\n*Place:* {place}",
    "home.no_meeting": "No meeting is planned right now. You will get an invitation once the next one is booked.",
    "home.checkin.done": ":white_check_mark: You have checked in. You can change your answers until {deadline}.",
    "home.checkin.missing": "You have not checked in yet. Check-in closes {deadline}.",
    "home.checkin.closed_done": ":white_check_mark: You checked in. Check-in closed {deadline}.",
    "home.checkin.closed_missing": "Check-in closed {deadline}.",
    "home.checkin.not_member": (
        "You are not on {network}'s member list, so there is no check-in for you. "
        "If that is wrong, contact the Finsam office."
    ),
    "home.button.checkin": "Check in",
    "home.button.edit_checkin": "Change check-in",
    "home.award.open": "*Guldlänken:* nominate someone who collaborates across organisations – by {day}.",
    "home.award.closed": "*Guldlänken:* no nominations are open right now.",
    "home.button.nominate": "Nominate for Guldlänken",
    "home.admin.title": "For organisers",
    "home.admin.members": "*Members:* {count} active in {organisations} organisations.",
    "home.button.plan": "Plan a meeting",
    "home.button.members": "Members",
    "home.button.settings": "Settings",
    "home.button.post_summary": "Post summary now",
}
