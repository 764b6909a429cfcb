"""The gaps step: importance, expectation, performance and the paired gap per moment,
and the importance–performance 2×2 (``analysis.gap_table``). It records nothing of its
own; other kinds may add columns to it (``StepKind.gap_columns``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from workshop.core.checks import TEXT
from workshop.core.kinds.options import one_of
from workshop.core.kinds.spec import Spec, StepKind
from workshop.core.state import CROSSHAIRS
from workshop.i18n import N_, t

# Where the 2×2's cross-hairs sit (a script's front matter may say it too).
read_crosshairs = one_of(CROSSHAIRS, N_("crosshairs must be data (at this group's means) or "
                                        "scale (at the scale's midpoint), not “{value}”."),
                         as_written=True)


def _warnings(n: int, options: Mapping[str, Any], before: Collection[str]) -> list[str]:
    if "expectations" in before:
        return []
    return [t("Step {n} analyses gaps, but no expectations step (where the ratings are "
              "given) comes before it.", n=n)]


SPEC = Spec(
    name="gaps",
    steps=(StepKind("gaps", lambda tr: tr("Gaps"),
                    options={"crosshairs": read_crosshairs},
                    unknown_option=N_("Unknown option “{key}” for a gaps step: use {known}."),
                    option_fields={"crosshairs": TEXT},
                    warnings=_warnings),),
)
