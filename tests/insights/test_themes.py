"""Gemensamma teman on Swedish answers written for these tests."""

from __future__ import annotations

from bot.insights.themes import Theme, common_themes


def _texts(themes: list[Theme]) -> list[str]:
    return [theme.text for theme in themes]


def test_inflections_of_one_word_and_one_phrase_meet_across_organisations() -> None:
    answers = {
        "Malmö stad": ["Omställningen tar det mesta av min tid. Vi möter unga vuxna som står utanför."],
        "Region Skåne": ["Vi planerar en omställning. Fokus på varje ung vuxen med psykisk ohälsa."],
    }
    themes = common_themes(answers)
    assert _texts(themes) == ["omställning", "ung vuxen"]
    assert all(theme.organisations == ("Malmö stad", "Region Skåne") for theme in themes)
    assert all(theme.count == 2 for theme in themes)


def test_a_phrase_replaces_its_words_but_a_word_named_more_widely_stays() -> None:
    answers = {
        "Lunds kommun": ["Unga vuxna i fokus."],
        "Burlövs kommun": ["Många unga vuxna söker stöd."],
        "Kävlinge kommun": ["Unga som hoppar av gymnasiet."],
    }
    themes = common_themes(answers)
    # "unga" reaches three organisations, the phrase two: both are themes; "vuxna" alone is not.
    assert [(th.text, th.organisations) for th in themes] == [
        ("unga", ("Burlövs kommun", "Kävlinge kommun", "Lunds kommun")),
        ("unga vuxna", ("Burlövs kommun", "Lunds kommun")),
    ]


def test_one_organisation_alone_gives_no_theme() -> None:
    answers = {"Malmö stad": ["Omställning, omställning och åter omställningen.", "Omställningen igen."]}
    assert common_themes(answers) == []


def test_stop_words_emoji_urls_numbers_and_slack_markup_give_no_themes() -> None:
    answers = {
        "Malmö stad": [
            "Det är som det är, och vi är här.",
            "🎉🎉 :tada: https://malmo.se/omstallning 2027 <@U123ABC> <#C42|kanal> <!channel>",
        ],
        "Region Skåne": [
            "Vi är här och det är som det är.",
            "🎉 :tada: www.skane.se 2027 <@U123ABC> <https://skane.se|länk> anna@skane.se",
        ],
    }
    assert common_themes(answers) == []


def test_slack_markup_breaks_phrases_and_hides_its_words() -> None:
    answers = {
        "A": ["Arbetsmarknad <https://example.se|insatser> utbildning"],
        "B": ["Arbetsmarknad <https://example.se|insatser> utbildning"],
    }
    assert _texts(common_themes(answers)) == ["arbetsmarknad", "utbildning"]


def test_the_most_frequent_surface_form_is_shown_and_sentence_capitals_are_dropped() -> None:
    answers = {
        "A": ["Samverkan är nyckeln.", "Mer samverkan behövs."],
        "B": ["Vi samverkar redan.", "Samverkan med Arbetsförmedlingen."],
        "C": ["Kontakt med Arbetsförmedlingen."],
    }
    themes = common_themes(answers)
    assert [(th.text, th.organisations, th.count) for th in themes] == [
        ("samverkan", ("A", "B"), 4),
        ("Arbetsförmedlingen", ("B", "C"), 2),
    ]


def test_ranked_by_organisations_then_mentions_and_limited() -> None:
    answers = {
        "A": ["Budget, budget, budget. Lokaler. Rekrytering."],
        "B": ["Budget. Lokaler. Rekrytering."],
        "C": ["rekrytering"],
    }
    themes = common_themes(answers)
    assert _texts(themes) == ["rekrytering", "budget", "lokaler"]
    assert _texts(common_themes(answers, limit=1)) == ["rekrytering"]
    assert common_themes(answers, limit=0) == []


def test_at_most_ten_by_default() -> None:
    words = [f"ämne{letter}" for letter in "abcdefghijklmnop"]
    answers = {"A": [". ".join(words)], "B": [". ".join(words)]}
    assert len(common_themes(answers)) == 10


def test_organisations_are_sorted_the_swedish_way() -> None:
    answers = {name: ["psykisk ohälsa"] for name in ("Östra Göinge", "Ängelholm", "Åstorp", "Zeta")}
    (theme,) = common_themes(answers)
    assert theme.organisations == ("Zeta", "Åstorp", "Ängelholm", "Östra Göinge")


def test_deterministic_whatever_the_order_of_the_input() -> None:
    answers = {
        "A": ["Budget och lokaler. Rekrytering av chefer."],
        "B": ["Lokaler, budget. Chefer."],
        "C": ["Rekrytering", "chefer"],
    }
    reversed_answers = {org: list(reversed(texts)) for org, texts in reversed(list(answers.items()))}
    assert common_themes(answers) == common_themes(reversed_answers)


def test_empty_and_blank_answers() -> None:
    assert common_themes({}) == []
    assert common_themes({"A": [], "B": ["", "   "]}) == []
