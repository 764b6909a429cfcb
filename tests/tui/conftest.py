"""The session fixture of the pilot tests (its script: session_fixtures.py)."""

from __future__ import annotations

import pytest

from workshop.core.store import Store

from .session_fixtures import SCRIPT


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
