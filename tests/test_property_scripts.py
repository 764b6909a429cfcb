"""Exercise scripts: whatever an author writes (or a disk mangles), loading gives a script
or a ScriptError that names the file and a line in it, never a crash.

test_scripts.py throws characters from the script syntax at the parser. Here: any
Unicode text, any bytes read from a file, and scripts built from the grammar with
mistakes mixed in, so that most of them load and the steps can be checked too. The
parser's last-resort message ("cannot be read here", for an error nobody foresaw) is a
bug wherever it shows: each test asserts it never does.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.core.scripts import STEP_KINDS, ScriptError, parse_script, read_script
from workshop.core.store import Store

UNFORESEEN = "cannot be read here"


def _located(error: ScriptError, text: str, file: str) -> None:
    assert UNFORESEEN not in str(error), str(error)
    assert error.line is not None and 1 <= error.line <= text.count("\n") + 1, str(error)
    assert str(error).startswith(f"{file}:{error.line}: ")
    assert "\n" not in str(error)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_loads_or_names_a_line(text):
    try:
        parse_script(text, name="s")
    except ScriptError as error:
        _located(error, text.replace("\r\n", "\n").replace("\r", "\n"), "s.md")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([b"", b"\xef\xbb\xbf", b"---\ntitle: "]))
def test_any_bytes_in_a_file_load_or_name_a_line(data, start):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.md"
        path.write_bytes(start + data)
        try:
            read_script(path)
        except ScriptError as error:
            assert UNFORESEEN not in str(error) and str(error).startswith(str(path))
            assert error.line is not None and "\n" not in str(error), str(error)


# ---- scripts from the grammar, with mistakes mixed in ---------------------------------

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0,
                max_size=12)
number = st.one_of(st.integers(1, 60).map(str), st.integers(-2, 700).map(str),
                   st.sampled_from(["2.5", "0", "1e3", "", "x"]))
front_line = st.one_of(
    st.tuples(st.sampled_from(["dots", "cap", "minutes"]), number),
    st.tuples(st.just("description"), words),
    st.tuples(st.sampled_from(["colour", "title", "language"]), words),  # unknown, twice
).map(lambda kv: f"{kv[0]}: {kv[1]}")
good_attrs = st.tuples(st.sampled_from([*STEP_KINDS, "wrap-up"]), st.integers(1, 60)).map(
    lambda km: [f"kind={km[0]}", f"minutes={km[1]}"])
odd_attr = st.one_of(
    st.tuples(st.just("kind"), st.sampled_from(["poll", ""])),
    st.tuples(st.just("minutes"), number),
    st.tuples(st.sampled_from(["target", "blind", "dots", "cap", "colour"]),
              st.sampled_from(["moments", "ideas", "true", "false", "3", "0", "x"])),
).map(lambda kv: f"{kv[0]}={kv[1]}")
body_line = st.one_of(words, st.sampled_from(
    ["", "> quote", "- item", "```", "## inside?", "<!-- note -->", "{kind=intro}", "---",
     "# heading", "| a | b |"]))


def mostly(good, bad):
    return st.sampled_from([good] * 6 + [bad])


title = st.one_of(st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "So")),
                          min_size=1, max_size=12).filter(str.strip), words)
step = st.tuples(st.sampled_from(["## "] * 8 + ["##", "### ", "# "]), title,
                 good_attrs, st.lists(odd_attr, max_size=2).flatmap(
                     lambda odd: st.sampled_from([[], [], [], odd])),
                 mostly(True, False), st.lists(body_line, max_size=4))


def _render(front: list[str], closed: bool, steps: list) -> str:
    lines = ["---", "title: Generated", "language: en", *front]
    if closed:
        lines.append("---")
    for hashes, title, good, odd, braces, body in steps:
        inside = " ".join(good + odd)
        lines.append(f"{hashes}{title} {{{inside}}}" if braces else f"{hashes}{title} {inside}")
        lines.extend(body)
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(front_line, max_size=3).flatmap(lambda f: st.sampled_from([[], [], f])),
       mostly(True, False), st.lists(step, min_size=1, max_size=6))
def test_scripts_from_the_grammar_load_whole_or_name_a_line(front, closed, steps):
    text = _render(front, closed, steps)
    try:
        script = parse_script(text, name="g")
    except ScriptError as error:
        _located(error, text, "g.md")
        return
    # What loads is whole: every step has a known kind and sensible minutes, and the
    # script survives the trip into a session file and back.
    data = script.to_dict()
    assert data["steps"], "a script without steps loaded"
    for s in data["steps"]:
        assert s["kind"] in STEP_KINDS and 0 < s["minutes"] <= 600
    assert json.loads(json.dumps(data)) == data
    with tempfile.TemporaryDirectory() as folder:
        with Store.create(Path(folder) / "s.db", title="T", script=data, lang="en") as store:
            assert [(s.title, s.kind, s.minutes) for s in store.state.steps] == [
                (s["title"], s["kind"], s["minutes"]) for s in data["steps"]]
