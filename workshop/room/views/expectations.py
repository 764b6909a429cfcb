"""The expectations step: each moment's ratings on the phone (drawn from the kind's
declaration), and on the projector the expectations the group stated, by moment."""

from __future__ import annotations

from workshop.core.state import Moment
from workshop.room.html import Html, el
from workshop.room.views import StepPage


class ExpectationsPage(StepPage):
    def projector(self) -> Html:
        def stated(m: Moment) -> Html:
            said = [x.text for x in self.state.expectations.values()
                    if x.mid == m.mid and x.type == "stated"]
            return el("ul", {"class": "under"}, *(el("li", {}, x) for x in said)) \
                if said else Html("")
        return self.journey(stated)


STEP_KINDS = ("expectations",)
PAGE = ExpectationsPage
