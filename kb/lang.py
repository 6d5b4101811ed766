"""Which language a question is in: French or English, nothing else."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kb.model import Lang

_FRENCH_LETTERS = frozenset("éèêàâçùûôîïœ")


def detect(question: str, tokens: list[str], markers: dict[Lang, tuple[str, ...]]) -> Lang:
    """Count each language's marker words; accents weigh for French.

    English wins ties: the article's technical terms (failover, front-end,
    NLBSFlags) are English in both, so a bare term list is most often English.
    """
    fr_words = frozenset(markers.get("fr", ()))
    en_words = frozenset(markers.get("en", ()))
    fr = sum(t in fr_words for t in tokens) + 2 * sum(ch in _FRENCH_LETTERS for ch in question.lower())
    en = sum(t in en_words for t in tokens)
    return "fr" if fr > en else "en"
