"""Moments matched across sessions: the same moment, said in other words by other groups.

Texts are compared once normalised (any case, accents, punctuation and spacing alike),
then by similarity (difflib's ratio, 0–1) with a threshold: a moment joins the theme
whose texts it is most like, if that is at least the threshold, else it starts a theme
of its own. The researcher settles what matching cannot (``workshop study theme``);
what they settled is never matched again.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.8
SAME, SIMILAR, NEW, RESEARCHER = "same text", "similar text", "new", "researcher"

_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise(text: str) -> str:
    """Casefolded, accents and punctuation removed, one space between words."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


@dataclass(frozen=True)
class Match:
    theme: int | None  # None: a new theme
    how: str  # SAME, SIMILAR or NEW
    similarity: float


class Matcher:
    """The themes known so far, each with the normalised texts of its moments."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self.texts: dict[str, int] = {}  # normalised text -> theme

    def add(self, theme: int, texts: Iterable[str]) -> None:
        for text in texts:
            self.texts.setdefault(normalise(text), theme)

    def match(self, text: str) -> Match:
        key = normalise(text)
        if key in self.texts:
            return Match(self.texts[key], SAME, 1.0)
        best, best_theme = 0.0, None
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for other, theme in self.texts.items():
            matcher.set_seq1(other)
            # the cheap upper bounds first: most pairs are ruled out without the ratio
            if matcher.real_quick_ratio() < max(best, self.threshold) or \
                    matcher.quick_ratio() < max(best, self.threshold):
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_theme = ratio, theme
        if best_theme is not None and best >= self.threshold:
            return Match(best_theme, SIMILAR, round(best, 3))
        return Match(None, NEW, round(best, 3))
