"""All user-facing texts, Swedish first, English second, gathered from the feature packages.

Each feature keeps its catalog in its own `texts` module (`SV` and `EN` dicts); `t()` looks a key
up in the chosen language, falling back to Swedish, and formats it with keyword arguments.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from types import ModuleType

import bot
from bot.texts import common


def _catalogs_under(prefix: str, paths: list[str]) -> list[ModuleType]:
    """The `texts` modules of the packages under `paths` and of their sub-packages
    (bot/award/texts.py, bot/award/web/texts.py), found rather than listed."""
    found = []
    for info in sorted(pkgutil.iter_modules(paths), key=lambda i: i.name):
        if not info.ispkg or (prefix == "bot" and info.name == "texts"):
            continue
        package = f"{prefix}.{info.name}"
        try:
            found.append(importlib.import_module(f"{package}.texts"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.texts":
                raise
        finder_path = getattr(info.module_finder, "path", None)
        if finder_path:
            found.extend(_catalogs_under(package, [os.path.join(finder_path, info.name)]))
    return found


def _feature_catalogs() -> tuple[ModuleType, ...]:
    """Every feature package's `texts` module (bot/<feature>/texts.py, and in its sub-packages),
    so a new feature registers its texts by having them."""
    return tuple(_catalogs_under("bot", list(bot.__path__)))


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
    """The text for `key` in `lang` (Swedish when missing there), formatted with `kwargs`."""
    catalog = CATALOGS.get(lang, CATALOGS["sv"])
    template = catalog.get(key) or CATALOGS["sv"][key]
    return template.format(**kwargs) if kwargs else template
