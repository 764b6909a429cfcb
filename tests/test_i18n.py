"""Every message is translated in every catalog, with the same placeholders; the layer
follows the language; numbers and dates are written the language's way."""

import re
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from workshop import i18n
from workshop.i18n import LANGUAGES, known, normalise, translate, translator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogs  # noqa: E402  (tools/catalogs.py: what `make i18n` runs)

TRANSLATED = [code for code in LANGUAGES if code != "en"]
_PERCENT_FIELD = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def template():
    return catalogs.template()


def fields(text: str) -> set[str]:
    """The placeholders of a message: {name}, {name!r}, {seconds:.2f}, %(name)s."""
    found = {name.split("!")[0].split(":")[0] for _, name, _, _ in string.Formatter().parse(text)
             if name}
    return found | set(_PERCENT_FIELD.findall(text))


def problems(catalog, template=None) -> list[str]:
    """What is wrong with a catalog: a message of the template missing, untranslated or
    fuzzy, or a translation whose placeholders differ from the English."""
    out = []
    wanted = template if template is not None else catalog
    for message in wanted:
        if not message.id:
            continue
        ident = message.id[0] if isinstance(message.id, tuple) else message.id
        found = catalog.get(ident, context=message.context)
        name = f"{message.context}|{ident}" if message.context else ident
        if found is None:
            out.append(f"missing: {name!r}")
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if found.fuzzy or not all(strings):
            out.append(f"untranslated{' (fuzzy)' if found.fuzzy else ''}: {name!r}")
            continue
        if isinstance(message.id, tuple) != isinstance(found.id, tuple):
            out.append(f"plural in one, not the other: {name!r}")
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        for index, text in enumerate(strings):
            want = fields(english[min(index, len(english) - 1)])
            got = fields(text)
            # a singular form may say the number in words ("un punto"): {n} may go
            if got != want and not (isinstance(message.id, tuple) and got == want - {"n"}):
                out.append(f"placeholders {sorted(got)} instead of {sorted(want)}: {name!r}")
    return out


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_code_is_translated_with_its_placeholders(template, lang):
    catalog = catalogs.read(catalogs.po_path(lang), lang)
    found = problems(catalog, template)
    assert not found, f"{lang}: run `make i18n` and translate:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_click_message_is_translated_with_its_placeholders(lang):
    found = problems(catalogs.read(catalogs.po_path(lang, "click"), lang))
    assert not found, f"{lang} click.po:\n" + "\n".join(found)


def test_the_template_finds_the_messages_however_they_are_written(template):
    ids = {m.id for m in template}
    assert "There is nothing to undo." in ids  # t("…")
    assert ("{n} dot by {who}", "{n} dots by {who}") in ids  # t.plural(n, one, many)
    assert ("Action {which} is not linked to a moment.",  # ctx.plural(len(…), …)
            "Actions {which} are not linked to a moment.") in ids
    assert "Stage and touchpoint" in ids  # inside an f-string
    assert "Title of the session." in ids  # an option's help=
    assert template.get("Touchpoint", context="short") is not None  # "short\x04Touchpoint"
    from workshop.core.timeline import POINT_HELP

    assert POINT_HELP in ids  # N_("…"), kept in a constant


def test_the_languages_are_the_catalogs():
    folders = sorted(p.parent.parent.name for p in
                     (ROOT / "workshop" / "locale").glob("*/LC_MESSAGES/workshop.po"))
    assert LANGUAGES == ("en", *folders)
    assert "es" in LANGUAGES
    assert not list((ROOT / "workshop" / "locale").glob("[a-z]*_*.py")), \
        "a Python message table is left: `make i18n` folds it into the catalog"


def test_translate_follows_the_language_and_falls_back_to_english():
    assert translate("There is nothing to undo.", "es") == "No hay nada que deshacer."
    assert translate("A message nobody translated", "es") == "A message nobody translated"
    assert translator("es_ES.UTF-8")("Participants: {n}", n=3) == "Participantes: 3"
    assert normalise("ES-mx") == "es" and normalise("fr_FR") == "en" and normalise(None) == "en"
    assert known("fr") is None and known("C") == "en" and known("es_ES.UTF-8@euro") == "es"


def test_a_message_in_context_has_its_own_translation_and_reads_plain_in_english():
    # The moments table's narrow heading; the report keeps "Punto de contacto".
    assert translate("short\x04Touchpoint", "es") == "Contacto"
    assert translate("Touchpoint", "es") == "Punto de contacto"
    assert translate("short\x04Touchpoint", "en") == "Touchpoint"


def test_plurals_take_the_form_the_language_uses():
    en, es = translator("en"), translator("es")
    assert [en.plural(n, "{n} dot by {who}", "{n} dots by {who}", who="P1") for n in (1, 2)] \
        == ["1 dot by P1", "2 dots by P1"]
    assert [es.plural(n, "{n} dot by {who}", "{n} dots by {who}", who="P1") for n in (1, 2)] \
        == ["1 punto de P1", "2 puntos de P1"]
    assert es.plural(0, "{n} dot", "{n} dots") == "0 puntos"
    # The form by the number, the number as written for people (the replay's 7,188 matches).
    assert [t.plural(7188, "{n} match", "{n} matches", n=i18n.integer(7188, t.lang))
            for t in (en, es)] == ["7,188 matches", "7.188 coincidencias"]


def test_numbers_percentages_and_dates_are_written_the_language_way():
    assert i18n.decimal(-2.5, 1, "en") == "-2.5" and i18n.decimal(-2.5, 1, "es") == "-2,5"
    assert i18n.decimal(-0.04, 1, "es") == "0,0"  # never "-0,0"
    assert i18n.decimal(1.25, 1, "en", sign=True) == "+1.2"  # Python's rounding, kept
    assert i18n.decimal(-2.5, 1, "es", minus="\u2212") == "\u22122,5"
    assert i18n.integer(20000, "en") == "20,000" and i18n.integer(20000, "es") == "20.000"
    assert i18n.percent(0.45, "en") == "45%" and i18n.percent(0.45, "es") == "45\u00a0%"
    day = date(2026, 11, 26)
    assert i18n.long_date(day, "en") == "26 November 2026"
    assert i18n.long_date(day, "es") == "26 de noviembre de 2026"
    assert i18n.quote("cola", "en") == "“cola”" and i18n.quote("cola", "es") == "«cola»"
    assert i18n.language_name("es") == "Español" and i18n.language_name("en") == "English"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_languages_decimal_mark_and_percent_are_babels(lang):
    from babel.numbers import format_percent, get_decimal_symbol

    locale = i18n._lang_of(lang)
    i18n._marks.cache_clear()
    assert i18n.decimal_mark(lang) == get_decimal_symbol(locale)
    assert i18n.percent_format(lang) == format_percent(0.45, locale=locale).replace("45", "{}")


def test_numbers_of_the_shipped_languages_are_written_without_loading_babel():
    # Babel's import and a locale's data took 40-50 ms in the key that first drew a number.
    code = ("import sys; from workshop import i18n; "
            "print(i18n.decimal(-2.5, 1, 'es'), i18n.percent(0.45, 'es'), "
            "i18n.percent(0.45, 'pt_BR'), i18n.decimal(2.5, 1, 'en'), "
            "'babel.numbers' in sys.modules, sep='|')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().split("|")
    assert out == ["-2,5", "45\u00a0%", "45%", "2.5", "False"]


def test_the_current_language_formats_when_none_is_given():
    i18n.set_language("es")
    assert i18n.decimal(2.5) == "2,5"
    i18n.set_language("en")
    assert i18n.decimal(2.5) == "2.5"


def test_clicks_own_messages_speak_the_chosen_language():
    from workshop.cli import cli

    result = CliRunner().invoke(cli, ["--lang", "es", "new"], prog_name="workshop",
                                env={"WORKSHOP_LANG": None})
    assert result.exit_code == 2
    assert "Falta una opción '--title'." in result.output
    assert "Pruebe «workshop new --help» para ver la ayuda." in result.output
    result = CliRunner().invoke(cli, ["--lang", "es", "show", "--lang", "fr", "x.db"],
                                prog_name="workshop", env={"WORKSHOP_LANG": None})
    assert "Valor no válido para '--lang': 'fr' no es ninguno de estos:" in result.output
    result = CliRunner().invoke(cli, ["--lang", "en", "new"], prog_name="workshop")
    assert "Missing option '--title'." in result.output


def test_lang_accepts_a_tag_however_it_is_written_and_lists_every_catalog():
    from workshop.cli import cli

    result = CliRunner().invoke(cli, ["--lang", "ES", "new", "--help"], prog_name="workshop",
                                env={"WORKSHOP_LANG": None})
    assert result.exit_code == 0 and result.output.startswith("Uso:")
    assert f"--lang [{'|'.join(LANGUAGES)}]" in result.output
    result = CliRunner().invoke(cli, ["--lang", "fr", "list"], prog_name="workshop")
    assert result.exit_code == 2 and "'fr' is not one of" in result.output


def test_a_stale_compiled_catalog_is_never_read(tmp_path, monkeypatch):
    """In a checkout, a .po edited after its .mo was built is compiled in memory."""
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = (ROOT / "workshop" / "locale" / "es" / "LC_MESSAGES" / "workshop.po").read_text(
        encoding="utf-8")
    po = folder / "workshop.po"
    po.write_text(source, encoding="utf-8")
    (folder / "workshop.mo").write_bytes(i18n.compile_po(po))
    import os

    os.utime(folder / "workshop.mo", (1, 1))
    po.write_text(source.replace('msgstr "No hay nada que deshacer."',
                                 'msgstr "Nada que deshacer."'), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("es").gettext("There is nothing to undo.") == "Nada que deshacer."
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()


def test_a_new_language_starts_with_its_catalogs_and_a_glossary_to_fill_in(tmp_path, monkeypatch,
                                                                          capsys):
    """`tools/catalogs.py init fr`, as the README tells a translator to start."""
    import shutil
    import tomllib

    from babel.messages.pofile import read_po

    shutil.copytree(catalogs.LOCALE, tmp_path / "workshop" / "locale")
    monkeypatch.setattr(catalogs, "LOCALE", tmp_path / "workshop" / "locale")
    monkeypatch.setattr(catalogs, "ROOT", tmp_path)
    catalogs.init("fr")
    folder = tmp_path / "workshop" / "locale" / "fr"
    for domain in ("workshop", "click"):
        with (folder / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
            messages = [m for m in read_po(handle) if m.id]
        strings = [s for m in messages
                   for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
        assert messages and not any(strings)  # all to translate
    with (folder / "glossary.toml").open("rb") as handle:
        glossary = tomllib.load(handle)
    english = []
    for path in sorted((ROOT / "workshop" / "locale").glob("*/glossary.toml")):
        with path.open("rb") as handle:
            english += [t["en"] for t in tomllib.load(handle)["term"] if t["en"] not in english]
    assert glossary["language"] == "fr"
    assert [t["en"] for t in glossary["term"]] == english  # every term some language names
    assert all(t["term"] == [] for t in glossary["term"])
    assert "fr/glossary.toml: put this language's terms in it" in capsys.readouterr().out
