"""The ranking step on a phone and on the projector.

A phone builds its participant's order one tap at a time (+ puts an option in the next
place, − takes it out), and each tap sends the whole new order, checked by the core's
rules as an order the facilitator types. The projector shows the Borda points so far as
ranked bars, with how many have given their order. A ranking is never blind, but
nobody's own order is shown to anyone else."""

from __future__ import annotations

from workshop.core.kinds.ranking import (
    PHONE_RANK,
    RankingResult,
    borda,
    options,
    order_of,
    round_for_step,
    rules_line,
)
from workshop.room import charts
from workshop.room.html import Html, data_json, el, join
from workshop.room.views import StepPage


class RankingPage(StepPage):
    def result(self) -> RankingResult | None:
        rnd = round_for_step(self.state, self.step.index)
        return borda(self.state, rnd.kid) if rnd is not None else None

    def names(self, target: str) -> dict[int, tuple[str, str]]:
        """item -> (what it says, the moment it belongs to: ideas only)."""
        if target == "moments":
            return {m.mid: (m.text, "") for m in self.state.moments.values()}
        moments = {m.mid: m.text for m in self.state.moments.values()}
        return {i.iid: (i.text, moments.get(i.mid, "")) for i in self.state.ideas.values()}

    # ---- a phone --------------------------------------------------------------------
    def board(self, pid: int) -> Html:
        tr = self.tr
        rnd = round_for_step(self.state, self.step.index)
        if rnd is None:
            return join(self.aloud(open_=True),
                        el("p", {"class": "note"}, tr("The ranking has not opened yet.")))
        mine = list(order_of(self.state, rnd.kid, pid))
        names = self.names(rnd.target)

        def line(place: str, item: int) -> Html:
            text, where = names.get(item, ("", ""))
            return el("div", {"class": "line"}, el("span", {"class": "n"}, place), " ",
                      el("span", {"class": "text"}, text),
                      el("span", {"class": "where"}, where) if where else None)

        def tap(order: list[int], sign: str, label: str, disabled: bool = False) -> Html:
            return el("button", {"type": "button", "class": "tap whole", "disabled": disabled,
                                 "data-entry": PHONE_RANK.name, "data-step": self.step.index,
                                 "data-fields": data_json({"items": order}),
                                 "aria-label": label}, sign)

        placed = [el("li", {"class": "item placed"}, line(f"{n}.", item),
                     tap([x for x in mine if x != item], "−", tr("Take it out of your order")))
                  for n, item in enumerate(mine, 1)]
        full = len(mine) >= rnd.top
        rest = [el("li", {"class": "item"}, line("", item),
                   tap([*mine, item], "+", tr("Put it in place {n}", n=len(mine) + 1), full))
                for item in options(self.state, rnd.target) if item not in mine]
        how = tr.plural(rnd.top,  # type: ignore[attr-defined]
                        "Put your first choice in place: tap + beside it.",
                        "Put your top {n} in order: tap + beside each, your first choice "
                        "first.")
        return join(self.aloud(open_=False), el(
            "section", {"class": "ballot ranking"},
            el("h2", {}, tr("Your order")),
            el("p", {"class": "budget", "data-left": rnd.top - len(mine)}, how),
            el("ol", {"class": "items"}, *placed) if placed else
            el("p", {"class": "note"}, tr("Nothing in your order yet.")),
            el("h2", {}, tr("To choose from")),
            el("ol", {"class": "items"}, *rest) if rest else None))

    # ---- the projector ---------------------------------------------------------------
    def projector(self) -> Html:
        tr = self.tr
        result = self.result()
        if result is None:  # not opened yet: what the facilitator reads out
            return super().projector()
        said = el("p", {"class": "rules"}, rules_line(tr, result, len(self.state.participants)))
        if not result.rankers:
            return join(super().projector(), said,
                        el("p", {"class": "empty"}, tr("Nobody gave an order in this ranking.")))
        names = self.names(result.target)
        rows = [(names.get(r.item, ("", ""))[0], r.points) for r in result.rows]
        label = tr("Ranking {n}: Borda points per option", n=result.kid)
        return el("section", {"class": "results"}, el("h2", {}, label), said,
                  charts.bars(rows, label=label))


STEP_KINDS = ("ranking",)
PAGE = RankingPage
