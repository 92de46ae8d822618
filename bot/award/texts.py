"""Texts for Guldlänken: the nomination modal, the nominator's list, the scheduled messages
(announcement, reminders, jury summary), the organisers' round commands and the export."""

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
    "award.deadline": "{day} kl. 23.59",
    "award.count.one": "1 nominering",
    "award.count.many": "{n} nomineringar",
    "award.nominees.one": "1 person",
    "award.nominees.many": "{n} personer",
    "award.someone": "den du nominerade",
    # The nomination modal
    "award.modal.title": "Nominera till Guldlänken",
    "award.modal.title_edit": "Ändra nominering",
    "award.modal.submit": "Skicka",
    "award.modal.submit_edit": "Spara",
    "award.modal.close": "Avbryt",
    "award.modal.intro": (
        "*Guldlänken {year}* går till någon som samverkar över gränserna mellan organisationerna. "
        "Bara juryn (Finsams samordnare) läser nomineringarna, och den du nominerar får inte veta "
        "vem som nominerat. Sista dag: *{deadline}*."
    ),
    "award.modal.nominee_user": "Vem nominerar du?",
    "award.modal.nominee_user_hint": "Välj personen i Slack – eller skriv namn och organisation nedan.",
    "award.modal.or_free_text": "Finns personen inte i Slack? Lämna fältet ovan tomt och skriv namn och organisation:",
    "award.modal.nominee_name": "Namn",
    "award.modal.nominee_org": "Organisation",
    "award.modal.nominee_org_hint": "Där personen arbetar. Fyll gärna i även för en person i Slack.",
    "award.modal.partner": "Samarbetspartner",
    "award.modal.partner_hint": "En andra person eller ett team, om det är ett samarbete du nominerar.",
    "award.modal.motivation": "Motivering",
    "award.modal.motivation_hint": (
        "Vad har personen gjort, och hur har det stärkt samverkan mellan organisationerna? "
        "Minst {min} och högst {max} tecken."
    ),
    "award.modal.motivation_placeholder": "Berätta med några meningar …",
    "award.info.title": "Guldlänken",
    # Refusals inside the modal
    "award.error.no_nominee": "Välj en person i Slack eller skriv namnet på den du nominerar.",
    "award.error.both_kinds": "Välj antingen en person i Slack eller skriv ett namn – inte båda.",
    "award.error.org_missing": "Skriv vilken organisation personen arbetar i.",
    "award.error.self": "Du kan inte nominera dig själv. Känner du någon annan som förtjänar Guldlänken?",
    "award.error.too_short": (
        "Motiveringen behöver vara minst {min} tecken (nu {count}). "
        "Skriv gärna några meningar om vad personen har gjort."
    ),
    "award.error.too_long": "Motiveringen får vara högst {max} tecken (nu {count}). Korta den gärna lite.",
    "award.error.field_too_long": "Högst {max} tecken (nu {count}).",
    "award.error.duplicate": (
        "Du har redan nominerat den här personen i år. Vill du ändra din tidigare nominering? "
        "Stäng formuläret och skriv `/guldlanken mina`."
    ),
    "award.error.too_many": (
        "Du har redan lämnat {max} nomineringar till Guldlänken {year}, och fler än så tar vi inte emot "
        "från en person – juryn ska hinna läsa alla med omsorg. Vill du nominera någon annan kan du "
        "dra tillbaka en av dina nomineringar med `/guldlanken mina`."
    ),
    "award.error.closed": (
        "Nomineringen till Guldlänken har stängt, så det här kunde inte sparas. "
        "Kopiera gärna din text om du vill behålla den."
    ),
    "award.error.not_nominator": "Det här är inte din nominering, så du kan inte ändra eller dra tillbaka den.",
    "award.error.gone": "Nomineringen finns inte längre; den kan ha dragits tillbaka.",
    "award.error.action_closed": (
        "Nomineringen till Guldlänken {year} har stängt, så nomineringarna kan inte längre ändras "
        "eller dras tillbaka."
    ),
    # Confirmation to the nominator (DM)
    "award.confirm.new": (
        "Tack för din nominering av *{nominee}* till Guldlänken {year}! Juryn läser alla nomineringar "
        "efter sista dagen, {deadline}. Fram till dess kan du ändra eller dra tillbaka den med `/guldlanken mina`."
    ),
    "award.confirm.edit": (
        "Din nominering av *{nominee}* till Guldlänken {year} är ändrad. "
        "Du kan ändra den fram till {deadline}."
    ),
    # /guldlanken outside a round, help, and /guldlanken mina
    "award.closed.none": (
        "Just nu pågår ingen nominering till Guldlänken. När nästa omgång öppnar berättar vi det här i Slack."
    ),
    "award.closed.last": (
        "Just nu pågår ingen nominering till Guldlänken. Senaste omgången, Guldlänken {year}, "
        "stängde {closed}. När nästa omgång öppnar berättar vi det här i Slack."
    ),
    "award.closed.jury_reading": (
        "Nomineringen till Guldlänken {year} stängde {closed}. Juryn läser nu nomineringarna – "
        "tack till alla som nominerade!"
    ),
    "award.help": (
        "Så här nominerar du till Guldlänken:\n"
        "• `/guldlanken` – öppnar formuläret för en ny nominering\n"
        "• `/guldlanken mina` – visar dina egna nomineringar, som du kan ändra eller dra tillbaka\n"
        "• `/guldlanken vinnare` – visar Guldlänkens vinnare genom åren\n"
        "Exempel: skriv `/guldlanken` och välj vem du vill nominera."
    ),
    "award.mine.title": (
        "*Dina nomineringar till Guldlänken {year}* – sista dag {deadline}. Bara du och juryn ser dem."
    ),
    "award.mine.none": (
        "Du har inga nomineringar till Guldlänken {year}. Skriv `/guldlanken` för att nominera någon; "
        "sista dag är {deadline}."
    ),
    "award.mine.more": "… (hela texten ser du under *Ändra*)",
    "award.mine.withdrawn": "Din nominering av *{nominee}* är tillbakadragen.",
    "award.button.edit": "Ändra",
    "award.button.withdraw": "Dra tillbaka",
    "award.confirm_withdraw.title": "Dra tillbaka?",
    "award.confirm_withdraw.text": "Vill du dra tillbaka din nominering av {nominee}? Juryn får då inte se den.",
    "award.confirm_withdraw.yes": "Dra tillbaka",
    "award.confirm_withdraw.no": "Behåll",
    # Scheduled messages in the announcement channel
    "award.announce.header": "Guldlänken {year} – nominera nu!",
    "award.announce.body": (
        "Känner du någon som samverkar över gränserna mellan organisationerna, så att människor "
        "får det stöd de behöver? Nominera hen till *Guldlänken {year}*!\n"
        "Alla kan nominera. Bara juryn läser nomineringarna, och den nominerade får inte veta vem "
        "som nominerat.\nSista dag: *{deadline}*."
    ),
    "award.announce.button": "Nominera",
    "award.announce.context": (
        "Du kan också skriva `/guldlanken`. Dina egna nomineringar ser du med `/guldlanken mina`."
    ),
    "award.announce.fallback": "Guldlänken {year}: nominera senast {deadline}.",
    "award.reminder_14.body": (
        "*Två veckor kvar* att nominera till Guldlänken {year}. Sista dag är *{deadline}*. "
        "Vem har gjort skillnad genom att samverka?"
    ),
    "award.reminder_14.fallback": "Två veckor kvar att nominera till Guldlänken {year}, sista dag {deadline}.",
    "award.reminder_1.body": (
        "*Sista chansen:* nomineringen till Guldlänken {year} stänger i morgon, *{deadline}*."
    ),
    "award.reminder_1.fallback": "Sista chansen att nominera till Guldlänken {year}: {deadline}.",
    # The jury summary
    "award.jury.header": "Guldlänken {year} – nomineringarna",
    "award.jury.intro": (
        "Nomineringen stängde {closed}. Det kom in *{count}* som gäller *{nominees}*; här är de samlade per person.\n"
        "Underlaget är konfidentiellt: dela det inte utanför juryn och berätta inte för någon "
        "nominerad vem som nominerat."
    ),
    "award.jury.none": "Nomineringen stängde {closed}. Inga nomineringar kom in till Guldlänken {year}.",
    "award.jury.nominee": "*{index}. {nominee}*{organisation} – {count}",
    "award.jury.by": "Nominerad av *{nominator}*, {when}",
    "award.jury.partner": "Tillsammans med: {partner}",
    "award.jury.fallback": "Guldlänken {year}: {count} till juryn.",
    "award.jury.as_file": (
        "Sammanställningen skulle bli {parts} meddelanden här, så juryn får den som fil i stället: "
        "alla nomineringar med motiveringarna i sin helhet, i Markdown och Word, strax efter det här meddelandet."
    ),
    "award.jury.fallback_part": "Guldlänken {year}: nomineringarna (del {part} av {parts}).",
    "award.jury.continued": "Guldlänken {year} – nomineringarna, del {part} av {parts}",
    # The organisers' commands (/chefsnatverket guldlanken …, export guldlanken)
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
    "award.deadline": "{day} at 23:59",
    "award.count.one": "1 nomination",
    "award.count.many": "{n} nominations",
    "award.nominees.one": "1 person",
    "award.nominees.many": "{n} people",
    "award.someone": "the person you nominated",
    "award.modal.title": "Nominate for Guldlänken",
    "award.modal.title_edit": "Edit nomination",
    "award.modal.submit": "Send",
    "award.modal.submit_edit": "Save",
    "award.modal.close": "Cancel",
    "award.modal.intro": (
        "*Guldlänken {year}* goes to someone who collaborates across organisational borders. "
        "Only the jury (Finsam's organisers) reads nominations, and the nominee is not told who "
        "nominated them. Last day: *{deadline}*."
    ),
    "award.modal.nominee_user": "Whom do you nominate?",
    "award.modal.nominee_user_hint": "Pick the person in Slack – or write name and organisation below.",
    "award.modal.or_free_text": "Not in Slack? Leave the field above empty and write name and organisation:",
    "award.modal.nominee_name": "Name",
    "award.modal.nominee_org": "Organisation",
    "award.modal.nominee_org_hint": "Where the person works. Welcome for a person in Slack too.",
    "award.modal.partner": "Partner",
    "award.modal.partner_hint": "A second person or a team, when you nominate a collaboration.",
    "award.modal.motivation": "Motivation",
    "award.modal.motivation_hint": (
        "What has the person done, and how did it strengthen collaboration? "
        "At least {min} and at most {max} characters."
    ),
    "award.modal.motivation_placeholder": "Tell us in a few sentences …",
    "award.info.title": "Guldlänken",
    "award.error.no_nominee": "Pick a person in Slack or write the name of the person you nominate.",
    "award.error.both_kinds": "Pick a person in Slack or write a name – not both.",
    "award.error.org_missing": "Write which organisation the person works in.",
    "award.error.self": "You cannot nominate yourself. Do you know someone else who deserves Guldlänken?",
    "award.error.too_short": "The motivation needs at least {min} characters (now {count}).",
    "award.error.too_long": "The motivation may have at most {max} characters (now {count}).",
    "award.error.field_too_long": "At most {max} characters (now {count}).",
    "award.error.duplicate": (
        "You have already nominated this person this year. To change that nomination, close this "
        "form and type `/guldlanken mina`."
    ),
    "award.error.too_many": (
        "You have already made {max} nominations for Guldlänken {year}, the most we take from one "
        "person – so the jury can read each one with care. To nominate someone else, withdraw one of "
        "yours with `/guldlanken mina`."
    ),
    "award.error.closed": "Nominations for Guldlänken have closed, so this could not be saved.",
    "award.error.not_nominator": "This is not your nomination, so you cannot edit or withdraw it.",
    "award.error.gone": "The nomination no longer exists; it may have been withdrawn.",
    "award.error.action_closed": "Nominations for Guldlänken {year} have closed; they can no longer be changed.",
    "award.confirm.new": (
        "Thank you for nominating *{nominee}* for Guldlänken {year}! The jury reads all nominations "
        "after the last day, {deadline}. Until then you can edit or withdraw it with `/guldlanken mina`."
    ),
    "award.confirm.edit": "Your nomination of *{nominee}* for Guldlänken {year} is updated (until {deadline}).",
    "award.closed.none": "No Guldlänken round is open right now. We will tell you here in Slack when one opens.",
    "award.closed.last": (
        "No Guldlänken round is open right now. The last one, Guldlänken {year}, closed {closed}."
    ),
    "award.closed.jury_reading": "Nominations for Guldlänken {year} closed {closed}. The jury is reading them now.",
    "award.help": (
        "How to nominate for Guldlänken:\n"
        "• `/guldlanken` – opens the nomination form\n"
        "• `/guldlanken mina` – lists your own nominations, to edit or withdraw\n"
        "• `/guldlanken vinnare` – lists Guldlänken's winners over the years\n"
        "Example: type `/guldlanken` and pick whom to nominate."
    ),
    "award.mine.title": "*Your nominations for Guldlänken {year}* – last day {deadline}. Only you and the jury see them.",
    "award.mine.none": "You have no nominations for Guldlänken {year}. Type `/guldlanken` to nominate (until {deadline}).",
    "award.mine.more": "… (see the whole text under *Edit*)",
    "award.mine.withdrawn": "Your nomination of *{nominee}* is withdrawn.",
    "award.button.edit": "Edit",
    "award.button.withdraw": "Withdraw",
    "award.confirm_withdraw.title": "Withdraw?",
    "award.confirm_withdraw.text": "Withdraw your nomination of {nominee}? The jury will not see it.",
    "award.confirm_withdraw.yes": "Withdraw",
    "award.confirm_withdraw.no": "Keep",
    "award.announce.header": "Guldlänken {year} – nominate now!",
    "award.announce.body": (
        "Do you know someone who collaborates across organisations so that people get the support "
        "they need? Nominate them for *Guldlänken {year}*!\nAnyone can nominate. Only the jury reads "
        "nominations, and the nominee is not told who nominated them.\nLast day: *{deadline}*."
    ),
    "award.announce.button": "Nominate",
    "award.announce.context": "You can also type `/guldlanken`. See your own nominations with `/guldlanken mina`.",
    "award.announce.fallback": "Guldlänken {year}: nominate by {deadline}.",
    "award.reminder_14.body": "*Two weeks left* to nominate for Guldlänken {year}. Last day: *{deadline}*.",
    "award.reminder_14.fallback": "Two weeks left to nominate for Guldlänken {year}, last day {deadline}.",
    "award.reminder_1.body": "*Last chance:* nominations for Guldlänken {year} close tomorrow, *{deadline}*.",
    "award.reminder_1.fallback": "Last chance to nominate for Guldlänken {year}: {deadline}.",
    "award.jury.header": "Guldlänken {year} – the nominations",
    "award.jury.intro": (
        "Nominations closed {closed}. *{count}* came in for *{nominees}*; here they are, grouped by person.\n"
        "This is confidential: keep it within the jury and never tell a nominee who nominated them."
    ),
    "award.jury.none": "Nominations closed {closed}. No nominations came in for Guldlänken {year}.",
    "award.jury.nominee": "*{index}. {nominee}*{organisation} – {count}",
    "award.jury.by": "Nominated by *{nominator}*, {when}",
    "award.jury.partner": "Together with: {partner}",
    "award.jury.fallback": "Guldlänken {year}: {count} for the jury.",
    "award.jury.as_file": (
        "The summary would take {parts} messages here, so the jury gets it as a file instead: every "
        "nomination with its motivation in full, as Markdown and Word, right after this message."
    ),
    "award.jury.fallback_part": "Guldlänken {year}: the nominations (part {part} of {parts}).",
    "award.jury.continued": "Guldlänken {year} – the nominations, part {part} of {parts}",
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
