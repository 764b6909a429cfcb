"""`--help` speaks the chosen language: --lang, then WORKSHOP_LANG, then LANG."""

import re
import subprocess
import sys

from click.testing import CliRunner

from workshop.cli import cli
from workshop.i18n import LANGUAGES

ENGLISH_ENV = {"WORKSHOP_LANG": None, "LANG": "C.UTF-8"}
SPANISH_ENV = {"WORKSHOP_LANG": None, "LANG": "es_ES.UTF-8"}


def _help(*args: str, env=ENGLISH_ENV) -> str:
    result = CliRunner().invoke(cli, list(args), env=env, prog_name="workshop")
    assert result.exit_code == 0, result.output
    return result.output


def test_group_help_lists_the_commands_in_spanish_with_lang():
    out = _help("--lang", "es", "--help")
    assert out.startswith("Uso: workshop [OPCIONES] [COMANDO] [ARGUMENTOS]...")
    assert "Dirige un grupo focal sobre experiencia de cliente" in out
    assert "  new      Crea un archivo de sesión y muestra su ruta." in out
    assert "  scripts  Lista los guiones de ejercicio incluidos." in out
    assert "Opciones:" in out and "Comandos:" in out
    assert re.search(r"\n  -h, --help +Muestra esta ayuda y termina\.\n", out)
    assert re.search(r"\n  -V, --version +Muestra la versión y termina\.\n", out)
    assert re.search(r"\n  --dir CARPETA +La carpeta de las sesiones", out)
    for english in ("Usage:", "Options:", "Commands:", "Create a session file", "Show this"):
        assert english not in out


def test_lang_after_help_still_gives_spanish():
    assert _help("--help", "--lang=es").startswith("Uso: workshop")


def test_subcommand_help_shows_spanish_option_help():
    out = _help("--lang", "es", "new", "--help")
    assert out.startswith("Uso: workshop new [OPCIONES]")
    assert "Crea un archivo de sesión y muestra su ruta." in out
    assert "--title TEXTO" in out and "Título de la sesión.  [obligatorio]" in out
    assert "[por defecto: moments-of-truth]" in out
    assert "--dir CARPETA" in out and "Carpeta del archivo de sesión" in out
    # choices are values to type, never translated: the catalogs there are
    assert f"--lang [{'|'.join(LANGUAGES)}]" in out
    assert "Title of the session" not in out and "[required]" not in out
    out = _help("--lang", "es", "compare", "--help")
    assert "Uso: workshop compare [OPCIONES] RUTAS..." in out
    assert "[por defecto: 1; x>=1]" in out


def test_lang_environment_gives_spanish_and_lang_option_wins():
    assert "Muestra un resumen en texto plano" in _help("show", "--help", env=SPANISH_ENV)
    assert _help("--help", env=SPANISH_ENV).startswith("Uso: workshop")
    assert _help("--help", env={"WORKSHOP_LANG": "es", "LANG": "en_GB.UTF-8"}).startswith("Uso:")
    assert _help("--lang", "en", "--help", env={"WORKSHOP_LANG": "es"}).startswith("Usage:")


def test_english_by_default_unchanged():
    out = _help("--help")
    assert out.startswith("Usage: workshop [OPTIONS] [COMMAND] [ARGS]...")
    assert "  new      Create a session file and print its path." in out
    assert re.search(r"\n  -h, --help +Show this message and exit\.\n", out)
    out = _help("new", "--help")
    assert "--title TEXT" in out and "Title of the session.  [required]" in out
    assert "[default: moments-of-truth]" in out


def test_version_in_spanish():
    from workshop import __version__

    assert _help("--lang", "es", "-V").strip() == f"workshop, versión {__version__}"
    assert _help("--version").strip() == f"workshop, version {__version__}"


def test_spanish_help_imports_no_textual():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from workshop.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--lang', 'es', '--help'])\n"
        "assert r.exit_code == 0 and 'Uso:' in r.output, r.output\n"
        "print(sorted(m for m in ('textual', 'docx', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
