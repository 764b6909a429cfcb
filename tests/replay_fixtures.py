"""Sessions recorded for the replay and research tests, with what the file's tables
held at every step boundary while they were being recorded."""

from __future__ import annotations

from pathlib import Path

from core_fixtures import SCRIPT, TRIO, at
from workshop.core.store import Store

ENGLISH = {
    "title": "Supermarket families",
    "parking": "Finding a parking space",
    "queue": "Queue at the checkout",
    "hours": "Opening hours on the web",
    "line": "Waiting in line",
    "typo": "Cheking out (typo)",
    "queue2": "Waiting at the checkout queue",
    "fast": "Less than five minutes",
    "cares": "Feeling that someone cares about my time",
    "quote": "I always pick the shortest queue and it is always the slowest",
    "prompt": "How would a pit crew run the checkout?",
    "crew": "A pit crew that opens a till when three people wait",
    "families": "Reserved parking for families",
    "live": "Live opening hours",
    "laughed": "Group laughed about the self-service tills",
    "action": "Pilot an extra till at peak times",
}

SPANISH = {
    "title": "Supermercado familias",
    "parking": "Encontrar aparcamiento",
    "queue": "La cola en la caja",
    "hours": "Horario en la web",
    "line": "Esperar en la fila",
    "typo": "Pagr (errata)",
    "queue2": "Esperar en la cola de la caja",
    "fast": "Menos de cinco minutos",
    "cares": "Sentir que alguien presta atención a mi tiempo",
    "quote": "Siempre elijo la cola más corta y siempre es la más lenta",
    "prompt": "¿Cómo llevaría la caja un equipo de boxes?",
    "crew": "Un equipo que abre otra caja cuando esperan tres personas",
    "families": "Aparcamiento reservado para familias",
    "live": "Horario en tiempo real",
    "laughed": "El grupo se rió de las cajas de autoservicio",
    "action": "Probar una caja extra en horas punta",
}


def record_session(path: Path, texts: dict = ENGLISH, lang: str = "en",
                   participants=TRIO) -> list[tuple[int, dict]]:
    """Record a whole session into ``path``. Returns (position, store.tables()) taken
    just before and just after every step is entered, and at the end."""
    snapshots: list[tuple[int, dict]] = []
    script = {**SCRIPT, "lang": lang}
    with Store.create(path, title=texts["title"], script=script, lang=lang,
                      participants=participants, at=at(0)) as store:

        def rec(minute, kind, **data):
            if kind == "step_entered":
                snapshots.append((len(store.events), store.tables()))
            event = store.record(kind, at=at(minute), **data)
            if kind == "step_entered":
                snapshots.append((len(store.events), store.tables()))
            return event

        x = texts
        rec(1, "step_entered", step=0)
        rec(1, "timer_started", step=0)
        rec(5, "step_entered", step=1)
        rec(6, "moment_added", text=x["parking"], stage="before", touchpoint="indirect", pid=1)
        rec(7, "moment_added", text=x["queue"], stage="during", touchpoint="direct", pid=3)
        rec(8, "moment_added", text=x["hours"], stage="before", index=0)
        rec(9, "moment_added", text=x["line"], stage="during", pid=2)
        rec(10, "moments_merged", mid=4, into=2)
        typo = rec(11, "moment_added", text=x["typo"], stage="during")
        rec(11.5, "undo", target=typo.id)
        rec(12, "moment_edited", mid=2, text=x["queue2"])
        rec(14, "step_entered", step=2)
        rec(15, "expectation_added", mid=2, type="stated", text=x["fast"], pid=1)
        rec(16, "expectation_added", mid=2, type="latent", text=x["cares"], pid=2)
        rec(17, "rating_given", mid=2, pid=1, value=2)
        rec(17.2, "rating_given", mid=2, pid=2, value=3)
        rec(17.4, "rating_given", mid=1, pid=1, value=4)
        rec(17.6, "rating_given", mid=3, pid=3, value=5)
        rec(18, "note_added", type="quote", pid=2, mid=2, step=2, text=x["quote"])
        deleted = rec(19, "entry_deleted", entity="expectation", id=2)
        rec(19.5, "undo", target=deleted.id)  # the expectation is back
        rec(20, "step_entered", step=3)
        rec(21, "prompt_drawn", prompt_id="analogy-03", technique="analogy", mid=2,
            text=x["prompt"])
        rec(22, "idea_added", mid=2, text=x["crew"], pid=3, did=1)
        rec(23, "idea_added", mid=1, text=x["families"], pid=1)
        live = rec(24, "idea_added", mid=3, text=x["live"])
        undo = rec(24.5, "undo", target=live.id)
        rec(25, "undo", target=undo.id)  # a redo
        rec(30, "step_entered", step=4)
        rec(30, "vote_opened", target="moments", dots=3, cap=2, blind=True, step=4)
        rec(31, "vote_cast", rid=1, pid=1, item=2, delta=2)
        rec(31.5, "vote_cast", rid=1, pid=2, item=2, delta=1)
        rec(32, "vote_cast", rid=1, pid=2, item=1, delta=1)
        rec(32.5, "vote_cast", rid=1, pid=3, item=3, delta=1)
        rec(33, "votes_revealed", rid=1)
        rec(35, "step_entered", step=5)
        rec(36, "note_added", type="note", step=5, text=x["laughed"])
        rec(40, "step_entered", step=6)
        rec(41, "action_added", type="action", mid=2, text=x["action"], owner="Store manager")
        rec(45, "session_finished")
        snapshots.append((len(store.events), store.tables()))
    return snapshots


def tables_of(state) -> dict[str, list[dict]]:
    """What the file's tables would hold for a state (the order of Store.tables())."""
    from core_fixtures import state_tables

    return state_tables(state)
