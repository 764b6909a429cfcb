"""The chapters around the findings: method, gap analysis, ideas and techniques, votes,
corrective actions, and the appendix (roster under pseudonyms, participation, timeline)."""

from __future__ import annotations

from collections import Counter

from workshop.core.events import Event
from workshop.core.kinds import registry
from workshop.core.kinds.spec import Section
from workshop.core.state import CHANGES, NOT_TIMED
from workshop.report import blocks as b
from workshop.report.context import (
    CHART_BARS,
    Context,
    and_list,
    below_midpoint_note,
    dots_per_idea,
    idea_round,
    kind_label,
    quadrant_cell,
    quadrant_labels,
    round_target,
    technique_label,
)
from workshop.report.executive import outside_priorities, quotes_sentence, segment_counts


def actions_chapter(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Corrective actions and next steps"), 1)]
    actions = [a for a in s.actions.values() if a.type == "action"]
    out.append(b.Heading(t("Corrective actions"), 2))
    if actions:
        out.append(b.Table("actions", t("Corrective actions: who does what, by when, and how "
                                        "success is measured"),
                           [b.Column("#", 0.4, True), b.Column(t("Action"), 4),
                            b.Column(t("Moment of truth"), 2.2), b.Column(t("Owner"), 1.3),
                            b.Column(t("column\x04By when"), 1.1),
                            b.Column(t("column\x04Measure of success"), 2.2)],
                           [[str(i), ctx.text(a.text), ctx.moment(a.mid) if a.mid in s.moments
                             else "–", ctx.text(a.owner) if a.owner else "–",
                             ctx.text(getattr(a, "due", None)) or "–",
                             ctx.text(getattr(a, "measure", None)) or "–"]
                            for i, a in enumerate(actions, start=1)]))
        notes = [outside_priorities(ctx, actions), _unfinished_actions(ctx, actions)]
        out.extend(b.Paragraph(n, "note") for n in notes if n)
    else:
        out.append(b.Paragraph(t("No corrective action was recorded."), "note"))
    steps = [a for a in s.actions.values() if a.type == "next_step"]
    out.append(b.Heading(t("Next steps"), 2))
    if steps:
        out.append(b.Table("next_steps", t("Next steps"),
                           [b.Column(t("Next step"), 5), b.Column(t("Owner"), 1.4),
                            b.Column(t("column\x04By when"), 1.2)],
                           [[ctx.text(a.text), ctx.text(a.owner) if a.owner else "–",
                             ctx.text(getattr(a, "due", None)) or "–"] for a in steps]))
    else:
        out.append(b.Paragraph(t("None recorded."), "note"))
    return out


def _unfinished_actions(ctx: Context, actions: list) -> str:
    """What the actions still lack, in words: a plan needs an owner, a date, a measure."""
    t = ctx.t
    n = len(actions)

    def lack(attr: str) -> int:
        return sum(1 for a in actions if not getattr(a, attr, None))

    lacking = [text for k, text in (
        (lack("owner"), t.plural(lack("owner"), "{n} of {total} has no owner",
                                 "{n} of {total} have no owner", total=n)),
        (lack("due"), t.plural(lack("due"), "{n} of {total} has no date",
                               "{n} of {total} have no date", total=n)),
        (lack("measure"), t.plural(lack("measure"), "{n} of {total} has no measure of success",
                                   "{n} of {total} have no measure of success", total=n)))
        if k]
    if not lacking:
        return ""
    return t("Still to agree for the actions: {what}.", what=and_list(t, lacking))


def method_chapter(ctx: Context) -> list:
    from workshop.core import analysis

    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Method"), 1)]
    script = ctx.text(s.script.get("title") or s.script.get("name") or "")
    planned = sum(st.minutes for st in s.steps)
    # Each step's clock where it was used, else the time between step changes (the
    # core's Step.time_taken: the summary and the run screen read the same).
    taken = [st.time_taken(s.last_at) for st in s.steps]
    actual = sum(seconds for seconds, _ in taken) / 60
    estimated = any(how == CHANGES for _, how in taken)
    def in_minutes(value: float) -> str:  # "1 minute", not "1 minutes"
        return t.plural(round(value), "{minutes} minute", "{minutes} minutes",
                        minutes=ctx.num(value, 0))

    if actual >= 0.5:
        timing = t.plural(len(s.steps), "{n} step planned for {planned}, run in {actual}.",
                          "{n} steps planned for {planned}, run in {actual}.",
                          planned=in_minutes(planned),
                          actual=("≈" if estimated else "") + in_minutes(actual))
        if estimated:
            timing += " " + t("≈: where a step's clock was not used, its time is the time "
                              "between step changes.")
    else:
        timing = t.plural(len(s.steps),
                          "{n} step planned for {planned}; the step clocks were not "
                          "used, so how long it took is not known.",
                          "{n} steps planned for {planned}; the step clocks were not "
                          "used, so how long each step took is not known.",
                          planned=in_minutes(planned))
    out.append(b.Paragraph(t("The session followed the script {script}: {timing}",
                             script=ctx.quote(script), timing=timing) if script else timing))
    out.append(b.Heading(t("Script and timing"), 2))

    def minutes(seconds: float, how: str) -> str:
        if how == NOT_TIMED:
            return "–"
        return ("≈" if how == CHANGES else "") + ctx.num(seconds / 60, 0)

    rows = [[str(st.index + 1), ctx.text(st.title), kind_label(t, st.kind), ctx.num(st.minutes, 0),
             minutes(*took)] for st, took in zip(s.steps, taken, strict=True)]
    if rows:
        rows.append(["", t("Total"), "", ctx.num(planned, 0),
                     ("≈" if estimated else "") + ctx.num(actual, 0)])
        out.append(b.Table("steps", t("Steps of the session: planned and actual minutes"),
                           [b.Column("#", 0.5, True), b.Column(t("Step"), 3),
                            b.Column(t("Kind"), 1.4), b.Column(t("Planned"), 1, True),
                            b.Column(t("Actual"), 1, True)], rows))
    out.append(b.Heading(t("Participants"), 2))
    consent = sum(1 for p in s.participants.values() if p.consent)
    if s.participants:
        if len(s.participants) == 1:  # "1 participants took part; 1 of them …"
            said = (t("One participant took part and recorded their consent in the session. "
                      "Quotes are attributed by pseudonym and segment, never by name.")
                    if consent else
                    t("One participant took part; their consent was not recorded in the "
                      "session. Quotes are attributed by pseudonym and segment, never by name."))
        else:
            said = t("{n} participants took part; {consent} of them recorded their consent "
                     "in the session. Quotes are attributed by pseudonym and segment, never "
                     "by name.", n=len(s.participants), consent=consent)
        out.append(b.Paragraph(" ".join(filter(None, (said, quotes_sentence(ctx))))))
        segments = segment_counts(ctx)
        out.append(b.Table("segments", t("Participants by segment"),
                           [b.Column(t("Segment"), 3), b.Column(t("Participants"), 1, True)],
                           [[seg or t("No segment"), str(k)] for seg, k in
                            sorted(segments.items(), key=lambda kv: (-kv[1], kv[0]))]))
    else:
        out.append(b.Paragraph(t("No participant was recorded."), "note"))
    out.append(b.Heading(t("How the questions were asked"), 2))
    out.append(b.Paragraph(t(
        "Moments of truth are the contacts in which customers form an impression of the "
        "company. Direct touchpoints are under the company's control (staff, shop, product, "
        "web, phone); indirect ones it can only influence (advertising, reviews, "
        "referrals). The group mapped them before, during and after the purchase.")))
    out.append(b.Paragraph(t(
        "Expectation and performance: at each moment, each participant gave two ratings on "
        "the same scale from 1 to 5: the level they expect (1 = the bare minimum will do, "
        "5 = it must be excellent) and how well their usual providers do it today. The gap "
        "is performance minus expectation, worked out for each participant who gave both "
        "and then averaged: a negative gap means the experience falls short.")))
    if s.moments and not ctx.gaps.measured:
        out.append(b.Paragraph(analysis.expectation_note(False, t), "note"))
    # What importance is here (which vote, how many dots) says it once: a general
    # "Importance: …" above it read as the same sentence twice.
    out.append(b.Paragraph(analysis.importance_note(ctx.gaps.source, t), "note"))
    out.append(b.Paragraph(t(
        "The weighted priority multiplies each moment's importance by its shortfall (how "
        "far performance falls below expectation).")))
    # Two sentences: the choice is one of its own ("Cross-hairs at …: high and low …"),
    # and after a colon it read "…performance: Cross-hairs at …: high…".
    out.append(b.Paragraph(t("The 2×2 sets importance against performance. {choice}",
                             choice=analysis.crosshairs_label(ctx.gaps.crosshairs, t))))
    out.append(b.Heading(t("Voting rules"), 2))
    if s.rounds:
        out.append(b.Paragraph(t(
            "Participants voted with dots: each had a fixed number of dots to spread over the "
            "items, with an optional cap per item. In a blind vote the dots stay hidden "
            "until the facilitator reveals them all at once, so nobody follows the crowd.")))
        rows = []
        for r in s.rounds.values():
            rows.append([str(r.rid), round_target(ctx, r.target), str(r.dots),
                         str(r.cap) if r.cap else t("cap\x04none"),
                         t("yes") if r.blind else t("no"),
                         t("yes") if r.revealed else t("no"),
                         str(len({p for (rid, p, _) in s.votes if rid == r.rid}))])
        out.append(b.Table("voting_rules", t("Vote rounds and their rules"),
                           [b.Column(t("Vote"), 0.95, True), b.Column(t("On"), 1.6),
                            b.Column(t("Dots each"), 1, True), b.Column(t("Cap per item"), 1, True),
                            b.Column(t("Blind"), 0.8), b.Column(t("Revealed"), 1),
                            b.Column(t("Voters"), 0.8, True)], rows))
    else:
        out.append(b.Paragraph(t("No vote was held."), "note"))
    if s.moments:
        out.append(b.Heading(t("The journey the group mapped"), 2))
        out.append(b.Table("journey", t("The moments of truth along the journey"),
                           [b.Column("#", 0.6), b.Column(t("Moment of truth"), 5),
                            b.Column(t("Stage"), 1.3), b.Column(t("Touchpoint"), 1.3)],
                           [[ctx.labels[m.mid], ctx.text(m.text), ctx.stage(m.stage),
                             ctx.touchpoint(m.touchpoint)] for m in s.ordered_moments()]))
    return out


def gaps_chapter(ctx: Context) -> list:
    from workshop.core import analysis

    s, t, gaps = ctx.state, ctx.t, ctx.gaps
    out: list = [b.Heading(t("Gap analysis"), 1)]
    if not s.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded, so there is nothing to "
                                    "analyse."), "note")]
    out.append(b.Paragraph(t(
        "For each moment: how important it is to the group (its share of the dots), the "
        "level the group expects, how its usual providers perform today, and the gap "
        "between the two, each with the number of people behind it. The weighted priority "
        "is importance times shortfall. The moments with the largest priority come first.")))
    out.append(b.Paragraph(analysis.crosshairs_label(gaps.crosshairs, t), "note"))
    if not gaps.measured:
        out.append(b.Paragraph(analysis.expectation_note(False, t), "note"))
    # A moment has a quadrant when it has both figures, and the cross-hairs are there.
    points = [b.IPAPoint(ctx.labels[r.mid], ctx.short(r.mid), r.importance, r.performance,
                         r.quadrant) for r in gaps.rows
              if r.quadrant and r.importance is not None and r.performance is not None]
    if points and gaps.cross_importance is not None and gaps.cross_performance is not None:
        choice = (t("Cross-hairs: this group's means") if gaps.crosshairs != "scale"
                  else t("Cross-hairs: scale midpoint and an equal share"))
        out.append(b.Paragraph(t("In the 2×2, the moments top left are the ones to concentrate "
                                 "on: important to the group, and done less well. The table "
                                 "below gives every figure with its n."), keep_next=True))
        out.append(b.Figure("ipa", t("Importance against performance, by moment of truth"),
                            b.IPAChart(points, gaps.cross_importance, gaps.cross_performance,
                                       t("Performance (mean rating, 1 to 5)"),
                                       t("Importance (share of the dots)"),
                                       quadrant_labels(t), ctx.decimal, choice,
                                       percent_format=ctx.percent_format)))
    else:
        out.append(b.Paragraph(t("No moment has both an importance and a rating yet, so the "
                                 "importance–performance chart is left out."), "note"))
    rows = sorted(gaps.rows, key=lambda r: (-(r.priority or 0), r.gap if r.gap is not None
                                            else 99, -(r.importance or 0), r.position))
    if gaps.measured:
        # Eight columns: the moment's number goes with its name, to leave the name room.
        out.append(b.Table("gaps", t("Gaps by moment of truth, the highest priority first"),
                           [b.Column(t("Moment of truth"), 3),
                            b.Column(t("Importance"), 1, True),
                            b.Column(t("Expectation (n)"), 1, True),
                            b.Column(t("Performance (n)"), 1, True),
                            b.Column(t("Gap (n)"), 1, True),
                            b.Column(t("Priority"), 1, True), b.Column(t("Quadrant"), 1.6)],
                           [[ctx.moment(r.mid), ctx.pct(r.importance),
                             _with_n(ctx, r.expectation, r.expectation_ratings),
                             _with_n(ctx, r.performance, r.ratings),
                             f"{ctx.signed(r.gap)}\u00a0({r.gap_n})" if r.gap is not None else "–",
                             ctx.num(r.priority, 2), quadrant_cell(ctx, r)]
                            for r in rows]))
        out.extend(below_midpoint_note(ctx))
    else:  # no expectation, so no gap and no priority: columns of dashes say nothing
        rows = sorted(gaps.rows, key=lambda r: (-(r.importance or 0), r.performance or 9,
                                                r.position))
        out.append(b.Table("gaps", t("Importance and performance by moment of truth, the "
                                     "most important first"),
                           [b.Column(t("Moment of truth"), 3),
                            b.Column(t("Importance"), 1, True),
                            b.Column(t("Performance (n)"), 1, True),
                            b.Column(t("Quadrant"), 1.6)],
                           [[ctx.moment(r.mid), ctx.pct(r.importance),
                             _with_n(ctx, r.performance, r.ratings),
                             quadrant_cell(ctx, r)] for r in rows]))
        out.extend(below_midpoint_note(ctx))
    return out


def _with_n(ctx: Context, mean: float | None, n: int) -> str:
    """"2.0 (6)", one unit a line never breaks."""
    return f"{ctx.num(mean)}\u00a0({n})" if mean is not None else "–"


def excellence_chapter(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Ideas for excellence"), 1)]
    if not s.ideas:
        return out + [b.Paragraph(t("No idea was recorded."), "note")]
    out.append(b.Paragraph(t(
        "For each moment, participants described what an excellent experience would be. "
        "Where ideas did not come easily, the facilitator drew a lateral-thinking prompt "
        "(random entry, provocation, reversal, analogy…) and the group brought what it "
        "suggested back to the moment.")))
    dots = dots_per_idea(ctx)
    voted = bool(dots)
    techniques = Counter(i.technique for i in s.ideas.values())
    support: Counter[str | None] = Counter()
    for i in s.ideas.values():
        support[i.technique] += dots.get(i.iid, 0)
    columns = [b.Column(t("Technique"), 3), b.Column(t("Ideas"), 1, True)]
    if voted:
        columns.append(b.Column(t("Dots on its ideas"), 1.2, True))
    out.append(b.Table("techniques", t("How the ideas were reached"), columns,
                       [[technique_label(ctx, k), str(v)] + ([str(support[k])] if voted else [])
                        for k, v in sorted(techniques.items(),
                                           key=lambda kv: (-kv[1], -support[kv[0]], kv[0] or ""))]))
    position = {mid: i for i, mid in enumerate(s.order)}
    ideas = sorted(s.ideas.values(), key=lambda i: (position.get(i.mid, 1 << 30),
                                                    -dots.get(i.iid, 0), i.iid))
    rnd = idea_round(ctx)
    caption = (t("Ideas for excellence by moment of truth and the technique that led to "
                 "them (their dots are in vote {n})", n=rnd) if voted else
               t("Ideas for excellence by moment of truth and the technique that led to them"))
    out.append(b.Table("ideas", caption,
                       [b.Column("#", 0.6), b.Column(t("Idea"), 5), b.Column(t("Technique"), 1.8)],
                       [[ctx.labels.get(i.mid, ""), ctx.text(i.text),
                         technique_label(ctx, i.technique)] for i in ideas]))
    return out


def votes_chapter(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Priorities from the votes"), 1)]
    sections = registry.report_sections(ctx)  # other kinds' results, beside the dots
    if not s.rounds and not sections:
        return out + [b.Paragraph(t("No vote was held."), "note")]
    for r in s.rounds.values():
        target = round_target(ctx, r.target)
        out.append(b.Heading(t("Vote {n}: {target}", n=r.rid, target=target), 2))
        result = ctx.tallies[r.rid]
        if result.hidden:
            out.append(b.Paragraph(t("This blind vote was never revealed, so its results are "
                                     "not reported."), "note"))
            continue
        rules = t.plural(result.voters, "{n} participant spent {spent} ({dots} each{cap}).",
                         "{n} participants spent {spent} ({dots} each{cap}).",
                         spent=t.plural(result.cast, "{n} dot", "{n} dots"), dots=r.dots,
                         cap=t(", at most {cap} per item", cap=r.cap) if r.cap else "")
        tally = [row for row in result.rows if row.dots > 0]
        if not tally:
            out.append(b.Paragraph(rules))
            out.append(b.Paragraph(t("No dots were spent."), "note"))
            continue
        shown = tally[:CHART_BARS]
        if r.target == "moments":
            labels = [ctx.moment(row.item) for row in shown]
        else:
            labels = [f"{ctx.text(s.ideas[row.item].text)} "
                      f"({ctx.labels.get(s.ideas[row.item].mid, '')})" for row in shown]
        more = len(tally) - len(shown)
        caption = (t("Vote {n}: dots per moment of truth, ranked", n=r.rid)
                   if r.target == "moments" else t("Vote {n}: dots per idea, ranked", n=r.rid))
        if more:
            caption += " " + t("(the {k} with most dots)", k=len(shown))
        out.append(b.Paragraph(rules, keep_next=True))
        out.append(b.Figure(f"votes_{r.rid}", caption,
                            b.BarChart(t("Vote {n}: {target}", n=r.rid, target=target),
                                       t("Dots"), [(label, row.dots) for label, row in
                                                   zip(labels, shown, strict=True)], ctx.decimal,
                                       [f"{row.dots} · {ctx.pct(row.share)}" for row in shown])))
    for section in sections:
        out += section_blocks(ctx, section)
    return out


def section_blocks(ctx: Context, section: Section) -> list:
    """A kind's section (``kinds.spec.Section``) as the report's blocks: its table is a
    table of the report (and a report_<key>.csv), its bars a figure."""
    out: list = [b.Heading(section.heading, 2)]
    out += [b.Paragraph(text, keep_next=True) for text in section.paragraphs]
    if section.note:
        out.append(b.Paragraph(section.note, "note"))
    if section.rows:
        out.append(b.Table(section.key, section.caption,
                           [b.Column(c.label, c.weight, c.numeric) for c in section.columns],
                           [list(row) for row in section.rows]))
    if section.bars:
        out.append(b.Figure(f"{section.key}_chart", section.chart_title,
                            b.BarChart(section.chart_title, section.axis,
                                       [(label, value) for label, value, _ in section.bars],
                                       ctx.decimal, [shown for _, _, shown in section.bars])))
    return out


def appendix_chapter(ctx: Context, events: list[Event] | None) -> list:
    from workshop.core import analysis

    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Appendix"), 1), b.Heading(t("Participants"), 2)]
    if s.participants:
        columns = [b.Column(t("Pseudonym"), 1.2)]
        if ctx.names:
            columns.append(b.Column(t("Name"), 2.4))
        columns += [b.Column(t("Segment"), 2), b.Column(t("Consent"), 1)]
        rows = []
        for p in s.participants.values():
            row = [ctx.text(p.pseudonym)]
            if ctx.names:
                row.append(ctx.text(p.name) if p.name else "–")
            row += [ctx.text(p.segment) if p.segment else "–",
                    t("yes") if p.consent else t("no")]
            rows.append(row)
        out.append(b.Table("roster", t("Participants, with their names (internal copy)")
                           if ctx.names else t("Participants, by pseudonym"), columns, rows))
        out.append(b.Heading(t("Participation balance"), 2))
        balance = analysis.participation(s)
        out.append(b.Paragraph(t("What each participant said in the room: the moments, "
                                 "expectations, ideas, quotes and notes credited to them, and "
                                 "their share of all that was said. Ratings and dots are "
                                 "shown apart: everyone gave them when asked, so they would "
                                 "make a silent participant look as active as the rest. A "
                                 "very uneven balance suggests some voices were heard less "
                                 "than others.")))
        out.append(b.Table("participation", t("Participation by participant"),
                           [b.Column(t("Participant"), 1.7), b.Column(t("Moments"), 1, True),
                            b.Column(t("Expectations"), 1.25, True),
                            b.Column(t("Ideas"), 0.8, True),
                            b.Column(t("Quotes, notes"), 1.1, True),
                            b.Column(t("Spoken"), 0.9, True), b.Column(t("Share"), 0.9, True),
                            b.Column(t("Ratings"), 1, True), b.Column(t("Dots"), 0.75, True)],
                           [[ctx.who(row.pid), str(row.moments), str(row.expectations),
                             str(row.ideas), str(row.notes), str(row.spoken),
                             ctx.pct(row.share), str(row.ratings), str(row.dots)]
                            for row in balance]))
        quiet = [ctx.who(row.pid) for row in balance if row.quiet]
        if quiet:
            out.append(b.Paragraph(t("Said less than half the average (ratings and dots "
                                     "apart): {who}.", who=", ".join(quiet)), "note"))
    else:
        out.append(b.Paragraph(t("No participant was recorded."), "note"))
    out.append(b.Heading(t("Timeline of the session"), 2))
    caption = (t("Timeline: time elapsed since the first step, stretches of over 30 minutes "
                 "with nothing recorded left out (hours:minutes:seconds)") if events else
               t("Timeline: time elapsed since the session was created "
                 "(hours:minutes:seconds)"))
    out.append(b.Table("timeline", caption,
                       [b.Column(t("Elapsed"), 1, True), b.Column(t("What happened"), 6)],
                       _timeline(ctx, events)))
    notes = [n for n in s.notes.values() if n.mid not in s.moments and n.type == "note"
             and not getattr(n, "insight", False)]
    if notes:
        out.append(b.Heading(t("Facilitator's notes"), 2))
        out.append(b.Bullets([ctx.text(n.text) for n in notes]))
    return out


def _elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _timeline(ctx: Context, events: list[Event] | None) -> list[list[str]]:
    """Milestones, not every keystroke: steps, prompts, votes, the end.

    With the log, on the session's clock as the replay counts it (``--at`` takes the
    same times): from the first step, long idle stretches left out. Counted from the
    file's making, a session prepared the evening before started at "20:01:30"."""
    s, t = ctx.state, ctx.t
    if events:
        from workshop.core.timeline import Timeline

        clock = Timeline(events).offsets
        timed: list[tuple[float, str]] = []
        seen_steps: set[int] = set()
        for i, e in enumerate(events):
            if e.id in s.undone:
                continue
            what = _milestone(ctx, e, seen_steps)
            if what:
                timed.append((clock[i], what))
        return [[_elapsed(at), what] for at, what in timed]
    rows: list[tuple[str, str]] = []
    if s.created_at:
        rows.append((s.created_at, t("Session created")))
    for st in s.steps:
        if st.entered_at:
            rows.append((st.entered_at, t("Step {n}: {title}", n=st.index + 1,
                                          title=ctx.text(st.title))))
    for r in s.rounds.values():
        if r.revealed_at:
            rows.append((r.revealed_at, t("Vote {n} revealed", n=r.rid)))
    rows.sort(key=lambda row: row[0])
    return [[ctx.clock(at), what] for at, what in rows]


def _milestone(ctx: Context, e: Event, seen_steps: set[int]) -> str:
    """What the timeline says of an event, or "" for one it leaves out."""
    s, t = ctx.state, ctx.t
    d = e.data
    if e.kind == "step_entered" and d.get("step") not in seen_steps \
            and 0 <= d.get("step", -1) < len(s.steps):
        seen_steps.add(d["step"])
        st = s.steps[d["step"]]
        return t("Step {n}: {title}", n=st.index + 1, title=ctx.text(st.title))
    if e.kind == "vote_opened" and d.get("rid") in s.rounds:
        return t("Vote {n} opened on {target}", n=d["rid"],
                 target=round_target(ctx, s.rounds[d["rid"]].target))
    if e.kind == "votes_revealed" and d.get("rid") in s.rounds:
        return t("Vote {n} revealed", n=d["rid"])
    if e.kind == "prompt_drawn":
        return t("Prompt drawn ({technique}): {text}",
                 technique=technique_label(ctx, d.get("technique")),
                 text=ctx.text(d.get("text", "")))
    if e.kind == "session_finished":
        return t("Session finished")
    if e.kind == "session_reopened":
        return t("Session reopened")
    return ""
