"""The room as the run screen holds it: opened and closed with the session, told of
every change, and what the facilitator does with the phones' entries.

The room (``workshop.room``) records through ``LiveSession.submit``, so a phone's entry
is one more change of the session: the screen redraws, the file has it, undo knows
it. Accepting an entry the session moderates records the entry itself, naming the
proposal it came from; rejecting one records that too.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workshop.core.errors import SaveError
from workshop.core.events import Event
from workshop.core.kinds.room import PHONE, Proposal, moderated
from workshop.core.state import SessionState
from workshop.tui.live import LiveSession

if TYPE_CHECKING:  # the web server (aiohttp: about half a second) loads when a room opens
    from workshop.room.server import Room


# While the room is open, Python's cycle collector is kept off what was there when it
# opened (the app, the session, the web server: it all lives as long as the room), and
# its full collections come ten times less often (Python's default: every ten
# middle-generation collections). A full collection stops the event loop while it
# walks every object: 50 to 120 ms on this machine with the room open, the one longest
# wait in a phone's "saved" and in the entries shown. Closing the room gives the
# collector everything back, cycles left over meanwhile included. The run screen does
# the same while a session is open (its state is most of what a full collection walked:
# 55 to 100 ms in a large session's step change); the two nest.
FULL_COLLECTION_EVERY = 100  # middle-generation collections between two full ones
_before: list[tuple[int, int, int]] = []  # the thresholds before each room still open


def collect_less() -> None:
    gc.freeze()
    young, middle, old = threshold = gc.get_threshold()
    _before.append(threshold)
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))


def collect_as_before() -> None:
    if _before:
        gc.set_threshold(*_before.pop())
    if not _before:  # the last room (or run screen) closed (a test may run two apps)
        gc.unfreeze()


class LiveHost:
    """The running session as the room sees it."""

    def __init__(self, live: LiveSession):
        self.live = live

    @property
    def state(self) -> SessionState:
        return self.live.store.state if self.live.store is not None else self.live.state

    def record(self, kind: str, **data: Any) -> Event:
        return self.live.submit(kind, **data)

    def sync(self) -> bool:  # in a worker thread
        return self.live.store.sync() if self.live.store is not None else False

    def fold_log(self) -> None:  # in a worker thread
        if self.live.store is not None:
            self.live.store.fold_log()

    def sync_failed(self, error: SaveError) -> None:
        self.live.disk_failed(error)


class RoomLink:
    """At most one room per running session."""

    def __init__(self, live: LiveSession, on_change: Callable[[], None]):
        self.live = live
        self.room: Room | None = None
        self.on_change = on_change  # the screen's line about the room redraws

    @property
    def open(self) -> bool:
        return self.room is not None

    async def start(self, address: str, port: int | None = None, *,
                    everywhere: bool = False) -> str | None:
        """Open the room on ``address`` (listening on every address of the laptop when
        ``everywhere``); None, or the one line that says why not."""
        if self.room is not None:
            return None
        if self.live.readonly or self.live.store is None:
            return str(self.live.t("This session is open read-only."))
        from workshop.room.server import Room, RoomError

        try:
            room = Room(LiveHost(self.live), self.live.store.events, address=address,
                        port=port, everywhere=everywhere)
            await room.open()
        except RoomError as exc:
            return str(exc)
        room.on_seats = self.on_change
        self.room = room
        self.live.listeners.append(self._changed)
        collect_less()
        self.on_change()
        return None

    def _changed(self, event: Event) -> None:
        if self.room is not None:
            self.room.changed(event)
        self.on_change()

    async def stop(self) -> None:
        room, self.room = self.room, None
        if self._changed in self.live.listeners:
            self.live.listeners.remove(self._changed)
        if room is not None:
            await room.close()
            collect_as_before()
        self.on_change()

    # ---- the phones' entries, as the facilitator deals with them ------------------------
    def accept(self, proposal: Proposal, text: str | None = None) -> Event | None:
        """Put a waiting entry on the board, as sent or with ``text`` edited."""
        data = dict(proposal.fields)
        if text is not None:
            data["text"] = text
        return self.live.record(proposal.event, **data, pid=proposal.pid, via=PHONE,
                                ppid=proposal.ppid)

    def reject(self, proposal: Proposal, into: int | None = None) -> Event | None:
        """Leave a waiting entry out (``into``: the entry on the board it repeats)."""
        data: dict[str, Any] = {"ppid": proposal.ppid}
        if into is not None:
            data["into"] = into
        return self.live.record("proposal_rejected", **data)

    def set_moderation(self, moderate: bool) -> Event | None:
        if moderated(self.live.state) == moderate:
            return None
        return self.live.record("moderation_set", moderate=moderate)
