"""A short Markdown summary of a session, to paste into an e-mail.

It is the report's executive summary (same numbers, same wording) with a title line and
the next steps: what a client reads before opening the attachment.
"""

from __future__ import annotations

from workshop.core.state import SessionState
from workshop.report import blocks as b
from workshop.report import markdown
from workshop.report.model import executive_summary, make_context


def markdown_summary(state: SessionState, lang: str | None = None, *,
                     anonymize: bool = False, copy: str | None = None) -> str:
    ctx = make_context(state, lang, copy=copy, anonymize=anonymize)
    t = ctx.t
    facts = [ctx.text(state.client), ctx.date(state.created_at),
             t.plural(len(state.participants), "{n} participant", "{n} participants")]
    report = b.Report(lang=ctx.lang, title="", subject="", author="", keywords="",
                      created=state.created_at)
    report.blocks.append(b.Heading(ctx.text(state.title) or t("Focus group"), 0))
    report.blocks.append(b.Paragraph(" · ".join(f for f in facts if f), "note"))
    for block in executive_summary(ctx):
        if isinstance(block, b.Heading):
            if block.level == 1:  # "Executive summary": the title above says it
                continue
            block = b.Heading(block.text, block.level - 1)
        report.blocks.append(block)
    steps = [a for a in state.actions.values() if a.type == "next_step"]
    if steps:
        report.blocks.append(b.Heading(t("Next steps"), 1))
        report.blocks.append(b.Bullets([ctx.text(a.text) for a in steps]))
    return markdown.render(report)
