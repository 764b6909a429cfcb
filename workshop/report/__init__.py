"""Reports: the Word report for clients, Markdown, and data out (CSV, JSON, REFI-QDA).

``export()`` is the one entry point the CLI and the TUI call. The writers are thin
adapters around ``model.build_report`` (what the report says) and import python-docx
only when they run.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from workshop.core.errors import WorkshopError

FORMATS = ("docx", "md", "csv", "json", "qdpx")
SUFFIX = {"docx": ".docx", "md": ".md", "csv": "", "json": ".json", "qdpx": ".qdpx"}
# Which copy: pseudonyms only (the default, to send: names typed inside entries are
# replaced too; "anonymized" is the same copy under the name --anonymize gave it), or an
# internal copy with participants' real names.
COPIES = ("pseudonyms", "anonymized", "names")
_COPY_SUFFIX = {"pseudonyms": "", "anonymized": "-anonymized", "names": "-internal"}

# progress(fraction 0..1, what is being done) — the CLI prints a line, the TUI a bar.
Progress = Callable[[float, str], None]


class ExportError(WorkshopError):
    """A report that cannot be written (bad format, unreadable logo, disk refused)."""


def copy_choices(t) -> list[tuple[str, str]]:
    """The copies a user can ask for, in ``t``'s language (the TUI's export form)."""
    return [("pseudonyms", t("Pseudonyms only (to send)")),
            ("names", t("Internal copy, with names"))]


def _copy(copy: str | None, anonymize: bool, t) -> str:
    if copy is None:
        return "anonymized" if anonymize else "pseudonyms"
    if copy not in COPIES:
        raise ExportError(t("Unknown copy {copy}: choose one of {copies}.", copy=copy,
                            copies=", ".join(COPIES)))
    return copy


def default_output(session: Path, fmt: str, *, copy: str | None = None,
                   anonymize: bool = False, folder: Path | None = None,
                   table: str | None = None, unconsented: bool = False) -> Path:
    """``<session name>[-anonymized|-internal].<ext>`` in ``folder`` (the current one by
    default); a CSV export is the folder ``<name>-csv``, or ``<name>-<table>.csv`` for
    one table.

    Each copy gets its own name, so the internal one with names never overwrites the
    one to send, and the two are easy to tell apart before sending. A report that keeps
    the quotes of participants who did not record consent is an internal copy too.
    """
    copy = copy or ("anonymized" if anonymize else "pseudonyms")
    if unconsented and fmt in ("docx", "md"):
        copy = "names"  # its name: -internal
    stem = Path(session).stem + _COPY_SUFFIX.get(copy, "")
    if fmt == "csv":
        return (folder or Path.cwd()) / (f"{stem}-{table}.csv" if table else f"{stem}-csv")
    return (folder or Path.cwd()) / f"{stem}{SUFFIX[fmt]}"


def _load(source):
    """(state, events) from a path, a Store, or a SessionState (which has no events)."""
    from workshop.core.state import SessionState
    from workshop.core.store import Store

    if isinstance(source, SessionState):
        return source, []
    if isinstance(source, Store):
        return source.state, source.events
    from workshop.core.fold import fold
    from workshop.core.timeline import load_events

    events = load_events(Path(source))  # read-only, no lock: a running session exports too
    return fold(events), events


def export(session_path_or_state, out, fmt: str = "docx", *,
           lang: str | None = None, copy: str | None = None, anonymize: bool = False,
           logo: str | Path | None = None, progress: Progress | None = None,
           raw: bool = False, table: str | None = None,
           warn: Callable[[str], None] | None = None,
           unconsented: bool = False) -> Path | None:
    """Write a session's report or data to ``out``; return the path written.

    ``fmt``: docx (the Word report), md (the same report as Markdown), csv (a folder:
    one file per table, events.csv, and the report's tables), json (the whole session:
    tables and events), qdpx (a REFI-QDA project for qualitative-analysis tools).
    ``table`` (csv only): that one table as one CSV file instead.
    ``copy``: "pseudonyms" (the default: no real name anywhere, not even where one was
    typed into an entry; "anonymized" and ``anonymize=True`` ask for the same, under
    their older name) or "names" (an internal copy). ``out`` is a path, or a binary
    stream (standard output) that gets the export once it is complete, and then None is
    returned. A file appears only once complete: a failed export leaves whatever was at
    ``out`` before untouched. Only an earlier export is ever replaced (see
    ``_check_target``). CSV text cells a spreadsheet would run as formulas get a leading
    ' unless ``raw``. ``warn`` hears, before a report is written, what the reader
    should know first (a blind vote never revealed, how many quotes are left out).
    ``unconsented``: the report (docx, md) keeps the quotes of participants who did not
    record consent, an internal copy; by default they are left out of it. The data
    exports (csv, json, qdpx) keep every quote, with each participant's consent.

    Two languages: what the report holds is in ``lang``, else the session's; what is
    said about the export (a refused target, a disk error, progress) is in the tool's
    language (``workshop --lang``, WORKSHOP_LANG, the locale), whatever the session's.
    """
    from workshop.i18n import t, translator
    from workshop.report.model import build_report

    if fmt not in FORMATS:
        raise ExportError(t("Unknown format {fmt}: choose one of {formats}.", fmt=fmt,
                            formats=", ".join(FORMATS)))
    copy = _copy(copy, anonymize, t)
    stream = out if hasattr(out, "write") else None
    if table is not None and fmt != "csv":
        raise ExportError(t("Only the CSV export is written one table at a time."))
    if stream is not None and fmt == "csv" and table is None:
        raise ExportError(t("A CSV export to a stream is one table: name it."))
    report_progress = progress or (lambda fraction, what: None)
    state, events = _load(session_path_or_state)
    lang = lang or state.lang
    rt = translator(lang)  # the report's words; t stays the tool's
    logo_bytes = _read_logo(logo, t) if logo and fmt == "docx" else None
    folder = fmt == "csv" and table is None
    if stream is None:
        out = Path(out)
        _check_target(out, folder, session_path_or_state, t)
    if warn is not None and fmt in ("docx", "md"):
        from workshop.core.analysis import hidden_votes_warning

        if said := hidden_votes_warning(state):
            warn(said)
        if said := quotes_warning(state, unconsented, t):
            warn(said)
    report_progress(0.0, t("Reading the session"))
    report = build_report(state, lang=lang, copy=copy, events=events,
                          unconsented=unconsented and fmt in ("docx", "md"))
    report_progress(0.15, t("Laying out the report"))

    def check() -> None:  # again just before the swap: the target may have changed since
        _check_target(out, folder, session_path_or_state, t)

    try:
        if folder:
            path = _write_folder(report, state, events, out, rt, copy, raw, check)
        else:
            def write(dest) -> None:
                _write_one(report, state, events, fmt, t, rt, copy, logo_bytes,
                           report_progress, raw, table, dest)

            if stream is not None:
                import io

                buffer = io.BytesIO()  # whole before the first byte goes out
                write(buffer)
                stream.write(buffer.getvalue())
                stream.flush()
                path = None
            else:
                from workshop.report import atomic

                path = atomic.write_file(out, write, check=check)
    except OSError as exc:  # a full disk, a read-only folder: one line naming the file
        if isinstance(exc, BrokenPipeError):
            raise  # the reader of the stream went away: not a disk problem
        from workshop.core.errors import disk_reason
        from workshop.report.atomic import FolderRefused

        if isinstance(exc, FolderRefused) and exc.errno == errno.ENOENT:
            # not a file that went away: a folder that takes no file at all (/proc)
            raise ExportError(t("Could not write {path}: the folder {folder} does not take "
                                "new files ({why}).", path=out, folder=exc.folder,
                                why=exc.strerror or exc)) from None
        raise ExportError(t("Could not write {path}: {why}.", path=out if stream is None
                            else "-", why=disk_reason(exc))) from None
    report_progress(1.0, t("Done"))
    return path


def quotes_warning(state, unconsented: bool, t) -> str:
    """What an export of the report says before writing it: how many quotes of
    participants who did not record consent it leaves out (or keeps); "" for none."""
    from workshop.core.consent import kept_sentence, left_out_sentence, unconsented_quotes

    n = len(unconsented_quotes(state))
    return kept_sentence(n, t) if unconsented else left_out_sentence(n, t)


def _write_one(report, state, events, fmt: str, t, rt, copy: str, logo_bytes: bytes | None,
               report_progress: Progress, raw: bool, table: str | None, dest) -> None:
    """A one-file export into ``dest``: a (temporary) file's path, or a BytesIO; ``t``
    says what happens (the tool's language), ``rt`` writes (the report's)."""
    to_file = isinstance(dest, Path)
    if fmt == "docx":
        from workshop.report.docx_writer import DocxWriter

        writer = DocxWriter(report, logo=logo_bytes, progress=lambda f: report_progress(
            0.15 + 0.75 * f, t("Writing the Word document")))
        writer.render()
        report_progress(0.92, t("Saving"))
        writer.save(dest)
        return
    if fmt == "qdpx":
        from workshop.core.qda import session_project
        from workshop.report import qdpx
        from workshop.report.context import technique_names

        known = technique_names(report.lang)
        anon = _anonymizer(state, rt, copy)
        project = session_project(state, events, rt, names=copy == "names", clean=anon.text,
                                  techniques=lambda k: known.get(k) or k)
        qdpx.write(project, str(dest) if to_file else dest)
        return
    if fmt == "md":
        from workshop.report import markdown

        data = markdown.render(report).encode("utf-8")
    else:
        from workshop.report import tables

        anon, names = _anonymizer(state, rt, copy), copy == "names"
        if fmt == "json":
            data = tables.json_document(state, events, anon, names=names,
                                        copy=copy).encode("utf-8")
        else:
            import io

            found = tables.csv_tables(state, events, anon, report, names=names)
            if table not in found:
                raise ExportError(t("There is no table {table}: choose one of {tables}.",
                                    table=table, tables=", ".join(found)))
            text = io.StringIO(newline="")
            tables.write_csv_stream(text, *found[table], raw=raw,
                                    lineterminator="\r\n" if to_file else "\n")
            # utf-8-sig in a file: Excel then reads accents and emoji right. Not in a pipe.
            data = text.getvalue().encode("utf-8-sig" if to_file else "utf-8")
    if to_file:
        dest.write_bytes(data)
    else:
        dest.write(data)


def _write_folder(report, state, events, out: Path, rt, copy: str, raw: bool,
                  check) -> Path:
    from workshop.report import atomic, tables

    anon, names = _anonymizer(state, rt, copy), copy == "names"
    return atomic.write_folder(out, lambda tmp: tables.write_csv(
        tmp, state, events, anon, report, names=names, raw=raw), check=check)


def _anonymizer(state, t, copy: str):
    from workshop.core.names import pseudonymizer

    return pseudonymizer(state, t, enabled=copy != "names")


def _database(path: Path) -> bool:
    from workshop.core.targets import holds_a_database

    try:
        return holds_a_database(path)
    except OSError:
        return True  # unreadable: not known to be an earlier export


def _check_target(out: Path, folder: bool, source, t, *, study: bool = False) -> None:
    """Refuse targets an export must never replace: its own input (the session file,
    or the study database when ``study``), a device, pipe or socket, any file holding a
    database (another session, even one open in a live window), a folder that is not an
    earlier CSV export (it would be swapped out whole), a file where a folder goes.
    Judged by what is there, not by its name."""
    from workshop.core.targets import (
        TargetError,
        check_file_target,
        not_a_file,
        refuse_beside_a_database,
    )

    if isinstance(source, (str, Path)) and out.exists() and out.resolve() == Path(source).resolve():
        if study:
            raise ExportError(t("{path} is the study database itself: choose another name "
                                "for the export.", path=out))
        raise ExportError(t("{path} is the session file itself: choose another name for "
                            "the export.", path=out))
    from workshop.core.targets import folder_problem

    why = folder_problem(out)
    if why:
        raise ExportError(why)
    if not folder:
        if out.is_dir():
            raise ExportError(t("{path} is a folder: give a file name for the report.",
                                path=out))
        try:
            check_file_target(out)
        except TargetError as exc:
            raise ExportError(str(exc)) from None
        return
    try:
        refuse_beside_a_database(out)
    except TargetError as exc:
        raise ExportError(str(exc)) from None
    if out.is_dir():
        if any(not (child.is_file() and child.suffix == ".csv") or _database(child)
               for child in out.iterdir()):
            raise ExportError(t("{path} holds other things than an earlier CSV export: "
                                "choose a new folder name.", path=out))
        return
    why = not_a_file(out)
    if why:
        raise ExportError(why + " " + t("Choose a name for the CSV folder."))
    if out.exists():
        raise ExportError(t("{path} is a file: the CSV export is a folder, give it another "
                            "name.", path=out))


def _read_logo(logo: str | Path, t) -> bytes:
    path = Path(logo)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(t("The logo {path} cannot be read ({why}).", path=path,
                            why=exc.strerror or exc)) from None
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")
            or data[:6] in (b"GIF87a", b"GIF89a")):
        raise ExportError(t("The logo {path} is not a PNG, JPEG or GIF image.", path=path))
    return data


__all__ = ["export", "default_output", "copy_choices", "quotes_warning", "FORMATS",
           "COPIES", "ExportError", "Progress"]
