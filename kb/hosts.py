"""The asker's own servers, named in passing: "FE 'OWA-EU1' 10.1.0.5, BE cluster nodes MBX-A/MBX-B".

A name the message gives a front-end, a node or a cluster is that server, not a term
the article lacks: each mention is read as the role it was given ("if MBX-A hangs" is
"if node hangs"). An address names a host; it counts nothing ("10.1.0.5" is not 10, 1,
0 and 5). Linear: one pass of bounded patterns, then one substitution.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_IPV4 = r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w.]\d)"
_NAME = r"[A-Za-z][\w-]{0,23}"
_QUOTE = "'\"«“‘`"
#: a role word, then at most two more of them ("BE cluster nodes"), then a name or a list of names (spaces bounded:
#: a run of blanks is never scanned again from each word before it)
_ROLES = (r"nodes?|n(?:oe|œ)uds?|members?|front-?ends?|fes?|frontal|frontaux|back-?ends?|bes?|clusters?|servers?|"
          r"serveurs?|hosts?|h[ôo]tes?|primary|secondary|passive|active|passif|actif|groups?|groupes?")
_DECLARED = (
    rf"(?i:\b(?P<role>{_ROLES}|vs|evs)"
    r"(?:[ \t]{1,3}(?:nodes?|n(?:oe|œ)uds?|clusters?|servers?|serveurs?|is|are|est|sont|=|named|nomm[ée]s?|called|"
    r"appel[ée]s?)){0,2})"
    rf"[ \t]{{0,3}}[:=(]?[ \t]{{0,3}}(?P<names>[{_QUOTE}]?{_NAME}[{_QUOTE}]?(?:[ \t]{{0,3}}(?:/|,|&|\+|\band\b|\bet\b)"
    rf"[ \t]{{0,3}}[{_QUOTE}]?{_NAME}"
    rf"[{_QUOTE}]?){{0,3}})"
)
_PAIR = rf"(?<![\w/-]){_NAME}/{_NAME}(?![\w/-])"
#: a name right before its address: "EXNODE-A (10.4.4.1)"
_ADDRESSED = rf"(?P<name>\b{_NAME})[ \t]{{0,3}}[(,]?[ \t]{{0,3}}(?={_IPV4})"
#: a role with its number glued on: "BE1", "node2", "FE01", "noeud-2"
_NUMBERED = r"(?i:(?<![\w-])(?P<role>fe|be|node|noeud|nœud|srv|dc)[-_]?\d{1,3}(?![\w-]))"

_ROLE = rf"(?i)\b(?:{_ROLES})\b"
_ROLE_WORD = {
    "node": "node", "noeud": "noeud", "nœud": "noeud", "member": "node", "primary": "node", "secondary": "node",
    "passive": "node", "active": "node", "passif": "noeud", "actif": "noeud", "frontend": "FE", "front-end": "FE",
    "fe": "FE", "frontal": "FE", "frontaux": "FE", "backend": "BE", "back-end": "BE", "be": "BE",
    "cluster": "cluster", "server": "server", "serveur": "serveur", "host": "server", "hote": "serveur",
    "hôte": "serveur", "group": "group", "groupe": "groupe", "vs": "group", "evs": "group", "srv": "server",
    "dc": "DC",
}


def _role(word: str) -> str:
    word = word.lower()
    return _ROLE_WORD.get(word) or _ROLE_WORD.get(word[:-1], "server")  # "nodes", "noeuds"


def _hostlike(name: str, quoted: bool, paired: bool) -> bool:
    """A server's name, not a product's: quoted ("FE 'Owa'"), numbered ("OWA1"), or one of a pair ("MBXA/MBXB").
    "serveur RRAS" names a product the article lacks, which must be named back."""
    return quoted or paired or any(c.isdigit() for c in name)


def _paired(names: list[str]) -> bool:
    """"HKN1/HKN2", "MBX-A/MBX-B": names alike but for their last characters, as nodes of one cluster are."""
    if len(names) < 2 or any(len(n) < 3 for n in names):
        return False
    lowered = [n.lower() for n in names]
    stem = next((k for k, chars in enumerate(zip(*lowered, strict=False)) if len(set(chars)) > 1),
                min(map(len, lowered)))  # the length of the prefix they share
    return stem >= 2 and all(len(n) - stem <= 2 for n in names)  # "BEA/BEB", "HKN1/HKN2", "MBX-A/MBX-B"


_BLANKS = str.maketrans({c: " " for c in "'\"«»“”‘’`()[]{}<>,;:!?=+*&|\\"})


def _may_name_a_server(text: str) -> bool:
    """Quotes, a pair ("A/B"), an address, or a word of letters and digits ("UKBE1", "BE2"): a server may be named."""
    if "/" in text or any(q in text for q in _QUOTE) or (text.count(".") >= 3 and any(c.isdigit() for c in text)):
        return True
    return any(not w.isdigit() and not w.isalpha() and any(c.isdigit() for c in w) and any(c.isalpha() for c in w)
               for w in text[:4000].translate(_BLANKS).split())


def with_roles(text: str, known: Callable[[str], bool]) -> str:
    """`text` with each server it names read as its role, and addresses dropped.

    `known(word)` says whether a word is one of the article's world ("OWA", "W2K"): never a server's name.
    """
    if not _may_name_a_server(text):
        return text  # the common question: its patterns are not even compiled (a cold `oakley ask`)
    names: dict[str, str] = {}
    for m in re.finditer(_DECLARED, text):
        said = re.findall(_ROLE, text[m.start() : m.start("names")])  # "BE cluster nodes A/B": the last, nodes
        role = _role(said[-1] if said else m.group("role"))
        listed = re.split(r"\s*(?:/|,|&|\+|\band\b|\bet\b)\s*", m.group("names"))
        paired = _paired([raw.strip(_QUOTE) for raw in listed])
        if len(listed) > 1 and listed[0].isalpha() and listed[0].islower() and not paired:
            continue  # "a node hangs and SNMPv3?": a verb after the role; what follows it names no server
        for raw in listed:
            name = raw.strip(_QUOTE)
            if name and _hostlike(name, raw != name, paired) and not known(name.lower()):
                names.setdefault(name.lower(), role)
    for m in re.finditer(_PAIR, text):  # "(HKN1/HKN2)": a cluster's nodes, even with no role word before them
        pair = m.group(0).split("/")
        if _paired(pair) and all(any(c.isdigit() or c == "-" for c in n) for n in pair) and not any(
                known(n.lower()) for n in pair):
            for name in pair:
                names.setdefault(name.lower(), "node")
    for m in re.finditer(_ADDRESSED, text):
        name = m.group("name")
        if _hostlike(name, False, False) and not known(name.lower()):
            names.setdefault(name.lower(), "server")
    if names:
        pattern = r"(?i)(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + \
            r")(?![\w-])"
        text = re.sub(pattern, lambda m: names[m.group(0).lower()], text)
    text = re.sub(_NUMBERED, lambda m: _role(m.group("role")), text)
    return re.sub(_IPV4, " ", text)
