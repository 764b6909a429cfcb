"""Everything the CLI prints goes through here, made safe for the terminal.

Titles, moments, names, file names and error messages may come from a session file or a
file name someone else made: `echo` shows any control character in them as an escape
(``\\x1b``, see ``workshop.core.safetext``) before it reaches stdout or stderr. Our own
styling (bold, reverse) is added after that, with `style`, so it still works. Data
written to stdout (CSV rows) goes through `stdout()`, whose writes are made safe the
same way. A test keeps every other module of the CLI from printing by another way.
"""

from __future__ import annotations

import os
import sys

import click

from workshop.core.safetext import visible


class Styled(str):
    """Text already made visible and wrapped in our own ANSI styles: printed as it is."""


def style(text: object, **styles) -> Styled:
    """``text`` made visible, then styled as ``click.style`` does (bold=True, …)."""
    return Styled(click.style(visible(text), **styles))


def echo(*parts: object, err: bool = False, nl: bool = True) -> None:
    """Print ``parts`` joined, each made visible unless it is `Styled`, on one line.

    ``click.echo`` drops the styles when the output is not a terminal, as before.
    """
    click.echo("".join(p if isinstance(p, Styled) else visible(p) for p in parts),
               err=err, nl=nl)


class SafeStream:
    """A text stream whose writes are made visible: for writers that want a file
    (``csv.writer``). The stream is looked up at each write, so a test's capture works."""

    def __init__(self, err: bool = False):
        self.err = err

    @property
    def raw(self):
        """The stream itself, for our own control sequences only (a progress line)."""
        return sys.stderr if self.err else sys.stdout

    def write(self, text: str) -> int:
        return self.raw.write(visible(text))

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()


def stdout() -> SafeStream:
    return SafeStream()


def stderr() -> SafeStream:
    return SafeStream(err=True)


class _TextExport:
    """Standard output for a text export (Markdown, CSV, JSON), which is handed the
    whole export as UTF-8 bytes: control characters are shown as escapes, as everywhere
    else; the JSON stays exact, its escapes being JSON's own."""

    def __init__(self, json: bool):
        self.json = json

    def write(self, data: bytes) -> None:
        from workshop.core.safetext import visible_json

        text = data.decode("utf-8")
        sys.stdout.buffer.write((visible_json(text) if self.json else visible(text))
                                .encode("utf-8"))

    def flush(self) -> None:
        sys.stdout.buffer.flush()


def export_stream(fmt: str):
    """Where `export -o -` writes: a Word file or a REFI-QDA zip goes out as it is (the
    caller refuses a terminal: it is binary), any other format through `_TextExport`."""
    return sys.stdout.buffer if fmt in ("docx", "qdpx") else _TextExport(json=fmt == "json")


def flush_stdout() -> None:
    sys.stdout.flush()


def reader_gone() -> None:
    """The program reading our output stopped (``workshop replay … | head -1``): end
    quietly and successfully, as what was wanted has been read. Standard output is
    pointed at /dev/null so that Python's last flush finds no closed pipe either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's capture)
        pass
    sys.exit(0)
