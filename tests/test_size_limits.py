"""Scripts and prompt decks have a size limit, checked where they are read: `workshop
check`, `workshop new` (and the new-session form, which loads the same way), and `run`,
which reads the script the session file carries."""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest
from textual.app import App

from core_fixtures import DECK, SCRIPT, new_store
from workshop.cli import main
from workshop.core.limits import MAX_DECK_BYTES, MAX_SCRIPT_BYTES, MAX_STEP_TEXT, MAX_TEMPLATE
from workshop.core.prompts import DeckError, read_deck
from workshop.core.scripts import ScriptError, load_script
from workshop.core.store import Store

HEAD = "---\ntitle: Big\nlanguage: en\n---\n## Talk {kind=discussion minutes=10}\n"


def _main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["workshop", *map(str, args)])
    monkeypatch.setattr(App, "run", lambda self, *a, **k: pytest.fail("a screen was started"))
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


def _fifty_megabytes(path):
    with open(path, "wb") as fh:  # sparse: no disk is used, but it reads as 50 MB
        fh.write(HEAD.encode())
        fh.truncate(50 * 1024 * 1024)
    return path


def test_check_and_new_refuse_a_script_over_the_limit_in_one_line(tmp_path, monkeypatch, capsys):
    path = _fifty_megabytes(tmp_path / "big.md")
    line = f"Error: {path}: This script is too large (50.0 MB): a script may be at most 64 KB."
    for args in (["check", path],
                 ["new", "--title", "Big", "--script", path, "--dir", tmp_path / "sessions"]):
        code, out, err = _main(monkeypatch, capsys, *args)
        assert (code, out, err.splitlines()) == (1, "", [line]), args
    assert not (tmp_path / "sessions").exists()


def _full_script(path):
    """A script of exactly the limit, each step's text nearly as long as one may be, in
    the characters JSON escapes (the largest it can be once stored in a session); an
    author's comment before the first step fills the rest."""
    text = ('"\\\n' * MAX_STEP_TEXT)[:MAX_STEP_TEXT - 99] + "\n"
    step = "## Step {kind=discussion minutes=5}\n" + text
    head = "---\ntitle: Full\nlanguage: en\n---\n<!--  -->\n"
    n = (MAX_SCRIPT_BYTES - len(head)) // len(step.encode())
    fill = "x" * (MAX_SCRIPT_BYTES - len(head) - n * len(step.encode()))
    path.write_text(head.replace("<!--  -->", f"<!-- {fill} -->") + step * n, encoding="utf-8")
    return path


def test_a_script_at_the_limit_is_checked_created_and_run(tmp_path, monkeypatch, capsys):
    path = _full_script(tmp_path / "full.md")
    assert path.stat().st_size == MAX_SCRIPT_BYTES
    code, out, err = _main(monkeypatch, capsys, "check", path)
    assert code == 0 and out.startswith("Full (en): "), err
    created = tmp_path / "sessions"
    code, out, err = _main(monkeypatch, capsys, "new", "--title", "Full", "--script", path,
                           "--dir", created)
    assert code == 0, err
    with Store.open(out.strip(), readonly=True) as store:  # what run opens first
        assert store.state.steps[0].body == load_script(path).steps[0].body


def test_run_refuses_a_session_carrying_a_script_over_the_limit(tmp_path, monkeypatch, capsys):
    with new_store(tmp_path):
        pass
    path = tmp_path / "s.db"
    big = {**SCRIPT, "steps": [{**SCRIPT["steps"][0], "body": "Read this. " * 100_000}]}
    conn = sqlite3.connect(path)  # as another tool would: no script file, no check
    with conn:
        data = json.loads(conn.execute("SELECT data FROM events WHERE id = 1").fetchone()[0])
        stored = json.dumps({**data, "script": big})
        conn.execute("UPDATE events SET data = ? WHERE id = 1", (stored,))
    conn.close()
    code, out, err = _main(monkeypatch, capsys, "run", path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"Error: {path} is damaged (event 1 is {len(stored):,} "
                                "characters long; an event holds at most 1,000,000)."]


def _carry(path, script) -> None:
    conn = sqlite3.connect(path)  # as another tool would: no script file, no check
    with conn:
        data = json.loads(conn.execute("SELECT data FROM events WHERE id = 1").fetchone()[0])
        conn.execute("UPDATE events SET data = ? WHERE id = 1",
                     (json.dumps({**data, "script": script}),))
    conn.close()


@pytest.mark.parametrize("steps, why", [
    # 11,000 small steps (a 0.9 MB event): the first screen took 25 s, each F8 15 s.
    ([{**SCRIPT["steps"][0], "title": f"S{i}", "body": "x"} for i in range(11_000)],
     "the script it carries has 11,000 steps; a script has at most 100"),
    # Nine steps of 8,000 characters each: every one within its limit, together more
    # text than a 64 KB script file can hold.
    ([{**SCRIPT["steps"][0], "title": "T", "body": "y" * 8_000} for _ in range(9)],
     "the script it carries holds 72,011 characters of text; a script holds at most 65,536"),
])
def test_a_session_carrying_more_script_than_a_file_may_hold_is_refused(
        tmp_path, monkeypatch, capsys, steps, why):
    with new_store(tmp_path):
        pass
    path = tmp_path / "s.db"
    _carry(path, {**SCRIPT, "title": "Te", "steps": steps})
    for command in ("run", "show"):
        code, out, err = _main(monkeypatch, capsys, command, path)
        assert (code, out) == (1, "")
        assert err.splitlines() == [f"Error: {path} is damaged (event 1: {why})."]


def test_a_script_file_with_more_steps_than_a_script_may_have_is_refused_at_the_first_one_over():
    from workshop.core.scripts import parse_script

    text = "---\ntitle: T\nlanguage: en\n---\n" + "## S {kind=discussion minutes=1}\n" * 101
    with pytest.raises(ScriptError) as refused:
        parse_script(text, name="s", file="s.md")
    assert str(refused.value) == "s.md:105: This script has 101 steps; a script has at most 100."
    assert len(parse_script(text[:-len("## S {kind=discussion minutes=1}\n")]).steps) == 100


def test_a_script_read_as_text_has_the_same_limit():
    from workshop.core.scripts import parse_script

    with pytest.raises(ScriptError) as refused:
        parse_script(HEAD + "x" * MAX_SCRIPT_BYTES, name="s", file="s.md")
    assert str(refused.value) == "s.md: This script is too large: a script may be at most 64 KB."


def test_a_step_whose_text_could_not_be_drawn_quickly_is_refused_with_its_line(tmp_path):
    path = tmp_path / "long-step.md"
    path.write_text(HEAD + "- Ask who waited longest.\n" * 400, encoding="utf-8")
    with pytest.raises(ScriptError) as refused:
        load_script(path)
    assert str(refused.value) == (f"{path}:5: The text of this step is 10,399 characters long; "
                                  "a step's text holds at most 8,000 (the facilitator reads it "
                                  "from one screen).")


def test_a_title_longer_than_an_entry_is_refused_with_its_line(tmp_path):
    path = tmp_path / "long.md"
    path.write_text(HEAD.replace("## Talk", "## " + "Talk " * 5000), encoding="utf-8")
    with pytest.raises(ScriptError) as refused:
        load_script(path)
    title = ("Talk " * 5000).strip()
    assert str(refused.value) == (f"{path}:5: This title is {len(title):,} characters long; "
                                  "a title holds at most 20,000.")


def test_a_deck_over_the_limit_or_with_a_huge_card_is_refused(tmp_path):
    path = tmp_path / "en.toml"
    path.write_text(DECK + "# " + "padding " * (MAX_DECK_BYTES // 8) + "\n", encoding="utf-8")
    with pytest.raises(DeckError) as refused:
        read_deck(path)
    assert str(refused.value) == (f"{path}: This deck is too large: a prompt deck may be at "
                                  "most 64 KB.")

    card = "{moment} " + "why " * MAX_TEMPLATE
    path.write_text(DECK.replace("How could {moment} fail?", card), encoding="utf-8")
    with pytest.raises(DeckError) as refused:
        read_deck(path)
    assert str(refused.value) == (f"{path}: Prompt “reversal-one” is {len(card.strip()):,} "
                                  "characters long; a prompt holds at most 2,000.")

    path.write_text(DECK + "deep = " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(DeckError) as refused:  # tomllib recurses: no RecursionError escapes
        read_deck(path)
    assert str(refused.value).startswith(f"{path}: This is not valid TOML: ")


def test_no_session_holds_more_participants_than_the_form_takes(tmp_path):
    """The form and `workshop new` stop at 30; a crafted file carried 5,000 (each F8 then
    took seconds: every screen lists them). Beyond 30 an added participant is refused
    like any change that breaks a rule: skipped when a file is read, refused live."""
    from workshop.core.errors import RuleError
    from workshop.core.limits import MAX_PARTICIPANTS

    with new_store(tmp_path) as store:
        first_at = store.events[1].at
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)  # as another tool would
    with conn:
        conn.executemany("INSERT INTO events (at, kind, data) VALUES (?, 'participant_added', ?)",
                         [(first_at, json.dumps({"pid": pid, "pseudonym": f"P{pid}"}))
                          for pid in range(4, 5001)])
    conn.close()
    with Store.open(path) as store:
        assert sorted(store.state.participants) == list(range(1, MAX_PARTICIPANTS + 1))
        assert len(store.state.skipped) == 5000 - MAX_PARTICIPANTS
        with pytest.raises(RuleError, match="At most 30 participants"):
            store.record("participant_added", pid=5001, pseudonym="P5001")
