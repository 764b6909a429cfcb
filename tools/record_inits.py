"""Write ``workshop/core/_record_inits.py``: the ``__init__`` templates of ``@record``.

    python tools/record_inits.py          # write the module
    python tools/record_inits.py --check  # exit 1 if the module differs from what it would be

``@record`` (``workshop/core/record.py``) gives each class an ``__init__`` renamed from one
code object per number of fields. Compiled from text in every process, the thirteen the
core uses cost ~3 ms of each start (the 35-field ``SessionState``'s a third of it); as a
module's source they come from its bytecode file like any other code. The text is
``record._source``'s, so the module is stale when that function changes (or ``WIDEST``
here): ``tests/test_record.py`` checks it is not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.generated import write_or_check  # noqa: E402
from workshop.core import record  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "workshop" / "core" / "_record_inits.py"
# The widest record the module covers (SessionState has 35 fields); a wider one compiles
# its template once per process, as every record did before.
WIDEST = 40


def module() -> str:
    head = ('"""The ``__init__`` templates of ``@record`` (core/record.py), one per number of\n'
            'fields: written by tools/record_inits.py, not by hand. Their globals are given\n'
            'per class."""\n# ruff: noqa: E501, F821\n# mypy: ignore-errors\n')
    defs = [record._source(n, f"_{n}") for n in range(WIDEST + 1)]
    table = "INITS = (\n" + "".join(f"    _{n},\n" for n in range(WIDEST + 1)) + ")\n"
    return "\n\n".join([head, *defs, table])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    write_or_check(OUT, module(), check=args.check, same="the templates are up to date",
                   stale=f"{OUT} is stale")


if __name__ == "__main__":
    main()
