"""Welcome and discussion steps: the facilitator's text, and the notes taken meanwhile.

A line typed here is saved as a note of this step when Enter is pressed; "3: …"
credits participant 3, and a line that starts with a quotation mark is a verbatim quote.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Markdown, OptionList
from textual.widgets.option_list import Option

from workshop.core.entry import parse_entry
from workshop.core.safetext import visible
from workshop.core.state import SessionState
from workshop.tui.keys import _, key_name
from workshop.tui.plain import Plain
from workshop.tui.steps.base import StepView
from workshop.tui.widgets.entry_field import EntryField

STEP_KINDS = ("intro", "discussion")

OPENING_QUOTES = "\"“«'‘"
CLOSING_QUOTES = "\"”»'’"


def split_note(line: str, state: SessionState) -> tuple[int | None, str, str]:
    """(participant, text, "note" or "quote") from what the facilitator typed.

    Both ``"3: never again"`` and ``3: "never again"`` are quotes by participant 3.
    """
    line = line.strip()
    quote = line[:1] in OPENING_QUOTES
    if quote:
        line = line[1:]
    pid, text = parse_entry(line, state)
    if text[:1] in OPENING_QUOTES:
        quote, text = True, text[1:]
    if quote:
        text = text.rstrip().rstrip(CLOSING_QUOTES)
    return pid, text.strip(), "quote" if quote else "note"


class NotesList(OptionList):
    """The step's notes, its highlighted one (the latest, once one is added) kept in
    sight when the list's size changes. Textual's list scrolls to it only when it is
    highlighted or shown: a window made narrower or shorter, or a panel whose first
    layout gave the list another size than the next one (under load), left the list
    where it was, the latest note out of sight."""

    def _on_resize(self) -> None:
        super()._on_resize()
        self.scroll_to_highlight()


class DiscussionView(StepView):
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    SHOWS_BODY = True

    BINDINGS = [
        Binding("enter", "edit", _("Edit the note"), show=False),
        Binding("delete,x", "delete", _("Delete the note"), show=False),
        Binding("escape", "cancel", _("Cancel the edit"), show=False),
    ]

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self.editing: int | None = None  # the note the entry field is editing
        self._shown: list[int] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="discussion-text"):
            yield Markdown(visible(self.step.body), open_links=False)
        yield Plain(classes="discussion-count")
        yield NotesList(classes="discussion-notes")
        if not self.live.readonly:  # a replay or a read-only look takes no notes
            yield Plain(self.t("“3: …” credits participant 3 · a line that starts with \" "
                               "is a verbatim quote"), classes="discussion-hint")
            yield EntryField(placeholder=self.t("A note, then Enter"),
                             classes="discussion-entry", paste="entries")

    @property
    def entry(self) -> Input:
        return self.query_one(".discussion-entry", Input)

    @property
    def notes_list(self) -> OptionList:
        return self.query_one(".discussion-notes", OptionList)

    def entry_widget(self) -> Widget | None:
        return self.notes_list if self.live.readonly else self.entry

    # ---- drawing -----------------------------------------------------------------------
    def refresh_state(self) -> None:
        state = self.live.state
        notes = [n for n in state.notes.values() if n.step == self.step.index]
        ids = [n.nid for n in notes]
        listing = self.notes_list
        keep = listing.highlighted
        # Redrawn whole: a step holds a few dozen notes, and an edit changes a text.
        listing.clear_options()
        listing.add_options([Option(self._line(state, n), id=str(n.nid)) for n in notes])
        if ids:
            grew = len(ids) > len(self._shown)
            listing.highlighted = len(ids) - 1 if grew or keep is None else min(keep, len(ids) - 1)
            listing.scroll_to_highlight()
        self._shown = ids
        listing.display = bool(notes)
        quotes = sum(1 for n in notes if n.type == "quote")
        self.query_one(".discussion-count", Plain).update(
            self.t("Notes of this step: {notes} · quotes: {quotes}", notes=len(notes) - quotes,
                   quotes=quotes) if notes else "")

    def _line(self, state: SessionState, note) -> Text:
        who = visible(state.participant_label(note.pid) if note.pid else self.t("group"))
        text = visible(note.text)  # before rich, which drops some controls unseen
        if note.type == "quote":
            return Text.assemble(("“", "bold"), text, ("”", "bold"), (f" — {who}", "dim"))
        return Text.assemble(text, (f" — {who}", "dim"))

    # ---- typing ----------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        state = self.live.state
        if self.editing is not None:
            text = event.value.strip()
            if text and self.live.record("entry_edited", entity="note", id=self.editing,
                                         text=text) is not None:
                self._stop_editing()
            return
        pid, text, kind = split_note(event.value, state)
        if not text:
            return
        data = {"text": text, "type": kind, "step": self.step.index}
        if pid is not None:
            data["pid"] = pid
        if self.live.record("note_added", **data) is not None:
            self.entry.value = ""  # cleared only once saved: a refusal keeps the line

    def _selected_note(self) -> int | None:
        listing = self.notes_list
        if listing.highlighted is None or not self._shown:
            return None
        return self._shown[listing.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        if self.live.readonly:
            return
        nid = self._selected_note()
        note = self.live.state.notes.get(nid) if nid is not None else None
        if note is None:
            return
        self.editing = nid
        self.entry.value = note.text
        self.entry.add_class("-editing")
        self.entry.border_title = self.t("Editing the note: Enter saves, Escape cancels")
        self.entry.focus()

    def action_delete(self) -> None:
        if not self.notes_list.has_focus:
            return
        nid = self._selected_note()
        if nid is not None and self.live.record("entry_deleted", entity="note", id=nid):
            self.notify(self.t("Note deleted ({key} brings it back).",
                               key=key_name("ctrl+z")), timeout=3)

    def action_cancel(self) -> None:
        if self.editing is None:
            raise SkipAction()  # nothing of ours to cancel: let the screen have Escape
        self._stop_editing()

    def _stop_editing(self) -> None:
        self.editing = None
        self.entry.value = ""
        self.entry.remove_class("-editing")
        self.entry.border_title = None


VIEW = DiscussionView
