"""Every question the TUI asks: yes or no (``ConfirmScreen``), or one of a few ways on
(``ChoiceScreen``), one dialog for both.

Each answer is a button with a letter of its own, shown on the button ("Reveal (r)"), and
Enter presses the focused one, so a question is answered from the keyboard in one key;
the focused button at first is the answer the caller names (``default``; for a yes
or no, the harmless no unless said otherwise); Escape is the cautious way out. The
answers are declared here, question by question: a translation picks each answer's
letter from its own translated label (the catalog's context names the label), and a
test holds the letters of each question apart in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from workshop import i18n
from workshop.i18n import N_, Translator, t
from workshop.tui.keys import _
from workshop.tui.plain import Plain
from workshop.tui.screens.dialog import Dialog

T = TypeVar("T")


class Answer(NamedTuple):
    """One button: its id, its label and its letter, in English and marked for the
    catalogs; translated when the question is shown. The letter's context ("key:
    <label>") lets each translation take a letter of its own label."""

    id: str
    label: str
    key: str


# Yes-or-no questions: (no, yes), laid out in that order.
REVEAL_VOTES = (Answer("no", N_("Not yet"), N_("key: Not yet\x04n")),
                Answer("yes", N_("Reveal"), N_("key: Reveal\x04r")))
DELETE_MOMENT = (Answer("no", N_("Keep"), N_("key: Keep\x04k")),
                 Answer("yes", N_("Delete"), N_("key: Delete\x04d")))
FINISH_SESSION = (Answer("no", N_("Not yet"), N_("key: Not yet\x04n")),
                  Answer("yes", N_("Finish"), N_("key: Finish\x04f")))
REOPEN_SESSION = (Answer("no", N_("Keep it read-only"), N_("key: Keep it read-only\x04k")),
                  Answer("yes", N_("Reopen"), N_("key: Reopen\x04r")))
CLOSE_ROOM = (Answer("no", N_("Keep it open"), N_("key: Keep it open\x04k")),
              Answer("yes", N_("Close"), N_("key: Close\x04c")))
OPEN_READ_ONLY = (Answer("no", N_("Cancel"), N_("key: Cancel\x04c")),
                  Answer("yes", N_("Open read-only"), N_("key: Open read-only\x04o")))
# Questions of more ways on.
LEAVE_HIDDEN_VOTE = (Answer("leave", N_("Go on, hidden"), N_("key: Go on, hidden\x04h")),
                     Answer("reveal", N_("Reveal and go on"), N_("key: Reveal and go on\x04r")),
                     Answer("stay", N_("Stay"), N_("key: Stay\x04s")))
EXPORT_HIDDEN_VOTE = (Answer("go", N_("Go to the vote"), N_("key: Go to the vote\x04g")),
                      Answer("export", N_("Export anyway"), N_("key: Export anyway\x04e")))
QUIT_WITH_A_LINE = (Answer("back", N_("Back to it"), N_("key: Back to it\x04b")),
                    Answer("quit", N_("Quit without it"), N_("key: Quit without it\x04q")))

QUESTIONS = {"reveal the votes": REVEAL_VOTES, "delete a moment": DELETE_MOMENT,
             "finish the session": FINISH_SESSION, "reopen the session": REOPEN_SESSION,
             "open read-only": OPEN_READ_ONLY, "close the room": CLOSE_ROOM,
             "leave a hidden vote": LEAVE_HIDDEN_VOTE,
             "export with a hidden vote": EXPORT_HIDDEN_VOTE,
             "quit with a line typed": QUIT_WITH_A_LINE}


class _Question(Dialog[T]):
    """The question, then one button per answer; a letter answers at once."""

    BINDINGS = [Binding("escape", "escape", _("Cancel")),
                Binding("left", "app.focus_previous", show=False),
                Binding("right", "app.focus_next", show=False)]

    def __init__(self, question: str, answers: Sequence[Answer], *, tr: Translator = t,
                 default: str | None = None, primary: str | None = None):
        super().__init__()
        self.question = question
        self.answers = [(a.id, tr(a.label), tr(a.key)) for a in answers]
        self.default = default or answers[-1].id
        self.primary = primary or self.default
        self._keys = {key.lower(): aid for aid, _, key in self.answers}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question)
            with Horizontal(classes="dialog-buttons"):
                for aid, label, key in self.answers:
                    yield Button(f"{label} ({key})", id=f"choice-{aid}",
                                 variant="primary" if aid == self.primary else "default")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}").focus()

    def on_key(self, event) -> None:
        chosen = self._keys.get((event.character or "").lower())
        if chosen is not None:
            event.stop()
            self.answer(chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer((event.button.id or "").removeprefix("choice-"))

    def action_escape(self) -> None:
        self.answer(None)

    def answer(self, chosen: str | None) -> None:
        raise NotImplementedError


class ChoiceScreen(_Question[str | None]):
    """Returns the id of the chosen answer, or None for Escape."""

    def answer(self, chosen: str | None) -> None:
        self.dismiss(chosen)


class ConfirmScreen(_Question[bool]):
    """Returns True for yes; Escape is no. ``answers`` are (no, yes); the yes button is
    the primary one, and ``default`` ("yes" or "no") has the focus at first: "no" unless
    the caller says otherwise, since Enter pressed out of habit must not delete a moment,
    finish a session or reopen one (yes is its letter away)."""

    def __init__(self, question: str, answers: Sequence[Answer], *, tr: Translator = t,
                 default: str = "no"):
        super().__init__(question, answers, tr=tr, default=default, primary="yes")

    def answer(self, chosen: str | None) -> None:
        self.dismiss(chosen == "yes")


class QuitQuestion(ChoiceScreen):
    """Quitting with lines typed and not added yet (Enter not pressed), which the quit
    would lose unsaid. Enter or Escape goes back to them, where Enter adds a line as
    ever; q (or ctrl+q again) quits without them. Asked, not added for the facilitator:
    a line may be half typed, and each step's Enter is where its rules are checked (a
    vote over its budget, an action's owner); keeping it past the quit would put what
    participants said in a file beside the session's."""

    def __init__(self, lines: Sequence[str]):
        shown = ", ".join(i18n.quote(_short(line)) for line in lines)
        super().__init__(t.plural(len(lines), "A line is typed and not added yet: {lines}. "
                                  "Quitting now loses it.", "{n} lines are typed and not "
                                  "added yet: {lines}. Quitting now loses them.",
                                  lines=shown), QUIT_WITH_A_LINE, default="back")


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
