"""home and run: the Textual UI. Textual is imported only inside these commands."""

from __future__ import annotations

import click

from workshop.cli.common import SESSIONS_DIR, session_path
from workshop.cli.help import command


@command(hidden=True)
def home():
    """Open the home screen: recent sessions and a new one."""
    from workshop.tui.app import make_app

    make_app(sessions_dir=SESSIONS_DIR).run()


@command()
@click.argument("file")
@click.option("--read-only", "readonly", is_flag=True,
              help="Look without changing anything (works while another window has it open).")
def run(file, readonly):
    """Run a session live, resuming at its current step with its timers intact."""
    from workshop.tui.app import make_app

    # Opened before the UI starts: a locked or damaged file is a one-line error. The UI
    # then speaks the session's language.
    app = make_app(session_path(file), readonly=readonly, sessions_dir=SESSIONS_DIR)
    try:
        app.run()
    finally:
        app.initial_store.close()  # closing twice is harmless; the lock must not outlive us


COMMANDS = [home, run]
