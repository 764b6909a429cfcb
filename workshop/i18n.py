"""One small translation layer for every text a user sees, backed by gettext and Babel.

Messages are written in English in the code (English is the message id) and translated
by gettext catalogs: ``workshop/locale/<lang>/LC_MESSAGES/workshop.po``, compiled to
``.mo`` when the package is built. The languages are the catalogs there, plus English:
adding a folder adds a language. Numbers, percentages and dates are written by Babel
in the language's own way (2,5 · 45 % · 26 de noviembre de 2026); a catalog gives its
language's decimal mark and percent sign, as Babel has them.

- ``t(message, **values)``: the current language; ``translator(lang)``: one language.
- ``"context\\x04message"`` is gettext's pgettext: the same English words can take
  another translation where room is tight ("short\\x04Touchpoint"); English drops it.
- ``t.plural(n, one, many, **values)`` is ngettext: the catalog knows how many forms
  its language has; ``{n}`` is filled in.
- ``N_(message)`` marks a message kept in a variable, translated where it is shown.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "workshop"
DEFAULT_LANGUAGE = "en"

# "short\x04Touchpoint": a context before \x04 (gettext's pgettext convention) lets the
# same English words take another translation where room is tight; English drops it.
CONTEXT = "\x04"
MINUS = "\u2212"


def _discover() -> tuple[str, ...]:
    """English, then every language that has a catalog (a .po in a source checkout, a
    .mo in an installed wheel). The folder is listed and each catalog looked for by its
    name: ``Path.glob`` made and compiled its patterns first, 0.25 ms of every start."""
    found = sorted(entry.name for entry in os.scandir(LOCALE_DIR)
                   if any(os.path.isfile(os.path.join(entry.path, "LC_MESSAGES", DOMAIN + suffix))
                          for suffix in (".po", ".mo")))
    return (DEFAULT_LANGUAGE, *found)


LANGUAGES = _discover()
_current = DEFAULT_LANGUAGE


def known(lang: str | None) -> str | None:
    """The catalog a language tag asks for, or None: 'es_ES.UTF-8', 'ES', 'es-mx' ->
    'es'; 'pt-br', 'pt', 'pt_PT' -> 'pt_BR' (the Portuguese we have); 'C' -> 'en'."""
    if not lang:
        return None
    tag = lang.strip().split(".")[0].split("@")[0].replace("-", "_")
    if tag.upper() in ("C", "POSIX"):
        return DEFAULT_LANGUAGE
    language, _, region = tag.partition("_")
    wanted = f"{language.lower()}_{region.upper()}" if region else language.lower()
    if wanted in LANGUAGES:
        return wanted
    for code in LANGUAGES:
        if code.split("_")[0] == language.lower():
            return code
    return None


def normalise(lang: str | None) -> str:
    """The catalog for a language tag; unknown or none -> the default (English)."""
    return known(lang) or DEFAULT_LANGUAGE


def catalog_path(lang: str, domain: str = DOMAIN, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}{suffix}"


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog of one language and domain. In a source checkout where the
    .po was edited after the .mo was built (or no .mo was built), the .po is compiled in
    memory instead, so a stale .mo is never read."""
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    po, mo = catalog_path(lang, domain), catalog_path(lang, domain, ".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    if mo.exists():
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """A .po file as .mo bytes (Babel), leaving out fuzzy and empty translations."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _catalog(lang: str | None) -> gettext.NullTranslations:
    # A catalog's own code (what a translator holds) is looked up as it is: normalising
    # it again gave the same code, at every message (a sixth of a long table's rows).
    code = lang or _current
    return translations(code if code in LANGUAGES else normalise(code))


def translate(message: str, lang: str | None = None, /, **values: object) -> str:
    found = _catalog(lang)
    context, marked, plain = message.rpartition(CONTEXT)
    text = found.pgettext(context, plain) if marked else found.gettext(message)
    return text.format(**_one_line_paths(values)) if values else text


def _one_line_paths(values: dict[str, object]) -> dict[str, object]:
    """A path in a message is shown on one line, whatever its name holds (a newline in a
    file name forged a "Skipped: …" line of its own). Only the line breaks and tabs: every
    other control character is made visible where the message leaves for a terminal
    (core.safetext, which this layer may not import)."""
    if not any(isinstance(v, os.PathLike) for v in values.values()):
        return values
    return {k: _one_line(os.fspath(v)) if isinstance(v, os.PathLike) else v
            for k, v in values.items()}


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n").replace("\t", "\\t")


def translate_plural(n: int, one: str, many: str, lang: str | None = None, /,
                     **values: object) -> str:
    """ngettext: the form of ``one``/``many`` the language uses for ``n``, filled in
    (``{n}`` is ``n`` unless ``values`` gives it as written: ``n=count_text(n)``)."""
    text = _catalog(lang).ngettext(one, many, n)
    return text.format(**{"n": n, **values})


def plural_count(number: float) -> int:
    """The count ngettext picks a form by for ``number`` written as it is: a whole number
    is its own count, a fraction takes the plural ("1.5 minutes", "1,5 minutos")."""
    return int(number) if float(number).is_integer() else 2


class Translator(Protocol):
    """``t(message, **values)``, ``t.plural(n, one, many, **values)`` and ``t.lang``."""

    @property
    def lang(self) -> str: ...

    def __call__(self, message: str, /, **values: object) -> str: ...

    def plural(self, n: int, one: str, many: str, /, **values: object) -> str: ...


class _Bound:
    """A translator bound to one language."""

    __slots__ = ("lang",)

    def __init__(self, code: str) -> None:
        self.lang = code

    def __call__(self, message: str, /, **values: object) -> str:
        return translate(message, self.lang, **values)

    def plural(self, n: int, one: str, many: str, /, **values: object) -> str:
        return translate_plural(n, one, many, self.lang, **values)


def translator(lang: str | None) -> Translator:
    """A `t(message, **values)` bound to one language (a report, a session), with
    ``t.plural`` and ``t.lang``."""
    return _Bound(normalise(lang))


def set_language(lang: str | None) -> None:
    global _current
    _current = normalise(lang)


def current_language() -> str:
    return _current


class _Current:
    """The translator of the current language (set from the session or --lang)."""

    __slots__ = ()

    @property
    def lang(self) -> str:
        return _current

    def __call__(self, message: str, /, **values: object) -> str:
        return translate(message, _current, **values)

    def plural(self, n: int, one: str, many: str, /, **values: object) -> str:
        return translate_plural(n, one, many, _current, **values)


t: Translator = _Current()


def N_(message: str) -> str:
    """Mark a message for the catalogs where it is defined; translated where shown."""
    return message


# ---- numbers and dates, the language's way (Babel) ----------------------------------


# The English of the messages is British (anonymised, colour): Babel writes its dates
# and numbers the same way (26 November 2026).
_BABEL_LOCALE = {DEFAULT_LANGUAGE: "en_GB"}


def _lang_of(lang: str | Callable[..., str] | None) -> str:
    """Babel's locale for a language code, a translator (its ``lang``) or None (the
    current language)."""
    if lang is None:
        code = _current
    elif callable(lang):
        code = getattr(lang, "lang", _current)
    else:
        code = normalise(lang)
    return _BABEL_LOCALE.get(code, code)


@cache
def _marks(locale: str) -> tuple[str, str]:
    """(decimal mark, percent template) of a Babel locale, read once: formatting runs
    for every cell of a table on every key press, and Babel's own call costs ~0.3 ms.
    A language with a catalog says them there, as it says its quotation marks (a test
    holds them equal to Babel's): the first number a session draws no longer loads
    Babel, whose import and locale data took 40-50 ms in whichever key first drew one
    (an F8 to the gaps step made on the spot)."""
    code = known(locale)
    if code is not None:
        return translate("decimal mark\x04.", code), translate("percent\x04{}%", code)
    from babel.numbers import format_percent, get_decimal_symbol

    return get_decimal_symbol(locale), format_percent(0.45, locale=locale).replace("45", "{}")


def decimal(value: float, digits: int = 1, lang: str | Callable[..., str] | None = None, *,
            sign: bool = False, minus: str = "-") -> str:
    """2.5 in English, 2,5 in Spanish: rounded as Python rounds (half to even on the
    binary value), written with the language's decimal mark (Babel's), never "-0.0";
    ``sign`` adds "+" to a positive value, ``minus`` is the minus sign to write."""
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    out = text.replace(".", _marks(_lang_of(lang))[0]).replace("-", minus)
    return f"+{out}" if sign and float(text) > 0 else out


def short_number(value: float, lang: str | Callable[..., str] | None = None) -> str:
    """A number as short as it reads, with the language's decimal mark: 20, 7.5 in
    English, 7,5 in Spanish and Portuguese (a step's planned minutes)."""
    return f"{value:g}".replace(".", decimal_mark(lang))


def decimal_mark(lang: str | Callable[..., str] | None = None) -> str:
    """"." in English, "," in Spanish (a chart's axis labels)."""
    return _marks(_lang_of(lang))[0]


def percent_format(lang: str | Callable[..., str] | None = None) -> str:
    """A percentage as the language writes it, "{}" for the number: "{}%" in English and
    Portuguese, "{}\u00a0%" in Spanish (a chart's axis labels)."""
    return _marks(_lang_of(lang))[1]


def integer(n: int, lang: str | Callable[..., str] | None = None) -> str:
    """A count with the language's grouping: 20,000 in English, 20.000 in Spanish."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_lang_of(lang))


def percent(share: float, lang: str | Callable[..., str] | None = None) -> str:
    """A share as a whole percentage: 45% in English, 45 % in Spanish (a no-break space,
    as CLDR writes it)."""
    return _marks(_lang_of(lang))[1].format(f"{share * 100:.0f}")


def signed_percent(share: float, lang: str | Callable[..., str] | None = None) -> str:
    """A share that may be negative, signed (a net experience): "+33%", "−100 %" in
    Spanish, "0%"; a typographic minus."""
    whole = round(share * 100)
    number = f"+{whole}" if whole > 0 else str(whole).replace("-", MINUS)
    return _marks(_lang_of(lang))[1].format(number)


def long_date(day: date, lang: str | Callable[..., str] | None = None) -> str:
    """26 November 2026 / 26 de noviembre de 2026 / 26 de novembro de 2026."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_lang_of(lang))


def language_name(code: str) -> str:
    """A language as its speakers write it, for a menu: English, Español, Português
    (Brasil)."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


# Each language's quotation marks, outermost first (its catalog says which opens): a
# quote inside a quote takes the next level, as each language's typography does:
# Spanish «… “… ‘…’ …” …», English and Portuguese (Brazil) “… ‘…’ …”.
QUOTE_LEVELS = {"«": ("«»", "“”", "‘’"), "“": ("“”", "‘’")}


def quote(text: str, lang: str | Callable[..., str] | None = None) -> str:
    """Text in the language's quotation marks (the catalog says which: “…”, «…»); marks
    of the same kind inside it go one level in («una fecha de “en su punto”»)."""
    code = _lang_of(lang)
    outer = translate("quotation marks\x04“{text}”", code, text="\x00")
    levels = QUOTE_LEVELS.get(outer[:1])
    if levels and levels[0][0] in text:
        shifted = zip(levels, levels[1:], strict=False)  # each level into the next
        text = text.translate({ord(mark): inner[side] for level, inner in shifted
                               for side, mark in enumerate(level)})
    return outer.replace("\x00", text)
