"""Whatever participants say, in any script, goes through record → fold → file → every
export and reads back as it was said.

The guarantee, exactly (``events.clean_text`` and ``state``):

- Recorded: the text as typed, minus C0/C1 control characters other than tab and
  newline, with CR and CRLF made newlines, lone surrogates (which UTF-8 cannot hold)
  kept as ``\\udXXX`` escapes, and leading and trailing whitespace trimmed. A text that
  is empty after that is refused (RuleError), and nothing is written.
- The event log holds the cleaned text before trimming; the tables, the fold, JSON and
  CSV give back the recorded text exactly, character for character.
- The reports (Word and Markdown, built from one model) hold it in Unicode NFC form,
  minus the characters XML 1.0 forbids (after cleaning only U+FFFE and U+FFFF are left
  to drop). Markdown escapes it so that a Markdown reader shows it as typed: in a table
  cell exactly, newlines as ``<br>``.
"""

from __future__ import annotations

import csv
import json
import tempfile
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from core_fixtures import new_store
from workshop.core.errors import RuleError
from workshop.core.events import clean_text
from workshop.core.limits import MAX_TEXT
from workshop.core.store import Store
from workshop.report import export

HOSTILE = [
    "\x00", "\x07", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x7f", "\x85",
    "\x9f", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2028", "\u2029",
    "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "&amp;", "&copy;", "<br>", "<b>x</b>",
    "|", "*", "**", "_", "#", "## ", "1. ", "- ", "> ", "    ", "```", "`", "\\", "[a](b)",
    "![i](x.png)", "=SUM(A1)", "+1", "@x", "{}", "🎉", "👩\u200d👩\u200d👧", "e\u0301", "ﬁ",
    "العربية", "עברית", "日本語", "𝔘𝔫𝔦", " ", "\u3000", "\xa0",
]

piece = st.one_of(st.characters(), st.sampled_from(HOSTILE))
said = st.one_of(
    st.lists(piece, min_size=1, max_size=30).map("".join),
    # very long: a few thousand characters of the same kind of thing, within an entry's
    # limit even once stored (a lone surrogate is kept as a six-character escape)
    st.tuples(st.lists(piece, min_size=1, max_size=6).map("".join), st.integers(200, 2000))
    .map(lambda sn: (sn[0] * sn[1])[:MAX_TEXT // 6]),
)


def recorded(text: str) -> str:
    return clean_text(text).strip()


def _in_report(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\ufffe", "").replace("\uffff", "")


def _record_all(folder: Path, texts: list[str]) -> tuple[Path, dict[str, str]]:
    """One session holding each text as a moment, an expectation, an idea and a quote;
    returns the file and {"moment 1": expected text, ...} for those accepted."""
    expected = {}
    with new_store(folder) as store:
        for text in texts:
            if not recorded(text):
                before = store.events
                with pytest.raises(RuleError, match="The text is empty"):
                    store.record("moment_added", text=text)
                assert store.events == before
                continue
            mid = store.record("moment_added", text=text, pid=1).data["mid"]
            xid = store.record("expectation_added", mid=mid, text=text, type="latent",
                               pid=2).data["xid"]
            iid = store.record("idea_added", mid=mid, text=text, pid=3).data["iid"]
            nid = store.record("note_added", type="quote", text=text, pid=2, mid=mid).data["nid"]
            for key in (f"moments/{mid}", f"expectations/{xid}", f"ideas/{iid}", f"notes/{nid}"):
                expected[key] = recorded(text)
            ev = store.events[-4]
            assert ev.data["text"] == clean_text(text)  # the log: cleaned, not trimmed
    return folder / "s.db", expected


# Each entry's id as the state's fields and as the tables' columns name it.
FIELDS = {"moments": "mid", "expectations": "xid", "ideas": "iid", "notes": "nid"}
COLUMNS = {"moments": "moment_id", "expectations": "expectation_id", "ideas": "idea_id",
           "notes": "note_id"}


def _by_key(tables: dict[str, list[dict]], keys: dict[str, str] = COLUMNS) -> dict[str, str]:
    return {f"{table}/{row[key]}": row["text"] for table, key in keys.items()
            for row in tables[table]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(said, min_size=1, max_size=4))
def test_fold_file_json_and_csv_give_back_exactly_what_was_recorded(texts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, expected = _record_all(folder, texts)
        with Store.open(path, readonly=True) as store:
            assert _by_key({t: [asdict(r) for r in getattr(store.state, t).values()]
                            for t in ("moments", "expectations", "ideas", "notes")},
                            FIELDS) == expected
            assert _by_key(store.tables()) == expected

        data = json.loads(export(path, folder / "s.json", "json").read_text(encoding="utf-8"))
        assert _by_key(data["tables"]) == expected

        # CSV: exact too, except that a text a spreadsheet would run as a formula gets a
        # leading ' (--raw keeps it as typed: tests/test_csv_formulas.py).
        expected = {k: "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
                    for k, v in expected.items()}
        out = export(path, folder / "csv", "csv")
        tables = {}
        for table in ("moments", "expectations", "ideas", "notes"):
            with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
            tables[table] = [{**r, COLUMNS[table]: int(r[COLUMNS[table]])} for r in rows]
        assert _by_key(tables) == expected


def _md_texts(text: str) -> tuple[list[str], list[str]]:
    """(every table cell, every other paragraph or heading) as a Markdown reader shows them."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    cells, others, inside = [], [], False
    for token in md.parse(text):
        if token.type in ("td_open", "th_open"):
            inside = True
        elif token.type in ("td_close", "th_close"):
            inside = False
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type == "html_inline" and child.content.lower() == "<br>":
                    parts.append("\n")
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                else:
                    parts.append(child.content)
            (cells if inside else others).append("".join(parts))
    return cells, others


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(said, min_size=1, max_size=3))
@example(["1. ", "&amp; x", "\ufffe x"])  # failures found before: a list mark, an entity, an edge
@example(["“", "a ‘b’ ”c"])  # quotation marks: one level in, as the quote's typography asks
def test_markdown_shows_every_text_as_typed(texts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, expected = _record_all(folder, texts)
        # as typed: see below; the internal copy keeps the quotes of P2, who did not
        # record consent
        cells, others = _md_texts(export(path, folder / "s.md", "md", copy="names",
                                         unconsented=True).read_text(encoding="utf-8"))
        for key, text in expected.items():
            if key.startswith(("moments/", "ideas/")):  # the journey and ideas tables
                assert _in_report(text) in cells, (key, text)
            elif key.startswith("notes/") and "\n" not in text:  # a quote, in a paragraph
                # in the report's quotation marks; a quote holding its opening mark has
                # its “ ” taken one level in, to ‘ ’ (i18n.quote); every other character
                # as typed
                shown = _in_report(text)
                if "“" in shown:
                    shown = shown.translate(str.maketrans("“”", "‘’"))
                assert any(f"“{shown}”" in t for t in others), (key, text)




def _docx_texts(path: Path) -> set[str]:
    doc = Document(path)
    texts = {p.text for p in doc.paragraphs}
    for table in doc.tables:
        for row in table.rows:
            texts.update(cell.text for cell in row.cells)
    return texts


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(said, min_size=2, max_size=4))
@example(["00000000000000000000000-ÂNä", "0"])  # a participant's name in the text
def test_the_word_report_holds_every_text_minus_what_xml_forbids(texts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, expected = _record_all(folder, texts)
        # The internal copy: the copy to send puts pseudonyms for participants' names found
        # in free text (tests/test_report_privacy.py), and a random text may hold one
        # ("…-ÂNä" holds Ana's name); here every text must reach the report as typed.
        found = _docx_texts(export(path, folder / "s.docx", "docx", copy="names",
                                   unconsented=True))  # P2's quotes too
        for key, text in expected.items():
            want = _in_report(text)
            if key.startswith(("moments/", "ideas/")):  # table cells, whole
                assert want in found, (key, want)
            elif key.startswith("notes/"):  # a quote, in its own paragraph
                assert any(want in t for t in found), (key, want)
