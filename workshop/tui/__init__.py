"""The Textual UI: a thin adapter over the core. Only this package imports Textual."""
