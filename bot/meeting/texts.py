"""Texts for the meetings' timed sends: invitations, reminders, notices, their kinds, and status."""

SV: dict[str, str] = {
    # Shared pieces of the meeting DMs
    "scheduler.place": "plats: *{place}*",
    "scheduler.checkin.button": "Checka in",
    "scheduler.checkin.ask": (
        "Inför träffen ber vi dig checka in: *Vad upptar min tid?* Berätta gärna också om planerade "
        "förändringar i din organisation och var du vill ha stöd eller samverka. Svaren öppnar träffen. "
        "Nätverkets medlemmar och samordnarna läser dem, om du inte väljer att bara samordnarna ska läsa."
    ),
    "scheduler.checkin.how": (
        "Svara senast *{deadline}*. Tryck på knappen, eller skriv svaret direkt här. Ett vanligt svar "
        "här räknas som svar på *Vad upptar min tid?* – du kan ändra det efteråt."
    ),
    "scheduler.checkin.how_short": (
        "Tryck på knappen, eller skriv svaret direkt här. Ett vanligt svar här räknas som svar på "
        "*Vad upptar min tid?*"
    ),
    # Invitation
    "scheduler.invitation.header": "Inbjudan till {network}",
    "scheduler.invitation.body": "Hej! Nästa träff i {network} är *{when}*, {place}.",
    "scheduler.invitation.fallback": "Inbjudan till {network:genitive} träff {when}. Checka in senast {deadline}.",
    # Reminders
    "scheduler.reminder.body": "Vi ser fram emot din incheckning inför träffen *{when}*, {place}.",
    "scheduler.reminder.fallback": "Påminnelse: checka in inför träffen {when}, senast {deadline}.",
    "scheduler.last_reminder.body": "Sista påminnelsen: incheckningen stänger *{deadline}*. Några rader räcker.",
    "scheduler.last_reminder.fallback": "Sista påminnelsen: incheckningen stänger {deadline}.",
    # The day of the meeting
    "scheduler.day_of.body": "Välkommen till {network:genitive} träff *{when}*, {place}!",
    "scheduler.day_of.fallback": "Välkommen till träffen {when}!",
    # Changes
    "scheduler.moved.body": "Träffen är flyttad. Nästa träff i {network} blir i stället *{when}*, {place}.",
    "scheduler.moved.checkin": "Har du inte checkat in än går det bra fram till *{deadline}*.",
    "scheduler.moved.fallback": "Träffen är flyttad till {when}.",
    "scheduler.cancelled.body": (
        "Träffen *{when}* är inställd. Du behöver inte checka in. Vi hör av oss när nästa träff är bokad."
    ),
    "scheduler.cancelled.fallback": "Träffen {when} är inställd.",
    # What a send is, in the organisers' words
    "scheduler.kind.invitation": "Inbjudan",
    "scheduler.kind.reminder": "Påminnelse",
    "scheduler.kind.last_reminder": "Sista påminnelsen",
    "scheduler.kind.deadline_summary": "Sammanställning av incheckningen",
    "scheduler.kind.day_of": "Påminnelse på dagen",
    "scheduler.kind.pulse": "Frågan ”Vill ni träffas igen?”",
    "scheduler.kind.pulse_summary": "Sammanställning av ”Vill ni träffas igen?”",
    "scheduler.kind.meeting_moved": "Meddelande om flyttad träff",
    "scheduler.kind.meeting_cancelled": "Meddelande om inställd träff",
    "scheduler.kind.award_announcement": "Guldlänken: utlysning",
    "scheduler.kind.award_reminder_14": "Guldlänken: påminnelse två veckor före",
    "scheduler.kind.award_reminder_1": "Guldlänken: påminnelse dagen före",
    "scheduler.kind.award_jury_summary": "Guldlänken: nomineringar till juryn",
    "scheduler.of_meeting": "{label} inför träffen {when}",
    "scheduler.after_meeting": "{label} efter träffen {when}",
    # Status for /chefsnatverket status
    "scheduler.status.line": "• {what} – {when}",
    "scheduler.status.now": "vid nästa körning",
    "scheduler.status.waiting_channel": "väntar på att en samordnarkanal väljs",
    "scheduler.status.problems": "*Utskick som inte gick fram*",
    "scheduler.status.problem_line": "• {what}, {due}: {who} – {why}",
    "scheduler.status.expired_line": "• Missat: {what}, planerat {due}, till {count} mottagare",
    "scheduler.status.retrying": "• {count} utskick försöks igen om en stund.",
    # Audiences
    "scheduler.audience.members": "{label} till {count} medlemmar",
    "scheduler.audience.member": "{label} till 1 medlem",
    "scheduler.audience.not_checked_in": "{label} till {count} som inte checkat in",
    "scheduler.audience.invited": "{label} till {count} inbjudna",
    "scheduler.audience.channel": "{label} till samordnarkanalen",
}

EN: dict[str, str] = {
    "scheduler.place": "place: *{place}*",
    "scheduler.checkin.button": "Check in",
    "scheduler.checkin.ask": (
        "Before the meeting we ask you to check in: *What takes up my time?* Feel free to add planned "
        "changes in your organisation and where you want support or collaboration. The answers open the meeting."
    ),
    "scheduler.checkin.how": (
        "Please answer by *{deadline}*. Press the button, or just write your answer here: a plain reply "
        "in this conversation counts as your answer to *What takes up my time?*, and you can change it later."
    ),
    "scheduler.checkin.how_short": (
        "Press the button, or just write your answer here. A plain reply here counts as your answer to "
        "*What takes up my time?*"
    ),
    "scheduler.invitation.header": "Invitation to {network}",
    "scheduler.invitation.body": "Hello! The next {network} meeting is *{when}*, {place}.",
    "scheduler.invitation.fallback": "Invitation to the {network} meeting {when}. Check in by {deadline}.",
    "scheduler.reminder.body": "We look forward to your check-in for the meeting *{when}*, {place}.",
    "scheduler.reminder.fallback": "Reminder: check in for the meeting {when}, by {deadline}.",
    "scheduler.last_reminder.body": "Last reminder: check-in closes *{deadline}*. A few lines are enough.",
    "scheduler.last_reminder.fallback": "Last reminder: check-in closes {deadline}.",
    "scheduler.day_of.body": "Welcome to the {network} meeting *{when}*, {place}!",
    "scheduler.day_of.fallback": "Welcome to the meeting {when}!",
    "scheduler.moved.body": "The meeting has moved. The next {network} meeting is now *{when}*, {place}.",
    "scheduler.moved.checkin": "If you have not checked in yet, you can until *{deadline}*.",
    "scheduler.moved.fallback": "The meeting has moved to {when}.",
    "scheduler.cancelled.body": (
        "The meeting *{when}* is cancelled. No check-in is needed. We will be in touch when the next one is booked."
    ),
    "scheduler.cancelled.fallback": "The meeting {when} is cancelled.",
    "scheduler.kind.invitation": "Invitation",
    "scheduler.kind.reminder": "Reminder",
    "scheduler.kind.last_reminder": "Last reminder",
    "scheduler.kind.deadline_summary": "Check-in compilation",
    "scheduler.kind.day_of": "Reminder on the day",
    "scheduler.kind.pulse": "The question “Shall we meet again?”",
    "scheduler.kind.pulse_summary": "Summary of “Shall we meet again?”",
    "scheduler.kind.meeting_moved": "Notice of a moved meeting",
    "scheduler.kind.meeting_cancelled": "Notice of a cancelled meeting",
    "scheduler.kind.award_announcement": "Guldlänken: announcement",
    "scheduler.kind.award_reminder_14": "Guldlänken: reminder two weeks before",
    "scheduler.kind.award_reminder_1": "Guldlänken: reminder the day before",
    "scheduler.kind.award_jury_summary": "Guldlänken: nominations for the jury",
    "scheduler.of_meeting": "{label} for the meeting {when}",
    "scheduler.after_meeting": "{label} after the meeting {when}",
    "scheduler.status.line": "• {what} – {when}",
    "scheduler.status.now": "at the next run",
    "scheduler.status.waiting_channel": "waiting for an organisers' channel to be chosen",
    "scheduler.status.problems": "*Messages that did not go out*",
    "scheduler.status.problem_line": "• {what}, {due}: {who} – {why}",
    "scheduler.status.expired_line": "• Missed: {what}, planned {due}, to {count} recipients",
    "scheduler.status.retrying": "• {count} messages will be tried again shortly.",
    "scheduler.audience.members": "{label} to {count} members",
    "scheduler.audience.member": "{label} to 1 member",
    "scheduler.audience.not_checked_in": "{label} to {count} who have not checked in",
    "scheduler.audience.invited": "{label} to {count} invited",
    "scheduler.audience.channel": "{label} to the organisers' channel",
}
