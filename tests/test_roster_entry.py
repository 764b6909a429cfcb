"""Participants and attributions as a facilitator types them."""

from __future__ import annotations

import pytest

from workshop.core.entry import parse_entry
from workshop.core.errors import RuleError
from workshop.core.roster import parse_roster
from workshop.core.state import Participant, SessionState


def test_names_with_segments_and_pseudonyms():
    assert parse_roster("Ana (families), Luis, P3; Marta ( retired )\nP5") == [
        {"pid": 1, "pseudonym": "P1", "name": "Ana", "segment": "families"},
        {"pid": 2, "pseudonym": "P2", "name": "Luis", "segment": None},
        {"pid": 3, "pseudonym": "P3", "name": None, "segment": None},
        {"pid": 4, "pseudonym": "P4", "name": "Marta", "segment": "retired"},
        {"pid": 5, "pseudonym": "P5", "name": None, "segment": None},
    ]


def test_a_number_gives_that_many_pseudonymous_participants():
    assert parse_roster(" 3 ") == [
        {"pid": i, "pseudonym": f"P{i}", "name": None, "segment": None} for i in (1, 2, 3)]
    assert parse_roster("") == [] and parse_roster(None) == []


def test_a_pseudonym_is_never_kept_as_a_name():
    # "p2" typed in lower case, or with only a segment: still no name stored.
    people = parse_roster("p2, (students), P7 (families)")
    assert [p["name"] for p in people] == [None, None, None]
    assert [p["segment"] for p in people] == [None, "students", "families"]
    assert [p["pseudonym"] for p in people] == ["P1", "P2", "P3"]


def test_empty_entries_and_control_characters_are_dropped():
    assert [p["name"] for p in parse_roster("Ana,, ,\x07Luis\x00,")] == ["Ana", "Luis"]


def test_digits_that_are_not_plain_numbers_are_names_not_a_count():
    # "²" passes str.isdigit() but int() refuses it: it must not crash the roster.
    assert [p["name"] for p in parse_roster("²")] == ["²"]


def test_an_unreasonable_count_is_refused():
    from workshop.core.errors import RuleError

    with pytest.raises(RuleError, match="At most 30 participants"):
        parse_roster("600")


@pytest.fixture
def state():
    s = SessionState()
    s.participants = {1: Participant(1, "P1", "Ana"), 2: Participant(2, "P2"),
                      12: Participant(12, "P12", "José Luis")}
    return s


@pytest.mark.parametrize("line, expected", [
    ("1: the queue is too long", (1, "the queue is too long")),
    ("Ana: the queue is too long", (1, "the queue is too long")),
    ("ana : lower case works", (1, "lower case works")),
    ("P2: a pseudonym", (2, "a pseudonym")),
    ("p2:  spaces trimmed  ", (2, "spaces trimmed")),
    ("12: two digits", (12, "two digits")),
    ("josé luis: accents and spaces", (12, "accents and spaces")),
    ("3: nobody is number 3", (None, "3: nobody is number 3")),
    ("Note: an unknown prefix stays in the text",
     (None, "Note: an unknown prefix stays in the text")),
    ("10:30 the time, not a participant", (None, "10:30 the time, not a participant")),
    ("1:no space after the colon", (None, "1:no space after the colon")),
    ("  the whole group  ", (None, "the whole group")),
    ("Ana: first line\nsecond line", (1, "first line\nsecond line")),
])
def test_parse_entry(state, line, expected):
    assert parse_entry(line, state) == expected


def test_an_attribution_without_text_is_not_an_attribution(state):
    # "Ana: " alone would record an empty entry for Ana; keep what was typed instead.
    assert parse_entry("Ana:  ", state) == (None, "Ana:")


def test_a_number_or_pseudonym_inside_a_list_stores_no_name():
    people = parse_roster("Ana, 3, p4 (students)")
    assert [(p["pseudonym"], p["name"], p["segment"]) for p in people] == [
        ("P1", "Ana", None), ("P2", None, None), ("P3", None, "students")]


def test_a_list_longer_than_any_focus_group_is_refused():
    with pytest.raises(RuleError, match="At most 30"):
        parse_roster(", ".join(f"Person {i}" for i in range(31)))


def test_two_participants_with_the_same_name_are_refused():
    # "Ana: …" would always go to the first Ana, and the chips would show two "Ana".
    with pytest.raises(RuleError, match="Two participants are called “ana”: add an initial"):
        parse_roster("Ana (families), Luis, ana ")
    assert [p["name"] for p in parse_roster("Ana G., Ana P., P3, P3")] == [
        "Ana G.", "Ana P.", None, None]  # seats typed twice are not names
