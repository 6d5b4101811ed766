"""Cues in a question's words the lexicon alone does not give: who fails, what is denied, what a word refers to.

Each reads tokens (and the lexicon's matches) and answers one narrow question
about the wording, so that `kb.engine` can decide what is asked. They are
heuristics over short windows of words, linear in the question's length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from kb.lexicon import Match

# 09:58, 14h05, 3am, 3 pm; Zulu times of ops chat: 14:02Z, 23h58Z, 1402Z
_CLOCK = (r"\b([01]?\d|2[0-3])(?::|h|H)([0-5]\d)(?=z?\b)|\b(1[0-2]|0?[1-9]) ?([ap])\.?m\b"
          r"|\b([01]\d|2[0-3])([0-5]\d)z\b")


def clock_minutes(text: str) -> int | None:
    """The first time of day a question gives, in minutes after midnight (compiled only when one may be there)."""
    m = re.search(_CLOCK, text[:2000], re.I)
    if m is None:
        return None
    if m.group(1) is not None:
        return int(m.group(1)) * 60 + int(m.group(2))
    if m.group(5) is not None:
        return int(m.group(5)) * 60 + int(m.group(6))
    hour = int(m.group(3)) % 12 + (12 if m.group(4).lower() == "p" else 0)
    return hour * 60


_BACK_REFERENCES = frozenset({"it", "that", "this", "there", "them", "those", "these", "same", "ca", "cela", "y",
                              "meme", "celle", "celui", "ceux", "dedans", "labas", "laquelle", "lequel", "lesquelles",
                              "lesquels"})

#: Not a concept of the data: the question's failure is a front-end's, which the article does not describe.
FRONT_END_DOWN = "front_end_down"


_NOT_SO = frozenset({"not", "pas", "never", "jamais", "wasn", "isn", "weren", "aren", "didn", "didnt", "wasnt",
                     "isnt"})
_NOBODY = frozenset({"personne", "nobody", "noone", "aucun"})
_AFTER_NOT = frozenset({"a", "an", "un", "une", "de", "d", "en", "in", "ete", "been", "etait",  # "not a", "pas en"
                        "done", "made", "fait", "faite", "triggered", "performed", "declenche", "declenchee",
                        # "n'a pas été arrêté volontairement", "wasn't stopped on purpose": the act, then the purpose
                        "arrete", "arretee", "stopped", "moved", "deplace", "deplacee", "eteint", "eteinte"})
_AUXILIARIES = frozenset({"is", "was", "are", "were", "does", "did", "do", "should", "would", "could", "can"})
_DENIALS = frozenset({"not", "non", "didn", "didnt", "never", "jamais", "pas", "no", "wasn", "isn", "sans", "nothing",
                      "rien"})


#: What a denial may be about instead of the failover ("with no flag"), and words that compare past it ("than").
_FLAG_WORDS = frozenset({"flag", "flags", "nlbsflags", "nlbs", "key", "cle", "registry", "registre", "tweak"})
_COMPARED = frozenset({"than", "que", "vs", "versus", "compared", "contre", "against"})


def denied(tokens: list[str], matches: list[Match], kind: str = "unplanned") -> bool:
    """Every mention of one kind of failover is denied ("et non à la suite d'une panne", "didn't hang",
    "a node hangs (not a clean move)")."""
    other = "planned" if kind == "unplanned" else "unplanned"
    mentions = [m for m in matches if kind in m.concepts and other not in m.concepts]
    # "is NOT planned (the node just hangs)": the denial is the other kind's, which stands between
    others = {i for m in matches if other in m.concepts and kind not in m.concepts for i in range(m.start, m.end)}
    return bool(mentions) and all((_denies(tokens, m.start, others) and tokens[m.start] not in ("non", "not"))
                                  or _ne_pas(tokens, m.start, m.end) for m in mentions)


def kind_set_aside(tokens: list[str], matches: list[Match], kind: str = "unplanned") -> bool:
    """Every mention of one kind of failover follows "other than", "hors", "unlike"…: the other kind is meant."""
    mentions = [m for m in matches if kind in m.concepts]
    return bool(mentions) and all(any(f"{w} " in f"{' '.join(tokens[max(0, m.start - 5) : m.start])} "
                                      for w in INSTEAD_OF) for m in mentions)


def _ne_pas(tokens: list[str], start: int, end: int) -> bool:
    """"si le nœud ne plante pas": French negation around the verb."""
    return start > 0 and tokens[start - 1] in ("ne", "n") and end < len(tokens) and tokens[end] in (
        "pas", "plus", "jamais")


def _denies(tokens: list[str], at: int, others: set[int]) -> bool:
    """A denial in the six words before `at` that is about what stands there: not "no flag than a planned move"."""
    before = " ".join(tokens[max(0, at - 5) : at])
    if any(f"{w} " in f"{before} " for w in INSTEAD_OF):
        return True  # "the node hangs rather than a manual move", "plutôt qu'un déplacement planifié"
    for i in range(max(0, at - 6), at):
        if tokens[i] in _DENIALS and not (i + 1 < at and tokens[i + 1] in _FLAG_WORDS) and not (
                _COMPARED & set(tokens[i + 1 : at])) and not others & set(range(i + 1, at)):
            return True
    return False


#: What sets one case against the other that is meant: the case after it is not the one asked about.
INSTEAD_OF = ("rather than", "instead of", "plutot que", "plutot qu", "au lieu de", "au lieu d", "other than",
               "unlike", "as opposed to", "contrairement a", "contrairement au", "a la difference de",
               "a la difference du", "a la difference d", "par opposition a", "hors", "en dehors d",
               "en dehors du", "en dehors de", "excluding", "except", "apart from", "aside from", "autre chose qu",
               "autre chose que")


def not_so(tokens: list[str], m: Match) -> bool:
    """"pas planifiée", "wasn't planned", "not a clean move", "ne s'arrête pas proprement": the word is denied."""
    at = [i for i in range(max(0, m.start - 3), m.start) if tokens[i] not in _AFTER_NOT]
    if not at:
        return False
    last = at[-1]
    if tokens[last] == "t" and len(at) > 1 and tokens[at[-2]].endswith("n"):
        last = at[-2]  # "wasn't planned": "wasn", "t"
    # "Isn't a planned move supposed to take minutes?": a question's opening, not a denial
    opening = last == 1 and tokens[0] in _AUXILIARIES  # "is not a planned move …?" asks; "not a clean move:" denies
    # "personne a touché au Cluster Administrator", "nobody touched cluadmin": no one made the move
    nobody = bool(_NOBODY & set(tokens[max(0, m.start - 4) : m.start]))
    return (tokens[last] in _NOT_SO and not opening) or nobody


#: "Rien à voir avec les ports :", "not asking about SSL —": what follows is set aside, not asked about.
_DISCLAIMERS = (("rien", "a", "voir", "avec"), ("nothing", "to", "do", "with"), ("not", "asking", "about"),
                ("sans", "rapport", "avec"), ("je", "ne", "parle", "pas", "de"), ("unrelated", "to"),
                ("not", "asking", "for"), ("je", "ne", "demande", "pas"))


#: Said after what they set aside: "SSL aside, …", "Avec SSL hors jeu, …".
_ASIDE_AFTER = (("aside",), ("hors", "jeu"), ("mis", "de", "cote"), ("mise", "de", "cote"))


def set_aside(tokens: list[str], matches: list[Match]) -> list[Match]:
    """The phrases a disclaimer sets aside ("rien à voir avec les ports" → ports, "SSL aside" → SSL), if any."""
    words = set(tokens)
    if not {"rien", "nothing", "asking", "rapport", "parle", "unrelated", "demande", "aside", "jeu", "cote",
            "rather", "plutot"} & words:
        return []
    found: list[Match] = []
    if {"aside", "jeu", "cote"} & words:  # "Global Catalog aside, which ports…": the phrase right before it
        starts = [i for i in range(len(tokens)) for a in _ASIDE_AFTER if tuple(tokens[i : i + len(a)]) == a]
        lasts = (max((m for m in matches if 0 <= start - m.end <= 1), key=lambda m: m.end, default=None)
                 for start in starts)
        found += [m for m in lasts if m is not None]
    ends = [i + len(d) for i in range(len(tokens)) for d in _DISCLAIMERS if tuple(tokens[i : i + len(d)]) == d]
    if tuple(tokens[:2]) in (("rather", "than"), ("plutot", "que")):
        ends.append(2)  # "Rather than the registry bit, tell me…" (not "sur le frontal plutôt que sur les nœuds ?")
    firsts = (min((m for m in matches if 0 <= m.start - end <= 2), key=lambda m: m.start, default=None)
              for end in ends)
    return found + [m for m in firsts if m is not None]  # its object only: "…avec les ports : quelle donnée" asks


def plural_of(token: str, corrected: str) -> bool:
    """"pannes" for "panne", "crashs" for "crash": the speller's correction only drops a plural ending."""
    return len(corrected) >= 4 and token in (corrected + "s", corrected + "es", corrected + "x")


#: Words naming a document: "this KB", "cet article" is the article itself, not what an earlier part named; "book me
#: a meeting about the firewall" names none.
DOCUMENT_WORDS = frozenset({"article", "articles", "kb", "doc", "document", "documentation", "texte", "text", "note",
                            "notes", "fiche", "microsoft", "ms"})


def refers_back(tokens: tuple[str, ...]) -> bool:
    """"does it apply there?", "faut l'ouvrir ?": a pronoun for what an earlier part named."""
    pointed = set(tokens) & _BACK_REFERENCES
    if pointed == {"this"} and any(a == "this" and b in DOCUMENT_WORDS for a, b in pairwise(tokens)):
        pointed = set()  # "which editions does this KB apply to?"
    return bool(pointed) or any(
        (t == "l" and nxt.endswith(("er", "ir", "re")) and len(nxt) > 4)
        or (t, nxt) in (("les", "deux"), ("the", "two"), ("which", "one"), ("what", "one"))  # "…entre les deux ?"
        for t, nxt in pairwise(tokens))


def ordinal_of_policy(tokens: list[str], m: Match) -> bool:
    """"the second suggested policy": "second" is an ordinal there, not a unit of time."""
    if m.end - m.start != 1 or tokens[m.start] not in ("second", "seconde"):
        return False
    ahead = [t for t in tokens[m.end : m.end + 4] if t not in ("suggested", "suggeree", "ipsec", "proposed")]
    return bool(ahead) and ahead[0] in ("policy", "strategie", "strat", "rule", "regle")


_WHEN_WORDS = frozenset({"after", "apres", "during", "pendant", "following", "upon", "lors", "suite"})


def front_end_fails(tokens: list[str], matches: list[Match]) -> bool:
    """A front-end named right before a failure ("the FE crashes", "un nœud FE meurt").

    Not when the verb has an object ("the FE drops the dead SAs"): the front-end acts, it does not fail.
    """
    front_end = -99  # where the last front-end match ended, if nothing but its kind (NLB, node) came after it
    for m, after in zip(matches, [*matches[1:], None][: len(matches)], strict=True):
        describes = after is not None and after.start == m.end and bool(after.concepts & {"failover", "ike"})
        acts = (m.end < len(tokens) and tokens[m.end] in _DETERMINERS) or bool(  # "drops the SAs", "drops the dead"
            front_end >= 0 and set(tokens[front_end : m.start]) & _DETERMINERS)
        after_a = bool(set(tokens[max(front_end, 0) : m.start]) & _WHEN_WORDS)  # "a 2000 front-end after a crash"
        if "unplanned" in m.concepts and m.start - front_end <= 2 and not describes and not acts and not after_a:
            return True
        if "frontend" in m.concepts:
            # "OWA was dead for ages": the service's outage, a symptom; "the OWA box crashed" is the server's
            service = tokens[m.start : m.end] == ["owa"] and tokens[m.end : m.end + 1] != [] and (
                tokens[m.end] not in _MACHINES)
            front_end = -99 if service else m.end
        elif not m.concepts <= _FRONT_END_KIND:
            front_end = -99
    return False


def node_fails(tokens: list[str], matches: list[Match]) -> bool:
    """A cluster node or the Cluster service named right before a failure ("node B went belly up", "the cluster
    service hung"): the article's failure, whatever else the story says went down with it."""
    node, front_end = -99, -99
    for m in matches:
        if "unplanned" in m.concepts and 0 <= m.start - node <= 3 and not set(tokens[node : m.start]) & _WITHOUT:
            return True
        if m.concepts & {"node", "cluster", "backend"} and m.start != front_end:  # not "the FE node"
            node = m.end
        if "frontend" in m.concepts:  # "un noeud FE meurt": the front-end's node
            front_end, node = m.end, -99
        else:
            front_end = -99
    return False


_FRONT_END_KIND = frozenset({"nlb", "node", "cluster"})
_MACHINES = frozenset({"box", "boxes", "server", "servers", "serveur", "serveurs", "machine", "machines", "frontal",
                       "fe", "vm", "host", "hote"})
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
#: Asking leave to ask ("hope that's ok to ask"): politeness too (small-talk phrases in questions.yaml).
POLITENESS = frozenset({"ok to ask", "okay to ask", "hope that s ok", "hope it s ok", "if that s ok", "random one",
                        "random question", "j espere que c est ok", "si c est ok"})


#: Words that negate what follows ("sans IPSec", "no IPSec").
_WITHOUT = frozenset({"without", "sans", "absence", "no", "pas", "w", "wo", "aucun", "aucune", "ni", "nor", "neither",
                      "zero"})
_USING = frozenset({"run", "running", "use", "using", "have", "deploy", "enable", "utilise", "utilisent"})
#: Words before "sa" that make it a security association ("les SA", "the SA") rather than "her/its" ("sa date").
_SA_DETERMINERS = frozenset({"les", "la", "des", "une", "un", "the", "a", "l", "cette", "each", "chaque", "ces",
                             "nouvelle", "nouvelles", "new", "old", "ipsec", "first", "premiere"})
#: Words before "rapport" that make it a report ("mon rapport d'audit"), not a ratio.
_REPORT_OWNERS = frozenset({"mon", "ma", "notre", "votre", "son", "leur", "ce", "un", "mes", "nos", "vos"})

#: Words that state NLBSFlags' state, or another condition ("and with Exchange at 2 min?").
WITH_WORDS, WITHOUT_WORDS = frozenset({"with", "avec"}), frozenset({"without", "sans", "w/o"})
WITH = WITH_WORDS | WITHOUT_WORDS - {"w/o"}
#: "only the passwords", "policy 2 covers only 110 and 143?", "NLBSFlags, so only for NLB clusters?"
ONLY_WORDS = frozenset({"only", "just", "juste", "seulement", "uniquement", "simplement", "exclusively",
                        "exclusivement"})


_CERTIFICATION = frozenset({"study", "exam", "exams", "prep", "guide", "course", "training", "revision", "test",
                            "tests", "book", "class", "track", "path"})


_RETURNS = frozenset({"get", "gets", "got", "getting", "come", "comes", "came", "coming", "is", "are", "be", "was",
                      "were", "bring", "brings", "brought", "until", "till"})


def everyday_homograph(tokens: list[str], m: Match, shouted: set[str] | frozenset[str]) -> bool:
    """A French everyday word spelt like a term: "sa dernière mise à jour" (her), "mon rapport d'audit" (report)."""
    if tokens[m.start : m.end] == ["back", "up"]:  # "how long to get the SAs back up?": running again
        return bool(_RETURNS & set(tokens[max(0, m.start - 4) : m.start]))
    if m.end - m.start != 1:
        return False
    word, before = tokens[m.start], tokens[m.start - 1] if m.start else ""
    if word == "sa" and "sa" not in shouted:
        return before not in _SA_DETERMINERS and m.end < len(tokens) and tokens[m.end].isalpha()
    if word == "cert":  # "my cert study guide": a certification, not a certificate
        return tokens[m.end : m.end + 1] != [] and tokens[m.end] in _CERTIFICATION
    return word == "rapport" and before in _REPORT_OWNERS


def negated(tokens: list[str], i: int) -> bool:
    """"sans IPSec", "no IPSec": a negation just before; "le pas-à-pas de config IPSec" is a walkthrough."""
    near = set(tokens[max(0, i - 3) : i]) & _WITHOUT
    if not near and i >= 2 and tokens[i - 2] == "not" and tokens[i - 1] in _USING:
        return True  # "if they don't run IPSec" (not "does NOT support this IPSec scenario")
    return bool(near) and not (near == {"pas"} and "pas a pas" in " ".join(tokens[max(0, i - 6) : i]))


def counted_noun(tokens: tuple[str, ...] | list[str]) -> str:
    """What "how many …" / "combien de …" counts ("sessions"), or ""."""
    for i, tok in enumerate(tokens[:-2]):
        if tok == "combien" and tokens[i + 1] in ("de", "d"):
            return tokens[i + 2]
        if tok == "how" and tokens[i + 1] == "many":
            return tokens[i + 2]
    return ""


_WITH_IT = frozenset({"it", "la", "le", "the", "flag", "nlbsflags", "cle", "key", "value", "valeur", "reglage", "fix",
                      "tweak", "ca", "that", "this", "one", "elle", "lui"})


def with_something_else(tokens: tuple[str, ...]) -> bool:
    """"and with Exchange at 2 min?": "with" names another thing, not NLBSFlags' state ("and with it?")."""
    at = next((i for i, t in enumerate(tokens) if t in WITH), None)
    after = [t for t in tokens[at + 1 : at + 3] if t not in ("a", "an", "un", "une")] if at is not None else []
    if len(after) > 1 and after[0] in _THE and after[1] not in _WITH_IT | _THE_CHANGE:
        return True  # "new SAs with the VIP?": the VIP, not the flag ("with the change" is the flag)
    return bool(after) and after[0] not in _WITH_IT and not after[0].isdigit()


_THE = frozenset({"the", "la", "le", "l", "les"})
_THE_CHANGE = frozenset({"change", "registry", "registre", "modif", "modification", "setting", "patch", "correctif",
                         "reg", "flags", "hotfix", "new", "nouvelle", "nouveau"})


_IDENTITY = (("c", "est"), ("means",), ("mean",), ("refers",), ("refer",), ("designe",), ("signifie",),
             ("veut", "dire"), ("stands",), ("is", "it"), ("est", "ce"), ("same",), ("meme",),
             ("principal", "the"), ("principal", "a"), ("is", "that"))  # "is 'serveur principal' the front-end?"


_GIVES = frozenset({"give", "gives", "provide", "provides", "detail", "details", "fournit", "fournir", "donne",
                    "donner", "detaille", "detailler", "explain", "explains"})


def not_given(tokens: tuple[str, ...] | list[str]) -> bool:
    """"does NOT give", "ne fournit pas", "ne détaille pas": what the article leaves out."""
    return any(t in _GIVES and {"not", "pas", "ne", "n"} & set(tokens[max(0, i - 3) : i + 2])
               for i, t in enumerate(tokens))


def every_match(matches: list[Match], concept: str, test: Callable[[Match], bool]) -> bool:
    """The question names `concept`, and every phrase that names it passes `test` ("hey" is only a greeting)."""
    found = [m for m in matches if concept in m.concepts]
    return bool(found) and all(test(m) for m in found)


#: Words asking what something is for ("NLBSFlags sert-il à …", "is it meant for …"), not what it does.
PURPOSE = frozenset({"sert", "servir", "purpose", "meant", "designed", "intended", "concu", "destine", "objectif",
                     "vise"})
CASES = frozenset({"case", "cases", "cas", "scenario", "scenarios", "situation", "situations"})
DROPS = frozenset({"tombe", "tombent", "tomber", "drop", "drops", "dropped", "falls", "fall", "chute", "descend"})


def drops_to(tokens: tuple[str, ...] | list[str], at: int) -> bool:
    """"tombe (bien) à 1 minute", "drops to 1 minute": a figure falling, not a server."""
    rest = [t for t in tokens[at : at + 3] if t not in ("bien", "donc", "alors", "then", "down")]
    return len(rest) >= 2 and rest[0] in ("a", "to", "en", "sous", "under") and (rest[1].isdigit() or rest[1] in
                                                                              ("une", "one", "un"))


def names_identity(tokens: tuple[str, ...] | list[str]) -> bool:
    """"X, c'est Y ?", "X means Y?", "X désigne-t-il Y ?": a question of what a word names."""
    return any(tuple(tokens[i : i + len(cue)]) == cue for i in range(len(tokens)) for cue in _IDENTITY)


#: "I know X —", "je sais, c'est vieux, mais bon,": what the asker grants before asking (compiled on use; bounded).
_CONCESSION = (r"\s*(?:(?:i know|i understand|i reali[sz]e|i get that|granted|je sais bien|je sais|je comprends|"
               r"j'ai bien compris|i'?m not asking|i am not asking|je ne (?:vous |te )?demande pas)\b"
               r"[^?]{0,200}?(?:\s[—–-]{1,2}\s|;|,\s*(?:but|mais bon|mais)\b,?|"
               r"\s(?:but|mais bon|mais)\b,?)"
               # "no certificate stuff, promise —", "not a password reset question lol —": set aside, then asked
               r"|(?:no|not|pas)\b[^?:;—–]{0,60}?\b(?:stuff|question|questions|truc|trucs|promis|promise)\b"
               r"[^?:;—–]{0,20}?(?:\s[—–-]{1,2}\s|\s?:\s))")


_GRANTING = ("i know", "i understand", "i realis", "i realiz", "i get that", "granted", "je sais", "je comprends",
             "j'ai bien", "no ", "not ", "pas ", "i'm not", "im not", "i am not", "je ne")


def conceded(text: str) -> str:
    """The opening clause a question grants before it asks ("I know the article is old, but…"), or ""."""
    if not text.lstrip()[:12].lower().startswith(_GRANTING):
        return ""  # most questions: no pattern compiled on a cold start
    m = re.match(_CONCESSION, text[:400], re.I)
    return text[: m.end()] if m and m.end() < len(text.rstrip()) else ""


#: A trailing-off mark, then a correction: "which certificate... no wait, which authentication …?" (not a dash:
#: "which key — I mean the registry key" narrows the question, it does not replace it)
_CORRECTION = (r"(?:\.\.\.|…)\s*(?:i mean|no wait|wait,? no|scratch that|sorry|oops|je veux dire|non attends?"
               r"|attends,? non|enfin non|pardon|ou plut[oô]t|plut[oô]t)\b[\s,:;!-]*")  # compiled on use


def corrected(text: str) -> str:
    """What the asker meant once they corrected themselves mid-message: the correction for the clause cut short."""
    if "..." not in text and "…" not in text:
        return text  # most questions: no pattern compiled on a cold start
    last = None
    for last in re.finditer(_CORRECTION, text, re.I):  # noqa: B007 — the last one counts
        pass
    rest = text[last.end():] if last else ""
    if last is None or len(rest.split()) < 3 or not rest.rstrip().endswith("?"):
        return text
    # the clause cut short is replaced; those before it stand ("la valeur de NLBSFlags, pourquoi c'est... enfin
    # non, c'est quoi le chiffre ?": NLBSFlags' value)
    before = text[: last.start()]
    cut = max(before.rfind(","), before.rfind(":"), before.rfind(";"))
    return f"{before[: cut + 1]} {rest}" if cut >= 0 else rest


#: A shell prompt ("C:\>", "PS C:\>", "$ ") or a bare "reg query": a pasted command, shown as evidence.
_PROMPT = r"\s*(?:[a-z]:\\[^>\n]{0,200}>|ps [^>\n]{0,200}>|\$ |reg(?:\.exe)? query\b)"  # compiled on use


def pasted_command(text: str) -> bool:
    """"C:\\>reg query … /v NLBSFlags": the user shows what they ran; the tool is not what they ask about."""
    head = text[:300]
    return bool(re.match(_PROMPT, head, re.I)) or " reg query " in f" {head.lower()} "  # "Ran this: reg query …"
