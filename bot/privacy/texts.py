"""Texts of the privacy feature: Om dina uppgifter, extract, erasure, retention, the audit log."""

from __future__ import annotations

SV: dict[str, str] = {
    # ------------------------------------------------------------ Om dina uppgifter
    "privacy.about.title": "Om dina uppgifter",
    "privacy.about.body": (
        "*Det här sparar vi om dig:* ditt namn, din organisation och ditt Slack-id, dina svar på "
        "inbjudningarna (och om du skickar en ersättare), dina incheckningar, dina svar på "
        "”Vill ni träffas igen?” och de nomineringar till Guldlänken du gör.\n"
        "*Så här läses det:* samordnarna läser dina incheckningar och svar. Svar du delar med nätverket "
        "läser också nätverkets medlemmar. En nominering läser bara du, samordnarna och juryn.\n"
        "*Så länge sparar vi det:* svar och incheckningar raderas {months} månader efter träffen. "
        "Nomineringar raderas {months} månader efter att nomineringen stängt – vinnarnas namn och "
        "motiveringar sparas.\n"
        "*Allmänna handlingar:* det du skriver kan bli allmänna handlingar hos samordningsförbundet. "
        "Appen berättar aldrig för den nominerade vem som nominerat. Nomineringar kan bli allmänna handlingar.\n"
        "*Kopia och radering:* knappen *Mina uppgifter* i appens flik Hem skickar dig en kopia av allt vi "
        "sparar om dig. "
        "Vill du att vi raderar dina uppgifter, skriv till en samordnare."
    ),
    "privacy.about.button": "Mina uppgifter",
    "privacy.about.copy": "En kopia av dina uppgifter, som filer i ett direktmeddelande.",
    "privacy.help.organiser": (
        "*Personuppgifter, för samordnare:* `/chefsnatverket` och sedan\n"
        "• `utdrag @Anna` – allt vi sparar om en person, som filer i ett direktmeddelande till dig\n"
        "• `glöm @Anna` – radera en persons uppgifter (du får bekräfta först)\n"
        "• `logg` – de senaste 50 exporterna, utdragen och raderingarna\n"
        "• `anonym på` – sammanställningen av ”Vill ni träffas igen?” visas utan namn (`anonym av` slår av)"
    ),
    "privacy.checkin.no_client_data": (
        "Skriv inga personuppgifter om klienter eller andra enskilda. Svaren kan bli allmänna handlingar."
    ),
    "admin.usage.utdrag": "`/chefsnatverket utdrag @Anna`",
    "admin.usage.glom": "`/chefsnatverket glöm @Anna`",
    "admin.usage.anonym": "`/chefsnatverket anonym på` eller `/chefsnatverket anonym av`",
    "admin.parse.anonym_args": "Skriv `på` eller `av` efter `anonym`. Till exempel: {usage}",
    # ------------------------------------------------------------ extract
    "privacy.extract.filename": "uppgifter-{person}-{date}",
    "privacy.extract.title": "Uppgifter om {person}",
    "privacy.extract.intro": (
        "Allt Chefsnätverket sparar om {person}, taget {when}. Uppgifterna sparas {months} månader "
        "efter träffen eller nomineringen. Nominatorer och motiveringar för nomineringar av personen "
        "lämnas inte ut."
    ),
    "privacy.extract.empty": "Inget sparat.",
    "privacy.extract.comment": "Här är allt vi sparar om {person}: {rows} rader, som JSON och som läsbar text.",
    "privacy.extract.comment_own": (
        "Här är allt vi sparar om dig: {rows} rader, som JSON och som läsbar text. "
        "Vill du att vi raderar något, skriv till en samordnare."
    ),
    "privacy.extract.sent": "Utdraget om {person} ({rows} rader) finns nu i ditt direktmeddelande med appen.",
    "privacy.nothing": "Vi har inga uppgifter om {person}.",
    "privacy.nothing.erased": "Det finns inget kvar att radera om {person} – uppgifterna är redan raderade.",
    "privacy.section.checkins.member_id": "Incheckningar",
    "privacy.section.rsvps.member_id": "Svar på inbjudningar",
    "privacy.section.rsvps.deputy_user_id": "Personen som ersättare",
    "privacy.count.rsvps.member_id": "{count} svar på inbjudningar",
    "privacy.count.rsvps.deputy_user_id": "namnet som ersättare på {count} träffar",
    "privacy.section.pulse_answers.member_id": "Svar på ”Vill ni träffas igen?”",
    "privacy.section.nominations.nominator_user_id": "Nomineringar personen har gjort",
    "privacy.section.nominations.nominee_user_id": "Nomineringar av personen",
    "privacy.section.deliveries.recipient": "Meddelanden från appen",
    "privacy.section.award_winners.nominee_user_id": "Guldlänken: personen som vinnare",
    "privacy.section.award_winners.added_by": "Guldlänken: vinnare personen har lagt till",
    "privacy.count.award_winners.added_by": "namnet på {count} vinnare personen lagt till",
    "privacy.section.meetings.created_by": "Träffar personen har planerat",
    "privacy.section.award_rounds.opened_by": "Guldlänken-omgångar personen har öppnat",
    "privacy.section.audit_log.actor": "Loggen: vad personen har gjort",
    "privacy.section.audit_log.target": "Loggen: utdrag och raderingar om personen",
    "privacy.section.slack_installations.user_id": "Installationen av appen i arbetsytan (personen installerade den)",
    "privacy.section.members.slack_user_id": "Medlemskap",
    # ------------------------------------------------------------ erasure
    "privacy.erase.title": "Radera uppgifter",
    "privacy.erase.submit": "Radera",
    "privacy.erase.close": "Avbryt",
    "privacy.erase.intro": "Det här raderas om {person}:",
    "privacy.erase.member": "Medlemskapet blir anonymt: namn och Slack-id tas bort. Bara antal finns kvar.",
    "privacy.erase.slack": (
        "En sammanställning som redan har skickats finns kvar i Slack. Den raderar vi inte härifrån."
    ),
    "privacy.erase.nominee_label": "Nomineringar av personen",
    "privacy.erase.nominee_option": "Radera också {count} nomineringar av {person}",
    "privacy.erase.nominee_hint": "Utan kryss finns de kvar för juryn.",
    "privacy.erase.done_title": "Uppgifterna är raderade",
    "privacy.erase.done": "Vi har raderat uppgifterna om {person}: {what}.",
    "privacy.erase.nothing_done": "Det fanns inget kvar att radera om {person}.",
    "privacy.error.last_organiser": (
        "Du är den enda samordnaren och kan inte radera dina egna uppgifter. "
        "Utse en samordnare till först, med `/chefsnatverket organisatör @Anna`."
    ),
    "privacy.count.checkins.member_id": "{count} incheckningar",
    "privacy.count.pulse_answers.member_id": "{count} svar på ”Vill ni träffas igen?”",
    "privacy.count.nominations.nominator_user_id": "{count} nomineringar personen har gjort",
    "privacy.count.nominations.nominee_user_id": "{count} nomineringar av personen",
    "privacy.count.deliveries.recipient": "{count} rader i utskicksloggen",
    "privacy.count.meetings.created_by": "namnet på {count} träffar personen planerat",
    "privacy.count.award_rounds.opened_by": "namnet på {count} Guldlänken-omgångar personen öppnat",
    "privacy.count.slack_installations.user_id": "namnet på {count} installationer av appen personen gjort",
    "privacy.count.members.slack_user_id": "medlemskapet",
    "privacy.count.none": "inga rader",
    # ------------------------------------------------------------ the audit log
    "privacy.log.title": "Loggen: de senaste {count} händelserna",
    "privacy.log.empty": "Loggen är tom. Exporter, utdrag och raderingar hamnar här.",
    "privacy.log.line": "{when} – {actor}: {action}{target}, {rows} rader",
    "privacy.log.target": " om {person}",
    "privacy.log.scheduler": "appen",
    "privacy.log.action.export_checkins": "export av incheckningar",
    "privacy.log.action.export_award": "export av Guldlänkens nomineringar",
    "privacy.log.action.export_minutes": "utkast till protokoll",
    "privacy.log.action.extract": "utdrag",
    "privacy.log.action.erase": "radering",
    "privacy.log.action.jury_summary": "juryns sammanställning skickad",
    "privacy.log.action.retention": "gallring",
    "privacy.log.action.install": "installation i arbetsytan",
    # ------------------------------------------------------------ anonymous pulse
    "privacy.anonymous.on": (
        "Sammanställningen av ”Vill ni träffas igen?” visar nu antal och kommentarer utan namn. "
        "Frågan säger det till medlemmarna."
    ),
    "privacy.anonymous.off": "Sammanställningen av ”Vill ni träffas igen?” visar nu vem som svarat vad.",
    "privacy.pulse.anonymous": "Svaren är anonyma – samordnarna ser antal och kommentarer utan namn.",
    # ------------------------------------------------------------ retention
    "scheduler.kind.retention_report": "Rapport om gallring",
    "privacy.retention.header": "Gallring av gamla uppgifter",
    "privacy.retention.body": (
        "Vi har raderat det som sparats längre än {months} månader, från före {cutoff}: {what}. "
        "Vinnarna i Guldlänken finns kvar."
    ),
    "privacy.retention.checkins": "{count} incheckningar",
    "privacy.retention.pulse_answers": "{count} svar på ”Vill ni träffas igen?”",
    "privacy.retention.rsvps": "{count} svar på inbjudningar",
    "privacy.retention.nominations": "{count} nomineringar",
    "privacy.retention.deliveries": "{count} meddelandereferenser i utskicksloggen",
}

EN: dict[str, str] = {
    "privacy.about.title": "About your data",
    "privacy.about.body": (
        "*What we store about you:* your name, your organisation and your Slack id, your answers to the "
        "invitations (and whether you send an ersättare), your check-ins, your answers to "
        "“Shall we meet again?” and the Guldlänken nominations you make.\n"
        "*Who reads it:* the organisers read your check-ins and answers. Answers you share with the network "
        "are also read by the network's members. A nomination is read only by you, the organisers and the jury.\n"
        "*How long we keep it:* check-ins and answers are deleted {months} months after the meeting. "
        "Nominations are deleted {months} months after nominations closed – the winners' names and "
        "citations are kept.\n"
        "*Public records:* what you write may become public records of the samordningsförbund. "
        "The app never tells a nominee who nominated them. Nominations may become public records.\n"
        "*Copy and erasure:* the *My data* button on the app's Home tab sends you a copy of everything we "
        "store about you. "
        "To have your data erased, write to an organiser."
    ),
    "privacy.about.button": "My data",
    "privacy.about.copy": "A copy of your data, as files in a DM.",
    "privacy.help.organiser": (
        "*Personal data, for organisers:* `/chefsnatverket` and then\n"
        "• `utdrag @Anna` – everything we store about a person, as files in a DM to you\n"
        "• `glöm @Anna` – erase a person's data (you confirm first)\n"
        "• `logg` – the last 50 exports, extracts and erasures\n"
        "• `anonym på` – the “Shall we meet again?” summary shows no names (`anonym av` turns it off)"
    ),
    "privacy.checkin.no_client_data": (
        "Write no personal data about clients or other individuals. Answers may become public records."
    ),
    "admin.usage.utdrag": "`/chefsnatverket utdrag @Anna`",
    "admin.usage.glom": "`/chefsnatverket glöm @Anna`",
    "admin.usage.anonym": "`/chefsnatverket anonym på` or `/chefsnatverket anonym av`",
    "admin.parse.anonym_args": "Write `på` (on) or `av` (off) after `anonym`. For example: {usage}",
    "privacy.extract.filename": "data-{person}-{date}",
    "privacy.extract.title": "Data about {person}",
    "privacy.extract.intro": (
        "Everything Chefsnätverket stores about {person}, taken {when}. Data is kept {months} months "
        "after the meeting or the nomination. Nominators and citations of nominations of the person "
        "are not disclosed."
    ),
    "privacy.extract.empty": "Nothing stored.",
    "privacy.extract.comment": "Here is everything we store about {person}: {rows} rows, as JSON and as readable text.",
    "privacy.extract.comment_own": (
        "Here is everything we store about you: {rows} rows, as JSON and as readable text. "
        "To have anything erased, write to an organiser."
    ),
    "privacy.extract.sent": "The extract about {person} ({rows} rows) is now in your DM with the app.",
    "privacy.nothing": "We have no data about {person}.",
    "privacy.nothing.erased": "There is nothing left to erase about {person} – the data has already been erased.",
    "privacy.section.checkins.member_id": "Check-ins",
    "privacy.section.rsvps.member_id": "Answers to invitations",
    "privacy.section.rsvps.deputy_user_id": "The person as an ersättare",
    "privacy.count.rsvps.member_id": "{count} answers to invitations",
    "privacy.count.rsvps.deputy_user_id": "the name as ersättare at {count} meetings",
    "privacy.section.pulse_answers.member_id": "Answers to “Shall we meet again?”",
    "privacy.section.nominations.nominator_user_id": "Nominations the person made",
    "privacy.section.nominations.nominee_user_id": "Nominations of the person",
    "privacy.section.deliveries.recipient": "Messages from the app",
    "privacy.section.award_winners.nominee_user_id": "Guldlänken: the person as a winner",
    "privacy.section.award_winners.added_by": "Guldlänken: winners the person added",
    "privacy.count.award_winners.added_by": "the name on {count} winners the person added",
    "privacy.section.meetings.created_by": "Meetings the person planned",
    "privacy.section.award_rounds.opened_by": "Guldlänken rounds the person opened",
    "privacy.section.audit_log.actor": "The log: what the person did",
    "privacy.section.audit_log.target": "The log: extracts and erasures about the person",
    "privacy.section.slack_installations.user_id": "The app's installation in the workspace (the person installed it)",
    "privacy.section.members.slack_user_id": "Membership",
    "privacy.erase.title": "Erase data",
    "privacy.erase.submit": "Erase",
    "privacy.erase.close": "Cancel",
    "privacy.erase.intro": "This is erased about {person}:",
    "privacy.erase.member": "The membership becomes anonymous: name and Slack id are removed. Only counts stay.",
    "privacy.erase.slack": "A summary already sent stays in Slack. We do not erase it from here.",
    "privacy.erase.nominee_label": "Nominations of the person",
    "privacy.erase.nominee_option": "Also erase {count} nominations of {person}",
    "privacy.erase.nominee_hint": "Without a tick they stay for the jury.",
    "privacy.erase.done_title": "The data is erased",
    "privacy.erase.done": "We have erased the data about {person}: {what}.",
    "privacy.erase.nothing_done": "There was nothing left to erase about {person}.",
    "privacy.error.last_organiser": (
        "You are the only organiser and cannot erase your own data. "
        "Appoint another organiser first, with `/chefsnatverket organisatör @Anna`."
    ),
    "privacy.count.checkins.member_id": "{count} check-ins",
    "privacy.count.pulse_answers.member_id": "{count} answers to “Shall we meet again?”",
    "privacy.count.nominations.nominator_user_id": "{count} nominations the person made",
    "privacy.count.nominations.nominee_user_id": "{count} nominations of the person",
    "privacy.count.deliveries.recipient": "{count} rows of the delivery log",
    "privacy.count.meetings.created_by": "the name on {count} meetings the person planned",
    "privacy.count.award_rounds.opened_by": "the name on {count} Guldlänken rounds the person opened",
    "privacy.count.slack_installations.user_id": "the name on {count} installations of the app the person made",
    "privacy.count.members.slack_user_id": "the membership",
    "privacy.count.none": "no rows",
    "privacy.log.title": "The log: the last {count} events",
    "privacy.log.empty": "The log is empty. Exports, extracts and erasures appear here.",
    "privacy.log.line": "{when} – {actor}: {action}{target}, {rows} rows",
    "privacy.log.target": " about {person}",
    "privacy.log.scheduler": "the app",
    "privacy.log.action.export_checkins": "export of check-ins",
    "privacy.log.action.export_award": "export of Guldlänken nominations",
    "privacy.log.action.export_minutes": "draft minutes",
    "privacy.log.action.extract": "extract",
    "privacy.log.action.erase": "erasure",
    "privacy.log.action.jury_summary": "jury summary sent",
    "privacy.log.action.retention": "retention deletion",
    "privacy.log.action.install": "installation in the workspace",
    "privacy.anonymous.on": (
        "The “Shall we meet again?” summary now shows counts and comments without names. "
        "The question tells the members so."
    ),
    "privacy.anonymous.off": "The “Shall we meet again?” summary now shows who answered what.",
    "privacy.pulse.anonymous": "The answers are anonymous – the organisers see counts and comments without names.",
    "scheduler.kind.retention_report": "Retention report",
    "privacy.retention.header": "Deletion of old data",
    "privacy.retention.body": (
        "We have deleted what was kept longer than {months} months, from before {cutoff}: {what}. "
        "Guldlänken's winners are kept."
    ),
    "privacy.retention.checkins": "{count} check-ins",
    "privacy.retention.pulse_answers": "{count} answers to “Shall we meet again?”",
    "privacy.retention.rsvps": "{count} answers to invitations",
    "privacy.retention.nominations": "{count} nominations",
    "privacy.retention.deliveries": "{count} message references in the delivery log",
}
