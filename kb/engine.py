"""Answer a question about KB 821839 from the data, citing the article.

Deterministic: the same question always gets the same answer. The steps are
normalise → correct typos → find concepts and slots → refuse what the
article does not cover → pick the best-scoring intent → answer from its
facts or its computation.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from kb.answers import COMPUTE, Context, NotCovered, Reply
from kb.lang import detect
from kb.lexicon import PRODUCT, SMALL_TALK, Lexicon
from kb.model import Intent, Lang, RegistryValue
from kb.slots import extract
from kb.store import KnowledgeBase, default_kb
from kb.text import tokenize


class Citation(NamedTuple):
    article: str
    section: str
    quote: str


class Answer(NamedTuple):
    question: str
    lang: Lang
    answered: bool
    answer: str
    facts: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    intent: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` shape of DESIGN.md §2."""
        return {
            "question": self.question,
            "lang": self.lang,
            "answered": self.answered,
            "answer": self.answer,
            "facts": list(self.facts),
            "citations": [
                {"article": c.article, "section": c.section, "quote": c.quote} for c in self.citations
            ],
        }


class Engine:
    """The question-answering engine over one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon = Lexicon(kb.questions)
        self._core = frozenset(kb.questions.out_of_scope.core)
        # NLBSFlags states the article describes: not set, or the data it gives.
        self._nlbs_states = frozenset(
            {"absent"} | {str(f.data.data) for f in kb.article.facts if isinstance(f.data, RegistryValue)}
        )

    def answer(self, question: str, lang: Lang | None = None) -> Answer:
        raw = tokenize(question)
        lang = lang or detect(question, raw, self.kb.questions.markers)
        tokens = self.lexicon.correct(raw)
        matches = self.lexicon.match(tokens)
        concepts = frozenset(c for m in matches for c in m.concepts)
        slots = extract(tokens, matches, self.kb.questions.out_of_scope)
        concepts |= {name for name, given in (("@os", slots.os), ("@nlbsflags", slots.nlbsflags)) if given}

        products = sorted(c.removeprefix(PRODUCT) for c in concepts if c.startswith(PRODUCT))
        other = slots.other_exchange or slots.other_os or (products[0] if products else None)
        if other:
            return self._not_covered(question, lang, "detail_product", other)
        if slots.nlbsflags is not None and slots.nlbsflags not in self._nlbs_states:
            return self._not_covered(question, lang, "detail_nlbs_value", slots.nlbsflags)
        if SMALL_TALK in concepts and not concepts & self._core:
            return self._not_covered(question, lang)
        intent = self._choose(concepts)
        if intent is None:
            return self._not_covered(question, lang)
        if intent.gap is not None:
            return Answer(question, lang, False, intent.gap.get(lang), intent=intent.id)
        try:
            reply = (
                COMPUTE[intent.compute](Context(self.kb, slots, concepts, lang))
                if intent.compute
                else Reply(intent.facts)
            )
        except NotCovered as gap:
            return self._not_covered(question, lang, gap.reason, gap.what)
        return self._render(question, lang, reply, intent)

    def _choose(self, concepts: frozenset[str]) -> Intent | None:
        best: tuple[float, Intent] | None = None
        for intent in self.kb.questions.intents:
            if not all(concepts.intersection(group) for group in intent.requires):
                continue
            score = sum(w for c, w in intent.signals.items() if c in concepts)
            if best is None or score > best[0]:
                best = (score, intent)
        return best[1] if best else None

    def _render(self, question: str, lang: Lang, reply: Reply, intent: Intent) -> Answer:
        facts = [self.kb.facts[f] for f in reply.facts]
        text = reply.text or " ".join(f.text.get(lang) for f in facts)
        number = self.kb.article.article.number
        citations = tuple(
            Citation(number, self.kb.article.sections[f.section].get(lang), f.quote) for f in facts
        )
        return Answer(question, lang, True, text, tuple(reply.facts), citations, intent.id)

    def _not_covered(self, question: str, lang: Lang, reason: str | None = None, what: str = "") -> Answer:
        templates = self.kb.questions.templates
        detail = templates[reason].get(lang).format(what=what) if reason else ""
        return Answer(question, lang, False, templates["not_covered"].get(lang).format(detail=detail))


_ENGINES: dict[int, Engine] = {}


def answer(question: str, lang: Lang | None = None, kb: KnowledgeBase | None = None) -> Answer:
    """Answer with the packaged knowledge base (or `kb`), building the engine once."""
    kb = kb or default_kb()
    engine = _ENGINES.get(id(kb))
    if engine is None or engine.kb is not kb:
        engine = _ENGINES[id(kb)] = Engine(kb)
    return engine.answer(question, lang)
