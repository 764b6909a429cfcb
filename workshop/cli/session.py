"""new, list, show: create a session file and look at session files."""

from __future__ import annotations

from pathlib import Path

import click

from workshop.cli.columns import table_lines
from workshop.cli.common import SessionFile, session_path, sessions_folder, use_session_language
from workshop.cli.help import LanguageChoice, PathType, argument, command
from workshop.cli.output import echo
from workshop.core.safetext import one_line
from workshop.i18n import t


def _complete_script(ctx: click.Context, param: click.Parameter, incomplete: str):
    """A script file, or the name of a built-in script."""
    from click.shell_completion import CompletionItem

    from workshop.core.errors import WorkshopError

    items = [CompletionItem(incomplete, type="file")]
    if "/" in incomplete:
        return items
    try:
        from workshop.core.resources import exercises_dir

        names = sorted(p.stem for p in exercises_dir().glob("*.md"))
    except (OSError, WorkshopError):
        names = []
    return items + [CompletionItem(name) for name in names if name.startswith(incomplete)]


@command()
@click.option("--title", required=True, help="Title of the session.")
@click.option("--script", "script_name", default="moments-of-truth", show_default=True,
              shell_complete=_complete_script,
              help="A built-in script (see `workshop scripts`) or a path to a .md script.")
@click.option("--lang", type=LanguageChoice(), help="Language (default: the script's).")
@click.option("--client", default="", help="Client the session is for.")
@click.option("--facilitator", default="", help="Who runs the session.")
@click.option("--participants", default="",
              help='Names or pseudonyms: "Ana (families), Luis, P3", or a number: "6".')
@click.option("--dir", "folder", type=PathType(file_okay=False, path_type=Path),
              default=None, help="Folder for the session file (default: the sessions folder).")
def new(title, script_name, lang, client, facilitator, participants, folder):
    """Create a session file and print its path."""
    from workshop.core.catalog import new_session_path
    from workshop.core.roster import parse_roster
    from workshop.core.scripts import load_script
    from workshop.core.store import Store

    if not title.strip():
        from workshop.core.errors import WorkshopError

        raise WorkshopError(t("A session needs a title."))
    context = click.get_current_context()
    if lang is None and (context.get_parameter_source("script_name")
                         is click.core.ParameterSource.DEFAULT):
        # Neither a script nor a language named: the built-in script in the tool's
        # language (--lang, WORKSHOP_LANG, the locale), as the new-session form starts
        # with. A Spanish facilitator got the English script and an English session.
        from workshop.i18n import current_language

        lang = current_language()
    script = load_script(script_name, lang=lang)
    lang = lang or script.lang
    use_session_language(context.find_root().obj.get("lang"), lang)
    path = new_session_path(folder or sessions_folder(), title)
    with Store.create(path, title=title, script=script.to_dict(), lang=lang, client=client,
                      facilitator=facilitator, participants=parse_roster(participants)):
        pass
    from workshop.core.places import remember

    remember(path)  # the home screen lists it, even in a folder of its own (--dir)
    echo(one_line(path))


def _terminal_width() -> int | None:
    """The terminal's width when the listing goes to one; None when it is piped or
    redirected (a program reading it gets every cell whole)."""
    import shutil

    from workshop.cli.output import SafeStream

    if not SafeStream().isatty():
        return None
    return shutil.get_terminal_size().columns  # COLUMNS first, as shells set it


@command(name="list")
@argument("folder", required=False, type=PathType(file_okay=False, path_type=Path))
@click.option("--wide", is_flag=True,
              help="Every cell whole, each file by its whole path, however wide the lines "
                   "(as when the output is piped).")
def list_sessions(folder, wide):
    """List session files with title, date, script, participants and status.

    On a terminal, the table fits its width: files by their names in the folder (said
    above the table), titles, scripts and statuses cut short where they must be. Piped
    or with --wide, every cell is whole.
    """
    from workshop.core.catalog import find_sessions
    from workshop.core.errors import WorkshopError

    if folder is None:
        folder = sessions_folder()
        if not folder.is_dir():  # the default folder before the first session: no error
            echo(t("No session files in {folder}.", folder=folder))
            return
    elif not folder.is_dir():
        raise WorkshopError(t("{folder}: there is no such folder.", folder=folder))
    found, problems = find_sessions(folder)
    if not found and not problems:
        echo(t("No session files in {folder}.", folder=folder))
    # Made visible before measuring: an escape is wider than the character it shows. One
    # line each: a line break in a name or a title would start a row of its own.
    width = None if wide else _terminal_width()

    def shown(path: Path) -> Path:
        # On a terminal, the name in the folder (the folder is said once, above): a
        # sessions folder's whole path made every line some 40 columns wider.
        return path.relative_to(folder) if width and path.is_relative_to(folder) else path

    rows = [tuple(map(one_line, (shown(Path(s["path"])), s["title"], s["date"], s["script"],
                                s["participants"], s["status"]))) for s in found]
    header = (t("File"), t("Title"), t("Date"), t("Script"), t("People"), t("Status"))
    if rows:
        if width:
            echo(t("Sessions in {folder}", folder=one_line(folder)))
        # The file's name is never cut (two could then read alike), nor the date and the
        # count; the title, the script and the status may be.
        for line in table_lines(header, rows, width=width, floors={1: 10, 3: 6, 5: 8}):
            echo(line)
    for line in problems:
        echo(t("Skipped: {problem}", problem=line), err=True)
    if problems and not found:  # as compare: a failure when nothing at all could be read
        raise WorkshopError(t("No session file could be read."))


@command()
@argument("file", type=SessionFile())
@click.option("--lang", type=LanguageChoice(), help="Language of the summary.")
def show(file, lang):
    """Print a plain-text summary of a session: steps, moments, votes so far."""
    from workshop.core.store import Store
    from workshop.core.summary import plain_summary

    with Store.open(session_path(file), readonly=True) as store:
        use_session_language(lang, store.state.lang)
        echo(plain_summary(store.state))


COMMANDS = [new, list_sessions, show]
