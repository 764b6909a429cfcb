"""What the report says: a session turned into blocks, in one language, anonymised.

Pure Python (no docx, no matplotlib): the Word and the Markdown writers both render
what ``build_report`` returns, so they can never disagree. The numbers come from
``workshop.core.analysis``; nothing here recomputes a formula, it only formats.
Every text participants typed passes through ``Context.text`` (anonymised, XML-safe).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Callable

from workshop.core.events import Event, local_time, seconds_between
from workshop.core.state import STAGES, TOUCHPOINTS, SessionState
from workshop.i18n import normalise, translator
from workshop.report import blocks as b
from workshop.report.anonymize import Anonymizer
from workshop.report.text import excerpt, xml_safe

TOP = 5  # items in each list of the executive summary
CHART_BARS = 15  # bars in a ranked chart; the table below it has every item
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class Context:
    state: SessionState
    t: Callable[..., str]
    lang: str
    anon: Anonymizer
    numbers: object  # workshop.core.analysis results, see _numbers()
    labels: dict[int, str]  # mid -> "M3", numbered along the journey

    def text(self, value: object) -> str:
        """Anything typed, ready for a report: names replaced, illegal characters gone."""
        return xml_safe(self.anon.text(xml_safe(value)))

    def num(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return "–"
        text = f"{value:.{digits}f}"
        if text.startswith("-") and float(text) == 0:
            text = text[1:]
        return text.replace(".", ",") if self.lang == "es" else text

    @property
    def decimal(self) -> str:
        return "," if self.lang == "es" else "."

    def pct(self, share: float | None) -> str:
        if share is None:
            return "–"
        return f"{self.num(share * 100, 0)} %" if self.lang == "es" else f"{share * 100:.0f}%"

    def who(self, pid: int | None) -> str:
        """A participant as the report may name them: pseudonym when anonymised."""
        if pid is None or pid not in self.state.participants:
            return self.t("the group")
        p = self.state.participants[pid]
        return self.text(p.pseudonym if self.anon.enabled or not p.name else p.name)

    def moment(self, mid: int | None, limit: int | None = None) -> str:
        m = self.state.moments.get(mid) if mid is not None else None
        if m is None:
            return self.t("(no moment)")
        text = self.text(m.text)
        return f"{self.labels[mid]} {excerpt(text, limit) if limit else text}"

    def stage(self, value: str | None) -> str:
        t = self.t
        return {"before": t("Before"), "during": t("During"), "after": t("After")}.get(
            value or "", t("Not placed"))

    def touchpoint(self, value: str | None) -> str:
        t = self.t
        return {"direct": t("Direct"), "indirect": t("Indirect")}.get(value or "", t("Not set"))

    def date(self, iso: str) -> str:
        if not iso:
            return ""
        d = local_time(iso)
        month = self.t(MONTHS[d.month - 1])
        if self.lang == "es":
            return f"{d.day} de {month.lower()} de {d.year}"
        return f"{d.day} {month} {d.year}"

    def clock(self, iso: str) -> str:
        start = self.state.created_at
        if not iso or not start:
            return ""
        seconds = max(0, int(seconds_between(start, iso)))
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def quadrant_labels(t) -> dict[str, str]:
    from workshop.core import analysis

    return {key: analysis.quadrant_label(key, t) for key in analysis.QUADRANTS}


def words(t) -> dict[str, str]:
    return {"table": t("Table"), "figure": t("Figure"), "page": t("Page"), "of": t("of"),
            "category": t("Focus group report")}


def people_of(state: SessionState) -> list[tuple[str | None, str]]:
    return [(p.name, p.pseudonym) for p in state.participants.values()]


def make_context(state: SessionState, lang: str | None = None, *,
                 anonymize: bool = False) -> Context:
    code = normalise(lang or state.lang)
    t = translator(code)
    anon = Anonymizer(people_of(state), enabled=anonymize, placeholder=t("[participant]"))
    return Context(state, t, code, anon, _numbers(state),
                   {mid: f"M{i}" for i, mid in enumerate(state.order, start=1)})


def build_report(state: SessionState, *, lang: str | None = None, anonymize: bool = False,
                 events: list[Event] | None = None) -> b.Report:
    """The whole report of a session, as blocks (see ``workshop.report.blocks``)."""
    ctx = make_context(state, lang, anonymize=anonymize)
    t, code = ctx.t, ctx.lang
    title = ctx.text(state.title) or t("Focus group")
    report = b.Report(lang=code, title=title,
                      subject=t("Moments of truth: focus group report"),
                      author=ctx.text(state.facilitator),
                      keywords=", ".join([t("moments of truth"), t("customer experience"),
                                          t("focus group")]),
                      created=state.created_at, words=words(t))
    add = report.blocks.extend
    add(_cover(ctx, title))
    add([b.Contents(t("Contents"), levels=2 if len(state.moments) <= 30 else 1), b.PageBreak()])
    add(executive_summary(ctx))
    add(_method(ctx))
    add(_journey(ctx))
    add(_findings(ctx))
    add(_gaps(ctx))
    add(_excellence(ctx))
    add(_priorities(ctx))
    add(_actions(ctx))
    add(_appendix(ctx, events))
    return report


# ---- numbers from the analysis ---------------------------------------------------------


class Numbers:
    """The analysis of one session, computed once, in the shapes the sections read.

    Only selection and ordering happen here; every figure is ``workshop.core.analysis``'s.
    """

    def __init__(self, state: SessionState):
        from workshop.core import analysis

        self.gaps = analysis.gap_table(state)
        self.tallies = {tally.rid: tally for tally in analysis.tallies(state)}
        self.balance = analysis.participation(state)
        self.rows = {row.mid: row for row in self.gaps.rows}
        self.note = analysis.importance_note
        # Ideas' votes: the latest vote on ideas the room has seen (a blind one counts
        # once revealed), the same rule the analysis uses for importance.
        shown = [t for t in self.tallies.values() if t.target == "ideas" and not t.hidden]
        self.idea_round = shown[-1] if shown else None

    def top_moments(self, k: int) -> list:
        rows = [r for r in self.gaps.rows if r.dots]
        return sorted(rows, key=lambda r: (-r.importance, r.position))[:k]

    def biggest_gaps(self, k: int) -> list:
        return sorted((r for r in self.gaps.rows if r.gap is not None and r.gap < 0),
                      key=lambda r: (r.gap, r.position))[:k]

    def top_ideas(self, k: int) -> list:
        if self.idea_round is None:
            return []
        return [row for row in self.idea_round.rows if row.dots][:k]

    def gap_rows(self) -> list:
        """Largest shortfall first; moments without a gap last, along the journey."""
        return sorted(self.gaps.rows, key=lambda r: (r.gap is None, r.gap or 0, r.position))

    def idea_votes(self) -> dict[int, int]:
        return {row.item: row.dots for row in self.idea_round.rows} if self.idea_round else {}


def _numbers(state: SessionState) -> Numbers:
    return Numbers(state)


# ---- sections ------------------------------------------------------------------------


def _cover(ctx: Context, title: str) -> list:
    s, t = ctx.state, ctx.t
    fields = []
    if s.client:
        fields.append((t("Client"), ctx.text(s.client)))
    fields.append((t("Date"), ctx.date(s.created_at)))
    if s.facilitator:
        fields.append((t("Facilitator"), ctx.text(s.facilitator)))
    fields.append((t("Participants"), str(len(s.participants))))
    script = ctx.text(s.script.get("title", ""))
    if script:
        fields.append((t("Script"), script))
    note = t("Participants are named by pseudonym throughout this report.") if ctx.anon.enabled else ""
    return [b.Cover(title, t("Moments of truth: focus group report"), fields, note), b.PageBreak()]


def executive_summary(ctx: Context) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    stages = Counter(m.stage for m in s.moments.values())
    cast = sum(s.votes.values())
    out: list = [b.Heading(t("Executive summary"), 1)]
    out.append(b.Paragraph(t(
        "On {date}, {people} participants worked through {moments} moments of truth of "
        "the customer journey ({before} before, {during} during and {after} after the "
        "purchase). They stated {expectations} expectations, rated how their usual "
        "providers perform, proposed {ideas} ideas for an excellent experience and cast "
        "{dots} votes to set priorities.",
        date=ctx.date(s.created_at), people=len(s.participants), moments=len(s.moments),
        before=stages.get("before", 0), during=stages.get("during", 0),
        after=stages.get("after", 0), expectations=len(s.expectations), ideas=len(s.ideas),
        dots=cast)))
    top = n.top_moments(TOP)
    out.append(b.Heading(t("The moments that matter most"), 2))
    if top:
        out.append(b.Bullets([(t("{moment}: 1 dot, importance {importance}", moment=ctx.moment(
            row.mid, 90), importance=ctx.num(row.importance, 2)) if row.dots == 1 else
            t("{moment}: {dots} dots, importance {importance}", moment=ctx.moment(row.mid, 90),
              dots=row.dots, importance=ctx.num(row.importance, 2))) for row in top],
            numbered=True))
    else:
        out.append(b.Paragraph(t("No importance could be measured: no vote has been revealed."),
                               "note"))
    gaps = n.biggest_gaps(TOP)
    out.append(b.Heading(t("The biggest gaps"), 2))
    if gaps:
        q = quadrant_labels(t)
        out.append(b.Bullets([t("{moment}: gap {gap} (performance {performance} against "
                                "expectation {expectation}; {quadrant})",
                                moment=ctx.moment(row.mid, 90), gap=ctx.num(row.gap),
                                performance=ctx.num(row.performance),
                                expectation=ctx.num(row.expectation),
                                quadrant=q[row.quadrant].lower() if row.quadrant else "–")
                              for row in gaps], numbered=True))
    else:
        out.append(b.Paragraph(t("No moment falls short of what participants expect, or "
                                 "no performance was rated."), "note"))
    ideas = n.top_ideas(TOP)
    out.append(b.Heading(t("The most supported ideas for excellence"), 2))
    if ideas:
        out.append(b.Bullets([(t("{idea} ({moment}; 1 vote)", idea=excerpt(ctx.text(
            s.ideas[row.item].text), 160), moment=ctx.moment(row.mid, 50)) if row.dots == 1 else
            t("{idea} ({moment}; {votes} votes)", idea=excerpt(ctx.text(s.ideas[row.item].text),
                                                                160),
              moment=ctx.moment(row.mid, 50), votes=row.dots)) for row in ideas], numbered=True))
    else:
        out.append(b.Paragraph(t("No idea received votes."), "note"))
    actions = [a for a in s.actions.values() if a.type == "action"][:TOP]
    if actions:
        out.append(b.Heading(t("Recommended actions"), 2))
        out.append(b.Bullets([excerpt(ctx.text(a.text), 200) for a in actions]))
    out.append(b.PageBreak())
    return out


def _method(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Method"), 1)]
    script = ctx.text(s.script.get("title") or s.script.get("name") or "")
    planned = sum(st.minutes for st in s.steps)
    actual = sum(st.elapsed_at(s.last_at) for st in s.steps) / 60
    out.append(b.Paragraph(t(
        "The session followed the script “{script}”: {steps} steps planned for {planned} "
        "minutes, run in {actual} minutes. Participants first mapped the moments of truth, "
        "then said what they expect at each one and how their usual providers perform, "
        "looked for what would be excellent with lateral-thinking prompts, and voted to set "
        "priorities.", script=script, steps=len(s.steps), planned=ctx.num(planned, 0),
        actual=ctx.num(actual, 0))))
    out.append(b.Heading(t("Script and timing"), 2))
    rows = [[str(st.index + 1), ctx.text(st.title), kind_label(t, st.kind), ctx.num(st.minutes, 0),
             ctx.num(st.elapsed_at(s.last_at) / 60, 0) if st.entered_at else "–"]
            for st in s.steps]
    rows.append(["", t("Total"), "", ctx.num(planned, 0), ctx.num(actual, 0)])
    out.append(b.Table("steps", t("Steps of the session: planned and actual minutes"),
                       [b.Column("#", 0.5, True), b.Column(t("Step"), 3),
                        b.Column(t("Kind"), 1.4), b.Column(t("Planned"), 1, True),
                        b.Column(t("Actual"), 1, True)], rows))
    out.append(b.Heading(t("Participants"), 2))
    segments = Counter(ctx.text(p.segment) if p.segment else "" for p in s.participants.values())
    consent = sum(1 for p in s.participants.values() if p.consent)
    out.append(b.Paragraph(t("{n} participants took part; {consent} of them recorded their "
                             "consent in the session.", n=len(s.participants), consent=consent)))
    out.append(b.Table("segments", t("Participants by segment"),
                       [b.Column(t("Segment"), 3), b.Column(t("Participants"), 1, True)],
                       [[seg or t("No segment"), str(k)] for seg, k in
                        sorted(segments.items(), key=lambda kv: (-kv[1], kv[0]))]))
    out.append(b.Heading(t("Voting rules"), 2))
    if s.rounds:
        out.append(b.Paragraph(t(
            "Participants voted with dots: each had a fixed number of dots to spread over the "
            "items, with an optional cap per item. Blind votes stay hidden until the "
            "facilitator reveals them all at once, so nobody follows the crowd.")))
        rows = []
        for r in s.rounds.values():
            rows.append([str(r.rid), _round_target(ctx, r.target), str(r.dots),
                         str(r.cap) if r.cap else t("none"), t("yes") if r.blind else t("no"),
                         t("yes") if r.revealed else t("no"),
                         str(len({p for (rid, p, _) in s.votes if rid == r.rid}))])
        out.append(b.Table("voting_rules", t("Vote rounds and their rules"),
                           [b.Column(t("Vote"), 0.95, True), b.Column(t("On"), 1.6),
                            b.Column(t("Dots each"), 1, True), b.Column(t("Cap per item"), 1, True),
                            b.Column(t("Blind"), 0.8), b.Column(t("Revealed"), 1),
                            b.Column(t("Voters"), 0.8, True)], rows))
    else:
        out.append(b.Paragraph(t("No vote was held."), "note"))
    return out


def _round_target(ctx: Context, target: str) -> str:
    return ctx.t("moments of truth") if target == "moments" else ctx.t("ideas")


def _journey(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("The customer journey"), 1)]
    if not s.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded."), "note")]
    out.append(b.Paragraph(t(
        "Moments of truth are the contacts in which customers form an impression of the "
        "company. Direct touchpoints are under the company's control (staff, shop, product, "
        "web, phone); indirect ones it can only influence (advertising, reviews, referrals).")))
    matrix = []
    for stage in (*STAGES, None):
        ms = [m for m in s.moments.values() if m.stage == stage]
        if stage is None and not ms:
            continue
        counts = Counter(m.touchpoint for m in ms)
        matrix.append([ctx.stage(stage), *(str(counts.get(tp, 0)) for tp in (*TOUCHPOINTS, None)),
                       str(len(ms))])
    out.append(b.Table("journey_summary", t("Moments of truth by stage and touchpoint"),
                       [b.Column(t("Stage"), 1.6), b.Column(t("Direct"), 1, True),
                        b.Column(t("Indirect"), 1, True), b.Column(t("Not set"), 1, True),
                        b.Column(t("Total"), 1, True)], matrix))
    rows = [[ctx.labels[m.mid], ctx.text(m.text), ctx.stage(m.stage), ctx.touchpoint(m.touchpoint)]
            for m in s.ordered_moments()]
    out.append(b.Table("journey", t("The moments of truth along the journey"),
                       [b.Column("#", 0.8), b.Column(t("Moment of truth"), 5),
                        b.Column(t("Stage"), 1.3), b.Column(t("Touchpoint"), 1.3)], rows))
    return out


def _findings(ctx: Context) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    out: list = [b.Heading(t("Findings by moment of truth"), 1)]
    if not s.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded."), "note")]
    by_moment: dict[int, dict[str, list]] = {mid: {"stated": [], "latent": [], "quote": [],
                                                   "note": []} for mid in s.moments}
    for x in s.expectations.values():
        by_moment[x.mid][x.type].append(x)
    for note in s.notes.values():
        if note.mid in by_moment:
            by_moment[note.mid][note.type].append(note)
    for m in s.ordered_moments():
        found = by_moment[m.mid]
        out.append(b.Heading(ctx.moment(m.mid, 80), 2))
        if len(m.text) > 80:
            out.append(b.Paragraph(ctx.text(m.text)))
        out.append(b.Paragraph(f"{ctx.stage(m.stage)} · {ctx.touchpoint(m.touchpoint)}", "note",
                               label=f"{t('Stage and touchpoint')}: "))
        perf = n.rows[m.mid]  # the gap table's row: mean, spread and n of the ratings
        if perf.ratings > 1:
            out.append(b.Paragraph(t("mean {mean} out of 5 from {n} ratings (standard "
                                     "deviation {spread})", mean=ctx.num(perf.performance),
                                     n=perf.ratings, spread=ctx.num(perf.spread)),
                                   label=f"{t('Performance')}: "))
        elif perf.ratings:
            out.append(b.Paragraph(t("{mean} out of 5 (one rating)",
                                     mean=ctx.num(perf.performance)),
                                   label=f"{t('Performance')}: "))
        else:
            out.append(b.Paragraph(t("not rated"), label=f"{t('Performance')}: "))
        for kind, heading in (("stated", t("Stated expectations")),
                              ("latent", t("Latent needs (not said, but shown)"))):
            if found[kind]:
                out.append(b.Paragraph(heading, "lead"))
                out.append(b.Bullets([ctx.text(x.text) for x in found[kind]]))
        if found["quote"]:
            out.append(b.Paragraph(t("In their words"), "lead"))
            out.extend(b.Paragraph(_quote(ctx, q), "quote") for q in found["quote"])
        if found["note"]:
            out.append(b.Paragraph(t("Facilitator's notes"), "lead"))
            out.append(b.Bullets([ctx.text(x.text) for x in found["note"]]))
        if not any(found.values()):
            out.append(b.Paragraph(t("Nothing more was recorded for this moment."), "note"))
    return out


def _quote(ctx: Context, note) -> str:
    """A verbatim quote, attributed by pseudonym only (never by name, METHOD.md)."""
    p = ctx.state.participants.get(note.pid)
    return f"“{ctx.text(note.text)}”" + (f" ({ctx.text(p.pseudonym)})" if p else "")


def _gaps(ctx: Context) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    out: list = [b.Heading(t("Gap analysis"), 1)]
    out.append(b.Paragraph(t(
        "Performance is the mean of the participants' ratings of how their usual providers "
        "do at each moment today (1 to 5). The gap is performance minus expectation: a "
        "negative gap means the experience falls short. The priority weighs that "
        "shortfall by importance. Plotting importance against performance, with "
        "cross-hairs at the means, sorts the moments into four quadrants (Martilla and "
        "James): concentrate here, keep up the good work, low priority and possible "
        "overkill.")))
    out.append(b.Paragraph(n.note(n.gaps.source, t), "note"))
    if not s.moments:
        return out + [b.Paragraph(t("No moment of truth was recorded."), "note")]
    q = quadrant_labels(t)
    out.append(b.Table("gaps", t("Gaps by moment of truth, largest shortfall first"),
                       [b.Column("#", 0.8), b.Column(t("Moment of truth"), 2.7),
                        b.Column(t("Importance"), 1.45, True),
                        b.Column(t("Expectation"), 1.45, True),
                        b.Column(t("Performance"), 1.5, True), b.Column(t("Gap"), 0.75, True),
                        b.Column(t("Priority"), 1.1, True), b.Column(t("Quadrant"), 1.55)],
                       [[ctx.labels[r.mid], ctx.text(r.text), ctx.num(r.importance, 2),
                         ctx.num(r.expectation), ctx.num(r.performance), ctx.num(r.gap),
                         ctx.num(r.priority, 2), q[r.quadrant] if r.quadrant else "–"]
                        for r in n.gap_rows()]))
    points = [b.IPAPoint(ctx.labels[r.mid], r.importance, r.performance, r.quadrant)
              for r in n.gaps.rows if r.quadrant]
    if points:
        out.append(b.Figure("ipa", t("Importance against performance, by moment of truth"),
                            b.IPAChart(points, n.gaps.mean_importance, n.gaps.mean_performance,
                                       t("Importance (dots per voter)"),
                                       t("Performance (mean rating, 1 to 5)"), q,
                                       ctx.decimal)))
    else:
        out.append(b.Paragraph(t("No moment has both an importance and a rating yet, so the "
                                 "importance–performance chart is left out."), "note"))
    return out


def _excellence(ctx: Context) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    out: list = [b.Heading(t("Ideas for excellence"), 1)]
    if not s.ideas:
        return out + [b.Paragraph(t("No idea was recorded."), "note")]
    out.append(b.Paragraph(t(
        "For each moment, participants described what an excellent experience would be. "
        "Where ideas did not come easily, the facilitator drew a lateral-thinking prompt "
        "(random entry, provocation, reversal, analogy…) and the group brought what it "
        "suggested back to the moment.")))
    techniques = Counter(i.technique for i in s.ideas.values())
    out.append(b.Table("techniques", t("How the ideas were reached"),
                       [b.Column(t("Technique"), 3), b.Column(t("Ideas"), 1, True)],
                       [[ctx.text(_technique(ctx, k)), str(v)] for k, v in
                        sorted(techniques.items(), key=lambda kv: (-kv[1], kv[0] or ""))]))
    votes = n.idea_votes()
    position = {mid: i for i, mid in enumerate(s.order)}
    ideas = sorted(s.ideas.values(), key=lambda i: (position.get(i.mid, 1 << 30),
                                                    -votes.get(i.iid, 0), i.iid))
    caption = (t("Ideas for excellence by moment of truth, with their dots in vote {n}",
                 n=n.idea_round.rid) if n.idea_round else
               t("Ideas for excellence by moment of truth (no vote on ideas was revealed)"))
    out.append(b.Table("ideas", caption,
                       [b.Column("#", 0.8), b.Column(t("Idea"), 5), b.Column(t("Technique"), 1.6),
                        b.Column(t("Dots"), 0.8, True)],
                       [[ctx.labels.get(i.mid, ""), ctx.text(i.text),
                         ctx.text(_technique(ctx, i.technique)),
                         str(votes.get(i.iid, 0)) if n.idea_round else "–"]
                        for i in ideas]))
    return out


def _technique(ctx: Context, technique: str | None) -> str:
    """A technique's name in the report's language, from the prompt deck."""
    if not technique:
        return ctx.t("Free discussion (no prompt)")
    return technique_names(ctx.lang).get(technique) or technique.replace("-", " ").capitalize()


@cache
def technique_names(lang: str) -> dict[str, str]:
    try:
        from workshop.core.prompts import load_deck

        return {k: v.name for k, v in load_deck(lang).techniques.items()}
    except Exception:  # no deck in that language, or a broken one: the id will do
        return {}


def kind_label(t, kind: str) -> str:
    return {"intro": t("Introduction"), "discussion": t("Discussion"),
            "moments": t("Moments of truth"), "expectations": t("Expectations"),
            "excellence": t("Excellence"), "vote": t("Vote"), "gaps": t("Gaps"),
            "wrapup": t("Wrap-up")}.get(kind, kind)


def _priorities(ctx: Context) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    out: list = [b.Heading(t("Priorities from the votes"), 1)]
    if not s.rounds:
        return out + [b.Paragraph(t("No vote was held."), "note")]
    for r in s.rounds.values():
        target = _round_target(ctx, r.target)
        out.append(b.Heading(t("Vote {n}: {target}", n=r.rid, target=target), 2))
        result = n.tallies[r.rid]
        if result.hidden:
            out.append(b.Paragraph(t("This blind vote was never revealed, so its results are "
                                     "not reported."), "note"))
            continue
        tally = [row for row in result.rows if row.dots > 0]
        out.append(b.Paragraph(t("{voters} participants cast {cast} dots ({dots} each{cap}).",
                                 voters=result.voters, cast=result.cast, dots=r.dots,
                                 cap=t(", at most {cap} per item", cap=r.cap) if r.cap else ""),
                               keep_next=True))
        if not tally:
            out.append(b.Paragraph(t("No dots were cast."), "note"))
            continue
        label = (lambda item: ctx.moment(item)) if r.target == "moments" else (
            lambda item: f"{ctx.text(s.ideas[item].text)} ({ctx.labels.get(s.ideas[item].mid, '')})")
        shown = tally[:CHART_BARS]
        caption = (t("Vote {n}: dots per item, ranked", n=r.rid) if len(shown) == len(tally)
                   else t("Vote {n}: the {k} items with most dots (all are in the table)",
                          n=r.rid, k=len(shown)))
        out.append(b.Figure(f"votes_{r.rid}", caption,
                            b.BarChart(t("Vote {n}: {target}", n=r.rid, target=target),
                                       t("Dots"), [(label(row.item), row.dots) for row in shown],
                                       ctx.decimal)))
        out.append(b.Table(f"vote_{r.rid}", t("Vote {n}: ranked results", n=r.rid),
                           [b.Column(t("Rank"), 0.6, True), b.Column(t("Item"), 5),
                            b.Column(t("Dots"), 0.8, True), b.Column(t("Share"), 0.9, True)],
                           [[str(row.rank), label(row.item), str(row.dots), ctx.pct(row.share)]
                            for row in tally]))
    return out


def _actions(ctx: Context) -> list:
    s, t = ctx.state, ctx.t
    out: list = [b.Heading(t("Corrective actions and next steps"), 1)]
    for kind, heading, key in (("action", t("Corrective actions"), "actions"),
                               ("next_step", t("Next steps"), "next_steps")):
        items = [a for a in s.actions.values() if a.type == kind]
        out.append(b.Heading(heading, 2))
        if not items:
            out.append(b.Paragraph(t("None recorded."), "note"))
            continue
        out.append(b.Table(key, heading,
                           [b.Column(t("Action"), 5), b.Column(t("Moment of truth"), 2.4),
                            b.Column(t("Owner"), 1.4)],
                           [[ctx.text(a.text), ctx.moment(a.mid, 40) if a.mid else "–",
                             ctx.text(a.owner) if a.owner else "–"] for a in items]))
    return out


def _appendix(ctx: Context, events: list[Event] | None) -> list:
    s, t, n = ctx.state, ctx.t, ctx.numbers
    out: list = [b.PageBreak(), b.Heading(t("Appendix"), 1), b.Heading(t("Participants"), 2)]
    show_names = not ctx.anon.enabled
    columns = [b.Column(t("Pseudonym"), 1.2)]
    if show_names:
        columns.append(b.Column(t("Name"), 2.4))
    columns += [b.Column(t("Segment"), 2), b.Column(t("Consent"), 1)]
    rows = []
    for p in s.participants.values():
        row = [ctx.text(p.pseudonym)]
        if show_names:
            row.append(ctx.text(p.name) if p.name else "–")
        row += [ctx.text(p.segment) if p.segment else "–", t("yes") if p.consent else t("no")]
        rows.append(row)
    out.append(b.Table("roster", t("Participants (pseudonyms are used in quotes)") if show_names
                       else t("Participants, by pseudonym"), columns, rows))
    out.append(b.Heading(t("Participation balance"), 2))
    balance = n.balance
    out.append(b.Paragraph(t("What each participant contributed: the moments, expectations, "
                             "ratings, ideas, quotes and notes attributed to them, and their "
                             "share of all contributions. Dots cast are shown apart: everyone "
                             "had the same number. A very uneven balance suggests some voices "
                             "were heard less than others.")))
    out.append(b.Table("participation", t("Participation by participant"),
                       [b.Column(t("Participant"), 1.7), b.Column(t("Moments"), 1, True),
                        b.Column(t("Expectations"), 1.25, True), b.Column(t("Ratings"), 1, True),
                        b.Column(t("Ideas"), 0.8, True), b.Column(t("Quotes, notes"), 1.1, True),
                        b.Column(t("Total"), 0.8, True), b.Column(t("Share"), 0.9, True),
                        b.Column(t("Dots"), 0.75, True)],
                       [[ctx.who(row.pid), str(row.moments), str(row.expectations),
                         str(row.ratings), str(row.ideas), str(row.notes), str(row.total),
                         ctx.pct(row.share), str(row.dots)] for row in balance]))
    quiet = [ctx.who(row.pid) for row in balance if row.quiet]
    if quiet:
        out.append(b.Paragraph(t("Contributed less than half the average: {who}.",
                                 who=", ".join(quiet)), "note"))
    out.append(b.Heading(t("Timeline of the session"), 2))
    out.append(b.Table("timeline", t("Timeline (hours:minutes:seconds from the start)"),
                       [b.Column(t("Time"), 1, True), b.Column(t("What happened"), 6)],
                       _timeline(ctx, events)))
    general = [note for note in s.notes.values() if note.mid not in s.moments]
    if general:
        out.append(b.Heading(t("Other notes and quotes"), 2))
        for note in general:
            if note.type == "quote":
                out.append(b.Paragraph(_quote(ctx, note), "quote"))
            else:
                out.append(b.Bullets([ctx.text(note.text)]))
    return out


def _timeline(ctx: Context, events: list[Event] | None) -> list[list[str]]:
    """Milestones, not every keystroke: steps, prompts, votes, the end."""
    s, t = ctx.state, ctx.t
    rows: list[tuple[str, str]] = []
    if s.created_at:
        rows.append((s.created_at, t("Session created")))
    if events:
        gone = s.undone
        seen_steps: set[int] = set()
        for e in events:
            if e.id in gone:
                continue
            d = e.data
            if e.kind == "step_entered" and d.get("step") not in seen_steps \
                    and 0 <= d.get("step", -1) < len(s.steps):
                seen_steps.add(d["step"])
                st = s.steps[d["step"]]
                rows.append((e.at, t("Step {n}: {title}", n=st.index + 1, title=ctx.text(st.title))))
            elif e.kind == "vote_opened" and d.get("rid") in s.rounds:
                rows.append((e.at, t("Vote {n} opened on {target}", n=d["rid"],
                                     target=_round_target(ctx, s.rounds[d["rid"]].target))))
            elif e.kind == "votes_revealed" and d.get("rid") in s.rounds:
                rows.append((e.at, t("Vote {n} revealed", n=d["rid"])))
            elif e.kind == "prompt_drawn":
                rows.append((e.at, t("Prompt drawn ({technique}): {text}",
                                     technique=ctx.text(_technique(ctx, d.get("technique"))),
                                     text=excerpt(ctx.text(d.get("text", "")), 90))))
            elif e.kind == "session_finished":
                rows.append((e.at, t("Session finished")))
    else:
        for st in s.steps:
            if st.entered_at:
                rows.append((st.entered_at, t("Step {n}: {title}", n=st.index + 1,
                                              title=ctx.text(st.title))))
        for r in s.rounds.values():
            if r.revealed_at:
                rows.append((r.revealed_at, t("Vote {n} revealed", n=r.rid)))
    rows.sort(key=lambda row: row[0])
    return [[ctx.clock(at), what] for at, what in rows]


