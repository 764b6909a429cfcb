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
    # body | lead (a bold lead-in) | quote | note (small, grey) | headline (a finding's
    # headline sentence, bold) | draft (a warning that the text is a draft to review)
    style: str = "body"
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
    items: list[tuple[str, float]]  # (label, value), best first; labels shown whole
    decimal: str = "."  # the report language's decimal mark, for the value axis only
    value_labels: list[str] = field(default_factory=list)  # beside each bar ("12 · 33%")


@dataclass(frozen=True)
class IPAPoint:
    code: str  # the moment's number, e.g. "M3"
    label: str  # its short name on the chart, e.g. "M3 Queue at the checkout"
    importance: float
    performance: float
    quadrant: str  # concentrate | keep | low | overkill, as the analysis placed it


@dataclass(frozen=True)
class IPAChart:
    """Performance across, importance up (as the terminal's 2×2): "Concentrate here"
    is the top left corner."""

    points: list[IPAPoint]
    importance_line: float  # the cross-hairs
    performance_line: float
    x_axis: str  # performance
    y_axis: str  # importance
    quadrants: dict[str, str]  # concentrate | keep | low | overkill -> label
    decimal: str = "."
    crosshairs: str = ""  # the legend's words for the cross-hairs ("means of this group")
    percent: bool = True  # importance is a share of the dots: ticks in per cent
    percent_format: str = "{}%"  # the report language's way: "{}\u00a0%" in Spanish


@dataclass(frozen=True)
class JourneyStage:
    key: str | None  # before | during | after | None (no stage given)
    label: str
    first: int  # its first column
    count: int  # its columns: a stage nobody placed a moment in still has one, empty


@dataclass(frozen=True)
class JourneyLane:
    key: str | None  # direct | indirect | None (no touchpoint given)
    label: str


@dataclass(frozen=True)
class JourneyPoint:
    """A moment on the journey map: its box in a lane, its point on the feeling curve."""

    code: str  # "M3"
    name: str  # its whole name: the figure wraps it between words, never cuts one
    stage: str | None
    lane: str | None
    column: int
    quadrant: str | None  # concentrate | keep | low | overkill, or None (not placed)
    figures: tuple[str, ...]  # short lines: "gap −2.5 (6)", "6 dots"
    level: float | None  # the curve, −1 … +1: net experience, or the group's feeling / 2
    group: bool  # the point is the group's feeling, not individual marks
    value: str  # "−100 % (6)", "group −1", in the report's language


@dataclass(frozen=True)
class JourneyChart:
    """The journey map: stages as columns, lanes of touchpoints, a box per moment
    coloured by its quadrant, and the feeling curve under them."""

    stages: list[JourneyStage]
    lanes: list[JourneyLane]
    points: list[JourneyPoint]  # by column
    columns: int
    quadrants: dict[str, str]  # key -> label, for the legend
    curve_title: str  # "How it felt: net experience"
    top: str  # "+100 %", the curve's ends and middle as the language writes them
    middle: str
    bottom: str
    legend: dict[str, str]  # marks | group | unplaced -> words
    empty: str  # the words in a stage's column nobody placed a moment in
    asked: bool  # False: the curve says not_asked instead
    not_asked: str
    percent_format: str = "{}%"  # the curve's scale, as the language writes a percentage


@dataclass(frozen=True)
class Figure:
    key: str
    caption: str
    chart: BarChart | IPAChart | JourneyChart


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class SectionBreak:
    """What follows is on pages of this orientation (a section of its own in Word):
    the journey map's landscape page, then back to portrait. Markdown ignores it."""

    orientation: str  # landscape | portrait


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
    copy: str = ""  # which copy this is: pseudonyms only, or internal with names
    draft: str = ""  # why this report is a draft, or "" for a final one


@dataclass(frozen=True)
class Box:
    """A framed box of short lines (the executive summary's limitations)."""

    title: str
    lines: list[str]


Block = (Heading | Paragraph | Bullets | Table | Figure | PageBreak | SectionBreak | Contents
         | Cover | Box)


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
    copy: str = "pseudonyms"  # pseudonyms | anonymized | names (an internal copy)
    copy_note: str = ""  # the sentence saying which copy this is (cover, properties)
    draft: bool = False  # a report with something missing, or findings not reviewed
    internal: bool = False  # names, or quotes without consent: kept within the project team

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]
