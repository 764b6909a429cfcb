"""Session files as an attacker would make them: terminal escapes written straight into
every text of every readable table and of every event that carries text, with sqlite3
(the typing path, which keeps controls out, is bypassed), and in file names."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from workshop.core.safetext import UNSAFE
from workshop.core.store import Store

# Each does something to a terminal that prints it raw.
SEQUENCES = {
    "retitle (OSC 0)": "\x1b]0;pwned\x07",
    "clear the screen": "\x1b[2J",
    "write the clipboard (OSC 52)": "\x1b]52;c;cHduZWQ=\x07",
    "hidden hyperlink (OSC 8)": "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b1;31m",
    "bidi override": "\u202eevil\u202c",
    "overwrite": "\rover\x08\x7f",
}
HOSTILE = "".join(SEQUENCES.values())
# The same, as a person reads it on the screen once made visible.
SHOWN = {
    "retitle (OSC 0)": r"\x1b]0;pwned\x07",
    "clear the screen": r"\x1b[2J",
    "write the clipboard (OSC 52)": r"\x1b]52;c;cHduZWQ=\x07",
    "hidden hyperlink (OSC 8)": r"\x1b]8;;https://evil.example/\x1b\here\x1b]8;;\x1b\\",
    "C1 CSI": r"\x9b1;31m",
    "bidi override": r"\u202eevil\u202c",
    "overwrite": r"\x0dover\x08\x7f",
}
# A hostile name for a file: a file name cannot hold "/" or NUL, and the OSC 0 says it all.
HOSTILE_NAME = "\x1b]0;pwned\x07\x9b2J"

_UNSAFE = re.compile(f"[{UNSAFE}]")


def unsafe_in(text: str) -> list[str]:
    """The characters of ``text`` that would act on a terminal (empty when none)."""
    return _UNSAFE.findall(text)


SCRIPT = {
    "name": "hostile-script", "title": "Hostile script", "lang": "en", "dots": 3, "cap": 2,
    "minutes": 60,
    "steps": [
        {"title": "Welcome", "kind": "intro", "minutes": 5, "body": "Hello, everyone.",
         "options": {}},
        {"title": "Moments", "kind": "moments", "minutes": 10, "body": "Map them.",
         "options": {}},
        {"title": "Expectations", "kind": "expectations", "minutes": 10, "body": "",
         "options": {}},
        {"title": "Excellence", "kind": "excellence", "minutes": 10, "body": "", "options": {}},
        {"title": "Vote", "kind": "vote", "minutes": 5, "body": "",
         "options": {"target": "moments", "blind": False}},
        {"title": "Gaps", "kind": "gaps", "minutes": 5, "body": "", "options": {}},
        {"title": "Wrap-up", "kind": "wrapup", "minutes": 5, "body": "", "options": {}},
    ],
}

# What an attacker edits: free text (not the values a rule checks: kinds, stages, times).
TEXT_KEYS = {"title", "client", "facilitator", "name", "pseudonym", "segment", "text",
             "owner", "due", "measure", "technique", "prompt_id", "body", "headline",
             "meaning", "recommendation"}
TABLE_COLUMNS = {
    "session": ("title", "client", "facilitator", "script_name", "script_title"),
    "participants": ("pseudonym", "real_name", "segment"),
    "steps": ("title",),
    "moments": ("text",),
    "expectations": ("text",),
    "prompts": ("prompt_id", "technique", "text"),
    "ideas": ("text", "prompt_id", "technique", "prompt_text"),
    "notes": ("text",),
    "actions": ("text", "owner", "due", "measure"),
    "findings": ("headline", "meaning", "recommendation"),
}


def _build(path: Path) -> Store:
    people = [{"pid": 1, "pseudonym": "P1", "name": "Ana", "segment": "families"},
              {"pid": 2, "pseudonym": "P2", "name": "Luis", "segment": "retired"}]
    s = Store.create(path, title="Weekly shop", script=SCRIPT, lang="en", client="Greenway",
                     facilitator="Hannah", participants=people)
    r = s.record
    r("session_edited", client="Greenway Markets")
    r("participant_added", pid=3, pseudonym="P3", name="Zoe", segment="students")
    r("participant_edited", pid=3, segment="students abroad")
    r("step_entered", step=0)
    r("note_added", type="note", text="Welcome note", step=0)
    r("note_added", type="quote", text="Queue quote", pid=1, step=0)
    r("step_entered", step=1)
    r("timer_started", step=1)
    m1 = r("moment_added", text="Queue at the till", pid=1).data["mid"]
    m2 = r("moment_added", text="Parking the car", stage="before").data["mid"]
    m3 = r("moment_added", text="Parking space", stage="before").data["mid"]
    r("moment_edited", mid=m2, text="Parking the car nearby")
    r("moment_moved", mid=m2, index=0)
    r("moments_merged", mid=m3, into=m2)
    m4 = r("moment_added", text="Returning goods").data["mid"]
    r("entry_deleted", entity="moment", id=m4)
    r("timer_paused", step=1)
    r("step_entered", step=2)
    x1 = r("expectation_added", mid=m1, type="stated", text="Short queue", pid=2).data["xid"]
    r("expectation_added", mid=m1, type="latent", text="Being noticed")
    r("entry_edited", entity="expectation", id=x1, text="A short queue")
    r("rating_given", mid=m1, pid=1, value=2)
    r("rating_given", mid=m1, pid=2, value=3)
    r("rating_given", mid=m1, pid=1, value=5, scale="expectation")
    r("rating_given", mid=m1, pid=2, value=4, scale="expectation")
    insight = r("note_added", type="note", text="Insight note", insight=True,
                mid=m1).data["nid"]
    r("step_entered", step=3)
    d1 = r("prompt_drawn", prompt_id="analogy-pit-crew", technique="analogy",
           text="How would a pit crew run the queue?", mid=m1).data["did"]
    r("idea_added", mid=m1, text="Open a second till", pid=1, did=d1)
    r("step_entered", step=4)
    rid = r("vote_opened", target="moments", dots=3, cap=2, blind=False, step=4).data["rid"]
    r("vote_cast", rid=rid, pid=1, item=m1, delta=1)
    r("vote_cast", rid=rid, pid=2, item=m2, delta=1)
    r("votes_revealed", rid=rid)
    r("step_entered", step=5)
    r("step_entered", step=6)
    r("action_added", type="action", text="Staff a floating cashier", mid=m1,
      owner="Store manager", due="June", measure="Wait under five minutes")
    r("finding_added", headline="The queue sours the visit", meaning="Waiting undoes it",
      recommendation="Open a till", moments=[m1], quotes=[insight], figures=[["gap", m1]])
    r("action_added", type="next_step", text="Share the results")
    s.undo()  # takes back the next step (an undo event)
    r("session_finished")
    return s


def _planted(value, payload: str):
    """``value`` with ``payload`` appended to every free text in it."""
    if isinstance(value, dict):
        # A finding's figures are (measure, id) pairs a rule checks, not free text.
        return {k: (_planted(v, payload) if k in TEXT_KEYS or (isinstance(v, (dict, list))
                                                                and k != "figures")
                    else v) for k, v in value.items()}
    if isinstance(value, list):
        return [_planted(v, payload) for v in value]
    if isinstance(value, str):
        return f"{value} {payload}"
    return value


def plant(path: Path, payload: str = HOSTILE) -> None:
    """Append ``payload`` to every free text of the file, as sqlite3 would: the readable
    tables and the events alike (so the two still agree)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            for table, columns in TABLE_COLUMNS.items():
                for column in columns:
                    conn.execute(f"UPDATE [{table}] SET [{column}] = [{column}] || ' ' || ? "
                                 f"WHERE [{column}] IS NOT NULL AND [{column}] != ''",
                                 (payload,))
            rows = conn.execute("SELECT id, data FROM events").fetchall()
            for id_, data in rows:
                planted = _planted(json.loads(data), payload)
                conn.execute("UPDATE events SET data = ? WHERE id = ?",
                             (json.dumps(planted, ensure_ascii=False), id_))
    finally:
        conn.close()


def hostile_session(folder: Path, name: str = "hostile.db", payload: str = HOSTILE) -> Path:
    """A complete session (every event kind) with ``payload`` planted in every text."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    _build(path).close()
    plant(path, payload)
    return path
