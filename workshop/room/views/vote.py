"""The vote on a phone: the participant's own dots, placed and taken back one tap at a
time; the budget and the cap are the core's rules, checked as each dot is recorded.
A blind vote shows nobody else's dots until the facilitator reveals it."""

from __future__ import annotations

from functools import partial

from workshop.core.state import VoteRound
from workshop.core.tally import ranked_dots
from workshop.room import charts
from workshop.room.html import Html, data_json, el, join
from workshop.room.views import StepPage, drawn


class VotePage(StepPage):
    def items(self, rnd: VoteRound) -> list[tuple[int, str, str]]:
        """(item, what it says, the moment it belongs to) in the board's order."""
        if rnd.target == "moments":
            return [(m.mid, m.text, "") for m in self.state.ordered_moments()]
        order = {mid: n for n, mid in enumerate(self.state.order)}
        ideas = sorted(self.state.ideas.values(), key=lambda i: (order.get(i.mid, 1 << 30), i.iid))
        names = {m.mid: m.text for m in self.state.moments.values()}
        return [(i.iid, i.text, names.get(i.mid, "")) for i in ideas]

    def board(self, pid: int) -> Html:
        rnd = self.state.round_for_step(self.step.index)
        if rnd is None:
            return join(self.aloud(open_=True),
                        el("p", {"class": "note"}, self.tr("The vote has not opened yet.")))
        parts = [self.aloud(open_=False)]
        if rnd.revealed or not rnd.blind:
            parts.append(self.results(rnd))
        if not rnd.revealed:
            parts.append(self.ballot(rnd, pid))
        return join(*parts)

    def ballot(self, rnd: VoteRound, pid: int) -> Html:
        tr = self.tr
        left = rnd.dots - self.state.dots_used(rnd.rid, pid)
        rules = tr.plural(rnd.dots, "{n} dot each", "{n} dots each")  # type: ignore[attr-defined]
        if rnd.cap is not None:
            rules += " · " + tr.plural(rnd.cap, "at most {n} on one item",  # type: ignore[attr-defined]
                                       "at most {n} on one item")
        step = self.step.index
        lines = []
        for n, (item, text, moment) in enumerate(self.items(rnd), 1):
            mine = self.state.votes.get((rnd.rid, pid, item), 0)
            lines.append(drawn(tr, ("dots", step, n, item, text, moment, mine, left <= 0),
                               partial(self.ballot_item, n, item, text, moment, mine, left)))
        blind = (tr("Your dots stay secret until the facilitator reveals the vote.")
                 if rnd.blind else tr("This vote is open: everyone sees the dots as they come."))
        return el("section", {"class": "ballot"},
                  el("h2", {}, tr("Place your dots")),
                  el("p", {"class": "budget", "data-left": left},
                     tr.plural(left, "{n} dot left", "{n} dots left"),  # type: ignore[attr-defined]
                     " · ", rules),
                  el("p", {"class": "note"}, blind),
                  el("ol", {"class": "items"}, *lines))

    def ballot_item(self, n: int, item: int, text: str, moment: str, mine: int,
                    left: int) -> Html:
        tr = self.tr
        return el(
            "li", {"class": "item"},
            el("div", {"class": "line"}, el("span", {"class": "n"}, f"{n}."), " ",
               el("span", {"class": "text"}, text),
               el("span", {"class": "where"}, moment) if moment else None),
            el("div", {"class": "dots"},
               el("button", {"type": "button", "class": "tap less", "data-entry": "dot",
                             "data-step": self.step.index, "disabled": mine == 0,
                             "data-fields": data_json({"item": item, "delta": -1}),
                             "aria-label": tr("Take a dot back")}, "−"),
               el("span", {"class": "mine", "data-dots": mine},
                  "●" * mine if mine else tr("no dots")),
               el("button", {"type": "button", "class": "tap more", "data-entry": "dot",
                             "data-step": self.step.index, "disabled": left <= 0,
                             "data-fields": data_json({"item": item, "delta": 1}),
                             "aria-label": tr("Place a dot")}, "+")))

    def results(self, rnd: VoteRound) -> Html:
        tr = self.tr
        # The totals alone (S_j): ranking every item, as tally does, was 2,000 ideas ranked
        # at each page drawn on a large session.
        rows = ranked_dots(self.state, rnd.rid)
        names = {item: text for item, text, _ in self.items(rnd)}
        top = max((n for _, n in rows), default=0) or 1
        lines = [el("li", {}, el("span", {"class": "text"}, names.get(item, "")),
                    el("span", {"class": "bar"},
                       el("meter", {"min": 0, "max": top, "value": n}, n)),
                    el("span", {"class": "count"}, n))
                 for item, n in rows]
        heading = tr("Results") if rnd.revealed else tr("Dots so far")
        return el("section", {"class": "results"}, el("h2", {}, heading),
                  el("ol", {}, *lines) if lines else el("p", {}, tr("No dots were placed.")))


    def projector(self) -> Html:
        tr = self.tr
        rnd = self.state.round_for_step(self.step.index)
        if rnd is None:
            return super().projector()
        if rnd.blind and not rnd.revealed:
            voters = len({pid for (rid, pid, _), n in self.state.votes.items()
                          if rid == rnd.rid and n > 0})
            return join(super().projector(), el(
                "p", {"class": "status"},
                tr.plural(voters, "{n} participant has placed dots; the dots stay hidden "  # type: ignore[attr-defined]
                          "until the vote is revealed.",
                          "{n} participants have placed dots; the dots stay hidden until "
                          "the vote is revealed.")))
        names = {item: text for item, text, _ in self.items(rnd)}
        rows = [(names.get(item, ""), n) for item, n in ranked_dots(self.state, rnd.rid)]
        heading = tr("Results") if rnd.revealed else tr("Dots so far")
        return el("section", {"class": "results"}, el("h2", {}, heading),
                  charts.bars(rows, label=heading) if any(n for _, n in rows) else
                  el("p", {"class": "empty"}, tr("No dots were placed.")))


STEP_KINDS = ("vote",)
PAGE = VotePage
