"""Every kind, registered here and nowhere else; the maps the rest of the tool reads.

The order of ``SPECS`` is the order of the readable tables (and of the exports), of the
step kinds in messages and of the timeline's categories. A new kind: its module in
``kinds/``, one line below (see the README, "For developers").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop.core.checks import Check
from workshop.core.events import Event
from workshop.core.kinds import (
    entries,
    excellence,
    expectations,
    feelings,
    findings,
    gaps,
    moments,
    notes,
    ranking,
    room,
    session,
    talk,
    vote,
    wrapup,
)
from workshop.core.kinds.spec import (
    Entity,
    EventSpec,
    Migration,
    MomentColumn,
    PhoneEntry,
    ReportWords,
    Section,
    Spec,
    StepKind,
    StudyTable,
    Table,
    Tr,
)
from workshop.core.state import SessionState, Step

SPECS: tuple[Spec, ...] = (
    talk.SPEC,
    session.SPEC,
    moments.SPEC,
    expectations.SPEC,
    feelings.SPEC,
    excellence.SPEC,
    vote.SPEC,
    ranking.SPEC,
    gaps.SPEC,
    notes.SPEC,
    wrapup.SPEC,
    findings.SPEC,
    entries.SPEC,
    room.SPEC,
)


def _unique(kind: str, names: list[str]) -> None:
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"two kinds declare the {kind} {twice[0]!r}")


# event kind -> its declaration
EVENTS: dict[str, EventSpec] = {e.name: e for spec in SPECS for e in spec.events}
_unique("event", [e.name for spec in SPECS for e in spec.events])

# step kind -> its declaration (what a script's {kind=…} may name)
STEP_KINDS: dict[str, StepKind] = {k.name: k for spec in SPECS for k in spec.steps}
_unique("step kind", [k.name for spec in SPECS for k in spec.steps])
STEP_ALIASES = {alias: k.name for k in STEP_KINDS.values() for alias in k.aliases}

# readable table -> its declaration, in the order tables are exported
TABLES: dict[str, Table] = {tb.name: tb for spec in SPECS for tb in spec.tables}
_unique("table", [tb.name for spec in SPECS for tb in spec.tables])

# study table -> its declaration, in the order a study database lists them
STUDY_TABLES: dict[str, StudyTable] = {tb.name: tb for spec in SPECS for tb in spec.study}
_unique("study table", [tb.name for spec in SPECS for tb in spec.study])

# entity named by entry_edited / entry_deleted -> its declaration
ENTITIES: dict[str, Entity] = {en.name: en for spec in SPECS for en in spec.entities}

# The kinds of change "undo" walks back over (navigation and the clock are not content).
UNDOABLE = frozenset(name for name, e in EVENTS.items() if e.undoable)

# What the timeline files events under, in order, with their names.
CATEGORIES: dict[str, Callable[[Tr], str]] = {
    name: label for spec in SPECS for name, label in spec.categories.items()}

# A step option's type in a session file, by name, whatever kind gives it.
OPTION_FIELDS: dict[str, Check] = {
    name: check for k in STEP_KINDS.values() for name, check in k.option_fields.items()}

# What sees every event before it folds (``Spec.watch``).
WATCHERS = tuple(spec.watch for spec in SPECS if spec.watch is not None)

# The entries a phone may send, by step kind (``StepKind.phone``).
PHONE: dict[str, tuple[PhoneEntry, ...]] = {k.name: k.phone for k in STEP_KINDS.values()}

# Schema changes the kinds brought after the first three (``schema`` applies them).
MIGRATIONS: tuple[Migration, ...] = tuple(sorted(
    (m for spec in SPECS for m in spec.migrations), key=lambda m: m.name))
_unique("migration", [m.name for m in MIGRATIONS])


def step_kind(name: str) -> StepKind | None:
    """A script's kind by name or alias ("wrap-up"), in any case; None if unknown."""
    name = name.lower()
    return STEP_KINDS.get(STEP_ALIASES.get(name, name))


def step_label(kind: str, tr: Tr) -> str:
    """A step kind's name for people ("Moments of truth"), in ``tr``'s language."""
    found = STEP_KINDS.get(kind)
    return found.label(tr) if found is not None else kind


def hooks(name: str) -> list[Any]:
    """The hooks of that name the specs fill, in registry order."""
    return [hook for spec in SPECS if (hook := getattr(spec, name)) is not None]


def describe(event: Event, state: SessionState) -> str:
    """What ``event`` did, in a few words ("Undone: …"); ``state`` names the moments it
    refers to. Participants appear by pseudonym: the line may be seen by the whole room."""
    spec = EVENTS.get(event.kind)
    if spec is None or spec.describe is None or not isinstance(event.data, dict):
        return event.kind
    return spec.describe(event, state)


def category_label(category: str, tr: Tr) -> str:
    """A timeline category in words ("notes and quotes")."""
    label = CATEGORIES.get(category)
    return label(tr) if label is not None else category


def opening(state: SessionState, step: Step) -> list[tuple[str, dict[str, Any]]]:
    """What must be recorded before ``step`` can be worked (a vote step's vote): the
    screen records these when it shows the step to a writer."""
    kind = STEP_KINDS.get(step.kind)
    if kind is None or kind.opening is None:
        return []
    return kind.opening(state, step)


# ---- what the step kinds show beside the dot votes ---------------------------------------


def gap_columns(state: SessionState, tr: Tr) -> list[MomentColumn]:
    """The columns the kinds add to the gaps step's table, in registry order."""
    return [column for kind in STEP_KINDS.values() if kind.gap_columns is not None
            for column in kind.gap_columns(state, tr)]


def report_sections(words: ReportWords) -> list[Section]:
    """What the kinds add to the report's priorities, after the dot votes."""
    return [section for kind in STEP_KINDS.values() if kind.report is not None
            for section in kind.report(words)]


def summary_lines(state: SessionState) -> list[str]:
    """What the kinds add to `workshop show`, after the dot votes."""
    return [line for kind in STEP_KINDS.values() if kind.summary is not None
            for line in kind.summary(state)]
