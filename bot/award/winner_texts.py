"""Texts for Guldlänken's end of the year: the jury's decision (*Utse vinnare*), the announcement
of the winner, the congratulation and thank-you DMs, the list of winners, and the jury's file."""

_EXAMPLE = "`/chefsnatverket guldlanken vinnare 2018 Emma Kvist, Arbetsförmedlingen`"

SV: dict[str, str] = {
    # The decision modal
    "award.decide.button": "Utse vinnare",
    "award.decide.title": "Utse vinnare",
    "award.decide.submit": "Spara beslutet",
    "award.decide.close": "Avbryt",
    "award.decide.intro": (
        "*Guldlänken {year}*: välj vinnaren bland de nominerade, skriv juryns motivering och välj när "
        "vinnaren ska tillkännages i {channel}. Vinnaren får veta det i samma stund – inte tidigare. "
        "Fram till dess kan du ändra beslutet här."
    ),
    "award.decide.planned": "Beslutet är sparat och tillkännages {when}. Ändra det som behövs och spara igen.",
    "award.decide.winners": "Vinnare",
    "award.decide.winners_hint": "Välj en eller flera bland de nominerade.",
    "award.decide.winners_placeholder": "Välj bland de nominerade",
    "award.decide.option": "{nominee}{organisation} – {count}",
    "award.decide.citation": "Juryns motivering",
    "award.decide.citation_hint": (
        "Den finns med i tillkännagivandet och i grattismeddelandet till vinnaren. Högst {max} tecken."
    ),
    "award.decide.date": "Dag för tillkännagivandet",
    "award.decide.time": "Klockslag (svensk tid)",
    "award.decide.error.no_winner": "Välj minst en vinnare bland de nominerade.",
    "award.decide.error.unknown_winner": "Någon av de valda finns inte bland nomineringarna. Välj vinnaren i listan igen.",
    "award.decide.error.no_citation": "Skriv juryns motivering. Några meningar räcker.",
    "award.decide.error.citation_too_long": "Motiveringen får vara högst {max} tecken (nu {count}).",
    "award.decide.error.no_date": "Välj dag för tillkännagivandet.",
    "award.decide.error.no_time": "Välj klockslag för tillkännagivandet, till exempel 10.00.",
    "award.decide.error.past": "{when} har redan varit. Välj en tidpunkt längre fram.",
    "award.decide.announced": (
        "Vinnaren av Guldlänken {year} tillkännagavs {when}, så beslutet kan inte längre ändras."
    ),
    "award.decide.no_round": (
        "Det finns ingen omgång av Guldlänken att utse vinnare i. Vinnaren utses när juryn har fått nomineringarna."
    ),
    "award.decide.not_yet": (
        "Nomineringen till Guldlänken {year} pågår fortfarande. Vinnaren utses när juryn har fått nomineringarna."
    ),
    "award.decide.no_nominees": "Inga nomineringar kom in till Guldlänken {year}, så det finns ingen vinnare att utse.",
    "award.decide.saved_title": "Beslutet är sparat",
    "award.decide.saved": (
        "*{names}* får Guldlänken {year}. Tillkännagivandet går till {channel} {when}. "
        "Vinnare som finns i Slack får ett grattismeddelande i samma stund.\n"
        "Fram till dess kan du ändra beslutet med *Utse vinnare*."
    ),
    "award.decide.jury_prompt": "När juryn har bestämt sig: utse vinnaren och välj när den ska tillkännages.",
    "award.decide.home": "*Guldlänken {year}*: juryn har fått nomineringarna. Utse vinnaren när juryn har bestämt sig.",
    "award.decide.home_planned": "*Guldlänken {year}*: vinnaren tillkännages {when}. Beslutet går att ändra fram till dess.",
    # The announcement, the congratulation and the thanks
    "award.win.header": "Guldlänken {year} – grattis till vinnaren!",
    "award.win.header_many": "Guldlänken {year} – grattis till vinnarna!",
    "award.win.body": "Guldlänken {year} går till *{names}*. Stort grattis!",
    "award.win.citation": "*Juryns motivering*",
    "award.win.context": "Tack till alla som nominerade. Alla vinnare genom åren ser ni med `/guldlanken vinnare`.",
    "award.win.fallback": "Guldlänken {year} går till {names}.",
    "award.win.and": " och ",
    "award.win.congrats": (
        "*Grattis!* Du får Guldlänken {year} för ditt arbete med att samverka över gränserna mellan "
        "organisationerna. Så här motiverar juryn:"
    ),
    "award.win.congrats_after": "Tillkännagivandet finns nu i {channel}.",
    "award.win.congrats_fallback": "Grattis! Du får Guldlänken {year}.",
    "award.win.thanks": (
        "Tack för din nominering till Guldlänken {year}! Juryn har utsett *{names}*, som du nominerade, "
        "till vinnare. Tillkännagivandet finns nu i {channel}."
    ),
    "award.win.thanks_fallback": "Den du nominerade får Guldlänken {year}.",
    "award.win.previous": "Guldlänken {year} gick till *{names}*. Vem blir nästa?",
    # /guldlanken vinnare
    "award.winners.title": "*Guldlänkens vinnare*",
    "award.winners.year": "*{year}* – {names}",
    "award.winners.none": "Det finns inga vinnare av Guldlänken sparade ännu.",
    # /chefsnatverket guldlanken vinnare ÅÅÅÅ Namn, Organisation
    "award.admin.winner_added": "Sparat: *{name}*{organisation} fick Guldlänken {year}. Alla vinnare ser du med `/guldlanken vinnare`.",
    "award.admin.winner_usage": "Skriv år, namn och organisation efter vinnare, till exempel "
    + _EXAMPLE
    + ".",
    "award.admin.winner_bad_year": "”{value}” är inget årtal. Skriv året med fyra siffror, till exempel "
    + _EXAMPLE
    + ".",
    "award.admin.winner_future": (
        "Guldlänken {year} är inte utdelad ännu. Här läggs vinnare från tidigare år till, till exempel "
        + _EXAMPLE
        + "."
    ),
    "award.admin.winner_too_long": "Namnet och organisationen får vara högst {max} tecken var. Exempel: "
    + _EXAMPLE
    + ".",
    "award.admin.winner_round_year": (
        "Guldlänken {year} har en omgång i appen. Utse vinnaren med knappen *Utse vinnare* i juryns underlag "
        "eller på fliken Hem."
    ),
    "award.admin.winner_exists": "*{name}* finns redan som vinnare {year}. Alla vinnare ser du med `/guldlanken vinnare`.",
    # The jury's reading as a file
    "award.reading.comment": (
        "Guldlänken {year}: nomineringarna också som fil, att läsa i lugn och ro (Markdown och Word). "
        "Underlaget är konfidentiellt."
    ),
    "award.reading.filename": "guldlanken-{year}-nomineringar",
    "award.reading.title": "Guldlänken {year} – nomineringarna",
    "award.reading.intro": "Nomineringen stängde {closed}. Det kom in {count} som gäller {nominees}.",
    "award.reading.confidential": (
        "Underlaget är konfidentiellt: dela det inte utanför juryn och berätta inte för någon nominerad "
        "vem som nominerat."
    ),
    "award.reading.by": "Nominerad av {nominator}, {when}",
    "award.reading.partner": "Tillsammans med: {partner}",
    # What the scheduler calls these sends when it reports a problem
    "scheduler.kind.award_winner_announcement": "Guldlänken: tillkännagivandet av vinnaren",
    "scheduler.kind.award_winner_congratulation": "Guldlänken: grattis till vinnaren",
    "scheduler.kind.award_winner_thanks": "Guldlänken: tack till den som nominerade vinnaren",
    "scheduler.kind.award_jury_reading": "Guldlänken: nomineringarna som fil",
}

EN: dict[str, str] = {
    "award.decide.button": "Choose the winner",
    "award.decide.title": "Choose the winner",
    "award.decide.submit": "Save the decision",
    "award.decide.close": "Cancel",
    "award.decide.intro": (
        "*Guldlänken {year}*: pick the winner among the nominees, write the jury's citation and choose when "
        "the winner is announced in {channel}. The winner learns it at that moment – not before. "
        "Until then you can change the decision here."
    ),
    "award.decide.planned": "The decision is saved and announced {when}. Change what you need and save again.",
    "award.decide.winners": "Winner",
    "award.decide.winners_hint": "Pick one or more among the nominees.",
    "award.decide.winners_placeholder": "Pick among the nominees",
    "award.decide.option": "{nominee}{organisation} – {count}",
    "award.decide.citation": "The jury's citation",
    "award.decide.citation_hint": "It is part of the announcement and of the winner's congratulation. At most {max} characters.",
    "award.decide.date": "Day of the announcement",
    "award.decide.time": "Time (Swedish time)",
    "award.decide.error.no_winner": "Pick at least one winner among the nominees.",
    "award.decide.error.unknown_winner": "One of those picked is not among the nominations. Pick the winner again.",
    "award.decide.error.no_citation": "Write the jury's citation. A few sentences will do.",
    "award.decide.error.citation_too_long": "The citation may have at most {max} characters (now {count}).",
    "award.decide.error.no_date": "Pick the day of the announcement.",
    "award.decide.error.no_time": "Pick the time of the announcement, e.g. 10:00.",
    "award.decide.error.past": "{when} has passed. Pick a later moment.",
    "award.decide.announced": "The winner of Guldlänken {year} was announced {when}; the decision can no longer change.",
    "award.decide.no_round": "There is no Guldlänken round to choose a winner in. That comes after the jury has the nominations.",
    "award.decide.not_yet": "Nominations for Guldlänken {year} are still open. The winner is chosen after the jury has them.",
    "award.decide.no_nominees": "No nominations came in for Guldlänken {year}, so there is no winner to choose.",
    "award.decide.saved_title": "Decision saved",
    "award.decide.saved": (
        "*{names}* receives Guldlänken {year}. The announcement goes to {channel} {when}. "
        "Winners in Slack get a congratulation at the same moment.\n"
        "Until then you can change the decision with *Choose the winner*."
    ),
    "award.decide.jury_prompt": "When the jury has decided: choose the winner and when to announce.",
    "award.decide.home": "*Guldlänken {year}*: the jury has the nominations. Choose the winner once the jury has decided.",
    "award.decide.home_planned": "*Guldlänken {year}*: the winner is announced {when}. The decision can change until then.",
    "award.win.header": "Guldlänken {year} – congratulations to the winner!",
    "award.win.header_many": "Guldlänken {year} – congratulations to the winners!",
    "award.win.body": "Guldlänken {year} goes to *{names}*. Congratulations!",
    "award.win.citation": "*The jury's citation*",
    "award.win.context": "Thank you to everyone who nominated. See every winner over the years with `/guldlanken vinnare`.",
    "award.win.fallback": "Guldlänken {year} goes to {names}.",
    "award.win.and": " and ",
    "award.win.congrats": (
        "*Congratulations!* You receive Guldlänken {year} for your work collaborating across "
        "organisational borders. The jury's citation:"
    ),
    "award.win.congrats_after": "The announcement is now in {channel}.",
    "award.win.congrats_fallback": "Congratulations! You receive Guldlänken {year}.",
    "award.win.thanks": (
        "Thank you for your nomination for Guldlänken {year}! The jury chose *{names}*, whom you nominated, "
        "as the winner. The announcement is now in {channel}."
    ),
    "award.win.thanks_fallback": "The person you nominated receives Guldlänken {year}.",
    "award.win.previous": "Guldlänken {year} went to *{names}*. Who is next?",
    "award.winners.title": "*Guldlänken's winners*",
    "award.winners.year": "*{year}* – {names}",
    "award.winners.none": "No Guldlänken winners are saved yet.",
    "award.admin.winner_added": "Saved: *{name}*{organisation} received Guldlänken {year}. See every winner with `/guldlanken vinnare`.",
    "award.admin.winner_usage": "Write year, name and organisation after vinnare, e.g. " + _EXAMPLE + ".",
    "award.admin.winner_bad_year": "“{value}” is not a year. Write it with four digits, e.g. "
    + _EXAMPLE
    + ".",
    "award.admin.winner_future": "Guldlänken {year} has not been awarded yet. Add winners of earlier years, e.g. "
    + _EXAMPLE
    + ".",
    "award.admin.winner_too_long": "Name and organisation may have at most {max} characters each. E.g. "
    + _EXAMPLE
    + ".",
    "award.admin.winner_round_year": (
        "Guldlänken {year} has a round in the app. Choose its winner with *Choose the winner* in the jury's "
        "summary or on the Home tab."
    ),
    "award.admin.winner_exists": "*{name}* is already a winner of {year}. See every winner with `/guldlanken vinnare`.",
    "award.reading.comment": "Guldlänken {year}: the nominations as a file too, to read at leisure (Markdown and Word). Confidential.",
    "award.reading.filename": "guldlanken-{year}-nominations",
    "award.reading.title": "Guldlänken {year} – the nominations",
    "award.reading.intro": "Nominations closed {closed}. {count} came in for {nominees}.",
    "award.reading.confidential": "This is confidential: keep it within the jury and never tell a nominee who nominated them.",
    "award.reading.by": "Nominated by {nominator}, {when}",
    "award.reading.partner": "Together with: {partner}",
    "scheduler.kind.award_winner_announcement": "Guldlänken: the winner's announcement",
    "scheduler.kind.award_winner_congratulation": "Guldlänken: congratulation to the winner",
    "scheduler.kind.award_winner_thanks": "Guldlänken: thanks to the winner's nominators",
    "scheduler.kind.award_jury_reading": "Guldlänken: the nominations as a file",
}
