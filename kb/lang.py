"""Which language a question is in: French or English, nothing else."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kb.model import Lang

_FRENCH_LETTERS = frozenset("éèêàâçùûôîïœ")
_PRODUCTS = frozenset({"windows", "exchange", "sql", "isa"})


def detect(question: str, tokens: list[str], markers: dict[Lang, tuple[str, ...]]) -> Lang:
    """Count each language's marker words; accents weigh for French.

    English wins ties: the article's technical terms (failover, front-end,
    NLBSFlags) are English in both, so a bare term list is most often English.
    """
    fr_words = frozenset(markers.get("fr", ()))
    en_words = frozenset(markers.get("en", ()))
    fr = sum(t in fr_words for t in tokens) + 2 * sum(ch in _FRENCH_LETTERS for ch in question.lower())
    # "et Windows Server 2008 ?": a product's name is no English word
    en = sum(t in en_words and not (i and t in ("server", "servers") and tokens[i - 1] in _PRODUCTS)
             for i, t in enumerate(tokens))
    return "fr" if fr > en else "en"
