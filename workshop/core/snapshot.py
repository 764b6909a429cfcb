"""A snapshot of the folded state, kept in the session file, so that opening a long
session folds only the events that came after it.

The events stay the truth: a snapshot is ``fold(events up to one event)``, written by
the store and read back only where it is certainly that:

- it is signed with a key only this user can read (``key_file``): a file someone sends
  may carry a crafted snapshot, and a state is not checked field by field the way an
  event is, so a snapshot this user's store did not write is ignored and the events
  are folded instead;
- its format is this version's (``FORMAT``: a digest of the state's classes and
  fields), so a newer field is never read as missing;
- the event it stops at is still in the file as it was (its time, kind and data).

It lives in the ``meta`` table (keys ``snapshot`` and ``snapshot.1``…), compressed and
cut into values SQLite reads (``limits.MAX_VALUE_BYTES``): no change to the schema, so
files written before it open as they did, and a version without it reads the file and
ignores the rows.

The encoding is JSON laid out by the state's own type hints: an entry (a frozen
dataclass) is the list of its fields, a container the list of its items, so reading
back builds the same objects, tuples as tuples, keys as keys.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import types
import typing
import zlib
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import lru_cache
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import Any

from workshop.core.kinds import registry
from workshop.core.limits import MAX_VALUE_BYTES
from workshop.core.record import record
from workshop.core.schema import SNAPSHOT_KEY
from workshop.core.state import PARTS, SessionState
from workshop.core.tracked import Tracked, TrackedList

PREFIX = SNAPSHOT_KEY
CHUNK = min(4 * 1024 * 1024, MAX_VALUE_BYTES // 2)
KEY_BYTES = 32
MAX_PARTS = 1024  # 4 GB: far beyond any session; a crafted count is not followed

Fn = Callable[[Any], Any]


@record
class Codec:
    """How values of one type become JSON and back. None: JSON writes the value as it
    is, or gives it back as it was."""

    encode: Fn | None = None
    decode: Fn | None = None
    row: type | None = None  # an entry whose fields come back as they are: cls(*row)


SAME = Codec()
_PLAIN = (int, str, float, bool, type(None))


# ---- the codec, built from the type hints ------------------------------------------------


def _codec(tp: Any) -> Codec:
    """How a value of type ``tp`` becomes JSON and back."""
    if tp in _PLAIN or tp is Any:
        return SAME
    if tp is datetime:
        return Codec(datetime.isoformat, datetime.fromisoformat)
    if isinstance(tp, type) and is_dataclass(tp):
        return _dataclass_codec(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [_codec(a) for a in args if a is not type(None)]
        if all(c == SAME for c in inner):
            return SAME
        if len(inner) != 1:
            raise TypeError(f"no snapshot codec for {tp!r}")
        enc, dec = inner[0].encode, inner[0].decode
        return Codec(enc and (lambda v: None if v is None else enc(v)),
                     dec and (lambda v: None if v is None else dec(v)))
    if origin is tuple:  # JSON writes a tuple as a list: only reading needs a tuple
        items = [_codec(a) for a in args if a is not Ellipsis]
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(tuple, items[0])
        if all(c == SAME for c in items):
            return Codec(None, tuple)
        return Codec(
            lambda v: [c.encode(x) if c.encode else x for c, x in zip(items, v, strict=True)],
            lambda v: tuple(c.decode(x) if c.decode else x
                            for c, x in zip(items, v, strict=True)))
    if origin in (list, TrackedList, set):
        return _sequence(origin, _codec(args[0]))
    if origin in (dict, Tracked):
        return _mapping(origin, _codec(args[0]), _codec(args[1]), args[0] is str)
    raise TypeError(f"no snapshot codec for {tp!r}")


def _items(codec: Codec) -> Fn | None:
    """Decode many values of one codec at once (None: as they are)."""
    if codec.row is not None:
        cls = codec.row
        return lambda rows: starmap(cls, rows)
    dec = codec.decode
    return (lambda values: map(dec, values)) if dec is not None else None


def _sequence(build: type, item: Codec) -> Codec:
    enc, many = item.encode, _items(item)
    encode: Fn | None = (lambda v: [enc(x) for x in v]) if enc else (list if build is set else None)
    if many is None:
        return Codec(encode, None if build is list else build)
    return Codec(encode, lambda v: build(many(v)))


def _mapping(build: type, key: Codec, value: Codec, text_keys: bool) -> Codec:
    if text_keys and key == SAME and value == SAME:  # a JSON object as it is
        return Codec(None, None if build is dict else build)
    # Other keys (ids, tuples of ids): [the keys, the values], two lists.
    kenc, venc = key.encode, value.encode
    keys, values = _items(key), _items(value)

    def encode(m: Any) -> list[Any]:
        return [[kenc(k) for k in m] if kenc else list(m),
                [venc(v) for v in m.values()] if venc else list(m.values())]

    def decode(v: list[Any]) -> Any:
        return build(zip(keys(v[0]) if keys else v[0], values(v[1]) if values else v[1],
                         strict=True))
    return Codec(encode, decode)


_DATACLASS: dict[type, Codec] = {}


def _hints(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in fields(cls) if f.init]


def _dataclass_codec(cls: type) -> Codec:
    """An entry as the list of its fields, in order; built back by calling the class."""
    found = _DATACLASS.get(cls)
    if found is not None:
        return found
    names, codecs = [], []
    for name, hint in _hints(cls):
        names.append(name)
        codecs.append(_PARTS if (cls is SessionState and name == "parts") else _codec(hint))
    encs = [(name, c.encode) for name, c in zip(names, codecs, strict=True)]
    if all(enc is None for _, enc in encs) and len(names) > 1:
        encode: Fn = attrgetter(*names)  # a tuple, which JSON writes as a list
    else:
        def encode(obj: Any) -> list[Any]:
            return [enc(getattr(obj, n)) if enc else getattr(obj, n) for n, enc in encs]
    decs = [c.decode for c in codecs]
    if all(dec is None for dec in decs):
        codec = Codec(encode, lambda row: cls(*row), row=cls)
    else:
        def decode(row: list[Any]) -> Any:
            # Field by field, each one's JSON let go once it is built: reading back a
            # large state never holds the whole JSON beside the whole state.
            values = []
            for i, dec in enumerate(decs):
                values.append(dec(row[i]) if dec else row[i])
                row[i] = None
            return cls(*values)
        codec = Codec(encode, decode)
    _DATACLASS[cls] = codec
    return codec


def _part_classes() -> dict[str, type]:
    """Each kind's part of the state (``state.Part``), by name, as its factory makes it
    (every kind's module is imported by the registry)."""
    assert registry.SPECS
    return {name: type(factory()) for name, factory in sorted(PARTS.items())}


def _encode_parts(parts: dict[str, Any]) -> dict[str, Any]:
    return {name: _encoded(_dataclass_codec(cls), parts[name])
            for name, cls in _part_classes().items() if name in parts}


def _encoded(codec: Codec, value: Any) -> Any:
    return codec.encode(value) if codec.encode else value


def _decode_parts(value: dict[str, Any]) -> dict[str, Any]:
    classes = _part_classes()
    out = {name: factory() for name, factory in PARTS.items()}
    for name, row in value.items():
        decode = _dataclass_codec(classes[name]).decode
        assert decode is not None
        out[name] = decode(row)
    return out


_PARTS = Codec(_encode_parts, _decode_parts)


def _describe(tp: Any, seen: set[type]) -> str:
    """The shape of a type, every dataclass in it with its fields: two versions whose
    states differ in any field describe them differently."""
    if isinstance(tp, type) and is_dataclass(tp):
        name = f"{tp.__module__}.{tp.__qualname__}"
        if tp in seen:
            return name
        seen.add(tp)
        inner = ",".join(f"{n}:{_describe(h, seen)}" for n, h in _hints(tp))
        return f"{name}({inner})"
    args = typing.get_args(tp)
    if args:
        origin = getattr(typing.get_origin(tp), "__name__", typing.get_origin(tp))
        return f"{origin}[{','.join(_describe(a, seen) for a in args)}]"
    return getattr(tp, "__name__", repr(tp))


@lru_cache(maxsize=1)
def _format() -> str:
    seen: set[type] = set()
    shape = _describe(SessionState, seen)
    parts = ";".join(f"{name}={_describe(cls, seen)}" for name, cls in _part_classes().items())
    return hashlib.sha256(f"1|{shape}|{parts}".encode()).hexdigest()[:32]


def encode(state: SessionState) -> bytes:
    """The state as compact JSON, compressed (fast: it is written as a session closes)."""
    data = _encoded(_dataclass_codec(SessionState), state)
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                    allow_nan=False, check_circular=False).encode("utf-8"), 1)


def decode(body: bytes) -> SessionState:
    """The state back from ``encode``'s bytes compressed (the file's form)."""
    decode_tree = _dataclass_codec(SessionState).decode
    assert decode_tree is not None
    state = decode_tree(json.loads(zlib.decompress(body)))  # the JSON text let go at once
    assert isinstance(state, SessionState)
    return state


# ---- the key -----------------------------------------------------------------------------


def key_file() -> Path:
    from workshop.core.places import state_dir

    return state_dir() / "snapshot.key"


def _key(create: bool) -> bytes | None:
    """This user's key (made on first use, readable by them only), or None when it cannot
    be read or made: then no snapshot is trusted or written, and nothing else changes."""
    path = key_file()
    try:
        with open(path, "rb") as fh:
            key = fh.read(KEY_BYTES + 1)
        return key if len(key) == KEY_BYTES else None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it just now
        return _key(create=False)
    except OSError:
        return None
    key = os.urandom(KEY_BYTES)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        return None
    return key


def _event_digest(at: Any, kind: Any, data: Any) -> str:
    h = hashlib.sha256()
    for part in (at, kind, data):
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _mac(key: bytes, header: dict[str, Any], body: bytes) -> str:
    signed = json.dumps({k: v for k, v in header.items() if k != "mac"}, sort_keys=True)
    return hmac.new(key, signed.encode() + b"\x00" + body, hashlib.sha256).hexdigest()


# ---- in the file -------------------------------------------------------------------------


def write(conn: sqlite3.Connection, state: SessionState) -> bool:
    """Keep ``state`` (the fold up to its ``last_event_id``) as the file's snapshot, in
    the caller's transaction. False, with nothing written, when there is no key."""
    key = _key(create=True)
    upto = state.last_event_id
    row = conn.execute("SELECT at, kind, data FROM events WHERE id = ?", (upto,)).fetchone()
    if key is None or row is None:
        return False
    body = encode(state)
    chunks = [body[i:i + CHUNK] for i in range(0, len(body), CHUNK)] or [b""]
    header: dict[str, Any] = {"format": _format(), "upto": upto, "event": _event_digest(*row),
                              "parts": len(chunks), "size": len(body)}
    header["mac"] = _mac(key, header, body)
    conn.execute("DELETE FROM meta WHERE key = ? OR key LIKE ?", (PREFIX, PREFIX + ".%"))
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (PREFIX, json.dumps(header)))
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                     [(f"{PREFIX}.{i}", chunk) for i, chunk in enumerate(chunks, start=1)])
    return True


def upto(conn: sqlite3.Connection) -> int | None:
    """The event the file's snapshot stops at (whoever wrote it), or None."""
    header = _header(conn)
    return header["upto"] if header is not None else None


def _header(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (PREFIX,)).fetchone()
    if row is None or not isinstance(row[0], str) or len(row[0]) > 4096:
        return None
    try:
        header = json.loads(row[0])
    except ValueError:
        return None
    if not isinstance(header, dict) or not all(
            isinstance(header.get(k), int) and not isinstance(header.get(k), bool)
            for k in ("upto", "parts", "size")):
        return None
    if not all(isinstance(header.get(k), str) for k in ("format", "event", "mac")):
        return None
    return header


def read(conn: sqlite3.Connection) -> SessionState | None:
    """The file's snapshot, if this user's store wrote it for this version and the event
    it stops at is as it was; else None (fold the events)."""
    header = _header(conn)
    if (header is None or header["format"] != _format()
            or not 1 <= header["parts"] <= MAX_PARTS):
        return None
    key = _key(create=False)
    if key is None:
        return None
    row = conn.execute("SELECT at, kind, data FROM events WHERE id = ?",
                       (header["upto"],)).fetchone()
    if row is None or not hmac.compare_digest(_event_digest(*row), header["event"]):
        return None
    names = [f"{PREFIX}.{i}" for i in range(1, header["parts"] + 1)]
    parts = dict(conn.execute(
        f"SELECT key, value FROM meta WHERE key IN ({','.join('?' * len(names))})",
        names).fetchall())
    try:
        body = b"".join(parts[name] for name in names)
    except (KeyError, TypeError):
        return None
    if len(body) != header["size"] or not hmac.compare_digest(_mac(key, header, body),
                                                              header["mac"]):
        return None
    # Ours, as this version writes it: read back whole.
    del parts
    state = decode(body)
    if state.last_event_id != header["upto"]:
        return None
    return state

