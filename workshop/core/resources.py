"""Where the built-in exercises (scripts and prompt decks) live.

An installed wheel carries them inside the package (hatch force-includes the top-level
``exercises/`` as ``workshop/exercises``); a checkout or an editable install has them at
``<repo>/exercises``. The packaged copy wins when both exist.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from workshop.core.errors import WorkshopError
from workshop.i18n import t


def exercises_dir() -> Path:
    """The folder holding the built-in scripts (``*.md``) and ``prompts/<lang>.toml``."""
    packaged = files("workshop") / "exercises"
    # A package imported from a zip has no real folder; the checkout fallback still applies.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent.parent / "exercises"
    if checkout.is_dir():
        return checkout
    raise WorkshopError(t("The built-in exercises are missing: reinstall workshop."))
