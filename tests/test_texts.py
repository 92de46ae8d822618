"""The text catalogs: English mirrors Swedish key for key and placeholder for placeholder."""

from __future__ import annotations

import string

from bot.texts import CATALOGS, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_swedish_text_has_an_english_twin() -> None:
    assert set(CATALOGS["sv"]) == set(CATALOGS["en"])


def test_placeholders_match() -> None:
    mismatched = [
        k for k in CATALOGS["sv"] if _fields(CATALOGS["sv"][k]) != _fields(CATALOGS["en"].get(k, ""))
    ]
    assert mismatched == []


def test_lookup_falls_back_to_swedish_and_formats() -> None:
    assert t("error.not_organiser", "fi") == CATALOGS["sv"]["error.not_organiser"]
    assert "Only" in t("error.not_organiser", "en")
