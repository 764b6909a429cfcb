"""What a kind declares: the shapes ``kinds/<kind>.py`` fills in and ``registry`` reads.

A module of ``kinds/`` exports one ``Spec``: its events (how each folds, what the
timeline and an undo notice say of it), its readable tables, the entries
``entry_edited`` / ``entry_deleted`` may name, the step kinds it runs, what it does
when something it hangs on leaves the board, and what the analysis views and the
report show of it. Plain dataclasses and functions: nothing is discovered, the
registry lists every spec by name.

The declarations are made once, as the tool starts, and never compared or printed:
``record(eq=False)`` makes them frozen dataclasses compared by identity, with nothing
compiled for them as the class is made (which the start pays for every class: see
``record``; a docstring of its own spares the one ``dataclass`` would write from the
signature). The values a kind computes (``Section``, ``Column``, ``MomentColumn``) are
compared by value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, Protocol

from workshop.core.checks import Check
from workshop.core.events import Event
from workshop.core.record import record
from workshop.core.state import Moment, SessionState, Step
from workshop.i18n import N_

if TYPE_CHECKING:  # migrations get it; folding and reading need none
    import sqlite_utils

Key = tuple[Any, ...]
Row = dict[str, Any]
Tr = Callable[..., str]  # a translator: t, or one bound to another language
Fold = Callable[[SessionState, Event], None]


# ---- events ---------------------------------------------------------------------------


class Links(Protocol):
    """What the timeline knows of the entries made so far, as it reads the log."""

    def made(self, entity: str, key: Any) -> tuple[int | None, int | None]:
        """(participant, moment) of an entry made earlier: (None, None) if unknown."""

    def note(self, name: str, key: Any, value: Any) -> None:
        """Remember something later events of the log need (a round's target)."""

    def noted(self, name: str, key: Any) -> Any:
        """What ``note`` remembered, or None."""


@record(eq=False)
class Creates:
    """An event that makes an entry: its id field, filled in by ``Store.record`` with a
    fresh id when the caller leaves it out."""

    field: str  # "mid"
    counter: str  # the name its ids are counted under ("moments")
    existing: Callable[[SessionState], Collection[int]]  # the ids in use now
    entity: str | None = None  # the entry it makes, for the timeline ("moment")


@record(eq=False)
class EventSpec:
    """An event kind: how it folds onto the state, the data it carries, and what the
    timeline, an undo and the replay say of it."""

    name: str
    fold: Fold  # check the rules (RuleError), then change the state
    required: tuple[str, ...] = ()  # data fields it must carry; optional ones are not listed
    fields: Mapping[str, Check] = field(default_factory=dict)  # types where FIELDS does not say
    undoable: bool = True  # ctrl+z walks back over it (navigation and the clock are not)
    creates: Creates | None = None
    # What the timeline files it under (one of the categories the specs declare), or how
    # to tell from its data.
    category: str | Callable[[Mapping[str, Any]], str] = "session"
    contributes: bool = False  # a participant adds to the board by it
    mark: str | None = None  # a mark on the replay's scrubber ("vote")
    # What it did, in a few words ("Undone: …", the replay's list of events).
    describe: Callable[[Event, SessionState], str] | None = None
    replay: Callable[[Event, SessionState], str] | None = None  # where the replay says it otherwise
    # The moments it concerns where that is not its "mid" field; may note() for later.
    moments: Callable[[Mapping[str, Any], Links], tuple[int, ...]] | None = None
    # The participant it is by where that is not its "pid" field.
    by: Callable[[Mapping[str, Any], Links], int | None] | None = None
    # It gives participant "pid" a real name ("name"): the fold keeps every name each
    # participant was ever given (``SessionState.names_given``), for names.py to replace.
    names: bool = False


# ---- tables ----------------------------------------------------------------------------


@record(eq=False)
class Table:
    """A readable table: plain rows for sqlite3 and Datasette, always equal to the fold."""

    name: str
    pk: tuple[str, ...]
    columns: Mapping[str, type]  # as the migrations build it now
    keys: Callable[[SessionState], Iterable[Key]]  # every row's key
    row: Callable[[SessionState, Key], Row | None]  # the row of one key, None once it is gone
    # The keys whose row may differ since the state's containers were settled; None:
    # compare every row with what was written last (a table of one row).
    changed: Callable[[SessionState], Sequence[Key]] | None
    # For people reading the file (Datasette, SQL): the table each column holding another
    # table's key points at (a declared foreign key), and the column that names a row.
    references: Mapping[str, str] = field(default_factory=dict)
    label: str | None = None
    # The key as SQL, where a part of it may be NULL (a dot is on a moment or on an
    # idea): a unique index on these expressions, not a primary key, holds it.
    key_sql: tuple[str, ...] = ()
    # The rows of the changed keys are compared with the rows last written, and only
    # those that differ are written: a small table whose entries change where its rows
    # do not (a step's time spent on it changes with every event; its row holds none).
    compared: bool = False

    @property
    def key_columns(self) -> tuple[str, ...]:
        """What a row is found by in SQL, one expression per part of its key."""
        return self.key_sql or self.pk


@record(eq=False)
class Migration:
    """A change to the file's schema, named in order after the ones before it
    ("m004_rankings"). Frozen once released: a later change is another migration."""

    name: str
    apply: Callable[[sqlite_utils.Database], None]


# ---- what a kind gives a study of many sessions ------------------------------------------


class Ids:
    """A session's entries as a study names them: the session's UUID and the entry,
    unique across every session merged ("<uuid>:m2" is moment 2 of that session)."""

    def __init__(self, session: str):
        self.session = session

    def __call__(self, letter: str, *key: object) -> str | None:
        """The study's id of an entry, None for none (a moment id that is None)."""
        if any(k is None for k in key):
            return None
        return f"{self.session}:{letter}" + ":".join(str(k) for k in key)


@record(eq=False)
class StudyColumn:
    """A column of a study table, described for the people who read the study."""

    name: str  # self-explaining: moment_id, participant_id, step_number
    type: type
    description: str  # for people (Datasette shows it): what it holds, in English
    references: str | None = None  # the study table whose key it holds ("moments")


@record(eq=False)
class StudyTable:
    """A table of the study database (``workshop study build``): one row per entry of
    each session, keyed across sessions (``Ids``). The builder adds the session's own
    columns (its UUID, title, date…) and the researcher's tags to every row."""

    name: str
    title: str
    description: str
    columns: tuple[StudyColumn, ...]  # the first is the key
    rows: Callable[[SessionState, Ids], Iterable[Row]]
    label: str | None = None  # the column that names a row where another points at it
    facets: tuple[str, ...] = ()  # columns worth filtering by


# ---- entries that entry_edited and entry_deleted name ------------------------------------


@record(eq=False)
class Entity:
    """An entry ``entry_edited`` and ``entry_deleted`` may name: where the state keeps
    it, what an edit may change and how it leaves the board."""

    name: str  # "moment", as entry_edited names it
    items: Callable[[SessionState], MutableMapping[int, Any]]
    # Fields besides the text an edit may change, each with how it is read.
    editable: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    # Take it off the board with what hangs on it (the registry's hooks run after).
    delete: Callable[[SessionState, int], None] | None = None


# ---- steps -----------------------------------------------------------------------------


class ReportWords(Protocol):
    """What a kind's report section needs from the report: its language and numbers,
    and the session's text made safe for the page (names replaced in a pseudonym copy)."""

    state: SessionState

    def t(self, message: str, /, **values: object) -> str: ...

    def num(self, value: float | None, digits: int = 1) -> str: ...

    def text(self, value: object) -> str: ...

    def moment(self, mid: int | None) -> str: ...


@record
class Column:
    """A column of a report section's table."""

    label: str
    weight: float = 1.0  # share of the page's width
    numeric: bool = False


@record
class Section:
    """What a kind adds to the report's chapter of priorities, beside the dot votes: a
    heading, its words, a table and a bar chart, all already in the report's language."""

    key: str  # unique in the report ("ranking_2")
    heading: str
    paragraphs: tuple[str, ...] = ()
    note: str = ""  # set apart, e.g. why there are no results
    caption: str = ""
    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    chart_title: str = ""
    axis: str = ""
    bars: tuple[tuple[str, float, str], ...] = ()  # (label, value, value as written)


@record
class MomentColumn:
    """A column a kind adds to the gaps step's table: one value per moment."""

    key: str
    heading: str
    values: Mapping[int, float]  # mid -> value (missing: no value)
    digits: int = 0


# ---- what a participant's phone may send (the room) --------------------------------------


@record(eq=False)
class PhoneField:
    """One value a phone fills in for an entry, and the shape the room checks before the
    kind's own rules see it (``workshop.room`` draws the form from it)."""

    name: str  # the event's field ("text", "stage", "value")
    # "text"; "choice" (one of ``choices``); "number" (a whole number from ``low`` to
    # ``high``); "moment" (a moment on the board); "item" (what the step's vote counts);
    # "order" (a list of at most ``high`` items, first place first)
    kind: str
    label: Callable[[Tr], str] | None = None
    choices: tuple[tuple[str, Callable[[Tr], str]], ...] = ()  # (value, its words)
    low: int = 0
    high: int = 0
    required: bool = True
    shown: Callable[[int], str] | None = None  # how a number is written on its button


@record(eq=False)
class PhoneEntry:
    """Something a participant may send from a phone during a step of this kind: the
    event it records and the fields the phone fills in. Who sent it, that it came from a
    phone and the phone's own id for it are the room's to add."""

    name: str  # how the page and the request call it ("moment")
    event: str  # the event it records ("moment_added")
    label: Callable[[Tr], str]
    fields: tuple[PhoneField, ...] = ()
    # Offered under each moment on the board (a rating): it carries that moment's "mid".
    per_moment: bool = False
    # A text for the board: held for the facilitator to accept first when the session
    # moderates what phones send.
    moderated: bool = False
    # Data the step adds to what the phone sent (a vote's round, the card an idea
    # answers), or None when the step takes no such entry now (the vote is revealed).
    context: Callable[[SessionState, Step, Mapping[str, Any]],
                      dict[str, Any] | None] | None = None
    # What this participant gave already for these fields (a rating's value), or None.
    given: Callable[[SessionState, int, Mapping[str, Any]], Any] | None = None


@record(eq=False)
class StepKind:
    """A step kind a script may name: its options, what opens it, and what the gaps
    step, the report, ``workshop show`` and the phones get of it."""

    name: str  # as a script's heading names it: {kind=vote}
    label: Callable[[Tr], str]  # "Vote", in the translator's language
    aliases: tuple[str, ...] = ()  # other spellings a script may use ("wrap-up")
    # The options a script's heading may give and how each is read (``kinds.options``:
    # the value as written -> as stored, or ValueError with the message to show), and
    # the message for an option it does not know ({key}, {known}).
    options: Mapping[str, Callable[[str], Any]] = field(default_factory=dict)
    unknown_option: str = N_("Unknown option “{key}” for a {kind} step: use {known}.")
    # The options as the session stores them, from those given and the front matter.
    defaults: Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]] | None = None
    option_fields: Mapping[str, Check] = field(default_factory=dict)  # their types in a file
    # Allowed but probably not meant, for `workshop check`: (step number, step's kind and
    # options, kinds of the steps before) -> warnings.
    warnings: Callable[[int, Mapping[str, Any], Collection[str]], list[str]] | None = None
    # What must be recorded before the step can be worked (a vote step's vote): the
    # events, decided here in the core, that the screen records when it shows the step.
    opening: Callable[[SessionState, Step], list[tuple[str, dict[str, Any]]]] | None = None
    # Beside the dot votes: a column per moment in the gaps step, sections in the report.
    gap_columns: Callable[[SessionState, Tr], list[MomentColumn]] | None = None
    report: Callable[[ReportWords], list[Section]] | None = None
    # Lines for `workshop show`, after the votes.
    summary: Callable[[SessionState], list[str]] | None = None
    # What participants may send from their phones while the step runs (the room).
    phone: tuple[PhoneEntry, ...] = ()


# ---- a module's whole declaration --------------------------------------------------------


@record(eq=False)
class Spec:
    """One kind's whole declaration, as ``registry`` lists it."""

    name: str
    events: tuple[EventSpec, ...] = ()
    tables: tuple[Table, ...] = ()
    study: tuple[StudyTable, ...] = ()  # its tables in a study of many sessions
    entities: tuple[Entity, ...] = ()
    steps: tuple[StepKind, ...] = ()
    migrations: tuple[Migration, ...] = ()
    categories: Mapping[str, Callable[[Tr], str]] = field(default_factory=dict)  # timeline's
    # What hangs on the board's entries. ``refuse_*`` say why an entry may not go (in
    # the user's words; None: it may), before anything changes; ``deleted`` and
    # ``merged`` then drop or move what hangs on it. Entries: "moment", "idea", "note"…
    # with their id.
    refuse_delete: Callable[[SessionState, str, int], str | None] | None = None
    deleted: Callable[[SessionState, str, int], None] | None = None
    refuse_merge: Callable[[SessionState, int, int], str | None] | None = None
    merged: Callable[[SessionState, int, int], None] | None = None
    # An undo re-folds the log: results the room has seen must not change (None: fine).
    final: Callable[[SessionState, SessionState], str | None] | None = None
    # Lines under a moment on the board (`workshop replay --at`): (state, moment, who).
    board: Callable[[SessionState, Moment, Callable[[int | None], str]], list[str]] | None = None
    # Sees every event before it folds: raises RuleError to refuse it, or returns what to
    # do once it has folded (a phone's proposal marked as accepted), or None.
    watch: Callable[[SessionState, Event], Callable[[], None] | None] | None = None
