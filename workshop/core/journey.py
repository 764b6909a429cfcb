"""The journey map: how each moment felt, and where each moment sits on the map.

Pure functions of a ``SessionState``; the terminal view and the report's figure only
draw what ``journey_map`` places.

- Net experience (seed 002: satisfaction is "the net of the positive experiences minus
  the negative ones"): for a moment's marks from −2 to +2, (positive − negative) /
  marks, with n = marks. A 0 is a mark too: it counts in n, on neither side. From −1
  (every mark negative) to +1 (every mark positive); None without marks.
- The group's feeling (−2 … +2), recorded where nobody marked the moment on their own,
  stands in for the marks on the curve: −2 at the bottom (as a net of −1), +2 at the
  top, 0 in the middle. It never makes a net experience: the report and the summary
  name it for what it is.
- The map: stages (before, during, after) as columns and touchpoints (direct,
  indirect) as lanes; each moment has a column of its own, by stage and then along the
  journey, in its touchpoint's lane, with its quadrant, gap and dots from
  ``analysis.gap_table``. Moments without a stage, or without a touchpoint, get a column
  or a lane of their own, shown only when there are some.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from workshop.core.analysis import GapRow, GapTable, gap_table
from workshop.core.errors import RuleError
from workshop.core.kinds.feelings import (
    HIGHEST,
    LOWEST,
    GroupFeeling,
    asked,
    group_feelings,
    marks,
    signed,
)
from workshop.core.record import record
from workshop.core.state import STAGES, TOUCHPOINTS, SessionState
from workshop.i18n import signed_percent, t

MARKS = "marks"  # a moment's curve point rests on the participants' own marks
GROUP = "group"  # … on the group's feeling


# ---- net experience ---------------------------------------------------------------------


@record
class NetExperience:
    """A moment's marks counted as positive, negative and neutral."""

    positive: int  # marks of +1 or +2
    negative: int  # marks of −1 or −2
    neutral: int  # marks of 0

    @property
    def n(self) -> int:
        return self.positive + self.negative + self.neutral

    @property
    def net(self) -> float | None:
        """(positive − negative) / marks, from −1 to +1; None without marks."""
        return (self.positive - self.negative) / self.n if self.n else None


def net_experience(values: Iterable[int]) -> NetExperience:
    """The net experience of a moment's marks (each from −2 to +2)."""
    values = list(values)
    return NetExperience(sum(1 for v in values if v > 0), sum(1 for v in values if v < 0),
                         sum(1 for v in values if v == 0))


@record
class MomentFeeling:
    """How a moment felt: the participants' marks, else the group's feeling."""

    mid: int
    net: NetExperience
    counts: tuple[int, ...]  # how many marks of −2, −1, 0, +1, +2
    group: GroupFeeling | None

    @property
    def level(self) -> float | None:
        """Where the curve passes at this moment, from −1 (very bad) to +1 (very good):
        the net experience of the marks, else the group's feeling (−2 … +2) halved."""
        if self.net.n:
            return self.net.net
        if self.group is not None:
            return self.group.value / HIGHEST
        return None

    @property
    def source(self) -> str | None:
        """MARKS, GROUP or None: what the curve's point rests on."""
        return MARKS if self.net.n else GROUP if self.group is not None else None


def moment_feelings(state: SessionState) -> dict[int, MomentFeeling]:
    """Every moment's feelings, along the journey."""
    values: dict[int, list[int]] = {mid: [] for mid in state.order}
    for (mid, _), mark in sorted(marks(state).items()):
        if mid in values:
            values[mid].append(mark.value)
    group = group_feelings(state)
    return {mid: moment_feeling(mid, vals, group.get(mid)) for mid, vals in values.items()}


def moment_feeling(mid: int, values: list[int], group: GroupFeeling | None) -> MomentFeeling:
    """One moment's feelings from its marks (in participant order) and the group's."""
    return MomentFeeling(mid, net_experience(values),
                         tuple(values.count(v) for v in range(LOWEST, HIGHEST + 1)), group)


# ---- typing the group's feeling -------------------------------------------------------------

_DECIMAL = re.compile(r"\s*[+\-\u2212]?\d+[.,]\d")  # "1.5": a feeling is a whole number
_GROUP_LINE = re.compile(r"\s*([+\-\u2212]?)\s*(\d+)\b[\s:;,.·—–-]*(.*)", re.DOTALL)


def parse_group_feeling(text: str) -> tuple[int, str | None]:
    """(value, note) from a line as the facilitator types it: the group's feeling first
    (−2 … +2, "-1", "+2", "0"), then how split the room was ("-1 split: four annoyed,
    two did not mind"). RuleError in the user's words otherwise."""
    found = _GROUP_LINE.fullmatch(text or "")
    if found is None or _DECIMAL.match(text):
        raise RuleError(t("Start with the group's feeling, from −2 to +2, then how split "
                          "the room was."))
    sign, digits, note = found.groups()
    value = int(digits) * (-1 if sign in ("-", "\u2212") else 1)
    if not LOWEST <= value <= HIGHEST:
        raise RuleError(t("A feeling goes from −2 (very bad) to +2 (very good)."))
    return value, " ".join(note.split()) or None


# ---- the map --------------------------------------------------------------------------------


@record
class MapMoment:
    """A moment's place on the journey map, with its gap figures and feeling."""

    mid: int
    position: int  # its number along the journey (1-based), as every view numbers it
    column: int  # its column on the map, from 0
    text: str
    stage: str | None  # one of STAGES, or None: the column "no stage"
    lane: str | None  # one of TOUCHPOINTS, or None: the lane "no touchpoint"
    gaps: GapRow  # quadrant, gap (n), dots, importance, performance…
    feeling: MomentFeeling


@record
class StageSpan:
    """The columns of the map one stage spans."""

    stage: str | None
    first: int  # the first column it holds
    count: int  # how many columns (moments) it holds: 0 for a stage nobody placed


@record
class JourneyMap:
    """The journey map: stages as columns, touchpoints as lanes, a column per moment."""

    stages: tuple[StageSpan, ...]  # before, during, after, then "no stage" if any
    lanes: tuple[str | None, ...]  # direct, indirect, then "no touchpoint" if any
    moments: tuple[MapMoment, ...]  # by column
    asked: bool  # any feeling recorded in the session ("not asked" otherwise)
    gaps: GapTable

    def moment(self, mid: int) -> MapMoment | None:
        return next((m for m in self.moments if m.mid == mid), None)

    def rated(self) -> list[MapMoment]:
        """The moments with a net experience (individual marks), along the map."""
        return [m for m in self.moments if m.feeling.net.n]

    def worst(self) -> MapMoment | None:
        """The moment with the lowest net experience (more marks, then earlier, first)."""
        rated = self.rated()
        return min(rated, key=lambda m: (m.feeling.net.net, -m.feeling.net.n, m.column),
                   default=None)

    def best(self) -> MapMoment | None:
        """The moment with the highest net experience (more marks, then earlier, first)."""
        rated = self.rated()
        return min(rated, key=lambda m: (-(m.feeling.net.net or 0), -m.feeling.net.n,
                                         m.column), default=None)


def journey_map(state: SessionState, gaps: GapTable | None = None) -> JourneyMap:
    """Where each moment goes on the map, with its figures and its feelings."""
    gaps = gaps or gap_table(state)
    rows = {r.mid: r for r in gaps.rows}
    feelings = moment_feelings(state)
    stage_of = {m.mid: m.stage if m.stage in STAGES else None for m in state.moments.values()}
    stages: list[StageSpan] = []
    placed: list[MapMoment] = []
    keys: list[str | None] = [*STAGES, None]
    for stage in keys:
        mids = [mid for mid in state.order if stage_of[mid] == stage]
        if stage is None and not mids:
            continue
        stages.append(StageSpan(stage, len(placed), len(mids)))
        for mid in mids:
            m = state.moments[mid]
            placed.append(MapMoment(mid, rows[mid].position, len(placed), m.text, stage,
                                    m.touchpoint if m.touchpoint in TOUCHPOINTS else None,
                                    rows[mid], feelings[mid]))
    lanes: list[str | None] = list(TOUCHPOINTS)
    if any(m.lane is None for m in placed):
        lanes.append(None)
    return JourneyMap(tuple(stages), tuple(lanes), tuple(placed), asked(state), gaps)


# ---- in words -------------------------------------------------------------------------------


def where_words(m: MapMoment, tr: Callable[..., str] = t) -> str:
    """Where a moment sits on the map: "during the purchase, direct"."""
    stage = {"before": tr("before the purchase"), "during": tr("during the purchase"),
             "after": tr("after the purchase")}.get(m.stage or "", tr("no stage given"))
    lane = {"direct": tr("direct touchpoint"), "indirect": tr("indirect touchpoint")}.get(
        m.lane or "", tr("touchpoint not given"))
    return f"{stage}, {lane}"


def summary_lines(state: SessionState) -> list[str]:
    """What `workshop show` says of the feelings: each moment's net experience (or the
    group's feeling), the worst and the best; "not asked" in a session without any."""
    if not state.moments:
        return []
    if not asked(state):
        return ["", t("Feelings: not asked in this session.")]
    board = journey_map(state)
    lines = ["", t("Feelings, net experience (positive − negative marks, over all marks):")]
    for m in board.moments:
        f = m.feeling
        if f.net.n:
            said = t("{net} (n = {n})", net=signed_percent(f.net.net or 0.0), n=f.net.n)
        elif f.group is not None:
            said = t("group feeling {value}", value=signed(f.group.value))
        else:
            continue
        if f.group is not None and f.group.text:
            said += f" · {' '.join(f.group.text.split())}"
        lines.append(f"  {m.position:>2}. {m.text}: {said}")
    worst, best = board.worst(), board.best()
    if worst is not None and best is not None and best.mid == worst.mid:
        # One moment marked is neither the worst nor the best ("Worst: … (+100%)"): say
        # so, as the report does.
        lines.append("  " + t("Only {moment} was marked ({net}), {where}.", moment=worst.text,
                              net=signed_percent(worst.feeling.net.net or 0.0),
                              where=where_words(worst)))
    elif worst is not None and best is not None:
        lines.append("  " + t("Worst: {moment} ({net}), {where}.", moment=worst.text,
                              net=signed_percent(worst.feeling.net.net or 0.0),
                              where=where_words(worst)))
        lines.append("  " + t("Best: {moment} ({net}), {where}.", moment=best.text,
                              net=signed_percent(best.feeling.net.net or 0.0),
                              where=where_words(best)))
    return lines
