"""The gaps step: importance, expectation, performance and the paired gap per moment,
and the importance–performance 2×2 (``analysis.gap_table``). It records nothing of its
own; other kinds may add columns to it (``StepKind.gap_columns``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from workshop.core.checks import TEXT
from workshop.core.kinds.options import one_of
from workshop.core.kinds.spec import Ids, Row, Spec, StepKind, StudyColumn, StudyTable
from workshop.core.state import CROSSHAIRS, SessionState
from workshop.i18n import N_, t

# Where the 2×2's cross-hairs sit (a script's front matter may say it too).
read_crosshairs = one_of(CROSSHAIRS, N_("crosshairs must be data (at this group's means) or "
                                        "scale (at the scale's midpoint), not “{value}”."),
                         as_written=True)
DEFAULT_CROSSHAIRS = "data"


def crosshairs_choice(state: SessionState) -> str:
    """Where this session's script puts the cross-hairs: its gaps step's option, else
    its front matter's, else at the group's means."""
    for step in state.steps:
        if step.kind == "gaps" and step.options.get("crosshairs") in CROSSHAIRS:
            return str(step.options["crosshairs"])
    choice = state.script.get("crosshairs")
    return str(choice) if choice in CROSSHAIRS else DEFAULT_CROSSHAIRS


def _warnings(n: int, options: Mapping[str, Any], before: Collection[str]) -> list[str]:
    if "expectations" in before:
        return []
    return [t("Step {n} analyses gaps, but no expectations step (where the ratings are "
              "given) comes before it.", n=n)]


def _study_scores(s: SessionState, ids: Ids) -> list[Row]:
    # Here, not at the top: every session loads this kind, and the analysis (its gap
    # table, ratings and figures) is read only by a study, a report or the gaps panel.
    from workshop.core import analysis

    table = analysis.gap_table(s)
    source = table.source
    return [{"moment_id": ids("m", r.mid), "dots": r.dots, "importance": r.importance,
             "importance_round_id": ids("v", source.rid) if source else None,
             "expectation": r.expectation, "expectation_n": r.expectation_ratings,
             "performance": r.performance, "performance_n": r.ratings, "gap": r.gap,
             "gap_n": r.gap_n, "quadrant": r.quadrant, "priority": r.priority}
            for r in table.rows]


SPEC = Spec(
    name="gaps",
    steps=(StepKind("gaps", lambda tr: tr("Gaps"),
                    options={"crosshairs": read_crosshairs},
                    unknown_option=N_("Unknown option “{key}” for a gaps step: use {known}."),
                    option_fields={"crosshairs": TEXT},
                    warnings=_warnings),),
    study=(StudyTable(
        "moment_scores", "Moment scores (one group)",
        "Each moment's figures within its own group, as the gaps step and the report "
        "show them: importance from the votes, the mean ratings and the paired gap.",
        (StudyColumn("moment_id", str, "The moment.", "moments"),
         StudyColumn("dots", int, "Dots it received in the vote importance comes from."),
         StudyColumn("importance", float, "Its share of all the dots in that vote (0–1)."),
         StudyColumn("importance_round_id", str, "The vote importance comes from: the "
                     "latest revealed vote on moments, else on ideas.", "vote_rounds"),
         StudyColumn("expectation", float, "Mean expectation rating, 1–5."),
         StudyColumn("expectation_n", int, "How many expectation ratings."),
         StudyColumn("performance", float, "Mean performance rating, 1–5."),
         StudyColumn("performance_n", int, "How many performance ratings."),
         StudyColumn("gap", float, "Mean of performance minus expectation, paired per "
                     "participant; negative falls short."),
         StudyColumn("gap_n", int, "Participants behind the gap."),
         StudyColumn("quadrant", str, "Importance–performance quadrant: concentrate, "
                     "keep, low or overkill."),
         StudyColumn("priority", float, "Importance × the shortfall (max(0, −gap)).")),
        _study_scores, facets=("quadrant",)),),
)
