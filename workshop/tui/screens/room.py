"""The room: where phones join (a QR code and a short link), who holds which seat, and
what phones sent that waits for the facilitator.

Closed, it asks where the room listens (the laptop's addresses on a local network, a
choice when there are several, and all of them at once when asked) and whether
entries wait to be checked; open, it shows the QR code, the link, the seats (names
here: this is the facilitator's screen) and the queue: Enter puts an entry on the
board, e edits it first, m marks it as the same as an entry already there, x leaves it
out.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList
from textual.widgets.option_list import Option

from workshop.core.kinds.registry import ENTITIES, EVENTS
from workshop.core.kinds.room import Proposal, moderated, pending
from workshop.core.state import stage_label
from workshop.i18n import t
from workshop.room.network import Address, local_addresses
from workshop.tui.keys import _
from workshop.tui.plain import Plain, plain
from workshop.tui.room import RoomLink


def qr_text(url: str) -> str:
    """The link as a QR code of block characters, light modules drawn (the widget draws
    them white on black, whatever the terminal's colours)."""
    import segno

    out = io.StringIO()
    segno.make(url, error="l", micro=False).terminal(out=out, compact=True, border=2)
    return out.getvalue().rstrip("\n")


async def close_room_asking(app: App[object], link: RoomLink,
                            closed: Callable[[], object] | None = None) -> None:
    """Close the room: at once when no phone holds a seat; otherwise asked first (Enter
    keeps it open, c again closes it): the phones' links and seats end with it. The room
    screen's c and the run screen's palette both come here, so both ask the same."""
    room = link.room
    if room is None:
        return

    async def close() -> None:
        await link.stop()
        app.notify(t("The room is closed: its links no longer open."), timeout=4)
        if closed is not None:
            closed()

    held = sorted(room.seats.taken())
    if not held:
        await close()
        return
    from workshop.tui.screens.confirm import CLOSE_ROOM, ConfirmScreen

    state = link.live.state
    who = ", ".join(state.participants[pid].pseudonym if pid in state.participants
                    else str(pid) for pid in held)
    question = t.plural(len(held), "A phone holds a seat ({who}). Close the room? Its "
                        "links stop working; a new room has new links and seats.",
                        "{n} phones hold a seat ({who}). Close the room? Their links "
                        "stop working; a new room has new links and seats.", who=who)

    async def answered(yes: bool | None) -> None:
        if yes and link.room is not None:
            await close()

    app.push_screen(ConfirmScreen(question, CLOSE_ROOM, default="no"), answered)


class RoomScreen(ModalScreen[None]):
    CSS_PATH = "room.tcss"
    BINDINGS = [
        Binding("escape", "back", _("Back")),
        Binding("t", "moderation", _("Check entries first: on/off")),
        Binding("c", "close_room", _("Close the room")),
        Binding("r", "release", _("Free the seat"), show=False),
        Binding("e", "edit", _("Edit, then accept"), show=False),
        Binding("m", "merge", _("Same as an entry on the board"), show=False),
        Binding("x", "reject", _("Leave out"), show=False),
    ]

    def __init__(self, link: RoomLink, addresses: list[Address] | None = None):
        super().__init__()
        self.link = link
        self.addresses = addresses if addresses is not None else local_addresses()
        self._editing: Proposal | None = None

    @property
    def state(self):
        return self.link.live.state

    @property
    def lan(self) -> list[Address]:
        """The addresses on a local network (loopback left out)."""
        return [a for a in self.addresses if not a.loopback]

    # ---- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            if self.link.room is None:
                yield from self._when_closed()
            else:
                yield from self._when_open()

    def _when_closed(self) -> ComposeResult:
        yield Plain(t("Open the room"), classes="room-title")
        yield Plain(t("Participants join from their own phones, on the same network as this "
                      "laptop (your phone's hotspot, or the room's Wi-Fi). Where should they "
                      "join?"), classes="room-hint")
        choices = OptionList(id="room-addresses")
        for n, address in enumerate(self.addresses):
            label = (t("{ip} (this laptop only: to try the room)", ip=address.ip)
                     if address.loopback else f"{address.ip} ({address.interface})")
            choices.add_option(Option(plain(label), id=str(n)))
        if len(self.lan) > 1:  # phones on two networks (a hotspot and the room's Wi-Fi)
            choices.add_option(Option(plain(t(
                "All of this laptop's local networks at once ({addresses})",
                addresses=", ".join(a.ip for a in self.lan))), id="all"))
        yield choices
        yield Checkbox(t("Check what phones send before it reaches the board"),
                       moderated(self.state), id="room-moderate")
        yield Plain("", id="room-error", classes="room-error")
        yield Plain(t("Enter opens the room · Esc goes back"), classes="room-hint")

    def _when_open(self) -> ComposeResult:
        room = self.link.room
        assert room is not None
        with Horizontal(id="room-open"):
            yield Plain(qr_text(room.url), id="room-qr")
            with VerticalScroll(id="room-side"):
                yield Plain(t("Phones join at"), classes="room-title")
                yield Plain(room.url, id="room-url")
                if room.everywhere:
                    others = [room.url_at(a.ip) for a in self.lan if a.ip != room.address]
                    yield Plain(t("Also open on this laptop's other networks: {links}",
                                  links=" · ".join(others)), id="room-also",
                                classes="room-hint")
                yield Plain(t("Projector (open it on the screen the room sees; keep this "
                              "link to yourself):"), classes="room-hint")
                yield Plain(room.projector_url, id="room-projector")
                yield Plain("", id="room-moderation", classes="room-hint")
                yield Plain(t("Seats"), classes="room-heading")
                yield OptionList(id="room-seats")
                yield Plain("", id="room-queue-title", classes="room-heading")
                yield OptionList(id="room-queue")
                yield Input(id="room-edit", classes="-hidden")
                yield Plain("", id="room-error", classes="room-error")
        yield Plain(t("Enter accepts · e edits · m same as… · x leaves out · r frees a seat · "
                      "t checks first on/off · c closes the room · Esc back"),
                    classes="room-keys")

    def on_mount(self) -> None:
        self.query_one("#room").border_title = t("The room")
        if self.link.room is None:
            self.query_one("#room-addresses", OptionList).highlighted = 0
            self.query_one("#room-addresses").focus()
        else:
            self.refresh_lists()
            queue = self.query_one("#room-queue", OptionList)
            (queue if queue.option_count else self.query_one("#room-seats")).focus()

    # ---- opening ------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#room-addresses")
    async def open_room(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        everywhere = event.option.id == "all"
        address = self.lan[0] if everywhere else self.addresses[int(event.option.id or 0)]
        self.link.set_moderation(self.query_one("#room-moderate", Checkbox).value)
        problem = await self.link.start(address.ip, everywhere=everywhere)
        if problem is not None:
            self.query_one("#room-error", Plain).update(problem)
            return
        await self.recompose()
        self.on_mount()

    async def action_close_room(self) -> None:
        await close_room_asking(self.app, self.link, lambda: self.dismiss(None))

    def action_back(self) -> None:
        if self._editing is not None:
            self._stop_editing()
            return
        self.dismiss(None)

    # ---- what the lists show ------------------------------------------------------
    def refresh_lists(self) -> None:
        if self.link.room is None or not self.query("#room-seats"):
            return  # closed, or its open layout not drawn yet
        state = self.state
        on = moderated(state)
        self.query_one("#room-moderation", Plain).update(
            t("What phones send waits here until you accept it (t: off).") if on else
            t("What phones send goes on the board at once (t: check it first)."))
        holders = self.link.room.seats.taken()
        seats = self.query_one("#room-seats", OptionList)
        keep = seats.highlighted
        seats.clear_options()
        for pid, p in sorted(state.participants.items()):
            who = f"{p.pseudonym} · {p.name}" if p.name else p.pseudonym
            where = t("phone") if pid in holders else t("no phone")
            seats.add_option(Option(plain(f"{who}: {where}"), id=str(pid)))
        if seats.option_count:
            seats.highlighted = min(keep or 0, seats.option_count - 1)
        waiting = pending(state)
        self.query_one("#room-queue-title", Plain).update(
            t.plural(len(waiting), "From phones: {n} waits", "From phones: {n} wait"))
        queue = self.query_one("#room-queue", OptionList)
        keep = queue.highlighted
        queue.clear_options()
        for p in waiting:
            queue.add_option(Option(plain(self.describe(p)), id=str(p.ppid)))
        if queue.option_count:
            queue.highlighted = min(keep or 0, queue.option_count - 1)

    def describe(self, p: Proposal) -> str:
        state = self.state
        who = state.participant_label(p.pid, names=False)
        spec = EVENTS.get(p.event)
        what = spec.creates.entity if spec and spec.creates and spec.creates.entity else ""
        where = []
        mid = p.fields.get("mid")
        if isinstance(mid, int) and mid in state.moments:
            where.append(state.moments[mid].text)
        if p.fields.get("stage"):
            where.append(stage_label(str(p.fields["stage"]), t))
        extra = f" ({', '.join(where)})" if where else ""
        return f"{who} · {t(what) if what else p.event}: {p.fields.get('text', '')}{extra}"

    def _chosen(self) -> Proposal | None:
        queue = self.query_one("#room-queue", OptionList)
        option = queue.highlighted_option if queue.option_count else None
        if option is None:
            return None
        found = next((p for p in pending(self.state) if str(p.ppid) == option.id), None)
        return found

    def _said(self, message: str) -> None:
        self.query_one("#room-error", Plain).update(message)

    # ---- the facilitator's answers ------------------------------------------------
    @on(OptionList.OptionSelected, "#room-queue")
    def accept(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self._chosen()
        if chosen is not None and self.link.accept(chosen) is not None:
            self._said("")

    def action_edit(self) -> None:
        chosen = self._chosen() if self.link.room is not None else None
        if chosen is None:
            return
        self._editing = chosen
        field = self.query_one("#room-edit", Input)
        field.value = str(chosen.fields.get("text", ""))
        field.remove_class("-hidden")
        field.focus()

    @on(Input.Submitted, "#room-edit")
    def edited(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        if self.link.accept(self._editing, event.value) is not None:
            self._stop_editing()

    def _stop_editing(self) -> None:
        self._editing = None
        self.query_one("#room-edit", Input).add_class("-hidden")
        self.query_one("#room-queue").focus()

    def action_reject(self) -> None:
        chosen = self._chosen() if self.link.room is not None else None
        if chosen is not None:
            self.link.reject(chosen)

    def action_merge(self) -> None:
        chosen = self._chosen() if self.link.room is not None else None
        if chosen is None:
            return
        candidates = self.candidates(chosen)
        if not candidates:
            self._said(t("There is no such entry on the board to match it with."))
            return
        def picked(into: int | None) -> None:
            if into is not None:
                self.link.reject(chosen, into)

        self.app.push_screen(PickScreen(t("The same as which entry on the board?"),
                                        candidates), picked)

    def candidates(self, p: Proposal) -> list[tuple[int, str]]:
        """The entries already on the board that ``p`` may repeat: of its kind, and on
        its moment when it hangs on one."""
        spec = EVENTS.get(p.event)
        entity = ENTITIES.get(spec.creates.entity or "") if spec and spec.creates else None
        if entity is None:
            return []
        mid = p.fields.get("mid")
        items = entity.items(self.state)
        if entity.name == "moment":
            return [(m.mid, f"{n}. {m.text}")
                    for n, m in enumerate(self.state.ordered_moments(), 1)]
        return [(key, str(getattr(item, "text", key))) for key, item in sorted(items.items())
                if mid is None or getattr(item, "mid", None) == mid]

    def action_release(self) -> None:
        room = self.link.room
        if room is None:
            return
        seats = self.query_one("#room-seats", OptionList)
        option = seats.highlighted_option if seats.option_count else None
        if option is None or option.id is None:
            return
        room.seats.release(int(option.id))
        room.changed()
        self.refresh_lists()

    def action_moderation(self) -> None:
        if self.link.room is None:
            box = self.query_one("#room-moderate", Checkbox)
            box.value = not box.value
            return
        self.link.set_moderation(not moderated(self.state))


class PickScreen(ModalScreen[int | None]):
    """One entry from a list, or None with Escape."""

    CSS_PATH = "room.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", _("Cancel"))]

    def __init__(self, question: str, choices: list[tuple[int, str]]):
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Plain(self.question, classes="room-title")
            yield OptionList(*(Option(plain(label), id=str(key)) for key, label in self.choices),
                             id="pick-list")

    def on_mount(self) -> None:
        self.query_one("#pick-list").focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))
