"""Opening and closing the room from the run screen: the QR code and its link, a phone
joining, the queue of entries to check, and the links dying with the room."""

from __future__ import annotations

import aiohttp
import pytest
from textual.widgets import Button

from waiting import until
from workshop.room.network import Address
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.room import RoomScreen

from .step_fixtures import new_store, type_text

LOOPBACK = [Address("127.0.0.1", "lo")]


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """The room's choices here are this machine's loopback address alone."""
    import workshop.tui.screens.room as room_screen

    monkeypatch.setattr(room_screen, "local_addresses", lambda: LOOPBACK)


async def phone_sends(url: str, text: str, cid: str = "tui-test-0001", pid: int = 1) -> int:
    """A participant's phone: opens the link, takes seat ``pid``, sends a moment."""
    import json
    import re

    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(url) as response:
            csrf = re.search(r'data-csrf="([^"]+)"', await response.text()).group(1)
        headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf}
        async with http.post(url + "seat", data=json.dumps({"pid": pid}), headers=headers):
            pass
        body = {"step": 0, "entry": "moment", "cid": cid,
                "fields": {"text": text}}
        async with http.post(url + "send", data=json.dumps(body), headers=headers) as response:
            return response.status


async def link_works(url: str) -> bool:
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                return response.status == 200
    except aiohttp.ClientConnectionError:
        return False


async def open_room(pilot, *keys: str):
    """F10 on the run screen, ``keys`` in the room screen (t: check what phones send
    first), Enter on its one address; once the QR code shows: the run screen and its
    room."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("f10")
    await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the room screen")
    await pilot.press(*keys, "enter")
    await until(pilot, lambda: app.screen.query("#room-qr"), "the QR code")
    run = app.screen_stack[-2]
    return run, run.room.room


async def test_open_the_room_take_an_entry_and_close_it(tmp_path):
    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)  # first: moments
    async with app.run_test(size=(100, 32)) as pilot:
        run, room = await open_room(pilot, "t")  # check what phones send first
        assert room is not None and room.address == "127.0.0.1"
        qr = str(app.screen.query_one("#room-qr").render())
        assert len(qr.splitlines()) >= 15 and "█" in qr and "▄" in qr
        assert room.url in str(app.screen.query_one("#room-url").render())
        assert await link_works(room.url)

        assert await phone_sends(room.url, "Bags that tear") == 200
        queue = app.screen.query_one("#room-queue")
        await until(pilot, lambda: queue.option_count == 1)
        assert "P1 · moment: Bags that tear" in str(queue.get_option_at_index(0).prompt)
        assert not run.state.moments  # waiting: not on the board yet
        queue.focus()
        await pilot.press("e")
        field = app.screen.query_one("#room-edit")
        assert field.value == "Bags that tear"
        field.value = "Carrier bags that tear"
        await pilot.press("enter")
        await until(pilot, lambda: run.state.moments)
        moment = next(iter(run.state.moments.values()))
        assert (moment.text, moment.pid) == ("Carrier bags that tear", 1)
        await until(pilot, lambda: queue.option_count == 0)

        # A phone holds a seat: c asks first, and Enter keeps the room open.
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert str(app.screen.query_one("Plain").render()) == (
            "A phone holds a seat (P1). Close the room? Its links stop working; a new room "
            "has new links and seats.")
        assert [str(b.label) for b in app.screen.query(Button)] == ["Keep it open (k)",
                                                                    "Close (c)"]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the room again")
        assert run.room.room is room and await link_works(room.url)
        await pilot.press("c", "c")  # c again closes it
        await until(pilot, lambda: not isinstance(app.screen, (RoomScreen, ConfirmScreen)))
        assert run.room.room is None
        assert not await link_works(room.url)
        assert "Carrier bags that tear" in str(run.query_one("DataTable").get_row_at(0))



async def test_the_palettes_close_the_room_asks_as_c_does(tmp_path):
    """The palette's "Close the room" closed at once while a phone held a seat; it asks
    the room screen's question now (Enter keeps it open, c closes it)."""
    from textual.command import CommandList

    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        run, room = await open_room(pilot)
        assert await phone_sends(room.url, "Bags that tear") == 200  # P1 takes a seat
        await until(pilot, lambda: room.seats.taken())
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is run, "the run screen")

        async def palette_close_the_room() -> None:
            await pilot.press("ctrl+p")
            await until(pilot, lambda: app.screen.query(CommandList), "the palette")
            await type_text(pilot, "close the room")
            options = app.screen.query_one(CommandList)
            await until(pilot, lambda: options.option_count and str(
                options.get_option_at_index(0).prompt).startswith("Close the room"),
                "the command found")
            await pilot.press("enter")

        await palette_close_the_room()
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert str(app.screen.query_one("Plain").render()).startswith(
            "A phone holds a seat (P1). Close the room?")
        await pilot.press("enter")  # keeps it open
        await until(pilot, lambda: app.screen is run, "the run screen again")
        assert run.room.room is room and await link_works(room.url)

        await palette_close_the_room()
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("c")
        await until(pilot, lambda: run.room.room is None, "the room closed")
        assert app.screen is run and not await link_works(room.url)

async def test_closing_the_session_closes_the_room(tmp_path):
    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        url = (await open_room(pilot))[1].url
        assert await link_works(url)
        await pilot.press("escape")
        bar = app.screen.query_one("#run-bar")
        assert bar.room == "Room: 0 phones"
        # taken as it comes: on the board, and in the panel's table, by itself
        assert await phone_sends(url, "Bags that tear") == 200
        table = app.screen.query_one("DataTable")
        await until(pilot, lambda: table.row_count == 1)
        assert "Bags that tear" in str(table.get_row_at(0))
        assert bar.room == "Room: 1 phone"
    assert not await link_works(url)


async def test_the_room_can_listen_on_every_local_network_when_asked(tmp_path, monkeypatch):
    """Phones on two networks (a hotspot and the room's Wi-Fi): one choice listens on
    every address, the link names the first, the others are shown beside it."""
    import workshop.room.server as server
    import workshop.tui.screens.room as room_screen

    two = [Address("192.168.43.12", "wlan0"), Address("10.42.0.1", "usb0"), *LOOPBACK]
    monkeypatch.setattr(room_screen, "local_addresses", lambda: two)
    # Tests listen on loopback only: "every address" is bound as 127.0.0.1 here.
    monkeypatch.setattr(server, "ANY", "127.0.0.1")
    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        choices = app.screen.query_one("#room-addresses")
        assert [str(choices.get_option_at_index(n).prompt) for n in range(4)] == [
            "192.168.43.12 (wlan0)", "10.42.0.1 (usb0)",
            "127.0.0.1 (this laptop only: to try the room)",
            "All of this laptop's local networks at once (192.168.43.12, 10.42.0.1)"]
        await pilot.press("end", "enter")
        await until(pilot, lambda: app.screen.query("#room-qr"))
        room = app.screen_stack[-2].room.room
        assert room.everywhere and room.listen == "127.0.0.1"
        assert room.url.startswith("http://192.168.43.12:")  # the QR code's link
        also = str(app.screen.query_one("#room-also").render())
        assert room.url_at("10.42.0.1") in also and "192.168.43.12" not in also
        assert await link_works(room.url_at("127.0.0.1"))
        await pilot.press("c")  # no phone holds a seat: closed at once, nothing asked
        await until(pilot, lambda: not isinstance(app.screen, RoomScreen), "the room closed")
        assert not isinstance(app.screen, ConfirmScreen) and not await link_works(room.url_at(
            "127.0.0.1"))


def side_text(widget) -> str:
    """The participants' list as it reads on screen."""
    import io

    from rich.console import Console

    console = Console(width=60, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def count(people, label: str) -> str:
    return next(line for line in side_text(people).splitlines() if label in line).split()[-1]


async def test_a_phones_entry_is_on_the_board_at_once_and_counted_beside_it(tmp_path):
    """The step's panel shows a phone's entry as soon as the screen is free; the side's
    count of who said how much follows within a second (it is drawn at most that often
    while phones send)."""
    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)  # first: moments
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        run = app.screen
        people = run.query_one("#run-people")
        before = side_text(people)
        assert await run.room.start("127.0.0.1", 0) is None
        try:
            assert await phone_sends(run.room.room.url, "Bags that tear") == 200
            table = run.query_one("DataTable")
            await until(pilot, lambda: table.row_count == 1)
            assert "Bags that tear" in str(table.get_row_at(0))
            await until(pilot, lambda: side_text(people) != before, "the count beside")
            assert count(people, "Ana") == "1"  # seat 1 is Ana's
            # another entry within the second: the side follows once the second is over
            assert await phone_sends(run.room.room.url, "No bags", "tui-test-0002", 2) == 200
            await until(pilot, lambda: table.row_count == 2)
            await until(pilot, lambda: count(people, "P2") == "1", "the count beside")
        finally:
            await run.room.stop()


async def test_the_collector_leaves_the_room_alone_while_it_is_open(tmp_path):
    """While the room is open, Python's full collections (the event loop stopped 50 to
    120 ms each, phones' answers waiting) skip what was there when it opened and come
    less often; closing the room gives the collector back everything, as it was."""
    import gc

    from workshop.tui.live import LiveSession
    from workshop.tui.room import FULL_COLLECTION_EVERY, RoomLink

    store = new_store(tmp_path)
    link = RoomLink(LiveSession(store), lambda: None)
    before = gc.get_threshold()
    try:
        assert await link.start("127.0.0.1", 0) is None
        assert gc.get_freeze_count() > 1000  # the app, the session, the web server
        assert gc.get_threshold()[2] == max(before[2], FULL_COLLECTION_EVERY)
    finally:
        await link.stop()
        store.close()
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


async def test_a_burst_of_phone_entries_is_one_redraw_and_the_side_follows_once(tmp_path,
                                                                               monkeypatch):
    """Entries that come together are drawn together: the step's panel once, at once;
    the side (who said how much) at most once every SIDE_EVERY, and always after the
    last entry of a burst, however soon after the last drawing it came."""
    import time

    from workshop.tui.screens.run import RunScreen

    monkeypatch.setattr(RunScreen, "SIDE_EVERY", 2.0)  # longer than any burst here
    app = WorkshopApp(store=new_store(tmp_path), sessions_dir=tmp_path)  # first: moments
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        run = app.screen
        people, table, panel = run.query_one("#run-people"), run.query_one("DataTable"), \
            run._panel
        sides: list[float] = []
        panels: list[int] = []
        redraw, refresh = run._redraw, panel.refresh_state

        def side() -> None:
            sides.append(time.monotonic())
            redraw()

        def panel_drawn() -> None:
            panels.append(table.row_count)
            refresh()
        run._redraw, panel.refresh_state = side, panel_drawn

        def phone(pid: int, n: int) -> None:  # what the room does with a phone's entry
            run.live.submit("moment_added", text=f"From P{pid}, {n}", pid=pid, via="phone",
                            cid=f"side-test-{n:04d}")

        phone(1, 1)
        await until(pilot, lambda: table.row_count == 1)
        await until(pilot, lambda: count(people, "Ana") == "1", "the side at once")
        assert len(sides) == 1 and len(panels) == 1
        for n, pid in enumerate((2, 3, 2), 2):  # three more, together
            phone(pid, n)
        await until(pilot, lambda: table.row_count == 4)
        await pilot.pause()
        assert len(panels) == 2  # one redraw of the panel for the three
        assert len(sides) == 1 and count(people, "P2") == "0"  # the side waits its turn
        await until(pilot, lambda: count(people, "P2") == "2", "the side after the burst")
        assert len(sides) == 2 and sides[1] - sides[0] >= 2.0 * 0.9
        assert count(people, "Ana") == "1"
