"""The phone's pages: the choice of seats, and a step as a seated phone shows it.

Plain HTML and CSS with two small scripts (one follows the session, the other is the
page's own), all served from the package: nothing is loaded from outside the laptop.
The pages hold no script of their own (the content security policy forbids it); what
the scripts need (their words, the request token) is in data- attributes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from workshop.core.events import now
from workshop.core.state import SessionState
from workshop.room.html import Html, data_json, el, join
from workshop.room.views import page_for

Tr = Callable[..., str]


def _script_words(tr: Tr) -> dict[str, str]:
    return {
        "sending": tr("Sending…"),
        "saved": tr("Saved"),
        "waiting": tr("Saved: the facilitator will put it on the board"),
        "offline": tr("Not sent yet: no connection. It will be sent again by itself."),
        "live": tr("Connected"),
        "lost": tr("Connection lost: trying again…"),
        "closed": tr("The room is closed."),
    }


def document(lang: str, tr: Tr, body_attrs: dict[str, Any], *content: object,
             script: str = "phone.js") -> Html:
    head = el("head", {},
              el("meta", {"charset": "utf-8"}),
              el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
              el("meta", {"name": "referrer", "content": "no-referrer"}),
              el("title", {}, tr("The room")),
              el("link", {"rel": "stylesheet", "href": "s/room.css"}),
              el("script", {"src": "s/follow.js", "defer": True}),
              el("script", {"src": f"s/{script}", "defer": True}))
    return Html("<!doctype html>\n" + el("html", {"lang": lang.replace("_", "-")}, head,
                                          el("body", body_attrs, *content)))


def seat_choice(state: SessionState, taken: set[int], tr: Tr, mine: int | None = None,
                message: str = "") -> Html:
    """The participants' pseudonyms (never their names), a claimed seat marked taken."""
    buttons = []
    for pid, p in sorted(state.participants.items()):
        held = pid in taken and pid != mine
        buttons.append(el("li", {}, el(
            "button", {"type": "button", "class": "seat", "data-pid": pid, "disabled": held},
            p.pseudonym, el("span", {"class": "taken"}, tr("taken")) if held else None)))
    return join(el("h1", {}, tr("Take your seat")),
                el("p", {}, tr("Choose the name card the facilitator gave you.")),
                el("p", {"class": "problem", "role": "alert"}, message) if message else None,
                el("ul", {"class": "seats"}, *buttons) if buttons else
                el("p", {}, tr("The facilitator has not set any seats yet.")))


def phone_view(state: SessionState, pid: int | None, taken: set[int], tr: Tr,
               shared: dict[Hashable, Html] | None = None) -> dict[str, Any]:
    """What the phone's script puts on the page: the header, the form (with a key that
    changes only when the form does) and the board. ``shared``: the parts every phone
    is shown alike, kept for the session as it is now (``Room.shared``)."""
    step = state.step()
    if pid is None or pid not in state.participants or step is None:
        form = seat_choice(state, taken, tr)
        return {"seat": None, "head": "", "key": "seats", "form": form, "board": ""}
    page = page_for(step.kind)(state, step, tr, shared)
    form = page.form(pid)
    who = state.participants[pid].pseudonym
    head = join(el("div", {"class": "who"},
                   el("span", {"class": "pseudonym"}, who),
                   el("button", {"type": "button", "class": "leave"}, tr("Not you?"))),
                page.heading())
    key = hashlib.sha256(f"{step.index}\0{form}".encode()).hexdigest()[:16]
    return {"seat": pid, "head": head, "key": key, "form": form, "board": page.board(pid)}


def phone_page(state: SessionState, view: dict[str, Any], csrf: str, tr: Tr,
               version: int) -> Html:
    return document(
        state.lang, tr,
        {"class": "phone", "data-csrf": csrf, "data-version": version,
         "data-words": data_json(_script_words(tr))},
        el("header", {"id": "head"}, Html(view["head"])),
        el("main", {},
           el("div", {"id": "form", "data-key": view["key"]}, Html(view["form"])),
           el("ul", {"id": "outbox", "aria-live": "polite"}),
           el("div", {"id": "board"}, Html(view["board"]))),
        el("footer", {"id": "conn", "role": "status"}),
        el("noscript", {}, tr("This page needs JavaScript to send what you write.")))


# ---- the projector ------------------------------------------------------------------


def join_box(url: str, tr: Tr) -> Html:
    """The room's link as a QR code (SVG from segno, made from our own link) and as text."""
    import segno

    code = segno.make(url, error="l", micro=False)
    svg = Html(code.svg_inline(scale=6, border=2, dark="#000", light="#fff"))
    return el("aside", {"class": "join"}, svg, el("p", {}, tr("Join from your phone")),
              el("p", {"class": "url"}, url))


def projector_view(state: SessionState, tr: Tr) -> dict[str, Any]:
    step = state.step()
    if step is None:
        return {"head": "", "main": ""}
    page = page_for(step.kind)(state, step, tr)
    at = now()
    clock = el("span", {"class": "clock", "data-elapsed": round(step.elapsed_at(at)),
                        "data-running": int(bool(step.running_since)),
                        "data-planned": round(step.minutes * 60)})
    head = join(page.heading(), clock)
    return {"head": head, "main": page.projector()}


def projector_page(state: SessionState, view: dict[str, Any], join_url: str, tr: Tr,
                   version: int) -> Html:
    return document(
        state.lang, tr, {"class": "projector", "data-version": version,
                         "data-words": data_json({"closed": tr("The room is closed.")})},
        el("header", {"id": "head"}, Html(view["head"])),
        el("main", {"id": "main"}, Html(view["main"])),
        join_box(join_url, tr),
        el("footer", {"id": "conn", "role": "status"}),
        script="projector.js")


def closed_page(lang: str, tr: Tr) -> Html:
    return document(lang, tr, {"class": "phone"},
                    el("main", {}, el("h1", {}, tr("This link does not open anything."))))
