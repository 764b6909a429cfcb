"""Validate every XML part of a .docx against the ECMA-376 (transitional) schemas.

Word refuses a file ("Word found unreadable content") when an element is out of its
schema's order, an attribute value is out of range or a required child is missing;
LibreOffice forgives all three. This checks what Word would choke on, where no Word is.

The schemas are not in this repository (not ours to redistribute): give a folder that
holds ECMA-376's XSDs, e.g. python-docx's ``ref/xsd/`` (wml.xsd, dml-chart.xsd,
dml-main.xsd, opc-xsd/opc-contentTypes.xsd, ...), found anywhere below it.

Markup compatibility (mc:Ignorable, mc:AlternateContent) is processed first, as Word
does: content of an ignorable namespace is dropped and an AlternateContent becomes its
Fallback. Parts whose root namespace no schema here describes are listed as skipped.

Run: .venv/bin/python tools/validate_docx.py XSD_FOLDER REPORT.docx [MORE.docx ...]
Exit status 1 when any part is invalid. Not run in CI.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XSD = "http://www.w3.org/2001/XMLSchema"
# The xml: attributes the schemas refer to (xml:space, xml:lang), written here since the
# schemas import the namespace without a location.
_XML_NS_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.w3.org/XML/1998/namespace" xml:lang="en">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""
# The schemas whose root elements are parts of a .docx.
_WANTED = ("wml.xsd", "dml-chart.xsd", "dml-main.xsd", "opc-contentTypes.xsd",
           "opc-relationships.xsd", "shared-documentPropertiesExtended.xsd")


def load_schema(folder: Path) -> tuple[etree.XMLSchema, set[str]]:
    """One schema importing every wanted one; and the namespaces it covers."""
    files = {p.name: p.resolve() for p in folder.rglob("*.xsd")}
    missing = [name for name in _WANTED if name not in files]
    if missing:
        raise SystemExit(f"not in {folder}: {', '.join(missing)}")
    xml_xsd = Path(folder.resolve(), ".xml-namespace.xsd")
    namespaces: set[str] = set()
    imports = []
    for name in _WANTED:
        target = etree.parse(str(files[name])).getroot().get("targetNamespace")
        namespaces.add(target)
        imports.append(f'<xs:import namespace="{target}" '
                       f'schemaLocation="{files[name].as_uri()}"/>')
    master = (f'<xs:schema xmlns:xs="{XSD}">'
              f'<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
              f'schemaLocation="{xml_xsd.as_uri()}"/>{"".join(imports)}</xs:schema>')

    class _Resolver(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url.endswith(".xml-namespace.xsd"):
                return self.resolve_string(_XML_NS_XSD, context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(_Resolver())
    doc = etree.fromstring(master.encode(), parser, base_url=folder.resolve().as_uri() + "/")
    return etree.XMLSchema(etree.ElementTree(doc)), namespaces


def process_mc(root: etree._Element) -> etree._Element:
    """Markup compatibility as a consumer that understands no extension: drop ignorable
    namespaces' elements and attributes, keep each AlternateContent's Fallback."""
    ignorable: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable |= {el.nsmap.get(prefix) for prefix in value.split()} - {None}
    for alt in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alt.find(f"{{{MC}}}Fallback")
        parent = alt.getparent()
        index = parent.index(alt)
        parent.remove(alt)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for ext in root.iter("{*}ext"):
        # An extension's content is its own schema's (Office's c15, w14, ...): ECMA's
        # CT_Extension allows one element of any namespace, while Office itself writes
        # several in one ext (c15:showLeaderLines then c15:leaderLines). Keep the first.
        if etree.QName(ext.getparent()).localname == "extLst":
            for child in list(ext)[1:]:
                ext.remove(child)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable and el is not root:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            ns = etree.QName(name).namespace
            if ns == MC or ns in ignorable:
                del el.attrib[name]
    return root


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rels_name(name: str) -> str:
    folder, _, base = name.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def cross_checks(z: zipfile.ZipFile) -> list[str]:
    """What the schemas cannot say and Word still refuses (or repairs) a file for: ids
    that must be unique, references that must resolve, a content type for every part."""
    errors: list[str] = []
    names = set(z.namelist())
    types = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if name not in overrides and name.rpartition(".")[2].lower() not in defaults:
            errors.append(f"{name}: no content type")
    doc_pr: dict[str, str] = {}
    for name in sorted(names):
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(z.read(name))
        rels_name = _rels_name(name)
        rel_ids: set[str] = set()
        if rels_name in names:
            rels = etree.fromstring(z.read(rels_name))
            ids = [r.get("Id") for r in rels.iter(f"{PR}Relationship")]
            rel_ids = set(ids)
            if len(ids) != len(rel_ids):
                errors.append(f"{rels_name}: a relationship id used twice")
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{R}}}") and value not in rel_ids:
                    errors.append(f"{name}: {etree.QName(el).localname}/@r:"
                                  f"{etree.QName(attr).localname}={value} has no relationship")
        # ISO 29500-1 20.4.2.5: one id per drawing object in the whole document.
        for el in root.iter(f"{WP}docPr"):
            ident = el.get("id")
            if ident in doc_pr:
                errors.append(f"{name}: wp:docPr id {ident} also in {doc_pr[ident]}")
            doc_pr[ident] = name
        if etree.QName(root).namespace == C[1:-1]:
            errors += [f"{name}: {e}" for e in _chart_checks(root)]
        elif etree.QName(root).namespace == W[1:-1]:
            errors += [f"{name}: {e}" for e in _story_checks(root)]
    return errors


def _story_checks(root: etree._Element) -> list[str]:
    """A story's rules beyond its schema: a table cell ends with a paragraph, fields
    begin, separate and end in turn, bookmarks pair up, internal links find a bookmark."""
    errors: list[str] = []
    for tc in root.iter(f"{W}tc"):
        blocks = [child for child in tc if child.tag != f"{W}tcPr"]
        if not blocks or blocks[-1].tag != f"{W}p":
            errors.append("a table cell that does not end with a paragraph")
    open_fields: list[str] = []
    for char in root.iter(f"{W}fldChar"):
        kind = char.get(f"{W}fldCharType")
        if kind == "begin":
            open_fields.append(kind)
        elif not open_fields or (kind == "separate" and open_fields[-1] != "begin"):
            errors.append(f"a field's {kind} out of turn")
        elif kind == "separate":
            open_fields[-1] = kind
        else:
            open_fields.pop()
    if open_fields:
        errors.append(f"{len(open_fields)} fields never ended")
    starts = [b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart")]
    ends = [b.get(f"{W}id") for b in root.iter(f"{W}bookmarkEnd")]
    if len(starts) != len(set(starts)) or sorted(starts) != sorted(ends):
        errors.append("bookmark ids that do not pair up once each")
    names = {b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")}
    anchors = {h.get(f"{W}anchor") for h in root.iter(f"{W}hyperlink")} - {None}
    if anchors - names:
        errors.append(f"links to no bookmark: {sorted(anchors - names)[:5]}")
    return errors


def _chart_checks(root: etree._Element) -> list[str]:
    errors: list[str] = []
    plot = root.find(f"{C}chart/{C}plotArea")
    axes = {}
    for ax in plot:
        if etree.QName(ax).localname in ("catAx", "valAx", "dateAx", "serAx"):
            ident = ax.find(f"{C}axId").get("val")
            if ident in axes:
                errors.append(f"axis id {ident} twice")
            axes[ident] = ax.find(f"{C}crossAx").get("val")
    for ident, cross in axes.items():
        if cross not in axes or cross == ident:
            errors.append(f"axis {ident} crosses {cross}, not another axis")
    for group in plot:
        if etree.QName(group).localname.endswith("Chart"):
            for ax in group.findall(f"{C}axId"):
                if ax.get("val") not in axes:
                    errors.append(f"{etree.QName(group).localname} names axis {ax.get('val')}")
    series = list(root.iter(f"{C}ser"))
    for what in ("idx", "order"):
        values = [s.find(f"{C}{what}").get("val") for s in series]
        if len(values) != len(set(values)):
            errors.append(f"a series' {what} used twice: {values}")
    for cache in [*root.iter(f"{C}numCache"), *root.iter(f"{C}strCache")]:
        count = int(cache.find(f"{C}ptCount").get("val"))
        idx = [int(pt.get("idx")) for pt in cache.findall(f"{C}pt")]
        if len(idx) != len(set(idx)) or any(i >= count for i in idx):
            errors.append(f"points {idx} in a cache of {count}")
    for labels in root.iter(f"{C}dLbls"):
        idx = [lbl.find(f"{C}idx").get("val") for lbl in labels.findall(f"{C}dLbl")]
        if len(idx) != len(set(idx)):
            errors.append(f"a data label's idx used twice: {idx}")
    return errors


def validate(path: Path, schema: etree.XMLSchema,
             namespaces: set[str]) -> tuple[list[str], list[str]]:
    """(errors, skipped parts) of one .docx."""
    errors: list[str] = []
    skipped: list[str] = []
    with zipfile.ZipFile(path) as z:
        errors += cross_checks(z)
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(z.read(name))
            if etree.QName(root).namespace not in namespaces:
                skipped.append(name)
                continue
            root = process_mc(root)
            if not schema.validate(etree.ElementTree(root)):
                for e in schema.error_log:
                    errors.append(f"{name}:{e.line}: {e.message}")
    return errors, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xsd_folder", type=Path)
    parser.add_argument("docx", type=Path, nargs="+")
    parser.add_argument("--max", type=int, default=20, help="errors shown per file")
    args = parser.parse_args(argv)
    schema, namespaces = load_schema(args.xsd_folder)
    bad = 0
    for path in args.docx:
        errors, skipped = validate(path, schema, namespaces)
        print(f"{path}: {'valid' if not errors else f'{len(errors)} errors'}"
              f" (not checked: {', '.join(skipped) or 'none'})")
        for line in errors[:args.max]:
            print("  " + line)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
