"""One small translation layer for every text a user sees.

Messages are written in English in the code and looked up in one table per language
(`workshop/locale/<lang>_*.py`, each defining ``MESSAGES``). A message missing from a
table falls back to English, and a test lists any that are missing.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Callable

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE

# "short\x04Touchpoint": a context before \x04 (gettext's pgettext convention) lets the
# same English words take another translation where room is tight; English drops it.
CONTEXT = "\x04"


def normalise(lang: str | None) -> str:
    """'es_ES.UTF-8', 'ES', 'es-mx' -> 'es'; unknown -> the default."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every message of one language, merged from its table modules."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    from workshop import locale as package

    merged: dict[str, str] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith(f"{lang}_"):
            module = importlib.import_module(f"workshop.locale.{info.name}")
            merged.update(module.MESSAGES)
    return merged


def translate(message: str, lang: str | None = None, /, **values: object) -> str:
    table = catalog(normalise(lang or _current))
    text = table.get(message)
    if text is None:
        text = message.rpartition(CONTEXT)[2]
    return text.format(**values) if values else text


def translator(lang: str | None) -> Callable[..., str]:
    """A `t(message, **values)` bound to one language (a report, a session)."""
    code = normalise(lang)

    def t(message: str, /, **values: object) -> str:
        return translate(message, code, **values)

    t.lang = code  # type: ignore[attr-defined]
    return t


def set_language(lang: str | None) -> None:
    global _current
    _current = normalise(lang)


def current_language() -> str:
    return _current


def t(message: str, /, **values: object) -> str:
    """Translate into the current language (set from the session or --lang)."""
    return translate(message, _current, **values)
