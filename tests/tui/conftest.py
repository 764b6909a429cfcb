"""Small sessions for pilot tests: a hand-written script keeps them fast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from waiting import until  # noqa: F401  (the TUI tests import it from here)
from workshop.core.store import Store

SCRIPT = {
    "name": "tiny", "title": "Tiny script", "lang": "en", "dots": 3, "cap": None, "minutes": 30,
    "steps": [
        {"title": "Welcome", "kind": "intro", "minutes": 5,
         "body": "# Welcome\n\nThank everyone for coming and **ask for consent**."},
        {"title": "Warm-up talk", "kind": "discussion", "minutes": 10,
         "body": "Ask about the last time they shopped."},
        {"title": "Wrap-up talk", "kind": "discussion", "minutes": 15, "body": "Thank them."},
    ],
}


def ago(seconds: float) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


@pytest.fixture
def session(tmp_path):
    """A closed session file with four participants, ready to open."""
    def make(lang: str = "en", name: str = "s.db", script: dict | None = None) -> object:
        path = tmp_path / name
        people = [{"pid": i, "pseudonym": f"P{i}", "name": n, "segment": None}
                  for i, n in enumerate(["Ana", "Luis", "Marta", "Jon"], start=1)]
        with Store.create(path, title="Shoppers", script={**(script or SCRIPT), "lang": lang},
                          lang=lang, participants=people):
            pass
        return path
    return make
