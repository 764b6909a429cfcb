"""Every key of the screen underneath, read from the bindings themselves."""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode

from workshop.i18n import t
from workshop.tui.keys import _, key_name
from workshop.tui.plain import Plain, plain
from workshop.tui.screens.dialog import Dialog

Section = tuple[str, list[Binding]]


def bindings_of(*nodes: DOMNode, offered: bool = False) -> list[Binding]:
    """The bindings our own classes declare on these nodes (not Textual's built-ins);
    ``offered``: less those the node refuses in this state, as its footer leaves them out."""
    found: dict[str, Binding] = {}
    seen: set[type] = set()
    for node in nodes:
        for cls in reversed(type(node).__mro__):
            if cls in seen or "BINDINGS" not in cls.__dict__:
                continue
            seen.add(cls)
            if not cls.__module__.startswith("workshop."):
                continue
            for binding in Binding.make_bindings(cls.__dict__["BINDINGS"]):
                if binding.description and (not offered or _offered(node, binding)):
                    found[binding.key] = binding  # a subclass's key wins
    return list(found.values())


def _offered(node: DOMNode, binding: Binding) -> bool:
    _where, action, parameters = parse(binding.action)
    return node.check_action(action, parameters) is not False


def sections_for(screen, panel=None) -> list[Section]:
    sections: list[Section] = []
    if panel is not None:
        keys = bindings_of(panel, *panel.walk_children())
        if keys:
            sections.append((t("This step: {title}", title=panel.step.title), keys))
    # The session's keys as this session offers them: no ctrl+o "Reopen the finished
    # session" in one not finished, no key that writes in a read-only look. (A step's
    # keys are all listed: some only wait for a scale or a round, and F1 teaches them.)
    sections.append((t("Everywhere in the session") if panel is not None else t("This screen"),
                     bindings_of(screen, offered=panel is not None)))
    sections.append((t("Always"), bindings_of(screen.app)))
    return sections


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", _("Close"))]

    def __init__(self, sections: list[Section]):
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            rows = [(title, self._rows(bindings)) for title, bindings in self.sections]
            width = max((len(keys) for _, lines in rows for keys, _d in lines), default=0)
            with VerticalScroll(id="help-keys"):
                for title, lines in rows:
                    yield Plain(plain(title, style="bold"), classes="help-section")
                    yield Plain(self._table(lines, width))

    def on_mount(self) -> None:
        box = self.query_one("#help")
        # In the frame, not below the list: always on screen, however long the list.
        box.border_title = t("Keys")
        box.border_subtitle = t("{escape} closes · {palette} lists every command",
                                   escape=key_name("escape"), palette=key_name("ctrl+p"))
        self.query_one("#help-keys").focus()

    def _rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        """(keys, what they do): one row per action, its keys joined."""
        rows: dict[tuple[str, str], list[str]] = {}
        for b in bindings:
            # The whole text: the description is the footer's short label.
            text = b.tooltip or b.description
            rows.setdefault((b.action, text), []).append(self.app.get_key_display(b))
        return [(" / ".join(keys), t(description)) for (_a, description), keys in rows.items()]

    @staticmethod
    def _table(lines: list[tuple[str, str]], width: int) -> Text:
        text = Text()
        for keys, description in lines:
            text.append(f"{keys:>{width}}", style="bold")
            text.append(f"  {description}\n")
        text.rstrip()
        return text
