"""Text as it may go into a report: XML-safe, NFC, and one-line excerpts."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 refuses (and C1 controls, which only ever render as boxes).
# Tab and newline stay: the writers turn them into tabs and line breaks.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """The text minus what would break a .docx; everything else kept as typed."""
    if text is None:
        return ""
    text = str(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", unicodedata.normalize("NFC", text))


def excerpt(text: str, limit: int = 60) -> str:
    """One line, at most ``limit`` characters (charts and short labels)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def is_rtl(text: str) -> bool:
    """True when the first letter with a direction is right-to-left (Arabic, Hebrew…)."""
    for ch in text[:200]:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
