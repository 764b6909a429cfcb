"""sqlite-utils, imported when something needs more than a connection.

Opening, reading and recording a session need only the ``sqlite3`` connection; sqlite-utils
(with click, dateutil and pluggy behind it: about a fifth of the TUI's start) is needed by
migrations, a study database and search. Modules that use it import it from here.

sqlite-utils imports numpy whenever it is installed (another package may bring it) only to
map numpy's number types to SQL types, which we never write: numpy is hidden from it
while it is imported, and stays importable for whatever else uses it.
"""

from __future__ import annotations

import sys

if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "not installed", for a moment
    try:
        import sqlite_utils
    finally:
        del sys.modules["numpy"]
else:
    import sqlite_utils

from sqlite_utils import Database, Migrations  # noqa: E402

__all__ = ["Database", "Migrations", "sqlite_utils"]
