"""REFI-QDA export: the .qdpx read back as a qualitative-analysis tool reads it.

The project file is validated against the standard's schema (QDA-XML 1.0, Project.xsd,
kept in tests/data/refi-qda/), every selection is cut out of its source text and
compared with the entry it codes, and the codes, cases and variables are read back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from core_fixtures import SCRIPT, TRIO, at
from replay_fixtures import ENGLISH, record_session
from workshop.cli import cli
from workshop.core.events import Event
from workshop.core.fold import fold
from workshop.core.qda import session_project
from workshop.core.store import Store
from workshop.i18n import translator
from workshop.report import export

NS = {"q": "urn:QDA-XML:project:1.0"}
XSD = Path(__file__).parent / "data" / "refi-qda" / "Project.xsd"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def read_back(path: Path, schema: etree.XMLSchema) -> tuple[etree._Element, dict[str, str]]:
    """(project.qde's root, source GUID -> its text), the project valid for the schema."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        assert schema.validate(root), schema.error_log
        texts = {}
        for source in root.iterfind(".//q:TextSource", NS):
            ref = source.get("plainTextPath")
            assert ref.startswith("internal://")
            raw = archive.read("sources/" + ref.removeprefix("internal://"))
            assert b"\r" not in raw
            texts[source.get("guid")] = raw.decode("utf-8")
        # the standard's layout, spelled as it is (zip names are case-sensitive):
        # project.qde and one file per source in sources/, nothing else
        assert sorted(archive.namelist()) == sorted(
            ["project.qde", *(f"sources/{guid}.txt" for guid in texts)])
    return root, texts


def codes_by_guid(root) -> dict[str, tuple[str, str]]:
    """code GUID -> (its group's name, its name)."""
    found = {}
    for group in root.find("q:CodeBook/q:Codes", NS):
        for code in group.iterfind("q:Code", NS):
            found[code.get("guid")] = (group.get("name"), code.get("name"))
    return found


def selections(root, texts) -> list[tuple[str, set[tuple[str, str]], str]]:
    """(selected text, its codes, the whole line it sits on) for every selection."""
    codes = codes_by_guid(root)
    out = []
    for source in root.iterfind(".//q:TextSource", NS):
        text = texts[source.get("guid")]
        for sel in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            line_start = text.rfind("\n", 0, start) + 1
            line = text[line_start:text.index("\n", end)]
            out.append((text[start:end],
                        {codes[c.get("targetGUID")] for c in sel.iterfind(".//q:CodeRef", NS)},
                        line))
    return out


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("qdpx") / "families.db"
    record_session(path)
    with Store.open(path) as store:  # expectation ratings too, and a quote naming Ana
        store.record("session_reopened", at=at(46))
        store.record("rating_given", mid=2, pid=1, value=5, scale="expectation", at=at(47))
        store.record("note_added", type="quote", pid=3, mid=1, text="Ana said it: 5 € ☕ 😀",
                     at=at(48))
    return path


def test_each_entry_is_a_selection_of_its_line_coded_with_what_the_session_knows(
        recorded, tmp_path, schema):
    out = export(recorded, tmp_path / "s.qdpx", "qdpx")
    root, texts = read_back(out, schema)
    [text] = texts.values()
    lines = text.split("\n")
    assert lines[:3] == ["P1 (families): " + ENGLISH["parking"], "P3: " + ENGLISH["queue2"],
                         "Group: " + ENGLISH["hours"]]
    assert text.endswith("\n") and "Facilitator's note: " + ENGLISH["laughed"] in lines
    found = {selected: (codes, line) for selected, codes, line in selections(root, texts)}
    # every entry once, each selection exactly its text, at the end of its line
    assert len(found) == len(lines) - 1
    for selected, (_, line) in found.items():
        assert line.endswith(": " + selected)
    quote_codes, _ = found[ENGLISH["quote"]]
    assert quote_codes == {("Entries", "Quote"), ("Moments of truth", ENGLISH["queue2"]),
                           ("Journey stages", "during"), ("Touchpoints", "direct"),
                           ("Quadrants", "Concentrate here")}
    assert ("Expectations", "latent") in found[ENGLISH["cares"]][0]
    assert ("Expectations", "stated") in found[ENGLISH["fast"]][0]
    assert ("Lateral-thinking techniques", "Analogy with another industry") in \
        found[ENGLISH["crew"]][0]
    assert {("Entries", "Moment of truth"), ("Journey stages", "before"),
            ("Touchpoints", "indirect")} <= found[ENGLISH["parking"]][0]
    # the moments' codes in the journey's order
    moments = root.find("q:CodeBook/q:Codes/q:Code[@name='Moments of truth']", NS)
    assert [c.get("name") for c in moments] == [ENGLISH["hours"], ENGLISH["parking"],
                                                ENGLISH["queue2"]]


def test_offsets_count_characters_with_accents_and_emoji(recorded, tmp_path, schema):
    root, texts = read_back(export(recorded, tmp_path / "s.qdpx", "qdpx"), schema)
    quoted = [s for s, _, _ in selections(root, texts) if "☕" in s]
    # a pseudonym copy: the name typed inside the quote is replaced too
    assert quoted == ["P1 said it: 5 € ☕ 😀"]
    assert not re.search(r"\bAna\b", texts.popitem()[1])


def test_participants_are_cases_with_segment_consent_and_ratings(recorded, tmp_path, schema):
    root, texts = read_back(export(recorded, tmp_path / "s.qdpx", "qdpx"), schema)
    variables = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", NS)}
    cases = {}
    for case in root.iterfind("q:Cases/q:Case", NS):
        values = {}
        for value in case.iterfind("q:VariableValue", NS):
            name = variables[value.find("q:VariableRef", NS).get("targetGUID")]
            values[name] = value[1].text
        cases[case.get("name")] = (values, len(case.findall("q:SelectionRef", NS)))
    assert set(cases) == {"P1", "P2", "P3"}
    p1, p1_entries = cases["P1"]
    assert p1["Segment"] == "families" and p1["Consent"] == "false"
    assert p1[f"Performance (1–5): {ENGLISH['queue2']}"] == "2"
    assert p1[f"Expectation (1–5): {ENGLISH['queue2']}"] == "5"
    assert "Segment" not in cases["P3"][0]
    # P1 raised a moment, stated an expectation and proposed an idea
    assert p1_entries == 3
    assert not re.search(r"\bAna\b", etree.tostring(root, encoding="unicode"))


def test_names_only_in_the_internal_copy_and_the_file_is_the_same_twice(
        recorded, tmp_path, schema):
    result = CliRunner().invoke(cli, ["export", str(recorded), "--format", "qdpx",
                                      "--with-names", "-o", str(tmp_path / "in.qdpx")])
    assert result.exit_code == 0, result.output
    root, texts = read_back(tmp_path / "in.qdpx", schema)
    assert {c.get("name") for c in root.iterfind("q:Cases/q:Case", NS)} == {
        "Ana (P1)", "P2", "Luis (P3)"}
    assert "Ana (families): " + ENGLISH["parking"] in next(iter(texts.values()))
    first = export(recorded, tmp_path / "a.qdpx", "qdpx")
    second = export(recorded, tmp_path / "b.qdpx", "qdpx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("project.qde") == b.read("project.qde")


HOSTILE = '<Code name="x"/>&amp; ]]> <!-- "\'quote\'" --> <script>alert(1)</script>'


def test_hostile_text_comes_back_literally(tmp_path, schema):
    path = tmp_path / "hostile.db"
    with Store.create(path, title=HOSTILE, script=SCRIPT, lang="en", participants=TRIO,
                      at=at(0)) as store:
        mid = store.record("moment_added", text=HOSTILE, stage="during", at=at(1)).data["mid"]
        store.record("idea_added", mid=mid, text=HOSTILE + " idea", pid=2, at=at(2))
    root, texts = read_back(export(path, tmp_path / "h.qdpx", "qdpx"), schema)
    assert root.get("name") == HOSTILE
    moments = root.find("q:CodeBook/q:Codes/q:Code[@name='Moments of truth']", NS)
    assert [c.get("name") for c in moments] == [HOSTILE]
    assert [s for s, _, _ in selections(root, texts)] == [HOSTILE, HOSTILE + " idea"]


def test_text_xml_cannot_carry_is_replaced_in_source_and_project_alike():
    """A crafted file's control character (the store never writes one) cannot break
    the XML: it becomes U+FFFD, and the selection still matches the source."""
    script = {**SCRIPT}
    events = [Event("session_created", {"title": "T\x0b", "lang": "en", "script": script},
                    at(0), 1),
              Event("participant_added", {"pid": 1, "pseudonym": "P1"}, at(0), 2),
              Event("moment_added", {"mid": 1, "text": "bad\x01char", "pid": 1}, at(1), 3)]
    project = session_project(fold(events), events, translator("en"))
    [source] = project.sources
    [selection] = source.selections
    assert source.text[selection.start:selection.end] == "bad\ufffdchar"
    assert project.name == "T\ufffd"


def test_a_spanish_session_is_coded_in_spanish(tmp_path, schema):
    from replay_fixtures import SPANISH

    path = tmp_path / "es.db"
    record_session(path, SPANISH, lang="es")
    root, texts = read_back(export(path, tmp_path / "es.qdpx", "qdpx"), schema)
    groups = [c.get("name") for c in root.find("q:CodeBook/q:Codes", NS)]
    assert groups[0] == "Momentos de la verdad"
    assert "Grupo: " + SPANISH["hours"] in next(iter(texts.values()))


def test_feelings_are_coded_the_groups_note_as_text_a_participants_as_a_value(
        recorded, tmp_path, schema):
    copy = tmp_path / "felt.db"
    copy.write_bytes(recorded.read_bytes())
    with Store.open(copy) as store:
        store.record("feeling_given", mid=2, pid=1, value=-2, at=at(49))
        store.record("group_feeling_given", mid=2, value=-1, text="split: half of them angry",
                     at=at(50))
    root, texts = read_back(export(copy, tmp_path / "f.qdpx", "qdpx"), schema)
    found = {selected: codes for selected, codes, _ in selections(root, texts)}
    assert found["split: half of them angry"] == {
        ("Entries", "The group's feeling"), ("Feelings", "−1 (bad)"),
        ("Moments of truth", ENGLISH["queue2"]), ("Journey stages", "during"),
        ("Touchpoints", "direct"), ("Quadrants", "Concentrate here")}
    assert "The group's feeling: split: half of them angry" in next(iter(texts.values()))
    variables = {v.get("guid"): v for v in root.iterfind(".//q:Variable", NS)}
    [p1] = [c for c in root.iterfind("q:Cases/q:Case", NS) if c.get("name") == "P1"]
    felt = {variables[v.find("q:VariableRef", NS).get("targetGUID")].get("name"): v[1].text
            for v in p1.iterfind("q:VariableValue", NS)}
    assert felt[f"Feeling (−2…+2): {ENGLISH['queue2']}"] == "-2"


def test_a_study_is_one_project_its_codes_shared_by_every_session(tmp_path, schema):
    from study_fixtures import GROUP_B, session

    a = session(tmp_path / "a.db", "Madrid families", ["Queue at the checkout", "Parking"],
                ratings={(1, 1): (5, 2)}, dots={(1, 1): 2})
    b = session(tmp_path / "b.db", "Lisbon families", ["queue at the CHECKOUT!", "Bags"],
                participants=GROUP_B, start=60)
    with Store.open(b) as store:
        store.record("group_feeling_given", mid=1, value=-2, text="all of them angry",
                     at=at(70))
    study = tmp_path / "study.db"
    run = CliRunner()
    assert run.invoke(cli, ["study", "build", str(a), str(b), "-o", str(study)]).exit_code == 0
    run.invoke(cli, ["study", "tag", str(study), str(a), "--set", "city=Madrid"])
    result = run.invoke(cli, ["study", "export", str(study), "-o", str(tmp_path / "s.qdpx")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "s.qdpx")
    root, texts = read_back(tmp_path / "s.qdpx", schema)
    sources = {s.get("name"): texts[s.get("guid")]
               for s in root.iterfind(".//q:TextSource", NS)}
    assert set(sources) == {"Madrid families", "Lisbon families"}
    assert sources["Lisbon families"].startswith("P1 (families): queue at the CHECKOUT!\n")
    # one code book: the queue is one theme, coded in both sessions; one stage code
    book = root.find("q:CodeBook/q:Codes", NS)
    themes = book.find("q:Code[@name='Themes']", NS)
    assert sorted(c.get("name") for c in themes) == ["Bags", "Parking",
                                                     "Queue at the checkout"]
    assert [c.get("name") for c in book.find("q:Code[@name='Journey stages']", NS)] == [
        "during"]
    queue = themes.find("q:Code[@name='Queue at the checkout']", NS).get("guid")
    coded = [sel.getparent().get("name") for sel in root.iterfind(
        f".//q:PlainTextSelection/q:Coding/q:CodeRef[@targetGUID='{queue}']/../..", NS)]
    assert sorted(coded) == ["Lisbon families", "Lisbon families", "Madrid families"]
    found = {selected: codes for selected, codes, _ in selections(root, texts)}
    assert ("Feelings", "−2 (very bad)") in found["all of them angry"]
    # participants of every session are cases, with their session and its tags
    variables = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", NS)}
    cases = {}
    for case in root.iterfind("q:Cases/q:Case", NS):
        cases[case.get("name")] = {
            variables[v.find("q:VariableRef", NS).get("targetGUID")]: v[1].text
            for v in case.iterfind("q:VariableValue", NS)}
    assert set(cases) == {"P1 · Madrid families", "P2 · Madrid families",
                          "P1 · Lisbon families", "P2 · Lisbon families",
                          "P3 · Lisbon families"}
    assert cases["P1 · Madrid families"]["city"] == "Madrid"
    assert cases["P1 · Madrid families"]["Session"] == "Madrid families"
    assert cases["P1 · Madrid families"]["Segment"] == "families"
    assert "city" not in cases["P1 · Lisbon families"]
    # a study holds pseudonyms only: the names given to the roster are nowhere
    with zipfile.ZipFile(tmp_path / "s.qdpx") as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8")
    assert "Ana" not in everything and "Rosa" not in everything


def test_a_refi_qda_reader_reads_the_study_project_back(tmp_path):
    """pyrefiqda (a REFI-QDA reader library) parses the study's project: its sources,
    code book and cases, and every selection cut out of its source is an entry."""
    from pyrefiqda import RefiProject

    from study_fixtures import session

    a = session(tmp_path / "a.db", "Madrid families", ["Queue at the checkout ☕ 😀"])
    b = session(tmp_path / "b.db", "Lisbon families", ["queue at the checkout ☕ 😀!"],
                start=60)
    study, out = tmp_path / "study.db", tmp_path / "s.qdpx"
    CliRunner().invoke(cli, ["study", "build", str(a), str(b), "-o", str(study)])
    assert CliRunner().invoke(cli, ["study", "export", str(study), "-o", str(out)]
                              ).exit_code == 0
    project = RefiProject.load(out, extract_dir=str(tmp_path / "read"))
    assert project.name == "study"
    assert [c.name for c in project.code_book.codes.code][0] == "Themes"
    assert {c.name for c in project.cases.case} == {
        "P1 · Madrid families", "P2 · Madrid families", "P1 · Lisbon families",
        "P2 · Lisbon families"}
    for source in project.sources.text_source:
        # where the reader looks for an internal:// file: sources/ of the archive
        text = RefiProject.resolve_source_path(
            source.plain_text_path, tmp_path / "read").read_text(encoding="utf-8")
        cut = [text[s.start_position:s.end_position] for s in source.plain_text_selection]
        assert cut[0] in ("Queue at the checkout ☕ 😀", "queue at the checkout ☕ 😀!")
        assert all(f": {piece}\n" in text for piece in cut)
    # a single session's project is laid out the same way
    one = tmp_path / "a.qdpx"
    assert CliRunner().invoke(cli, ["export", str(a), "--format", "qdpx", "-o", str(one)]
                              ).exit_code == 0
    [source] = RefiProject.load(one, extract_dir=str(tmp_path / "one")).sources.text_source
    text = RefiProject.resolve_source_path(source.plain_text_path, tmp_path / "one")
    assert text.read_text(encoding="utf-8").startswith("P1")
