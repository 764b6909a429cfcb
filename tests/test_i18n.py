"""Every message the code shows has its Spanish translation, and the layer works."""

import ast
from pathlib import Path

from workshop.i18n import catalog, normalise, translate, translator

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"
# Names through which messages reach translate(): t(...), self.t(...), tr(...), _need(cond, msg),
# and the report's ctx.plural(n, one, many)
CALLERS = {"t": (0,), "tr": (0,), "_": (0,), "_need": (1,), "plural": (1, 2)}


def _messages() -> dict[str, str]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "locale" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            for index in CALLERS.get(name, ()):
                if len(node.args) <= index:
                    continue
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
    return found


def test_every_message_has_a_spanish_translation():
    spanish = catalog("es")
    missing = {m: where for m, where in _messages().items() if m not in spanish}
    assert not missing, "Missing Spanish for:\n" + "\n".join(f"{w}: {m!r}" for m, w in sorted(missing.items(), key=lambda x: x[1]))


def test_no_message_has_two_different_spanish_translations():
    """The tables are merged into one catalog: a message two tables translate differently
    would read one way or the other depending on the order they are loaded in."""
    import importlib
    import pkgutil

    from workshop import locale

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for info in pkgutil.iter_modules(locale.__path__):
        if info.name.startswith("es_"):
            for english, spanish in importlib.import_module(
                    f"workshop.locale.{info.name}").MESSAGES.items():
                if english in seen and seen[english][1] != spanish:
                    clashes.append(f"{english!r}: {seen[english]} / {(info.name, spanish)}")
                seen.setdefault(english, (info.name, spanish))
    assert not clashes, "\n".join(clashes)


def test_spanish_keeps_every_placeholder():
    import string

    for english, spanish in catalog("es").items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(spanish) if f}, english


def test_translate_follows_the_language_and_falls_back_to_english():
    assert translate("There is nothing to undo.", "es") == "No hay nada que deshacer."
    assert translate("A message nobody translated", "es") == "A message nobody translated"
    assert translator("es_ES.UTF-8")("Participants: {n}", n=3) == "Participantes: 3"
    assert normalise("ES-mx") == "es" and normalise("fr_FR") == "en" and normalise(None) == "en"


def _help_texts() -> dict[str, str]:
    """Every English text `--help` shows: docstrings, option help, metavars, usage words."""
    import inspect

    import click

    from workshop.cli import cli

    found = {text: "click" for text in (
        "Usage:", "Options", "Commands", "default: {default}", "required",
        "workshop, version {version}")}
    for command in (cli, *cli.commands.values()):
        ctx = click.Context(command, info_name=command.name)
        where = f"workshop {command.name}"
        for text in (command.help, command.short_help):
            if text:
                found[inspect.cleandoc(text)] = where
        for piece in command.collect_usage_pieces(ctx):
            found[piece] = f"{where} usage"
        for param in command.get_params(ctx):
            if not isinstance(param, click.Option):
                continue
            if param.help:
                found[param.help] = f"{where} {param.opts[0]}"
            if not (param.is_flag or param.count or isinstance(param.type, click.Choice)):
                found[param.make_metavar(ctx)] = f"{where} {param.opts[0]} metavar"
    return found


def test_every_help_text_has_a_spanish_translation():
    texts = _help_texts()
    assert "Show this message and exit." in texts and "Title of the session." in texts
    spanish = catalog("es")
    missing = {text: where for text, where in texts.items() if text not in spanish}
    assert not missing, "Missing Spanish for:\n" + "\n".join(f"{w}: {m!r}" for m, w in missing.items())


def test_a_message_in_context_has_its_own_translation_and_reads_plain_in_english():
    # The moments table's narrow heading; the report keeps "Punto de contacto".
    assert translate("short\x04Touchpoint", "es") == "Contacto"
    assert translate("Touchpoint", "es") == "Punto de contacto"
    assert translate("short\x04Touchpoint", "en") == "Touchpoint"
