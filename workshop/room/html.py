"""HTML built from parts, every text escaped on the way in.

A session's texts come from participants, facilitators and files anyone may have made:
each is written into a page as text, never as markup. ``el`` escapes every child and
attribute value that is not ``Html`` already (what ``el`` itself made), and writes the
characters that would reorder or hide text (bidi overrides, control characters) as
visible escapes, as the terminal screens do (``core.safetext.visible``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from workshop.core.safetext import visible


class Html(str):
    """Markup already made safe (by ``el`` or ``esc``): written into a page as it is."""

    __slots__ = ()


Child = "Html | str | int | float | None | Iterable[Html | str]"


def esc(value: object) -> Html:
    """A text as it reads: escaped, its controls and bidi overrides made visible."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(visible(value), quote=True))


def _children(children: Iterable[object]) -> str:
    out = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str | int | float):
            out.append(esc(child))
        else:
            out.append(_children(child))  # type: ignore[arg-type]
    return "".join(out)


VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})


def el(tag: str, attrs: dict[str, object] | None = None, *children: object) -> Html:
    """``<tag attrs>children</tag>``: attribute values and texts escaped; an attribute
    that is None or False is left out, True writes it bare."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in VOID:
        return Html(opening)
    return Html(f"{opening}{_children(children)}</{tag}>")


def join(*parts: object) -> Html:
    return Html(_children(parts))


def data_json(value: object) -> str:
    """A value for a data- attribute that the page's script reads with JSON.parse
    (``el`` escapes it as any attribute)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
