"""Every question the TUI asks is answered by a letter shown on its button, in every
language, as well as by Enter (the focused answer) and Escape (the cautious one)."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from waiting import until
from workshop.core.events import local_time
from workshop.i18n import LANGUAGES, long_date, translator
from workshop.tui.app import make_app
from workshop.tui.screens.confirm import QUESTIONS, ConfirmScreen
from workshop.tui.screens.run import RunScreen

from .step_fixtures import StepApp, new_store, rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_question_has_a_letter_per_answer_taken_from_its_label(lang):
    tr = translator(lang)
    for question, answers in QUESTIONS.items():
        keys = [tr(a.key) for a in answers]
        assert len(set(keys)) == len(keys), (lang, question, keys)
        for answer, key in zip(answers, keys, strict=True):
            label = tr(answer.label)
            assert len(key) == 1 and key.isalpha() and key == key.lower(), (lang, label, key)
            assert key in label.lower(), (lang, question, label, key)


def _buttons(app) -> list[str]:
    return [str(b.label) for b in app.screen.query(Button)]


def _asked(app) -> bool:
    return isinstance(app.screen, ConfirmScreen)


async def test_the_vote_is_revealed_by_its_letter_in_spanish(tmp_path):
    store = new_store(tmp_path, lang="es")
    mid = store.record("moment_added", text="La cola").data["mid"]
    app = StepApp(store, "vote")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rid = store.state.rounds[max(store.state.rounds)].rid
        store.record("vote_cast", rid=rid, pid=1, item=mid, delta=1)
        app.view.refresh_state()
        await pilot.press("f6")
        await until(pilot, lambda: _asked(app), "the question")
        assert _buttons(app) == ["Todavía no (n)", "Revelar (r)"]
        # Enter takes the safe answer: the vote stays blind, not ended by accident.
        assert app.focused is app.screen.query_one("#choice-no")
        await pilot.press("enter")
        await until(pilot, lambda: not _asked(app), "the question to close")
        assert not store.state.rounds[rid].revealed
        await pilot.press("f6")
        await until(pilot, lambda: _asked(app), "the question again")
        await pilot.press("n")
        await until(pilot, lambda: not _asked(app), "the question to close")
        assert not store.state.rounds[rid].revealed
        await pilot.press("f6")
        await until(pilot, lambda: _asked(app), "the question again")
        await pilot.press("r")
        await until(pilot, lambda: store.state.rounds[rid].revealed, "the vote revealed")
        assert not _asked(app)


@pytest.mark.parametrize(("lang", "keep", "delete", "question"), [
    ("en", "k", "d", "Delete “Checkout” and the 1 expectation, rating or idea on it? Undo "
                     "brings it back."),
    ("es", "c", "b", "¿Borrar «Checkout» y lo que tiene anotado (1: una expectativa, "
                     "valoración o idea)? Deshacer lo recupera.")])
async def test_a_moment_with_entries_is_kept_or_deleted_by_its_letter(tmp_path, lang, keep,
                                                                      delete, question):
    store = new_store(tmp_path, lang=lang)
    mid = store.record("moment_added", text="Checkout").data["mid"]
    store.record("rating_given", mid=mid, pid=1, value=2)
    app = StepApp(store, "moments")
    tr = translator(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#moments").focus()
        await pilot.press("delete")
        await until(pilot, lambda: _asked(app), "the question")
        assert str(app.screen.query_one("Plain").render()) == question
        assert _buttons(app) == [f"{tr('Keep')} ({keep})", f"{tr('Delete')} ({delete})"]
        # Enter out of habit takes the safe answer: the moment and its rating stay.
        assert app.focused is app.screen.query_one("#choice-no")
        await pilot.press("enter")
        await until(pilot, lambda: not _asked(app), "the question to close")
        assert len(rows(store, "moments")) == 1 and len(rows(store, "ratings")) == 1
        await pilot.press("delete")
        await until(pilot, lambda: _asked(app), "the question again")
        await pilot.press(keep)
        await until(pilot, lambda: not _asked(app), "the question to close")
        assert len(rows(store, "moments")) == 1
        await pilot.press("delete")
        await until(pilot, lambda: _asked(app), "the question again")
        await pilot.press(delete)
        await until(pilot, lambda: not rows(store, "moments"), "the moment deleted")


async def _finish_from_the_palette(pilot, command: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.press(*command)
    await until(pilot, lambda: command in str(
        app.screen.query("CommandList").first().get_option_at_index(0).prompt)
        if app.screen.query("CommandList") else False, "the command")
    await pilot.press("enter")
    await until(pilot, lambda: _asked(app), "the question")


async def test_finishing_and_reopening_are_answered_by_letters(session):
    path = session(lang="pt_BR")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        await _finish_from_the_palette(pilot, "Concluir a sessão")
        assert _buttons(app) == ["Ainda não (n)", "Concluir (c)"]
        # Enter out of habit takes the safe answer: the session goes on.
        assert app.focused is app.screen.query_one("#choice-no")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is run, "the run screen again")
        assert not run.live.finished
        await _finish_from_the_palette(pilot, "Concluir a sessão")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is run, "the run screen again")
        assert not run.live.finished
        await _finish_from_the_palette(pilot, "Concluir a sessão")
        await pilot.press("c")
        await until(pilot, lambda: run.live.finished, "the session finished")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: _asked(app), "the question to reopen")
        assert _buttons(app) == ["Manter só para leitura (m)", "Reabrir (r)"]
        # When it finished, the language's way (it read 2026-12-01 17:20 in every one).
        finished = local_time(run.live.state.finished_at)
        assert (f"Esta sessão foi concluída em {long_date(finished.date(), 'pt_BR')} às "
                f"{finished:%H:%M}.") in str(app.screen.query_one("Plain").render())
        # Enter out of habit takes the safe answer: it stays finished, read-only.
        assert app.focused is app.screen.query_one("#choice-no")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is run, "the run screen, still read-only")
        assert run.live.finished
        await pilot.press("ctrl+o")
        await until(pilot, lambda: _asked(app), "the question to reopen again")
        await pilot.press("m")
        await until(pilot, lambda: app.screen is run, "the run screen, still read-only")
        assert run.live.finished
        await pilot.press("ctrl+o")
        await until(pilot, lambda: _asked(app), "the question to reopen again")
        await pilot.press("r")
        await until(pilot, lambda: not run.live.finished, "the session reopened")
        await pilot.press("ctrl+q")
