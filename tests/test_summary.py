"""workshop show: the plain summary's votes (ranked, ties shared, hidden until revealed)
and priorities, from the hand-worked example of test_analysis (analysis_fixtures.py)."""

from __future__ import annotations

from rich.console import Console

from analysis_fixtures import EXPECTED, IDEAS, MOMENT_VOTE, MOMENTS, RATINGS, REVEAL, build
from workshop.core.summary import plain_summary
from workshop.i18n import set_language
from workshop.tui.widgets.agenda import Agenda


def test_votes_are_ranked_with_ties_and_priorities_follow():
    text = plain_summary(build(*MOMENTS, *RATINGS, *EXPECTED, *IDEAS, *MOMENT_VOTE, *REVEAL))
    assert ("Vote 1 on moments: 9 dots cast by 3 of 4 participants (3 each, at most 2 per "
            "item)") in text
    votes = text.split("Vote 1 on moments")[1].splitlines()[1:5]
    assert votes == ["   1.   4  Checkout queue", "   2.   3  Staff help",
                     "   3.   1  Parking", "   3.   1  Receipt"]
    # test_analysis's hand-worked gaps: 4/9 · 2.5 = 1.11 and 1/9 · 4/3 = 0.15
    assert ("  1.11  Checkout queue: Concentrate here (performance 2.0, expectation 4.5, "
            "gap −2.5)") in text
    assert "  0.15  Parking: Low priority (performance 1.5, expectation 2.7, gap −1.3)" in text
    assert "Staff help: Keep" not in text  # no shortfall, no priority
    # Both ratings named (E 5, 4, 5, 4; P 2, 1, 3, 2), the stated and latent counted apart.
    assert ("Checkout queue (expected 4.5, performance 2.0, stated 0, latent 0, ideas 2)"
            in text)


def test_the_best_of_poor_ratings_is_not_simply_kept_up():
    """One moment rated (performance 1.5) sits on the group's means, in "Keep up the good
    work": the summary says it is still below the midpoint, as the report does."""
    one = [("vote_opened", {"rid": 1, "target": "moments", "dots": 3, "cap": 2,
                            "blind": False}),
           ("vote_cast", {"rid": 1, "pid": 1, "item": 1, "delta": 2})]
    text = plain_summary(build(MOMENTS[0], *RATINGS[:4], *EXPECTED[:3], *one))
    assert ("Parking: Keep up the good work, though still below the midpoint (performance "
            "1.5, expectation 2.7, gap −1.3)") in text


def test_a_session_without_expectation_ratings_says_the_gap_was_not_measured():
    text = plain_summary(build(*MOMENTS, *RATINGS, *IDEAS, *MOMENT_VOTE, *REVEAL))
    assert "Priorities" not in text
    assert "Expectation was not measured in this session" in text


def test_a_hidden_vote_shows_no_results_and_no_priorities():
    text = plain_summary(build(*MOMENTS, *RATINGS, *MOMENT_VOTE))
    assert "9 dots cast by 3 of 4 participants" in text
    assert "(hidden until revealed)" in text
    assert "Checkout queue\n" not in text and "  4  Checkout" not in text
    assert "Priorities" not in text


def test_spanish_summary_uses_decimal_commas():
    set_language("es")
    try:
        text = plain_summary(build(*MOMENTS, *RATINGS, *EXPECTED, *MOMENT_VOTE, *REVEAL))
    finally:
        set_language("en")
    assert "Votación 1 sobre momentos: 9 puntos emitidos por 3 de 4 participantes" in text
    assert ("  1,11  Checkout queue: Concentrarse aquí (desempeño 2,0, expectativa 4,5, "
            "brecha −2,5)") in text


def test_the_board_writes_both_ratings_and_their_means_the_languages_way():
    """`workshop replay --at` under each moment: the expected levels, then the
    performance, each named (one line of 'ratings' was the performance alone)."""
    from workshop.core.board import board_details

    state = build(*MOMENTS, *RATINGS, *EXPECTED)  # Parking: E 3, 3, 2; P 1, 2, 1, 2
    for lang, lines in [
            ("en", ["   - expected: P1 3, P2 3, P3 2 (mean 2.7)",
                    "   - performance: P1 1, P2 2, P3 1, P4 2 (mean 1.5)"]),
            ("es", ["   - esperado: P1 3, P2 3, P3 2 (media 2,7)",
                    "   - desempeño: P1 1, P2 2, P3 1, P4 2 (media 1,5)"]),
            ("pt_BR", ["   - esperado: P1 3, P2 3, P3 2 (média 2,7)",
                       "   - desempenho: P1 1, P2 2, P3 1, P4 2 (média 1,5)"])]:
        set_language(lang)
        try:
            board = board_details(state).splitlines()
        finally:
            set_language("en")
        first = board.index(lines[0])
        assert board[first + 1] == lines[1]


def test_a_vote_of_one_dot_reads_in_the_singular():
    """'1 dots cast': the vote's line and the note on importance through ngettext."""
    one_dot = [MOMENT_VOTE[0], ("vote_cast", {"rid": 1, "pid": 1, "item": 2, "delta": 1}),
               *REVEAL]
    state = build(*MOMENTS, *RATINGS, *EXPECTED, *one_dot)
    text = plain_summary(state)
    assert "Vote 1 on moments: 1 dot cast by 1 of 4 participants (3 each, at most 2 per " \
           "item)" in text
    assert "Importance: each moment's share of the 1 dot in vote 1 (1 voter)." in text
    set_language("pt_BR")
    try:
        text = plain_summary(state)
    finally:
        set_language("en")
    assert "Votação 1 sobre momentos: 1 ponto dado por 1 de 4 participantes" in text


def test_a_step_planned_for_a_fraction_of_minutes_reads_the_languages_way():
    """'7.5' in the English outline, '7,5' in Spanish and Portuguese: the planned minutes
    of a step as the agenda, the palette and `workshop show` write them."""
    script = {"name": "x", "title": "X", "dots": 3, "steps": [
        {"title": "Warm-up", "kind": "discussion", "minutes": 7.5}]}
    for lang, planned in [("en", "7.5"), ("es", "7,5"), ("pt_BR", "7,5")]:
        set_language(lang)
        try:
            state = build(script=script)
            text = plain_summary(state)
            agenda = Agenda()
            agenda.show(state, state.last_at)
        finally:
            set_language("en")
        assert f" > 1. Warm-up  {planned} / 0\n" in text, text
        console = Console(width=40, record=True)
        console.print(agenda.content)
        assert console.export_text().split()[-1] == f"0/{planned}"
