"""Which suggested policies a question refers to, and what one adds to another.

"What does the encrypt-everything policy cover that the 80/110/143 one does not?"
names two policies without their numbers: by ordinal, by the ports they list,
or by what they protect. Reading stays linear: one pass over the tokens.
"""

from __future__ import annotations

from collections.abc import Iterable

_ORDINALS = {"first": 1, "premiere": 1, "premier": 1, "1re": 1, "1ere": 1, "second": 2, "deuxieme": 2,
             "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2, "third": 3, "troisieme": 3, "3e": 3, "3eme": 3, "3rd": 3,
             "last": 3, "derniere": 3, "dernier": 3}
#: "the first two", "les deux premières"
_FIRST_TWO = frozenset({("first", "two"), ("two", "first"), ("deux", "premieres"), ("deux", "premiere"),
                        ("2", "premieres"), ("2", "first")})
#: What policy 3 is called by what it does: "encrypt everything", "tout chiffrer", "all traffic".
_EVERYTHING = frozenset({"everything", "tout", "all", "toutes", "totale", "total"})
_PASSWORDS = frozenset({"password", "passwords", "mdp", "creds"})
_MESSAGES = frozenset({"message", "messages", "messagerie", "flow", "flux"})

#: Words that ask what one policy has that another has not.
DIFF_WORDS = frozenset({"not", "pas", "but", "mais", "add", "adds", "added", "ajoute", "ajoutent", "beyond",
                        "dela", "extra", "compared", "rapport", "versus", "vs", "difference", "differences",
                        "more", "plus", "than", "que", "missing", "manque", "manquent", "lacks", "outre"})
SUM_WORDS = frozenset({"sum", "somme", "additionne", "additionner", "additionnes", "additionnant"})


def numbered(tokens: Iterable[str]) -> tuple[int, ...]:
    """The policies named by number or ordinal ("the first … and the second"), in order of number."""
    return tuple(sorted(_by_number(list(tokens))))


def _by_number(words: list[str]) -> set[int]:
    found: set[int] = set()
    for i, w in enumerate(words):
        if w in _ORDINALS:
            found.add(_ORDINALS[w])
        if i and (words[i - 1], w) in _FIRST_TWO:
            found |= {1, 2}
        if w in ("policy", "policies", "strategie", "strategies", "strat") and i + 1 < len(words) and (
                words[i + 1] in ("1", "2", "3")):
            found.add(int(words[i + 1]))
    return found


def referred(tokens: Iterable[str], ports: Iterable[int], concepts: frozenset[str]) -> tuple[int, ...]:
    """The policy numbers the question names, in order of number (empty when none is named)."""
    words = list(tokens)
    found = _by_number(words)
    described: set[int] = set()  # by what the policy does, not by its number
    for i, w in enumerate(words):
        if w in _EVERYTHING and set(words[max(0, i - 2) : i + 3]) & {"encrypt", "chiffrer", "chiffre", "traffic",
                                                                      "trafic", "communications", "everything"}:
            described.add(3)
    by_number = bool(found)
    found |= described
    if "dc" in concepts:
        found.add(3)
    if (set(words) & _PASSWORDS or "password" in concepts) and "policy" in concepts:
        found.add(1)
    if set(words) & _MESSAGES and "message_flow" in concepts:
        found.add(2)
    listed = set(ports)
    if listed and not by_number:  # "the 80/110/143 policy"; but "policy 2 covers only 110 and 143?" checks a claim
        found.add(2 if 80 in listed else 1)
    return tuple(sorted(found))
