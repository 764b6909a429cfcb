"""A plain-text summary of a session (``workshop show``)."""

from __future__ import annotations

from workshop.core.analysis import (
    expectation_note,
    expectations,
    gap_table,
    importance_note,
    performance,
    tallies,
)
from workshop.core.events import local_text
from workshop.core.kinds import registry
from workshop.core.safetext import visible
from workshop.core.state import CHANGES, STAGES, SessionState, stage_label
from workshop.i18n import MINUS, decimal, short_number, t


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f}"


def _num(value: float | None, digits: int, sign: bool = False) -> str:
    """A decimal in the current language's way (2,5 in Spanish), a gap with its sign and a
    typographic minus, as the screen and the reports write it; "–" for no number (a row
    with a priority has them all)."""
    return "–" if value is None else decimal(value, digits, sign=sign, minus=MINUS)


def plain_summary(s: SessionState) -> str:
    from workshop.core.catalog import status

    lines = [s.title, "=" * len(visible(s.title))]  # as long as the title will show
    if s.client:
        lines.append(t("Client: {client}", client=s.client))
    lines += [t("Date: {date}", date=local_text(s.created_at)),
              t("Script: {script}", script=s.script.get("title", "")),
              t("Status: {status}", status=status(s)),
              t("Participants: {n}", n=len(s.participants)), ""]
    lines.append(t("Steps (planned / elapsed minutes)"))
    estimated = False
    for st in s.steps:
        mark = ">" if st.index == s.current_step and not s.finished else " "
        seconds, how = st.time_taken(s.last_at)
        estimated |= how == CHANGES
        took = ("≈" if how == CHANGES else "") + _minutes(seconds)
        lines.append(f" {mark} {st.index + 1}. {st.title}  {short_number(st.minutes)} / {took}")
    if estimated:
        lines.append("   " + t("≈: where a step's clock was not used, its time is the time "
                               "between step changes."))
    lines += ["", t("Moments of truth: {n}", n=len(s.moments))]
    expected = expectations(s)
    for stage in (*STAGES, None):
        ms = [m for m in s.ordered_moments() if m.stage == stage]
        if not ms:
            continue
        lines.append(f"  {stage_label(stage) or t('no stage')}:")
        for m in ms:
            ideas = sum(1 for i in s.ideas.values() if i.mid == m.mid)
            said = [x.type for x in s.expectations.values() if x.mid == m.mid]
            perf, exp = performance(s, m.mid), expected.get(m.mid)
            # Both ratings named, as the expectations step's columns are: "expectations 2,
            # rating 2.4" read as an expectation of 2 (it counted the stated and latent
            # ones) beside a rating that was the performance alone.
            lines.append("    - " + t(
                "{text} (expected {e}, performance {p}, stated {stated}, latent {latent}, "
                "ideas {i})", text=m.text, e=_num(exp.mean if exp and exp.count else None, 1),
                p=_num(perf.mean if perf.count else None, 1), stated=said.count("stated"),
                latent=said.count("latent"), i=ideas))
    for tally in tallies(s):
        rnd = s.rounds[tally.rid]
        lines.append("")
        target = t("moments") if rnd.target == "moments" else t("ideas")
        cap = t(", at most {cap} per item", cap=rnd.cap) if rnd.cap else ""
        lines.append(t.plural(tally.cast, "Vote {vote} on {target}: {n} dot cast by "
                              "{voters} of {people} ({dots} each{cap})",
                              "Vote {vote} on {target}: {n} dots cast by {voters} of {people} "
                              "({dots} each{cap})", vote=rnd.rid, target=target,
                              voters=tally.voters, dots=rnd.dots, cap=cap,
                              people=t.plural(len(s.participants), "{n} participant",
                                              "{n} participants")))
        if tally.hidden:
            lines.append("  " + t("(hidden until revealed)"))
            continue
        items = s.moments if rnd.target == "moments" else s.ideas
        for row in tally.rows:
            if row.dots:
                lines.append(f"  {row.rank:>2}. {row.dots:>3}  {items[row.item].text}")
    lines += registry.summary_lines(s)  # what other kinds add beside the dot votes
    table = gap_table(s)
    ranked = table.by_priority()
    if ranked:
        lines += ["", t("Priorities (importance × shortfall against expectation):")]
        for gap_row in ranked:
            lines.append("  " + t("{priority}  {text}: {quadrant} (performance {p}, "
                                  "expectation {e}, gap {gap})",
                                  priority=_num(gap_row.priority, 2), text=gap_row.text,
                                  quadrant=gap_row.quadrant_label() or "–",
                                  p=_num(gap_row.performance, 1),
                                  e=_num(gap_row.expectation, 1),
                                  gap=_num(gap_row.gap, 1, sign=True)))
        lines.append("  " + importance_note(table.source))
    elif s.moments and not table.measured:
        lines += ["", expectation_note(False)]
    if s.actions:
        lines += ["", t("Actions and next steps: {n}", n=len(s.actions))]
        for a in s.actions.values():
            lines.append(f"  - {a.text}")
    return "\n".join(lines)
