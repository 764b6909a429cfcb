"""Moments matched across sessions: the same moment, said in other words by other groups.

Texts are compared once normalised (any case, accents, punctuation and spacing alike),
then by similarity (difflib's ratio, 0–1) with a threshold: a moment joins the theme
whose texts it is most like, if that is at least the threshold, else it starts a theme
of its own. The researcher settles what matching cannot (``workshop study theme``);
what they settled is never matched again.

Comparing a moment with every text known before it made a study's matching grow with
the square of its moments. Texts are indexed by their character trigrams instead, and
a moment is compared only with the texts that share most of its trigrams (the
``CLOSEST`` of them): two texts whose ratio is at least 0.8 have most of their
characters in a few long runs in common, so they share most of their trigrams (a typo
spoils three). ``benchmarks/bench_study.py`` checks it decides as a full scan would.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from workshop.core.record import record

DEFAULT_THRESHOLD = 0.8
# How many of the texts sharing the most trigrams are compared: on 300 generated
# sessions (6,723 moments, typos and words added), 16 missed one match a full scan
# found (a theme said in many ways crowded out another one alike); 32 missed none.
CLOSEST = 32
SAME, SIMILAR, NEW, RESEARCHER = "same text", "similar text", "new", "researcher"

_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise(text: str) -> str:
    """Casefolded, accents and punctuation removed, one space between words."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def trigrams(key: str) -> set[str]:
    """The character trigrams of a normalised text, padded so a short one has some."""
    padded = f"  {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def enough_shared(grams: int, threshold: float) -> int:
    """How many of a text's ``grams`` trigrams another text must share to be compared
    with it: a ratio at the threshold leaves about (1 - threshold) of the characters
    unmatched, each spoiling at most three trigrams; half of that again, for texts
    whose matches are cut into more pieces than a typo makes."""
    return max(1, int(grams * (1 - 3 * (1 - threshold)) / 2))


@record
class Match:
    theme: int | None  # None: a new theme
    how: str  # SAME, SIMILAR or NEW
    similarity: float


class Matcher:
    """The themes known so far, each with the normalised texts of its moments, indexed
    by their trigrams."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, closest: int = CLOSEST):
        self.threshold = threshold
        self.closest = closest
        self.texts: dict[str, int] = {}  # normalised text -> theme
        self._keys: list[str] = []  # in the order they were added
        self._index: dict[str, list[int]] = {}  # trigram -> positions in _keys
        self._sizes: list[int] = []  # how many trigrams each has

    def add(self, theme: int, texts: Iterable[str]) -> None:
        for text in texts:
            key = normalise(text)
            if key in self.texts:
                continue
            self.texts[key] = theme
            position = len(self._keys)
            self._keys.append(key)
            grams = trigrams(key)
            self._sizes.append(len(grams))
            for gram in grams:
                self._index.setdefault(gram, []).append(position)

    def candidates(self, key: str) -> list[str]:
        """The ``closest`` known texts to ``key`` by shared trigrams (Dice: a longer
        text holding the whole moment comes after a same-length one with a typo), in
        the order they were added (ties go to the earlier text, as a full scan
        would)."""
        grams = trigrams(key)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self._index.get(gram, ()))
        need = enough_shared(len(grams), self.threshold)
        sizes, mine = self._sizes, len(grams)
        closest = heapq.nlargest(self.closest, (
            (n / (mine + sizes[p]), -p) for p, n in shared.items() if n >= need))
        return [self._keys[-p] for _, p in sorted(closest, key=lambda dp: -dp[1])]

    def match(self, text: str) -> Match:
        key = normalise(text)
        if key in self.texts:
            return Match(self.texts[key], SAME, 1.0)
        best, best_theme = 0.0, None
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for other in self.candidates(key):
            matcher.set_seq1(other)
            # the cheap upper bounds first: most pairs are ruled out without the ratio
            if matcher.real_quick_ratio() < max(best, self.threshold) or \
                    matcher.quick_ratio() < max(best, self.threshold):
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_theme = ratio, self.texts[other]
        if best_theme is not None and best >= self.threshold:
            return Match(best_theme, SIMILAR, round(best, 3))
        return Match(None, NEW, round(best, 3))
