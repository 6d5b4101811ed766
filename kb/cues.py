"""Cues in a question's words the lexicon alone does not give: who fails, what is denied, what a word refers to.

Each reads tokens (and the lexicon's matches) and answers one narrow question
about the wording, so that `kb.engine` can decide what is asked. They are
heuristics over short windows of words, linear in the question's length.
"""

from __future__ import annotations

import re
from itertools import pairwise

from kb.lexicon import Match

_CLOCK = r"\b([01]?\d|2[0-3])(?::|h|H)([0-5]\d)\b|\b(1[0-2]|0?[1-9]) ?([ap])\.?m\b"  # 09:58, 14h05, 3am, 3 pm


def clock_minutes(text: str) -> int | None:
    """The first time of day a question gives, in minutes after midnight (compiled only when one may be there)."""
    m = re.search(_CLOCK, text[:2000], re.I)
    if m is None:
        return None
    if m.group(1) is not None:
        return int(m.group(1)) * 60 + int(m.group(2))
    hour = int(m.group(3)) % 12 + (12 if m.group(4).lower() == "p" else 0)
    return hour * 60


_BACK_REFERENCES = frozenset({"it", "that", "this", "there", "them", "those", "these", "same", "ca", "cela", "y",
                              "meme", "celle", "celui", "ceux", "dedans", "labas"})

#: Not a concept of the data: the question's failure is a front-end's, which the article does not describe.
FRONT_END_DOWN = "front_end_down"


_DENIALS = frozenset({"not", "non", "didn", "didnt", "never", "jamais", "pas", "no", "wasn", "isn", "sans"})


def unplanned_denied(tokens: list[str], matches: list[Match]) -> bool:
    """Every mention of an unplanned failover is denied ("et non à la suite d'une panne", "didn't hang")."""
    mentions = [m for m in matches if "unplanned" in m.concepts and "planned" not in m.concepts]
    return bool(mentions) and all(
        _DENIALS & set(tokens[max(0, m.start - 6) : m.start]) and tokens[m.start] not in ("non", "not")
        for m in mentions)


def plural_of(token: str, corrected: str) -> bool:
    """"pannes" for "panne", "crashs" for "crash": the speller's correction only drops a plural ending."""
    return len(corrected) >= 4 and token in (corrected + "s", corrected + "es", corrected + "x")


def refers_back(tokens: tuple[str, ...]) -> bool:
    """"does it apply there?", "faut l'ouvrir ?": a pronoun for what an earlier part named."""
    return bool(set(tokens) & _BACK_REFERENCES) or any(
        t == "l" and nxt.endswith(("er", "ir", "re")) and len(nxt) > 4 for t, nxt in pairwise(tokens))


def ordinal_of_policy(tokens: list[str], m: Match) -> bool:
    """"the second suggested policy": "second" is an ordinal there, not a unit of time."""
    if m.end - m.start != 1 or tokens[m.start] not in ("second", "seconde"):
        return False
    ahead = [t for t in tokens[m.end : m.end + 4] if t not in ("suggested", "suggeree", "ipsec", "proposed")]
    return bool(ahead) and ahead[0] in ("policy", "strategie", "strat", "rule", "regle")


def front_end_fails(tokens: list[str], matches: list[Match]) -> bool:
    """A front-end named right before a failure ("the FE crashes", "un nœud FE meurt").

    Not when the verb has an object ("the FE drops the dead SAs"): the front-end acts, it does not fail.
    """
    front_end = -99  # where the last front-end match ended, if nothing but its kind (NLB, node) came after it
    for m, after in zip(matches, [*matches[1:], None][: len(matches)], strict=True):
        describes = after is not None and after.start == m.end and bool(after.concepts & {"failover", "ike"})
        acts = (m.end < len(tokens) and tokens[m.end] in _DETERMINERS) or bool(  # "drops the SAs", "drops the dead"
            front_end >= 0 and set(tokens[front_end : m.start]) & _DETERMINERS)
        if "unplanned" in m.concepts and m.start - front_end <= 2 and not describes and not acts:
            return True
        if "frontend" in m.concepts:
            front_end = m.end
        elif not m.concepts <= _FRONT_END_KIND:
            front_end = -99
    return False


_FRONT_END_KIND = frozenset({"nlb", "node", "cluster"})
_DETERMINERS = frozenset({"the", "its", "their", "all", "les", "ses", "leurs", "toutes", "tous"})


#: Server roles a question can name.
ROLES = frozenset({"frontend", "backend", "node", "primary_node"})


def set_on_a_role(tokens: list[str], matches: list[Match], concepts: frozenset[str]) -> bool:
    """"should be set on the back-end", "défini sur les nœuds ?": where the value goes is what is claimed.

    A state said in passing ("NLBSFlags is set on the FEs. Total failover?") claims nothing about where.
    """
    for m in matches:
        if "set_verb" in m.concepts:
            ahead = [n for n in matches if m.end <= n.start <= m.end + 4 and n.concepts & ROLES]
            if not ahead or not set(tokens[m.start : ahead[0].start]) & {"on", "sur", "onto", "in"}:
                continue
            if MODALS & set(tokens[max(0, m.start - 3) : m.start]):
                return True
            if ahead[0].concepts & {"backend", "node", "primary_node"} and not concepts & _NOT_WHERE:
                return True
            if "compare" in concepts and {"frontend"} < concepts & ROLES and not concepts & _NOT_WHERE:
                return True  # "applied on the front-end box rather than the BE nodes?": one role against another
    return False


_NOT_WHERE = frozenset({"time", "total", "recovery", "reason", "planned", "unplanned"})


#: Words that make a statement a rule ("NLBSFlags should be set on…", "faut-il…").
MODALS = frozenset({"should", "must", "need", "needs", "faut", "doit", "dois", "devrait", "faudrait", "supposed"})

#: Politeness, not a subject: "hey, what is policy 2?" is about policy 2, not small talk with a homonym.
GREETINGS = frozenset({"hello", "hi", "hey", "bonjour", "salut", "thanks", "thank", "merci", "coucou"})
