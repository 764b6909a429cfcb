"""The report as Markdown: the same blocks as the Word file, as text."""

from __future__ import annotations

import re

from workshop.report import blocks as b

# Characters that would turn typed text into Markdown markup.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")  # & too: "&amp;" must not read as "&"
_LINE_START = re.compile(r"^(\s*)(#{1,6}|[-+]|\d+[.)]|=+|-{3,})(?=\s|$)", re.MULTILINE)


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_mark, text)


def _escape_mark(match: re.Match) -> str:
    # Only punctuation can be escaped: "1." becomes "1\." (a "\1." would show its "\").
    lead, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return f"{lead}{mark[:-1]}\\{mark[-1]}"
    return f"{lead}\\{mark}"


def _cell(text: str) -> str:
    cell = escape(text).replace("\n", "<br>")
    # A table cell is trimmed by Markdown readers: whitespace at its edges (left when
    # an illegal character between spaces was removed) is kept as character references.
    core = cell.strip()
    if core == cell:
        return cell
    start = cell.index(core) if core else len(cell)
    lead, trail = cell[:start], cell[start + len(core):]
    return "".join(f"&#{ord(c)};" for c in lead) + core + "".join(f"&#{ord(c)};" for c in trail)


def _slug(text: str) -> str:
    return re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-")


def _slugs(report: b.Report) -> dict[int, str]:
    """Each heading's anchor as Markdown viewers make it: a repeated heading ("Participants"
    in the method and in the appendix) gets -1, -2… as GitHub does."""
    seen: dict[str, int] = {}
    out = {}
    for i, block in enumerate(report.blocks):
        if isinstance(block, b.Heading):
            slug = _slug(" ".join(block.text.split()))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            out[i] = slug if not count else f"{slug}-{count}"
    return out


def render(report: b.Report, *, images: dict[str, str] | None = None) -> str:
    """Markdown text. ``images`` maps a figure key to an image path to link; without it
    a figure is given as its data (a ranked list), so the text stands on its own."""
    out: list[str] = []
    counts = {"table": 0, "figure": 0}
    words = report.words
    slugs = _slugs(report)
    for block in report.blocks:
        if isinstance(block, b.Cover):
            out.append(f"# {escape(block.title)}\n")
            out.append(f"*{escape(block.subtitle)}*\n")
            out.extend(f"- **{escape(label)}:** {escape(value)}" for label, value in block.fields)
            out.append("")
            if block.draft:
                out.append(f"**{escape(block.draft)}**\n")
            if block.copy:
                out.append(f"> {escape(block.copy)}\n")
            if block.note:
                out.append(f"> {escape(block.note)}\n")
        elif isinstance(block, b.Contents):
            out.append(f"**{escape(block.title)}**\n")
            for i, h in enumerate(report.blocks):
                if isinstance(h, b.Heading) and h.level <= block.levels:
                    indent = "  " * (h.level - 1)
                    out.append(f"{indent}- [{escape(h.text)}](#{slugs[i]})")
            out.append("")
        elif isinstance(block, b.Box):
            out.append(f"> **{escape(block.title)}**")
            out.append(">")
            out.extend(f"> - {escape(line)}" for line in block.lines)
            out.append("")
        elif isinstance(block, b.Heading):
            out.append(f"{'#' * (block.level + 1)} {escape(' '.join(block.text.split()))}\n")
        elif isinstance(block, b.Paragraph):
            text = escape(block.text).replace("\n", "  \n")
            label = f"**{escape(block.label.strip())}** " if block.label else ""
            if block.style == "quote":
                out.append("> " + (label + text).replace("\n", "\n> ") + "\n")
            elif block.style == "note":
                out.append(f"{label}*{text}*\n")
            elif block.style in ("lead", "headline"):
                out.append(f"**{label}{text}**\n")
            elif block.style == "draft":
                out.append(f"**{label}*{text}***\n")
            else:
                out.append(f"{label}{text}\n")
        elif isinstance(block, b.Bullets):
            for i, item in enumerate(block.items, start=1):
                mark = f"{i}." if block.numbered else "-"
                out.append(f"{mark} " + escape(item).replace("\n", "  \n   "))
            out.append("")
        elif isinstance(block, b.Table):
            counts["table"] += 1
            out.append(f"*{escape(words['table'])} {counts['table']}: {escape(block.caption)}*\n")
            out.append("| " + " | ".join(_cell(c.title) for c in block.columns) + " |")
            out.append("|" + "|".join("---:" if c.numeric else "---" for c in block.columns) + "|")
            for row in block.rows:
                out.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
            out.append("")
        elif isinstance(block, b.Figure):
            counts["figure"] += 1
            caption = f"{words['figure']} {counts['figure']}: {block.caption}"
            if images and block.key in images:
                out.append(f"![{escape(caption)}]({images[block.key]})\n")
            else:
                out.append(f"*{escape(caption)}*\n")
                out.extend(_chart_as_text(block.chart))
                out.append("")
        elif isinstance(block, (b.PageBreak, b.SectionBreak)):
            continue
    return "\n".join(out).rstrip() + "\n"


def _chart_as_text(chart) -> list[str]:
    if isinstance(chart, b.JourneyChart):
        return []  # the map as a table follows it
    if isinstance(chart, b.BarChart):
        values = chart.value_labels or [f"{value:g}" for _, value in chart.items]
        return [f"{i}. {escape(label)} — {escape(value)}" for i, ((label, _), value) in
                enumerate(zip(chart.items, values, strict=False), start=1)]
    lines = []
    for key, label in chart.quadrants.items():
        points = [escape(p.label) for p in chart.points if p.quadrant == key]
        if points:
            lines.append(f"- **{escape(label)}:** {'; '.join(points)}")
    if chart.crosshairs:
        lines.append(f"- *{escape(chart.crosshairs)}*")
    return lines
