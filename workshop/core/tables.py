"""The readable tables as the fold says they should be (``kinds.registry.TABLES``).

``table_rows`` gives a whole table (exports, rebuilding, the consistency tests);
``changed_rows`` only the rows a change may have touched, for ``Store.record``.
"""

from __future__ import annotations

from collections.abc import Iterator

from workshop.core.kinds.registry import TABLES
from workshop.core.kinds.spec import Key, Row
from workshop.core.state import SessionState

__all__ = ["TABLES", "all_keys", "changed_rows", "key_order", "table_rows"]


def all_keys(s: SessionState, table: str) -> list[Key]:
    return list(TABLES[table].keys(s))


def table_rows(s: SessionState, table: str) -> dict[Key, Row]:
    """Every row a table should hold for this state, by primary key."""
    spec = TABLES[table]
    out = {}
    for key in spec.keys(s):
        row = spec.row(s, key)
        if row is not None:
            out[key] = row
    return out


def changed_rows(s: SessionState, written: dict[str, dict[Key, Row]]
                 ) -> Iterator[tuple[str, Key, Row | None]]:
    """(table, key, row or None when it is gone) for each row that may differ since the
    state's containers were last settled, tables in order, keys sorted: the same events
    always write the same file. ``written`` holds the rows last written of the tables
    that are compared whole (one row) or row by row (``Table.compared``); it is
    brought up to date.

    Called on every change, with most tables untouched: a table with no changed key,
    or a one-row table equal to what was written, costs one call and one test."""
    for name, spec in TABLES.items():
        if spec.changed is None:
            now = table_rows(s, name)
            before = written.get(name, {})
            if now == before:
                continue
            for key in sorted(before.keys() - now.keys()):
                yield name, key, None
            for key in sorted(now):
                if before.get(key) != now[key]:
                    yield name, key, now[key]
            written[name] = now
            continue
        keys = spec.changed(s)
        if not keys:
            continue
        if len(keys) > 1:  # (a container's changed keys are a set: no fixed order)
            keys = sorted(set(keys), key=key_order)
        if spec.compared:
            before = written.setdefault(name, {})
            for key in keys:
                row = spec.row(s, key)
                if before.get(key) != row:
                    yield name, key, row
                    if row is None:
                        del before[key]
                    else:
                        before[key] = row
            continue
        for key in keys:
            yield name, key, spec.row(s, key)


def key_order(key: Key) -> tuple[tuple[bool, object], ...]:
    """Keys in a fixed order even where a part may be None."""
    return tuple((part is None, part if part is not None else 0) for part in key)
