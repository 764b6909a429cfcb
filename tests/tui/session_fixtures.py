"""Small sessions for pilot tests: a hand-written script keeps them fast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
