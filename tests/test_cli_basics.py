"""The command line: help, version, and commands that never load the TUI."""

import subprocess
import sys

from click.testing import CliRunner

from workshop import __version__
from workshop.cli import cli


def test_help_lists_the_commands_and_version_prints():
    runner = CliRunner()
    out = runner.invoke(cli, ["--help"]).output
    for command in ("new", "list", "show"):
        assert f"  {command} " in out
    assert __version__ in runner.invoke(cli, ["--version"]).output


def test_commands_outside_the_tui_do_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from workshop.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['list', {str(tmp_path)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('textual', 'docx', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_bad_session_file_gives_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite at all")
    result = CliRunner().invoke(cli, ["show", str(bad)])
    # main() turns WorkshopError into a line; through CliRunner the exception surfaces
    from workshop.core.errors import SessionFileError

    assert isinstance(result.exception, SessionFileError)
    proc = subprocess.run([sys.executable, "-m", "workshop", "show", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: {bad} is not a workshop session file."
    assert "Traceback" not in proc.stderr
    assert bad.read_bytes() == b"this is not sqlite at all"


def test_export_says_first_that_a_blind_vote_was_never_revealed(tmp_path):
    from core_fixtures import new_store

    store = new_store(tmp_path)
    mid = store.record("moment_added", text="Queue").data["mid"]
    rid = store.record("vote_opened", target="moments", dots=3, cap=2, blind=True,
                       step=4).data["rid"]
    store.record("vote_cast", rid=rid, pid=1, item=mid, delta=2)
    store.close()
    out = tmp_path / "report.md"
    result = CliRunner().invoke(cli, ["export", str(store.path), "--format", "md",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Vote 1 (step 5: Vote) was never revealed: the report leaves its dots out and says so.")
    assert result.stdout == f"{out}\n"
    # Data exports hold every cast as recorded: nothing to warn about.
    result = CliRunner().invoke(cli, ["export", str(store.path), "--format", "json",
                                      "-o", str(tmp_path / "data.json")])
    assert "never revealed" not in result.stderr
