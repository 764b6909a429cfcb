"""export: a session's Word report, Markdown, CSV or JSON."""

from __future__ import annotations

import time
from pathlib import Path

import click

from workshop.cli.common import RAW_HELP, SessionFile, session_path
from workshop.cli.help import LanguageChoice, PathType, WriterCommand, argument, command
from workshop.cli.output import echo, export_stream, stderr, stdout
from workshop.core.safetext import one_line


class _ProgressLine:
    """Progress on stderr for exports that take a while; small sessions print nothing.

    On a terminal one line is rewritten in place; piped, a line per tenth done.
    """

    DELAY = 0.5  # seconds before the first line

    def __init__(self, stream=None):
        self.stream = stream or stderr()
        self.start = time.monotonic()
        self.shown = False
        self.last = (-1, "")

    def __call__(self, fraction: float, what: str) -> None:
        if not self.shown and time.monotonic() - self.start < self.DELAY:
            return
        percent = int(fraction * 100)
        tty = self.stream.isatty()
        key = (percent if tty else percent // 10, what)
        if key == self.last:
            return
        self.last = key
        line = f"{percent:3d}%  {what}"
        if tty:  # our own control sequence: back to the start of the line, clear it
            self.stream.raw.write("\r\x1b[K")
        self.stream.write(line if tty else line + "\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()


@command(cls=WriterCommand)
@argument("file", type=SessionFile())
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "csv", "json", "qdpx"]),
              default="docx", show_default=True,
              help="docx: the Word report. md: the same report as Markdown. csv: a folder "
                   "with one CSV per table, events.csv and the report's tables. json: the "
                   "whole session, tables and events. qdpx: a REFI-QDA project for NVivo, "
                   "ATLAS.ti, MAXQDA or QualCoder (one text per session, its entries "
                   "coded by moment, stage, touchpoint, expectation, technique and "
                   "quadrant; participants as cases).")
@click.option("-o", "--output", "out", type=PathType(path_type=Path, allow_dash=True),
              help="Where to write. Default: in the current folder, named after the session "
                   "file (e.g. 2026-10-14-greenway.docx; -anonymized is added with "
                   "--anonymize, -internal with --with-names or --with-unconsented-quotes; csv "
                   "gives a folder <name>-csv). "
                   "- writes to the standard output (a Word file only into a pipe or a "
                   "file). An existing file is replaced only if it is an ordinary file "
                   "holding no database.")
@click.option("--table", metavar="NAME",
              help="With --format csv: only this table, as one CSV file (moments, "
                   "participants, events, report_gaps…). To the standard output, the "
                   "moments table unless another is named.")
@click.option("--raw", is_flag=True, help=RAW_HELP)
@click.option("--anonymize", is_flag=True,
              help="The copy to send, under its own file name (-anonymized). Every report "
                   "already names participants by pseudonym only, also where a name was "
                   "typed inside an entry.")
@click.option("--with-names", "with_names", is_flag=True,
              help="An internal copy: participants' real names beside their pseudonyms. "
                   "The cover and the file's properties say it is internal.")
@click.option("--with-unconsented-quotes", "unconsented", is_flag=True,
              help="An internal copy of the report (docx, md) that keeps the quotes of "
                   "participants who did not record consent; the report to send leaves "
                   "them out and says how many. The cover and the file's properties say "
                   "it is internal. The data exports always keep them.")
@click.option("--lang", type=LanguageChoice(),
              help="Language of the report (default: the session's).")
@click.option("--logo", type=PathType(path_type=Path, dir_okay=False),
              help="An image (PNG or JPEG) for the cover of the Word report.")
def export(file, fmt, out, table, raw, anonymize, with_names, unconsented, lang, logo):
    """Write a session's report (Word by default) or its data, and print the path.

    Participants appear by pseudonym only unless --with-names asks for an internal copy.
    The report leaves out the quotes of participants who did not record consent, and
    says how many, unless --with-unconsented-quotes asks for an internal copy."""
    from workshop.core.errors import WorkshopError
    from workshop.i18n import t
    from workshop.report import default_output
    from workshop.report import export as run_export

    # --lang is the report's language; what is said here stays in the tool's
    if anonymize and with_names:
        raise click.UsageError(t("--anonymize and --with-names contradict each other: "
                                 "choose one."))
    if anonymize and unconsented:
        raise click.UsageError(t("--anonymize and --with-unconsented-quotes contradict each "
                                 "other: choose one."))
    if unconsented and fmt not in ("docx", "md"):
        raise click.UsageError(t("--with-unconsented-quotes applies to the report (--format "
                                 "docx or md): the data exports keep every quote."))
    if fmt != "csv" and (raw or table):
        raise WorkshopError(t("{option} applies to --format csv only (the other formats "
                              "are written exactly as recorded).",
                              option="--raw" if raw else "--table"))
    copy = "names" if with_names else "anonymized" if anonymize else "pseudonyms"
    source = session_path(file)
    if out is not None and str(out) == "-":
        if fmt == "docx" and stdout().isatty():
            raise WorkshopError(t("A Word file cannot be shown in the terminal: give a file "
                                  "name with -o, or send it into a pipe."))
        if fmt == "qdpx" and stdout().isatty():
            raise WorkshopError(t("A REFI-QDA project cannot be shown in the terminal: give "
                                  "a file name with -o, or send it into a pipe."))
        if fmt == "csv" and table is None:
            table = "moments"
            echo(t("The moments table (--table names another one)."), err=True)
        target = export_stream(fmt)
    else:
        target = out or default_output(source, fmt, copy=copy, table=table,
                                       unconsented=unconsented)
    progress = _ProgressLine()
    try:
        path = run_export(source, target, fmt, lang=lang, copy=copy, logo=logo,
                          progress=progress, raw=raw, table=table,
                          warn=lambda said: echo(said, err=True), unconsented=unconsented)
    finally:
        progress.close()
    if path is not None:
        echo(one_line(path))


COMMANDS = [export]
