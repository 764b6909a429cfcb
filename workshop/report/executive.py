"""The executive summary: what the session lacks, the key findings (the consultant's,
or factual drafts from the figures), the priorities, the actions and the limitations.
It stands alone: the e-mail summary is this section and nothing else.
"""

from __future__ import annotations

from collections import Counter

from workshop.core.consent import kept_sentence, left_out_sentence, unconsented_quotes
from workshop.core.kinds.feelings import asked
from workshop.report import blocks as b
from workshop.report.context import (
    MAX_FINDINGS,
    Context,
    and_list,
    figures_line,
    gap_words,
    importance_words,
    n_text,
    priorities,
    quadrant_labels,
    rating_words,
)
from workshop.report.journey import worst_and_best


def missing_parts(ctx: Context) -> list[str]:
    """What a complete session has and this one does not, in words ("no moments of
    truth"). Anything here, or a session not finished, makes the report a draft."""
    s, t = ctx.state, ctx.t
    out = []
    if not s.participants:
        out.append(t("no participants"))
    if not s.moments:
        out.append(t("no moments of truth"))
    elif not s.ratings:
        out.append(t("no ratings of how providers perform"))
    if s.moments and ctx.gaps.source is None:
        out.append(t("no revealed vote on the moments, so no importance"))
    if s.moments and not s.ideas:
        out.append(t("no ideas for excellence"))
    if not any(a.type == "action" for a in s.actions.values()):
        out.append(t("no corrective actions"))
    return out


def is_draft(ctx: Context, missing: list[str]) -> bool:
    return bool(missing) or not ctx.state.finished


def draft_sentence(ctx: Context, missing: list[str]) -> str:
    """Why the report is a draft, in words ("" when it is not one)."""
    t = ctx.t
    parts = [t("Draft: this session has {what}.", what=and_list(t, missing))] if missing else []
    if not ctx.state.finished:
        parts.append(t("It was not finished.") if missing else
                     t("Draft: the session was not finished."))
    return " ".join(parts)


def segment_counts(ctx: Context) -> Counter:
    return Counter(ctx.text(p.segment) if p.segment else ""
                   for p in ctx.state.participants.values())


def overview(ctx: Context) -> str:
    """What the group did, in one or two sentences; in words when something is missing."""
    s, t = ctx.state, ctx.t
    people = len(s.participants)
    if not people and not s.moments:
        return t("Nothing was recorded in this session yet: no participants and no moments "
                 "of truth.")
    parts = [ctx.plural(people, "On {date}, {n} participant", "On {date}, {n} participants",
                        date=ctx.date(s.created_at))]
    if s.moments:
        stages = Counter(m.stage for m in s.moments.values())
        parts.append(ctx.plural(len(s.moments),
                                "mapped {n} moment of truth of the customer journey",
                                "mapped {n} moments of truth of the customer journey")
                     + " " + t("({before} before, {during} during and {after} after the "
                               "purchase)", before=stages.get("before", 0),
                               during=stages.get("during", 0), after=stages.get("after", 0)))
    else:
        parts.append(t("met, but no moment of truth was recorded"))
    text = " ".join(parts) + "."
    did = []
    if s.expected and s.ratings:
        did.append(t("rated at each moment the level they expect and how their usual "
                     "providers perform today"))
    elif s.ratings:
        did.append(t("rated how their usual providers perform today"))
    if s.ideas:
        did.append(ctx.plural(len(s.ideas), "proposed {n} idea for an excellent experience",
                              "proposed {n} ideas for an excellent experience"))
    cast = sum(s.votes.values())
    rounds = len({rid for rid, _pid, _item in s.votes})
    if cast and rounds > 1:
        # the dots of every vote together: "48 dots" beside a finding's "6 of 30 dots"
        # read as a miscount where nothing said there were two votes
        did.append(ctx.plural(cast, "spent {n} dot in {votes} rounds of voting to set priorities",
                              "spent {n} dots in {votes} rounds of voting to set priorities",
                              votes=rounds))
    elif cast:
        did.append(ctx.plural(cast, "spent {n} dot to set priorities",
                              "spent {n} dots to set priorities"))
    if did:
        text += " " + t("They {what}.", what=and_list(t, did))
    return text


def executive_summary(ctx: Context, missing: list[str] | None = None) -> list:
    """At most two pages that stand alone: findings, priorities, actions, limitations."""
    t = ctx.t
    missing = missing_parts(ctx) if missing is None else missing
    out: list = [b.Heading(t("Executive summary"), 1), b.Paragraph(overview(ctx))]
    felt = worst_and_best(ctx)
    if felt:
        out.append(b.Paragraph(felt))
    if is_draft(ctx, missing):
        out.append(b.Paragraph(draft_sentence(ctx, missing), "draft"))
    out.append(b.Heading(t("Key findings"), 2))
    out.extend(key_findings(ctx))
    out.append(b.Heading(t("Priorities"), 2))
    out.extend(_priority_list(ctx))
    out.append(b.Heading(t("Recommended actions"), 2))
    out.extend(_action_list(ctx))
    out.append(b.Box(t("Limitations"), limitations(ctx)))
    return out


def limitations(ctx: Context) -> list[str]:
    s, t = ctx.state, ctx.t
    people = len(s.participants)
    lines = [ctx.plural(people, "One group of {n} participant, on {date}.",
                        "One group of {n} participants, on {date}.",
                        date=ctx.date(s.created_at) or "–")]
    segments = segment_counts(ctx)
    named = sorted((seg for seg in segments if seg), key=lambda seg: (-segments[seg], seg))
    if named:
        listed = ", ".join([f"{seg} ({segments[seg]})" for seg in named]
                           + ([t("no segment given ({n})", n=segments[""])]
                              if segments[""] else []))
        if all(segments[seg] == 1 for seg in named):
            lines.append(t("Segments: {segments}. One person per segment: no segment can be "
                           "compared with another.", segments=listed))
        else:
            lines.append(t("Segments: {segments}.", segments=listed))
    lines.append(t("Qualitative and indicative: the figures of one small group show a "
                   "direction, not statistics. Every mean gives its n; a spread is shown only "
                   "from 5 ratings on; nothing is tested for significance."))
    if s.moments and not asked(s):
        lines.append(t("How each moment felt was not asked in this session."))
    if s.moments and not ctx.gaps.measured:
        lines.append(t("Expectation was not rated in this session, so no gap was measured."))
    if said := quotes_sentence(ctx):
        lines.append(said)
    return lines


def quotes_sentence(ctx: Context) -> str:
    """How many quotes of participants who did not record consent this copy leaves out
    (or, in an internal copy, keeps); "" when there are none."""
    n = len(unconsented_quotes(ctx.state))
    return kept_sentence(n, ctx.t) if ctx.unconsented else left_out_sentence(n, ctx.t)


def _priority_list(ctx: Context) -> list:
    t = ctx.t
    rows = priorities(ctx)
    if not rows:
        return [b.Paragraph(t("No priorities can be set yet: they need a revealed vote on "
                              "the moments."), "note")]
    from workshop.core.analysis import CONCENTRATE

    if rows[0].quadrant == CONCENTRATE:
        lead = t("The moments the group finds important and its usual providers do less "
                 "well ({quadrant} on the 2×2), most urgent first:",
                 quadrant=ctx.quote(quadrant_labels(t)[CONCENTRATE]))
    elif any(r.quadrant is not None for r in ctx.gaps.rows):
        # Rated moments on the 2×2, none of them top left: "not rated" was untrue.
        lead = t("The moments with most dots (none of them falls in {quadrant} on the 2×2):",
                 quadrant=ctx.quote(quadrant_labels(t)[CONCENTRATE]))
    else:
        lead = t("The moments with most dots (no 2×2 yet: the moments are not rated):")
    items = []
    for r in rows:
        item = f"{ctx.moment(r.mid)}: {importance_words(ctx, r)}"
        if r.gap is not None and r.expectation is not None:
            item += "; " + t("{p} against an expected {e} (gap {gap}, {n})",
                             p=ctx.num(r.performance), e=ctx.num(r.expectation),
                             gap=ctx.signed(r.gap), n=n_text(ctx, r.gap_n))
        elif r.performance is not None:
            item += "; " + t("performance {p} ({n})", p=ctx.num(r.performance),
                             n=n_text(ctx, r.ratings))
        items.append(item)
    return [b.Paragraph(lead, keep_next=True), b.Bullets(items, numbered=True)]


def _action_list(ctx: Context) -> list:
    t = ctx.t
    actions = [a for a in ctx.state.actions.values() if a.type == "action"]
    if not actions:
        return [b.Paragraph(t("No corrective action was recorded."), "note")]
    items = []
    for a in actions:
        item = ctx.text(a.text)
        details = _action_details(ctx, a)
        items.append(f"{item} ({details})" if details else item)
    out: list = [b.Bullets(items, numbered=True)]
    outside = outside_priorities(ctx, actions)
    if outside:
        out.append(b.Paragraph(outside, "note"))
    return out


def _action_details(ctx: Context, a) -> str:
    t = ctx.t
    parts = []
    if a.mid in ctx.state.moments:
        parts.append(ctx.labels[a.mid])
    if a.owner:
        parts.append(t("owner: {who}", who=ctx.text(a.owner)))
    if getattr(a, "due", None):
        parts.append(t("by {when}", when=ctx.text(a.due)))
    return "; ".join(parts)


def outside_priorities(ctx: Context, actions: list) -> str:
    """Which actions serve a moment outside the priorities, or no moment, in words."""
    t = ctx.t
    chosen = {r.mid for r in priorities(ctx)}
    if not chosen:
        return ""
    numbers = {a.aid: i for i, a in enumerate(actions, start=1)}
    outside = [a for a in actions if a.mid in ctx.state.moments and a.mid not in chosen]
    loose = [a for a in actions if a.mid not in ctx.state.moments]
    out = []
    if outside:
        out.append(ctx.plural(len(outside), "Action {which} serves a moment outside the "
                              "priorities ({moments}).", "Actions {which} serve moments "
                              "outside the priorities ({moments}).",
                              which=and_list(t, [str(numbers[a.aid]) for a in outside]),
                              moments=", ".join(dict.fromkeys(ctx.labels[a.mid]
                                                              for a in outside))))
    if loose:
        out.append(ctx.plural(len(loose), "Action {which} is not linked to a moment.",
                              "Actions {which} are not linked to a moment.",
                              which=and_list(t, [str(numbers[a.aid]) for a in loose])))
    return " ".join(out)


def key_findings(ctx: Context) -> list:
    """The consultant's findings (at most five, in their order), or factual drafts."""
    t = ctx.t
    written = list(getattr(ctx.state, "ordered_findings", lambda: [])())
    if written:
        out: list = []
        for i, f in enumerate(written[:MAX_FINDINGS], start=1):
            out.extend(written_finding(ctx, i, f))
        if len(written) > MAX_FINDINGS:
            out.append(b.Paragraph(t.plural(len(written) - MAX_FINDINGS,
                                            "{n} more finding is in the chapter on findings.",
                                            "{n} more findings are in the chapter on findings."),
                                   "note"))
        return out
    drafts = drafted_findings(ctx)
    if not drafts:
        return [b.Paragraph(t("No finding can be drafted yet: the session needs moments of "
                              "truth, ratings and a revealed vote."), "note")]
    out = [b.Paragraph(t("Drafted from the figures by the tool, for the consultant to review "
                         "and rewrite: no finding was written for this session yet."),
                       "draft", keep_next=True)]
    for i, draft in enumerate(drafts, start=1):
        out.extend(_finding_blocks(ctx, i, *draft))
    return out


def _finding_blocks(ctx: Context, number: int, headline: str, evidence: str, quote,
                    meaning: str, todo: str = "") -> list:
    """A finding: its headline, the evidence, what was said (a quote, or an insight
    noted during the session: a Paragraph, or the text of a quote), what it means."""
    t = ctx.t
    out: list = [b.Paragraph(f"{number}. {headline}", "headline")]
    if evidence:
        out.append(b.Paragraph(evidence, label=f"{t('Evidence')}: ",
                               keep_next=bool(quote or meaning or todo)))
    if quote:
        said = quote if isinstance(quote, b.Paragraph) else b.Paragraph(quote, "quote")
        out.append(b.Paragraph(said.text, said.style, said.label,
                               keep_next=bool(meaning or todo)))
    if meaning:
        out.append(b.Paragraph(meaning, label=f"{t('What it means')}: ", keep_next=bool(todo)))
    if todo:
        out.append(b.Paragraph(todo, label=f"{t('What to do')}: "))
    return out


def written_finding(ctx: Context, number: int, f, *, all_quotes: bool = False) -> list:
    """A finding the consultant wrote, its figures read from the session now and grouped
    by moment: "M2 Queue…: importance 45% (5 of 11 dots), gap −3.0 (n = 4)"."""
    from workshop.core import analysis

    s = ctx.state
    by_moment: dict[int, list[str]] = {mid: [] for mid in f.moments if mid in s.moments}
    ideas = []
    for measure, item in f.figures:
        if measure == "idea_dots":
            ideas.append(idea_words(ctx, analysis.figure(s, measure, item, ideas=analysis
                                                         .idea_votes(s))))
        elif item in s.moments:
            by_moment.setdefault(item, []).append(measure_words(ctx, measure,
                                                                ctx.gaps.row(item)))
    evidence = [f"{ctx.moment(mid)}: {', '.join(parts)}" if parts else ctx.moment(mid)
                for mid, parts in by_moment.items()] + ideas
    said = [said_paragraph(ctx, s.notes[nid]) for nid in f.quotes
            if nid in s.notes and ctx.may_quote(s.notes[nid])]
    blocks = _finding_blocks(ctx, number, ctx.text(f.headline), "; ".join(evidence),
                             said[0] if said else "", ctx.text(f.meaning),
                             ctx.text(f.recommendation))
    if all_quotes and len(said) > 1:  # the summary shows one (METHOD.md); elsewhere all
        at = 2 + bool(evidence)  # after the headline, the evidence and the first quote
        blocks[at:at] = [b.Paragraph(p.text, p.style, p.label, keep_next=True)
                         for p in said[1:]]
    return blocks


def said_paragraph(ctx: Context, note) -> b.Paragraph:
    """A note a finding rests on: a verbatim quote with its attribution, or an insight the
    facilitator noted (not anyone's words, so not in quotation marks)."""
    if note.type == "quote":
        return b.Paragraph(ctx.quoted(note), "quote")
    return b.Paragraph(ctx.text(note.text), label=f"{ctx.t('Insight')}: ")


def idea_words(ctx: Context, fig) -> str:
    """An idea's dots as evidence: "“Open a second till…”: 4 of 10 dots in the vote on ideas"."""
    t = ctx.t
    idea = ctx.state.ideas.get(fig.item)
    # Quoted inside a sentence: without its own full stop ("“…Thursday”: 4 of 18 dots").
    subject = ctx.quote(ctx.text(idea.text).rstrip().rstrip(".")) if idea else t("(no idea)")
    if fig.value is None:
        return t("{subject}: no revealed vote on ideas", subject=subject)
    return t.plural(fig.total or 0, "{subject}: {dots} of {total} dot in the vote on ideas",
                    "{subject}: {dots} of {total} dots in the vote on ideas", subject=subject,
                    dots=fig.n, total=fig.total)


def measure_words(ctx: Context, measure: str, row) -> str:
    """One figure of a moment, with its n: "gap −2.5 (n = 6)"."""
    t = ctx.t
    if measure == "importance":
        return t("importance {value}", value=importance_words(ctx, row))
    if measure == "expectation":
        return t("expectation {value}", value=rating_words(
            ctx, row.expectation, row.expectation_ratings, row.expectation_spread)
            if ctx.gaps.measured else t("not measured"))
    if measure == "performance":
        return t("performance {value}", value=rating_words(ctx, row.performance, row.ratings,
                                                           row.spread))
    if measure == "gap":
        return t("gap {value}", value=gap_words(ctx, row))
    return t("weighted priority {value}",
             value=ctx.num(row.priority, 2) if row.priority is not None else gap_words(ctx, row))


def drafted_findings(ctx: Context) -> list[tuple[str, str, str, str]]:
    """Up to five factual findings, in full sentences, from the figures alone:
    (headline, evidence, one quote, what it means)."""
    from workshop.core.analysis import CONCENTRATE, KEEP

    s, t, gaps = ctx.state, ctx.t, ctx.gaps
    out: list[tuple[str, str, str, str]] = []
    covered: set[int] = set()
    total = gaps.source.cast if gaps.source else 0
    by_importance = gaps.by_importance()
    short = [r for r in gaps.rows if r.gap is not None and round(r.gap, 1) < 0]
    furthest = min(short, key=lambda r: (r.gap, r.position)) if short else None

    def evidence(row) -> str:
        return figures_line(ctx, row)

    def quote(mid: int) -> str:
        said = [n for n in s.notes.values() if n.mid == mid and n.type == "quote"
                and ctx.may_quote(n)]
        return ctx.quoted(said[0]) if said else ""

    scale = gaps.crosshairs == "scale"

    def meaning(row) -> str:
        if row.quadrant == CONCENTRATE:
            return (t("Important to the group and rated below the middle of the scale: an "
                      "improvement here is the one customers would notice most.") if scale else
                    t("Important to the group and rated below most other moments: an "
                      "improvement here is the one customers would notice most."))
        if row.quadrant == KEEP and row.below_midpoint:
            # At the group's means the best of poor ratings lands here: not a strength.
            return t("Important, and rated above most other moments, though still below the "
                     "midpoint of the scale (3): better than the rest, not yet done well.")
        if row.quadrant == KEEP:
            return (t("Important, and rated at or above the middle of the scale: a strength "
                      "to protect.") if scale else
                    t("Important, and rated above most other moments: a strength to protect."))
        return ""

    if by_importance:
        top = by_importance[0]
        values = dict(moment=ctx.moment(top.mid), dots=top.dots, total=total)
        if top.gap is not None and round(top.gap, 1) < 0 and top is furthest:
            headline = t.plural(total, "{moment} matters most, {dots} of {total} dot, and "
                                "falls furthest short: {p} against an expected {e}.",
                                "{moment} matters most, {dots} of {total} dots, and falls "
                                "furthest short: {p} against an expected {e}.",
                                p=ctx.num(top.performance), e=ctx.num(top.expectation), **values)
        elif top.gap is not None and round(top.gap, 1) < 0:
            headline = t.plural(total, "{moment} matters most, {dots} of {total} dot, and "
                                "falls short: {p} against an expected {e}.",
                                "{moment} matters most, {dots} of {total} dots, and falls "
                                "short: {p} against an expected {e}.",
                                p=ctx.num(top.performance), e=ctx.num(top.expectation), **values)
        elif top.gap is not None:
            headline = t.plural(total, "{moment} matters most, {dots} of {total} dot, and "
                                "meets what the group expects: {p} against an expected {e}.",
                                "{moment} matters most, {dots} of {total} dots, and meets "
                                "what the group expects: {p} against an expected {e}.",
                                p=ctx.num(top.performance), e=ctx.num(top.expectation), **values)
        elif top.performance is not None:
            headline = t.plural(total, "{moment} matters most, {dots} of {total} dot; usual "
                                "providers are rated {p} out of 5.", "{moment} matters most, "
                                "{dots} of {total} dots; usual providers are rated {p} out of 5.",
                                p=ctx.num(top.performance), **values)
        else:
            headline = t.plural(total, "{moment} matters most: {dots} of {total} dot.",
                                "{moment} matters most: {dots} of {total} dots.", **values)
        out.append((headline, evidence(top), quote(top.mid), meaning(top)))
        covered.add(top.mid)
    if furthest is not None and furthest.mid not in covered:
        out.append((t("{moment} falls furthest short of what the group expects: {p} against "
                      "an expected {e}.", moment=ctx.moment(furthest.mid),
                      p=ctx.num(furthest.performance), e=ctx.num(furthest.expectation)),
                    evidence(furthest), quote(furthest.mid), meaning(furthest)))
        covered.add(furthest.mid)
    rest = [r for r in priorities(ctx) if r.mid not in covered and r.quadrant == CONCENTRATE]
    if rest:
        # "More" only after a finding above named one of them: when the moment that
        # matters most and the one furthest short sit elsewhere on the 2×2, these are
        # the priorities themselves, and "1 more moment" read as an afterthought.
        more = any(r.mid in covered and r.quadrant == CONCENTRATE for r in gaps.rows)
        named = and_list(t, [ctx.moment(r.mid) for r in rest])
        headline = (ctx.plural(len(rest), "{n} more moment is important to the group and "
                               "done less well: {moments}.", "{n} more moments are important "
                               "to the group and done less well: {moments}.", moments=named)
                    if more else
                    ctx.plural(len(rest), "{n} moment is important to the group and done "
                               "less well: {moments}.", "{n} moments are important to the "
                               "group and done less well: {moments}.", moments=named))
        out.append((headline,
                    "; ".join(f"{ctx.labels[r.mid]}: {importance_words(ctx, r)}, "
                              f"{t('gap {value}', value=gap_words(ctx, r))}" for r in rest),
                    "", ""))
        covered.update(r.mid for r in rest)
    strengths = [r for r in gaps.rows if r.quadrant == KEEP and r.mid not in covered]
    if strengths:
        best = max(strengths, key=lambda r: (r.performance, r.importance or 0, -r.position))
        out.append((t.plural(total, "{moment} is one of the better-rated moments: {p} out of "
                             "5, with {dots} of {total} dot.", "{moment} is one of the "
                             "better-rated moments: {p} out of 5, with {dots} of {total} dots.",
                             moment=ctx.moment(best.mid), p=ctx.num(best.performance),
                             dots=best.dots, total=total),
                    evidence(best), quote(best.mid), meaning(best)))
    top_idea = _top_idea(ctx)
    if top_idea is not None and len(out) < MAX_FINDINGS:
        idea, row, cast = top_idea
        out.append((t.plural(cast, "The idea with most support is {idea}, for {moment}: "
                             "{dots} of {total} dot in the vote on ideas.", "The idea with "
                             "most support is {idea}, for {moment}: {dots} of {total} dots in "
                             "the vote on ideas.",
                             idea=ctx.quote(ctx.text(idea.text).rstrip().rstrip(".")),
                             moment=ctx.moment(idea.mid), dots=row.dots, total=cast),
                    "", "", ""))
    return out[:MAX_FINDINGS]


def _top_idea(ctx: Context):
    from workshop.core import analysis

    votes = analysis.idea_votes(ctx.state)
    if votes is None or not votes.rows or not votes.rows[0].dots:
        return None
    row = votes.rows[0]
    idea = ctx.state.ideas.get(row.item)
    return (idea, row, votes.cast) if idea else None
