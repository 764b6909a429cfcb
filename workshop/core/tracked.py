"""Containers that remember which of their entries changed.

The fold only changes the session's state; it says nothing about tables. The store
still writes only the rows a change touched: the state's containers note the keys set
or removed since they were last settled, and each table declares which container keys
map to its rows (``kinds.spec.Table.changed``). Entries are frozen dataclasses, so
every change to one is a new value set into its container, and noted.
"""

from __future__ import annotations

import copy
import gc
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import Field, fields, is_dataclass, replace
from typing import Any, ClassVar, Protocol, Self, SupportsIndex, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class DataclassInstance(Protocol):
    """Any dataclass instance: what ``dataclasses.fields`` and ``replace`` take."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


D = TypeVar("D", bound=DataclassInstance)


class Changes(set[Any]):
    """The keys of a container changed since its reader last looked: a reader of its own
    (figures kept per moment, say), which ``settle()`` leaves alone. A container holds
    it weakly: a reader that is gone costs nothing."""


class Tracked(dict[K, V]):
    """A dict that notes the keys set or removed until ``settle()``, and tells any
    reader that ``watch``es it (a copy of the dict starts with none)."""

    __slots__ = ("changed", "_readers")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        super().__init__(items)
        self.changed: set[K] = set()
        self._readers: tuple[weakref.ref[Changes], ...] = ()

    def watch(self, changes: Changes) -> None:
        """From now on, note every key set or removed in ``changes`` too."""
        self._readers = (*(r for r in self._readers if r() is not None), weakref.ref(changes))

    def __deepcopy__(self, memo: dict[int, Any]) -> Tracked[K, V]:
        # A copy tells none of this one's readers (they follow this container only).
        new: Tracked[K, V] = type(self)()
        memo[id(self)] = new
        for key, value in self.items():
            dict.__setitem__(new, copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        new.changed = copy.deepcopy(self.changed, memo)
        return new

    def _tell(self, key: Any) -> None:
        for ref in self._readers:
            changes = ref()
            if changes is not None:
                changes.add(key)

    def __setitem__(self, key: K, value: V) -> None:
        dict.__setitem__(self, key, value)
        self.changed.add(key)
        if self._readers:
            self._tell(key)

    def __delitem__(self, key: K) -> None:
        dict.__delitem__(self, key)
        self.changed.add(key)
        if self._readers:
            self._tell(key)

    def pop(self, key: K, *default: Any) -> Any:
        if key in self:
            self.changed.add(key)
            if self._readers:
                self._tell(key)
        return dict.pop(self, key, *default)

    def setdefault(self, key: K, default: V) -> V:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self.changed.update(self)
        if self._readers:
            for key in self:
                self._tell(key)
        dict.clear(self)

    def popitem(self) -> tuple[K, V]:
        key, value = dict.popitem(self)
        self.changed.add(key)
        if self._readers:
            self._tell(key)
        return key, value

    def settle(self) -> None:
        if self.changed:
            self.changed.clear()


class TrackedList(list[T]):
    """A list that notes the places set with ``[i] = …`` and the first place from which
    entries may have shifted (an insert, a removal, a move)."""

    __slots__ = ("changed", "shifted")

    def __init__(self, items: Iterable[T] = ()) -> None:
        super().__init__(items)
        self.changed: set[int] = set()
        self.shifted: int | None = None  # every place from here on may hold another entry

    def _shift(self, place: int) -> None:
        place = max(0, min(place, len(self)))
        self.shifted = place if self.shifted is None else min(self.shifted, place)

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            self._shift(index.start or 0)
            list.__setitem__(self, index, value)
            return
        list.__setitem__(self, index, value)
        self.changed.add(index if index >= 0 else len(self) + index)

    def __delitem__(self, index: Any) -> None:
        self._shift(index.start or 0 if isinstance(index, slice) else
                    index if index >= 0 else len(self) + index)
        list.__delitem__(self, index)

    def append(self, value: T) -> None:
        self._shift(len(self))
        list.append(self, value)

    def extend(self, values: Iterable[T]) -> None:
        self._shift(len(self))
        list.extend(self, values)

    def insert(self, index: SupportsIndex, value: T) -> None:
        place = index.__index__()
        self._shift(place if place >= 0 else len(self) + place)
        list.insert(self, index, value)

    def remove(self, value: T) -> None:
        self._shift(self.index(value))
        list.remove(self, value)

    def pop(self, index: SupportsIndex = -1) -> T:
        place = index.__index__()
        self._shift(place if place >= 0 else len(self) + place)
        return list.pop(self, index)

    def clear(self) -> None:
        self._shift(0)
        list.clear(self)

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._shift(0)
        list.sort(self, *args, **kwargs)

    def reverse(self) -> None:
        self._shift(0)
        list.reverse(self)

    # list's stub has + give a plain list, and mypy wants += to agree; as list's own +=
    # does, ours changes this list in place and gives it back.
    def __iadd__(self, values: Iterable[T]) -> Self:  # type: ignore[override,misc]
        self.extend(values)
        return self

    def changed_places(self) -> list[int]:
        """The places whose entry may differ since the last ``settle()``, in order."""
        if self.shifted is None and not self.changed:
            return []
        start = len(self) if self.shifted is None else self.shifted
        return sorted({i for i in self.changed if i < start} | set(range(start, len(self))))

    def settle(self) -> None:
        if self.changed:
            self.changed.clear()
        self.shifted = None


def settle(obj: Any) -> None:
    """Forget what changed in every tracked container of a dataclass, and of the parts
    it holds (a state's ``parts``: mutable dataclasses of containers)."""
    for name in _tracked_fields(type(obj)):
        getattr(obj, name).settle()
    for part in getattr(obj, "parts", {}).values():
        for name in _tracked_fields(type(part)):
            getattr(part, name).settle()


_TRACKED: dict[type, tuple[str, ...]] = {}


def _tracked_fields(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that hold tracked containers (read once per class)."""
    names = _TRACKED.get(cls)
    if names is None:
        probe = cls()
        names = _TRACKED[cls] = tuple(f.name for f in fields(cls)
                                      if isinstance(getattr(probe, f.name), Tracked | TrackedList))
    return names


def copy_containers(obj: D) -> D:
    """A copy of a dataclass whose containers are new (tracked ones stay tracked, and
    start with nothing changed) and whose entries are shared: entries are frozen, so
    a change to one in either copy is a new entry set into that copy's container."""
    return replace(obj, **{f.name: _copy(getattr(obj, f.name)) for f in fields(obj) if f.init})


def _copy(value: Any) -> Any:
    if isinstance(value, Tracked):
        return Tracked(value)
    if isinstance(value, TrackedList):
        return TrackedList(value)
    if isinstance(value, dict):
        return {k: copy_containers(v) if _holds_containers(v) else v for k, v in value.items()}
    if isinstance(value, list):
        return list(value)
    if isinstance(value, set):
        return set(value)
    return value


def _holds_containers(value: object) -> bool:
    """A mutable dataclass of containers (a state's part), as opposed to a frozen entry."""
    if not is_dataclass(value) or isinstance(value, type):
        return False
    params = getattr(value, "__dataclass_params__", None)
    return params is not None and not params.frozen


@contextmanager
def many_new_entries() -> Iterator[None]:
    """Around building a whole state at once (opening a session, a snapshot read back):
    tens of thousands of new entries, none of them in a cycle, and Python's collector
    would walk the growing heap again and again while they are made. Measured on a
    100,000-event session: reading its snapshot back took 0.6 s with the collector on,
    0.19 s with it off. It is switched back on (if it was) as soon as they are built."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
