"""Key bindings whose descriptions are shown in the session's language.

Binding descriptions are written in English and marked with ``_`` so the translation
test finds them; the footer, the help screen and the command palette translate them
when they draw (the language is only known once a session is open).

A binding's ``description`` is the footer's label, short enough for an 80-column footer
("Merge"); its ``tooltip``, when it has one, is the whole text ("Merge duplicates"),
shown by the help screen (F1) and when the mouse rests on the footer's key.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import format_key

from workshop.i18n import t


def _(message: str) -> str:
    """Mark a message for translation at display time (returns it unchanged)."""
    return message


# Keys and modifiers named in the catalogs (context "key"): English keeps Textual's short
# names; a translation names them as its keyboards and its messages do.
KEY_NAMES = {"escape": _("key\x04esc"), "delete": _("key\x04del"), "home": _("key\x04home"),
             "end": _("key\x04end"), "pageup": _("key\x04pgup"), "pagedown": _("key\x04pgdn"),
             "space": _("key\x04space"), "tab": _("key\x04tab")}
MODIFIERS = {"ctrl": _("key\x04^{key}"), "shift": _("key\x04shift+{key}"),
             "alt": _("key\x04alt+{key}")}


def key_name(key: str) -> str:
    """A key as the footer shows it in the current language ("^Z"; "Ctrl+Z", "Mayús+Tab"
    in Spanish): messages that name a key use it, so a hint and the footer agree."""
    modifiers, key = Binding(key, "").parse_key()
    if key in KEY_NAMES:
        name = t(KEY_NAMES[key])
    elif len(key) == 1 and modifiers:
        name = key.upper()  # ^Z, Ctrl+Z
    else:
        name = format_key(key)
        # "F5" as printed on the keyboard, not "f5"
        name = name.upper() if name[:1] == "f" and name[1:].isdigit() else name
    for modifier in reversed(modifiers):
        name = t(MODIFIERS.get(modifier, modifier + "+{key}"), key=name)
    return name
