"""The command palette (ctrl+p): the open screen's own commands, in its language."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from workshop.core.safetext import visible


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
        return [(visible(title), Content(visible(help_text)) if help_text else None, callback)
                for title, help_text, callback in own + system]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, self._highlight(matcher, title), callback, text=title,
                          help=help_text)

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
