"""Steps where the group talks and the facilitator takes notes: the introduction and
a discussion. They record nothing of their own (notes and quotes are every step's)."""

from __future__ import annotations

from workshop.core.kinds.spec import Spec, StepKind

SPEC = Spec(
    name="talk",
    steps=(StepKind("intro", lambda tr: tr("Introduction")),
           StepKind("discussion", lambda tr: tr("Discussion"))),
)
