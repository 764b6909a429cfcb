"""`workshop study build`, `tag` and `theme`: many sessions in one study database,
queried as a researcher would (sqlite3, no Store)."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from core_fixtures import at
from hostile_fixtures import make as crafted
from study_fixtures import GROUP_B, session, table
from workshop.cli import cli
from workshop.core.store import Store
from workshop.core.study import TYPED_NAMES

QUEUE, PARKING = "Queue at the checkout", "Finding a parking space"


def run(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


@pytest.fixture
def two(tmp_path):
    """Two groups: the same queue said with other punctuation and case, parking said a
    little otherwise (similar, not equal), and a moment only group B raised."""
    a = session(tmp_path / "a.db", "Madrid families", [QUEUE, PARKING],
                ratings={(1, 1): (5, 2), (1, 2): (4, 3), (2, 1): (3, 3)},
                dots={(1, 1): 2, (2, 1): 1, (1, 2): 1, (2, 2): 2})
    b = session(tmp_path / "b.db", "Lisbon families", ["queue at the CHECKOUT!",
                                                        "Finding a parking spot",
                                                        "Paying by phone"],
                participants=GROUP_B, start=60,
                ratings={(1, 1): (5, 1), (1, 3): (4, 4)},
                dots={(1, 1): 3, (2, 1): 1, (2, 3): 2, (3, 2): 3})
    return a, b


def test_build_merges_sessions_into_tables_researchers_can_read(two, tmp_path):
    study = tmp_path / "study.db"
    result = run("study", "build", *two, "-o", study)
    assert result.exit_code == 0, result.output
    assert "2 sessions added, 0 updated, 0 unchanged, 0 skipped" in result.output
    sessions = table(study, "SELECT * FROM sessions ORDER BY date, title")
    assert [(s["title"], s["client"], s["facilitator"], s["script"], s["language"])
            for s in sessions] == [("Lisbon families", "Greenway", "Marta", "Test script", "en"),
                                   ("Madrid families", "Greenway", "Marta", "Test script", "en")]
    # every row carries its session; ids say what they are and hold across sessions
    moments = table(study, "SELECT * FROM moments ORDER BY session_title, position")
    assert [(m["session_title"], m["position"], m["text"]) for m in moments][:2] == [
        ("Lisbon families", 1, "queue at the CHECKOUT!"),
        ("Lisbon families", 2, "Finding a parking spot")]
    assert all(m["moment_id"].startswith(m["session_id"] + ":m") for m in moments)
    assert all(m["participant_id"] == m["session_id"] + ":p1" for m in moments)
    # declared foreign keys, and none dangling
    conn = sqlite3.connect(study)
    keys = {(r[3], r[2]) for r in conn.execute("PRAGMA foreign_key_list(votes)")}
    assert keys >= {("round_id", "vote_rounds"), ("participant_id", "participants"),
                    ("moment_id", "moments"), ("idea_id", "ideas"), ("session_id", "sessions")}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # votes say what they point at; steps are numbered as the screen shows them
    votes = table(study, "SELECT voted_on, v.dots, m.text FROM votes v JOIN moments m "
                         "USING (moment_id) WHERE v.session_title = 'Madrid families' "
                         "ORDER BY m.text, v.dots")
    assert votes == [{"voted_on": "moments", "dots": 1, "text": PARKING},
                     {"voted_on": "moments", "dots": 2, "text": PARKING},
                     {"voted_on": "moments", "dots": 1, "text": QUEUE},
                     {"voted_on": "moments", "dots": 2, "text": QUEUE}]
    assert table(study, "SELECT step_number FROM vote_rounds") == [{"step_number": 5}] * 2
    assert table(study, "SELECT min(step_number) AS n FROM steps") == [{"n": 1}]
    # names stay in the session files
    assert "Ana" not in str(table(study, "SELECT * FROM participants"))


def test_themes_pool_the_groups_figures_with_how_many_stand_behind_them(two, tmp_path):
    study = tmp_path / "study.db"
    run("study", "build", *two, "-o", study)
    themes = {r["theme"]: r for r in table(study, "SELECT * FROM theme_scores")}
    assert set(themes) == {QUEUE, PARKING, "Paying by phone"}
    queue = themes[QUEUE]
    assert (queue["groups"], queue["moments"], queue["share_of_groups"]) == (2, 2, 1.0)
    # importance: the mean over groups of the theme's share of the dots (3/6 and 4/9)
    assert queue["importance"] == round((3 / 6 + 4 / 9) / 2, 3)
    assert queue["importance_groups"] == 2
    # ratings pooled over both groups: E 5, 4 and 5, 4; P 2, 3 and 1, 4; gaps -3, -1, -4, 0
    assert (queue["expectation"], queue["expectation_people"]) == (4.5, 4)
    assert (queue["performance"], queue["performance_people"]) == (2.5, 4)
    assert (queue["gap"], queue["gap_people"], queue["gap_groups"]) == (-2.0, 4, 2)
    how = {r["text"]: (r["how"], r["similarity"]) for r in table(
        study, "SELECT m.text, how, similarity FROM moment_themes JOIN moments m "
               "USING (moment_id)")}
    assert how["queue at the CHECKOUT!"] == ("same text", 1.0)
    assert how["Finding a parking spot"][0] == "similar text"
    assert themes["Paying by phone"]["groups"] == 1
    by_segment = {(r["theme"], r["segment"]): r for r in table(
        study, "SELECT * FROM theme_scores_by_segment")}
    families = by_segment[(QUEUE, "families")]
    # families: Madrid P1 (E5 P2) and Lisbon P1 (E5 P1); students: Madrid P2 (E4 P3)
    assert (families["gap"], families["gap_people"], families["gap_groups"]) == (-3.5, 2, 2)
    assert by_segment[(QUEUE, "students")]["gap"] == -1.0
    # Lisbon's families (P1, P2) cast 6 dots, 4 on the queue; Madrid's (P1) 2 of 3
    assert families["importance"] == round((4 / 6 + 2 / 3) / 2, 3)


def test_rebuilding_adds_only_what_is_new(two, tmp_path):
    a, b = two
    study = tmp_path / "study.db"
    run("study", "build", a, b, "-o", study)
    before = table(study, "SELECT count(*) AS n FROM events")[0]["n"]
    again = run("study", "build", a, b, "-o", study)
    assert "0 sessions added, 0 updated, 2 unchanged" in again.output
    assert table(study, "SELECT count(*) AS n FROM events")[0]["n"] == before
    with Store.open(a) as store:
        store.record("moment_added", text="Loyalty card at the till", at=at(50))
    third = run("study", "build", a, b, "-o", study)
    assert "0 sessions added, 1 updated, 1 unchanged" in third.output
    assert table(study, "SELECT count(*) AS n FROM events")[0]["n"] == before + 1
    assert [r["text"] for r in table(study, "SELECT text FROM moments WHERE session_title = "
                                            "'Madrid families' ORDER BY position")] == [
        QUEUE, PARKING, "Loyalty card at the till"]


def test_a_second_copy_of_a_session_is_said_so_not_counted_unchanged(two, tmp_path):
    """Thirty files from several people hold one session twice (the copy sent to the
    client): the first build said "2 sessions added, 1 unchanged", three sessions to
    whoever reads it, and nothing of the copy."""
    a, b = two
    copy = tmp_path / "for-the-client.db"
    shutil.copy(a, copy)
    study = tmp_path / "study.db"
    line = (f"Skipped: {copy} is another copy of the session “Madrid families” in {a}: it "
            "is taken in once.")
    first = run("study", "build", a, b, copy, "-o", study)
    assert "2 sessions added, 0 updated, 0 unchanged, 1 skipped." in first.stdout
    assert first.stderr.splitlines() == [line]
    # Built again: the same count, by the quick look at the files too.
    again = run("study", "build", a, b, copy, "-o", study)
    assert "0 sessions added, 0 updated, 2 unchanged, 1 skipped." in again.stdout
    assert again.stderr.splitlines() == [line]
    assert len(table(study, "SELECT * FROM sessions")) == 2
    spanish = run("--lang", "es", "study", "build", a, b, copy, "-o", study)
    assert spanish.stderr.splitlines() == [
        f"Omitido: {copy} es otra copia de la sesión «Madrid families» de {a}: se incorpora "
        "una sola vez."]


def test_damaged_foreign_and_crafted_files_are_skipped_one_line_each(two, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    hostile, _ = crafted("tampering trigger", tmp_path)
    study = tmp_path / "study.db"
    result = CliRunner().invoke(cli, ["study", "build", *map(str, two), str(junk),
                                      str(hostile), str(tmp_path / "gone.db"), "-o", str(study)])
    assert result.exit_code == 0
    skipped = result.stderr.splitlines()
    assert skipped == [f"Skipped: {tmp_path / 'gone.db'}: no such file or folder.",
                       f"Skipped: {junk} is not a workshop session file.",
                       f"Skipped: {hostile} is refused: it holds a trigger “tamper” that "
                       "workshop did not make (SQL from a session file never runs)."]
    assert "2 sessions added, 0 updated, 0 unchanged, 3 skipped" in result.stdout
    assert len(table(study, "SELECT * FROM sessions")) == 2


def test_another_history_of_a_session_is_skipped_not_mixed(two, tmp_path):
    a, _ = two
    copy = tmp_path / "copy.db"
    shutil.copy(a, copy)
    with Store.open(a) as store:
        store.record("moment_added", text="Bags at the till", at=at(50))
    with Store.open(copy) as store:
        store.record("moment_added", text="Parking for bikes", at=at(51))
    study = tmp_path / "study.db"
    result = run("study", "build", a, copy, "-o", study)
    assert "1 session added" in result.stdout and "1 skipped" in result.stdout
    assert "copy.db is a copy of the session “Madrid families” already in the study " \
           "(from a.db) with another history" in result.stderr
    texts = [r["text"] for r in table(study, "SELECT text FROM moments")]
    assert "Bags at the till" in texts and "Parking for bikes" not in texts


def test_the_output_must_be_a_study_database(two, tmp_path):
    a, b = two
    before = a.read_bytes()
    result = run("study", "build", b, "-o", a)
    assert result.exit_code != 0
    assert str(result.exception) == (f"{a} is a workshop session file: it is never written "
                                     "over, and nothing was written. Choose another name.")
    other = tmp_path / "other.db"  # a database of someone else's
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    result = run("study", "build", b, "-o", other)
    assert str(result.exception) == (f"{other} is not a study database made by workshop "
                                     "study build: choose another name.")
    # one of the inputs named as the output is called what it is, in every language
    for lang, said in [("en", f"{a} is one of the session files to merge: give the study "
                              "a name of its own."),
                       ("es", f"{a} es uno de los archivos de sesión que se van a reunir"),
                       ("pt_BR", f"{a} é um dos arquivos de sessão a reunir")]:
        result = run("--lang", lang, "study", "build", a, b, "-o", a)
        assert result.exit_code == 1 and str(result.exception).startswith(said)
    assert a.read_bytes() == before
    # a session file given where a study is read is called what it is
    result = run("study", "export", a, "-o", tmp_path / "out.csv")
    assert str(result.exception) == (f"{a} is a session file, not a study: workshop study "
                                     "build makes a study of session files.")


def test_exporting_a_study_onto_itself_names_the_study_database(two, tmp_path):
    study = tmp_path / "study.db"
    assert run("study", "build", *two, "-o", study).exit_code == 0
    before = study.read_bytes()
    for lang, said in [
            ("en", "is the study database itself: choose another name for the export."),
            ("es", "es la propia base de datos del estudio: elija otro nombre para la "
                   "exportación."),
            ("pt_BR", "é o próprio banco de dados do estudo: escolha outro nome para a "
                      "exportação.")]:
        result = run("--lang", lang, "study", "export", study, "-o", study)
        assert result.exit_code == 1
        assert str(result.exception) == f"{study} {said}"
    assert study.read_bytes() == before


def test_tags_reach_every_row_and_survive_a_rebuild(two, tmp_path):
    a, b = two
    study = tmp_path / "study.db"
    run("study", "build", a, b, "-o", study)
    result = run("study", "tag", study, a, "--set", "city=Madrid", "--set", "wave=1")
    assert result.exit_code == 0, result.output
    assert "Tagged 1 session: city=Madrid, wave=1." in result.output
    uuid = table(study, "SELECT session_id FROM sessions WHERE title = 'Lisbon families'"
                 )[0]["session_id"]
    run("study", "tag", study, uuid, "--set", "city=Lisbon")
    for name in ("moments", "votes", "ratings", "participants", "sessions"):
        assert {(r["session_title"] if "session_title" in r else r["title"], r["city"])
                for r in table(study, f"SELECT * FROM {name}")} == {
            ("Madrid families", "Madrid"), ("Lisbon families", "Lisbon")}
    with Store.open(a) as store:
        store.record("moment_added", text="Loyalty card at the till", at=at(50))
    run("study", "build", a, b, "-o", study)
    assert {r["city"] for r in table(study, "SELECT city FROM moments WHERE session_title"
                                            " = 'Madrid families'")} == {"Madrid"}
    bad = run("study", "tag", study, a, "--set", "text=x")
    assert "cannot be a tag" in str(bad.exception)


def test_the_researchers_theme_map_is_kept_by_later_builds(two, tmp_path):
    a, b = two
    study = tmp_path / "study.db"
    run("study", "build", a, b, "-o", study, "--threshold", "0.95")
    themes = [r["theme"] for r in table(study, "SELECT theme FROM theme_scores")]
    assert "Finding a parking spot" in themes  # not alike enough at 0.95
    result = run("study", "theme", study, "--theme", "Finding a parking spot",
                 "--theme", PARKING, "--to", "Parking")
    assert result.exit_code == 0, result.output
    assert "2 moments now in the theme “Parking”." in result.output
    run("study", "build", a, b, "-o", study, "--threshold", "0.95")
    parking = table(study, "SELECT * FROM theme_scores WHERE theme = 'Parking'")
    assert parking[0]["groups"] == 2
    assert PARKING not in [r["theme"] for r in table(study, "SELECT theme FROM theme_scores")]
    moment = table(study, "SELECT moment_id FROM moments WHERE text = 'Paying by phone'")[0]
    run("study", "theme", study, moment["moment_id"], "--to", "Parking")
    assert table(study, "SELECT groups, moments FROM theme_scores WHERE theme = 'Parking'"
                 ) == [{"groups": 2, "moments": 3}]


def test_names_are_left_out_of_the_studys_events(two, tmp_path):
    a, b = two
    study = tmp_path / "study.db"
    run("study", "build", a, b, "-o", study)
    added = table(study, "SELECT data FROM events WHERE kind = 'participant_added'")
    assert len(added) == 5 and all('"name"' not in r["data"] for r in added)
    assert '"pseudonym": "P1"' in added[0]["data"]
    # a study built before names were left out: taken out by the next build, whose
    # sessions are then seen unchanged, not as other histories
    conn = sqlite3.connect(study)
    with conn:
        conn.execute("UPDATE events SET data = json_set(data, '$.name', 'Ana') "
                     "WHERE kind = 'participant_added'")
        conn.execute("DELETE FROM study_meta WHERE key = 'names'")
    conn.close()
    again = run("study", "build", a, b, "-o", study)
    assert "0 sessions added, 0 updated, 2 unchanged, 0 skipped" in again.output
    assert "Ana" not in str(table(study, "SELECT data FROM events"))


def test_a_file_the_study_holds_is_not_read_again_but_a_changed_one_is(two, tmp_path,
                                                                       monkeypatch):
    a, b = two
    study = tmp_path / "study.db"
    run("study", "build", a, b, "-o", study)
    read = []
    from workshop.core import timeline

    real = timeline.load_events
    monkeypatch.setattr(timeline, "load_events", lambda p: read.append(p) or real(p))
    assert "2 unchanged" in run("study", "build", a, b, "-o", study).output
    assert read == []  # told from its first and last events
    with Store.open(b) as store:
        store.record("moment_added", text="Loyalty card at the till", at=at(90))
    assert "1 updated, 1 unchanged" in run("study", "build", a, b, "-o", study).output
    assert read == [b]


def test_matching_through_the_trigram_index_decides_as_comparing_every_text():
    """What the index leaves out could not have matched: the same themes as comparing
    each moment with every text before it, on texts said with typos, other case and
    words more, and some alike only by chance."""
    import difflib
    import random

    from workshop.core.themes import Matcher, normalise

    rng = random.Random(5)
    said = ["Queue at the checkout", "Finding a parking space", "Pagar con el móvil",
            "A fila no caixa", "Staff greeting at the door", "Price not on the label",
            "Paying by phone", "Parking for bikes"]
    texts = []
    for _ in range(150):
        text = rng.choice(said)
        i = rng.randrange(1, len(text) - 1)
        texts.append(rng.choice([text, text.upper() + "!", text[:i] + text[i + 1:],
                                 f"{text} (slow)", f"{text}, again and again",
                                 " ".join(rng.sample(text.split(), len(text.split())))]))

    def scan(known: dict[str, int], text: str) -> int | None:
        key = normalise(text)
        if key in known:
            return known[key]
        best, found = 0.0, None
        for other, theme in known.items():
            ratio = difflib.SequenceMatcher(None, other, key, autojunk=False).ratio()
            if ratio > best:
                best, found = ratio, theme
        return found if best >= 0.8 else None

    matcher, known, themes = Matcher(0.8), {}, 0
    for text in texts:
        expected, got = scan(known, text), matcher.match(text).theme
        assert got == expected, text
        if got is None:
            themes += 1
            got = themes
        matcher.add(got, [text])
        known.setdefault(normalise(text), got)
    assert 8 <= themes < 60  # variants joined their themes


def _named_session(path, *, late: bool = False):
    """Ana and Luis named inside what was typed, as the reports find them: a moment,
    an expectation, an idea, a quote, the group's feeling, an action's owner."""
    session(path, "Madrid families", ["Ana said the queue never moves"])
    with Store.open(path) as store:
        store.record("participant_added", pseudonym="P3", name="Luis Pérez", segment=None,
                     at=at(10))
        store.record("expectation_added", mid=1, text="Like luis, under five minutes",
                     type="stated", pid=2, at=at(11))
        store.record("idea_added", mid=1, text="A till for ANA and friends", at=at(12))
        store.record("note_added", type="quote", text="“Ana knows the staff”", pid=2,
                     at=at(13))
        store.record("group_feeling_given", mid=1, value=-1, text="Luis disagreed",
                     at=at(14))
        store.record("action_added", type="action", text="Open a till", owner="Luis",
                     mid=1, at=at(15))
    return path


def _study_texts(study) -> str:
    """Every text the study database holds, its events included."""
    conn = sqlite3.connect(study)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
        return "\n".join(str(value) for name in tables
                         for row in conn.execute(f'SELECT * FROM "{name}"') for value in row)
    finally:
        conn.close()


def test_names_typed_inside_entries_are_replaced_in_the_study_as_the_reports_replace_them(
        tmp_path):
    import json
    import zipfile

    a = _named_session(tmp_path / "a.db")
    study = tmp_path / "study.db"
    assert run("study", "build", a, "-o", study).exit_code == 0
    held = _study_texts(study)
    assert "P1 said the queue never moves" in held
    assert not re.search(r"\b(ana|luis|pérez)\b", held, re.IGNORECASE)
    # the same texts as the session's own JSON export (the reports' data), field by field
    out = tmp_path / "a.json"
    assert run("export", a, "--format", "json", "-o", out).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))["tables"]
    for name, column, theirs in [
            ("moments", "text", "text"), ("expectations", "text", "text"),
            ("ideas", "text", "text"), ("notes", "text", "text"),
            ("actions", "owner", "owner"), ("group_feelings", "note", "text")]:
        assert [r[column] for r in table(study, f"SELECT {column} FROM {name}")] == [
            r[theirs] for r in exported[name]], name
    # and the study's REFI-QDA project has the session's text as its own export has it
    run("study", "export", study, "-o", tmp_path / "s.qdpx")
    run("export", a, "--format", "qdpx", "-o", tmp_path / "a.qdpx")
    texts = []
    for archive in (tmp_path / "s.qdpx", tmp_path / "a.qdpx"):
        with zipfile.ZipFile(archive) as opened:
            [source] = [n for n in opened.namelist() if n.startswith("sources/")]
            texts.append(opened.read(source).decode("utf-8"))
    assert texts[0] == texts[1]
    assert texts[0].startswith("P1 (families): P1 said the queue never moves\n")
    assert not re.search(r"\b(ana|luis)\b", texts[0], re.IGNORECASE)


def test_a_name_given_after_a_build_is_replaced_at_the_next_without_another_history(
        tmp_path):
    a = session(tmp_path / "a.db", "Madrid families", ["Rosa will join us later"])
    study = tmp_path / "study.db"
    assert run("study", "build", a, "-o", study).exit_code == 0
    assert "Rosa will join" in _study_texts(study)  # not a participant yet: as typed
    with Store.open(a) as store:
        store.record("participant_added", pseudonym="P3", name="Rosa", segment=None,
                     at=at(20))
        store.record("participant_edited", pid=1, name="Anna", at=at(21))  # Ana → Anna
    result = run("study", "build", a, "-o", study)
    assert "0 sessions added, 1 updated, 0 unchanged, 0 skipped" in result.stdout
    assert result.stderr == ""
    assert [r["text"] for r in table(study, "SELECT text FROM moments")] == [
        "P3 will join us later"]
    assert "Rosa" not in _study_texts(study)
    # seen unchanged the next time, by the quick look and by the full one
    assert "1 unchanged" in run("study", "build", a, "-o", study).stdout
    assert "1 unchanged" in run("study", "build", tmp_path, "-o", study).stdout


def test_a_study_built_before_has_typed_names_replaced_at_its_next_build(two, tmp_path):
    a, b = two
    with Store.open(b) as store:
        store.record("note_added", type="quote", text="Rosa: too slow", pid=1, at=at(90))
    study = tmp_path / "study.db"
    assert run("study", "build", a, b, "-o", study).exit_code == 0
    conn = sqlite3.connect(study)  # as an earlier version left it: the name as typed
    with conn:
        conn.execute("UPDATE notes SET text = 'Rosa: too slow'")
        conn.execute("UPDATE events SET data = replace(data, 'P1: too slow', "
                     "'Rosa: too slow')")
        conn.execute("DELETE FROM study_meta WHERE key = ?", [TYPED_NAMES])
    conn.close()
    result = run("study", "build", a, "-o", study)  # b not given: still as typed
    assert "1 updated" not in result.stdout
    assert "1 session in the study was merged by an earlier version" in result.stderr
    assert "Rosa" in _study_texts(study)
    result = run("study", "build", a, b, "-o", study)
    assert "1 updated, 1 unchanged" in result.stdout and "earlier version" not in result.stderr
    assert "Rosa" not in _study_texts(study)
    assert table(study, "SELECT text FROM notes") == [{"text": "P1: too slow"}]
    assert "2 unchanged" in run("study", "build", a, b, "-o", study).stdout
