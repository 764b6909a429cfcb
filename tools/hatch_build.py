"""Build hook: the translation catalogs (.po) compiled to .mo, into the wheel.

Runs for a wheel and for an editable install alike (``pip install -e .``): the .mo files
are written beside their .po (they are not kept in git) and listed as artifacts, so the
wheel carries them although .gitignore leaves them out. Babel is a build requirement.
"""

from __future__ import annotations

import io
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "workshop" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            out = io.BytesIO()
            write_mo(out, catalog, use_fuzzy=False)
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != out.getvalue():
                mo.write_bytes(out.getvalue())
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
