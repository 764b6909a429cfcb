"""Textual's stylesheets read once and their rules kept: a start that finds them kept
parses nothing and draws exactly what parsing draws, and a kept file that is not
exactly ours, or that someone else could have written, is never loaded."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.css import stylesheet as textual_stylesheet

from waiting import until
from workshop.tui import stylesheet_cache
from workshop.tui.app import make_app
from workshop.tui.stylesheet_cache import KeptStylesheet

DEMO = Path(__file__).resolve().parents[2] / "sessions" / "demo-supermarket.db"
CSS = "Label { color: red; padding: 0 1; }\nLabel.-hot { text-style: bold; }"
WHERE = ("test.tcss", "")
_VARIABLES = App().get_css_variables()  # the default theme's


@pytest.fixture(autouse=True)
def _own_folder(monkeypatch):
    """Each test's own state folder (conftest shares one per test process)."""
    from workshop.core.places import state_dir

    monkeypatch.setattr(stylesheet_cache, "_folder", lambda: state_dir() / "stylesheets")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The stylesheets Textual parses from their text, from now on."""
    seen: list[str] = []
    parse = textual_stylesheet.parse

    def counted(scope, css, read_from, *args, **kwargs):
        seen.append(css)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    return seen


def _plain(rules: list) -> list:
    """Rule sets as compared: selectors, declarations, specificity (a layout is made
    anew by each parse and compared by identity: by its kind here)."""
    return [(r.selector_set, r.errors, r.is_default_rules, r.tie_breaker, r.selector_names,
             r.pseudo_classes, {name: type(value).__name__ if name == "layout" else value
                                for name, value in r.styles.get_rules().items()})
            for r in rules]


async def _drawn(path: Path) -> tuple[str, dict[str, str]]:
    app = make_app(path, readonly=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RunScreen", "run screen")
        await pilot.pause()
        return app.export_screenshot(), app.get_css_variables()


async def test_a_start_from_kept_rules_parses_nothing_and_draws_the_same(tmp_path, parses):
    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    first, variables = await _drawn(path)  # parsed, drawn, kept once drawn and as it closed
    assert len(parses) > 10
    (kept,) = stylesheet_cache._folder().glob("*.pickle")
    assert kept.stat().st_mode & 0o777 == 0o600
    parses.clear()
    again, _ = await _drawn(path)
    assert parses == []
    assert again == first
    # Each source's kept rules are what parsing it now makes.
    fresh = KeptStylesheet(variables=variables)
    for key, rules in fresh._read().items():
        made = textual_stylesheet.Stylesheet(variables=variables)._parse_rules(*key)
        assert _plain(pickle.loads(rules)) == _plain(made)


def _sheet(variables: dict[str, str] | None = None) -> KeptStylesheet:
    sheet = KeptStylesheet(variables=variables or _VARIABLES)
    sheet.add_source(CSS, read_from=WHERE)
    sheet.parse()
    return sheet


def _kept_file() -> Path:
    _sheet().keep()
    (path,) = stylesheet_cache._folder().glob("*.pickle")
    return path


def test_kept_rules_are_found_by_their_text_and_theme(parses):
    first = _sheet()
    assert len(parses) == 1
    first.keep()
    again = _sheet()
    assert len(parses) == 1  # found kept
    assert again.rules == first.rules
    other = KeptStylesheet(variables=_VARIABLES)
    other.add_source(CSS + "\n", read_from=WHERE)  # another text
    other.parse()
    assert len(parses) == 2
    _sheet({**_VARIABLES, "primary": "#ff0000"})  # another theme: another file
    assert len(parses) == 3


def test_a_damaged_or_foreign_file_is_not_used(parses):
    path = _kept_file()
    good = path.read_bytes()
    changes = [
        b"not a pickle",
        good[: len(good) // 2],
        pickle.dumps({"format": 99, "rules": {}}),
        pickle.dumps(["a list"]),
        pickle.dumps({"format": stylesheet_cache.FORMAT,
                      "rules": {(CSS, WHERE, False, 0, ""): b"broken"}}),
        pickle.dumps({"format": stylesheet_cache.FORMAT,
                      "rules": {(CSS, WHERE, False, 0, ""): pickle.dumps("not rules")}}),
    ]
    for data in changes:
        path.write_bytes(data)
        parses.clear()
        assert _sheet().rules  # parsed again
        assert len(parses) == 1, data[:40]
    path.write_bytes(good)
    parses.clear()
    _sheet()
    assert parses == []


class _Marks:
    """Loading it would write a file: what a crafted pickle could do."""

    def __init__(self, where: str) -> None:
        self.where = where

    def __reduce__(self):
        return (Path.write_text, (Path(self.where), "ran"))


@pytest.mark.parametrize("shared", ["file", "folder", "file-link", "folder-link"])
def test_a_file_someone_else_could_write_is_never_loaded(tmp_path, parses, shared):
    path = _kept_file()
    marker = tmp_path / "ran"
    path.write_bytes(pickle.dumps(_Marks(str(marker))))
    if shared == "file":
        path.chmod(0o666)
    elif shared == "folder":
        path.parent.chmod(0o777)
    elif shared == "file-link":  # a link to a file elsewhere (which could be anyone's)
        elsewhere = tmp_path / "elsewhere.pickle"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    else:
        elsewhere = tmp_path / "elsewhere"
        path.parent.rename(elsewhere)
        path.parent.symlink_to(elsewhere, target_is_directory=True)
    parses.clear()
    assert _sheet().rules
    assert not marker.exists()
    assert len(parses) == 1


def test_a_state_folder_that_cannot_be_written_never_stops_the_app(tmp_path, monkeypatch,
                                                                   parses):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(stylesheet_cache, "_folder", lambda: blocked / "stylesheets")
    _sheet().keep()  # says nothing, raises nothing
    assert _sheet().rules
    assert len(parses) == 2


def test_no_more_than_keep_files_are_kept(monkeypatch):
    monkeypatch.setattr(stylesheet_cache, "KEEP", 2)
    for n in range(4):
        _sheet({**_VARIABLES, "primary": f"#00000{n}"}).keep()
    names = os.listdir(stylesheet_cache._folder())
    assert len(names) == 2 and all(n.endswith(".pickle") for n in names)  # no temporary


def test_a_file_grown_past_half_its_limit_starts_again_with_what_was_used(monkeypatch):
    one = _kept_file().stat().st_size  # CSS alone kept
    monkeypatch.setattr(stylesheet_cache, "_MAX_BYTES", one * 3)
    other = KeptStylesheet(variables=_VARIABLES)
    other.add_source(CSS.replace("red", "blue"), read_from=("other.tcss", ""))
    other.parse()
    other.keep()  # both together would pass half the limit: only what this start used
    assert set(other._read()) == {(CSS.replace("red", "blue"), ("other.tcss", ""), False, 0, "")}
