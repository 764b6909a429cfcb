"""The gaps step on the projector: the importance–performance 2×2, with the moments
numbered along the journey beside it."""

from __future__ import annotations

from workshop.core.analysis import gap_table
from workshop.room import charts
from workshop.room.html import Html, el, join
from workshop.room.views import StepPage


class GapsPage(StepPage):
    def projector(self) -> Html:
        table = gap_table(self.state)
        placed = [r for r in table.rows if r.importance is not None and r.performance is not None]
        if not placed:
            return join(super().projector(), el("p", {"class": "empty"}, self.tr(
                "The 2×2 needs a revealed vote on moments and performance ratings.")))
        legend = el("ol", {"class": "legend"},
                    *(el("li", {"value": r.position}, r.text) for r in table.rows))
        return el("div", {"class": "gaps"}, charts.ipa(table, self.tr), legend)


STEP_KINDS = ("gaps",)
PAGE = GapsPage
