"""The command palette (ctrl+p): the open screen's own commands, in its language."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """Asks the screen the palette was opened on for ``palette_commands()``:
    a list of (title, help, callback)."""

    def _commands(self):
        commands = getattr(self.screen, "palette_commands", None)
        return commands() if commands else []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
