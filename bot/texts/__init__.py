"""All user-facing texts, Swedish first, English second, gathered from the feature packages.

Each feature keeps its catalog in its own `texts` module (`SV` and `EN` dicts); `t()` looks a key
up in the chosen language, falling back to Swedish, and formats it with keyword arguments.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import bot
from bot.formatting import network_names
from bot.texts import common


def _is_catalog(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return not name.startswith("bot.texts") and (last == "texts" or last.endswith("_texts"))


def _feature_catalogs() -> tuple[ModuleType, ...]:
    """Every `texts` (or `*_texts`) module under bot/ (bot/award/texts.py, bot/award/web/texts.py,
    bot/award/winner_texts.py), found rather than listed, so a feature registers its texts by
    having them."""
    names = sorted(
        info.name for info in pkgutil.walk_packages(bot.__path__, "bot.") if _is_catalog(info.name)
    )
    return tuple(importlib.import_module(name) for name in names)


_MODULES: tuple[ModuleType, ...] = (common, *_feature_catalogs())


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
    """The text for `key` in `lang` (Swedish when missing there), formatted with `kwargs`.

    A text about the network (`{network}`, `{network:genitive}`) names the first network,
    "Chefsnätverket", unless the caller passes the network's own name (`network_names`)."""
    catalog = CATALOGS.get(lang, CATALOGS["sv"])
    template = catalog.get(key) or CATALOGS["sv"][key]
    if "{network" in template:
        kwargs = {**network_names(None), **kwargs}
    return template.format(**kwargs) if kwargs else template
