"""``@record`` (core/record.py) behaves as the ``@dataclass`` it replaces: the same
equality, hash and repr, frozen where it was, and dataclasses' functions still work."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from collections.abc import Callable
from typing import ClassVar
from typing import ClassVar as Shared

import pytest

from workshop.core.record import record
from workshop.core.record import replace as record_replace
from workshop.core.state import Moment, SessionState


@record(slots=True)
class Point:
    """A record like the state's entries: frozen, slotted, with defaults."""

    x: int
    label: str = ""
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Twin:
    """The same fields, as ``@dataclass`` made them before."""

    x: int
    label: str = ""
    tags: tuple[str, ...] = ()


@record
class Other:
    """Another record with the same fields: never equal to a Point."""

    x: int
    label: str = ""
    tags: tuple[str, ...] = ()


@record
class One:
    """A single field: hashed as the tuple of it, as dataclass does."""

    x: int


@record(frozen=False)
class Box:
    """Mutable, with a field left out of equality and repr."""

    items: list[int] = dataclasses.field(default_factory=list)
    cache: dict[str, int] = dataclasses.field(default_factory=dict, compare=False, repr=False)


def test_equality_hash_and_repr_are_dataclass_ones() -> None:
    for values in [(1,), (2, "a"), (3, "b", ("t", "u")), (0, "", ())]:
        ours, theirs = Point(*values), Twin(*values)
        assert ours == Point(*values) and not ours != Point(*values)
        assert hash(ours) == hash(theirs)
        assert repr(ours).removeprefix("Point") == repr(theirs).removeprefix("Twin")
    assert Point(1, "a") != Point(1, "b") and Point(1) != Point(2)
    assert Point(1) != Other(1) and Point(1) != Twin(1) and Point(1) != (1, "", ())
    assert Point(1).__eq__(3) is NotImplemented
    assert len({Point(1, "a"), Point(1, "a"), Point(2, "a")}) == 2
    assert hash(One(5)) == hash((5,)) and One(5) == One(5) and One(5) != One(6)
    assert repr(One(5)) == "One(x=5)"


def test_frozen_and_slotted_as_before() -> None:
    p = Point(1, "a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.label  # type: ignore[misc]
    assert not hasattr(p, "__dict__")
    m = Moment(mid=1, text="queue")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.text = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(p)) == p


def test_dataclass_functions_still_work() -> None:
    p = Point(1, "a", ("t",))
    assert dataclasses.is_dataclass(p)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "label", "tags"]
    assert dataclasses.replace(p, x=2) == Point(2, "a", ("t",))
    assert dataclasses.asdict(p) == {"x": 1, "label": "a", "tags": ("t",)}
    assert Point.__match_args__ == ("x", "label", "tags")


def test_mutable_record_compares_by_value_and_is_unhashable() -> None:
    a, b = Box([1]), Box([1], cache={"seen": 1})
    assert a == b  # the cache is not compared
    assert repr(b) == "Box(items=[1])"
    b.items.append(2)
    assert a != b
    with pytest.raises(TypeError):
        hash(a)
    s1, s2 = SessionState(title="t"), SessionState(title="t")
    assert s1 == s2 and s1 != SessionState(title="u")
    s2.used[(1, 1)] = 3  # compare=False, as before
    assert s1 == s2


@record(eq=False)
class Declared:
    """A declaration (kinds/spec.py): frozen, compared by identity."""

    name: str
    fold: Callable[[int], int]
    required: tuple[str, ...] = ()
    fields: dict[str, int] = dataclasses.field(default_factory=dict)


def test_a_record_compared_by_identity_takes_arguments_as_a_dataclass_and_stays_frozen() -> None:
    a = Declared("moment_added", abs, ("mid",))
    b = Declared(name="moment_added", fold=abs, required=("mid",))
    assert (a.name, a.fold, a.required, a.fields) == ("moment_added", abs, ("mid",), {})
    assert (b.name, b.fold, b.required) == (a.name, a.fold, a.required)
    assert a != b and a == a and len({a, b}) == 2  # by identity, as eq=False made it
    assert a.fields is not Declared("x", abs).fields  # a factory per instance
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.fold  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'fold'"):
        Declared("x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        Declared("x", abs, name="y")  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        Declared("x", abs, nope=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="from 3 to 5 positional arguments but 6"):
        Declared("x", abs, (), {}, 5)  # type: ignore[call-arg]
    assert dataclasses.replace(a, name="y").name == "y"
    assert [f.name for f in dataclasses.fields(a)] == ["name", "fold", "required", "fields"]


def test_the_init_is_dataclass_s_one() -> None:
    """Signature, defaults, factories (a new one each time) and errors as dataclass's."""
    assert str(inspect.signature(Point)) == str(inspect.signature(Twin))
    assert str(inspect.signature(Box)) == "(items: 'list[int]' = <factory>, cache: " \
        "'dict[str, int]' = <factory>) -> None"
    assert Box().items == [] and Box().items is not Box().items
    assert Point(x=1, tags=("a",)) == Point(1, "", ("a",))
    for args, kwargs in (((), {}), ((1,), {"x": 2}), ((1, "", (), 4), {}), ((1,), {"no": 2})):
        with pytest.raises(TypeError) as ours:
            Point(*args, **kwargs)
        with pytest.raises(TypeError) as theirs:
            Twin(*args, **kwargs)
        assert str(ours.value).replace("Point", "Twin") == str(theirs.value)


def test_copies_and_pickles_keep_every_field() -> None:
    p = Point(1, "a", ("t",))
    assert copy.copy(p) == p and copy.deepcopy(p) == p
    assert pickle.loads(pickle.dumps(Box([1, 2]))) == Box([1, 2])
    state = SessionState(title="t")
    state.moments[1] = Moment(mid=1, text="queue")
    again = copy.deepcopy(state)
    assert again == state and again.moments[1] == Moment(mid=1, text="queue")


def test_what_a_record_does_not_take_is_refused_as_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="follows default argument"):
        @record
        class Wrong:
            """A field without a default after one with."""

            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="plain __init__ arguments"):
        @record
        class Later:
            """A field left out of __init__."""

            a: int
            b: int = dataclasses.field(init=False, default=0)


def test_replace_gives_what_dataclasses_replace_gives() -> None:
    p = Point(1, "a", ("t",))
    for changes in ({}, {"x": 2}, {"label": "b", "tags": ()}):
        assert record_replace(p, **changes) == dataclasses.replace(p, **changes)
    moved = record_replace(p, x=5)
    assert moved is not p and moved.tags is p.tags and p == Point(1, "a", ("t",))
    assert record_replace(Box([1]), items=[2]) == Box([2])
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        record_replace(p, nope=1)
    assert record_replace(Twin(1), x=3) == Twin(3)  # any other dataclass: dataclasses'


def test_the_init_templates_are_read_from_their_module_and_it_is_up_to_date() -> None:
    """Every record the core makes takes its ``__init__`` from core/_record_inits.py
    (nothing compiled at a start), and that module is what tools/record_inits.py writes
    from ``record._source`` now: run the tool when this fails."""
    import sys

    from tools import record_inits as tool
    from workshop.core import _record_inits
    from workshop.core import record as module

    assert tool.OUT.read_text(encoding="utf-8") == tool.module(), \
        "core/_record_inits.py is stale: run python tools/record_inits.py"
    import workshop.core.kinds.registry  # noqa: F401  (the kinds' declarations)
    import workshop.core.store  # noqa: F401

    widths = {len(dataclasses.fields(thing)) for name, mod in list(sys.modules.items())
              if name.startswith("workshop.core") for thing in vars(mod).values()
              if isinstance(thing, type) and "__record_index__" in vars(thing)}
    assert 35 in widths and max(widths) < len(_record_inits.INITS)  # SessionState's 35
    code = Point.__init__.__code__  # type: ignore[misc]
    assert code.co_filename == _record_inits.__file__
    assert code.co_code == module._template(3).co_code == _record_inits.INITS[3].__code__.co_code


def test_a_record_wider_than_the_templates_module_compiles_its_own() -> None:
    from workshop.core import _record_inits
    from workshop.core.record import record as make_record

    width = len(_record_inits.INITS) + 2
    names = [f"f{i}" for i in range(width)]
    def body() -> dict[str, object]:  # f0 without a default, then f1=1, f2=2...
        return {"__annotations__": dict.fromkeys(names, "int"),
                **{n: i for i, n in enumerate(names) if i}}

    Wide = make_record(type("Wide", (), body()))
    TwinWide = dataclasses.dataclass(frozen=True)(type("Wide", (), body()))
    values = list(range(100, 100 + width))
    assert dataclasses.astuple(Wide(*values)) == tuple(values)
    assert repr(Wide(0)) == repr(TwinWide(0))
    assert Wide.__init__.__code__.co_filename == "<record>"  # type: ignore[misc]


def _described(cls: type) -> dict[str, object]:
    """What dataclass leaves on a class, addresses and functions aside: its dict (defaults,
    Fields with every attribute, params, match args, slots), bases and metaclass."""

    def one(value: object) -> object:
        if isinstance(value, dataclasses.Field):
            return (value.name, value.type, value.default, value.default_factory, value.init,
                    value.repr, value.hash, value.compare, dict(value.metadata),
                    value.kw_only, value._field_type)  # type: ignore[attr-defined]
        if isinstance(value, dict):
            return {key: one(item) for key, item in value.items()}
        if callable(value) or inspect.isdatadescriptor(value):
            return type(value).__name__
        return value

    own = {key: repr(value) if key == "__dataclass_params__" else one(value)
           for key, value in vars(cls).items()}
    return {"dict": own, "mro": [c.__name__ for c in cls.__mro__], "type": type(cls)}


@pytest.mark.parametrize("slots", [False, True])
def test_a_records_fields_are_the_ones_dataclass_makes(
        slots: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fields record makes itself (a plain class) and those dataclass makes (a class
    with a ClassVar, which goes to dataclass) are what ``dataclass(init=False, eq=False,
    repr=False)`` makes of the same class: Fields, params, match args, defaults, slots."""
    from workshop.core import record as module

    def plain() -> type:
        class Plain:
            """Defaults of every sort."""

            a: int
            b: str = "b"
            c: list[int] = dataclasses.field(default_factory=list)
            d: int = dataclasses.field(default=4, compare=False, metadata={"m": 1})
            e: tuple[int, ...] = dataclasses.field(default=(), repr=False, hash=True)

            def method(self) -> int:
                return self.a

        return Plain

    def with_classvar() -> type:
        class Counted:
            """A ClassVar: no field."""

            a: int
            made: ClassVar[int] = 0

        return Counted

    def with_aliased_classvar() -> type:
        class Counted:
            """A ClassVar by another name ("Shared[int]" here): no field either."""

            a: int
            made: Shared[int] = 0

        return Counted

    for make in (plain, with_classvar, with_aliased_classvar):
        ours, theirs = module._fields(make(), slots), dataclasses.dataclass(
            make(), init=False, eq=False, repr=False, slots=slots)
        assert _described(ours) == _described(theirs)
    for make in (with_classvar, with_aliased_classvar):
        assert [f.name for f in dataclasses.fields(module._fields(make(), slots))] == ["a"]
    # A plain class's fields are made without dataclass (its per-field lookups: the cost).
    module._given(slots)
    monkeypatch.setattr(module, "dataclass", None)
    assert [f.name for f in dataclasses.fields(module._fields(plain(), slots))] == list("abcde")
    with pytest.raises(ValueError, match="mutable default <class 'list'> for field a"):
        @record
        class Mutable:
            """A list as a default."""

            a: list[int] = []
