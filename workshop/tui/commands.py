"""The command palette (ctrl+p): the open screen's own commands, in its language."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """Asks the screen the palette was opened on for ``palette_commands()``:
    a list of (title, help, callback), then the app's system commands (theme, quit…).

    One provider for both, so the tool's own commands come first: Textual shows the
    hits of separate providers in whatever order they arrive.
    """

    def _commands(self):
        commands = getattr(self.screen, "palette_commands", None)
        own = list(commands()) if commands else []
        system = [(c.title, c.help, c.callback)
                  for c in self.app.get_system_commands(self.screen) if c.discover]
        return own + system

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
