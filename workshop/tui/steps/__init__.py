"""Step kinds' panels, by kind name. A panel's module here names the kinds it shows
(``STEP_KINDS``) and its panel (``VIEW``), with its ``.tcss`` beside it; the kind itself
is declared in ``workshop.core.kinds``. Nothing else to edit for a new one."""

from __future__ import annotations

from workshop.tui.steps.base import StepView

VIEWS: dict[str, type[StepView]] = {}


def view_for(kind: str) -> type[StepView]:
    _load()
    return VIEWS.get(kind) or VIEWS.get("discussion") or StepView


def _load() -> None:
    if VIEWS:
        return
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            module = importlib.import_module(f"{__name__}.{info.name}")
            for kind in getattr(module, "STEP_KINDS", ()):
                VIEWS[kind] = module.VIEW
