"""Migration m011: the readable tables rebuilt for researchers (issue 15).

What a researcher opening a session file in Datasette or SQL meets: column names that
say what they hold (``moment_id``, ``participant_id``), declared foreign keys (Datasette
links an idea to its moment and its author), steps and positions numbered from 1 as the
screen numbers them, votes and ranks that say whether they are on a moment or on an
idea, each vote's own budget (``vote_rounds.dots_each``; the session's ``default_dots``
is only the script's default), and two views for the usual questions: each moment's
figures (``moment_scores``) and the gaps step's table (``gap_table``).

The old tables are dropped, not copied: they were derived from the events, and the
store folds the events again into the new ones (``REBUILD``, a row of ``meta`` set here
and cleared by the first writer that opens the file). Everything here is frozen once
released, as every migration: later changes are later migrations. A test holds the
kinds' declarations (``Table``) to what this builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

TOKENIZE = "unicode61 remove_diacritics 2"

# meta's key saying the readable tables are to be filled from the events.
REBUILD = "rebuild_tables"

_OLD = ("session", "participants", "steps", "moments", "expectations", "ratings", "prompts",
        "ideas", "vote_rounds", "votes", "notes", "actions", "findings", "rankings", "ranks",
        "feelings", "group_feelings", "proposals")

# table -> (columns, primary key or None, foreign keys, key held by a unique index
# instead: SQL expressions), in an order where every table comes after those it points at.
_I, _S, _F = int, str, float
_TABLES: dict[str, tuple[dict[str, type], tuple[str, ...] | None, dict[str, str],
                         tuple[str, ...]]] = {
    "steps": ({"step_number": _I, "title": _S, "kind": _S, "minutes_planned": _F,
               "elapsed_seconds": _F, "running_since": _S, "entered_at": _S},
              ("step_number",), {}, ()),
    "session": ({"session_id": _I, "title": _S, "client": _S, "facilitator": _S, "lang": _S,
                 "script_name": _S, "script_title": _S, "default_dots": _I, "default_cap": _I,
                 "crosshairs": _S, "created_at": _S, "current_step_number": _I,
                 "finished": _I},
                ("session_id",), {"current_step_number": "steps"}, ()),
    "participants": ({"participant_id": _I, "pseudonym": _S, "real_name": _S, "segment": _S,
                      "consent": _I}, ("participant_id",), {}, ()),
    "moments": ({"moment_id": _I, "text": _S, "stage": _S, "touchpoint": _S,
                 "participant_id": _I, "created_at": _S, "position": _I},
                ("moment_id",), {"participant_id": "participants"}, ()),
    "expectations": ({"expectation_id": _I, "moment_id": _I, "type": _S, "text": _S,
                      "participant_id": _I, "created_at": _S},
                     ("expectation_id",),
                     {"moment_id": "moments", "participant_id": "participants"}, ()),
    "ratings": ({"moment_id": _I, "participant_id": _I, "value": _I, "created_at": _S,
                 "scale": _S}, ("moment_id", "participant_id", "scale"),
                {"moment_id": "moments", "participant_id": "participants"}, ()),
    "feelings": ({"moment_id": _I, "participant_id": _I, "value": _I, "created_at": _S},
                 ("moment_id", "participant_id"),
                 {"moment_id": "moments", "participant_id": "participants"}, ()),
    "group_feelings": ({"moment_id": _I, "value": _I, "text": _S, "created_at": _S},
                       ("moment_id",), {"moment_id": "moments"}, ()),
    "prompts": ({"draw_id": _I, "prompt_id": _S, "technique": _S, "text": _S, "moment_id": _I,
                 "created_at": _S}, ("draw_id",), {"moment_id": "moments"}, ()),
    "ideas": ({"idea_id": _I, "moment_id": _I, "text": _S, "participant_id": _I,
               "draw_id": _I, "prompt_id": _S, "technique": _S, "prompt_text": _S,
               "created_at": _S}, ("idea_id",),
              {"moment_id": "moments", "participant_id": "participants",
               "draw_id": "prompts"}, ()),
    "vote_rounds": ({"round_id": _I, "target": _S, "dots_each": _I, "cap_per_item": _I,
                     "blind": _I, "step_number": _I, "revealed": _I, "revealed_at": _S},
                    ("round_id",), {"step_number": "steps"}, ()),
    "votes": ({"round_id": _I, "participant_id": _I, "moment_id": _I, "idea_id": _I,
               "dots": _I}, None,
              {"round_id": "vote_rounds", "participant_id": "participants",
               "moment_id": "moments", "idea_id": "ideas"},
              ("round_id", "participant_id", "coalesce(moment_id, idea_id)")),
    "rankings": ({"ranking_id": _I, "target": _S, "top": _I, "step_number": _I},
                 ("ranking_id",), {"step_number": "steps"}, ()),
    "ranks": ({"ranking_id": _I, "participant_id": _I, "moment_id": _I, "idea_id": _I,
               "rank": _I}, None,
              {"ranking_id": "rankings", "participant_id": "participants",
               "moment_id": "moments", "idea_id": "ideas"},
              ("ranking_id", "participant_id", "coalesce(moment_id, idea_id)")),
    "notes": ({"note_id": _I, "type": _S, "text": _S, "participant_id": _I, "moment_id": _I,
               "step_number": _I, "created_at": _S, "insight": _I}, ("note_id",),
              {"participant_id": "participants", "moment_id": "moments",
               "step_number": "steps"}, ()),
    "actions": ({"action_id": _I, "type": _S, "text": _S, "moment_id": _I, "owner": _S,
                 "created_at": _S, "due": _S, "measure": _S}, ("action_id",),
                {"moment_id": "moments"}, ()),
    "findings": ({"finding_id": _I, "headline": _S, "meaning": _S, "recommendation": _S,
                  "moment_ids": _S, "note_ids": _S, "figures": _S, "position": _I,
                  "created_at": _S}, ("finding_id",), {}, ()),
    "proposals": ({"proposal_id": _I, "event": _S, "text": _S, "for_moment_id": _I,
                   "participant_id": _I, "status": _S, "entry_id": _I, "created_at": _S},
                  ("proposal_id",), {"participant_id": "participants"}, ()),
}

# What `workshop search` finds, by table: the columns of its full-text index.
_SEARCHED = {"moments": ["text"], "expectations": ["text"], "ideas": ["text"],
             "notes": ["text"], "actions": ["text"],
             "findings": ["headline", "meaning", "recommendation"], "group_feelings": ["text"]}

# Each moment's figures within the session, as analysis.gap_table computes them:
# importance is its share of the dots in the latest vote that counts (revealed, or not
# blind) on moments, else on ideas (an idea's dots counted for its moment); the ratings'
# means; the gap is performance minus expectation paired per participant; the quadrant
# is placed against the session's cross-hairs (at the means of the moments that have
# both figures, or at the scale's midpoint and an even share); priority is importance
# times the shortfall.
_MOMENT_SCORES = """
CREATE VIEW moment_scores AS
WITH counted AS (
  SELECT round_id, target FROM vote_rounds WHERE revealed = 1 OR blind = 0),
source AS (
  SELECT max(round_id) AS round_id FROM counted
  WHERE target = CASE WHEN EXISTS (SELECT 1 FROM counted WHERE target = 'moments')
                      THEN 'moments' ELSE 'ideas' END),
cast_dots AS (
  SELECT coalesce(v.moment_id, i.moment_id) AS moment_id, v.participant_id, v.dots
  FROM votes v JOIN source s ON v.round_id = s.round_id
  LEFT JOIN ideas i ON i.idea_id = v.idea_id
  WHERE v.dots > 0 AND coalesce(v.moment_id, i.moment_id) IN (SELECT moment_id FROM moments)),
voted AS (
  SELECT round_id, total FROM (
    SELECT (SELECT round_id FROM source) AS round_id, sum(dots) AS total, count(*) AS n
    FROM cast_dots) WHERE n > 0),
importance AS (
  SELECT m.moment_id, coalesce(sum(c.dots), 0) AS dots,
         CASE WHEN voted.total > 0 THEN 1.0 * coalesce(sum(c.dots), 0) / voted.total
              ELSE 0.0 END AS importance,
         voted.round_id AS round_id
  FROM moments m JOIN voted LEFT JOIN cast_dots c ON c.moment_id = m.moment_id
  GROUP BY m.moment_id),
performance AS (
  SELECT moment_id, avg(value) AS mean, count(*) AS n FROM ratings
  WHERE scale = 'performance' GROUP BY moment_id),
expectation AS (
  SELECT moment_id, avg(value) AS mean, count(*) AS n FROM ratings
  WHERE scale = 'expectation' GROUP BY moment_id),
paired AS (
  SELECT p.moment_id, avg(p.value - e.value) AS gap, count(*) AS n
  FROM ratings p JOIN ratings e ON e.moment_id = p.moment_id
   AND e.participant_id = p.participant_id AND e.scale = 'expectation'
  WHERE p.scale = 'performance' GROUP BY p.moment_id),
figures AS (
  SELECT m.moment_id, m.position, i.dots, i.importance, i.round_id,
         e.mean AS expectation, coalesce(e.n, 0) AS expectation_n,
         p.mean AS performance, coalesce(p.n, 0) AS performance_n,
         g.gap, coalesce(g.n, 0) AS gap_n
  FROM moments m LEFT JOIN importance i ON i.moment_id = m.moment_id
  LEFT JOIN performance p ON p.moment_id = m.moment_id
  LEFT JOIN expectation e ON e.moment_id = m.moment_id
  LEFT JOIN paired g ON g.moment_id = m.moment_id),
cross_hairs AS (
  SELECT CASE WHEN (SELECT crosshairs FROM session) = 'scale'
              THEN CASE WHEN EXISTS (SELECT 1 FROM voted)
                        THEN 1.0 / (SELECT count(*) FROM moments) END
              ELSE (SELECT avg(importance) FROM figures
                    WHERE importance IS NOT NULL AND performance IS NOT NULL) END AS i,
         CASE WHEN (SELECT crosshairs FROM session) = 'scale' THEN 3.0
              ELSE (SELECT avg(performance) FROM figures
                    WHERE importance IS NOT NULL AND performance IS NOT NULL) END AS p)
SELECT f.moment_id, f.position, f.dots, f.importance, f.round_id AS importance_round_id,
       f.expectation, f.expectation_n, f.performance, f.performance_n, f.gap, f.gap_n,
       CASE WHEN f.importance IS NULL OR f.performance IS NULL OR c.i IS NULL
                 OR c.p IS NULL THEN NULL
            WHEN f.importance >= c.i THEN
                 CASE WHEN f.performance >= c.p THEN 'keep' ELSE 'concentrate' END
            WHEN f.performance >= c.p THEN 'overkill' ELSE 'low' END AS quadrant,
       CASE WHEN f.importance IS NULL OR f.gap IS NULL THEN NULL
            ELSE f.importance * max(0.0, -f.gap) END AS priority
FROM figures f JOIN cross_hairs c
"""

# The gaps step's table as the screen and the report show it: the journey in order.
_GAP_TABLE = """
CREATE VIEW gap_table AS
SELECT m.position, m.moment_id, m.text AS moment, m.stage, m.touchpoint, s.dots,
       s.importance, s.expectation, s.expectation_n, s.performance, s.performance_n,
       s.gap, s.gap_n, s.quadrant, s.priority
FROM moments m JOIN moment_scores s ON s.moment_id = m.moment_id
ORDER BY m.position
"""


def m011_researcher_tables(db: Database) -> None:
    for table in _SEARCHED:
        db.execute(f"DROP TABLE IF EXISTS [{table}_fts]")  # its triggers go with its table
    for table in _OLD:
        db.execute(f"DROP TABLE IF EXISTS [{table}]")
    for table, (columns, pk, references, unique) in _TABLES.items():
        db.table(table).create(
            columns, pk=(pk[0] if len(pk) == 1 else pk) if pk else None,
            not_null={c for c in (pk or ())},
            foreign_keys=[(column, other, _TABLES[other][1][0])  # type: ignore[index]
                          for column, other in references.items()])
        if unique:
            db.execute(f"CREATE UNIQUE INDEX [{table}_key] ON [{table}] ({', '.join(unique)})")
    for table, searched in _SEARCHED.items():
        db.table(table).enable_fts(searched, create_triggers=True, tokenize=TOKENIZE)
    db.execute(_MOMENT_SCORES)
    db.execute(_GAP_TABLE)
    # A file with events gets its tables filled from them by the first writer to open
    # it (a new file's are filled as it records).
    db.execute("INSERT INTO meta (key, value) SELECT ?, 'm011' WHERE EXISTS "
               "(SELECT 1 FROM events)", [REBUILD])
