"""The consultant's findings: headlines resting on moments, quotes and figures picked
from the session, with what they mean and what to do. Not a step: the synthesis, made
during or after the session (ctrl+f). Evidence that leaves the board leaves the finding
too; a merge moves it."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds.entries import clip
from workshop.core.kinds.spec import Creates, EventSpec, Key, Links, Row, Spec, Table
from workshop.core.state import FIGURE_MEASURES, Finding, SessionState
from workshop.i18n import t


def _evidence(s: SessionState, d: dict[str, Any], f: Finding | None) -> dict[str, Any]:
    """The finding's fields this change sets, checked against the board."""
    out: dict[str, Any] = {}
    if "headline" in d or f is None:
        out["headline"] = rules.text(d, "headline")
    for key in ("meaning", "recommendation"):
        if key in d:
            out[key] = rules.optional(d[key]) or ""
    if "moments" in d:
        out["moments"] = rules.ids(d["moments"], "moments")
        for mid in out["moments"]:
            rules.moment(s, mid)
    if "quotes" in d:
        out["quotes"] = rules.ids(d["quotes"], "quotes")
        for nid in out["quotes"]:
            rules.need(nid in s.notes, "There is no entry {id}.", id=nid)
    if "figures" in d:
        figures = []
        rules.need(isinstance(d["figures"], list | tuple), rules.WRONG_TYPE, kind="figures")
        for pair in d["figures"]:
            rules.need(isinstance(pair, list | tuple) and len(pair) == 2, rules.WRONG_TYPE,
                       kind="figures")
            measure, item = rules.choice(pair[0], FIGURE_MEASURES), pair[1]
            items = s.ideas if measure == "idea_dots" else s.moments
            rules.need(isinstance(item, int) and item in items, "There is no entry {id}.",
                       id=item)
            figures.append((measure, item))
        out["figures"] = tuple(dict.fromkeys(figures))
    return out


def _finding_added(s: SessionState, e: Event) -> None:
    d = e.data
    fid = d["fid"]
    rules.need(fid not in s.findings, "Entry {id} already exists.", id=fid)
    index = rules.position(d.get("index"), len(s.finding_order))
    s.findings[fid] = Finding(fid, **_evidence(s, d, None), created_at=e.at)
    if index is None:
        s.finding_order.append(fid)
    else:
        s.finding_order.insert(index, fid)


def _finding(s: SessionState, fid: Any) -> Finding:
    rules.need(fid in s.findings, "There is no finding {id}.", id=fid)
    return s.findings[fid]


def _finding_edited(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    changes = _evidence(s, e.data, f)
    rules.need(bool(changes), "The change says nothing to change.")
    s.findings[f.fid] = replace(f, **changes)


def _finding_moved(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    index = e.data["index"]
    rules.need(rules.whole(index) and 0 <= index < len(s.finding_order),
               "There is no position {index}.", index=index)
    s.finding_order.remove(f.fid)
    s.finding_order.insert(index, f.fid)


def _finding_deleted(s: SessionState, e: Event) -> None:
    f = _finding(s, e.data["fid"])
    del s.findings[f.fid]
    s.finding_order.remove(f.fid)


# ---- evidence that leaves the board -------------------------------------------------------


def _set(s: SessionState, f: Finding, **evidence: Any) -> None:
    s.findings[f.fid] = replace(f, **evidence)


def _deleted(s: SessionState, entity: str, key: int) -> None:
    for f in list(s.findings.values()):
        if entity == "moment" and (key in f.moments or any(
                m == key for k, m in f.figures if k != "idea_dots")):
            _set(s, f, moments=tuple(m for m in f.moments if m != key),
                 figures=tuple((k, m) for k, m in f.figures if k == "idea_dots" or m != key))
        elif entity == "idea" and ("idea_dots", key) in f.figures:
            _set(s, f, figures=tuple(x for x in f.figures if x != ("idea_dots", key)))
        elif entity == "note" and key in f.quotes:
            _set(s, f, quotes=tuple(q for q in f.quotes if q != key))


def _merged(s: SessionState, mid: int, into: int) -> None:
    for f in list(s.findings.values()):
        if mid in f.moments or any(m == mid for k, m in f.figures if k != "idea_dots"):
            _set(s, f, moments=tuple(dict.fromkeys(into if m == mid else m for m in f.moments)),
                 figures=tuple(dict.fromkeys((k, into if k != "idea_dots" and m == mid else m)
                                             for k, m in f.figures)))


# ---- what it says ----------------------------------------------------------------------


def _says_edited(e: Event, s: SessionState) -> str:
    fid = e.data.get("fid")
    finding = s.findings.get(fid) if isinstance(fid, int) else None
    return t("edit of finding “{text}”",
             text=clip(e.data.get("headline") or (finding.headline if finding else "?")))


def _finding_moments(d: Any, links: Links) -> tuple[int, ...]:
    moments = d.get("moments")
    return tuple(m for m in moments if isinstance(m, int)) if isinstance(moments, list) else ()


# ---- the table -------------------------------------------------------------------------


def _finding_row(s: SessionState, key: Key) -> Row | None:
    f = s.findings.get(key[0])
    if f is None:
        return None
    # Evidence as JSON arrays: readable in any SQL tool, and json_each() unpacks it.
    return {"finding_id": f.fid, "headline": f.headline, "meaning": f.meaning,
            "recommendation": f.recommendation, "moment_ids": json.dumps(list(f.moments)),
            "note_ids": json.dumps(list(f.quotes)),
            "figures": json.dumps([list(x) for x in f.figures]),
            "position": s.finding_order.index(f.fid) + 1, "created_at": f.created_at}


def _changed(s: SessionState) -> list[Key]:
    shifted = [s.finding_order[i] for i in s.finding_order.changed_places()]
    return [(fid,) for fid in {*s.findings.changed, *shifted}]


SPEC = Spec(
    name="findings",
    events=(
        EventSpec("finding_added", _finding_added, ("fid", "headline"),
                  creates=Creates("fid", "findings", lambda s: s.findings),
                  category="finding", moments=_finding_moments,
                  describe=lambda e, s: t("finding “{text}”",
                                          text=clip(e.data.get("headline", "")))),
        EventSpec("finding_edited", _finding_edited, ("fid",), category="finding",
                  moments=_finding_moments, describe=_says_edited),
        EventSpec("finding_moved", _finding_moved, ("fid", "index"), category="finding",
                  moments=_finding_moments, describe=lambda e, s: t("move of a finding")),
        EventSpec("finding_deleted", _finding_deleted, ("fid",), category="finding",
                  moments=_finding_moments, describe=lambda e, s: t("deletion of a finding")),
    ),
    tables=(
        # Evidence as JSON arrays of moment_id and note_id values (quotes, insights),
        # figures as [measure, moment_id or idea_id] pairs.
        Table("findings", ("finding_id",),
              {"finding_id": int, "headline": str, "meaning": str, "recommendation": str,
               "moment_ids": str, "note_ids": str, "figures": str, "position": int,
               "created_at": str},
              lambda s: [(k,) for k in s.findings], _finding_row, _changed,
              label="headline"),
    ),
    categories={"finding": lambda tr: tr("findings")},
    deleted=_deleted,
    merged=_merged,
)
