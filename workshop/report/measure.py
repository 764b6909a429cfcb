"""How wide a word prints, to size table columns so that no word breaks inside a cell.

Word sets the report in Calibri; LibreOffice uses Carlito where it is installed and
otherwise falls back to DejaVu Sans, the widest of the three. The widths here are
DejaVu Sans's: a column wide enough for a word in DejaVu Sans is wide enough for it in
every font the report may be shown in. Kerning is ignored, which only errs on the wide
side.

The widths are our own data (``font_widths``, written from the font by
``tools/font_widths.py``): reading them from the font file at export time meant importing
matplotlib, a third of a second (seconds on a new machine, building its font cache).
"""

from __future__ import annotations

import re
from functools import cache

from workshop.report import font_widths

# A character the table lacks (a CJK ideograph, an emoji) prints about one em wide in
# whichever font stands in for it.
MISSING_EM = 1.0


def decode(table: str) -> dict[int, float]:
    """``font_widths``' runs ("hex:w w*n …;…") as {code point: width at 1 pt}."""
    per_em = font_widths.UNITS_PER_EM
    out: dict[int, float] = {}
    for run in table.split(";"):
        start, _, widths = run.partition(":")
        code = int(start, 16)
        for item in widths.split():
            width, _, times = item.partition("*")
            for _ in range(int(times or 1)):
                out[code] = int(width) / per_em
                code += 1
    return out


@cache
def _advances(bold: bool) -> dict[int, float]:
    return decode(font_widths.BOLD if bold else font_widths.REGULAR)


def char_width(ch: str, bold: bool = False) -> float:
    """Width of one character at 1 pt, in points."""
    return _advances(bold).get(ord(ch), MISSING_EM)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` on one line at ``size`` points, in points."""
    widths = _advances(bold)
    return sum(widths.get(ord(ch), MISSING_EM) for ch in text) * size


def words(text: str) -> list[str]:
    """The pieces a line can break between: split at spaces, never at a no-break space."""
    return [w for w in re.split(r"[ \t\n\u2002-\u200b]+", text) if w]
