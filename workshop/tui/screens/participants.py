"""The participants during the session: a name put right, a latecomer added, consent
taken when it is given.

Each change is an event like any other (``participant_edited``, ``participant_added``):
undone with ctrl+z, seen by the replay, and a name put right is still replaced in the
texts typed before it (``core.names``). Names are shown here, to the facilitator only;
the list and the fields show what was typed as it was typed, never read as markup.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, OptionList

from workshop.core.errors import RuleError
from workshop.core.roster import check_names
from workshop.core.safetext import visible
from workshop.core.state import Participant
from workshop.i18n import t
from workshop.tui.keys import _
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain, PlainLabel
from workshop.tui.screens.dialog import Dialog
from workshop.tui.widgets.toggles import Tick

FIELDS = ("pseudonym", "name", "segment")


class ConsentTick(Tick, inherit_bindings=False):
    """Space ticks it; Enter saves, as in the fields above it."""

    BINDINGS = [Binding("space", "toggle_button", show=False)]


class ParticipantsScreen(Dialog[None]):
    """The list above, the highlighted participant's fields below; Enter in a field saves
    what changed. The list's last line adds a participant."""

    BINDINGS = [Binding("escape", "dismiss", _("Close")),
                Binding("enter", "save", show=False),  # reached from the consent tick
                Binding("space", "consent", _("Consent"), show=False)]  # from the list

    def __init__(self, live: LiveSession):
        super().__init__()
        self.live = live
        self.pid: int | None = None  # whose fields are shown; None: a new participant
        self._shown: dict[str, Any] = {}  # what the fields held when they were filled

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog people-dialog"):
            yield PlainLabel(t("Participants"), classes="dialog-title")
            yield OptionList(id="people-list", compact=True)
            labels = {"pseudonym": t("Pseudonym"), "name": t("Name"), "segment": t("Segment")}
            for field in FIELDS:
                with Horizontal(classes="people-row"):
                    yield PlainLabel(labels[field], classes="people-label")
                    yield Input(id=f"people-{field}", compact=True)
            yield ConsentTick(t("Gave consent to be recorded"), id="people-consent",
                              compact=True)
            yield Plain(t("The name stays on this laptop: reports and phones show the "
                          "pseudonym."), classes="dialog-hint")
            yield Plain(t("↑↓ choose · Space: consent given or not · Tab goes to the "
                          "fields · Enter saves · Escape closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill_list()
        self.query_one("#people-list").focus()

    # ---- the list ---------------------------------------------------------------------
    def _fill_list(self, keep: int | None = None) -> None:
        people = self.live.state.participants
        options = [Content(self._line(p)) for p in people.values()]
        options.append(Content(t("+ Add a participant ({pseudonym})",
                                 pseudonym=self._new_pseudonym())))
        listing = self.query_one("#people-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        pids = list(people)
        at = pids.index(keep) if keep is not None and keep in people else 0  # 0: the first, or Add
        listing.highlighted = at
        self._show(pids[at] if at < len(pids) else None)

    @staticmethod
    def _line(p: Participant) -> str:
        parts = [p.pseudonym, p.name or "", p.segment or ""]
        shown = " · ".join(visible(part) for part in parts if part)
        return f"{p.pid:>2}. {shown}" + ("" if p.consent else f"  ({t('no consent')})")

    def _next_pid(self) -> int:
        return max(self.live.state.participants, default=0) + 1

    def _new_pseudonym(self) -> str:
        taken = {p.pseudonym for p in self.live.state.participants.values()}
        pid = self._next_pid()
        while f"P{pid}" in taken:
            pid += 1
        return f"P{pid}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pids = list(self.live.state.participants)
        self._show(pids[event.option_index] if event.option_index < len(pids) else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#people-name" if self.pid is None else "#people-pseudonym").focus()

    def action_consent(self) -> None:
        """Consent as each person gives it aloud, down the list: one key each."""
        p = self.live.state.participants.get(self.pid) if self.pid is not None else None
        if p is None:
            return
        if self.live.record("participant_edited", pid=p.pid, consent=not p.consent) is None:
            return
        self.notify(t("{pseudonym}: consent recorded.", pseudonym=p.pseudonym) if not p.consent
                    else t("{pseudonym}: no consent.", pseudonym=p.pseudonym), timeout=2)
        self._fill_list(keep=p.pid)

    # ---- the fields -------------------------------------------------------------------
    def _show(self, pid: int | None) -> None:
        self.pid = pid
        p = self.live.state.participants.get(pid) if pid is not None else None
        values = {"pseudonym": p.pseudonym if p else self._new_pseudonym(),
                  "name": (p.name or "") if p else "", "segment": (p.segment or "") if p else ""}
        for field in FIELDS:  # a crafted file's controls shown, never sent to the terminal
            self.query_one(f"#people-{field}", Input).value = visible(values[field])
        self.query_one("#people-consent", Checkbox).value = p.consent if p else False
        self._shown = self._typed()  # saved is only what the facilitator then changes

    def _typed(self) -> dict[str, Any]:
        typed: dict[str, Any] = {field: " ".join(self.query_one(f"#people-{field}",
                                                                Input).value.split())
                                 for field in FIELDS}
        typed["consent"] = self.query_one("#people-consent", Checkbox).value
        return typed

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self._typed()
        if not typed["pseudonym"]:
            self.notify(t("A participant needs a pseudonym: it is what reports and phones "
                          "show."), severity="warning", timeout=4)
            return
        clash = next((p for p in self.live.state.participants.values()
                      if p.pseudonym == typed["pseudonym"] and p.pid != self.pid), None)
        if clash is not None:
            self.notify(t("{pseudonym} is taken by participant {pid}: choose another "
                          "pseudonym.", pseudonym=typed["pseudonym"], pid=clash.pid),
                        severity="warning", timeout=4)
            return
        if self.pid is None or typed["name"] != self._shown["name"]:
            # A name given or changed here (a file that already has two alike keeps them).
            others = [p.name for p in self.live.state.participants.values()
                      if p.pid != self.pid]
            try:
                check_names([*others, typed["name"]])
            except RuleError as exc:
                self.notify(str(exc), severity="warning", timeout=6)
                return
        if self.pid is None:
            pid = self._next_pid()
            data = {key: value for key, value in typed.items() if value}
            if self.live.record("participant_added", pid=pid, **data) is None:
                return  # refused (30 at most): said by the live session, fields kept
            self.notify(t("{pseudonym} joined the session.", pseudonym=typed["pseudonym"]),
                        timeout=3)
        else:
            changes = {key: value for key, value in typed.items()
                       if value != self._shown[key]}
            if not changes:
                self.notify(t("Nothing changed."), timeout=2)
                return
            pid = self.pid
            if self.live.record("participant_edited", pid=pid, **changes) is None:
                return
            self.notify(t("{pseudonym} saved.", pseudonym=typed["pseudonym"]), timeout=2)
        self._fill_list(keep=pid)
        self.query_one("#people-list").focus()
