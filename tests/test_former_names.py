"""A name corrected during the session: the earlier spelling is a real name too.

Texts typed before a correction ("Luiz", later "Luis Ortega") hold the earlier name;
every copy with pseudonyms (Word, CSV, JSON, a study, the crash log) replaces every
name a participant was ever given, through the one anonymiser (core/names.py).
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from click.testing import CliRunner
from docx import Document

from report_fixtures import SCRIPT, at, docx_text
from workshop.cli import cli
from workshop.core.names import Anonymizer, people_of
from workshop.core.store import Store
from workshop.report import export

# Neither spelling of P2's name, nor P3's: Luiz (as first typed), Luis Ortega (corrected,
# surname added), Marta (P3 joined as "Guest", named later).
FORBIDDEN = re.compile(r"\b(luiz|luis|ortega|marta)\b", re.IGNORECASE)
PEOPLE = [  # all recorded consent: P2's quote is in the report
    {"pid": 1, "pseudonym": "P1", "name": "Ana López", "segment": "families", "consent": True},
    {"pid": 2, "pseudonym": "P2", "name": "Luiz", "segment": "students", "consent": True},
    {"pid": 3, "pseudonym": "P3", "name": "Guest", "segment": None, "consent": True},
]


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    path = tmp_path_factory.mktemp("renamed") / "s.db"
    with Store.create(path, title="Luiz's supermarket", script=SCRIPT, lang="en",
                      participants=PEOPLE, at=at(0)) as s:
        s.record("step_entered", step=1, at=at(1))
        mid = s.record("moment_added", text="Queue at the checkout, as Luiz says", stage="during",
                       touchpoint="direct", pid=2, at=at(2)).data["mid"]
        s.record("note_added", type="quote", text="LUIZ: the guest at the till waits", pid=2,
                 mid=mid, at=at(3))
        # the facilitator corrects the spelling and adds the surname; the guest says hers
        s.record("participant_edited", pid=2, name="Luis Ortega", at=at(4))
        s.record("participant_edited", pid=3, name="Marta", at=at(5))
        s.record("moment_added", text="Paying: luis and Ortega agree with Marta",
                 stage="during", pid=1, at=at(6))
        s.record("note_added", type="note", text="P2 and the guest from table 3 left early",
                 at=at(7))
        s.record("step_entered", step=6, at=at(8))
        s.record("action_added", type="action", text="Ask Luiz Ortega again", owner="Luiz",
                 mid=mid, at=at(9))
    return path


def test_every_name_a_participant_was_given_is_kept_with_their_pseudonym(renamed):
    with Store.open(renamed, readonly=True) as store:
        people = people_of(store.state)
    assert set(people) == {("Ana López", "P1"), ("Luis Ortega", "P2"), ("Marta", "P3"),
                           ("Luiz", "P2"), ("Guest", "P3")}


def test_the_word_report_holds_neither_spelling_but_the_pseudonym(renamed, tmp_path):
    path = export(renamed, tmp_path / "r.docx")
    assert not FORBIDDEN.findall(docx_text(path))
    doc = Document(path)
    assert doc.core_properties.title == "P2's supermarket"
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Queue at the checkout, as P2 says" in body + cells
    assert "“P2: the guest at the till waits”" in body  # "guest" is no one's name
    assert "Paying: P2 and P2 agree with P3" in body + cells
    # the old first name with the new surname: each word is one of P2's names
    assert "Ask P2 P2 again (M1; owner: P2)" in body


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_data_exports_hold_neither_spelling_but_the_pseudonym(renamed, tmp_path, fmt):
    path = export(renamed, tmp_path / f"r.{fmt}", fmt)
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    text = "\n".join(f.read_text(encoding="utf-8-sig") for f in files)
    assert not FORBIDDEN.findall(text)
    if fmt == "json":
        tables = json.loads(text)["tables"]
        assert [m["text"] for m in tables["moments"]] == [
            "Queue at the checkout, as P2 says", "Paying: P2 and P2 agree with P3"]
        assert [n["text"] for n in tables["notes"]] == [
            "P2: the guest at the till waits", "P2 and the guest from table 3 left early"]
        assert [a["owner"] for a in tables["actions"]] == ["P2"]
    else:
        assert "Queue at the checkout, as P2 says" in text
        assert "P2 and the guest from table 3 left early" in text


def test_the_study_database_holds_neither_spelling_but_the_pseudonym(renamed, tmp_path):
    study = tmp_path / "study.db"
    result = CliRunner().invoke(cli, ["study", "build", str(renamed), "-o", str(study)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(study)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
        held = "\n".join(str(v) for name in tables
                         for row in conn.execute(f'SELECT * FROM "{name}"') for v in row)
        moments = [r[0] for r in conn.execute("SELECT text FROM moments ORDER BY position")]
    finally:
        conn.close()
    assert not FORBIDDEN.findall(held)
    assert moments == ["Queue at the checkout, as P2 says", "Paying: P2 and P2 agree with P3"]


def test_a_study_built_with_only_the_last_names_replaced_is_corrected_at_its_next_build(
        renamed, tmp_path):
    from workshop.core.study import TYPED_NAMES

    study = tmp_path / "study.db"
    run = CliRunner().invoke
    assert run(cli, ["study", "build", str(renamed), "-o", str(study)]).exit_code == 0
    conn = sqlite3.connect(study)  # as the version before left it: the earlier name typed
    with conn:
        conn.execute("UPDATE moments SET text = replace(text, 'as P2 says', 'as Luiz says')")
        conn.execute("UPDATE events SET data = replace(data, 'as P2 says', 'as Luiz says')")
        conn.execute("DELETE FROM study_meta WHERE key = ?", [TYPED_NAMES])
    conn.close()
    result = run(cli, ["study", "build", str(renamed), "-o", str(study)])
    assert "1 updated" in result.stdout
    conn = sqlite3.connect(study)
    try:
        assert not conn.execute("SELECT 1 FROM events WHERE data LIKE '%Luiz%' UNION ALL "
                                "SELECT 1 FROM moments WHERE text LIKE '%Luiz%'").fetchall()
    finally:
        conn.close()


def test_the_crash_log_replaces_the_earlier_name_too(renamed):
    import gc

    from workshop.core import crash

    # a session's state alone in memory, as when a store opened from its snapshot
    with Store.open(renamed, readonly=True) as store:
        state = store.state
    del store
    gc.collect()
    names = crash.known_names()
    assert "Luiz" in names  # found in the state, not in events read earlier
    assert crash.pseudonymise("KeyError: 'luiz' (Luis Ortega)", names) == "KeyError: 'P2' (P2)"
    del state


def test_the_anonymizer_leaves_pseudonyms_common_words_and_shared_names_unattributed():
    anon = Anonymizer([("Ana", "P1"), ("Ana Ruiz", "P2"), ("Luiz", "P2"), ("Guest", "P3"),
                       ("Participant 3", "P3"), ("P1", "P4"), ("Marta", "P3"),
                       ("Marta", "P4"), ("Rosa", None), ("de la Cruz", "P5")],
                      enabled=True)
    assert anon.text("Ana, Ruiz, luiz; the guest, participant 3 and P1 stay") == (
        "P1, P2, P2; the guest, participant 3 and P1 stay")
    # a name two people were given cannot be attributed; one whose joining was undone
    # belongs to nobody in the session
    assert anon.text("Marta and Rosa") == "[participant] and [participant]"
    assert anon.text("Cruz and de la Cruz, la casa") == "P5 and P5, la casa"
    # a title is not a name, the name after it is; "Don" is a name in English
    anon = Anonymizer([("Sra. Ruiz", "P1"), ("Don", "P2")], enabled=True)
    assert anon.text("the sra. said, Ruiz said, Sra. Ruiz said, Don said") == (
        "the sra. said, P1 said, P1 said, P2 said")
