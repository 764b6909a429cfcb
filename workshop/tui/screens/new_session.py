"""The "new session" form: title, client, script, language, participants and consent."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select, SelectionList

from workshop.core.errors import RuleError, WorkshopError
from workshop.core.roster import Person, parse_roster, roster_entries
from workshop.core.store import Store
from workshop.i18n import LANGUAGES, current_language, language_name, short_number, t
from workshop.tui.keys import _
from workshop.tui.plain import Plain, PlainLabel, plain
from workshop.tui.widgets.entry_field import EntryField
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.toggles import Tick, TickList

GOOD_GROUP = 10  # METHOD: never plan more than 10


class NewSessionScreen(Screen[Store | None]):
    """Returns the new session, open for writing, or None if cancelled."""

    CSS_PATH = "new_session.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", _("Create and start")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.scripts = self._builtin()

    @staticmethod
    def _builtin() -> list:
        from workshop.core.scripts import builtin_scripts

        try:
            return builtin_scripts()
        except WorkshopError:
            return []  # a broken built-in must not block a script from a file

    def compose(self) -> ComposeResult:
        options = [(plain(f"{s.title} ({s.lang}, {short_number(s.step_minutes)} min)"), s.name)
                   for s in self.scripts]
        first = self._default_script()
        with VerticalScroll(id="new-form"):
            yield Plain(t("New session"), id="new-title")
            yield PlainLabel(t("Title"))
            yield EntryField(id="new-session-title",
                             placeholder=t("e.g. Supermarket shoppers, Madrid"))
            with Horizontal(classes="new-pair"):
                with Vertical():
                    yield PlainLabel(t("Client"))
                    yield EntryField(id="new-client")
                with Vertical():
                    yield PlainLabel(t("Facilitator"))
                    yield EntryField(id="new-facilitator")
            with Horizontal(classes="new-pair"):
                with Vertical():
                    yield PlainLabel(t("Script"))
                    yield Select(options, id="new-script", value=first if first else Select.NULL,
                                 allow_blank=not options, prompt=t("(a file, below)"))
                with Vertical(id="new-lang-box"):
                    yield PlainLabel(t("Language"))
                    yield Select([(language_name(code), code) for code in LANGUAGES],
                                 id="new-lang", allow_blank=False,
                                 value=self._script_lang(first))
            yield PlainLabel(t("…or a script file (.md)"))
            yield EntryField(id="new-script-file", placeholder=t("path/to/script.md"))
            yield Plain("", id="new-script-hint")
            yield PlainLabel(t("Participants"))
            yield EntryField(id="new-people", joiner=", ",
                             placeholder=t("Ana (families), Luis, P3 … or how many: 6"))
            yield Plain("", id="new-people-hint")
            yield Tick(t("Everyone gave consent to be recorded"), id="new-consent-all")
            yield TickList[int](id="new-consent", numbered=True)  # "4" goes to P4
            yield Plain("", id="new-error")
            with Horizontal(id="new-buttons"):
                yield Button(t("Cancel"), id="new-cancel")
                yield Button(t("Create and start"), id="new-create", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#new-consent").border_title = t("Consent given (space to tick)")
        self.query_one("#new-consent").display = False
        self.query_one("#new-session-title").focus()
        self._say_script()

    def _default_script(self) -> str | None:
        lang = current_language()
        for s in self.scripts:
            if s.lang == lang:
                return s.name
        return self.scripts[0].name if self.scripts else None

    def _script_lang(self, name: str | None) -> str:
        for s in self.scripts:
            if s.name == name:
                return s.lang
        return current_language()

    def _translation(self, name: str, lang: str) -> str | None:
        """The built-in script in ``lang`` that translates ``name`` (linked either way, as
        load_script links them), or None."""
        by_name = {s.name: s for s in self.scripts}
        script = by_name.get(name)
        if script is None or script.lang == lang:
            return name
        for other in self.scripts:
            if other.lang == lang and (other.name in script.translations
                                       or name in other.translations):
                return other.name
        return None

    # ---- reacting to the form ----------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "new-script" and isinstance(event.value, str):  # a script's name
            self.query_one("#new-lang", Select).value = self._script_lang(event.value)
        elif event.select.id == "new-lang" and isinstance(event.value, str):
            # The menu shows the script the session will start with: Español picks
            # "Momentos de la verdad", not a hidden swap of "Moments of truth" on create.
            chosen = self.query_one("#new-script", Select).value
            if isinstance(chosen, str):
                translated = self._translation(chosen, event.value)
                if translated and translated != chosen:
                    self.query_one("#new-script", Select).value = translated
        self._say_script()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-people":
            self._roster_changed(event.value)
        elif event.input.id == "new-script-file":
            self._say_script()

    def _say_script(self) -> None:
        """One line under the script's fields: which script, in which language, Create
        will start with (a file, if one is typed, else the menu's)."""
        from workshop.core.scripts import load_script

        lang = self.query_one("#new-lang", Select).value
        chosen = self.query_one("#new-script", Select).value
        typed = self.query_one("#new-script-file", Input).value.strip()
        if not isinstance(lang, str):
            return
        script = None
        if typed:
            path = Path(typed).expanduser()
            if path.suffix.lower() == ".md" and path.is_file():
                try:
                    script = load_script(path, lang=lang)
                except WorkshopError:
                    script = None  # Create says what is wrong with it
        elif isinstance(chosen, str):
            script = next((s for s in self.scripts if s.name == chosen), None)
        hint = self.query_one("#new-script-hint", Plain)
        if script is None:
            hint.update("")
        elif script.lang == lang:
            hint.update(t("Starts with: {title} ({language}, {minutes} min)",
                          title=script.title, language=language_name(script.lang),
                          minutes=short_number(script.step_minutes)))
        else:
            hint.update(t("Starts with: {title}, in {language}: it has no version in "
                          "{wanted}", title=script.title,
                          language=language_name(script.lang), wanted=language_name(lang)))

    def _roster_changed(self, text: str) -> None:
        hint = self.query_one("#new-people-hint", Plain)
        consent = self.query_one("#new-consent", SelectionList)
        try:
            people = parse_roster(text)
        except RuleError as exc:
            # The list keeps the last good roster and its ticks until the typo is fixed.
            hint.update(str(exc))
            return
        n = len(people)
        message = t("Participants: {n}", n=n) + (f" (P1 … P{n})" if n > 1 else "") if n else ""
        if n > GOOD_GROUP:
            message += " · " + t("a focus group works best with 6 to 8")
        hint.update(message)
        ticked = set(consent.selected)
        everyone = self.query_one("#new-consent-all", Checkbox).value
        consent.clear_options()
        consent.add_options([(self._label(p), p["pid"], everyone or p["pid"] in ticked)
                             for p in people])
        consent.display = bool(people)

    @staticmethod
    def _label(p: Person) -> Text:
        # Text, never markup: a name "Ana [/]" froze the form.
        name = p["name"] or p["pseudonym"]
        return plain(f"{p['pid']}. {name}" + (f" ({p['segment']})" if p["segment"] else ""))

    def typed_names(self) -> dict[str, str]:
        """name -> pseudonym of the roster as typed so far (for the crash log)."""
        text = self.query_one("#new-people", Input).value
        return {p["name"]: p["pseudonym"] for p in roster_entries(text) if p["name"]}

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "new-consent-all":
            consent = self.query_one("#new-consent", SelectionList)
            consent.select_all() if event.value else consent.deselect_all()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        # The list is what is recorded: "everyone" stays ticked only while everyone is.
        listing = event.selection_list
        everyone = self.query_one("#new-consent-all", Checkbox)
        all_ticked = listing.option_count > 0 and len(listing.selected) == listing.option_count
        if everyone.value != all_ticked:
            with self.prevent(Checkbox.Changed):
                everyone.value = all_ticked

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-people":
            self.action_create()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new-create":
            self.action_create()
        else:
            self.action_cancel()

    # ---- creating --------------------------------------------------------------------------
    def _fail(self, message: str, field: str | None = None) -> None:
        self.query_one("#new-error", Plain).update(message)
        self.notify(message, severity="error", markup=False, timeout=6)
        if field:
            self.query_one(f"#{field}").focus()

    def action_create(self) -> None:
        from workshop.core.catalog import new_session_path
        from workshop.core.scripts import load_script

        def value(wid: str) -> str:
            return self.query_one(f"#{wid}", Input).value.strip()

        title = value("new-session-title")
        if not title:
            self._fail(t("A session needs a title."), "new-session-title")
            return
        lang = self.query_one("#new-lang", Select).value
        assert isinstance(lang, str)  # the languages' list has no blank
        chosen = self.query_one("#new-script", Select).value
        source = value("new-script-file") or (chosen if isinstance(chosen, str) else None)
        if not source:
            self._fail(t("Choose a script, or give the path of a script file."), "new-script-file")
            return
        try:
            script = load_script(Path(source).expanduser() if value("new-script-file") else source,
                                 lang=lang)
        except WorkshopError as exc:
            self._fail(str(exc), "new-script-file" if value("new-script-file") else "new-script")
            return
        try:  # the same rule and message as `workshop new`
            people = parse_roster(value("new-people"))
        except RuleError as exc:
            self._fail(str(exc), "new-people")
            return
        # The list, not the "everyone" box: someone may have been unticked after it.
        ticked = set(self.query_one("#new-consent", SelectionList).selected)
        for p in people:
            p["consent"] = p["pid"] in ticked
        try:
            store = Store.create(new_session_path(self.folder, title), title=title,
                                 script=script.to_dict(), lang=lang, client=value("new-client"),
                                 facilitator=value("new-facilitator"), participants=people)
        except WorkshopError as exc:
            self._fail(str(exc))
            return
        self.dismiss(store)

    def action_cancel(self) -> None:
        self.dismiss(None)
