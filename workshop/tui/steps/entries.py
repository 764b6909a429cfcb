"""Correcting what was typed: the list of a panel's entries, e edits, x deletes.

``EntryEditing`` is mixed into the step panels that list entries (moments, their
expectations, ideas, actions): with the list focused, ``e`` (or Enter) puts the selected
entry's text back into its entry field, Enter there saves the edit and Escape cancels it;
``x`` or Delete deletes it (undo brings it back). Each panel says which list, which
entries and which field; moments, whose edits carry more than text, override the hooks.

``EntryList`` is a focusable list of entries under headings, for panels that show a
moment's entries as text (expectations, ideas) rather than as a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input

from workshop.core.safetext import visible
from workshop.tui.keys import _, key_name
from workshop.tui.steps.journey import TextView
from workshop.tui.steps.table import SyncedTable

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker only
    from workshop.tui.steps.journey import JourneyView as _Panel
else:
    _Panel = object


def edit_bindings(*, show: bool = False, cancel: str = _("Cancel the edit")) -> list[Binding]:
    """The keys of ``EntryEditing``: the same in every panel that lists entries."""
    return [
        Binding("e", "edit", _("Edit"), show=show),
        Binding("x,delete", "delete", _("Delete"), show=show),
        Binding("escape", "cancel", cancel, show=False),
    ]


class EntryEditing(_Panel):
    """Edit and delete the entry selected in a panel's list (a mixin for a StepView)."""

    ENTITY = ""  # what entry_edited / entry_deleted name: "action", "idea" …
    ID = ""  # the entries' id attribute: "aid", "iid" …
    LIST = ""  # the selector of the list the keys act in

    editing: int | None = None  # the entry whose text a field is editing
    _edit_field: Input | None = None

    # ---- what a panel says ----------------------------------------------------------
    def entry_items(self) -> dict[int, Any]:
        """The entries of the state, by id."""
        raise NotImplementedError

    def edit_field(self, item) -> Input:
        """The entry field an entry is edited in."""
        raise NotImplementedError

    def edit_value(self, item) -> str:
        return item.text

    def save_edit(self, item, value: str) -> bool:
        """Record an edit; False when refused (the field keeps what was typed)."""
        text = value.strip()
        if not text:
            return False
        if text == item.text:
            return True
        return self.live.record("entry_edited", entity=self.ENTITY, id=getattr(item, self.ID),
                                text=text) is not None

    def delete_entry(self, item) -> None:
        deleted = self.live.record("entry_deleted", entity=self.ENTITY, id=getattr(item, self.ID))
        if deleted is not None:
            self.notify(self.t("Deleted ({key} brings it back).", key=key_name("ctrl+z")),
                        timeout=3)

    def show_hint(self) -> None:
        """Redraw the hint line (the panel says there that an edit is on)."""

    # ---- the list -----------------------------------------------------------------------
    @property
    def entry_list(self) -> SyncedTable | EntryList:
        found = self.query_one(self.LIST)
        assert isinstance(found, (SyncedTable, EntryList))
        return found

    def selected_entry(self):
        key = self.entry_list.selected_key
        try:
            return self.entry_items().get(int(key)) if key is not None else None
        except ValueError:  # a row that is no entry (the whole journey)
            return None

    def _list_focused(self) -> bool:
        # Enter on a row calls the edit directly, past check_action: a replay stops here.
        return self.screen.focused is self.entry_list and not self.live.readonly

    # ---- keys ----------------------------------------------------------------------------
    def action_edit(self) -> None:
        if not self._list_focused():
            raise SkipAction()  # a field has the key, or the screen does
        item = self.selected_entry()
        if item is None:
            return
        self.end_edit()
        self.editing = getattr(item, self.ID)
        field = self._edit_field = self.edit_field(item)
        field.value = visible(self.edit_value(item))  # a control character shows, as listed
        field.cursor_position = len(field.value)
        field.add_class("-editing")
        field.focus()
        self.show_hint()

    def action_delete(self) -> None:
        if not self._list_focused():
            raise SkipAction()
        item = self.selected_entry()
        if item is not None:
            self.delete_entry(item)

    def action_cancel(self) -> None:
        if self.editing is None:
            raise SkipAction()  # nothing of ours to cancel: let the screen have Escape
        self.end_edit()
        self.entry_list.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self.entry_list:
            event.stop()  # Enter on an entry edits it (a read-only look: nothing happens)
            if self._list_focused():
                self.action_edit()

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        if self._list_focused():
            self.action_edit()

    def refresh_state(self) -> None:
        if self.is_mounted:
            self.drop_stale_edit()
        super().refresh_state()

    def typed_for_moment(self, field: Input) -> tuple[int, int | None, str] | None:
        """What Enter in ``field`` adds to the moment on screen: (mid, pid, text). None
        when it saved an edit instead, or when there is nothing to add."""
        if self.editing_in(field):
            self.submit_edit(field.value)
            return None
        from workshop.core.entry import parse_entry  # at the first entry: not to start

        pid, text = parse_entry(field.value, self.live.state)
        if not text:
            return None
        if self.selected_mid is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return None
        return self.selected_mid, pid, text

    # ---- the edit -------------------------------------------------------------------------
    def editing_in(self, field: Input) -> bool:
        """Whether Enter in ``field`` saves an edit (rather than adding an entry)."""
        return self.editing is not None and field is self._edit_field

    def submit_edit(self, value: str) -> None:
        item = self.entry_items().get(self.editing) if self.editing is not None else None
        if item is not None and not self.save_edit(item, value):
            return  # refused or empty: keep what was typed
        self.end_edit()
        self.entry_list.focus()

    def end_edit(self) -> None:
        if self.editing is None:
            return
        self.editing = None
        field, self._edit_field = self._edit_field, None
        if field is not None and field.is_mounted:
            field.value = ""
            field.remove_class("-editing")
        if self.is_mounted:
            self.show_hint()

    def drop_stale_edit(self) -> None:
        """An undo took away the entry being edited: the edit ends with it."""
        if self.editing is not None and self.editing not in self.entry_items():
            self.end_edit()


class EntryList(TextView, can_focus=True):
    """A moment's entries as lines of text under headings; the cursor (shown while the
    list has the focus) moves over the entries only."""

    BINDINGS = [
        Binding("up", "cursor(-1)", _("Previous entry"), show=False),
        Binding("down", "cursor(1)", _("Next entry"), show=False),
        Binding("home", "cursor(-1000000)", _("First entry"), show=False),
        Binding("end", "cursor(1000000)", _("Last entry"), show=False),
        Binding("enter", "select", _("Edit"), show=False),
    ]

    class Selected(Message):
        """Enter on an entry."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._rows: list[tuple[str | None, Text]] = []  # (entry key or None, line)
        self._keys: list[str] = []
        self._index = 0

    def show(self, lines: list[tuple[str | None, Text]]) -> None:
        """Lines to show: an entry's under its key (str), a heading's under None."""
        keep = self.selected_key
        self._rows = lines
        self._keys = [k for k, _ in lines if k is not None]
        self._index = (self._keys.index(keep) if keep in self._keys
                       else min(self._index, max(0, len(self._keys) - 1)))
        self._draw()

    @property
    def selected_key(self) -> str | None:
        return self._keys[self._index] if self._keys else None

    def select(self, key) -> bool:
        if key is None or str(key) not in self._keys:
            return False
        self._index = self._keys.index(str(key))
        self._draw()
        return True

    def _draw(self) -> None:
        out, cursor, y = Text(), self.selected_key if self.has_focus else None, None
        for key, line in self._rows:
            if key is not None and key == cursor:
                y = len(out.plain.splitlines())
                line = line.copy()
                line.stylize("reverse")
            out.append_text(line)
            out.append("\n")
        out.rstrip()
        self.update(out)
        if y is not None and isinstance(self.parent, Widget) and self.content_size.width:
            # Keep the cursor in view in the scrolling box around the list.
            above = Text("\n".join(out.plain.splitlines()[:y]))
            top = len(above.wrap(self.app.console, self.content_size.width)) if y else 0
            self.call_after_refresh(self.parent.scroll_to_region, Region(0, top, 1, 1),
                                    animate=False)

    def action_cursor(self, delta: int) -> None:
        if self._keys:
            self._index = max(0, min(len(self._keys) - 1, self._index + delta))
            self._draw()

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.Selected())

    def on_focus(self) -> None:
        self._draw()

    def on_blur(self) -> None:
        self._draw()
