"""Exercise scripts: the built-ins, the format, every refusal with its line, the CLI,
and the exercises travelling inside the wheel."""

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.cli import cli
from workshop.core.errors import WorkshopError
from workshop.core.prompts import load_deck
from workshop.core.resources import exercises_dir
from workshop.core.scripts import (
    ScriptError,
    builtin_scripts,
    load_script,
    parse_script,
    read_script,
    script_warnings,
)
from workshop.i18n import known, set_language

REPO = Path(__file__).resolve().parent.parent
KINDS_IN_ORDER = ["intro", "discussion", "moments", "expectations", "vote", "excellence",
                  "vote", "gaps", "wrapup"]
HEAD = "---\ntitle: T\nlanguage: en\n---\n"


def script(text: str):
    return parse_script(text, name="s", file="s.md")


def refusal(text: str) -> ScriptError:
    with pytest.raises(ScriptError) as caught:
        script(text)
    return caught.value


# ---- the built-in scripts --------------------------------------------------------------

@pytest.mark.parametrize("name, lang, title", [
    ("moments-of-truth", "en", "Moments of truth"),
    ("momentos-de-la-verdad", "es", "Momentos de la verdad"),
    ("momentos-da-verdade", "pt_BR", "Momentos da verdade"),
])
def test_builtin_scripts_follow_the_method_step_by_step(name, lang, title):
    found = load_script(name)
    assert (found.name, found.lang, found.title) == (name, lang, title)
    assert [s.kind for s in found.steps] == KINDS_IN_ORDER
    assert found.minutes == found.step_minutes == 100
    moments_vote, ideas_vote = [s.options for s in found.steps if s.kind == "vote"]
    assert moments_vote == {"target": "moments", "blind": True, "dots": 5, "cap": 2}
    assert ideas_vote == {"target": "ideas", "blind": True, "dots": 3, "cap": 2}
    assert all(s.body and s.options == {} for s in found.steps if s.kind != "vote")
    assert script_warnings(found) == []
    # The authors' comment on the format is never shown to a facilitator.
    assert not any("<!--" in s.body or "kind=" in s.body for s in found.steps)


def test_every_language_offers_the_same_session():
    en = load_script("moments-of-truth")
    for name in ("momentos-de-la-verdad", "momentos-da-verdade"):
        other = load_script(name)
        assert [(s.kind, s.minutes, s.options) for s in en.steps] == \
               [(s.kind, s.minutes, s.options) for s in other.steps]
        assert "**latente**" in other.steps[3].body
    assert "consent" in en.steps[0].body and "**latent**" in en.steps[3].body
    assert "consentimiento" in load_script("momentos-de-la-verdad").steps[0].body
    assert "consentimento" in load_script("momentos-da-verdade").steps[0].body


def test_builtin_scripts_lists_every_shipped_file():
    assert [s.name for s in builtin_scripts()] == ["momentos-da-verdade", "momentos-de-la-verdad",
                                                   "moments-of-truth"]


@pytest.mark.parametrize("name, lang, expected", [
    ("moments-of-truth", "es", "momentos-de-la-verdad"),
    ("momentos-de-la-verdad", "en", "moments-of-truth"),
    ("moments-of-truth", "en", "moments-of-truth"),
    ("momentos-de-la-verdad", None, "momentos-de-la-verdad"),
    # a new language's script names the others; they need not name it
    ("moments-of-truth", "pt_BR", "momentos-da-verdade"),
    ("momentos-de-la-verdad", "pt-br", "momentos-da-verdade"),
    ("momentos-da-verdade", "es", "momentos-de-la-verdad"),
])
def test_a_language_picks_the_builtin_in_that_language(name, lang, expected):
    found = load_script(name, lang=lang)
    assert found.name == expected and found.lang == (known(lang) or found.lang)


def test_to_dict_is_what_a_session_stores():
    found = load_script("moments-of-truth")
    data = found.to_dict()
    assert list(data) == ["name", "title", "lang", "dots", "cap", "minutes", "steps"]
    assert (data["name"], data["lang"], data["dots"], data["cap"], data["minutes"]) == \
           ("moments-of-truth", "en", 3, 2, 100)
    assert all(list(step) == ["title", "kind", "minutes", "body", "options"]
               for step in data["steps"])
    assert data["steps"][2]["title"] == "Map the moments of truth"
    assert json.loads(json.dumps(data)) == data


def test_a_script_file_is_loaded_by_path(tmp_path):
    path = tmp_path / "my-group.md"
    path.write_text(HEAD + "## Hello {kind=intro minutes=3}\nWelcome.\n", encoding="utf-8")
    found = load_script(str(path), lang="es")  # a file keeps its own language
    assert (found.name, found.lang, found.path, found.steps[0].body) == (
        "my-group", "en", path, "Welcome.")


def test_the_format_documented_atop_the_builtins_parses():
    text = (exercises_dir() / "moments-of-truth.md").read_text(encoding="utf-8")
    example = re.search(r"^  (## .*\{kind=.*\})$", text, re.M).group(1)
    found = script(HEAD + example + "\nText.\n")
    assert (found.steps[0].title, found.steps[0].kind, found.steps[0].minutes) == \
           ("Warm-up", "discussion", 10)


# ---- the format -----------------------------------------------------------------------

def test_front_matter_steps_and_bodies():
    found = script(
        "---\n"
        "# authors may comment here\n"
        "title: 'Quoted: title'\n"
        "language: ES\n"
        "dots: 4\n"
        "cap: 1\n"
        "description: For testing\n"
        "---\n"
        "<!-- a comment before the first step -->\n"
        "\n"
        "## Hello {kind=intro minutes=2.5}\n"
        "\n"
        "Say **hello**.\n"
        "\n"
        "<!-- a note for authors only -->\n"
        "\n"
        "### A sub-heading stays in the body\n"
        "```\n"
        "## not a step {kind=intro minutes=1}\n"
        "```\n"
        "A paragraph\n"
        "---\n"
        "## Vote {kind=vote minutes=5 target=ideas blind=false}\n"
        "## Close {kind=wrap-up, minutes=2}\n")
    assert (found.title, found.lang, found.dots, found.cap, found.description) == \
           ("Quoted: title", "es", 4, 1, "For testing")
    assert [(s.title, s.kind, s.minutes, s.line) for s in found.steps] == [
        ("Hello", "intro", 2.5, 11), ("Vote", "vote", 5, 23), ("Close", "wrapup", 2, 24)]
    assert found.steps[0].body == (
        "Say **hello**.\n\n### A sub-heading stays in the body\n```\n"
        "## not a step {kind=intro minutes=1}\n```\nA paragraph\n---")
    # a vote takes the script's dots and cap unless it sets its own
    assert found.steps[1].options == {"target": "ideas", "blind": False, "dots": 4, "cap": 1}
    assert found.steps[1].body == "" and found.minutes == found.step_minutes == 9.5


def test_windows_line_endings_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "windows.md"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "## A {kind=intro minutes=5}\nBody\n")
                     .replace("\n", "\r\n").encode())
    found = read_script(path)
    assert (found.title, found.steps[0].body, found.steps[0].line) == ("T", "Body", 5)


# ---- refusals: file, line and what --------------------------------------------------------

@pytest.mark.parametrize("text, line, what", [
    ("", 1, "front matter"),
    ("## A {kind=intro minutes=5}\n", 1, "front matter"),
    ("\n---\ntitle: T\nlanguage: en\n---\n## A {kind=intro minutes=5}\n", 1, "front matter"),
    ("---\ntitle: T\nlanguage: en\n## A {kind=intro minutes=5}\n", 1, "not closed"),
    ("---\ntitle: T\nlang: en\n---\n## A {kind=intro minutes=5}\n", 3,
     "Unknown front matter key “lang”"),
    ("---\ntitle: T\nlanguage: en\ndots: three\n---\n", 4, "dots must be a whole number"),
    ("---\ntitle: T\nlanguage: en\ncap: 0\n---\n", 4, "cap must be a whole number"),
    ("---\ntitle: T\nlanguage: en\nminutes: 1h\n---\n", 4, "minutes must be a number"),
    ("---\nlanguage: en\n---\n## A {kind=intro minutes=5}\n", 1, "no title"),
    ("---\ntitle: T\n---\n## A {kind=intro minutes=5}\n", 1, "no language"),
    ("---\ntitle: T\nlanguage: fr\n---\n", 3, "language must be one of en, es"),
    ("---\ntitle: T\ntitle: U\nlanguage: en\n---\n", 3, "“title” is given twice"),
    ("---\ntitle: T\nlanguage: en\n- a list\n---\n", 4, "key: value"),
    ("---\ntitle:\nlanguage: en\n---\n", 2, "“title” is empty"),
    (HEAD, 4, "no steps"),
    (HEAD + "\n<!-- only a comment -->\n\n", 6, "no steps"),
    (HEAD + "Some words\n\n## A {kind=intro minutes=5}\n", 5, "Text before the first step"),
    (HEAD + "# Title\n## A {kind=intro minutes=5}\n", 5, "level-2 headings"),
    (HEAD + "{kind=intro minutes=5}\n## A\n", 5, "Attributes on a line of their own"),
    (HEAD + "## A {kind=intro minutes=5}\nx\n\n{kind=intro minutes=5}\n## B\n", 8,
     "Attributes on a line of their own"),
    (HEAD + "## A {kind=intro minutes=5}\n\n## Plain heading\n", 7, "needs its kind and minutes"),
    (HEAD + "## {kind=intro minutes=5}\n", 5, "no title"),
    (HEAD + "## A {minutes=5}\n", 5, "has no kind"),
    (HEAD + "## A {}\n", 5, "has no kind"),
    (HEAD + "## A {kind=intro minutes=5}\n## B {kind=poll minutes=5}\n", 6,
     "Unknown step kind “poll”"),
    (HEAD + "## A {kind=intro}\n", 5, "has no minutes"),
    (HEAD + "## A {kind=intro minutes=ten}\n", 5, "minutes must be a number"),
    (HEAD + "## A {kind=intro minutes=0}\n", 5, "minutes must be a number"),
    (HEAD + "## A {kind=intro minutes=-5}\n", 5, "minutes must be a number"),
    (HEAD + "## A {kind=intro minutes=601}\n", 5, "at most 600"),
    (HEAD + "## A {kind=intro minutes=5 target=ideas}\n", 5,
     "Unknown option “target” for a intro step"),
    (HEAD + "## A {kind=vote minutes=5 rounds=2}\n", 5, "Unknown option “rounds” for a vote step"),
    (HEAD + "## A {kind=vote minutes=5 target=people}\n", 5, "target must be moments or ideas"),
    (HEAD + "## A {kind=vote minutes=5 blind=maybe}\n", 5, "blind must be true or false"),
    (HEAD + "## A {kind=vote minutes=5 dots=many}\n", 5, "dots must be a whole number"),
    # A translation is another script beside this one: a path (which crashed `new --lang`)
    # or a name that is no file name is refused where it is written.
    ("---\ntitle: T\nlanguage: en\ntranslations: ok, ../../etc/passwd\n---\n", 4,
     "“../../etc/passwd” is not such a name"),
    ("---\ntitle: T\nlanguage: en\ntranslations: a\\b\n---\n", 4, "is not such a name"),
    ("---\ntitle: T\nlanguage: en\ntranslations: ..\n---\n", 4, "is not such a name"),
    ("---\ntitle: T\nlanguage: en\ncrosshairs: middle\n---\n", 4,
     "crosshairs must be data (at this group's means) or scale"),
    ("---\ntitle: T\nlanguage: en\nclocks: sometimes\n---\n", 4,
     "clocks must be auto (a step's clock starts as the step is entered) or manual"),
    (HEAD + "## A {kind=gaps minutes=5 crosshairs=median}\n", 5, "crosshairs must be data"),
    (HEAD + "## A {kind=gaps minutes=5 axes=scale}\n", 5,
     "Unknown option “axes” for a gaps step: use crosshairs"),
    (HEAD + "## A {kind=intro minutes=5 kind=vote}\n", 5, "“kind” is given twice"),
    (HEAD + "## A {kind=intro minutes}\n", 5, "key=value"),
    (HEAD + "## A {kind=intro minutes=5}\n\n\n## B {kind=intro minutes = 5}\n", 8, "key=value"),
])
def test_a_mistake_is_refused_with_its_line(text, line, what):
    error = refusal(text)
    assert (error.file, error.line) == ("s.md", line)
    assert what in error.message
    # The first mistake is named; a script cut down to show one may have a second
    # (no steps at all), which the message counts.
    assert str(error).startswith(f"s.md:{line}: {error.message}")
    assert error.mistakes[0] is error


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes((HEAD + "## Café {kind=intro minutes=5}\n").encode("latin-1"))
    with pytest.raises(ScriptError) as caught:
        load_script(str(path))
    assert str(caught.value) == f"{path}:5: This line is not UTF-8 text: save the file as UTF-8."


def test_missing_and_unreadable_files_are_refused_plainly(tmp_path):
    with pytest.raises(ScriptError, match=r"nothing\.md: There is no such file\.$"):
        load_script(str(tmp_path / "nothing.md"))
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(ScriptError, match="folder, not a script file"):
        read_script(folder)
    with pytest.raises(ScriptError, match=r"no built-in script called “nope” \(built-in: "
                                          r"momentos-da-verdade, momentos-de-la-verdad, "
                                          r"moments-of-truth\)"):
        load_script("nope")


def test_an_unforeseen_failure_still_names_the_line(monkeypatch):
    from workshop.core import scripts

    def broken(self, start, end, comments):
        raise IndexError("boom")

    monkeypatch.setattr(scripts._Parser, "body", broken)
    error = refusal(HEAD + "\n## A {kind=intro minutes=5}\nx\n")
    assert isinstance(error, WorkshopError)
    assert (error.line, error.message) == (6, "This script cannot be read here (IndexError).")


def test_messages_follow_the_language():
    set_language("es")
    try:
        error = refusal(HEAD + "## A {kind=poll minutes=5}\n")
    finally:
        set_language("en")
    assert str(error).startswith("s.md:5: Tipo de paso desconocido «poll»")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-#{}=:\n <!>`~*abkind minutes vote")), max_size=120))
def test_any_text_gives_a_script_or_a_located_error(text):
    try:
        script(text)
    except ScriptError as error:
        assert error.line is not None and 1 <= error.line <= text.count("\n") + 1


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_damaged_builtin_gives_a_script_or_a_located_error(data):
    lines = (exercises_dir() / "moments-of-truth.md").read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "double", "cut"]))
        if action == "drop":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        else:
            lines[at] = lines[at][: data.draw(st.integers(0, max(0, len(lines[at]) - 1)))]
    try:
        script("\n".join(lines))
    except ScriptError as error:
        assert error.line is not None and 1 <= error.line <= len(lines)


def test_warnings_point_at_what_is_probably_not_meant():
    found = script("---\ntitle: T\nlanguage: en\nminutes: 30\n---\n"
                   "## Gaps {kind=gaps minutes=5}\nx\n"
                   "## Vote {kind=vote minutes=5 target=ideas dots=2 cap=3}\n")
    assert script_warnings(found) == [
        "The steps add up to 10 minutes but the front matter says 30.",
        "Step 1 analyses gaps, but no expectations step (where the ratings are given) comes "
        "before it.",
        "Step 2 votes on ideas, but no excellence step comes before it.",
        "Step 2: the cap per item (3) is more than the dots each participant has (2).",
        "Step 2 has no text for the facilitator.",
    ]


# ---- the commands ---------------------------------------------------------------------

def test_scripts_command_lists_the_builtins():
    result = CliRunner().invoke(cli, ["scripts"])
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0] == ["Name", "Language", "Title", "Minutes", "Steps"]
    assert rows[1] == ["momentos-da-verdade", "pt_BR", "Momentos", "da", "verdade", "100", "9"]
    assert rows[2] == ["momentos-de-la-verdad", "es", "Momentos", "de", "la", "verdad", "100", "9"]
    assert rows[3] == ["moments-of-truth", "en", "Moments", "of", "truth", "100", "9"]
    assert str(exercises_dir()) in result.stdout


def test_check_prints_the_outline_of_a_good_script():
    result = CliRunner().invoke(cli, ["check", str(REPO / "exercises" / "moments-of-truth.md")])
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Moments of truth (en): 9 steps, 100 minutes"
    assert lines[1].split() == ["1.", "Welcome", "and", "consent", "intro", "5", "min"]
    assert "5. Which moments matter most" in lines[5]
    assert "vote: moments, blind, 5 dots, max 2 per item" in lines[5]
    assert lines[-1] == "Total: 100 minutes of steps; the front matter plans 100."


def test_check_warns_when_the_minutes_do_not_add_up(tmp_path):
    path = tmp_path / "short.md"
    path.write_text("---\ntitle: Short\nlanguage: es\nminutes: 45\n---\n"
                    "## Hola {kind=intro minutes=5}\nBienvenida.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "es", "check", str(path)])
    assert result.exit_code == 0
    assert "Total: 5 minutos de pasos; la cabecera prevé 45." in result.stdout
    assert result.stderr == "Aviso: Los pasos suman 5 minutos, pero la cabecera dice 45.\n"


@pytest.mark.parametrize(("lang", "outline", "total", "warning"), [
    ("en", "One (en): 1 step, 1 minute", "Total: 1 minute of steps; the front matter plans 45.",
     "Warning: The steps add up to 1 minute but the front matter says 45.\n"),
    ("es", "One (en): 1 paso, 1 minuto", "Total: 1 minuto de pasos; la cabecera prevé 45.",
     "Aviso: Los pasos suman 1 minuto, pero la cabecera dice 45.\n"),
    ("pt_BR", "One (en): 1 passo, 1 minuto", "Total: 1 minuto de passos; o cabeçalho prevê 45.",
     "Aviso: Os passos somam 1 minuto, mas o cabeçalho diz 45.\n")])
def test_check_of_one_step_of_one_minute_reads_in_the_singular(tmp_path, lang, outline,
                                                                   total, warning):
    """'1 steps, 1 minutes': the outline, the total and the warning through ngettext."""
    path = tmp_path / "one.md"
    path.write_text("---\ntitle: One\nlanguage: en\nminutes: 45\n---\n"
                    "## Hello {kind=intro minutes=1}\nWelcome.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (lines[0], lines[-1]) == (outline, total)
    assert result.stderr == warning


def test_check_lines_up_a_title_of_wide_characters(tmp_path):
    """A step title in Japanese takes two cells a character: the kinds stay in one column."""
    path = tmp_path / "jp.md"
    path.write_text("---\ntitle: 週末\nlanguage: en\n---\n## 東京の買い物 {kind=intro minutes=5}\n"
                    "Hi.\n## Plain step {kind=discussion minutes=10}\nx\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.stdout.splitlines()[1:3] == ["  1. 東京の買い物  intro         5 min",
                                               "  2. Plain step    discussion   10 min"]


def test_clocks_in_the_front_matter_reach_the_session():
    manual = script("---\ntitle: T\nlanguage: en\nclocks: Manual\n---\n"
                    "## A {kind=discussion minutes=5}\n")
    assert manual.clocks == "manual" and manual.to_dict()["clocks"] == "manual"
    auto = script(HEAD + "## A {kind=discussion minutes=5}\n")
    assert auto.clocks is None and "clocks" not in auto.to_dict()


def test_crosshairs_in_the_front_matter_and_on_the_gaps_step_reach_the_session():
    front = script("---\ntitle: T\nlanguage: en\ncrosshairs: Scale\n---\n"
                   "## Gaps {kind=gaps minutes=5}\n")
    assert front.crosshairs == "scale" and front.to_dict()["crosshairs"] == "scale"
    step = script(HEAD + "## Gaps {kind=gaps minutes=5 crosshairs=data}\n")
    assert step.crosshairs is None and "crosshairs" not in step.to_dict()
    assert step.to_dict()["steps"][0]["options"] == {"crosshairs": "data"}


def test_check_refuses_a_broken_script_with_its_line(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text(HEAD + "## A {kind=intro minutes=5}\n## B {kind=vote}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"Error: {path}:6: The step “B” has no minutes: add minutes=… "
                             "to its heading.\n")


# ---- the exercises inside the wheel ------------------------------------------------------

def test_an_installed_wheel_carries_and_finds_the_exercises(tmp_path):
    # Built by pip, offline, with this environment's build backend: pip's own fresh build
    # environment fetched hatchling and babel from the index each time (5 s; that they are
    # declared as build requirements is test_packaging's to check).
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q",
                    "--no-build-isolation", "-w", str(tmp_path)], check=True,
                   capture_output=True)
    (wheel,) = tmp_path.glob("workshop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert {"workshop/exercises/moments-of-truth.md", "workshop/exercises/momentos-de-la-verdad.md",
            "workshop/exercises/prompts/en.toml", "workshop/exercises/prompts/es.toml"} <= names
    # Run from elsewhere with only the unpacked wheel on the path: no checkout to fall back on.
    code = ("from workshop.core.resources import exercises_dir\n"
            "from workshop.core.scripts import load_script\n"
            "from workshop.core.prompts import load_deck\n"
            "print(exercises_dir())\n"
            "print(load_script('moments-of-truth', lang='es').title, "
            "len(load_deck('es').prompts))\n"
            "from workshop.i18n import LANGUAGES, translate\n"
            "print(LANGUAGES, translate('Next step', 'pt_BR'), translate('Next step', 'es'))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
                         check=True).stdout.splitlines()
    assert out[0] == str(tmp_path / "site" / "workshop" / "exercises")
    assert out[1] == f"Momentos de la verdad {len(load_deck('es').prompts)}"
    # The catalogs travel compiled (built with the wheel), not as .po: the installed tool
    # finds every language from them and speaks it.
    for lang in ("es", "pt_BR"):
        assert {f"workshop/locale/{lang}/LC_MESSAGES/workshop.mo",
                f"workshop/locale/{lang}/LC_MESSAGES/click.mo"} <= names
    assert not [name for name in names if name.endswith(".po")]
    assert out[2] == "('en', 'es', 'pt_BR') Próximo passo Paso siguiente"
