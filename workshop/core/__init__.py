"""The pure core: events, the fold into session state, the store, scripts, voting,
analysis. Nothing here imports Textual or python-docx (an import-linter contract in
pyproject.toml keeps it so)."""

import sys as _sys

# sqlite-utils imports numpy whenever it is installed (matplotlib brings it along) only to
# map numpy's number types to SQL types, which the store never writes: a fifth of every
# start of the TUI and the command line. Imported here with numpy hidden from it; numpy
# itself stays importable for the charts.
if "sqlite_utils" not in _sys.modules and "numpy" not in _sys.modules:
    _sys.modules["numpy"] = None  # type: ignore[assignment]  # "not installed", for a moment
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["numpy"]
