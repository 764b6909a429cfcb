"""What every command shares: one-line errors, the default folder, opening a session."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from workshop.cli.help import PathType
from workshop.cli.output import echo
from workshop.core.errors import WorkshopError
from workshop.i18n import t

RAW_HELP = ("With --format csv: every cell exactly as typed. By default a text cell starting "
            "with = + - @, a tab or a carriage return, which a spreadsheet would run as a "
            "formula, gets a leading '.")


@contextlib.contextmanager
def handle_errors():
    """A user sees one line and a non-zero exit, never a traceback."""
    try:
        yield
    except BrokenPipeError:  # the reader of our output went away: nothing to say
        from workshop.cli.output import reader_gone

        reader_gone()
    except WorkshopError as exc:
        echo(t("Error: {message}", message=exc), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        echo(t("Interrupted."), err=True)
        sys.exit(130)
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        echo(t("Error: {message}", message=f"{exc.strerror or exc}{where}"), err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: details to a private log, never a traceback here
        from workshop.core import crash

        echo(crash.report(exc), err=True)
        sys.exit(1)


def sessions_folder(override: str | None = None) -> Path:
    """The sessions folder: ``workshop --dir``, else WORKSHOP_SESSIONS, else the user's
    data folder (see ``workshop.core.places``)."""
    from workshop.core.places import sessions_dir

    if override is None:
        ctx = click.get_current_context(silent=True)
        root = ctx.find_root().obj if ctx is not None else None
        override = root.get("dir") if isinstance(root, dict) else None
    return sessions_dir(override)


class SessionFile(PathType):
    """A session file's path, or a session's name in the sessions folder.

    The shell completes it as a file name, and also offers the names of the sessions in
    the sessions folder when what is typed so far holds no folder separator (in bash
    those names are offered alone when some match; zsh and fish mix both)."""

    def __init__(self):
        super().__init__(dir_okay=False)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str):
        from click.shell_completion import CompletionItem

        items = [CompletionItem(incomplete, type="file")]
        if "/" in incomplete or "\\" in incomplete:
            return items
        root = ctx.find_root()  # completing runs no callback: --dir is only in params
        try:
            folder = sessions_folder(root.params.get("folder"))
            names = sorted(p.stem for p in folder.glob("*.db") if p.is_file())
        except OSError:
            names = []
        return items + [CompletionItem(name) for name in names if name.startswith(incomplete)]


def session_path(value: str) -> Path:
    """A session given by path, or by name inside the sessions folder: its file's name,
    or the title it was made with (`workshop run Prueba` opens 2026-12-01-prueba.db when
    that is the one session of that title; with several, the error names them)."""
    path = Path(value)
    if not path.exists() and not path.suffix:
        from workshop.core.catalog import sessions_named
        from workshop.core.errors import SessionFileError

        folder = sessions_folder()
        candidate = folder / f"{value}.db"
        if candidate.exists():
            return candidate
        found = sessions_named(folder, value)
        if len(found) == 1:
            return found[0]
        if found:
            raise SessionFileError(t("{path}: no such session file. Did you mean {names}?",
                                     path=value, names=", ".join(p.stem for p in found)))
    return path


def use_session_language(lang: str | None, session_lang: str) -> None:
    """Messages follow --lang if given, else the session's language."""
    from workshop.i18n import set_language

    set_language(lang or session_lang)
