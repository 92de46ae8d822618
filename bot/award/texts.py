"""Texts for Guldlänken: the nomination modal, the nominator's list and the scheduled messages
(announcement, reminders, jury summary). The organisers' round commands and the export have theirs
in bot/award/admin_texts.py."""

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
}
