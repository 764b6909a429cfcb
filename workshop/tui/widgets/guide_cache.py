"""The facilitator's text read once: its blocks kept in the user's state folder.

Reading a step's Markdown needs markdown-it, whose import and first parse were about
25 ms of every `workshop run` before the first screen showed (a tenth of what the run
screen adds to a bare Textual app). A session is resumed many times with the same
script, so the blocks `simple_blocks` made of a text are kept, one small file per text
(``~/.local/state/workshop/guides/``, readable by its owner only, at most ``KEEP``
files), named by a hash of the text and of the markdown-it installed: another version of
it reads the text again. A file that is not exactly what we write (damaged, edited,
foreign) is not used: the text is read again, so what is drawn is always what markdown-it
makes of it. Nothing here is ever required: any error reads the text afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.tui.widgets.guide import Block

FORMAT = 1  # of the files: a change of Block or of what simple_blocks makes bumps it
KEEP = 64  # texts kept: every step of a few scripts in three languages
_MAX_BYTES = 256 * 1024  # a text's blocks are a few kilobytes; a bigger file is not ours
_KINDS = {"paragraph", "quote", "bullets", "numbers"}
_STYLES = {"bold", "italic", "code", "link"}
_NOT_SIMPLE = "not simple"  # kept too: Textual's Markdown draws the text


@cache
def _parser_id() -> str:
    """Which markdown-it is installed, without importing it (that is the cost saved)."""
    from importlib.util import find_spec

    spec = find_spec("markdown_it")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return "none"
    st = os.stat(origin)
    return f"{origin}:{st.st_size}:{st.st_mtime_ns}"


def _folder() -> Path:
    from workshop.core.places import state_dir

    return state_dir() / "guides"


def _name(markdown: str) -> str:
    key = f"{FORMAT}\0{_parser_id()}\0{markdown}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".json"


def lookup(markdown: str) -> tuple[bool, list[Block] | None]:
    """(found, blocks): the kept blocks of ``markdown`` (None: not a simple text), or
    (False, None) when none are kept or the file is not one of ours."""
    try:
        path = _folder() / _name(markdown)
        with open(path, "rb") as fh:
            raw = fh.read(_MAX_BYTES + 1)
        if len(raw) > _MAX_BYTES:
            return False, None
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("text") != markdown:
            return False, None
        found = data.get("blocks")
        if found == _NOT_SIMPLE:
            return True, None
        return True, _blocks(found)
    except (OSError, ValueError, TypeError, KeyError, RecursionError, UnicodeError):
        return False, None


def keep(markdown: str, blocks: list[Block] | None) -> None:
    """Keep ``blocks`` for ``markdown`` (best effort: the state folder may be read-only
    or full), and no more than KEEP texts, the least recently kept left out."""
    if len(markdown) > _MAX_BYTES // 8:  # a text this long is read each time: kept, it
        return  # would be too big to be read back (a crafted file's, say)
    try:
        from workshop.core.places import write_json

        folder = _folder()
        data = {"format": FORMAT, "text": markdown,
                "blocks": _NOT_SIMPLE if blocks is None else [_plain(b) for b in blocks]}
        write_json(folder, _name(markdown), data, indent=None)
        kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError, UnicodeError):
        pass


def _plain(block: Block) -> dict[str, object]:
    return {"kind": block.kind, "text": [list(run) for run in block.text],
            "items": [[_plain(b) for b in item] for item in block.items],
            "blocks": [_plain(b) for b in block.blocks], "start": block.start}


def _blocks(found: object) -> list[Block]:
    """Blocks as `_plain` wrote them; TypeError for anything else."""
    from workshop.tui.widgets.guide import Block

    if not isinstance(found, list):
        raise TypeError("not a list of blocks")
    out = []
    for item in found:
        if not (isinstance(item, dict) and set(item) == {"kind", "text", "items", "blocks",
                                                          "start"}):
            raise TypeError("not a block")
        kind, text, items, inner, start = (item["kind"], item["text"], item["items"],
                                           item["blocks"], item["start"])
        if kind not in _KINDS or type(start) is not int or not isinstance(text, list) \
                or not isinstance(items, list):
            raise TypeError("not a block")
        runs: list[tuple[str, str]] = []
        for run in text:
            if not (isinstance(run, list) and len(run) == 2
                    and all(isinstance(part, str) for part in run)
                    and set(run[1].split()) <= _STYLES):
                raise TypeError("not a run of text")
            runs.append((run[0], run[1]))
        out.append(Block(kind, text=runs, items=[_blocks(i) for i in items],
                         blocks=_blocks(inner), start=start))
    return out
