"""The text catalogs: English mirrors Swedish key for key and placeholder for placeholder."""

from __future__ import annotations

import string

import pytest

from bot.texts import CATALOGS, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_swedish_text_has_an_english_twin() -> None:
    assert set(CATALOGS["sv"]) == set(CATALOGS["en"])


@pytest.mark.parametrize("key", sorted(CATALOGS["sv"]))
def test_placeholders_match(key: str) -> None:
    assert _fields(CATALOGS["sv"][key]) == _fields(CATALOGS["en"][key])


def test_lookup_falls_back_to_swedish_and_formats() -> None:
    assert t("error.not_organiser", "fi") == CATALOGS["sv"]["error.not_organiser"]
    assert "Only" in t("error.not_organiser", "en")
