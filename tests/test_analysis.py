"""Analysis against examples worked by hand (the arithmetic is in the comments).

The example, with what it holds, is in analysis_fixtures.py.
"""

from __future__ import annotations

import math

import pytest

from analysis_fixtures import (
    EXPECTED,
    IDEAS,
    MOMENT_VOTE,
    MOMENTS,
    OTHER,
    RATINGS,
    REVEAL,
    SCRIPT,
    build,
)
from workshop.core import analysis as a
from workshop.core.tally import item_dots
from workshop.i18n import translator


@pytest.fixture
def example():
    return build(*MOMENTS, *RATINGS, *IDEAS, *OTHER, *MOMENT_VOTE, *REVEAL)


@pytest.fixture
def measured():
    return build(*MOMENTS, *RATINGS, *EXPECTED, *IDEAS, *OTHER, *MOMENT_VOTE, *REVEAL)


# ---- helpers on plain numbers --------------------------------------------------------


def test_competition_ranks_share_a_rank_and_skip_the_next():
    assert a.competition_ranks([5, 5, 2]) == [1, 1, 3]
    assert a.competition_ranks([1, 4, 3, 1]) == [3, 1, 2, 3]
    assert a.competition_ranks([0, 0]) == [1, 1] and a.competition_ranks([]) == []


def test_borda_points_are_n_minus_rank():
    # 4 items ranked 1, 2, 3, 3 -> 3, 2, 1, 1 points.
    assert [a.borda_points(r, 4) for r in (1, 2, 3, 3)] == [3, 2, 1, 1]


def test_mean_and_sample_spread():
    # 2, 1, 3, 2: mean 8/4 = 2; squares 0 + 1 + 1 + 0 = 2; 2/(4−1) = 0.667; √ = 0.8165
    mean, sd = a.mean_and_spread([2, 1, 3, 2])
    assert mean == 2 and sd == pytest.approx(math.sqrt(2 / 3))
    assert a.mean_and_spread([5]) == (5, None) and a.mean_and_spread([]) == (None, None)


def test_paired_differences_skip_whoever_gave_one_rating():
    # P1 2−5 = −3, P2 has no E, P3 3−5 = −2, P4 has no P: mean −2.5 from 2 pairs.
    assert a.paired_differences({1: 2, 2: 1, 3: 3}, {1: 5, 3: 5, 4: 4}) == [-3, -2]
    assert a.paired_differences({1: 2}, {}) == []


def test_weighted_priority_is_importance_times_the_shortfall():
    # I = 4/9, gap −2.5: 4/9 · 2.5 = 10/9; a moment that beats its expectation scores 0.
    assert a.weighted_priority(4 / 9, -2.5) == pytest.approx(10 / 9)
    assert a.weighted_priority(0.5, 1.0) == 0
    assert a.weighted_priority(None, -1) is None and a.weighted_priority(0.5, None) is None


def test_quadrants_and_ties_at_the_mean():
    assert a.quadrant(2, 1, 1, 3) == a.CONCENTRATE
    assert a.quadrant(2, 4, 1, 3) == a.KEEP
    assert a.quadrant(0, 1, 1, 3) == a.LOW
    assert a.quadrant(0, 4, 1, 3) == a.OVERKILL
    assert a.quadrant(1, 3, 1, 3) == a.KEEP  # at the mean counts as high, on both axes
    assert a.quadrant(1, 2.9, 1, 3) == a.CONCENTRATE


def test_quadrant_labels_are_methods_words_in_both_languages():
    assert [a.quadrant_label(q) for q in a.QUADRANTS] == [
        "Concentrate here", "Keep up the good work", "Low priority", "Possible overkill"]
    es = translator("es")
    assert [a.quadrant_label(q, es) for q in a.QUADRANTS] == [
        "Concentrarse aquí", "Mantener el buen trabajo", "Baja prioridad", "Posible exceso"]
    assert a.quadrant_label(a.OVERKILL, below_midpoint=True) == (
        "Possible overkill, though still below the midpoint")
    assert a.quadrant_label(a.OVERKILL, es, below_midpoint=True) == (
        "Posible exceso, aunque sigue por debajo del punto medio")


# ---- the example ---------------------------------------------------------------------


def test_tally_of_the_moment_vote(example):
    # S: M1 1 (P2), M2 2 + 2 = 4, M3 1 + 2 = 3, M4 1. Cast 9 dots, 3 voters (P4 none).
    # Ranks: M2 1, M3 2, M1 and M4 tie at 3 (journey order within the tie).
    # Borda among 4: 3, 2, 1, 1. Shares 4/9, 3/9, 1/9, 1/9.
    tally = a.tally(example, 1)
    assert (tally.voters, tally.cast, tally.revealed, tally.hidden) == (3, 9, True, False)
    rows = [(r.item, r.dots, r.rank, r.borda, r.voters) for r in tally.rows]
    assert rows == [(2, 4, 1, 3, 2), (3, 3, 2, 2, 2), (1, 1, 3, 1, 1), (4, 1, 3, 1, 1)]
    assert [r.share for r in tally.rows] == pytest.approx([4 / 9, 3 / 9, 1 / 9, 1 / 9])
    # S_j as an open vote's panel shows it beside each item (items without dots left out).
    assert item_dots(example, 1) == {1: 1, 2: 4, 3: 3, 4: 1}


def test_tally_of_a_hidden_vote_says_so():
    hidden = build(*MOMENTS, *MOMENT_VOTE)
    assert a.tally(hidden, 1).hidden and not a.tally(hidden, 1).revealed


def test_tally_of_an_idea_vote_ranks_1_1_3():
    # Ideas vote, 2 dots each: P1 I1 1, I3 1; P2 I2 2; P3 I3 1, I4 1.
    # S: I1 1, I2 2, I3 1 + 1 = 2, I4 1 -> ranks I2 1, I3 1, I1 3, I4 3;
    # within a tie, journey order of the idea's moment: I2 (M2) before I3 (M3),
    # I4 (M1) before I1 (M2).
    state = build(*MOMENTS, *IDEAS, *IDEA_VOTE)
    tally = a.tally(state, 2)
    assert [(r.item, r.mid, r.dots, r.rank) for r in tally.rows] == [
        (2, 2, 2, 1), (3, 3, 2, 1), (4, 1, 1, 3), (1, 2, 1, 3)]
    assert a.tallies(state) == [tally]
    assert item_dots(state, 2) == {1: 1, 2: 2, 3: 2, 4: 1}


def test_performance_per_moment(example):
    # M1: 1, 2, 1, 2 -> mean 6/4 = 1.5; squares .25·4 = 1; 1/3; sd √(1/3) = 0.577; 1–2
    # M2: 2, 1, 3, 2 -> mean 2.0; sd √(2/3) = 0.816; 1–3
    # M3: 4, 5 -> mean 4.5; squares .25 + .25 = .5; .5/1; sd √.5 = 0.707; 4–5
    # M4: 5 -> mean 5, no spread from one rating
    perf = a.performances(example)
    assert [(p.mid, p.count, p.mean, p.low, p.high) for p in perf.values()] == [
        (1, 4, 1.5, 1, 2), (2, 4, 2.0, 1, 3), (3, 2, 4.5, 4, 5), (4, 1, 5.0, 5, 5)]
    assert [p.spread for p in perf.values()] == pytest.approx(
        [math.sqrt(1 / 3), math.sqrt(2 / 3), math.sqrt(0.5), None])
    empty = a.performance(build(*MOMENTS), 1)
    assert (empty.count, empty.mean, empty.spread, empty.low) == (0, None, None, None)


def test_importance_is_the_share_of_the_dots_in_the_moment_vote(example):
    # 9 dots cast by 3 voters: I = S / 9 = M1 1/9, M2 4/9, M3 3/9, M4 1/9. max S = 4.
    imp = a.importance(example)
    assert (imp.rid, imp.target, imp.voters, imp.cast, imp.most) == (1, "moments", 3, 9, 4)
    assert imp.dots == {1: 1, 2: 4, 3: 3, 4: 1}
    assert imp.share == pytest.approx({1: 1 / 9, 2: 4 / 9, 3: 3 / 9, 4: 1 / 9})


def test_a_blind_vote_counts_only_once_revealed():
    hidden = build(*MOMENTS, *MOMENT_VOTE)
    assert a.importance(hidden) is None
    assert a.importance(hidden, include_hidden=True).dots == {1: 1, 2: 4, 3: 3, 4: 1}
    table = a.gap_table(hidden)
    assert table.source is None and {r.quadrant for r in table.rows} == {None}


IDEA_VOTE = [("vote_opened", {"rid": 2, "target": "ideas", "dots": 2, "blind": False})]
IDEA_VOTE += [("vote_cast", {"rid": 2, "pid": p, "item": i, "delta": d}) for p, i, d in [
    (1, 1, 1), (1, 3, 1), (2, 2, 2), (3, 3, 1), (3, 4, 1)]]


def test_importance_from_an_idea_vote_sums_ideas_onto_their_moment():
    # Ideas: I1 (M2) 1, I2 (M2) 2, I3 (M3) 2, I4 (M1) 1; 6 dots from 3 voters.
    # S: M1 = 1, M2 = 1 + 2 = 3, M3 = 2, M4 = 0. I = S/6: 1/6, 1/2, 1/3, 0.
    state = build(*MOMENTS, *RATINGS, *IDEAS, *IDEA_VOTE)  # not blind: counts at once
    imp = a.importance(state)
    assert (imp.rid, imp.target, imp.voters, imp.cast, imp.most) == (2, "ideas", 3, 6, 3)
    assert imp.dots == {1: 1, 2: 3, 3: 2, 4: 0}
    table = a.gap_table(state)
    assert [r.importance for r in table.rows] == pytest.approx([1 / 6, 1 / 2, 1 / 3, 0])
    assert {r.expectation for r in table.rows} == {None}  # dots are never an expectation


def test_a_vote_on_moments_wins_over_one_on_ideas():
    state = build(*MOMENTS, *RATINGS, *IDEAS, *MOMENT_VOTE, *REVEAL, *IDEA_VOTE)
    assert a.importance(state).rid == 1


def test_expectation_is_the_mean_of_the_expectation_ratings(measured):
    # M1: 3, 3, 2 -> 8/3 = 2.667, n 3; M2: 5, 4, 5, 4 -> 4.5, n 4, sd √(1/3) = 0.577;
    # M3: 4, 5 -> 4.5, n 2; M4: none.
    exp = a.expectations(measured)
    assert [(e.mid, e.count, e.low, e.high) for e in exp.values()] == [
        (1, 3, 2, 3), (2, 4, 4, 5), (3, 2, 4, 5), (4, 0, None, None)]
    assert [e.mean for e in exp.values()] == pytest.approx([8 / 3, 4.5, 4.5, None])
    assert exp[2].spread == pytest.approx(math.sqrt(1 / 3))
    # Performance is not touched by the other scale.
    assert [p.mean for p in a.performances(measured).values()] == [1.5, 2.0, 4.5, 5.0]


def test_gap_table_worked_by_hand(measured):
    # Paired gaps P − E (only participants with both ratings):
    #   M1: P1 1−3 = −2, P2 2−3 = −1, P3 1−2 = −1 (P4 gave no E) -> −4/3, n 3
    #   M2: −3, −3, −2, −2 -> −2.5, n 4
    #   M3: only P1 has both: 4 − 4 = 0, n 1 (P2 has P only, P3 E only)
    #   M4: P3 gave P only, nobody E: no gap, "no pairs" (the session has E ratings)
    # I = S/9: 1/9, 4/9, 3/9, 1/9. priority = I·max(0, −gap): 4/27, 10/9, 0, none.
    # Cross-hairs at the means: I (1+4+3+1)/9/4 = 0.25; P (1.5+2+4.5+5)/4 = 3.25.
    # M1 low I, low P: Low priority      M2 high I, low P: Concentrate here
    # M3 high I, high P: Keep             M4 low I, high P (5, above 3): Possible overkill
    table = a.gap_table(measured)
    assert (table.crosshairs, table.measured) == ("data", True)
    assert (table.cross_importance, table.cross_performance) == pytest.approx((0.25, 3.25))
    rows = table.rows
    assert [(r.mid, r.position, r.text, r.stage, r.touchpoint) for r in rows] == [
        (1, 1, "Parking", "before", "indirect"), (2, 2, "Checkout queue", "during", "direct"),
        (3, 3, "Staff help", "during", None), (4, 4, "Receipt", "after", None)]
    assert [r.dots for r in rows] == [1, 4, 3, 1]
    assert [r.importance for r in rows] == pytest.approx([1 / 9, 4 / 9, 3 / 9, 1 / 9])
    assert [(r.ratings, r.expectation_ratings, r.gap_n) for r in rows] == [
        (4, 3, 3), (4, 4, 4), (2, 2, 1), (1, 0, 0)]
    assert [r.expectation for r in rows] == pytest.approx([8 / 3, 4.5, 4.5, None])
    assert [r.gap for r in rows] == pytest.approx([-4 / 3, -2.5, 0, None])
    assert [r.gap_reason for r in rows] == [None, None, None, a.NO_PAIRS]
    assert [r.priority for r in rows] == pytest.approx([4 / 27, 10 / 9, 0, None])
    assert [r.quadrant for r in rows] == [a.LOW, a.CONCENTRATE, a.KEEP, a.OVERKILL]
    assert [r.below_midpoint for r in rows] == [True, True, False, False]
    assert rows[3].quadrant_label() == "Possible overkill"
    assert [r.mid for r in table.by_priority()] == [2, 1]
    assert [r.mid for r in table.by_importance()] == [2, 3, 1, 4]


def test_a_session_without_expectation_ratings_has_no_gap(example):
    # A file recorded before expectation was measured: importance and performance stand,
    # expectation and the gap are "not measured", never read off the dots.
    table = a.gap_table(example)
    assert not table.measured
    assert {(r.expectation, r.gap, r.priority, r.gap_n) for r in table.rows} == {
        (None, None, None, 0)}
    assert {r.gap_reason for r in table.rows} == {a.NOT_MEASURED}
    assert [r.quadrant for r in table.rows] == [a.LOW, a.CONCENTRATE, a.KEEP, a.OVERKILL]
    assert table.by_priority() == []
    assert a.gap_reason_text(a.NOT_MEASURED) == (
        "not measured: no expectation ratings in this session")
    assert "not measured" in a.expectation_note(False)
    assert a.expectation_note(False, translator("es")).startswith("La expectativa no se midió")


# Performance all below the midpoint: M1 2.5, M2 1.5, M3 2.5, M4 2.0.
LOW_MARKS = [("rating_given", {"mid": m, "pid": p, "value": v}) for m, p, v in [
    (1, 1, 2), (1, 2, 3), (2, 1, 1), (2, 2, 2), (3, 1, 3), (3, 2, 2), (4, 1, 2), (4, 2, 2)]]


def test_crosshairs_at_the_group_means_flag_overkill_below_the_midpoint():
    # Shares 1/9, 4/9, 3/9, 1/9 -> cross I 0.25; cross P (2.5+1.5+2.5+2)/4 = 2.125.
    # M1: low I, P 2.5 ≥ 2.125 -> overkill, yet 2.5 is below the midpoint 3.
    table = a.gap_table(build(*MOMENTS, *LOW_MARKS, *MOMENT_VOTE, *REVEAL))
    assert table.crosshairs == "data"
    assert (table.cross_importance, table.cross_performance) == pytest.approx((0.25, 2.125))
    assert [r.quadrant for r in table.rows] == [a.OVERKILL, a.CONCENTRATE, a.KEEP, a.LOW]
    assert table.rows[0].below_midpoint
    assert table.rows[0].quadrant_label() == "Possible overkill, though still below the midpoint"
    assert table.rows[0].quadrant_label(translator("es")) == (
        "Posible exceso, aunque sigue por debajo del punto medio")


def test_crosshairs_on_the_scale_from_the_script_or_the_gaps_step():
    # Cross-hairs at P = 3 and I = 1/4 (four moments): M1 (1/9, 2.5) low/low, M2
    # (4/9, 1.5) concentrate, M3 (3/9, 2.5) concentrate, M4 (1/9, 2.0) low.
    scale = [a.LOW, a.CONCENTRATE, a.CONCENTRATE, a.LOW]
    events = (*MOMENTS, *LOW_MARKS, *MOMENT_VOTE, *REVEAL)
    table = a.gap_table(build(*events), crosshairs="scale")
    assert (table.crosshairs, table.cross_importance, table.cross_performance) == (
        "scale", 0.25, 3.0)
    assert [r.quadrant for r in table.rows] == scale
    for script in ({**SCRIPT, "crosshairs": "scale"},
                   {**SCRIPT, "steps": [*SCRIPT["steps"], {
                       "title": "Gaps", "kind": "gaps", "minutes": 5,
                       "options": {"crosshairs": "scale"}}]}):
        state = build(*events, script=script)
        assert a.crosshairs_choice(state) == "scale"
        assert [r.quadrant for r in a.gap_table(state).rows] == scale
    # The gaps step wins over the front matter; a session without either: the means.
    both = {**SCRIPT, "crosshairs": "scale", "steps": [{"title": "Gaps", "kind": "gaps",
                                                         "minutes": 5,
                                                         "options": {"crosshairs": "data"}}]}
    assert a.crosshairs_choice(build(*events, script=both)) == "data"
    assert a.crosshairs_choice(build(*events)) == "data"
    assert "midpoint 3" in a.crosshairs_label("scale")
    assert "means" in a.crosshairs_label("data")


def test_gap_table_follows_the_journey_and_skips_unrated_moments(measured):
    # Move Receipt first and add an unrated moment: the cross-hairs ignore it.
    state = build(*MOMENTS, *RATINGS, *EXPECTED, *MOMENT_VOTE, *REVEAL,
                  ("moment_moved", {"mid": 4, "index": 0}),
                  ("moment_added", {"mid": 5, "text": "Leaving the car park"}))
    table = a.gap_table(state)
    assert [(r.mid, r.position) for r in table.rows] == [(4, 1), (1, 2), (2, 3), (3, 4), (5, 5)]
    unrated = table.rows[-1]
    assert (unrated.performance, unrated.gap, unrated.quadrant, unrated.priority) == (
        None, None, None, None)
    assert (unrated.dots, unrated.importance, unrated.expectation, unrated.gap_reason) == (
        0, 0, None, a.NO_PAIRS)
    assert table.cross_performance == pytest.approx(3.25)


def test_gap_table_without_any_vote_has_performance_and_gap_only(measured):
    table = a.gap_table(build(*MOMENTS, *RATINGS, *EXPECTED))
    assert table.source is None and table.cross_importance is None
    assert [r.performance for r in table.rows] == [1.5, 2.0, 4.5, 5.0]
    assert [r.gap for r in table.rows] == pytest.approx([-4 / 3, -2.5, 0, None])
    assert {(r.importance, r.quadrant, r.priority) for r in table.rows} == {(None, None, None)}
    assert table.by_priority() == []


def test_importance_note_explains_the_source(example):
    assert a.importance_note(a.importance(example)) == (
        "Importance: each moment's share of the 9 dots in vote 1 (3 voters).")
    assert "revealed vote" in a.importance_note(None)
    assert a.importance_note(None, translator("es")).startswith("Aún no cuenta")


def test_importance_note_of_one_dot_reads_in_the_singular():
    """'the 1 dots in vote 1 (1 voters)': each count through ngettext."""
    one = a.importance(build(*MOMENTS, MOMENT_VOTE[0],
                             ("vote_cast", {"rid": 1, "pid": 1, "item": 2, "delta": 1}),
                             *REVEAL))
    assert one is not None and (one.cast, one.voters) == (1, 1)
    said = {lang: a.importance_note(one, translator(lang)) for lang in ("en", "es", "pt_BR")}
    assert said == {
        "en": "Importance: each moment's share of the 1 dot in vote 1 (1 voter).",
        "es": "Importancia: la parte del 1 punto de la votación 1 que recibió cada momento "
              "(1 votante).",
        "pt_BR": "Importância: a parte do 1 ponto da votação 1 que cada momento recebeu "
                 "(1 votante)."}


def test_figures_of_a_finding_read_the_analysis(measured):
    table = a.gap_table(measured)
    gap = a.figure(measured, "gap", 2, table=table)
    assert (gap.mid, gap.value, gap.n) == (2, -2.5, 4)
    assert a.figure_text(gap, "Checkout queue") == "Checkout queue: gap \u22122.5 (n = 4)"
    imp = a.figure(measured, "importance", 2)
    assert (imp.value, imp.n, imp.total) == (pytest.approx(4 / 9), 4, 9)
    assert a.figure_text(imp, "Checkout queue") == (
        "Checkout queue: importance 44% (4 of 9 dots)")
    exp = a.figure(measured, "expectation", 1)
    assert a.figure_text(exp, "Parking") == "Parking: expectation 2.7 of 5 (n = 3)"
    missing = a.figure(measured, "gap", 4)
    assert missing.value is None and missing.reason == a.NO_PAIRS
    assert a.figure_text(missing, "Receipt") == (
        "Receipt: gap (no gap: nobody rated this moment on both scales)")
    es = translator("es")
    assert a.figure_text(gap, "Cola", es, lambda v, d: f"{v:.{d}f}".replace(".", ",")) == (
        "Cola: brecha -2,5 (n = 4)")
    # A gap is signed as the screen and the report sign it: "+" above zero, none on a zero
    # the rounding made.
    from dataclasses import replace

    assert a.figure_text(replace(gap, value=1.6), "Q") == "Q: gap +1.6 (n = 4)"
    assert a.figure_text(replace(gap, value=0.04), "Q") == "Q: gap 0.0 (n = 4)"


def test_figures_of_ideas_come_from_the_vote_on_ideas():
    state = build(*MOMENTS, *IDEAS, *IDEA_VOTE)
    fig = a.figure(state, "idea_dots", 3)
    assert (fig.mid, fig.value, fig.n, fig.total) == (3, 2.0, 2, 6)
    assert a.figure_text(fig, "Staff with tablets") == (
        "Staff with tablets: 2 of 6 dots in the vote on ideas")
    assert a.figure(build(*MOMENTS, *IDEAS), "idea_dots", 3).value is None


def test_participation_balance(example):
    # moments: P1 M1 + M3 = 2, P2 M2 = 1 (M4 is the group's)
    # expectations: P3 1, P1 1; ideas: P1 1, P2 1, P3 1 (I4 is the group's)
    # ratings: P1 3, P2 3, P3 3, P4 2; notes: P2's quote (the note is the group's)
    # spoken (ratings apart): P1 2+1+1+0 = 4, P2 1+0+1+1 = 3, P3 0+1+1+0 = 2, P4 0
    # all 9, mean 2.25, half 1.125: P4 (0) is quiet, although P4 gave two ratings.
    # dots cast: P1 3, P2 3, P3 3, P4 0.
    rows = a.participation(example)
    assert [(r.pid, r.moments, r.expectations, r.ratings, r.ideas, r.notes, r.spoken)
            for r in rows] == [(1, 2, 1, 3, 1, 0, 4), (2, 1, 0, 3, 1, 1, 3),
                               (3, 0, 1, 3, 1, 0, 2), (4, 0, 0, 2, 0, 0, 0)]
    assert [r.share for r in rows] == pytest.approx([4 / 9, 3 / 9, 2 / 9, 0])
    assert [r.quiet for r in rows] == [False, False, False, True]
    assert [r.dots for r in rows] == [3, 3, 3, 0]


def test_ratings_and_dots_never_make_a_silent_participant_look_even():
    # Two speak, two only rate and vote: as many entries each, but two are quiet.
    events = [("moment_added", {"mid": 1, "text": "Queue", "pid": 1}),
              ("moment_added", {"mid": 2, "text": "Parking", "pid": 2}),
              ("idea_added", {"iid": 1, "mid": 1, "text": "More tills", "pid": 1}),
              ("note_added", {"nid": 1, "text": "Always the slow one", "type": "quote",
                              "pid": 2})]
    for pid in (1, 2, 3, 4):
        for mid in (1, 2):
            events.append(("rating_given", {"mid": mid, "pid": pid, "value": 3}))
    for pid in (3, 4):
        for mid in (1, 2):
            events.append(("rating_given", {"mid": mid, "pid": pid, "value": 4,
                                            "scale": "expectation"}))
    rows = a.participation(build(*events))
    assert [(r.spoken, r.ratings) for r in rows] == [(2, 2), (2, 2), (0, 4), (0, 4)]
    assert [r.pid for r in rows if r.quiet] == [3, 4]


def test_participation_before_anyone_spoke():
    rows = a.participation(build())
    assert [(r.spoken, r.share, r.quiet) for r in rows] == [(0, None, False)] * 4


def test_expectation_ratings_count_as_participation(measured):
    # On top of their performance ratings (3, 3, 3, 2), the E ratings: P1 3, P2 2, P3 3, P4 1.
    assert [r.ratings for r in a.participation(measured)] == [6, 5, 6, 3]
