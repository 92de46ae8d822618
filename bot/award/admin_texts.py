"""Texts for the organisers' side of Guldlänken: the round commands (`/chefsnatverket guldlanken …`,
their help and answers) and the nominations export (`export guldlanken`). The rest of Guldlänken's
texts are in bot/award/texts.py and bot/award/winner_texts.py."""

_ADMIN_HELP_SV = (
    "Så här sköter du Guldlänken:\n"
    "• `/chefsnatverket guldlanken ÅÅÅÅ-MM-DD [#kanal] [jury #kanal]` – öppnar årets omgång. "
    "Datumet är sista dagen för nomineringar (till och med kl. 23.59). Tillkännagivandet går till "
    "#kanal (annars kanalen där du skriver kommandot) och juryns underlag till jurykanalen "
    "(annars samordnarnas kanal).\n"
    "• `/chefsnatverket guldlanken förläng ÅÅÅÅ-MM-DD` – flyttar sista dagen framåt; påminnelserna följer med.\n"
    "• `/chefsnatverket guldlanken stäng` – stänger omgången nu; juryn får underlaget inom någon minut.\n"
    "• `/chefsnatverket guldlanken status` – visar omgången och hur många nomineringar som kommit in.\n"
    "• `/chefsnatverket export guldlanken [år]` – skickar nomineringarna till dig som CSV-fil.\n"
    "• `/chefsnatverket guldlanken vinnare ÅÅÅÅ Namn, Organisation` – lägger till en vinnare från ett tidigare år. "
    "Årets vinnare utser du med knappen *Utse vinnare* i juryns underlag.\n"
    "Exempel: `/chefsnatverket guldlanken {example} #allmänt jury #samordnare`"
)

_ADMIN_HELP_EN = (
    "How to run Guldlänken:\n"
    "• `/chefsnatverket guldlanken YYYY-MM-DD [#channel] [jury #channel]` – opens this year's round. "
    "The date is the last day for nominations (until 23:59). The announcement goes to #channel "
    "(else the channel you type in), the nominations to the jury channel (else the organisers' channel).\n"
    "• `/chefsnatverket guldlanken förläng YYYY-MM-DD` – moves the last day later; reminders follow.\n"
    "• `/chefsnatverket guldlanken stäng` – closes the round now; the jury gets the nominations within a minute.\n"
    "• `/chefsnatverket guldlanken status` – shows the round and how many nominations have come in.\n"
    "• `/chefsnatverket export guldlanken [year]` – sends you the nominations as a CSV file.\n"
    "• `/chefsnatverket guldlanken vinnare YYYY Name, Organisation` – adds a winner of an earlier year. "
    "This year's winner is chosen with *Choose the winner* in the jury's summary.\n"
    "Example: `/chefsnatverket guldlanken {example} #general jury #organisers`"
)

SV: dict[str, str] = {
    "award.admin.help": _ADMIN_HELP_SV,
    "award.admin.bad_date": (
        "Jag kunde inte läsa datumet ”{value}”. Skriv det som ÅÅÅÅ-MM-DD, "
        "till exempel `/chefsnatverket guldlanken {example}`."
    ),
    "award.admin.past": (
        "Sista dagen, {day}, har redan passerat. Välj ett datum från och med i dag, "
        "till exempel `/chefsnatverket guldlanken {example}`."
    ),
    "award.admin.bad_channel": (
        "”{value}” känner jag inte igen som en kanal. Skriv kanalen med # så att Slack gör den till "
        "en länk, till exempel `/chefsnatverket guldlanken {example} #allmänt jury #samordnare`."
    ),
    "award.admin.no_announcement_channel": (
        "Vilken kanal ska tillkännagivandet gå till? Skriv kommandot i den kanalen eller ange den, "
        "till exempel `/chefsnatverket guldlanken {example} #allmänt`."
    ),
    "award.admin.already_open": (
        "Guldlänken {year} är redan öppen (sista dag {deadline}). Det kan bara finnas en öppen omgång "
        "åt gången: förläng den med `/chefsnatverket guldlanken förläng ÅÅÅÅ-MM-DD` eller stäng den "
        "med `/chefsnatverket guldlanken stäng`."
    ),
    "award.admin.year_taken": (
        "Det finns redan en omgång av Guldlänken {year}; varje år har en omgång. "
        "Välj ett datum ett annat år, till exempel `/chefsnatverket guldlanken {example}`."
    ),
    "award.admin.opened": (
        "*Guldlänken {year}* är öppen. Nominering pågår till och med {deadline}.\n"
        "• Tillkännagivandet går till {announce} inom någon minut.\n"
        "• {reminders}\n"
        "• Juryns underlag går till {jury} ({summary})."
    ),
    "award.admin.reminders": "Påminnelser i {announce}: {when}.",
    "award.admin.no_reminders": "Inga påminnelser: sista dagen ligger för nära.",
    "award.admin.and": " och ",
    "award.admin.summary_at": "{when}",
    "award.admin.summary_next_tick": "inom någon minut",
    "award.admin.jury_dm": "samordnarna som direktmeddelanden",
    "award.admin.reopened": (
        "Guldlänken {year} stängdes för tidigt – juryns underlag gick ut innan sista dagen hade passerat. "
        "Nu är omgången öppen igen, och juryn får underlaget på nytt efter den nya sista dagen."
    ),
    "award.admin.extended": (
        "Sista dagen för Guldlänken {year} är nu {deadline}. Påminnelser som inte redan gått ut "
        "flyttas med, och juryns underlag skickas {summary}."
    ),
    "award.admin.extend_usage": (
        "Skriv det nya sista datumet efter förläng, till exempel `/chefsnatverket guldlanken förläng {example}`."
    ),
    "award.admin.extend_not_later": (
        "Det nya datumet måste vara senare än nuvarande sista dag, {deadline}. "
        "Exempel: `/chefsnatverket guldlanken förläng {example}`."
    ),
    "award.admin.no_open": (
        "Ingen omgång av Guldlänken är öppen just nu. Öppna en med datumet för sista dag, "
        "till exempel `/chefsnatverket guldlanken {example}`."
    ),
    "award.admin.closed": (
        "Guldlänken {year} är stängd; {count} kom in. Juryns underlag går till {jury} inom någon minut."
    ),
    "award.admin.awaiting_summary": (
        "Guldlänken {year} har stängt och juryns underlag skickas {summary}. "
        "Öppna nästa omgång när det har gått ut."
    ),
    "award.admin.already_closed": (
        "Guldlänken {year} är redan stängd för nomineringar; juryns underlag går till {jury} ({summary})."
    ),
    "award.admin.status_open": (
        "*Guldlänken {year}* är öppen.\n"
        "• Sista dag: {deadline}\n"
        "• Nomineringar hittills: {count}\n"
        "• Tillkännagivande i {announce}; juryns underlag till {jury} ({summary})"
    ),
    "award.admin.status_after_deadline": (
        "*Guldlänken {year}*: nomineringen stängde {deadline}; {count} kom in. "
        "Juryns underlag går till {jury} ({summary})."
    ),
    "award.admin.status_none": "Ingen omgång av Guldlänken är öppen. {last}",
    "award.admin.status_last": "Senaste omgången, Guldlänken {year}, stängde {closed} med {count}.",
    "award.admin.status_never": "Ingen omgång har öppnats ännu.",
    "award.admin.export_bad_year": (
        "Skriv året med fyra siffror, till exempel `/chefsnatverket export guldlanken {year}`."
    ),
    "award.admin.export_none": "Det finns ingen omgång av Guldlänken att exportera.",
    "award.admin.export_no_year": "Det finns ingen omgång av Guldlänken {year}.",
    "award.admin.export_sent": (
        "Nomineringarna till Guldlänken {year} ({count}) har skickats till dig som CSV-fil i ett "
        "direktmeddelande från mig."
    ),
    "award.admin.export_failed": "Filen kunde inte skickas just nu. Försök igen om en stund.",
    "award.export.comment": "Guldlänken {year}: {count}. Filen är konfidentiell och bara för juryn.",
    "award.export.filename": "guldlanken-{year}.csv",
    "award.export.year": "År",
    "award.export.nominee": "Nominerad",
    "award.export.organisation": "Organisation",
    "award.export.slack_id": "Slack-id",
    "award.export.partner": "Partner",
    "award.export.motivation": "Motivering",
    "award.export.nominator": "Nominerad av",
    "award.export.submitted": "Inskickad",
}

EN: dict[str, str] = {
    "award.admin.help": _ADMIN_HELP_EN,
    "award.admin.bad_date": "I could not read the date “{value}”. Write it as YYYY-MM-DD, e.g. `/chefsnatverket guldlanken {example}`.",
    "award.admin.past": "The last day, {day}, has passed. Pick today or later, e.g. `/chefsnatverket guldlanken {example}`.",
    "award.admin.bad_channel": (
        "“{value}” is not a channel I recognise. Pick it with # so Slack links it, e.g. "
        "`/chefsnatverket guldlanken {example} #general jury #organisers`."
    ),
    "award.admin.no_announcement_channel": (
        "Which channel should the announcement go to? Type the command there or name it, "
        "e.g. `/chefsnatverket guldlanken {example} #general`."
    ),
    "award.admin.already_open": (
        "Guldlänken {year} is already open (last day {deadline}). One round at a time: extend it with "
        "`/chefsnatverket guldlanken förläng YYYY-MM-DD` or close it with `/chefsnatverket guldlanken stäng`."
    ),
    "award.admin.year_taken": "There already is a Guldlänken {year} round; one a year. E.g. `/chefsnatverket guldlanken {example}`.",
    "award.admin.opened": (
        "*Guldlänken {year}* is open until {deadline}.\n"
        "• The announcement goes to {announce} within a minute.\n"
        "• {reminders}\n"
        "• The jury's summary goes to {jury} ({summary})."
    ),
    "award.admin.reminders": "Reminders in {announce}: {when}.",
    "award.admin.no_reminders": "No reminders: the last day is too close.",
    "award.admin.and": " and ",
    "award.admin.summary_at": "{when}",
    "award.admin.summary_next_tick": "within a minute",
    "award.admin.jury_dm": "the organisers by DM",
    "award.admin.reopened": (
        "Guldlänken {year} closed too early – the jury summary went out before the last day had passed. "
        "The round is open again, and the jury gets the summary anew after the new last day."
    ),
    "award.admin.extended": (
        "The last day for Guldlänken {year} is now {deadline}. Reminders not yet sent move with it; "
        "the jury's summary goes {summary}."
    ),
    "award.admin.extend_usage": "Write the new last day after förläng, e.g. `/chefsnatverket guldlanken förläng {example}`.",
    "award.admin.extend_not_later": (
        "The new date must be later than the current last day, {deadline}. "
        "E.g. `/chefsnatverket guldlanken förläng {example}`."
    ),
    "award.admin.no_open": "No Guldlänken round is open. Open one with its last day, e.g. `/chefsnatverket guldlanken {example}`.",
    "award.admin.closed": "Guldlänken {year} is closed; {count} came in. The jury's summary goes to {jury} within a minute.",
    "award.admin.awaiting_summary": (
        "Guldlänken {year} has closed and the jury's summary goes out {summary}. Open the next round after that."
    ),
    "award.admin.already_closed": "Guldlänken {year} is already closed; the jury's summary goes to {jury} ({summary}).",
    "award.admin.status_open": (
        "*Guldlänken {year}* is open.\n• Last day: {deadline}\n• Nominations so far: {count}\n"
        "• Announcement in {announce}; the jury's summary to {jury} ({summary})"
    ),
    "award.admin.status_after_deadline": (
        "*Guldlänken {year}*: nominations closed {deadline}; {count} came in. "
        "The jury's summary goes to {jury} ({summary})."
    ),
    "award.admin.status_none": "No Guldlänken round is open. {last}",
    "award.admin.status_last": "The last one, Guldlänken {year}, closed {closed} with {count}.",
    "award.admin.status_never": "No round has been opened yet.",
    "award.admin.export_bad_year": "Write the year with four digits, e.g. `/chefsnatverket export guldlanken {year}`.",
    "award.admin.export_none": "There is no Guldlänken round to export.",
    "award.admin.export_no_year": "There is no Guldlänken {year} round.",
    "award.admin.export_sent": "The nominations for Guldlänken {year} ({count}) were sent to you as a CSV file in a DM.",
    "award.admin.export_failed": "The file could not be sent right now. Please try again shortly.",
    "award.export.comment": "Guldlänken {year}: {count}. Confidential, for the jury only.",
    "award.export.filename": "guldlanken-{year}.csv",
    "award.export.year": "Year",
    "award.export.nominee": "Nominee",
    "award.export.organisation": "Organisation",
    "award.export.slack_id": "Slack id",
    "award.export.partner": "Partner",
    "award.export.motivation": "Motivation",
    "award.export.nominator": "Nominated by",
    "award.export.submitted": "Submitted",
}
