"""What a newcomer meets on the command line: exits and messages, closed pipes, where
an export goes, languages (click's own messages too), shell completion, `check`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from core_fixtures import at, new_store
from workshop.cli import cli, main

ENV = {**os.environ, "WORKSHOP_LANG": "en"}


def _main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """The installed command, in this process: exit status, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["workshop", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


@pytest.fixture
def session(tmp_path) -> Path:
    with new_store(tmp_path, name="shop.db", title="Weekly shop") as store:
        store.record("step_entered", step=2, at=at(1))
        store.record("moment_added", text="The queue at the till", at=at(2))
        store.record("note_added", text="Everyone nods about the queue", type="note", at=at(3))
    return tmp_path / "shop.db"


# ---- exits and messages -----------------------------------------------------------


def test_list_of_a_folder_that_does_not_exist_fails_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = _main(monkeypatch, capsys, "list", "no-such-dir")
    assert (code, out, err) == (1, "", "Error: no-such-dir: there is no such folder.\n")


def test_list_of_the_default_folder_before_any_session_is_no_error(monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "list")
    assert code == 0 and out.startswith("No session files in ") and err == ""


def test_search_in_a_file_that_does_not_exist_fails_in_one_line(monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "search", "queue", "/no/such.db")
    assert (code, out, err) == (1, "", "Error: /no/such.db: no such file or folder.\n")


def test_search_counts_only_the_files_it_could_read(monkeypatch, capsys, session):
    broken = session.parent / "broken.db"
    broken.write_bytes(b"not a session")
    code, out, err = _main(monkeypatch, capsys, "search", "queue", session.parent)
    assert code == 0
    assert out.splitlines()[-1].startswith("Entries found: 2 (in 1 of 1 session file, ")
    assert err == f"Skipped: {broken} is not a workshop session file.\n"
    code, out, err = _main(monkeypatch, capsys, "search", "zebra", session)
    assert code == 0 and out.startswith("No entry matches “zebra” in 1 session file (")
    code, out, err = _main(monkeypatch, capsys, "search", "queue", broken)
    assert (code, out, err) == (1, "", f"Error: {broken} is not a workshop session file.\n")


def test_new_refuses_an_empty_title_and_makes_no_file(monkeypatch, capsys, tmp_path):
    for title in ("", "   "):
        code, out, err = _main(monkeypatch, capsys, "new", "--title", title, "--dir", tmp_path)
        assert (code, out, err) == (1, "", "Error: A session needs a title.\n")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def long_titles(tmp_path) -> Path:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 3)
    folder.mkdir()
    for name, title in (("2026-10-14-greenway-a.db", "Greenway Markets: a week of food "
                         "shopping, first group of the morning"),
                        ("2026-10-14-greenway-b.db", "Greenway Markets: a week of food "
                         "shopping, second group of the afternoon")):
        new_store(folder, name=name, title=title).close()
    return folder


def test_list_fits_the_terminal_and_never_cuts_a_file_name(monkeypatch, capsys, long_titles):
    # It printed ~190 columns: the folder's whole path on every line, titles whole.
    from workshop.cli import session

    for width in (80, 50):
        monkeypatch.setattr(session, "_terminal_width", lambda w=width: w)
        code, out, _ = _main(monkeypatch, capsys, "list", long_titles)
        lines = out.splitlines()
        assert code == 0 and lines[0] == f"Sessions in {long_titles}"
        assert max(len(line) for line in lines[1:]) <= width, out  # a folder is never cut
        for name in ("2026-10-14-greenway-a.db", "2026-10-14-greenway-b.db"):
            assert sum(line.startswith(name + " ") for line in lines) == 1, out
    # 80 columns: one row each, the title cut short; 50: the names, then the rest wrapped.
    monkeypatch.setattr(session, "_terminal_width", lambda: 80)
    lines = _main(monkeypatch, capsys, "list", long_titles)[1].splitlines()
    assert lines[1].split() == ["File", "Title", "Date", "Script", "People", "Status"]
    # The two titles differ at their ends: cut in the middle, each keeps its last word.
    assert lines[2].startswith("2026-10-14-greenway-a.db  Gree") and "…morning  " in lines[2]
    assert lines[3].startswith("2026-10-14-greenway-b.db  Gree") and "…ernoon  " in lines[3]


def test_list_never_cuts_two_titles_alike(monkeypatch, capsys, tmp_path):
    """'Banco Norte — cierre de cuenta, grupo 1' and '… grupo 2' both read 'Banco
    Norte — cierre…' at 80 columns: two rows alike but for the file's name."""
    from workshop.cli import session
    from workshop.cli.columns import cells

    tokyo = "東京の週末の買い物：午前のグループ、食料品と日用品"
    for name, title in (("2026-11-03-bn-1.db", "Banco Norte — cierre de cuenta, grupo 1"),
                        ("2026-11-03-bn-2.db", "Banco Norte — cierre de cuenta, grupo 2"),
                        ("2026-11-03-bn-3.db", tokyo + " 2"), ("2026-11-03-bn-4.db", tokyo + " 1")):
        new_store(tmp_path, name=name, title=title).close()
    monkeypatch.setattr(session, "_terminal_width", lambda: 80)
    code, out, _ = _main(monkeypatch, capsys, "list", tmp_path)
    rows = out.splitlines()[2:]
    assert code == 0 and len(rows) == 4 and max(cells(line) for line in rows) <= 80, out
    # Everything after the file's name: the title is the only cell that differs.
    rest = [row.split("  ", 1)[1] for row in rows]
    assert len(set(rest)) == 4 and all("…" in r for r in rest), out
    assert rest[0].startswith("Banco…grupo 1  ") and rest[1].startswith("Banco…grupo 2  "), out


def test_a_column_cut_alike_is_cut_in_the_middle_or_not_at_all():
    from workshop.cli.columns import table_lines

    header = ("File", "Title")
    # Alike at the end too: a tail long enough to tell them apart, else no cut at all.
    rows = [("a.db", "Greenway — first group, the morning"),
            ("b.db", "Greenway — second group, the morning")]
    lines = table_lines(header, rows, width=30, floors={1: 5})
    assert len({line[6:] for line in lines[1:]}) == 2 and max(map(len, lines)) <= 30
    rows = [("a.db", "Greenway first group the morning of the day"),
            ("b.db", "Greenway other group the morning of the day")]
    lines = table_lines(header, rows, width=16, floors={1: 5})
    # Alike however cut (they differ only in the middle): each row a block, whole.
    assert lines[0] == "a.db" and " ".join(lines[1:5]).split() == ["Title:", *rows[0][1].split()]


def test_list_measures_wide_characters_by_the_cells_they_take(monkeypatch, capsys, tmp_path):
    """A title in Japanese or with emoji takes two cells a character: counted as one, the
    columns after it moved right and the line ran past 80 columns."""
    from rich.cells import cell_len

    from workshop.cli import session

    titles = {"2026-10-14-tokyo.db": "東京の週末の買い物：午前のグループ、食料品と日用品について",
              "2026-10-14-emoji.db": "Weekly shop 🛒🥖🧀 families",
              "2026-10-14-plain.db": "Weekly shop"}
    for name, title in titles.items():
        new_store(tmp_path, name=name, title=title).close()
    monkeypatch.setattr(session, "_terminal_width", lambda: 80)
    code, out, _ = _main(monkeypatch, capsys, "list", tmp_path)
    lines = out.splitlines()[1:]
    assert code == 0 and lines[0].split()[:2] == ["File", "Title"]
    assert max(cell_len(line) for line in lines) <= 80, out
    # Every row's date starts in the heading's column, whatever the title holds.
    date = cell_len(lines[0][:lines[0].index("Date")])
    dates = [re.search(r"  (\d{4}-\d\d-\d\d)  ", line).start(1) for line in lines[1:]]
    assert [cell_len(line[:at]) for line, at in zip(lines[1:], dates, strict=True)] == \
        [date] * 3, out
    tokyo = next(line for line in lines if line.startswith("2026-10-14-tokyo.db"))
    assert "東京の週末" in tokyo and "…" in tokyo


def test_the_command_line_counts_cells_as_rich_does():
    """The command line does not import Rich (import-linter): its own count agrees."""
    from rich.cells import cell_len

    from workshop.cli.columns import _cut, cells

    for text in ["東京の週末の買い物", "Weekly shop 🛒🥖🧀", "Ação", "e\u0301", "한국어",
                 "ｗｉｄｅ", "👍🏽", "❤️", "👨\u200d👩\u200d👧", "🇪🇸", "\u00ad", "plain"]:
        assert cells(text) == cell_len(text), text
    # Cut by cells, never half of a wide character: 5 cells hold two of them and "…".
    assert [_cut("東京の週末", n) for n in (10, 9, 6, 5)] == [
        "東京の週末", "東京の週…", "東京…", "東京…"]


def test_list_piped_or_wide_prints_every_cell_whole(monkeypatch, capsys, long_titles):
    # Piped (a program reads it), as before: whole paths, whole titles, one line each.
    code, out, _ = _main(monkeypatch, capsys, "list", long_titles)
    assert code == 0 and "…" not in out and not out.startswith("Sessions in")
    assert f"{long_titles / '2026-10-14-greenway-b.db'}  Greenway Markets: a week of food " \
           "shopping, second group of the afternoon" in out
    from workshop.cli import session

    monkeypatch.setattr(session, "_terminal_width", lambda: 80)
    assert _main(monkeypatch, capsys, "list", long_titles, "--wide")[1] == out


def test_list_says_a_session_with_entries_has_begun(monkeypatch, capsys, tmp_path):
    with new_store(tmp_path, name="early.db", title="Early") as store:
        store.record("note_added", text="Started before the first step", type="note", at=at(1))
    code, out, _ = _main(monkeypatch, capsys, "list", tmp_path)
    assert code == 0 and "step 1 of 7: Welcome" in out and "not started" not in out


@pytest.mark.parametrize("args", [
    ["replay", "{s}", "--at", "step:3"],
    ["show", "{s}"],
    ["search", "queue", "{s}"],
    ["export", "{s}", "--format", "md", "-o", "-"],
    ["export", "{s}", "--format", "csv", "-o", "-"],
])
def test_a_reader_that_closed_the_pipe_ends_the_command_quietly(session, args):
    """`workshop replay … | head -1`: the reader goes away before we write. Made
    certain here by closing the pipe's reading end before the command starts."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "workshop",
                               *[a.format(s=session) for a in args]],
                              stdout=write, stderr=subprocess.PIPE, env=ENV, timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 0
    # No error line, no traceback: only what an export says anyway (which table, and
    # its progress on a busy machine).
    said = [line for line in proc.stderr.decode().splitlines()
            if line != "The moments table (--table names another one)."
            and not re.fullmatch(r" *\d+%  \w.*", line)]
    assert said == []


def test_replay_into_head_ends_quietly(session):
    proc = subprocess.run(f"{sys.executable} -m workshop replay {session} --at step:3 | head -1",
                          shell=True, capture_output=True, text=True, env=ENV, timeout=120)
    assert proc.stdout.startswith(f"{session} at 00:00:00 from the start: event #")
    assert proc.stderr == "" and proc.returncode == 0


def test_dash_writes_to_the_standard_output_and_no_file_named_dash(session, tmp_path):
    here = tmp_path / "here"
    here.mkdir()
    proc = subprocess.run([sys.executable, "-m", "workshop", "export", str(session),
                           "--format", "md", "-o", "-"], cwd=here, capture_output=True,
                          text=True, env=ENV, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("# Weekly shop")
    assert list(here.iterdir()) == []


def _error_line(err: str) -> str:
    """The one line of the error, after any progress lines (a loaded machine takes over
    half a second to lay out the report, and export then says how far it got)."""
    *progress, last = err.splitlines() or [""]
    assert all(re.match(r" *\d+%  ", line) for line in progress), err
    return last + "\n"


def test_an_export_into_a_file_taken_for_a_folder_says_so(monkeypatch, capsys, session):
    other = session.parent / "other.db"
    other.write_bytes(b"SQLite format 3\x00" + bytes(100))
    before = other.read_bytes()
    for out in (other / "x.docx", other / "deeper" / "x.docx"):
        code, stdout, err = _main(monkeypatch, capsys, "export", session, "-o", out)
        assert (code, stdout) == (1, "")
        assert _error_line(err) == (f"Error: {other} is a file, not a folder: nothing can "
                                    "be written inside it.\n")
    code, _, err = _main(monkeypatch, capsys, "export", session, "--format", "csv", "-o",
                         other / "csv")
    assert code == 1 and "is a file, not a folder" in err
    assert other.read_bytes() == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_an_export_into_a_folder_that_takes_no_files_says_so(monkeypatch, capsys, session):
    code, out, err = _main(monkeypatch, capsys, "export", session, "--format", "md", "-o",
                           "/proc/nope.md")
    assert (code, out) == (1, "")
    line = _error_line(err)
    assert line.startswith("Error: Could not write /proc/nope.md: the folder /proc does not "
                           "take new files (")
    assert "moved or deleted" not in err


def test_the_cli_writes_where_it_is_run_and_the_tui_suggests_the_documents_folder(
        monkeypatch, capsys, session, tmp_path):
    # The Unix way for a command; a facilitator who started the TUI from a menu, or with
    # `make run` in the repository, has no folder in mind: the TUI suggests the same
    # name in the documents folder (or where its last export went).
    import platformdirs

    from workshop.tui.screens.export import ExportScreen

    here, documents = tmp_path / "here", tmp_path / "Documents"
    here.mkdir()
    documents.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert ExportScreen(session)._default() == documents / "shop.docx"
    code, out, _ = _main(monkeypatch, capsys, "export", session, "--format", "docx")
    assert code == 0
    assert out == f"{here / 'shop.docx'}\n" and (here / "shop.docx").is_file()


# ---- languages ----------------------------------------------------------------------


def test_an_unknown_language_is_refused_at_the_top_level_as_by_a_command(monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "--lang", "fr", "list")
    assert code == 2 and out == ""
    assert err.endswith("Error: Invalid value for '--lang': 'fr' is not one of 'en', 'es', "
                        "'pt_BR'.\n")
    code, _, sub = _main(monkeypatch, capsys, "export", "x.db", "--lang", "fr")
    assert code == 2
    assert "Invalid value for '--lang': 'fr' is not one of 'en', 'es', 'pt_BR'." in sub
    # ... in the user's own language
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    code, _, err = _main(monkeypatch, capsys, "--lang", "fr", "list")
    assert code == 2
    assert err.endswith("Error: Valor no válido para '--lang': 'fr' no es ninguno de estos: "
                        "'en', 'es', 'pt_BR'.\n")


@pytest.mark.parametrize("variables, expected", [
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
    ({"LC_ALL": "es_MX.UTF-8", "LC_MESSAGES": "en_GB.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "en"),
    ({"LC_ALL": "", "LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
    ({"WORKSHOP_LANG": "en", "LC_ALL": "es_ES.UTF-8"}, "en"),
])
def test_the_locale_variables_are_read_in_the_posix_order(monkeypatch, variables, expected):
    from workshop.cli.help import environment_language

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "WORKSHOP_LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert environment_language() == expected


def test_lc_all_gives_spanish_help_and_errors(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    code, out, _ = _main(monkeypatch, capsys, "--help")
    assert code == 0 and out.startswith("Uso: workshop")


def test_clicks_own_messages_speak_spanish(monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "--lang", "es", "show")
    assert (code, out) == (2, "")
    assert err == ("Uso: workshop show [OPCIONES] ARCHIVO\n"
                   "Pruebe «workshop show --help» para ver la ayuda.\n\n"
                   "Error: Falta un argumento 'ARCHIVO'.\n")
    code, _, err = _main(monkeypatch, capsys, "--lang", "es", "lisst")
    assert err.endswith("Error: No existe el comando 'lisst'. ¿Quería decir 'list'?\n")
    code, _, err = _main(monkeypatch, capsys, "--lang", "es", "list", "--full")
    assert err.endswith("Error: No existe la opción '--full'.\n")
    code, _, err = _main(monkeypatch, capsys, "--lang", "es", "show", "/")
    assert err.endswith("Error: Valor no válido para 'ARCHIVO': Archivo '/' es una carpeta.\n")
    # A command's own --lang, after its arguments, is heard before click refuses the rest.
    code, _, err = _main(monkeypatch, capsys, "show", "a.db", "b.db", "--lang", "es")
    assert err.endswith("Error: Sobra un argumento (b.db)\n")
    # and English again, from the same words
    code, _, err = _main(monkeypatch, capsys, "--lang", "en", "show")
    assert err.endswith("Try 'workshop show --help' for help.\n\nError: Missing argument 'FILE'.\n")


# ---- shell completion ------------------------------------------------------------


def _complete(words: str, env: dict | None = None) -> list[tuple[str, str]]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = CliRunner().invoke(cli, [], prog_name="workshop", env={
        "_WORKSHOP_COMPLETE": "bash_complete", "COMP_WORDS": words,
        "COMP_CWORD": str(cword), **(env or {})})
    return [tuple(line.split(",", 1)) for line in result.output.splitlines()]


def test_file_arguments_complete_as_files_and_session_names(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in ("2026-11-30-weekly-shop", "2026-12-01-pharmacy", "demo-supermarket"):
        (folder / f"{name}.db").write_bytes(b"")
    env = {"WORKSHOP_SESSIONS": str(folder)}
    assert _complete("workshop run 2026", env) == [
        ("file", "2026"), ("plain", "2026-11-30-weekly-shop"), ("plain", "2026-12-01-pharmacy")]
    assert _complete("workshop export de", env) == [("file", "de"), ("plain", "demo-supermarket")]
    assert _complete("workshop show ./2026", env) == [("file", "./2026")]  # a path: files
    assert _complete(f"workshop --dir {tmp_path} replay 2026", env) == [("file", "2026")]
    assert _complete("workshop list ", env) == [("dir", "")]
    assert _complete("workshop check ", env) == [("file", "")]
    assert ("plain", "moments-of-truth") in _complete("workshop new --script mom", env)


def test_every_file_and_folder_argument_is_a_path_the_shell_completes():
    for command in cli.commands.values():
        for param in command.params:
            if param.name in ("file", "paths", "folder", "script", "out", "output",
                              "source", "logo"):
                assert isinstance(param.type, click.Path), (command.name, param.name)


# ---- check ---------------------------------------------------------------------------


def test_check_reports_every_mistake_with_its_line(monkeypatch, capsys, tmp_path):
    script = tmp_path / "broken.md"
    script.write_text("---\ntitle: Broken\nlanguage: fr\ndots: many\n---\n\n"
                      "## Warm-up {kind=chat minutes=10}\n\nTalk.\n\n"
                      "## Vote {kind=vote minutes=ten target=people}\n\n"
                      "## Gaps {kind=gaps minutes=5}\n", encoding="utf-8")
    code, out, err = _main(monkeypatch, capsys, "check", script)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"Error: {script}:3: The language must be one of en, es, pt_BR, not “fr”.",
        f"Error: {script}:4: dots must be a whole number from 1 to 99, not “many”.",
        f"Error: {script}:7: Unknown step kind “chat”: use one of intro, discussion, moments, "
        "expectations, excellence, vote, ranking, gaps, wrapup.",
        f"Error: {script}:11: minutes must be a number above 0 and at most 600, not “ten”.",
        f"Error: {script}:11: A vote's target must be moments or ideas, not “people”.",
        "5 mistakes.",
    ]
    # Elsewhere the first is named, and the others counted.
    code, _, err = _main(monkeypatch, capsys, "new", "--title", "T", "--script", script,
                         "--dir", tmp_path / "s")
    assert code == 1 and err == (f"Error: {script}:3: The language must be one of en, es, "
                                 "pt_BR, not “fr”. (and 4 more; workshop check shows all of "
                                 "them)\n")


def test_a_session_is_opened_by_the_title_it_was_made_with(monkeypatch, capsys, tmp_path):
    """`workshop new --title Prueba` then `workshop show Prueba` said "no such session
    file" (the file is <date>-prueba.db): the one session of that title opens; with two,
    the error names both."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    monkeypatch.setenv("WORKSHOP_SESSIONS", str(folder))
    code, out, err = _main(monkeypatch, capsys, "new", "--title", "Prueba")
    assert code == 0 and err == ""
    first = Path(out.strip())
    assert first.parent == folder and first.stem.endswith("-prueba")
    for name in ("Prueba", "PRUEBA", "prueba", first.stem.upper()):
        code, out, err = _main(monkeypatch, capsys, "show", name)
        assert (code, err) == (0, ""), (name, err)
        assert out.startswith("Prueba"), out
    code, out, err = _main(monkeypatch, capsys, "export", "prueba", "--format", "md", "-o", "-")
    assert code == 0 and out.startswith("# Prueba"), err

    _main(monkeypatch, capsys, "new", "--title", "Prueba")  # a second: <date>-prueba-2
    code, out, err = _main(monkeypatch, capsys, "show", "Prueba")
    assert (code, out) == (1, "")
    assert err == (f"Error: Prueba: no such session file. Did you mean {first.stem}, "
                   f"{first.stem}-2?\n")
    code, out, err = _main(monkeypatch, capsys, "show", "Otra")  # nothing like it
    assert (code, err) == (1, "Error: Otra: no such session file.\n")
