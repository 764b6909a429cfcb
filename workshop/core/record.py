"""``@record``: a dataclass whose value methods are not compiled for it.

Python 3.11's ``@dataclass(frozen=True)`` writes six methods for every class as source
text and compiles each (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``): about half a millisecond a class, and the TUI's start
makes some forty of our classes before its first frame. ``record`` lets ``dataclass``
compile only what depends on the class's own shape (``__init__``, and for a frozen class
the two methods that refuse a change), and gives it ``__eq__``, ``__hash__`` and
``__repr__`` made from one ``operator.attrgetter`` of its fields, with no compiling.
Measured on forty five-field classes (Python 3.11.7): 0.48 ms a class with
``@dataclass(frozen=True)``, 0.28 ms with ``@record``.

What they do is what ``dataclass`` generates: equal when of the same class with equal
compared fields (``field(compare=False)`` left out), the hash of the tuple of those
fields (unhashable when not frozen), the repr ``Name(field=value, …)``. ``fields``,
``replace``, ``asdict`` and ``is_dataclass`` see an ordinary dataclass.

``declaration`` is for the kinds' declarations (``kinds/spec.py``): frozen, compared by
identity, made a few hundred times in all as the tool starts. Nothing at all is compiled
for them: one ``__init__`` written here takes the fields' arguments as dataclass's would
(about 2 µs a call against 1), and the class refuses any change. 0.03 ms a class against
0.28 with ``@dataclass(frozen=True, eq=False, repr=False)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound=type)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object (a tuple for one name or none too)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _value_methods(cls: type, frozen: bool) -> None:
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
        setattr(cls, method.__name__, method)
    if not frozen:  # mutable and compared by value: unhashable, as dataclass makes it
        cls.__hash__ = None  # type: ignore[assignment]


@overload
def record(cls: T, /) -> T: ...


@overload
def record(*, frozen: bool = True, slots: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True)
def record(cls: Any = None, /, *, frozen: bool = True, slots: bool = False) -> Any:
    """``@dataclass(frozen=True)`` (or ``frozen=False``; ``slots`` as dataclass's), its
    ``__eq__``, ``__hash__`` and ``__repr__`` shared rather than compiled per class."""

    def make(cls: T) -> T:
        made = cast(T, dataclass(cls, frozen=frozen, eq=False, repr=False, slots=slots))
        _value_methods(made, frozen)
        return made

    return make if cls is None else make(cls)


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _shared_init(cls: type) -> Callable[..., None]:
    """An ``__init__`` taking the fields as dataclass's does (positional or by keyword,
    defaults and default factories), without compiling one for the class."""
    every = fields(cls)
    if any(not f.init for f in every) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: a declaration has every field in __init__ "
                        "and no __post_init__")
    params = tuple((f.name, f.default, f.default_factory) for f in every)
    names = tuple(name for name, _, _ in params)
    set_field = object.__setattr__
    where = f"{cls.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(params):
            raise TypeError(f"{where} takes {len(params)} positional arguments "
                            f"but {len(args)} were given")
        for name, value in zip(names, args, strict=False):  # the rest: below
            if name in kwargs:
                raise TypeError(f"{where} got multiple values for argument {name!r}")
            set_field(self, name, value)
        for name, default, factory in params[len(args):]:
            if name in kwargs:
                value = kwargs.pop(name)
            elif default is not MISSING:
                value = default
            elif factory is not MISSING:
                value = factory()
            else:
                raise TypeError(f"{where} missing required argument: {name!r}")
            set_field(self, name, value)
        if kwargs:
            raise TypeError(f"{where} got an unexpected keyword argument {next(iter(kwargs))!r}")

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__module__ = cls.__module__
    return __init__


@dataclass_transform(frozen_default=True, eq_default=False)
def declaration(cls: T, /) -> T:
    """A frozen dataclass compared by identity, nothing compiled for it (see above)."""
    made = cast(T, dataclass(cls, init=False, eq=False, repr=False))
    made.__init__ = _shared_init(made)  # type: ignore[misc]
    made.__setattr__ = _refuse_set  # type: ignore[method-assign,assignment]
    made.__delattr__ = _refuse_delete  # type: ignore[method-assign,assignment]
    return made
