"""The recorded demo session, built from its readable source.

``sessions/demo-supermarket.toml`` tells a whole focus group as timed entries (see the
comment at its top). :func:`build_demo` replays them through ``Store.create`` and
``store.record(..., at=...)``, so every domain rule checks the demo exactly as it checks a
live session, and the same source always gives the same events and the same tables.

The source names steps by kind and refers to participants, moments, ideas and notes by
short keys; the builder maps them onto the script's steps and the ids the store hands
out, so the source never copies the script nor hard-codes an id.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, overload

from workshop.core.connection import connect
from workshop.core.errors import SessionFileError, WorkshopError
from workshop.core.eventcheck import EventError, check_time
from workshop.core.events import Event
from workshop.core.filelock import write_lock
from workshop.core.kinds.vote import round_options
from workshop.core.limits import MAX_DEMO_SOURCE_BYTES, size_text
from workshop.core.store import Store
from workshop.core.targets import not_a_file
from workshop.i18n import t

# The sources that ship beside the committed demo files, by language.
SOURCES = {"en": "demo-supermarket.toml", "es": "demo-supermercado.toml"}

# What each kind of entry may carry besides `at` and its own key.
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "timer": (),
    "note": ("by", "on", "key", "insight"),
    "quote": ("by", "on", "key", "insight"),
    "moment": ("key", "stage", "touchpoint", "by", "position"),
    "stated": ("on", "by", "key"),
    "latent": ("on", "by", "key"),
    "ratings": ("on",),
    "expected": ("on",),
    "feelings": ("on",),
    "group_feeling": ("on", "split"),
    "draw": ("on",),
    "idea": ("on", "by", "prompt", "key"),
    "vote": (),
    "dots": ("by",),
    "move": ("to",),
    "merge": ("into",),
    "edit": ("text", "stage", "touchpoint", "by"),
    "delete": (),
    "undo": (),
    "action": ("on", "owner", "due", "measure", "key"),
    "next_step": ("on", "owner", "due", "measure", "key"),
    "finish": (),
    "finding": ("on", "quotes", "figures", "meaning", "todo"),
}
HEADER = ("title", "lang", "script", "client", "facilitator", "start", "spacing",
          "participant", "step")
PARTICIPANT_FIELDS = ("key", "name", "pseudonym", "segment", "consent")
# entity named in `edit = "idea:key"` -> (collection in the state, entity in events)
REFS = {"moment": ("moments", "moment"), "idea": ("ideas", "idea"),
        "note": ("notes", "note"), "quote": ("notes", "note"),
        "expectation": ("expectations", "expectation"), "action": ("actions", "action")}

_OFFSET = re.compile(r"(\d+):([0-5]\d)")

# The source and its tables as tomllib reads them: every value is checked where it is used.
Source = dict[str, Any]
Entry = dict[str, Any]


class DemoSourceError(WorkshopError):
    """The demo source cannot be built: says where (file, step, entry) and why."""


def default_source(lang: str = "en") -> Path:
    """The built-in demo source: shipped inside the package (``workshop/demos``) in an
    installed tool, at ``sessions/`` of a checkout."""
    from workshop.core.resources import demo_source

    return demo_source(SOURCES.get(lang, SOURCES["en"]))


def _a_time(iso: str) -> bool:
    """A time an event may carry (eventcheck's range), so the store never refuses it."""
    try:
        check_time(iso)
    except EventError:
        return False
    return True


def load_source(path: str | Path) -> Source:
    """The source as data; a TOML mistake is reported with its line.

    A source may be sent by anyone, so it is read as a script is: a pipe or a device is
    refused before it is opened (reading one hung the build), no more than the limit is
    read, and nesting too deep for the parser is a message, not a crash."""
    path = Path(path)
    odd = not_a_file(path)
    if odd:
        raise DemoSourceError(odd)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_DEMO_SOURCE_BYTES + 1)
        if len(raw) > MAX_DEMO_SOURCE_BYTES:
            raise DemoSourceError(t(
                "{path} is too large ({size}): a demo source may be at most {limit}.",
                path=path, size=size_text(path.stat().st_size),
                limit=size_text(MAX_DEMO_SOURCE_BYTES)))
        return tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise DemoSourceError(t("{path}: there is no such file.", path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise DemoSourceError(f"{path}: {exc}") from None
    except RecursionError:
        raise DemoSourceError(t("{path} cannot be read ({why}).", path=path,
                                why=t("it is nested too deeply"))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DemoSourceError(t("{path} cannot be read ({why}).", path=path, why=exc)) from None


def build_demo(source_path: str | Path, out_path: str | Path, *, overwrite: bool = False) -> Path:
    """Build the session file ``out_path`` from the demo source. Returns its path.

    The file is built beside ``out_path`` under a temporary name and moved into place
    only when complete, so a mistake in the source never leaves half a session behind.
    An existing file is replaced only with ``overwrite`` and only if no one has it open.
    """
    source_path, out = Path(source_path), Path(out_path)
    source = load_source(source_path)
    with contextlib.ExitStack() as held:
        if out.exists():
            if not overwrite:
                raise SessionFileError(t("{path} already exists.", path=out))
            # The write lock, held until the new file is in place: a window opening the
            # old file for writing meanwhile is refused, rather than left writing into a
            # file that is then swapped away (its entries lost). Raises SessionLockedError
            # if a window has it open now.
            held.enter_context(write_lock(out))
            Store.open(out, readonly=True).close()  # refuses a file that is not a session
        tmp = out.with_name(f".{out.name}.building")
        _remove(tmp)
        try:
            created = _Builder(source, source_path).build(tmp)
            _canonical(tmp, created)
            os.replace(tmp, out)
        finally:
            _remove(tmp)
        for suffix in ("-wal", "-shm"):  # the old file's, if any: they would not match
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    return out


def _canonical(path: Path, created: str) -> None:
    """Make the file depend on the source alone, byte for byte, so rebuilding from an
    unchanged source leaves the committed file unchanged in git.

    Three things vary from one build to the next without changing any content: the wall
    clock sqlite-utils stamps on each migration (stamped here with the session's own
    creation time), the layout of the full-text indexes, which follows the order rows
    were written in (rebuilt from their tables), and free pages (VACUUM).
    """
    stamp = datetime.fromisoformat(created).isoformat(sep=" ")
    conn = connect(path, "new")
    conn.isolation_level = None  # VACUUM cannot run inside a transaction
    try:
        conn.execute("UPDATE _sqlite_migrations SET applied_at = ?", (stamp,))
        indexes = conn.execute("SELECT name FROM sqlite_master "
                               "WHERE sql LIKE 'CREATE VIRTUAL TABLE%USING FTS5%'").fetchall()
        for (name,) in indexes:
            conn.execute(f"INSERT INTO [{name}]([{name}]) VALUES ('rebuild')")
        conn.execute("VACUUM")
    finally:
        conn.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class _Builder:
    store: Store
    start: datetime
    spacing: int
    round: int | None

    def __init__(self, source: Source, path: Path) -> None:
        self.source = source
        self.file = path
        self.where = ""  # "step 3 (moments), entry at 26:05", for error messages
        self.last = 0  # seconds after start of the latest event, to keep time moving on
        self.keys: dict[str, dict[str, int]] = {"participant": {}, "moments": {}, "ideas": {},
                                                "notes": {}, "expectations": {}, "actions": {}}
        self.draws: dict[str, int] = {}  # prompt id -> latest draw of it
        self.step = -1

    # ---- errors and lookups ---------------------------------------------------------
    def fail(self, message: str) -> DemoSourceError:
        where = f"{self.file}, {self.where}" if self.where else str(self.file)
        return DemoSourceError(f"{where}: {message}")

    @overload
    def required(self, data: Entry, key: str) -> str: ...
    @overload
    def required(self, data: Entry, key: str, kind: type[int]) -> int: ...

    def required(self, data: Entry, key: str, kind: type = str) -> Any:
        value = data.get(key)
        if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            raise self.fail(t("“{key}” is missing or of the wrong type.", key=key))
        return value

    def who(self, key: str | None) -> int | None:
        if key is None:
            return None
        if key not in self.keys["participant"]:
            raise self.fail(t("There is no participant “{key}”.", key=key))
        return self.keys["participant"][key]

    @overload
    def ref(self, collection: str, key: None) -> None: ...
    @overload
    def ref(self, collection: str, key: object) -> int: ...

    def ref(self, collection: str, key: object) -> int | None:
        if key is None:
            return None
        # A key that is not text (a crafted source) names nothing on the board.
        found = self.keys[collection].get(key) if isinstance(key, str) else None
        if found is None or found not in getattr(self.store.state, collection):
            raise self.fail(t("Nothing called “{key}” is on the board.", key=key))
        return found

    def remember(self, collection: str, key: str | None, value: int) -> None:
        if key is None:
            return
        known = self.keys[collection].get(key)
        if known is not None and known in getattr(self.store.state, collection):
            raise self.fail(t("The key “{key}” is already used.", key=key))
        self.keys[collection][key] = value

    def at(self, offset: object, extra: int = 0) -> str:
        """ISO UTC time of ``minutes:seconds`` after the start, checking time moves on."""
        found = _OFFSET.fullmatch(str(offset))
        if not found:
            raise self.fail(t("Times are minutes:seconds after the start, like 12:05, "
                              "not “{value}”.", value=offset))
        seconds = int(found.group(1)) * 60 + int(found.group(2)) + extra
        if seconds < self.last:
            raise self.fail(t("This entry is earlier than the one before it."))
        self.last = seconds
        try:
            when = (self.start + timedelta(seconds=seconds)).astimezone(UTC).isoformat(
                timespec="milliseconds")
        except (OverflowError, ValueError):  # past the year 9999, or minutes beyond a C int
            when = None
        if when is None or not _a_time(when):
            raise self.fail(t("The time “{value}” is too far from the start.",
                              value=offset)) from None
        return when

    def record(self, kind: str, at: str, **data: Any) -> Event:
        try:
            return self.store.record(kind, at=at, **data)
        except WorkshopError as exc:
            raise self.fail(str(exc)) from None

    # ---- the whole session --------------------------------------------------------
    def build(self, path: Path) -> str:
        """Record the whole session into a new file; returns its creation time."""
        from workshop.core.scripts import load_script

        src = self.source
        unknown = sorted(set(src) - set(HEADER))
        if unknown:
            raise self.fail(t("Unknown setting “{key}”.", key=unknown[0]))
        for key in ("title", "lang", "script"):
            self.required(src, key)
        start = str(src.get("start", ""))  # quoted, or a TOML date-time
        start_at = datetime.fromisoformat(start) if _is_iso(start) else None
        if start_at is None or start_at.tzinfo is None or not _a_time(start):
            raise self.fail(t("start must be a local time with its offset, like "
                              "2026-10-14T17:30:00+02:00."))
        self.start = start_at
        spacing = src.get("spacing", 4)
        if not isinstance(spacing, int) or isinstance(spacing, bool) or spacing < 0:
            raise self.fail(t("spacing is a whole number of seconds."))
        self.spacing = spacing
        script = load_script(src["script"], lang=src["lang"]).to_dict()
        people = []
        for n, p in enumerate(src.get("participant", []), start=1):
            self.where = t("participant {n}", n=n)
            extra = sorted(set(p) - set(PARTICIPANT_FIELDS))
            if extra:
                raise self.fail(t("Unknown setting “{key}”.", key=extra[0]))
            key = self.required(p, "key")
            if key in self.keys["participant"]:
                raise self.fail(t("The key “{key}” is already used.", key=key))
            self.keys["participant"][key] = n
            people.append({"pid": n, "pseudonym": self.required(p, "pseudonym"),
                           "name": p.get("name"), "segment": p.get("segment"),
                           "consent": bool(p.get("consent", False))})
        self.where = ""
        created = self.at("00:00")
        try:
            self.store = Store.create(path, title=src["title"], script=script, lang=src["lang"],
                                      client=src.get("client", ""),
                                      facilitator=src.get("facilitator", ""),
                                      participants=people, at=created)
        except WorkshopError as exc:
            raise self.fail(str(exc)) from None
        try:
            self.steps(script["steps"], src.get("step", []))
        finally:
            self.store.close()
        return created

    def steps(self, script_steps: list[dict[str, Any]], source_steps: list[Entry]) -> None:
        entered = set()
        for n, step in enumerate(source_steps, start=1):
            kind = step.get("kind")
            self.where = t("step {n} ({kind})", n=n, kind=kind)
            index = self.match(script_steps, step)
            entered.add(index)
            self.step = index
            self.record("step_entered", self.at(self.required(step, "at")), step=index)
            self.round = None
            for entry in step.get("entry", []):
                self.where = t("step {n} ({kind}), entry at {at}", n=n, kind=kind,
                               at=entry.get("at"))
                self.entry(entry)
        self.where = ""
        missing = [i for i in range(len(script_steps)) if i not in entered]
        if missing:
            raise self.fail(t("The demo never enters step {n} of the script ({title}).",
                            n=missing[0] + 1, title=script_steps[missing[0]]["title"]))

    def match(self, script_steps: list[dict[str, Any]], step: Entry) -> int:
        """The first step of the script after the current one with this kind (and target)."""
        extra = sorted(set(step) - {"kind", "target", "at", "entry"})
        if extra:
            raise self.fail(t("Unknown setting “{key}”.", key=extra[0]))
        for index in range(self.step + 1, len(script_steps)):
            candidate = script_steps[index]
            if candidate["kind"] != step.get("kind"):
                continue
            if "target" in step and candidate["options"].get("target") != step["target"]:
                continue
            return index
        raise self.fail(t("The script has no {kind} step here: steps must follow the "
                          "script's order.", kind=step.get("kind")))

    # ---- one entry ----------------------------------------------------------------
    def entry(self, entry: Entry) -> None:
        actions = [k for k in entry if k in ENTRY_FIELDS]
        if len(actions) != 1:
            raise self.fail(t("Each entry does exactly one thing ({known}).",
                            known=", ".join(ENTRY_FIELDS)))
        action = actions[0]
        extra = sorted(set(entry) - {"at", action, *ENTRY_FIELDS[action]})
        if extra:
            raise self.fail(t("Unknown setting “{key}”.", key=extra[0]))
        getattr(self, f"do_{action}")(entry, entry[action], entry.get("at"))

    def do_timer(self, e: Entry, value: Any, offset: object) -> None:
        if value not in ("start", "pause"):
            raise self.fail(t("timer is start or pause."))
        kind = "timer_started" if value == "start" else "timer_paused"
        self.record(kind, self.at(offset), step=self.step)

    def _note(self, e: Entry, text: Any, offset: object, type_: str) -> None:
        insight = e.get("insight", False)
        if not isinstance(insight, bool):
            raise self.fail(t("insight is true or false."))
        ev = self.record("note_added", self.at(offset), text=self.required(e, type_), type=type_,
                         pid=self.who(e.get("by")), mid=self.ref("moments", e.get("on")),
                         step=self.step, **({"insight": True} if insight else {}))
        self.remember("notes", e.get("key"), ev.data["nid"])

    def do_note(self, e: Entry, text: Any, offset: object) -> None:
        self._note(e, text, offset, "note")

    def do_quote(self, e: Entry, text: Any, offset: object) -> None:
        self._note(e, text, offset, "quote")

    def do_moment(self, e: Entry, text: Any, offset: object) -> None:
        position = e.get("position")
        if position is not None and (not isinstance(position, int) or position < 1):
            raise self.fail(t("position counts from 1."))
        key = self.required(e, "key")
        ev = self.record("moment_added", self.at(offset), text=self.required(e, "moment"),
                         stage=e.get("stage"), touchpoint=e.get("touchpoint"),
                         pid=self.who(e.get("by")),
                         index=None if position is None else position - 1)
        self.remember("moments", key, ev.data["mid"])

    def _expectation(self, e: Entry, offset: object, type_: str) -> None:
        ev = self.record("expectation_added", self.at(offset), text=self.required(e, type_),
                         type=type_, mid=self.ref("moments", self.required(e, "on")),
                         pid=self.who(e.get("by")))
        self.remember("expectations", e.get("key"), ev.data["xid"])

    def do_stated(self, e: Entry, text: Any, offset: object) -> None:
        self._expectation(e, offset, "stated")

    def do_latent(self, e: Entry, text: Any, offset: object) -> None:
        self._expectation(e, offset, "latent")

    def do_ratings(self, e: Entry, values: Any, offset: object,
                   scale: str = "performance") -> None:
        if not isinstance(values, dict) or not values:
            raise self.fail(t("ratings give each participant's key a mark from 1 to 5."))
        mid = self.ref("moments", self.required(e, "on"))
        for n, (who, value) in enumerate(values.items()):
            self.record("rating_given", self.at(offset, n * self.spacing), mid=mid,
                        pid=self.who(who), value=value, scale=scale)

    def do_expected(self, e: Entry, values: Any, offset: object) -> None:
        self.do_ratings(e, values, offset, "expectation")

    def do_feelings(self, e: Entry, values: Any, offset: object) -> None:
        if not isinstance(values, dict) or not values:
            raise self.fail(t("feelings give each participant's key a mark from -2 to 2."))
        mid = self.ref("moments", self.required(e, "on"))
        for n, (who, value) in enumerate(values.items()):
            self.record("feeling_given", self.at(offset, n * self.spacing), mid=mid,
                        pid=self.who(who), value=value)

    def do_group_feeling(self, e: Entry, value: Any, offset: object) -> None:
        split = e.get("split")
        if split is not None and not isinstance(split, str):
            raise self.fail(t("split is a text: how split the room was."))
        self.record("group_feeling_given", self.at(offset),
                    mid=self.ref("moments", self.required(e, "on")), value=value,
                    **({"text": split} if split else {}))

    def do_draw(self, e: Entry, prompt_id: Any, offset: object) -> None:
        mid = self.ref("moments", self.required(e, "on"))
        technique, text = self.prompt(str(prompt_id), self.store.state.moments[mid].text)
        ev = self.record("prompt_drawn", self.at(offset), prompt_id=str(prompt_id),
                         technique=technique, text=text, mid=mid)
        self.draws[str(prompt_id)] = ev.data["did"]

    def prompt(self, prompt_id: str, moment: str) -> tuple[str, str]:
        """The technique and text of a card in the session's deck, for this moment."""
        from workshop.core.prompts import load_deck

        try:
            card = load_deck(self.source["lang"]).prompt(prompt_id)
        except WorkshopError as exc:
            raise self.fail(str(exc)) from None
        return card.technique, card.fill(moment)

    def do_idea(self, e: Entry, text: Any, offset: object) -> None:
        prompt = e.get("prompt")
        if prompt is not None and prompt not in self.draws:
            raise self.fail(t("No card “{id}” was drawn before this idea.", id=prompt))
        ev = self.record("idea_added", self.at(offset), text=self.required(e, "idea"),
                         mid=self.ref("moments", self.required(e, "on")), pid=self.who(e.get("by")),
                         did=self.draws.get(prompt) if prompt else None)
        self.remember("ideas", e.get("key"), ev.data["iid"])

    def do_vote(self, e: Entry, value: Any, offset: object) -> None:
        if value == "open":
            state = self.store.state
            step = state.steps[self.step]
            if step.kind != "vote":
                raise self.fail(t("A vote opens in a vote step."))
            ev = self.record("vote_opened", self.at(offset), step=self.step,
                             **round_options(step.options, state.dots, state.cap))
            self.round = ev.data["rid"]
        elif value == "reveal":
            if self.round is None:
                raise self.fail(t("There is no open vote in this step."))
            self.record("votes_revealed", self.at(offset), rid=self.round)
        else:
            raise self.fail(t("vote is open or reveal."))

    def do_dots(self, e: Entry, items: Any, offset: object) -> None:
        if self.round is None:
            raise self.fail(t("There is no open vote in this step."))
        if not isinstance(items, list) or not items:
            raise self.fail(t("dots is a list of keys, like [\"queue\", \"-fresh\"]."))
        collection = self.store.state.rounds[self.round].target
        pid = self.who(self.required(e, "by"))
        for n, item in enumerate(items):
            item = str(item)
            delta = -1 if item.startswith("-") else 1
            self.record("vote_cast", self.at(offset, n * self.spacing), rid=self.round, pid=pid,
                        item=self.ref(collection, item.lstrip("-")), delta=delta)

    def do_move(self, e: Entry, key: Any, offset: object) -> None:
        to = self.required(e, "to", int)
        self.record("moment_moved", self.at(offset), mid=self.ref("moments", key), index=to - 1)

    def do_merge(self, e: Entry, key: Any, offset: object) -> None:
        self.record("moments_merged", self.at(offset), mid=self.ref("moments", key),
                    into=self.ref("moments", self.required(e, "into")))

    def target(self, value: object) -> tuple[str, str, int]:
        entity, _, key = str(value).partition(":")
        if entity not in REFS or not key:
            raise self.fail(t("Name an entry as kind:key, like idea:scango ({kinds}).",
                            kinds=", ".join(REFS)))
        collection, event_entity = REFS[entity]
        return collection, event_entity, self.ref(collection, key)

    def do_edit(self, e: Entry, value: Any, offset: object) -> None:
        collection, entity, id_ = self.target(value)
        changes: dict[str, Any] = {k: e[k] for k in ("text", "stage", "touchpoint") if k in e}
        if "by" in e:
            changes["pid"] = self.who(e["by"])
        if not changes:
            raise self.fail(t("An edit says what changes (text, stage, touchpoint, by)."))
        if entity == "moment":
            self.record("moment_edited", self.at(offset), mid=id_, **changes)
        elif set(changes) == {"text"}:
            self.record("entry_edited", self.at(offset), entity=entity, id=id_,
                        text=changes["text"])
        else:
            raise self.fail(t("Only a moment's stage, touchpoint and author can be edited; "
                            "other entries change their text."))

    def do_delete(self, e: Entry, value: Any, offset: object) -> None:
        _, entity, id_ = self.target(value)
        self.record("entry_deleted", self.at(offset), entity=entity, id=id_)

    def do_undo(self, e: Entry, value: Any, offset: object) -> None:
        if value != "last":
            raise self.fail(t("undo is written undo = \"last\"."))
        last = self.store.last_undoable()
        if last is None:
            raise self.fail(t("There is nothing to undo."))
        self.record("undo", self.at(offset), target=last.id)

    def _action(self, e: Entry, offset: object, type_: str) -> None:
        ev = self.record("action_added", self.at(offset), text=self.required(e, type_), type=type_,
                         mid=self.ref("moments", e.get("on")), owner=e.get("owner"),
                         due=e.get("due"), measure=e.get("measure"))
        self.remember("actions", e.get("key"), ev.data["aid"])

    def do_action(self, e: Entry, text: Any, offset: object) -> None:
        self._action(e, offset, "action")

    def do_next_step(self, e: Entry, text: Any, offset: object) -> None:
        self._action(e, offset, "next_step")

    def do_finding(self, e: Entry, headline: Any, offset: object) -> None:
        """finding = "headline"; on = moment key(s), quotes = note keys, figures =
        "measure:key" (importance, expectation, performance, gap, priority of a moment;
        idea_dots of an idea), meaning, todo."""
        def keys(name: str) -> list[str]:
            value = e.get(name, [])
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(t("“{key}” is missing or of the wrong type.", key=name))
            return value

        figures: list[list[object]] = []
        for ref in keys("figures"):
            measure, _, key = ref.partition(":")
            collection = "ideas" if measure == "idea_dots" else "moments"
            figures.append([measure, self.ref(collection, key)])
        self.record("finding_added", self.at(offset), headline=self.required(e, "finding"),
                    moments=[self.ref("moments", k) for k in keys("on")],
                    quotes=[self.ref("notes", k) for k in keys("quotes")], figures=figures,
                    meaning=e.get("meaning", ""), recommendation=e.get("todo", ""))

    def do_finish(self, e: Entry, value: Any, offset: object) -> None:
        if value is not True:
            raise self.fail(t("finish is written finish = true."))
        self.record("session_finished", self.at(offset))


def _is_iso(value: object) -> bool:
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True
