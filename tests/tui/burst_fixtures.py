"""A session file on its moments step, and typed text as the key events a terminal
sends: for the tests of keys that arrive together and of pasted lines."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import UTC, datetime, timedelta

from textual import events
from textual.keys import ASCII_KEY_NAMES, KEY_NAME_REPLACEMENTS

from workshop.core.events import Event
from workshop.core.store import Store

from .step_fixtures import PEOPLE, SCRIPT


def session_on_moments(tmp_path, moments: int = 0):
    """A session file on its moments step, with ``moments`` moments written in bulk."""
    t0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    path = tmp_path / "s.db"
    with Store.create(path, title="Bursts", script=SCRIPT, lang="en", participants=PEOPLE,
                      at=t0.isoformat(timespec="milliseconds")) as store:
        first = len(store.events) + 1
        store.record("step_entered", step=0)
    if moments:
        conn = sqlite3.connect(path)
        with conn:
            conn.executemany("INSERT INTO events (id, at, kind, data) VALUES (?, ?, ?, ?)", [
                (first + i, (t0 + timedelta(seconds=i + 1)).isoformat(timespec="milliseconds"),
                 "moment_added", Event("moment_added", {"mid": i, "text": f"moment {i}"}).to_json())
                for i in range(1, moments + 1)])
        conn.close()
        with Store.open(path) as store:
            store.rebuild_tables()
    return path


def key_name(char: str) -> str:
    """The key a terminal's ``char`` arrives as in Textual (its parser and Pilot name
    them so): a letter or digit by itself, any other character by its Unicode name
    ("comma", "no_break_space"), with Textual's plainer words for a few ("slash")."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:  # a character without a name (a control character)
        return ASCII_KEY_NAMES.get(char, char)
    return KEY_NAME_REPLACEMENTS.get(name, name)


def keys(text: str) -> list[events.Key]:
    return [events.Key("space" if ch == " " else ch, ch) for ch in text]


def rows(path, table: str) -> list[dict]:
    """A table as the session file holds it, read through a separate connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid")]
    finally:
        conn.close()
