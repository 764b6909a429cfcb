"""``@record``: a dataclass for which nothing is compiled as the class is made.

Python 3.11's ``@dataclass(frozen=True)`` writes six methods for every class as source
text and compiles each (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``): 0.5-0.6 ms a class of eight fields, most of it the
compiling (``__init__`` alone 0.26 ms), and the TUI's start makes some fifty of our
classes before its first frame. ``record`` makes what ``dataclass(init=False, eq=False,
repr=False)`` would make of the class, the fields only (``_fields``: itself for a plain
class, dataclass for any other), and gives the class:

- an ``__init__`` made from one code object per number of fields, renamed for the class
  (``CodeType.replace``): the same signature as dataclass's (positional or by keyword,
  defaults, default factories) and the same work per call. The code objects are the
  functions of core/_record_inits.py, written by tools/record_inits.py from ``_source``,
  so they come from its bytecode file: compiling the thirteen the core uses cost ~3 ms
  of every start; a record wider than that module goes compiles its own once per process;
- for a frozen class, ``__setattr__`` and ``__delattr__`` that refuse any change
  (``FrozenInstanceError``, as dataclass's), and the pickling methods a frozen slotted
  dataclass has;
- ``__eq__``, ``__hash__`` and ``__repr__`` made from one ``operator.attrgetter`` of its
  fields, as dataclass's: equal when of the same class with equal compared fields
  (``field(compare=False)`` left out), the hash of the tuple of those fields
  (unhashable when not frozen), the repr ``Name(field=value, …)``. With ``eq=False``
  none of the three: compared by identity (the kinds' declarations).

``fields``, ``replace``, ``asdict`` and ``is_dataclass`` see an ordinary dataclass.
Measured on forty eight-field classes (Python 3.11.7, 2026-12-01, load 6,
benchmarks/bench_core_import.py): 0.70 ms a class with ``@dataclass(frozen=True,
slots=True)``, 0.05 ms with ``@record(slots=True)``; making an instance takes the same
time (1.1 µs for five arguments and three defaults). What a
record does not support (``init=False`` or keyword-only fields, ``__post_init__``, a
``__setattr__`` of its own) is refused as the class is made; none has an ``InitVar``.

Python 3.11 to 3.13 (tests/test_record.py compares the classes with dataclass's). Public
names but one: ``dataclasses.fields`` keeps the Fields whose ``_field_type`` is
``dataclasses._FIELD``, which ``_fields`` sets as dataclass does. Also relied on: the
``__dataclass_fields__`` dict that ``fields``, ``replace``, ``asdict`` and
``is_dataclass`` read, and ``CodeType.replace`` on the templates.
"""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound=type)
R = TypeVar("R")


class _Factory:
    """The default of a field with a default factory, until ``__init__`` calls it."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


# The mark dataclasses.fields() keeps a Field by, which dataclass's own _get_field sets
# (Python 3.11 to 3.13): the one private name this module uses.
_FIELD = dataclasses._FIELD  # type: ignore[attr-defined]
# Annotations dataclass treats as no field, or as a marker (by name, or what the name
# stands for in the class's module: their ids here): such a class goes to dataclass.
_MARKERS = frozenset(map(id, (ClassVar, dataclasses.InitVar, dataclasses.KW_ONLY)))
# The Pythons _fields was compared on; a later one (3.14 makes annotations lazily and gives
# Field a doc) has every class made by dataclass until it is compared there too.
_COMPARED = sys.version_info < (3, 14)


@cache
def _given(slots: bool) -> dict[str, Any]:
    """What ``dataclass(init=False, eq=False, repr=False, slots=slots)`` gives any class,
    whatever its fields, taken from a class it made: ``__dataclass_params__`` (its type is
    private, its arguments differ between Pythons) and, from Python 3.13, ``__replace__``."""

    class Probe:
        """A class with no field."""

    made = vars(dataclass(Probe, init=False, eq=False, repr=False, slots=slots))
    return {name: made[name] for name in ("__dataclass_params__", "__replace__") if name in made}


def _fields(cls: type, slots: bool) -> type:
    """``dataclass(cls, init=False, eq=False, repr=False, slots=slots)``, the fields made
    here for a plain class (no base but object, a docstring, every annotation a field):
    dataclass's own work per field (looking for ``ClassVar`` and ``InitVar`` in each
    annotation, by regular expression and module lookups) was ~2 ms of each start. The
    class gets what dataclass gives it: ``__dataclass_fields__`` (the Fields as
    ``field()`` makes them, named and typed), ``_given``'s, ``__match_args__``, defaults
    as class attributes, and with ``slots`` a new class with those slots. Any other class
    is dataclass's."""
    own = cls.__dict__
    annotations: dict[str, Any] = own.get("__annotations__", {})
    if (not _COMPARED or cls.__bases__ != (object,) or type(cls) is not type or not cls.__doc__
            or "__slots__" in own or _any_marked(cls, annotations)):
        return dataclass(cls, init=False, eq=False, repr=False, slots=slots)
    every: dict[str, dataclasses.Field[Any]] = {}
    for name, kind in annotations.items():
        f: Any = getattr(cls, name, MISSING)
        declared = isinstance(f, dataclasses.Field)  # field(...) in the class's body
        if not declared:
            f = dataclasses.field(default=f)
        f.name, f.type, f._field_type = name, kind, _FIELD
        if f.kw_only is MISSING:
            f.kw_only = False
        if f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not "
                             "allowed: use default_factory")
        every[name] = f
        if declared:  # the class keeps the field's default, or nothing
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    for name, value in own.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    cls.__dataclass_fields__ = every  # type: ignore[attr-defined]
    for name, value in {**_given(slots), "__match_args__": tuple(every)}.items():
        if name not in own:
            setattr(cls, name, value)
    if not slots:
        return cls
    body = {name: value for name, value in own.items()
            if name not in every and name not in ("__dict__", "__weakref__")}
    made = type(cls.__name__, cls.__bases__, {**body, "__slots__": tuple(every)})
    made.__qualname__ = cls.__qualname__
    return made


def _any_marked(cls: type, annotations: dict[str, Any]) -> bool:
    """Whether an annotation may be a ClassVar, InitVar or KW_ONLY, which dataclass makes
    no field of: named so, or (a string) headed by another name the class's module gives
    one of them (``from typing import ClassVar as Shared``: "Shared[int]"), as dataclass
    looks it up."""
    module = sys.modules.get(cls.__module__)
    names: dict[str, Any] = vars(module) if module is not None else {}
    for kind in annotations.values():
        text = kind if isinstance(kind, str) else repr(kind)
        if "ClassVar" in text or "InitVar" in text or "KW_ONLY" in text:
            return True
        if isinstance(kind, str) and id(names.get(kind.partition("[")[0].strip())) in _MARKERS:
            return True
    return False


def _source(n: int, name: str = "__init__") -> str:
    """The text of an ``__init__`` taking ``n`` fields, each set with ``object.__setattr__``
    (its factory called where the default was left): parameters and attribute names are
    placeholders, renamed for each class."""
    params = [f"__record_{i}__" for i in range(n)]
    lines = [f"    __record_set__(self, {p!r}, {p} if {p} is not __record_factory__ "
             f"else __record_make_{i}__())" for i, p in enumerate(params)] or ["    pass"]
    return f"def {name}({', '.join(['self', *params])}):\n" + "\n".join(lines) + "\n"


@cache
def _template(n: int) -> types.CodeType:
    """``_source(n)``'s code: from core/_record_inits.py (its bytecode file, nothing
    compiled), or compiled here for a record wider than that module goes."""
    from workshop.core._record_inits import INITS

    if n < len(INITS):
        return cast(types.CodeType, INITS[n].__code__)
    namespace: dict[str, Any] = {}
    exec(compile(_source(n), "<record>", "exec"), namespace)
    return cast(types.FunctionType, namespace["__init__"]).__code__


def _init(cls: type) -> Callable[..., None]:
    every = fields(cls)
    names = tuple(f.name for f in every)
    refused = [f.name for f in every if not f.init or f.kw_only is True]
    if refused or "self" in names or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: a record's fields are all plain __init__ "
                        "arguments, without __post_init__")
    defaults: list[Any] = []
    for f in every:
        if f.default is not MISSING:
            defaults.append(f.default)
        elif f.default_factory is not MISSING:
            defaults.append(_FACTORY)
        elif defaults:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    code = _template(len(names))
    placeholders = dict(zip(code.co_varnames[1:], names, strict=True))
    code = code.replace(co_varnames=("self", *names), co_name="__init__",
                        co_qualname=f"{cls.__qualname__}.__init__",
                        co_consts=tuple(placeholders.get(c, c) if isinstance(c, str) else c
                                        for c in code.co_consts))
    scope: dict[str, Any] = {"__builtins__": __builtins__, "__record_set__": object.__setattr__,
                             "__record_factory__": _FACTORY}
    for i, f in enumerate(every):
        if f.default_factory is not MISSING:
            scope[f"__record_make_{i}__"] = f.default_factory
    init = types.FunctionType(code, scope, "__init__", tuple(defaults) or None)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in every}, "return": None}
    return init


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object (a tuple for one name or none too)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _value_methods(cls: type, frozen: bool) -> dict[str, Any]:
    every = fields(cls)
    compared = tuple(f.name for f in every if f.compare)
    hashed = tuple(f.name for f in every if (f.compare if f.hash is None else f.hash))
    shown = tuple(f.name for f in every if f.repr)
    key, hash_key = _getter(compared), _getter(hashed)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hash_key(self))

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        method.__module__ = cls.__module__
    # Mutable and compared by value: unhashable, as dataclass makes it.
    return {"__eq__": __eq__, "__hash__": __hash__ if frozen else None, "__repr__": __repr__}


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:  # a frozen slotted record pickled or copied
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(fields(self), state, strict=True):
        object.__setattr__(self, f.name, value)


@overload
def record(cls: T, /) -> T: ...


@overload
def record(*, frozen: bool = True, slots: bool = False, eq: bool = True
           ) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True)
def record(cls: Any = None, /, *, frozen: bool = True, slots: bool = False,
           eq: bool = True) -> Any:
    """``@dataclass(frozen=True)`` (``frozen``, ``slots`` and ``eq`` as dataclass's, but
    ``eq=False`` also keeps object's repr), with nothing compiled for the class."""

    def make(cls: T) -> T:
        if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
            raise TypeError(f"{cls.__qualname__}: a record has no __setattr__ of its own")
        made = cast(T, _fields(cls, slots))
        names = tuple(f.name for f in fields(made))
        methods: dict[str, Any] = {"__init__": _init(made), "__record_values__": _getter(names),
                                   "__record_index__": {name: i for i, name in enumerate(names)}}
        if frozen:
            methods.update(__setattr__=_refuse_set, __delattr__=_refuse_delete)
            if slots:
                methods.update(__getstate__=_getstate, __setstate__=_setstate)
        if eq:
            methods.update(_value_methods(made, frozen))
        for name, method in methods.items():
            setattr(made, name, method)
        return made

    return make if cls is None else make(cls)


def replace(obj: R, /, **changes: Any) -> R:
    """``dataclasses.replace`` for a record: its values read at once, the changed ones put
    in their places, the class called with them (3.6 µs against 5.4 for a ten-field
    ``Step``, which the fold gives a new dwell at nearly every event). Any other
    dataclass goes to ``dataclasses.replace``."""
    cls = obj.__class__
    own = vars(cls)
    index = own.get("__record_index__")
    if index is None:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    values = list(own["__record_values__"](obj))
    for name, value in changes.items():
        place = index.get(name)
        if place is None:
            raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected keyword "
                            f"argument {name!r}")
        values[place] = value
    return cast(R, cls(*values))
