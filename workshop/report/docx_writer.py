"""The report as a Word document (python-docx).

python-docx's ``add_table`` and ``cell.text`` walk the XML tree for every cell, which
makes a report with thousands of cells slow. Here paragraphs and tables are written as
WordprocessingML text, parsed in one go per batch and appended to the body; python-docx
is used for what it does well (styles, pictures, sections, properties).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from workshop.report import blocks as b
from workshop.report.text import is_rtl

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_STYLE = "Medium Shading 1 Accent 1"  # in python-docx's default template
TEXT_WIDTH_TWIPS = 9070  # A4 (11906) minus two 1.8 cm margins, in twentieths of a point
FLUSH_EVERY = 400  # blocks parsed per batch
KEEP_TOGETHER_ROWS = 25
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>workshop</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")
# The settings that come after w:updateFields in the schema's order.
_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                        "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                        "w:themeFontLang", "w:clrSchemeMapping",
                        "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                        "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                        "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
                        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


def _run(text: str, *, bold: bool = False, italic: bool = False, rtl: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + ("<w:rtl/>" if rtl else "")
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
          italic: bool = False, num_id: int | None = None) -> str:
    rtl = is_rtl(text)
    ppr = (f'<w:pStyle w:val="{style_id}"/>' if style_id else "")
    ppr += "<w:keepNext/>" if keep_next else ""
    ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""
    ppr += "<w:bidi/>" if rtl else ""
    ppr += spacing
    ppr += f'<w:jc w:val="{align}"/>' if align else ""
    runs = (_run(label, bold=True) if label else "") + _run(text, bold=bold, italic=italic, rtl=rtl)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _field(instr: str, shown: str) -> str:
    """A complex field (TOC, PAGE…): Word computes it; ``shown`` is what shows before."""
    return (f'<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{_run(shown)}"
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')




class DocxWriter:
    """Renders report blocks into a python-docx Document."""

    def __init__(self, report: b.Report, *, logo: bytes | None = None,
                 chart: Callable[[b.BarChart | b.IPAChart], bytes] | None = None,
                 progress: Callable[[float], None] | None = None):
        from docx import Document

        self.report = report
        self.logo = logo
        self.doc = Document()
        self._chart = chart
        self._progress = progress or (lambda fraction: None)
        self._buffer: list[str] = []
        self._counts = {"table": 0, "figure": 0}
        self._body = self.doc.element.body
        self._sect = self._body.sectPr
        self._style_ids: dict[str, str] = {}
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
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.12
        styles["Caption"].paragraph_format.space_after = Pt(10)
        styles["Quote"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        # Word's own names for the contents entries, so Word's update keeps them.
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
        self._footer()

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
        header.text = self.report.title if len(self.report.title) <= 90 else self.report.title[:89] + "…"
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

    # ---- blocks ----------------------------------------------------------------------
    def render(self) -> "DocxWriter":
        blocks = self.report.blocks
        total = max(len(blocks), 1)
        for i, block in enumerate(blocks):
            getattr(self, f"_{type(block).__name__.lower()}")(block)
            if i % FLUSH_EVERY == 0:
                self.flush()
                self._progress(i / total)
        self.flush()
        self._progress(1.0)
        self._properties()
        self._update_fields_on_open()
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
        if block.note:
            self._add('<w:p><w:pPr><w:spacing w:before="1200"/></w:pPr></w:p>')
            self._add(_para(block.note, self.style("Report Note")))

    def _contents(self, block: b.Contents) -> None:
        self._add(_para(block.title, self.style("TOC Heading")))
        # What Word (or LibreOffice) shows until the field is updated: the headings
        # themselves, so the page is useful even in a viewer that never updates fields.
        entries = [h for h in self.report.blocks
                   if isinstance(h, b.Heading) and h.level <= block.levels]
        instr = f'TOC \\o "1-{block.levels}" \\h \\z \\u'
        toc = [f'<w:p><w:pPr><w:pStyle w:val="{self.style("toc 1")}"/>'
               f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs></w:pPr>'
               f'<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
               f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
               f'<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>']
        for h in entries:
            toc.append(_para(h.text, self.style(f"toc {h.level}")))
        toc.append('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        self._add("".join(toc))

    def _heading(self, block: b.Heading) -> None:
        self._add(_para(block.text, self.style(f"Heading {block.level}")))

    def _paragraph(self, block: b.Paragraph) -> None:
        style = {"body": None, "lead": None, "quote": self.style("Quote"),
                 "note": self.style("Report Note")}[block.style]
        # A lead-in ("Stated expectations") or a note under a heading stays with what follows.
        self._add(_para(block.text, style, label=block.label, bold=block.style == "lead",
                        keep_next=block.keep_next or block.style in ("lead", "note")))

    def _bullets(self, block: b.Bullets) -> None:
        if not block.numbered:
            style = self.style("List Bullet")
            self._add("".join(_para(item, style) for item in block.items))
            return
        num_id = self._restarted_numbering()
        style = self.style("List Number")
        self._add("".join(_para(item, style, num_id=num_id) for item in block.items))

    def _restarted_numbering(self) -> int:
        """A numbering of its own for one list, so each list counts from 1 again (the
        List Number style alone keeps counting across the whole document)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _pagebreak(self, block: b.PageBreak) -> None:
        self._add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def _caption(self, kind: str, text: str, *, keep_next: bool) -> str:
        self._counts[kind] += 1
        word = self.report.words[kind]
        ppr = f'<w:pPr><w:pStyle w:val="{self.style("Caption")}"/>{"<w:keepNext/>" if keep_next else ""}</w:pPr>'
        number = _field(f"SEQ {word} \\* ARABIC", str(self._counts[kind]))
        return f"<w:p>{ppr}{_run(word + ' ')}{number}{_run(': ' + text)}</w:p>"

    def _table(self, block: b.Table) -> None:
        total = sum(c.weight for c in block.columns) or 1
        widths = [int(TEXT_WIDTH_TWIPS * c.weight / total) for c in block.columns]
        jc = ['<w:jc w:val="right"/>' if c.numeric else "" for c in block.columns]
        cell_style = f'<w:pStyle w:val="{self.style("Table Text")}"/>'
        out = [self._caption("table", block.caption, keep_next=True),
               f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style(TABLE_STYLE)}"/>'
               f'<w:tblW w:w="5000" w:type="pct"/>'
               '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
               'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
               "".join(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]

        # A short table stays on one page (each row kept with the next); a long one
        # breaks between rows and repeats its header row.
        together = len(block.rows) <= KEEP_TOGETHER_ROWS

        def row(cells: list[str], header: bool, keep: bool) -> str:
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            keep_next = "<w:keepNext/>" if keep else ""
            tcs = []
            for text, width, align in zip(cells, widths, jc):
                rtl = "<w:bidi/>" if is_rtl(text) else ""
                tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                           f"<w:p><w:pPr>{cell_style}{keep_next}{rtl}{align}</w:pPr>"
                           f"{_run(text)}</w:p></w:tc>")
            return f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"

        last = len(block.rows) - 1
        out.append(row([c.title for c in block.columns], True, True))
        out.extend(row(r, False, together and i < last) for i, r in enumerate(block.rows))
        out.append("</w:tbl>")
        # A table followed directly by another table would merge in Word: a spacer.
        out.append('<w:p><w:pPr><w:spacing w:after="120"/></w:pPr></w:p>')
        self._add("".join(out))

    def _figure(self, block: b.Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        from workshop.report import charts

        png = (self._chart or charts.render)(block.chart)
        self.flush()
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        shape = p.add_run().add_picture(io.BytesIO(png), width=Inches(charts.WIDTH_IN))
        # Alt text for screen readers: the caption.
        shape._inline.docPr.set("descr", block.caption)
        self._add(self._caption("figure", block.caption, keep_next=False))

    # ---- metadata ------------------------------------------------------------------
    def _properties(self) -> None:
        r = self.report
        cp = self.doc.core_properties
        now = datetime.now(timezone.utc).replace(microsecond=0)
        cp.title = r.title
        cp.subject = r.subject
        cp.author = r.author
        cp.last_modified_by = r.author
        cp.keywords = r.keywords
        cp.comments = ""  # the template says "generated by python-docx"
        cp.category = r.words["category"]
        cp.language = r.lang
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

    def _update_fields_on_open(self) -> None:
        """Ask Word to fill the contents, page numbers and captions when it opens."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        settings = self.doc.settings.element
        update = settings.find(qn("w:updateFields"))
        if update is None:
            update = OxmlElement("w:updateFields")
            # Word wants settings in schema order: before the first element after it.
            later = {qn(tag) for tag in _AFTER_UPDATE_FIELDS}
            follower = next((child for child in settings if child.tag in later), None)
            if follower is None:
                settings.append(update)
            else:
                follower.addprevious(update)
        update.set(qn("w:val"), "true")

    def save(self, path: Path) -> None:
        self.doc.save(str(path))
