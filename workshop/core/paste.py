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


def pasted_lines(text: str) -> tuple[list[str], int]:
    """The lines of a paste that hold text (trimmed, without list markers), and how
    many were left out because they held nothing else."""
    raw = text.splitlines()
    lines = [kept for kept in (_MARKER.sub("", line.strip()).strip() for line in raw) if kept]
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
