"""The session's state: what the board holds after the events folded so far.

Entries are frozen: a change is a new entry set into its container, so the containers
can note what changed (``tracked``) and a copy of the state can share its entries. The
fold itself is ``fold.py``; each kind of step declares how its events change this
state (``kinds/``). Data a kind keeps for itself lives in a part of the state
(``Part``), declared in that kind's own module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import field
from datetime import datetime
from typing import Any, Generic, TypeVar

from workshop.core.events import seconds_between
from workshop.core.record import record
from workshop.core.tracked import Tracked, TrackedList
from workshop.i18n import N_, t

STAGES = ("before", "during", "after")
# How a step's time is known (Step.time_taken): its clock, the time between step
# changes where the clock was never used, or not at all.
CLOCK, CHANGES, NOT_TIMED = "clock", "changes", "not_timed"
# A stretch longer than this without any event is the session left open or closed and
# reopened later, not a step running: it is not counted as time on the step.
IDLE_SECONDS = 3600
# Events that set a session up before it starts: time passes on no step until another.
SETUP = frozenset({"session_created", "participant_added", "participant_edited",
                   "session_edited"})
# Whether a step's clock starts by itself when the step is entered ("auto", the default)
# or only with F5 ("manual"): a script's front matter says, a session may change it.
CLOCK_MODES = ("auto", "manual")
TOUCHPOINTS = ("direct", "indirect")
EXPECTATION_TYPES = ("stated", "latent")
NOTE_TYPES = ("note", "quote")
ACTION_TYPES = ("action", "next_step")
VOTE_TARGETS = ("moments", "ideas")
# The two 1–5 scales of the expectations step (METHOD.md): how well usual providers
# perform a moment today (P), and the level the participant expects there (E).
PERFORMANCE, EXPECTATION = "performance", "expectation"
SCALES = (PERFORMANCE, EXPECTATION)
# Where the importance–performance cross-hairs sit (METHOD.md): at this group's means,
# or at the scale's midpoint 3 and an equal share of the dots.
CROSSHAIRS = ("data", "scale")
# What a finding's figure may be: a moment's number (item = mid), or an idea's dots in
# the latest vote on ideas (item = iid).
FIGURE_MEASURES = ("importance", "expectation", "performance", "gap", "priority", "idea_dots")


# The stages' and touchpoints' words, translated where they are shown (only the one a
# row has: every row of a long table translated all five).
STAGE_WORDS = {"before": N_("before"), "during": N_("during"), "after": N_("after")}
TOUCHPOINT_WORDS = {"direct": N_("direct"), "indirect": N_("indirect")}


def stage_label(stage: str | None, tr: Callable[..., str] = t) -> str:
    """A journey stage in words ("before"), "" for none; ``tr`` picks the language."""
    word = STAGE_WORDS.get(stage or "")
    return tr(word) if word else ""


def touchpoint_label(touchpoint: str | None, tr: Callable[..., str] = t) -> str:
    """A touchpoint in words ("direct"), "" for none."""
    word = TOUCHPOINT_WORDS.get(touchpoint or "")
    return tr(word) if word else ""


@record(slots=True)
class Participant:
    """A participant: a pseudonym always, a real name only if the facilitator typed one."""

    pid: int
    pseudonym: str
    name: str | None = None
    segment: str | None = None
    consent: bool = False

    @property
    def label(self) -> str:
        return self.name or self.pseudonym


@record(slots=True)
class Step:
    """A step of the script as the session runs it: its clock and time spent included."""

    index: int
    title: str
    kind: str
    minutes: float
    body: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds, completed timer runs
    running_since: str | None = None
    entered_at: str | None = None
    # Seconds the session stood on this step, from one step change to the next (idle
    # stretches left out): how long it took where its clock was never used.
    dwell: float = 0.0

    def elapsed_at(self, at: str | None) -> float:
        """Seconds on this step's timer at time ``at`` (counting a running timer)."""
        if self.running_since and at:
            return self.elapsed + max(0.0, seconds_between(self.running_since, at))
        return self.elapsed

    def time_taken(self, at: str | None) -> tuple[float, str]:
        """(seconds, how it is known) for the step at time ``at``: its clock where it was
        used (CLOCK), else the time between step changes (CHANGES), else (0, NOT_TIMED)."""
        clocked = self.elapsed_at(at)
        if clocked > 0 or self.running_since:
            return clocked, CLOCK
        if self.dwell > 0:
            return self.dwell, CHANGES
        return 0.0, NOT_TIMED


@record(slots=True)
class Moment:
    """A moment of truth on the board, where it sits on the journey and who raised it."""

    mid: int
    text: str
    stage: str | None = None
    touchpoint: str | None = None
    pid: int | None = None
    created_at: str = ""


@record(slots=True)
class Expectation:
    """An expectation said of a moment: stated, or a latent need."""

    xid: int
    mid: int
    type: str
    text: str
    pid: int | None = None
    created_at: str = ""


@record(slots=True)
class Rating:
    """A participant's 1–5 rating of a moment, on the performance or expectation scale."""

    mid: int
    pid: int
    value: int
    created_at: str = ""
    scale: str = PERFORMANCE


@record(slots=True)
class PromptDraw:
    """A lateral-thinking card drawn, for a moment or for the whole board."""

    did: int
    prompt_id: str
    technique: str
    text: str
    mid: int | None = None
    created_at: str = ""


@record(slots=True)
class Idea:
    """An idea for a moment, and the card it answers if it came from one."""

    iid: int
    mid: int
    text: str
    pid: int | None = None
    did: int | None = None
    prompt_id: str | None = None
    technique: str | None = None
    prompt_text: str | None = None
    created_at: str = ""


@record(slots=True)
class VoteRound:
    """A dot vote: its target, budget, cap and whether it is blind or revealed."""

    rid: int
    target: str
    dots: int
    cap: int | None = None
    blind: bool = True
    step: int | None = None
    revealed: bool = False
    revealed_at: str | None = None


@record(slots=True)
class Note:
    """A note taken during a step: a quote, an observation or an insight."""

    nid: int
    type: str
    text: str
    pid: int | None = None
    mid: int | None = None
    step: int | None = None
    created_at: str = ""
    insight: bool = False  # the facilitator marked it as an insight when typing it


@record(slots=True)
class Action:
    """A next step or corrective action of the wrap-up, with its owner and date."""

    aid: int
    type: str
    text: str
    mid: int | None = None
    owner: str | None = None
    created_at: str = ""
    due: str | None = None  # by when, as typed ("end of November", "2026-12-01")
    measure: str | None = None  # how success is measured


@record(slots=True)
class Finding:
    """One finding of the consultant's synthesis. Its evidence is picked from the
    session, never retyped: moment ids, note ids (quotes, insights) and figures as
    (measure, item) pairs whose numbers are read from the analysis when shown, so they
    always match the session. Tuples: copies of a state share them safely."""

    fid: int
    headline: str
    meaning: str = ""  # what it means
    recommendation: str = ""  # what to do
    moments: tuple[int, ...] = ()
    quotes: tuple[int, ...] = ()  # nids: quotes, or notes marked as insights
    figures: tuple[tuple[str, int], ...] = ()  # (one of FIGURE_MEASURES, mid or iid)
    created_at: str = ""


P = TypeVar("P")

# part name -> how to make it empty: filled by each kind's ``Part`` when its module is
# imported (``kinds.registry`` imports them all before any state is made).
PARTS: dict[str, Callable[[], Any]] = {}


class Part(Generic[P]):
    """Data one kind keeps for itself in every state (a mutable dataclass of tracked
    containers), e.g. ``RANKINGS = Part("ranking", RankingState)``; ``RANKINGS.of(state)``
    reads or changes it."""

    def __init__(self, name: str, factory: Callable[[], P]):
        if name in PARTS:
            raise ValueError(f"two parts of the state are called {name!r}")
        self.name, self.factory = name, factory
        PARTS[name] = factory

    def of(self, state: SessionState) -> P:
        part = state.parts.get(self.name)
        if part is None:  # a state made before this kind was imported
            part = state.parts[self.name] = self.factory()
        return part


def _new_parts() -> dict[str, Any]:
    return {name: factory() for name, factory in PARTS.items()}


@record(frozen=False)
class SessionState:
    """A session as the fold of its events: what every view, the readable tables and
    the report read."""

    title: str = ""
    client: str = ""
    facilitator: str = ""
    lang: str = "en"
    script: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    finished: bool = False
    finished_at: str = ""  # when it was last finished
    current_step: int = 0
    clocks: str | None = None  # CLOCK_MODES, as the facilitator set it for this session
    participants: Tracked[int, Participant] = field(default_factory=Tracked)
    steps: TrackedList[Step] = field(default_factory=TrackedList)
    moments: Tracked[int, Moment] = field(default_factory=Tracked)
    order: TrackedList[int] = field(default_factory=TrackedList)  # moment ids along the journey
    expectations: Tracked[int, Expectation] = field(default_factory=Tracked)
    ratings: Tracked[tuple[int, int], Rating] = field(default_factory=Tracked)  # performance (P)
    expected: Tracked[tuple[int, int], Rating] = field(default_factory=Tracked)  # expectation (E)
    prompts: Tracked[int, PromptDraw] = field(default_factory=Tracked)
    ideas: Tracked[int, Idea] = field(default_factory=Tracked)
    rounds: Tracked[int, VoteRound] = field(default_factory=Tracked)
    votes: Tracked[tuple[int, int, int], int] = field(default_factory=Tracked)
    notes: Tracked[int, Note] = field(default_factory=Tracked)
    actions: Tracked[int, Action] = field(default_factory=Tracked)
    findings: Tracked[int, Finding] = field(default_factory=Tracked)
    finding_order: TrackedList[int] = field(default_factory=TrackedList)  # the consultant's order
    # Duplicates merged into another moment: gone from the board, but whoever raised one
    # still raised it (participation counts it).
    merged: dict[int, Moment] = field(default_factory=dict)
    # What the kinds keep for themselves, by part name (``Part``).
    parts: dict[str, Any] = field(default_factory=_new_parts)
    last_event_id: int = 0
    last_at: str = ""
    undone: set[int] = field(default_factory=set)  # ids of the events undo cancelled
    skipped: list[int] = field(default_factory=list)  # events a lenient fold could not apply
    high: dict[str, int] = field(default_factory=dict)  # highest id ever used, undone included
    # Every name each participant (by pid) was ever given, in the order given, undone and
    # corrected ones included: texts typed before a correction ("Luiz" for Luis) still
    # hold the earlier spelling, which is a real name too (names.people_of).
    names_given: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # Dots used per (round, participant), kept beside ``votes`` by the vote's fold:
    # checking a vote must not sum every dot ever cast (a long session has tens of
    # thousands).
    used: dict[tuple[int, int], int] = field(default_factory=dict, compare=False, repr=False)
    # The time of the last event read once the session started, parsed once (Step.dwell).
    last_time: datetime | None = field(default=None, compare=False, repr=False)

    # ---- reading helpers used by every view -------------------------------------
    @property
    def dots(self) -> int:
        return int(self.script.get("dots", 3))

    @property
    def cap(self) -> int | None:
        cap = self.script.get("cap")
        return int(cap) if cap else None

    def ordered_moments(self) -> list[Moment]:
        return [self.moments[m] for m in self.order]

    def ordered_findings(self) -> list[Finding]:
        return [self.findings[f] for f in self.finding_order]

    def insights(self) -> list[Note]:
        """Notes and quotes marked as insights, in the order they were taken."""
        return [n for _, n in sorted(self.notes.items()) if n.insight]

    def scale_ratings(self, scale: str) -> Tracked[tuple[int, int], Rating]:
        """The ratings of one scale, by (moment, participant)."""
        return self.expected if scale == EXPECTATION else self.ratings

    def next_id(self, counter: str, existing: Collection[int]) -> int:
        """A fresh id for ``counter``'s entries: never one an undone or deleted entry had
        (a redo brings it back). Every id in use was noted in ``high`` as its event was
        folded (``fold._note_id``; the fold property tests hold this), so ``existing``, read
        through on every record before, is only looked at for a counter never noted."""
        high = self.high.get(counter)
        return high + 1 if high is not None else max(existing, default=0) + 1

    def step(self) -> Step | None:
        return self.steps[self.current_step] if self.steps else None

    @property
    def auto_clock(self) -> bool:
        """Whether entering a step starts its clock: the session's choice, else the
        script's, else yes."""
        mode = self.clocks or self.script.get("clocks")
        return mode != "manual"

    def participant_label(self, pid: int | None, *, names: bool = True) -> str:
        """A participant as a screen or a listing shows them: the name where one was
        given (else the pseudonym), only the pseudonym with ``names`` off (whatever the
        whole room or a researcher's listing sees); "group" for nobody in particular."""
        p = self.participants.get(pid) if pid is not None else None
        if p is None:
            return t("group")
        return p.label if names else p.pseudonym

    def dots_used(self, rid: int, pid: int) -> int:
        return self.used.get((rid, pid), 0)

    def dots_on(self, rid: int, item: int) -> int:
        return sum(n for (r, _, i), n in self.votes.items() if r == rid and i == item)

    def round_for_step(self, step: int) -> VoteRound | None:
        for r in self.rounds.values():
            if r.step == step:
                return r
        return None

    def moment_of_item(self, target: str, item: int) -> int | None:
        if target == "moments":
            return item
        idea = self.ideas.get(item)
        return idea.mid if idea else None
