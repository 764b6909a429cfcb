"""demo: build the recorded demo session (a supermarket focus group) from its source."""

from __future__ import annotations

from pathlib import Path

import click

from workshop.cli.common import sessions_folder
from workshop.cli.help import PathType, command
from workshop.cli.output import echo
from workshop.core.safetext import one_line
from workshop.i18n import t


@command()
@click.option("--out", type=PathType(dir_okay=False, path_type=Path), default=None,
              help="Session file to write (default: sessions/<name of the source>.db).")
@click.option("--source", type=PathType(dir_okay=False, path_type=Path), default=None,
              help="The readable source to build from (default: the supermarket demo).")
# the languages of the demo sources there are (not every catalog has a demo)
@click.option("--lang", type=click.Choice(["en", "es"]), default=None,
              help="Which built-in demo: English or Spanish (default: the message language).")
@click.option("--force", is_flag=True,
              help="Replace the session file if it exists (never while it is open).")
def demo(out, source, lang, force):
    """Build the demo session file from its readable source and print its path."""
    from workshop.core.demo import build_demo, default_source
    from workshop.core.errors import SessionFileError
    from workshop.i18n import current_language

    source = source or default_source(lang or current_language())
    out = out or sessions_folder() / f"{source.stem}.db"
    if out.exists() and not force:
        raise SessionFileError(t("{path} already exists: add --force to replace it.", path=out))
    path = build_demo(source, out, overwrite=force)
    from workshop.core.places import remember

    remember(path)
    echo(one_line(path))
    echo(t("Look at it with: workshop show {path}", path=path), err=True)


COMMANDS = [demo]
