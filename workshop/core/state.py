"""Session state, and the fold that builds it from events.

``apply(state, event)`` checks the domain rules first and only then changes the state,
so a refused event (``RuleError``) leaves the state as it was. It also notes which
table rows it changed (``state.touched``), so the store rewrites only those.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable

from workshop.core.errors import RuleError
from workshop.core.events import Event, seconds_between
from workshop.i18n import t

STAGES = ("before", "during", "after")
TOUCHPOINTS = ("direct", "indirect")


def stage_label(stage: str | None, tr: Callable[..., str] = t) -> str:
    """A journey stage in words ("before"), "" for none; ``tr`` picks the language."""
    return {"before": tr("before"), "during": tr("during"), "after": tr("after")}.get(
        stage or "", "")


def touchpoint_label(touchpoint: str | None, tr: Callable[..., str] = t) -> str:
    """A touchpoint in words ("direct"), "" for none."""
    return {"direct": tr("direct"), "indirect": tr("indirect")}.get(touchpoint or "", "")


EXPECTATION_TYPES = ("stated", "latent")
NOTE_TYPES = ("note", "quote")
ACTION_TYPES = ("action", "next_step")
VOTE_TARGETS = ("moments", "ideas")
# The two 1–5 scales of the expectations step (METHOD.md): how well usual providers
# perform a moment today (P), and the level the participant expects there (E).
PERFORMANCE, EXPECTATION = "performance", "expectation"
SCALES = (PERFORMANCE, EXPECTATION)
# What a finding's figure may be: a moment's number (item = mid), or an idea's dots in
# the latest vote on ideas (item = iid).
# Where the importance–performance cross-hairs sit (METHOD.md): at this group's means,
# or at the scale's midpoint 3 and an equal share of the dots.
CROSSHAIRS = ("data", "scale")
FIGURE_MEASURES = ("importance", "expectation", "performance", "gap", "priority", "idea_dots")


@dataclass
class Participant:
    pid: int
    pseudonym: str
    name: str | None = None
    segment: str | None = None
    consent: bool = False

    @property
    def label(self) -> str:
        return self.name or self.pseudonym


@dataclass
class Step:
    index: int
    title: str
    kind: str
    minutes: float
    body: str = ""
    options: dict = field(default_factory=dict)
    elapsed: float = 0.0  # seconds, completed timer runs
    running_since: str | None = None
    entered_at: str | None = None

    def elapsed_at(self, at: str | None) -> float:
        """Seconds on this step's timer at time ``at`` (counting a running timer)."""
        if self.running_since and at:
            return self.elapsed + max(0.0, seconds_between(self.running_since, at))
        return self.elapsed


@dataclass
class Moment:
    mid: int
    text: str
    stage: str | None = None
    touchpoint: str | None = None
    pid: int | None = None
    created_at: str = ""


@dataclass
class Expectation:
    xid: int
    mid: int
    type: str
    text: str
    pid: int | None = None
    created_at: str = ""


@dataclass
class Rating:
    mid: int
    pid: int
    value: int
    created_at: str = ""
    scale: str = PERFORMANCE


@dataclass
class PromptDraw:
    did: int
    prompt_id: str
    technique: str
    text: str
    mid: int | None = None
    created_at: str = ""


@dataclass
class Idea:
    iid: int
    mid: int
    text: str
    pid: int | None = None
    did: int | None = None
    prompt_id: str | None = None
    technique: str | None = None
    prompt_text: str | None = None
    created_at: str = ""


@dataclass
class VoteRound:
    rid: int
    target: str
    dots: int
    cap: int | None = None
    blind: bool = True
    step: int | None = None
    revealed: bool = False
    revealed_at: str | None = None


@dataclass
class Note:
    nid: int
    type: str
    text: str
    pid: int | None = None
    mid: int | None = None
    step: int | None = None
    created_at: str = ""
    insight: bool = False  # the facilitator marked it as an insight when typing it


@dataclass
class Action:
    aid: int
    type: str
    text: str
    mid: int | None = None
    owner: str | None = None
    created_at: str = ""
    due: str | None = None  # by when, as typed ("end of November", "2026-12-01")
    measure: str | None = None  # how success is measured


@dataclass
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


@dataclass
class SessionState:
    title: str = ""
    client: str = ""
    facilitator: str = ""
    lang: str = "en"
    script: dict = field(default_factory=dict)
    created_at: str = ""
    finished: bool = False
    current_step: int = 0
    participants: dict[int, Participant] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    moments: dict[int, Moment] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # moment ids along the journey
    expectations: dict[int, Expectation] = field(default_factory=dict)
    ratings: dict[tuple[int, int], Rating] = field(default_factory=dict)  # performance (P)
    expected: dict[tuple[int, int], Rating] = field(default_factory=dict)  # expectation (E)
    prompts: dict[int, PromptDraw] = field(default_factory=dict)
    ideas: dict[int, Idea] = field(default_factory=dict)
    rounds: dict[int, VoteRound] = field(default_factory=dict)
    votes: dict[tuple[int, int, int], int] = field(default_factory=dict)
    notes: dict[int, Note] = field(default_factory=dict)
    actions: dict[int, Action] = field(default_factory=dict)
    findings: dict[int, Finding] = field(default_factory=dict)
    finding_order: list[int] = field(default_factory=list)  # as the consultant ranks them
    # Duplicates merged into another moment: gone from the board, but whoever raised one
    # still raised it (participation counts it).
    merged: dict[int, Moment] = field(default_factory=dict)
    last_event_id: int = 0
    last_at: str = ""
    undone: set[int] = field(default_factory=set)
    skipped: list[int] = field(default_factory=list)  # events a lenient fold could not apply
    high: dict[str, int] = field(default_factory=dict)  # highest id ever used, undone included
    touched: set[tuple[str, tuple]] = field(default_factory=set)
    # Dots used per (round, participant), kept beside ``votes`` by ``_add_dots``: checking
    # a vote must not sum every dot ever cast (a long session has tens of thousands).
    used: dict[tuple[int, int], int] = field(default_factory=dict, compare=False, repr=False)

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

    def scale_ratings(self, scale: str) -> dict[tuple[int, int], Rating]:
        """The ratings of one scale, by (moment, participant)."""
        return self.expected if scale == EXPECTATION else self.ratings

    def next_id(self, collection: str) -> int:
        """A fresh id: never one an undone or deleted entry had (a redo brings it back)."""
        return max(self.high.get(collection, 0), max(getattr(self, collection), default=0)) + 1

    def step(self) -> Step | None:
        return self.steps[self.current_step] if self.steps else None

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


# ---- rules and changes, one handler per event kind ----------------------------------


def _need(condition: bool, message: str, **values) -> None:
    if not condition:
        raise RuleError(t(message, **values))


def _text(data: dict, key: str = "text") -> str:
    text = str(data.get(key) or "").strip()
    _need(bool(text), "The text is empty.")
    return text


def _moment(s: SessionState, mid) -> int:
    _need(mid in s.moments, "There is no moment {mid}.", mid=mid)
    return mid


def _participant(s: SessionState, pid) -> int | None:
    if pid is None:
        return None
    _need(pid in s.participants, "There is no participant {pid}.", pid=pid)
    return pid


def _choice(value, allowed: tuple, what: str):
    if value is None:
        return None
    _need(value in allowed, "Unknown value: {value} (one of: {allowed}).", value=value,
          allowed=", ".join(allowed))
    return value


def _session_created(s: SessionState, e: Event) -> None:
    d = e.data
    steps = [
        Step(i, st["title"], st["kind"], float(st.get("minutes") or 0), st.get("body", ""),
             dict(st.get("options") or {}))
        for i, st in enumerate(d["script"].get("steps", []))
    ]
    s.title, s.lang, s.script = d["title"], d["lang"], d["script"]
    s.client, s.facilitator = d.get("client") or "", d.get("facilitator") or ""
    s.created_at = e.at
    s.steps = steps
    s.touched.add(("session", (1,)))
    s.touched.update(("steps", (st.index,)) for st in s.steps)


def _session_edited(s: SessionState, e: Event) -> None:
    for key in ("title", "client", "facilitator"):
        if key in e.data:
            setattr(s, key, str(e.data[key] or ""))
    s.touched.add(("session", (1,)))


def _session_finished(s: SessionState, e: Event) -> None:
    _pause_all(s, e.at)
    s.finished = True
    s.touched.add(("session", (1,)))


def _participant_added(s: SessionState, e: Event) -> None:
    d = e.data
    pid = d["pid"]
    _need(pid not in s.participants, "Participant {pid} already exists.", pid=pid)
    pseudonym = _text(d, "pseudonym")
    s.participants[pid] = Participant(pid, pseudonym, (d.get("name") or "").strip() or None,
                                      (d.get("segment") or "").strip() or None,
                                      bool(d.get("consent")))
    s.touched.add(("participants", (pid,)))


def _participant_edited(s: SessionState, e: Event) -> None:
    p = s.participants.get(_participant(s, e.data["pid"]))
    changes = {key: (e.data[key] or "").strip() or None
               for key in ("name", "segment", "pseudonym") if key in e.data}
    if "pseudonym" in changes:
        _need(bool(changes["pseudonym"]), "The text is empty.")
    if "consent" in e.data:
        changes["consent"] = bool(e.data["consent"])
    for key, value in changes.items():  # all checked: now change
        setattr(p, key, value)
    s.touched.add(("participants", (p.pid,)))


def _pause_all(s: SessionState, at: str) -> None:
    for st in s.steps:
        if st.running_since:
            st.elapsed = st.elapsed_at(at)
            st.running_since = None
            s.touched.add(("steps", (st.index,)))


def _step_entered(s: SessionState, e: Event) -> None:
    index = e.data["step"]
    _need(0 <= index < len(s.steps), "There is no step {step}.", step=index + 1)
    if index != s.current_step:
        _pause_all(s, e.at)
    s.current_step = index
    st = s.steps[index]
    if st.entered_at is None:
        st.entered_at = e.at
    s.touched.update({("session", (1,)), ("steps", (index,))})


def _timer_started(s: SessionState, e: Event) -> None:
    index = e.data["step"]
    _need(0 <= index < len(s.steps), "There is no step {step}.", step=index + 1)
    st = s.steps[index]
    if st.running_since is None:
        _pause_all(s, e.at)
        st.running_since = e.at
        st.entered_at = st.entered_at or e.at
    s.touched.add(("steps", (index,)))


def _timer_paused(s: SessionState, e: Event) -> None:
    index = e.data["step"]
    _need(0 <= index < len(s.steps), "There is no step {step}.", step=index + 1)
    st = s.steps[index]
    if st.running_since:
        st.elapsed = st.elapsed_at(e.at)
        st.running_since = None
    s.touched.add(("steps", (index,)))


def _moment_added(s: SessionState, e: Event) -> None:
    d = e.data
    mid = d["mid"]
    _need(mid not in s.moments, "Moment {mid} already exists.", mid=mid)
    text = _text(d)
    stage = _choice(d.get("stage"), STAGES, "stage")
    touchpoint = _choice(d.get("touchpoint"), TOUCHPOINTS, "touchpoint")
    pid = _participant(s, d.get("pid"))
    index = d.get("index")
    _need(index is None or isinstance(index, int), "There is no position {index}.", index=index)
    s.moments[mid] = Moment(mid, text, stage, touchpoint, pid, e.at)
    if index is None or not 0 <= index <= len(s.order):
        s.order.append(mid)
        s.touched.add(("moments", (mid,)))
    else:
        s.order.insert(index, mid)
        s.touched.update(("moments", (m,)) for m in s.order)


def _moment_edited(s: SessionState, e: Event) -> None:
    d = e.data
    m = s.moments[_moment(s, d["mid"])]
    changes = {}
    if "text" in d:
        changes["text"] = _text(d)
    if "stage" in d:
        changes["stage"] = _choice(d["stage"], STAGES, "stage")
    if "touchpoint" in d:
        changes["touchpoint"] = _choice(d["touchpoint"], TOUCHPOINTS, "touchpoint")
    if "pid" in d:
        changes["pid"] = _participant(s, d["pid"])
    for key, value in changes.items():
        setattr(m, key, value)
    s.touched.add(("moments", (m.mid,)))


def _moment_moved(s: SessionState, e: Event) -> None:
    mid = _moment(s, e.data["mid"])
    index = int(e.data["index"])
    _need(0 <= index < len(s.order), "There is no position {index}.", index=index + 1)
    s.order.remove(mid)
    s.order.insert(index, mid)
    s.touched.update(("moments", (m,)) for m in s.order)


def _moment_votes(s: SessionState, mid: int) -> int:
    total = 0
    for (rid, _, item), n in s.votes.items():
        if s.moment_of_item(s.rounds[rid].target, item) == mid:
            total += n
    return total


def _moments_merged(s: SessionState, e: Event) -> None:
    mid, into = _moment(s, e.data["mid"]), _moment(s, e.data["into"])
    _need(mid != into, "A moment cannot be merged into itself.")
    _need(_moment_votes(s, mid) == 0,
          "Moment {mid} already has votes: merge duplicates before voting.", mid=mid)
    for collection, table in (("expectations", "expectations"), ("ideas", "ideas"),
                              ("notes", "notes"), ("actions", "actions"),
                              ("prompts", "prompts")):
        for key, item in getattr(s, collection).items():
            if item.mid == mid:
                item.mid = into
                s.touched.add((table, (key,)))
    for scale in SCALES:
        ratings = s.scale_ratings(scale)
        for (m, pid), rating in list(ratings.items()):
            if m == mid:
                del ratings[(m, pid)]
                s.touched.add(("ratings", (m, pid, scale)))
                if (into, pid) not in ratings:
                    rating.mid = into
                    ratings[(into, pid)] = rating
                    s.touched.add(("ratings", (into, pid, scale)))
    for f in s.findings.values():
        if mid in f.moments or any(m == mid for k, m in f.figures if k != "idea_dots"):
            _set_evidence(s, f, tuple(dict.fromkeys(into if m == mid else m for m in f.moments)),
                          f.quotes, tuple(dict.fromkeys(
                              (k, into if k != "idea_dots" and m == mid else m)
                              for k, m in f.figures)))
    s.merged[mid] = s.moments[mid]
    _remove_moment(s, mid)


def _remove_moment(s: SessionState, mid: int) -> None:
    del s.moments[mid]
    s.order.remove(mid)
    s.touched.update(("moments", (m,)) for m in [mid, *s.order])


def _delete_moment(s: SessionState, mid: int) -> None:
    """Deleting a moment takes what hangs on it (undo brings it all back)."""
    for key in [k for k, x in s.expectations.items() if x.mid == mid]:
        del s.expectations[key]
        s.touched.add(("expectations", (key,)))
    for scale in SCALES:
        ratings = s.scale_ratings(scale)
        for key in [k for k in ratings if k[0] == mid]:
            del ratings[key]
            s.touched.add(("ratings", (*key, scale)))
    for f in s.findings.values():
        if mid in f.moments or any(m == mid for k, m in f.figures if k != "idea_dots"):
            _set_evidence(s, f, tuple(m for m in f.moments if m != mid), f.quotes,
                          tuple((k, m) for k, m in f.figures if k == "idea_dots" or m != mid))
    for key in [k for k, x in s.ideas.items() if x.mid == mid]:
        _delete_idea(s, key)
    for collection in ("notes", "actions", "prompts"):
        for key, item in getattr(s, collection).items():
            if item.mid == mid:
                item.mid = None
                s.touched.add((collection, (key,)))
    _drop_votes(s, "moments", mid)
    _remove_moment(s, mid)


def _delete_idea(s: SessionState, iid: int) -> None:
    del s.ideas[iid]
    s.touched.add(("ideas", (iid,)))
    _drop_votes(s, "ideas", iid)
    for f in s.findings.values():
        if ("idea_dots", iid) in f.figures:
            _set_evidence(s, f, f.moments, f.quotes,
                          tuple(x for x in f.figures if x != ("idea_dots", iid)))


def _set_evidence(s: SessionState, f: "Finding", moments: tuple, quotes: tuple,
                  figures: tuple) -> None:
    """A finding loses (or, on a merge, moves) evidence that left the board with it."""
    f.moments, f.quotes, f.figures = moments, quotes, figures
    s.touched.add(("findings", (f.fid,)))


def _drop_votes(s: SessionState, target: str, item: int) -> None:
    for key in [k for k in s.votes if k[2] == item and s.rounds[k[0]].target == target]:
        _add_dots(s, key, -s.votes[key])


def _expectation_added(s: SessionState, e: Event) -> None:
    d = e.data
    xid = d["xid"]
    _need(xid not in s.expectations, "Entry {id} already exists.", id=xid)
    x = Expectation(xid, _moment(s, d["mid"]), _choice(d["type"], EXPECTATION_TYPES, "type"),
                    _text(d), _participant(s, d.get("pid")), e.at)
    s.expectations[xid] = x
    s.touched.add(("expectations", (xid,)))


def _rating_given(s: SessionState, e: Event) -> None:
    d = e.data
    mid, pid = _moment(s, d["mid"]), _participant(s, d["pid"])
    _need(pid is not None, "A rating needs a participant.")
    value = d["value"]
    _need(isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5,
          "A rating goes from 1 to 5.")
    scale = _choice(d.get("scale") or PERFORMANCE, SCALES, "scale")
    s.scale_ratings(scale)[(mid, pid)] = Rating(mid, pid, value, e.at, scale)
    s.touched.add(("ratings", (mid, pid, scale)))


def _prompt_drawn(s: SessionState, e: Event) -> None:
    d = e.data
    did = d["did"]
    _need(did not in s.prompts, "Entry {id} already exists.", id=did)
    mid = d.get("mid")
    if mid is not None:
        _moment(s, mid)
    s.prompts[did] = PromptDraw(did, str(d["prompt_id"]), str(d["technique"]), _text(d), mid, e.at)
    s.touched.add(("prompts", (did,)))


def _idea_added(s: SessionState, e: Event) -> None:
    d = e.data
    iid = d["iid"]
    _need(iid not in s.ideas, "Entry {id} already exists.", id=iid)
    mid = _moment(s, d["mid"])
    text = _text(d)
    pid = _participant(s, d.get("pid"))
    draw = s.prompts.get(d.get("did")) if d.get("did") is not None else None
    _need(d.get("did") is None or draw is not None, "There is no prompt {id}.", id=d.get("did"))
    s.ideas[iid] = Idea(iid, mid, text, pid, draw.did if draw else None,
                        draw.prompt_id if draw else None, draw.technique if draw else None,
                        draw.text if draw else None, e.at)
    s.touched.add(("ideas", (iid,)))


def _vote_opened(s: SessionState, e: Event) -> None:
    d = e.data
    rid = d["rid"]
    _need(rid not in s.rounds, "Vote {id} already exists.", id=rid)
    target = _choice(d["target"], VOTE_TARGETS, "vote target")
    dots = d["dots"]
    _need(isinstance(dots, int) and dots >= 1, "Each participant needs at least one dot.")
    cap = d.get("cap")
    _need(cap is None or (isinstance(cap, int) and cap >= 1), "The cap per item must be 1 or more.")
    s.rounds[rid] = VoteRound(rid, target, dots, cap, bool(d.get("blind", True)), d.get("step"))
    s.touched.add(("vote_rounds", (rid,)))


def check_vote(s: SessionState, rid: int, pid: int, item: int, delta: int) -> None:
    """The voting rules: budget per participant, cap per item, no negative dots."""
    rnd = s.rounds.get(rid)
    _need(rnd is not None, "There is no vote {id}.", id=rid)
    _need(not rnd.revealed, "This vote is closed: its results are revealed.")
    _need(pid in s.participants, "There is no participant {pid}.", pid=pid)
    exists = item in (s.moments if rnd.target == "moments" else s.ideas)
    _need(exists, "There is nothing to vote for with number {item}.", item=item)
    _need(isinstance(delta, int) and delta != 0, "A vote adds or removes whole dots.")
    on_item = s.votes.get((rid, pid, item), 0) + delta
    used = s.dots_used(rid, pid) + delta
    # The pseudonym, never the name: a refusal is shown to the room and may be logged.
    who = s.participants[pid].pseudonym
    _need(on_item >= 0, "{who} has no dot on that item to take back.", who=who)
    _need(used <= rnd.dots, "{who} has no dots left ({dots} each).", who=who, dots=rnd.dots)
    if rnd.cap is not None and on_item > rnd.cap:
        raise RuleError(t.plural(rnd.cap, "At most {n} dot per item for each participant.",
                                 "At most {n} dots per item for each participant."))


def _vote_cast(s: SessionState, e: Event) -> None:
    d = e.data
    rid, pid, item, delta = d["rid"], d["pid"], d["item"], d["delta"]
    check_vote(s, rid, pid, item, delta)
    _add_dots(s, (rid, pid, item), delta)


def _add_dots(s: SessionState, key: tuple[int, int, int], delta: int) -> None:
    """The only way dots change: ``votes`` and the per-participant ``used`` together."""
    for table, k in ((s.votes, key), (s.used, key[:2])):
        n = table.get(k, 0) + delta
        if n:
            table[k] = n
        else:
            table.pop(k, None)
    s.touched.add(("votes", key))


def _votes_revealed(s: SessionState, e: Event) -> None:
    rnd = s.rounds.get(e.data["rid"])
    _need(rnd is not None, "There is no vote {id}.", id=e.data["rid"])
    _need(not rnd.revealed, "These votes are already revealed.")
    rnd.revealed, rnd.revealed_at = True, e.at
    s.touched.add(("vote_rounds", (rnd.rid,)))


def _note_added(s: SessionState, e: Event) -> None:
    d = e.data
    nid = d["nid"]
    _need(nid not in s.notes, "Entry {id} already exists.", id=nid)
    mid = d.get("mid")
    if mid is not None:
        _moment(s, mid)
    s.notes[nid] = Note(nid, _choice(d["type"], NOTE_TYPES, "type"), _text(d),
                        _participant(s, d.get("pid")), mid, d.get("step"), e.at,
                        bool(d.get("insight")))
    s.touched.add(("notes", (nid,)))


def _action_added(s: SessionState, e: Event) -> None:
    d = e.data
    aid = d["aid"]
    _need(aid not in s.actions, "Entry {id} already exists.", id=aid)
    mid = d.get("mid")
    if mid is not None:
        _moment(s, mid)
    s.actions[aid] = Action(aid, _choice(d["type"], ACTION_TYPES, "type"), _text(d), mid,
                            _optional(d.get("owner")), e.at, _optional(d.get("due")),
                            _optional(d.get("measure")))
    s.touched.add(("actions", (aid,)))


def _optional(value) -> str | None:
    """An optional text field: None when absent or blank."""
    if value is None:
        return None
    _need(isinstance(value, str), "A change is missing data or has the wrong type: {kind}.",
          kind="text")
    return value.strip() or None


# entity name in events -> the collection in the state
ENTITIES = {"moment": "moments", "expectation": "expectations", "idea": "ideas",
            "note": "notes", "action": "actions"}


def _entry(s: SessionState, d: dict):
    collection = ENTITIES.get(d["entity"])
    _need(collection is not None, "Unknown value: {value} (one of: {allowed}).",
          value=d["entity"], allowed=", ".join(ENTITIES))
    items = getattr(s, collection)
    _need(d["id"] in items, "There is no entry {id}.", id=d["id"])
    return collection, items[d["id"]]


# entity -> the fields besides its text that entry_edited may change
EDITABLE = {"action": ("owner", "due", "measure"), "note": ("insight",)}


def _entry_edited(s: SessionState, e: Event) -> None:
    d = e.data
    collection, item = _entry(s, d)
    changes = {}
    if "text" in d:
        changes["text"] = _text(d)
    for key in EDITABLE.get(d["entity"], ()):
        if key in d:
            changes[key] = bool(d[key]) if key == "insight" else _optional(d[key])
    _need(bool(changes), "The change says nothing to change.")
    for key, value in changes.items():
        setattr(item, key, value)
    s.touched.add((collection, (d["id"],)))


def _revealed_dots(s: SessionState, target: str, item: int) -> int:
    return sum(n for (rid, _, i), n in s.votes.items()
               if i == item and s.rounds[rid].target == target and s.rounds[rid].revealed)


def _entry_deleted(s: SessionState, e: Event) -> None:
    collection, _ = _entry(s, e.data)
    key = e.data["id"]
    held = []  # (target, item) whose dots would go with the entry
    if collection == "moments":
        held = [("moments", key)] + [("ideas", i) for i, x in s.ideas.items() if x.mid == key]
    elif collection == "ideas":
        held = [("ideas", key)]
    _need(not any(_revealed_dots(s, *h) for h in held),
          "This entry has dots in a vote already revealed: deleting it would change the results.")
    if collection == "moments":
        _delete_moment(s, key)
    elif collection == "ideas":
        _delete_idea(s, key)
    else:
        del getattr(s, collection)[key]
        s.touched.add((collection, (key,)))
        if collection == "notes":
            for f in s.findings.values():
                if key in f.quotes:
                    _set_evidence(s, f, f.moments, tuple(q for q in f.quotes if q != key),
                                  f.figures)


# ---- findings ----------------------------------------------------------------------


def _ids(value, what: str) -> tuple[int, ...]:
    _need(isinstance(value, list | tuple) and all(isinstance(v, int) and not isinstance(v, bool)
                                                 for v in value),
          "A change is missing data or has the wrong type: {kind}.", kind=what)
    return tuple(dict.fromkeys(value))  # in the order picked, once each


def _evidence(s: SessionState, d: dict, f: Finding | None) -> dict:
    """The finding's fields this change sets, checked against the board."""
    out: dict = {}
    if "headline" in d or f is None:
        out["headline"] = _text(d, "headline")
    for key in ("meaning", "recommendation"):
        if key in d:
            out[key] = _optional(d[key]) or ""
    if "moments" in d:
        out["moments"] = _ids(d["moments"], "moments")
        for mid in out["moments"]:
            _moment(s, mid)
    if "quotes" in d:
        out["quotes"] = _ids(d["quotes"], "quotes")
        for nid in out["quotes"]:
            _need(nid in s.notes, "There is no entry {id}.", id=nid)
    if "figures" in d:
        figures = []
        _need(isinstance(d["figures"], list | tuple), "A change is missing data or has the "
              "wrong type: {kind}.", kind="figures")
        for pair in d["figures"]:
            _need(isinstance(pair, list | tuple) and len(pair) == 2,
                  "A change is missing data or has the wrong type: {kind}.", kind="figures")
            measure, item = _choice(pair[0], FIGURE_MEASURES, "figure"), pair[1]
            items = s.ideas if measure == "idea_dots" else s.moments
            _need(isinstance(item, int) and item in items, "There is no entry {id}.", id=item)
            figures.append((measure, item))
        out["figures"] = tuple(dict.fromkeys(figures))
    return out


def _finding_added(s: SessionState, e: Event) -> None:
    d = e.data
    fid = d["fid"]
    _need(fid not in s.findings, "Entry {id} already exists.", id=fid)
    index = d.get("index")
    _need(index is None or isinstance(index, int), "There is no position {index}.", index=index)
    s.findings[fid] = Finding(fid, **_evidence(s, d, None), created_at=e.at)
    if index is None or not 0 <= index <= len(s.finding_order):
        s.finding_order.append(fid)
        s.touched.add(("findings", (fid,)))
    else:
        s.finding_order.insert(index, fid)
        s.touched.update(("findings", (f,)) for f in s.finding_order)


def _finding(s: SessionState, fid) -> Finding:
    _need(fid in s.findings, "There is no finding {id}.", id=fid)
    return s.findings[fid]


def _finding_edited(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    changes = _evidence(s, e.data, f)
    _need(bool(changes), "The change says nothing to change.")
    for key, value in changes.items():
        setattr(f, key, value)
    s.touched.add(("findings", (f.fid,)))


def _finding_moved(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    index = e.data["index"]
    _need(isinstance(index, int) and 0 <= index < len(s.finding_order),
          "There is no position {index}.", index=index)
    s.finding_order.remove(f.fid)
    s.finding_order.insert(index, f.fid)
    s.touched.update(("findings", (x,)) for x in s.finding_order)


def _finding_deleted(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    del s.findings[f.fid]
    s.finding_order.remove(f.fid)
    s.touched.update(("findings", (x,)) for x in [f.fid, *s.finding_order])


HANDLERS: dict[str, Callable[[SessionState, Event], None]] = {
    "session_created": _session_created,
    "session_edited": _session_edited,
    "session_finished": _session_finished,
    "participant_added": _participant_added,
    "participant_edited": _participant_edited,
    "step_entered": _step_entered,
    "timer_started": _timer_started,
    "timer_paused": _timer_paused,
    "moment_added": _moment_added,
    "moment_edited": _moment_edited,
    "moment_moved": _moment_moved,
    "moments_merged": _moments_merged,
    "expectation_added": _expectation_added,
    "rating_given": _rating_given,
    "prompt_drawn": _prompt_drawn,
    "idea_added": _idea_added,
    "vote_opened": _vote_opened,
    "vote_cast": _vote_cast,
    "votes_revealed": _votes_revealed,
    "note_added": _note_added,
    "action_added": _action_added,
    "entry_edited": _entry_edited,
    "entry_deleted": _entry_deleted,
    "finding_added": _finding_added,
    "finding_edited": _finding_edited,
    "finding_moved": _finding_moved,
    "finding_deleted": _finding_deleted,
}


# kind -> (id field, collection) for the events that create an entry
CREATES = {
    "participant_added": ("pid", "participants"),
    "moment_added": ("mid", "moments"),
    "expectation_added": ("xid", "expectations"),
    "prompt_drawn": ("did", "prompts"),
    "idea_added": ("iid", "ideas"),
    "vote_opened": ("rid", "rounds"),
    "note_added": ("nid", "notes"),
    "action_added": ("aid", "actions"),
    "finding_added": ("fid", "findings"),
}


def _note_id(state: SessionState, event: Event) -> None:
    created = CREATES.get(event.kind)
    if created and isinstance(event.data.get(created[0]), int):
        field_, collection = created
        state.high[collection] = max(state.high.get(collection, 0), event.data[field_])


def apply(state: SessionState, event: Event) -> None:
    """Apply one (non-undo) event; raise RuleError and change nothing if it breaks a rule."""
    handler = HANDLERS.get(event.kind)
    if handler is None:
        raise RuleError(t("Unknown kind of change: {kind}.", kind=event.kind))
    try:
        handler(state, event)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleError(t("A change is missing data or has the wrong type: {kind}.",
                          kind=event.kind)) from exc
    _note_id(state, event)
    if event.id is not None:
        state.last_event_id = max(state.last_event_id, event.id)
    state.last_at = event.at or state.last_at


def cancelled(events: Iterable[Event]) -> set[int]:
    """Ids of events cancelled by undo. An undo can itself be undone (a redo)."""
    out: set[int] = set()
    for e in reversed(list(events)):
        if e.id in out:
            continue
        if e.kind == "undo" and isinstance(e.data, dict):
            out.add(e.data.get("target"))
    return out


def fold(events: Iterable[Event], *, strict: bool = False) -> SessionState:
    """The whole session state from its events.

    ``strict`` raises on the first event that breaks a rule (used to check an undo);
    otherwise such an event is skipped and listed in ``state.skipped``.
    """
    events = list(events)
    gone = cancelled(events)
    state = SessionState()
    fold_onto(state, events, gone, strict=strict)
    state.undone = gone
    state.touched.clear()
    return state


def fold_onto(state: SessionState, events: Iterable[Event], gone: set[int] | frozenset[int],
              *, strict: bool = False) -> None:
    """Go on folding ``events`` into ``state``, skipping the cancelled ones (``gone``).

    The loop of ``fold``, on its own so that replay can resume a fold from a saved state.
    """
    for e in events:
        _note_id(state, e)
        if e.kind == "undo" or e.id in gone:
            if e.id is not None:
                state.last_event_id = max(state.last_event_id, e.id)
            state.last_at = e.at or state.last_at
            continue
        try:
            apply(state, e)
        except Exception:
            # Only a hand-edited file gets here: record() checked each event.
            if strict:
                raise
            if e.id is not None:
                state.skipped.append(e.id)


# ---- the readable tables ------------------------------------------------------------

# table -> (primary key columns, row of one key or None when it is gone)
def _row(obj) -> dict:
    row = asdict(obj)
    return {k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()}


def _session_row(s: SessionState, key) -> dict:
    return {"id": 1, "title": s.title, "client": s.client, "facilitator": s.facilitator,
            "lang": s.lang, "script_name": s.script.get("name", ""),
            "script_title": s.script.get("title", ""), "dots": s.dots, "cap": s.cap,
            "created_at": s.created_at, "current_step": s.current_step,
            "finished": int(s.finished)}


def _step_row(s: SessionState, key) -> dict | None:
    if key[0] >= len(s.steps):
        return None
    st = s.steps[key[0]]
    return {"step": st.index, "title": st.title, "kind": st.kind, "minutes": st.minutes,
            "elapsed_seconds": round(st.elapsed, 3), "running_since": st.running_since,
            "entered_at": st.entered_at}


def _moment_row(s: SessionState, key) -> dict | None:
    m = s.moments.get(key[0])
    if m is None:
        return None
    return {**_row(m), "position": s.order.index(m.mid)}


def _rating_row(s: SessionState, key) -> dict | None:
    mid, pid, scale = key
    rating = s.scale_ratings(scale).get((mid, pid)) if scale in SCALES else None
    return None if rating is None else _row(rating)


def _finding_row(s: SessionState, key) -> dict | None:
    f = s.findings.get(key[0])
    if f is None:
        return None
    # Evidence as JSON arrays: readable in any SQL tool, and json_each() unpacks it.
    return {"fid": f.fid, "headline": f.headline, "meaning": f.meaning,
            "recommendation": f.recommendation, "moments": json.dumps(list(f.moments)),
            "quotes": json.dumps(list(f.quotes)),
            "figures": json.dumps([list(x) for x in f.figures]),
            "position": s.finding_order.index(f.fid), "created_at": f.created_at}


def _vote_row(s: SessionState, key) -> dict | None:
    n = s.votes.get(key)
    return None if n is None else {"rid": key[0], "pid": key[1], "item": key[2], "dots": n}


def _getter(collection: str):
    def row(s: SessionState, key) -> dict | None:
        items = getattr(s, collection)
        obj = items.get(key if len(key) > 1 else key[0])
        return None if obj is None else _row(obj)

    return row


TABLES: dict[str, tuple[tuple[str, ...], Callable]] = {
    "session": (("id",), _session_row),
    "participants": (("pid",), _getter("participants")),
    "steps": (("step",), _step_row),
    "moments": (("mid",), _moment_row),
    "expectations": (("xid",), _getter("expectations")),
    "ratings": (("mid", "pid", "scale"), _rating_row),
    "prompts": (("did",), _getter("prompts")),
    "ideas": (("iid",), _getter("ideas")),
    "vote_rounds": (("rid",), _getter("rounds")),
    "votes": (("rid", "pid", "item"), _vote_row),
    "notes": (("nid",), _getter("notes")),
    "actions": (("aid",), _getter("actions")),
    "findings": (("fid",), _finding_row),
}


def all_keys(s: SessionState, table: str) -> list[tuple]:
    if table == "session":
        return [(1,)] if s.created_at else []
    if table == "steps":
        return [(st.index,) for st in s.steps]
    if table == "ratings":
        return [(*k, scale) for scale in SCALES for k in s.scale_ratings(scale)]
    collection = "rounds" if table == "vote_rounds" else table
    keys = getattr(s, collection).keys()
    return [k if isinstance(k, tuple) else (k,) for k in keys]


def table_rows(s: SessionState, table: str) -> dict[tuple, dict]:
    """Every row a table should hold for this state, by primary key."""
    build = TABLES[table][1]
    return {key: build(s, key) for key in all_keys(s, table)}
