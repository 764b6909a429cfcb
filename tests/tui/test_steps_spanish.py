"""The step panels speak the session's language: labels, hints, keys and refusals."""

from __future__ import annotations

from textual.widgets import Input

from workshop.i18n import set_language

from .step_fixtures import StepApp, new_store, type_text


async def test_a_spanish_session_gets_spanish_panels(tmp_path):
    set_language("es")  # what the app does when it opens a Spanish session
    store = new_store(tmp_path, lang="es")
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#moments")
        assert [c.label.plain for c in table.ordered_columns] == [
            "#", "Momento", "Etapa", "Contacto", "Quién"]
        assert "Aún no hay momentos" in str(app.query_one("#hint").render())
        assert app.query_one("#entry", Input).placeholder.startswith("Momento de la verdad")
        await type_text(pilot, "Hacer cola en caja")
        await pilot.press("enter", "shift+tab", "d")
        await pilot.pause()
        assert table.get_row_at(0)[2].plain == "durante"
        footer = {b.binding.group.description for b in app.screen.active_bindings.values()
                  if b.binding.group}
        assert footer == {"Etapa"}


async def test_a_refused_dot_is_explained_in_spanish(tmp_path):
    set_language("es")
    store = new_store(tmp_path, lang="es")
    store.record("moment_added", text="Pagar")
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("shift+tab", "plus", "plus")
        await pilot.pause()
        assert "Ana: 1 de 3 puntos sin usar" in str(app.query_one("#hint").render())
        await pilot.press("plus")
        await pilot.pause()
        # On the hint line, naming the voter as the chips do.
        assert str(app.query_one("#hint").render()).startswith(
            "Ana: como máximo 2 puntos en una misma opción.")
        assert app.messages == []
        assert "3 puntos por persona · como máximo 2 por opción · oculta" in str(
            app.query_one("#round").render())
        assert app.query_one("#items").columns["total"].label.plain == "oculto"


async def test_the_group_feeling_dialog_names_its_moment_with_a_capital(tmp_path):
    # Its context line stands alone (no "Paso 3: …" before it): it read "momento «Pagar»".
    set_language("es")
    store = new_store(tmp_path, lang="es")
    store.record("moment_added", text="Pagar en caja")
    app = StepApp(store, "expectations")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l", "g")
        await pilot.pause()
        context = app.screen.query_one(".dialog-context")
        assert str(context.render()) == "Momento «Pagar en caja»"
