"""The board at one point of a session as plain text (``workshop replay --at``).

The overview is ``plain_summary`` (what ``workshop show`` prints); below it, every entry
on the board under its moment, with who said it: pseudonyms unless names are asked for.
"""

from __future__ import annotations

from workshop.core.kinds.entries import indent
from workshop.core.kinds.notes import note_line
from workshop.core.kinds.registry import hooks
from workshop.core.state import SessionState, stage_label, touchpoint_label
from workshop.core.summary import plain_summary
from workshop.i18n import t


def board_details(state: SessionState, *, names: bool = False) -> str:
    def who(pid: int | None) -> str:
        return state.participant_label(pid, names=names)

    lines = [t("On the board"), "-" * len(t("On the board"))]
    if not state.moments and not state.notes and not state.actions:
        lines.append(t("Nothing yet."))
    for n, m in enumerate(state.ordered_moments(), start=1):
        where = ", ".join(x for x in (stage_label(m.stage), touchpoint_label(m.touchpoint)) if x)
        head = f"{n}. {m.text}" + (f" ({where})" if where else "")
        lines.append(head + " · " + t("raised by {who}", who=who(m.pid)))
        for board in hooks("board"):  # what each kind hung on the moment
            lines += board(state, m, who)
    loose = [note for note in state.notes.values() if note.mid is None]
    if loose:
        lines += ["", t("Notes and quotes")]
        lines += [indent(note_line(note, who), "  - ") for note in loose]
    return "\n".join(lines)


def board_text(state: SessionState, *, names: bool = False) -> str:
    return plain_summary(state) + "\n\n" + board_details(state, names=names)
