"""Each language says the method's terms one way: its glossary's.

Wherever the English uses a term of the glossary (a message, a step of the English
script, a prompt or technique of the English deck), the translation uses the glossary's
word for it; and the words the glossary rules out appear nowhere in that language.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from workshop.core.prompts import read_deck
from workshop.core.scripts import builtin_scripts
from workshop.i18n import LANGUAGES, LOCALE_DIR, catalog_path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != "en"]


@cache
def glossary(lang: str) -> dict:
    with (LOCALE_DIR / lang / "glossary.toml").open("rb") as handle:
        return tomllib.load(handle)


_FIELD = re.compile(r"\{[^{}]*\}")
_CODE = re.compile(r"`[^`]*`|--[a-z][a-z-]*|\[\[[^]]*\]\]")


def plain(text: str) -> str:
    """What is read as words: a placeholder ("declares {expected}"), a command in
    backquotes (`workshop scripts`), an option (--script) or a TOML table name
    ([[techniques.prompts]]) names no term."""
    return _CODE.sub(" ", _FIELD.sub("{}", text))


def _words(forms) -> re.Pattern:
    """Any of the forms as whole words, in any case. Letters right after a dot belong
    to a name (the product ATLAS.ti, a file events.csv), not a word of the language."""
    forms = sorted((plain(f) for f in forms), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)", re.IGNORECASE)


@cache
def terms(lang: str) -> list[tuple[str, re.Pattern, re.Pattern, set[str]]]:
    """(the word, its English pattern, the pattern of every right form, the English
    texts where the English word means something else)."""
    out = []
    for term in glossary(lang)["term"]:
        accepted = [*term["term"], *term.get("forms", [])]
        for place in ("ui", "script", "deck", "report"):
            accepted += term.get(place, [])
        out.append((term["term"][0], _words(term["en"]), _words(accepted),
                    set(term.get("except", []))))
    return out


def mismatches(lang: str, pairs) -> list[str]:
    """(where, english, translated) pairs where the English names a term and the
    translation does not use the glossary's word."""
    out, each_term = [], terms(lang)
    for where, english, translated in pairs:
        for word, in_english, in_translation, exceptions in each_term:
            if english in exceptions:
                continue
            if (found := in_english.search(plain(english))) and \
                    not in_translation.search(plain(translated)):
                out.append(f"{where}: “{found.group(0)}” should be “{word}”: {translated!r}")
    return out


def catalog_pairs(lang: str):
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, text in enumerate(strings):
            yield f"catalog {ids[0]!r}", ids[min(index, len(ids) - 1)], text


def script_pairs(lang: str):
    scripts = {s.name: s for s in builtin_scripts()}
    for script in scripts.values():
        if script.lang != lang:
            continue
        english = next(scripts[n] for n in script.translations if scripts[n].lang == "en")
        assert len(english.steps) == len(script.steps), f"{script.name}: not step by step"
        yield f"{script.name} title", english.title, script.title
        yield f"{script.name} description", english.description, script.description
        for number, (en, xx) in enumerate(zip(english.steps, script.steps, strict=True), 1):
            yield f"{script.name} step {number} title", en.title, xx.title
            yield f"{script.name} step {number}", en.body, xx.body


def deck_pairs(lang: str):
    english, deck = read_deck(ROOT / "exercises/prompts/en.toml"), deck_of(lang)
    for tid, technique in deck.techniques.items():
        yield f"deck {tid}", english.techniques[tid].name, technique.name
        yield f"deck {tid}", english.techniques[tid].how, technique.how
    templates = {p.id: p.template for p in english.prompts}
    for prompt in deck.prompts:
        yield f"deck {prompt.id}", templates[prompt.id], prompt.template


def deck_of(lang: str):
    return read_deck(ROOT / "exercises" / "prompts" / f"{lang}.toml")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_language_has_a_glossary_of_the_methods_terms(lang):
    english = {tuple(t["en"]) for t in glossary(lang)["term"]}
    for must in (("moment of truth", "moments of truth"), ("focus group", "focus groups"),
                 ("corrective action", "corrective actions")):
        assert must in english, f"{lang}: the glossary lacks {must[0]!r}"
    assert glossary(lang)["language"] == lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalog_uses_the_glossarys_terms(lang):
    found = mismatches(lang, catalog_pairs(lang))
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_scripts_use_the_glossarys_terms_step_by_step(lang):
    found = mismatches(lang, script_pairs(lang))
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_prompt_deck_uses_the_glossarys_terms_prompt_by_prompt(lang):
    found = mismatches(lang, deck_pairs(lang))
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_word_the_glossary_rules_out_appears_anywhere(lang):
    avoid = [(t["term"][0], _words(t["avoid"]), set(t.get("except", [])))
             for t in glossary(lang)["term"] if t.get("avoid")]
    texts = [*catalog_pairs(lang), *script_pairs(lang), *deck_pairs(lang)]
    found = [f"{where}: “{match.group(0)}” (say “{word}”): {text!r}"
             for where, english, text in texts for word, pattern, exceptions in avoid
             if english not in exceptions and (match := pattern.search(plain(text)))]
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_calque_a_reader_found_comes_back(lang):
    # As found, case and all: "Sus puntos" was a label; "sus puntos" in a sentence is fine.
    calques = [(c["text"], c["instead"], re.compile(rf"(?<!\w){re.escape(c['text'])}(?!\w)"))
               for c in glossary(lang).get("calque", [])]
    texts = [*catalog_pairs(lang), *script_pairs(lang), *deck_pairs(lang)]
    found = [f"{where}: “{text}” (say “{instead}”): {translated!r}"
             for where, _, translated in texts for text, instead, pattern in calques
             if pattern.search(plain(translated))]
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_exception_names_an_english_text_there_is(lang):
    """An exception (where the English word is not the term) that no longer matches any
    English text is removed, not left to excuse a later message."""
    english = {en for pairs in (catalog_pairs(lang), script_pairs(lang), deck_pairs(lang))
               for _, en, _ in pairs}
    stale = [text for term in glossary(lang)["term"] for text in term.get("except", [])
             if text not in english]
    assert not stale, stale


_QUOTED = re.compile(r'«[^»]*»|“[^”]*”|"[^"]*"')


def register_slips(lang: str, read_aloud: list[str], facilitator: list[str]) -> list[str]:
    """Words of the wrong register: in the read-aloud lines ("> "), words that speak to
    one person; elsewhere (instructions, catalog), words the glossary rules out for the
    facilitator. What a participant says, in quotation marks, is left as said."""
    to_group, to_facilitator = (_words(glossary(lang)[key]) for key in
                                ("read_aloud_avoid", "facilitator_avoid"))
    out = []
    for where, text in [(f"{where} (read aloud)", line) for where, line in read_aloud] + \
            [(where, line) for where, line in facilitator]:
        pattern = to_group if where.endswith("(read aloud)") else to_facilitator
        if match := pattern.search(_QUOTED.sub(" ", plain(text))):
            out.append(f"{where}: “{match.group(0)}”: {text!r}")
    return out


def script_lines(lang: str):
    """(read-aloud lines, the other lines) of the language's scripts, with where."""
    read_aloud, facilitator = [], []
    for script in builtin_scripts():
        if script.lang != lang:
            continue
        for number, step in enumerate(script.steps, 1):
            for line in step.body.splitlines():
                where = f"{script.name} step {number}"
                if line.startswith(">"):
                    read_aloud.append((where, line.lstrip("> ")))
                else:
                    facilitator.append((where, line))
    return read_aloud, facilitator


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_script_speaks_to_the_group_and_to_the_facilitator_each_one_way(lang):
    read_aloud, facilitator = script_lines(lang)
    assert read_aloud and facilitator
    catalog = [(where, text) for where, _, text in catalog_pairs(lang)]
    found = register_slips(lang, read_aloud, facilitator + catalog)
    assert not found, f"{len(found)} in {lang}:\n" + "\n".join(found)


def test_the_register_check_catches_a_slip():
    assert register_slips("es", [("x", "Díganos su nombre, usted primero.")], [])
    assert register_slips("es", [], [("x", "Pulsa Intro y tu nota se guarda.")])
    assert not register_slips("es", [], [("x", "Pregunte «¿tú qué has puesto?» a cada uno.")])
    assert register_slips("pt_BR", [("x", "Conte o que marcou você.")], [])
    assert not register_slips("pt_BR", [("x", "Contem o que marcou vocês.")], [])


def test_the_check_catches_a_term_said_another_way():
    pairs = [("x", "Record the corrective actions.", "Anote las acciones correctivas.")]
    assert mismatches("es", pairs)
    pairs = [("x", "Record the corrective actions.", "Anote las medidas correctoras.")]
    assert not mismatches("es", pairs)
