"""What showing text safely costs (``core.safetext``, ``tui.plain``).

1. ``visible()`` on the texts of a large session (500 moments, 2,000 ideas …), against
   making a rich ``Text`` of each (what a table cell does anyway): the price of the
   check when nothing needs escaping, and on texts that all hold an escape.
2. A key press on the run screen of the large session (the whole app: agenda,
   participants, the moments panel, the footer), with the line filter that drops any
   control character left in what is drawn, against the same app without it. CPU time
   from the key sent until the app is idle again (see bench_tui_keypress.py for why CPU).

Run: .venv/bin/python benchmarks/bench_safe_text.py [--presses N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui_keypress import write_session  # noqa: E402
from rich.text import Text  # noqa: E402
from textual.app import App  # noqa: E402

from workshop.core.safetext import visible  # noqa: E402
from workshop.core.store import Store  # noqa: E402
from workshop.tui import app as app_module  # noqa: E402
from workshop.tui.app import WorkshopApp  # noqa: E402

SIZE = (120, 40)


def texts_of(path: Path) -> list[str]:
    with Store.open(path, readonly=True) as store:
        s = store.state
        return ([m.text for m in s.moments.values()] + [i.text for i in s.ideas.values()]
                + [x.text for x in s.expectations.values()] + [p.text for p in s.prompts.values()])


def per_call(function, texts: list[str], rounds: int = 20) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts)


class WithoutFilter(WorkshopApp):
    """The same app without the last guard: the baseline."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # read beside ours

    def get_line_filters(self):
        return App.get_line_filters(self)


async def keypresses(path: Path, presses: int, app_class: type[WorkshopApp]) -> dict[str, float]:
    app = app_class(store=Store.open(path))
    out = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for label, setup, key in (("type a moment, Enter", ["x"], "enter"),
                                  ("move the selection", [], "down")):
            if key == "down":
                app.screen.query_one("#moments").focus()
            times = []
            for _ in range(presses):
                if setup:
                    await pilot.press(*setup)
                    await pilot.pause()
                start = time.process_time()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.process_time() - start)
            out[label] = statistics.median(times) * 1000
        app.screen.end_session()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.db"
        write_session(big, moments=500, ideas=2000)
        texts = texts_of(big)
        plain_s, safe_s = per_call(Text, texts), per_call(visible, texts)
        hostile = [f"{text} \x1b]0;x\x07" for text in texts]
        hostile_s = per_call(visible, hostile)
        print(f"visible() on {len(texts):,} texts of a large session")
        print(f"  nothing to escape: {safe_s * 1e6:6.2f} µs per text; Text(text): "
              f"{plain_s * 1e6:.2f} µs ({safe_s / plain_s:.2f}x)")
        print(f"  each with an escape: {hostile_s * 1e6:6.2f} µs per text "
              f"({hostile_s / safe_s:.1f}x the clean case)")
        # Each on its own copy of the session: typing adds moments.
        copy = Path(tmp) / "copy.db"
        copy.write_bytes(big.read_bytes())
        with_filter = asyncio.run(keypresses(big, args.presses, WorkshopApp))
        without = asyncio.run(keypresses(copy, args.presses, WithoutFilter))
        print(f"\nrun screen, 500 moments, median ms CPU per key press  {'filter':>8}"
              f"{'none':>8}{'ratio':>8}")
        for label in with_filter:
            a, b = with_filter[label], without[label]
            print(f"  {label:<50}{a:8.1f}{b:8.1f}{a / b:7.2f}x")


if __name__ == "__main__":
    main()
