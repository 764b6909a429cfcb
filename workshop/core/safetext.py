"""Text made safe to leave for a terminal: what would act on the terminal is shown instead.

A session file, a script, a prompt deck or a file name may come from anyone, and text
that reached a file without the typing path (which keeps controls out) can hold
anything. Printed raw, ESC and the C1 controls are commands to the terminal: retitle it
(OSC 0), clear it (CSI 2J), write the clipboard (OSC 52), hide a link (OSC 8); a
carriage return or a backspace overwrites what was printed before it. Bidirectional
embeddings, overrides and isolates reorder what the eye reads without changing what is
there (the "Trojan Source" trick), and a terminal cannot show that they are present.

`visible` writes each of these as an escape a person can read (``\\x1b``, ``\\x9b``,
``\\u202e``) and leaves everything else exactly as it is: newline and tab, accents,
Arabic and Hebrew letters (a terminal that lays out right-to-left text still does), the
marks LRM/RLM (they only nudge neutral characters), emoji joined by ZWJ. Every printer
(the CLI's output, every text the TUI draws) goes through it; what is stored is never
changed, so a report or a JSON export keeps the exact text.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline; DEL and C1; the bidi embeddings, overrides and
# isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI); lone surrogates, which no terminal
# encoding can carry.
UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{UNSAFE}]")


def _python_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: object) -> str:
    """``text`` with every character that would act on a terminal written as an escape
    (``\\x1b``, ``\\x9b``, ``\\u202e``); all else unchanged. None gives ""."""
    if text is None:
        return ""
    text = text if isinstance(text, str) else str(text)
    return _UNSAFE.sub(_python_escape, text)


def one_line(text: object) -> str:
    """``visible(text)`` with line breaks and tabs written as ``\\n`` and ``\\t`` too: for
    what is one line by nature, a file name above all (any byte but / and NUL may be in
    one), or a table's cell. Printed as they are, a name could forge a line of output
    ("Skipped: …") or a row of its own in a table."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def visible_json(text: str) -> str:
    """JSON text (from ``json.dumps``) safe for a terminal and still exact: the characters
    ``json.dumps(..., ensure_ascii=False)`` leaves raw (DEL, C1, bidi controls, lone
    surrogates) become ``\\u`` escapes, which a JSON reader turns back into them. They
    can only occur inside strings, where such an escape is valid JSON."""
    return _UNSAFE.sub(_json_escape, text)


def is_safe(text: str) -> bool:
    """True when ``visible(text)`` would change nothing."""
    return _UNSAFE.search(text) is None


def visible_map(text: str) -> tuple[str, list[int]] | None:
    """``visible(text)`` and, for each offset 0..len(text) of ``text``, the matching offset
    in it (so styled spans can follow); None when nothing needs to change."""
    out: list[str] = []
    offsets: list[int] = []
    last = shift = 0
    for match in _UNSAFE.finditer(text):
        start = match.start()
        offsets.extend(range(last + shift, start + shift + 1))
        escape = _python_escape(match)
        out += (text[last:start], escape)
        shift += len(escape) - 1
        last = start + 1
    if not out:
        return None
    out.append(text[last:])
    offsets.extend(range(last + shift, len(text) + shift + 1))
    return "".join(out), offsets
