"""Write ``workshop/report/font_widths.py``: DejaVu Sans's advance widths, regular and bold.

    python tools/font_widths.py          # read the font, write the table
    python tools/font_widths.py --check  # exit 1 if the table differs from the font

The report sizes its table columns and the journey map's boxes from these widths
(``workshop/report/measure.py``). Reading them from the font at export time meant
importing matplotlib (a third of a second, and seconds on a new machine building its font
cache); the table is data we own instead, made once here from matplotlib's copy of the
font. Run it again only if the code points below change.

Which code points: what a report in English, Spanish and Portuguese writes, and what
names and typed text commonly hold: Latin with every extension (Vietnamese included),
IPA and spacing modifiers (ʻokina, ʼ), combining marks (zero wide: text typed
decomposed), Greek, Cyrillic, Hebrew and Arabic (the report sets right-to-left text),
punctuation, currency, letterlike signs, number forms, arrows, mathematical operators,
geometric shapes, symbols and dingbats (★, ✓), and the f-ligatures text pasted from a PDF
carries. A code point outside them, or one the font lacks, is measured as one em
(``measure.MISSING_EM``): wider than anything here, so a column errs on the wide side.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "workshop" / "report" / "font_widths.py"
BLOCKS = ((0x0020, 0x007E), (0x00A0, 0x036F), (0x0370, 0x052F), (0x0590, 0x06FF),
          (0x1E00, 0x1EFF), (0x2000, 0x22FF), (0x25A0, 0x27BF), (0xFB00, 0xFB06))


def code_points() -> list[int]:
    return [c for first, last in BLOCKS for c in range(first, last + 1)]


def read(bold: bool) -> tuple[dict[int, int], int, str]:
    """({code point: advance in font units}, units per em, the font's name and version)
    for every code point of BLOCKS the font has."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font, LoadFlags

    path = font_manager.findfont(font_manager.FontProperties(
        family="DejaVu Sans", weight="bold" if bold else "normal"), fallback_to_default=False)
    font = FT2Font(path)
    units = font.units_per_EM
    font.set_size(units, 72)  # one pixel per font unit: the advances are whole numbers
    widths = {}
    for code in code_points():
        if font.get_char_index(code):
            advance = font.load_char(code, LoadFlags.NO_SCALE).horiAdvance
            widths[code] = int(advance)
    major, minor = font.get_sfnt_table("head")["fontRevision"]
    return widths, units, f"{font.family_name} {font.style_name} {major + minor / 65536:.2f}"


def encode(widths: dict[int, int]) -> str:
    """Runs of consecutive code points: "hex:w w*n …" per run, runs separated by ";" (a
    width repeated n times is written once, with *n)."""
    runs: list[list[int]] = []
    for code in sorted(widths):
        if runs and code == runs[-1][0] + len(runs[-1]) - 1:
            runs[-1].append(widths[code])
        else:
            runs.append([code, widths[code]])
    out = []
    for code, *ws in runs:
        parts: list[str] = []
        i = 0
        while i < len(ws):
            j = i
            while j < len(ws) and ws[j] == ws[i]:
                j += 1
            parts.append(f"{ws[i]}*{j - i}" if j - i > 1 else str(ws[i]))
            i = j
        out.append(f"{code:x}:" + " ".join(parts))
    return ";".join(out)


def module() -> str:
    regular, units, name = read(False)
    bold, bold_units, bold_name = read(True)
    assert units == bold_units
    lines = ['"""DejaVu Sans\'s advance widths in font units, per code point: written by',
             "tools/font_widths.py (do not edit; run it again). Decoded by measure.py.",
             "",
             f"Regular: {name}; bold: {bold_name}; {len(regular)} and {len(bold)} code points.",
             '"""', "", f"UNITS_PER_EM = {units}"]
    for var, widths in (("REGULAR", regular), ("BOLD", bold)):
        text = encode(widths)
        lines.append(f"{var} = (")
        line = ""
        for piece in re.split(r"(?<=[ ;])", text):  # lines of at most 88 characters
            if line and len(line) + len(piece) > 88:
                lines.append(f"    {line!r}")
                line = ""
            line += piece
        lines.append(f"    {line!r}")
        lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = module()
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("the table matches the font" if same else f"{OUT} differs from the font")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode())} bytes)")


if __name__ == "__main__":
    main()
