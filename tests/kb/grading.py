"""Grading an answer against a question item, shared by the corpus tests and the held-out scorer.

Two item shapes exist. Corpus items (`corpus.yaml`) name the facts an answer must
cite (`facts: []` = out of scope). Held-out items (`heldout*.yaml`), written from
the article alone, say what the answer must contain instead: `scope` in/out,
`says` (each entry a string or a list of alternatives), `not_says`, `starts`
(Yes/No/Oui/Non) and `names` (the term a refusal should name).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from kb.engine import Answer


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u202f", " ").replace("\xa0", " "))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: A verdict label in either language: a set may write "starts: yes" for a question asked in French.
_SAME_VERDICT = {"yes": ("yes", "oui"), "oui": ("oui", "yes"), "no": ("no", "non"), "non": ("non", "no")}


def in_scope(item: dict[str, Any]) -> bool:
    if "scope" in item:
        return item["scope"] == "in"
    return bool(item.get("facts"))


def problems(item: dict[str, Any], got: Answer) -> list[str]:
    """What is wrong with `got` for `item` (empty: right)."""
    wrong: list[str] = []
    text = _fold(got.answer)
    if "lang" in item and got.lang != item["lang"]:
        wrong.append(f"answered in {got.lang}")
    if not in_scope(item):
        if got.answered:
            wrong.append("answered an out-of-scope question")
        return wrong
    if not got.answered:
        return [*wrong, "refused an in-scope question"]
    want_facts = item.get("facts") or []
    if want_facts and not set(want_facts) <= set(got.facts):
        wrong.append(f"missing facts {sorted(set(want_facts) - set(got.facts))}")
    says = item.get("says") or []
    for entry in [says] if isinstance(says, str) else says:
        options = [entry] if isinstance(entry, str) else list(entry)
        if not any(_fold(str(o)) in text for o in options):
            wrong.append(f"does not say {options}")
    not_says = item.get("not_says") or []
    for bad in [not_says] if isinstance(not_says, str) else not_says:
        if _fold(str(bad)) in text:
            wrong.append(f"says {bad!r}")
    starts = _fold(str(item.get("starts") or ""))
    if starts and not text.startswith(_SAME_VERDICT.get(starts, (starts,))):  # "starts: yes" of a French item: Oui
        wrong.append(f"does not start with {item['starts']!r}")
    return wrong
