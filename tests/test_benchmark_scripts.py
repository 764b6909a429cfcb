"""The benchmark scripts leave the user's own files alone.

A benchmark opens dozens of throwaway sessions in the app, and the app lists every
session it opens on the home screen of whoever ran it (``core/places.py``). Each script
therefore imports ``private_state`` (its own user folders) before anything of workshop,
including through another benchmark's module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py") if p.name != "private_state.py")


def _imported(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [node.module]
    return []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_each_benchmark_has_its_own_user_folders_before_workshop_loads(script: Path) -> None:
    order = [name for node in ast.parse(script.read_text()).body for name in _imported(node)]
    ours = [n for n in order if n.split(".")[0] == "workshop" or n.startswith("bench_")
            or n == "study_sessions"]
    assert "private_state" in order, f"{script.name} does not import private_state"
    if ours:
        assert order.index("private_state") < order.index(ours[0]), (
            f"{script.name} imports {ours[0]} before private_state")


def test_private_state_points_the_user_folders_at_a_temporary_place(tmp_path, monkeypatch) -> None:
    import importlib.util
    import os

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "real-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "real-data"))
    spec = importlib.util.spec_from_file_location("private_state", BENCHMARKS / "private_state.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("XDG_STATE_HOME", "XDG_DATA_HOME"):
        assert os.environ[name].startswith(module._FOLDER)
        assert not os.environ[name].startswith(str(tmp_path))

    from workshop.core import places

    assert str(places.recent_file()).startswith(module._FOLDER)
