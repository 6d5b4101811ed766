"""When a data rule holds for a question: the condition shared by `unsaid` and `contexts` rules.

A rule names concept groups (`requires`: each needs one of its concepts in
the question), word groups (`words`: each needs one of its words; a group may
be a shared word set, "@tuning") and what must be absent (`unless` concepts,
`unless_words`). Compiled once into frozensets, it is tested per question
with set operations only.
"""

from __future__ import annotations

from kb.model import Questions
from kb.record import Record


class When(Record):
    """One compiled condition."""

    requires: tuple[frozenset[str], ...]
    words: tuple[frozenset[str], ...]
    unless: frozenset[str]
    unless_words: frozenset[str]

    def holds(self, concepts: frozenset[str], words: frozenset[str]) -> bool:
        # plain loops and isdisjoint: no set built, no generator, for the ~90 rules read per part (hot path)
        for group in self.requires:
            if concepts.isdisjoint(group):
                return False
        for group in self.words:
            if words.isdisjoint(group):
                return False
        return self.unless.isdisjoint(concepts) and self.unless_words.isdisjoint(words)


def word_set(q: Questions, entry: str | tuple[str, ...]) -> frozenset[str]:
    """A group as written: its words, or "@name" for a shared word set."""
    if isinstance(entry, str):
        return frozenset(q.word_sets[entry[1:]]) if entry.startswith("@") else frozenset({entry})
    return frozenset().union(*(word_set(q, w) for w in entry))


def compile_when(q: Questions, requires: tuple[tuple[str, ...], ...], words: tuple[str | tuple[str, ...], ...],
                 unless: tuple[str, ...], unless_words: tuple[str, ...]) -> When:
    return When(tuple(frozenset(g) for g in requires), tuple(word_set(q, g) for g in words), frozenset(unless),
                word_set(q, unless_words))
