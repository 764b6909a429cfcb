"""Write ``workshop/report/font_widths.py``: DejaVu Sans's advance widths, regular and bold.

    python tools/font_widths.py          # read the font, write the table
    python tools/font_widths.py --check  # exit 1 if the table differs from the font
    python tools/font_widths.py --fonts DIR  # DejaVuSans.ttf and -Bold.ttf from DIR

The report sizes its table columns and the journey map's boxes from these widths
(``workshop/report/measure.py``). Reading them from the font at export time meant
importing matplotlib (a third of a second, and seconds on a new machine building its font
cache); the table is data we own instead, made once here from the font files themselves
(Debian's fonts-dejavu-core by default), read with nothing but ``struct``. Run it again
only if the code points below change.

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
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.generated import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "workshop" / "report" / "font_widths.py"
BLOCKS = ((0x0020, 0x007E), (0x00A0, 0x036F), (0x0370, 0x052F), (0x0590, 0x06FF),
          (0x1E00, 0x1EFF), (0x2000, 0x22FF), (0x25A0, 0x27BF), (0xFB00, 0xFB06))


def code_points() -> list[int]:
    return [c for first, last in BLOCKS for c in range(first, last + 1)]


# Debian's fonts-dejavu-core (`make tools` installs it; LibreOffice depends on it too).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def _tables(data: bytes) -> dict[bytes, bytes]:
    """An sfnt (TrueType) file's tables by tag."""
    (count,) = struct.unpack_from(">H", data, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = data[offset:offset + length]
    return out


def _glyphs(cmap: bytes) -> dict[int, int]:
    """{code point: glyph} from the Unicode BMP subtable (Windows, format 4): every code
    point the tool covers lies in the BMP."""
    (count,) = struct.unpack_from(">H", cmap, 2)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        if (platform, encoding) == (3, 1):
            break
    else:
        raise SystemExit("the font has no Unicode (3, 1) character map")
    sub = cmap[offset:]
    fmt, _, _, seg2 = struct.unpack_from(">HHHH", sub, 0)
    if fmt != 4:
        raise SystemExit(f"character map format {fmt}, not 4")
    n = seg2 // 2
    ends = struct.unpack_from(f">{n}H", sub, 14)
    starts = struct.unpack_from(f">{n}H", sub, 16 + seg2)
    deltas = struct.unpack_from(f">{n}h", sub, 16 + 2 * seg2)
    range_at = 16 + 3 * seg2
    ranges = struct.unpack_from(f">{n}H", sub, range_at)
    out = {}
    for i in range(n):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:  # an index into glyphIdArray, counted from this idRangeOffset itself
                at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack_from(">H", sub, at)
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out[code] = glyph
    return out


def _name(table: bytes, wanted: int) -> str:
    """An English name record (Windows, Unicode) of the 'name' table."""
    _, count, strings = struct.unpack_from(">HHH", table, 0)
    for i in range(count):
        platform, encoding, lang, nid, length, offset = struct.unpack_from(
            ">6H", table, 6 + 12 * i)
        if (platform, encoding, lang, nid) == (3, 1, 0x409, wanted):
            return table[strings + offset:strings + offset + length].decode("utf-16-be")
    return "?"


def read(bold: bool, folder: Path = FONT_DIR) -> tuple[dict[int, int], int, str]:
    """({code point: advance in font units}, units per em, the font's name and version)
    for every code point of BLOCKS the font has, read from the font file itself: the
    advances of its horizontal metrics ('hmtx'), as the font's own glyph table maps them."""
    tables = _tables((folder / FILES[bold]).read_bytes())
    (units,) = struct.unpack_from(">H", tables[b"head"], 18)
    (revision,) = struct.unpack_from(">i", tables[b"head"], 4)
    (metrics,) = struct.unpack_from(">H", tables[b"hhea"], 34)
    hmtx = tables[b"hmtx"]  # (advance, left side bearing) per glyph, 4 bytes each
    advances = [struct.unpack_from(">H", hmtx, 4 * g)[0] for g in range(metrics)]
    glyphs = _glyphs(tables[b"cmap"])
    widths = {}
    for code in code_points():
        glyph = glyphs.get(code)
        if glyph:  # a glyph past the metrics takes the last advance (TrueType's rule)
            widths[code] = advances[min(glyph, metrics - 1)]
    name = f"{_name(tables[b'name'], 1)} {_name(tables[b'name'], 2)}"
    return widths, units, f"{name} {revision / 65536:.2f}"


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


def module(folder: Path = FONT_DIR) -> str:
    regular, units, name = read(False, folder)
    bold, bold_units, bold_name = read(True, folder)
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
    parser.add_argument("--fonts", type=Path, default=FONT_DIR,
                        help=f"the folder of DejaVuSans.ttf and DejaVuSans-Bold.ttf ({FONT_DIR})")
    args = parser.parse_args()
    write_or_check(OUT, module(args.fonts), check=args.check, same="the table matches the font",
                   stale=f"{OUT} differs from the font")


if __name__ == "__main__":
    main()
