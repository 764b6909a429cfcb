"""Where the built-in exercises (scripts and prompt decks) and demo sources live.

An installed wheel carries them inside the package (hatch force-includes the top-level
``exercises/`` as ``workshop/exercises`` and the demo sources of ``sessions/`` as
``workshop/demos``); a checkout or an editable install has them at ``<repo>/exercises``
and ``<repo>/sessions``. The packaged copy wins when both exist.
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


def demo_source(name: str) -> Path:
    """The readable source of a built-in demo session (``demo-supermarket.toml``)."""
    packaged = files("workshop") / "demos" / name
    if isinstance(packaged, Path) and packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent.parent / "sessions" / name
    if checkout.is_file():
        return checkout
    from workshop.core.demo import DemoSourceError

    raise DemoSourceError(t("The demo source {name} is missing: reinstall workshop, or "
                            "give the source with --source.", name=name))
