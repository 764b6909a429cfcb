"""The room over HTTP: every route, token, guard and limit, and what phones send, through
aiohttp's own test server on 127.0.0.1 and a real session file."""

from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
from dataclasses import replace

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from core_fixtures import SCRIPT, TRIO, at, new_store, people
from room_fixtures import Phone, StoreHost, keyboard, room_server
from terminal_fixtures import SHOWN, hostile_session
from workshop.core.kinds.ranking import borda
from workshop.core.limits import MAX_TEXT
from workshop.core.store import Store
from workshop.i18n import set_language
from workshop.room import web
from workshop.room.seats import WRITE_BURST
from workshop.room.server import Room

MOMENTS, EXPECTATIONS, EXCELLENCE, VOTE = 1, 2, 3, 4  # the steps of core_fixtures.SCRIPT
NAMES = [p["name"] for p in TRIO if p["name"]]  # "Ana", "Luis": never on a phone


def events_on_disk(path, kind: str) -> list[dict]:
    """What another reader of the file finds, right now (not the store's memory)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT data FROM events WHERE kind = ? ORDER BY id", (kind,))
        return [json.loads(r[0]) for r in rows]
    finally:
        conn.close()


async def status_of(http: ClientSession, url: str, method: str = "GET", **kw) -> int:
    async with http.request(method, url, **kw) as response:
        return response.status


# ---- tokens and guards -------------------------------------------------------------------


async def test_nothing_opens_without_the_rooms_token(tmp_path):
    async with room_server(tmp_path) as (host, room, server, phone):
        async with ClientSession() as http:
            typo = room.token[:-1] + ("y" if room.token.endswith("x") else "x")  # one off
            for path in ("/", "/r/", f"/r/{typo}/", "/r/wrong/view",
                         f"/p/{room.token}/", f"/r/{room.projector_token}/",
                         f"/x/{room.token}/", "/favicon.ico"):
                assert await status_of(http, str(server.make_url(path))) == 404, path
            # the right token opens the page; the routes under it exist
            assert await status_of(http, str(server.make_url(f"/r/{room.token}/"))) == 200
            assert await status_of(http, str(server.make_url(f"/r/{room.token}/nope"))) == 404


async def test_guessing_tokens_is_slowed_down(tmp_path):
    async with room_server(tmp_path) as (host, room, server, phone):
        async with ClientSession() as http:
            codes = [await status_of(http, str(server.make_url(f"/r/guess{n}/")))
                     for n in range(int(web.GUESS_BURST) + 3)]
        assert codes[: int(web.GUESS_BURST)] == [404] * int(web.GUESS_BURST)
        assert codes[-1] == 429


async def test_every_answer_carries_the_security_headers(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        async with ClientSession() as http:
            for url, method in [(p.url(), "GET"), (p.url("view"), "GET"),
                                (p.url("s/phone.js"), "GET"), (p.url("s/room.css"), "GET"),
                                (str(server.make_url("/nowhere")), "GET"),
                                (p.url("send"), "POST")]:
                async with http.request(method, url) as response:
                    headers = response.headers
                    csp = headers["Content-Security-Policy"]
                    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
                    assert "frame-ancestors 'none'" in csp
                    assert headers["X-Content-Type-Options"] == "nosniff"
                    assert headers["Referrer-Policy"] == "no-referrer"  # links hold tokens
                    assert headers["Cache-Control"] == "no-store"
                    assert headers["Server"] == "workshop"


async def test_the_page_holds_no_script_of_its_own(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        page = await p.open()
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts == ['<script src="s/follow.js" defer>', '<script src="s/phone.js" defer>']
        assert "</script>" in page and not re.search(r"<script[^>]*>[^<]", page)
        assert not re.search(r"\son[a-z]+=", page)  # no onclick= handlers either
        assert 'src="http' not in page and 'href="http' not in page  # nothing from outside


async def test_only_the_named_files_are_served(tmp_path):
    async with room_server(tmp_path) as (host, room, server, phone):
        p = await phone()
        async with ClientSession() as http:
            for name in ("", "..%2F..%2Fserver.py", "../web.py", "phone.js.bak", "%2e%2e/room.css",
                         "static", "__init__.py"):
                assert await status_of(http, p.url(f"s/{name}")) == 404, name
            for name, says in (("follow.js", "EventSource"), ("phone.js", "followRoom"),
                               ("projector.js", "followRoom")):
                async with http.get(p.url(f"s/{name}")) as response:
                    assert response.content_type == "text/javascript"
                    assert says in await response.text(), name


async def test_tokens_die_with_the_room(tmp_path):
    async with room_server(tmp_path) as (host, room, server, phone):
        p = await phone()
        old = room.token
        await room.close()
        async with ClientSession() as http:
            assert await status_of(http, str(server.make_url(f"/r/{old}/"))) == 410
            assert await status_of(http, p.url("view")) == 410


# ---- seats ---------------------------------------------------------------------------


async def test_a_phone_takes_a_seat_and_a_second_phone_cannot(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        first, second = await phone(), await phone()
        page = await first.open()
        assert "Take your seat" in page and ">P1<" in page
        assert await first.seat(1) == (200, {"seat": 1})
        status, answer = await second.seat(1)
        assert status == 409 and "Someone else has this seat" in answer["error"]
        view = await second.view()
        assert 'data-pid="1" disabled' in view["form"]  # shown as taken
        # the facilitator frees it: the second phone may take it, the first is back at
        # the choice of seats
        room.seats.release(1)
        assert await second.seat(1) == (200, {"seat": 1})
        assert (await first.view())["seat"] is None
        status, _ = await first.send(MOMENTS, "moment", {"text": "Parking"})
        assert status == 409 and not host.state.moments


async def test_not_you_gives_the_seat_back(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        first, second = await phone(1), await phone()
        assert await first.seat(None) == (200, {"seat": None})
        assert await second.seat(1) == (200, {"seat": 1})


async def test_names_never_reach_a_phone(tmp_path):
    store = new_store(tmp_path)
    store.record("step_entered", step=MOMENTS)
    store.record("moment_added", text="Finding a parking space", pid=1)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone()
        texts = [await p.open(), json.dumps(await p.view())]
        await p.seat(1)
        texts += [await p.open(), json.dumps(await p.view())]
        for step in (EXPECTATIONS, EXCELLENCE, VOTE):
            keyboard(host, "step_entered", step=step)
            texts.append(json.dumps(await p.view()))
        for text in texts:
            for name in NAMES:
                assert name not in text
        assert "P1" in texts[-1]


# ---- what a write must carry -------------------------------------------------------------


async def test_writes_need_the_pages_request_token_and_json(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        entry = {"step": MOMENTS, "entry": "moment", "cid": "cid-00000001",
                 "fields": {"text": "Parking"}}
        assert (await p.post("send", entry, csrf=""))[0] == 403
        assert (await p.post("send", entry, csrf="forged"))[0] == 403
        assert (await p.post("send", entry, headers={"Origin": "http://evil.example"}))[0] == 403
        assert (await p.post("send", entry, headers={"Content-Type": "text/plain"}))[0] == 415
        # without the phone's cookie, its token is worth nothing
        async with ClientSession() as http:
            async with http.post(p.url("send"), json=entry,
                                 headers={"X-CSRF-Token": p.csrf}) as response:
                assert response.status == 403
        assert not host.state.moments
        assert (await p.post("send", entry))[0] == 200
        assert [m.text for m in host.state.moments.values()] == ["Parking"]


async def test_request_size_and_shape_are_checked(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        status, answer = await p.post("send", {"step": MOMENTS, "entry": "moment",
                                               "cid": "cid-00000001",
                                               "fields": {"text": "x" * (web.MAX_BODY + 1)}})
        assert status == 413 and answer["error"] == "This is too long to send."
        deep = "[" * 20_000 + "]" * 20_000
        async with p.http.post(p.url("send"), data=deep, headers={
                "Content-Type": "application/json", "X-CSRF-Token": p.csrf}) as response:
            assert response.status == 400
        bad = [
            {"step": MOMENTS, "entry": "moment", "cid": "short", "fields": {"text": "x"}},
            {"step": "1", "entry": "moment", "cid": "cid-00000002", "fields": {"text": "x"}},
            {"step": MOMENTS, "entry": "idea", "cid": "cid-00000003", "fields": {"text": "x"}},
            {"step": MOMENTS, "entry": "moment", "cid": "cid-00000004",
             "fields": {"text": "x", "pid": 2}},  # a phone never says who it is
            {"step": MOMENTS, "entry": "moment", "cid": "cid-00000005",
             "fields": {"text": "x", "stage": "tomorrow"}},
            {"step": MOMENTS, "entry": "moment", "cid": "cid-00000006", "fields": {"text": 5}},
            {"step": 99, "entry": "moment", "cid": "cid-00000007", "fields": {"text": "x"}},
            [1, 2, 3],
        ]
        for body in bad:
            assert (await p.post("send", body))[0] == 400, body
        status, answer = await p.post("send", {"step": MOMENTS, "entry": "moment",
                                               "cid": "cid-00000008", "fields": {"text": " "}})
        assert (status, answer["error"]) == (422, "The text is empty.")
        status, answer = await p.send(MOMENTS, "moment", {"text": "y" * (MAX_TEXT + 1)})
        assert status == 422 and "too long" in answer["error"]
        assert not host.state.moments


async def test_a_phone_sending_too_fast_is_slowed_down(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        room.seats.clock = lambda: 100.0  # no time passes: the burst is all there is
        p = await phone(1)  # taking the seat was one write
        burst = int(WRITE_BURST) - 1
        codes = [(await p.send(MOMENTS, "moment", {"text": f"Moment {n}"}))[0]
                 for n in range(burst + 2)]
        assert codes == [200] * burst + [429, 429]
        assert len(host.state.moments) == burst


# ---- entries ----------------------------------------------------------------------------


async def test_a_moment_from_a_phone_is_on_disk_credited_and_marked(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(2)
        status, answer = await p.send(MOMENTS, "moment",
                                      {"text": "Bags that tear", "stage": "after",
                                       "touchpoint": "direct"}, cid="phone-made-id-1")
        assert status == 200 and answer["saved"] and not answer["waiting"]
        # "saved" is said once another reader finds it in the file
        assert events_on_disk(host.store.path, "moment_added") == [
            {"mid": 1, "text": "Bags that tear", "stage": "after", "touchpoint": "direct",
             "pid": 2, "via": "phone", "cid": "phone-made-id-1"}]
        moment = host.state.moments[1]
        assert (moment.pid, moment.stage, moment.touchpoint) == (2, "after", "direct")


async def test_sending_again_makes_no_second_copy(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        first = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="same-id-0001")
        again = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="same-id-0001")
        assert first[1]["again"] is False and again == (200, {**first[1], "again": True})
        assert len(host.state.moments) == 1
    # a room opened later knows the ids the file holds: a phone that kept its entry
    # through a closed room does not make a copy either
    store = Store.open(tmp_path / "s.db")
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(1)
        assert (await p.send(MOMENTS, "moment", {"text": "Parking"},
                             cid="same-id-0001"))[1]["again"] is True
        assert len(host.state.moments) == 1


async def test_an_entry_made_for_a_step_the_session_left_still_counts(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        keyboard(host, "step_entered", step=EXPECTATIONS)
        # queued on the phone while it was offline: it names the step it was made for
        assert (await p.send(MOMENTS, "moment", {"text": "Parking"}))[0] == 200
        assert [m.text for m in host.state.moments.values()] == ["Parking"]


async def test_expectations_and_both_ratings_from_a_phone(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Queue at the till")
    store.record("step_entered", step=EXPECTATIONS)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(3)
        view = await p.view()
        assert "The level you expect" in view["board"] and "How they do it today" in view["board"]
        assert (await p.send(EXPECTATIONS, "rating",
                             {"mid": 1, "scale": "expectation", "value": 5}))[0] == 200
        assert (await p.send(EXPECTATIONS, "rating",
                             {"mid": 1, "scale": "performance", "value": 2}))[0] == 200
        assert (await p.send(EXPECTATIONS, "rating",
                             {"mid": 1, "scale": "performance", "value": 6}))[0] == 400
        assert (await p.send(EXPECTATIONS, "rating",
                             {"mid": 7, "scale": "performance", "value": 2}))[0] == 409
        assert (await p.send(EXPECTATIONS, "expectation",
                             {"mid": 1, "text": "A till for baskets"}))[0] == 200
        state = host.state
        assert state.expected[(1, 3)].value == 5 and state.ratings[(1, 3)].value == 2
        assert [(x.type, x.pid, x.text) for x in state.expectations.values()] == [
            ("stated", 3, "A till for baskets")]
        # the phone's own ratings are the ones marked
        board = (await p.view())["board"]
        pressed = re.findall(r'data-fields="([^"]+)" aria-pressed="true"', board)
        assert sorted(json.loads(f.replace("&quot;", '"'))["value"] for f in pressed) == [2, 5]


async def test_an_idea_answers_the_card_the_room_has_in_front_of_it(tmp_path):
    store = new_store(tmp_path)
    for text in ("Parking", "Queue at the till"):
        store.record("moment_added", text=text)
    store.record("step_entered", step=EXCELLENCE)
    store.record("prompt_drawn", prompt_id="analogy-01", technique="analogy", mid=2,
                 text="How would a pit crew run the queue at the till?")
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(1)
        view = await p.view()
        assert "How would a pit crew run the queue at the till?" in view["board"]
        assert '<option value="2" selected>' in view["form"]
        assert (await p.send(EXCELLENCE, "idea", {"mid": 2, "text": "Open a till"}))[0] == 200
        assert (await p.send(EXCELLENCE, "idea", {"mid": 1, "text": "More spaces"}))[0] == 200
        ideas = host.state.ideas
        assert (ideas[1].did, ideas[1].technique) == (1, "analogy") and ideas[2].did is None


# ---- moderation --------------------------------------------------------------------------


async def test_a_moderated_entry_waits_unseen_until_accepted(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        keyboard(host, "moderation_set", moderate=True)
        mine, other = await phone(1), await phone(2)
        status, answer = await mine.send(MOMENTS, "moment", {"text": "Bags that tear"})
        assert status == 200 and answer["waiting"] is True
        assert not host.state.moments
        assert events_on_disk(host.store.path, "entry_proposed")[0]["fields"] == {
            "text": "Bags that tear"}
        assert "Bags that tear" in (await mine.view())["board"]  # its own, waiting
        assert "Bags that tear" not in json.dumps(await other.view())
        # the facilitator accepts it, edited
        keyboard(host, "moment_added", text="Bags that tear at the till", pid=1, via="phone",
                 ppid=1)
        assert "Bags that tear at the till" in (await other.view())["board"]
        # and leaves the next one out
        await mine.send(MOMENTS, "moment", {"text": "Rude staff!!!"})
        keyboard(host, "proposal_rejected", ppid=2)
        assert "Rude staff" not in json.dumps(await other.view())
        assert "Rude staff" not in json.dumps(await mine.view())
        assert [m.text for m in host.state.moments.values()] == ["Bags that tear at the till"]


# ---- hostile text ---------------------------------------------------------------------


MARKUP = '<script>alert(1)</script> <img src=x onerror=alert(2)> &amp; [bold]x[/] {name} %s'
MARKUP_SHOWN = ("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; "
                "&amp;amp; [bold]x[/] {name} %s")


class LookingAt(StoreHost):
    """A finished session's file, looked at step by step (as a replay would)."""

    step = 0

    @property
    def state(self):
        return replace(self.store.state, current_step=self.step)


def assert_literal(shown: str) -> None:
    """Markup is text, and what would act on a terminal or reorder the text is written
    out as the terminal screens write it."""
    assert "<script>alert" not in shown and "<img" not in shown
    for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert raw not in shown
    for name, escape in SHOWN.items():
        if name != "overwrite":  # a planted carriage return is stored as a line break
            assert html.escape(escape, quote=True) in shown, name


async def test_hostile_text_shows_literally(tmp_path):
    path = hostile_session(tmp_path / "h")
    store = Store.open(path, readonly=True)
    host = LookingAt(store)
    room = Room(host, store.events, address="127.0.0.1", port=0)
    server = TestServer(room.app(), host="127.0.0.1", port=0)
    await server.start_server()
    room.port = server.port or 0
    p = Phone(server, room)
    try:
        assert_literal(await p.open())  # the seats: pseudonyms, hostile too
        assert (await p.seat(1))[0] == 200
        for step, where in ((1, "board"), (2, "board"), (2, "form"), (3, "board"), (4, "board")):
            host.step = step
            view = await p.view()
            assert_literal(view[where])
            assert_literal(view["head"])
        host.step = 3  # the prompt card
        assert html.escape(SHOWN["hidden hyperlink (OSC 8)"]) in (await p.view())["board"]
        # The page but its random request token, which may hold the letters ("…TOAnayQWX…").
        page = re.sub(r'data-csrf="[^"]*"', "", await p.open())
        for name in ("Ana", "Luis", "Zoe"):
            assert name not in page
    finally:
        await p.close()
        await server.close()
        store.close()


async def test_markup_a_phone_sends_shows_literally(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        await p.send(MOMENTS, "moment", {"text": MARKUP + " \u202eevil"})
        board = (await p.view())["board"]
        assert MARKUP_SHOWN in board and "<script>alert" not in board
        assert "\\u202eevil" in board and "\u202e" not in board


# ---- live updates ----------------------------------------------------------------------


async def test_pages_hear_of_every_change(tmp_path):
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        async with p.http.get(p.url("events")) as response:
            assert response.headers["Content-Type"] == "text/event-stream"
            assert await response.content.readline() == b"retry: 2000\n"
            await response.content.readline()
            first = await response.content.readline()
            keyboard(host, "moment_added", text="Parking")
            await response.content.readline()
            second = await asyncio.wait_for(response.content.readline(), 5)
        assert first.startswith(b"data: ") and second.startswith(b"data: ")
        assert int(second[6:]) > int(first[6:])


async def test_a_burst_of_changes_is_one_message_and_the_last_is_always_told(tmp_path,
                                                                          monkeypatch):
    """A page hears of changes at most every PUSH_EVERY (each message makes it fetch its
    view): the changes during that time are one message, with the last version, sent
    as soon as the time is up; a change after it is told at once."""
    monkeypatch.setattr(web, "PUSH_EVERY", 0.5)  # the burst takes microseconds
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        async with p.http.get(p.url("events")) as response:

            async def message() -> int:
                while True:
                    line = await asyncio.wait_for(response.content.readline(), 10)
                    if line.startswith(b"data: "):
                        return int(line[6:])

            opened = await message()
            loop = asyncio.get_running_loop()
            keyboard(host, "moment_added", text="Parking")
            told_at, first = loop.time(), await message()
            assert first == room.version == opened + 1  # the first change: at once
            for n in range(5):  # more while the page waits: no message each
                keyboard(host, "moment_added", text=f"Queue {n}")
                await asyncio.sleep(0)
            last = room.version
            assert await message() == last  # one message, the last version
            assert loop.time() - told_at >= 0.45  # not before the time was up
            await asyncio.sleep(0.6)  # quiet for a while: the next change is told at once
            keyboard(host, "moment_added", text="Bags")
            quiet_at = loop.time()
            assert await message() == last + 1
            assert loop.time() - quiet_at < 0.5


async def test_phones_fetching_together_share_one_drawing_of_the_board(tmp_path,
                                                                   monkeypatch):
    """Every page fetches its view after a change, together: the board and the forms,
    the same for every phone, are drawn once per change, and a change draws them anew
    (a participant's own entries still waiting stay theirs alone)."""
    from workshop.room.views import StepPage

    drawings: list[int] = []
    draw = StepPage._moments

    def counted(self, pid, per_moment):
        drawings.append(pid)
        return draw(self, pid, per_moment)
    monkeypatch.setattr(StepPage, "_moments", counted)
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        keyboard(host, "moment_added", text="Parking")
        phones = [await phone(pid) for pid in (1, 2, 3)]
        keyboard(host, "moment_added", text="Queue at the till")
        drawings.clear()
        views = [await p.view() for p in phones]
        assert len(drawings) == 1
        assert all(v["board"] == views[0]["board"] and v["form"] == views[0]["form"]
                   for v in views)
        assert "Queue at the till" in views[0]["board"]
        keyboard(host, "moment_edited", mid=1, text="Car park")
        views = [await p.view() for p in phones]
        assert len(drawings) == 2
        assert all("Car park" in v["board"] and "Parking" not in v["board"] for v in views)


async def test_the_board_pages_show_follows_every_edit_and_each_language(tmp_path):
    """A moment's line is drawn once for what it shows and kept (phones fetch the board
    after every change): an edit, a new place on the journey or another language is a
    new line, never the one kept."""
    def lines(board: str) -> list[str]:
        return [html.unescape(re.sub(r"<[^>]+>", "|", li)).strip("|")
                for li in re.findall(r'<li class="moment">(.*?)</li>', board)]

    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        keyboard(host, "moment_added", text="Parking", stage="after", touchpoint="direct")
        assert lines((await p.view())["board"]) == ["1.| |Parking||after, direct"]
        keyboard(host, "moment_edited", mid=1, text="Car park <b>", stage="during")
        keyboard(host, "moment_added", text="Ads", stage="before")
        keyboard(host, "moment_moved", mid=2, index=0)
        board = (await p.view())["board"]
        assert lines(board) == ["1.| |Ads||before", "2.| |Car park <b>||during, direct"]
        assert "<b>" not in board  # escaped, as when it was drawn every time
        async with ClientSession() as http:
            async with http.get(server.make_url(f"/p/{room.projector_token}/view")) as r:
                wall = (await r.json())["main"]
        assert "Car park &lt;b&gt;" in wall and ">Parking<" not in wall
    store = Store.create(tmp_path / "es.db", title="Compra", script={**SCRIPT, "lang": "es"},
                         lang="es", participants=TRIO, at=at(0))
    store.record("step_entered", step=MOMENTS)
    store.record("moment_added", text="Ads", stage="before")
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(1)
        assert lines((await p.view())["board"]) == ["1.| |Ads||antes"]


async def test_a_refusal_speaks_the_sessions_language(tmp_path):
    store = Store.create(tmp_path / "es.db", title="Compra", script={**SCRIPT, "lang": "es"},
                         lang="es", participants=TRIO, at=at(0))
    store.record("step_entered", step=MOMENTS)
    set_language("es")  # as the run screen does for a session in Spanish
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(1)
        status, answer = await p.post("send", {"step": MOMENTS, "entry": "moment",
                                               "cid": "cid-00000009", "fields": {"text": " "}})
        assert status == 422 and answer["error"] == "El texto está vacío."
        page = await p.open()
        assert '<html lang="es">' in page and "Momentos de la verdad" in page


@pytest.fixture(autouse=True)
def _no_network_but_loopback(monkeypatch):
    """Whatever a test does, the room listens on 127.0.0.1 alone."""
    from workshop.room import server as room_server_module

    real = room_server_module._bind

    def bind(address: str, port: int):
        assert address == "127.0.0.1"
        return real(address, port)

    monkeypatch.setattr(room_server_module, "_bind", bind)


# ---- the vote from phones ------------------------------------------------------------


def vote_session(tmp_path, *, blind: bool = True) -> Store:
    """Three moments, the vote step entered and its vote opened (3 dots each, cap 2)."""
    script = {**SCRIPT, "steps": [dict(s) for s in SCRIPT["steps"]]}
    script["steps"][VOTE]["options"] = {"target": "moments", "blind": blind}
    store = Store.create(tmp_path / "v.db", title="Vote", script=script, lang="en",
                         participants=TRIO, at=at(0))
    for text in ("Parking", "Queue at the till", "Bags that tear"):
        store.record("moment_added", text=text)
    store.record("step_entered", step=VOTE)
    store.record("vote_opened", step=VOTE, target="moments", dots=3, cap=2, blind=blind)
    return store


def dot(item: int, delta: int = 1) -> dict:
    return {"item": item, "delta": delta}


async def test_a_phones_dots_meet_the_budget_and_the_cap(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        p = await phone(1)
        assert (await p.send(VOTE, "dot", dot(1)))[0] == 200
        assert (await p.send(VOTE, "dot", dot(1)))[0] == 200
        status, answer = await p.send(VOTE, "dot", dot(1))
        assert (status, answer["error"]) == (422, "At most 2 dots per item for each participant.")
        assert (await p.send(VOTE, "dot", dot(2)))[0] == 200
        status, answer = await p.send(VOTE, "dot", dot(3))
        assert (status, answer["error"]) == (422, "P1 has no dots left (3 each).")
        status, answer = await p.send(VOTE, "dot", dot(3, -1))
        assert (status, answer["error"]) == (422, "P1 has no dot on that item to take back.")
        assert (await p.send(VOTE, "dot", dot(9)))[0] == 422  # no such item
        assert (await p.send(VOTE, "dot", dot(2, 2)))[0] == 400  # one dot at a time
        assert (await p.send(VOTE, "dot", dot(2, 0)))[0] == 422
        # one taken back makes room for one elsewhere
        assert (await p.send(VOTE, "dot", dot(2, -1)))[0] == 200
        assert (await p.send(VOTE, "dot", dot(3)))[0] == 200
        assert {k: n for k, n in host.state.votes.items()} == {(1, 1, 1): 2, (1, 1, 3): 1}
        view = await p.view()
        assert "0 dots left" in view["board"] and "3 dots each · at most 2 on one item" in view[
            "board"]
        assert "<form" not in view["form"]  # dots are taps on the board, no form to submit
        cast = events_on_disk(host.store.path, "vote_cast")
        assert all(e["via"] == "phone" and e["pid"] == 1 and e["rid"] == 1 for e in cast)


async def test_a_resent_dot_is_not_cast_twice(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        p = await phone(2)
        for _ in range(3):  # the answer was lost twice: the phone sends it again
            assert (await p.send(VOTE, "dot", dot(2), cid="the-one-dot-01"))[0] == 200
        assert host.state.votes == {(1, 2, 2): 1}


async def test_a_blind_vote_shows_a_phone_its_own_dots_only(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        ana, other = await phone(1), await phone(2)
        await ana.send(VOTE, "dot", dot(2))
        await ana.send(VOTE, "dot", dot(2))
        mine = (await ana.view())["board"]
        theirs = (await other.view())["board"]
        assert 'data-dots="2"' in mine and "secret until the facilitator reveals" in mine
        assert 'data-dots="2"' not in theirs and 'data-dots="0"' in theirs
        assert "Results" not in theirs and "<meter" not in theirs and "<meter" not in mine
        keyboard(host, "votes_revealed", rid=1)
        shown = (await other.view())["board"]
        assert "Results" in shown and '<meter min="0" max="2" value="2">' in shown
        # closed: a late dot is refused in the facilitator's words
        status, answer = await other.send(VOTE, "dot", dot(1))
        assert status == 409 and "closed" in answer["error"]
        assert host.state.dots_on(1, 1) == 0


async def test_an_open_vote_shows_the_dots_so_far(tmp_path):
    store = vote_session(tmp_path, blind=False)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        ana, other = await phone(1), await phone(2)
        await ana.send(VOTE, "dot", dot(3))
        assert "Dots so far" in (await other.view())["board"]


async def test_a_mixed_ballot_keyboard_and_phones_in_one_blind_round(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        ana = await phone(1)
        await ana.send(VOTE, "dot", dot(1))
        await ana.send(VOTE, "dot", dot(2))
        # Luis has no phone: the facilitator types his dots, under the same rules
        keyboard(host, "vote_cast", rid=1, pid=3, item=2, delta=2)
        with pytest.raises(Exception, match="At most 2 dots per item"):
            keyboard(host, "vote_cast", rid=1, pid=3, item=2, delta=1)
        # and a phone taking Luis's seat meets the dots he already has
        luis = await phone(3)
        await luis.send(VOTE, "dot", dot(3))
        status, answer = await luis.send(VOTE, "dot", dot(1))
        assert (status, answer["error"]) == (422, "P3 has no dots left (3 each).")
        # nobody saw anyone's dots before the reveal
        assert 'data-dots="2"' not in (await ana.view())["board"]
        keyboard(host, "votes_revealed", rid=1)
        cast = events_on_disk(host.store.path, "vote_cast")
        assert [(e["pid"], e["item"], e["delta"], e.get("via")) for e in cast] == [
            (1, 1, 1, "phone"), (1, 2, 1, "phone"), (3, 2, 2, None), (3, 3, 1, "phone")]
        assert {item: host.state.dots_on(1, item) for item in (1, 2, 3)} == {1: 1, 2: 3, 3: 1}


# ---- the projector ------------------------------------------------------------------


async def projector(server, room, path: str = "") -> tuple[int, str]:
    async with ClientSession() as http:
        async with http.get(str(server.make_url(f"/p/{room.projector_token}/{path}"))) as r:
            return r.status, await r.text()


async def test_the_projector_reads_and_never_writes(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        status, page = await projector(server, room)
        assert status == 200 and '<script src="s/projector.js" defer>' in page
        assert room.url in page and "<svg" in page  # the join QR code, drawn in the page
        async with ClientSession() as http:
            for path in ("send", "seat", ""):
                url = str(server.make_url(f"/p/{room.projector_token}/{path}"))
                assert await status_of(http, url, "POST", json={}) == 404
            # the room's token opens no projector, and the projector's no phone page
            assert await status_of(http, str(server.make_url(f"/p/{room.token}/"))) == 404
        status, _ = await projector(server, room, "s/projector.js")
        assert status == 200


async def test_the_projector_shows_a_blind_vote_only_once_revealed(tmp_path):
    async with room_server(tmp_path, store=vote_session(tmp_path)) as (host, room, server, phone):
        ana = await phone(1)
        await ana.send(VOTE, "dot", dot(2))
        await ana.send(VOTE, "dot", dot(2))
        keyboard(host, "vote_cast", rid=1, pid=3, item=3, delta=1)
        _, view = await projector(server, room, "view")
        main = json.loads(view)["main"]
        assert "2 participants have placed dots" in main and "<svg" not in main
        # the options along the journey, nothing counted
        assert main.index("Parking") < main.index("Queue at the till") < main.index("Bags")
        assert 'class="count"' not in main and "Results" not in main
        keyboard(host, "votes_revealed", rid=1)
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert "Results" in main and main.index("1. Queue at the till") < main.index(
            "2. Bags that tear")
        assert re.search(r'<rect [^>]*width="1480"', main)  # the top item: a full bar


async def test_the_projector_follows_the_steps(tmp_path):
    store = new_store(tmp_path)
    store.record("step_entered", step=0)
    store.record("timer_started", step=0)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        view = json.loads((await projector(server, room, "view"))[1])
        assert 'data-running="1"' in view["head"] and 'data-planned="300"' in view["head"]
        keyboard(host, "step_entered", step=MOMENTS)
        keyboard(host, "moment_added", text="Parking", stage="before")
        keyboard(host, "moment_added", text="Bags that tear", stage="after")
        keyboard(host, "moment_added", text="Noise")
        keyboard(host, "moderation_set", moderate=True)
        keyboard(host, "entry_proposed", event="moment_added", fields={"text": "Unchecked"},
                 pid=1, via="phone", cid="c-unchecked")
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert main.index("before") < main.index("Parking") < main.index("after") \
            < main.index("Bags that tear") < main.index("no stage") < main.index("Noise")
        assert "Unchecked" not in main  # waiting for the facilitator
        for name in NAMES:
            assert name not in main


async def test_the_projector_draws_the_two_by_two(tmp_path):
    store = vote_session(tmp_path)
    for pid, (a, b, c) in enumerate([(1, 2, 0), (2, 0, 1), (1, 1, 1)], start=1):
        for item, n in zip((1, 2, 3), (a, b, c), strict=True):
            if n:
                store.record("vote_cast", rid=1, pid=pid, item=item, delta=n)
        for mid, value in zip((1, 2, 3), (4, 2, 3), strict=True):
            store.record("rating_given", mid=mid, pid=pid, value=value)
    store.record("votes_revealed", rid=1)
    store.record("step_entered", step=5)  # gaps
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert main.count("<circle") == 3 and "Concentrate here" in main
        assert 'class="point concentrate"' in main  # the queue: important, done badly
        assert '<li value="2">Queue at the till</li>' in main


RANKING = 5  # the step ranking_session puts after the vote


def ranking_session(tmp_path, *, top: int = 3, opened: bool = True) -> Store:
    """Three moments, and the ranking step entered, its ranking open (top 3 of 3)."""
    from workshop.core.kinds import registry

    script = {**SCRIPT, "steps": [dict(s) for s in SCRIPT["steps"]]}
    script["steps"].insert(RANKING, {"title": "Rank them", "kind": "ranking", "minutes": 5,
                                     "body": "> Put your top choices in order.",
                                     "options": {"target": "moments", "top": top}})
    store = Store.create(tmp_path / "r.db", title="Ranking", script=script, lang="en",
                         participants=TRIO, at=at(0))
    for text in ("Parking", "Queue at the till", "Bags that tear"):
        store.record("moment_added", text=text)
    store.record("step_entered", step=RANKING)
    if opened:
        for kind, data in registry.opening(store.state, store.state.steps[RANKING]):
            store.record(kind, **data)
    return store


async def test_a_phone_puts_its_top_choices_in_order_one_tap_at_a_time(tmp_path):
    async with room_server(tmp_path, store=ranking_session(tmp_path, top=2)) as (
            host, room, server, phone):
        p = await phone(1)
        view = await p.view()
        assert "<form" not in view["form"] and "Nothing in your order yet." in view["board"]
        assert "Put your top 2 in order" in view["board"]
        # each "+" carries the whole order it makes: the queue (2) into place 1
        assert 'data-fields="{&quot;items&quot;:[2]}"' in view["board"]
        assert (await p.send(RANKING, "rank", {"items": [2]}))[0] == 200
        board = (await p.view())["board"]
        assert 'data-fields="{&quot;items&quot;:[2,3]}"' in board  # bags into place 2
        assert 'data-fields="{&quot;items&quot;:[]}"' in board  # − takes the queue out
        assert (await p.send(RANKING, "rank", {"items": [2, 3]}))[0] == 200
        board = (await p.view())["board"]
        assert board.count("disabled") == 1  # full: the one option left cannot be added
        # the core's rules, exactly as for an order the facilitator types
        status, answer = await p.send(RANKING, "rank", {"items": [2, 3, 1]})
        assert (status, answer["error"]) == (422, "Each participant ranks their top 2.")
        status, answer = await p.send(RANKING, "rank", {"items": [3, 3]})
        assert (status, answer["error"]) == (422, "An option can have only one place.")
        assert (await p.send(RANKING, "rank", {"items": [9]}))[0] == 422
        for wrong in ("2", [1.5], ["2"], {"0": 2}, list(range(100))):  # the shape is checked first
            assert (await p.send(RANKING, "rank", {"items": wrong}))[0] == 400, wrong
        assert borda(host.state, 1).rows[0].item == 2
        given = events_on_disk(host.store.path, "ranking_given")
        assert [(e["items"], e["pid"], e["via"], e["kid"]) for e in given] == [
            ([2], 1, "phone", 1), ([2, 3], 1, "phone", 1)]
        assert (await p.send(RANKING, "rank", {"items": []}))[0] == 200  # taken back
        assert borda(host.state, 1).rankers == 0


async def test_a_ranking_not_open_yet_takes_no_order(tmp_path):
    async with room_server(tmp_path, store=ranking_session(tmp_path, opened=False)) as (
            host, room, server, phone):
        p = await phone(1)
        assert "The ranking has not opened yet." in (await p.view())["board"]
        status, answer = await p.send(RANKING, "rank", {"items": [1]})
        assert status == 409 and "closed" in answer["error"]


async def test_the_projector_shows_a_rankings_points_never_whose_order(tmp_path):
    store = ranking_session(tmp_path)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert "0 of 3 participants put their top 3 of the options in order" in main
        assert "Nobody gave an order in this ranking." in main and "<svg" not in main
        keyboard(host, "ranking_given", kid=1, pid=1, items=[2, 1])
        keyboard(host, "ranking_given", kid=1, pid=3, items=[2, 3, 1])
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert "2 of 3 participants" in main
        # Borda with 3 options: the queue 2 + 2, parking 1 + 0, bags 0 + 1
        bars = re.findall(r'class="label">(\d)\. ([^<]+)</text>.*?class="count">(\d+)<', main)
        assert bars == [("1", "Queue at the till", "4"), ("2", "Parking", "1"),
                        ("3", "Bags that tear", "1")]
        for name in (*NAMES, "P1", "P3"):  # nobody's order is told, by name or pseudonym
            assert name not in main


async def test_the_projector_at_the_wrap_up_shows_priorities_and_what_was_agreed(tmp_path):
    store = vote_session(tmp_path)
    for pid, (a, b) in enumerate([(0, 2), (1, 2), (0, 2)], start=1):
        for item, n in ((1, a), (2, b)):
            if n:
                store.record("vote_cast", rid=1, pid=pid, item=item, delta=n)
        for mid, value in ((1, 4), (2, 1), (3, 3)):
            store.record("rating_given", mid=mid, pid=pid, value=value)
            store.record("rating_given", mid=mid, pid=pid, value=4, scale="expectation")
    store.record("votes_revealed", rid=1)
    store.record("action_added", aid=1, type="action", text="Open a second till at noon",
                 mid=2, owner="Ana")
    store.record("action_added", aid=2, type="next_step", text="Share the report",
                 owner="Luis", due="Friday")
    store.record("step_entered", step=6)  # wrap-up
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        priorities = main[main.index("Priorities"):main.index("Corrective actions")]
        assert "Queue at the till" in priorities and "Concentrate here" in priorities
        assert main.index("Corrective actions") < main.index("Open a second till at noon") \
            < main.index("Next steps") < main.index("Share the report")
        assert 'class="where">Queue at the till<' in main  # the moment the action serves
        for name in NAMES:  # owners are typed as names: never on the wall
            assert name not in main


async def test_the_projector_at_a_wrap_up_without_a_vote_says_why_no_priorities(tmp_path):
    store = new_store(tmp_path)
    store.record("step_entered", step=6)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        main = json.loads((await projector(server, room, "view"))[1])["main"]
        assert "No priorities can be set yet: they need a revealed vote" in main
        assert "Corrective actions" not in main


# ---- where the room listens ---------------------------------------------------------


def test_only_a_local_networks_address_is_taken(tmp_path):
    from workshop.room.network import allowed
    from workshop.room.server import RoomError

    for address in ("10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.43.12", "169.254.3.4",
                    "127.0.0.1"):
        assert allowed(address), address
    for address in ("8.8.8.8", "0.0.0.0", "172.32.0.1", "100.64.0.1", "192.0.2.2", "::1",
                    "fd00::2", "localhost", ""):
        assert not allowed(address), address
    with new_store(tmp_path) as store:
        with pytest.raises(RoomError, match="only on a local network's address.*8.8.8.8"):
            Room(StoreHost(store), [], address="8.8.8.8")


async def test_a_request_through_an_address_outside_the_local_ranges_is_refused(
        tmp_path, monkeypatch):
    """A room listening on every address still answers only through a local network's
    address: here loopback plays the public one."""
    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        async with ClientSession() as http:
            assert await status_of(http, room.url) == 200
            monkeypatch.setattr(web, "allowed", lambda ip: ip != "127.0.0.1")
            for path in (f"/r/{room.token}/", f"/r/{room.token}/view",
                         f"/p/{room.projector_token}/"):
                assert await status_of(http, str(server.make_url(path))) == 404, path


def test_the_laptops_addresses_are_offered_private_first_loopback_last(monkeypatch):
    import sys
    import types

    from workshop.room import network

    def adapter(name, *ips):
        return types.SimpleNamespace(nice_name=name, ips=[
            types.SimpleNamespace(ip=ip, is_IPv4=isinstance(ip, str)) for ip in ips])
    fake = types.SimpleNamespace(get_adapters=lambda: [
        adapter("lo", "127.0.0.1", ("::1", 0, 0)), adapter("eth0", "203.0.113.5"),
        adapter("wlan0", "192.168.43.12", ("fe80::1", 0, 2)), adapter("usb0", "10.42.0.1")])
    monkeypatch.setitem(sys.modules, "ifaddr", fake)
    assert [(a.ip, a.interface) for a in network.local_addresses()] == [
        ("192.168.43.12", "wlan0"), ("10.42.0.1", "usb0"), ("127.0.0.1", "lo")]


async def test_a_room_that_cannot_open_says_so_in_one_line(tmp_path):
    import socket

    from workshop.room.server import RoomError

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with new_store(tmp_path) as store:
            room = Room(StoreHost(store), [], address="127.0.0.1",
                        port=taken.getsockname()[1])
            with pytest.raises(RoomError) as refused:
                await room.open()
        message = str(refused.value)
        assert message == ("The room could not open on 127.0.0.1: the port is taken by "
                           "another program.")
        assert "\n" not in message
    finally:
        taken.close()


async def test_a_room_opening_as_another_takes_its_port_opens_on_another(tmp_path,
                                                                          monkeypatch):
    """Two rooms opening at the same moment (two windows; two test processes) both bound
    the preferred port, as SO_REUSEADDR allows until one listens; the other listened
    first, and this one's listen failed with "the port is taken" instead of taking another
    port (test_room_tui's QR code never came under -n 2). Here the other program binds
    the port and listens right after this room binds it."""
    import socket

    from workshop.room import server

    bind, others = server._bind, []

    def bind_then_another(address: str, port: int) -> socket.socket:
        sock = bind(address, port)
        if port:  # the preferred port: the other room takes it at this very moment
            other = socket.socket()
            others.append(other)
            other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                other.bind((address, port))
                other.listen()
            except OSError:
                pass  # this room already listens there: the other has to go elsewhere
        return sock

    monkeypatch.setattr(server, "_bind", bind_then_another)
    try:
        with new_store(tmp_path) as store:
            room = Room(StoreHost(store), [], address="127.0.0.1")
            await room.open()
            try:
                async with ClientSession() as http:
                    assert await status_of(http, room.url) == 200
            finally:
                await room.close()
    finally:
        for other in others:
            other.close()


async def test_phones_kept_in_memory_are_bounded(tmp_path):
    from workshop.room.seats import MAX_PHONES

    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        seated = await phone(1)
        async with ClientSession() as http:  # no cookie jar kept: a new phone each time
            for _ in range(MAX_PHONES + 10):
                async with http.get(seated.url(), cookies={}) as response:
                    assert response.status == 200
                http.cookie_jar.clear()
        assert len(room.seats.phones) <= MAX_PHONES
        assert (await seated.send(MOMENTS, "moment", {"text": "Still seated"}))[0] == 200


async def test_saved_is_never_said_when_the_disk_refused(tmp_path, monkeypatch):
    from workshop.core.errors import SaveError

    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        real = host.store.record

        def full_disk(kind, **data):
            raise SaveError("Could not save: the disk is full.")
        monkeypatch.setattr(host.store, "record", full_disk)
        status, answer = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="kept-0001")
        assert status == 503 and "Not saved yet" in answer["error"] and "saved" not in answer
        assert events_on_disk(host.store.path, "moment_added") == []
        monkeypatch.setattr(host.store, "record", real)  # room on the disk again
        status, answer = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="kept-0001")
        assert status == 200 and answer["again"] is False
        assert len(events_on_disk(host.store.path, "moment_added")) == 1


async def test_how_each_moment_felt_from_a_phone(tmp_path):
    from workshop.core.kinds.feelings import marks

    store = new_store(tmp_path)
    store.record("moment_added", text="Queue at the till")
    store.record("step_entered", step=EXPECTATIONS)
    async with room_server(tmp_path, store=store) as (host, room, server, phone):
        p = await phone(2)
        board = (await p.view())["board"]
        assert "How it felt (−2 very bad … +2 very good)" in board
        assert ">−2</button>" in board and ">+2</button>" in board
        assert (await p.send(EXPECTATIONS, "feeling", {"mid": 1, "value": -2}))[0] == 200
        assert (await p.send(EXPECTATIONS, "feeling", {"mid": 1, "value": 3}))[0] == 400
        assert [(k, f.value) for k, f in marks(host.state).items()] == [((1, 2), -2)]
        assert events_on_disk(host.store.path, "feeling_given")[0]["via"] == "phone"
        assert re.search(r'aria-pressed="true">−2</button>', (await p.view())["board"])


async def polled(condition, seconds: float = 30) -> None:
    """Wait in the event loop until ``condition()`` holds."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "still waiting"
        await asyncio.sleep(0.005)


async def test_saved_waits_for_the_disk_but_the_event_loop_never_does(tmp_path):
    """A phone's entry is committed at once (the board, another reader of the file have
    it) and flushed to disk in a worker thread; "saved" comes after that. Meanwhile the
    event loop, where the facilitator's keys go, runs on (this test polls in it); a
    second flush begins beside the first, and the phones that send while both run
    share the next one."""
    import threading

    store = new_store(tmp_path, participants=people(*((f"P{n}", None, None)
                                                       for n in range(1, 6))))
    async with room_server(tmp_path, store=store, step=MOMENTS) as (host, room, server,
                                                                    phone):
        phones = [await phone(pid) for pid in range(1, 6)]
        inside, release, flushes = threading.Semaphore(0), threading.Event(), []

        def slow_disk() -> bool:  # in a worker thread
            flushes.append(threading.current_thread() is threading.main_thread())
            inside.release()
            assert release.wait(30)
            return host.store.sync()
        host.sync = slow_disk
        first = asyncio.ensure_future(phones[0].send(MOMENTS, "moment", {"text": "Parking"}))
        await polled(lambda: inside.acquire(blocking=False) or first.done())  # the loop runs
        assert not first.done()  # not "saved" before the disk has it
        assert len(events_on_disk(host.store.path, "moment_added")) == 1  # committed
        assert [m.text for m in host.state.moments.values()] == ["Parking"]
        others = [asyncio.ensure_future(p.send(MOMENTS, "moment", {"text": f"Queue {n}"}))
                  for n, p in enumerate(phones[1:])]
        await polled(lambda: len(events_on_disk(host.store.path, "moment_added")) == 5)
        await polled(lambda: inside.acquire(blocking=False))  # a second flush, beside
        assert not first.done() and not any(o.done() for o in others)  # not "saved" yet
        release.set()
        answers = [await first] + [await o for o in others]
        assert all(status == 200 and answer["saved"] for status, answer in answers)
        # never in the loop's thread; five entries, two or three flushes
        assert len(flushes) in (2, 3) and not any(flushes)


async def test_the_log_is_folded_into_the_file_in_a_worker_thread_and_stays_small(tmp_path):
    """SQLite folded its log into the session's file inside a commit, in the event loop,
    every 1,000 pages; while phones send, the room folds it after a flush, in a worker
    thread, once it has grown past the store's limit, and no answer waits for that."""
    import threading
    from pathlib import Path

    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        host.store.LOG_LIMIT = 64 * 1024
        wal = Path(f"{host.store.path}-wal")
        phones = [await phone(pid) for pid in (1, 2, 3)]
        folds: list[bool] = []
        fold = host.fold_log

        def fold_log() -> None:
            folds.append(threading.current_thread() is threading.main_thread())
            fold()
        host.fold_log = fold_log
        sizes = []
        for n in range(10):
            answers = await asyncio.gather(*(p.send(MOMENTS, "moment", {
                "text": f"Moment {n} from a phone, long enough to fill a page or two " * 8})
                for p in phones))
            assert all(status == 200 and answer["saved"] for status, answer in answers)
            sizes.append(wal.stat().st_size)
            # a loaded machine may leave a fold unfinished for rounds on end: its bound
            # is one round past the limit only once the fold begun by the round is done
            await polled(lambda: room._folding is None)
        assert len(folds) >= 3 and not any(folds)  # folded, never in the loop's thread
        assert len(events_on_disk(host.store.path, "moment_added")) == 30
        # (unfolded, the log would hold about 1.2 MB by now)
        assert max(sizes) < 3 * host.store.LOG_LIMIT, sizes


async def test_a_flush_the_disk_refuses_is_not_saved_and_the_resend_is_one_copy(tmp_path):
    from workshop.core.errors import SaveError

    async with room_server(tmp_path, step=MOMENTS) as (host, room, server, phone):
        p = await phone(1)
        real = host.sync

        def refused() -> None:
            raise SaveError("Could not save: the disk is full.")
        host.sync = refused
        status, answer = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="kept-0002")
        assert status == 503 and "Not saved yet" in answer["error"] and "saved" not in answer
        assert host.disk_errors == ["Could not save: the disk is full."]  # the facilitator
        host.sync = real
        status, answer = await p.send(MOMENTS, "moment", {"text": "Parking"}, cid="kept-0002")
        assert status == 200 and answer["saved"] and answer["again"] is True
        assert len(events_on_disk(host.store.path, "moment_added")) == 1
