"""Texts of Guldlänken's public web form (the page is Swedish; English mirrors it key for key)."""

from __future__ import annotations

SV: dict[str, str] = {
    "award.web.site": "Chefsnätverket – Finsam",
    "award.web.skip": "Hoppa till innehållet",
    "award.web.title": "Nominera till Guldlänken {year}",
    "award.web.intro": (
        "Känner du någon som samverkar över gränserna mellan organisationerna, så att människor får "
        "det stöd de behöver? Nominera hen till Guldlänken {year}."
    ),
    "award.web.deadline": "Sista dag att nominera är {day}.",
    "award.web.privacy": (
        "Bara juryn läser nomineringarna. Den du nominerar får inte veta vem som nominerat."
    ),
    "award.web.required_note": "Alla fält måste fyllas i, utom de som är märkta frivilligt.",
    "award.web.nominee_legend": "Den du nominerar",
    "award.web.nominee_name": "Namn",
    "award.web.nominee_organisation": "Organisation",
    "award.web.nominee_organisation_hint": "Till exempel Arbetsförmedlingen eller Region Skåne.",
    "award.web.partner": "Samarbetspartner eller team (frivilligt)",
    "award.web.partner_hint": "Om ni nominerar ett samarbete: den andra personen eller teamets namn.",
    "award.web.motivation": "Motivering",
    "award.web.motivation_hint": (
        "Minst {min} och högst {max} tecken. Berätta vad personen har gjort och vad det har betytt."
    ),
    "award.web.nominator_legend": "Du som nominerar",
    "award.web.nominator_name": "Ditt namn",
    "award.web.nominator_email": "Din e-postadress",
    "award.web.nominator_email_hint": "Juryn kan höra av sig till dig. Bara juryn ser din adress.",
    "award.web.honeypot": "Lämna det här fältet tomt",
    "award.web.submit": "Skicka nomineringen",
    "award.web.error_title_prefix": "Fel: ",
    "award.web.error_summary": "Kontrollera formuläret",
    "award.web.error_prefix": "Fel:",
    "award.web.error.nominee_name": "Skriv namnet på den du nominerar.",
    "award.web.error.nominee_organisation": "Skriv vilken organisation personen arbetar i.",
    "award.web.error.nominator_name": "Skriv ditt namn.",
    "award.web.error.nominator_email": "Skriv din e-postadress, till exempel namn@kommun.se.",
    "award.web.error.email_invalid": "Skriv e-postadressen som namn@kommun.se.",
    "award.web.error.too_short": (
        "Motiveringen behöver vara minst {min} tecken (nu {count}). "
        "Skriv gärna några meningar om vad personen har gjort."
    ),
    "award.web.error.too_long": "Motiveringen får vara högst {max} tecken (nu {count}). Korta den gärna lite.",
    "award.web.error.field_too_long": "Högst {max} tecken (nu {count}).",
    "award.web.error.expired": (
        "Formuläret hann gå ut innan det skickades. Kontrollera uppgifterna och skicka igen."
    ),
    "award.web.error.rate_limited": (
        "Många nomineringar har skickats härifrån den senaste timmen. Försök igen om en stund – "
        "din text finns kvar nedan."
    ),
    "award.web.receipt_title": "Tack för din nominering",
    "award.web.receipt": "Vi har tagit emot din nominering av {nominee} till Guldlänken {year}.",
    "award.web.receipt_next": (
        "Juryn läser alla nomineringar efter sista dagen, {day}. Vill du ändra något? "
        "Skicka då en ny nominering – juryn ser båda."
    ),
    "award.web.another": "Nominera någon mer",
    "award.web.closed_title": "Nomineringen är stängd",
    "award.web.closed": (
        "Nomineringen är stängd. Nomineringen till Guldlänken {year} stängde {day}, "
        "och juryn läser nu nomineringarna. Tack till alla som nominerade!"
    ),
    "award.web.not_found_title": "Sidan finns inte",
    "award.web.not_found": (
        "Vi hittar ingen nominering på den här adressen. Kontrollera länken, "
        "eller be samordnarna i ert nätverk om den rätta."
    ),
    "award.web.too_large_title": "För mycket text",
    "award.web.too_large": "Formuläret innehöll för mycket text. Gå tillbaka och korta texten.",
    "award.web.method_title": "Det gick inte",
    "award.web.method": "Sidan kan bara visas eller ta emot ett formulär.",
    # Shown to the jury and the samordnare in Slack
    "award.web.jury_nominator": "{name} ({email}), via webbformulär",
    "award.web.link": "• Webbformulär för dem utanför Slack: {url}",
    "award.web.link_path": (
        "• Webbformulär för dem utanför Slack: `{path}` på appens webbadress "
        "(ange PUBLIC_URL så visar vi hela länken)"
    ),
}

EN: dict[str, str] = {
    "award.web.site": "Chefsnätverket – Finsam",
    "award.web.skip": "Skip to the content",
    "award.web.title": "Nominate for Guldlänken {year}",
    "award.web.intro": (
        "Do you know someone who collaborates across the organisations' borders, so that people get "
        "the support they need? Nominate them for Guldlänken {year}."
    ),
    "award.web.deadline": "The last day to nominate is {day}.",
    "award.web.privacy": "Only the jury reads the nominations. The nominee is not told who nominated them.",
    "award.web.required_note": "Every field is required, except those marked optional.",
    "award.web.nominee_legend": "The person you nominate",
    "award.web.nominee_name": "Name",
    "award.web.nominee_organisation": "Organisation",
    "award.web.nominee_organisation_hint": "For example Arbetsförmedlingen or Region Skåne.",
    "award.web.partner": "Partner or team (optional)",
    "award.web.partner_hint": "When you nominate a collaboration: the other person or the team's name.",
    "award.web.motivation": "Motivation",
    "award.web.motivation_hint": (
        "At least {min} and at most {max} characters. Tell what the person did and what it meant."
    ),
    "award.web.nominator_legend": "You, the nominator",
    "award.web.nominator_name": "Your name",
    "award.web.nominator_email": "Your e-mail address",
    "award.web.nominator_email_hint": "The jury may contact you. Only the jury sees your address.",
    "award.web.honeypot": "Leave this field empty",
    "award.web.submit": "Send the nomination",
    "award.web.error_title_prefix": "Error: ",
    "award.web.error_summary": "Please check the form",
    "award.web.error_prefix": "Error:",
    "award.web.error.nominee_name": "Write the name of the person you nominate.",
    "award.web.error.nominee_organisation": "Write which organisation the person works in.",
    "award.web.error.nominator_name": "Write your name.",
    "award.web.error.nominator_email": "Write your e-mail address, for example name@kommun.se.",
    "award.web.error.email_invalid": "Write the e-mail address as name@kommun.se.",
    "award.web.error.too_short": (
        "The motivation needs at least {min} characters (now {count}). "
        "A few sentences about what the person did are welcome."
    ),
    "award.web.error.too_long": "The motivation may have at most {max} characters (now {count}).",
    "award.web.error.field_too_long": "At most {max} characters (now {count}).",
    "award.web.error.expired": "The form expired before it was sent. Check the details and send it again.",
    "award.web.error.rate_limited": (
        "Many nominations have been sent from here in the last hour. Please try again later – "
        "your text is kept below."
    ),
    "award.web.receipt_title": "Thank you for your nomination",
    "award.web.receipt": "We have received your nomination of {nominee} for Guldlänken {year}.",
    "award.web.receipt_next": (
        "The jury reads every nomination after the last day, {day}. Want to change something? "
        "Send a new nomination – the jury sees both."
    ),
    "award.web.another": "Nominate someone else",
    "award.web.closed_title": "Nominations are closed",
    "award.web.closed": (
        "Nominations are closed. Nominations for Guldlänken {year} closed {day}, "
        "and the jury is now reading them. Thanks to everyone who nominated!"
    ),
    "award.web.not_found_title": "Page not found",
    "award.web.not_found": (
        "There is no nomination at this address. Check the link, or ask the network's organisers for it."
    ),
    "award.web.too_large_title": "Too much text",
    "award.web.too_large": "The form held too much text. Go back and shorten it.",
    "award.web.method_title": "That did not work",
    "award.web.method": "This page can only be shown or receive a form.",
    "award.web.jury_nominator": "{name} ({email}), via the web form",
    "award.web.link": "• Web form for people outside Slack: {url}",
    "award.web.link_path": (
        "• Web form for people outside Slack: `{path}` on the app's address "
        "(set PUBLIC_URL to show the whole link)"
    ),
}
