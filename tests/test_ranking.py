"""The ranking step kind: orders fold into the state and the file, the Borda count of
METHOD.md (place r of n options earns n − r points), and what replay, `workshop show`,
the exports and the Word report show of it."""

from __future__ import annotations

import copy
import json

import pytest
from docx import Document

from core_fixtures import SCRIPT, TRIO, at, file_tables, state_tables
from workshop.core.errors import RuleError
from workshop.core.kinds import registry
from workshop.core.kinds.ranking import borda, order_of, rounds
from workshop.core.store import Store
from workshop.core.summary import plain_summary
from workshop.core.timeline import Timeline
from workshop.i18n import set_language
from workshop.report import export

RANKING_STEP = {"title": "Rank the moments", "kind": "ranking", "minutes": 5, "body": "",
                "options": {"target": "moments", "top": 3}}


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def _script() -> dict:
    script = copy.deepcopy(SCRIPT)
    script["steps"].insert(5, RANKING_STEP)  # after the vote, before the gaps
    return script


def _session(tmp_path, lang: str = "en") -> tuple[Store, int, list[int]]:
    """Four moments (A, B, C, D along the journey) and the ranking step's ranking open."""
    store = Store.create(tmp_path / "s.db", title="Supermarket", script=_script(), lang=lang,
                         participants=TRIO, at=at(0))
    mids = [store.record("moment_added", text=text, at=at(1 + i)).data["mid"]
            for i, text in enumerate(("Door", "Queue", "Checkout", "Parking"))]
    step = [s for s in store.state.steps if s.kind == "ranking"][0]
    store.record("step_entered", step=step.index, at=at(10))
    for kind, data in registry.opening(store.state, step):
        store.record(kind, at=at(10), **data)
    return store, max(rounds(store.state)), mids


def _hand_worked(store: Store, kid: int, mids: list[int]) -> None:
    a, b, c, d = mids
    store.record("ranking_given", kid=kid, pid=1, items=[b, a, c], at=at(11))
    store.record("ranking_given", kid=kid, pid=2, items=[a, b], at=at(12))
    store.record("ranking_given", kid=kid, pid=3, items=[d, b, a], at=at(13))


def test_showing_the_step_opens_its_ranking_with_the_scripts_options(tmp_path):
    store, kid, _ = _session(tmp_path)
    step = [s for s in store.state.steps if s.kind == "ranking"][0]
    assert file_tables(store.path)["rankings"] == [
        {"ranking_id": kid, "target": "moments", "top": 3, "step_number": step.index + 1}]
    assert registry.opening(store.state, step) == []  # shown again: nothing more to record


def test_borda_count_against_a_hand_worked_example(tmp_path):
    # n = 4 options, so a first place earns 3, a second 2, a third 1 (n − r).
    # P1: B A C -> B 3, A 2, C 1;  P2: A B -> A 3, B 2;  P3: D B A -> D 3, B 2, A 1.
    # A = 2 + 3 + 1 = 6, B = 3 + 2 + 2 = 7, C = 1, D = 3.
    store, kid, mids = _session(tmp_path)
    a, b, c, d = mids
    _hand_worked(store, kid, mids)
    result = borda(store.state, kid)
    assert (result.n, result.rankers, result.top) == (4, 3, 3)
    assert [(r.item, r.points, r.firsts, r.ranked_by, r.rank) for r in result.rows] == [
        (b, 7, 1, 3, 1), (a, 6, 1, 3, 2), (d, 3, 1, 1, 3), (c, 1, 0, 1, 4)]
    # P3 takes their order back: A = 5 and B = 5 tie and share the first rank (one first
    # place each; the journey's order between them), C = 1 is third, D = 0 fourth.
    store.record("ranking_given", kid=kid, pid=3, items=[], at=at(14))
    result = borda(store.state, kid)
    assert result.rankers == 2
    assert [(r.item, r.points, r.rank) for r in result.rows] == [
        (a, 5, 1), (b, 5, 1), (c, 1, 3), (d, 0, 4)]


def test_orders_are_in_the_file_as_the_fold_says_and_undo_brings_the_last_back(tmp_path):
    store, kid, mids = _session(tmp_path)
    a, b, c, d = mids
    _hand_worked(store, kid, mids)
    store.record("ranking_given", kid=kid, pid=1, items=[c], at=at(14))  # P1 changes theirs
    assert order_of(store.state, kid, 1) == (c,)
    assert [(r["participant_id"], r["moment_id"], r["rank"])
            for r in file_tables(store.path)["ranks"] if r["participant_id"] == 1] == [(1, c, 1)]
    store.undo()
    assert order_of(store.state, kid, 1) == (b, a, c)
    tables = file_tables(store.path)
    assert tables == state_tables(store.state)
    assert {(r["participant_id"], r["moment_id"] or r["idea_id"]): r["rank"]
            for r in tables["ranks"]} == {
        (1, b): 1, (1, a): 2, (1, c): 3, (2, a): 1, (2, b): 2, (3, d): 1, (3, b): 2, (3, a): 3}
    store.close()
    with Store.open(store.path, readonly=True) as again:  # folded again from the events
        assert borda(again.state, kid) == borda(store.state, kid)


@pytest.mark.parametrize("items, said", [
    ([1, 2, 3, 4], "Each participant ranks their top 3."),
    ([1, 1], "An option can have only one place."),
    ([99], "There is nothing to rank with number 99."),
])
def test_an_order_the_rules_refuse_is_named_and_nothing_is_written(tmp_path, items, said):
    store, kid, _ = _session(tmp_path)
    events = store.events
    with pytest.raises(RuleError) as refused:
        store.record("ranking_given", kid=kid, pid=1, items=items)
    assert str(refused.value) == said
    assert store.events == events and file_tables(store.path)["ranks"] == []


def test_a_deleted_moment_leaves_every_order_and_a_ranked_one_is_not_merged(tmp_path):
    store, kid, mids = _session(tmp_path)
    a, b, c, d = mids
    _hand_worked(store, kid, mids)
    with pytest.raises(RuleError) as refused:
        store.record("moments_merged", mid=b, into=a)
    assert str(refused.value) == f"Moment {b} is already ranked: merge duplicates before ranking."
    store.record("entry_deleted", entity="moment", id=a)
    # The places after A move up; now n = 3: P1 B C -> B 2, C 1; P2 B -> 2; P3 D B -> D 2, B 1.
    assert [order_of(store.state, kid, pid) for pid in (1, 2, 3)] == [(b, c), (b,), (d, b)]
    assert [(r.item, r.points) for r in borda(store.state, kid).rows] == [(b, 5), (d, 2), (c, 1)]
    assert file_tables(store.path) == state_tables(store.state)


def test_replay_shows_the_points_as_they_were(tmp_path):
    store, kid, mids = _session(tmp_path)
    _hand_worked(store, kid, mids)
    store.close()
    timeline = Timeline.open(store.path)
    before_p3 = timeline.position_of_event(timeline.events[-1].id) - 1
    assert [(r.item, r.points) for r in borda(timeline.state_at(before_p3), kid).rows][:2] == [
        (mids[0], 5), (mids[1], 5)]  # A 5 and B 5 before P3's order (A first along the journey)
    assert borda(timeline.state_at(len(timeline)), kid).rows[0].points == 7
    said = [timeline.says(e, timeline.state_at(len(timeline))) for e in timeline.events[-3:]]
    assert said == ["ranking by P1", "ranking by P2", "ranking by P3"]  # pseudonyms only


def test_show_lists_the_points_and_says_how_they_are_counted(tmp_path):
    store, kid, mids = _session(tmp_path)
    _hand_worked(store, kid, mids)
    text = plain_summary(store.state)
    assert ("Ranking 1 on moments of truth:\n"
            "  3 of 3 participants put their top 3 of the options in order. Borda count: with 4 "
            "options, place r earns 4 − r points (a first place 3); an option left out earns "
            "none.\n"
            "   1.   7  2 Queue\n   2.   6  1 Door\n   3.   3  4 Parking\n"
            "   4.   1  3 Checkout\n") in text


def test_the_exports_carry_the_orders_and_the_report_the_points(tmp_path):
    store, kid, mids = _session(tmp_path)
    _hand_worked(store, kid, mids)
    store.close()
    data = json.loads(export(store.path, tmp_path / "s.json", "json").read_text("utf-8"))
    assert data["tables"]["rankings"][0]["top"] == 3
    assert len(data["tables"]["ranks"]) == 8
    assert [e["kind"] for e in data["events"]].count("ranking_given") == 3
    folder = export(store.path, tmp_path / "csv", "csv")
    assert (folder / "report_ranking_1.csv").read_text("utf-8-sig").splitlines() == [
        "Rank,Moment,Points,First places,Ranked by", "1,M2 Queue,7,1,3", "2,M1 Door,6,1,3",
        "3,M4 Parking,3,1,1", "4,M3 Checkout,1,0,1"]

    doc = Document(export(store.path, tmp_path / "r.docx"))
    paragraphs = [p.text for p in doc.paragraphs]
    votes = paragraphs.index("Priorities from the votes")
    assert paragraphs.index("Ranking 1: moments of truth") > votes
    assert "3 of 3 participants put their top 3 of the options in order." in "\n".join(paragraphs)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Rank")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Rank", "Moment", "Points", "First places", "Ranked by"],
        ["1", "M2 Queue", "7", "1", "3"], ["2", "M1 Door", "6", "1", "3"],
        ["3", "M4 Parking", "3", "1", "1"], ["4", "M3 Checkout", "1", "0", "1"]]


@pytest.mark.parametrize("lang, heading, words, header", [
    ("es", "Clasificación 1: momentos de la verdad",
     "3 de 3 participantes ordenaron sus opciones preferidas, hasta el puesto 3. Recuento de "
     "Borda: con 4 "
     "opciones, el puesto r suma 4 − r puntos (un primer puesto, 3); una opción que queda "
     "fuera no suma ninguno.",
     ["Puesto", "Momento", "Puntos", "Primeros puestos", "Ordenada por"]),
    ("pt_BR", "Ranking 1: momentos da verdade",
     "3 de 3 participantes ordenaram as suas opções preferidas, até a posição 3. Contagem de "
     "Borda: "
     "com 4 opções, a posição r vale 4 − r pontos (um primeiro lugar, 3); uma opção deixada "
     "de fora não vale nenhum.",
     ["Posição", "Momento", "Pontos", "Primeiros lugares", "Ordenada por"]),
])
def test_the_report_speaks_every_language(tmp_path, lang, heading, words, header):
    store, kid, mids = _session(tmp_path, lang=lang)
    _hand_worked(store, kid, mids)
    store.close()
    doc = Document(export(store.path, tmp_path / "r.docx", lang=lang))
    paragraphs = [p.text for p in doc.paragraphs]
    assert heading in paragraphs and words in paragraphs
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == header[0])
    assert [c.text for c in table.rows[0].cells] == header
    assert [c.text for c in table.rows[1].cells][2:] == ["7", "1", "3"]


def test_a_script_step_reads_its_options_and_says_what_it_does_not_know(tmp_path):
    from workshop.core.scripts import ScriptError, parse_script

    text = ("---\ntitle: T\nlanguage: en\n---\n\n## Map {kind=moments minutes=5}\n\n"
            "## Rank {kind=ranking minutes=5 top=5 target=ideas}\n\n"
            "## Again {kind=ranking minutes=5}\n")
    script = parse_script(text, file="t.md")
    assert [s.options for s in script.steps[1:]] == [{"target": "ideas", "top": 5},
                                                     {"target": "moments", "top": 3}]
    with pytest.raises(ScriptError) as refused:
        parse_script(text.replace("top=5", "places=5"), file="t.md")
    assert "Unknown option “places” for a ranking step: use target, top." in str(refused.value)


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_one_of_one_is_said_in_the_singular(lang):
    """"1 of 1 participants" in a ranking's rules, "1 of 1 dots" in a figure: the noun
    follows the number that counts it."""
    from types import SimpleNamespace

    from workshop.core.analysis import FigureValue, figure_text
    from workshop.core.kinds.ranking import rules_line
    from workshop.i18n import translator

    tr = translator(lang)
    one = rules_line(tr, SimpleNamespace(rankers=1, top=1, n=1), 1)
    many = rules_line(tr, SimpleNamespace(rankers=2, top=3, n=4), 3)
    importance = figure_text(FigureValue("importance", 1, 1, 1.0, 1, 1), "Queue", tr)
    ideas = figure_text(FigureValue("idea_dots", 1, 1, 1.0, 1, 1), "Till", tr)
    said = {
        "en": ("1 of 1 participant put", "with 1 option,", "2 of 3 participants put",
               "with 4 options,", "(1 of 1 dot)", "1 of 1 dot in the vote"),
        "es": ("1 de 1 participante ordenó", "con 1 opción,", "2 de 3 participantes ordenaron",
               "con 4 opciones,", "(1 de 1 punto)", "1 de 1 punto en la votación"),
        "pt_BR": ("1 de 1 participante ordenou", "com 1 opção,",
                  "2 de 3 participantes ordenaram", "com 4 opções,", "(1 de 1 ponto)",
                  "1 de 1 ponto na votação")}[lang]
    assert said[0] in one and said[1] in one and said[2] in many and said[3] in many
    assert said[4] in importance and said[5] in ideas
    two = figure_text(FigureValue("importance", 1, 1, 0.5, 1, 2), "Queue", tr)
    assert {"en": "(1 of 2 dots)", "es": "(1 de 2 puntos)", "pt_BR": "(1 de 2 pontos)"}[lang] in two
