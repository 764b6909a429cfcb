"""What the room may read of a step: the words the facilitator reads aloud.

A script's step text is the facilitator's: instructions, timings, what to watch for.
What is said to the group stands in it as quotes (``> …`` in the Markdown). Phones and
the projector show those paragraphs, as plain text, and nothing else of the step.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")


def _plain(inline: Token) -> str:
    out = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append(" " if child.type == "softbreak" else "\n")
        elif child.type in ("text", "code_inline"):
            out.append(child.content)
    return "".join(out).strip()


@lru_cache(maxsize=64)
def read_aloud(body: str) -> tuple[str, ...]:
    """The paragraphs of ``body`` inside quotes, as plain text (emphasis and links keep
    only their words), in order; () when the step has none."""
    paragraphs: list[str] = []
    depth = 0
    for token in _PARSER.parse(body or ""):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline" and depth > 0:
            text = _plain(token)
            if text:
                paragraphs.append(text)
    return tuple(paragraphs)
