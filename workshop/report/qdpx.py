"""A REFI-QDA project file (.qdpx) from ``core.qda``'s project: XML and a zip.

``export_study`` writes a whole study (``workshop study export``) the same way.

A .qdpx is a zip holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``)
and ``sources/``, one UTF-8 text file per source, named by its GUID and referred to as
``internal://<guid>.txt`` (what QualCoder, NVivo, ATLAS.ti and MAXQDA read). The folder
is lower-case as the standard names it: zip entries are case-sensitive, MAXQDA and
QualCoder write ``sources/`` and ATLAS.ti refuses a project whose folder is spelled
otherwise (NVivo writes ``Sources/`` but reads either). Element
order follows the schema's sequences. ElementTree escapes every text and attribute, so
what participants typed is never read as markup.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from workshop.core.qda import Case, Code, Project, Source, Variable

NAMESPACE = "urn:QDA-XML:project:1.0"
ORIGIN = "workshop"
SOURCES = "sources/"  # the folder of internal:// files inside the zip


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _time(at: str) -> str | None:
    """An event time as xsd:dateTime (UTC), or None if it is not one."""
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return None


def _sub(parent: ET.Element, element: str, **attributes: str | None) -> ET.Element:
    return ET.SubElement(parent, _tag(element),
                         {k: v for k, v in attributes.items() if v is not None})


def _code(parent: ET.Element, code: Code) -> None:
    element = _sub(parent, "Code", guid=code.guid, name=code.name,
                   isCodable="true" if code.codable else "false")
    if code.description:
        _sub(element, "Description").text = code.description
    for child in code.children:
        _code(element, child)


def _value(parent: ET.Element, variable: Variable, value: str | bool | int) -> None:
    element = _sub(parent, "VariableValue")
    _sub(element, "VariableRef", targetGUID=variable.guid)
    if variable.type == "Boolean":
        _sub(element, "BooleanValue").text = "true" if value else "false"
    elif variable.type == "Integer":
        _sub(element, "IntegerValue").text = str(int(value))
    else:
        _sub(element, "TextValue").text = str(value)


def _case(parent: ET.Element, case: Case, variables: dict[str, Variable]) -> None:
    element = _sub(parent, "Case", guid=case.guid, name=case.name)
    if case.description:
        _sub(element, "Description").text = case.description
    for guid, value in case.values:
        _value(element, variables[guid], value)
    for selection in case.selections:
        _sub(element, "SelectionRef", targetGUID=selection)


def _source(parent: ET.Element, source: Source, user: str) -> None:
    element = _sub(parent, "TextSource", guid=source.guid, name=source.name,
                   plainTextPath=f"internal://{source.guid}.txt", creatingUser=user,
                   creationDateTime=_time(source.created_at))
    for s in source.selections:
        selection = _sub(element, "PlainTextSelection", guid=s.guid, name=s.name,
                         startPosition=str(s.start), endPosition=str(s.end),
                         creatingUser=user, creationDateTime=_time(s.at))
        for code in s.codes:
            coding = _sub(selection, "Coding", guid=_coding_guid(s.guid, code),
                          creatingUser=user)
            _sub(coding, "CodeRef", targetGUID=code)


def _coding_guid(selection: str, code: str) -> str:
    import uuid

    return str(uuid.uuid5(uuid.UUID(selection), code))


def project_xml(project: Project) -> bytes:
    """``project.qde``: the project as REFI-QDA XML, UTF-8."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_tag("Project"), {
        "name": project.name, "origin": ORIGIN, "creatingUserGUID": project.user_guid,
        **({"creationDateTime": created} if (created := _time(project.created_at)) else {}),
    })
    users = _sub(root, "Users")
    _sub(users, "User", guid=project.user_guid, name=project.user_name)
    if project.codes:
        book = _sub(_sub(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code(book, code)
    if project.variables:
        variables = _sub(root, "Variables")
        for v in project.variables:
            _sub(variables, "Variable", guid=v.guid, name=v.name, typeOfVariable=v.type)
    if project.cases:
        cases = _sub(root, "Cases")
        by_guid = {v.guid: v for v in project.variables}
        for case in project.cases:
            _case(cases, case, by_guid)
    if project.sources:
        sources = _sub(root, "Sources")
        for source in project.sources:
            _source(sources, source, project.user_guid)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def write(project: Project, dest: str | IO[bytes]) -> None:
    """The .qdpx zip into ``dest`` (a path or a binary stream)."""
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(project))
        for source in project.sources:
            archive.writestr(f"{SOURCES}{source.guid}.txt", source.text.encode("utf-8"))


def export_study(study: Path, out: Path, lang: str | None = None) -> Path:
    """The whole study as one REFI-QDA project at ``out``: written whole, beside it,
    then moved into place; only an ordinary file holding no database is replaced."""
    import errno

    from workshop.core.errors import disk_reason
    from workshop.core.qda import study_project
    from workshop.core.study import for_export, study_language
    from workshop.i18n import t, translator
    from workshop.report import ExportError, _check_target, atomic
    from workshop.report.context import technique_names

    data = for_export(study)
    lang = study_language(data.languages, lang)
    # the code book in the study's language (or the one asked); what is said about
    # the export (t), in the tool's
    rt = translator(lang)
    _check_target(out, False, study, t, study=True)
    known = technique_names(lang)
    project = study_project(data.sessions, rt, base=data.uuid, name=data.name,
                            created_at=data.created_at, tags=data.tags,
                            techniques=lambda k: known.get(k) or k)
    try:
        return atomic.write_file(out, lambda tmp: write(project, str(tmp)),
                                 check=lambda: _check_target(out, False, study, t, study=True))
    except OSError as exc:
        if isinstance(exc, atomic.FolderRefused) and exc.errno == errno.ENOENT:
            raise ExportError(t("Could not write {path}: the folder {folder} does not take "
                                "new files ({why}).", path=out, folder=exc.folder,
                                why=exc.strerror or exc)) from None
        raise ExportError(t("Could not write {path}: {why}.", path=out,
                            why=disk_reason(exc))) from None
