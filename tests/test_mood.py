"""Each kind of text keeps one grammatical mood in every language: the command palette
names what to do in the infinitive ("Deshacer el último cambio", "Desfazer a última
alteração"), the command line's help says what a command does in the third person
("Crea un archivo de sesión…", "Cria um arquivo de sessão…"), as the English
imperative reads in both places."""

from __future__ import annotations

import ast
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from workshop.i18n import LANGUAGES, translator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != "en"]

# The English imperatives that open a palette entry or a help text.
VERBS = {"add", "bring", "build", "cancel", "change", "check", "close", "copy", "count",
         "create", "export", "find", "go", "lead", "list", "look", "open", "pause", "print",
         "quit", "redo", "replace", "replay", "run", "save", "show", "start", "undo",
         "write"}
# An infinitive, with a pronoun after it ("ponerse", "abrirla", "abri-la").
_INFINITIVE = re.compile(r"^(?:\w*(?:ar|er|ir|or)(?:se|lo|la|los|las)?|\w*[aeio]-l(?:o|a|os|as))$")


def _first_word(text: str) -> str:
    word = re.match(r"\W*([\w-]+)", text)
    plain = unicodedata.normalize("NFD", word.group(1) if word else "")
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def is_infinitive(text: str) -> bool:
    return bool(_INFINITIVE.match(_first_word(text)))


def opens_with_a_verb(english: str) -> bool:
    """An imperative: not a noun that looks like one ("Start of the session", "Replay:
    {title}")."""
    words = english.split()
    return _first_word(english) in VERBS and not words[0].endswith(":") and \
        words[1:2] != ["of"]


def palette_entries() -> list[tuple[str, str]]:
    """(where, English) of every title and description the command palette lists: the
    first two t("…") of each SystemCommand(…) and of each tuple in palette_commands()."""
    found = []
    for path in sorted((ROOT / "workshop" / "tui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        groups = [node.args for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and getattr(node.func, "id", None) == "SystemCommand"]
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef) and function.name == "palette_commands":
                groups += [node.elts for node in ast.walk(function)
                           if isinstance(node, ast.Tuple)]
        for parts in groups:
            for part in parts[:2]:
                if isinstance(part, ast.Call) and getattr(part.func, "id", None) == "t" \
                        and part.args and isinstance(part.args[0], ast.Constant):
                    found.append((f"{path.relative_to(ROOT)}:{part.lineno}", part.args[0].value))
    return found


def help_entries() -> list[tuple[str, str]]:
    """(where, English) of every help text the command line shows."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import catalogs
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return [(where, english) for english, where in catalogs.help_texts().items()]


def test_the_palette_and_the_help_are_found():
    palette = dict((english, where) for where, english in palette_entries())
    assert {"Undo the last change", "Go to step {n}: {title}", "Change the colours",
            "Close the findings"} <= palette.keys()
    assert "Create a session file and print its path." in dict(
        (english, where) for where, english in help_entries())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_palette_speaks_in_infinitives(lang):
    t = translator(lang)
    wrong = [f"{where}: {english!r} -> {t(english)!r}" for where, english in palette_entries()
             if opens_with_a_verb(english) and not is_infinitive(t(english))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_command_lines_help_speaks_in_the_third_person(lang):
    t = translator(lang)
    wrong = [f"{where}: {english!r} -> {t(english)!r}" for where, english in help_entries()
             if opens_with_a_verb(english) and is_infinitive(t(english))]
    assert not wrong, "\n".join(wrong)


def test_the_check_tells_the_moods_apart():
    assert is_infinitive("Deshacer el último cambio") and is_infinitive("Pôr um ponto")
    assert is_infinitive("Abri-la agora") and not is_infinitive("Muestra la versión")
    assert not is_infinitive("Reproduz uma sessão") and not is_infinitive("Paso siguiente")
    assert is_infinitive("Ir al paso 3") and not is_infinitive("Lista las teclas")
    assert opens_with_a_verb("Undo the last change") and not opens_with_a_verb("Next step")
    assert not opens_with_a_verb("Start of the session") and not opens_with_a_verb("Replay: x")
