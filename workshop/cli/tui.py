"""home and run: the Textual UI. Textual is imported only inside these commands."""

from __future__ import annotations

import sys

import click

from workshop.cli.common import SessionFile, session_path, sessions_folder
from workshop.cli.help import argument, command
from workshop.cli.output import echo


@command(hidden=True)
def home():
    """Open the home screen: recent sessions and a new one."""
    from workshop.tui.app import make_app

    run_app(make_app(sessions_dir=sessions_folder()))


@command()
@argument("file", type=SessionFile())
@click.option("--read-only", "readonly", is_flag=True,
              help="Look without changing anything (works while another window has it open).")
def run(file, readonly):
    """Run a session live, resuming at its current step with its timers intact."""
    from workshop.core.store import Store

    # Opened before Textual is even imported: a locked or damaged file is a one-line
    # error at once. The UI then speaks the session's language.
    store = Store.open(session_path(file), readonly=readonly)
    try:
        from workshop.tui.app import WorkshopApp

        run_app(WorkshopApp(store=store, sessions_dir=sessions_folder()))
    finally:
        store.close()  # closing twice is harmless; the lock must not outlive us


def run_app(app) -> None:
    app.run()
    exit_if_crashed(app)


def exit_if_crashed(app) -> None:
    """What the app left to say (an export that ended as it closed), then after a crash
    (logged by the app, see WorkshopApp._handle_exception): its one line, and a non-zero
    status, as any failure must give."""
    for line in getattr(app, "said_after_exit", ()):
        echo(line)
    if getattr(app, "crash_line", None):
        echo(app.crash_line, err=True)
    if app.return_code:
        sys.exit(app.return_code)


COMMANDS = [home, run]
