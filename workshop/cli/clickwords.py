"""Click's own messages ("Missing option", "Try … for help.") in the user's language.

Click marks its messages with the standard ``gettext`` module, whose global functions
pick the language from the environment, not from ``--lang`` or the session. So the
click modules' ``_`` and ``ngettext`` are pointed at our catalogs' ``click`` domain
(``workshop/locale/<lang>/LC_MESSAGES/click.po``), in the language `set_language` chose.
A message a later click adds shows in English until ``make i18n`` brings it in.
"""

from __future__ import annotations

import gettext
import sys

from workshop.i18n import current_language, translations

DOMAIN = "click"


def _gettext(message: str) -> str:
    return translations(current_language(), DOMAIN).gettext(message)


def _ngettext(one: str, many: str, n: int) -> str:
    return translations(current_language(), DOMAIN).ngettext(one, many, n)


def route_click_messages() -> None:
    """Point every loaded click module that uses gettext at our catalogs (idempotent)."""
    import click.shell_completion  # noqa: F401  (loaded late by click otherwise)

    for name, module in list(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        names = vars(module)
        if names.get("_") is gettext.gettext:
            names["_"] = _gettext
        if names.get("ngettext") is gettext.ngettext:
            names["ngettext"] = _ngettext
