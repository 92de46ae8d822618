"""All user-facing texts, Swedish first, English second, gathered from the feature packages.

Each feature keeps its catalog in its own `texts` module (`SV` and `EN` dicts); `t()` looks a key
up in the chosen language, falling back to Swedish, and formats it with keyword arguments.
"""

from __future__ import annotations

from types import ModuleType

from bot.admin import texts as admin
from bot.award import texts as award
from bot.award import winner_texts as award_winners
from bot.checkin import texts as checkin
from bot.meeting import texts as scheduler
from bot.pulse import texts as pulse
from bot.texts import common

_MODULES: tuple[ModuleType, ...] = (common, checkin, admin, scheduler, pulse, award, award_winners)


def _merge(attr: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in _MODULES:
        catalog: dict[str, str] = getattr(module, attr, {})
        clash = merged.keys() & catalog.keys()
        if clash:
            raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
        merged.update(catalog)
    return merged


CATALOGS: dict[str, dict[str, str]] = {"sv": _merge("SV"), "en": _merge("EN")}


def t(key: str, lang: str = "sv", /, **kwargs: object) -> str:
    """The text for `key` in `lang` (Swedish when missing there), formatted with `kwargs`."""
    catalog = CATALOGS.get(lang, CATALOGS["sv"])
    template = catalog.get(key) or CATALOGS["sv"][key]
    return template.format(**kwargs) if kwargs else template
