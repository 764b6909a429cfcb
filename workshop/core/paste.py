"""What a paste of several lines becomes: separate entries, or one line.

Notes pasted from a phone are usually one thought per line, often as a list ("- queue",
"• staff"): each line becomes one entry, without its list marker. Joined into one line,
a line that ends a sentence is followed by a space, any other by "; ", so that thoughts
stay apart in the report ("Queue too long; staff friendly").
"""

from __future__ import annotations

import re

# A list marker at the start of a line: -, *, •, ·, ‣, –, — followed by a blank.
# Numbers are kept: "3: …" credits participant 3, and "1." may be the note itself.
_MARKER = re.compile(r"^[-*•·‣–—]\s+")
_ENDS_SENTENCE = (".", "!", "?", "…", ";", ":", ",")
# What no key can type: C0 controls (a tab becomes a space), DEL and C1. A paste may
# carry them (terminal escapes copied from a log); a text field never holds them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def pasted_lines(text: str) -> tuple[list[str], int]:
    """The lines of a paste that hold text (trimmed, without list markers or control
    characters), and how many were left out because they held nothing else."""
    raw = text.replace("\t", " ").splitlines()
    clean = (_MARKER.sub("", _CONTROLS.sub("", line).strip()).strip() for line in raw)
    lines = [line for line in clean if line]
    return lines, len(raw) - len(lines)


def join_lines(lines: list[str], joiner: str | None = None) -> str:
    """One line. ``joiner`` (e.g. ", " for a list of names) replaces the sentence rule."""
    if joiner is not None:
        return joiner.join(lines)
    out = ""
    for line in lines:
        if out:
            out += " " if out.endswith(_ENDS_SENTENCE) else "; "
        out += line
    return out
