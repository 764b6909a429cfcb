"""The same moments across several sessions (``workshop compare``).

A researcher who ran one script with several groups lines their moments up: moments
match when their text is the same once case, accents, punctuation and spacing are set
aside ("Queue at the checkout!" = "queue at the Checkout"). For each session and moment
the numbers come from ``workshop.core.analysis.gap_table``: dots, importance,
performance (mean rating), expectation, gap, quadrant and priority.
"""

from __future__ import annotations

import re
from pathlib import Path

from workshop.core.analysis import GapRow, gap_table
from workshop.core.errors import WorkshopError
from workshop.core.fold import fold
from workshop.core.record import record
from workshop.core.search import fold_text, session_files
from workshop.core.timeline import load_events
from workshop.i18n import t

_NOT_WORD = re.compile(r"[^\w]+|_")


def moment_key(text: str) -> str:
    """What two moments must share to be the same moment."""
    return " ".join(_NOT_WORD.sub(" ", fold_text(text)).split())


@record
class Session:
    letter: str  # A, B, C… in the order given
    path: Path
    title: str
    date: str
    lang: str
    participants: int
    moments: int
    source: str  # where importance comes from, or "" without a vote that counts


@record
class Line:
    key: str
    text: str  # as the first session that has it wrote it
    cells: tuple[GapRow | None, ...]  # one per session, None where it never came up

    @property
    def sessions(self) -> int:
        return sum(c is not None for c in self.cells)


def _letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def compare(paths: list[Path], *, include_hidden: bool = False
            ) -> tuple[list[Session], list[Line], list[str]]:
    """(sessions, one line per distinct moment, one line per file skipped).

    Lines come shared-by-most first, then in their usual place along the journey.
    """
    files, problems = session_files(paths)
    sessions: list[Session] = []
    tables = []
    for path in files:
        try:
            state = fold(load_events(path))
        except WorkshopError as exc:
            problems.append(str(exc))
            continue
        table = gap_table(state, include_hidden=include_hidden)
        source = table.source
        sessions.append(Session(_letter(len(sessions)), path, state.title, state.created_at[:10],
                                state.lang, len(state.participants), len(state.moments),
                                t("vote {n}", n=source.rid) if source else ""))
        tables.append(table)
    # key -> (text, cells, relative positions)
    order: dict[str, tuple[str, list[GapRow | None], list[float]]] = {}
    for i, table in enumerate(tables):
        n = max(1, len(table.rows))
        for row in table.rows:
            key = moment_key(row.text)
            entry = order.setdefault(key, (row.text, [None] * len(tables), []))
            if entry[1][i] is None:  # two moments alike in one session: the first counts
                entry[1][i] = row
                entry[2].append((row.position - 1) / n)
    lines = [Line(key, text, tuple(cells)) for key, (text, cells, _) in order.items()]
    place = {key: sum(pos) / len(pos) for key, (_, _, pos) in order.items()}
    lines.sort(key=lambda line: (-line.sessions, place[line.key]))
    return sessions, lines, problems
