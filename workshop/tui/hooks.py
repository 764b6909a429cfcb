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
from functools import cache
from pathlib import Path

from textual.app import App

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


def export_report(app: App, path: Path) -> None:
    app.push_screen(_entry_point("workshop.tui.screens.export", "ExportScreen")(Path(path)))


def summary_text(state: SessionState) -> str:
    """A summary to paste into an e-mail, under pseudonyms (it leaves the room)."""
    summary = _entry_point("workshop.report.summary", "markdown_summary")
    if summary is not None:
        return summary(state, state.lang, anonymize=True)
    from workshop.core.summary import plain_summary

    return plain_summary(state)
