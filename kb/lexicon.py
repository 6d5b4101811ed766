"""Find the concepts a question mentions, longest phrase first."""

from __future__ import annotations

import itertools

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
        """Each token corrected; between equally near words, the one that makes a phrase with its neighbours
        ("comment configureer": "comment configurer", a phrase, rather than "configuree")."""
        out: list[str] = []
        for i, t in enumerate(tokens):
            best = self.speller.correct(t)
            if best != t and len(ties := self.speller.ties(t)) > 1:
                before, after = (out[-1] if out else ""), (tokens[i + 1] if i + 1 < len(tokens) else "")
                best = next((w for w in ties if (before, w) in self._pairs() or (w, after) in self._pairs()), best)
            out.append(best)
        return out

    def _pairs(self) -> frozenset[tuple[str, str]]:
        """Adjacent words of the phrase table's terms (built on first use: most questions need no correction)."""
        pairs = self.__dict__.get("_pair_set")
        if pairs is None:
            pairs = self.__dict__["_pair_set"] = frozenset(p for k in self.table for p in itertools.pairwise(k))
        return pairs

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
