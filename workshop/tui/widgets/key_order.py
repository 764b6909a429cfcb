"""Keys taken one at a time: each key's effect is complete before the next key is read.

Why: Textual hands a key to the focused widget's queue, and a key bound higher up (Enter
in an Input, F8 on the screen) is acted on only once it has climbed back to the app, one
message queue per level of the widget tree. Keys that arrived in the same read from the
terminal (a paste without bracketed paste, a laggy SSH link, an app busy rebuilding a
panel) are meanwhile handed to the focused widget, so they land before the earlier key
has had its effect: three lines sent at once became one line saved three times, and keys
typed while F8 rebuilt the panel went into the field being replaced.

``KeysInOrder`` (mixed into the app) holds every key and paste (and the terminal's focus
reports) until the one before it has finished its trip up the tree and whatever that
trip set off on the screen has been handled (a panel rebuilt, a dialog opened).
``follow`` adds a message a widget posted (an entry field's Submitted) to what the next
key waits for; ``hold`` holds the keys for a piece of work of several steps (the lines
of a paste added one by one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events, log
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker only
    from textual.app import App

    _App = App[Any]
else:
    _App = object


def follow(app, message: Message, node: MessagePump, then: Callable[[], None]) -> None:
    """Call ``then`` once ``message``, just posted to ``node``, has been handled by every
    widget it bubbles to, and the screen has handled what those handlers queued.

    A callback queued on a widget runs after the messages queued there before it; so a
    callback put behind the message on each widget it reaches follows it step by step.
    """
    def arrived(node: MessagePump) -> None:
        parent = node._parent
        # Read after the widget handled it: a handler that stopped it ended its trip. But
        # Textual stops a message on its way to the widget that sent it and still hands
        # it over (a Submitted posted by a panel, a key sent by the app): followed there
        # too. One step too far only costs a callback; one too few breaks the order.
        stopped = getattr(message, "_stop_propagation", False)
        sender = getattr(message, "_sender", None)
        if parent is not None and message.bubble and (
                not stopped or parent is sender or parent is app):
            if parent.call_later(arrived, parent):
                return
        # Even when a widget on the way took it (a character typed into a field), the
        # screen is let settle: this chain of callbacks can lag behind the key itself,
        # which may meanwhile have climbed to the app and set off a step change there
        # (F8 on a busy app): the stop read here is then the app's, not this widget's,
        # and the next key went into the field being replaced.
        settle(app, then)

    if not node.call_later(arrived, node):
        then()


def settle(app, then: Callable[[], None]) -> None:
    """Call ``then`` once the active screen has handled what is queued on it now (after a
    step change, the new panel is mounted and focused); if another screen became active
    meanwhile (a dialog opened or closed), once that one has too."""
    try:
        screen = app.screen
    except Exception:  # no screen: the app is closing
        then()
        return

    def settled() -> None:
        try:
            now = app.screen
        except Exception:
            now = screen
        if now is not screen:
            settle(app, then)
        else:
            then()

    if not screen.call_later(settled):
        then()


class KeysInOrder(_App):
    """Mix into the App (before ``App``): one key or paste at a time, in arrival order."""

    # A safety net, never the rule: if something unforeseen stopped a trip from ending,
    # held keys go on after this many seconds without progress rather than never.
    STALL_SECONDS = 5.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Event] = deque()
        self._open_trips = 0
        self._epoch = 0  # bumped by the safety net: trips of an older epoch are ignored
        self._last_progress = monotonic()
        self._stall_timer: Timer | None = None

    # The terminal's focus reports are in the same stream: a key typed before the window
    # lost the focus is handled as it would have been then (Textual unfocuses the field
    # on AppBlur; an Enter on its way would then find no field to submit).
    IN_ORDER = (events.Key, events.Paste, events.AppBlur, events.AppFocus)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, self.IN_ORDER) and not event.is_forwarded:
            self._held_keys.append(event)
            await self._next_key()
            return
        await super().on_event(event)

    async def _next_key(self) -> None:
        while self._held_keys and not self._open_trips:
            event = self._held_keys.popleft()
            token = self.hold()
            # Textual's own handling: priority bindings, else to the focused widget.
            await super().on_event(event)
            if event.is_forwarded:
                follow(self, event, self.focused or self.screen, partial(self.release, token))
            else:
                settle(self, partial(self.release, token))

    # ---- what widgets call --------------------------------------------------------
    def follow(self, message: Message, node: MessagePump,
               then: Callable[[], None] | None = None) -> None:
        """The next key waits until ``message`` (just posted to ``node``) is handled."""
        token = self.hold()

        def done() -> None:
            self.release(token)
            if then is not None:
                then()

        follow(self, message, node, done)

    def hold(self) -> int:
        """Hold the keys until ``release`` is called with what this returns."""
        self._open_trips += 1
        self._last_progress = monotonic()
        if self._stall_timer is None:
            self._stall_timer = self.set_interval(1.0, self._check_stall, name="keys in order")
        return self._epoch

    def release(self, token: int) -> None:
        if token != self._epoch:
            return  # the safety net already let the keys go
        self._last_progress = monotonic()
        self._open_trips -= 1
        if not self._open_trips and self._held_keys:
            self.call_later(self._next_key)

    def _check_stall(self) -> None:
        if self._open_trips and monotonic() - self._last_progress > self.STALL_SECONDS:
            log.warning("keys in order: a key's effect did not complete; going on")
            self._epoch += 1
            self._open_trips = 0
            self.call_later(self._next_key)
