"""A table of plain text for the terminal: columns as wide as their widest cell, or, when
that is wider than the terminal, cut down in the columns that may be cut.

Some columns name things (a file): they are never cut, or two rows could read alike. The
others (a title, a status) lose their ends, marked with "…", widest first, down to a
floor; a table that still does not fit prints each row as a block: its names on a line of
their own, the rest below, wrapped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

GAP = "  "
ELLIPSIS = "…"


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: max(0, width - 1)] + ELLIPSIS


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                width: int | None = None, floors: dict[int, int] | None = None) -> list[str]:
    """The lines of ``rows`` under ``header``. ``width`` None: every cell whole.
    ``floors``: the columns that may be cut, each with the width it keeps at least
    (its heading's at least); the others are never cut."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    floors = {i: max(floor, len(header[i])) for i, floor in (floors or {}).items()}
    if width is not None:
        total = sum(widths) + len(GAP) * (len(widths) - 1)
        while total > width:
            cuttable = [i for i, floor in floors.items() if widths[i] > floor]
            if not cuttable:
                return _blocks(header, rows, width, floors)
            widest = max(cuttable, key=lambda i: widths[i] - floors[i])
            widths[widest] -= 1
            total -= 1
    return [GAP.join(_cut(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True))
            .rstrip() for row in [header, *rows]]


def _blocks(header: Sequence[str], rows: Sequence[Sequence[str]], width: int,
            floors: dict[int, int]) -> list[str]:
    """Each row as its whole names on one line, then the other cells after their
    headings, wrapped to ``width`` under an indent."""
    names = [i for i in range(len(header)) if i not in floors]
    out: list[str] = []
    for row in rows:
        out.append(GAP.join(row[i] for i in names))
        rest = " · ".join(f"{header[i]}: {row[i]}" for i in floors if row[i])
        out.extend(textwrap.wrap(rest, max(20, width - 4), initial_indent="    ",
                                 subsequent_indent="    ", break_long_words=True))
    return out
