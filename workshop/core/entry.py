"""Quick attribution when typing: "3: the queue is too long" or "Ana: …" or "P3: …"."""

from __future__ import annotations

import re
from functools import cache

from workshop.core.record import record
from workshop.core.state import STAGES, SessionState
from workshop.i18n import N_, translate

# The text must hold more than blanks: "Ana: " alone is not an entry for Ana. (This
# pattern and _TAG are compiled as the first entry is typed, by re's own cache: the
# run screen's start needs neither.)
_PREFIX = r"^\s*(?P<who>[^:]{1,40}?)\s*:\s+(?P<text>\S.*)$"


def parse_entry(line: str, state: SessionState) -> tuple[int | None, str]:
    """(participant id or None for the group, text). An unknown prefix stays in the text."""
    match = re.match(_PREFIX, line, re.DOTALL)
    if match:
        who = match["who"].strip().lower()
        for p in state.participants.values():
            keys = {str(p.pid), p.pseudonym.lower()}
            if p.name:
                keys.add(p.name.lower())
            if who in keys:
                return p.pid, match["text"].strip()
    return None, line.strip()


# ---- a moment's stage and touchpoint, typed before its words --------------------------
#
# "bi/ Reading reviews" is a moment before the purchase at an indirect touchpoint: a tag
# at the start of the line, a stage letter then a touchpoint letter, then "/" and a
# space. Either letter may be "-" (none). The stage letters are the first letters of the
# stages in the session's language (Spanish "durante" and "después" both start with d:
# después takes p, as in posventa); the touchpoint letters are d and i in both. A
# touchpoint letter alone ("i/") changes only the touchpoint. The tag may come before or
# after the participant ("3: d/ …" or "d/ 3: …"). Typed with no words, a tag only sets
# what the next moments get. The letters come from the language's catalog ("stage
# letter" and "touchpoint letter" contexts), so a new language brings its own.

STAGE_LETTERS = {"before": N_("stage letter\x04b"), "during": N_("stage letter\x04d"),
                 "after": N_("stage letter\x04a")}
TOUCHPOINT_LETTERS = {"direct": N_("touchpoint letter\x04d"),
                      "indirect": N_("touchpoint letter\x04i")}
NONE = "-"
KEEP = object()  # a slot the tag leaves as it was

_TAG = r"^\s*(?P<tag>[^\W\d_]{1,2}|-[^\W\d_]?|[^\W\d_]?-|--)/(?:\s+|$)(?P<rest>.*)$"


@record
class MomentLine:
    """A moment as typed: who said it, its text, and the stage and touchpoint its tag set."""

    pid: int | None
    text: str  # may be empty: a tag alone
    stage: object  # a stage, None, or KEEP
    touchpoint: object  # a touchpoint, None, or KEEP

    @property
    def tagged(self) -> bool:
        return self.stage is not KEEP or self.touchpoint is not KEEP


@cache
def letters(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(stage letters, touchpoint letters) of a language: letter -> stage (touchpoint).
    A catalog whose letters are not one distinct letter each falls back to English's."""
    def read(names: dict[str, str], code: str) -> dict[str, str]:
        return {translate(message, code).strip().lower(): name
                for name, message in names.items()}

    stages, touchpoints = read(STAGE_LETTERS, lang), read(TOUCHPOINT_LETTERS, lang)
    if not all(len(found) == len(names) and all(len(k) == 1 and k.isalpha() for k in found)
               for found, names in ((stages, STAGE_LETTERS),
                                    (touchpoints, TOUCHPOINT_LETTERS))):
        return read(STAGE_LETTERS, "en"), read(TOUCHPOINT_LETTERS, "en")
    return stages, touchpoints


def parse_tag(tag: str, lang: str) -> tuple[object, object] | None:
    """(stage, touchpoint) of a tag such as "bi", "d", "i", "-i"; None if it is none."""
    stages, touchpoints = letters(lang)
    tag = tag.lower()
    first, second = tag[0], tag[1:]
    if first in stages or first == NONE:
        stage = None if first == NONE else stages[first]
        if not second:
            return stage, KEEP
        if second in touchpoints or second == NONE:
            return stage, None if second == NONE else touchpoints[second]
        return None
    if first in touchpoints and not second:
        return KEEP, touchpoints[first]
    return None


def _split_tag(line: str, lang: str) -> tuple[tuple[object, object], str] | None:
    match = re.match(_TAG, line, re.DOTALL)
    if not match:
        return None
    parsed = parse_tag(match["tag"], lang)
    return (parsed, match["rest"]) if parsed is not None else None


def parse_moment(line: str, state: SessionState) -> MomentLine:
    """Who raised a typed moment, its words, and the stage and touchpoint its tag gives
    (KEEP where the tag says nothing, or there is none)."""
    lang = state.lang
    tagged = _split_tag(line, lang)
    if tagged is not None:  # "bi/ 3: …"
        (stage, touchpoint), rest = tagged
        pid, text = parse_entry(rest, state) if rest.strip() else (None, "")
        return MomentLine(pid, text, stage, touchpoint)
    pid, text = parse_entry(line, state)
    tagged = _split_tag(text, lang)
    if tagged is not None:  # "3: bi/ …"
        (stage, touchpoint), rest = tagged
        return MomentLine(pid, rest.strip(), stage, touchpoint)
    return MomentLine(pid, text, KEEP, KEEP)


def journey_place(state: SessionState, stage: str | None) -> int | None:
    """Where a new moment of ``stage`` goes along the journey: before the first moment of
    a later stage (a "before" moment recalled late joins the others before the
    purchase); None to add it at the end."""
    if stage not in STAGES:
        return None
    rank = STAGES.index(stage)
    for index, mid in enumerate(state.order):
        other = state.moments[mid].stage
        if other in STAGES and STAGES.index(other) > rank:
            return index
    return None
