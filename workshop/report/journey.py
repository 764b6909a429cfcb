"""The journey map's chapter: a landscape page with the map as a figure, then the same
map as a table (stage, touchpoint, moment, feeling, gap, quadrant), which is what the
Markdown and CSV exports carry of it; and the executive summary's sentence on the
worst and the best net experience.

Pure Python: the places come from ``core.journey``, the words from the report's
context; ``journey_map`` lays the figure out for Word.
"""

from __future__ import annotations

from collections import Counter

from workshop.core.journey import GROUP, JourneyMap, MapMoment, journey_map, where_words
from workshop.core.kinds.feelings import signed
from workshop.report import blocks as b
from workshop.report.context import (
    Context,
    and_list,
    below_midpoint_note,
    quadrant_cell,
    quadrant_labels,
)

# More columns than this and a name no longer reads in its box: the figure shows the
# moments with most dots (the table lists them all).
MAX_FIGURE_MOMENTS = 20


def board(ctx: Context) -> JourneyMap:
    return journey_map(ctx.state, ctx.gaps)


def net_words(ctx: Context, m: MapMoment) -> str:
    """"−100 % (6)" (a unit no line breaks); the group's feeling said as such; "–" for
    neither."""
    f = m.feeling
    if f.net.n:
        return f"{ctx.signed_share(f.net.net)}\u00a0({f.net.n})"
    if f.group is not None:
        return ctx.t("group {value}", value=signed(f.group.value))
    return "–"


def _stage_name(ctx: Context, stage: str | None) -> str:
    t = ctx.t
    return {"before": t("Before the purchase"), "during": t("During the purchase"),
            "after": t("After the purchase")}.get(stage or "", t("No stage given"))


def _lane_name(ctx: Context, lane: str | None) -> str:
    t = ctx.t
    return {"direct": t("Direct touchpoints"), "indirect": t("Indirect touchpoints")}.get(
        lane or "", t("Touchpoint not given"))


def _figures(ctx: Context, m: MapMoment) -> tuple[str, ...]:
    """A box's figures, a line each: "gap −2.5 (6)", "6 dots"."""
    row, t = m.gaps, ctx.t
    parts = []
    if row.gap is not None:
        parts.append(t("gap {value}", value=f"{ctx.signed(row.gap)}\u00a0({row.gap_n})"))
    if row.dots:
        parts.append(ctx.plural(row.dots, "{n} dot", "{n} dots"))
    return tuple(parts)


def _shown(jm: JourneyMap) -> list[MapMoment]:
    """The moments the figure has room for, in map order."""
    if len(jm.moments) <= MAX_FIGURE_MOMENTS:
        return list(jm.moments)
    ranked = sorted(jm.moments, key=lambda m: (-(m.gaps.dots or 0), -(m.feeling.net.n),
                                                m.column))
    keep = {m.mid for m in ranked[:MAX_FIGURE_MOMENTS]}
    return [m for m in jm.moments if m.mid in keep]


def journey_chart(ctx: Context, jm: JourneyMap) -> tuple[b.JourneyChart, list[MapMoment]]:
    """The figure's data: every place already decided, every word already translated."""
    t = ctx.t
    shown = _shown(jm)
    stages, points = [], []
    column = 0
    for span in jm.stages:
        here = [m for m in shown if m.stage == span.stage]
        stages.append(b.JourneyStage(span.stage, _stage_name(ctx, span.stage), column,
                                     max(1, len(here))))
        for m in here:
            f = m.feeling
            if f.net.n:
                value = ctx.t("{net} ({n})", net=ctx.signed_share(f.net.net), n=f.net.n)
            elif f.group is not None:
                value = t("group {value}", value=signed(f.group.value))
            else:
                value = ""
            points.append(b.JourneyPoint(ctx.labels[m.mid], ctx.text(m.text), m.stage, m.lane,
                                         column, m.gaps.quadrant, _figures(ctx, m),
                                         f.level, f.source == GROUP, value))
            column += 1
        if not here:
            column += 1
    chart = b.JourneyChart(
        stages, [b.JourneyLane(lane, _lane_name(ctx, lane)) for lane in jm.lanes], points,
        column, quadrant_labels(t), t("How it felt: net experience"),
        ctx.signed_share(1.0), "0", ctx.signed_share(-1.0),
        {"marks": t("net experience of the marks (n)"),
         "group": t("the group's feeling, no individual marks"),
         "unplaced": t("not placed: no ratings or no counted vote")},
        t("no moments"), jm.asked, t("How each moment felt was not asked in this session."),
        ctx.percent_format)
    return chart, shown


def caption(ctx: Context, jm: JourneyMap, shown: list[MapMoment]) -> str:
    """What the figure shows and what n each point of the curve rests on."""
    t = ctx.t
    text = (t("The customer journey as this group mapped it: each moment of truth by stage "
              "and touchpoint, coloured by its quadrant, and how it felt.") if jm.asked else
            t("The customer journey as this group mapped it: each moment of truth by stage "
              "and touchpoint, coloured by its quadrant. How each moment felt was not asked."))
    if len(shown) < len(jm.moments):
        text += " " + t("{shown} of {total} moments, those with most dots; the table lists "
                        "them all.", shown=len(shown), total=len(jm.moments))
    if not jm.asked:
        return text
    counts = Counter(m.feeling.net.n for m in shown if m.feeling.net.n)
    rests = [ctx.plural(k, "n = {marks} at {n} moment", "n = {marks} at {n} moments",
                        marks=n).replace("n = ", "n\u00a0=\u00a0")
             for n, k in sorted(counts.items(), key=lambda nk: (-nk[1], -nk[0]))]
    group = sum(1 for m in shown if not m.feeling.net.n and m.feeling.group is not None)
    if group:
        rests.append(ctx.plural(group, "the group's feeling alone at {n} moment",
                                "the group's feeling alone at {n} moments"))
    none = sum(1 for m in shown if m.feeling.level is None)
    if none:
        rests.append(ctx.plural(none, "no feeling at {n} moment", "no feeling at {n} moments"))
    return text + " " + t("Each point of the curve rests on {what}.",
                          what=and_list(t, rests))


def journey_chapter(ctx: Context) -> list:
    """The map on a landscape page, then (back in portrait) the map as a table."""
    t = ctx.t
    out: list = [b.Heading(t("The customer journey map"), 1)]
    if not ctx.state.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded, so there is no journey "
                                    "to map."), "note")]
    jm = board(ctx)
    chart, shown = journey_chart(ctx, jm)
    intro = t("The stages of the purchase run left to right, the direct and indirect "
              "touchpoints in their lanes; each moment's colour is its quadrant on the 2×2, "
              "with its gap and its dots. The curve below is how each moment felt: its net "
              "experience, the share of positive marks minus the share of negative ones.")
    figure = b.Figure("journey_map", caption(ctx, jm, shown), chart)
    table = b.Table(
        "journey_map", t("The journey map as a table: stage, touchpoint, feeling, gap and "
                         "quadrant of each moment"),
        [b.Column(t("Stage"), 1.3), b.Column(t("Touchpoint"), 1.2),
         b.Column(t("Moment of truth"), 4), b.Column(t("Feeling (n)"), 1.3, True),
         b.Column(t("Gap (n)"), 1, True), b.Column(t("Quadrant"), 1.6)],
        [[ctx.stage(m.stage), ctx.touchpoint(m.lane), ctx.moment(m.mid), net_words(ctx, m),
          f"{ctx.signed(m.gaps.gap)}\u00a0({m.gaps.gap_n})" if m.gaps.gap is not None else "–",
          quadrant_cell(ctx, m.gaps)] for m in jm.moments])
    notes = [b.Paragraph(n, "note") for n in _group_notes(ctx, jm)]
    notes += below_midpoint_note(ctx)
    return [b.SectionBreak("landscape"), *out, b.Paragraph(intro, keep_next=True), figure,
            b.SectionBreak("portrait"), table, *notes]


def _group_notes(ctx: Context, jm: JourneyMap) -> list[str]:
    """What the facilitator noted of how split the room was, moment by moment."""
    out = []
    for m in jm.moments:
        group = m.feeling.group
        if group is not None and group.text:
            out.append(ctx.t("{moment}: the group's feeling {value}: {note}",
                             moment=ctx.moment(m.mid), value=signed(group.value),
                             note=ctx.text(group.text)))
    return out


def worst_and_best(ctx: Context) -> str:
    """The executive summary's sentence: the worst and the best net experience, and
    where each sits on the journey ("" when feelings were not asked or nobody marked)."""
    t = ctx.t
    jm = board(ctx)
    worst, best = jm.worst(), jm.best()
    if worst is None or best is None:
        return ""

    def said(m: MapMoment) -> dict[str, str]:
        return {"moment": ctx.moment(m.mid),
                "net": ctx.t("{net} (n = {n})", net=ctx.signed_share(m.feeling.net.net),
                             n=m.feeling.net.n).replace("n = ", "n\u00a0=\u00a0"),
                "where": where_words(m, t)}

    if worst.mid == best.mid:
        return t("How it felt: only {moment} was marked, net experience {net}, {where}.",
                 **said(worst))
    return t("How it felt: the worst net experience is at {moment}, {net}, {where}; the "
             "best at {best}, {best_net}, {best_where}. The journey map shows every "
             "moment.", **said(worst), best=said(best)["moment"], best_net=said(best)["net"],
             best_where=said(best)["where"])
