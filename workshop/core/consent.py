"""Which participants' words a client report may carry: a verbatim quote credited to
someone who did not record consent is left out of the report (the Word file, its
Markdown twin, the e-mail summary), unless an internal copy asks to keep it. The
researcher's exports (CSV, JSON, REFI-QDA) keep every quote, with consent as a column.
"""

from __future__ import annotations

from workshop.core.state import Note, SessionState
from workshop.i18n import Translator


def without_consent(state: SessionState, note: Note) -> bool:
    """A quote credited to a participant who has not recorded consent (or to one the
    session no longer knows, whose consent cannot be read). The group's quotes, and
    notes, are no one's words."""
    if note.type != "quote" or note.pid is None:
        return False
    person = state.participants.get(note.pid)
    return person is None or not person.consent


def unconsented_quotes(state: SessionState) -> list[Note]:
    """The quotes a client report leaves out, in the order they were typed."""
    return [n for n in state.notes.values() if without_consent(state, n)]


def left_out_sentence(n: int, t: Translator) -> str:
    """What the report and the export say, read aloud ready; "" when nothing is."""
    if not n:
        return ""
    return t.plural(n, "{n} quote from a participant who did not record consent is left out.",
                    "{n} quotes from participants who did not record consent are left out.")


def kept_sentence(n: int, t: Translator) -> str:
    """The same, in the internal copy that keeps them."""
    if not n:
        return ""
    return t.plural(n, "{n} quote from a participant who did not record consent is kept in "
                       "this internal copy.",
                    "{n} quotes from participants who did not record consent are kept in "
                    "this internal copy.")
