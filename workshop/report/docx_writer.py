"""The report as a Word document (python-docx).

python-docx's ``add_table`` and ``cell.text`` walk the XML tree for every cell, which
makes a report with thousands of cells slow. Here paragraphs and tables are written as
WordprocessingML text, parsed in one go per batch and appended to the body; python-docx
is used for what it does well (styles, pictures, sections, properties).

What the document must never do: ask the reader a question when it opens (no
``w:updateFields``, no field marked dirty), break a word inside a table cell (columns are
sized from the words' printed widths, see ``column_widths``), or leave a page empty or
half empty (page breaks are "page break before" on the next heading, and only short
tables are kept whole on one page).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from workshop.report import blocks as b
from workshop.report.text import is_rtl

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_STYLE = "Medium Shading 1 Accent 1"  # in python-docx's default template
TEXT_WIDTH_TWIPS = 9860  # A4 (11906) minus two 1.8 cm margins (1020 each), in twips
PAGE_SHORT, PAGE_LONG = 11906, 16838  # A4's sides, in twips
FLUSH_EVERY = 400  # blocks parsed per batch
# A table this short stays on one page; a longer one breaks between rows (its header
# row repeats) once its first rows are on the page, so no page is left half empty.
KEEP_TOGETHER_ROWS = 8
BODY_FONT = "Calibri"  # LibreOffice shows Carlito where installed, else DejaVu Sans
CELL_MARGIN = 85  # twips left and right inside a cell (0.15 cm)
CELL_SIZES = (9.0, 8.5, 8.0, 7.5)  # table text sizes tried until every word fits
RED = "A5312F"
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>workshop</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")


def language_tag(lang: str) -> str:
    """The report language's tag with its region, as Word's spelling and reading aloud
    want it: "pt-BR"; a language without one gets the region Babel finds likeliest
    ("es-ES"), English "en-GB" (the product's English is British: "colour")."""
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(lang)
    if locale.territory is None:
        if locale.language == "en":
            return "en-GB"
        likely = get_global("likely_subtags").get(locale.language)
        locale = Locale.parse(likely) if likely else locale
    return "-".join(part for part in (locale.language, locale.territory) if part)


def _run(text: str, *, bold: bool = False, italic: bool = False, rtl: bool = False,
         size: float | None = None, color: str | None = None) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += f'<w:color w:val="{color}"/>' if color else ""
    props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>' if size else ""
    props += "<w:rtl/>" if rtl else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def _para(text: str, style_id: str | None = None, *, label: str = "", align: str | None = None,
          keep_next: bool = False, spacing: str = "", bold: bool = False,
          italic: bool = False, num_id: int | None = None, color: str | None = None,
          page_break: bool = False, bookmark: tuple[int, str] | None = None) -> str:
    rtl = is_rtl(text)
    ppr = (f'<w:pStyle w:val="{style_id}"/>' if style_id else "")
    ppr += "<w:keepNext/>" if keep_next else ""
    ppr += "<w:pageBreakBefore/>" if page_break else ""
    ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""
    ppr += "<w:bidi/>" if rtl else ""
    ppr += spacing
    ppr += f'<w:jc w:val="{align}"/>' if align else ""
    runs = (_run(label, bold=True, color=color) if label else "")
    runs += _run(text, bold=bold, italic=italic, rtl=rtl, color=color)
    if bookmark:
        number, name = bookmark
        runs = (f'<w:bookmarkStart w:id="{number}" w:name={quoteattr(name)}/>{runs}'
                f'<w:bookmarkEnd w:id="{number}"/>')
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _field(instr: str, shown: str) -> str:
    """A complex field (PAGE, SEQ…) with the value it shows until it is computed. Never
    marked dirty: a dirty field makes Word ask to update on opening."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{_run(shown) if shown else ''}"
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


# ---- table layout --------------------------------------------------------------------


def column_widths(columns: list[b.Column], rows: list[list[str]],
                  total: int = TEXT_WIDTH_TWIPS) -> tuple[list[int], float]:
    """Column widths in twips, and the text size, such that no word breaks in a cell.

    A column is at least as wide as its longest word (bold in the header row) and at
    most as wide as its longest line; the room between goes to the columns that can use
    it, in proportion to what they would need to show every line whole (times the
    column's weight). Where even the
    smallest size cannot fit every word (a 60-letter "word" someone typed), the widest
    columns give way.
    """
    from workshop.report import measure

    pad = 2 * CELL_MARGIN + 40  # both margins and the borders, with a little to spare
    words: dict[tuple[str, bool], float] = {}

    def width(word: str, bold: bool) -> float:  # in points at 1 pt, cached per word
        key = (word, bold)
        if key not in words:
            words[key] = measure.text_width(word, 1.0, bold) * 1.04  # 4% for hinting
        return words[key]

    space = measure.char_width(" ") * 1.04
    lows, highs = [], []
    for i, column in enumerate(columns):
        cells = [(column.title, True)] + [(row[i] if i < len(row) else "", False) for row in rows]
        longest_word = longest_line = 0.0
        for text, bold in cells:
            for line in text.split("\n"):
                # Lines break at spaces only: a no-break space ("2.0 (6)") joins a word.
                ws = [width(w, bold) for w in measure.words(line)]
                if ws:
                    longest_word = max(longest_word, max(ws))
                    longest_line = max(longest_line, sum(ws) + space * (len(ws) - 1))
        lows.append(longest_word)
        highs.append(max(longest_line, longest_word))
    size = CELL_SIZES[-1]
    for size in CELL_SIZES:
        if sum(low * size * 20 + pad for low in lows) <= total:
            break
    low = [min(x * size * 20 + pad, total * 0.6) for x in lows]
    high = [max(lo, min(x * size * 20 + pad, total)) for x, lo in zip(highs, low, strict=True)]
    if sum(low) > total:  # only with absurd words: share the page in proportion
        scale = total / sum(low)
        return _whole([x * scale for x in low], total), size
    if sum(high) <= total:
        # Everything fits on one line: the room left goes to the text columns.
        spare = total - sum(high)
        grow = [0.0 if c.numeric else c.weight for c in columns]
        if not any(grow):
            grow = [c.weight for c in columns]
        share = sum(grow) or 1.0
        return _whole([h + spare * g / share for h, g in zip(high, grow, strict=True)], total), size
    # Squeezed: each column gets its least, and the room left goes where lines are
    # longest, more to the columns the report weighs more (a moment's name over a label).
    want = [(hi - lo) * c.weight for lo, hi, c in zip(low, high, columns, strict=True)]
    room = total - sum(low)
    widths = [lo + room * w / sum(want) for lo, w in zip(low, want, strict=True)]
    # No column past its longest line: what it cannot use goes to the others.
    for _ in range(len(columns)):
        extra = sum(max(0.0, w - hi) for w, hi in zip(widths, high, strict=True))
        if extra < 1:
            break
        open_ = [i for i, (w, hi) in enumerate(zip(widths, high, strict=True)) if w < hi]
        widths = [min(w, hi) for w, hi in zip(widths, high, strict=True)]
        share = sum(want[i] for i in open_) or 1.0
        for i in open_:
            widths[i] += extra * want[i] / share
    return _whole(widths, total), size


def _whole(widths: list[float], total: int) -> list[int]:
    """Rounded to whole twips that still add up to ``total``."""
    out = [int(w) for w in widths]
    out[max(range(len(out)), key=lambda i: widths[i])] += total - sum(out)
    return out


class DocxWriter:
    """Renders report blocks into a python-docx Document."""

    def __init__(self, report: b.Report, *, logo: bytes | None = None,
                 progress: Callable[[float], None] | None = None):
        from docx import Document

        self.report = report
        self.logo = logo
        self.doc = Document()
        self._progress = progress or (lambda fraction: None)
        self._buffer: list[str] = []
        self._counts = {"table": 0, "figure": 0}
        self._charts = 0  # Word charts made (their parts' numbers)
        self._body = self.doc.element.body
        self._sect = self._body.sectPr
        self._style_ids: dict[str, str] = {}
        self._break = False  # the next paragraph starts a new page
        # Every heading gets a bookmark, which the contents links to.
        self._anchors = {i: (n, f"_Toc{n:05d}") for n, i in enumerate(
            i for i, block in enumerate(report.blocks) if isinstance(block, b.Heading))}
        self._index = 0
        self._sections = 0  # sections ended so far (a landscape page makes three)
        self._landscape = False  # the section being written is in landscape
        self._setup()

    # ---- document setup ----------------------------------------------------------
    def style(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def _setup(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Cm, Pt, RGBColor

        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.different_first_page_header_footer = True  # no page number on the cover
        self._body_font()
        self._proofing_language()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.12
        styles["Caption"].paragraph_format.space_after = Pt(10)
        styles["Quote"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        # Word's own names for the contents entries.
        for level in (1, 2):
            name = f"toc {level}"
            if name not in [s.name for s in styles]:
                st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                st.base_style = normal
                st.paragraph_format.left_indent = Cm(0.6 * (level - 1))
                st.paragraph_format.space_after = Pt(2)
                st.font.bold = level == 1
        cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(9)
        cell.paragraph_format.space_before = Pt(1)
        cell.paragraph_format.space_after = Pt(1)
        cell.paragraph_format.line_spacing = 1.0
        note = styles.add_style("Report Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.size = Pt(9)
        note.font.italic = True
        note.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        headline = styles.add_style("Finding Headline", WD_STYLE_TYPE.PARAGRAPH)
        headline.base_style = normal
        headline.font.size = Pt(11.5)
        headline.font.bold = True
        headline.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        headline.paragraph_format.space_before = Pt(8)
        headline.paragraph_format.space_after = Pt(3)
        headline.paragraph_format.keep_with_next = True
        draft = styles.add_style("Draft Note", WD_STYLE_TYPE.PARAGRAPH)
        draft.base_style = normal
        draft.font.size = Pt(9.5)
        draft.font.bold = True
        draft.font.color.rgb = RGBColor(0xA5, 0x31, 0x2F)
        self._footer()

    def _body_font(self) -> None:
        """Calibri for the body too (the template's body font is Cambria): one sans
        font throughout, and the one the column widths are measured against."""
        from docx.oxml.ns import qn

        fonts = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
            qn("w:rPr")).find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), BODY_FONT)

    def _proofing_language(self) -> None:
        """Every run in the report's language: the template says en-US, so Word marked
        each word of a Spanish or Portuguese report as misspelt and read it aloud in
        English."""
        from docx.oxml.ns import qn

        mark = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
            qn("w:rPr")).find(qn("w:lang"))
        mark.set(qn("w:val"), language_tag(self.report.lang))

    def _footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import parse_xml

        words = self.report.words
        footer = self.doc.sections[0].footer
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        xml = (f'<w:p xmlns:w="{W_NS}">{_run(words["page"] + " ")}{_field("PAGE", "1")}'
               f'{_run(" " + words["of"] + " ")}{_field("NUMPAGES", "1")}</w:p>')
        for run in parse_xml(xml).iterchildren(f"{{{W_NS}}}r"):
            p._p.append(run)
        header = self.doc.sections[0].header.paragraphs[0]
        title = self.report.title if len(self.report.title) <= 90 else self.report.title[:89] + "…"
        # A page printed or forwarded alone still says it is a draft, or an internal copy
        # (the roster with every name is a page of its own).
        marks = [self.report.words[word] for word, shown in (
            ("draft", self.report.draft), ("internal", self.report.internal)) if shown]
        header.text = " · ".join([title, *marks])
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header.style = self.doc.styles["Report Note"]

    # ---- batching ------------------------------------------------------------------
    def _add(self, xml: str) -> None:
        self._buffer.append(xml)

    def flush(self) -> None:
        if not self._buffer:
            return
        from docx.oxml import parse_xml

        body = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self._buffer)}</w:body>')
        self._buffer.clear()
        for child in list(body):
            # lxml moves a subtree into another document in time quadratic in its size
            # (a 4,000-row table: 10 s). Moving the element bare and its children one by
            # one (a row each) keeps it linear.
            kids = list(child)
            for kid in kids:
                child.remove(kid)
            self._sect.addprevious(child)
            child.extend(kids)

    def _new_page(self) -> bool:
        """Whether the paragraph being written starts a new page (once per break)."""
        brk, self._break = self._break, False
        return brk

    # ---- blocks ----------------------------------------------------------------------
    def render(self) -> DocxWriter:
        blocks = self.report.blocks
        total = max(len(blocks), 1)
        for i, block in enumerate(blocks):
            self._index = i
            getattr(self, f"_{type(block).__name__.lower()}")(block)
            if i % FLUSH_EVERY == 0:
                self.flush()
                self._progress(i / total)
        self.flush()
        if self._sections:  # the last section's first page is no cover: it is numbered
            from docx.oxml.ns import qn

            title_page = self._sect.find(qn("w:titlePg"))
            if title_page is not None:
                self._sect.remove(title_page)
        self._progress(1.0)
        self._properties()
        return self

    def _cover(self, block: b.Cover) -> None:
        if self.logo:
            from docx.shared import Cm

            self.flush()
            self.doc.add_paragraph().add_run().add_picture(io.BytesIO(self.logo), height=Cm(2.2))
        self._add('<w:p><w:pPr><w:spacing w:before="2400"/></w:pPr></w:p>')
        self._add(_para(block.title, self.style("Title")))
        self._add(_para(block.subtitle, self.style("Subtitle")))
        self._add('<w:p><w:pPr><w:spacing w:before="240" w:after="0"/></w:pPr></w:p>')
        for label, value in block.fields:
            self._add(_para(value, label=f"{label}: ", spacing='<w:spacing w:after="80"/>'))
        if block.copy or block.draft:
            self._add('<w:p><w:pPr><w:spacing w:before="1200" w:after="0"/></w:pPr></w:p>')
        if block.draft:
            self._add(_para(block.draft, self.style("Draft Note")))
        if block.copy:
            self._add(_para(block.copy, bold=True))
        if block.note:
            self._add(_para(block.note, self.style("Report Note")))

    def _contents(self, block: b.Contents) -> None:
        """The contents, written out: each entry links to its heading's bookmark, and
        its page number is a PAGEREF field with nothing shown until it is computed.
        LibreOffice computes it as it lays out the pages; Word when fields are updated
        (F9, or printing). Neither asks anything when the file opens."""
        self._add(_para(block.title, self.style("TOC Heading"), page_break=self._new_page()))
        entries = [(i, h) for i, h in enumerate(self.report.blocks)
                   if isinstance(h, b.Heading) and h.level <= block.levels]
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'
        out = []
        for i, h in entries:
            _, anchor = self._anchors[i]
            page = _field(f"PAGEREF {anchor} \\h", "")
            link = (f'<w:hyperlink w:anchor="{anchor}" w:history="1">{_run(h.text)}'
                    "</w:hyperlink>")
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.style(f"toc {h.level}")}"/>{tabs}'
                       f"</w:pPr>{link}<w:r><w:tab/></w:r>{page}</w:p>")
        self._add("".join(out))

    def _heading(self, block: b.Heading) -> None:
        self._add(_para(block.text, self.style(f"Heading {block.level}"),
                        page_break=self._new_page(), bookmark=self._anchors.get(self._index)))

    def _paragraph(self, block: b.Paragraph) -> None:
        style = {"body": None, "lead": None, "quote": self.style("Quote"),
                 "note": self.style("Report Note"), "headline": self.style("Finding Headline"),
                 "draft": self.style("Draft Note")}[block.style]
        # A lead-in ("Stated expectations") stays with what it introduces.
        self._add(_para(block.text, style, label=block.label, bold=block.style == "lead",
                        keep_next=block.keep_next or block.style == "lead",
                        page_break=self._new_page()))

    def _bullets(self, block: b.Bullets) -> None:
        if not block.numbered:
            style = self.style("List Bullet")
            self._add("".join(_para(item, style, page_break=self._new_page())
                              for item in block.items))
            return
        num_id = self._restarted_numbering()
        style = self.style("List Number")
        self._add("".join(_para(item, style, num_id=num_id, page_break=self._new_page())
                          for item in block.items))

    def _restarted_numbering(self) -> int:
        """A numbering of its own for one list, so each list counts from 1 again (the
        List Number style alone keeps counting across the whole document)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _sectionbreak(self, block: b.SectionBreak) -> None:
        """What follows is a section of its own, on pages of the block's orientation (the
        journey map's landscape page). The section ending here takes the page setup it
        had: a ``w:sectPr`` in its last paragraph's properties (a paragraph of its own
        after a table). A section starts a page anyway: no page break before it too."""
        from copy import deepcopy

        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        self.flush()
        self._break = False
        ending = deepcopy(self._sect)
        if self._landscape:  # the landscape section ends: its own size and orientation
            for ref in ending.findall(qn("w:headerReference")) + ending.findall(
                    qn("w:footerReference")):
                ending.remove(ref)  # its header and footer are the section's before it
            size = ending.find(qn("w:pgSz"))
            size.set(qn("w:w"), str(PAGE_LONG))
            size.set(qn("w:h"), str(PAGE_SHORT))
            size.set(qn("w:orient"), "landscape")
        if self._sections:  # only the first section (the cover's) has a first page apart
            title_page = ending.find(qn("w:titlePg"))
            if title_page is not None:
                ending.remove(title_page)
        last = self._sect.getprevious()
        if last is None or last.tag != qn("w:p"):
            last = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" '
                             'w:after="0"/></w:pPr></w:p>')
            self._sect.addprevious(last)
        ppr = last.get_or_add_pPr()
        ppr.append(ending)
        self._sections += 1
        self._landscape = block.orientation == "landscape"

    def _pagebreak(self, block: b.PageBreak) -> None:
        # Not a break character in a paragraph of its own: that paragraph would be
        # pushed onto the next page when the last one is full, and leave it empty.
        self._break = True

    def _caption(self, kind: str, text: str, *, keep_next: bool) -> str:
        self._counts[kind] += 1
        word = self.report.words[kind]
        ppr = (f'<w:pPr><w:pStyle w:val="{self.style("Caption")}"/>'
               f'{"<w:keepNext/>" if keep_next else ""}'
               f'{"<w:pageBreakBefore/>" if self._new_page() else ""}</w:pPr>')
        number = _field(f"SEQ {word} \\* ARABIC", str(self._counts[kind]))
        return f"<w:p>{ppr}{_run(word + ' ')}{number}{_run(': ' + text)}</w:p>"

    def _table(self, block: b.Table) -> None:
        widths, size = column_widths(block.columns, block.rows)
        sized = None if size == CELL_SIZES[0] else size
        jc = ['<w:jc w:val="right"/>' if c.numeric else "" for c in block.columns]
        cell_style = f'<w:pStyle w:val="{self.style("Table Text")}"/>'
        margins = (f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
                   f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>')
        out = [self._caption("table", block.caption, keep_next=True),
               f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style(TABLE_STYLE)}"/>'
               f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
               f"{margins}"
               '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
               'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
               "".join(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]

        # A short table stays on one page (each row kept with the next); a long one
        # keeps its header and first two rows together, then breaks between rows.
        together = len(block.rows) <= KEEP_TOGETHER_ROWS

        def row(cells: list[str], header: bool, keep: bool) -> str:
            trpr = ("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header
                    else "<w:trPr><w:cantSplit/></w:trPr>")
            keep_next = "<w:keepNext/>" if keep else ""
            tcs = []
            for text, width, align in zip(cells, widths, jc, strict=False):
                rtl = "<w:bidi/>" if is_rtl(text) else ""
                tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                           f"<w:p><w:pPr>{cell_style}{keep_next}{rtl}{align}</w:pPr>"
                           f"{_run(text, size=sized)}</w:p></w:tc>")
            return f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"

        last = len(block.rows) - 1
        out.append(row([c.title for c in block.columns], True, True))
        out.extend(row(r, False, i < last and (together or i < 2))
                   for i, r in enumerate(block.rows))
        out.append("</w:tbl>")
        # A table followed directly by another table would merge in Word: a spacer.
        out.append('<w:p><w:pPr><w:spacing w:after="120"/></w:pPr></w:p>')
        self._add("".join(out))

    def _box(self, block: b.Box) -> None:
        """A shaded, framed one-cell table: the limitations beside the findings."""
        border = '<w:{0} w:val="single" w:sz="8" w:space="0" w:color="7BA0CD"/>'
        borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right"))
        paras = [_para(block.title, bold=True, keep_next=True,
                       spacing='<w:spacing w:before="60" w:after="60"/>')]
        paras += [_para(line, self.style("List Bullet"), keep_next=i < len(block.lines) - 1,
                        spacing='<w:spacing w:after="40"/>')
                  for i, line in enumerate(block.lines)]
        # tblPr's children in the schema's order (tblBorders before tblLayout): Word
        # refuses the file otherwise, LibreOffice does not mind.
        self._add(f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/>'
                  f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                  '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="140" w:type="dxa"/>'
                  '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="140" w:type="dxa"/>'
                  f'</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{TEXT_WIDTH_TWIPS}"/>'
                  '</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>'
                  f'<w:tcW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/>'
                  '<w:shd w:val="clear" w:color="auto" w:fill="EEF3F9"/></w:tcPr>'
                  f'{"".join(paras)}</w:tc></w:tr></w:tbl>'
                  '<w:p><w:pPr><w:spacing w:after="120"/></w:pPr></w:p>')

    def _figure(self, block: b.Figure) -> None:
        """A chart: Word's own (wordchart, ipachart), or the journey map (a table and a
        chart, journey_map). Nothing is a picture: Word and LibreOffice draw them."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, Pt

        from workshop.report import charts, ipachart, wordchart

        chart = block.chart
        if isinstance(chart, b.JourneyChart):
            self._journey_map(chart, block.caption)
            return
        self.flush()
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.page_break_before = self._new_page() or None
        lang = language_tag(self.report.lang)
        if isinstance(chart, b.IPAChart):
            self._word_chart(p, ipachart.chart_xml(chart, lang), int(Pt(ipachart.WIDTH_PT)),
                             int(Pt(ipachart.HEIGHT_PT)), block.caption)
        else:
            self._word_chart(p, wordchart.chart_xml(chart, lang), int(Inches(charts.WIDTH_IN)),
                             int(Inches(wordchart.height_in(chart))), block.caption)
        self._add(self._caption("figure", block.caption, keep_next=False))

    def _journey_map(self, chart: b.JourneyChart, caption: str) -> None:
        """The map as a table, the feeling curve as Word's own chart under it, its legend,
        and the caption: kept together on the landscape page."""
        from docx.shared import Inches

        from workshop.report import journey_map

        lay = journey_map.layout(chart)
        if self._new_page():  # a table cannot start a page itself: an empty line does
            self._add('<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0"/>'
                      '</w:pPr></w:p>')
        self._add(journey_map.table_xml(chart, lay) + journey_map.title_xml(chart))
        if chart.asked:
            self.flush()
            p = self.doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = p.paragraph_format.space_after = 0
            self._word_chart(p, journey_map.curve_xml(chart, lay, language_tag(self.report.lang)),
                             journey_map.WIDTH * 635, int(Inches(journey_map.CURVE_IN)), caption)
        self._add(journey_map.legend_xml(chart))
        self._add(self._caption("figure", caption, keep_next=False))

    def _word_chart(self, p, xml: bytes, width: int, height: int, caption: str) -> None:
        """Word's own chart: the chart part ``xml``, shown inline in ``p`` at ``width`` ×
        ``height`` EMU, the caption its alt text."""
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import parse_xml

        from workshop.report import wordchart

        part = self.doc.part
        self._charts += 1
        chart_part = Part(PackURI(f"/word/charts/chart{self._charts}.xml"),
                          wordchart.CONTENT_TYPE, xml, part.package)
        rid = part.relate_to(chart_part, wordchart.RELATIONSHIP)
        drawing = wordchart.inline_xml(rid, part.next_id, width, height,
                                       f"Chart {self._charts}", caption)
        p.add_run()._r.append(parse_xml(drawing))

    # ---- metadata ------------------------------------------------------------------
    def _properties(self) -> None:
        r = self.report
        cp = self.doc.core_properties
        now = datetime.now(UTC).replace(microsecond=0)
        cp.title = r.title
        cp.subject = r.subject
        cp.author = r.author
        cp.last_modified_by = r.author
        cp.keywords = r.keywords
        # Which copy this is, where a file manager or Word's properties show it.
        cp.comments = r.copy_note
        cp.content_status = r.words["draft"] if r.draft else ""
        cp.category = r.words["category"]
        cp.language = r.lang.replace("_", "-")  # a language tag: "pt-BR"
        cp.created = now
        cp.modified = now
        cp.revision = 1
        self._clean_package()

    def _clean_package(self) -> None:
        """Drop what the template says about itself: its thumbnail (a picture of some
        other page) and app.xml's "Microsoft Macintosh Word", one page, no words."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                package.rels.pop(rid)
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _APP_XML.encode("utf-8")
        # The template's <w:zoom w:val="bestFit"/> lacks the percentage ECMA-376 requires
        # (Word writes both): a strict reader may refuse settings.xml without it.
        from docx.oxml.ns import qn

        zoom = self.doc.settings.element.find(qn("w:zoom"))
        if zoom is not None and zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")

    def save(self, path_or_stream) -> None:
        self.doc.save(str(path_or_stream) if isinstance(path_or_stream, Path) else path_or_stream)
