"""One session file as Datasette shows it (``workshop study serve SESSION.db``).

The titles, descriptions and facets are the study's (``Spec.study``): a table of the
session file and the study's table of the same name hold the same entries, so a
column the two share is described once, where the kind declares its study table. What
only the session file has (its own ids, a vote's item, the views) is described here.
The label of each table (what Datasette shows beside an id pointing at a row of it) is
the session table's own (``Table.label``): a participant by pseudonym, never by name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from workshop.core import schema
from workshop.core.connection import connect_readonly
from workshop.core.kinds.registry import STUDY_TABLES, TABLES
from workshop.core.researcher_tables import REBUILD
from workshop.core.store import Store
from workshop.i18n import N_, current_language, translator

Tr = Callable[..., str]

TITLE = N_("Workshop session")
DESCRIPTION = N_("One focus group's session file. Participants appear by pseudonym in labels; "
                 "their names stay in participants.real_name.")
EVENTS_TITLE = N_("Events")
EVENTS_DESCRIPTION = N_("Every change, in order: the truth the tables above are folded from.")

# Columns the study describes under another name, or not at all.
_OWN_COLUMNS = {
    "session_id": N_("Always 1: a session file holds one session."),
    "moment_id": N_("The moment (its number in this session)."),
    "participant_id": N_("The participant (P3 is 3); empty: the group."),
    "idea_id": N_("The idea (its number in this session)."),
    "note_id": N_("The note (its number in this session)."),
    "action_id": N_("The action (its number in this session)."),
    "expectation_id": N_("The expectation (its number in this session)."),
    "finding_id": N_("The finding (its number in this session)."),
    "ranking_id": N_("The ranking (ranking 1, 2… in this session)."),
    "proposal_id": N_("What a phone sent, in the order it came."),
    "draw_id": N_("The prompt card drawn (the draw's number in this session)."),
    "round_id": N_("The vote (vote 1, 2… in this session)."),
    "real_name": N_("The participant's name: personal data, kept only in this file."),
    "default_dots": N_("Dots the script gives a vote that says none; each vote's own are in "
                       "vote_rounds.dots_each."),
    "default_cap": N_("The script's cap per item for a vote that says none."),
    "crosshairs": N_("Where the 2×2's cross-hairs sit: data (the group's means) or scale."),
    "current_step_number": N_("The step on screen now, or when the session was left."),
    "step_number": N_("The step, numbered as the screen shows it (step 1 is the first)."),
    "moment_ids": N_("The moments a finding rests on: a JSON list of moment_id values."),
    "note_ids": N_("The quotes and insights a finding rests on: a JSON list of note_id values."),
    "for_moment_id": N_("The moment the phone sent it for (it may have left the board since)."),
    "entry_id": N_("What it became on the board (or repeated): a moment_id, idea_id… by event."),
}

# Where a column of one table says more than its name does elsewhere.
_IN_TABLE = {
    ("session", "title"): N_("The session's title."),
    ("session", "client"): N_("Who the study is for."),
    ("session", "facilitator"): N_("Who ran the group."),
    ("session", "lang"): N_("The session's language (en, es, pt_BR)."),
    ("session", "script_name"): N_("The script it ran (its file name)."),
    ("session", "script_title"): N_("The script's title."),
    ("session", "created_at"): N_("When the session was created (UTC)."),
    ("session", "finished"): N_("1 once the facilitator finished it."),
    ("steps", "elapsed_seconds"): N_("Seconds its clock ran."),
    ("steps", "running_since"): N_("When its clock was started, if it is running."),
    ("steps", "entered_at"): N_("When the session first came to it (UTC)."),
    ("group_feelings", "text"): N_("The facilitator's note on how split the room was."),
    ("prompts", "prompt_id"): N_("The card in the deck."),
    ("prompts", "technique"): N_("The lateral-thinking technique of the card."),
    ("prompts", "text"): N_("The card as shown, the moment's name filled in."),
    ("prompts", "created_at"): N_("When it was drawn (UTC)."),
    ("ideas", "prompt_id"): N_("The deck's card the idea answers (empty: none)."),
    ("ideas", "prompt_text"): N_("That card as shown."),
    ("vote_rounds", "revealed_at"): N_("When its results were shown (UTC)."),
    ("rankings", "target"): N_("moments or ideas: what is ranked."),
    ("rankings", "top"): N_("How many places each participant fills."),
    ("ranks", "rank"): N_("The place given, 1 first."),
    ("findings", "headline"): N_("The finding in one line."),
    ("findings", "meaning"): N_("What it means."),
    ("findings", "recommendation"): N_("What to do."),
    ("findings", "figures"): N_("The figures it cites: a JSON list of [measure, moment_id or "
                                "idea_id]; their values are read from the session when shown."),
    ("findings", "position"): N_("Its place in the consultant's order, 1 first."),
    ("findings", "created_at"): N_("When it was written (UTC)."),
    ("proposals", "event"): N_("What kind of entry the phone sent (moment_added, idea_added…)."),
    ("proposals", "text"): N_("Its text, as sent."),
    ("proposals", "status"): N_("waiting, accepted or rejected by the facilitator."),
    ("proposals", "created_at"): N_("When it arrived (UTC)."),
    ("votes", "moment_id"): N_("The moment the dots are on (a vote on moments; empty in a vote on "
                               "ideas)."),
    ("votes", "idea_id"): N_("The idea the dots are on (a vote on ideas; empty in a vote on "
                             "moments)."),
    ("ranks", "moment_id"): N_("The moment placed (a ranking of moments)."),
    ("ranks", "idea_id"): N_("The idea placed (a ranking of ideas)."),
}

# The tables a study has no table of the same name for.
_OWN_TABLES = {
    "session": (
        N_("The session"),
        N_("The session this file holds, in one row."),
    ),
    "prompts": (
        N_("Prompt cards drawn"),
        N_("Each lateral-thinking card drawn in the excellence step, for which moment."),
    ),
    "rankings": (
        N_("Rankings"),
        N_("Each ranking step: what was ranked and how many places."),
    ),
    "ranks": (
        N_("Places given"),
        N_("Each participant's places in a ranking, on a moment or an idea."),
    ),
    "findings": (
        N_("Findings"),
        N_("The consultant's findings, each resting on moments, quotes and figures of the "
           "session."),
    ),
    "proposals": (
        N_("Entries from phones"),
        N_("What participants' phones sent while the session held them for the facilitator: "
           "waiting, accepted (entry_id: what it became) or rejected."),
    ),
}

_VIEWS = {
    "moment_scores": (
        N_("Moment scores"),
        N_("Each moment's figures, as the gaps step computes them: dots and importance from the "
           "vote that counts, the mean ratings, the paired gap, the quadrant and the priority."),
    ),
    "gap_table": (
        N_("The gap table"),
        N_("The gaps step's table along the journey: importance, expectation, performance, the gap"
           " with how many people stand behind it, the quadrant and the priority."),
    ),
}


def _table_metadata(name: str, tr: Tr) -> dict[str, Any]:
    table = TABLES[name]
    study = STUDY_TABLES.get(name)
    described = {c.name: c.description for c in study.columns} if study else {}
    columns = {c: _IN_TABLE.get((name, c)) or _OWN_COLUMNS.get(c) or described.get(c, "")
               for c in table.columns}
    entry: dict[str, Any] = {"columns": {c: tr(d) for c, d in columns.items() if d}}
    title, description = _OWN_TABLES.get(name, (None, None))
    if study is not None:
        entry.update(title=tr(study.title), description=tr(study.description),
                     facets=[f for f in study.facets if f in table.columns])
    if title and description:
        entry.update(title=tr(title), description=tr(description))
    if table.label:
        entry["label_column"] = table.label
    return entry


def session_language(path: Path) -> str | None:
    """The language the session was run in, as its file says."""
    with closing(connect_readonly(path)) as conn:
        try:
            row = conn.execute("SELECT lang FROM session").fetchone()
        except sqlite3.Error:
            return None
    return str(row[0]) if row and row[0] else None


def metadata(path: Path, lang: str | None = None) -> dict[str, Any]:
    """Datasette's metadata for one session file, in ``lang`` (default: the session's
    own language): titles, descriptions, labels, facets; the file's own bookkeeping
    hidden (its full-text tables Datasette hides itself)."""
    tr = translator(lang or session_language(path) or current_language())
    tables = {name: _table_metadata(name, tr) for name in TABLES}
    for name, (title, description) in _VIEWS.items():
        tables[name] = {"title": tr(title), "description": tr(description)}
    for name in ("meta", "_sqlite_migrations"):
        tables[name] = {"hidden": True}
    tables["events"] = {"title": tr(EVENTS_TITLE), "description": tr(EVENTS_DESCRIPTION)}
    return {"title": tr(TITLE), "description": tr(DESCRIPTION),
            "databases": {path.stem: {"tables": tables}}}


def tables_up_to_date(path: Path) -> None:
    """Check the file is a session of ours and bring its readable tables up to this
    version's (a file from before m011 is opened for writing once, which migrates it);
    a file already current is only read. SessionFileError when it cannot be."""
    schema.check_file(path)
    Store.open(path, readonly=True).close()  # ours, holding no SQL of its own
    with closing(connect_readonly(path)) as conn:
        done = conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name = ?",
                            [schema.RESEARCHER_TABLES]).fetchone()
        pending = done and conn.execute("SELECT 1 FROM meta WHERE key = ?",
                                        [REBUILD]).fetchone()
    if not done or pending:
        Store.open(path).close()
