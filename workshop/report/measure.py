"""How wide a word prints, to size table columns so that no word breaks inside a cell.

Word sets the report in Calibri; LibreOffice uses Carlito where it is installed and
otherwise falls back to DejaVu Sans, the widest of the three. The widths here are
DejaVu Sans's (it ships with matplotlib, so it is always at hand when exporting): a
column wide enough for a word in DejaVu Sans is wide enough for it in every font the
report may be shown in. Kerning is ignored, which only errs on the wide side.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported only when measuring
    from matplotlib.ft2font import FT2Font

# A character the font lacks (a CJK ideograph, an emoji) prints about one em wide in
# whichever font stands in for it.
MISSING_EM = 1.0


@cache
def _advances(bold: bool) -> tuple[dict[int, float], FT2Font]:
    """Advance widths at 1 pt, per code point, read lazily from the font file."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(
        family="DejaVu Sans", weight="bold" if bold else "normal"), fallback_to_default=True)
    font = FT2Font(path)
    font.set_size(1000, 72)  # 1000 pt: integer metrics lose nothing worth having
    return {}, font


def char_width(ch: str, bold: bool = False) -> float:
    """Width of one character at 1 pt, in points."""
    from matplotlib.ft2font import LoadFlags

    cache_, font = _advances(bold)
    code = ord(ch)
    width = cache_.get(code)
    if width is None:
        if font.get_char_index(code):
            glyph = font.load_char(code, LoadFlags.NO_HINTING)
            width = glyph.linearHoriAdvance / 65536 / 1000
        else:
            width = MISSING_EM
        cache_[code] = width
    return width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` on one line at ``size`` points, in points."""
    return sum(char_width(ch, bold) for ch in text) * size


def words(text: str) -> list[str]:
    """The pieces a line can break between: split at spaces, never at a no-break space."""
    return [w for w in re.split(r"[ \t\n\u2002-\u200b]+", text) if w]
