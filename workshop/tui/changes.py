"""One line saying what a change was, for "Undone: …" and similar notices."""

from __future__ import annotations

from workshop.core.events import Event
from workshop.core.state import SessionState
from workshop.i18n import t

_SHORT = 50


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _moment(state: SessionState, mid) -> str:
    m = state.moments.get(mid)
    return _clip(m.text) if m else f"#{mid}"


def describe(event: Event, state: SessionState) -> str:
    """What ``event`` did, in a few words (``state`` names the moments it refers to).

    Participants appear by pseudonym: this line may be seen by the whole room.
    """
    d = event.data
    pseudonym = state.participant_label(d.get("pid"), names=False)
    kind = event.kind
    if kind == "moment_added":
        return t("moment “{text}”", text=_clip(d["text"]))
    if kind == "moment_edited":
        return t("edit of moment “{text}”", text=_moment(state, d["mid"]))
    if kind == "moment_moved":
        return t("move of moment “{text}”", text=_moment(state, d["mid"]))
    if kind == "moments_merged":
        return t("merge into “{text}”", text=_moment(state, d["into"]))
    if kind == "expectation_added":
        return t("expectation “{text}”", text=_clip(d["text"]))
    if kind == "rating_given":
        if d.get("scale") == "expectation":
            return t("expectation rating {value} by {who} on “{text}”", value=d["value"],
                     who=pseudonym, text=_moment(state, d["mid"]))
        return t("rating {value} by {who} on “{text}”", value=d["value"], who=pseudonym,
                 text=_moment(state, d["mid"]))
    if kind == "prompt_drawn":
        return t("prompt card “{text}”", text=_clip(d["text"]))
    if kind == "idea_added":
        return t("idea “{text}”", text=_clip(d["text"]))
    if kind == "vote_opened":
        return t("opening of a vote")
    if kind == "vote_cast":
        return t.plural(d["delta"], "{n} dot by {who}", "{n} dots by {who}", who=pseudonym)
    if kind == "votes_revealed":
        return t("reveal of the votes")
    if kind == "note_added":
        if d.get("insight"):
            return t("insight “{text}”", text=_clip(d["text"]))
        if d.get("type") == "quote":
            return t("quote “{text}”", text=_clip(d["text"]))
        return t("note “{text}”", text=_clip(d["text"]))
    if kind == "action_added":
        return t("action “{text}”", text=_clip(d["text"]))
    if kind == "entry_edited":
        if "text" in d:
            return t("edit “{text}”", text=_clip(d.get("text", "")))
        if "insight" in d:
            return t("insight mark") if d["insight"] else t("insight mark taken off")
        return t("change to an action's owner, date or measure")
    if kind == "finding_added":
        return t("finding “{text}”", text=_clip(d.get("headline", "")))
    if kind == "finding_edited":
        finding = state.findings.get(d.get("fid"))
        return t("edit of finding “{text}”",
                 text=_clip(d.get("headline") or (finding.headline if finding else "?")))
    if kind == "finding_moved":
        return t("move of a finding")
    if kind == "finding_deleted":
        return t("deletion of a finding")
    if kind == "entry_deleted":
        return t("deletion of an entry")
    if kind == "participant_added":
        return t("participant {who}", who=d.get("pseudonym", ""))
    if kind == "participant_edited":
        return t("change to participant {who}", who=pseudonym)
    if kind in ("session_edited", "session_finished"):
        return t("change to the session")
    if kind == "undo":
        return t("an undo")
    return kind
