"""The room's routes: what a phone may ask, and the guards every request meets.

Every path starts with the room's token (``/r/<token>/``) or the projector's
(``/p/<token>/``); anything else, a wrong token included, is a plain 404, and an address
that keeps guessing is slowed down. A write must be JSON, from the page's own origin,
carry the phone's request token (CSRF) and stay within the phone's pace. Every answer
carries headers that forbid inline script, framing, sniffing and referrers (the links
hold the tokens), and is never cached. No folder is ever listed: the few files served
are named here.
"""

from __future__ import annotations

import asyncio
import json
from importlib import resources
from typing import Any

from aiohttp import web

from workshop.core.errors import SaveError
from workshop.core.kinds.room import moderated
from workshop.i18n import translator
from workshop.room import pages
from workshop.room.intake import Refused
from workshop.room.network import allowed
from workshop.room.seats import Bucket, Phone
from workshop.room.server import Room

ROOM: web.AppKey[Room] = web.AppKey("room", Room)
COOKIE = "phone"
# A phone's request body: one entry of 20,000 characters in four-byte UTF-8 fits.
MAX_BODY = 128 * 1024
# Wrong tokens from one address: a few typing mistakes, then one try every two seconds.
GUESS_RATE, GUESS_BURST = 0.5, 10.0
MAX_STREAMS = 200  # pages following the session live, in all
# A page hears of changes at most this often: each message makes it fetch its view, and
# while phones send, changes come dozens of times a second; the pages' fetches all run
# in the facilitator's event loop. A quarter of a second still reads as live.
PUSH_EVERY = 0.25

HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                                "form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

STATIC = {"room.css": "text/css", "follow.js": "text/javascript",
          "phone.js": "text/javascript", "projector.js": "text/javascript"}


def _static(name: str) -> bytes:
    return resources.files("workshop.room").joinpath("static", name).read_bytes()


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = "workshop"  # not which server, nor its version


def _not_found() -> web.Response:
    return web.Response(status=404, text="Not found\n")


@web.middleware
async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
    """The token first (a wrong one is a 404, and too many from one address a 429), then
    what a write must carry."""
    room = request.app[ROOM]
    if not _through_local_address(request):
        return _not_found()
    parts = request.path.split("/")
    if len(parts) < 3 or (parts[1], parts[2]) not in (("r", room.token),
                                                         ("p", room.projector_token)):
        guesses = request.app[GUESSES]
        bucket = guesses.get(request.remote or "")
        if bucket is None:
            if len(guesses) > 1000:
                guesses.clear()
            bucket = guesses[request.remote or ""] = Bucket(GUESS_RATE, GUESS_BURST,
                                                            room.seats.clock)
        if not bucket.take():
            return web.Response(status=429, text="Too many requests\n")
        return _not_found()
    if room.closing:
        return web.Response(status=410, text="The room is closed\n")
    if parts[1] == "p" and request.method != "GET":
        return _not_found()  # the projector only reads
    if request.method == "POST":
        refused = _write_refused(request)
        if refused is not None:
            return refused
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except web.HTTPException as exc:  # a route or a method that is not there
        return web.Response(status=exc.status, text=f"{exc.reason}\n")


GUESSES: web.AppKey[dict[str, Bucket]] = web.AppKey("guesses", dict)


def _through_local_address(request: web.Request) -> bool:
    """Whether the request reached the laptop through an address the room may serve (a
    room listening on every address must not answer on a public one)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return isinstance(sockname, tuple) and allowed(str(sockname[0]))


def _write_refused(request: web.Request) -> web.Response | None:
    if request.content_type != "application/json":
        return _problem(415, "")
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.host}":
        return _problem(403, "")
    phone = _phone(request)
    if phone is None or request.headers.get("X-CSRF-Token") != phone.csrf:
        return _problem(403, _words(request)("This page is out of date. Reload it."))
    if not phone.bucket.take():
        return _problem(429, _words(request)("Slow down a little: wait a moment and send "
                                             "it again."))
    return None


def _problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _phone(request: web.Request) -> Phone | None:
    return request.app[ROOM].seats.get(request.cookies.get(COOKIE))


def _words(request: web.Request) -> Any:
    return translator(request.app[ROOM].host.state.lang)


async def _body(request: web.Request) -> Any:
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise Refused(413, _words(request)("This is too long to send.")) from None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise Refused(400, _words(request)("The phone sent something this room cannot "
                                           "read. Reload the page.")) from None


# ---- the phone's pages ------------------------------------------------------------------


def _view(request: web.Request, phone: Phone) -> dict[str, Any]:
    room = request.app[ROOM]
    state = room.host.state
    if phone.pid is not None and phone.pid not in state.participants:
        room.seats.release(phone.pid)  # the participant is gone from the session
    return pages.phone_view(state, phone.pid, set(room.seats.taken()), _words(request),
                            room.shared())


async def phone_page(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM]
    if not request.path.endswith("/"):
        raise web.HTTPFound(request.path + "/")
    phone = _phone(request)
    new = phone is None
    if phone is None:
        phone = room.seats.new_phone()
        if phone is None:
            return web.Response(status=503, text="The room is full\n")
    state = room.host.state
    body = pages.phone_page(state, _view(request, phone), phone.csrf, _words(request),
                            room.version)
    response = web.Response(text=body, content_type="text/html", charset="utf-8")
    if new:
        response.set_cookie(COOKIE, phone.id, path=f"/r/{room.token}/", httponly=True,
                            samesite="Strict")
    return response


async def phone_view(request: web.Request) -> web.Response:
    phone = _phone(request)
    if phone is None:
        return _problem(403, _words(request)("This page is out of date. Reload it."))
    return web.json_response({**_view(request, phone), "version": request.app[ROOM].version})


async def take_seat(request: web.Request) -> web.Response:
    room, tr = request.app[ROOM], _words(request)
    phone = _phone(request)
    assert phone is not None  # the guard checked it
    try:
        body = await _body(request)
    except Refused as exc:
        return _problem(exc.status, str(exc))
    pid = body.get("pid") if isinstance(body, dict) else False
    if pid is None:  # "Not you?": the phone gives its seat back
        if phone.pid is not None:
            room.seats.release(phone.pid)
            room.on_seats()
        return web.json_response({"seat": None})
    if type(pid) is not int or pid not in room.host.state.participants:
        return _problem(400, tr("There is no such seat."))
    if not room.seats.claim(phone, pid):
        return _problem(409, tr("Someone else has this seat. If it is yours, ask the "
                                "facilitator to free it."))
    room.on_seats()
    return web.json_response({"seat": pid})


async def send(request: web.Request) -> web.Response:
    room, tr = request.app[ROOM], _words(request)
    phone = _phone(request)
    assert phone is not None
    if phone.pid is None:
        return _problem(409, tr("Take your seat first."))
    try:
        saved = room.intake.take(phone.pid, await _body(request))
    except Refused as exc:
        return _problem(exc.status, str(exc))
    try:
        await room.on_disk()  # a resend too: its first answer may have been a failure
    except SaveError:
        return _problem(503, tr("Not saved yet: the laptop could not write it. Your phone "
                                "will send it again."))
    return web.json_response({"saved": True, "waiting": saved.waiting, "again": saved.again,
                              "moderated": moderated(room.host.state)})


async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: the session's version each time it changes (the changes of a
    quarter of a second are one message), and a comment now and then so a dead link is
    noticed."""
    room = request.app[ROOM]
    streams = request.app[STREAMS]
    if len(streams) >= MAX_STREAMS:
        return web.Response(status=503, text="Too many pages open\n")
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    streams.add(response)
    try:
        seen = -1
        await response.write(b"retry: 2000\n\n")
        while not room.closing:
            if room.version != seen:
                seen = room.version
                await response.write(f"data: {seen}\n\n".encode())
                await asyncio.sleep(PUSH_EVERY)  # changes close together: one fetch
                continue
            before = seen
            if await room.next_change(seen, 15.0) == before and not room.closing:
                await response.write(b": still here\n\n")
        await response.write(b"event: closed\ndata: closed\n\n")
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        streams.discard(response)
    return response


STREAMS: web.AppKey[set[web.StreamResponse]] = web.AppKey("streams", set)


# ---- the projector: read-only, its own token ----------------------------------------


async def projector_page(request: web.Request) -> web.StreamResponse:
    room = request.app[ROOM]
    if not request.path.endswith("/"):
        raise web.HTTPFound(request.path + "/")
    state, tr = room.host.state, _words(request)
    body = pages.projector_page(state, pages.projector_view(state, tr), room.url, tr,
                                room.version)
    return web.Response(text=body, content_type="text/html", charset="utf-8")


async def projector_view(request: web.Request) -> web.Response:
    room = request.app[ROOM]
    view = pages.projector_view(room.host.state, _words(request))
    return web.json_response({**view, "version": room.version})


async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    kind = STATIC.get(name)
    if kind is None:
        return _not_found()
    return web.Response(body=request.app[FILES][name], content_type=kind, charset="utf-8")


FILES: web.AppKey[dict[str, bytes]] = web.AppKey("files", dict)


def build_app(room: Room) -> web.Application:
    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app[ROOM] = room
    app[GUESSES] = {}
    app[STREAMS] = set()
    app[FILES] = {name: _static(name) for name in STATIC}
    app.on_response_prepare.append(_headers)
    base = "/r/{token}"
    app.router.add_get(base, phone_page)
    app.router.add_get(base + "/", phone_page)
    app.router.add_get(base + "/view", phone_view)
    app.router.add_get(base + "/events", events)
    app.router.add_post(base + "/seat", take_seat)
    app.router.add_post(base + "/send", send)
    app.router.add_get(base + "/s/{name}", static)
    wall = "/p/{token}"
    app.router.add_get(wall, projector_page)
    app.router.add_get(wall + "/", projector_page)
    app.router.add_get(wall + "/view", projector_view)
    app.router.add_get(wall + "/events", events)
    app.router.add_get(wall + "/s/{name}", static)
    return app
