"""The board at one point of a session as plain text (``workshop replay --at``).

The overview is ``plain_summary`` (what ``workshop show`` prints); below it, every entry
on the board under its moment, with who said it: pseudonyms unless names are asked for.
"""

from __future__ import annotations

from workshop.core.state import SessionState, stage_label, touchpoint_label
from workshop.core.summary import plain_summary
from workshop.i18n import decimal, t


def _indent(text: str, prefix: str) -> str:
    lines = text.splitlines() or [""]
    return "\n".join([prefix + lines[0], *("  " + " " * len(prefix) + line for line in lines[1:])])


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
        for x in state.expectations.values():
            if x.mid == m.mid:
                lines.append(_indent(f"[{t(x.type)}] {x.text} · {who(x.pid)}",
                                     "   - " + t("expectation") + " "))
        ratings = sorted((r.pid, r.value) for r in state.ratings.values() if r.mid == m.mid)
        if ratings:
            listed = ", ".join(f"{who(pid)} {value}" for pid, value in ratings)
            mean = sum(v for _, v in ratings) / len(ratings)
            lines.append("   - " + t("ratings: {list} (mean {mean})", list=listed,
                                        mean=decimal(mean)))
        for i in state.ideas.values():
            if i.mid == m.mid:
                how = f" ({i.technique})" if i.technique else ""
                lines.append(_indent(f"{i.text}{how} · {who(i.pid)}",
                                     "   - " + t("idea") + " "))
        for note in state.notes.values():
            if note.mid == m.mid:
                lines.append(_indent(_note(state, note, names), "   - "))
    loose = [note for note in state.notes.values() if note.mid is None]
    if loose:
        lines += ["", t("Notes and quotes")]
        lines += [_indent(_note(state, note, names), "  - ") for note in loose]
    return "\n".join(lines)


def _note(state: SessionState, note, names: bool) -> str:
    if note.type == "quote":
        return t("quote “{text}” · {who}", text=note.text,
                 who=state.participant_label(note.pid, names=names))
    return t("note: {text}", text=note.text)


def board_text(state: SessionState, *, names: bool = False) -> str:
    return plain_summary(state) + "\n\n" + board_details(state, names=names)
