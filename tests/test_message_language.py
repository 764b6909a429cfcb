"""Two languages in an export: what the command says (a refused target, an error)
follows the tool's language (`workshop --lang`, WORKSHOP_LANG, else the locale); what
the report or code book holds follows the session's language, or the export's own
--lang. `export`, `study export` and `study build` alike, in process (CliRunner)."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from report_fixtures import build
from workshop.cli import cli

# The session file itself as the target, in each tool language.
ITSELF = {
    "es": "es el propio archivo de la sesión: elija otro nombre para la exportación.",
    "pt_BR": "é o próprio arquivo da sessão: escolha outro nome para a exportação.",
}
DEVICE = {
    "es": "/dev/null es un dispositivo, no un archivo. Elija un nombre de archivo.",
    "pt_BR": "/dev/null é um dispositivo, não um arquivo. Escolha um nome de arquivo.",
}
SESSION_TARGET = {
    "en": "is a workshop session file: it is never written over, and nothing was written. "
          "Choose another name.",
    "es": "es un archivo de sesión de workshop: nunca se sobrescribe, y no se ha escrito "
          "nada. Elija otro nombre.",
    "pt_BR": "é um arquivo de sessão do workshop: nunca é sobrescrito, e nada foi escrito. "
             "Escolha outro nome.",
}
STUDY_ITSELF = {
    "es": "es la propia base de datos del estudio: elija otro nombre para la exportación.",
    "pt_BR": "é o próprio banco de dados do estudo: escolha outro nome para a exportação.",
}
ONE_OF_THE_SESSIONS = {
    "es": "es uno de los archivos de sesión que se van a reunir: dé al estudio un nombre "
          "propio.",
    "pt_BR": "é um dos arquivos de sessão a reunir: dê ao estudo um nome próprio.",
}


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """An English session, and a study of it."""
    folder = tmp_path_factory.mktemp("lang")
    session = build(folder / "english.db")
    study = folder / "study.db"
    assert run("study", "build", session, "-o", study).exit_code == 0
    return session, study


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_export_speaks_the_tools_language_whatever_the_sessions(english, lang):
    session, _ = english
    before = session.read_bytes()
    # onto the session file itself, and onto a device: the same language
    for target, said in ((session, f"{session} {ITSELF[lang]}"), ("/dev/null", DEVICE[lang])):
        result = run("--lang", lang, "export", session, "-o", target)
        assert result.exit_code == 1
        assert str(result.exception) == said
        # the report's own --lang changes the report, not what is said
        result = run("--lang", lang, "export", session, "-o", target, "--lang", "en")
        assert str(result.exception) == said
    # WORKSHOP_LANG, and the locale, choose as --lang does
    result = run("export", session, "-o", session, env={"WORKSHOP_LANG": lang})
    assert str(result.exception) == f"{session} {ITSELF[lang]}"
    result = run("export", session, "-o", session,
                 env={"LANG": f"{lang}.UTF-8", "WORKSHOP_LANG": None})
    assert str(result.exception) == f"{session} {ITSELF[lang]}"
    assert session.read_bytes() == before


def test_an_exports_content_follows_the_session_or_its_own_lang(english, tmp_path):
    session, _ = english
    out = tmp_path / "r.json"
    # a Spanish user, an English session: the report in English
    assert run("--lang", "es", "export", session, "--format", "json", "-o", out,
               "--with-names").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tables"]["moments"]
    md = tmp_path / "r.md"
    assert run("--lang", "es", "export", session, "--format", "md", "-o", md).exit_code == 0
    assert "## Executive summary" in md.read_text(encoding="utf-8")
    # the export's --lang: a Portuguese report for a Spanish user, who is answered in
    # Spanish
    result = run("--lang", "es", "export", session, "--format", "md", "-o", md,
                 "--lang", "pt_BR")
    assert result.exit_code == 0
    assert "## Resumo executivo" in md.read_text(encoding="utf-8")
    result = run("--lang", "es", "export", session, "--format", "md", "-o", session,
                 "--lang", "pt_BR")
    assert str(result.exception) == f"{session} {ITSELF['es']}"


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_study_export_speaks_the_tools_language_its_code_book_the_studys(english, lang,
                                                                         tmp_path):
    session, study = english
    before = study.read_bytes(), session.read_bytes()
    for extra in ((), ("--lang", "en")):
        result = run("--lang", lang, "study", "export", study, "-o", study, *extra)
        assert result.exit_code == 1
        assert str(result.exception) == f"{study} {STUDY_ITSELF[lang]}"
        result = run("--lang", lang, "study", "export", study, "-o", "/dev/null", *extra)
        assert str(result.exception) == DEVICE[lang]
    assert (study.read_bytes(), session.read_bytes()) == before
    out = tmp_path / "s.qdpx"
    assert run("--lang", lang, "study", "export", study, "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        codes = archive.read("project.qde").decode("utf-8")
    assert 'name="Journey stages"' in codes  # the English study's code book


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_a_session_file_as_a_study_exports_target_is_named_plainly(english, lang,
                                                                    tmp_path):
    session, study = english
    other = build(tmp_path / "other.db", lang="es")
    before = other.read_bytes()
    result = run("--lang", lang, "study", "export", study, "-o", other)
    assert result.exit_code == 1
    assert str(result.exception) == f"{other} {SESSION_TARGET[lang]}"
    # the same plain words where a session's own export would land on another session
    result = run("--lang", lang, "export", session, "--format", "md", "-o", other)
    assert str(result.exception) == f"{other} {SESSION_TARGET[lang]}"
    assert other.read_bytes() == before


@pytest.mark.parametrize("lang", ["es", "pt_BR"])
def test_study_build_speaks_the_tools_language(english, lang, tmp_path):
    session, _ = english
    before = session.read_bytes()
    result = run("--lang", lang, "study", "build", session, "-o", session)
    assert result.exit_code == 1
    assert str(result.exception) == f"{session} {ONE_OF_THE_SESSIONS[lang]}"
    # a device is refused in one line, not taken for a new study (it was a crash)
    result = run("--lang", lang, "study", "build", session, "-o", "/dev/null")
    assert result.exit_code == 1
    assert str(result.exception) == DEVICE[lang]
    out = tmp_path / "study.db"
    result = run("--lang", lang, "study", "build", session, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == {
        "es": f"{out}: 1 sesión añadida; actualizadas: 0, sin cambios: 0, omitidas: 0.\n",
        "pt_BR": f"{out}: 1 sessão adicionada; atualizadas: 0, sem mudanças: 0, "
                 "ignoradas: 0.\n"}[lang]
    assert session.read_bytes() == before
