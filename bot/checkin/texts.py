"""Texts for the check-in surface: the modal, confirmations, refusals and the summary."""

SV: dict[str, str] = {
    # The modal
    "checkin.modal.title": "Incheckning",
    "checkin.modal.submit": "Spara",
    "checkin.modal.close": "Avbryt",
    "checkin.modal.intro": (
        "Inför träffen får alla berätta vad som upptar deras tid. Svaren öppnar träffen "
        "och samlas ihop till samordnarna."
    ),
    "checkin.modal.meeting": "*Träffen:* {when}, {place}",
    "checkin.modal.deadline": "Svara senast {deadline}. Du kan ändra ditt svar fram till dess.",
    "checkin.modal.editing": "Du har redan checkat in. Ändra det du vill och spara igen.",
    "checkin.question.occupying": "Vad upptar min tid?",
    "checkin.question.changes": "Planerade förändringar i min organisation",
    "checkin.question.support": "Var vill jag ha stöd eller samverka?",
    "checkin.placeholder.occupying": "Några rader räcker, till exempel de frågor som tar mest tid just nu.",
    "checkin.placeholder.optional": "Frivilligt",
    # Validation in the modal
    "checkin.error.required": "Skriv några ord om vad som upptar din tid.",
    "checkin.error.too_long": "Svaret är {length} tecken långt; det får vara högst {limit}. Korta ner det lite.",
    "checkin.error.bad_meeting": "Jag kunde inte se vilken träff det här gäller. Stäng och öppna formuläret igen.",
    # A save that failed (a database locked elsewhere, say): said plainly, with the text kept.
    "checkin.not_saved.command": (
        "Din incheckning är *inte* sparad – något gick fel hos oss. Försök igen om en stund. "
        "Här är det du skrev, så att du kan kopiera det:"
    ),
    "checkin.not_saved.dm": (
        "Ditt svar är *inte* sparat – något gick fel hos oss. Skicka det igen om en stund. Här är det du skrev:"
    ),
    "checkin.not_saved.modal": (
        "Incheckningen är inte sparad – något gick fel hos oss. Det du skrev finns kvar här. "
        "Tryck på Spara igen om en stund."
    ),
    # Refusals
    "checkin.refusal.closed": (
        "Incheckningen inför träffen {when} stängde {deadline}. "
        "Vill du ändå dela något kan du höra av dig till Finsams kansli."
    ),
    "checkin.refusal.started": "Träffen {when} har redan börjat, så incheckningen är stängd.",
    "checkin.refusal.cancelled": "Träffen {when} är inställd, så det finns ingen incheckning att göra.",
    "checkin.refusal.gone": "Den träffen finns inte längre. Skriv /incheckning för att checka in inför nästa träff.",
    "checkin.refusal.too_long": (
        "Texten är {length} tecken lång; det får vara högst {limit}. Korta ner den, eller skriv bara "
        "/incheckning så öppnas ett formulär. Exempel: `/incheckning Rekrytering av två nya enhetschefer "
        "och omställningen av mottagningen.`"
    ),
    "checkin.refusal.open_failed": (
        "Jag kunde inte öppna formuläret just nu. Försök igen om en stund, eller skriv ditt svar "
        "direkt, till exempel `/incheckning Budgetarbetet och två nya chefer.`"
    ),
    # Confirmations
    "checkin.saved.created": "Tack! Jag har sparat det här som ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.saved.updated": "Tack! Jag har uppdaterat ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.saved.fallback": "Tack! Ditt svar inför träffen {when} är sparat.",
    "checkin.saved.edit_hint": "Du kan ändra eller lägga till fram till {deadline}.",
    "checkin.submitted": "Tack för din incheckning inför träffen {when}! Svaren samlas ihop till samordnarna.",
    "checkin.help": (
        "Skriv `/incheckning` så öppnas formuläret för nästa träff, eller svara direkt på "
        "*Vad upptar min tid?*, till exempel `/incheckning Budgetarbetet och två nya chefer.` "
        "Du kan också svara med ett vanligt meddelande till mig här i appen."
    ),
    "checkin.button.edit": "Ändra",
    # A DM reply when the member has already answered differently
    "checkin.pending.question": "Du har redan svarat på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.pending.new": "Vad vill du att jag gör med det du nyss skrev?",
    "checkin.pending.fallback": (
        "Du har redan svarat inför träffen {when}. Vad vill du att jag gör med det du nyss skrev?"
    ),
    "checkin.button.replace": "Byt ut",
    "checkin.button.append": "Lägg till",
    "checkin.button.keep": "Behåll mitt svar",
    "checkin.pending.replaced": "Klart! Ditt svar på *Vad upptar min tid?* inför träffen {when} är nu:",
    "checkin.pending.appended": "Klart! Jag har lagt till texten. Ditt svar inför träffen {when} är nu:",
    "checkin.pending.kept": "Jag behåller ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.pending.kept_fallback": "Ditt svar inför träffen {when} är oförändrat.",
    "checkin.pending.nothing": "Det finns inget att göra här längre; ditt sparade svar är som det var.",
    "checkin.pending.too_long": (
        "Tillsammans skulle svaret bli {length} tecken; det får vara högst {limit}. Välj *Byt ut* eller "
        "*Behåll mitt svar*, eller skriv /incheckning och korta ner svaret i formuläret."
    ),
    # The summary
    "checkin.summary.header": "Incheckning inför träffen {when}",
    "checkin.summary.place": "*Plats:* {place}",
    "checkin.summary.count": "*{done} av {total}* har checkat in.",
    "checkin.summary.nobody": "Ingen har checkat in ännu.",
    "checkin.summary.missing": "*Har inte checkat in:* {names}",
    "checkin.summary.all_done": "Alla har checkat in.",
    "checkin.summary.no_organisation": "Utan organisation",
    "checkin.summary.continued": "Incheckning inför träffen {when} (fortsättning {part}/{parts})",
    "checkin.summary.fallback": "Incheckning inför träffen {when}: {done} av {total} har checkat in.",
    "checkin.summary.fallback_part": "Incheckning inför träffen {when} (del {part}/{parts})",
}

EN: dict[str, str] = {
    "checkin.modal.title": "Check-in",
    "checkin.modal.submit": "Save",
    "checkin.modal.close": "Cancel",
    "checkin.modal.intro": (
        "Before the meeting everyone tells what is taking up their time. The answers open the "
        "meeting and are collected for the organisers."
    ),
    "checkin.modal.meeting": "*Meeting:* {when}, {place}",
    "checkin.modal.deadline": "Please answer by {deadline}. You can change your answer until then.",
    "checkin.modal.editing": "You have already checked in. Change what you like and save again.",
    "checkin.question.occupying": "What is taking up my time?",
    "checkin.question.changes": "Planned changes in my organisation",
    "checkin.question.support": "Where do I want support or collaboration?",
    "checkin.placeholder.occupying": "A few lines are enough, e.g. the issues taking most of your time now.",
    "checkin.placeholder.optional": "Optional",
    "checkin.error.required": "Write a few words about what is taking up your time.",
    "checkin.not_saved.command": (
        "Your check-in is *not* saved – something went wrong on our side. Please try again shortly. "
        "Here is what you wrote, so you can copy it:"
    ),
    "checkin.not_saved.dm": (
        "Your reply is *not* saved – something went wrong on our side. Please send it again shortly. "
        "Here is what you wrote:"
    ),
    "checkin.not_saved.modal": (
        "The check-in is not saved – something went wrong on our side. What you wrote is still here. "
        "Press Save again shortly."
    ),
    "checkin.error.too_long": "The answer is {length} characters long; at most {limit} are allowed. Please shorten it.",
    "checkin.error.bad_meeting": "I could not tell which meeting this is for. Close and open the form again.",
    "checkin.refusal.closed": (
        "Check-in for the meeting {when} closed {deadline}. "
        "If you still want to share something, contact the Finsam office."
    ),
    "checkin.refusal.started": "The meeting {when} has already started, so check-in is closed.",
    "checkin.refusal.cancelled": "The meeting {when} is cancelled, so there is no check-in to do.",
    "checkin.refusal.gone": "That meeting no longer exists. Type /incheckning to check in for the next one.",
    "checkin.refusal.too_long": (
        "The text is {length} characters long; at most {limit} are allowed. Shorten it, or type just "
        "/incheckning to open a form. Example: `/incheckning Recruiting two new unit managers.`"
    ),
    "checkin.refusal.open_failed": (
        "I could not open the form just now. Try again shortly, or write your answer directly, "
        "e.g. `/incheckning The budget and two new managers.`"
    ),
    "checkin.saved.created": "Thank you! I saved this as your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.saved.updated": "Thank you! I updated your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.saved.fallback": "Thank you! Your answer for the meeting {when} is saved.",
    "checkin.saved.edit_hint": "You can change or add to it until {deadline}.",
    "checkin.submitted": "Thank you for checking in for the meeting {when}! The answers go to the organisers.",
    "checkin.help": (
        "Type `/incheckning` to open the form for the next meeting, or answer *What is taking up my time?* "
        "directly, e.g. `/incheckning The budget and two new managers.` "
        "You can also answer with a plain message to me here in the app."
    ),
    "checkin.button.edit": "Edit",
    "checkin.pending.question": "You have already answered *What is taking up my time?* for the meeting {when}:",
    "checkin.pending.new": "What should I do with what you just wrote?",
    "checkin.pending.fallback": (
        "You have already answered for the meeting {when}. What should I do with what you just wrote?"
    ),
    "checkin.button.replace": "Replace",
    "checkin.button.append": "Add",
    "checkin.button.keep": "Keep my answer",
    "checkin.pending.replaced": "Done! Your answer to *What is taking up my time?* for the meeting {when} is now:",
    "checkin.pending.appended": "Done! I added the text. Your answer for the meeting {when} is now:",
    "checkin.pending.kept": "I kept your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.pending.kept_fallback": "Your answer for the meeting {when} is unchanged.",
    "checkin.pending.nothing": "There is nothing left to do here; your saved answer is as it was.",
    "checkin.pending.too_long": (
        "Together the answer would be {length} characters; at most {limit} are allowed. Choose *Replace* or "
        "*Keep my answer*, or type /incheckning and shorten the answer in the form."
    ),
    "checkin.summary.header": "Check-in for the meeting {when}",
    "checkin.summary.place": "*Place:* {place}",
    "checkin.summary.count": "*{done} of {total}* have checked in.",
    "checkin.summary.nobody": "Nobody has checked in yet.",
    "checkin.summary.missing": "*Not checked in:* {names}",
    "checkin.summary.all_done": "Everyone has checked in.",
    "checkin.summary.no_organisation": "No organisation",
    "checkin.summary.continued": "Check-in for the meeting {when} (continued {part}/{parts})",
    "checkin.summary.fallback": "Check-in for the meeting {when}: {done} of {total} have checked in.",
    "checkin.summary.fallback_part": "Check-in for the meeting {when} (part {part}/{parts})",
}
