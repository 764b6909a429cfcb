"""Participant names replaced by their stable pseudonyms, in any text.

One implementation for every copy with pseudonyms: the Word and Markdown reports, the
CSV and JSON exports, the REFI-QDA projects, a study's database (and so its exports),
and the crash log. Names can turn up anywhere people typed (a quote "as Ana said…", a title, an
action's owner), so replacement is by whole word, case- and accent-insensitive, for the
full name and for each of its parts. Every name a participant was ever given counts, not
only the last: a text typed before a correction ("Luiz", later "Luis"; a surname added)
holds the earlier spelling. A name or part two people share ("Ana" for Ana López and
Ana Ruiz) cannot be attributed, so it becomes a neutral placeholder instead. A
pseudonym, a number, or a word that stands for someone without naming them ("Guest",
"Sra.") is never taken for a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.core.state import SessionState

# Name parts too common to be a name on their own ("María de la Cruz").
_PARTICLES = frozenset("de del la las los da das do dos di van von der den le du y e i "
                       "and of the st".split())

# Words a facilitator may type where a name goes without naming anyone ("Guest", "Sra.
# Ruiz", "Participant 3"), in the shipped languages: never replaced on their own, so "the
# guest at the till" stays as typed. Compared folded (no accents).
_COMMON = frozenset("participant participants participante participantes guest guests "
                    "invitado invitada convidado convidada anonymous anonimo anonima "
                    "person persona pessoa seat asiento assento user usuario usuaria "
                    "client cliente customer mr mrs ms miss dr sr sra srta senor senora "
                    "senorita senhor senhora".split())  # not "don": Don is a name too
_PSEUDONYM_LIKE = re.compile(r"^p\d+$")

# Accented forms a typed name may have or lack: "Jose" must catch "José" and back.
_VARIANTS = {
    "a": "aáàâäãåā", "e": "eéèêëē", "i": "iíìîïī", "o": "oóòôöõøō", "u": "uúùûüū",
    "n": "nñ", "c": "cç", "y": "yýÿ", "s": "sš", "z": "zž",
}


def fold(text: str) -> str:
    """Casefolded, accents removed: the key two spellings of a name share."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _pattern(name: str) -> str:
    out = []
    for ch in fold(name):
        variants = _VARIANTS.get(ch)
        out.append(f"[{variants}]" if variants else re.escape(ch))
    return "".join(out)


class Anonymizer:
    """``text(s)`` gives ``s`` with every participant name replaced (when enabled)."""

    def __init__(self, people: Iterable[tuple[str | None, str | None]], *, enabled: bool,
                 placeholder: str = "[participant]", shortest_part: int = 2):
        """``people``: (real name or None, pseudonym) pairs, as many per participant as
        names they were given; a pseudonym None stands for nobody now in the session
        (the placeholder). A word of a name shorter than ``shortest_part`` is not
        replaced on its own."""
        self.enabled = enabled
        self.placeholder = placeholder
        self._regex: re.Pattern[str] | None = None
        self._replacement: dict[str, str] = {}
        if not enabled:
            return
        people = list(people)
        # A pseudonym in a text is already what the copy shows: never a name to replace.
        pseudonyms = {fold(p) for _, p in people if p} | {
            fold(w.strip("[]")) for w in placeholder.split()}

        def a_name(word: str) -> bool:
            key = fold(word)
            return not (key in pseudonyms or key in _PARTICLES or key in _COMMON
                        or _PSEUDONYM_LIKE.match(key) or not any(c.isalpha() for c in key))

        full: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}
        for name, pseudonym in people:
            if not name or not name.strip():
                continue
            mapped = pseudonym or placeholder
            name = unicodedata.normalize("NFC", " ".join(name.split()))
            words = [w.strip(".,;:()\"'") for w in re.split(r"[\s\-]+", name)]
            if not any(a_name(w) for w in words if w):
                continue  # "Guest", "P3", "Participant 3": nobody's name
            full.setdefault(fold(name), set()).add(mapped)
            for part in words:
                if len(part) >= shortest_part and a_name(part):
                    parts.setdefault(fold(part), set()).add(mapped)
        # a full name always maps to its own pseudonym, unless two people had it
        replacement = {key: (next(iter(ps)) if len(ps) == 1 else placeholder)
                       for key, ps in [*parts.items(), *full.items()]}
        if not replacement:
            return
        self._replacement = replacement
        alternatives = sorted(replacement, key=len, reverse=True)  # longest first
        # Whole words only: no letter or digit right before or after.
        self._regex = re.compile(
            r"(?<![\w])(?:" + "|".join(_pattern(a) for a in alternatives) + r")(?![\w])",
            re.IGNORECASE)

    def text(self, value: str) -> str:
        """``value`` with the names replaced; untouched (not even normalised) when it
        holds no name, so data out gives back what was typed."""
        if self._regex is None or not value:
            return value
        normal = unicodedata.normalize("NFC", value)
        if not self._regex.search(normal):
            return value
        return self._regex.sub(self._swap, normal)

    def _swap(self, match: re.Match[str]) -> str:
        return self._replacement.get(fold(match.group()), self.placeholder)

    def data(self, value: Any) -> Any:
        """Every string inside nested dicts and lists, anonymised."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


def people_of(state: SessionState) -> list[tuple[str | None, str | None]]:
    """(real name or None, pseudonym) for every name each participant of the session
    was ever given: the name they have, and those the log gave them before (when they
    joined, at each correction, undone ones too: ``SessionState.names_given``). A name
    given to someone no longer in the session (their joining undone) comes with None."""
    people: list[tuple[str | None, str | None]] = [
        (p.name, p.pseudonym) for p in state.participants.values()]
    for pid, names in state.names_given.items():
        p = state.participants.get(pid)
        people.extend((name, p.pseudonym if p else None) for name in names)
    return people


def pseudonymizer(state: SessionState, t: Callable[..., str], *,
                  enabled: bool = True) -> Anonymizer:
    """The session's names replaced by its pseudonyms, a shared part by ``t``'s
    "[participant]": what every copy with pseudonyms applies to what was typed."""
    return Anonymizer(people_of(state), enabled=enabled, placeholder=t("[participant]"))
