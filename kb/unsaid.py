"""What the article never says about subjects it has, as data: "why did Microsoft choose 1 minute?".

Each rule of `questions.yaml`'s `unsaid` list is compiled once (`kb.conditions`);
a question matching one is declined with the rule's detail.
"""

from __future__ import annotations

from kb.conditions import When, compile_when
from kb.model import Questions
from kb.record import Record


class Rule(Record):
    """One compiled `Unsaid` entry."""

    detail: str
    when: When
    what: str | None


def compile_rules(q: Questions) -> tuple[Rule, ...]:
    return tuple(Rule(u.detail, compile_when(q, u.requires, u.words, u.unless, u.unless_words), u.what)
                 for u in q.unsaid)


def first(rules: tuple[Rule, ...], concepts: frozenset[str], words: frozenset[str]) -> Rule | None:
    """The first rule the question matches: what it asks is something the article never says."""
    return next((r for r in rules if r.when.holds(concepts, words)), None)
