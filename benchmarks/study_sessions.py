"""Many realistic session files for a study: what thirty facilitators bring back.

Each session is a focus group of 8 to 12 participants in one city (English, Spanish or
Brazilian Portuguese, as the city speaks): 18 to 26 moments of truth drawn from the
moments every supermarket group raises, each said in the group's own words (another
phrasing, another case, a typo, a word more), plus a few only that group raised; two or
three expectations per moment, quotes, notes and actions; expectation and performance
ratings and a feeling from every participant on every moment; prompts and ideas; a
blind vote on moments and one on ideas, revealed. Participants then revise their
ratings and feelings from their phones until the session holds about ``events``
events (the bulk of a long session's log, as in the room).

Files are written as the Store writes them (one made by ``Store.create``, copied, its
log replaced with plain sqlite3): the study reads only the event log, so the readable
tables of a copy are left as the template's, and the snapshot is removed so that
opening a copy folds its own events.

    .venv/bin/python benchmarks/study_sessions.py DIR [--sessions 300] [--events 3300]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.core.events import Event  # noqa: E402
from workshop.core.store import Store  # noqa: E402

SCRIPT = {
    "name": "moments-of-truth", "title": "Moments of truth", "lang": "en", "dots": 5,
    "cap": 2, "minutes": 120,
    "steps": [{"title": t, "kind": k, "minutes": m, "body": "", "options": {}}
              for t, k, m in [("Welcome", "intro", 5), ("Moments", "moments", 25),
                              ("Expectations", "expectations", 25),
                              ("Excellence", "excellence", 30), ("Vote", "vote", 15),
                              ("Gaps", "gaps", 10), ("Wrap-up", "wrapup", 10)]],
}

# The moments groups raise, as (English, Spanish, Portuguese) phrasings.
MOMENTS = [
    ("Finding a parking space", "Encontrar aparcamiento", "Achar vaga no estacionamento"),
    ("Queue at the checkout", "La cola en la caja", "A fila no caixa"),
    ("Getting a trolley", "Coger un carro", "Pegar um carrinho"),
    ("Finding the product on the shelf", "Encontrar el producto en el lineal",
     "Achar o produto na prateleira"),
    ("Asking staff for help", "Pedir ayuda a un empleado", "Pedir ajuda a um funcionário"),
    ("Price not on the label", "El precio no está en la etiqueta",
     "O preço não está na etiqueta"),
    ("Fresh bread in the morning", "Pan recién hecho por la mañana",
     "Pão fresquinho de manhã"),
    ("Paying with the phone", "Pagar con el móvil", "Pagar com o celular"),
    ("Self-checkout not working", "La caja de autocobro no funciona",
     "O caixa de autoatendimento não funciona"),
    ("Loyalty card discounts", "Descuentos de la tarjeta de fidelización",
     "Descontos do cartão fidelidade"),
    ("Home delivery arriving late", "La entrega a domicilio llega tarde",
     "A entrega em casa chega atrasada"),
    ("Returning a product", "Devolver un producto", "Devolver um produto"),
    ("Opening hours on Sunday", "El horario del domingo", "O horário de domingo"),
    ("Fruit and vegetables quality", "La calidad de la fruta y la verdura",
     "A qualidade das frutas e verduras"),
    ("Waiting at the butcher counter", "Esperar en la carnicería", "Esperar no açougue"),
    ("Offers in the app", "Las ofertas de la app", "As ofertas do aplicativo"),
    ("Bags at the till", "Las bolsas en la caja", "As sacolas no caixa"),
    ("Cleanliness of the toilets", "La limpieza de los baños", "A limpeza dos banheiros"),
    ("Music too loud", "La música demasiado alta", "A música alta demais"),
    ("Out of stock items", "Productos agotados", "Produtos em falta"),
    ("Staff greeting at the door", "El saludo del personal en la entrada",
     "A recepção dos funcionários na porta"),
    ("Receipt by email", "El tique por correo electrónico", "A nota fiscal por e-mail"),
    ("Online order pick-up", "Recoger el pedido online", "Retirar o pedido online"),
    ("Baby changing room", "El cambiador de bebés", "O fraldário"),
    ("Wheelchair access", "El acceso en silla de ruedas", "O acesso para cadeirantes"),
    ("Signs to find the aisles", "Los carteles de los pasillos",
     "As placas para achar os corredores"),
    ("Tasting new products", "Probar productos nuevos", "Experimentar produtos novos"),
    ("Cashier chatting with a colleague", "La cajera charlando con una compañera",
     "A operadora conversando com a colega"),
    ("Weighing the fruit yourself", "Pesar la fruta uno mismo", "Pesar a fruta sozinho"),
    ("Card payment refused", "Rechazan el pago con tarjeta", "O cartão foi recusado"),
    ("Expired products on the shelf", "Productos caducados en el lineal",
     "Produtos vencidos na prateleira"),
    ("Fish counter smell", "El olor de la pescadería", "O cheiro da peixaria"),
    ("Crowded aisles on Saturday", "Pasillos llenos el sábado",
     "Corredores lotados no sábado"),
    ("Price matching with competitors", "Igualar precios de la competencia",
     "Cobrir o preço da concorrência"),
    ("Children's corner", "El rincón infantil", "O cantinho das crianças"),
    ("Complaint handling", "Atender una reclamación", "Atender uma reclamação"),
    ("Ready meals at lunchtime", "Platos preparados al mediodía",
     "Pratos prontos na hora do almoço"),
    ("Coffee at the entrance", "El café de la entrada", "O café na entrada"),
    ("Wi-Fi in the store", "El wifi de la tienda", "O wi-fi da loja"),
    ("Closing time announcement", "El aviso de cierre", "O aviso de fechamento"),
]
WORDS = {
    "en": "long slow rude kind fresh cheap dirty empty busy late quick helpful again "
          "always never price staff app card door till".split(),
    "es": "lenta larga amable fresco barato sucio vacío lleno tarde rápido siempre nunca "
          "precio personal app tarjeta puerta caja".split(),
    "pt_BR": "lenta longa gentil fresco barato sujo vazio cheio tarde rápido sempre nunca "
             "preço equipe app cartão porta caixa".split(),
}
CITIES = [("London", "en"), ("Manchester", "en"), ("Leeds", "en"), ("Madrid", "es"),
          ("Sevilla", "es"), ("Valencia", "es"), ("São Paulo", "pt_BR"),
          ("Recife", "pt_BR"), ("Porto Alegre", "pt_BR")]
SEGMENTS = ["families", "students", "retirees", "shift workers", "online shoppers"]
TECHNIQUES = ("random-entry", "provocation", "reversal", "analogy", "scamper")
FACILITATORS = ["Marta", "Hannah", "Joaquín", "Beatriz", "Tom", "Lucía"]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _said(rng: random.Random, text: str, lang: str) -> str:
    """A moment as a group says it: often the usual phrasing, else with another case,
    punctuation, a dropped or doubled letter, or a word more."""
    roll = rng.random()
    if roll < 0.45:
        return text
    if roll < 0.6:
        return text.lower() + rng.choice(["", "!", "...", "?"])
    if roll < 0.75:
        i = rng.randrange(1, len(text) - 1)
        return text[:i] + text[i + 1:] if rng.random() < 0.5 else text[:i] + text[i] + text[i:]
    if roll < 0.9:
        return f"{text} ({rng.choice(WORDS[lang])})"
    return f"{text}, {rng.choice(WORDS[lang])} {rng.choice(WORDS[lang])}"


def _sentence(rng: random.Random, lang: str, n: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(n)).capitalize()


def session_events(seed: int, events: int = 3300) -> list[Event]:
    """One session's log, about ``events`` long (never less than its groundwork)."""
    rng = random.Random(seed)
    city, lang = CITIES[seed % len(CITIES)]
    column = {"en": 0, "es": 1, "pt_BR": 2}[lang]
    start = START + timedelta(days=seed // 3, hours=(seed % 3) * 4)
    log: list[Event] = []

    def add(kind: str, **data: object) -> None:
        n = len(log)
        when = (start + timedelta(seconds=3 * n)).isoformat(timespec="milliseconds")
        log.append(Event(kind, data, when, n + 1))

    people = rng.randint(8, 12)
    add("session_created", title=f"{city} — group {seed}", lang=lang,
        script={**SCRIPT, "lang": lang}, client="Greenway Markets",
        facilitator=rng.choice(FACILITATORS))
    for pid in range(1, people + 1):
        add("participant_added", pid=pid, pseudonym=f"P{pid}", name=f"Person {pid}",
            segment=rng.choice(SEGMENTS), consent=rng.random() < 0.9)
    add("step_entered", step=1)
    add("timer_started", step=1)
    picked = rng.sample(MOMENTS, rng.randint(15, 22))
    texts = [_said(rng, m[column], lang) for m in picked]
    texts += [_sentence(rng, lang, 5) for _ in range(rng.randint(3, 5))]  # only theirs
    moments = list(range(1, len(texts) + 1))
    for mid, text in zip(moments, texts, strict=True):
        add("moment_added", mid=mid, text=text, stage=rng.choice(["before", "during", "after"]),
            touchpoint=rng.choice(["direct", "indirect"]), pid=rng.randint(1, people))
    add("step_entered", step=2)
    xid = 0
    for mid in moments:
        for _ in range(rng.randint(2, 3)):
            xid += 1
            add("expectation_added", xid=xid, mid=mid, text=_sentence(rng, lang, 8),
                type=rng.choice(["stated", "latent"]), pid=rng.randint(1, people))
        for pid in range(1, people + 1):
            add("rating_given", mid=mid, pid=pid, value=rng.randint(3, 5), scale="expectation")
            add("rating_given", mid=mid, pid=pid, value=rng.randint(1, 5))
            add("feeling_given", mid=mid, pid=pid, value=rng.randint(-2, 2))
    add("group_feeling_given", mid=moments[0], value=-1, text="split: half of them angry")
    for nid in range(1, 3 * len(moments) // 2):
        add("note_added", nid=nid, text=_sentence(rng, lang, 12),
            type=rng.choice(["note", "quote", "quote"]), pid=rng.randint(1, people),
            mid=rng.choice(moments))
    add("step_entered", step=3)
    did = iid = 0
    for mid in rng.sample(moments, 8):
        did += 1
        technique = rng.choice(TECHNIQUES)
        add("prompt_drawn", did=did, prompt_id=f"{technique}-{did}", technique=technique,
            text=_sentence(rng, lang, 10), mid=mid)
        for _ in range(rng.randint(3, 6)):
            iid += 1
            add("idea_added", iid=iid, mid=mid, text=_sentence(rng, lang, 10),
                pid=rng.randint(1, people), did=did)
    add("step_entered", step=4)
    for rid, (target, top) in enumerate((("moments", len(moments)), ("ideas", iid)), 1):
        add("vote_opened", rid=rid, target=target, dots=5, cap=2, blind=True, step=4)
        for pid in range(1, people + 1):
            for item in rng.sample(range(1, top + 1), 5):  # five items, one dot each
                add("vote_cast", rid=rid, pid=pid, item=item, delta=1)
        add("votes_revealed", rid=rid)
    add("step_entered", step=6)
    for aid in range(1, 8):
        add("action_added", aid=aid, text=_sentence(rng, lang, 9),
            type=rng.choice(["action", "next_step"]), mid=rng.choice(moments))
    while len(log) < events - 1:  # phones: second thoughts on ratings and feelings
        mid, pid = rng.choice(moments), rng.randint(1, people)
        roll = rng.random()
        if roll < 0.4:
            add("rating_given", mid=mid, pid=pid, value=rng.randint(1, 5))
        elif roll < 0.6:
            add("rating_given", mid=mid, pid=pid, value=rng.randint(2, 5), scale="expectation")
        else:
            add("feeling_given", mid=mid, pid=pid, value=rng.randint(-2, 2))
    add("session_finished")
    return log


def _template(folder: Path) -> Path:
    """An empty session file to copy, outside ``folder`` (a study built from the folder
    would take it in)."""
    path = folder / "template.db"
    Store.create(path, title="template", script=SCRIPT, lang="en").close()
    return path


def write_session(path: Path, log: list[Event], template: Path) -> None:
    """``log`` as the file ``path``: a copy of ``template`` with its events replaced."""
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        with conn:
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM meta WHERE key LIKE 'snapshot%'")
            conn.executemany("INSERT INTO events (id, at, kind, data) VALUES (?, ?, ?, ?)",
                             [(e.id, e.at, e.kind, e.to_json()) for e in log])
    finally:
        conn.close()


def write_sessions(folder: Path, sessions: int, events: int = 3300, first: int = 0
                   ) -> list[Path]:
    """``sessions`` files in ``folder`` (seeds first, first + 1…), about ``events`` each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with tempfile.TemporaryDirectory() as tmp:
        template = _template(Path(tmp))
        for seed in range(first, first + sessions):
            path = folder / f"group-{seed:04d}.db"
            write_session(path, session_events(seed, events), template)
            paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--events", type=int, default=3300, help="per session")
    args = parser.parse_args()
    clock = time.perf_counter()
    paths = write_sessions(args.folder, args.sessions, args.events)
    print(f"{len(paths)} sessions in {args.folder} ({time.perf_counter() - clock:.1f} s)")


if __name__ == "__main__":
    main()
