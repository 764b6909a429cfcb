"""The excellence step: lateral-thinking prompt cards, and the ideas they lead to.

The card on screen is the latest one drawn for the moment on screen, with the moment's
words filled in. F6 draws another (of the chosen technique, if one is chosen); ctrl+l
chooses the technique and draws from it. Every idea typed is tagged with the card on
screen, so the report can say which technique produced it.
"""

from __future__ import annotations

import random
import re
import unicodedata

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from workshop.core.errors import WorkshopError
from workshop.core.prompts import Deck, load_deck
from workshop.core.safetext import visible
from workshop.core.state import Idea, Moment, PromptDraw, SessionState
from workshop.tui.keys import _, key_name
from workshop.tui.plain import Plain, plain
from workshop.tui.screens.dialog import Dialog
from workshop.tui.steps.entries import EntryEditing, EntryList, edit_bindings
from workshop.tui.steps.journey import (
    JourneyView,
    TextView,
    VoteOrder,
    css_beside,
    dots_cell,
    moment_heading,
)
from workshop.tui.steps.table import cell
from workshop.tui.widgets.entry_field import EntryField

ANY = "*"  # "any technique" in the technique list


def _folded(text: str) -> str:
    """Lower case without accents: "analogia" finds "Analogía"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(ch))


def find_techniques(deck: Deck, query: str) -> list[str]:
    """Ids of the techniques whose name (or id) holds the typed letters: names starting
    with them first, then a word starting with them, then anywhere; deck order within."""
    words = _folded(query).split()
    if not words:
        return list(deck.techniques)
    ranked = []
    for index, tech in enumerate(deck.techniques.values()):
        name = _folded(tech.name)
        haystack = f"{name} {_folded(tech.id)}"
        if not all(w in haystack for w in words):
            continue
        first = words[0]
        rank = 0 if name.startswith(first) else 1 if re.search(
            r"(^|\W)" + re.escape(first), haystack) else 2
        ranked.append((rank, index, tech.id))
    return [tid for _, _, tid in sorted(ranked)]


class TechniqueScreen(Dialog[str | None]):
    """Choose the technique the next cards come from (or any): type a few letters of its
    name to find it, ↑/↓ to move, Enter to choose."""

    BINDINGS = [Binding("escape", "dismiss(None)", _("Cancel")),
                Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)]

    def __init__(self, deck: Deck, current: str, t):
        super().__init__()
        self.deck, self.current, self.t = deck, current, t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Plain(t("Technique for the next cards"), classes="dialog-title")
            yield EntryField(placeholder=t("Type to find a technique"), id="technique-find")
            yield OptionList(id="techniques")
            yield Plain(t("Type a few letters · ↑/↓ · Enter draws a card of that technique · "
                          "Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.styles.max_height = 14
        options.can_focus = False  # the field keeps the focus: typing always finds
        self._show("")
        self.query_one("#technique-find").focus()

    def _option(self, tid: str) -> Option:
        if tid == ANY:
            return Option(Text(self.t("Any technique"), style="bold"), id=ANY)
        tech = self.deck.techniques[tid]  # a deck is a file: its text as it is
        label = plain(tech.name, style="bold")
        label.append_text(plain("\n" + tech.how, style="dim"))
        return Option(label, id=tid)

    def _show(self, query: str) -> None:
        options = self.query_one(OptionList)
        found = find_techniques(self.deck, query)
        ids = [ANY, *found] if not query.strip() else found
        options.clear_options()
        if not ids:
            options.add_option(Option(plain(self.t("No technique matches “{typed}”.",
                                                    typed=query.strip()), style="italic"),
                                      id="-none", disabled=True))
            return
        options.add_options([self._option(tid) for tid in ids])
        keep = self.current if not query.strip() and self.current in ids else ids[0]
        options.highlighted = ids.index(keep)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count and options.highlighted is not None:
            options.highlighted = max(0, min(options.option_count - 1,
                                             options.highlighted + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not options.option_count:
            return
        option = options.get_option_at_index(index)
        if not option.disabled:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class ExcellenceView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        # F6 alone: ctrl+g is the run screen's key for the room (F10), in this step too,
        # where phones send ideas.
        Binding("f6", "draw", _("Card"), tooltip=_("Another prompt card")),
        Binding("ctrl+l", "technique", _("Technique"), tooltip=_("Choose the technique")),
        *edit_bindings(),
    ]

    ENTRY = "#idea"
    TEXT_WIDTH = 18
    WRITES = frozenset({"draw", "technique", "edit", "delete"})
    ENTITY, ID, LIST = "idea", "iid", "#ideas-text"

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self.rng = random.Random()
        self.technique = ANY
        self.deck: Deck | None = None
        self.deck_problem = ""
        self._votes: VoteOrder | None = None  # the vote that orders the list (prepare)
        try:
            self.deck = load_deck(live.state.lang)
        except WorkshopError as exc:  # a damaged or missing deck: ideas still work
            self.deck_problem = str(exc)

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield self.moments_table(focusable=False)
            with Vertical(id="detail"):
                yield TextView(id="heading")
                yield TextView(id="card")
                with VerticalScroll(id="ideas", can_focus=False):
                    yield EntryList(id="ideas-text")
        yield TextView(id="hint")
        if not self.live.readonly:  # a read-only look or a replay: nothing is typed
            yield EntryField(placeholder=self.t("An idea for this moment, Enter"),
                             id="idea", select_on_focus=False, paste="entries")

    # ---- the table --------------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        return [("dots", t("Dots"), max(4, len(t("Dots")))),
                ("ideas", t("Ideas"), max(5, len(t("Ideas"))))]

    def prepare(self, state: SessionState) -> None:
        # The script says "take the top moments from the vote": the latest vote on the
        # moments that counts puts them in order, with their dots.
        self._votes = VoteOrder(state)

    def moment_order(self, state: SessionState) -> list[Moment]:
        assert self._votes is not None  # prepare() runs first
        return self._votes.moments

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        assert self._votes is not None  # prepare() runs first
        return (self._votes.dots.get(m.mid), self.moment_figures(m.mid).ideas)

    def row_context(self, state: SessionState) -> object:
        assert self._votes is not None  # prepare() runs first
        return self._votes.dots

    def render_extra(self, extra: tuple) -> tuple:
        dots, ideas = extra
        return (dots_cell(dots), cell(ideas or "", "bold"))

    # ---- the card and the ideas ----------------------------------------------------
    def card_on_screen(self) -> PromptDraw | None:
        """The latest card drawn for the moment on screen."""
        mid = self.selected_mid
        draws = [d for d in self.live.state.prompts.values() if d.mid == mid and mid is not None]
        return max(draws, key=lambda d: d.did) if draws else None

    def technique_name(self, technique: str | None) -> str:
        if self.deck is not None and technique is not None and technique in self.deck.techniques:
            return self.deck.techniques[technique].name
        return technique or ""

    def moment_changed(self) -> None:
        t, state, mid = self.t, self.live.state, self.selected_mid
        self.query_one("#heading", TextView).update(moment_heading(t, state, mid))
        card = self.query_one("#card", TextView)
        draw = self.card_on_screen()
        if draw is not None:
            card.update(plain(draw.text))
            card.border_title = plain(self.technique_name(draw.technique))
            card.remove_class("-empty")
        else:
            card.update(plain(self.deck_problem or t("No card yet for this moment: F6 draws one."),
                              style="italic"))
            card.border_title = t("Prompt card")
            card.add_class("-empty")
        mine = [i for i in state.ideas.values() if i.mid == mid]
        ideas: list[tuple[str | None, Text]] = [
            (None, Text(t("Ideas ({n})", n=len(mine)), style="bold"))]
        for idea in mine:
            line = plain("  • " + " ".join(idea.text.split()))
            tags = [self.technique_name(idea.technique) if idea.technique else t("no card")]
            if idea.pid is not None:
                tags.append(state.participant_label(idea.pid))
            line.append(visible(f"  — {', '.join(tags)}"), style="dim")
            ideas.append((str(idea.iid), line))
        self.query_one(EntryList).show(ideas)
        self.show_hint()

    def show_hint(self) -> None:
        t = self.t
        if self.live.readonly:
            hint = ""  # its keys draw and choose cards: off when nothing is written
        elif self.editing is not None:
            hint = t("Editing: Enter saves, Escape cancels.")
        else:
            technique = t("any") if self.technique == ANY else self.technique_name(self.technique)
            hint = t("F6 another card · {key} technique: {technique}",
                     key=key_name("ctrl+l"), technique=technique)
        votes = self._votes.hint(t) if self._votes is not None else ""
        if votes:  # why the list is not in journey order
            hint = votes + (" " + hint if hint else "")
        self.query_one("#hint", TextView).update(plain(hint, style="dim"))

    # ---- keys -------------------------------------------------------------------------
    def action_draw(self) -> None:
        m = self.live.state.moments.get(self.selected_mid) if self.selected_mid else None
        if m is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return
        if self.deck is None:
            self.notify(self.deck_problem, severity="error")
            return
        recent = [d.prompt_id for d in sorted(self.live.state.prompts.values(),
                                              key=lambda d: d.did)]
        technique = None if self.technique == ANY else self.technique
        prompt = self.deck.draw(self.rng, technique, exclude=recent)
        self.live.record("prompt_drawn", prompt_id=prompt.id, technique=prompt.technique,
                         text=prompt.fill(m.text), mid=m.mid)

    def action_technique(self) -> None:
        if self.deck is None:
            self.notify(self.deck_problem, severity="error")
            return
        self.app.push_screen(TechniqueScreen(self.deck, self.technique, self.t), self._chosen)

    def _chosen(self, technique: str | None) -> None:
        if technique is None:
            return
        self.technique = technique
        self.action_draw()
        self.moment_changed()

    # ---- editing and deleting (the keys are EntryEditing's) ----------------------------
    def entry_items(self) -> dict[int, Idea]:
        return self.live.state.ideas

    def edit_field(self, idea: Idea) -> Input:
        return self.query_one("#idea", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "idea":
            return
        typed = self.typed_for_moment(event.input)
        if typed is None:
            return
        mid, pid, text = typed
        draw = self.card_on_screen()
        data = {"mid": mid, "text": text, "pid": pid}
        if draw is not None:
            data["did"] = draw.did
        if self.live.record("idea_added", **data) is not None:
            event.input.value = ""


STEP_KINDS = ("excellence",)
VIEW = ExcellenceView
