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
MAX_PARTS = 4


def split(question: str) -> list[str]:
    """The question's parts (at most MAX_PARTS; the rest stays with the last)."""
    parts: list[str] = []
    for piece in _HARD.split(question):
        words = _WORD.findall(piece)
        start = 0
        for i in range(1, len(words) - 1):
            joiner = words[i].lower().strip(",")
            if joiner in _JOINERS and words[i + 1].lower().strip(",") in _QUESTION_WORDS and i - start >= 2:
                parts.append(" ".join(words[start:i]))
                start = i + 1
        if words[start:]:
            parts.append(" ".join(words[start:]))
    parts = [p for p in parts if re.search(r"\w", p)]
    if len(parts) > MAX_PARTS:
        parts = [*parts[: MAX_PARTS - 1], " ".join(parts[MAX_PARTS - 1 :])]
    return parts or [question]
