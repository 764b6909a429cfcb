"""Where other parts of the tool plug into the screens.

Replay (``workshop.tui.replay``) and the Word report (``workshop.report``) are built
separately. A screen offers their action only once the entry point named here exists,
and calls it only through these functions, so plugging one in touches this file alone.

- Replay: ``workshop.tui.replay.ReplayScreen(path)``, a Screen that opens the file
  read-only itself and closes it when dismissed.
- Export: ``workshop.tui.screens.export.ExportScreen(path)`` (language, anonymising,
  where to save), the form around ``workshop.report.export``.
- Summary: ``workshop.report.summary.markdown_summary(state, lang, anonymize=)``, the
  e-mail summary; without it, the core's plain summary.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:  # the home screen needs neither to start
    from workshop.core.state import SessionState


@cache
def _entry_point(module: str, name: str):
    """The named callable, or None while that part is not installed."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


@cache
def _installed(module: str) -> bool:
    """Whether that part is installed, found without importing it: importing the report
    and the replay only to offer their keys was a third of the home screen's start."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent missing; a module set to None
        return False


def replay_available() -> bool:
    return _installed("workshop.tui.replay")


def open_replay(app: App, path: Path) -> None:
    app.push_screen(_entry_point("workshop.tui.replay", "ReplayScreen")(path))


def export_available() -> bool:
    # The form, and the report it drives (the form imports it).
    return _installed("workshop.tui.screens.export") and _installed("workshop.report")


def export_report(app: App, path: Path, state: SessionState | None = None,
                  go_to: Callable[[int], None] | None = None) -> None:
    """Open the export form; first, if a blind vote was never revealed, say so and ask.

    ``state`` is the open session's (else the file is read, read-only); ``go_to`` takes
    the facilitator to a step of the open session (the answer that lets them reveal it)."""
    if state is None:
        state = stored_state(path)

    def export() -> None:
        app.push_screen(_entry_point("workshop.tui.screens.export", "ExportScreen")(
            Path(path), state))

    from workshop.core.analysis import hidden_votes, hidden_votes_warning

    question = hidden_votes_warning(state) if state is not None else ""
    if state is None or not question:
        export()
        return
    from workshop.tui.screens.confirm import EXPORT_HIDDEN_VOTE, ChoiceScreen

    rnd = hidden_votes(state)[0]
    step = state.steps[rnd.step] if rnd.step is not None and rnd.step < len(state.steps) else None
    choices = [a for a in EXPORT_HIDDEN_VOTE
               if a.id != "go" or (go_to is not None and step is not None)]

    def answered(choice: str | None) -> None:
        if choice == "export":
            export()
        elif choice == "go" and go_to is not None and step is not None:
            go_to(step.index)

    app.push_screen(ChoiceScreen(question, choices, default=choices[0].id), answered)


def stored_state(path: Path) -> SessionState | None:
    """The state of a session file not open here, read-only; None if it cannot be read
    (the export form then says what is wrong with the file)."""
    from workshop.core.errors import WorkshopError
    from workshop.core.store import Store

    try:
        with Store.open(path, readonly=True) as store:
            return store.state
    except (WorkshopError, OSError):
        return None


def summary_text(state: SessionState) -> str:
    """A summary to paste into an e-mail, under pseudonyms (it leaves the room)."""
    summary = _entry_point("workshop.report.summary", "markdown_summary")
    if summary is not None:
        return summary(state, state.lang, anonymize=True)
    from workshop.core.summary import plain_summary

    return plain_summary(state)
