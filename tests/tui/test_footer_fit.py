"""Which keys the footer keeps when the line is short (``fit``, no terminal needed)."""

from __future__ import annotations

from workshop.tui.widgets.footer import fit

# The run screen's keys at 80 columns in Spanish (compact: one space after each key; the
# palette's key, "▏Ctrl+P Comandos", leaves 64 columns): (with label, key alone, space
# after, kept).
HELP = (len("F1 Ayuda"), len("F1"), 1, True)
NEXT = (len("F8 Paso siguiente"), len("F8"), 1, True)
CARD = (len("F6 Tarjeta"), len("F6"), 1, False)
NOTE = (len("F2 Nota"), len("F2"), 1, False)
TIMER = (len("F5 Cronómetro"), len("F5"), 1, True)
UNDO = (len("Ctrl+Z Deshacer"), len("Ctrl+Z"), 1, True)


def test_everything_fits_with_its_label():
    assert fit([HELP, NEXT, NOTE, TIMER, UNDO], 64) == [(i, True) for i in range(5)]


def test_the_space_after_the_last_key_may_run_under_the_palettes_key():
    # 8+1 + 17+1 + 7+1 + 13+1 + 15 = 64 columns: the last key ends at the palette's.
    assert fit([HELP, NEXT, NOTE, TIMER, UNDO], 64) == [(i, True) for i in range(5)]
    assert fit([HELP, NEXT, NOTE, TIMER, UNDO], 63) == [(0, True), (1, True), (3, True),
                                                         (4, True)]


def test_keys_not_kept_go_first_the_last_first_and_one_comes_back_where_it_fits():
    # The clock (kept) stays; the card and the note go, the note first; the note comes
    # back once the wider card is out.
    assert fit([HELP, NEXT, CARD, NOTE, TIMER, UNDO], 64) == [
        (0, True), (1, True), (3, True), (4, True), (5, True)]
    assert fit([HELP, NEXT, CARD, NOTE, TIMER, UNDO], 56) == [
        (0, True), (1, True), (4, True), (5, True)]


def test_kept_keys_too_wide_lose_their_labels_the_last_first_never_a_key_cut():
    # At 56 columns (40 left): help and the way on keep their labels, the clock and undo
    # are drawn as their keys alone, whole.
    assert fit([HELP, NEXT, CARD, NOTE, TIMER, UNDO], 40) == [
        (0, True), (1, True), (4, False), (5, False)]
    # Undo alone saves enough at 50 columns: the clock keeps its label.
    assert fit([HELP, NEXT, TIMER, UNDO], 50) == [(0, True), (1, True), (2, True),
                                                  (3, False)]
    # Narrower still: keys alone, then whole keys left out, the last first.
    assert fit([HELP, NEXT, TIMER, UNDO], 8) == [(0, False), (1, False), (2, False)]
    assert fit([HELP, NEXT, TIMER, UNDO], 1) == []
