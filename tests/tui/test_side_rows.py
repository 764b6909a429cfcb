"""The agenda's and participants' rows (widgets/rows.py) are drawn cell for cell, style
for style, as Rich's grid drew them: any text, any width, the narrow and wide side
columns, the current step's reversed row, a cut title, wide and combining characters."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from workshop.tui.widgets.rows import Rows

STYLES = st.sampled_from(["", "dim", "reverse bold", "bold yellow", "bold red"])
WORDS = st.sampled_from(["Welcome", "Pagar en caja", "日本語", "e\u0301", "😀", "✓", "a",
                         "x" * 40, " lead", "tail ", "", "Moments of truth"])
TEXT = st.builds(" ".join, st.lists(WORDS, max_size=4))
FIGURES = st.sampled_from(["0/5", "≈12/10", "3", "120/120", "7", ""])


@st.composite
def rows(draw):
    n = draw(st.integers(0, 12))
    return [(Text(draw(st.sampled_from(["1", "9", "10", "99", "100", ""])), style=draw(STYLES)),
             Text(draw(TEXT), style=draw(STYLES)),
             Text(draw(FIGURES), style=draw(STYLES))) for _ in range(n)]


def _segments(renderable, width: int) -> list:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    return list(console.render(renderable, console.options.update_width(width)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows(), st.integers(1, 60), st.sampled_from([None, 2]),
       st.sampled_from(["left", "right"]))
# The agenda at 80 columns (21 cells inside its border), the current step reversed and a
# title cut; the participants' list, a quiet one in yellow.
@example([(Text("1", style="reverse bold"), Text("Welcome and introductions to the day",
                                                   style="reverse bold"), Text("12/10")),
          (Text("2", style="dim"), Text("Moments of truth", style="dim"),
           Text("≈0/15", style="bold red"))], 21, 2, "left")
@example([(Text("1", style="dim"), Text("Ana (families)"), Text("4")),
          (Text("12", style="dim"), Text("Begoña", style="bold yellow"),
           Text("0", style="bold yellow"))], 31, None, "right")
def test_rows_draw_as_the_grid(rows, width, first_width, justify):
    shown = Rows(rows, first_width, justify)
    assert _segments(shown, width) == _segments(shown.grid(), width)
