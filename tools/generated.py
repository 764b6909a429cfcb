"""What the generators under tools/ share: write a generated module, or check it."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, *, check: bool, same: str, stale: str) -> None:
    """With ``check``, exit 0 if ``out`` holds ``text`` (saying ``same``), else 1 (saying
    ``stale``); without, write ``text`` to ``out``."""
    if check:
        current = out.is_file() and out.read_text(encoding="utf-8") == text
        print(same if current else stale)
        sys.exit(0 if current else 1)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text.encode())} bytes)")
