"""Small sessions for the cases the report must put into words: a session recorded before
expectation ratings existed, cross-hairs on the scale, an overkill moment still below the
midpoint, a consultant's findings, an empty and a partial session.

Each is built through the store (the domain rules check it) with fixed times.
"""

from __future__ import annotations

from pathlib import Path

from report_fixtures import PEOPLE, SCRIPT, at, build
from workshop.core.store import Store


def empty(path: Path, *, lang: str = "en", people: bool = False) -> Path:
    """A session just created: no moment, no rating, no vote (maybe the roster)."""
    Store.create(path, title="Nothing yet", script={**SCRIPT, "lang": lang}, lang=lang,
                 client="Greenway Markets", participants=PEOPLE if people else [],
                 at=at(0)).close()
    return path


def partial(path: Path) -> Path:
    """Moments and a few ratings, no vote: importance unknown, no 2×2."""
    with Store.create(path, title="Half way", script=SCRIPT, lang="en", participants=PEOPLE,
                      at=at(0)) as s:
        s.record("step_entered", step=1, at=at(1))
        m1 = s.record("moment_added", text="Finding a parking space", stage="before",
                      at=at(2)).data["mid"]
        s.record("moment_added", text="Queue at the checkout", stage="during", at=at(3))
        s.record("rating_given", mid=m1, pid=1, value=3, at=at(4))
    return path


def rated(path: Path, moments: list[tuple[str, list[int], list[int] | None, int]], *,
          crosshairs: str | None = None, people: int = 6) -> Path:
    """One moment per (text, performance ratings, expectation ratings or None, dots),
    a revealed vote on moments with those dots, the session finished."""
    script = dict(SCRIPT)
    if crosshairs:
        script["crosshairs"] = crosshairs
    roster = [{"pid": i, "pseudonym": f"P{i}", "name": f"Person {chr(64 + i)}",
               "segment": "families" if i % 2 else "students", "consent": True}
              for i in range(1, people + 1)]
    with Store.create(path, title="Rated", script=script, lang="en", participants=roster,
                      at=at(0)) as s:
        r = s.record
        r("step_entered", step=1, at=at(1))
        mids = [r("moment_added", text=text, stage="during", touchpoint="direct",
                  at=at(2)).data["mid"] for text, *_ in moments]
        for mid, (_, perf, expected, _) in zip(mids, moments, strict=True):
            for pid, value in enumerate(perf, start=1):
                r("rating_given", mid=mid, pid=pid, value=value, at=at(3))
            for pid, value in enumerate(expected or [], start=1):
                r("rating_given", mid=mid, pid=pid, value=value, scale="expectation", at=at(3))
        rid = r("vote_opened", target="moments", dots=99, blind=False, step=4,
                at=at(4)).data["rid"]
        for mid, (*_, dots) in zip(mids, moments, strict=True):
            for i in range(dots):
                r("vote_cast", rid=rid, pid=1 + i % people, item=mid, delta=1, at=at(5))
        r("votes_revealed", rid=rid, at=at(6))
        r("action_added", type="action", text="Do something", mid=mids[0], at=at(7))
        r("session_finished", at=at(8))
    return path


def with_findings(path: Path, *, lang: str = "en", without_consent: tuple[int, ...] = ()
                  ) -> Path:
    """The report fixture plus the consultant's synthesis: two findings resting on
    moments, a quote and figures, an insight note, and an action with its plan."""
    build(path, lang=lang, without_consent=without_consent)
    with Store.open(path) as s:
        state = s.state
        queue = next(m.mid for m in state.moments.values() if m.text.startswith("Queue"))
        returns = next(m.mid for m in state.moments.values() if m.text.startswith("Returning"))
        quote = next(n.nid for n in state.notes.values() if n.text.startswith("As luis"))
        other = next(n.nid for n in state.notes.values() if n.text.startswith("Ana López"))
        idea = next(i.iid for i in state.ideas.values() if i.text.startswith("Refund"))
        r = s.record
        r("session_reopened", at=at(60))  # the report fixture is finished: reopened, then
        insight = r("note_added", type="note", text="Nobody mentioned price at all",
                    insight=True, at=at(59)).data["nid"]
        # A quote marked as an insight as it was typed: still someone's words.
        r("note_added", type="quote", text="I would pay more to never queue", pid=4,
          mid=queue, insight=True, at=at(59.1))
        r("finding_added", headline="The queue decides whether people come back",
          meaning="Waiting is where the visit turns sour.",
          recommendation="Staff the tills to the queue, not to the rota.",
          moments=[queue], quotes=[quote, other],
          figures=[["importance", queue], ["gap", queue]], at=at(59.5))
        r("finding_added", headline="Returns feel like an argument", moments=[returns],
          quotes=[insight], figures=[["gap", returns], ["idea_dots", idea]], at=at(59.6))
        r("action_added", type="action", text="Refund at any till without a receipt",
          mid=returns, owner="Customer service", due="end of November",
          measure="Refund complaints halved", at=at(59.7))
        r("session_finished", at=at(60))  # finished again
    return path
