"""The ranking step on the projector: the Borda points so far as ranked bars, with how
many have given their order. A ranking is never blind, but nobody's own order is shown."""

from __future__ import annotations

from workshop.core.kinds.ranking import RankingResult, borda, round_for_step, rules_line
from workshop.room import charts
from workshop.room.html import Html, el, join
from workshop.room.views import StepPage


class RankingPage(StepPage):
    def result(self) -> RankingResult | None:
        rnd = round_for_step(self.state, self.step.index)
        return borda(self.state, rnd.kid) if rnd is not None else None

    def projector(self) -> Html:
        tr = self.tr
        result = self.result()
        if result is None:  # not opened yet: what the facilitator reads out
            return super().projector()
        said = el("p", {"class": "rules"}, rules_line(tr, result, len(self.state.participants)))
        if not result.rankers:
            return join(super().projector(), said,
                        el("p", {"class": "empty"}, tr("Nobody gave an order in this ranking.")))
        if result.target == "moments":
            names = {m.mid: m.text for m in self.state.moments.values()}
        else:
            names = {i.iid: i.text for i in self.state.ideas.values()}
        rows = [(names.get(r.item, ""), r.points) for r in result.rows]
        label = tr("Ranking {n}: Borda points per option", n=result.kid)
        return el("section", {"class": "results"}, el("h2", {}, label), said,
                  charts.bars(rows, label=label))


STEP_KINDS = ("ranking",)
PAGE = RankingPage
