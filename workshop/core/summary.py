"""A plain-text summary of a session (``workshop show``)."""

from __future__ import annotations

from workshop.core.state import SessionState
from workshop.i18n import t


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f}"


def plain_summary(s: SessionState) -> str:
    from workshop.core.catalog import status

    lines = [s.title, "=" * len(s.title)]
    if s.client:
        lines.append(t("Client: {client}", client=s.client))
    lines += [t("Date: {date}", date=s.created_at[:16].replace("T", " ")),
              t("Script: {script}", script=s.script.get("title", "")),
              t("Status: {status}", status=status(s)),
              t("Participants: {n}", n=len(s.participants)), ""]
    lines.append(t("Steps (planned / elapsed minutes)"))
    for st in s.steps:
        mark = ">" if st.index == s.current_step and not s.finished else " "
        lines.append(f" {mark} {st.index + 1}. {st.title}  {st.minutes:g} / "
                     f"{_minutes(st.elapsed_at(s.last_at))}")
    lines += ["", t("Moments of truth: {n}", n=len(s.moments))]
    for stage in ("before", "during", "after", None):
        ms = [m for m in s.ordered_moments() if m.stage == stage]
        if not ms:
            continue
        lines.append(f"  {t(stage) if stage else t('no stage')}:")
        for m in ms:
            ideas = sum(1 for i in s.ideas.values() if i.mid == m.mid)
            expectations = sum(1 for x in s.expectations.values() if x.mid == m.mid)
            ratings = [r.value for r in s.ratings.values() if r.mid == m.mid]
            mean = f"{sum(ratings) / len(ratings):.1f}" if ratings else "–"
            lines.append("    - " + t("{text} (expectations {x}, rating {mean}, ideas {i})",
                                      text=m.text, x=expectations, mean=mean, i=ideas))
    for rnd in s.rounds.values():
        lines.append("")
        target = t("moments") if rnd.target == "moments" else t("ideas")
        cast = sum(n for (r, _, _), n in s.votes.items() if r == rnd.rid)
        lines.append(t("Vote {n} on {target}: {cast} dots cast", n=rnd.rid, target=target, cast=cast))
        if rnd.blind and not rnd.revealed:
            lines.append("  " + t("(hidden until revealed)"))
            continue
        items = s.moments if rnd.target == "moments" else s.ideas
        totals = sorted(((s.dots_on(rnd.rid, i), i) for i in items), reverse=True)
        for dots, item in totals:
            if dots:
                lines.append(f"  {dots:>3}  {items[item].text}")
    if s.actions:
        lines += ["", t("Actions and next steps: {n}", n=len(s.actions))]
        for a in s.actions.values():
            lines.append(f"  - {a.text}")
    return "\n".join(lines)
