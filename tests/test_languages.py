"""A language is its catalogs and its texts, nothing else: Portuguese (Brazil) came in as
workshop/locale/pt_BR/, a script and a prompt deck, and every place that offers a
language offers it."""

from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input, Select

from workshop.cli import cli
from workshop.core.prompts import load_deck
from workshop.core.scripts import builtin_scripts, load_script
from workshop.core.store import Store
from workshop.i18n import LANGUAGES, LOCALE_DIR
from workshop.tui.app import make_app
from workshop.tui.screens.new_session import NewSessionScreen

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"
TRANSLATED = [code for code in LANGUAGES if code != "en"]
# The recorded demos exist in English and Spanish only: their sources are named by language.
DEMO_MODULES = {PACKAGE / "core" / "demo.py", PACKAGE / "cli" / "demo.py"}


def test_every_language_brings_its_catalogs_glossary_script_and_deck():
    assert "pt_BR" in LANGUAGES
    scripts = {s.lang: s for s in builtin_scripts()}
    for lang in TRANSLATED:
        folder = LOCALE_DIR / lang
        for name in ("LC_MESSAGES/workshop.po", "LC_MESSAGES/click.po", "glossary.toml"):
            assert (folder / name).is_file(), f"{lang}: {name}"
        assert lang in scripts, f"{lang}: no built-in script"
        deck = load_deck(lang)
        assert deck.lang == lang and len(deck.prompts) >= 30 and len(deck.techniques) >= 8


def _string_constants(tree: ast.AST) -> set[str]:
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings}


def test_no_code_names_a_language():
    """The language lists, formats and quotation marks come from the catalogs and Babel:
    no module holds a language code, but the demos' (which exist in en and es only)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in DEMO_MODULES:
            continue
        constants = _string_constants(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{path.relative_to(PACKAGE)}: {code!r}" for code in TRANSLATED
                  if {code, code.split("_")[0], code.replace("_", "-")} & constants]
    assert not found, found


def test_the_command_line_speaks_portuguese_and_offers_it():
    out = CliRunner().invoke(cli, ["--lang", "pt-BR", "new", "--help"], prog_name="workshop",
                             env={"WORKSHOP_LANG": None}).output
    assert out.startswith("Uso: workshop new [OPÇÕES]")
    assert "Cria um arquivo de sessão e mostra o caminho." in out
    assert "--lang [en|es|pt_BR]" in out
    result = CliRunner().invoke(cli, ["--lang", "pt_BR", "new"], prog_name="workshop",
                                env={"WORKSHOP_LANG": None})
    assert "Falta uma opção '--title'." in result.output  # click's own words
    assert "Experimente “workshop new --help” para ver a ajuda." in result.output


def test_a_session_made_in_portuguese_takes_the_portuguese_script(tmp_path):
    result = CliRunner().invoke(cli, ["new", "--title", "Compras", "--lang", "pt-br",
                                      "--participants", "3", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with Store.open(Path(result.stdout.strip())) as store:
        state = store.state
    assert state.lang == "pt_BR" and state.script["name"] == "momentos-da-verdade"
    assert state.script["steps"][2]["title"] == "Identificar os momentos da verdade"
    assert load_script("moments-of-truth", lang="pt_BR").title == "Momentos da verdade"


def test_a_session_made_without_a_script_or_language_takes_the_tools_language(tmp_path):
    """`workshop new --title …` with WORKSHOP_LANG=es (or a Spanish locale, or the
    group's --lang) made an English session with the English script while it answered
    in Spanish; the new-session form starts in the tool's language. A script named
    without a language is still taken as it is."""
    def made(*args: str, lang: str) -> tuple[str, str]:
        result = CliRunner().invoke(cli, ["new", "--title", "Compras", "--participants", "3",
                                          "--dir", str(tmp_path), *args],
                                    env={"WORKSHOP_LANG": lang})
        assert result.exit_code == 0, result.output
        with Store.open(Path(result.stdout.strip())) as store:
            return store.state.lang, store.state.script["name"]

    assert made(lang="es") == ("es", "momentos-de-la-verdad")
    assert made(lang="pt_BR") == ("pt_BR", "momentos-da-verdade")
    assert made(lang="en") == ("en", "moments-of-truth")
    assert made("--script", "moments-of-truth", lang="es") == ("en", "moments-of-truth")
    assert made("--lang", "en", lang="es") == ("en", "moments-of-truth")


async def test_the_new_session_form_offers_portuguese_and_starts_in_it(tmp_path):
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        app.screen.query_one("#new-session-title", Input).value = "Compras da semana"
        app.screen.query_one("#new-lang", Select).value = "pt_BR"  # refused if not offered
        await pilot.press("ctrl+s")
        await pilot.pause()
        where = app.screen.query_one("#run-bar").where
        state = app.screen.live.state
    assert "Passo 1 de 9: Boas-vindas e consentimento" in where
    assert state.lang == "pt_BR" and state.script["name"] == "momentos-da-verdade"
