"""Texts for the check-in surface: the modal, confirmations, refusals and the sammanställningar."""

SV: dict[str, str] = {
    # The modal
    "checkin.modal.title": "Incheckning",
    "checkin.modal.submit": "Spara",
    "checkin.modal.close": "Avbryt",
    "checkin.modal.intro": (
        "Inför träffen berättar var och en vad som upptar tiden just nu. Svaren öppnar träffen."
    ),
    "checkin.modal.meeting": "*Träffen:* {when}, {place}",
    "checkin.modal.deadline": "Svara senast {deadline}. Du kan ändra fram till dess.",
    "checkin.modal.editing": "Du har redan checkat in. Ändra det du vill och spara igen.",
    "checkin.modal.previous": "*Förra gången skrev du* (inför träffen {when}):",
    "checkin.question.occupying": "Vad upptar min tid?",
    "checkin.question.changes": "Planerade förändringar i min organisation",
    "checkin.question.support": "Var vill jag ha stöd eller samverka?",
    "checkin.placeholder.occupying": "Några rader räcker, t.ex. det som tar mest tid just nu.",
    "checkin.placeholder.changes": "T.ex. omorganisation, nya uppdrag, budgetläget",
    "checkin.placeholder.support": "T.ex. en fråga du vill ta med någon annan i nätverket",
    # Who reads each answer
    "checkin.visibility.label": "Vem läser svaret?",
    "checkin.visibility.network": "Nätverket",
    "checkin.visibility.network_who": "Nätverkets medlemmar och samordnarna",
    "checkin.visibility.organisers": "Bara samordnarna",
    "checkin.visibility.organisers_who": "Finsams samordnare, inte de andra medlemmarna",
    "checkin.visibility.hint": (
        "Nätverket får svaren i en sammanställning när incheckningen stänger. "
        "Svaren kan bli allmänna handlingar."
    ),
    # Validation in the modal
    "checkin.error.required": "Skriv några ord om vad som upptar din tid.",
    "checkin.error.too_long": "Svaret är {length} tecken – högst {limit} går. Korta ner det lite.",
    "checkin.error.bad_meeting": "Vi kunde inte se vilken träff det här gäller. Stäng och öppna formuläret igen.",
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
        "Vill du ändå dela något? Hör av dig till samordnarna."
    ),
    "checkin.refusal.started": "Träffen {when} har redan börjat, så incheckningen är stängd.",
    "checkin.refusal.cancelled": "Träffen {when} är inställd, så det finns ingen incheckning att göra.",
    "checkin.refusal.gone": "Den träffen finns inte längre. Skriv /incheckning för att checka in inför nästa träff.",
    "checkin.refusal.too_long": (
        "Texten är {length} tecken – högst {limit} går. Korta ner den, eller skriv bara /incheckning "
        "så öppnas formuläret. Exempel: `/incheckning Rekrytering av två enhetschefer och omställningen "
        "av mottagningen.`"
    ),
    "checkin.refusal.open_failed": (
        "Vi kunde inte öppna formuläret just nu. Försök igen om en stund, eller skriv svaret direkt. "
        "Exempel: `/incheckning Budgetarbetet och två nya chefer.`"
    ),
    # Confirmations
    "checkin.saved.created": "Tack! Vi har sparat ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.saved.updated": "Tack! Vi har uppdaterat ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.saved.fallback": "Tack! Ditt svar inför träffen {when} är sparat.",
    "checkin.saved.edit_hint": "Du kan ändra, lägga till eller dra tillbaka fram till {deadline}.",
    "checkin.saved.network": (
        "Nätverkets medlemmar och samordnarna läser svaret. Ska bara samordnarna läsa det? Välj det i formuläret."
    ),
    "checkin.saved.organisers": "Bara samordnarna läser svaret.",
    "checkin.submitted": "Tack för din incheckning inför träffen {when}!",
    "checkin.submitted.network": "Nätverket läser {questions}.",
    "checkin.submitted.organisers": "Bara samordnarna läser {questions}.",
    "checkin.help": (
        "Skriv `/incheckning` så öppnas formuläret för nästa träff. Du kan också svara direkt på "
        "*Vad upptar min tid?*, t.ex. `/incheckning Budgetarbetet och två nya chefer.` "
        "Ett vanligt meddelande till oss här i appen räknas också som svar."
    ),
    "checkin.button.edit": "Ändra",
    "checkin.button.all_questions": "Svara på alla tre frågorna",
    "checkin.button.withdraw": "Dra tillbaka",
    "checkin.button.again": "Checka in igen",
    # Withdrawing one's check-in
    "checkin.withdraw.confirm_title": "Dra tillbaka incheckningen?",
    "checkin.withdraw.confirm_text": "Dina svar tas bort. Du kan checka in igen fram till {deadline}.",
    "checkin.withdraw.confirm_yes": "Dra tillbaka",
    "checkin.withdraw.confirm_no": "Avbryt",
    "checkin.withdrawn": (
        "Din incheckning inför träffen {when} är borttagen. Vill du checka in igen går det fram till {deadline}."
    ),
    "checkin.withdraw.not_yours": "Den incheckningen är inte din, så vi lät den vara.",
    "checkin.withdraw.nothing": "Det finns ingen incheckning att dra tillbaka. Den är redan borttagen.",
    # A DM reply when the member has already answered differently
    "checkin.pending.question": "Du har redan svarat på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.pending.new": "Vad vill du att vi gör med det du nyss skrev?",
    "checkin.pending.hidden": "Det svaret läser bara samordnarna, så vi visar det inte här.",
    "checkin.pending.fallback": (
        "Du har redan svarat inför träffen {when}. Vad vill du att vi gör med det du nyss skrev?"
    ),
    "checkin.button.replace": "Byt ut",
    "checkin.button.append": "Lägg till",
    "checkin.button.keep": "Behåll mitt svar",
    "checkin.pending.replaced": "Klart! Ditt svar på *Vad upptar min tid?* inför träffen {when} är nu:",
    "checkin.pending.appended": "Klart! Vi har lagt till texten. Ditt svar inför träffen {when} är nu:",
    "checkin.pending.kept": "Vi behåller ditt svar på *Vad upptar min tid?* inför träffen {when}:",
    "checkin.pending.kept_fallback": "Ditt svar inför träffen {when} är oförändrat.",
    "checkin.pending.nothing": "Det finns inget att göra här längre. Ditt sparade svar är som det var.",
    "checkin.pending.too_long": (
        "Tillsammans blir svaret {length} tecken – högst {limit} går. Välj *Byt ut* eller "
        "*Behåll mitt svar*, eller skriv /incheckning och korta ner svaret i formuläret."
    ),
    # The samordnare's sammanställning
    "checkin.summary.header": "Sammanställning inför träffen {when}",
    "checkin.summary.place": "*Plats:* {place}",
    "checkin.summary.count": "*{done} av {total}* har checkat in.",
    "checkin.summary.nobody": "Ingen har checkat in än.",
    "checkin.summary.missing": "*Har inte checkat in:* {names}",
    "checkin.summary.all_done": "Alla har checkat in.",
    "checkin.summary.no_organisation": "Utan organisation",
    "checkin.summary.organisers_only": "(bara samordnarna)",
    "checkin.summary.continued": "Sammanställning inför träffen {when} (fortsättning {part}/{parts})",
    "checkin.summary.fallback": "Sammanställning inför träffen {when}: {done} av {total} har checkat in.",
    "checkin.summary.fallback_part": "Sammanställning inför träffen {when} (del {part}/{parts})",
    # The network's sammanställning, for the members
    "checkin.shared.header": "Nätverkets sammanställning inför träffen {when}",
    "checkin.shared.intro_dm": (
        "Här är det medlemmarna delar med nätverket inför träffen. "
        "Svar som bara samordnarna läser finns inte med."
    ),
    "checkin.shared.intro_channel": (
        "Här är det ni delar med varandra inför träffen. Svaren från varje organisation finns i tråden. "
        "Svar som bara samordnarna läser finns inte med."
    ),
    "checkin.shared.organisation": ":office: *{organisation}*",
    "checkin.shared.fallback": "Nätverkets sammanställning inför träffen {when}",
    "checkin.shared.fallback_organisation": "{organisation}: svar inför träffen {when}",
    "checkin.shared.continued": "Nätverkets sammanställning inför träffen {when} (fortsättning {part}/{parts})",
    "scheduler.kind.network_summary": "Nätverkets sammanställning",
}

EN: dict[str, str] = {
    "checkin.modal.title": "Check-in",
    "checkin.modal.submit": "Save",
    "checkin.modal.close": "Cancel",
    "checkin.modal.intro": (
        "Before the meeting everyone tells what is taking up their time. The answers open the meeting."
    ),
    "checkin.modal.meeting": "*Meeting:* {when}, {place}",
    "checkin.modal.deadline": "Please answer by {deadline}. You can change your answers until then.",
    "checkin.modal.editing": "You have already checked in. Change what you like and save again.",
    "checkin.modal.previous": "*Last time you wrote* (for the meeting {when}):",
    "checkin.question.occupying": "What is taking up my time?",
    "checkin.question.changes": "Planned changes in my organisation",
    "checkin.question.support": "Where do I want support or collaboration?",
    "checkin.placeholder.occupying": "A few lines are enough, e.g. what takes most of your time now.",
    "checkin.placeholder.changes": "E.g. a reorganisation, new assignments, the budget",
    "checkin.placeholder.support": "E.g. a question you want to take up with someone in the network",
    "checkin.visibility.label": "Who reads the answer?",
    "checkin.visibility.network": "The network",
    "checkin.visibility.network_who": "The network's members and the organisers",
    "checkin.visibility.organisers": "Organisers only",
    "checkin.visibility.organisers_who": "Finsam's organisers, not the other members",
    "checkin.visibility.hint": (
        "The network gets the answers in a compilation when check-in closes. "
        "Answers may become public records (allmänna handlingar)."
    ),
    "checkin.error.required": "Write a few words about what is taking up your time.",
    "checkin.error.too_long": "The answer is {length} characters – at most {limit} fit. Please shorten it.",
    "checkin.error.bad_meeting": "We could not tell which meeting this is for. Close and open the form again.",
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
    "checkin.refusal.closed": (
        "Check-in for the meeting {when} closed {deadline}. "
        "Do you still want to share something? Contact the organisers."
    ),
    "checkin.refusal.started": "The meeting {when} has already started, so check-in is closed.",
    "checkin.refusal.cancelled": "The meeting {when} is cancelled, so there is no check-in to do.",
    "checkin.refusal.gone": "That meeting no longer exists. Type /incheckning to check in for the next one.",
    "checkin.refusal.too_long": (
        "The text is {length} characters – at most {limit} fit. Shorten it, or type just "
        "/incheckning to open the form. Example: `/incheckning Recruiting two new unit managers.`"
    ),
    "checkin.refusal.open_failed": (
        "We could not open the form just now. Try again shortly, or write your answer directly. "
        "Example: `/incheckning The budget and two new managers.`"
    ),
    "checkin.saved.created": "Thank you! We saved this as your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.saved.updated": "Thank you! We updated your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.saved.fallback": "Thank you! Your answer for the meeting {when} is saved.",
    "checkin.saved.edit_hint": "You can change, add to or withdraw it until {deadline}.",
    "checkin.saved.network": (
        "The network's members and the organisers read the answer. Should only the organisers read it? "
        "Choose that in the form."
    ),
    "checkin.saved.organisers": "Only the organisers read the answer.",
    "checkin.submitted": "Thank you for checking in for the meeting {when}!",
    "checkin.submitted.network": "The network reads {questions}.",
    "checkin.submitted.organisers": "Only the organisers read {questions}.",
    "checkin.help": (
        "Type `/incheckning` to open the form for the next meeting. You can also answer *What is taking up "
        "my time?* directly, e.g. `/incheckning The budget and two new managers.` "
        "A plain message to us here in the app counts as an answer too."
    ),
    "checkin.button.edit": "Edit",
    "checkin.button.all_questions": "Answer all three questions",
    "checkin.button.withdraw": "Withdraw",
    "checkin.button.again": "Check in again",
    "checkin.withdraw.confirm_title": "Withdraw your check-in?",
    "checkin.withdraw.confirm_text": "Your answers are removed. You can check in again until {deadline}.",
    "checkin.withdraw.confirm_yes": "Withdraw",
    "checkin.withdraw.confirm_no": "Cancel",
    "checkin.withdrawn": (
        "Your check-in for the meeting {when} is removed. You can check in again until {deadline}."
    ),
    "checkin.withdraw.not_yours": "That check-in is not yours, so we left it as it was.",
    "checkin.withdraw.nothing": "There is no check-in to withdraw. It is already removed.",
    "checkin.pending.question": "You have already answered *What is taking up my time?* for the meeting {when}:",
    "checkin.pending.new": "What should we do with what you just wrote?",
    "checkin.pending.hidden": "Only the organisers read that answer, so we do not show it here.",
    "checkin.pending.fallback": (
        "You have already answered for the meeting {when}. What should we do with what you just wrote?"
    ),
    "checkin.button.replace": "Replace",
    "checkin.button.append": "Add",
    "checkin.button.keep": "Keep my answer",
    "checkin.pending.replaced": "Done! Your answer to *What is taking up my time?* for the meeting {when} is now:",
    "checkin.pending.appended": "Done! We added the text. Your answer for the meeting {when} is now:",
    "checkin.pending.kept": "We kept your answer to *What is taking up my time?* for the meeting {when}:",
    "checkin.pending.kept_fallback": "Your answer for the meeting {when} is unchanged.",
    "checkin.pending.nothing": "There is nothing left to do here. Your saved answer is as it was.",
    "checkin.pending.too_long": (
        "Together the answer would be {length} characters – at most {limit} fit. Choose *Replace* or "
        "*Keep my answer*, or type /incheckning and shorten the answer in the form."
    ),
    "checkin.summary.header": "Compilation for the meeting {when}",
    "checkin.summary.place": "*Place:* {place}",
    "checkin.summary.count": "*{done} of {total}* have checked in.",
    "checkin.summary.nobody": "Nobody has checked in yet.",
    "checkin.summary.missing": "*Not checked in:* {names}",
    "checkin.summary.all_done": "Everyone has checked in.",
    "checkin.summary.no_organisation": "No organisation",
    "checkin.summary.organisers_only": "(organisers only)",
    "checkin.summary.continued": "Compilation for the meeting {when} (continued {part}/{parts})",
    "checkin.summary.fallback": "Compilation for the meeting {when}: {done} of {total} have checked in.",
    "checkin.summary.fallback_part": "Compilation for the meeting {when} (part {part}/{parts})",
    "checkin.shared.header": "The network's compilation for the meeting {when}",
    "checkin.shared.intro_dm": (
        "Here is what the members share with the network before the meeting. "
        "Answers for the organisers only are not included."
    ),
    "checkin.shared.intro_channel": (
        "Here is what you share with each other before the meeting. Each organisation's answers are in "
        "the thread. Answers for the organisers only are not included."
    ),
    "checkin.shared.organisation": ":office: *{organisation}*",
    "checkin.shared.fallback": "The network's compilation for the meeting {when}",
    "checkin.shared.fallback_organisation": "{organisation}: answers for the meeting {when}",
    "checkin.shared.continued": "The network's compilation for the meeting {when} (continued {part}/{parts})",
    "scheduler.kind.network_summary": "The network's compilation",
}
