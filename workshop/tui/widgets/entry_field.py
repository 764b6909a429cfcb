"""The text field every entry, form and dialog of the app types into.

An ``Input`` that (1) makes the next key wait until what Enter submitted has been
handled, so that keys arriving together still give one entry per Enter, exactly as
typed (with ``KeysInOrder`` on the app: see key_order.py); and (2) never drops what
a paste of several lines holds: a field that takes entries offers each line as its own
entry or the lines joined into one; a field that holds one value joins them, and says so.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from workshop.core.paste import join_lines, pasted_lines
from workshop.i18n import t

Paste = Literal["entries", "join"]

_NOT_TEXT = ("Cc", "Cs", "Zl", "Zp")  # controls, lone surrogates, line/paragraph separators


class EntryField(Input):
    """``paste="entries"``: a multi-line paste asks (each line an entry / joined / cancel);
    ``paste="join"``: it is joined with ``joiner`` (default: the sentence rule of
    core/paste.py, e.g. ", " for a list of names). A field editing an entry joins."""

    # Input sets its virtual width to the text's on every key: with Widget's reactive, each
    # key typed and the field cleared after Enter laid out the whole screen (the table of
    # 2,000 moments beside it included). The field's own size never depends on it; its
    # scrolling reads the value directly, so a repaint is all a key needs.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, paste: Paste = "join", joiner: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.paste_mode: Paste = paste
        self.joiner = joiner

    # ---- typed characters ---------------------------------------------------------
    async def _on_key(self, event: events.Key) -> None:
        """Every character typed is taken, not only those Python calls printable: Textual's
        Input dropped a no-break space, the joiner inside 👩‍👧 and Persian words, the marks
        of right-to-left text, and an emoji newer than Python's Unicode tables. Controls
        and line separators are keys or line ends, not text (a paste says which)."""
        char = event.character
        if char is not None and len(char) == 1 and not char.isprintable() \
                and unicodedata.category(char) not in _NOT_TEXT:
            self._restart_blink()
            event.stop()
            event.prevent_default()
            self._insert(char)
            return
        await super()._on_key(event)

    # ---- Enter ----------------------------------------------------------------------
    async def action_submit(self) -> None:
        self.submit(self.value)

    def submit(self, value: str, then=None) -> bool:
        """Post Submitted for ``value``; keys after it wait until it has been handled.
        ``then`` is called once it has. False when the field can take no message."""
        result = self.validate(value) if "submitted" in self.validate_on else None
        message = self.Submitted(self, value, result)
        if not self.post_message(message):
            return False
        order = getattr(self.app, "follow", None)
        if order is not None:
            order(message, self, then)
        else:  # an app without KeysInOrder (a test's): no keys to hold
            from workshop.tui.widgets.key_order import follow

            follow(self.app, message, self, then or (lambda: None))
        return True

    # ---- paste ----------------------------------------------------------------------
    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # not Input's own: it keeps the first line only
        lines, left_out = pasted_lines(event.text)
        if len(lines) <= 1:
            self._insert(lines[0] if lines else "")
            return
        if self.paste_mode == "join" or self.has_class("-editing"):
            self._insert(join_lines(lines, self.joiner))
            self.notify(t("{n} pasted lines joined into one.", n=len(lines)), timeout=4)
            return
        from workshop.tui.screens.pasted_lines import PastedLinesScreen

        before, after = self._around_selection()
        # What the field held goes with the paste, as a one-line paste would take it.
        entries = [before + lines[0], *lines[1:-1], lines[-1] + after]
        self.app.push_screen(PastedLinesScreen(
            entries, join_lines(lines, self.joiner), left_out=left_out,
            choose=self._pasted_choice))

    def _around_selection(self) -> tuple[str, str]:
        start, end = sorted(self.selection)
        return self.value[:start], self.value[end:]

    def _insert(self, text: str) -> None:
        start, end = sorted(self.selection)
        self.replace(text, start, end)

    def _pasted_choice(self, choice: str | None, entries: list[str], joined: str) -> None:
        """Called by the dialog as its key is handled (so the keys after it wait)."""
        if choice == "join":
            self._insert(joined)
            self.focus()
        elif choice == "entries":
            self.add_entries(entries)

    def add_entries(self, entries: list[str]) -> None:
        """Submit each of ``entries`` in turn, as if typed and followed by Enter; stop at
        the first one refused (the panel said why; it stays in the field, as a refused
        typed entry does), and say what was added."""
        from workshop.tui.widgets.key_order import KeysInOrder

        app = self.app
        token = app.hold() if isinstance(app, KeysInOrder) else None  # not in a test's app
        total = len(entries)

        def finish(added: int) -> None:
            if token is not None and isinstance(app, KeysInOrder):
                app.release(token)
            if added == total:
                self.notify(t.plural(total, "Added {n} entry, one per pasted line.",
                                     "Added {n} entries, one per pasted line."), timeout=4)
            else:
                self.notify(t("Added {added} of {total} pasted lines: line {line} was "
                              "refused and is in the field; the lines after it were not "
                              "added.", added=added, total=total, line=added + 1)
                            if added + 1 < total else
                            t("Added {added} of {total} pasted lines: the last one was "
                              "refused and is in the field.", added=added, total=total),
                            severity="warning", timeout=10)

        def submit(i: int) -> None:
            self.value = entries[i]
            self.cursor_position = len(self.value)
            if not self.submit(self.value, then=lambda: after(i)):
                finish(i)

        def after(i: int) -> None:
            if self.value:  # still there: the panel refused it
                finish(i)
            elif i + 1 < total:
                submit(i + 1)
            else:
                finish(total)

        self.focus()
        submit(0)
