"""The translation catalogs: extract, update, compile, convert, start a language.

    python tools/catalogs.py            # what `make i18n` runs: convert, update, compile
    python tools/catalogs.py init fr    # a new language: empty catalogs and a glossary
    python tools/catalogs.py check      # list what is untranslated, per catalog

Two domains per language, in ``workshop/locale/<lang>/LC_MESSAGES/``:
- ``workshop.po``: every message of the code. Extracted with Babel's Python extractor
  (what ``pybabel extract`` runs) with our keywords, plus the texts click shows in
  ``--help`` (docstrings and ``help=``, read from the commands themselves) and what a
  study's Datasette pages say (``workshop.core.study.texts``);
  ``"context\\x04message"`` becomes a msgctxt.
- ``click.po``: click's own messages ("Missing option", "Try … for help"), extracted
  from the installed click; ``workshop.cli.clickwords`` routes click through it.

``convert`` folds the old Python tables (``workshop/locale/<lang>_*.py``, each with a
``MESSAGES`` dict) into ``<lang>/LC_MESSAGES/workshop.po`` and removes them: a message
the catalog lacks (or has untranslated) takes the table's translation; one the catalog
translates otherwise is listed and left as the catalog has it (``--prefer-tables``
takes the table's instead). Safe to run again.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workshop"
LOCALE = PACKAGE / "locale"
CONTEXT = "\x04"

# How messages reach the catalog in our code: t("…"), self.t("…"), tr("…"), _("…") (key
# bindings), N_("…") (kept in a variable), _need(condition, "…") (a rule),
# t.plural(n, "one", "many") and ctx.plural(n, "one", "many") (ngettext).
KEYWORDS = {"t": None, "tr": None, "_": None, "N_": None, "translate": None,
            "_need": (2,), "need": (2,), "plural": (2, 3)}
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
HEADER = "Messages of workshop, a focus-group facilitation tool."


def po_path(lang: str, domain: str = "workshop") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/workshop.po"))


def read(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, header_comment=f"# {HEADER}", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def write(catalog: Catalog, path: Path) -> None:
    """Sorted by message, files named without line numbers: moving code around does not
    rewrite the catalogs, so two branches adding messages seldom touch the same lines."""
    catalog.project, catalog.version = "workshop", "catalog"
    catalog.msgid_bugs_address = catalog.last_translator = ""
    catalog.language_team = catalog.locale_identifier or ""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=88, sort_output=True, ignore_obsolete=True,
                 include_previous=False, include_lineno=False)


def split(message: str) -> tuple[str | None, str]:
    """"short\\x04Touchpoint" -> ("short", "Touchpoint")."""
    context, marked, plain = message.rpartition(CONTEXT)
    return (context, plain) if marked else (None, message)


# ---- the template: every message the code and its --help show ---------------------


def help_texts() -> dict[str, str]:
    """Every English text `--help` shows: docstrings, option help, metavars, usage words.
    They are translated when help is formatted (workshop/cli/help.py)."""

    sys.path.insert(0, str(ROOT))
    from workshop.cli import cli
    from workshop.i18n import current_language, set_language

    # click writes its help option's text in the current language when it makes it
    was = current_language()
    set_language("en")
    try:
        return _help_texts(cli)
    finally:
        set_language(was)


def _help_texts(cli) -> dict[str, str]:
    import click

    found = {}
    # Contexts as the command line makes them: Click keeps the help option of the first
    # context it is asked for on the command, so one without our settings (no "-h")
    # would change the help printed afterwards in the same process (the tests').
    root = click.Context(cli, info_name="workshop", **cli.context_settings)
    # Commands of a group below the root (workshop study build) too, each with its parent.
    commands: list[tuple[click.Command, click.Context, str]] = [(cli, root, "workshop")]
    for command in cli.commands.values():
        ctx = click.Context(command, parent=root, info_name=command.name)
        commands.append((command, ctx, f"workshop {command.name}"))
        for sub in getattr(command, "commands", {}).values():
            commands.append((sub, click.Context(sub, parent=ctx, info_name=sub.name),
                             f"workshop {command.name} {sub.name}"))
    for command, ctx, where in commands:
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


def extract_ast(fileobj, keywords, comment_tags, options):
    """A Babel extraction method reading the syntax tree instead of the tokens: it also
    finds messages inside f-strings and calls whose other arguments are calls
    (``ctx.plural(len(rows), "…", "…")``), which the token-based extractor misses on
    Python 3.11. Yields what Babel's extractors yield: (line, function, arguments,
    comments), an argument that is not a string being None."""
    import ast

    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (func.id if isinstance(func, ast.Name)
                else func.attr if isinstance(func, ast.Attribute) else None)
        if name not in keywords:
            continue
        args = tuple(arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                     else None for arg in node.args)
        if any(args):
            yield node.lineno, name, args if len(args) > 1 else args[0], []


def template() -> Catalog:
    """The messages of the code, as ``pybabel extract`` finds them with our keywords,
    and the --help texts."""
    pot = Catalog(header_comment=f"# {HEADER}", fuzzy=False)

    def skip_locale(path: str) -> bool:
        return "locale" not in Path(path).parts

    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", extract_ast)], keywords=KEYWORDS,
            directory_filter=skip_locale):
        where = (f"workshop/{filename}", lineno)
        if isinstance(message, tuple):
            one, many = message
            ctx, one = split(one)
            pot.add((one, many), locations=[where], auto_comments=comments, context=ctx)
        else:
            ctx, plain = split(message)
            pot.add(plain, locations=[where], auto_comments=comments, context=ctx or context)
    for text, where in help_texts().items():
        if text not in pot:
            pot.add(text, auto_comments=[f"--help: {where}"])
    for text in study_texts():
        if text not in pot:
            pot.add(text, auto_comments=["workshop study serve: Datasette's pages"])
    return pot


def study_texts() -> list[str]:
    """What a study's Datasette pages say (titles and descriptions of its tables,
    columns, views and canned queries), read from the declarations themselves: the
    kinds declare their study tables' words as plain strings."""
    sys.path.insert(0, str(ROOT))
    from workshop.core.study import texts

    return texts()


def click_template() -> Catalog:
    import click

    pot = Catalog(header_comment="# click's own messages, as workshop shows them.",
                  fuzzy=False)
    folder = Path(click.__file__).parent
    for filename, lineno, message, _comments, context in extract_from_dir(
            folder, keywords=CLICK_KEYWORDS):
        pot.add(message, locations=[(f"click/{filename}", lineno)], context=context)
    return pot


# ---- update, compile, convert, init ------------------------------------------------


def update(lang: str, pot: Catalog, domain: str = "workshop") -> list[str]:
    """pybabel update: new messages in, gone ones out, a changed English message kept
    as a fuzzy hint (not used until someone checks it). Returns what is untranslated."""
    path = po_path(lang, domain)
    catalog = read(path, lang)
    created, revised = catalog.creation_date, catalog.revision_date
    catalog.update(pot, no_fuzzy_matching=False, update_header_comment=False)
    catalog.creation_date, catalog.revision_date = created, revised  # no churn
    catalog.obsolete.clear()
    write(catalog, path)
    return untranslated(catalog)


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            ident = message.id[0] if isinstance(message.id, tuple) else message.id
            out.append(f"{message.context}|{ident}" if message.context else ident)
    return out


def compile_all() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from workshop.i18n import compile_po

    written = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        written.append(mo)
    return written


def convert(prefer_tables: bool = False, keep: bool = False) -> None:
    """The old Python tables into the .po catalogs (see the module's docstring)."""
    by_lang: dict[str, list[Path]] = {}
    for path in sorted(LOCALE.glob("[a-z]*_*.py")):
        by_lang.setdefault(path.stem.split("_")[0], []).append(path)
    for lang, tables in by_lang.items():
        lang = next((code for code in languages() if code.split("_")[0] == lang), lang)
        catalog = read(po_path(lang), lang)
        added, clashes = 0, []
        for table in tables:
            spec = importlib.util.spec_from_file_location(f"_table_{table.stem}", table)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            for english, translated in module.MESSAGES.items():
                ctx, plain = split(english)
                current = catalog.get(plain, context=ctx)
                if current is None or not current.string or current.fuzzy:
                    catalog.add(plain, translated, context=ctx,
                                auto_comments=current.auto_comments if current else (),
                                locations=current.locations if current else ())
                    added += 1
                elif isinstance(current.string, tuple):
                    continue  # a plural entry: its forms are edited in the catalog
                elif current.string != translated:
                    if prefer_tables:
                        current.string = translated
                        added += 1
                    else:
                        clashes.append(f"  {english!r}\n    catalog: {current.string!r}\n"
                                       f"    {table.name}: {translated!r}")
        write(catalog, po_path(lang))
        print(f"{lang}: {added} messages from {', '.join(t.name for t in tables)}")
        if clashes:
            print(f"{lang}: {len(clashes)} translated otherwise in the catalog (kept; "
                  "--prefer-tables takes the tables'):\n" + "\n".join(clashes))
        if not keep:
            for table in tables:
                table.unlink()


def init(lang: str) -> None:
    """Start a language: its two catalogs from the templates, all untranslated, and a
    glossary to fill in beside them."""
    from babel import Locale

    Locale.parse(lang)  # a language Babel knows, or an error naming it
    for domain, pot in (("workshop", template()), ("click", click_template())):
        path = po_path(lang, domain)
        if path.exists():
            sys.exit(f"{path} exists already")
        catalog = Catalog(locale=lang, header_comment=f"# {HEADER}", fuzzy=False)
        catalog.update(pot)
        write(catalog, path)
        print(f"wrote {path.relative_to(ROOT)}")
    glossary = LOCALE / lang / "glossary.toml"
    if not glossary.exists():
        glossary.write_text(glossary_template(lang), encoding="utf-8")
        print(f"wrote {glossary.relative_to(ROOT)}: put this language's terms in it")


def glossary_template(lang: str) -> str:
    """A new language's glossary: the method's English terms the other glossaries hold,
    each with an empty ``term`` to fill in (tests/test_glossary.py fails until it is)."""
    import json
    import tomllib

    english: dict[tuple[str, ...], list[str]] = {}
    for path in sorted(LOCALE.glob("*/glossary.toml")):
        with path.open("rb") as handle:
            for term in tomllib.load(handle).get("term", []):
                known = english.setdefault(tuple(term["en"]), [])
                known += [text for text in term.get("except", []) if text not in known]

    def strings(items) -> str:
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"

    out = [f"# The method's terms in {lang}: what each is called on screen, in the scripts,",
           "# in the prompt decks and in the report (see workshop/locale/es/glossary.toml",
           "# for what each field means). Fill in every `term` (singular, plural).", "",
           f'language = "{lang}"', 'register = ""',
           "read_aloud_avoid = []  # words that speak to one person, never to the group",
           "facilitator_avoid = []  # words of another register than the facilitator's"]
    for en, exceptions in english.items():
        out += ["", "[[term]]", f"en = {strings(en)}", "term = []"]
        if exceptions:
            out.append(f"except = {strings(exceptions)}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="all",
                        choices=["all", "convert", "update", "compile", "check", "init"])
    parser.add_argument("lang", nargs="?")
    parser.add_argument("--prefer-tables", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "init":
        if not args.lang:
            parser.error("init needs a language code, e.g. fr or pt_BR")
        init(args.lang)
        return 0
    if args.command in ("all", "convert"):
        convert(args.prefer_tables)
    missing = {}
    if args.command in ("all", "update"):
        pot, click_pot = template(), click_template()
        for lang in languages():
            missing[lang] = update(lang, pot) + update(lang, click_pot, "click")
    if args.command == "check":
        for lang in languages():
            missing[lang] = (untranslated(read(po_path(lang), lang))
                             + untranslated(read(po_path(lang, "click"), lang)))
    if args.command in ("all", "update", "compile"):
        for mo in compile_all():
            print(f"compiled {mo.relative_to(ROOT)}")
    for lang, messages in missing.items():
        print(f"{lang}: {len(messages)} untranslated" + "".join(f"\n  {m!r}" for m in messages[:40])
              + ("\n  …" if len(messages) > 40 else ""))
    return 1 if args.command == "check" and any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
