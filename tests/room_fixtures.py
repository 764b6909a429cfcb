"""The room over HTTP, as the tests drive it: a real session file, the room's aiohttp
app served on 127.0.0.1 by aiohttp's own test server, and phones as cookie jars.

``StoreHost`` stands in for the TUI's live session: it records through the Store and
tells the room, as the run screen does after every change.
"""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer

from core_fixtures import new_store
from workshop.core.events import Event
from workshop.core.store import Store
from workshop.room.server import Room


class StoreHost:
    def __init__(self, store: Store):
        self.store = store
        self.room: Room | None = None
        self.disk_errors: list[str] = []  # what the facilitator was told

    @property
    def state(self):
        return self.store.state

    def record(self, kind: str, **data: Any) -> Event:
        """What a phone sends: committed, and on disk once ``sync`` returns."""
        with self.store.sync_later():
            return self.recorded(self.store.record(kind, **data))

    def recorded(self, event: Event) -> Event:
        if self.room is not None:
            self.room.changed(event)
        return event

    def sync(self) -> bool:
        return self.store.sync()

    def fold_log(self) -> None:
        self.store.fold_log()

    def sync_failed(self, error: Exception) -> None:
        self.disk_errors.append(str(error))


def keyboard(host: StoreHost, kind: str, **data: Any) -> Event:
    """What the facilitator types: recorded the keyboard's way, the room told."""
    return host.recorded(host.store.record(kind, **data))


class Phone:
    """One participant's browser: its own cookies, the request token its page holds."""

    def __init__(self, server: TestServer, room: Room):
        self.server, self.room = server, room
        self.http = ClientSession(cookie_jar=CookieJar(unsafe=True))
        self.csrf = ""
        self.n = 0

    def url(self, path: str = "") -> str:
        return str(self.server.make_url(f"/r/{self.room.token}/{path}"))

    async def open(self) -> str:
        async with self.http.get(self.url()) as response:
            assert response.status == 200, response.status
            page = await response.text()
        found = re.search(r'data-csrf="([^"]+)"', page)
        assert found is not None
        self.csrf = found.group(1)
        return page

    async def post(self, path: str, data: Any, *, csrf: str | None = None,
                   headers: dict[str, str] | None = None) -> tuple[int, Any]:
        sent = {"Content-Type": "application/json", "X-CSRF-Token": csrf if csrf is not None
                else self.csrf, **(headers or {})}
        import json

        async with self.http.post(self.url(path), data=json.dumps(data), headers=sent) as response:
            try:
                return response.status, await response.json()
            except Exception:
                return response.status, await response.text()

    async def seat(self, pid: int | None) -> tuple[int, Any]:
        return await self.post("seat", {"pid": pid})

    async def send(self, step: int, entry: str, fields: dict[str, Any],
                   cid: str | None = None) -> tuple[int, Any]:
        self.n += 1
        cid = cid or f"test-{id(self):x}-{self.n:04d}"
        return await self.post("send", {"step": step, "entry": entry, "cid": cid,
                                        "fields": fields})

    async def view(self) -> dict[str, Any]:
        async with self.http.get(self.url("view")) as response:
            assert response.status == 200, response.status
            return await response.json()

    async def close(self) -> None:
        await self.http.close()


@asynccontextmanager
async def room_server(tmp_path: Path, *, store: Store | None = None, step: int | None = None):
    """(host, room, server, new_phone) around a session, with the room served on
    127.0.0.1; ``step`` is entered first."""
    store = store or new_store(tmp_path)
    host = StoreHost(store)
    if step is not None:
        store.record("step_entered", step=step)
    room = Room(host, store.events, address="127.0.0.1", port=0)
    host.room = room
    server = TestServer(room.app(), host="127.0.0.1", port=0)
    await server.start_server()
    room.port = server.port or 0
    phones: list[Phone] = []

    async def new_phone(pid: int | None = None) -> Phone:
        phone = Phone(server, room)
        phones.append(phone)
        await phone.open()
        if pid is not None:
            status, _ = await phone.seat(pid)
            assert status == 200
        return phone

    try:
        yield host, room, server, new_phone
    finally:
        await room.close()  # pages told, and a fold of the log in flight finished
        for phone in phones:
            await phone.close()
        await server.close()
        store.close()
