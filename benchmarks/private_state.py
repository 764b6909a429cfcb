"""Imported first by every benchmark: the run gets its own user data and state folders.

A benchmark opens many throwaway sessions in the app, and the app puts each one it opens
on the user's list of recent sessions (``core/places.py``): without this, ``make bench``
filled the home screen of whoever ran it with dozens of temporary "Bench" sessions.
The folders live in a temporary directory removed when the run ends; the processes a
benchmark starts inherit them through the environment.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_FOLDER = tempfile.mkdtemp(prefix="workshop-bench-user-")
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = os.path.join(_FOLDER, "data")
os.environ["XDG_STATE_HOME"] = os.path.join(_FOLDER, "state")
