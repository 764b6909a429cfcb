"""The report's voice: one language, one copy, and the figures of a session in words.

``Context`` holds what every section needs: the translator, the copy (pseudonyms,
anonymised, or internal with names), the analysis computed once, and the ways numbers,
quotes, people and moments are written (the language's decimal mark, percentages,
dates and quotation marks, from Babel and the catalog; a typographic minus, n beside
every mean, a spread only from SPREAD_FROM ratings).
Pure Python: no docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from workshop import i18n
from workshop.core.analysis import GapTable
from workshop.core.consent import without_consent
from workshop.core.events import local_time, seconds_between
from workshop.core.kinds import registry
from workshop.core.names import Anonymizer, pseudonymizer
from workshop.core.state import SessionState, stage_label, touchpoint_label
from workshop.i18n import Translator, normalise, translator
from workshop.report import blocks as b
from workshop.report.text import xml_safe

# Which copy a report is. The one to send (the default) names participants by pseudonym
# only, everywhere, and replaces their names where someone typed them into an entry;
# "anonymized" is the older name for it (kept for --anonymize and its file name). The
# internal copy (--with-names) shows real names beside the pseudonyms.
PSEUDONYMS, ANONYMIZED, NAMES = "pseudonyms", "anonymized", "names"
COPIES = (PSEUDONYMS, ANONYMIZED, NAMES)
MAX_FINDINGS = 5  # in the executive summary (METHOD.md: 3 to 5)
CHART_BARS = 15  # bars in a ranked chart
SHORT_NAME = 28  # characters of a moment's name on the 2×2
MINUS = "\u2212"
N_IS = "n\u00a0=\u00a0"  # "n = 6" never broken across two lines


def copy_of(copy: str | None = None, anonymize: bool = False) -> str:
    """The copy asked for: ``anonymize`` (the older flag) means the anonymised one."""
    if copy is None:
        return ANONYMIZED if anonymize else PSEUDONYMS
    if copy not in COPIES:
        raise ValueError(copy)
    return copy


@dataclass
class Context:
    state: SessionState
    t: Translator
    lang: str
    anon: Anonymizer
    copy: str
    gaps: GapTable
    labels: dict[int, str]  # mid -> "M3", numbered along the journey
    tallies: dict = field(default_factory=dict)  # rid -> analysis.Tally
    # An internal copy may keep the quotes of participants who did not record consent;
    # any other copy leaves them out (core.consent).
    unconsented: bool = False

    # ---- text ------------------------------------------------------------------
    def text(self, value: object) -> str:
        """Anything typed, ready for a report: illegal characters gone, and names
        replaced in the anonymised copy."""
        return xml_safe(self.anon.text(xml_safe(value)))

    def quote(self, text: str) -> str:
        """Quotation marks of the report's language: “…” in English, «…» in Spanish."""
        return i18n.quote(text, self.lang)

    def plural(self, n: int, one: str, many: str, **values) -> str:
        """ngettext: the language's form for ``n`` ({n} is filled in)."""
        return self.t.plural(n, one, many, **values)

    # ---- numbers ---------------------------------------------------------------
    def num(self, value: float | None, digits: int = 1) -> str:
        """A number with the language's decimal mark and a typographic minus."""
        if value is None:
            return "–"
        return i18n.decimal(value, digits, self.lang, minus=MINUS)

    def signed(self, value: float | None, digits: int = 1) -> str:
        """A gap: "+0.5", "−2.5", "0.0" (as the screen shows it: i18n.decimal)."""
        if value is None:
            return "–"
        return i18n.decimal(value, digits, self.lang, sign=True, minus=MINUS)

    def signed_share(self, share: float | None) -> str:
        """A net experience: "+33 %", "−100 %", "0 %" as the language writes them."""
        if share is None:
            return "–"
        return i18n.signed_percent(share, self.lang)

    def pct(self, share: float | None) -> str:
        if share is None:
            return "–"
        return i18n.percent(share, self.lang)

    @property
    def decimal(self) -> str:
        """The language's decimal mark (the charts' axes)."""
        return i18n.decimal_mark(self.lang)

    @property
    def percent_format(self) -> str:
        """How the language writes a percentage, "{}" for the number (the charts' axes)."""
        return i18n.percent_format(self.lang)

    # ---- people ----------------------------------------------------------------
    @property
    def names(self) -> bool:
        """The internal copy: real names may appear where people are listed."""
        return self.copy == NAMES

    def who(self, pid: int | None) -> str:
        """A participant as this copy names them: by pseudonym, unless internal."""
        if pid is None or pid not in self.state.participants:
            return self.t("the group")
        return self.text(self.state.participant_label(pid, names=self.names))

    def attribution(self, pid: int | None) -> str:
        """Who said it, as a quote is attributed: pseudonym and segment ("P3, families"),
        never the name, in any copy (METHOD.md)."""
        p = self.state.participants.get(pid) if pid is not None else None
        if p is None:
            return ""
        pseudonym = self.text(p.pseudonym)
        return f"{pseudonym}, {self.text(p.segment)}" if p.segment else pseudonym

    def may_quote(self, note) -> bool:
        """Whether this copy may carry the note: a quote of a participant who did not
        record consent only in an internal copy that asks for it."""
        return self.unconsented or not without_consent(self.state, note)

    def quoted(self, note) -> str:
        who = self.attribution(note.pid)
        return self.quote(self.text(note.text)) + (f" ({who})" if who else "")

    # ---- moments ---------------------------------------------------------------
    def moment(self, mid: int | None) -> str:
        m = self.state.moments.get(mid) if mid is not None else None
        if m is None:
            return self.t("(no moment)")
        return f"{self.labels[m.mid]} {self.text(m.text)}"

    def short(self, mid: int) -> str:
        """The moment's number and the first words of its name (the 2×2's labels)."""
        name = words_upto(self.text(self.state.moments[mid].text), SHORT_NAME)
        return f"{self.labels[mid]} {name}"

    def stage(self, value: str | None) -> str:
        return _capital(stage_label(value, self.t)) or self.t("Not placed")

    def touchpoint(self, value: str | None) -> str:
        return _capital(touchpoint_label(value, self.t)) or self.t("Not set")

    # ---- time ------------------------------------------------------------------
    def date(self, iso: str) -> str:
        if not iso:
            return ""
        return i18n.long_date(local_time(iso).date(), self.lang)

    def clock(self, iso: str) -> str:
        """Time elapsed since the session was created, h:mm:ss."""
        start = self.state.created_at
        if not iso or not start:
            return ""
        seconds = max(0, int(seconds_between(start, iso)))
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _capital(text: str) -> str:
    """A label starting a table cell: "before" becomes "Before"."""
    return text[:1].upper() + text[1:]


def words_upto(text: str, limit: int) -> str:
    """The first words of ``text`` that fit in ``limit`` characters, with … when cut:
    never a word cut in half."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(",;:.–-") + "…"


def quadrant_labels(t) -> dict[str, str]:
    from workshop.core import analysis

    return {key: analysis.quadrant_label(key, t) for key in analysis.QUADRANTS}


def words(t) -> dict[str, str]:
    return {"table": t("Table"), "figure": t("Figure"), "page": t("Page"), "of": t("of"),
            "category": t("Focus group report"), "draft": t("Draft"),
            "internal": t("Internal copy")}


def make_context(state: SessionState, lang: str | None = None, *, copy: str | None = None,
                 anonymize: bool = False, unconsented: bool = False) -> Context:
    from workshop.core import analysis

    code = normalise(lang or state.lang)
    t = translator(code)
    chosen = copy_of(copy, anonymize)
    anon = pseudonymizer(state, t, enabled=chosen != NAMES)
    return Context(state, t, code, anon, chosen, analysis.gap_table(state),
                   {mid: f"M{i}" for i, mid in enumerate(state.order, start=1)},
                   {tally.rid: tally for tally in analysis.tallies(state)}, unconsented)


def copy_note(t, copy: str, unconsented: bool = False) -> str:
    """The sentence on the cover (and in the file's properties) saying which copy this is."""
    if copy == NAMES and unconsented:
        return t("Internal copy: it names the participants and keeps the quotes of those "
                 "who did not record consent. Keep it within the project team.")
    if unconsented:
        return t("Internal copy: it keeps the quotes of participants who did not record "
                 "consent. Keep it within the project team.")
    if copy == NAMES:
        return t("Internal copy: it names the participants. Keep it within the project team.")
    return t("Copy with pseudonyms: participants appear by pseudonym only, and names typed "
             "in what they said are replaced too.")


def and_list(t, items: list[str]) -> str:
    """"a, b and c" in the report's language."""
    if len(items) <= 1:
        return "".join(items)
    return t("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


def importance_words(ctx: Context, row) -> str:
    if row.importance is None:
        return ctx.t("no revealed vote")
    assert ctx.gaps.source is not None  # a moment has an importance only from a vote
    total = ctx.gaps.source.cast
    return ctx.plural(total, "{share} ({dots} of {total} dot)", "{share} ({dots} of {total} dots)",
                      share=ctx.pct(row.importance), dots=row.dots, total=total)


def n_text(ctx: Context, n: int, spread: float | None = None) -> str:
    from workshop.core.analysis import SPREAD_FROM

    if spread is not None and n >= SPREAD_FROM:
        return ctx.t("n = {n}, spread {spread}", n=n, spread=ctx.num(spread)).replace(
            "n = ", N_IS)
    return ctx.t("n = {n}", n=n).replace("n = ", N_IS)


def rating_words(ctx: Context, mean: float | None, n: int, spread: float | None) -> str:
    if mean is None:
        return ctx.t("not rated")
    return f"{ctx.num(mean)} ({n_text(ctx, n, spread)})"


def gap_words(ctx: Context, row) -> str:
    if row.gap is None:
        return ctx.t("not measured") if not ctx.gaps.measured else ctx.t("no pairs")
    return f"{ctx.signed(row.gap)} ({n_text(ctx, row.gap_n, row.gap_spread)})"


def figures_line(ctx: Context, row) -> str:
    """Importance, expectation, performance, gap and quadrant of one moment, each with n."""
    t = ctx.t
    parts = [t("importance {value}", value=importance_words(ctx, row)),
             t("expectation {value}", value=rating_words(ctx, row.expectation,
                                                         row.expectation_ratings,
                                                         row.expectation_spread)
               if ctx.gaps.measured else t("not measured")),
             t("performance {value}", value=rating_words(ctx, row.performance, row.ratings,
                                                         row.spread)),
             t("gap {value}", value=gap_words(ctx, row))]
    if row.quadrant:
        # A label inside a sentence: its capital goes, in every language.
        label = row.quadrant_label(t)
        parts.append(t("quadrant: {value}", value=label[:1].lower() + label[1:]))
    return " · ".join(parts)


def importance_order(ctx: Context) -> list:
    """Moments, most important first: most dots, then the largest weighted priority,
    then the largest shortfall, then along the journey."""
    return sorted(ctx.gaps.rows, key=lambda r: (-(r.dots or 0), -(r.priority or 0),
                                                r.gap if r.gap is not None else 99,
                                                r.position))


def quadrant_cell(ctx: Context, row) -> str:
    """The quadrant in a table cell: "Possible overkill*" or "Keep up the good work*" when
    still below the midpoint, the asterisk explained under the table (the full words would
    take the moment's room)."""
    if not row.quadrant:
        return "–"
    label = quadrant_labels(ctx.t)[row.quadrant]
    return f"{label}*" if _high_below_midpoint(row) else label


def _high_below_midpoint(row) -> bool:
    """Placed high on performance by the group's means, yet rated below the scale's 3."""
    from workshop.core.analysis import KEEP, OVERKILL

    return row.quadrant in (KEEP, OVERKILL) and row.below_midpoint


def below_midpoint_note(ctx: Context) -> list:
    """The asterisk's sentence, one per quadrant that has a moment below the midpoint."""
    from workshop.core.analysis import KEEP, OVERKILL

    marked = {r.quadrant for r in ctx.gaps.rows if _high_below_midpoint(r)}
    out = []
    if KEEP in marked:
        out.append(b.Paragraph(ctx.t("* Keep up the good work, though still below the midpoint "
                                     "of the scale (3): rated better than the other moments, "
                                     "not well."), "note"))
    if OVERKILL in marked:
        out.append(b.Paragraph(ctx.t("* Possible overkill, though still below the midpoint of "
                                     "the scale (3): done better than the other moments, not "
                                     "well."), "note"))
    return out


def priorities(ctx: Context) -> list:
    """The moments to work on: those the 2×2 puts under "concentrate here", by weighted
    priority (by importance where no gap was measured). Without a 2×2, the three
    moments with most dots."""
    from workshop.core.analysis import CONCENTRATE

    rows = [r for r in ctx.gaps.rows if r.quadrant == CONCENTRATE]
    if rows:
        return sorted(rows, key=lambda r: (-(r.priority or 0), -(r.importance or 0), r.position))
    return [r for r in ctx.gaps.by_importance()][:3]


def technique_label(ctx: Context, technique: str | None) -> str:
    """A technique's name in the report's language, from the prompt deck."""
    if not technique:
        return ctx.t("Free discussion, no prompt")
    return ctx.text(technique_names(ctx.lang).get(technique)
                    or technique.replace("-", " ").capitalize())


@cache
def technique_names(lang: str) -> dict[str, str]:
    try:
        from workshop.core.prompts import load_deck

        return {k: v.name for k, v in load_deck(lang).techniques.items()}
    except Exception:  # no deck in that language, or a broken one: the id will do
        return {}


def dots_per_idea(ctx: Context) -> dict[int, int]:
    from workshop.core import analysis

    votes = analysis.idea_votes(ctx.state)
    return {row.item: row.dots for row in votes.rows} if votes else {}


def idea_round(ctx: Context) -> int | None:
    from workshop.core import analysis

    votes = analysis.idea_votes(ctx.state)
    return votes.rid if votes else None


def round_target(ctx: Context, target: str) -> str:
    return ctx.t("moments of truth") if target == "moments" else ctx.t("ideas")


def kind_label(t, kind: str) -> str:
    """A step kind's name, as its declaration gives it (``workshop.core.kinds``)."""
    return registry.step_label(kind, t)
