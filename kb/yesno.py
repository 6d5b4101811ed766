"""Is a question a yes/no question? Then its answer starts with Yes/No (Oui/Non).

English: it opens with an auxiliary ("Is…", "Does…", "Should I…"). French: it
opens with "est-ce que", inverts a verb ("faut-il", "peut-on", "IPSec est-il…"),
or has no question word and ends with "?". A choice ("front-end or back-end?")
is not a yes/no question.
"""

from __future__ import annotations

import re
from itertools import pairwise

from kb.parts import ASKING, PLEASE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kb.model import Lang

_EN_OPENERS = frozenset({"is", "are", "does", "do", "did", "can", "could", "should", "must", "will", "would",
                         "has", "have", "was", "were", "may", "shall", "isn", "aren", "doesn", "don"})
#: A question opening with a phrase before its auxiliary ("in the worst case does …?", "after a crash, is …?").
_EN_PREPOSITIONS = frozenset({"in", "on", "at", "for", "with", "without", "after", "before", "during", "under",
                              "per", "according"})
#: A last word that makes an elliptical "…, supported?" a yes/no question.
_PREDICATES = frozenset({"supported", "supporte", "supportee", "charge", "ok", "okay", "possible", "required",
                         "allowed", "needed", "necessary", "mandatory", "obligatoire", "necessaire", "requis",
                         "autorise", "fine", "safe", "enough", "suffisant", "correct", "true", "vrai", "legit", "valid",
                         "valide", "recommended", "recommande", "encrypted", "chiffre", "protected", "protege",
                         "applicable", "part", "included", "inclus", "incluse", "covered", "couvert", "couverte"})
_SETUPS = frozenset({"config", "configuration", "setup", "scenario", "scenarios", "combo", "design", "architecture"})
#: Subjects after an inverted auxiliary ("can they", "does it"): the main clause of a conditional question.
_SUBJECTS = frozenset({"they", "it", "i", "we", "you", "he", "she", "someone", "anyone", "the", "ipsec", "ike", "that",
                       "this", "users", "passwords", "traffic", "failover", "nlbsflags"})
_PREAMBLE = frozenset({"so", "ok", "okay", "hey", "hi", "and", "but", "quick", "question", "also", "then",
                       "alors", "donc", "et", "mais", "bon", "dis", "dites", "moi", "oakley"})
_FR_WH = frozenset({"quel", "quelle", "quels", "quelles", "ou", "comment", "combien", "pourquoi", "quand",
                    "que", "qu", "quoi", "qui", "lequel", "laquelle", "lesquels"})
_FR_INVERSION = r"\b[^\W\d_]+-(?:t-)?(?:il|elle|on|je|tu|ils|elles|nous|vous)\b"  # and Quebec "-tu"
_CHOICE = frozenset({"or", "ou", "versus", "vs"})
_FINE = frozenset({"good", "ok", "okay", "fine", "correct", "right", "bon", "bien", "juste", "correcte", "normal",
                   "normale", "expected", "attendu"})
_CLAUSE_END = r"[.,;:!](?:\s|$)|\s[-–—]\s"  # "…, Exchange 1 min each - total downtime?": the last clause asks
_FIGURE_CHOICE = r"\b\d+\s*(?:[a-z]+\s+)?(?:or|ou)\s+\d"  # "6 or 2 minutes", "5 min ou 1 min"; compiled on use
_EN_VERBS = frozenset({"is", "are", "was", "were", "does", "do", "costs", "cost", "takes", "take", "goes", "go",
                       "gotta", "got", "edit", "put", "set", "apply", "modify", "speed", "speeds",
                       "needs", "need", "uses", "use", "has", "have", "applies", "works", "work", "gets",
                       "means", "requires", "require", "supports", "support", "includes", "include", "drops",
                       "lasts", "stays", "remains", "helps", "shortens", "reduces", "matters", "changes",
                       "cuts", "saves", "halves", "makes", "covers", "cover", "contains", "encrypts", "protects",
                       "brings", "bring", "lowers", "lower", "shrinks", "decreases", "increases", "improves", "fixes",
                       "solves", "affects", "impacts", "sets", "turns", "avoids", "prevents", "happens", "depends",
                       "belongs", "belong", "lives", "sits", "runs", "run", "exists", "exist"})
_ASKED_NOUNS = frozenset({"difference", "diff", "comparison", "gap", "ratio", "summary", "list", "overview",
                          "breakdown", "timeline", "total", "sum", "eta", "reason", "reasons", "purpose", "cause"})
_ASKED_NOUNS_FR = frozenset({"reduction", "difference", "ecart", "pourcentage", "ratio", "resume", "liste"})
#: Openings of a condition before the question's main clause.
_CONDITIONS = frozenset({"if", "assuming", "given", "suppose", "supposing", "say", "once"})
_EN_WH = frozenset({"what", "whats", "which", "where", "how", "why", "when", "who", "whom", "whose",
                    "hw", "wat", "wht", "whr", "wut"})  # and their chat spellings
_TAGS = ("right", "correct", "true", "yes", "no", "ok", "okay", "innit", "yeah", "isn t it", "is that right",
         "expected", "normal", "is that normal", "c est normal",
         "is that correct", "c est ca", "c est bien ca", "non", "hein", "vrai", "exact", "correct", "ou pas",
         "oui ou non", "yes or no", "confirm", "tu confirmes", "vous confirmez", "je confirme", "doc says",
         "article says", "kb says", "that right", "non", "pas vrai", "or nah", "or not", "real or not", "ou non",
         "do they", "does it", "is it", "are they", "can they", "will it", "c est le cas", "est ce vrai", "do we",
         "affirmative", "affirmatif")
_FR_WH_ANYWHERE = frozenset({"quel", "quelle", "quels", "quelles", "combien", "comment", "pourquoi",
                             "lequel", "laquelle", "lesquels", "lesquelles", "quoi"})
_RELATIVE = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "quoi"})
_FR_PREPOSITIONS = frozenset({"vers", "dans", "sur", "par", "pour", "avec", "sous", "sans", "selon", "contre", "chez"})
_FR_WH_LAST = frozenset({"quand", "comment", "pourquoi", "combien", "lequel", "laquelle", "lesquels", "lesquelles",
                         "quoi", "qui"})  # "Oakley c'est qui ?"
_FR_WH_START = frozenset({"que", "qu", "quoi", "qui", "ou", "quand"})
#: French verbs that make "… ?" a yes/no question ("ça marche avec NLBSFlags ?").
_FR_VERBS = frozenset({"est", "sont", "faut", "peut", "peux", "doit", "dois", "va", "vont", "marche", "marchent",
                       "tape", "tapes", "saisit", "saisis",  # "on tape bien 1 ?"
                       "coupe", "coupent", "dure", "revient", "reviennent",  # "ça coupe IPSec 5 s ?"
                       "disparait", "disparaissent", "saute", "sautent",  # "la minute d'IKE, elle disparaît ?"
                       "fonctionne", "change", "suffit", "existe", "supprime", "chiffre", "protege", "sert",
                       "ont", "passe", "passent", "descend", "prend", "reste", "aide", "accelere", "reduit",
                       "applique", "utilise", "utilisent", "prevoit", "couvre", "parle", "inclut",
                       "comprend", "contient", "donne", "recommande", "conseille", "met", "faudrait", "devrait",
                       "fait", "font", "partie", "mets", "pose", "supporte", "accepte", "croit", "croient", "pense",
                       "pensent",
                       "renegocie", "date", "rend", "voit", "sait", "mentionne",
                       "mentionnent", "evoque", "cite", "traite", "explique", "precise",
                       "depend", "dependent", "varie", "varient", "augmente", "diminue", "baisse", "tombe",
                       "depasse", "depassent", "tient", "tiennent", "respecte", "respectent", "restent",
                       "concerne", "concernent", "ramene", "ramenent", "suffisent", "evite", "empeche", "permet",
                       "permettent", "corrige", "resout", "vaut", "valent", "supportent", "gere", "prennent",
                       "durent", "coute", "coutent", "affecte",
                       "impacte", "necessite", "exige", "requiert",
                       "crypte", "arrive", "conserve", "perd", "perdent", "detecte", "remarque", "apercoit",
                       "attend", "attendent", "efface", "redemarre", "raccourcit", "accelerent", "joue",
                       "figure", "figurent", "apparait", "apparaissent", "ete", "etait", "gagne", "gagnent", "peuvent",
                       "pourrait", "pourraient", "doivent", "devraient", "savent", "refait", "refont",
                       "economise", "divise", "limite", "limitent", "resume", "resument", "decompose",
                       "decomposent", "compose", "composent", "trouve", "trouvent", "situe", "situent", "veut",
                       "veulent", "correspond", "correspondent", "compte", "comptent", "mesure", "mesurent"})


#: Openings that ask whether what follows is so ("Is it true that…", "Est-il exact que…").
_CONFIRM_OPENERS = [o.split() for o in (
    "is it true that", "is it correct that", "is it right that", "is it accurate that", "is it the case that",
    "can you confirm that", "could you confirm that", "can you confirm", "could you confirm", "please confirm that",
    "est il exact que", "est il vrai que", "est il juste que", "est il exact qu", "est il vrai qu",
    "est ce exact que", "est ce vrai que", "pouvez vous confirmer que", "pourriez vous confirmer que",
    "confirmez vous que", "peux tu confirmer que", "n est il pas exact que", "n est il pas vrai que",
    "c est vrai que", "c est bien vrai que", "c est exact que", "c est bien exact que", "est ce bien vrai que",
    "is it really true that", "true or false", "vrai ou faux")]


_CLAIM_TAGS = frozenset({"right", "correct", "true", "accurate", "ca", "vrai", "exact"})  # "…, c est ca ?"
#: Denials of a claim's verb; "not only", "pas seulement" add, "pas à pas" is a manner.
_DENIALS = frozenset({"not", "never", "pas", "jamais"})
_BUT = frozenset({"mais", "but"})
_ADDING = frozenset({"only", "just", "seulement", "uniquement", "que", "qu", "a"})


def denies_claim(tokens: list[str]) -> bool:
    """"Is it true that NLBSFlags does not go on the back-end?", "c'est vrai que l'article donne pas de …":
    asked whether a denial holds, so the Yes of the fact asserted is the claim's No (once denied, not twice)."""
    if not asks_if_true(tokens):
        return False
    words = [t for t in tokens if t not in _PREAMBLE - _BUT] or tokens  # "pas 0 mais bien 1": a contrast
    start = next((len(o) for o in _CONFIRM_OPENERS if words[: len(o)] == o), 0)
    claim = words[start:]
    denials = sum(1 for i, t in enumerate(claim) if t in _DENIALS and claim[i + 1 : i + 2] != ["a"] and not (
        claim[i + 1 : i + 2] and claim[i + 1] in _ADDING and t in ("not", "pas")) and claim[i - 2 : i] != ["pas", "a"]
        and _denies_verb(claim, i) and not _BUT & set(claim[i + 1 : i + 7]))
    return denials == 1


_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could", "should", "will", "would",
                          "has", "have", "must", "need", "needs", "may", "might", "shall"})


def _denies_verb(words: list[str], i: int) -> bool:
    """"does not go", "ne se configure pas", "donne pas de …": the verb denied; "on the FE, not the BE" contrasts
    two things and denies neither claim."""
    if words[i] in ("never", "jamais"):
        return True
    if words[i] == "not":
        return i > 0 and words[i - 1] in _AUXILIARIES
    return bool({"ne", "n"} & set(words[max(0, i - 4) : i])) or words[i + 1 : i + 2] in (["de"], ["d"])


def asks_if_true(tokens: list[str]) -> bool:
    """"Is it true that X?": a Yes says X holds, even when X is negative ("… are not protected?" → Yes)."""
    words = [t for t in tokens if t not in _PREAMBLE] or tokens
    # "…are not protected, right?": a statement tagged "right?" claims what it states, as "is it true that…"
    # does ("…aren't protected, are they?" is answered with the fact's polarity: "No, they are not")
    return any(words[: len(o)] == o for o in _CONFIRM_OPENERS) or (
        len(words) > 3 and words[-1] in _CLAIM_TAGS and _tagged(words))


def _tagged(words: list[str]) -> bool:
    tail = " ".join(words[-3:])
    for tag in _TAGS:
        if tail == tag or tail.endswith(" " + tag):
            before = words[-len(tag.split()) - 1] if len(words) > len(tag.split()) else ""
            return before not in _EN_WH  # not "…, what is it?": a question word before "is it" asks it
    return False


def _offers_choice(words: list[str]) -> bool:
    """An "or" among the last words offers a choice; "whether or not clustering is used", "ou non" do not,
    nor the article's own pairs ("does the FE use Kerberos or NTLM for HTTP?": it says "Kerberos or NTLM")."""
    tail = words[-6:]
    return any(w in _CHOICE and (i + 1 == len(tail) or tail[i + 1] not in _NOT_A_CHOICE)
               and not (0 < i < len(tail) - 1 and {tail[i - 1], _second(tail, i)} in _ARTICLE_PAIRS)
               for i, w in enumerate(tail) if i or len(words) <= 6)


def _second(tail: list[str], i: int) -> str:
    """The option after the "or" at `i`, past a repeated preposition ("en SSL ou en TLS")."""
    return tail[i + 2] if tail[i + 1] in _REPEATED and i + 2 < len(tail) else tail[i + 1]


_REPEATED = frozenset({"en", "in", "with", "via", "par", "by", "avec"})


#: Words linking a clause to the one before (", donc qu'est-ce qui …"): the clause after them asks.
_LINKING = frozenset({"donc", "alors", "faque", "fait", "que", "et", "mais", "du", "coup", "bref", "pis", "puis"})
_UNHYPHENATED = (["faut", "il"], ["peut", "on"], ["doit", "on"], ["dois", "je"], ["est", "il"], ["est", "elle"],
                 ["peut", "il"], ["faudrait", "il"])
_ARTICLE_PAIRS = ({"kerberos", "ntlm"}, {"pop3", "imap4"}, {"ssl", "tls"})
#: After "or": no second option ("ou non", "or something else", "REG_DWORD ou autre").
_NOT_A_CHOICE = frozenset({"not", "non", "pas", "autre", "autres", "other", "something", "anything", "whatever",
                           "quoi", "similar", "so", "only", "seulement", "uniquement", "juste", "just"})


_EMBEDDING = frozenset({"si", "if", "whether", "s"})  # "s'il", "s'ils": tokenised "s", "il"
_POLITE_AUX = frozenset({"can", "could", "would", "will", "peux", "pouvez", "pourrais", "pourriez", "tu", "vous"})
_YOU = frozenset({"you", "u", "ya", "tu", "vous", "me", "moi"})
_REQUESTS = frozenset({"explain", "tell", "give", "describe", "show", "list", "summarise", "summarize", "walk",
                       "clarify", "remind", "detail", "expliquer", "explique", "dire", "donner", "decrire",
                       "lister", "resumer", "rappeler", "detailler", "indiquer", "preciser", "exprimer", "convertir",
                       "calculer", "fournir", "communiquer", "express", "convert", "calculate", "compute", "provide",
                       "share"})
_LABEL = r"(?i)\s*((?:[A-Za-z]+ ){0,2}(?:question|q|query|qn|quiz|check|doubt)) ?:\s"  # compiled on use
_KINDLY = PLEASE | {"kindly", "just", "simplement"}
_VERDICT_ASKED = frozenset({"true or false", "vrai ou faux", "yes or no", "oui ou non"})


def is_yes_no(question: str, tokens: list[str], lang: Lang) -> bool:
    if ":" in question[:40] and (label := re.match(_LABEL, question[:40])) and len(tokens) > (
            n := len(label.group(1).split())) + 2:
        tokens = tokens[n:]  # "Security question: is Kerberos part of policy 3?": the label is not the question
    words = [t for t in tokens if t not in _PREAMBLE] or tokens
    if words[:2] in (["quick", "one"], ["random", "one"], ["petite", "question"]) and len(words) > 3:
        words = words[2:]  # "quick one: is a planned move under 10 seconds?"
    if words and (words[0] in ("if", "si") or (words[0] in ("with", "avec") and tokens[:1] in (["and"], ["et"]))) and (
            "," not in question[:2000]) and len(words) <= 8 and not re.search(
            _FR_INVERSION, question[:2000], re.I) and not any(
            a in _EN_OPENERS and b in _SUBJECTS for a, b in pairwise(words[2:])):
        return False  # "…how long? And if / with Exchange taking 4 minutes?": the same question, for another case
    at = next((i for i in range(min(10, len(words) - 1)) if words[i] in _POLITE_AUX and words[i + 1] in _YOU and (
        i == 0 or f", {words[i]}" in question[:200].lower())), 0)  # "Pour mon tableau, pourriez-vous m'exprimer…"
    request = [w for w in words[at + 2 : at + 6] if w not in _KINDLY] + ["", ""]
    if len(words) > at + 3 and words[at] in _POLITE_AUX and words[at + 1] in _YOU and (
            request[0] in _REQUESTS or (request[0] in ("me", "moi", "nous", "m") and request[1] in _REQUESTS) or (
                request[0] == "let" and request[1] in ("me", "us"))):
        return False  # "can u explain the firewall thing", "pouvez-vous me donner…", "could you let me know…"
    if _VERDICT_ASKED & {" ".join(words[:3]), " ".join(words[-3:])}:
        return True  # "true or false: …", "Yes or no: NLBSFlags goes on the front-end?", "…, oui ou non ?"
    if asks_if_true(words):
        return True  # "Is it true that … Kerberos or NTLM?": the "or" is the claim's own, not a choice
    if words[-2:] in (["y", "n"], ["yes", "no"], ["oui", "non"], ["o", "n"]) and "/" in question[-12:]:
        return True  # "pop3 to back-end = basic auth only? y/n"
    if not words or (_offers_choice(words) and not _tagged(words)):
        return False
    if any(a in ASKING and b in _EMBEDDING for a, b in pairwise(words)):
        return True  # "Il demande si c'est pris en charge…", "she wants to know whether…": a yes/no, reported
    if len(words) <= 3 and words[-1] in _FINE and question.rstrip().endswith("?"):
        return True  # "all good?", "c'est bon ?", "we ok?": does what was shown hold
    if words[-1] in _FR_WH_LAST or any(a == "est" and b == "qui" for a, b in pairwise(words)):
        return False  # "les SA sont supprimées quand ?", "Oakley, c'est qui dans ce KB ?": a question word asks it
    if _CHOICE & set(words) and re.search(_FIGURE_CHOICE, question[:2000], re.I) and not _tagged(words):
        return False  # "is it 6 or 2 minutes with NLBSFlags?": a choice between figures
    if _tagged(words) and (not (_EN_WH | _FR_WH_ANYWHERE) & set(words[:2])
                           or (words[0] in _CONDITIONS | {"when", "quand", "lorsque", "si"} and "," in question)):
        return True  # "…, right?"; "When a node hangs, the FE notices at once, correct?"
    if len(words) > 2 and words[-1] in _SETUPS and words[-2] in _PREDICATES:
        words = words[:-1]  # "w2k cluster with ipsec, supported config?": the predicate before the noun
    if question.rstrip().endswith("?") and (words[-1] in _PREDICATES or words[0] in _PREDICATES) and not (
            _EN_WH | _FR_WH_ANYWHERE) & set(words):
        return True  # "w2k clustered — supported?", "avec NLB, pris en charge ?", "supported on 2003 too?"
    if "=" in question and re.search(r"\S\s*=\s*\d{1,6}\s*\?\s*$", question[:2000]) and not (
            _EN_WH | _FR_WH_ANYWHERE) & set(words) and not re.search(  # not "total with nlbsflags=1?": a condition
            r"(?i)\b(?:with|avec|sans|without|w/)\s+\S+\s*=\s*\d{1,6}\s*\?\s*$", question[:2000]):
        return True  # "NLBSFlags data = 1?": a value to confirm (not "total = ?")
    if lang == "en":
        if words[0] == "when" and "," in question[:2000]:  # "when the back-end crashes, does the FE notice?"
            main = question[:2000].split(",", 1)[1].lower().split()
            if main and main[0] in _EN_OPENERS:
                return True
        if words[0] in _EN_WH:
            return False
        clauses = [c.split() for c in question.lower().replace("-", ",").split(",")]
        if words[0] in _EN_OPENERS or any(c and c[0] in _EN_OPENERS for c in clauses[1:3]):
            return True
        if words[0] in _EN_PREPOSITIONS and any(w in _EN_OPENERS for w in words[1:8]) and not _EN_WH & set(words[:8]):
            return True  # "In the worst case does a node hang cost only 6 seconds?"
        main = question[:2000].split(",", 1)[1].lower().split() if "," in question[:2000] else []
        # "If we don't need X, only Y, which ports…?": a later clause asks with a question word
        later = [c.split()[:1] for c in question[:2000].lower().split(",")[1:4]]
        if words[0] in ("if", "when", "once") and not any(c and c[0] in _EN_WH for c in later) and not (
                "," not in question[:2000] and _EN_WH & set(words[1:])) and any(
                a in _EN_OPENERS and b in _SUBJECTS for a, b in pairwise(words[2:41])):
            return True  # "if someone sniffs …, can they grab …?": the main clause; not "if …, what is …?"
        if words[0] in _CONDITIONS and "," in question[:2000]:  # "if X is 90 s, total with the flag?": the main clause
            words = question[:2000].split(",", 1)[1].lower().replace("?", " ").replace("'", "").replace(
                "\u2019", "").split()
        # "Exchange needs 3.5 min. Total?": the clause the "?" ends is the question, and it names what it asks
        last = re.split(_CLAUSE_END, question[:2000].rstrip().rstrip("?"))[-1].lower()
        last_words = last.replace("'", " ").replace("\u2019", " ").split()  # "isn't it" → isn, t, it
        if question.rstrip().endswith("?") and not _EN_WH & set(words) and _states_figure(last_words):
            return True  # "without NLBSFlags, 6 minutes?", "three times faster with the flag?": a figure to confirm
        split = len(last) < len(question[:2000].rstrip().rstrip("?").strip())  # the "?" ends a later clause
        if last_words and split and not (_EN_VERBS | _PREDICATES | _EN_OPENERS | {"not", "no"}) & set(
                last_words):  # "…, not 1 min?" corrects a figure; "…, isn't it?" tags
            return False
        # A statement asked as a question ("Port 80 is part of policy 2?"): no question word, a verb, a "?";
        # not a noun phrase naming what is asked ("difference between 2000 and 2003 support?").
        sentence = re.split(r"(?<=[a-z])\.\s", question[:2000].lower())[-1].split()  # "~3 min. total failover …?"
        return (question.rstrip().endswith("?") and len(words) >= 5 and not _EN_WH & set(words)
                and not _ASKED_NOUNS & set(words[:2]) and not (sentence and sentence[0] in _ASKED_NOUNS)
                and (bool((_EN_VERBS | _PREDICATES) & set(words)) or _equals(question)
                     or bool({"ok", "okay"} & set(tokens[1:]))))  # "… both ok with ESP transport?" (not a preamble)
    if words[0] == "est" and len(words) > 2 and words[1] == "ce" and words[2] in ("que", "qu"):
        return True
    if words[:2] == ["d", "ou"] and ("d'où" in question[:20].lower() or "d’où" in question[:20].lower()):
        return False  # "d'où viennent les 2 minutes ?": from where, a question word
    conditional = words[0] == "quand" and "," in question[:200]  # "Quand le nœud plante, le frontal … ?"
    # "quelle que soit la charge" concedes; it asks nothing
    # "vers lequel on bascule": a relative pronoun after a preposition asks nothing
    asked = {w for w, nxt, before, earlier in zip(words, [*words[1:], ""], ["", *words[:-1]],
                                                   ["", "", *words[:-2]][: len(words)], strict=True)
             if nxt not in ("que", "qu") and not (w in _RELATIVE and before in _FR_PREPOSITIONS
                                                  and earlier not in ("", "et", "ou", "mais"))}  # "et sur lequel" asks
    if _FR_WH_ANYWHERE & asked or (words[0] in _FR_WH_START and not conditional):
        return False
    if re.search(_FR_INVERSION, question[:2000], re.I) or words[:2] in _UNHYPHENATED:
        return True  # "faut-il…", and typed without its hyphen, "faut il taper 0 …"
    after_comma = re.split(r"[\s'\u2019-]+", question[:2000].split(",", 1)[1].lower().strip()) if (
        "," in question[:2000]) else []
    while after_comma and after_comma[0] in _LINKING:  # ", donc qu'est-ce qui …", ", faque qu'est-ce qui …"
        after_comma = after_comma[1:]
    if after_comma[:3] in (["qu", "est", "ce"], ["que", "est", "ce"]) or after_comma[:1] in (["où"], ["quand"]):
        return False  # "Sans IPSec, qu'est-ce qui n'est pas protégé ?": the main clause asks with a question word
    if words[0] in _ASKED_NOUNS_FR:  # "réduction en pourcentage … ?" names what it asks for
        return False
    clauses = re.split(_CLAUSE_END, question[:2000].rstrip().rstrip("?"))
    last = [t for t in re.split(r"[\s'\u2019]+", clauses[-1].lower())  # "… c'est 1 minute ?": "est" is a verb
            if t and t not in ("le", "la", "les", "l", "et", "alors", "donc")]
    if len(clauses) > 1 and last and last[0] in _ASKED_NOUNS_FR | {"temps", "total", "durée", "duree", "délai",
                                                                   "delai", "somme", "écart"} and not (
            _FR_VERBS & set(last)):
        return False  # "Exchange met 2 minutes, pas de NLBSFlags : temps total ?" names what it asks for
    if question.rstrip().endswith("?") and _states_figure(
            re.split(_CLAUSE_END, question[:2000].rstrip().rstrip("?"))[-1].lower().split()):
        return True  # "sans NLBSFlags, 6 minutes ?": a figure to confirm
    if len(words) >= 4 and words[-1] in _PREDICATES and not question.rstrip().endswith((".", ":")):
        return True  # "sous win2000 sans cluster ipsec frontal back end c supporte": a claim to check, "?" or not
    # "ça se compte en secondes ?": a reflexive verb is a verb too
    return question.rstrip().endswith("?") and (bool(_FR_VERBS & set(words)) or _equals(question)
                                                 or ("se" in words[1:-1] and len(words) >= 4))


_FIGURE_UNITS = frozenset({"min", "mins", "minute", "minutes", "mn", "s", "sec", "secs", "second", "seconds", "seconde",
                           "secondes", "times", "fois", "x", "%", "percent", "pourcent", "h", "hours", "heures"})
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "un", "une", "deux", "trois", "quatre",
                           "cinq"})


def _states_figure(words: list[str]) -> bool:
    """A short clause that is a figure and little else ("6 minutes", "3x faster with the flag"): confirm it?"""
    if not words or len(words) > 8:
        return False
    return any((w.isdigit() or w in _NUMBER_WORDS) and nxt in _FIGURE_UNITS
               for w, nxt in zip(words, [*words[1:], ""], strict=True)) or any(
        w[:-1].isdigit() and w[-1] == "x" for w in words) or any(  # "Port 143 pour IMAP4 … ?": a port proposed
        w == "port" and nxt.isdigit() for w, nxt in zip(words, [*words[1:], ""], strict=True))


def _equals(question: str) -> bool:
    """"total = Exchange + IPSec ?" states an equation to confirm; "… = ?" asks for its value."""
    at = question.find(" = ")
    rest = question[at + 3 :].lstrip()
    return at >= 0 and not rest.startswith("?") and not rest[:1].isdigit()  # "exchange = 2 min, total?" gives
