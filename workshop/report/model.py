"""What the report says: a session turned into blocks, in one language, for one copy.

Pure Python (no docx): the Word and the Markdown writers both render
what ``build_report`` returns, so they can never disagree. The numbers come from
``workshop.core.analysis``; nothing here recomputes a formula, it only selects, orders
and puts them into words. Every text participants typed passes through
``Context.text`` (XML-safe, and names replaced in the anonymised copy).

The outline is the one agencies hand to clients (METHOD.md, issue 10): cover,
contents, an executive summary that stands alone (findings, priorities, actions,
limitations), the journey map (a landscape page), the method, the findings by moment of
truth with the most important first, the gap analysis, the ideas, the priorities from
the votes, the corrective actions they lead to, and an appendix. The consultant's own
findings lead; where there are none, factual ones are drafted from the figures and
marked as drafts to review.
"""

from __future__ import annotations

from workshop.core.events import Event
from workshop.core.state import SessionState
from workshop.report import blocks as b
from workshop.report.chapters import (
    actions_chapter,
    appendix_chapter,
    excellence_chapter,
    gaps_chapter,
    method_chapter,
    votes_chapter,
)
from workshop.report.context import (
    ANONYMIZED,
    COPIES,
    NAMES,
    PSEUDONYMS,
    Context,
    copy_note,
    make_context,
    quadrant_labels,
    words,
)
from workshop.report.executive import draft_sentence, executive_summary, is_draft, missing_parts
from workshop.report.journey import journey_chapter
from workshop.report.moments import findings_by_moment

__all__ = ["build_report", "make_context", "executive_summary", "quadrant_labels",
           "COPIES", "PSEUDONYMS", "ANONYMIZED", "NAMES"]


def build_report(state: SessionState, *, lang: str | None = None, copy: str | None = None,
                 anonymize: bool = False, events: list[Event] | None = None,
                 unconsented: bool = False) -> b.Report:
    """The whole report of a session, as blocks (see ``workshop.report.blocks``).
    ``unconsented`` keeps the quotes of participants who did not record consent (an
    internal copy); otherwise they are left out, and the report says how many."""
    ctx = make_context(state, lang, copy=copy, anonymize=anonymize, unconsented=unconsented)
    t, code = ctx.t, ctx.lang
    title = ctx.text(state.title) or t("Focus group")
    missing = missing_parts(ctx)
    note = copy_note(t, ctx.copy, unconsented)
    report = b.Report(lang=code, title=title,
                      subject=t("Moments of truth: focus group report"),
                      author=ctx.text(state.facilitator),
                      keywords=", ".join([t("moments of truth"), t("customer experience"),
                                          t("focus group")]),
                      created=state.created_at, words=words(t), copy=ctx.copy,
                      copy_note=note, draft=is_draft(ctx, missing),
                      internal=ctx.copy == NAMES or unconsented)
    add = report.blocks.extend
    add(_cover(ctx, title, missing, note))
    add([b.PageBreak(), b.Contents(t("Contents"), levels=1 if len(state.moments) > 30 else 2)])
    # Krueger & Casey's outline (METHOD.md): the summary, how the group was run, what it
    # found, then the ideas and priorities the actions follow from. The journey map, the
    # overview of every moment, comes first after the summary. Each chapter starts a
    # page, as agencies lay reports out; within a chapter nothing forces a break, so no
    # page is left half empty by the layout.
    for chapter in (executive_summary(ctx, missing), journey_chapter(ctx), method_chapter(ctx),
                    findings_by_moment(ctx), gaps_chapter(ctx), excellence_chapter(ctx),
                    votes_chapter(ctx), actions_chapter(ctx), appendix_chapter(ctx, events)):
        add([b.PageBreak(), *chapter])
    return report


def _cover(ctx: Context, title: str, missing: list[str], note: str) -> list:
    s, t = ctx.state, ctx.t
    fields = []
    if s.client:
        fields.append((t("Client"), ctx.text(s.client)))
    fields.append((t("Date"), ctx.date(s.created_at) or "–"))
    if s.facilitator:
        fields.append((t("Facilitator"), ctx.text(s.facilitator)))
    fields.append((t("Participants"), str(len(s.participants))))
    script = ctx.text(s.script.get("title", ""))
    if script:
        fields.append((t("Script"), script))
    return [b.Cover(title, t("Moments of truth: focus group report"), fields,
                    copy=note, draft=draft_sentence(ctx, missing))]
