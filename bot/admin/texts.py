"""Texts for what the organisers' command `/chefsnatverket` answers, and the admin modals. The
grammar's examples and explanations are in bot/admin/grammar_texts.py; the Home tab's own texts
in bot/home/texts.py."""

SV: dict[str, str] = {
    "admin.wait": "Ett ögonblick …",
    "admin.members_channel.set": (
        "Nätverkets sammanställning går nu till <#{channel_id}> när incheckningen stänger, "
        "med ett svar per organisation i tråden."
    ),
    "admin.members_channel.cleared": (
        "Nätverkets sammanställning går nu som direktmeddelande till varje medlem när incheckningen stänger."
    ),
    "admin.sharing.on": (
        "Delningen är på. Medlemmarna får nätverkets sammanställning när incheckningen stänger – "
        "bara de svar som är markerade Nätverket."
    ),
    "admin.sharing.off": (
        "Delningen är av. Medlemmarna får ingen sammanställning. Samordnarna får sin som vanligt."
    ),
    # ------------------------------------------------------------ refusals where the command runs
    "admin.error.past": "{when} har redan varit. Välj en tid framåt. Till exempel: {usage}",
    "admin.error.duplicate": (
        "Det finns redan en träff {when}. Välj en annan tid, eller flytta den träffen med `/chefsnatverket flytta`."
    ),
    "admin.error.no_meeting_to_move": "Det finns ingen planerad träff att flytta. Planera en ny med {usage}",
    "admin.error.no_meeting_to_cancel": "Det finns ingen planerad träff att ställa in.",
    "admin.error.no_meeting_on": "Det finns ingen planerad träff {day}. Skriv `/chefsnatverket status` för att se nästa.",
    "admin.error.unknown_user": (
        "Jag hittar inte den personen i Slack. Skriv @ och välj personen i listan. Inget är sparat."
    ),
    "admin.error.bot_user": "Det där är en app, inte en person. Inget är sparat.",
    "admin.error.deactivated_user": "Det kontot är avstängt i Slack. Inget är sparat.",
    "admin.error.not_a_member": "{person} är inte med i nätverket just nu, så det finns inget att ta bort.",
    "admin.error.bootstrap_organiser": (
        "{person} är samordnare genom appens inställning ORGANISERS och kan bara tas bort där."
    ),
    "admin.error.not_appointed": "{person} är inte utsedd till samordnare i appen.",
    "admin.error.no_channel": (
        "Ingen kanal för samordnarna är vald ännu. Välj en först med `/chefsnatverket kanal #kanal`, "
        "så postar jag sammanfattningen där."
    ),
    "admin.error.no_meeting_summary": "Det finns ingen träff att sammanfatta ännu.",
    "admin.error.channel_unreachable": (
        "Jag kan inte posta i <#{channel_id}>. Bjud in mig i kanalen med `/invite @Chefsnätverket` och försök igen."
    ),
    "admin.error.channel_not_found": (
        "Jag hittar inte den kanalen. Är den privat behöver du först bjuda in mig där med "
        "`/invite @Chefsnätverket`. Inget är sparat."
    ),
    "admin.error.no_meeting_export": "Det finns ingen träff att exportera incheckningar från ännu.",
    "admin.error.no_checkins_export": "Ingen har checkat in till träffen {when} ännu, så det finns inget att exportera.",
    "admin.error.person_required": "Välj en person.",
    "admin.error.organisation_required": "Skriv vilken organisation personen hör till.",
    "admin.error.date_required": "Välj ett datum.",
    "admin.error.time_required": "Välj ett klockslag.",
    "admin.error.time_skipped": "Det klockslaget finns inte den dagen (klockan ställs fram till sommartid).",
    # ------------------------------------------------------------ confirmations
    "admin.planned": "Träffen är planerad: *{when}*, {place}.",
    "admin.invitation_at": "Inbjudan går ut {when}.",
    "admin.invitation_soon": "Inbjudan går ut till medlemmarna inom några minuter.",
    "admin.deadline": "Incheckningen stänger {when}.",
    "admin.moved": "Träffen är flyttad från {old} till *{when}*, {place}.",
    "admin.moved.told": "Medlemmar som redan fått inbjudan får besked om ändringen.",
    "admin.moved.unchanged": "Träffen ligger redan {when}, {place}. Inget är ändrat.",
    "admin.cancelled": "Träffen *{when}* är inställd.",
    "admin.cancelled.told": "Medlemmar som redan fått inbjudan får besked om att den är inställd.",
    "admin.cancelled.nobody": "Ingen inbjudan hade gått ut, så ingen behöver få besked.",
    "admin.member.created": "{person} är tillagd som medlem för {organisation}.",
    "admin.member.reactivated": "{person} är med i nätverket igen, för {organisation}.",
    "admin.member.moved": "{person} hör nu till {organisation} (tidigare {before}).",
    "admin.member.unchanged": "{person} är redan medlem för {organisation}.",
    "admin.member.new_organisation": "{organisation} är ny i nätverket.",
    "admin.member.invite_next": "Hen får inbjudan till träffen {when} inom några minuter.",
    "admin.member.removed": (
        "{person} är borttagen ur nätverket och får inga fler utskick. Tidigare incheckningar finns kvar."
    ),
    "admin.organiser.appointed": (
        "{person} är nu samordnare och kan använda alla kommandon i `/chefsnatverket` och samordnarvyn i appens Hem-flik."
    ),
    "admin.organiser.already": "{person} är redan samordnare.",
    "admin.organiser.dismissed": "{person} är inte längre samordnare.",
    "admin.channel.set": "Sammanfattningar och rapporter går nu till <#{channel_id}>.",
    "admin.channel.invite": (
        "Jag är inte med i kanalen ännu. Bjud in mig med `/invite @Chefsnätverket`, annars kan jag inte posta där."
    ),
    "admin.summary.posted": "Sammanfattningen av incheckningarna till träffen {when} är postad i <#{channel_id}>.",
    "admin.export.comment": "Incheckningarna till träffen {when} ({count} st).",
    "admin.export.done": "Klart! Du har fått CSV-filen med {count} incheckningar i ett direktmeddelande från mig.",
    "admin.export.filename": "incheckningar-{date}.csv",
    "admin.settings.saved": "Inställningarna är sparade.",
    # ------------------------------------------------------------ CSV columns
    "admin.csv.organisation": "Organisation",
    "admin.csv.name": "Namn",
    "admin.csv.occupying": "Vad upptar min tid?",
    "admin.csv.changes": "Planerade förändringar i min organisation",
    "admin.csv.support": "Var vill jag ha stöd eller samverka?",
    "admin.csv.updated": "Uppdaterad",
    # ------------------------------------------------------------ lists and status
    "admin.members.title": "Medlemmar i {network}",
    "admin.members.summary": "{count} aktiva medlemmar i {organisations} organisationer.",
    "admin.members.empty": "Inga medlemmar ännu. Lägg till med `/chefsnatverket medlem @person Organisation`.",
    "admin.members.organisers": "*Samordnare:* {people}",
    "admin.members.no_organisation": "Utan organisation",
    "admin.status.title": "Status för {network}",
    "admin.status.meeting": "*Nästa träff:* {when}, {place}",
    "admin.status.no_meeting": "Ingen träff är planerad. Planera en med {usage}",
    "admin.status.count": "*{done} av {total}* har checkat in. Incheckningen stänger {deadline}.",
    "admin.status.count_closed": "*{done} av {total}* har checkat in. Incheckningen stängde {deadline}.",
    "admin.status.missing": "*Har inte checkat in:* {names}",
    "admin.status.all_done": "Alla har checkat in.",
    "admin.status.channel": "*Samordnarkanal:* <#{channel_id}>",
    "admin.status.no_channel": "*Samordnarkanal:* ingen vald ännu – välj med `/chefsnatverket kanal #kanal`",
    "admin.status.schedule": "*Utskick:*",
    "admin.status.no_schedule": "*Utskick:* inga planerade.",
    "admin.more_status": "… och {count} till (hela listan: `/chefsnatverket status`)",
    "admin.truncated": "… och {count} rader till som inte ryms här.",
    # ------------------------------------------------------------ help
    "admin.help.title": "Hjälp för {network}",
    "admin.help.member": (
        "*Det här kan du göra*\n"
        "• `/incheckning` – checka in inför nästa träff: vad som upptar din tid, planerade förändringar "
        "och var du vill ha stöd eller samverka. `/incheckning din text` sparar svaret direkt.\n"
        "• `/guldlanken` – nominera någon till Guldlänken. `/guldlanken mina` visar dina nomineringar.\n"
        "• Appens flik *Hem* visar nästa träff och om du har checkat in."
    ),
    "admin.help.organiser": (
        "*För samordnare:* `/chefsnatverket` och sedan\n"
        "• `träff {date} 13:00 Stadshuset, Malmö` – planera en träff (platsen kan vänta)\n"
        "• `flytta {date} 14:00` – flytta nästa träff (skriv en ny plats efter tiden om den ändras)\n"
        "• `ställ-in` – ställ in nästa träff (`ställ-in {date}` för en viss träff)\n"
        "• `medlem @Anna Region Skåne` – lägg till en medlem, eller flytta till en annan organisation\n"
        "• `ta-bort @Anna` – ta bort en medlem (tidigare incheckningar finns kvar)\n"
        "• `medlemmar` – alla medlemmar per organisation\n"
        "• `kanal #samordnare` – välj kanalen där sammanfattningar och rapporter postas\n"
        "• `medlemskanal #kanal` – skicka nätverkets sammanställning dit i stället för som DM\n"
        "• `delning av` / `delning på` – stäng av eller slå på nätverkets sammanställning\n"
        "• `status` – nästa träff, vem som har checkat in och vilka utskick som väntar\n"
        "• `sammanfattning` – posta sammanfattningen av incheckningarna nu\n"
        "• `export` – incheckningarna som CSV-fil i ett direktmeddelande\n"
        "• `historik` – alla tidigare träffar med ett diagram, i ett direktmeddelande\n"
        "• `export protokoll` – utkast till protokoll från senaste träffen (`export protokoll {date}` för en viss)\n"
        "• `guldlanken {award_date}` – öppna Guldlänken med sista dag för nomineringar\n"
        "• `export guldlanken` – Guldlänkens nomineringar som fil\n"
        "• `organisatör @Anna` – utse en samordnare (`organisatör ta-bort @Anna` tar bort)\n"
        "Samma saker når du med knapparna i appens flik *Hem*."
    ),
    # ------------------------------------------------------------ admin modals
    "admin.modal.close": "Stäng",
    "admin.modal.plan.title": "Planera träff",
    "admin.modal.plan.submit": "Planera",
    "admin.modal.plan.date": "Datum",
    "admin.modal.plan.time": "Klockslag",
    "admin.modal.plan.place": "Plats",
    "admin.modal.plan.place_hint": "Kan vänta; då står det ”plats meddelas senare”.",
    "admin.modal.plan.intro": "Inbjudan går ut enligt tidslinjen, normalt tre veckor före träffen.",
    "admin.modal.members.title": "Medlemmar",
    "admin.modal.members.submit": "Spara",
    "admin.modal.members.intro": "{count} aktiva medlemmar. Hela listan: `/chefsnatverket medlemmar`.",
    "admin.modal.members.person": "Person",
    "admin.modal.members.organisation": "Organisation",
    "admin.modal.members.organisation_hint": "Krävs när du lägger till. Finns organisationen redan räcker samma namn.",
    "admin.modal.members.mode": "Vad vill du göra?",
    "admin.modal.members.add": "Lägga till eller flytta till organisationen",
    "admin.modal.members.remove": "Ta bort ur nätverket",
    "admin.modal.settings.title": "Inställningar",
    "admin.modal.settings.submit": "Spara",
    "admin.modal.settings.channel": "Samordnarnas kanal",
    "admin.modal.settings.channel_hint": "Dit går sammanfattningar och rapporter. Bjud in appen i kanalen.",
    "admin.modal.settings.organisers": "Utsedda samordnare",
    "admin.modal.settings.organisers_hint": "Samordnare kan planera träffar, hantera medlemmar och se alla svar.",
    "admin.modal.settings.bootstrap": "Alltid samordnare (inställningen ORGANISERS): {people}",
    "admin.modal.refusal.title": "Chefsnätverket",
}

EN: dict[str, str] = {
    "admin.wait": "One moment …",
    "admin.members_channel.set": (
        "The network's compilation now goes to <#{channel_id}> when check-in closes, "
        "with one reply per organisation in the thread."
    ),
    "admin.members_channel.cleared": (
        "The network's compilation now goes as a direct message to each member when check-in closes."
    ),
    "admin.sharing.on": (
        "Sharing is on. The members get the network's compilation when check-in closes – "
        "only the answers marked for the network."
    ),
    "admin.sharing.off": "Sharing is off. The members get no compilation. The organisers get theirs as usual.",
    "admin.error.past": "{when} is in the past. Choose a time ahead. For example: {usage}",
    "admin.error.duplicate": (
        "There is already a meeting {when}. Choose another time, or move that meeting with `/chefsnatverket flytta`."
    ),
    "admin.error.no_meeting_to_move": "No meeting is planned, so there is nothing to move. Plan one with {usage}",
    "admin.error.no_meeting_to_cancel": "No meeting is planned, so there is nothing to cancel.",
    "admin.error.no_meeting_on": "No meeting is planned {day}. Type `/chefsnatverket status` to see the next one.",
    "admin.error.unknown_user": "I cannot find that person in Slack. Type @ and pick them from the list. Nothing was saved.",
    "admin.error.bot_user": "That is an app, not a person. Nothing was saved.",
    "admin.error.deactivated_user": "That account is deactivated in Slack. Nothing was saved.",
    "admin.error.not_a_member": "{person} is not in the network right now, so there is nothing to remove.",
    "admin.error.bootstrap_organiser": "{person} is an organiser through the ORGANISERS setting and can only be removed there.",
    "admin.error.not_appointed": "{person} has not been appointed an organiser in the app.",
    "admin.error.no_channel": (
        "No organisers' channel has been chosen yet. Choose one first with `/chefsnatverket kanal #channel` "
        "and I will post the summary there."
    ),
    "admin.error.no_meeting_summary": "There is no meeting to summarise yet.",
    "admin.error.channel_unreachable": (
        "I cannot post in <#{channel_id}>. Invite me with `/invite @Chefsnätverket` and try again."
    ),
    "admin.error.channel_not_found": (
        "I cannot find that channel. If it is private, invite me there first with `/invite @Chefsnätverket`. "
        "Nothing was saved."
    ),
    "admin.error.no_meeting_export": "There is no meeting to export check-ins from yet.",
    "admin.error.no_checkins_export": "Nobody has checked in for the meeting {when} yet, so there is nothing to export.",
    "admin.error.person_required": "Choose a person.",
    "admin.error.organisation_required": "Give the person's organisation.",
    "admin.error.date_required": "Choose a date.",
    "admin.error.time_required": "Choose a time.",
    "admin.error.time_skipped": "That time does not exist on that day (the clocks go forward).",
    "admin.planned": "The meeting is planned: *{when}*, {place}.",
    "admin.invitation_at": "The invitation goes out {when}.",
    "admin.invitation_soon": "The invitation goes out to the members within a few minutes.",
    "admin.deadline": "Check-in closes {when}.",
    "admin.moved": "The meeting has moved from {old} to *{when}*, {place}.",
    "admin.moved.told": "Members who already had the invitation will be told about the change.",
    "admin.moved.unchanged": "The meeting is already {when}, {place}. Nothing was changed.",
    "admin.cancelled": "The meeting *{when}* is cancelled.",
    "admin.cancelled.told": "Members who already had the invitation will be told it is cancelled.",
    "admin.cancelled.nobody": "No invitation had gone out, so nobody needs to be told.",
    "admin.member.created": "{person} is now a member for {organisation}.",
    "admin.member.reactivated": "{person} is back in the network, for {organisation}.",
    "admin.member.moved": "{person} now belongs to {organisation} (before: {before}).",
    "admin.member.unchanged": "{person} is already a member for {organisation}.",
    "admin.member.new_organisation": "{organisation} is new in the network.",
    "admin.member.invite_next": "They will get the invitation to the meeting {when} within a few minutes.",
    "admin.member.removed": "{person} is removed from the network and gets no more messages. Earlier check-ins are kept.",
    "admin.organiser.appointed": (
        "{person} is now an organiser and can use every `/chefsnatverket` command and the organisers' view on the Home tab."
    ),
    "admin.organiser.already": "{person} is already an organiser.",
    "admin.organiser.dismissed": "{person} is no longer an organiser.",
    "admin.channel.set": "Summaries and reports now go to <#{channel_id}>.",
    "admin.channel.invite": "I am not in that channel yet. Invite me with `/invite @Chefsnätverket`, or I cannot post there.",
    "admin.summary.posted": "The summary of the check-ins for the meeting {when} is posted in <#{channel_id}>.",
    "admin.export.comment": "The check-ins for the meeting {when} ({count}).",
    "admin.export.done": "Done! I have sent you the CSV file with {count} check-ins in a direct message.",
    "admin.export.filename": "checkins-{date}.csv",
    "admin.settings.saved": "The settings are saved.",
    "admin.csv.organisation": "Organisation",
    "admin.csv.name": "Name",
    "admin.csv.occupying": "What is taking up my time?",
    "admin.csv.changes": "Planned changes in my organisation",
    "admin.csv.support": "Where do I want support or collaboration?",
    "admin.csv.updated": "Updated",
    "admin.members.title": "Members of {network}",
    "admin.members.summary": "{count} active members in {organisations} organisations.",
    "admin.members.empty": "No members yet. Add one with `/chefsnatverket medlem @person Organisation`.",
    "admin.members.organisers": "*Organisers:* {people}",
    "admin.members.no_organisation": "No organisation",
    "admin.status.title": "{network} status",
    "admin.status.meeting": "*Next meeting:* {when}, {place}",
    "admin.status.no_meeting": "No meeting is planned. Plan one with {usage}",
    "admin.status.count": "*{done} of {total}* have checked in. Check-in closes {deadline}.",
    "admin.status.count_closed": "*{done} of {total}* checked in. Check-in closed {deadline}.",
    "admin.status.missing": "*Not checked in:* {names}",
    "admin.status.all_done": "Everybody has checked in.",
    "admin.status.channel": "*Organisers' channel:* <#{channel_id}>",
    "admin.status.no_channel": "*Organisers' channel:* none yet – choose one with `/chefsnatverket kanal #channel`",
    "admin.status.schedule": "*Messages:*",
    "admin.status.no_schedule": "*Messages:* none planned.",
    "admin.more_status": "… and {count} more (the full list: `/chefsnatverket status`)",
    "admin.truncated": "… and {count} more lines that do not fit here.",
    "admin.help.title": "{network} help",
    "admin.help.member": (
        "*What you can do*\n"
        "• `/incheckning` – check in for the next meeting: what takes up your time, planned changes and where "
        "you want support or collaboration. `/incheckning your text` saves the answer at once.\n"
        "• `/guldlanken` – nominate someone for Guldlänken. `/guldlanken mina` lists your nominations.\n"
        "• The app's *Home* tab shows the next meeting and whether you have checked in."
    ),
    "admin.help.organiser": (
        "*For organisers:* `/chefsnatverket` followed by\n"
        "• `träff {date} 13:00 City Hall, Malmö` – plan a meeting (the place can wait)\n"
        "• `flytta {date} 14:00` – move the next meeting (add a new place after the time if it changes)\n"
        "• `ställ-in` – cancel the next meeting (`ställ-in {date}` for a particular one)\n"
        "• `medlem @Anna Region Skåne` – add a member, or move them to another organisation\n"
        "• `ta-bort @Anna` – remove a member (earlier check-ins are kept)\n"
        "• `medlemmar` – every member by organisation\n"
        "• `kanal #organisers` – the channel for summaries and reports\n"
        "• `medlemskanal #channel` – send the network's compilation there instead of by DM\n"
        "• `delning av` / `delning på` – turn the network's compilation off or on\n"
        "• `status` – the next meeting, who has checked in and which messages are waiting\n"
        "• `sammanfattning` – post the check-in summary now\n"
        "• `export` – the check-ins as a CSV file in a direct message\n"
        "• `historik` – every past meeting with a chart, in a direct message\n"
        "• `export protokoll` – draft minutes of the latest meeting (`export protokoll {date}` for another)\n"
        "• `guldlanken {award_date}` – open Guldlänken with the last day for nominations\n"
        "• `export guldlanken` – Guldlänken's nominations as a file\n"
        "• `organisatör @Anna` – appoint an organiser (`organisatör ta-bort @Anna` removes)\n"
        "The buttons on the app's *Home* tab do the same."
    ),
    "admin.modal.close": "Close",
    "admin.modal.plan.title": "Plan a meeting",
    "admin.modal.plan.submit": "Plan",
    "admin.modal.plan.date": "Date",
    "admin.modal.plan.time": "Time",
    "admin.modal.plan.place": "Place",
    "admin.modal.plan.place_hint": "Can wait; it then says “place to be announced”.",
    "admin.modal.plan.intro": "The invitation goes out on the timeline, normally three weeks ahead.",
    "admin.modal.members.title": "Members",
    "admin.modal.members.submit": "Save",
    "admin.modal.members.intro": "{count} active members. The full list: `/chefsnatverket medlemmar`.",
    "admin.modal.members.person": "Person",
    "admin.modal.members.organisation": "Organisation",
    "admin.modal.members.organisation_hint": "Needed when adding. For an existing organisation, the same name is enough.",
    "admin.modal.members.mode": "What do you want to do?",
    "admin.modal.members.add": "Add, or move to the organisation",
    "admin.modal.members.remove": "Remove from the network",
    "admin.modal.settings.title": "Settings",
    "admin.modal.settings.submit": "Save",
    "admin.modal.settings.channel": "Organisers' channel",
    "admin.modal.settings.channel_hint": "Summaries and reports go there. Invite the app to the channel.",
    "admin.modal.settings.organisers": "Appointed organisers",
    "admin.modal.settings.organisers_hint": "Organisers can plan meetings, manage members and see every answer.",
    "admin.modal.settings.bootstrap": "Always organisers (the ORGANISERS setting): {people}",
    "admin.modal.refusal.title": "Chefsnätverket",
}
