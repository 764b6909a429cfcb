"""scripts, check: the built-in exercise scripts, and checking one you wrote."""

from __future__ import annotations

from collections.abc import Sequence

from workshop.cli.columns import cells, pad
from workshop.cli.common import handle_errors
from workshop.cli.help import PathType, argument, command
from workshop.cli.output import echo
from workshop.core.safetext import visible
from workshop.i18n import plural_count, t


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    shown = [tuple(map(visible, row)) for row in rows]  # measured as they will show
    widths = [max(cells(row[i]) for row in [header, *shown]) for i in range(len(header))]
    for row in [header, *shown]:
        echo("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _describe(step) -> str:
    """The kind, plus a vote's rules: "vote: moments, blind, 5 dots, max 2 per item"."""
    if step.kind != "vote":
        return step.kind
    o = step.options
    parts = [o["target"], t("blind") if o["blind"] else t("open"),
             t.plural(o["dots"], "{n} dot", "{n} dots")]
    if o["cap"]:
        parts.append(t("max {n} per item", n=o["cap"]))
    return f"vote: {', '.join(parts)}"


@command(name="scripts")
def list_scripts():
    """List the built-in exercise scripts."""
    from workshop.core.resources import exercises_dir
    from workshop.core.scripts import builtin_scripts

    with handle_errors():
        found = builtin_scripts()
        rows = [(s.name, s.lang, s.title, str(s.minutes), str(len(s.steps))) for s in found]
        _table((t("Name"), t("Language"), t("Title"), t("Minutes"), t("Steps")), rows)
        echo()
        echo(t("Files in {folder}: copy one to start your own, then run `workshop check`.",
               folder=exercises_dir()))


@command()
@argument("script", metavar="SCRIPT.md", type=PathType(dir_okay=False))
def check(script):
    """Check an exercise script and print its outline (steps, kinds, minutes)."""
    import sys

    from workshop.core.scripts import ScriptError, load_script, script_warnings

    with handle_errors():
        try:
            found = load_script(script)
        except ScriptError as exc:  # every mistake, each as "Error: file:line: what"
            for mistake in exc.mistakes:
                echo(t("Error: {message}", message=mistake.where()), err=True)
            if len(exc.mistakes) > 1:
                echo(t.plural(len(exc.mistakes), "{n} mistake.", "{n} mistakes."), err=True)
            sys.exit(1)
        total = found.step_minutes
        echo(t.plural(len(found.steps), "{title} ({lang}): {n} step, {minutes}",
                      "{title} ({lang}): {n} steps, {minutes}", title=found.title,
                      lang=found.lang, minutes=t.plural(plural_count(total),
                                                        "{minutes} minute", "{minutes} minutes",
                                                        minutes=total)))
        rows = [tuple(map(visible, (f"{number}.", step.title, _describe(step),
                                    t("{n} min", n=step.minutes))))
                for number, step in enumerate(found.steps, 1)]  # measured as they will show
        width = max(cells(row[1]) for row in rows)  # a title in Japanese: two cells each
        kinds = max(len(row[2]) for row in rows)
        for number, title, kind, minutes in rows:
            echo(f"{number:>4} {pad(title, width)}  {kind.ljust(kinds)}  {minutes:>7}")
        echo(t.plural(plural_count(total), "Total: {steps} minute of steps; the front "
                      "matter plans {total}.", "Total: {steps} minutes of steps; the front "
                      "matter plans {total}.", steps=total, total=found.minutes))
        for warning in script_warnings(found):
            echo(t("Warning: {message}", message=warning), err=True)


COMMANDS = [list_scripts, check]
