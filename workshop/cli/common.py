"""What every command shares: one-line errors, the default folder, opening a session."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from workshop.cli.output import echo
from workshop.core.errors import WorkshopError
from workshop.i18n import t

SESSIONS_DIR = Path(os.environ.get("WORKSHOP_SESSIONS", "sessions"))

RAW_HELP = ("With --format csv: every cell exactly as typed. By default a text cell starting "
            "with = + - @, a tab or a carriage return, which a spreadsheet would run as a "
            "formula, gets a leading '.")


@contextlib.contextmanager
def handle_errors():
    """A user sees one line and a non-zero exit, never a traceback."""
    try:
        yield
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


def session_path(value: str) -> Path:
    """A session given by path, or by name inside the sessions folder."""
    path = Path(value)
    if not path.exists() and not path.suffix:
        candidate = SESSIONS_DIR / f"{value}.db"
        if candidate.exists():
            return candidate
    return path


def use_session_language(lang: str | None, session_lang: str) -> None:
    """Messages follow --lang if given, else the session's language."""
    from workshop.i18n import set_language

    set_language(lang or session_lang)
