"""Textual's stylesheets read once: the rules parsed from them kept for the next start.

Textual parses every stylesheet a start needs from its text each time: its own widgets'
(DataTable's alone is 2 kB), ours beside our widgets and screens, the app's. On
`workshop run` that was 12.5 ms of CPU before the first screen (2 ms with the rules
kept; issue 13's first row). ``KeptStylesheet``, the app's stylesheet, looks a source up
first among the rules an earlier start parsed, by its text, where it was read from and
how (default or not, tie-breaker, scope), and parses only what it does not find there.
What it parsed is kept once the first screen is drawn, and as the app closes.

One file per set of what the rules depend on (this Python, Textual's stylesheet code as
installed, the theme's CSS variables), in the user's state folder
(``~/.local/state/workshop/stylesheets/``), at most ``KEEP`` of them. The file is a
pickle, and loading a pickle runs what it says: a file is loaded only when it is the
user's own, in a folder of theirs, neither writable by anyone else (``write_file`` makes
them 0600 in 0700), both opened without following a link and checked as opened — the
trust Python gives its own bytecode cache in the user's folders. A file grown past half
its limit (stylesheets edited many times) is written afresh with what a start used.
A session file never gets here. Anything wrong with a file (damaged, foreign, from
another version, shared) only means the stylesheets are parsed again, as Textual would.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.css import stylesheet as textual_stylesheet
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

if TYPE_CHECKING:
    from textual.app import App

FORMAT = 1  # of the files
KEEP = 4  # files: a theme changed or Textual upgraded leaves the older ones to go
_MAX_BYTES = 4 * 1024 * 1024  # the app's rules are some 60 kB; a bigger file is not ours
# Textual's code that makes the rules: another version of any of it parses afresh.
_PARSER_FILES = tuple(os.path.join(os.path.dirname(textual_stylesheet.__file__), name)
                      for name in ("stylesheet.py", "parse.py", "tokenize.py", "tokenizer.py",
                                   "model.py", "styles.py", "_styles_builder.py"))


def _folder() -> Path:
    from workshop.core.places import state_dir

    return state_dir() / "stylesheets"


def _own(st: os.stat_result) -> bool:
    """The user's own, and nobody else may write it."""
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


class KeptStylesheet(Stylesheet):
    """Textual's Stylesheet, finding what it would parse among the rules kept by an
    earlier start, and keeping what it parses (``keep``)."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._kept: dict[tuple, bytes] | None = None  # read from the file when first asked
        self._parsed: dict[tuple, list[RuleSet]] = {}  # parsed here, not kept yet
        self._used: set[tuple] = set()  # the sources this start asked for

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)  # another theme: its rules are in another file
        self._kept, self._parsed = None, {}

    def _parse_rules(self, css: str, read_from: Any, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key in self._parse_cache:
            return self._parse_cache[key]
        self._used.add(key)
        rules = self._kept_rules(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):  # Textual reports those: never kept
                self._parsed[key] = rules
        self._parse_cache[key] = rules
        return rules

    def _kept_rules(self, key: tuple) -> list[RuleSet] | None:
        if self._kept is None:
            self._kept = self._read()
        found = self._kept.get(key)
        if found is None:
            return None
        try:
            rules = pickle.loads(found)  # noqa: S301  # our own file: see the docstring
        except Exception:  # noqa: BLE001  # whatever it holds: parsed again
            return None
        if type(rules) is not list or not all(type(rule) is RuleSet for rule in rules):
            return None
        return rules

    def _name(self) -> str:
        code = []
        for path in _PARSER_FILES:
            st = os.stat(path)
            code.append((path, st.st_size, st.st_mtime_ns))
        key = repr((FORMAT, sys.version, code, sorted(self._variables.items())))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".pickle"

    def _read(self) -> dict[tuple, bytes]:
        if not hasattr(os, "geteuid"):
            return {}  # no owner to check: never load a pickle
        folder = file = -1
        try:
            # The folder, then the file in it, each opened without following a link and
            # checked as opened: what is read is what was checked, whatever is renamed.
            folder = os.open(_folder(), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            file = os.open(self._name(), os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
            if not (_own(os.fstat(folder)) and _own(os.fstat(file))):
                return {}
            with os.fdopen(file, "rb") as fh:
                file = -1  # closed with fh
                raw = fh.read(_MAX_BYTES + 1)
            if len(raw) > _MAX_BYTES:
                return {}
            data = pickle.loads(raw)  # noqa: S301  # our own file: see the docstring
        except Exception:  # noqa: BLE001  # missing, damaged, foreign: parsed again
            return {}
        finally:
            for fd in (file, folder):
                if fd >= 0:
                    os.close(fd)
        if type(data) is not dict or data.get("format") != FORMAT \
                or type(data.get("rules")) is not dict:
            return {}
        return {key: value for key, value in data["rules"].items()
                if type(key) is tuple and type(value) is bytes}

    def keep(self) -> None:
        """Keep what was parsed since the last ``keep`` (best effort: the state folder
        may be read-only or full; the next start parses it again)."""
        if not self._parsed or not hasattr(os, "geteuid"):
            return
        try:
            kept = dict(self._kept or {})
            for key, rules in self._parsed.items():
                kept[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
            data = pickle.dumps({"format": FORMAT, "rules": kept},
                                protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > _MAX_BYTES // 2:  # stylesheets edited many times: afresh, with
                kept = {key: kept[key] for key in self._used if key in kept}  # used now
                data = pickle.dumps({"format": FORMAT, "rules": kept},
                                    protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > _MAX_BYTES:
                return  # would not be read back
            from workshop.core.places import write_file

            folder = _folder()
            write_file(folder, self._name(), data)
            self._kept, self._parsed = kept, {}
            files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns,
                           reverse=True)
            for old in files[KEEP:]:
                old.unlink(missing_ok=True)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass


def keep(app: App) -> None:
    """Keep what ``app``'s stylesheet parsed so far: called once its first screen is
    drawn, and as it closes. (A stylesheet Textual made afresh, as its CSS files changed
    in development, keeps nothing.)"""
    if isinstance(app.stylesheet, KeptStylesheet):
        app.stylesheet.keep()
