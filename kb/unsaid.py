"""What the article never says about subjects it has, as data: "why did Microsoft choose 1 minute?".

Each rule of `questions.yaml`'s `unsaid` list is compiled once into sets; a
question matching one is declined with the rule's detail. Word sets named
"@name" come from `word_sets`, which the engine shares.
"""

from __future__ import annotations

from kb.model import Questions
from kb.record import Record


class Rule(Record):
    """One compiled `Unsaid` entry."""

    detail: str
    requires: tuple[frozenset[str], ...]
    words: tuple[frozenset[str], ...]
    unless: frozenset[str]
    unless_words: frozenset[str]
    what: str | None

    def holds(self, concepts: frozenset[str], words: frozenset[str]) -> bool:
        return (all(g & concepts for g in self.requires) and all(g & words for g in self.words)
                and not self.unless & concepts and not self.unless_words & words)


def word_set(q: Questions, entry: str | tuple[str, ...]) -> frozenset[str]:
    """A group as written: its words, or "@name" for a shared word set."""
    if isinstance(entry, str):
        return frozenset(q.word_sets[entry[1:]]) if entry.startswith("@") else frozenset({entry})
    return frozenset().union(*(word_set(q, w) for w in entry))


def compile_rules(q: Questions) -> tuple[Rule, ...]:
    return tuple(
        Rule(u.detail, tuple(frozenset(g) for g in u.requires), tuple(word_set(q, g) for g in u.words),
             frozenset(u.unless), word_set(q, u.unless_words), u.what)
        for u in q.unsaid
    )


def first(rules: tuple[Rule, ...], concepts: frozenset[str], words: frozenset[str]) -> Rule | None:
    """The first rule the question matches: what it asks is something the article never says."""
    return next((r for r in rules if r.holds(concepts, words)), None)
