"""Texts for the insights: the history chart, the shared themes and the minutes draft."""

SV: dict[str, str] = {
    # Gemensamma teman
    "insights.themes.heading": "Gemensamma teman",
    "insights.themes.none": "Inga teman nämns av mer än en organisation den här gången.",
    "insights.themes.item": "{theme} – {organisations}",
    # The history chart
    "insights.chart.title": "Chefsnätverkets träffar {first} – {last}",
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
    "insights.minutes.title": "Protokoll från Chefsnätverkets träff",
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
}

EN: dict[str, str] = {
    "insights.themes.heading": "Shared themes",
    "insights.themes.none": "No theme is mentioned by more than one organisation this time.",
    "insights.themes.item": "{theme} – {organisations}",
    "insights.chart.title": "The network's meetings {first} – {last}",
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
    "insights.minutes.title": "Minutes of the network's meeting",
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
}
