"""Texts for närvaro: the invitation's answers, the ersättare, save-the-date and the calendar file."""

SV: dict[str, str] = {
    # The answer buttons and the answer as a sentence
    "attendance.button.coming": "Jag kommer",
    "attendance.button.not_coming": "Jag kan inte",
    "attendance.button.deputy": "Jag skickar en ersättare",
    "attendance.ask": "Kommer du? Svara med en knapp. Du kan ändra svaret fram till träffen.",
    "attendance.answer.coming": "Ditt svar: *du kommer*. Du kan ändra svaret fram till träffen.",
    "attendance.answer.not_coming": (
        "Ditt svar: *du kan inte komma*. Vi skickar inga fler påminnelser inför den här träffen. "
        "Du kan ändra svaret fram till träffen."
    ),
    "attendance.answer.deputy": (
        "Ditt svar: *{deputy} kommer i ditt ställe*. Vi skickar en egen inbjudan till din ersättare. "
        "Du kan ändra svaret fram till träffen."
    ),
    # The ersättare modal
    "attendance.modal.title": "Skicka en ersättare",
    "attendance.modal.submit": "Skicka inbjudan",
    "attendance.modal.close": "Avbryt",
    "attendance.modal.intro": (
        "Vem kommer i ditt ställe till träffen *{when}*? Vi skickar en egen inbjudan till ersättaren."
    ),
    "attendance.modal.person": "Ersättare",
    "attendance.modal.hint": "Ersättarens incheckning gäller för din organisation.",
    "attendance.error.empty": "Välj en person.",
    "attendance.error.self": "Välj någon annan än dig själv.",
    "attendance.error.already_in": "{name} är redan med på träffen. Välj någon annan.",
    # Refusals
    "attendance.refusal.not_member": (
        "Svaren på inbjudan gäller nätverkets medlemmar. Hör av dig till samordnarna om du ska vara med."
    ),
    "attendance.refusal.no_meeting": "Träffen finns inte längre eller är inställd.",
    "attendance.refusal.started": "Träffen {when} har redan börjat. Svaret går inte att ändra längre.",
    # The answers per organisation (status, Home, sammanställning)
    "attendance.heading": "*Svar på inbjudan*",
    "attendance.list.coming": "kommer: {names}",
    "attendance.list.not_coming": "kan inte: {names}",
    "attendance.list.deputy": "ersättare: {names}",
    "attendance.list.unanswered": "inget svar: {names}",
    "attendance.no_organisation": "Utan organisation",
    "attendance.deputy_for": "{deputy} (ersättare för {member})",
    # The ersättare's own DMs
    "attendance.deputy.header": "Inbjudan som ersättare",
    "attendance.deputy.body": (
        "Hej! {member} har bett dig komma i sitt ställe till {network:genitive} träff *{when}*, {place}."
    ),
    "attendance.deputy.checkin": (
        "Checka gärna in för {organisation} senast *{deadline}*: *Vad upptar din tid?* "
        "Tryck på knappen eller svara direkt här i chatten. Samordnarna läser svaren inför träffen."
    ),
    "attendance.deputy.fallback": "Inbjudan som ersättare till {network:genitive} träff {when}.",
    "attendance.released.body": (
        "Planerna har ändrats: du behöver inte komma som ersättare till träffen *{when}*. "
        "Tack för att du ställde upp!"
    ),
    "attendance.released.fallback": "Du behöver inte komma som ersättare till träffen {when}.",
    # Save the date
    "attendance.save_the_date.header": "Spara datumet",
    "attendance.save_the_date.body": (
        "{network} träffas *{when}*, {place}. Inbjudan med incheckning kommer *{invitation}*. "
        "Kalenderfilen finns här nedanför."
    ),
    "attendance.save_the_date.fallback": "Spara datumet: {network} träffas {when}.",
    # A moved meeting
    "attendance.moved.confirm": "Vi har sparat ditt svar. Bekräfta gärna att det gäller den nya tiden.",
    # The calendar file
    "attendance.calendar.summary": "{network:genitive} träff",
    "attendance.calendar.description": "Träff i {network}. Incheckningen gör du i Slack.",
    "attendance.calendar.title": "{network:genitive} träff {when}",
    # What a send is, in the samordnare's words
    "scheduler.kind.deputy_invitation": "Inbjudan till ersättare",
    "scheduler.kind.deputy_released": "Besked till ersättare som inte behövs",
    "scheduler.kind.save_the_date": "Spara datumet",
}

EN: dict[str, str] = {
    "attendance.button.coming": "I'm coming",
    "attendance.button.not_coming": "I can't come",
    "attendance.button.deputy": "I'm sending a substitute",
    "attendance.ask": "Are you coming? Answer with a button. You can change it until the meeting.",
    "attendance.answer.coming": "Your answer: *you are coming*. You can change it until the meeting.",
    "attendance.answer.not_coming": (
        "Your answer: *you can't come*. We send no more reminders for this meeting. "
        "You can change it until the meeting."
    ),
    "attendance.answer.deputy": (
        "Your answer: *{deputy} comes in your place*. We send your substitute their own invitation. "
        "You can change it until the meeting."
    ),
    "attendance.modal.title": "Send a substitute",
    "attendance.modal.submit": "Send invitation",
    "attendance.modal.close": "Cancel",
    "attendance.modal.intro": "Who comes in your place to the meeting *{when}*? We send them their own invitation.",
    "attendance.modal.person": "Substitute",
    "attendance.modal.hint": "Your substitute's check-in counts for your organisation.",
    "attendance.error.empty": "Choose a person.",
    "attendance.error.self": "Choose someone other than yourself.",
    "attendance.error.already_in": "{name} is already at the meeting. Choose someone else.",
    "attendance.refusal.not_member": "Answers to the invitation are for the network's members. Ask the coordinators.",
    "attendance.refusal.no_meeting": "The meeting no longer exists or is cancelled.",
    "attendance.refusal.started": "The meeting {when} has started. The answer can no longer be changed.",
    "attendance.heading": "*Answers to the invitation*",
    "attendance.list.coming": "coming: {names}",
    "attendance.list.not_coming": "can't come: {names}",
    "attendance.list.deputy": "substitutes: {names}",
    "attendance.list.unanswered": "no answer: {names}",
    "attendance.no_organisation": "No organisation",
    "attendance.deputy_for": "{deputy} (substitute for {member})",
    "attendance.deputy.header": "Invitation as a substitute",
    "attendance.deputy.body": "Hello! {member} asks you to come in their place to the {network} meeting *{when}*, {place}.",
    "attendance.deputy.checkin": (
        "Please check in for {organisation} by *{deadline}*: *What takes up your time?* "
        "Press the button or answer right here. The coordinators read the answers before the meeting."
    ),
    "attendance.deputy.fallback": "Invitation as a substitute to the {network} meeting {when}.",
    "attendance.released.body": (
        "Plans have changed: you no longer need to come as a substitute to the meeting *{when}*. "
        "Thank you for stepping in!"
    ),
    "attendance.released.fallback": "You no longer need to come as a substitute to the meeting {when}.",
    "attendance.save_the_date.header": "Save the date",
    "attendance.save_the_date.body": (
        "{network} meets *{when}*, {place}. The invitation with the check-in comes *{invitation}*. "
        "The calendar file is below."
    ),
    "attendance.save_the_date.fallback": "Save the date: {network} meets {when}.",
    "attendance.moved.confirm": "We kept your answer. Please confirm it holds for the new time.",
    "attendance.calendar.summary": "{network} meeting",
    "attendance.calendar.description": "A {network} meeting. You check in in Slack.",
    "attendance.calendar.title": "{network} meeting {when}",
    "scheduler.kind.deputy_invitation": "Invitation to a substitute",
    "scheduler.kind.deputy_released": "Notice to a substitute no longer needed",
    "scheduler.kind.save_the_date": "Save the date",
}
