"""Normalising chat text and forgiving small typos.

Questions arrive with accents or without, with the article's own mangled
"n?ud", in either language; matching works on lower-case ASCII tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_TOKEN = re.compile(r"[a-z0-9]+")
_MEMO_SIZE = 10_000
#: Longer tokens are not words (a pasted hash, a run of letters): never corrected, named as terms.
MAX_WORD = 30
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


# Chat shorthand spelled out before tokenising; each pattern is a plain scan (linear time).
_SHORTHAND = (
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/(?=[\s\w])"), " with "),
    (re.compile(r"\bcan['’]t\b"), "can not"),
    (re.compile(r"\bwon['’]t\b"), "will not"),
    (re.compile(r"n['’]t\b"), " not"),
    (re.compile(r"\b(is|are|was|were|do|does|did|have|has|had|should|would|could|must|need)nt\b"), r"\1 not"),
    (re.compile(r"\bcant\b"), "can not"),
    (re.compile(r"\bwont\b"), "will not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"%"), " percent "),
    (re.compile(r"(?<![a-z0-9])(\d+)x\b"), r"\1 times"),
    (re.compile(r"(?<![a-z0-9])(\d+)(mins?|mn|minutes?|s|secs?|seconds?|secondes?|h|hrs?|hours?|heures?)\b"),
     r"\1 \2"),
)


_UPPER_BE = re.compile(r"\bBEs?\b")
_FE_BE = re.compile(r"\b(fes?)(\s*(?:to|and|et|vers|->|/|<->|-|&)\s*)bes?\b")


def normalize(text: str) -> str:
    # "BE" in capitals, or after "FE to", is a back-end; "be" alone is the verb.
    text = _FE_BE.sub(r"\1\2backend", _UPPER_BE.sub("backend", text).lower())
    text = text.replace("n?ud", "noeud").translate(_SPECIAL)
    for pattern, replacement in _SHORTHAND:
        text = pattern.sub(replacement, text)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Levenshtein plus transpositions)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """Corrects a token to the closest known word, or leaves it alone.

    One edit is forgiven from 4 letters, two from 8 (symmetric-delete lookup,
    so a correction costs a few dictionary probes, not a scan). Tokens with
    digits are names or numbers and never corrected.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w.isalpha())
        self._index: dict[str, set[str]] | None = None
        self._memo: dict[str, str] = {}

    def _lookup(self) -> dict[str, set[str]]:
        if self._index is None:
            index: dict[str, set[str]] = {}
            for w in self.words:
                if len(w) >= 3:
                    for key in {w} | _deletes(w):
                        index.setdefault(key, set()).add(w)
            self._index = index
        return self._index

    def correct(self, token: str) -> str:
        if token in self.words or not 4 <= len(token) <= MAX_WORD or not token.isalpha():
            return token
        if token in self._memo:
            return self._memo[token]
        allowed = 2 if len(token) >= 8 else 1
        keys = {token} | _deletes(token)
        if allowed == 2:
            keys |= {d2 for d in _deletes(token) for d2 in _deletes(d)}
        index = self._lookup()
        candidates = {w for k in keys for w in index.get(k, ())}
        scored = sorted(
            (d, -len(w), w)
            for w in candidates
            if abs(len(w) - len(token)) <= allowed and (d := distance(token, w)) <= allowed
        )
        best = scored[0][2] if scored else token
        if len(self._memo) >= _MEMO_SIZE:  # hostile text must not grow it without bound
            self._memo.clear()
        self._memo[token] = best
        return best
