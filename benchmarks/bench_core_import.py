"""The core's import at every start: what making its value classes costs, and the whole.

Three figures, each against its baseline in the same run:

- making a class: forty eight-field classes (defaults, a default factory) made with
  ``@record(slots=True)`` against the same made with ``@dataclass(frozen=True,
  slots=True)``, which compiles six methods for each;
- making an instance of one: ``@record``'s ``__init__`` against dataclass's;
- the core's import as the run start pays it (``workshop.core.store`` and the kinds'
  registry, after ``textual.app``), CPU in fresh processes reading bytecode; with
  ``--against TREE``, the same child run from that tree (another checkout) interleaved
  with this one, so a change is measured against main in one run.

Run: .venv/bin/python benchmarks/bench_core_import.py [--starts N] [--against TREE]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop.core.record import record  # noqa: E402

CLASSES = 40
CLASS_SOURCE = '''
class Entry{i}:
    """An eight-field value, as the state's entries are."""

    eid: int
    text: str
    pid: "int | None" = None
    mid: "int | None" = None
    tags: "tuple[str, ...]" = ()
    at: str = ""
    weight: float = 1.0
    seen: "dict[str, int]" = dataclasses.field(default_factory=dict)
'''
CHILD = ("import time, textual.app; started = time.process_time(); "
         "import workshop.core.store, workshop.core.kinds.registry; "
         "print(time.process_time() - started)")


def make_classes(decorate) -> float:
    """Seconds to decorate CLASSES fresh classes (their class statements not counted)."""
    namespace = {"dataclasses": dataclasses, "__name__": __name__}
    exec("\n".join(CLASS_SOURCE.format(i=i) for i in range(CLASSES)), namespace)
    made = [namespace[f"Entry{i}"] for i in range(CLASSES)]
    started = time.perf_counter()
    for cls in made:
        decorate(cls)
    return time.perf_counter() - started


def instances(cls: type, rounds: int = 20000) -> float:
    started = time.perf_counter()
    for i in range(rounds):
        cls(i, "queue at the till", 3, None, ("a",))
    return (time.perf_counter() - started) / rounds


def import_cpu(tree: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=tree, env=env, check=True,
                         capture_output=True, text=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another checkout, run interleaved")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")

    def dataclass_way(cls: type) -> type:
        return dataclasses.dataclass(frozen=True, slots=True)(cls)

    ours, theirs = [], []
    for _ in range(15):  # interleaved rounds: both see the same load
        ours.append(make_classes(record(slots=True)))
        theirs.append(make_classes(dataclass_way))
    a, b = statistics.median(ours) / CLASSES, statistics.median(theirs) / CLASSES
    print(f"making a class: @record {a * 1e6:.0f} us, @dataclass {b * 1e6:.0f} us "
          f"({a / b:.2f}x)")

    namespace = {"dataclasses": dataclasses, "__name__": __name__}
    exec(CLASS_SOURCE.format(i=0), namespace)
    exec(CLASS_SOURCE.format(i=1), namespace)
    ours_made = record(slots=True)(namespace["Entry0"])
    theirs_made = dataclass_way(namespace["Entry1"])
    a = statistics.median(instances(ours_made) for _ in range(5))
    b = statistics.median(instances(theirs_made) for _ in range(5))
    print(f"making an instance: @record {a * 1e6:.2f} us, @dataclass {b * 1e6:.2f} us "
          f"({a / b:.2f}x)")

    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for tree in trees:  # read from bytecode, as an installed tool is
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "workshop")],
                       env=env, check=True)
    cpu: dict[Path, list[float]] = {tree: [] for tree in trees}
    for tree in trees:
        import_cpu(tree)  # warm the disk cache
    for _ in range(args.starts):
        for tree in trees:
            cpu[tree].append(import_cpu(tree))
    here = statistics.median(cpu[ROOT])
    print(f"the core's import (median of {args.starts} starts): {here * 1e3:.1f} ms CPU "
          f"({ROOT})")
    if args.against:
        there = statistics.median(cpu[trees[1]])
        print(f"  against {trees[1]}: {there * 1e3:.1f} ms CPU ({here / there:.2f}x)")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
