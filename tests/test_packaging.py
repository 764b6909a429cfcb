"""What an installed tool carries and needs: the wheel built as pip builds it, used from
another folder; every dependency declared, each with an upper bound."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    return next(dist.glob("workshop-*.whl"))


def test_the_wheel_carries_the_demo_sources_the_exercises_and_the_licence(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(info).decode()
        licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        assert zf.read(licence).decode().startswith("MIT License")
    for name in ("workshop/demos/demo-supermarket.toml", "workshop/demos/demo-supermercado.toml",
                 "workshop/exercises/moments-of-truth.md", "workshop/exercises/prompts/es.toml"):
        assert name in names, name
    assert "License-Expression: MIT" in metadata
    for name in ("click", "rich", "mdit-py-plugins", "platformdirs"):
        assert re.search(rf"^Requires-Dist: {name}\b.*<", metadata, re.M), name


def test_the_demo_is_built_from_an_installed_wheel_in_another_folder(wheel, tmp_path):
    site, elsewhere, data = tmp_path / "site", tmp_path / "elsewhere", tmp_path / "data"
    elsewhere.mkdir()
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    # The unpacked wheel first on the path: not this checkout (it has no sessions/ there).
    run = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from workshop.cli import main;"
           " sys.argv[0] = 'workshop'; main()")
    env = {**os.environ, "XDG_DATA_HOME": str(data), "WORKSHOP_LANG": "en"}

    def workshop(*args):
        return subprocess.run([sys.executable, "-c", run, str(site), *args], cwd=elsewhere,
                              capture_output=True, text=True, env=env, timeout=300)

    where = workshop("demo", "--lang", "es")
    assert where.returncode == 0, where.stderr
    built = Path(where.stdout.strip())
    assert built == data / "workshop" / "sessions" / "demo-supermercado.db" and built.is_file()
    listed = workshop("list")
    assert "demo-supermercado.db" in listed.stdout and "finished" in listed.stdout
    assert list(elsewhere.iterdir()) == []
    found = workshop("scripts")
    assert str(site / "workshop" / "exercises") in found.stdout


def _requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = list(project["project"]["dependencies"])
    reqs += project["project"]["optional-dependencies"]["test"]
    reqs += project["build-system"]["requires"]
    return {re.match(r"[A-Za-z0-9_.-]+", r)[0].lower(): r for r in reqs}


def test_every_requirement_has_an_upper_bound():
    for spec in _requirements().values():
        assert "<" in spec, f"{spec}: no upper bound"


def _imported(paths) -> dict[str, str]:
    """The libraries the files import (top-level names, any depth), each with a file."""
    imported: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top != "workshop":
                    imported.setdefault(top, str(path.relative_to(ROOT)))
    return imported


def test_every_library_the_code_imports_is_declared():
    """click and rich came along with sqlite-utils and Textual: an upgrade of either
    could drop them, and the code imports them directly."""
    declared = {name.replace("_", "-") for name in _requirements()}
    dists = packages_distributions()
    imported = _imported((ROOT / "workshop").rglob("*.py"))
    assert {"click", "rich", "textual", "docx"} <= set(imported)
    # The report's charts are Word's own and its text widths our data: no plotting
    # library (matplotlib, numpy and Pillow were most of an install).
    assert not {"matplotlib", "numpy", "PIL"} & set(imported)
    for top, where in imported.items():
        names = {d.lower() for d in dists.get(top, [top])}
        assert names & declared, f"{top} (imported in {where}) is not a declared dependency"


def test_the_build_needs_only_what_the_build_system_declares():
    """pip builds a wheel in a fresh environment holding only build-system.requires: what
    the build hook imports (babel compiles the catalogs) must be declared there. The
    tests build their wheels offline, in this environment, where everything is."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    requires = {re.match(r"[A-Za-z0-9_.-]+", r)[0].lower()
                for r in project["build-system"]["requires"]}
    assert project["build-system"]["build-backend"].split(".")[0] in requires
    dists = packages_distributions()
    hook = ROOT / project["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["path"]
    imported = _imported([hook])
    assert {"hatchling", "babel"} <= set(imported)
    for top in imported:
        names = {d.lower() for d in dists.get(top, [top])}
        assert names & requires, f"{top} (imported by the build hook) is not a build requirement"
