"""What every screen holds: the session being run (or replayed) and one way to change it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.notifications import SeverityLevel

from workshop.core.errors import RuleError, SaveError, SessionFileError, WorkshopError
from workshop.core.events import AFTER_FINISH, Event
from workshop.core.figures import MomentFigures, figures_for
from workshop.core.kinds.registry import opening
from workshop.core.state import SessionState, Step
from workshop.core.store import Store
from workshop.i18n import translator


class LiveSession:
    """A store plus the callbacks the UI wants after a change or a refusal.

    Views read ``state`` and call ``record``; they never touch the store. A replay
    gives views a read-only session whose ``state`` is the board at some moment.

    A finished session is ``readonly`` too, though its file is open for writing
    (``locked`` is False): the findings are still written in it, and the facilitator
    may reopen it.
    """

    def __init__(self, store: Store | None, *, state: SessionState | None = None,
                 readonly: bool = False,
                 on_change: Callable[[Event], None] | None = None,
                 on_error: Callable[[str, SeverityLevel], None] | None = None):
        self.store = store
        self._state = state
        self._looking_at: int | None = None  # the step a read-only look shows
        # The file cannot be written at all: a replay, another window's, a read-only file.
        self.locked = readonly or store is None or store.readonly
        self.on_change = on_change or (lambda event: None)
        self.on_error = on_error or (lambda message, severity: None)
        # The last disk failure, set before on_error is called: the screen keeps it on
        # view and offers to save a copy elsewhere.
        self.save_error: SaveError | None = None
        # Told of every change after the screen (the room's pages follow the session).
        self.listeners: list[Callable[[Event], None]] = []
        self._figures: MomentFigures | None = None
        # Findings left with Escape, by finding id (None: a new one), brought back by the
        # findings screen the next time it opens that finding (tui/screens/findings.py).
        self.finding_drafts: dict[int | None, dict] = {}
        self.note_draft: dict | None = None  # a note or quote left with Escape (note.py)

    def moment_figures(self) -> MomentFigures:
        """Each moment's figures for the state on view, kept up to date per moment and
        shared by the panels of this session (a new step's panel finds them computed)."""
        self._figures = figures_for(self.state, self._figures)
        return self._figures

    @property
    def state(self) -> SessionState:
        if self._state is not None:
            return self._state
        assert self.store is not None  # a session without a file is given its state
        return self.store.state

    @state.setter
    def state(self, value: SessionState) -> None:  # replay moves the board in time
        self._state = value

    @property
    def t(self):
        return translator(self.state.lang)

    @property
    def readonly(self) -> bool:
        """Nothing of the session changes: a locked file, or a finished session."""
        return self.locked or self.finished

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def findings_readonly(self) -> bool:
        """The findings are written after the session, so finishing it keeps them open."""
        return self.locked

    def record(self, kind: str, **data) -> Event | None:
        """Save one change now. A refusal or a disk error is shown, never raised."""
        if self.locked or (self.finished and kind not in AFTER_FINISH):
            self.on_error(self.t("This session is open read-only."), "warning")
            return None
        return self._change(lambda store: store.record(kind, **data))

    def undo(self) -> Event | None:
        """Take back the latest change (``Store.undo``); a refusal is shown. In a
        finished session, the latest of the findings' changes: the store refuses others."""
        return self._change(lambda store: store.undo())

    def redo(self) -> Event | None:
        """Bring back what the latest undo took (``Store.redo``); a refusal is shown."""
        return self._change(lambda store: store.redo())

    def _change(self, change: Callable[[Store], Event]) -> Event | None:
        if self.locked or self.store is None:
            return None
        try:
            event = change(self.store)
        except RuleError as exc:
            self.on_error(str(exc), "warning")
            return None
        except SaveError as exc:
            self.save_error = exc
            self.on_error(str(exc), "error")
            return None
        except WorkshopError as exc:
            self.on_error(str(exc), "error")
            return None
        self._changed(event)
        return event

    def submit(self, kind: str, **data) -> Event:
        """A change someone else asked for (a participant's phone): a refusal is raised
        for them to hear, never shown here; a disk error is shown to the facilitator too,
        who must save a copy elsewhere. It is committed without waiting for the disk
        (``Store.sync_later``): whoever asked is told it is saved after ``sync``, which
        the room runs in another thread, so the facilitator's keys never wait on it."""
        if self.readonly or self.store is None:
            raise SessionFileError(self.t("This session is open read-only."))
        try:
            with self.store.sync_later():
                event = self.store.record(kind, **data)
        except SaveError as exc:
            self.disk_failed(exc)
            raise
        self._changed(event)
        return event

    def disk_failed(self, exc: SaveError) -> None:
        """The disk refused a change (or to keep one): the facilitator is told."""
        self.save_error = exc
        self.on_error(str(exc), "error")

    def _changed(self, event: Event) -> None:
        self._after_change()
        self.on_change(event)
        for listener in list(self.listeners):
            listener(event)

    def _after_change(self) -> None:
        """A look at another step follows the store's state, which a finding changed (and
        which an undo replaced); reopening the session ends the look."""
        if self._looking_at is None or self.store is None:
            return
        if self.store.state.finished:
            self._state = replace(self.store.state, current_step=self._looking_at)
        else:
            self._state, self._looking_at = None, None

    def open_step(self, step: Step) -> None:
        """Record what the core says a step needs before it is worked (its vote…);
        nothing in a read-only look."""
        if self.readonly:
            return
        for kind, data in opening(self.state, step):
            if self.record(kind, **data) is None:
                return

    def look_at_step(self, index: int) -> None:
        """A reader moves through the steps without writing: the board it is shown says
        this step is the current one, and the store's own state stays as it was read."""
        self._looking_at = index
        self._state = replace(self.store.state if self.store else self.state,
                              current_step=index)
