"""A moment's stage and touchpoint typed before its words ("bi/ Reading reviews")."""

from __future__ import annotations

import pytest

from workshop.core.entry import KEEP, journey_place, letters, parse_moment
from workshop.core.state import Moment, Participant, SessionState


def state(lang: str = "en", stages=()) -> SessionState:
    s = SessionState(lang=lang)
    s.participants = {3: Participant(3, "P3", "Ana"), 1: Participant(1, "P1")}
    for mid, stage in enumerate(stages, start=1):
        s.moments[mid] = Moment(mid, f"M{mid}", stage)
        s.order.append(mid)
    return s


@pytest.mark.parametrize("line, pid, text, stage, touchpoint", [
    ("bi/ Reading reviews online", None, "Reading reviews online", "before", "indirect"),
    ("d/ Paying", None, "Paying", "during", KEEP),  # d first is a stage (during)
    ("dd/ Paying", None, "Paying", "during", "direct"),
    ("i/ Reviews", None, "Reviews", KEEP, "indirect"),  # a touchpoint letter alone
    ("-/ Somewhere", None, "Somewhere", None, KEEP),  # "-": no stage
    ("AI/ Shouted", None, "Shouted", "after", "indirect"),
    ("3: ad/ Carrying the bags", 3, "Carrying the bags", "after", "direct"),
    ("ad/ Ana: Carrying the bags", 3, "Carrying the bags", "after", "direct"),
    ("bi/", None, "", "before", "indirect"),  # a tag alone: for the next moments
    # Not tags: the words stay as typed.
    ("a/b testing of the flyer", None, "a/b testing of the flyer", KEEP, KEEP),
    ("w/ cheese at the deli", None, "w/ cheese at the deli", KEEP, KEEP),
    ("xi/ nothing", None, "xi/ nothing", KEEP, KEEP),
    ("Queue at the till", None, "Queue at the till", KEEP, KEEP),
])
def test_english_tags(line, pid, text, stage, touchpoint):
    m = parse_moment(line, state())
    assert (m.pid, m.text, m.stage, m.touchpoint) == (pid, text, stage, touchpoint)


def test_spanish_tags_use_the_spanish_stage_letters():
    # antes, durante, después: a, d and p (después shares its d with durante)
    assert letters("es")[0] == {"a": "before", "d": "during", "p": "after"}
    cases = {"a/ Buscar ofertas": ("before", KEEP), "ai/ Leer opiniones": ("before", "indirect"),
             "d/ Pagar": ("during", KEEP), "pd/ Llevar la compra": ("after", "direct"),
             "i/ Un anuncio": (KEEP, "indirect")}
    for line, want in cases.items():
        m = parse_moment(line, state("es"))
        assert (m.stage, m.touchpoint) == want, line
    assert parse_moment("b/ Antes", state("es")).text == "b/ Antes"  # no b in Spanish


def test_each_language_takes_its_letters_from_its_catalog():
    # Portuguese: antes, durante, depois (pós-venda: p); direto, indireto.
    assert letters("pt_BR") == ({"a": "before", "d": "during", "p": "after"},
                                {"d": "direct", "i": "indirect"})
    m = parse_moment("pi/ 1: Levar as compras para casa", state("pt_BR"))
    assert (m.pid, m.text, m.stage, m.touchpoint) == (1, "Levar as compras para casa", "after",
                                                      "indirect")
    assert letters("en") == ({"b": "before", "d": "during", "a": "after"},
                             {"d": "direct", "i": "indirect"})


def test_a_moment_with_a_stage_joins_its_stage_along_the_journey():
    s = state(stages=["before", "during", None, "after"])
    assert journey_place(s, "before") == 1  # after the last before, before the during
    assert journey_place(s, "during") == 3  # before the after (the unstaged one stays put)
    assert journey_place(s, "after") is None and journey_place(s, None) is None
