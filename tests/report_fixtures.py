"""A small, complete session for the report tests, built through the store with fixed
times: three stages, stated and latent expectations, ratings of performance and
expectation, prompts and ideas, a blind
vote on moments and one on ideas, quotes that mention people by name, actions."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workshop.core.store import Store

SCRIPT = {
    "name": "report-test", "title": "Moments of truth (test)", "lang": "en", "dots": 3,
    "cap": 2, "minutes": 60,
    "steps": [
        {"title": "Welcome", "kind": "intro", "minutes": 5, "body": "", "options": {}},
        {"title": "Map the moments", "kind": "moments", "minutes": 15, "body": "", "options": {}},
        {"title": "Expectations", "kind": "expectations", "minutes": 15, "body": "", "options": {}},
        {"title": "Excellence", "kind": "excellence", "minutes": 10, "body": "", "options": {}},
        {"title": "Vote on moments", "kind": "vote", "minutes": 5, "body": "",
         "options": {"target": "moments", "blind": True}},
        {"title": "Vote on ideas", "kind": "vote", "minutes": 5, "body": "",
         "options": {"target": "ideas", "blind": True}},
        {"title": "Wrap-up", "kind": "wrapup", "minutes": 5, "body": "", "options": {}},
    ],
}

START = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)

# Real names: none of them may survive an anonymised export.
NAMES = ["Ana López", "Luis Ortega", "Zoë Brandt"]
PEOPLE = [
    {"pid": 1, "pseudonym": "P1", "name": "Ana López", "segment": "families", "consent": True},
    {"pid": 2, "pseudonym": "P2", "name": "Luis Ortega", "segment": "students", "consent": True},
    {"pid": 3, "pseudonym": "P3", "name": "Zoë Brandt", "segment": "families", "consent": True},
    {"pid": 4, "pseudonym": "P4", "name": None, "segment": None, "consent": True},
]


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def build(path: Path, *, lang: str = "en", title: str = "Supermarket study",
          hostile: str | None = None, without_consent: tuple[int, ...] = ()) -> Path:
    """Write the fixture session to ``path``; ``hostile`` is added as a quote and an idea.
    Everyone recorded consent, except the participants ``without_consent`` names."""
    people = [{**p, "consent": p["pid"] not in without_consent} for p in PEOPLE]
    s = Store.create(path, title=title, script={**SCRIPT, "lang": lang}, lang=lang,
                     client="Greenway Markets", facilitator="Hannah Reid",
                     participants=people, at=at(0))
    with s:
        r = s.record
        r("step_entered", step=0, at=at(0.5))
        r("timer_started", step=0, at=at(0.5))
        r("step_entered", step=1, at=at(6))
        r("timer_started", step=1, at=at(6))
        m1 = r("moment_added", text="Finding a parking space", stage="before",
               touchpoint="direct", pid=1, at=at(7)).data["mid"]
        m2 = r("moment_added", text="Queue at the checkout", stage="during",
               touchpoint="direct", pid=2, at=at(8)).data["mid"]
        m3 = r("moment_added", text="Reading reviews online", stage="before",
               touchpoint="indirect", pid=3, at=at(9)).data["mid"]
        m4 = r("moment_added", text="Returning a faulty product", stage="after",
               touchpoint="direct", at=at(10)).data["mid"]
        r("step_entered", step=2, at=at(21))
        r("timer_started", step=2, at=at(21))
        r("expectation_added", mid=m2, type="stated", text="No more than five minutes of waiting",
          pid=2, at=at(22))
        r("expectation_added", mid=m2, type="latent", text="Feeling that someone notices the queue",
          pid=1, at=at(23))
        r("expectation_added", mid=m1, type="stated", text="A free space near the door", pid=3,
          at=at(24))
        r("expectation_added", mid=m4, type="stated", text="Refund without arguing", pid=4,
          at=at(25))
        r("expectation_added", mid=m3, type="latent", text="Trust that reviews are real", pid=2,
          at=at(25.5))
        for mid, values in ((m1, (4, 3, 4, 5)), (m2, (2, 1, 2, 3)), (m3, (3, 4, 3, 3)),
                            (m4, (2, 3, 1, 2))):
            for pid, value in enumerate(values, start=1):
                r("rating_given", mid=mid, pid=pid, value=value, at=at(26))
        # The level each expects (P4 gave none for the reviews): paired gaps P − E are
        # parking 0 (n 4), queue −3.0 (n 4), reviews +0.33 (n 3), returns −2.0 (n 4).
        for mid, values in ((m1, (4, 3, 4, 5)), (m2, (5, 5, 5, 5)), (m3, (3, 3, 3, None)),
                            (m4, (4, 5, 3, 4))):
            for pid, value in enumerate(values, start=1):
                if value is not None:
                    r("rating_given", mid=mid, pid=pid, value=value, scale="expectation",
                      at=at(26.2))
        r("note_added", type="quote", text="Ana López told us the queue is where she gives up.",
          pid=2, mid=m2, at=at(27))
        r("note_added", type="quote", text="As luis said, nobody ever smiles at the till.",
          pid=3, mid=m2, at=at(27.5))
        r("note_added", type="note", text="Zoe and Ana agreed about the car park.", mid=m1,
          at=at(28))
        r("step_entered", step=3, at=at(36))
        r("timer_started", step=3, at=at(36))
        d1 = r("prompt_drawn", prompt_id="analogy-pit-crew", technique="analogy",
               text="How would a pit crew run the checkout queue?", mid=m2, at=at(37)).data["did"]
        i1 = r("idea_added", mid=m2, text="Open a second till the moment three people wait",
               pid=1, did=d1, at=at(38)).data["iid"]
        i2 = r("idea_added", mid=m2, text="Scan as you shop with your phone", pid=2, did=d1,
               at=at(39)).data["iid"]
        i3 = r("idea_added", mid=m1, text="Reserved spaces for families with small children",
               pid=3, at=at(40)).data["iid"]
        i4 = r("idea_added", mid=m4, text="Refund at any till, no receipt needed", pid=4,
               at=at(41)).data["iid"]
        if hostile is not None:
            r("idea_added", mid=m3, text=hostile, pid=1, at=at(42))
            r("note_added", type="quote", text=hostile, pid=1, mid=m3, at=at(42.5))
        r("step_entered", step=4, at=at(46))
        r("timer_started", step=4, at=at(46))
        v1 = r("vote_opened", target="moments", dots=3, cap=2, blind=True, step=4,
               at=at(46.5)).data["rid"]
        for pid, items in ((1, (m2, m2, m1)), (2, (m2, m4, m4)), (3, (m1, m2, m3)),
                           (4, (m2, m4))):
            for item in items:
                r("vote_cast", rid=v1, pid=pid, item=item, delta=1, at=at(47))
        r("votes_revealed", rid=v1, at=at(49))
        r("step_entered", step=5, at=at(51))
        r("timer_started", step=5, at=at(51))
        v2 = r("vote_opened", target="ideas", dots=3, cap=2, blind=True, step=5,
               at=at(51.5)).data["rid"]
        for pid, items in ((1, (i1, i1, i3)), (2, (i2, i1, i4)), (3, (i3, i3, i1)),
                           (4, (i4,))):
            for item in items:
                r("vote_cast", rid=v2, pid=pid, item=item, delta=1, at=at(52))
        r("votes_revealed", rid=v2, at=at(54))
        r("step_entered", step=6, at=at(56))
        r("timer_started", step=6, at=at(56))
        r("action_added", type="action", text="Staff a floating cashier at peak hours", mid=m2,
          owner="Store manager", at=at(57))
        r("action_added", type="next_step", text="Share the results with Luis Ortega's team",
          at=at(58))
        r("session_finished", at=at(60))
    return path


def docx_text(path: Path) -> str:
    """Every XML part of a .docx, as one text: what a name search must not find."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                         if n.endswith((".xml", ".rels")))
