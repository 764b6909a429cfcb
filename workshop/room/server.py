"""The room's web server, inside the running ``workshop run`` process.

aiohttp serves the phones' pages in Textual's own event loop, so what a phone sends is
recorded by the session's one writer, between two key presses, and the rules are
checked in one place whatever the channel. The server listens on one address of a
local network (on all of them only when the facilitator asks), on a free port; the
room's link carries a random token, the projector's link another, and both die with
the room. Nothing is loaded from outside the laptop and
nothing leaves it but the pages.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import secrets
import socket
from collections.abc import Callable, Hashable
from typing import Any

from aiohttp import web

from workshop.core.errors import SaveError
from workshop.core.events import Event
from workshop.i18n import t
from workshop.room.intake import Host, Intake
from workshop.room.network import allowed
from workshop.room.seats import Seats

# Tried first: a room opened again on the same port keeps the phones' own store of what
# they still have to send (a browser keeps it per address and port).
PREFERRED_PORT = 8765
BACKLOG = 128  # aiohttp's own
ANY = "0.0.0.0"  # every IPv4 address of the laptop

# Ten lowercase letters and digits, none that look alike (0 o 1 l i): short enough to
# type from the screen, about 50 bits, and wrong guesses are slowed down (``web``).
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def room_token() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(10))


class RoomError(Exception):
    """The room could not open: one line for the facilitator."""


def _quiet_logs() -> None:
    """aiohttp logs to the standard error, which is the facilitator's screen: its lines
    (and the links they hold) go nowhere."""
    for name in ("aiohttp", "aiohttp.access", "aiohttp.server", "aiohttp.web"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _bind(address: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if hasattr(socket, "SO_REUSEADDR") and socket.SO_REUSEADDR:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        # Listening from here, not once the server starts a few awaits later: two rooms
        # opening at once (two windows, two test processes) both bound the preferred
        # port (SO_REUSEADDR lets a port be bound twice until one listens), and the
        # second's listen failed, "the port is taken", where its bind would have failed
        # and another port been taken.
        sock.listen(BACKLOG)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


class Room:
    """One opening of the room: its tokens, its phones, its server."""

    def __init__(self, host: Host, events: list[Event], *, address: str,
                 port: int | None = None, everywhere: bool = False):
        if not allowed(address):
            raise RoomError(t("The room listens only on a local network's address (such as "
                              "192.168.x.x or 10.x.x.x): {address} is not one.",
                              address=address))
        self.host = host
        self.address = address  # the one the links name
        # Every address of the laptop, only when the facilitator asks (phones on two
        # networks): a request that reaches it through an address outside the local
        # ranges is still refused (``web.guard``).
        self.everywhere = everywhere
        self.listen = ANY if everywhere else address
        self.wanted_port = port
        self.port = 0
        self.token = room_token()
        self.projector_token = secrets.token_urlsafe(18)
        self.seats = Seats()
        self.intake = Intake(host, events)
        self.version = 0
        self._shared: dict[Hashable, Any] = {}  # ``shared``, for the version it names
        self._shared_version = -1
        self._asked = 0  # "on disk?" asked so often, each after its change was committed
        self._synced = 0  # the asks a finished flush answered
        self._next: asyncio.Future[None] | None = None  # a flush waiting to begin
        self._flushes = asyncio.Semaphore(self.FLUSHES)
        self._folding: asyncio.Future[None] | None = None
        self._wake = asyncio.Event()
        self.closing = False
        self._runner: web.AppRunner | None = None
        self.on_seats: Callable[[], None] = lambda: None  # the TUI's list of seats redraws

    # ---- links ---------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://{self.address}:{self.port}"

    def url_at(self, address: str) -> str:
        """The phones' link through another of the laptop's addresses (``everywhere``)."""
        return f"http://{address}:{self.port}/r/{self.token}/"

    @property
    def url(self) -> str:
        """The link phones open (the QR code holds it)."""
        return f"{self.base}/r/{self.token}/"

    @property
    def projector_url(self) -> str:
        return f"{self.base}/p/{self.projector_token}/"

    # ---- life ----------------------------------------------------------------------
    def app(self) -> web.Application:
        from workshop.room.web import build_app

        return build_app(self)

    async def open(self) -> None:
        """Start listening; RoomError says in one line why it could not."""
        _quiet_logs()
        ports = [self.wanted_port] if self.wanted_port is not None else [PREFERRED_PORT, 0]
        sock = None
        for port in ports:
            try:
                sock = _bind(self.listen, port)
                break
            except OSError as exc:
                if port == ports[-1]:
                    raise RoomError(t("The room could not open on {address}: {why}.",
                                      address=self.address, why=_reason(exc))) from None
        assert sock is not None
        self.port = sock.getsockname()[1]
        runner = web.AppRunner(self.app(), access_log=None, handle_signals=False,
                               shutdown_timeout=0.5)
        try:
            await runner.setup()
            await web.SockSite(runner, sock, backlog=BACKLOG).start()
        except OSError as exc:
            sock.close()
            await runner.cleanup()
            raise RoomError(t("The room could not open on {address}: {why}.",
                              address=self.address, why=_reason(exc))) from None
        self._runner = runner

    async def close(self) -> None:
        """Stop: open pages are told the room closed, and every link stops working."""
        self.closing = True
        self._wake.set()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        if self._folding is not None:  # the session's file is closed after the room
            await self._folding

    # ---- what changed ------------------------------------------------------------------
    def changed(self, event: Event | None = None) -> None:
        """The session changed (a key, a phone, an undo): open pages fetch their view."""
        if event is not None:
            self.intake.remember(event)
        self.version += 1
        self._wake.set()
        self._wake = asyncio.Event()

    def shared(self) -> dict[Hashable, Any]:
        """What every phone's page shows alike (the board's moments, the forms), for
        the session as it is now: drawn for the first phone that fetches its view after
        a change, and kept for the others until the next change (fifteen pages fetch
        together, in the facilitator's event loop)."""
        if self._shared_version != self.version:
            self._shared, self._shared_version = {}, self.version
        return self._shared

    async def next_change(self, seen: int, timeout: float) -> int:
        """The version once it is past ``seen`` (or after ``timeout``)."""
        if self.version == seen and not self.closing:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass
        return self.version

    # ---- on disk ---------------------------------------------------------------------
    # Flushes at once: a phone's entry waits for one flush begun after it was committed,
    # not also for the end of one begun before; beyond that, the phones that send
    # meanwhile share the next flush (a burst of entries costs a few, not one each).
    FLUSHES = 2

    async def on_disk(self) -> None:
        """Return once every change recorded so far is on disk; SaveError when the disk
        refused. The waiting is done in worker threads, never in the event loop the
        facilitator's keys go through: every change committed before a flush begins
        is on disk once it ends."""
        self._asked += 1
        ask = self._asked
        while self._synced < ask:
            if self._next is None:  # no flush waiting to begin: one for this ask
                self._next = asyncio.ensure_future(self._sync())
            await asyncio.shield(self._next)

    async def _sync(self) -> None:
        async with self._flushes:
            self._next = None  # begun: what is asked from now on needs another
            upto = self._asked  # each of these was committed before its ask
            try:
                grown = await asyncio.to_thread(self.host.sync)
            except SaveError as exc:
                self.host.sync_failed(exc)
                raise
        self._synced = max(self._synced, upto)
        if grown and self._folding is None and not self.closing:
            self._folding = asyncio.ensure_future(self._fold_log())

    async def _fold_log(self) -> None:
        """The session's log folded into its file, in a worker thread, one fold at a time,
        nobody waiting for it (``Store.fold_log``: SQLite's own fold ran inside a
        commit, in the event loop)."""
        try:
            await asyncio.to_thread(self.host.fold_log)
        except SaveError:
            pass  # nothing lost: the log keeps it all, and a failing disk fails the next flush
        finally:
            self._folding = None

    def seat_holders(self) -> dict[int, Any]:
        return self.seats.taken()


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return t("the port is taken by another program")
    if exc.errno == errno.EADDRNOTAVAIL:
        return t("this laptop no longer has that address (the network changed?)")
    return exc.strerror or exc.__class__.__name__
