"""CSV cells that a spreadsheet will show, never run.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets: a moment typed as
``=HYPERLINK("http://x","click")`` would become a live link, and worse. OWASP's advice,
followed here: such a text cell gets a leading ``'``, which the spreadsheet shows as
text. Numbers we write are data, not formulas, and stay as they are: a Python number,
or a number we formatted ourselves for a numeric column of the report (a gap of -1.5,
or -1,5 in Spanish). ``raw=True`` keeps every byte, for researchers who ask.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number as the report writes one: -1.5, -1,5, +2, 12%. Never a formula.
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")


def cell(value, *, raw: bool = False, numeric: bool = False):
    """One cell, neutralised unless ``raw``. ``numeric``: a column of numbers we
    formatted, where a plain number is left alone (anything else is still text)."""
    if raw or not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if numeric and _NUMBER.fullmatch(value):
        return value
    return "'" + value


class Writer:
    """``csv.writer`` whose rows go through ``cell`` first."""

    def __init__(self, stream, *, raw: bool = False, numeric: Sequence[bool] = (), **kw):
        self._writer = csv.writer(stream, **kw)
        self.raw = raw
        self.numeric = list(numeric)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([
            cell(value, raw=self.raw, numeric=i < len(self.numeric) and self.numeric[i])
            for i, value in enumerate(row)])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)
