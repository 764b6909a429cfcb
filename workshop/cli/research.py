"""replay, search, compare: what a researcher does with past sessions."""

from __future__ import annotations

import time
from pathlib import Path

import click

from workshop.cli.columns import cells as width_of
from workshop.cli.columns import line_ranges, wrap_items
from workshop.cli.common import (
    RAW_HELP,
    SessionFile,
    session_path,
    sessions_folder,
    use_session_language,
)
from workshop.cli.help import LanguageChoice, PathType, argument, command
from workshop.cli.output import echo, stdout, style
from workshop.core.safetext import one_line
from workshop.i18n import MINUS, decimal, percent, t

_POINT_HELP = ("Print the board at a point instead of opening the replay screen: "
               "HH:MM:SS or MM:SS from the start of the session, #ID for an event "
               "(the board just after it), or step:N for the start of step N.")


def _root_lang() -> str | None:
    return click.get_current_context().find_root().obj.get("lang")


@command()
@argument("file", type=SessionFile())
@click.option("--at", "point", metavar="POINT", help=_POINT_HELP)
@click.option("--names", is_flag=True,
              help="Show participants' names where known (default: pseudonyms).")
@click.option("--lang", type=LanguageChoice(),
              help="Language of the text printed with --at (default: the session's).")
def replay(file, point, names, lang):
    """Replay a past session, read-only: on a timeline, or at one point with --at."""
    from workshop.core.timeline import Timeline, load_events, parse_point

    path = session_path(file)
    if point is None:
        # The file read before Textual is imported: a bad one is a one-line error at once.
        timeline = Timeline(load_events(path))
        timeline.warm()
        from workshop.cli.tui import exit_if_crashed
        from workshop.tui.replay import run_replay

        exit_if_crashed(run_replay(path, names=names, timeline=timeline))
        return
    where = parse_point(point)  # a typo is reported before the file is read
    timeline = Timeline(load_events(path))
    position = timeline.resolve(where)
    state = timeline.state_at(position)
    use_session_language(lang or _root_lang(), state.lang)
    echo(_replay_header(timeline, position, path))
    echo("")
    from workshop.core.board import board_text

    echo(board_text(state, names=names))


def _replay_header(timeline, position: int, path: Path) -> str:
    from workshop.core.timeline import format_offset

    if position == 0 or not timeline.events:
        return t("{path}: before the first event.", path=path)
    event = timeline.events[position - 1]
    header = t("{path} at {offset} from the start: event #{id} ({n} of {total}), {time} UTC.",
               path=path, offset=format_offset(timeline.offset_at(position)), id=event.id,
               n=position, total=len(timeline), time=event.at[:19].replace("T", " "))
    idle = timeline.idle_before(position)
    if idle:  # the clock leaves out breaks and reopenings: say how much
        from workshop.core.timeline import format_idle

        header += " " + t("(The clock leaves out {idle} without events.)",
                          idle=format_idle(idle))
    return header


# ---- search ------------------------------------------------------------------------


def _highlight(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``text`` for `echo`, the matches styled."""
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(text[last:start])
        out.append(style(text[start:end], bold=True, reverse=True))
        last = end
    out.append(text[last:])
    return out


def _entry_lines(lead: str, text: str, spans: list[tuple[int, int]],
                 columns: int | None) -> list[list[str]]:
    """An entry after its label, the matches styled: one line when piped, else lines of
    ``columns`` cells broken between words, the later ones indented under the label."""
    if columns is None:
        return [[lead, *_highlight(text, spans)]]
    indent = "      "
    ranges = line_ranges(text, columns - width_of(lead), columns - len(indent))
    lines = []
    for n, (start, end) in enumerate(ranges or [(0, 0)]):
        inside = [(max(s, start) - start, min(e, end) - start)
                  for s, e in spans if s < end and e > start]
        lines.append([lead if n == 0 else indent, *_highlight(text[start:end], inside)])
    return lines


def _entity_label(hit) -> str:
    labels = {"moment": t("moment"), "expectation": t("expectation"), "idea": t("idea"),
              "note": t("note"), "action": t("action"), "finding": t("finding"),
              "group_feeling": t("group feeling")}
    kinds = {"stated": t("stated"), "latent": t("latent"), "quote": t("quote"),
             "next_step": t("next step")}
    label = labels.get(hit.entity, hit.entity)
    if hit.entity == "group_feeling" and hit.kind:  # its value, "+1"
        return f"{label} ({hit.kind.replace('-', MINUS)})"
    return f"{label} ({kinds[hit.kind]})" if hit.kind in kinds else label


@command()
@argument("query")
@argument("paths", nargs=-1, type=PathType(path_type=Path))
@click.option("--names", is_flag=True,
              help="Show participants' names where known (default: pseudonyms).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True, help="csv: one row per match, for other tools.")
@click.option("--raw", is_flag=True, help=RAW_HELP)
def search(query, paths, names, fmt, raw):
    """Find words in many session files (default: the sessions folder).

    Whole words, any case, with or without accents ("atencion" finds "atención");
    "queue*" matches words starting with queue; "\\"pit crew\\"" a phrase. Every word
    must appear. Files that cannot be read are skipped with a warning.
    """
    from workshop.core.errors import WorkshopError
    from workshop.core.search import search as run_search

    _raw_only_with_csv(raw, fmt)
    if not paths and not sessions_folder().is_dir():  # before the first session: no error
        echo(t("No session files in {folder}.", folder=sessions_folder()))
        return
    started = time.perf_counter()
    results, problems, searched = run_search([session_path(str(p)) for p in paths]
                                             or [sessions_folder()], query, names=names)
    elapsed = time.perf_counter() - started
    if problems and not searched:  # nothing could be read: a failure, said in one line
        if len(problems) == 1:
            raise WorkshopError(problems[0])
        for line in problems:
            echo(t("Skipped: {problem}", problem=line), err=True)
        raise WorkshopError(t("No session file could be read."))
    for problem in problems:
        echo(t("Skipped: {problem}", problem=problem), err=True)
    if fmt == "csv":
        _search_csv(results, raw)
        return
    if not searched:
        where = ", ".join(str(p) for p in paths) or str(sessions_folder())
        echo(t("No session files in {folder}.", folder=where))
        return
    if not results:
        echo(t.plural(searched, "No entry matches “{query}” in {n} session file "
                                "({seconds} s).",
                      "No entry matches “{query}” in {n} session files ({seconds} s).",
                      query=query, seconds=decimal(elapsed, 2)))
        return
    # On a terminal each line is broken between words (an 80-column terminal broke the
    # entries mid-word and the files' paths anywhere); piped, one line each, as before.
    columns = _terminal_width()
    count = 0
    for session in results:
        said = [one_line(str(x)) for x in (session.title, session.date, session.path)]
        for line in ([" · ".join(said)] if columns is None else wrap_items("", said, columns)):
            echo(style(line, bold=True))
        if session.fallback:
            echo("  " + t("(an older file without a search index: searched row by row)"))
        for hit in session.hits:
            count += 1
            context = [t("step {n} {title}", n=hit.step + 1, title=hit.step_title)
                       if hit.step is not None else t("before the first step")]
            if hit.entity != "moment" and hit.moment:
                context.append(t("moment “{text}”", text=hit.moment))
            if hit.participant:
                context.append(hit.participant)
            for line in (["  " + " · ".join(context)] if columns is None
                         else wrap_items("  ", context, columns)):
                echo(line)
            for pieces in _entry_lines(f"    {_entity_label(hit)}: ", hit.text, hit.spans,
                                       columns):
                echo(*pieces)
        echo("")
    echo(t.plural(searched, "Entries found: {count} (in {sessions} of {n} session file, "
                            "{seconds} s).", "Entries found: {count} (in {sessions} of {n} "
                            "session files, {seconds} s).",
                  count=count, sessions=len(results), seconds=decimal(elapsed, 2)))


def _raw_only_with_csv(raw: bool, fmt: str) -> None:
    if raw and fmt != "csv":
        from workshop.core.errors import WorkshopError

        raise WorkshopError(t("--raw applies to --format csv only."))


def _csv_writer(raw: bool):
    from workshop.report.cells import Writer

    # stdout(): a control character shows as \x1b; raw or not, a cell never acts on a
    # terminal (--raw is about spreadsheet formulas)
    return Writer(stdout(), raw=raw, lineterminator="\n")


def _search_csv(results, raw: bool) -> None:
    writer = _csv_writer(raw)
    writer.writerow(["file", "session", "date", "step", "step_title", "moment",
                     "participant", "entry", "type", "id", "text", "created_at"])
    for session in results:
        for hit in session.hits:
            writer.writerow([str(session.path), session.title, session.date,
                             "" if hit.step is None else hit.step + 1, hit.step_title,
                             hit.moment, hit.participant, hit.entity, hit.kind or "", hit.id,
                             hit.text, hit.created_at])


# ---- compare -----------------------------------------------------------------------


def _terminal_width() -> int | None:
    """The terminal's width when the table goes to one; None when piped or redirected."""
    from workshop.cli.session import _terminal_width as width

    return width()


def _num(value, digits: int, sign: bool = False) -> str:
    """A decimal the way the current language writes it (2,5 in Spanish); "–" for none."""
    from workshop.i18n import MINUS, decimal

    return "–" if value is None else decimal(value, digits, sign=sign, minus=MINUS)


@command()
@argument("paths", nargs=-1, required=True, type=PathType(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True, help="csv: one row per moment and session, for other tools.")
@click.option("--include-hidden", is_flag=True,
              help="Count blind votes that were never revealed.")
@click.option("--min-sessions", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only moments raised in at least this many sessions.")
@click.option("--raw", is_flag=True, help=RAW_HELP)
def compare(paths, fmt, include_hidden, min_sessions, raw):
    """The same moments across sessions: dots, expectation, performance and gap in each.

    Give session files or folders. Moments match by their text, whatever the case,
    accents or punctuation. Files that cannot be read are skipped with a warning.
    """
    from workshop.core.analysis import NOT_MEASURED
    from workshop.core.compare import compare as run_compare

    _raw_only_with_csv(raw, fmt)
    sessions, lines, problems = run_compare([session_path(str(p)) for p in paths],
                                            include_hidden=include_hidden)
    lines = [line for line in lines if line.sessions >= min_sessions]
    for problem in problems:
        echo(t("Skipped: {problem}", problem=problem), err=True)
    if not sessions:
        from workshop.core.errors import WorkshopError

        raise WorkshopError(t("No session file could be read."))
    if fmt == "csv":
        _compare_csv(sessions, lines, raw)
        return
    columns = _terminal_width()
    echo(t("Sessions"))
    for s in sessions:
        source = (t("importance from {source}", source=s.source) if s.source
                  else t("no vote counts yet"))
        said = list(map(one_line, [
            s.title, s.date, t.plural(s.participants, "{n} participant", "{n} participants"),
            t.plural(s.moments, "{n} moment", "{n} moments"), source, s.path]))
        if columns is None:  # piped: one line each, for a program to read
            echo(f"  {s.letter}  " + " · ".join(said))
        else:  # a terminal wrapped them in the middle of a word, a path, a number
            for text in wrap_items(f"  {s.letter}  ", said, columns):
                echo(text)
    # In the report's order (expectation, then how providers perform against it), and
    # "performance" as the report names it: "rating" alone did not say which rating.
    header = [t("dots"), t("importance"), t("expectation (n)"), t("performance (n)"),
              t("gap (n)"), t("priority"), t("quadrant")]
    width = max(len(s.letter) for s in sessions)

    def cells(cell) -> list[str] | None:
        if cell is None:
            return None
        rating = (f"{_num(cell.performance, 1)} ({cell.ratings})"
                  if cell.performance is not None else "–")
        expected = (f"{_num(cell.expectation, 1)} ({cell.expectation_ratings})"
                    if cell.expectation is not None else "–")
        gap = (f"{_num(cell.gap, 1, sign=True)} ({cell.gap_n})" if cell.gap is not None
               else t("not measured") if cell.gap_reason == NOT_MEASURED else "–")
        # Importance as the report, the gaps step and the projector write it: a share of
        # the dots, in percent (45%, 45 % in Spanish), the same rounding everywhere.
        importance = "–" if cell.importance is None else percent(cell.importance)
        return ["–" if cell.dots is None else str(cell.dots), importance, expected,
                rating, gap, _num(cell.priority, 2),
                cell.quadrant_label() if cell.quadrant else "–"]

    table = [[cells(c) for c in line.cells] for line in lines]
    # One set of column widths for every block, so the numbers line up down the page.
    widths = [max([len(h)] + [len(row[i]) for block in table for row in block if row])
              for i, h in enumerate(header)]

    def joined(values: list[str]) -> str:  # numbers to the right, the quadrant to the left
        return "  ".join(v.rjust(w) if i < 6 else v
                         for i, (v, w) in enumerate(zip(values, widths[:len(values)],
                                                        strict=True))).rstrip()

    margin = "  "
    # On a terminal too narrow for the whole row (80 columns: "Possible overkill, though
    # still below the midpoint" is 50 on its own), the quadrant goes under its row, and
    # the rows lose their margin (Portuguese's headings take 79 columns without it): each
    # row wrapped by the terminal, the header cut in the middle of "quadrant", read as
    # two tables interleaved.
    under = columns is not None and any(
        len(margin + " " * width + "  ") + len(joined(row)) > columns for row in [header, *(
            row for block in table for row in block if row)])
    if under:
        header, margin = header[:-1], ""
    indent = margin + " " * width + "  "
    for line, block in zip(lines, table, strict=True):
        echo("")
        count = t.plural(len(sessions), "({sessions} of {n} session)",
                         "({sessions} of {n} sessions)", sessions=line.sessions)
        said = wrap_items("", [line.text], columns) if columns is not None else [line.text]
        if columns is not None and width_of(said[-1]) + 2 + width_of(count) > columns:
            said.append("")  # the count on a line of its own
        for text in said[:-1]:
            echo(style(text, bold=True))
        echo(style(said[-1], bold=True), "  " if said[-1] else "", count)
        echo(indent + joined(header))
        for s, row in zip(sessions, block, strict=True):
            text = (joined(row[:-1] if under else row) if row
                    else t("not raised in this session"))
            echo(f"{margin}{s.letter.ljust(width)}  {text}")
            if under and row:
                echo(indent + t("quadrant: {quadrant}", quadrant=row[-1]))


def _compare_csv(sessions, lines, raw: bool) -> None:
    writer = _csv_writer(raw)
    # quadrant: concentrate, keep, low or overkill (the same in every language);
    # gap_reason: not_measured (no expectation ratings in the session) or no_pairs
    writer.writerow(["moment", "sessions_with_it", "session", "file", "date", "position",
                     "stage", "dots", "importance", "performance", "ratings", "expectation",
                     "expectation_ratings", "gap", "gap_n", "gap_reason", "priority",
                     "quadrant", "below_midpoint"])

    def number(value, digits):
        return "" if value is None else round(value, digits)

    for line in lines:
        for s, cell in zip(sessions, line.cells, strict=True):
            if cell is None:
                continue
            writer.writerow([line.text, line.sessions, s.title, str(s.path), s.date,
                             cell.position, cell.stage or "",
                             "" if cell.dots is None else cell.dots,
                             number(cell.importance, 4), number(cell.performance, 4),
                             cell.ratings, number(cell.expectation, 4), cell.expectation_ratings,
                             number(cell.gap, 4), cell.gap_n, cell.gap_reason or "",
                             number(cell.priority, 4), cell.quadrant or "",
                             int(cell.below_midpoint)])


COMMANDS = [replay, search, compare]
