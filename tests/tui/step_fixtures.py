"""A tiny app that runs one step panel the way the run screen does, for Pilot tests.

It follows the panel contract: ``refresh_state()`` after every change or undo,
``focus_entry()`` when the step opens, refusals shown as notifications. What it was
told (notifications) is kept in ``app.messages`` so tests can read what the user saw.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.app import App, ComposeResult

from workshop.core.store import Store
from workshop.tui.live import LiveSession
from workshop.tui.steps import view_for

SCRIPT = {
    "name": "steps-test", "title": "Steps test", "lang": "en", "dots": 3, "cap": 2,
    "minutes": 90,
    "steps": [
        {"title": "Moments", "kind": "moments", "minutes": 20, "body": "", "options": {}},
        {"title": "Expectations", "kind": "expectations", "minutes": 20, "body": "",
         "options": {}},
        {"title": "Excellence", "kind": "excellence", "minutes": 20, "body": "", "options": {}},
        {"title": "Vote on moments", "kind": "vote", "minutes": 10, "body": "",
         "options": {"target": "moments", "blind": True, "dots": 3, "cap": 2}},
        {"title": "Vote on ideas", "kind": "vote", "minutes": 10, "body": "",
         "options": {"target": "ideas", "blind": False}},
        {"title": "Gaps", "kind": "gaps", "minutes": 10, "body": "", "options": {}},
        {"title": "Wrap-up", "kind": "wrapup", "minutes": 5, "body": "", "options": {}},
    ],
}

PEOPLE = [{"pid": 1, "pseudonym": "P1", "name": "Ana"},
          {"pid": 2, "pseudonym": "P2"},
          {"pid": 3, "pseudonym": "P3", "name": "Luis"},
          {"pid": 4, "pseudonym": "P4", "segment": "students"}]


def new_store(tmp_path: Path, *, lang: str = "en", participants=PEOPLE, script=SCRIPT) -> Store:
    return Store.create(tmp_path / "session.db", title="Supermarket", script=script,
                        lang=lang, participants=participants)


def step_index(store: Store, kind: str, nth: int = 0) -> int:
    return [s.index for s in store.state.steps if s.kind == kind][nth]


class StepApp(App):
    """One step panel on a screen, wired like the run screen wires it."""

    BINDINGS = [("ctrl+z", "undo", "Undo")]

    def __init__(self, store: Store, kind: str, nth: int = 0, *, replay: bool = False):
        super().__init__()
        self.store = store
        self.messages: list[str] = []
        index = step_index(store, kind, nth)
        if store.state.current_step != index and not replay:
            store.record("step_entered", step=index)
        if replay:  # as the replay screen does: a read-only session holding a board
            self.live = LiveSession(None, state=store.state, readonly=True,
                                    on_change=self._changed, on_error=self._refused)
        else:
            self.live = LiveSession(store, on_error=self._refused)
            self.live.open_step(store.state.steps[index])  # as the run screen does
            self.live.on_change = self._changed
        self.view = view_for(kind)(self.live, store.state.steps[index])

    def compose(self) -> ComposeResult:
        yield self.view

    def on_mount(self) -> None:
        self.view.refresh_state()
        self.view.focus_entry()

    def _changed(self, event) -> None:
        self.view.refresh_state()

    def _refused(self, message: str, severity: str) -> None:
        self.notify(message, severity=severity)

    def notify(self, message, **kwargs) -> None:
        self.messages.append(str(message))
        super().notify(message, **kwargs)

    def action_undo(self) -> None:
        self.live.undo()


def rows(store: Store, table: str) -> list[dict]:
    """A table as the session file holds it, read through a separate connection."""
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid")]
    finally:
        conn.close()


def table_text(table) -> list[list[str]]:
    """What a DataTable shows, row by row in screen order, as plain strings."""
    out = []
    for row in table.ordered_rows:
        out.append([getattr(c, "plain", str(c)) for c in table.get_row(row.key)])
    return out


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key as a fast typist does: the keys queue up and the app
    handles them in order, then the test waits until it has (pressed one at a time, the
    pilot waited for an idle app after each key)."""
    from textual import events

    from waiting import until

    from .burst_fixtures import key_name

    app = pilot.app
    for char in text:
        app.post_message(events.Key("space" if char == " " else key_name(char), char))
    # Taken: none left in the app's queue, none held back for a step change (the run
    # screen's app holds keys while a panel is being replaced)
    await until(pilot, lambda: not (app.message_queue_size or getattr(app, "_held_keys", None)
                                    or getattr(app, "_open_trips", None)), "the keys typed")
    await pilot.pause()
