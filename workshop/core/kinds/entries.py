"""The entries on the board, whatever kind made them: editing and deleting one, and
what happens to everything hanging on a moment or an idea that goes.

``entry_edited`` and ``entry_deleted`` name an entry by its entity ("moment", "idea",
"note"…), which a kind declares (``spec.Entity``). Deleting an entry asks every kind
first whether it may go (``Spec.refuse_delete``), then lets each drop or move what it
hung on it (``Spec.deleted``) before the entry itself goes; merging two moments works
the same way (``refuse_merge``, ``merged``). Undo brings it all back: it re-folds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workshop.core import rules
from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.kinds.spec import Entity, EventSpec, Links, Spec
from workshop.core.state import SessionState
from workshop.i18n import t


def _registry() -> Any:
    # The registry lists this module among the others: read it when an event folds.
    from workshop.core.kinds import registry

    return registry


def entity(s: SessionState, d: Any) -> tuple[Entity, Any]:
    """The entity an entry event names, and the entry itself."""
    found: Entity | None = _registry().ENTITIES.get(d["entity"])
    rules.need(found is not None, "Unknown value: {value} (one of: {allowed}).",
               value=d["entity"], allowed=", ".join(_registry().ENTITIES))
    assert found is not None
    items = found.items(s)
    rules.need(d["id"] in items, "There is no entry {id}.", id=d["id"])
    return found, items[d["id"]]


def _entry_edited(s: SessionState, e: Event) -> None:
    d = e.data
    kind, item = entity(s, d)
    changes: dict[str, Any] = {}
    if "text" in d:
        changes["text"] = rules.text(d)
    for key, read in kind.editable.items():
        if key in d:
            changes[key] = read(d[key])
    rules.need(bool(changes), "The change says nothing to change.")
    kind.items(s)[d["id"]] = replace(item, **changes)


def _entry_deleted(s: SessionState, e: Event) -> None:
    kind, _ = entity(s, e.data)
    delete_entry(s, kind.name, e.data["id"])


def delete_entry(s: SessionState, name: str, key: int) -> None:
    """Take an entry off the board with what hangs on it, or refuse (RuleError) before
    anything changes."""
    specs: tuple[Spec, ...] = _registry().SPECS
    for spec in specs:
        why = spec.refuse_delete(s, name, key) if spec.refuse_delete is not None else None
        if why is not None:
            raise RuleError(why)
    remove_entry(s, name, key)


def remove_entry(s: SessionState, name: str, key: int) -> None:
    """``delete_entry`` once it may: what hangs on the entry first, then the entry (a
    kind's ``deleted`` hook calls this for the entries it drops with it)."""
    registry = _registry()
    for spec in registry.SPECS:
        if spec.deleted is not None:
            spec.deleted(s, name, key)
    kind: Entity = registry.ENTITIES[name]
    if kind.delete is not None:
        kind.delete(s, key)
    else:
        del kind.items(s)[key]


def merge_moment(s: SessionState, mid: int, into: int) -> None:
    """Move what hangs on moment ``mid`` onto ``into``, or refuse before anything moves."""
    specs: tuple[Spec, ...] = _registry().SPECS
    for spec in specs:
        why = spec.refuse_merge(s, mid, into) if spec.refuse_merge is not None else None
        if why is not None:
            raise RuleError(why)
    for spec in specs:
        if spec.merged is not None:
            spec.merged(s, mid, into)


# ---- what the timeline says -------------------------------------------------------------


def _entry_moments(d: Any, links: Links) -> tuple[int, ...]:
    if d.get("entity") == "moment":
        mid = d.get("id")
    else:
        mid = links.made(str(d.get("entity")), d.get("id"))[1]
    return (mid,) if mid is not None else ()


def _entry_by(d: Any, links: Links) -> int | None:
    return links.made(str(d.get("entity")), d.get("id"))[0]


def _says_edit(e: Event, s: SessionState) -> str:
    d = e.data
    if "text" in d:
        return t("edit “{text}”", text=clip(d.get("text", "")))
    if "insight" in d:
        return t("insight mark") if d["insight"] else t("insight mark taken off")
    return t("change to an action's owner, date or measure")


def _says_delete(e: Event, s: SessionState) -> str:
    """The entry named where the board ``s`` holds it (an undo that has put it back);
    "an entry" where it does not (a board from after the deletion)."""
    kind = _registry().ENTITIES.get(e.data.get("entity"))
    item = kind.items(s).get(e.data.get("id")) if kind is not None else None
    text = getattr(item, "text", None)
    if isinstance(text, str) and text.strip():
        return t("deletion of “{text}”", text=clip(text))
    return t("deletion of an entry")


def clip(text: str, size: int = 50) -> str:
    """A text on one short line, for a notice or the timeline."""
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def indent(text: str, prefix: str) -> str:
    """A text under a prefix, its further lines lined up under the first."""
    lines = text.splitlines() or [""]
    return "\n".join([prefix + lines[0],
                      *("  " + " " * len(prefix) + line for line in lines[1:])])


def _entity_category(d: Any) -> str:
    return str(d.get("entity"))


SPEC = Spec(
    name="entries",
    events=(
        # text, or what the entity lets an edit change (an action's owner, due and
        # measure, a note's insight mark)
        EventSpec("entry_edited", _entry_edited, ("entity", "id"), category=_entity_category,
                  describe=_says_edit, moments=_entry_moments, by=_entry_by),
        EventSpec("entry_deleted", _entry_deleted, ("entity", "id"), category=_entity_category,
                  describe=_says_delete, moments=_entry_moments, by=_entry_by),
    ),
)
