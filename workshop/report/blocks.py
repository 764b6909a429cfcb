"""The report as a list of blocks: what both the Word and the Markdown writers render.

Everything in a block is final text (translated, anonymised, XML-safe), so the writers
only lay it out and can never disagree about what the report says.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = a chapter, 2 = a section, 3 = a sub-section


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | lead | quote | note
    label: str = ""  # shown in bold before the text ("Client: ")
    keep_next: bool = False  # on the same page as the next block (a chart it introduces)


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0  # share of the page width
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class Table:
    key: str  # stable name: the CSV file name, and how tests find it
    caption: str
    columns: list[Column]
    rows: list[list[str]]


@dataclass(frozen=True)
class BarChart:
    title: str
    axis: str
    items: list[tuple[str, float]]  # (label, value), best first
    decimal: str = "."  # the report language's decimal mark, for the axis


@dataclass(frozen=True)
class IPAPoint:
    label: str  # the moment's number, e.g. "M3"
    importance: float
    performance: float
    quadrant: str  # concentrate | keep | low | overkill, as the analysis placed it


@dataclass(frozen=True)
class IPAChart:
    points: list[IPAPoint]
    importance_mean: float
    performance_mean: float
    x_axis: str
    y_axis: str
    quadrants: dict[str, str]  # concentrate | keep | low | overkill -> label
    decimal: str = "."


@dataclass(frozen=True)
class Figure:
    key: str
    caption: str
    chart: BarChart | IPAChart


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    title: str
    levels: int = 2


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    fields: list[tuple[str, str]]  # (label, value)
    note: str = ""


Block = Heading | Paragraph | Bullets | Table | Figure | PageBreak | Contents | Cover


@dataclass
class Report:
    lang: str
    title: str
    subject: str
    author: str
    keywords: str
    created: str  # ISO time the session was created
    blocks: list = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # "Table", "Figure", "Page"…

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]
