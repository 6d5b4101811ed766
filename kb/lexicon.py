"""Find the concepts a question mentions, longest phrase first."""

from __future__ import annotations

from kb.model import Questions
from kb.record import Record
from kb.text import Speller

PRODUCT = "product:"  # concept id prefix for named out-of-scope products
SMALL_TALK = "small_talk"
REQUEST = "request"  # asks for something other than the article (a poem, a password reset)


class Match(Record):
    concepts: frozenset[str]
    start: int
    end: int


class Lexicon:
    """Phrase table over normalised tokens, built once from `questions.yaml`."""

    def __init__(self, questions: Questions) -> None:
        table: dict[tuple[str, ...], set[str]] = {}
        spelt: dict[str, str] = {}  # one object per word and per concept set: the snapshot pickles each once

        def add(term: str, concept: str) -> None:
            # Terms are stored normalised (kb.validate checks), so split() is enough.
            table.setdefault(tuple(spelt.setdefault(w, w) for w in term.split()), set()).add(concept)

        for concept in questions.concepts:
            for term in concept.terms:
                add(term, concept.id)
        for name, terms in questions.out_of_scope.products.items():
            for term in terms:
                add(term, PRODUCT + name)
        for term in questions.out_of_scope.small_talk:
            add(term, SMALL_TALK)
        for term in questions.out_of_scope.requests:
            add(term, REQUEST)
        shared: dict[frozenset[str], frozenset[str]] = {}
        self.table = {k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in table.items()}
        self.longest = max(len(k) for k in self.table)
        words = {w for k in self.table for w in k}
        words.update(questions.stopwords)
        for marker_words in questions.markers.values():
            words.update(marker_words)
        self.speller = Speller(words)

    def correct(self, tokens: list[str]) -> list[str]:
        return [self.speller.correct(t) for t in tokens]

    def match(self, tokens: list[str]) -> list[Match]:
        found: list[Match] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                concepts = self.table.get(tuple(tokens[i : i + size]))
                if concepts:
                    found.append(Match(concepts, i, i + size))
                    i += size
                    break
            else:
                i += 1
        return found
