"""The demo reports as LibreOffice prints them: every table header word and every moment
name whole (no word broken inside a cell, no name cut short), the executive summary
within two pages, no empty page.

`make test` installs LibreOffice and poppler-utils where it can (as root, with apt-get);
elsewhere this test is skipped and says why. One LibreOffice run converts both reports
(about five seconds) in one test, which conftest schedules first, so that the other
tests run beside it on the other workers.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docx import Document

from workshop.report import export

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
XHTML = "{http://www.w3.org/1999/xhtml}"
DEMOS = {"en": "demo-supermarket.db", "es": "demo-supermercado.db"}
# The executive summary, and the chapter after it (the journey map's landscape page).
FIRST_CHAPTER = {"en": ("Executive summary", "The customer journey map"),
                 "es": ("Resumen ejecutivo", "El mapa del recorrido del cliente")}

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason=(
        "LibreOffice or pdftotext is not installed: `make test` installs libreoffice-writer "
        "and poppler-utils with apt-get when run as root; install them to check the reports "
        "as printed")),
]


def test_the_demo_reports_print_whole_words_a_short_summary_and_no_empty_page(tmp_path):
    """One test, one LibreOffice run for both languages: xdist gives it one worker."""
    docs = {lang: export(SESSIONS / name, tmp_path / f"{lang}.docx", lang=lang)
            for lang, name in DEMOS.items()}
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, docs.values())], check=True, capture_output=True, timeout=120)
    for lang, docx in docs.items():
        html = tmp_path / f"{lang}.html"
        subprocess.run([PDFTOTEXT, "-bbox-layout", str(docx.with_suffix(".pdf")), str(html)],
                       check=True, capture_output=True, timeout=60)
        doc, blocks = Document(docx), _blocks(html)
        _every_header_word_and_moment_name_is_whole(doc, blocks)
        _the_summary_fits_two_pages_and_no_page_is_empty(doc, blocks, lang)


def _blocks(html: Path) -> list[tuple[int, str]]:
    """Each text block of the PDF (a paragraph, a table cell) with its page number."""
    root = ET.parse(html).getroot()
    return [(number, " ".join(w.text or "" for w in block.iter(f"{XHTML}word")))
            for number, page in enumerate(root.iter(f"{XHTML}page"), start=1)
            for block in page.iter(f"{XHTML}block")]


def _every_header_word_and_moment_name_is_whole(doc, blocks) -> None:
    words = {word for _, text in blocks for word in text.split()}
    headers = {word for table in doc.tables for cell in table.rows[0].cells
               for word in cell.text.split()}
    assert len(headers) > 40
    assert sorted(headers - words) == []  # a word broken in two is two other words
    journey = next(t for t in doc.tables if len(t.rows[0].cells) == 4
                   and t.rows[0].cells[2].text in ("Stage", "Etapa"))
    moments = [row.cells[1].text for row in journey.rows[1:]]
    assert len(moments) == 14
    for name in moments:
        assert any(name in text for _, text in blocks), name


def _the_summary_fits_two_pages_and_no_page_is_empty(doc, blocks, lang: str) -> None:
    summary, findings = FIRST_CHAPTER[lang]
    first = next(page for page, text in blocks if text == summary)
    after = next(page for page, text in blocks if text == findings)
    assert after - first <= 2
    pages = max(page for page, _ in blocks)
    header, footer = doc.sections[0].header.paragraphs[0].text, "Page" if lang == "en" else "Página"
    for number in range(1, pages + 1):
        body = [text for page, text in blocks if page == number
                and text != header and not text.startswith(footer)]
        assert body, f"page {number} of {pages} is empty"
