"""The wrap-up on the projector: what the room decided. The priorities (importance ×
shortfall against expectation, the most urgent first) and the corrective actions and
next steps agreed, each with the moment it serves. Owners are left out: an owner is
typed as a person's name, and the wall never shows one."""

from __future__ import annotations

from workshop.core.analysis import gap_table
from workshop.room.html import Html, el, join
from workshop.room.views import StepPage

SHOWN = 5  # priorities on the wall: the rest are in the report


class WrapupPage(StepPage):
    def projector(self) -> Html:
        tr = self.tr
        ranked = gap_table(self.state).by_priority()[:SHOWN]
        priorities = el("section", {"class": "priorities"}, el("h2", {}, tr("Priorities")),
                        el("ol", {}, *(el("li", {}, el("span", {"class": "text"}, r.text),
                                          el("span", {"class": "where"},
                                             r.quadrant_label(tr)))
                                       for r in ranked)) if ranked else
                        el("p", {"class": "empty"}, tr(
                            "No priorities can be set yet: they need a revealed vote on "
                            "the moments.")))
        moments = {m.mid: m.text for m in self.state.moments.values()}
        lists = []
        for kind, heading in (("action", tr("Corrective actions")),
                              ("next_step", tr("Next steps"))):
            these = [a for a in self.state.actions.values() if a.type == kind]
            if these:
                lists.append(el("section", {"class": "actions"}, el("h2", {}, heading), el(
                    "ul", {}, *(el("li", {}, el("span", {"class": "text"}, a.text),
                                   el("span", {"class": "where"}, moments[a.mid])
                                   if a.mid in moments else None) for a in these))))
        return join(super().projector(), el("div", {"class": "wrapup"}, priorities, *lists))


STEP_KINDS = ("wrapup",)
PAGE = WrapupPage
