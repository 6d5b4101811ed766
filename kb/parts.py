"""Splitting a message into the questions it asks, in one linear pass.

"Where do I set NLBSFlags and what value should it have?" is two questions; each
part is answered on its own, and a part the article does not cover is said so
without losing the others. Splits happen at `?`, `;` and line breaks, and at a
joining word ("and", "et", "also"…) directly followed by a question word.
"""

from __future__ import annotations

import re

_HARD = re.compile(r"(?<=[?;\n])|(?<=[.!])(?=\s)")
_WORD = re.compile(r"\S+")
_JOINERS = frozenset({"and", "also", "plus", "then", "et", "aussi", "puis", "ensuite", "&"})
_QUESTION_WORDS = frozenset({
    "what", "what's", "whats", "where", "which", "how", "why", "when", "who", "is", "are", "does", "do", "did",
    "can", "could", "should", "must", "will", "would", "has", "have", "quel", "quelle", "quels", "quelles",
    "où", "ou", "comment", "combien", "pourquoi", "quand", "est-ce", "faut-il", "dois-je", "doit-on", "peut-on",
    "puis-je", "que", "qu'est-ce", "y",
})
#: Question words that may come a little after the joiner ("et on met quoi dedans ?").
_LATE_QUESTION_WORDS = frozenset({"quoi", "combien", "comment", "quel", "quelle", "quels", "quelles", "pourquoi",
                                  "what", "which", "how", "why", "where"})
_ABBREVIATIONS = ("incl.", "inc.", "e.g.", "i.e.", "etc.", "approx.", "vs.", "ex.", "cf.", "min.", "sec.", "max.",
                  "resp.", "env.", "p.ex.")
MAX_PARTS = 4


_PRONOUNS = frozenset({"on", "je", "tu", "il", "elle", "vous", "nous", "we", "i", "you", "it"})


def _asks_after(words: list[str], i: int) -> bool:
    """A joiner starts a new question: a question word next, or soon after, or a new subject ("et on peut…")."""
    nxt = [w.lower().strip(",") for w in words[i + 1 : i + 4]]
    return bool(nxt) and (nxt[0] in _QUESTION_WORDS or nxt[0] in _PRONOUNS
                          or any(w.split("'")[-1] in _LATE_QUESTION_WORDS for w in nxt))


def split(question: str) -> list[str]:
    """The question's parts (at most MAX_PARTS; the rest stays with the last)."""
    parts: list[str] = []
    pieces: list[str] = []
    for piece in _HARD.split(question):
        if pieces and pieces[-1].rstrip().lower().endswith(_ABBREVIATIONS):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    for piece in pieces:
        words = _WORD.findall(piece)
        start = 0
        for i in range(1, len(words) - 1):
            joiner = words[i].lower().strip(",")
            if joiner in _JOINERS and i - start >= 2 and _asks_after(words, i):
                parts.append(" ".join(words[start:i]))
                start = i + 1
        if words[start:]:
            parts.append(" ".join(words[start:]))
    parts = [p for p in parts if re.search(r"\w", p)]
    if len(parts) > MAX_PARTS:
        parts = [*parts[: MAX_PARTS - 1], " ".join(parts[MAX_PARTS - 1 :])]
    return parts or [question]
