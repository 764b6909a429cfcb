"""The command palette (ctrl+p): the open screen's own commands, in its language."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from workshop.core.safetext import visible


def _action_of(callback: object) -> tuple[int, str]:
    """(the object, the action) a command's callback runs: screen.action_next_step is
    (the screen, "next_step"); a lambda or a partial, nothing a key is bound to."""
    owner = getattr(callback, "__self__", None)
    name = getattr(callback, "__name__", "")
    return (id(owner), name.removeprefix("action_")) if owner and name.startswith(
        "action_") else (0, "")


class ScreenCommands(Provider):
    """Asks the screen the palette was opened on for ``palette_commands()``:
    a list of (title, help, callback), then the app's system commands (theme, quit…).

    One provider for both, so the tool's own commands come first: Textual shows the
    hits of separate providers in whatever order they arrive.

    Titles and help name sessions, steps and files, so they are shown as they are: the
    palette reads a str title or help as markup ("Resume: [/]" crashed it), and takes
    a Content as it is.
    """

    def _commands(self):
        commands = getattr(self.screen, "palette_commands", None)
        own = list(commands()) if commands else []
        system = [(c.title, c.help, c.callback)
                  for c in self.app.get_system_commands(self.screen) if c.discover]
        keys = self._keys()
        return [(visible(title), Content(visible(help_text)) if help_text else None, callback,
                 keys.get(_action_of(callback), ""))
                for title, help_text, callback in own + system]

    def _keys(self) -> dict[tuple[int, str], str]:
        """(the object, its action) -> the key that does it on this screen now, as the
        footer names it: the first of a binding's keys ("F5" of "f5,ctrl+t"). A key a
        focused widget takes for itself does not do the screen's action: not shown."""
        keys: dict[tuple[int, str], str] = {}
        for active in self.screen.active_bindings.values():
            action = active.binding.action.removeprefix("screen.").removeprefix("app.")
            keys.setdefault((id(active.node), action), self.app.get_key_display(active.binding))
        return keys

    @staticmethod
    def _display(title: Content, key: str) -> Content:
        """The command's name, then its key, dimmed: a facilitator learns the key from
        the palette and needs it no more."""
        return Content.assemble(title, ("  " + key, "dim")) if key else title

    async def discover(self) -> Hits:
        for title, help_text, callback, key in self._commands():
            yield DiscoveryHit(self._display(Content(title), key), callback, text=title,
                               help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, key in self._commands():
            score = matcher.match(title)
            if score <= 0 and help_text is not None:
                # What a command does finds it too, after the names that match: "consent"
                # (step 1 asks to record it) found only the step, not "Participants…".
                score = matcher.match(help_text.plain) / 2
            if score > 0:
                yield Hit(score, self._display(self._highlight(matcher, title), key), callback,
                          text=title, help=help_text)

    @staticmethod
    def _highlight(matcher, title: str) -> Content:
        """The title with the letters matched in reverse, as Textual's own highlight,
        which reads the title as markup first."""
        content = Content(title)
        _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
        return content
