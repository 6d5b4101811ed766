"""Is a question a yes/no question? Then its answer starts with Yes/No (Oui/Non).

English: it opens with an auxiliary ("Is…", "Does…", "Should I…"). French: it
opens with "est-ce que", inverts a verb ("faut-il", "peut-on", "IPSec est-il…"),
or has no question word and ends with "?". A choice ("front-end or back-end?")
is not a yes/no question.
"""

from __future__ import annotations

import re

from kb.model import Lang

_EN_OPENERS = frozenset({"is", "are", "does", "do", "did", "can", "could", "should", "must", "will", "would",
                         "has", "have", "was", "were", "may", "shall", "isn", "aren", "doesn", "don"})
_PREAMBLE = frozenset({"so", "ok", "okay", "hey", "hi", "and", "but", "quick", "question", "also", "then",
                       "alors", "donc", "et", "mais", "bon", "dis", "dites", "moi", "oakley"})
_FR_WH = frozenset({"quel", "quelle", "quels", "quelles", "ou", "comment", "combien", "pourquoi", "quand",
                    "que", "qu", "quoi", "qui", "lequel", "laquelle", "lesquels"})
_FR_INVERSION = re.compile(r"\b[^\W\d_]+-(?:t-)?(?:il|elle|on|je|ils|elles|nous|vous)\b", re.I)
_CHOICE = frozenset({"or", "ou", "versus", "vs"})


def is_yes_no(question: str, tokens: list[str], lang: Lang) -> bool:
    words = [t for t in tokens if t not in _PREAMBLE] or tokens
    if not words or _CHOICE & set(words):
        return False
    if lang == "en":
        return words[0] in _EN_OPENERS
    if words[0] == "est" and len(words) > 2 and words[1] == "ce" and words[2] in ("que", "qu"):
        return True
    if _FR_WH & set(words):
        return False
    return bool(_FR_INVERSION.search(question[:2000])) or question.rstrip().endswith("?")
