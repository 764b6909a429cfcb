"""A step table draws its rows' lines itself (SyncedTable._plain_line), faster than the
DataTable's renderer: every line must equal the DataTable's own, styles and the cells'
click targets (meta) included, or the screen would change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style
from textual.widgets import DataTable

from workshop.tui.steps.table import SyncedTable

from .step_fixtures import StepApp, new_store

TEXTS = ("Parking", "Queue at the till that goes on and on past the width of any column",
         "Café  con  leche", "日本語のレシート", "Till\x07bell", "", "Help  ", "x")


def _session(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text or "·", stage=stage).data["mid"]
            for text, stage in zip(TEXTS, ("before", "during", "after") * 3, strict=False)]
    for n, mid in enumerate(mids):
        for pid in (1, 2, 3):
            store.record("rating_given", mid=mid, pid=pid, value=1 + (n + pid) % 5)
            if n % 3:
                store.record("rating_given", mid=mid, pid=pid, value=1 + (n * pid) % 5,
                             scale="expectation")
        store.record("expectation_added", mid=mid, text=f"Expect {n}", type="stated")
        store.record("idea_added", mid=mid, text=TEXTS[-1 - n] or "idea")
    rid = store.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
    for pid, item in ((1, mids[1]), (1, mids[1]), (2, mids[3]), (3, mids[0])):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
    return store


@pytest.mark.parametrize("kind", ["moments", "expectations", "excellence", "vote", "gaps"])
@pytest.mark.parametrize("width", [80, 160])
async def test_each_row_line_equals_the_datatables_own(tmp_path, kind, width):
    store = _session(tmp_path)
    app = StepApp(store, kind)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        compared = 0
        for table in app.query(SyncedTable):
            if not table.display or not table.row_count:
                continue
            header = table.header_height if table.show_header else 0
            assert header == 1
            assert table._plain_line(-1) == DataTable.render_line(table, 0), table.id
            for index in range(table.row_count):
                if index == table.hover_row and table._show_hover_cursor:
                    continue  # (the mouse has not moved: no row is the mouse's)
                # The cursor's row too, in a table with the cursor (the focus) and not.
                ours = table._plain_line(index, cursor=index == table.cursor_row)
                assert ours is not None, (table.id, index)
                assert ours == DataTable.render_line(table, header + index), (table.id, index)
                compared += 1
        assert compared >= len(TEXTS) - 2


def test_a_cell_laid_out_before_is_laid_out_as_anew():
    """Cells that say the same are laid out once (SyncedTable keeps them): what is kept
    for a text, a number or an empty cell is what laying it out anew gives, whatever
    else had the same words (another style, side, overflow or width)."""
    from rich.console import Console
    from rich.text import Text

    from workshop.tui.steps.table import _cell_line, _one_line

    console = Console(width=80, color_system="truecolor")
    same = "Low prio."
    values = [Text(same), Text(same, style="dim"), Text(same, style="bold red"),
              Text(same, justify="right"), Text(same, justify="center", style="dim"),
              Text(same, overflow="ellipsis"), Text(same, overflow="crop"), Text(""),
              Text("", style="bold"), 0, 12, 1234567, Text("12", justify="right"),
              Text.assemble(("Low", "red"), " prio.")]
    for _ in range(2):  # the second time from what was kept
        for width in (4, 9, 12):
            for value in values:
                assert _cell_line(value, width, console) == _one_line(value, width, console), \
                    (value, width)


_WORDS = ("Parking", "Café", "cola", "日本", "e\u0301", "x", " ", "  ", "…", "\x07", "\t",
          "\n", "ü", "🙂", "a\u200b", "Atención al cliente")


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=8),
       style=st.sampled_from(["", "dim", "bold red", "italic", Style(), Style(bold=True)]),
       justify=st.sampled_from([None, "default", "left", "center", "right", "full"]),
       overflow=st.sampled_from([None, "fold", "crop", "ellipsis", "ignore"]),
       width=st.integers(-1, 30))
def test_a_short_cell_is_laid_out_as_rich_lays_it_out(words, style, justify, overflow, width):
    """The quick way for a text that fits (`_short_line`) gives what Rich's own steps
    give (`_one_line`), for whatever it takes on: any other text it leaves to them."""
    from rich.console import Console
    from rich.text import Text

    from workshop.tui.steps.table import _one_line, _short_line

    console = Console(width=80, color_system="truecolor")
    text = Text("".join(words), style=style, justify=justify, overflow=overflow,
                no_wrap=True, end="")
    quick = _short_line(text, width, console)
    if quick is not None:
        assert quick == _one_line(text, width, console)


def test_a_moments_words_take_the_quick_way():
    from rich.console import Console

    from workshop.tui.steps.table import _one_line, _short_line, cell

    console = Console(width=80, color_system="truecolor")
    for text in (cell("Queue at the till"), cell("Atención en caja", "dim"), cell("日本")):
        quick = _short_line(text, 20, console)
        assert quick is not None and quick == _one_line(text, 20, console)
