"""The contract between the run screen and one step kind's panel."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input

from workshop.core.state import Step
from workshop.tui.live import LiveSession
from workshop.tui.widgets.flat import Flat


class StepView(Flat, Vertical):
    """One step kind's panel on the run screen (and, read-only, on the replay screen).

    A subclass composes its widgets, reads ``self.live.state`` in ``refresh_state``
    (called by the screen after every change, undo or replay move) and writes through
    ``self.live.record``. Its keys are its own BINDINGS; the screen lists them in help.
    """

    DEFAULT_CSS = """
    StepView { height: 1fr; }
    /* A field holding an entry being edited (steps/entries.py) stands out. */
    StepView Input.-editing, StepView Input.-editing:focus { border: tall $warning; }
    StepView Input.-editing.-textual-compact,
    StepView Input.-editing.-textual-compact:focus { background: $warning 25%; }
    """

    # True when the panel shows the step's facilitator text itself: the run screen
    # then leaves out its own copy of it.
    SHOWS_BODY = False
    # Fields whose text stays after Enter by design (the wrap-up's owner and date): not
    # a line left unsent when the app quits.
    KEPT_FIELDS: frozenset[str] = frozenset()
    # A panel made ahead and not shown yet (the run screen's build-ahead): its cursor is
    # nobody's choice, so it opens where a panel made then would (the first row).
    made_ahead = False
    # Set by the run screen on a panel it focuses as soon as it is mounted: the widget it
    # will focus is styled focused as it is mounted (``early_focus``), not styled as it
    # was mounted and again, with all its parts, as the focus reached it a moment later.
    focus_at_once = False
    # That widget, until the run screen has given it the focus (or, if it gave the focus
    # to another, taken it back).
    focused_early: Widget | None = None

    def __init__(self, live: LiveSession, step: Step, *, width_hint: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.live = live
        self.step = step
        # The width the screen will give the panel, for a panel that lays itself out by
        # its width before it has one (its own comes after the first drawing).
        self.width_hint = width_hint
        # Laid out ahead, off screen, before it first shows (the run screen's panel made
        # ahead): on no one's view, and nothing in it takes the focus meanwhile.
        self.offstage = False

    @property
    def closing(self) -> bool:
        """The app is quitting, or the panel is being taken off its screen: a panel made
        ahead may get its Mount as that happens, its widgets already gone."""
        app = self.app
        return app.return_code is not None or not app.is_running or not self.is_attached

    def on_mount(self) -> None:
        # The panels' one Mount handler: Textual calls the on_mount of every class along
        # the MRO (one a subclass also called through super() ran twice), so a panel sets
        # itself up in ``mounted`` instead. A panel made ahead can get its Mount as the
        # app quits or its screen closes, its widgets never mounted: nothing to set up.
        if not self.closing:
            self.mounted()

    def mounted(self) -> None:
        """Set the panel up once its widgets are mounted (never as the app quits or the
        screen closes: see ``closing``). A subclass calls ``super().mounted()``."""

    @property
    def on_view(self) -> bool:
        """Shown, not kept hidden nor laid out off screen ahead of its step."""
        return self.display and not self.offstage

    def allow_focus_children(self) -> bool:
        return not self.offstage and super().allow_focus_children()

    @property
    def t(self):
        return self.live.t

    def fit_width(self, width: int) -> None:
        """Take the classes of a panel ``width`` columns wide (stacked or side by side),
        before it is mounted: set on a mounted panel, a class styles every widget in it
        again (a tenth of a step change)."""

    def refresh_state(self) -> None:
        """Redraw from ``self.live.state``. Keep it fast: it runs after each key press."""

    def entry_widget(self) -> Widget | None:
        """Where the cursor goes when the step opens: where the facilitator types."""
        return None

    def early_focus(self, widgets: list[Widget]) -> Widget | None:
        """Among ``widgets`` (composed, not mounted yet), the one ``entry_widget`` will
        give once they are, where that is known now (None: not known)."""
        return None

    def typed_lines(self) -> list[str]:
        """What is typed in the panel's fields and not added yet: a quit asks before
        losing it (the run screen gathers it)."""
        return [field.value for field in self.query(Input).results()
                if field.value.strip() and field.id not in self.KEPT_FIELDS]

    def focus_entry(self) -> None:
        """Put the cursor where the facilitator types (called when the step opens); not
        from a panel made ahead, hidden (the screen focuses it when it shows)."""
        if not self.on_view:
            return
        widget = self.entry_widget()
        if widget is not None:
            widget.focus()

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        # A read-only panel's fields hidden and disabled as they are made: done once they
        # were mounted, each was styled again and the panel laid out again (a tenth of
        # the panel's first build).
        if self.live.readonly:
            _hide_fields(widgets)
        if self.focus_at_once and not self.made_ahead:
            widget = self.early_focus(widgets)
            if widget is not None and widget.can_focus:
                # As the focus will set it (without its watcher: the styles are applied
                # as the widget is mounted, just below).
                widget.set_reactive(Widget.has_focus, True)
                self.focused_early = widget
        await super().mount_composed_widgets(widgets)

    def hide_entry_fields(self) -> None:
        """A read-only look or a replay: no field on screen that could only refuse what is
        typed. The fields stay mounted (hidden and disabled), so the panel's code that
        reads them needs no second path."""
        for field in self.query(Input).results():
            field.disabled, field.display = True, False

    @property
    def current_mid(self) -> int | None:
        """The moment the panel is on, if any: a note or quote taken now is tied to it."""
        return None


def composed(widgets: list[Widget], widget_id: str) -> Widget | None:
    """The widget ``widget_id`` among ``widgets`` and the children composed into them,
    not yet mounted."""
    for widget in widgets:
        if widget.id == widget_id:
            return widget
        found = composed(widget._pending_children, widget_id)
        if found is not None:
            return found
    return None


def _hide_fields(widgets: list[Widget]) -> None:
    """The entry fields among ``widgets`` and the children composed into them, not yet
    mounted, hidden and disabled."""
    for widget in widgets:
        if isinstance(widget, Input):
            # As Input(disabled=True) sets it: its watcher would style the field (and
            # what it holds) now, before it is mounted and styled anyway.
            widget.set_reactive(Widget.disabled, True)
            widget.display = False
        _hide_fields(widget._pending_children)
