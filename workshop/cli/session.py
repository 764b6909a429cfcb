"""new, list, show: create a session file and look at session files."""

from __future__ import annotations

from pathlib import Path

import click

from workshop.cli.common import SESSIONS_DIR, session_path, use_session_language
from workshop.cli.help import LanguageChoice, command
from workshop.cli.output import echo
from workshop.core.safetext import visible
from workshop.i18n import t


@command()
@click.option("--title", required=True, help="Title of the session.")
@click.option("--script", "script_name", default="moments-of-truth", show_default=True,
              help="A built-in script (see `workshop scripts`) or a path to a .md script.")
@click.option("--lang", type=LanguageChoice(), help="Language (default: the script's).")
@click.option("--client", default="", help="Client the session is for.")
@click.option("--facilitator", default="", help="Who runs the session.")
@click.option("--participants", default="",
              help='Names or pseudonyms: "Ana (families), Luis, P3", or a number: "6".')
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the session file (default: sessions/).")
def new(title, script_name, lang, client, facilitator, participants, folder):
    """Create a session file and print its path."""
    from workshop.core.catalog import new_session_path
    from workshop.core.roster import parse_roster
    from workshop.core.scripts import load_script
    from workshop.core.store import Store

    script = load_script(script_name, lang=lang)
    lang = lang or script.lang
    use_session_language(click.get_current_context().find_root().obj.get("lang"), lang)
    path = new_session_path(folder or SESSIONS_DIR, title)
    with Store.create(path, title=title, script=script.to_dict(), lang=lang, client=client,
                      facilitator=facilitator, participants=parse_roster(participants)):
        pass
    echo(str(path))


@command(name="list")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def list_sessions(folder):
    """List session files with title, date, script, participants and status."""
    from workshop.core.catalog import find_sessions

    folder = folder or SESSIONS_DIR
    found, problems = find_sessions(folder)
    if not found and not problems:
        echo(t("No session files in {folder}.", folder=folder))
    # Made visible before measuring: an escape is wider than the character it shows.
    rows = [tuple(map(visible, (s["path"], s["title"], s["date"], s["script"],
                                s["participants"], s["status"]))) for s in found]
    header = (t("File"), t("Title"), t("Date"), t("Script"), t("People"), t("Status"))
    if rows:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    for line in problems:
        echo(t("Skipped: {problem}", problem=line), err=True)
    if problems and not found:  # as compare: a failure when nothing at all could be read
        from workshop.core.errors import WorkshopError

        raise WorkshopError(t("No session file could be read."))


@command()
@click.argument("file")
@click.option("--lang", type=LanguageChoice(), help="Language of the summary.")
def show(file, lang):
    """Print a plain-text summary of a session: steps, moments, votes so far."""
    from workshop.core.store import Store
    from workshop.core.summary import plain_summary

    with Store.open(session_path(file), readonly=True) as store:
        use_session_language(lang, store.state.lang)
        echo(plain_summary(store.state))


COMMANDS = [new, list_sessions, show]
