"""The excellence step on a phone: the prompt card the room has in front of it, with the
moment's name filled in, and ideas sent for that moment."""

from __future__ import annotations

from workshop.core.kinds.excellence import card_on_screen
from workshop.room.html import Html, el, join
from workshop.room.views import StepPage


class ExcellencePage(StepPage):
    def chosen_moment(self) -> int | None:
        card = card_on_screen(self.state)
        return card.mid if card is not None else None

    def board(self, pid: int) -> Html:
        card = card_on_screen(self.state)
        shown = Html("")
        if card is not None:
            ideas = [i for i in self.state.ideas.values() if i.mid == card.mid]
            shown = el("section", {"class": "card"},
                       el("h2", {}, self.tr("Prompt card")),
                       el("p", {"class": "prompt"}, card.text),
                       el("ul", {"class": "ideas"}, *(el("li", {}, i.text) for i in ideas))
                       if ideas else None)
        return join(shown, super().board(pid))


    def projector(self) -> Html:
        card = card_on_screen(self.state)
        if card is None:
            return super().projector()
        ideas = [i for i in self.state.ideas.values() if i.mid == card.mid]
        return el("div", {"class": "excellence"},
                  el("section", {"class": "card"}, el("p", {"class": "prompt"}, card.text)),
                  el("section", {"class": "ideas"}, el("h2", {}, self.tr("Ideas")),
                     el("ul", {}, *(el("li", {}, i.text) for i in ideas)) if ideas else
                     el("p", {"class": "empty"}, self.tr("No ideas for this moment yet."))))


STEP_KINDS = ("excellence",)
PAGE = ExcellencePage
