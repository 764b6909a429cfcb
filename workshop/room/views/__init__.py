"""What a phone shows of a step, drawn from what the step's kind declares.

``StepPage`` draws any kind: the words for the room (the step's quotes, never the
facilitator's notes), a form for each entry the kind lets a phone send
(``StepKind.phone``), and under each moment on the board the entries sent per moment
(a rating's buttons). A kind that shows more (the vote's dots, the excellence step's
prompt card) has a module here naming ``STEP_KINDS`` and its ``PAGE``, found by name as
the TUI's panels are. Participants appear by pseudonym only, and a phone sees only
what the facilitator has accepted onto the board, plus its own entries still waiting.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

from workshop.core.aloud import read_aloud
from workshop.core.kinds.registry import PHONE, step_label
from workshop.core.kinds.room import pending
from workshop.core.kinds.spec import PhoneEntry, PhoneField
from workshop.core.state import (
    STAGES,
    Moment,
    SessionState,
    Step,
    stage_label,
    touchpoint_label,
)
from workshop.room.html import Html, data_json, el, join

Tr = Callable[..., str]
FORM_KINDS = ("text", "choice", "moment")  # the fields a form holds; the rest are taps

# Every page following the session fetches its view after each change, and a view lists
# every moment on the board: drawn each time, 300 moments cost 15 phones a few hundred
# milliseconds of the facilitator's event loop per change. A part is drawn once for the
# values it shows (its key holds every one of them and the language) and kept.
_PARTS: dict[Hashable, Html] = {}
_MAX_PARTS = 20_000


def drawn(tr: Tr, key: tuple[Hashable, ...], draw: Callable[[], Html]) -> Html:
    """``draw()``, kept under ``key`` for the translator's language (a translator
    without one, such as a test's, draws every time)."""
    lang = getattr(tr, "lang", None)
    if lang is None:
        return draw()
    full = (lang, *key)
    part = _PARTS.get(full)
    if part is None:
        if len(_PARTS) >= _MAX_PARTS:
            _PARTS.clear()
        part = _PARTS[full] = draw()
    return part


class StepPage:
    """A step as a seated phone shows it. ``form`` holds the fields a person types into
    (redrawn only when it changes: typing is never lost); ``board`` what follows the
    session live."""

    def __init__(self, state: SessionState, step: Step, tr: Tr,
                 shared: dict[Hashable, Html] | None = None):
        self.state, self.step, self.tr = state, step, tr
        self.entries: tuple[PhoneEntry, ...] = PHONE.get(step.kind, ())
        # What every phone is shown alike for the session as it is now, drawn once for
        # them all (the room keeps it until the next change): fifteen phones fetch
        # their views together after each change, in the facilitator's event loop.
        self.shared = shared

    def alike(self, key: Hashable, draw: Callable[[], Html]) -> Html:
        """``draw()``, drawn once for every phone while the session stays as it is."""
        lang = getattr(self.tr, "lang", None)
        if self.shared is None or lang is None:
            return draw()
        full = (lang, self.step.index, key)
        part = self.shared.get(full)
        if part is None:
            part = self.shared[full] = draw()
        return part

    # ---- the parts ------------------------------------------------------------------
    def heading(self) -> Html:
        tr = self.tr
        return el("div", {"class": "step"},
                  el("span", {"class": "kind"}, step_label(self.step.kind, tr)),
                  el("h1", {}, self.step.title))

    def aloud(self, open_: bool) -> Html:
        paragraphs = read_aloud(self.step.body)
        if not paragraphs:
            return Html("")
        return el("details", {"class": "aloud", "open": open_},
                  el("summary", {}, self.tr("What the facilitator said")),
                  *(el("p", {}, p) for p in paragraphs))

    def form(self, pid: int) -> Html:
        """A form for each entry typed or picked in one (a moment, an idea); an entry
        sent by a tap (a dot, a rating, an order) has its buttons on the board instead.
        The same for every phone (a page that draws a participant's own form says so
        by its own ``entry_form``)."""
        def draw() -> Html:
            return join(*(self.entry_form(entry, pid) for entry in self.entries
                          if not entry.per_moment
                          and any(f.kind in FORM_KINDS for f in entry.fields)))
        if type(self).entry_form is not StepPage.entry_form:
            return draw()
        return self.alike("form", draw)

    def board(self, pid: int) -> Html:
        return join(self.aloud(open_=not self.entries), self.waiting(pid), self.moments(pid))

    # ---- the projector -------------------------------------------------------------
    def projector(self) -> Html:
        """What the room sees on the wall: the words read aloud, large, and the moments
        along the journey once the step takes entries (a kind may show more)."""
        paragraphs = read_aloud(self.step.body)
        said = el("div", {"class": "aloud"}, *(el("p", {}, p) for p in paragraphs)) \
            if paragraphs else Html("")
        return join(said, self.journey() if self.entries else Html(""))

    def journey(self, under: Callable[[Moment], Html] | None = None) -> Html:
        """The moments on the board in three columns, before, during and after the
        purchase (those without a stage after them), numbered along the journey."""
        moments = self.state.ordered_moments()
        if not moments:
            return el("p", {"class": "empty"}, self.tr("No moments on the board yet."))
        number = {m.mid: n for n, m in enumerate(moments, 1)}
        columns = []
        for stage in (*STAGES, None):
            these = [m for m in moments if m.stage == stage]
            if not these:
                continue
            title = stage_label(stage, self.tr) if stage else self.tr("no stage")
            columns.append(el("section", {"class": "stage"}, el("h2", {}, title), el(
                "ol", {}, *(el("li", {"value": number[m.mid]}, self._text(m.text),
                               under(m) if under else None) for m in these))))
        return el("div", {"class": "journey"}, *columns)

    def _text(self, text: str) -> Html:
        return drawn(self.tr, ("text", text), partial(el, "span", {"class": "text"}, text))

    # ---- forms --------------------------------------------------------------------
    def entry_form(self, entry: PhoneEntry, pid: int) -> Html:
        fields = [self.field(entry, f) for f in entry.fields]
        return el("form", {"class": "entry", "data-entry": entry.name,
                           "data-step": self.step.index, "autocomplete": "off"},
                  *fields, el("button", {"type": "submit"}, entry.label(self.tr)))

    def field(self, entry: PhoneEntry, spec: PhoneField) -> Html:
        tr, name = self.tr, f"{entry.name}-{spec.name}"
        label = spec.label(tr) if spec.label else spec.name
        if spec.kind == "text":
            return join(el("label", {"for": name}, label),
                        el("textarea", {"id": name, "name": spec.name, "rows": 3,
                                        "required": spec.required, "maxlength": 20000}))
        if spec.kind == "choice":
            options = [] if spec.required else [("", tr("not sure"))]
            options += [(value, words(tr)) for value, words in spec.choices]
            return el("fieldset", {"class": "choice"}, el("legend", {}, label),
                      *(el("label", {}, el("input", {"type": "radio", "name": spec.name,
                                                     "value": value,
                                                     "checked": value == "" or None}),
                           " ", words) for value, words in options))
        if spec.kind == "moment":
            chosen = self.chosen_moment()
            moments = [el("option", {"value": m.mid, "selected": m.mid == chosen},
                          f"{n}. {m.text}")
                       for n, m in enumerate(self.state.ordered_moments(), 1)]
            return join(el("label", {"for": name}, label),
                        el("select", {"id": name, "name": spec.name,
                                      "required": spec.required},
                           el("option", {"value": ""}, tr("Choose a moment")), *moments))
        return Html("")  # numbers and vote items are buttons on the board

    def chosen_moment(self) -> int | None:
        """The moment a form's choice of moment starts on (None: the participant picks)."""
        return None

    # ---- the board ----------------------------------------------------------------
    def waiting(self, pid: int) -> Html:
        mine = [p for p in pending(self.state) if p.pid == pid]
        if not mine:
            return Html("")
        return el("section", {"class": "waiting"},
                  el("h2", {}, self.tr("Waiting for the facilitator")),
                  el("ul", {}, *(el("li", {}, str(p.fields.get("text", ""))) for p in mine)))

    def moments(self, pid: int) -> Html:
        per_moment = [e for e in self.entries if e.per_moment]
        if not per_moment:  # nothing of the participant's own under the moments
            return self.alike("moments", partial(self._moments, pid, per_moment))
        return self._moments(pid, per_moment)

    def _moments(self, pid: int, per_moment: list[PhoneEntry]) -> Html:
        moments = self.state.ordered_moments()
        if not moments or not self.entries:
            return Html("")
        items = [el("li", {"class": "moment"}, self.moment_line(n, m),
                    *(self.per_moment(entry, m, pid) for entry in per_moment))
                 if per_moment else drawn(self.tr, ("li", n, m.text, m.stage, m.touchpoint),
                                          partial(self._moment_item, n, m))
                 for n, m in enumerate(moments, 1)]
        return el("section", {"class": "board"}, el("h2", {}, self.tr("On the board")),
                  el("ol", {"class": "moments"}, *items))

    def _moment_item(self, n: int, m: Moment) -> Html:
        return el("li", {"class": "moment"}, self.moment_line(n, m))

    def moment_line(self, n: int, m: Moment) -> Html:
        return drawn(self.tr, ("line", n, m.text, m.stage, m.touchpoint),
                     partial(self._moment_line, n, m))

    def _moment_line(self, n: int, m: Moment) -> Html:
        where = ", ".join(w for w in (stage_label(m.stage, self.tr),
                                      touchpoint_label(m.touchpoint, self.tr)) if w)
        return el("div", {"class": "line"}, el("span", {"class": "n"}, f"{n}."), " ",
                  el("span", {"class": "text"}, m.text),
                  el("span", {"class": "where"}, where) if where else None)

    def per_moment(self, entry: PhoneEntry, m: Moment, pid: int) -> Html:
        """Buttons that send at a tap: one row per choice (a rating's scale), one button
        per number, the participant's own value marked."""
        number = next((f for f in entry.fields if f.kind == "number"), None)
        choice = next((f for f in entry.fields if f.kind == "choice"), None)
        if number is None:
            return Html("")
        rows: list[tuple[dict[str, Any], str]] = (
            [({choice.name: value}, words(self.tr)) for value, words in choice.choices]
            if choice is not None else [({}, entry.label(self.tr))])
        out = []
        for fixed, label in rows:
            data = {"mid": m.mid, **fixed}
            mine = entry.given(self.state, pid, data) if entry.given else None
            buttons = [el("button", {"type": "button", "class": "tap",
                                     "data-entry": entry.name, "data-step": self.step.index,
                                     "data-fields": data_json({**data, number.name: value}),
                                     "aria-pressed": "true" if value == mine else "false"},
                          number.shown(value) if number.shown else value)
                       for value in range(number.low, number.high + 1)]
            out.append(el("div", {"class": "scale"}, el("span", {"class": "label"}, label),
                          el("span", {"class": "taps"}, *buttons)))
        return join(*out)


PAGES: dict[str, type[StepPage]] = {}
_loaded: set[str] = set()


def page_for(kind: str) -> type[StepPage]:
    """The page of a step kind: its own module's, else the one drawn from declarations."""
    if kind not in PAGES and kind not in _loaded:
        for info in pkgutil.iter_modules(__path__):
            if info.name in _loaded:
                continue
            _loaded.add(info.name)
            module = importlib.import_module(f"{__name__}.{info.name}")
            for shown in getattr(module, "STEP_KINDS", ()):
                PAGES.setdefault(shown, module.PAGE)
        _loaded.add(kind)
    return PAGES.get(kind, StepPage)
