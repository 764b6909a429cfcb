"""What an export may write over: an earlier export, never a device, a pipe, a socket, a
folder or a database; and `-o -` for the standard output."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import socket
import stat
import subprocess
import sys

import pytest

from fault_fixtures import ENV, workshop
from report_fixtures import build
from workshop.core.store import Store
from workshop.report import ExportError, export

SINGLE = ("docx", "md", "json")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "s.db")


def device(tmp_path):
    """A character device like /dev/null, made where replacing it would harm nothing
    (the tests run as root, which is what let an export replace /dev/null)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # not root: then the real one cannot be replaced either
        return "/dev/null"
    return node


def assert_still_a_device(path) -> None:
    assert stat.S_ISCHR(os.stat(path).st_mode)


@pytest.mark.parametrize("fmt", [*SINGLE, "csv"])
def test_a_device_is_refused_and_never_replaced(session, tmp_path, fmt):
    node = device(tmp_path)
    with pytest.raises(ExportError, match=r"is a device, not a file\."):
        export(session, node, fmt)
    assert_still_a_device(node)
    assert sorted(os.listdir(tmp_path)) == (["null"] if node != "/dev/null" else [])


def test_a_fifo_a_socket_and_a_folder_are_refused(session, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for fmt in (*SINGLE, "csv"):
            with pytest.raises(ExportError, match="is a named pipe, not a file"):
                export(session, fifo, fmt)
            with pytest.raises(ExportError, match="is a socket, not a file"):
                export(session, sock_path, fmt)
        for fmt in SINGLE:
            with pytest.raises(ExportError, match="is a folder"):
                export(session, tmp_path, fmt)
    finally:
        sock.close()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISSOCK(os.stat(sock_path).st_mode)


def test_another_session_is_never_replaced_whatever_its_name_and_even_while_open(session, tmp_path):
    other = build(tmp_path / "B.db", title="Another group")
    renamed = tmp_path / "old-report.docx"
    renamed.write_bytes(other.read_bytes())  # a session file under a report's name
    before = {p: p.read_bytes() for p in (other, renamed)}
    for fmt in SINGLE:
        for target in (other, renamed):
            with pytest.raises(ExportError, match="is a workshop session file: it is never "
                                                  "written over, and nothing was written"):
                export(session, target, fmt)
    with Store.open(other) as live:  # open for writing, as in a live window
        # (the fixture is finished: a finding is what it still takes)
        live.record("finding_added", headline="written while the export ran")
        wal = tmp_path / "B.db-wal"
        assert wal.exists()
        for target, said in ((other, "is a workshop session file"),
                             (wal, "holds a database"),
                             (tmp_path / "B.db-shm", "holds a database")):
            with pytest.raises(ExportError, match=said):
                export(session, target, "md")
    assert renamed.read_bytes() == before[renamed]
    with Store.open(other, readonly=True) as reopened:
        assert [f.headline for f in reopened.state.findings.values()][-1] == \
            "written while the export ran"


def test_the_name_of_a_closed_sessions_wal_shm_or_journal_is_refused(session, tmp_path):
    """No -wal exists beside a closed session, so there is no content to judge; but a
    report or a CSV folder put under that name is what SQLite opens next to the
    session: a folder there left it unopenable ("damaged")."""
    other = build(tmp_path / "B.db", title="Another group")
    for suffix in ("-wal", "-shm", "-journal"):
        target = tmp_path / f"B.db{suffix}"
        for fmt in (*SINGLE, "csv"):
            with pytest.raises(ExportError, match="beside the database B.db"):
                export(session, target, fmt)
            assert not target.exists()
    with Store.open(other) as reopened:
        assert reopened.state.title == "Another group"


def test_a_csv_folder_holding_a_session_under_a_csv_name_is_not_swapped_out(session, tmp_path):
    folder = tmp_path / "data"
    export(session, folder, "csv")
    hidden = folder / "moments.csv"
    hidden.write_bytes(session.read_bytes())
    with pytest.raises(ExportError, match="other things than an earlier CSV export"):
        export(session, folder, "csv")
    assert hidden.read_bytes() == session.read_bytes()


def test_a_csv_export_over_a_link_to_an_earlier_one_leaves_nothing_behind(session, tmp_path):
    earlier = tmp_path / "earlier"
    export(session, earlier, "csv")
    before = {p.name: p.read_bytes() for p in earlier.iterdir()}
    link = tmp_path / "data"
    link.symlink_to(earlier, target_is_directory=True)
    export(session, link, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "earlier"]  # no ".data.….old"
    assert link.is_dir() and not link.is_symlink()
    assert {p.name: p.read_bytes() for p in earlier.iterdir()} == before


def test_an_earlier_export_is_still_replaced(session, tmp_path):
    for fmt in SINGLE:
        out = tmp_path / f"r.{fmt}"
        out.write_text("an older report")
        assert export(session, out, fmt) == out
        assert out.read_bytes() != b"an older report"


def test_the_cli_refuses_dev_null_in_one_line(session, tmp_path):
    node = device(tmp_path)
    proc = workshop("export", session, "--format", "md", "-o", node)
    assert proc.returncode == 1
    assert proc.stderr == f"Error: {node} is a device, not a file. Choose a file name.\n"
    assert_still_a_device(node)


# ---- -o - --------------------------------------------------------------------------


def test_dash_writes_md_json_and_csv_to_stdout_as_the_file_exports_hold(session, tmp_path):
    md = workshop("export", session, "--format", "md", "-o", "-")
    assert md.returncode == 0
    assert md.stdout == export(session, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    data = workshop("export", session, "--format", "json", "-o", "-")
    assert json.loads(data.stdout) == json.loads(
        export(session, tmp_path / "r.json", "json").read_text(encoding="utf-8"))
    moments = workshop("export", session, "--format", "csv", "-o", "-")
    assert moments.returncode == 0
    assert moments.stderr.splitlines()[0] == "The moments table (--table names another one)."
    folder = export(session, tmp_path / "csv", "csv")
    assert moments.stdout == (folder / "moments.csv").read_text(encoding="utf-8-sig")
    events = workshop("export", session, "--format", "csv", "--table", "report_gaps", "-o", "-")
    assert events.stdout == (folder / "report_gaps.csv").read_text(encoding="utf-8-sig")
    assert not list(tmp_path.glob("s*"))  # nothing was written beside us


def test_one_csv_table_to_a_file_and_an_unknown_table(session, tmp_path):
    out = export(session, tmp_path / "m.csv", "csv", table="moments")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a file for Excel: with a BOM
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["moment_id", "text"] and len(rows) > 2
    with pytest.raises(ExportError, match="There is no table nope: choose one of session, "):
        export(session, tmp_path / "n.csv", "csv", table="nope")
    assert not (tmp_path / "n.csv").exists()


def test_a_word_file_goes_into_a_pipe_but_not_to_a_terminal(session):
    from docx import Document

    piped = subprocess.run([sys.executable, "-m", "workshop", "export", str(session), "-o", "-"],
                           capture_output=True, timeout=120, env=ENV)
    assert piped.returncode == 0
    assert any("Supermarket study" in p.text
               for p in Document(io.BytesIO(piped.stdout)).paragraphs)
    leader, follower = pty.openpty()
    try:
        tty = subprocess.run([sys.executable, "-m", "workshop", "export", str(session), "-o", "-"],
                             stdout=follower, stderr=subprocess.PIPE, text=True, timeout=120,
                             env=ENV)
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert tty.returncode == 1
    assert tty.stderr == ("Error: A Word file cannot be shown in the terminal: give a file "
                          "name with -o, or send it into a pipe.\n")
    assert shown == b""


def test_a_reader_that_goes_away_ends_the_export_quietly(session):
    """As for every command: exit 0 (what was wanted has been read), no message."""
    proc = subprocess.Popen([sys.executable, "-m", "workshop", "export", str(session),
                             "--format", "json", "-o", "-"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)
    proc.stdout.close()  # like `| head` that has already had enough
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Error" not in err and "Traceback" not in err


def test_raw_and_table_are_for_csv_only(session):
    for option in ("--raw", "--table=moments"):
        proc = workshop("export", session, "--format", "json", option, "-o", "-")
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr == (f"Error: {option.split('=')[0]} applies to --format csv only "
                               "(the other formats are written exactly as recorded).\n")


def test_dash_shows_control_characters_as_escapes_and_the_json_stays_exact(tmp_path):
    from terminal_fixtures import HOSTILE, hostile_session, unsafe_in
    from workshop.core.safetext import visible

    path = hostile_session(tmp_path / "hostile")
    outs = {fmt: workshop("export", path, "--format", fmt, "-o", "-", *extra).stdout
            for fmt, extra in (("md", ()), ("json", ()),
                               # with names: a pseudonym copy replaces the planted text,
                               # which is also the participants' names
                               ("csv", ("--table", "notes", "--with-names")))}
    for fmt, out in outs.items():
        assert out and unsafe_in(out) == [], fmt
    assert visible(HOSTILE) in outs["csv"]
    assert json.loads(outs["json"]) == json.loads(
        export(path, tmp_path / "h.json", "json").read_text(encoding="utf-8"))
