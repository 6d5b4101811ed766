"""How a concept reads in context, as data: "la charge des processeurs joue sur quoi ?" asks for a planned move.

Each rule of `questions.yaml`'s `contexts` list is compiled once; in order,
a rule whose condition holds (`kb.conditions`, and `within`: no concept of
the question outside these) takes `drop` out of the question's concepts and
puts `add` in. Rules that need word positions or slots stay in the engine.
"""

from __future__ import annotations

from kb.conditions import When, compile_when
from kb.model import Questions
from kb.record import Record


class Rule(Record):
    """One compiled `Context` entry."""

    when: When
    within: frozenset[str] | None
    drop: frozenset[str]
    add: frozenset[str]


def compile_rules(q: Questions) -> tuple[Rule, ...]:
    return tuple(Rule(compile_when(q, c.requires, c.words, c.unless, c.unless_words),
                      frozenset(c.within) if c.within else None, frozenset(c.drop), frozenset(c.add))
                 for c in q.contexts)


def read(rules: tuple[Rule, ...], concepts: frozenset[str], words: frozenset[str]) -> frozenset[str]:
    """The concepts once every rule that holds, in order, has been applied."""
    for r in rules:
        if r.when.holds(concepts, words) and (r.within is None or concepts <= r.within):
            concepts = concepts - r.drop | r.add
    return concepts
