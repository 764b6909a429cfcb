"""workshop replay --at and workshop search, as a researcher runs them."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from core_fixtures import people
from replay_fixtures import SPANISH, record_session
from workshop.cli import cli
from workshop.core import schema
from workshop.core.search import parse_query, search

ROSTER_ES = people(("P1", "Lucía", "familias"), ("P2", None, "estudiantes"), ("P3", "Jorge", None))


# The first version's columns, read from the tables as m011 names them.
FIRST_NAMES = {
    "session": {"id": "session_id", "dots": "default_dots", "cap": "default_cap",
                "current_step": "current_step_number - 1"},
    "participants": {"pid": "participant_id", "name": "real_name"},
    "steps": {"step": "step_number - 1", "minutes": "minutes_planned"},
    "moments": {"mid": "moment_id", "pid": "participant_id", "position": "position - 1"},
    "expectations": {"xid": "expectation_id", "mid": "moment_id", "pid": "participant_id"},
    "ratings": {"mid": "moment_id", "pid": "participant_id"},
    "prompts": {"did": "draw_id", "mid": "moment_id"},
    "ideas": {"iid": "idea_id", "mid": "moment_id", "pid": "participant_id", "did": "draw_id"},
    "vote_rounds": {"rid": "round_id", "dots": "dots_each", "cap": "cap_per_item",
                    "step": "step_number - 1"},
    "votes": {"rid": "round_id", "pid": "participant_id", "item": "coalesce(moment_id, idea_id)"},
    "notes": {"nid": "note_id", "pid": "participant_id", "mid": "moment_id",
              "step": "step_number - 1"},
    "actions": {"aid": "action_id", "mid": "moment_id"},
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """An English session, a Spanish one, an old file without a search index, a broken one."""
    folder = tmp_path_factory.mktemp("study")
    record_session(folder / "2025-03-04-en.db")
    record_session(folder / "2025-03-05-es.db", SPANISH, "es", participants=ROSTER_ES)
    # A file as the first version wrote it (no search index), holding the Spanish session.
    old = folder / "2024-01-01-old.db"
    first = sqlite_utils.Database(old)
    schema.migrations.apply(first, stop_before="m002_search")
    first.close()
    conn = sqlite3.connect(old)
    conn.execute("ATTACH DATABASE ? AS es", (str(folder / "2025-03-05-es.db"),))
    with conn:
        for table in ("events", *schema._FIRST_COLUMNS):
            info = conn.execute(f"PRAGMA main.table_info([{table}])")
            names = [r[1] for r in info]
            cols = ", ".join(f"[{c}]" for c in names)
            values = ", ".join(FIRST_NAMES.get(table, {}).get(c, f"[{c}]") for c in names)
            conn.execute(f"INSERT INTO main.[{table}] ({cols}) SELECT {values} FROM es.[{table}]")
        conn.execute("UPDATE session SET title = 'Old file', "
                     "created_at = '2024-01-01T10:00:00.000+00:00'")
    conn.execute("DETACH DATABASE es")
    conn.close()
    (folder / "broken.db").write_bytes(b"not a session")
    return folder


def run(*args, color=False):
    result = CliRunner().invoke(cli, ["--lang", "en", *args], color=color)
    return result


# ---- replay --at -----------------------------------------------------------------------


def test_replay_at_a_time_prints_the_board_then(folder):
    result = run("replay", str(folder / "2025-03-04-en.db"), "--at", "00:31:00")
    assert result.exit_code == 0, result.output
    out = result.output
    first = out.splitlines()[0]
    assert "at 00:31:00 from the start" in first and "2025-03-04 10:32:00 UTC" in first
    assert "Status: step 5 of 7: Vote" in out
    # The vote is blind and not yet revealed at minute 31: as the room saw it.
    assert "Vote 1 on moments: 4 dots cast" in out and "(hidden until revealed)" in out
    # The idea undone at minute 24.5 and redone at 25 is on the board.
    assert "idea Live opening hours · group" in out
    assert "expectation [latent] Feeling that someone cares about my time · P2" in out
    assert "Ana" not in out and "Luis" not in out  # pseudonyms by default
    assert "quote “I always pick the shortest queue and it is always the slowest” · P2" in out


def test_replay_at_an_event_and_a_step_and_with_names(folder):
    path = str(folder / "2025-03-04-en.db")
    typo = run("replay", path, "--at", "#13").output  # just after the typo moment
    assert "Cheking out (typo)" in typo and "event #13 (13 of 44)" in typo
    assert "Cheking out (typo)" not in run("replay", path, "--at", "#14").output  # its undo
    step = run("replay", path, "--at", "step:2", "--names").output
    assert "Status: step 2 of 7: Moments" in step and "Moments of truth: 0" in step
    named = run("replay", path, "--at", "20:00", "--names").output
    assert "raised by Ana" in named and "raised by Luis" in named and "P2" in named


def test_replay_at_a_point_after_a_break_says_the_clock_left_it_out(tmp_path):
    from core_fixtures import at, new_store

    with new_store(tmp_path) as store:
        store.record("step_entered", step=0, at=at(1))
        store.record("moment_added", text="Parking", at=at(5))
        store.record("step_entered", step=1, at=at(50))  # after a 45-minute break
    path = str(store.path)
    first = run("replay", path, "--at", "step:2").output.splitlines()[0]
    assert "at 00:04:00 from the start" in first and "2025-03-04 10:50:00 UTC" in first
    assert first.endswith("(The clock leaves out 45 min without events.)")
    before = run("replay", path, "--at", "00:03:00").output.splitlines()[0]
    assert "leaves out" not in before


def test_replay_follows_the_session_language(folder):
    result = CliRunner().invoke(cli, ["replay", str(folder / "2025-03-05-es.db"), "--at", "step:3"])
    assert "Estado: paso 3 de 7" in result.output
    assert "En el tablero" in result.output and "propuesto por P1" in result.output


@pytest.mark.parametrize("point, message", [
    ("35", "Cannot read the point “35”"),
    ("#999", "There is no event #999 in this session (events #1 to #44)."),
    ("step:9", "Step 9 was never started in this session."),
])
def test_replay_at_a_bad_point_says_so_in_one_line(folder, point, message):
    proc = subprocess.run([sys.executable, "-m", "workshop", "--lang", "en", "replay",
                           str(folder / "2025-03-04-en.db"), "--at", point],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("Error: " + message) and proc.stderr.count("\n") == 1


# ---- search ----------------------------------------------------------------------------


def test_search_finds_text_across_sessions_with_its_context(folder):
    result = run("search", "queue", str(folder))
    assert result.exit_code == 0
    out = result.output
    assert "Supermarket families · 2025-03-04 · " in out
    assert "  step 2 Moments · P3\n    moment: Waiting at the checkout queue" in out
    assert ("  step 3 Expectations · moment “Waiting at the checkout queue” · P2\n"
            "    note (quote): I always pick the shortest queue") in out
    assert "Entries found: 2 (in 1 of 3 session files, " in out  # the broken file is not counted
    # The broken file is skipped with one line on stderr; the others are searched.
    assert "Skipped: " in result.stderr
    assert "broken.db is not a workshop session file." in result.stderr
    assert result.stderr.count("\n") == 1


def test_search_says_how_long_it_took_with_the_languages_decimal_mark(folder):
    # (3 files searched: the broken one is skipped, with a warning, and not counted)
    for lang, pattern in [("en", r"Entries found: 2 \(in 1 of 3 session files, \d+\.\d\d s\)\."),
                          ("es", r"Entradas encontradas: 2 \(en 1 de 3 archivos de sesión, "
                                 r"\d+,\d\d s\)\."),
                          ("pt_BR", r"Entradas encontradas: 2 \(em 1 de 3 arquivos de sessão, "
                                    r"\d+,\d\d s\)\.")]:
        result = CliRunner().invoke(cli, ["--lang", lang, "search", "queue", str(folder)])
        assert re.search(pattern, result.output), result.output
    result = CliRunner().invoke(cli, ["--lang", "pt_BR", "search", "zebra", str(folder)])
    assert re.fullmatch(r"Nenhuma entrada corresponde a “zebra” em 3 arquivos de sessão "
                        r"\(\d+,\d\d s\)\.", result.stdout.strip()), result.stdout


def test_search_ignores_accents_and_case_both_ways(folder):
    for query in ("atencion", "ATENCIÓN", "Atención"):
        results, problems, searched = search([folder], query)
        titles = [s.title for s in results]
        # Found in the Spanish file (full-text index) and in the old file (row by row).
        assert titles == ["Old file", "Supermercado familias"], query
        for s in results:
            [hit] = s.hits
            assert hit.text == "Sentir que alguien presta atención a mi tiempo"
            assert hit.text[slice(*hit.spans[0])] == "atención"
            assert (hit.entity, hit.kind, hit.participant, hit.step_title) == (
                "expectation", "latent", "P2", "Expectations")
        assert [s.fallback for s in results] == [True, False]
        assert len(problems) == 1 and searched == 3  # the file skipped is not counted


def test_search_words_prefixes_and_phrases(folder):
    def texts(query, where=folder / "2025-03-04-en.db"):
        results, _, _ = search([where], query)
        return [h.text for s in results for h in s.hits]

    assert texts("till wait") == ["A pit crew that opens a till when three people wait"]
    assert texts('"pit crew"') == ["A pit crew that opens a till when three people wait"]
    assert texts('"crew pit"') == []
    assert texts("til") == []  # whole words
    assert texts("till*") == ["A pit crew that opens a till when three people wait",
                               "Group laughed about the self-service tills",
                               "Pilot an extra till at peak times"]
    assert texts("self-service") == ["Group laughed about the self-service tills"]
    assert texts("OR") == []  # FTS operators are plain words here
    # Prefix and phrase work the same in a file without the full-text index.
    old = folder / "2024-01-01-old.db"
    assert texts("caj*", old) == texts("caj*", folder / "2025-03-05-es.db") != []


def test_search_shows_names_only_when_asked(folder):
    plain = run("search", "aparcamiento", str(folder / "2025-03-05-es.db")).output
    named = run("search", "aparcamiento", "--names", str(folder / "2025-03-05-es.db")).output
    assert "· P1\n" in plain and "Lucía" not in plain
    assert "· Lucía\n" in named


def test_search_highlights_the_match_on_a_terminal(folder):
    result = run("search", "atencion", str(folder / "2025-03-05-es.db"), color=True)
    assert "presta \x1b[1m\x1b[7matención\x1b[0m a mi tiempo" in result.output


def test_search_breaks_its_lines_between_words_on_a_terminal(folder, monkeypatch):
    """An 80-column terminal broke the entries mid-word ("aparcamie" / "nto") and the
    files' paths anywhere: on a terminal each line is broken between words, the entry's
    later lines under its label, the match still marked; piped, one line each."""
    from workshop.cli import research

    path = folder / "2025-03-05-es.db"
    monkeypatch.setattr(research, "_terminal_width", lambda: 50)
    result = run("search", "atencion", str(path), color=True)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.output.splitlines()]
    assert max(map(len, lines)) <= 50, lines
    entry = next(i for i, line in enumerate(lines) if "expectation (latent): " in line)
    said = [lines[entry][len("    expectation (latent): "):]]
    said += [line[6:] for line in lines[entry + 1:lines.index("", entry)]]
    assert len(said) > 1 and " ".join(said) == "Sentir que alguien presta atención a mi tiempo"
    assert all(line.startswith("      ") for line in lines[entry + 1:lines.index("", entry)])
    assert "\x1b[1m\x1b[7matención\x1b[0m" in result.output
    header = lines[:next(i for i, line in enumerate(lines) if line.startswith("  step"))]
    assert header[0].startswith("Supermercado familias · 2025-") and len(header) > 1
    assert str(path) in "".join(header[1:])  # on lines of its own, broken only if too wide
    monkeypatch.setattr(research, "_terminal_width", lambda: None)
    assert "    expectation (latent): Sentir que alguien presta atención a mi tiempo\n" in (
        run("search", "atencion", str(path)).output)


def test_search_as_csv(folder):
    result = run("search", "caja", "--format", "csv", str(folder))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["session"] for r in rows] == ["Old file"] * 3 + ["Supermercado familias"] * 3
    assert rows[3] == {**rows[3], "step": "2", "step_title": "Moments", "entry": "moment",
                       "participant": "P3", "text": "Esperar en la cola de la caja"}
    assert {r["entry"] for r in rows} == {"moment", "idea", "action"}


def test_search_with_nothing_to_search(tmp_path, folder):
    assert "No session files in" in run("search", "queue", str(tmp_path)).output
    result = run("search", "queue", str(tmp_path / "missing"), str(folder / "2025-03-04-en.db"))
    assert "no such file or folder" in result.stderr and "Entries found: 2 " in result.output
    with pytest.raises(Exception, match="at least one word"):
        parse_query(" -- ")


def test_a_session_open_for_writing_can_be_searched_and_replayed(folder, tmp_path):
    from workshop.core.store import Store

    path = tmp_path / "live.db"
    shutil.copy(folder / "2025-03-04-en.db", path)
    with Store.open(path) as store:  # the facilitator's window holds the lock
        store.record("session_reopened")  # it was finished
        store.record("moment_added", text="Parking ticket machine")
        assert "Parking ticket machine" in run("search", "ticket", str(path)).output
        assert "Parking ticket machine" in run("replay", str(path), "--at", "#46").output


# ---- compare ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_groups(folder, tmp_path_factory):
    """The English group, and a second group with the same script: one moment worded a
    little differently, one more rating on it, and a moment of its own."""
    from workshop.core.store import Store

    second = tmp_path_factory.mktemp("groups") / "second.db"
    shutil.copy(folder / "2025-03-04-en.db", second)
    with Store.open(second) as store:
        store.record("session_reopened")  # a finished session: reopened, then finished again
        store.record("session_edited", title="Supermarket students")
        store.record("moment_edited", mid=2, text="WAITING at the checkout-queue!")
        store.record("rating_given", mid=2, pid=3, value=1)
        for pid, value in ((1, 5), (2, 4), (3, 4)):  # this group's expectations: measured
            store.record("rating_given", mid=2, pid=pid, value=value, scale="expectation")
        store.record("moment_added", text="Self-checkout machines", stage="during")
        store.record("session_finished")
    return folder / "2025-03-04-en.db", second


def test_compare_lines_up_the_same_moments(two_groups, folder):
    first, second = two_groups
    result = run("compare", str(first), str(second), str(folder / "broken.db"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ("  A  Supermarket families · 2025-03-04 · 3 participants · 3 moments · "
            "importance from vote 1 · ") in out
    assert "  B  Supermarket students · " in out and "· 4 moments ·" in out
    block = out.split("Waiting at the checkout queue  (2 of 2 sessions)\n")[1].split("\n\n")[0]
    # Importance 3 of 5 dots. A has no expectation ratings: no gap. B's paired gaps on
    # the queue: 2 − 5, 3 − 4, 1 − 4 = −7/3 (n 3); priority 0.6 · 7/3 = 1.4.
    assert block.splitlines() == [
        "     dots  importance  expectation (n)  performance (n)       gap (n)  priority  "
        "quadrant",
        "  A     3         60%                –          2.5 (2)  not measured         –  "
        "Concentrate here",
        "  B     3         60%          4.3 (3)          2.0 (3)      −2.3 (3)      1.40  "
        "Concentrate here",
    ]
    # Shared moments first, along the journey; then the one only the second group raised.
    titles = [line.split("  (")[0] for line in out.splitlines() if "sessions)" in line]
    assert titles == ["Opening hours on the web", "Finding a parking space",
                      "Waiting at the checkout queue", "Self-checkout machines"]
    assert "Self-checkout machines  (1 of 2 sessions)\n" in out
    # Not in the vote (it came later) and not rated: no numbers, and no expectation
    # read off its lack of dots.
    assert out.rstrip().splitlines()[-2:] == [
        "  A  not raised in this session",
        "  B     0          0%                –                –             –         –  –"]
    assert "Skipped: " in result.stderr and "broken.db" in result.stderr
    shared = run("compare", str(first), str(second), "--min-sessions", "2").stdout
    assert "Self-checkout machines" not in shared and "Waiting at the checkout queue" in shared


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_compare_on_an_80_column_terminal_puts_the_quadrant_under_its_row(two_groups, lang,
                                                                          monkeypatch):
    """The whole row ("Possible overkill, though still below the midpoint" alone is 50
    columns) was wrapped by an 80-column terminal, "quadrant" cut in the middle; and the
    rating column was named "rating", which said neither which rating nor what the report
    calls it."""
    from workshop.cli import research

    monkeypatch.setattr(research, "_terminal_width", lambda: 80)
    first, second = two_groups
    out = CliRunner().invoke(cli, ["--lang", lang, "compare", str(first), str(second)]).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    # The sessions' lines too (a terminal wrapped them mid-word, mid-path): each one's
    # details under its title, broken between two of them, the file's path whole.
    sessions = lines[1:lines.index("")]
    assert sessions[0].startswith("  A  Supermarket families · 2025-03-04 · ")
    assert all(line.startswith(("  A  ", "  B  ", "     ")) for line in sessions)
    assert all(any(str(path) in line for line in sessions) for path in (first, second)), out
    title = {"en": "Waiting at the checkout queue  (2 of 2 sessions)",
             "es": "Waiting at the checkout queue  (2 de 2 sesiones)",
             "pt_BR": "Waiting at the checkout queue  (2 de 2 sessões)"}[lang]
    block = out.split(title + "\n")[1].split("\n\n")[0].splitlines()
    words = {"en": ("expectation (n)", "performance (n)", "quadrant: Concentrate here"),
             "es": ("expectativa (n)", "desempeño (n)", "cuadrante: Concentrarse aquí"),
             "pt_BR": ("expectativa (n)", "desempenho (n)", "quadrante: Concentrar aqui")}[lang]
    header, a, a_quadrant, b, b_quadrant = block
    # Expectation before performance, as the report's gap table puts them.
    assert header.index(words[0]) < header.index(words[1])
    assert words[2].split(":")[0] not in header
    mark = "." if lang == "en" else ","
    assert b.index(f"4{mark}3 (3)") < b.index(f"2{mark}0 (3)") < b.index(f"−2{mark}3 (3)")
    assert b.endswith(f"1{mark}40") and a.endswith("–")  # the priority last on the row
    assert a_quadrant.strip() == b_quadrant.strip() == words[2]
    assert a.startswith("A  ") and a_quadrant.startswith("   " + words[2])
    # Piped (CliRunner is not a terminal) the row is whole, the quadrant last on it.
    monkeypatch.setattr(research, "_terminal_width", lambda: None)
    piped = run("compare", str(first), str(second)).stdout
    assert "1.40  Concentrate here" in piped and "quadrant: " not in piped


def test_compare_help_names_the_columns_it_prints():
    # It said "dots, rating, expectation and gap"; the columns are named as the report's.
    for lang, words in (("en", "dots, expectation, performance and gap"),
                        ("es", "puntos, expectativa, desempeño y brecha"),
                        ("pt_BR", "pontos, expectativa, desempenho e lacuna")):
        text = " ".join(CliRunner().invoke(cli, ["--lang", lang, "compare", "--help"],
                                           terminal_width=200).stdout.split())
        assert words in text, (lang, text[:200])


def test_compare_as_csv_and_in_spanish(two_groups):
    first, second = two_groups
    rows = list(csv.DictReader(io.StringIO(run("compare", str(first), str(second),
                                               "--format", "csv").stdout)))
    queue = [r for r in rows if r["moment"] == "Waiting at the checkout queue"]
    assert [(r["session"], r["performance"], r["ratings"], r["expectation"], r["gap"], r["gap_n"],
             r["gap_reason"], r["priority"], r["quadrant"]) for r in queue] == [
        ("Supermarket families", "2.5", "2", "", "", "0", "not_measured", "", "concentrate"),
        ("Supermarket students", "2.0", "3", "4.3333", "-2.3333", "3", "", "1.4", "concentrate")]
    assert len(rows) == 3 * 2 + 1
    spanish = CliRunner().invoke(cli, ["--lang", "es", "compare", str(first), str(second)]).stdout
    assert "(2 de 2 sesiones)" in spanish and "2,5 (2)" in spanish and "60\u00a0%" in spanish
    assert "Concentrarse aquí" in spanish


def test_compare_writes_importance_as_the_report_does(tmp_path):
    """7 of 40 dots: the report says 18%; compare said 0.17 (a share, rounded another
    way). The same figure reads the same everywhere: a share of the dots, in percent."""
    import report_cases

    path = report_cases.rated(tmp_path / "r.db", [("Checkout", [2] * 6, [4] * 6, 7),
                                                  ("Parking", [4] * 6, [4] * 6, 33)])
    out = run("compare", str(path)).stdout
    block = out.split("Checkout  (1 of 1 session)\n")[1].split("\n\n")[0]
    assert block.splitlines()[1].split()[1:3] == ["7", "18%"]
    from workshop.report import export

    report = export(path, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    assert "importance 18% (7 of 40 dots)" in report


def test_compare_wraps_a_long_moment_between_words_on_a_terminal(tmp_path, monkeypatch):
    import report_cases
    from workshop.cli import research

    long = ("Waiting at the checkout while the one open till serves a customer who pays in "
            "coins, and nobody opens a second till")
    path = report_cases.rated(tmp_path / "r.db", [(long, [2] * 6, [4] * 6, 7)])
    monkeypatch.setattr(research, "_terminal_width", lambda: 80)
    lines = run("compare", str(path)).stdout.splitlines()
    title = lines[lines.index("") + 1:lines.index("") + 3]
    assert max(map(len, lines)) <= 80 and " ".join(title).split() == [
        *long.split(), "(1", "of", "1", "session)"]
    monkeypatch.setattr(research, "_terminal_width", lambda: None)  # piped: one line
    assert f"{long}  (1 of 1 session)" in run("compare", str(path)).stdout


def test_compare_with_no_readable_file_is_an_error(folder):
    proc = subprocess.run([sys.executable, "-m", "workshop", "--lang", "en", "compare",
                           str(folder / "broken.db")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"Skipped: {folder / 'broken.db'} is not a workshop session file.",
        "Error: No session file could be read."]


def test_replay_screen_of_a_bad_file_is_a_one_line_error_before_any_screen(folder):
    proc = subprocess.run([sys.executable, "-m", "workshop", "--lang", "en", "replay",
                           str(folder / "broken.db")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == f"Error: {folder / 'broken.db'} is not a workshop session file.\n"


def test_sessions_are_named_as_show_and_export_name_them(two_groups, tmp_path):
    # "workshop show 2025-03-04-en" finds the session in the sessions folder; compare,
    # search and the study's build and tag said "no such file or folder" to that name.
    first, second = two_groups
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    for path in (first, second):
        shutil.copy(path, sessions / path.name)
    names = [first.stem, second.stem]  # "2025-03-04-en", "second"
    assert run("--dir", str(sessions), "show", names[0]).exit_code == 0
    compared = run("--dir", str(sessions), "compare", *names)
    assert compared.exit_code == 0, compared.output
    assert "  B  Supermarket students · " in compared.stdout and not compared.stderr
    found = run("--dir", str(sessions), "search", "queue", names[0])
    assert "Entries found: 2 (in 1 of 1 session file, " in found.stdout, found.output
    study = tmp_path / "study.db"
    built = run("--dir", str(sessions), "study", "build", names[0], "-o", str(study))
    assert built.exit_code == 0 and ": 1 session" in built.stdout, built.output
    tagged = run("--dir", str(sessions), "study", "tag", str(study), names[0],
                 "--set", "city=Madrid")
    assert tagged.exit_code == 0 and "city=Madrid." in tagged.stdout, tagged.output


def test_compare_says_a_keep_up_moment_is_still_below_the_midpoint(tmp_path):
    """One moment, 1.7 against 4.0: "keep up the good work" on the group's means, and
    compare printed it bare, as if it were done well."""
    import report_cases

    path = report_cases.rated(tmp_path / "one.db", [("Checkout", [2, 2, 1, 2, 2, 1], [4] * 6, 5)])
    out = run("compare", str(path)).stdout
    row = next(line for line in out.splitlines() if line.startswith("  A  ") and "%" in line)
    assert row.endswith("Keep up the good work, though still below the midpoint"), out
    assert "strength" not in out.lower()
