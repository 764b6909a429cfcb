"""Nothing a session file, a script or a file name holds reaches the terminal raw from the
command line: every command prints control characters as visible escapes."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from terminal_fixtures import HOSTILE, HOSTILE_NAME, SHOWN, hostile_session, unsafe_in
from workshop.cli import cli
from workshop.core.safetext import visible

NAME_SHOWN = visible(HOSTILE_NAME)
# A script is read line by line: a carriage return would end its line.
IN_SCRIPT = HOSTILE.replace("\r", "")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "sessions"
    one = hostile_session(folder, f"{HOSTILE_NAME}.db")
    two = root / "other" / "two.db"
    two.parent.mkdir()
    shutil.copy(one, two)
    (folder / f"{HOSTILE_NAME}-broken.db").write_bytes(b"not a session at all")
    script = root / f"{HOSTILE_NAME}.md"
    script.write_text(f"---\ntitle: Shop {IN_SCRIPT}\nlanguage: en\nminutes: 10\n---\n\n"
                      f"## Warm {IN_SCRIPT} {{kind=discussion minutes=10}}\n\nHello\n",
                      encoding="utf-8")
    return {"folder": folder, "one": one, "two": two, "script": script, "root": root}


def _printed(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return (result.stdout_bytes + result.stderr_bytes).decode("utf-8")


def _shows_everything_visibly(out: str, planted: str = HOSTILE) -> None:
    assert unsafe_in(out) == []
    assert visible(planted) in out
    for what, shown in SHOWN.items():
        assert shown in out or what == "overwrite" and planted == IN_SCRIPT, what


@pytest.mark.parametrize("command", [
    ["show", "{one}"],
    ["list", "{folder}"],
    ["search", "queue", "{folder}"],
    ["search", "queue", "--format", "csv", "{folder}"],
    ["compare", "{one}", "{two}"],
    ["compare", "--format", "csv", "{one}", "{two}"],
    ["replay", "{one}", "--at", "step:4"],
    ["replay", "{one}", "--at", "99:00:00"],
    ["check", "{script}"],
], ids=" ".join)
def test_a_command_prints_what_a_file_holds_with_its_escapes_visible(files, command):
    out = _printed([part.format(**files) for part in command])
    _shows_everything_visibly(out, IN_SCRIPT if command[0] == "check" else HOSTILE)


def test_file_names_in_listings_and_skipped_lines_are_visible(files):
    out = _printed(["list", str(files["folder"])])
    assert f"{NAME_SHOWN}.db" in out
    assert f"Skipped: {files['folder']}/{NAME_SHOWN}-broken.db" in out
    out = _printed(["search", "queue", str(files["folder"])])
    assert f"Skipped: {files['folder']}/{NAME_SHOWN}-broken.db" in out
    assert unsafe_in(out) == []


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_export_says_where_it_wrote_with_the_name_made_visible(files, fmt, tmp_path):
    out = _printed(["export", str(files["one"]), "--format", fmt,
                    "-o", str(tmp_path / f"{HOSTILE_NAME}.{fmt}")])
    assert unsafe_in(out) == []
    assert f"{NAME_SHOWN}.{fmt}" in out
    assert (tmp_path / f"{HOSTILE_NAME}.{fmt}").exists()  # the file keeps its real name


def test_new_says_where_it_wrote_with_the_folder_made_visible(tmp_path):
    folder = tmp_path / HOSTILE_NAME
    out = _printed(["new", "--title", f"Shop {HOSTILE}", "--participants", "2",
                    "--dir", str(folder)])
    assert unsafe_in(out) == [] and f"{NAME_SHOWN}/" in out
    assert len(list(folder.glob("*.db"))) == 1


def test_scripts_lists_a_hostile_builtin_visibly(files, monkeypatch, tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(files["script"], folder / "hostile.md")
    monkeypatch.setattr("workshop.core.resources.exercises_dir", lambda: folder)
    out = _printed(["scripts"])
    _shows_everything_visibly(out, IN_SCRIPT)


def test_error_lines_and_usage_errors_show_a_hostile_name_visibly(files):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True)

    missing = run("show", str(files["root"] / f"{HOSTILE_NAME}.db"))
    assert missing.returncode == 1
    assert unsafe_in(missing.stderr.decode()) == []
    assert f"{NAME_SHOWN}.db" in missing.stderr.decode()
    extra = run("show", str(files["one"]), HOSTILE_NAME)  # click's own usage error
    assert extra.returncode == 2
    assert unsafe_in(extra.stderr.decode()) == []
    assert NAME_SHOWN in extra.stderr.decode()
    broken = run("check", str(files["root"] / f"{HOSTILE_NAME}-missing.md"))
    assert broken.returncode == 1
    assert unsafe_in(broken.stderr.decode()) == [] and NAME_SHOWN in broken.stderr.decode()


def test_the_cli_prints_only_through_its_safe_output():
    """One way out: a new print, sys.stdout or click.echo elsewhere would bypass it."""
    cli_dir = Path(__file__).resolve().parent.parent / "workshop" / "cli"
    found = []
    for path in sorted(cli_dir.glob("*.py")):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = ast.unparse(node.func) if isinstance(node, ast.Call) else None
            if name in ("print", "click.echo", "click.secho", "click.style", "sys.stdout.write",
                        "sys.stderr.write"):
                found.append(f"{path.name}:{node.lineno} {name}")
            elif isinstance(node, ast.Attribute) and ast.unparse(node) in ("sys.stdout",
                                                                          "sys.stderr"):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_a_session_whose_name_is_not_utf8_is_listed_shown_and_searched(files, tmp_path):
    """A name made on another system (Latin-1 "sesión", a raw C1 byte) is still a name:
    the listing, the search over its folder and show read the file and print the name
    with its undecodable byte visible (it once stopped the listing and the home screen)."""
    folder = tmp_path / "received"
    folder.mkdir()
    for raw in (b"sesi\xf3n.db", b"raw\x9b2J.db"):
        shutil.copy(files["two"], folder / os.fsdecode(raw))
    out = _printed(["list", str(folder)])
    assert unsafe_in(out) == [] and "Skipped" not in out
    assert "sesi\\udcf3n.db" in out and "raw\\udc9b2J.db" in out
    out = _printed(["search", "queue", str(folder)])
    assert unsafe_in(out) == [] and "Skipped" not in out
    assert "in 2 of 2 session files" in out
    out = _printed(["show", str(folder / os.fsdecode(b"sesi\xf3n.db"))])
    assert unsafe_in(out) == [] and "Moments of truth" in out


def test_a_file_name_holding_a_line_break_stays_on_one_line(tmp_path):
    """A name may hold a newline (any byte but / and NUL): printed as it is, it forged
    lines, "Skipped: fake.db is fine" under a listing, a row of its own in a table."""
    from hostile_fixtures import good

    folder = tmp_path / "sessions"
    folder.mkdir()
    good(folder, "two\nlines.db")
    (folder / "bad\nSkipped: fake.db is fine.db").write_bytes(b"not a session")

    def run(*args: str) -> tuple[list[str], list[str]]:
        result = CliRunner().invoke(cli, list(args))
        return result.stdout.splitlines(), result.stderr.splitlines()

    skipped = f"Skipped: {folder}/bad\\nSkipped: fake.db is fine.db is not a workshop session file."
    out, err = run("list", str(folder))
    assert len(out) == 2 and out[1].startswith(f"{folder}/two\\nlines.db  Weekly shop")
    assert err == [skipped]
    out, err = run("search", "queue", str(folder))
    assert any(line.startswith("Weekly shop · ") and line.endswith(f" · {folder}/two\\nlines.db")
               for line in out)
    assert err == [skipped]
    out, err = run("compare", str(folder / "two\nlines.db"))
    assert any(line.endswith(f"{folder}/two\\nlines.db") for line in out)
    out, err = run("export", str(folder / "two\nlines.db"), "--format", "md", "-o",
                   str(tmp_path / "re\nport.md"))
    assert out == [f"{tmp_path}/re\\nport.md"]  # where it wrote: one line
    assert (tmp_path / "re\nport.md").exists()
    out, err = run("new", "--title", "T", "--dir", str(tmp_path / "new\nfolder"))
    assert len(out) == 1 and out[0].startswith(f"{tmp_path}/new\\nfolder/")
    missing = CliRunner().invoke(cli, ["show", str(folder / "gone\nhere.db")])
    assert str(missing.exception) == f"{folder}/gone\\nhere.db: no such session file."
