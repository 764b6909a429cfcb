"""One session file as Datasette shows it (``workshop study serve SESSION.db``).

The titles, descriptions and facets are the study's (``Spec.study``): a table of the
session file and the study's table of the same name hold the same entries, so a
column the two share is described once, where the kind declares its study table. What
only the session file has (its own ids, a vote's item, the views) is described here.
The label of each table (what Datasette shows beside an id pointing at a row of it) is
the session table's own (``Table.label``): a participant by pseudonym, never by name.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

from workshop.core import schema
from workshop.core.connection import connect_readonly
from workshop.core.kinds.registry import STUDY_TABLES, TABLES
from workshop.core.researcher_tables import REBUILD
from workshop.core.store import Store

# Columns the study describes under another name, or not at all.
_OWN_COLUMNS = {
    "session_id": "Always 1: a session file holds one session.",
    "moment_id": "The moment (its number in this session).",
    "participant_id": "The participant (P3 is 3); empty: the group.",
    "idea_id": "The idea (its number in this session).",
    "note_id": "The note (its number in this session).",
    "action_id": "The action (its number in this session).",
    "expectation_id": "The expectation (its number in this session).",
    "finding_id": "The finding (its number in this session).",
    "ranking_id": "The ranking (ranking 1, 2… in this session).",
    "proposal_id": "What a phone sent, in the order it came.",
    "draw_id": "The prompt card drawn (the draw's number in this session).",
    "round_id": "The vote (vote 1, 2… in this session).",
    "real_name": "The participant's name: personal data, kept only in this file.",
    "default_dots": "Dots the script gives a vote that says none; each vote's own are in "
                    "vote_rounds.dots_each.",
    "default_cap": "The script's cap per item for a vote that says none.",
    "crosshairs": "Where the 2×2's cross-hairs sit: data (the group's means) or scale.",
    "current_step_number": "The step on screen now, or when the session was left.",
    "step_number": "The step, numbered as the screen shows it (step 1 is the first).",
    "moment_ids": "The moments a finding rests on: a JSON list of moment_id values.",
    "note_ids": "The quotes and insights a finding rests on: a JSON list of note_id values.",
    "for_moment_id": "The moment the phone sent it for (it may have left the board since).",
    "entry_id": "What it became on the board (or repeated): a moment_id, idea_id… by event.",
}

# Where a column of one table says more than its name does elsewhere.
_IN_TABLE = {
    ("session", "title"): "The session's title.",
    ("session", "client"): "Who the study is for.",
    ("session", "facilitator"): "Who ran the group.",
    ("session", "lang"): "The session's language (en, es, pt_BR).",
    ("session", "script_name"): "The script it ran (its file name).",
    ("session", "script_title"): "The script's title.",
    ("session", "created_at"): "When the session was created (UTC).",
    ("session", "finished"): "1 once the facilitator finished it.",
    ("steps", "elapsed_seconds"): "Seconds its clock ran.",
    ("steps", "running_since"): "When its clock was started, if it is running.",
    ("steps", "entered_at"): "When the session first came to it (UTC).",
    ("group_feelings", "text"): "The facilitator's note on how split the room was.",
    ("prompts", "prompt_id"): "The card in the deck.",
    ("prompts", "technique"): "The lateral-thinking technique of the card.",
    ("prompts", "text"): "The card as shown, the moment's name filled in.",
    ("prompts", "created_at"): "When it was drawn (UTC).",
    ("ideas", "prompt_id"): "The deck's card the idea answers (empty: none).",
    ("ideas", "prompt_text"): "That card as shown.",
    ("vote_rounds", "revealed_at"): "When its results were shown (UTC).",
    ("rankings", "target"): "moments or ideas: what is ranked.",
    ("rankings", "top"): "How many places each participant fills.",
    ("ranks", "rank"): "The place given, 1 first.",
    ("findings", "headline"): "The finding in one line.",
    ("findings", "meaning"): "What it means.",
    ("findings", "recommendation"): "What to do.",
    ("findings", "figures"): "The figures it cites: a JSON list of [measure, moment_id or "
                             "idea_id]; their values are read from the session when shown.",
    ("findings", "position"): "Its place in the consultant's order, 1 first.",
    ("findings", "created_at"): "When it was written (UTC).",
    ("proposals", "event"): "What kind of entry the phone sent (moment_added, idea_added…).",
    ("proposals", "text"): "Its text, as sent.",
    ("proposals", "status"): "waiting, accepted or rejected by the facilitator.",
    ("proposals", "created_at"): "When it arrived (UTC).",
    ("votes", "moment_id"): "The moment the dots are on (a vote on moments; empty in a "
                            "vote on ideas).",
    ("votes", "idea_id"): "The idea the dots are on (a vote on ideas; empty in a vote on "
                          "moments).",
    ("ranks", "moment_id"): "The moment placed (a ranking of moments).",
    ("ranks", "idea_id"): "The idea placed (a ranking of ideas).",
}

# The tables a study has no table of the same name for.
_OWN_TABLES = {
    "session": ("The session", "The session this file holds, in one row."),
    "prompts": ("Prompt cards drawn", "Each lateral-thinking card drawn in the excellence "
                "step, for which moment."),
    "rankings": ("Rankings", "Each ranking step: what was ranked and how many places."),
    "ranks": ("Places given", "Each participant's places in a ranking, on a moment or an "
              "idea."),
    "findings": ("Findings", "The consultant's findings, each resting on moments, quotes and "
                 "figures of the session."),
    "proposals": ("Entries from phones", "What participants' phones sent while the session "
                  "held them for the facilitator: waiting, accepted (entry_id: what it "
                  "became) or rejected."),
}

_VIEWS = {
    "moment_scores": ("Moment scores", "Each moment's figures, as the gaps step computes "
                      "them: dots and importance from the vote that counts, the mean "
                      "ratings, the paired gap, the quadrant and the priority."),
    "gap_table": ("The gap table", "The gaps step's table along the journey: importance, "
                  "expectation, performance, the gap with how many people stand behind it, "
                  "the quadrant and the priority."),
}


def _table_metadata(name: str) -> dict[str, Any]:
    table = TABLES[name]
    study = STUDY_TABLES.get(name)
    described = {c.name: c.description for c in study.columns} if study else {}
    columns = {c: _IN_TABLE.get((name, c)) or _OWN_COLUMNS.get(c) or described.get(c, "")
               for c in table.columns}
    entry: dict[str, Any] = {"columns": {c: d for c, d in columns.items() if d}}
    title, description = _OWN_TABLES.get(name, (None, None))
    if study is not None:
        entry.update(title=study.title, description=study.description,
                     facets=[f for f in study.facets if f in table.columns])
    if title:
        entry.update(title=title, description=description)
    if table.label:
        entry["label_column"] = table.label
    return entry


def metadata(path: Path, lang: str | None = None) -> dict[str, Any]:
    """Datasette's metadata for one session file: titles, descriptions, labels, facets;
    the file's own bookkeeping hidden (its full-text tables Datasette hides itself).
    In English for now, whatever ``lang`` asks (the study's are translated)."""
    del lang
    tables = {name: _table_metadata(name) for name in TABLES}
    for name, (title, description) in _VIEWS.items():
        tables[name] = {"title": title, "description": description}
    for name in ("meta", "_sqlite_migrations"):
        tables[name] = {"hidden": True}
    tables["events"] = {"title": "Events", "description": "Every change, in order: the "
                        "truth the tables above are folded from."}
    return {"title": "Workshop session",
            "description": "One focus group's session file. Participants appear by "
                           "pseudonym in labels; their names stay in participants.real_name.",
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
