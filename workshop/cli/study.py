"""study: many sessions merged into one database for researchers (build, tag, theme,
serve, export)."""

from __future__ import annotations

from pathlib import Path

import click

from workshop.cli.common import session_path
from workshop.cli.help import Command, Group, LanguageChoice, PathType, WriterCommand, argument
from workshop.cli.output import echo
from workshop.core.safetext import one_line
from workshop.i18n import t


class _StudyGroup(Group):
    """A group below `workshop`: the language is the one `workshop --lang` chose."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return Command.parse_args(self, ctx, args)


@click.group("study", cls=_StudyGroup)
def study() -> None:
    """Merge many session files into one study database for researchers.

    Any SQLite tool reads it (sqlite3, Datasette); every row keeps its session and the
    tags the researcher sets."""


@study.command("build", cls=Command)
@argument("sessions", nargs=-1, required=True, type=PathType(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=PathType(path_type=Path),
              help="The study database: made if new; a study made before takes in only "
                   "what is new.")
@click.option("--threshold", type=click.FloatRange(0.5, 1.0), default=0.8,
              show_default=True,
              help="How alike two moments' texts must be (0.5–1, difflib's ratio) to be "
                   "put in one theme; equal texts, ignoring case, accents and "
                   "punctuation, always are.")
def build(sessions: tuple[Path, ...], out: Path, threshold: float) -> None:
    """Merge session files (or every .db file of a folder) into a study database.

    Idempotent: a session already merged is taken in again only if its file has new
    events. A damaged file, one that is not a session, or another history of a session
    already in the study is skipped with one line, and the others are merged."""
    from workshop.core.search import session_files
    from workshop.core.study import build as run_build

    files, problems = session_files([session_path(str(s)) for s in sessions])
    result = run_build(out, files, threshold=threshold)
    for line in problems + result.skipped:
        echo(t("Skipped: {problem}", problem=one_line(line)), err=True)
    echo(t.plural(len(result.added), "{path}: {n} session added, {updated} updated, "
                  "{unchanged} unchanged, {skipped} skipped.", "{path}: {n} sessions added, "
                  "{updated} updated, {unchanged} unchanged, {skipped} skipped.",
                  path=one_line(out), updated=len(result.updated),
                  unchanged=len(result.unchanged), skipped=len(problems) + len(result.skipped)))
    if result.stale:
        echo(t.plural(result.stale, "{n} session in the study was merged by an earlier "
                      "version, which kept names typed inside entries as typed: give its "
                      "file to workshop study build again to replace them.", "{n} sessions "
                      "in the study were merged by an earlier version, which kept names typed "
                      "inside entries as typed: give their files to workshop study build "
                      "again to replace them."), err=True)
    if not (result.added or result.updated or result.unchanged):
        raise click.exceptions.Exit(1)


@study.command("tag", cls=Command)
@argument("study_db", type=PathType(path_type=Path, dir_okay=False, exists=True))
@argument("sessions", nargs=-1, required=True)
@click.option("--set", "values", multiple=True, metavar="TAG=VALUE", required=True,
              help="A tag and its value (city=Madrid); TAG= clears it. Repeat for more.")
def tag(study_db: Path, sessions: tuple[str, ...], values: tuple[str, ...]) -> None:
    """Set study tags (city, wave, segment mix…) on sessions, named by UUID or file.

    Each tag becomes a column of every table, to filter and facet by in Datasette."""
    from workshop.core.errors import WorkshopError
    from workshop.core.study import tag as run_tag

    parsed: dict[str, str | None] = {}
    for given in values:
        name, sep, value = given.partition("=")
        if not sep or not name.strip():
            raise WorkshopError(t("--set takes TAG=VALUE (city=Madrid), not “{given}”.",
                                  given=given))
        parsed[name.strip()] = value.strip() or None
    n = run_tag(study_db, [str(session_path(s)) for s in sessions], parsed)
    echo(t.plural(n, "Tagged {n} session: {tags}.", "Tagged {n} sessions: {tags}.",
                  tags=", ".join(f"{k}={v or ''}" for k, v in parsed.items())))


@study.command("theme", cls=Command)
@argument("study_db", type=PathType(path_type=Path, dir_okay=False, exists=True))
@argument("moments", nargs=-1)
@click.option("--theme", "themes", multiple=True, metavar="NAME",
              help="Every moment of this theme too (merges it into --to, or renames it).")
@click.option("--to", required=True, metavar="NAME",
              help="The theme they go to; made if there is none of that name.")
def theme(study_db: Path, moments: tuple[str, ...], themes: tuple[str, ...], to: str) -> None:
    """Settle the theme map: put moments (their moment_id) into a theme.

    What you settle is kept by every later build; the rest is matched again."""
    from workshop.core.study import theme as run_theme

    n = run_theme(study_db, list(moments), list(themes), to)
    echo(t.plural(n, "{n} moment now in the theme “{theme}”.",
                  "{n} moments now in the theme “{theme}”.", theme=one_line(to)))


@study.command("serve", cls=Command)
@argument("study_db", type=PathType(path_type=Path, dir_okay=False, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen. 127.0.0.1: this computer only; 0.0.0.0: anyone on "
                   "your network can read the whole study (see the README).")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="The port to listen on.")
@click.option("--lang", type=LanguageChoice(),
              help="Language of the pages' titles and descriptions (default: the language "
                   "the sessions share; sessions in several languages: workshop's own).")
def serve(study_db: Path, host: str, port: int, lang: str | None) -> None:
    """Serve a study database to the team with Datasette (pip install 'workshop[study]').

    Read-only pages with a title and description for every table and column, facets
    and canned queries (recurring moments, the gap table by segment, ideas by
    technique). Ctrl+C stops it.

    A single session file can be served the same way: its tables linked and labelled
    (a file from an older version has its tables brought up to date first)."""
    from workshop.report.study_server import datasette_app
    from workshop.report.study_server import serve as run_serve

    datasette_app(study_db, lang)  # a missing Datasette or a bad file is said first
    echo(t("Serving {path} on http://{host}:{port}/ (Ctrl+C stops it).",
           path=one_line(study_db), host=host, port=port))
    run_serve(study_db, host, port, lang)


@study.command("export", cls=WriterCommand)
@argument("study_db", type=PathType(path_type=Path, dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["qdpx"]), default="qdpx",
              show_default=True,
              help="qdpx: one REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder "
                   "(one text per session, codes shared by every session: themes, "
                   "stages, touchpoints, expectations, techniques, quadrants, feelings; "
                   "participants as cases with their session's tags).")
@click.option("-o", "--output", "out", type=PathType(path_type=Path, dir_okay=False),
              help="Where to write. Default: <study name>.qdpx in the current folder. An "
                   "existing file is replaced only if it is an ordinary file holding no "
                   "database.")
@click.option("--lang", type=LanguageChoice(),
              help="Language of the code book (default: the language the sessions share; "
                   "sessions in several languages: workshop's own).")
def export(study_db: Path, fmt: str, out: Path | None, lang: str | None) -> None:
    """Write the whole study as one project for qualitative-analysis tools.

    Pseudonyms only: a study holds no participant's name. Prints the path."""
    from workshop.report.qdpx import export_study

    path = export_study(study_db, out or Path.cwd() / f"{study_db.stem}.{fmt}", lang)
    echo(one_line(path))


COMMANDS = [study]
