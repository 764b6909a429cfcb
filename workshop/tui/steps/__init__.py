"""Step kinds' panels, by kind name. A panel's module here names the kinds it shows
(``STEP_KINDS``) and its panel (``VIEW``), with its ``.tcss`` beside it; the kind itself
is declared in ``workshop.core.kinds``. Nothing else to edit for a new one."""

from __future__ import annotations

from workshop.tui.steps.base import StepView

VIEWS: dict[str, type[StepView]] = {}


def view_for(kind: str) -> type[StepView]:
    if kind not in VIEWS:
        _load(kind)
    return VIEWS.get(kind) or VIEWS.get("discussion") or StepView


_loaded: set[str] = set()


def _load(kind: str) -> None:
    """The module named after the kind first, the others only when it does not show it:
    a session opens at one step, and importing every panel was a tenth of the start."""
    import importlib

    if kind.isidentifier() and kind not in _loaded and kind != "base":
        # Imported by its name, without listing the folder (pkgutil's import and its
        # look at every file there were a millisecond or two of the run screen's start).
        _loaded.add(kind)
        try:
            module = importlib.import_module(f"{__name__}.{kind}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{kind}":
                raise  # the module is there, and something it imports is not
        else:
            for shown in getattr(module, "STEP_KINDS", ()):
                VIEWS.setdefault(shown, module.VIEW)
            if kind in VIEWS:
                return
    import pkgutil

    names = [info.name for info in pkgutil.iter_modules(__path__) if info.name != "base"]
    for name in sorted(names, key=lambda name: name != kind):
        if name in _loaded:
            continue
        _loaded.add(name)
        module = importlib.import_module(f"{__name__}.{name}")
        for shown in getattr(module, "STEP_KINDS", ()):
            VIEWS.setdefault(shown, module.VIEW)
        if kind in VIEWS:
            return
