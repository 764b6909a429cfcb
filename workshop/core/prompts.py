"""Lateral-thinking prompt decks: data in ``exercises/prompts/<lang>.toml``.

A deck is a list of techniques, each with a one-line how-to and its prompts. A prompt is
a template naming the moment as ``{moment}``; prompt ids are the same in every language,
so a session records which card led to an idea independently of the language.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from workshop.core.errors import WorkshopError
from workshop.core.limits import MAX_DECK_BYTES, MAX_TEMPLATE, count_text, size_text
from workshop.core.record import record
from workshop.i18n import known, quote, t, translator

PLACEHOLDER = "{moment}"
_FIELD = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DeckError(WorkshopError):
    """A prompt deck that cannot be used; the message names the file and the entry."""


class _Chooser(Protocol):
    def choice(self, seq: Sequence[Prompt]) -> Prompt: ...


@record
class Technique:
    id: str
    name: str
    how: str


@record
class Prompt:
    id: str
    technique: str
    template: str
    lang: str = "en"

    def fill(self, moment_text: str | None) -> str:
        """The prompt for one moment. The moment is inserted as text, never formatted,
        so braces or percent signs in what participants said are harmless."""
        text = " ".join((moment_text or "").split()).strip("\"'“”«»‘’ ")
        if text:
            text = quote(text, self.lang)  # in the language's quotation marks
        else:
            tr = translator(self.lang)
            text = tr("this moment")
        return self.template.replace(PLACEHOLDER, text)


@record
class Deck:
    lang: str
    techniques: Mapping[str, Technique]  # in the deck's order; read-only (decks are cached)
    prompts: tuple[Prompt, ...]
    path: Path | None = None

    def prompt(self, prompt_id: str) -> Prompt:
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise DeckError(t("There is no prompt “{id}” in this deck.", id=prompt_id))

    def of(self, technique: str) -> list[Prompt]:
        if technique not in self.techniques:
            raise DeckError(t(
                "There is no technique “{id}” in this deck (known: {known}).",
                id=technique, known=", ".join(self.techniques)))
        return [p for p in self.prompts if p.technique == technique]

    def draw(self, rng: _Chooser, technique: str | None = None,
             exclude: Iterable[str] = ()) -> Prompt:
        """A random prompt (of one technique, if given), avoiding the ids in ``exclude``
        (the recently drawn ones, oldest first). When every candidate was drawn recently,
        the one drawn longest ago comes back first."""
        candidates = self.of(technique) if technique else list(self.prompts)
        recent = list(exclude)
        fresh = [p for p in candidates if p.id not in recent]
        if fresh:
            return rng.choice(fresh)
        last_seen = {pid: i for i, pid in enumerate(recent)}
        oldest = min(last_seen[p.id] for p in candidates)
        return rng.choice([p for p in candidates if last_seen[p.id] == oldest])


# ---- loading ---------------------------------------------------------------------------

def load_deck(lang: str) -> Deck:
    """The built-in deck of one language ("en", "es", "es_ES", "pt-BR" …), read once."""
    from workshop.core.resources import exercises_dir

    code = known(lang) or ""
    path = exercises_dir() / "prompts" / f"{code}.toml"
    if not code or not path.is_file():
        raise DeckError(t("There is no prompt deck in the language “{lang}”.", lang=lang))
    return _read_once(path)


@cache
def _read_once(path: Path) -> Deck:
    return read_deck(path)


def read_deck(path: str | Path) -> Deck:
    """Read and check a deck file; any problem is a DeckError naming file and entry."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:  # never more than the limit
            raw = fh.read(MAX_DECK_BYTES + 1)
        if len(raw) > MAX_DECK_BYTES:
            raise DeckError(f"{path}: " + t("This deck is too large: a prompt deck may be at "
                                              "most {limit}.", limit=size_text(MAX_DECK_BYTES)))
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise DeckError(f"{path}: " + t("The file cannot be read: {reason}.",
                                          reason=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise DeckError(f"{path}: " + t("This file is not UTF-8 text.")) from None
    except tomllib.TOMLDecodeError as exc:
        raise DeckError(f"{path}: " + t("This is not valid TOML: {reason}.", reason=exc)) from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise DeckError(f"{path}: " + t("This is not valid TOML: {reason}.",
                                          reason=t("it nests too deeply"))) from None
    try:
        return _build(data, path)
    except DeckError as exc:
        message = str(exc)
        raise DeckError(f"{path}: {message[:1].upper()}{message[1:]}") from None


def _build(data: dict[str, Any], path: Path) -> Deck:
    _only(data, {"language", "techniques"}, t("the deck"))
    lang = data.get("language")
    if not isinstance(lang, str) or not lang:
        raise DeckError(t("The deck needs a language, e.g. language = \"en\"."))
    tables = data.get("techniques")
    if not isinstance(tables, list) or not tables:
        raise DeckError(t("The deck has no techniques: add [[techniques]] tables."))
    techniques: dict[str, Technique] = {}
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, 1):
        where = t("technique {n}", n=number)
        if not isinstance(table, dict):
            raise DeckError(t("{where} is not a table.", where=where))
        tid = _text(table, "id", where)
        where = t("technique “{id}”", id=tid)
        _only(table, {"id", "name", "how", "prompts"}, where)
        _check_id(tid, where)
        if tid in techniques:
            raise DeckError(t("{where} appears twice.", where=where))
        techniques[tid] = Technique(tid, _text(table, "name", where), _text(table, "how", where))
        entries = table.get("prompts")
        if not isinstance(entries, list) or not entries:
            raise DeckError(t("{where} has no prompts: add [[techniques.prompts]] tables.",
                               where=where))
        for index, entry in enumerate(entries, 1):
            pwhere = t("prompt {n} of {where}", n=index, where=where)
            if not isinstance(entry, dict):
                raise DeckError(t("{where} is not a table.", where=pwhere))
            pid = _text(entry, "id", pwhere)
            pwhere = t("prompt “{id}”", id=pid)
            _only(entry, {"id", "template"}, pwhere)
            _check_id(pid, pwhere)
            if pid in seen:
                raise DeckError(t("{where} appears twice.", where=pwhere))
            seen.add(pid)
            template = _text(entry, "template", pwhere)
            if len(template) > MAX_TEMPLATE:
                raise DeckError(t("{where} is {n} characters long; a prompt holds at most {limit}.",
                                  where=pwhere, n=count_text(len(template)),
                                  limit=count_text(MAX_TEMPLATE)))
            fields = _FIELD.findall(template)
            if "moment" not in fields:
                raise DeckError(t("{where} never names the moment: put {placeholder} in its "
                                  "template.", where=pwhere, placeholder=PLACEHOLDER))
            for name in fields:
                if name != "moment":
                    raise DeckError(t("{where} has an unknown placeholder “{field}”: only "
                                       "{placeholder} is filled in.", where=pwhere,
                                       field="{" + name + "}", placeholder=PLACEHOLDER))
            prompts.append(Prompt(pid, tid, template, lang))
    return Deck(lang, MappingProxyType(techniques), tuple(prompts), path)


def _only(table: dict[str, Any], known: set[str], where: str) -> None:
    for key in table:
        if key not in known:
            raise DeckError(t("Unknown key “{key}” in {where} (known: {known}).",
                                             key=key, where=where, known=", ".join(sorted(known))))


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DeckError(t("{where} needs a text “{key}”.", where=where, key=key))
    return value.strip()


def _check_id(value: str, where: str) -> None:
    if not _ID.fullmatch(value):
        raise DeckError(t(
            "{where}: ids are lower-case words joined by hyphens, like “six-hats”.", where=where))
