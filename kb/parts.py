"""Splitting a message into the questions it asks, in one linear pass.

"Where do I set NLBSFlags and what value should it have?" is two questions; each
part is answered on its own, and a part the article does not cover is said so
without losing the others. Splits happen at `?`, `;` and line breaks, and at a
joining word ("and", "et", "also"…) directly followed by a question word.
"""

from __future__ import annotations

import re
from itertools import pairwise

# "(a) …, (b) …" enumerates questions; a "?" after one or two letters is a lost character ("n?ud", "d?articles")
# "1) … 2) …", "1/ … 2/ …" too
_HARD = re.compile(r"(?<=\?)(?![\w)\]])|(?<=\w\w\w\?)(?![)\]])|(?<=[;\n])|(?<=[.!])(?=\s)|(?<=[.!]['\"’”»])(?=\s)|"
                   r"(?=\s\([a-e1-5]\)\s)|(?=\s[1-5][)/]\s)|(?=\s[a-e]\)\s)")
# ("… nodes.' Is that …": a quote closes a sentence; "a) … b) …" items too; "(88 TCP/UDP?)" does not)
#: "three things: a, b, and c", "2 questions : …": an announced list, whose every item asks (compiled on use).
_LIST_HEAD = (r"\W*(?:[^:?]{0,20}?\b)?(?:[2-5]|two|three|four|five|deux|trois|quatre|cinq)\s+(?:quick\s+|petites?\s+)?"
              r"(?:things?|questions?|qs|q|choses?|points?|trucs?|ones)\b[^:?]{0,40}:\s*")  # "Hi team, 3 quick ones:"
_LIST_ITEM = r",\s*(?:(?:and|et|puis|pis)\s+)?"
#: " / what value": a slash before a question word separates questions ("POP3 / IMAP4" does not; compiled on use)
_SLASHED = (r"\s/\s(?=(?:what|which|where|how|why|when|do|does|is|are|can|should|any|quel|quelle|quels|quelles|"
            r"où|ou|comment|combien|pourquoi|est-ce|faut|et)\b)")
_JOINERS = frozenset({"and", "also", "plus", "then", "et", "aussi", "puis", "pis", "ensuite", "&", "+"})
_QUESTION_WORDS = frozenset({
    "what", "what's", "whats", "where", "which", "how", "why", "when", "who", "is", "are", "does", "do", "did",
    "can", "could", "should", "must", "will", "would", "has", "have", "quel", "quelle", "quels", "quelles",
    "où", "ou", "comment", "combien", "pourquoi", "quand", "est-ce", "faut-il", "dois-je", "doit-on", "peut-on",
    "puis-je", "que", "qu'est-ce", "y", "faut", "dois", "doit", "peut", "peux",
    "kel", "kelle", "kels", "kelles", "koman", "kan", "koi", "pkoi",  # spelt as said ("et kel port ?")
})
#: Question words that may come a little after the joiner ("et on met quoi dedans ?").
_LATE_QUESTION_WORDS = frozenset({"quoi", "combien", "comment", "quel", "quelle", "quels", "quelles", "pourquoi",
                                  "lequel", "laquelle", "lesquels", "lesquelles", "koi", "kel", "kelle", "koman",
                                  "what", "which", "how", "why", "where"})
_ABBREVIATIONS = ("incl.", "inc.", "e.g.", "i.e.", "etc.", "approx.", "vs.", "ex.", "cf.", "min.", "sec.", "max.",
                  "resp.", "env.", "p.ex.")
MAX_PARTS = 4


_SUMS = frozenset({"plus", "+"})
#: Words that open a question when one already opened the sentence ("what…, what…").
_WH_OPENERS = frozenset({"what", "where", "which", "how", "why", "when", "who", "quel", "quelle", "quels", "quelles",
                         "où", "comment", "combien", "pourquoi", "quand", "what's", "whats", "where's", "how's",
                         "what’s", "where’s", "kel", "kelle", "kels", "kelles", "koman", "kan", "pkoi"})
_WHEN = frozenset({"when", "quand", "kan"})  # "when …, what …": a condition, then the question
_AUX_OPENERS = frozenset({"is", "are", "does", "do", "can", "should", "will", "must", "could", "would"})
_AUX_SUBJECTS = frozenset({"it", "this", "that", "there"})  # not "we": "What lifetime, should we set…?" is one
_CONDITIONS = frozenset({"si", "if", "assuming", "suppose", "supposons", "imagine", "imaginons"})
_PRONOUNS = frozenset({"on", "je", "tu", "il", "elle", "vous", "nous", "we", "i", "you", "it", "ça", "ca", "cela",
                       "c'est", "c’est", "cest"})
#: "…, et IPSec y est-il pris en charge ?": a verb before its subject asks, in French.
_INVERSION = re.compile(r"\w-(?:t-)?(?:il|elle|on|ils|elles|je|tu|vous|nous)\W*$")
#: "…sans la clé, combien au total, et avec la clé ?": after a comma, the other case asks the same again.
_STATES = frozenset({"avec", "sans", "with", "without", "sur", "pour", "for", "on"})
_THE = frozenset({"la", "le", "les", "l", "the", "its", "sa", "son", "ses"})
_ASKED_THINGS = frozenset({"valeur", "value", "type", "chemin", "path", "port", "ports", "etapes", "étapes", "steps",
                           "date", "version", "editions", "éditions", "numéro", "numero", "number",
                           "durée", "duree", "temps", "time", "cle", "clé", "key", "default", "total"})
#: "avant la modif, combien, et après ?": the other time asks the same again (not "je clique sur OK, et après ?")
_OTHER_TIME = {"après": "avant", "apres": "avant", "after": "before", "avant": "après", "before": "after"}
_ENGLISH_AFTER_ON = frozenset({"the", "a", "an", "this", "that", "each", "every", "both", "all", "our", "my", "it"})


def _asks_after(words: list[str], i: int) -> bool:
    """A joiner starts a new question: a question word next, or soon after, or a new subject ("et on peut…")."""
    nxt = [w.lower().strip(",") for w in words[i + 1 : i + 4]]
    if words[i].lower() in ("also", "aussi") and not words[i - 1].endswith(","):
        return False  # "doesn't a planned move also have to wait…?", "prend aussi combien ?": an adverb
    if words[i].lower() == "plus" and i and words[i - 1].lower() in ("de", "en"):
        return False  # "combien de ports de plus que la 1re ?": more, not a new question
    if words[i].lower() in _SUMS:  # "5 min idle plus IKE makes how much?" adds; it asks one question
        return bool(nxt) and nxt[0] in _QUESTION_WORDS
    if nxt and nxt[0] in _STATES and words[i - 1].endswith(","):
        return True
    if nxt and nxt[0] in _CONDITIONS and words[i - 1].endswith(",") and any(
            w.lower().strip(",?") in _QUESTION_WORDS | _LATE_QUESTION_WORDS for w in words[i + 2 : i + 12]):
        return True  # "how long are we down, and if we set NLBSFlags to 1 what does it drop to?": the other case
    if nxt[:2] in (["de", "quand"], ["depuis", "quand"], ["since", "when"]):
        return True  # "Quels produits sont concernés et de quand date sa mise à jour ?": a second question
    if len(nxt) >= 2 and words[i - 1].endswith(",") and nxt[0] in _THE and (nxt[1] in _ASKED_THINGS or (
            nxt[1].isdigit() and len(nxt[1]) <= 3)):
        return True  # "Les étapes dans regedit, et la valeur par défaut ?", "…, et les 2 minutes avec NLBSFlags ?"
    if nxt and nxt[0] in _OTHER_TIME and len(words) - i <= 3 and words[i - 1].endswith(",") and (
            _OTHER_TIME[nxt[0]] in (w.lower() for w in words[:i])):  # the time alone: "…, et après ?", "…, and after?"
        return True
    if nxt and nxt[0] == "on" and len(nxt) > 1 and (words[i + 2][:1].isupper() or nxt[1] in _ENGLISH_AFTER_ON):
        return False  # "also on Exchange 2007", "and on the back-end": English "on", not the French pronoun
    if words[i - 1].endswith(","):  # "…, et Exchange lui-même met combien ?": a new subject may come first
        nxt = [w.lower().strip(",") for w in words[i + 1 : i + 7]]
    return bool(nxt) and (nxt[0] in _QUESTION_WORDS or nxt[0] in _PRONOUNS
                          or any(w.split("'")[-1] in _LATE_QUESTION_WORDS or _INVERSION.search(w) for w in nxt))


def split(question: str) -> list[str]:
    """The question's parts (at most MAX_PARTS; the rest stays with the last)."""
    parts: list[str] = []
    pieces: list[str] = []
    if " / " in question:  # "where do i set NLBSFlags / what value / do I need a reboot?": one question each
        question = re.sub(_SLASHED, "; ", question[:4000], flags=re.I) + question[4000:]
    for piece in _HARD.split(question):
        if pieces and pieces[-1].rstrip().lower().endswith(_ABBREVIATIONS):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    if "," in pieces[0] and (head := re.match(_LIST_HEAD, pieces[0], re.I)):  # "three things: a, b, and c"
        items = [i.strip().rstrip("?") for i in re.split(_LIST_ITEM, pieces[0][head.end() :], flags=re.I) if i.strip()]
        pieces = [*(f"{i}?" for i in items), *pieces[1:]]
    for piece in pieces:
        words = piece.split()
        mark = "?" if piece.rstrip().endswith("?") else ""  # every question of a sentence ending in "?" asks
        start = 0
        last_condition = -1  # where the part's last "if", "when", "si", "quand" is
        main_clause = False  # "If X hangs, how long …, and if we set it, what …?": the question after the condition
        for i in range(1, len(words) - 1):
            joiner = words[i].lower().strip(",")
            main_clause = main_clause or (words[i - 1].lower().strip(",?") in _QUESTION_WORDS and i - 1 > start)
            between = any(w.lower() in ("between", "entre") for w in words[max(start, i - 3) : i])
            # "si notre récup c'est 1 min pis on a 5 plantages, …": a condition goes on; a question word starts anew
            conditional = (words[start].lower() in _CONDITIONS and not (
                main_clause and words[i - 1].endswith(",") and words[i + 1].lower() in _CONDITIONS) and (
                words[i + 1].lower() not in _QUESTION_WORDS or words[i + 1].lower() in ("que", "qu'"))) or (
                words[start].lower() in ("quand", "lorsque", "lorsqu'") and words[i + 1].lower() in ("que", "qu'"))
            # ("quand le nœud tombe et que NLBSFlags vaut 1, …": when X and Y)
            # "how long … when a node hangs and we haven't set NLBSFlags yet?": the condition goes on
            if words[i - 1].lower() in _CONDITIONS or words[i - 1].lower() in _WHEN:
                last_condition = i - 1  # kept as the loop goes: linear, not a scan of the part at each word
            conditional = conditional or (last_condition >= start
                                          and (words[i + 1].lower() in _PRONOUNS or words[i + 1].lower() in (
                                              "que", "qu'", "qu’")))  # "si le nœud se bloque et que la clé…"
            # "S'agissant d'un déplacement planifié, et non d'une défaillance, quel délai …": a case set aside
            conditional = conditional or words[i + 1].lower().strip(",") in ("non", "not", "pas")
            # "compare HTTP and POP3: how does each authenticate?": the two named are the one question's subjects
            both = words[start].lower() in _COMPARING or bool(
                _DISTRIBUTIVE & {w.lower().strip(",?:") for w in words[i + 1 : i + 8]})
            if joiner in _JOINERS and i - start >= 2 and not between and not conditional and not both and _asks_after(
                    words, i):
                # "Avec 4 plantages par mois et NLBSFlags=1, combien … ?": a condition first, which asks nothing
                said = words[start:i]
                condition = said[0].lower() in STATED_CONDITIONS and not {
                    w.lower().strip(",?") for w in said} & (_QUESTION_WORDS | _LATE_QUESTION_WORDS)
                parts.append(" ".join(said).rstrip(",") + ("" if condition else mark))
                start, main_clause = i + 1, False
            elif (words[i - 1].endswith(",") and i - start >= 4 and words[i].lower() in _WH_OPENERS - _WHEN
                  and words[start].lower() in _WH_OPENERS - _WHEN and not conditional):
                # "What does IKE stand for, what does it do after a crash, and…": a question after a question
                parts.append(" ".join(words[start:i]).rstrip(",") + mark)
                start = i
            elif (words[i - 1].endswith(",") and i - start >= 3 and words[i].lower() in _AUX_OPENERS
                  and words[i + 1].lower().strip(",?") in _AUX_SUBJECTS and words[start].lower() in _WH_OPENERS
                  and not conditional):  # "What value goes into NLBSFlags, is it a REG_DWORD, and…": a yes/no next
                parts.append(" ".join(words[start:i]).rstrip(",") + mark)
                start = i
        if words[start:]:
            parts.append(" ".join(words[start:]))
    # "1. Does the FE…? 2. What auth…?": the list's numbers mark items; they ask nothing of their own
    # ("> 1. sur quelle machine …": a quoted item stays quoted once its number is dropped)
    kept: list[str] = []
    for i, p in enumerate(parts):
        if len(p) <= 12 and re.fullmatch(r"\s*(?:>\s*)*[1-9][.)/:]?\s*", p):
            if p.lstrip().startswith(">") and i + 1 < len(parts) and not parts[i + 1].lstrip().startswith(">"):
                parts[i + 1] = f"> {parts[i + 1]}"
        elif any(ch.isalnum() for ch in p):
            kept.append(p)
    parts = kept
    for i in range(len(parts) - 2, -1, -1):  # "hi! newbie q's: 1) …": a greeting or a heading opens the next part
        if len(parts[i].split()) <= 3 and parts[i].rstrip().endswith(("!", ":")) and not opens(parts[i]):
            parts[i : i + 2] = [f"{parts[i]} {parts[i + 1]}"]
    if len(parts) > MAX_PARTS:
        parts = [*parts[: MAX_PARTS - 1], " ".join(parts[MAX_PARTS - 1 :])]
    return parts or [question]


_COMPARING = frozenset({"compare", "comparons", "comparez", "comparer", "contrast", "compares"})
_DISTRIBUTIVE = frozenset({"each", "both", "chacun", "chacune", "respectively", "respectivement"})
#: ", et date de fin de support ?", " + UDP port for IKE?", "; also …": where one sentence may hold two questions.
_JOINED = (r"\s*,\s*(?:and|et|also|aussi|plus|pis|puis)\s+|\s+\+\s+"  # not "ça marche aussi sur XP ?"
           r"|\s*,\s+(?=(?:the|its|le|la|sa|son)\s+(?:full\s+)?(?:chemin|path|type|date|numéro|number)\b)"
           r"|\s+(?:and|an'|et)\s+(?=(?:the|its|le|la|sa|son)\s+(?:full\s+)?(?:chemin|path|type|date|numéro|number"
           r"|valeur|value)\b)")  # "le type (DWORD ?) et le chemin"


_LIST_WORDS = 8  # the longest item of a comma list of things asked for
STATED_CONDITIONS = frozenset({"with", "without", "avec", "sans", "if", "si", "w/", "w/o"})
_CONDITION_HEADS = STATED_CONDITIONS | {"on", "sur", "for", "pour", "in", "en", "dans", "after", "apres", "après",
                                         "before", "avant", "when", "quand"}


def at_joiners(part: str) -> list[str]:
    """The part cut at each joiner, each piece asking ("… sans la clé, et t'as un script PowerShell ?").

    Used only when the whole part is declined: a piece the article covers is then answered on its own.
    """
    if "," not in part and "+" not in part and " et " not in part and " and " not in part and " an' " not in part:
        # no joiner: the pattern is not even compiled (cold start)
        return [part]
    mark = "?" if part.rstrip().endswith("?") else ""
    pieces = [p.strip().rstrip("?").strip() for p in re.split(_JOINED, part[:2000], flags=re.I)]
    words = {w.strip(",;:?()").lower() for w in part[:2000].split()}
    if part.count(",") >= 2 and not words & (_QUESTION_WORDS | _LATE_QUESTION_WORDS):
        # "IKE port, ESP protocol number, failover time w/ NLBSFlags": a list of things asked, no sentence
        items = [i.strip() for p in pieces for i in p.split(",")]
        # each item a thing of two words or more, not a condition ("…, avec NLBSFlags, total ?": one question)
        if all(2 <= len(i.split()) <= _LIST_WORDS and i.split()[0].lower() not in _CONDITION_HEADS for i in items):
            pieces = items
    pieces = [p for p in pieces if len(p.split()) >= 2]
    return [f"{p}{mark}" for p in pieces] if len(pieces) > 1 else [part]


#: Openings of a question or a request, beside a closing "?" (imperatives included: "tell me…", "convertis…").
_OPENERS = _QUESTION_WORDS | frozenset({
    "tell", "give", "explain", "list", "show", "describe", "remind", "confirm", "calculate", "compute", "convert",
    "dis", "dites", "donne", "donnez", "explique", "expliquez", "rappelle", "rappelez", "indique", "indiquez",
    "liste", "listez", "confirme", "confirmez", "calcule", "calculez", "convertis", "convertissez", "combien",
    "quoi", "est-ce", "are", "was", "were", "may", "shall", "please", "pls", "svp", "stp",
})
_WH = frozenset({"what", "what's", "whats", "where", "which", "how", "why", "when", "who", "tell", "explain", "give",
                 "dis", "donne", "explique", "quoi"})
_FR_QUESTION_WORDS = frozenset({"quel", "quelle", "quels", "quelles", "combien", "comment", "pourquoi", "où"})
#: Words that embed a question in a statement.
_EMBEDDED = frozenset({"whether", "wondering", "wonder"})
#: Words by which a part without a question mark asks all the same ("total per month, range please").
#: Politeness words at the end of a request ("…, please", "… stp"); kb.yesno and kb.engine read them too.
PLEASE = frozenset({"please", "pls", "plz", "svp", "stp"})
_RELATIVES = frozenset({"que", "qu", "qui", "ce"})
_CONJUNCTIONS = frozenset({"when", "where", "which"})  # inside a statement they join clauses; they ask nothing
#: Verbs that report a question ("il demande si", "asks whether", "wants to know if"); kb.yesno reads them too.
ASKING = frozenset({"demande", "demandent", "demandait", "demandais", "savoir", "ask", "asks", "asked", "asking",
                    "know", "wonder", "wonders", "wondering", "wondered", "check", "checking", "verifier"})
#: "the case where nothing crashes", "le cas où": a relative "where", not a question word.
_HOW_MUCH = frozenset({"many", "much", "long"})
_ITEM = r"\s*\(?[a-e1-5][)/]\s"  # compiled on use: start-up time
_CASES = frozenset({"case", "cas", "situation", "scenario", "scénario", "moment", "time"})
_PREAMBLE = frozenset({"so", "ok", "okay", "hey", "hi", "and", "but", "quick", "one:", "question:", "alors", "donc",
                       "et", "mais", "bon", "salut", "bonjour", "oakley", "also", "aussi", "then", "puis"})


def opens(part: str) -> bool:
    """Does this part open a question of its own (a question word or an opener near its start)?"""
    raw = [w.lower().strip(",:;-—()?") for w in part[:400].split()]
    words = [w for w in raw if w and w not in _PREAMBLE]
    heads = {w.split("'")[-1] for w in words[:6]} | set(words[:6])  # "what's", "qu'est-ce", "l'article"
    heads -= {w for before, w in pairwise(words[:6]) if before in _CASES}  # "the case where …": a relative
    first = {words[0], words[0].split("'")[-1], words[0].split("-")[0]} if words else set()  # "donne-moi"
    return bool(first & _OPENERS or heads & (_WH | _FR_QUESTION_WORDS))


def _unelided(word: str) -> str:
    """"l'article" → "article", "qu'est-ce" → "est-ce"; but "what's" → "what" (an English contraction)."""
    head, _, tail = word.partition("'")
    if not tail:
        return word
    return tail if len(head) <= 2 or head.endswith("qu") else head


def asks(part: str) -> bool:
    """Does this part ask something, or only set the scene ("We run 2003 front-ends.")?"""
    if part.lstrip().startswith(">"):  # "> Can we not just SSL the hop?": a quoted message, the scene
        return False
    # "(a) exact registry path,", "Quiz prep: a) which mode…,": an item of a list asked for
    if part.rstrip().endswith("?") or re.match(_ITEM, part) or re.match(r"[^:?]{0,30}:" + _ITEM, part):
        return True
    if (head := re.match(_LIST_HEAD, part[:100], re.I)) and part[head.end() :].strip():
        return True  # "Two things: (1) where…,", "two things:\n- ports for the password policy": each item asks
    words = [w.lower().strip(",:;-—()") for w in part[:400].split()]
    words = [_unelided(w) for w in words if w and w not in _PREAMBLE]
    words = [w for before, w in zip(["", *words], words, strict=False) if before not in _CASES or w not in _WH]
    if PLEASE & set(words[-2:]) and len(words) > 2 and not part.rstrip().endswith(":"):
        return True  # "total per month, range please" (not "for the doc, IPSec part please:", a heading)
    if _EMBEDDED & set(words) or any(a in ASKING and b in ("si", "if") for a, b in pairwise(words)):
        return True  # "my boss wants to know whether…", "je me demande si…"
    if words[:2] in (["faut", "que"], ["faut", "qu"]) and not set(words) & (_WH | _FR_QUESTION_WORDS):
        return False  # "faut que je l'autorise sur le pare-feu": why it is asked, not another question
    # "le chiffre que donne l'article": a relative clause, not "donne-moi"
    heads = {w for i, (before, w) in enumerate(zip(["", *words[:5]], words[:6], strict=False))
             if before not in _RELATIVES and not (i and w in _CONJUNCTIONS)}  # "…about outages when one node crashed."
    return bool(words) and (words[0] in _OPENERS or words[0].split("-")[0] in _OPENERS
                            or bool(heads & _WH) or bool(set(words) & _FR_QUESTION_WORDS)
                            or any(a == "how" and b in _HOW_MUCH for a, b in pairwise(words)))  # "… how many s"


#: the units and precision a figure can be asked in
_FORMAT_UNITS = frozenset({
    "seconds", "second", "secondes", "seconde", "sec", "secs", "ms", "milliseconds", "millisecondes", "minutes",
    "mins", "decimal", "decimals", "decimale", "decimales", "percent", "percentage", "pourcentage", "pourcent"})
#: words an instruction about a figure's form is made of, in either language
_FORMAT_WORDS = _FORMAT_UNITS | PLEASE | frozenset({
    "answer", "reply", "respond", "give", "express", "convert", "put", "show", "write", "round", "rounded",
    "rounding", "to", "in", "into", "as", "a", "the", "one", "two", "1", "2", "it", "that", "them", "figure",
    "figures", "number", "numbers", "result", "only", "just", "thanks", "thx", "nearest", "place", "places",
    "me", "and", "also", "then", "reponds", "repondre", "repondez", "donne", "donnez", "donner", "exprime",
    "exprimez", "exprimer", "convertis", "convertir", "mets", "ecris", "arrondi", "arrondis", "arrondir",
    "arrondissez", "en", "la", "le", "les", "l", "une", "un", "deux", "pres", "merci", "de", "du", "chiffre",
    "chiffres", "resultat", "seulement", "juste", "moi", "et", "aussi", "puis", "ok", "so", "pourcent"})


def formats_only(part: str) -> bool:
    """"answer in seconds please", "arrondis à une décimale", "y/n": how to write the answer to the part before."""
    from kb.text import tokenize  # the rare part that can be one: start-up time

    if len(part) > 80:
        return False
    words = tokenize(part)
    if " ".join(words) in _VERDICT_ONLY:
        return True  # "… basic auth only? y/n": the answer's form, a Yes or a No
    if set(words) & _ELABORATE and not set(words) - _ELABORATE - _ELABORATE_WITH - PLEASE:
        return True  # "kindly explain", "explique stp": how to answer the part before, at more length
    return bool(words) and not set(words) - _FORMAT_WORDS and bool(set(words) & _FORMAT_UNITS)


_ELABORATE = frozenset({"explain", "elaborate", "clarify", "expand", "detail", "explique", "expliquez", "expliquer",
                        "detaille", "detaillez", "developpe", "developpez", "precise", "precisez"})
_ELABORATE_WITH = frozenset({"kindly", "sir", "madam", "po", "me", "it", "that", "more", "a", "bit", "little", "on",
                             "un", "peu", "plus", "moi", "le", "la", "nous", "us", "further", "briefly"})


_VERDICT_ONLY = frozenset({"y n", "yes no", "oui non", "o n", "yes or no", "oui ou non"})


def with_formats_joined(parts: list[str]) -> list[str]:
    """A part saying only how to write the figures joins the part it is about (the one before, else after):
    "how long w/o NLBSFlags? answer in seconds please" is one question, answered in seconds."""
    formats = [formats_only(p) for p in parts] if len(parts) > 1 else []  # each part tokenised once
    if not any(formats):
        return parts
    joined: list[str] = []
    waiting = ""  # an instruction before any question: "In seconds please: how long…?"
    for part, only in zip(parts, formats, strict=True):
        if only:
            if joined:
                joined[-1] = f"{joined[-1].rstrip()} {part.strip()}"
            else:
                waiting = f"{waiting} {part.strip()}".strip()
        else:
            joined.append(f"{part.rstrip()} ({waiting})" if waiting else part)
            waiting = ""
    return joined or parts
