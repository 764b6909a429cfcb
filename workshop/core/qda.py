"""A session as qualitative-analysis tools take it in (REFI-QDA): what is said and coded.

One plain-text source per session: every entry, quote and note in the order they were
typed, one per line as "P3 (families): …". Each entry's text is a selection of that
source (positions in characters, the end excluded) coded with what the session knows of
it: its moment of truth, the moment's journey stage, touchpoint and quadrant, stated or
latent expectation, the lateral-thinking technique that led to an idea, and what kind
of entry it is. Participants are cases, with their segment, consent and ratings as
variables, and their own selections.

Pure: the XML and the zip are the report layer's (``report/qdpx.py``). Every identifier
is derived from the session's UUID (``identity``), so a second export is the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import field

from workshop.core import analysis
from workshop.core.events import Event
from workshop.core.identity import derived_uuid, session_uuid
from workshop.core.kinds.feelings import group_feelings, marks, signed
from workshop.core.record import record
from workshop.core.state import (
    EXPECTATION,
    EXPECTATION_TYPES,
    PERFORMANCE,
    STAGES,
    TOUCHPOINTS,
    SessionState,
    stage_label,
    touchpoint_label,
)

Tr = Callable[..., str]

# What XML 1.0 cannot carry (a crafted file may hold it): shown as U+FFFD instead, in
# the source text as in the project, so every selection still reads the same.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LONGEST_NAME = 120  # a code or variable named after a moment: enough to tell them apart

# Entry kinds, in the order entries typed at the same instant are listed.
KINDS = ("moment", "expectation", "idea", "quote", "note", "action", "feeling")


def xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold replaced by U+FFFD (same length)."""
    return _NOT_XML.sub("\ufffd", text)


def short(text: str, most: int = _LONGEST_NAME) -> str:
    """One line, at most ``most`` characters: a name for a code or a variable."""
    line = " ".join(xml_safe(text).split())
    return line if len(line) <= most else line[:most - 1].rstrip() + "…"


@record
class Code:
    guid: str
    name: str
    children: tuple[Code, ...] = ()
    description: str = ""
    codable: bool = True


@record
class Selection:
    guid: str
    name: str  # what it is ("moment 2")
    start: int  # in characters of the source
    end: int  # excluded
    codes: tuple[str, ...]  # code GUIDs
    at: str  # when it was typed
    pid: int | None


@record
class Source:
    guid: str
    name: str
    text: str  # LF line ends
    created_at: str
    selections: tuple[Selection, ...]


@record
class Variable:
    guid: str
    name: str
    type: str  # REFI-QDA's typeOfVariable: Text, Boolean, Integer
    description: str = ""


@record
class Case:
    guid: str
    name: str
    description: str
    values: tuple[tuple[str, str | bool | int], ...]  # (variable GUID, value)
    selections: tuple[str, ...]  # selection GUIDs


@record
class Project:
    guid: str
    name: str
    created_at: str
    user_guid: str
    user_name: str
    codes: tuple[Code, ...]
    variables: tuple[Variable, ...]
    cases: tuple[Case, ...]
    sources: tuple[Source, ...]


@record(frozen=False)
class _Entry:
    at: str
    kind: str
    key: int
    text: str
    pid: int | None
    mid: int | None
    codes: list[str] = field(default_factory=list)


class _Codes:
    """The code book as it is filled: a group per facet, a code per value met."""

    def __init__(self, base: str, tr: Tr):
        self.base, self.tr = base, tr
        self.groups: dict[str, tuple[str, dict[str, tuple[int, Code]]]] = {}

    def code(self, group: str, group_name: str, key: object, name: str, rank: int) -> str:
        """The GUID of the code ``key`` of ``group``, made on first use; ``rank`` places
        it among its group's codes (the journey's order, the stages' order…)."""
        guid = derived_uuid(self.base, "code", group, key)
        _, codes = self.groups.setdefault(group, (group_name, {}))
        codes.setdefault(guid, (rank, Code(guid, short(name))))
        return guid

    def tree(self, order: Sequence[str]) -> tuple[Code, ...]:
        return tuple(Code(derived_uuid(self.base, "group", g), short(self.groups[g][0]),
                          tuple(c for _, c in sorted(self.groups[g][1].values(),
                                                     key=lambda rc: (rc[0], rc[1].name))),
                          codable=False)
                     for g in order if g in self.groups)


_GROUPS = ("moment", "stage", "touchpoint", "expectation", "technique", "quadrant",
           "feeling", "kind")


def session_project(state: SessionState, events: Sequence[Event], tr: Tr, *,
                    names: bool = False, clean: Callable[[str], str] = lambda s: s,
                    techniques: Callable[[str], str] | None = None) -> Project:
    """The REFI-QDA project of one session, in ``tr``'s language.

    ``names``: participants by their real names where known (an internal copy); else by
    pseudonym. ``clean``: applied to every typed text (the report's anonymiser replaces
    names typed inside entries). ``techniques``: a technique's name for people."""
    base = session_uuid(events)
    codes = _Codes(base, tr)
    source = _source(state, base, codes, tr, names=names, clean=clean,
                     techniques=techniques, moment_code=None)
    variables, cases = _cases(state, base, source.selections, tr, names=names, clean=clean)
    facilitator = clean(state.facilitator) if names else ""
    return Project(base, source.name, state.created_at, derived_uuid(base, "user"),
                   short(facilitator or tr("Facilitator")), codes.tree(_GROUPS), variables,
                   cases, (source,))


MomentCode = Callable[["_Codes", int], str | None]


def _source(state: SessionState, base: str, codes: _Codes, tr: Tr, *, names: bool,
            clean: Callable[[str], str], techniques: Callable[[str], str] | None,
            moment_code: MomentCode | None) -> Source:
    entries = _entries(state, clean, tr)
    gaps = analysis.gap_table(state)
    for entry in entries:
        entry.codes = _entry_codes(state, entry, codes, gaps, tr, techniques, clean,
                                   moment_code)
    text, selections = _source_text(state, entries, base, tr, names=names, clean=clean)
    title = clean(state.title) or tr("Session")
    return Source(derived_uuid(base, "source"), short(title), text, state.created_at,
                  tuple(selections))


@record
class StudySession:
    """One session of a study as the study export takes it."""

    uuid: str
    state: SessionState
    themes: dict[int, str]  # moment id -> its theme's name
    attributes: tuple[tuple[str, str | None], ...]  # (tag, value), in the study's order


def study_project(sessions: Sequence[StudySession], tr: Tr, *, base: str, name: str,
                  created_at: str, tags: Sequence[str],
                  techniques: Callable[[str], str] | None = None) -> Project:
    """One REFI-QDA project for a whole study: a source per session, one code book
    (themes, stages, touchpoints… shared by every session), participants of every
    session as cases with their session and its tags as variables. A study holds
    pseudonyms only, so no name is in it."""
    codes = _Codes(base, tr)

    def theme_code(themes: dict[int, str]) -> MomentCode:
        def code(book: _Codes, mid: int) -> str | None:
            theme = themes.get(mid)
            if theme is None:
                return None
            return book.code("moment", tr("Themes"), theme, theme, 0)  # then by name
        return code

    session = Variable(derived_uuid(base, "variable", "session"), tr("Session"), "Text")
    date = Variable(derived_uuid(base, "variable", "date"), tr("Date"), "Text")
    language = Variable(derived_uuid(base, "variable", "language"), tr("Language"), "Text")
    segment = Variable(derived_uuid(base, "variable", "segment"), tr("Segment"), "Text")
    consent = Variable(derived_uuid(base, "variable", "consent"), tr("Consent"), "Boolean")
    tagged = {tag: Variable(derived_uuid(base, "variable", "tag", tag), short(tag), "Text")
              for tag in tags}
    sources, cases = [], []
    for one in sessions:
        source = _source(one.state, one.uuid, codes, tr, names=False, clean=lambda s: s,
                         techniques=techniques, moment_code=theme_code(one.themes))
        sources.append(source)
        attributes = dict(one.attributes)
        shared: list[tuple[str, str | bool | int]] = [
            (session.guid, source.name), (date.guid, one.state.created_at[:10]),
            (language.guid, one.state.lang)]
        shared += [(v.guid, xml_safe(str(attributes[tag]))) for tag, v in tagged.items()
                   if attributes.get(tag) not in (None, "")]
        for pid, person in sorted(one.state.participants.items()):
            values = list(shared)
            if person.segment:
                values.append((segment.guid, xml_safe(person.segment)))
            values.append((consent.guid, person.consent))
            cases.append(Case(derived_uuid(one.uuid, "case", pid),
                              short(f"{person.pseudonym} · {source.name}"),
                              xml_safe(person.segment or ""), tuple(values),
                              tuple(s.guid for s in source.selections if s.pid == pid)))
    variables = (session, date, language, *tagged.values(), segment, consent)
    return Project(base, short(name), created_at, derived_uuid(base, "user"),
                   short(tr("Researcher")), codes.tree(_GROUPS), variables, tuple(cases),
                   tuple(sources))


def _entries(state: SessionState, clean: Callable[[str], str], tr: Tr) -> list[_Entry]:
    found = [_Entry(m.created_at, "moment", m.mid, m.text, m.pid, m.mid)
             for m in state.moments.values()]
    found += [_Entry(x.created_at, "expectation", x.xid, x.text, x.pid, x.mid)
              for x in state.expectations.values()]
    found += [_Entry(i.created_at, "idea", i.iid, i.text, i.pid, i.mid)
              for i in state.ideas.values()]
    found += [_Entry(n.created_at, n.type, n.nid, n.text, n.pid, n.mid)
              for n in state.notes.values()]
    found += [_Entry(a.created_at, "action", a.aid, a.text, None, a.mid)
              for a in state.actions.values()]
    # the group's feeling: the facilitator's note of it, or else the feeling itself
    found += [_Entry(g.created_at, "feeling", g.mid, g.text or _feeling_name(g.value, tr),
                     None, g.mid)
              for g in group_feelings(state).values() if g.mid in state.moments]
    for entry in found:
        entry.text = xml_safe(clean(entry.text))
    return sorted(found, key=lambda e: (e.at, KINDS.index(e.kind), e.key))


def _kind_name(kind: str, tr: Tr) -> str:
    return {"moment": tr("Moment of truth"), "expectation": tr("Expectation"),
            "idea": tr("Idea"), "quote": tr("Quote"), "note": tr("Note"),
            "action": tr("Action"), "feeling": tr("The group's feeling")}[kind]


def _feeling_name(value: int, tr: Tr) -> str:
    """"−1 (bad)": a feeling as a code names it."""
    words = {-2: tr("very bad"), -1: tr("bad"), 0: tr("neither good nor bad"),
             1: tr("good"), 2: tr("very good")}
    return f"{signed(value)} ({words.get(value, '?')})"


def _entry_codes(state: SessionState, entry: _Entry, codes: _Codes,
                 gaps: analysis.GapTable, tr: Tr, techniques: Callable[[str], str] | None,
                 clean: Callable[[str], str], moment_code: MomentCode | None) -> list[str]:
    found = [codes.code("kind", tr("Entries"), entry.kind, _kind_name(entry.kind, tr),
                        KINDS.index(entry.kind))]
    moment = state.moments.get(entry.mid) if entry.mid is not None else None
    if moment is not None:
        if moment_code is None:
            found.append(codes.code("moment", tr("Moments of truth"), moment.mid,
                                    clean(moment.text), state.order.index(moment.mid)))
        elif (theme := moment_code(codes, moment.mid)) is not None:
            found.append(theme)
        if moment.stage in STAGES:
            found.append(codes.code("stage", tr("Journey stages"), moment.stage,
                                    stage_label(moment.stage, tr), STAGES.index(moment.stage)))
        if moment.touchpoint in TOUCHPOINTS:
            found.append(codes.code("touchpoint", tr("Touchpoints"), moment.touchpoint,
                                    touchpoint_label(moment.touchpoint, tr),
                                    TOUCHPOINTS.index(moment.touchpoint)))
        row = gaps.row(moment.mid)
        if row is not None and row.quadrant is not None:
            found.append(codes.code("quadrant", tr("Quadrants"), row.quadrant,
                                    analysis.quadrant_label(row.quadrant, tr),
                                    analysis.QUADRANTS.index(row.quadrant)))
    if entry.kind == "expectation":
        kind = state.expectations[entry.key].type
        if kind in EXPECTATION_TYPES:
            found.append(codes.code("expectation", tr("Expectations"), kind,
                                    tr("stated") if kind == "stated" else tr("latent"),
                                    EXPECTATION_TYPES.index(kind)))
    if entry.kind == "feeling":
        value = group_feelings(state)[entry.key].value
        found.append(codes.code("feeling", tr("Feelings"), value, _feeling_name(value, tr),
                                value))
    if entry.kind == "idea":
        technique = state.ideas[entry.key].technique
        if technique:
            name = techniques(technique) if techniques else technique
            found.append(codes.code("technique", tr("Lateral-thinking techniques"),
                                    technique, name, 0))  # then by name
    return found


def _label(state: SessionState, entry: _Entry, tr: Tr, *, names: bool,
           clean: Callable[[str], str]) -> str:
    """Who said it, as the line begins: "P3 (families)"."""
    person = state.participants.get(entry.pid) if entry.pid is not None else None
    if person is None:
        if entry.kind == "note":
            return tr("Facilitator's note")
        if entry.kind == "feeling":
            return tr("The group's feeling")
        if entry.kind == "action":
            return tr("Action")
        return tr("Group")
    who = person.name if names and person.name else person.pseudonym
    segment = clean(person.segment) if person.segment else ""
    return f"{who} ({segment})" if segment else who


def _source_text(state: SessionState, entries: list[_Entry], base: str, tr: Tr, *,
                 names: bool, clean: Callable[[str], str]) -> tuple[str, list[Selection]]:
    parts: list[str] = []
    selections: list[Selection] = []
    length = 0
    for entry in entries:
        head = xml_safe(_label(state, entry, tr, names=names, clean=clean)) + ": "
        start = length + len(head)
        end = start + len(entry.text)
        parts.append(head + entry.text + "\n")
        length = end + 1
        selections.append(Selection(
            derived_uuid(base, "selection", entry.kind, entry.key),
            short(f"{_kind_name(entry.kind, tr)} {entry.key}"), start, end,
            tuple(entry.codes), entry.at, entry.pid))
    return "".join(parts), selections


def _cases(state: SessionState, base: str, selections: Sequence[Selection], tr: Tr, *,
           names: bool, clean: Callable[[str], str]
           ) -> tuple[tuple[Variable, ...], tuple[Case, ...]]:
    segment = Variable(derived_uuid(base, "variable", "segment"), tr("Segment"), "Text")
    consent = Variable(derived_uuid(base, "variable", "consent"), tr("Consent"), "Boolean")
    variables = [segment, consent]
    rated: dict[tuple[str, int], Variable] = {}
    for scale, ratings in ((EXPECTATION, state.expected), (PERFORMANCE, state.ratings)):
        for mid in state.order:
            if any(m == mid for m, _ in ratings):
                text = short(clean(state.moments[mid].text), 80)
                name = (tr("Expectation (1–5): {moment}", moment=text) if scale == EXPECTATION
                        else tr("Performance (1–5): {moment}", moment=text))
                rated[(scale, mid)] = Variable(derived_uuid(base, "variable", scale, mid),
                                               name, "Integer")
    felt = {mid: Variable(derived_uuid(base, "variable", "feeling", mid),
                          tr("Feeling (−2…+2): {moment}",
                             moment=short(clean(state.moments[mid].text), 80)), "Integer")
            for mid in state.order if any(m == mid for m, _ in marks(state))}
    variables += rated.values()
    variables += felt.values()
    cases = []
    for pid, person in sorted(state.participants.items()):
        values: list[tuple[str, str | bool | int]] = []
        if person.segment:
            values.append((segment.guid, xml_safe(clean(person.segment))))
        values.append((consent.guid, person.consent))
        for (scale, mid), variable in rated.items():
            rating = state.scale_ratings(scale).get((mid, pid))
            if rating is not None:
                values.append((variable.guid, rating.value))
        for mid, variable in felt.items():
            mark = marks(state).get((mid, pid))
            if mark is not None:
                values.append((variable.guid, mark.value))
        who = person.pseudonym if not (names and person.name) else (
            f"{person.name} ({person.pseudonym})")
        cases.append(Case(derived_uuid(base, "case", pid), short(who),
                          xml_safe(clean(person.segment or "")), tuple(values),
                          tuple(s.guid for s in selections if s.pid == pid)))
    return tuple(variables), tuple(cases)
