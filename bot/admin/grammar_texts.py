"""Texts for the `/chefsnatverket` grammar (bot/admin/grammar.py): the example of the right form
for each command and the explanation when the text could not be read. The answers to commands
that ran are in bot/admin/texts.py."""

SV: dict[str, str] = {
    # ------------------------------------------------------------ examples of the right form
    "admin.usage.traff": "`/chefsnatverket träff {date} 13:00 Stadshuset, Malmö`",
    "admin.usage.flytta": "`/chefsnatverket flytta {date} 13:00 Stadshuset, Malmö`",
    "admin.usage.stall-in": "`/chefsnatverket ställ-in` (nästa träff) eller `/chefsnatverket ställ-in {date}`",
    "admin.usage.medlem": "`/chefsnatverket medlem @Anna Region Skåne`",
    "admin.usage.ta-bort": "`/chefsnatverket ta-bort @Anna`",
    "admin.usage.kanal": "`/chefsnatverket kanal #samordnare`",
    "admin.usage.medlemskanal": "`/chefsnatverket medlemskanal #chefsnatverket` (eller `medlemskanal av` för DM)",
    "admin.usage.delning": "`/chefsnatverket delning av` eller `/chefsnatverket delning på`",
    "admin.parse.sharing_args": "Skriv `av` eller `på` efter delning. Till exempel: {usage}",
    "admin.usage.export": "`/chefsnatverket export` (incheckningarna) eller `/chefsnatverket export guldlanken`",
    "admin.usage.organisator": "`/chefsnatverket organisatör @Anna`",
    "admin.usage.organisator-ta-bort": "`/chefsnatverket organisatör ta-bort @Anna`",
    # ------------------------------------------------------------ the text could not be read
    "admin.parse.unknown": (
        "Kommandot ”{word}” känner jag inte igen. "
        "Skriv `/chefsnatverket hjälp` så visar jag vad du kan göra, t.ex. `/chefsnatverket status`."
    ),
    "admin.parse.date_missing": "Skriv datum och klockslag för träffen. Till exempel: {usage}",
    "admin.parse.date_invalid": "Jag förstår inte datumet ”{value}”. Skriv det som ÅÅÅÅ-MM-DD. Till exempel: {usage}",
    "admin.parse.date_impossible": "Datumet {value} finns inte i kalendern. Till exempel: {usage}",
    "admin.parse.time_missing": "Skriv också klockslaget, efter datumet. Till exempel: {usage}",
    "admin.parse.time_invalid": "Jag förstår inte klockslaget ”{value}”. Skriv det som TT:MM. Till exempel: {usage}",
    "admin.parse.time_skipped": (
        "{value} finns inte, eftersom klockan ställs fram till sommartid den natten. "
        "Välj en annan tid. Till exempel: {usage}"
    ),
    "admin.parse.place_too_long": "Platsen får vara högst {max} tecken. Till exempel: {usage}",
    "admin.parse.cancel_args": (
        "`ställ-in` ställer in nästa träff; vill du ställa in en viss träff skriver du dess datum. "
        "Till exempel: {usage}"
    ),
    "admin.parse.mention_missing": "Skriv vem det gäller: skriv @ och välj personen i listan. Till exempel: {usage}",
    "admin.parse.mention_invalid": (
        "Jag känner inte igen ”{value}” som en person i Slack. "
        "Skriv @ och välj personen i listan. Till exempel: {usage}"
    ),
    "admin.parse.one_person": "Ange en person i taget. Till exempel: {usage}",
    "admin.parse.organisation_missing": (
        "Skriv också vilken organisation personen hör till, efter namnet. Till exempel: {usage}"
    ),
    "admin.parse.organisation_too_long": (
        "Organisationens namn får vara högst {max} tecken. Till exempel: {usage}"
    ),
    "admin.parse.channel_missing": (
        "Skriv vilken kanal samordnarna använder: skriv # och välj kanalen i listan. Till exempel: {usage}"
    ),
    "admin.parse.channel_invalid": (
        "Jag känner inte igen ”{value}” som en kanal. Skriv # och välj kanalen i listan. Till exempel: {usage}"
    ),
    "admin.parse.export_args": (
        "Jag kan exportera incheckningarna eller Guldlänkens nomineringar. Till exempel: {usage}"
    ),
}

EN: dict[str, str] = {
    "admin.usage.traff": "`/chefsnatverket träff {date} 13:00 City Hall, Malmö`",
    "admin.usage.flytta": "`/chefsnatverket flytta {date} 13:00 City Hall, Malmö`",
    "admin.usage.stall-in": "`/chefsnatverket ställ-in` (the next meeting) or `/chefsnatverket ställ-in {date}`",
    "admin.usage.medlem": "`/chefsnatverket medlem @Anna Region Skåne`",
    "admin.usage.ta-bort": "`/chefsnatverket ta-bort @Anna`",
    "admin.usage.kanal": "`/chefsnatverket kanal #organisers`",
    "admin.usage.medlemskanal": "`/chefsnatverket medlemskanal #network` (or `medlemskanal av` for DMs)",
    "admin.usage.delning": "`/chefsnatverket delning av` or `/chefsnatverket delning på`",
    "admin.parse.sharing_args": "Write `av` (off) or `på` (on) after delning. For example: {usage}",
    "admin.usage.export": "`/chefsnatverket export` (the check-ins) or `/chefsnatverket export guldlanken`",
    "admin.usage.organisator": "`/chefsnatverket organisatör @Anna`",
    "admin.usage.organisator-ta-bort": "`/chefsnatverket organisatör ta-bort @Anna`",
    "admin.parse.unknown": (
        "I do not know the command “{word}”. Type `/chefsnatverket hjälp` to see what you can do, "
        "e.g. `/chefsnatverket status`."
    ),
    "admin.parse.date_missing": "Give the meeting's date and time. For example: {usage}",
    "admin.parse.date_invalid": "I cannot read the date “{value}”. Write it as YYYY-MM-DD. For example: {usage}",
    "admin.parse.date_impossible": "The date {value} does not exist. For example: {usage}",
    "admin.parse.time_missing": "Give the time too, after the date. For example: {usage}",
    "admin.parse.time_invalid": "I cannot read the time “{value}”. Write it as HH:MM. For example: {usage}",
    "admin.parse.time_skipped": (
        "{value} does not exist: the clocks go forward that night. Choose another time. For example: {usage}"
    ),
    "admin.parse.place_too_long": "The place can be at most {max} characters. For example: {usage}",
    "admin.parse.cancel_args": (
        "`ställ-in` cancels the next meeting; to cancel a particular one, give its date. For example: {usage}"
    ),
    "admin.parse.mention_missing": "Say who: type @ and pick the person from the list. For example: {usage}",
    "admin.parse.mention_invalid": (
        "I do not recognise “{value}” as a person in Slack. Type @ and pick the person from the list. "
        "For example: {usage}"
    ),
    "admin.parse.one_person": "One person at a time, please. For example: {usage}",
    "admin.parse.organisation_missing": "Give the person's organisation too, after the name. For example: {usage}",
    "admin.parse.organisation_too_long": "The organisation's name can be at most {max} characters. For example: {usage}",
    "admin.parse.channel_missing": "Say which channel: type # and pick it from the list. For example: {usage}",
    "admin.parse.channel_invalid": (
        "I do not recognise “{value}” as a channel. Type # and pick it from the list. For example: {usage}"
    ),
    "admin.parse.export_args": "I can export the check-ins or Guldlänken's nominations. For example: {usage}",
}
