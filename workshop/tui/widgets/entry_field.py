"""The text field every entry, form and dialog of the app types into.

An ``Input`` that makes the next key wait until what Enter submitted has been handled,
so that keys arriving together still give one entry per Enter, exactly as typed (with
``KeysInOrder`` on the app: see key_order.py).
"""

from __future__ import annotations

from textual.widgets import Input


class EntryField(Input):
    """The app's text field (see the module's docstring)."""

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
