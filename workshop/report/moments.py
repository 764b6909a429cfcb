"""Findings by moment of truth, the most important first: a headline, the figures with
their n, stated and latent expectations, the ideas, quotes by pseudonym and segment."""

from __future__ import annotations

from workshop.report import blocks as b
from workshop.report.context import (
    MAX_FINDINGS,
    Context,
    dots_per_idea,
    figures_line,
    importance_order,
    technique_label,
    words_upto,
)
from workshop.report.executive import written_finding


def findings_by_moment(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Findings by moment of truth"), 1)]
    if not s.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded, so there are no "
                                    "findings by moment."), "note")]
    out.append(b.Paragraph(t("The moments of truth, the most important first (most dots, "
                             "then the largest shortfall). Quotes are attributed by pseudonym "
                             "and segment.")))
    written = list(getattr(s, "ordered_findings", lambda: [])())
    by_moment: dict[int, dict[str, list]] = {mid: {"stated": [], "latent": [], "quote": [],
                                                   "note": [], "insight": [], "idea": []}
                                             for mid in s.moments}
    for x in s.expectations.values():
        if x.mid in by_moment:
            by_moment[x.mid][x.type].append(x)
    for note in s.notes.values():
        if note.mid in by_moment and ctx.may_quote(note):
            # A quote marked as an insight is still someone's words: with the quotes.
            kind = "insight" if note.type == "note" and getattr(note, "insight", False) \
                else note.type
            by_moment[note.mid][kind].append(note)
    for idea in s.ideas.values():
        if idea.mid in by_moment:
            by_moment[idea.mid]["idea"].append(idea)
    idea_dots = dots_per_idea(ctx)
    for row in importance_order(ctx):
        m = s.moments[row.mid]
        found = by_moment[m.mid]
        name = ctx.moment(m.mid)
        out.append(b.Heading(f"{ctx.labels[m.mid]} {words_upto(ctx.text(m.text), 90)}", 2))
        if len(ctx.text(m.text)) > 90:
            out.append(b.Paragraph(name))
        mine = [f for f in written if m.mid in f.moments]
        headline = ctx.text(mine[0].headline) if mine else moment_headline(ctx, row)
        out.append(b.Paragraph(headline, "headline"))
        out.append(b.Paragraph(figures_line(ctx, row), label=f"{t('Figures')}: "))
        out.append(b.Paragraph(f"{ctx.stage(m.stage)} · {ctx.touchpoint(m.touchpoint)}",
                               "note", label=f"{t('Stage and touchpoint')}: "))
        lists = (("stated", t("Stated expectations")),
                 ("latent", t("Latent needs (not said, but shown)")))
        for kind, heading in lists:
            if found[kind]:
                out.append(b.Paragraph(heading, "lead"))
                out.append(b.Bullets([ctx.text(x.text) for x in found[kind]]))
        if found["idea"]:
            out.append(b.Paragraph(t("Ideas for excellence"), "lead"))
            ideas = sorted(found["idea"], key=lambda i: (-idea_dots.get(i.iid, 0), i.iid))
            out.append(b.Bullets([_idea_line(ctx, i, idea_dots) for i in ideas]))
        if found["quote"]:
            out.append(b.Paragraph(t("In their words"), "lead"))
            out.extend(b.Paragraph(ctx.quoted(q), "quote") for q in found["quote"])
        if found["insight"]:
            out.append(b.Paragraph(t("Insights noted during the session"), "lead"))
            out.append(b.Bullets([ctx.text(x.text) for x in found["insight"]]))
        if found["note"]:
            out.append(b.Paragraph(t("Facilitator's notes"), "lead"))
            out.append(b.Bullets([ctx.text(x.text) for x in found["note"]]))
    general = [n for n in s.notes.values() if n.mid not in s.moments and ctx.may_quote(n)
               and (n.type == "quote" or getattr(n, "insight", False))]
    if general:
        out.append(b.Heading(t("About the experience as a whole"), 2))
        # with the first quote: the heading and this line alone at a page's foot, once
        out.append(b.Paragraph(t("Quotes and insights not tied to one moment of truth."),
                               keep_next=True))
        for note in general:
            if note.type == "quote":
                out.append(b.Paragraph(ctx.quoted(note), "quote"))
            else:
                out.append(b.Bullets([ctx.text(note.text)]))
    if len(written) > MAX_FINDINGS:
        out.append(b.Heading(t("More findings"), 2))
        for i, f in enumerate(written[MAX_FINDINGS:], start=MAX_FINDINGS + 1):
            out.extend(written_finding(ctx, i, f, all_quotes=True))
    return out


def moment_headline(ctx: Context, row) -> str:
    """A factual headline for a moment the consultant wrote no finding on."""
    t = ctx.t
    parts = []
    if row.importance is None:
        parts.append(t("It was not voted on."))
    elif not row.dots:
        parts.append(t("The group gave it no dots."))
    else:
        rank = [r.mid for r in ctx.gaps.by_importance()].index(row.mid)
        assert ctx.gaps.source is not None  # a moment has an importance only from a vote
        values = dict(dots=row.dots, total=ctx.gaps.source.cast)
        # The noun counts the dots cast ("1 of 1 dot"), whatever the moment's share.
        parts.append(t.plural(values["total"], "It matters most to the group: {dots} of "
                              "{total} dot.", "It matters most to the group: {dots} of "
                              "{total} dots.", **values)
                     if rank == 0 else t.plural(values["total"], "The group gave it {dots} of "
                                                "{total} dot.", "The group gave it {dots} of "
                                                "{total} dots.", **values))
    parts.append(_gap_sentence(ctx, row))
    return " ".join(p for p in parts if p)


def _gap_sentence(ctx: Context, row) -> str:
    t = ctx.t
    if row.gap is not None and row.expectation is not None and row.performance is not None:
        values = dict(p=ctx.num(row.performance), e=ctx.num(row.expectation))
        if round(row.gap, 1) < 0:
            return t("It falls short of what the group expects: {p} against an expected {e}.",
                     **values)
        if round(row.gap, 1) > 0:
            return t("It does better than the group expects: {p} against an expected {e}.",
                     **values)
        return t("It meets what the group expects: {p} against an expected {e}.", **values)
    if row.performance is not None:
        return t("Usual providers are rated {p} out of 5.", p=ctx.num(row.performance))
    return t("It was not rated.")


def _idea_line(ctx: Context, idea, dots: dict[int, int]) -> str:
    technique = technique_label(ctx, idea.technique)
    n = dots.get(idea.iid)
    extra = technique if n is None else f"{technique} · " + ctx.plural(n, "{n} dot", "{n} dots")
    return f"{ctx.text(idea.text)} ({extra})"
