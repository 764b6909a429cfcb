"""The consultant's synthesis: findings, each resting on evidence picked from the session.

A finding is a headline, the moments, quotes and figures it rests on, what it means and
what to do (METHOD.md: the consultant's synthesis leads the report; figures alone never
make a finding). Evidence is picked from lists of what the session holds, never typed
again, and figures are read from the analysis whenever they are shown, so they always
match the session. The notes the facilitator marked as insights while typing them are
listed below the findings; ``i`` starts a finding from the one under the cursor.

Reachable during the session (ctrl+f, or the palette), after it, and from a read-only
look or a replay, where the screen only reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input
from textual.widgets.selection_list import Selection

from workshop.core import analysis
from workshop.core.errors import WorkshopError
from workshop.core.events import Event
from workshop.core.kinds.registry import describe
from workshop.core.safetext import visible
from workshop.core.state import FIGURE_MEASURES, Finding, Note, SessionState
from workshop.i18n import t
from workshop.tui.keys import _, key_name
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain, PlainLabel, plain
from workshop.tui.screens.dialog import Dialog
from workshop.tui.steps.journey import decimal
from workshop.tui.widgets.entry_field import EntryField
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.toggles import TickList

_SHORT = 90  # characters of a quote or a moment in a list line


def _clip(text: str, width: int = _SHORT) -> str:
    """Typed text on one line, cut to ``width``, its control characters made visible
    (a received file may hold escapes: nothing reaches the terminal raw)."""
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def moment_label(state: SessionState, mid: int) -> str:
    """"3 · Queue at the checkout": a moment by its place along the journey."""
    m = state.moments.get(mid)
    if m is None:
        return f"#{mid}"
    return f"{state.order.index(mid) + 1} · {_clip(m.text, 60)}"


def speaker(state: SessionState, pid: int | None) -> str:
    """Who said it, as a report names them: pseudonym and segment ("P3, families")."""
    p = state.participants.get(pid) if pid is not None else None
    if p is None:
        return t("group")
    return visible(f"{p.pseudonym}, {p.segment}" if p.segment else p.pseudonym)


def quote_label(state: SessionState, note: Note, width: int = _SHORT) -> str:
    mark = "★ " if note.insight else ""
    body = f"“{_clip(note.text, width)}”" if note.type == "quote" else _clip(note.text, width)
    return f"{mark}{body} — {speaker(state, note.pid)}"


class Figures:
    """Every figure the session can give a finding, worked out once per look."""

    def __init__(self, state: SessionState):
        self.state = state
        self.table = analysis.gap_table(state)
        self.ideas = analysis.idea_votes(state)
        self.num = lambda value, places: decimal(t, value, places)

    def value(self, measure: str, item: int) -> analysis.FigureValue:
        return analysis.figure(self.state, measure, item, table=self.table, ideas=self.ideas)

    def text(self, measure: str, item: int) -> str:
        fig = self.value(measure, item)
        if measure == "idea_dots":
            idea = self.state.ideas.get(item)
            subject = _clip(idea.text, 50) if idea else f"#{item}"
        else:
            subject = moment_label(self.state, item)
        return analysis.figure_text(fig, subject, t, self.num)

    def available(self, first: tuple[int, ...] = ()) -> list[tuple[str, int]]:
        """(measure, item) pairs that have a number, the given moments' first."""
        mids = list(first) + [m for m in self.state.order if m not in first]
        out = [(measure, mid) for mid in mids if mid in self.state.moments
               for measure in FIGURE_MEASURES[:-1]
               if self.value(measure, mid).value is not None]
        if self.ideas is not None:
            out += [("idea_dots", row.item) for row in self.ideas.rows if row.dots]
        return out


def finding_text(state: SessionState, f: Finding, figures: Figures, number: int) -> Text:
    """A finding in full, as the detail pane shows it."""
    out = Text()
    out.append(f"{number}. ", style="bold")
    out.append(_clip(f.headline, 10_000), style="bold")
    out.append("\n\n")
    if f.moments:
        out.append(t("Moments: "), style="dim")
        out.append("; ".join(moment_label(state, m) for m in f.moments) + "\n")
    if f.figures:
        out.append(t("Figures") + "\n", style="dim")
        for measure, item in f.figures:
            out.append(f"  • {figures.text(measure, item)}\n")
    if f.quotes:
        out.append(t("Quotes and insights") + "\n", style="dim")
        for nid in f.quotes:
            if nid in state.notes:
                out.append(f"  • {quote_label(state, state.notes[nid], 400)}\n")
    if not (f.moments or f.figures or f.quotes):
        out.append(t("No evidence picked yet: e edits, F5 moments, F6 quotes, F7 figures.")
                   + "\n", style="italic yellow")
    if f.meaning:
        out.append(t("What it means: "), style="dim")
        out.append(_clip(f.meaning, 10_000) + "\n")
    if f.recommendation:
        out.append(t("What to do: "), style="dim")
        out.append(_clip(f.recommendation, 10_000) + "\n")
    out.rstrip()
    return out


# ---- picking evidence ---------------------------------------------------------------


class PickList(TickList):
    """Space picks or unpicks; Enter is the dialog's (done), not another toggle."""

    BINDINGS = [Binding("enter", "done", _("Done"), show=False)]

    def action_done(self) -> None:
        cast("Picker", self.screen).action_done()  # the list lives in a Picker


class Picker(Dialog[list | None]):
    """Pick some of a session's items: Space picks, / filters, Enter is done."""

    BINDINGS = [Binding("escape", "dismiss", _("Cancel")),
                Binding("slash", "filter", _("Filter"), show=False)]

    def __init__(self, title: str, options: Sequence[tuple[str, object]], picked: list):
        super().__init__()
        self.title_text = title
        self.options = options  # (label, value), in the order to show
        self.picked = [v for v in picked if any(v == o for _, o in options)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield PlainLabel(self.title_text, classes="dialog-title")
            yield EntryField(placeholder=t("/ filters the list"), id="picker-filter")
            yield PickList(id="picker-list")
            yield Plain(t("Space picks · / filters · Enter done · Escape cancels"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(PickList).focus()

    def _fill(self, words: str) -> None:
        items = self.query_one(PickList)
        items.clear_options()
        folded = words.lower().split()
        items.add_options([Selection(plain(label), i, self.options[i][1] in self.picked)
                           for i, (label, _) in enumerate(self.options)
                           if all(w in label.lower() for w in folded)])
        if items.option_count:
            items.highlighted = 0  # Space picks at once, without an arrow first

    def on_selection_list_selection_toggled(self, event) -> None:
        event.stop()
        value = self.options[event.selection.value][1]
        if value in self.picked:
            self.picked.remove(value)
        else:
            self.picked.append(value)  # in the order picked: the finding lists them so

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(PickList).focus()

    def action_filter(self) -> None:
        self.query_one("#picker-filter", Input).focus()

    def action_done(self) -> None:
        self.dismiss(list(self.picked))


# ---- writing a finding ----------------------------------------------------------------


class FindingEditor(Dialog[dict | None]):
    """A finding's headline, what it means, what to do, and its evidence (F5–F7)."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("f5", "pick_moments", _("Moments"), tooltip=_("Pick the moments it rests on")),
        Binding("f6", "pick_quotes", _("Quotes"), tooltip=_("Pick quotes and insights")),
        Binding("f7", "pick_figures", _("Figures"), tooltip=_("Pick figures from the analysis")),
    ]

    def __init__(self, state: SessionState, figures: Figures, finding: Finding | None = None,
                 *, moments: tuple = (), quotes: tuple = (), draft: dict | None = None):
        super().__init__()
        self.state, self.figures, self.finding = state, figures, finding
        self.moments = list(finding.moments if finding else moments)
        self.quotes = list(finding.quotes if finding else quotes)
        self.picked_figures = list(finding.figures if finding else ())
        self.draft = draft  # what Escape left of this finding before, shown again
        if draft is not None:
            self.moments, self.quotes = list(draft["moments"]), list(draft["quotes"])
            self.picked_figures = [tuple(x) for x in draft["figures"]]
        self._start: dict | None = None

    def compose(self) -> ComposeResult:
        f, d = self.finding, self.draft
        with Vertical(classes="dialog finding-editor"):
            yield PlainLabel(t("Edit the finding") if f else t("New finding"),
                             classes="dialog-title")
            yield EntryField(d["headline"] if d else f.headline if f else "",
                             id="finding-headline",
                             placeholder=t("Headline: the finding in one sentence"))
            yield Plain(id="finding-evidence")
            yield EntryField(d["meaning"] if d else f.meaning if f else "",
                             id="finding-meaning", placeholder=t("What it means (optional)"))
            yield EntryField(d["recommendation"] if d else f.recommendation if f else "",
                             id="finding-recommendation",
                             placeholder=t("What to do (optional)"))
            yield Plain(t("F5 moments · F6 quotes · F7 figures · Enter saves · Escape "
                          "cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_evidence()
        self.query_one("#finding-headline", Input).focus()
        # What the finding was when the editor opened (a draft brought back counts as
        # typed: Escape keeps it again).
        self._start = None if self.draft else self._typed()

    def _typed(self) -> dict:
        return {field: self.query_one(f"#finding-{field}", Input).value
                for field in ("headline", "meaning", "recommendation")} | {
            "moments": list(self.moments), "quotes": list(self.quotes),
            "figures": [tuple(x) for x in self.picked_figures]}

    def action_cancel(self) -> None:
        """Escape: nothing saved, but what was typed or picked is kept for the next time
        this finding is opened (a consultant's paragraph lost to one key otherwise)."""
        typed = self._typed()
        self.dismiss(None if typed == self._start else {"draft": typed})

    def _show_evidence(self) -> None:
        state = self.state
        lines = Text()
        lines.append(t("Moments (F5): "), style="bold")
        lines.append("; ".join(moment_label(state, m) for m in self.moments) or "–")
        lines.append("\n")
        lines.append(t("Quotes and insights (F6): "), style="bold")
        lines.append("; ".join(quote_label(state, state.notes[n], 50) for n in self.quotes
                               if n in state.notes) or "–")
        lines.append("\n")
        lines.append(t("Figures (F7): "), style="bold")
        lines.append("; ".join(self.figures.text(*x) for x in self.picked_figures) or "–")
        self.query_one("#finding-evidence", Plain).update(lines)

    def _picked(self, attribute: str):
        def done(values: list | None) -> None:
            if values is not None:
                setattr(self, attribute, values)
                self._show_evidence()
        return done

    def action_pick_moments(self) -> None:
        options = [(moment_label(self.state, m), m) for m in self.state.order]
        if not options:
            self.notify(t("There are no moments to pick yet."), severity="warning")
            return
        self.app.push_screen(Picker(t("The moments it rests on"), options, self.moments),
                             self._picked("moments"))

    def action_pick_quotes(self) -> None:
        notes = sorted(self.state.notes.values(),
                       key=lambda n: (not n.insight, n.type != "quote", n.nid))
        options = [(quote_label(self.state, n), n.nid) for n in notes]
        if not options:
            self.notify(t("There are no quotes or notes to pick yet."), severity="warning")
            return
        self.app.push_screen(Picker(t("Quotes and insights it rests on"), options, self.quotes),
                             self._picked("quotes"))

    def action_pick_figures(self) -> None:
        options = [(self.figures.text(*x), x)
                   for x in self.figures.available(tuple(self.moments))]
        if not options:
            self.notify(t("The analysis has no figures yet (ratings and a counted vote)."),
                        severity="warning")
            return
        self.app.push_screen(Picker(t("Figures it rests on"), options, self.picked_figures),
                             self._picked("picked_figures"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        headline = self.query_one("#finding-headline", Input).value.strip()
        if not headline:
            self.notify(t("A finding needs a headline."), severity="warning", timeout=3)
            self.query_one("#finding-headline", Input).focus()
            return
        self.dismiss({
            "headline": headline,
            "meaning": self.query_one("#finding-meaning", Input).value.strip(),
            "recommendation": self.query_one("#finding-recommendation", Input).value.strip(),
            "moments": list(self.moments), "quotes": list(self.quotes),
            "figures": [list(x) for x in self.picked_figures],
        })


# ---- the screen -------------------------------------------------------------------------


class FindingsScreen(Screen):
    """The findings of a session, in the consultant's order, and the insights marked."""

    CSS_PATH = "findings.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "close", _("Close")),
        Binding("n", "new", _("New"), tooltip=_("Write a new finding")),
        Binding("e", "edit", _("Edit"), tooltip=_("Edit the finding")),
        Binding("i", "from_insight", _("From insight"),
                tooltip=_("A new finding resting on the insight under the cursor")),
        Binding("x,delete", "delete", _("Delete"), tooltip=_("Delete the finding")),
        Binding("ctrl+up", "move(-1)", _("Up"), tooltip=_("Move the finding up"), show=False),
        Binding("ctrl+down", "move(1)", _("Down"), tooltip=_("Move the finding down"),
                show=False),
        Binding("ctrl+z", "undo", _("Undo")),
        Binding("f1", "help", _("Help")),
    ]
    WRITES = frozenset({"new", "edit", "from_insight", "delete", "move", "undo"})

    def __init__(self, live: LiveSession):
        super().__init__()
        self.live = live
        self._on_change: Callable[[Event], None] | None = None

    @property
    def state(self) -> SessionState:
        return self.live.state

    def compose(self) -> ComposeResult:
        yield Plain(id="findings-title")
        with Horizontal(id="findings-body"):
            with Vertical(id="findings-left"):
                yield DataTable(id="findings-list", cursor_type="row")
                yield DataTable(id="insights-list", cursor_type="row", show_header=False)
            with VerticalScroll(id="findings-detail"):
                yield Plain(id="finding-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Every change while this screen is up (an undo too) redraws it, and still
        # reaches the screen underneath.
        self._on_change = self.live.on_change
        self.live.on_change = self._changed
        self.query_one("#findings-list").border_title = t("Findings")
        self.query_one("#insights-list").border_title = t("Insights")
        self._draw()
        self.query_one("#findings-list").focus()

    def on_unmount(self) -> None:
        if self._on_change is not None:
            self.live.on_change = self._on_change

    def on_resize(self) -> None:
        # Long headlines are cut to the width the list has (the table would otherwise
        # grow a column off to the right): drawn again once the new size is known.
        self.call_after_refresh(self._draw)

    def _room(self, table_id: str, fixed: int) -> int:
        """Characters left for the text column of a list, its other columns taken."""
        table = self.query_one(table_id, DataTable)
        width = table.scrollable_content_region.width or 60
        columns = 3 if table_id == "#findings-list" else 1
        return max(10, width - fixed - 2 * table.cell_padding * columns - 1)

    def _changed(self, event) -> None:
        if self._on_change is not None:
            self._on_change(event)
        self._draw()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # A finished session's findings stay open: they are written in the debrief.
        return not (self.live.findings_readonly and action in self.WRITES)

    # ---- drawing ------------------------------------------------------------------
    def _draw(self) -> None:
        state = self.state
        title = t("Findings: the synthesis of {title}", title=state.title)
        if self.live.findings_readonly:
            title += f"  [{t('read-only')}]"
        self.query_one("#findings-title", Plain).update(title)
        self.figures = Figures(state)
        table = self.query_one("#findings-list", DataTable)
        keep = self._selected_fid()
        room = self._room("#findings-list", 3 + 9)
        # Columns anew each time: a cleared table keeps the widths its old rows needed.
        table.clear(columns=True)
        table.add_column("#", key="n", width=3)
        table.add_column(t("Finding"), key="headline", width=room)
        table.add_column(t("Evidence"), key="evidence", width=9)
        for n, f in enumerate(state.ordered_findings(), start=1):
            count = len(f.moments) + len(f.quotes) + len(f.figures)
            # A finding on figures alone, or on nothing, is flagged: METHOD.md wants the
            # consultant's reading, and evidence, behind each one.
            evidence = (Text(str(count), justify="right") if count
                        else Text(t("none"), style="yellow", justify="right"))
            table.add_row(str(n), Text(_clip(f.headline, room)), evidence, key=str(f.fid))
        if keep is not None and str(keep) in {r.key.value for r in table.ordered_rows}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        insights = self.query_one("#insights-list", DataTable)
        kept = insights.cursor_row
        room = self._room("#insights-list", 0)
        insights.clear(columns=True)
        insights.add_column("", key="text", width=room)  # no header: the border names it
        for note in state.insights():
            where = (f"  ({moment_label(state, note.mid)})"
                     if note.mid is not None and note.mid in state.moments else "")
            insights.add_row(Text(_clip(quote_label(state, note) + where, room)),
                             key=str(note.nid))
        if insights.row_count:
            insights.move_cursor(row=max(0, min(kept, insights.row_count - 1)))
        else:
            insights.add_row(Text(t("None yet: F2 in the note dialog marks one."),
                                  style="italic dim"), key="none")
        self._show_detail()

    def _selected_fid(self) -> int | None:
        table = self.query_one("#findings-list", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            return int(key) if key is not None else None
        except Exception:  # no row under the cursor
            return None

    def _show_detail(self) -> None:
        state, fid = self.state, self._selected_fid()
        f = state.findings.get(fid) if fid is not None else None
        if f is None or fid is None:
            text = Text(t("No finding yet.") + "\n\n", style="italic")
            text.append(t("A finding is a headline resting on moments, quotes and figures "
                          "picked from the session, what it means, and what to do. "
                          "n writes one; i starts one from an insight."), style="dim")
        else:
            text = finding_text(state, f, self.figures, state.finding_order.index(fid) + 1)
        self.query_one("#finding-text", Plain).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "findings-list":
            self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.live.findings_readonly:
            return
        if event.data_table.id == "findings-list":
            self.action_edit()
        elif event.data_table.id == "insights-list":
            self.action_from_insight()

    # ---- writing ------------------------------------------------------------------
    def action_new(self, moments: tuple = (), quotes: tuple = ()) -> None:
        # n brings back a new finding left with Escape; one from an insight starts anew.
        drafts = self.live.finding_drafts
        draft = None if (moments or quotes) else drafts.pop(None, None)
        self.app.push_screen(FindingEditor(self.state, self.figures, moments=moments,
                                           quotes=quotes, draft=draft), self._save_new)

    def _keep_draft(self, fid: int | None, draft: dict) -> None:
        self.live.finding_drafts[fid] = draft
        self.notify(t("Not saved: {key} opens it again as you left it.",
                      key="n" if fid is None else "e"), timeout=5)

    def action_from_insight(self) -> None:
        insights = self.query_one("#insights-list", DataTable)
        note = None
        if insights.row_count:
            key = insights.coordinate_to_cell_key(insights.cursor_coordinate).row_key.value
            note = self.state.notes.get(int(key)) if key and key.isdigit() else None
        if note is None:
            self.notify(t("No insight under the cursor: F2 in the note dialog marks one."),
                        severity="warning", timeout=4)
            return
        self.action_new(moments=(note.mid,) if note.mid in self.state.moments else (),
                        quotes=(note.nid,))

    def _save_new(self, data: dict | None) -> None:
        if data is None:
            return
        if "draft" in data:
            self._keep_draft(None, data["draft"])
            return
        data = {k: v for k, v in data.items() if v not in ("", [])}
        event = self.live.record("finding_added", **data)
        if event is not None:
            table = self.query_one("#findings-list", DataTable)
            table.move_cursor(row=table.get_row_index(str(event.data["fid"])))
            self.notify(t("Finding saved."), timeout=2)

    def action_edit(self) -> None:
        fid = self._selected_fid()
        f = self.state.findings.get(fid) if fid is not None else None
        if f is None:
            return
        draft = self.live.finding_drafts.pop(f.fid, None)
        self.app.push_screen(FindingEditor(self.state, self.figures, f, draft=draft),
                             lambda data: self._save_edit(f, data))

    def _save_edit(self, f: Finding, data: dict | None) -> None:
        if data is None:
            return
        if "draft" in data:
            self._keep_draft(f.fid, data["draft"])
            return
        old = {"headline": f.headline, "meaning": f.meaning,
               "recommendation": f.recommendation, "moments": list(f.moments),
               "quotes": list(f.quotes), "figures": [list(x) for x in f.figures]}
        changes = {k: v for k, v in data.items() if v != old[k]}
        if changes:
            self.live.record("finding_edited", fid=f.fid, **changes)

    def action_delete(self) -> None:
        fid = self._selected_fid()
        if fid is not None and self.live.record("finding_deleted", fid=fid) is not None:
            self.notify(t("Deleted ({key} brings it back).", key=key_name("ctrl+z")), timeout=3)

    def action_move(self, delta: int) -> None:
        fid = self._selected_fid()
        if fid is None:
            return
        index = self.state.finding_order.index(fid) + delta
        if 0 <= index < len(self.state.finding_order):
            self.live.record("finding_moved", fid=fid, index=index)

    def action_undo(self) -> None:
        store = self.live.store
        try:
            target = store.last_undoable() if store is not None else None
        except WorkshopError as exc:  # an older event, read only now, is damaged
            self.notify(str(exc), severity="error", markup=False)
            return
        if target is None:
            self.notify(t("There is nothing to undo."), timeout=3)
            return
        what = describe(target, self.state)
        if self.live.undo() is not None:
            self.notify(t("Undone: {what}", what=what), markup=False, timeout=4)

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, sections_for

        self.app.push_screen(HelpScreen(sections_for(self)))

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self):
        commands = [(t("Close the findings"), t("Back to where you were"), self.action_close)]
        if not self.live.findings_readonly:
            commands[:0] = [
                (t("New finding"), t("A headline resting on picked evidence"), self.action_new),
                (t("New finding from an insight"), t("The insight under the cursor as its "
                                                     "evidence"), self.action_from_insight),
                (t("Undo the last change"), t("Cancel the latest entry or change"),
                 self.action_undo)]
        return commands
