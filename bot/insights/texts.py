"""Texts for the insights: the history chart, the shared themes and the minutes draft."""

SV: dict[str, str] = {
    # Gemensamma teman
    "insights.themes.heading": "Gemensamma teman",
    "insights.themes.none": "Inga teman nämns av mer än en organisation den här gången.",
    "insights.themes.item": "{theme} – {organisations}",
    # The history chart
    "insights.chart.title": "{network:genitive} träffar {first} – {last}",
    "insights.chart.participation": "Deltagare per organisation",
    "insights.chart.participants_axis": "Deltagare",
    "insights.chart.yes_share": "Andel som svarade ja på ”Vill ni träffas igen?”",
    "insights.chart.yes_axis": "Andel ja",
    "insights.chart.others": "Övriga ({count})",
    "insights.chart.no_organisation": "Utan organisation",
    "insights.chart.alt": (
        "Diagram över {meetings} träffar från {first} till {last}. I snitt deltog {average} personer "
        "från {organisations} organisationer per träff."
    ),
    "insights.chart.alt_yes": (
        " Vid den senaste träffen med svar svarade {latest} ja på frågan Vill ni träffas igen? – {overall} sett över alla träffar."
    ),
    "insights.chart.alt_no_answers": " Ingen har svarat på frågan Vill ni träffas igen? ännu.",
    "insights.chart.none": "Det finns inga genomförda träffar att visa ännu.",
    # The minutes draft
    "insights.minutes.title": "Protokoll från {network:genitive} träff",
    "insights.minutes.draft": "Utkast – redigera det gärna innan du delar det.",
    "insights.minutes.when": "Tid",
    "insights.minutes.place": "Plats",
    "insights.minutes.no_place": "Ingen plats angiven",
    "insights.minutes.attendance": "Närvarande",
    "insights.minutes.no_attendance": "Ingen närvaro är registrerad.",
    "insights.minutes.substitute": "{name} (ersättare för {for_name})",
    "insights.minutes.checkins": "Incheckningar",
    "insights.minutes.checkins_intro": "Incheckningar som deltagarna delat med nätverket, per organisation.",
    "insights.minutes.no_checkins": "Ingen incheckning är delad med nätverket.",
    "insights.minutes.pulse": "Vill ni träffas igen?",
    "insights.minutes.pulse_result": "Ja: {yes}. Nej: {no}. Kommentarer: {comments}.",
    "insights.minutes.no_pulse": "Ingen har svarat ännu.",
    # The history of past meetings (`historik`, the Home tab)
    "insights.history.title": "{network:genitive} träffar hittills",
    "insights.history.intro": "{held} genomförda träffar, den senaste först. Kom räknar de som tackat ja och ersättarna.",
    "insights.history.intro_cancelled": "{cancelled} inställda träffar räknas inte.",
    "insights.history.line": (
        "*{day}* – {invited} inbjudna · {checked_in} checkade in · {came} kom · {share}"
    ),
    "insights.history.yes": "{share} vill träffas igen",
    "insights.history.no_answers": "inga svar på ”Vill ni träffas igen?”",
    "insights.history.cancelled": "*{day}* – inställd",
    "insights.history.continued": "{network:genitive} träffar (fortsättning {part}/{parts})",
    "insights.history.none": (
        "Här visar vi hur nätverkets träffar har gått när den första träffen är genomförd. "
        "Planera en träff med `/chefsnatverket träff`."
    ),
    "insights.history.home_title": "Tidigare träffar",
    "insights.history.home_more": "Hela historiken och ett diagram får du med `/chefsnatverket historik`.",
    "insights.history.sent": (
        "Historiken över {held} träffar och diagrammet finns nu i vårt direktmeddelande till dig."
    ),
    "insights.history.sent_no_chart": (
        "Historiken finns nu i vårt direktmeddelande till dig. Alla träffar hittills är inställda, "
        "så det blir inget diagram den här gången."
    ),
    # Minutes export
    "insights.minutes.comment": "Utkast till protokoll från träffen {when}, som Word-fil och Markdown.",
    "insights.minutes.sent": (
        "Utkastet till protokoll från träffen {when} finns nu i vårt direktmeddelande till dig."
    ),
    "insights.error.no_past_meeting": (
        "Det finns ingen genomförd träff att skriva protokoll från ännu. Efter träffen fungerar "
        "`/chefsnatverket export protokoll`."
    ),
    "insights.error.no_meeting_on": (
        "Vi hittar ingen träff den {date}. Skriv datumet för en träff, till exempel "
        "`/chefsnatverket export protokoll {example}`."
    ),
    "insights.parse.minutes_date": (
        "Skriv datumet som 2027-03-11, till exempel `/chefsnatverket export protokoll {date}`. "
        "Utan datum får du protokollet från den senaste träffen."
    ),
}

EN: dict[str, str] = {
    "insights.themes.heading": "Shared themes",
    "insights.themes.none": "No theme is mentioned by more than one organisation this time.",
    "insights.themes.item": "{theme} – {organisations}",
    # English says "the network's" in these titles, as it always has ({network:omit} is empty).
    "insights.chart.title": "The network's meetings {first} – {last}{network:omit}",
    "insights.chart.participation": "Participants per organisation",
    "insights.chart.participants_axis": "Participants",
    "insights.chart.yes_share": "Share answering yes to “Shall we meet again?”",
    "insights.chart.yes_axis": "Share yes",
    "insights.chart.others": "Others ({count})",
    "insights.chart.no_organisation": "No organisation",
    "insights.chart.alt": (
        "Chart of {meetings} meetings from {first} to {last}. On average {average} people from "
        "{organisations} organisations took part per meeting."
    ),
    "insights.chart.alt_yes": (
        " At the latest meeting with answers {latest} answered yes to Shall we meet again? – {overall} over all meetings."
    ),
    "insights.chart.alt_no_answers": " Nobody has answered Shall we meet again? yet.",
    "insights.chart.none": "There are no past meetings to show yet.",
    "insights.minutes.title": "Minutes of the network's meeting{network:omit}",
    "insights.minutes.draft": "Draft – edit it before you share it.",
    "insights.minutes.when": "Time",
    "insights.minutes.place": "Place",
    "insights.minutes.no_place": "No place given",
    "insights.minutes.attendance": "Present",
    "insights.minutes.no_attendance": "No attendance is recorded.",
    "insights.minutes.substitute": "{name} (substitute for {for_name})",
    "insights.minutes.checkins": "Check-ins",
    "insights.minutes.checkins_intro": "Check-ins the participants shared with the network, by organisation.",
    "insights.minutes.no_checkins": "No check-in is shared with the network.",
    "insights.minutes.pulse": "Shall we meet again?",
    "insights.minutes.pulse_result": "Yes: {yes}. No: {no}. Comments: {comments}.",
    "insights.minutes.no_pulse": "Nobody has answered yet.",
    "insights.history.title": "The network's meetings so far{network:omit}",
    "insights.history.intro": "{held} meetings held, the latest first. Came counts those who said yes and the substitutes.",
    "insights.history.intro_cancelled": "{cancelled} cancelled meetings are not counted.",
    "insights.history.line": "*{day}* – {invited} invited · {checked_in} checked in · {came} came · {share}",
    "insights.history.yes": "{share} want to meet again",
    "insights.history.no_answers": "no answers to “Shall we meet again?”",
    "insights.history.cancelled": "*{day}* – cancelled",
    "insights.history.continued": "The network's meetings (continued {part}/{parts}){network:omit}",
    "insights.history.none": (
        "Once the first meeting has been held, we show here how the meetings went. "
        "Plan a meeting with `/chefsnatverket träff`."
    ),
    "insights.history.home_title": "Past meetings",
    "insights.history.home_more": "The whole history and a chart: `/chefsnatverket historik`.",
    "insights.history.sent": "The history of {held} meetings and the chart are now in our direct message to you.",
    "insights.history.sent_no_chart": (
        "The history is now in our direct message to you. Every meeting so far was cancelled, "
        "so there is no chart this time."
    ),
    "insights.minutes.comment": "Draft minutes of the meeting {when}, as a Word file and Markdown.",
    "insights.minutes.sent": "The draft minutes of the meeting {when} are now in our direct message to you.",
    "insights.error.no_past_meeting": (
        "There is no past meeting to write minutes for yet. After the meeting, "
        "`/chefsnatverket export protokoll` works."
    ),
    "insights.error.no_meeting_on": (
        "We find no meeting on {date}. Give the date of a meeting, for example "
        "`/chefsnatverket export protokoll {example}`."
    ),
    "insights.parse.minutes_date": (
        "Write the date as 2027-03-11, for example `/chefsnatverket export protokoll {date}`. "
        "Without a date you get the minutes of the latest meeting."
    ),
}
