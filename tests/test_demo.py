"""The recorded demo session: rebuilt from its source it is the committed file, and it
holds a whole focus group that every later feature (TUI, replay, report) can rely on."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from workshop.cli import cli
from workshop.core.demo import DemoSourceError, build_demo, load_source
from workshop.core.errors import SessionFileError
from workshop.core.events import seconds_between
from workshop.core.kinds.feelings import group_feelings
from workshop.core.prompts import load_deck
from workshop.core.scripts import load_script
from workshop.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sessions" / "demo-supermarket.toml"
COMMITTED = ROOT / "sessions" / "demo-supermarket.db"
SOURCE_ES = ROOT / "sessions" / "demo-supermercado.toml"
COMMITTED_ES = ROOT / "sessions" / "demo-supermercado.db"
REBUILD = "{db} is out of date with its source: run `workshop demo --lang {lang} --force`"


@pytest.fixture(scope="module")
def demo():
    """The committed file, opened read-only: its events and folded state."""
    with Store.open(COMMITTED, readonly=True) as store:
        yield store.events, store.state, store.tables()


def _read(path: Path):
    with Store.open(path, readonly=True) as store:
        return store.events, store.tables()


# ---- the committed file is the source, built -----------------------------------------

@pytest.mark.parametrize("lang, source, committed", [("en", SOURCE, COMMITTED),
                                                     ("es", SOURCE_ES, COMMITTED_ES)])
def test_the_committed_file_equals_a_fresh_build_of_its_source(lang, source, committed, tmp_path):
    events, tables = _read(committed)
    fresh_events, fresh_tables = _read(build_demo(source, tmp_path / "fresh.db"))

    def as_rows(evs):
        return [(e.id, e.kind, e.data, e.at) for e in evs]

    stale = REBUILD.format(db=committed.relative_to(ROOT), lang=lang)
    assert as_rows(events) == as_rows(fresh_events), stale
    assert tables == fresh_tables, stale


def test_the_spanish_demo_is_the_same_session_in_spanish(demo):
    events, state, _ = demo
    with Store.open(COMMITTED_ES, readonly=True) as store:
        es_events, es = store.events, store.state
    # the same session, change for change and second for second
    assert [(e.id, e.kind, e.at) for e in es_events] == [(e.id, e.kind, e.at) for e in events]
    assert es.lang == "es" and es.script == load_script("momentos-de-la-verdad").to_dict()
    assert len(es.participants) == 6 and len(es.moments) == len(state.moments)
    assert {i.prompt_id for i in es.ideas.values()} == {i.prompt_id for i in state.ideas.values()}
    deck = load_deck("es")
    for idea in (i for i in es.ideas.values() if i.did is not None):
        assert idea.prompt_text == deck.prompt(idea.prompt_id).fill(es.moments[idea.mid].text)
    # written in Spanish: no text of the English demo is left over
    english = {x.text for coll in (state.moments, state.expectations, state.ideas, state.notes,
                                   state.actions) for x in coll.values()}
    spanish = {x.text for coll in (es.moments, es.expectations, es.ideas, es.notes,
                                   es.actions) for x in coll.values()}
    assert not english & spanish
    result = CliRunner().invoke(cli, ["show", str(COMMITTED_ES)])
    assert result.exit_code == 0, result.output
    for expected in ("Supermercados Alameda", "Participantes: 6", "Estado: terminada",
                     "Hacer cola en la caja", "Votación 1 sobre momentos: 30 puntos emitidos"):
        assert expected in result.output


def test_the_committed_file_folds_cleanly_and_its_tables_match_the_fold(demo, tmp_path):
    _, state, tables = demo
    assert state.skipped == []  # every event was accepted by the rules
    copy = tmp_path / "copy.db"
    shutil.copy(COMMITTED, copy)
    with Store.open(copy) as store:
        store.rebuild_tables()
        assert store.tables() == tables


def test_building_twice_gives_the_same_file_byte_for_byte(tmp_path):
    # so rebuilding from an unchanged source leaves the committed file unchanged in git;
    # two processes, two hash seeds: set and dict order must not leak into the file
    files = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.db"
        code = ("from workshop.core.demo import build_demo; "
                f"build_demo({str(SOURCE)!r}, {str(out)!r})")
        subprocess.run([sys.executable, "-c", code], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        files.append(out.read_bytes())
    assert files[0] == files[1]


def test_the_file_is_private_to_its_owner(tmp_path):
    path = build_demo(SOURCE, tmp_path / "demo.db")
    assert path.stat().st_mode & 0o777 == 0o600


# ---- a whole focus group ---------------------------------------------------------------

def test_it_runs_the_built_in_script_and_enters_every_step_in_order(demo):
    events, state, _ = demo
    assert state.script == load_script("moments-of-truth").to_dict()
    entered = [e.data["step"] for e in events if e.kind == "step_entered"]
    assert entered == list(range(len(state.steps)))
    assert all(st.entered_at for st in state.steps)
    assert state.finished


def test_timers_ran_on_every_step_and_actual_minutes_differ_a_little_from_the_plan(demo):
    _, state, _ = demo
    actual = [st.elapsed / 60 for st in state.steps]
    planned = [st.minutes for st in state.steps]
    assert all(a > 0 for a in actual)
    assert actual != planned
    assert all(abs(a - p) <= 5 for a, p in zip(actual, planned, strict=True))
    assert 90 <= sum(actual) <= 110


def test_real_timestamps_over_about_a_hundred_minutes_from_a_fixed_start(demo):
    events, _, _ = demo
    assert events[0].kind == "session_created"
    assert events[0].at == "2026-10-14T15:30:00.000+00:00"  # 17:30 in Madrid, stored in UTC
    times = [e.at for e in events]
    assert times == sorted(times)
    assert 100 <= seconds_between(times[0], times[-1]) / 60 <= 120
    assert len(set(times)) > len(times) - 10  # entries have their own times, not one batch


def test_six_consenting_participants_with_names_pseudonyms_and_segments(demo):
    _, state, _ = demo
    people = list(state.participants.values())
    assert len(people) == 6
    assert all(p.consent and p.name and p.pseudonym and p.segment for p in people)
    assert len({p.pseudonym for p in people}) == 6
    assert len({p.segment for p in people}) == 6
    assert state.client and state.facilitator


def _step_index(state, kind: str, target: str | None = None) -> int:
    return next(st.index for st in state.steps
                if st.kind == kind and (target is None or st.options.get("target") == target))


def test_intro_and_warm_up_hold_notes_and_verbatim_quotes(demo):
    _, state, _ = demo
    for kind in ("intro", "discussion"):
        step = _step_index(state, kind)
        assert any(n.type == "note" for n in state.notes.values() if n.step == step)
    warm_up = _step_index(state, "discussion")
    quoted = {n.pid for n in state.notes.values() if n.step == warm_up and n.type == "quote"}
    assert quoted == set(state.participants)  # everyone spoke in the warm-up


def test_moments_cover_the_journey_and_both_touchpoints(demo):
    events, state, _ = demo
    moments = state.ordered_moments()
    assert 12 <= len(moments) <= 16
    assert {m.stage for m in moments} == {"before", "during", "after"}
    assert {m.touchpoint for m in moments} == {"direct", "indirect"}
    stages = [m.stage for m in moments]
    assert stages == sorted(stages, key=["before", "during", "after"].index)  # journey order
    kinds = Counter(e.kind for e in events)
    assert kinds["moments_merged"] >= 2 and kinds["moment_moved"] >= 1
    assert kinds["moment_edited"] >= 1 and kinds["undo"] >= 1
    texts = " ".join(m.text.lower() for m in moments)
    for word in ("checkout", "self-checkout", "flyer", "parking", "fresh", "delivery",
                 "returning", "loyalty", "packing"):
        assert word in texts


def test_expectations_stated_and_latent_and_varied_ratings(demo):
    _, state, _ = demo
    for m in state.moments:
        types = {x.type for x in state.expectations.values() if x.mid == m}
        assert types, state.moments[m].text
    assert {x.type for x in state.expectations.values()} == {"stated", "latent"}
    values = [r.value for r in state.ratings.values()]
    assert set(values) == {1, 2, 3, 4}
    # most moments were rated by everyone; the group disagrees on some
    assert len(state.ratings) >= len(state.moments) * len(state.participants) - 3
    spreads = [max(v) - min(v) for v in (
        [r.value for r in state.ratings.values() if r.mid == m] for m in state.moments)]
    assert max(spreads) >= 3
    means = [statistics.mean(r.value for r in state.ratings.values() if r.mid == m)
             for m in state.moments]
    assert max(means) - min(means) >= 0.8


def test_ideas_come_from_real_prompts_of_the_deck_across_techniques(demo):
    _, state, _ = demo
    deck = load_deck(state.lang)
    ideas = list(state.ideas.values())
    assert len(ideas) >= 15
    prompted = [i for i in ideas if i.did is not None]
    assert len(prompted) >= len(ideas) - 3
    for idea in prompted:
        card = deck.prompt(idea.prompt_id)
        assert idea.technique == card.technique
        assert idea.prompt_text == card.fill(state.moments[idea.mid].text)
    techniques = {i.technique for i in prompted}
    assert "experiential" in techniques and len(techniques) >= 6
    modules = {i.prompt_id for i in prompted if i.technique == "experiential"}
    assert modules == {f"experience-{m}" for m in ("sense", "feel", "think", "act", "relate")}
    assert len({i.mid for i in ideas}) >= 10  # ideas along the journey, not on one moment


def test_both_votes_follow_the_script_rules_and_are_revealed(demo):
    _, state, _ = demo
    assert {r.target for r in state.rounds.values()} == {"moments", "ideas"}
    for rnd in state.rounds.values():
        step = state.steps[rnd.step]
        assert step.kind == "vote" and step.options["target"] == rnd.target
        assert (rnd.dots, rnd.cap, rnd.blind) == (step.options["dots"], step.options["cap"], True)
        assert rnd.revealed
        for pid in state.participants:
            assert state.dots_used(rnd.rid, pid) == rnd.dots
    moments = next(r for r in state.rounds.values() if r.target == "moments")
    top = sorted(state.moments, key=lambda m: -state.dots_on(moments.rid, m))[:2]
    assert {state.moments[m].text for m in top} == {"Queueing at the checkout",
                                                   "Fruit and vegetables lasting at home"}


def test_gaps_and_wrap_up_hold_notes_actions_and_next_steps(demo):
    _, state, _ = demo
    gaps = _step_index(state, "gaps")
    assert any(n.step == gaps for n in state.notes.values())
    types = Counter(a.type for a in state.actions.values())
    assert types["action"] >= 4 and types["next_step"] >= 2
    assert all(a.mid in state.moments for a in state.actions.values() if a.type == "action")
    assert all(a.owner for a in state.actions.values())


def test_expected_levels_are_measured_and_tell_the_story(demo):
    from workshop.core import analysis

    _, state, _ = demo
    # Every participant gave every moment an expected level (one has never had a delivery).
    assert len(state.expected) == len(state.moments) * len(state.participants) - 1
    table = analysis.gap_table(state)
    rows = {r.text: r for r in table.rows}
    queue = rows["Queueing at the checkout"]
    # Queueing: expected high (4.5), done badly (2.0): the largest shortfall, with n = 6.
    assert (queue.expectation, queue.performance, queue.gap, queue.gap_n) == (4.5, 2.0, -2.5, 6)
    assert min(table.rows, key=lambda r: r.gap).mid == queue.mid
    assert [r.text for r in table.by_priority()[:3]] == [
        "Queueing at the checkout", "Fruit and vegetables lasting at home",
        "Being served at the fresh counter"]
    # Some "overkill" moments are still rated below the midpoint: the flag has work to do.
    assert {r.text for r in table.rows if r.quadrant == analysis.OVERKILL and r.below_midpoint} >= {
        "Leafing through the weekly flyer", "Using the self-checkout"}


def test_feelings_tell_the_story_worst_at_the_queue_best_where_nobody_voted(demo):
    from workshop.core.journey import journey_map

    _, state, _ = demo
    board = journey_map(state)
    by_text = {m.text: m for m in board.moments}
    # Everyone felt the queue was bad: the worst net experience, in "concentrate here".
    assert (board.worst().text, board.worst().feeling.net.net, board.worst().feeling.net.n) == (
        "Queueing at the checkout", -1.0, 6)
    # The best is the flyer: "you are all good at the bits nobody cares about" (no dots).
    assert board.best().text == "Leafing through the weekly flyer"
    assert board.best().gaps.dots == 0
    # Self-checkout splits the room: two +2 and a −2 behind a small net.
    assert by_text["Using the self-checkout"].feeling.counts == (1, 1, 1, 1, 2)
    # Pressed for time after the break, the facilitator took the room's feeling instead.
    group = {m.text: m.feeling.group for m in board.moments if m.feeling.group}
    assert set(group) == {"Packing the bags at the till", "What the neighbours say about the shop"}
    assert all(g.text and not by_text[text].feeling.net.n for text, g in group.items())
    # The one who never ordered a delivery gave it no feeling either.
    assert by_text["Home delivery arriving"].feeling.net.n == 5


def test_insights_findings_and_actions_as_a_consultant_leaves_them(demo):
    from workshop.core import analysis

    _, state, _ = demo
    assert 3 <= len(state.insights()) <= 6
    findings = state.ordered_findings()
    assert 3 <= len(findings) <= 4
    for f in findings:  # each rests on picked evidence and says what it means and what to do
        assert f.moments and f.quotes and f.figures and f.meaning and f.recommendation
    table = analysis.gap_table(state)
    for f in findings:
        for measure, item in f.figures:
            assert analysis.figure(state, measure, item, table=table).value is not None
    # The findings lead with the priorities: the top two moments come first.
    top = [r.mid for r in table.by_priority()[:2]]
    assert [f.moments[0] for f in findings[:2]] == top
    actions = [a for a in state.actions.values() if a.type == "action"]
    assert all(a.owner and a.due and a.measure for a in actions)
    assert all(a.due for a in state.actions.values())


def test_free_text_never_names_a_participant(demo):
    _, state, _ = demo
    names = {part for p in state.participants.values() for part in p.name.split()}
    texts = [x.text for coll in (state.moments, state.expectations, state.ideas, state.notes,
                                 state.actions) for x in coll.values()]
    texts += [x for f in state.findings.values() for x in (f.headline, f.meaning,
                                                            f.recommendation)]
    texts += [x for a in state.actions.values() for x in (a.measure or "", a.due or "")]
    texts += [g.text or "" for g in group_feelings(state).values()]
    assert not [t for t in texts for n in names if n in t.split()]


# ---- what a user sees --------------------------------------------------------------------

def test_workshop_show_summarises_the_demo():
    result = CliRunner().invoke(cli, ["--lang", "en", "show", str(COMMITTED)])
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in ("Greenway Markets: a week of food shopping", "Client: Greenway Markets",
                     "Participants: 6", "Status: finished", "Moments of truth: 14",
                     "Queueing at the checkout", "Leafing through the weekly flyer",
                     "Vote 1 on moments: 30 dots cast", "Vote 2 on ideas: 18 dots cast",
                     "A 'ripe on' date on fruit", "Actions and next steps: 8"):
        assert expected in out


def test_the_demo_command_builds_refuses_to_overwrite_and_replaces_with_force(tmp_path):
    out = tmp_path / "demo.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["--lang", "en", "demo", "--out", str(out)])
    assert first.exit_code == 0 and str(out) in first.output
    before = out.read_bytes()
    # what a user sees: main() turns the refusal into one line (CliRunner would raise it)
    again = subprocess.run([sys.executable, "-m", "workshop", "--lang", "en", "demo", "--out",
                            str(out)], capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.strip() == f"Error: {out} already exists: add --force to replace it."
    assert out.read_bytes() == before
    forced = runner.invoke(cli, ["--lang", "en", "demo", "--out", str(out), "--force"])
    assert forced.exit_code == 0
    with Store.open(out, readonly=True) as store:
        assert len(store.state.participants) == 6


def test_a_session_open_elsewhere_is_not_replaced(tmp_path):
    out = build_demo(SOURCE, tmp_path / "demo.db")
    with Store.open(out):
        with pytest.raises(SessionFileError):
            build_demo(SOURCE, out, overwrite=True)


# Another window opening the session for writing, as `workshop run` does.
_OPENER = """
import sys
from workshop.core.errors import SessionLockedError
from workshop.core.store import Store
try:
    with Store.open(sys.argv[1]) as store:
        # (the demo is finished: a finding is what it still takes without reopening)
        store.record("finding_added", headline="written in the other window")
except SessionLockedError:
    print("refused")
else:
    print("opened")
"""


def test_force_holds_the_write_lock_until_the_new_file_is_in_place(tmp_path, monkeypatch):
    from workshop.core import demo

    out = build_demo(SOURCE, tmp_path / "demo.db")
    seen = []
    canonical = demo._canonical

    def meanwhile(path, created):  # while the new file is being built, a window opens the old
        seen.append(subprocess.run([sys.executable, "-c", _OPENER, str(out)], capture_output=True,
                                   text=True, timeout=60).stdout.strip())
        canonical(path, created)

    monkeypatch.setattr(demo, "_canonical", meanwhile)
    build_demo(SOURCE, out, overwrite=True)
    assert seen == ["refused"]  # not "opened": its entry would have gone with the old file
    after = subprocess.run([sys.executable, "-c", _OPENER, str(out)], capture_output=True,
                           text=True, timeout=60)
    assert after.stdout.strip() == "opened"  # the lock went with the build


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, says", [
    # a rule of the store: a sixth dot on the moments vote is over the budget
    ('dots = ["queue", "queue", "athome", "parking", "delivery"]',
     'dots = ["queue", "queue", "athome", "parking", "delivery", "flyer"]', "no dots left"),
    # a moment the board does not have
    ('on = "neighbours"\n\n[[step.entry]]\nat = "34:00"',
     'on = "nowhere"\n\n[[step.entry]]\nat = "34:00"', "“nowhere”"),
    # time going backwards
    ('at = "19:45"', 'at = "17:45"', "earlier than the one before"),
    # a finding's figure on an idea that was never proposed
    ('"idea_dots:ripeon"]', '"idea_dots:nosuchidea"]', "“nosuchidea”"),
    # an expected level off the scale
    ('expected = { sarah = 5, geoffrey = 4, priya = 5, daniel = 5, tomas = 4, helen = 4 }',
     'expected = { sarah = 6, geoffrey = 4, priya = 5, daniel = 5, tomas = 4, helen = 4 }',
     "A rating goes from 1 to 5."),
])
def test_a_mistake_in_the_source_says_where_and_leaves_no_file(tmp_path, old, new, says):
    source = _broken(tmp_path, old, new)
    out = tmp_path / "out.db"
    with pytest.raises(DemoSourceError) as err:
        build_demo(source, out)
    assert str(source) in str(err.value) and "entry at" in str(err.value)
    assert says in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.toml"]


def test_a_source_that_is_not_toml_names_its_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('title = "x"\nlang = \n', encoding="utf-8")
    with pytest.raises(DemoSourceError, match="line 2"):
        load_source(path)


def test_a_source_that_is_a_pipe_a_device_huge_or_deeply_nested_is_refused_in_one_line(tmp_path):
    """A source someone sends is read like a script: a pipe or /dev/zero hung the
    build, a 50 MB file was read whole, brackets nested 100,000 deep crashed it."""
    fifo = tmp_path / "source.toml"
    os.mkfifo(fifo)
    code = ("from workshop.core.demo import DemoSourceError, load_source\n"
            "import sys\n"
            "for path in sys.argv[1:]:\n"
            "    try:\n"
            "        load_source(path)\n"
            "    except DemoSourceError as exc:\n"
            "        print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(fifo), "/dev/zero"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == [f"{fifo} is a named pipe, not a file.",
                                        "/dev/zero is a device, not a file."], done.stderr
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:  # sparse: reads as 50 MB
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(DemoSourceError, match=r"big\.toml is too large \(50\.0 MB\): a demo "
                                              r"source may be at most 1\.0 MB\."):
        load_source(big)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(DemoSourceError, match=r"deep\.toml cannot be read \(it is nested "
                                              r"too deeply\)\."):
        load_source(deep)


@pytest.mark.parametrize("old, new, says", [
    ('at = "01:30"', 'at = "99999999999999999999:00"',  # minutes beyond a C int
     r"broken\.toml, step 1 \(intro\): The time “[0-9:]+” is too far from the start\."),
    ('start = "2026-10-14T17:30:00+02:00"', 'start = "9999-12-31T23:59:00+00:00"',
     r"broken\.toml: start must be a local time with its offset"),
    ('start = "2026-10-14T17:30:00+02:00"', 'start = "9999-12-29T22:30:00+00:00"',
     r"broken\.toml, step \d \(\w+\), entry at [0-9:]+: The time “[0-9:]+” is too far from"),
])
def test_a_time_no_clock_can_hold_is_a_mistake_of_the_source(tmp_path, old, new, says):
    """They crashed the build (OverflowError) instead of saying where."""
    source = _broken(tmp_path, old, new)
    with pytest.raises(DemoSourceError, match=says):
        build_demo(source, tmp_path / "out.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.toml"]
