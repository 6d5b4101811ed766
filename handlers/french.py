"""French command words, turned into the grammar's English ones before parsing.

`vérifier tous`, `approuver 12`, `refuser 12 gel des changements`,
`définir nlbsflags 1 sur fe01 car …`, `supprimer nlbsflags sur fe01 car …`,
`annuler 12`, `rétablir 12 car …`, `qui suis-je`. Only the command word (and
`sur` in a change) is rewritten; a reason or a question is left as typed.
"""

from __future__ import annotations

import re

_HEAD = {
    "approuver": "approve", "valider": "approve", "refuser": "deny", "rejeter": "deny", "annuler": "cancel",
    "retirer": "cancel", "rétablir": "revert", "retablir": "revert", "restaurer": "revert",
    "historique": "history", "aide": "help", "vérifier": "check", "verifier": "check", "contrôler": "check",
    "controler": "check", "modification": "change", "changement": "change",
}
# Possessive quantifiers: `\s` never overlaps `=`, `à` or the value, so giving characters back could
# not help a match, and without them a run of spaces made the match quadratic (issue 9).
_SET = re.compile(r"^(?:définir|definir|mettre|régler|regler|fixer)\s++(nlbsflags)\s*+(?:=|à|a)?+\s*+(\S{1,12}+)"
                  r"\s++sur\s++", re.I)
_DELETE = re.compile(r"^(?:supprimer|effacer|enlever)\s++(nlbsflags)\s++(?:sur|de)\s++", re.I)
_WHOAMI = re.compile(r"^qui\s*+suis[\s-]*+je\s*+\??$", re.I)


def to_grammar(text: str) -> str:
    if _WHOAMI.match(text):
        return "whoami"
    text = _SET.sub(lambda m: f"set {m.group(1)} {m.group(2)} on ", text, count=1)
    text = _DELETE.sub(lambda m: f"delete {m.group(1)} on ", text, count=1)
    head, sep, rest = text.partition(" ")
    word = _HEAD.get(head.lower())
    return word + sep + rest if word else text


def is_french_command(text: str) -> bool:
    """The first word is a French command word (`aide`, `vérifier`…): the person writes French."""
    head = text.strip().split(None, 1)[0].lower() if text.strip() else ""
    return head in _HEAD or bool(_SET.match(text) or _DELETE.match(text) or _WHOAMI.match(text))
