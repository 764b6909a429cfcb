"""Spanish for the core messages added while testing it (redo, damaged files…)."""

MESSAGES = {
    "There is nothing to redo.": "No hay nada que rehacer.",
}
