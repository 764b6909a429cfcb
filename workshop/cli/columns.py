"""A table of plain text for the terminal: columns as wide as their widest cell, or, when
that is wider than the terminal, cut down in the columns that may be cut.

Some columns name things (a file): they are never cut, or two rows could read alike. The
others (a title, a status) lose their ends, marked with "…", widest first, down to a
floor; where two different cells of a column would then read alike ("… grupo 1" and
"… grupo 2"), that column is cut in the middle instead, each cell keeping its last words.
A table that still does not fit, or whose cells still read alike, prints each row as a
block: its names on a line of their own, the rest below, wrapped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

GAP = "  "
ELLIPSIS = "…"


def cells(text: str) -> int:
    """The terminal cells ``text`` takes, as Rich's cell_len counts them (the command line
    does not import Rich): two for a wide character (Chinese, Japanese, Korean, most
    emoji, an emoji made of several characters), none for a combining mark, one for the
    rest. A title in Japanese counted by its characters broke the columns after it."""
    if text.isascii():
        return len(text)
    total = last = 0
    joined = False
    for ch in text:
        if joined:  # joined to the emoji before it (a family, a flag of two): no cells
            joined = False
        elif ch == ZWJ:
            joined = True
        elif ch == EMOJI_STYLE:  # "❤️": the character before it drawn as an emoji
            total += 1 if last == 1 else 0
            last = 2
        elif last == 2 and "\U0001f3fb" <= ch <= "\U0001f3ff":  # a skin tone
            pass
        elif size := _cells(ch):
            total += size
            last = size
    return total


ZWJ, EMOJI_STYLE = "\u200d", "\ufe0f"


@lru_cache(maxsize=4096)
def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or (unicodedata.category(ch) in ("Mn", "Me", "Cf")
                                     and ch != "\xad"):  # a soft hyphen shows
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells (str.ljust counts characters)."""
    return text + " " * max(0, width - cells(text))


def _cut(cell: str, width: int) -> str:
    """``cell`` in at most ``width`` cells, its end replaced by "…" where it is cut (never
    half of a wide character)."""
    if cells(cell) <= width:
        return cell
    end = 0
    while end < len(cell) and cells(cell[:end + 1]) <= width - 1:
        end += 1
    return cell[:end].rstrip(ZWJ) + ELLIPSIS


def _cut_middle(cell: str, width: int, tail: int) -> str:
    """``cell`` in at most ``width`` cells: its start, "…", then its last words in at most
    ``tail`` cells; its last word alone, when wider, if three cells of its start still
    show; else its last characters."""
    if cells(cell) <= width:
        return cell
    starts = [i for i in range(1, len(cell)) if cell[i - 1].isspace() and not cell[i].isspace()]
    fits = [i for i in starts if cells(cell[i:]) <= tail]
    if fits:
        start = fits[0]
    elif starts and cells(cell[starts[-1]:]) <= width - 4:
        start = starts[-1]
    else:
        start = len(cell)
        while start > 0 and cells(cell[start - 1:]) <= tail:
            start -= 1
    end = cell[start:].strip()
    head = _cut(cell, width - cells(end))[:-1].rstrip()
    return head + ELLIPSIS + end


def _distinct(column: Sequence[str], width: int) -> list[str] | None:
    """The cells of one column in at most ``width`` cells each, two different cells never
    alike: their ends cut, else their middles (the tail as short as will do, from half
    the width on), else None."""
    def alike(cut: list[str]) -> bool:
        return len(set(zip(column, cut, strict=True))) > len(set(cut))

    cut = [_cut(cell, width) for cell in column]
    if not alike(cut):
        return cut
    for tail in [*range(width // 2, width - 1), *range(width // 2 - 1, 0, -1)]:
        cut = [_cut_middle(cell, width, tail) for cell in column]
        if not alike(cut):
            return cut
    return None


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                width: int | None = None, floors: dict[int, int] | None = None) -> list[str]:
    """The lines of ``rows`` under ``header``. ``width`` None: every cell whole.
    ``floors``: the columns that may be cut, each with the width it keeps at least
    (its heading's at least); the others are never cut."""
    widths = [max(cells(r[i]) for r in [header, *rows]) for i in range(len(header))]
    floors = {i: max(floor, cells(header[i])) for i, floor in (floors or {}).items()}
    if width is not None:
        total = sum(widths) + len(GAP) * (len(widths) - 1)
        while total > width:
            cuttable = [i for i, floor in floors.items() if widths[i] > floor]
            if not cuttable:
                return _blocks(header, rows, width, floors)
            widest = max(cuttable, key=lambda i: widths[i] - floors[i])
            widths[widest] -= 1
            total -= 1
    columns = [[header[i], *(row[i] for row in rows)] for i in range(len(header))]
    shown = []
    for i, column in enumerate(columns):
        cut = _distinct(column, widths[i])
        if cut is None:  # no cut of that width tells them apart: every cell whole
            return _blocks(header, rows, width or 0, floors)
        shown.append(cut)
    return [GAP.join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in zip(*shown, strict=True)]


def _blocks(header: Sequence[str], rows: Sequence[Sequence[str]], width: int,
            floors: dict[int, int]) -> list[str]:
    """Each row as its whole names on one line, then the other cells after their
    headings, wrapped to ``width`` under an indent."""
    names = [i for i in range(len(header)) if i not in floors]
    out: list[str] = []
    for row in rows:
        out.append(GAP.join(row[i] for i in names))
        rest = " · ".join(f"{header[i]}: {row[i]}" for i in floors if row[i])
        out.extend("    " + line for line in _wrap(rest, max(20, width - 4) - 4))
    return out


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words, a word wider
    than a line broken where the line ends (textwrap counts characters)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cells(word) > width:  # a word of its own lines
            if line:
                lines.append(line)
                line = ""
            head = _cut(word, width + 1)[:-1] or word[0]  # as many characters as fit
            lines.append(head)
            word = word[len(head):]
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def wrap_items(first: str, items: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """``items`` joined by ``sep`` on lines of at most ``width`` cells, the first line
    after ``first``, the others under it; a line breaks between two items, and inside
    one only where it is wider than a line (a title by its words, a path anywhere)."""
    room = max(10, width - cells(first))
    lines: list[str] = []
    line = ""
    for item in items:
        if line and cells(line) + cells(sep) + cells(item) <= room:
            line += sep + item
            continue
        if line:
            lines.append(line)
        *whole, line = _wrap(item, room) or [""]
        lines.extend(whole)
    lines.append(line)
    indent = " " * cells(first)
    return [first + lines[0], *(indent + rest for rest in lines[1:])]



def line_ranges(text: str, width: int, rest: int | None = None) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``width`` cells (``rest`` after the
    first), as (start, end) offsets: between words, a word wider than a line where the
    line ends. Offsets, not strings, so a caller can carry styled spans (a match) over."""
    rest = width if rest is None else rest
    out: list[tuple[int, int]] = []
    start, n, room = 0, len(text), max(1, width)
    while True:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            return out
        used, i, last_break = 0, start, None
        while i < n and used + _cells(text[i]) <= room:
            used += _cells(text[i])
            i += 1
            if i == n or text[i] == " ":
                last_break = i
        if i == n:
            out.append((start, n))
            return out
        end = last_break if last_break is not None else max(i, start + 1)
        out.append((start, end))
        start, room = end, max(1, rest)
