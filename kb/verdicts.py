"""Settling a yes/no question from the article's data, per kind of question.

Each verdict reads what the question proposes (an OS, a server role, a value,
a duration, a protocol) and compares it with the facts the answer relies on.
None means the data cannot settle it: the answer then states the facts
without a Yes or a No rather than guess one. Named in `questions.yaml` by
`verdict:`; `kb.validate` checks the names.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from kb.answers import MESSAGE_FLOW_POLICY, Context, Reply, exchange_time
from kb.cues import ONLY_WORDS, PURPOSE, WITH_WORDS, WITHOUT_WORDS
from kb.failover import Estimate, NotCovered, estimates, with_and_without
from kb.model import AppliesTo, IkeMainMode, IpsecPolicy, RegistryValue, RelatedArticle, Support
from kb.slots import MINUTE_WORDS, SECOND_WORDS, THAN, WORD_NUMBERS, down_to
from kb.yesno import asks_if_true

_CLEAR = frozenset({"clear", "clair", "plain", "plaintext", "cleartext", "unencrypted", "exposed", "exposes",
                    "visible", "captured", "sniffed", "sniff", "sniffs", "sniffing", "sniffer", "capture", "captures",
                    "capturing", "capturer", "grab", "grabs", "steal", "steals", "intercept", "intercepts",
                    "intercepted", "intercepter", "eavesdrop", "eavesdropping", "ecouter", "ecoute", "voler",
                    "unprotected", "unsecured", "insecure"})
_EFFECT = frozenset({"shorten", "shortens", "reduce", "reduces", "speed", "speeds", "faster", "quicker", "help",
                     "disparait", "disparaissent", "disappear", "disappears", "vanish", "vanishes", "saute", "sautent",
                     "removes", "remove", "eliminates", "eliminate", "supprime", "elimine", "shrink", "shrinks",
                     "helps", "improve", "improves", "accelerate", "accelerates", "accelere", "accelerer", "reduit",
                     "reduire", "raccourcit", "raccourcir", "aide", "ameliore", "change", "changes", "affect",
                     "affects", "matter", "matters", "influence", "effect", "effet", "diminue", "diminuer",
                     "reduction", "automatically", "automatiquement", "kick", "drops", "drop", "lowers", "baisse",
                     "anything", "quelque", "work", "works", "marche", "fonctionne", "functions", "longer", "slower",
                     "lengthen", "lent", "lente", "plus"})
_USELESS = frozenset({"useless", "pointless", "inutile", "rien", "nothing"})


_FRONT_WORDS = frozenset({"front", "frontend", "fe", "frontal", "frontaux"})
_BACK_WORDS = frozenset({"back", "backend", "be", "principal", "node", "nodes", "noeud", "noeuds", "cluster"})


def supported(ctx: Context, reply: Reply) -> bool | None:
    if (mode_named := transport(ctx, reply)) is not True:
        # "it's AH / tunnel mode that MS supports here, right?": No; "tunnel or transport, which?": no verdict
        return mode_named
    os = ctx.slots.os or "windows-2003"
    data = next((f.data for f in ctx.kb.article.facts if isinstance(f.data, Support) and f.data.os == os), None)
    if data is None:
        return None
    if ctx.words & {"require", "requires", "required", "need", "needs", "necessite", "exige", "obligatoire"}:
        return False  # supported with NLB and with server clusters, with or without: neither is required
    # "hors cluster c'est supporté, mais sur un cluster alors ?": the case after the "but" is the one asked
    tail = _after_the_but(ctx.tokens) if "standalone" in ctx.concepts and {"cluster", "nlb"} & ctx.concepts else ()
    if any(t.startswith("cluster") for t in tail) and not set(tail) & _UNCLUSTERED:
        return not data.clustered if _denies_support(tail) else data.clustered
    if set(tail) & _UNCLUSTERED:
        return not data.non_clustered if _denies_support(tail) else data.non_clustered
    # "limited to non-clustered setups?", "only on a cluster?": and not the other (not "not only", "c'est juste ?")
    limited = bool(ctx.words & _LIMITED) or any(
        t in _SOLELY and not (i and ctx.tokens[i - 1] in ("not", "pas", "non")) for i, t in enumerate(ctx.tokens))
    if "standalone" in ctx.concepts:
        held = data.non_clustered and not (limited and data.clustered)
    elif {"cluster", "nlb"} & ctx.concepts:
        held = data.clustered and not (limited and data.non_clustered)
    elif data.non_clustered != data.clustered and not ctx.words & {"say", "says", "mention", "mentions", "dit",
                                                                    "parle", "anything", "quelque"}:
        return None  # "does this work on Windows 2000 front ends?": only without a cluster; the answer says so
    else:
        held = data.non_clustered
    # "so we can't run it on our 2003 cluster?", "is our setup unsupported?": the claim denies support
    return not held if _denies_support(ctx.tokens) else held


_SOLELY = ONLY_WORDS - {"just", "juste", "simplement"} | {"solely"}  # "c'est juste ?" asks whether it is right
_LIMITED = frozenset({"limited", "restricted", "limite", "limitee", "restreint", "restreinte", "reserve", "reservee"})
_UNCLUSTERED = frozenset({"hors", "sans", "without", "non", "not", "pas", "standalone", "outside", "unclustered"})


def _after_the_but(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """What follows the last "but"/"mais": the case asked after one granted."""
    at = max((i for i, t in enumerate(tokens) if t in ("but", "mais")), default=-1)
    return tokens[at + 1 :] if at >= 0 else ()


_UNSUPPORTED = frozenset({"unsupported", "insupporte", "nonsupporte"})
_SUPPORT_VERBS = frozenset({"supported", "supporte", "supportee", "supportes", "support", "pris", "prise"})


def _denies_support(tokens: tuple[str, ...]) -> bool:
    """The claim says it is not supported (not "isn't it supported?", which asks with the fact's polarity)."""
    if tokens[:1] and tokens[0] in ("isn", "isnt", "aren", "arent", "doesn", "don", "won"):
        return False
    if "or" in tokens or "ou" in tokens:  # "supported, or an unsupported configuration?": the first option
        tokens = tokens[: tokens.index("or" if "or" in tokens else "ou")]
    if _UNSUPPORTED & set(tokens) or _cannot(tokens):
        return True
    # "not supported", "won't support", "pas pris en charge" (not "not standalone: supported?")
    return any(t in _SUPPORT_VERBS and i and (tokens[i - 1] in _DENIAL or (
        i > 1 and tokens[i - 2] in _DENIAL and tokens[i - 1] in ("be", "t", "really", "vraiment", "officially")))
        for i, t in enumerate(tokens))



#: Hives other than HKEY_LOCAL_MACHINE (the article's): "is it under HKCU?" is a No.
_OTHER_HIVES = frozenset({"hkcu", "hku", "hkcr", "hkcc", "current", "users", "classes", "config"})


_CONTRAST = frozenset({"rather", "instead", "plutot", "than", "non", "not", "pas"})
_ONLY_THEN = frozenset({"mais", "but", "only", "seulement", "juste", "uniquement", "just"})
_DENIED = frozenset({"not", "pas", "never", "jamais", "don", "without", "sans"})


def front_end(ctx: Context, reply: Reply) -> bool | None:
    roles = {f.data.server_role for f in ctx.kb.article.facts if isinstance(f.data, RegistryValue)}
    named = ctx.slots.nlbsflags not in (None, "absent") or any(
        a in ("value", "valeur", "data", "donnee", "donnees") and b.isdigit() for a, b in pairwise(ctx.tokens))
    if named and value(ctx, reply) is False:
        return False  # "NLBSFlags goes on the front-end with value 2, right?": the place is right, the value is not
    if ("hkey" in ctx.words or {"hkcu", "hku", "hkcr", "hkcc"} & ctx.words) and _OTHER_HIVES & ctx.words:
        return False
    asked_front = "frontend" in ctx.concepts
    asked_back = bool({"backend", "node", "primary_node", "cluster", "dc"} & ctx.concepts)  # not the front-end
    if asked_front and asked_back and ctx.tokens and ctx.words & _CONTRAST:
        # "on the front-end rather than the back-end nodes?": the role named first is the one proposed
        front = min((i for i, t in enumerate(ctx.tokens) if t in _FRONT_WORDS), default=999)
        back = min((i for i, t in enumerate(ctx.tokens) if t in _BACK_WORDS), default=999)
        asked_front, asked_back = front < back, back < front
        first = min(front, back)
        if ctx.words & _ONLY_THEN and _DENIED & set(ctx.tokens[max(0, first - 6) : first]):
            # "si on met PAS NLBSFlags sur le frontal mais seulement sur les nœuds ?": the second role is proposed
            asked_front, asked_back = asked_back, asked_front
    if (({"software", "ike", "ipsec"} & ctx.words and "oakley" not in ctx.words) or ("software" in ctx.words
            and "system" not in ctx.words)) and {"hklm", "hkey", "policyagent"} & ctx.words:
        return False  # "under HKLM\SOFTWARE\Microsoft\Exchange?", "PolicyAgent\IKE?": not the article's key
    if not asked_front and not asked_back:
        return True if {"policyagent", "oakley", "hklm", "currentcontrolset"} & ctx.words else None
    if asked_front and asked_back and ctx.words & {"also", "too", "aussi", "both", "well", "egalement", "deux"}:
        return roles == {"back-end"}  # "does the back-end need it as well as the front-end?": one role, not both
    if asked_front and asked_back:
        return None
    return ("front-end" in roles) == asked_front


def value(ctx: Context, reply: Reply) -> bool | None:
    data = {f.data.data for f in ctx.kb.article.facts if isinstance(f.data, RegistryValue)}
    asked = ctx.slots.nlbsflags if ctx.slots.nlbsflags not in (None, "absent") else None
    asked = asked or next(iter(ctx.slots.numbers), None)
    if asked is None or not asked.rstrip("…").isdigit():
        return None
    if len(asked) > 10:  # "9999999999…": no int() of a 40,000-digit "number"; no data is that long
        return False
    if ctx.words & _SAME:
        return None  # "is NLBSFlags=0 the same as not set?": the article describes 1 and not set, nothing else
    if other_than(ctx.tokens):
        return bool(data - {int(asked)})  # "is any value other than 1 given?": No
    return int(asked) in data


def other_than(tokens: tuple[str, ...] | list[str]) -> bool:
    """"a value other than 1", "une autre valeur que 1": every value but the one named."""
    return any((a, b) in (("other", "than"), ("autre", "que"), ("autres", "que"), ("besides", "the"))
               for a, b in pairwise(tokens)) or ("autre" in tokens and "que" in tokens)


#: "do we blow the SLA?", "ça dépasse ?": whether the time goes over a bound, not whether it stays under.
_BREACH = frozenset({"blow", "blows", "exceed", "exceeds", "breach", "breaches", "bust", "depasse", "depasser",
                     "depasse-t-on", "explose", "exploser", "overshoot", "overrun"})
_SAME = frozenset({"same", "equivalent", "pareil", "identique", "meme", "equals", "equal", "egal", "revient"})


_ABOVE = ("gt", "ge")  # bounds from below: "over 5 minutes", "at least 5 minutes"


def _meets(seconds: int, kind: str, limit: int) -> bool:
    """A time against a bound of `kind` ("lt" under, "le" at most, "gt" over, "ge" at least)."""
    return {"lt": seconds < limit, "le": seconds <= limit, "ge": seconds >= limit}.get(kind, seconds > limit)


def _bounded(ctx: Context, seconds: list[int], *, exact: bool = False) -> bool | None:
    """Does each case's time meet the question's bound ("under 3 minutes", "over 5 minutes")? None if they differ.

    `exact`: the figures are bounds themselves (the idle timer's minimum), not "about" a duration.
    """
    assert ctx.slots.limit is not None
    kind, limit = ctx.slots.limit
    if kind != "le" and limit in seconds and not exact:
        return None  # "about 5 minutes" against "under 5 minutes": the article's figures are not that precise
    meets = {_meets(t, kind, limit) for t in seconds}
    return meets.pop() if len(meets) == 1 else None


#: Comparatives: the kind named first is proposed as the longer one, or as the shorter one.
_LONGER = frozenset({"longer", "slower", "more", "lent", "lente", "long", "longue"})
_SHORTER = frozenset({"shorter", "faster", "quicker", "less", "rapide", "court", "courte", "moins"})
def _first_of(ctx: Context, concept: str) -> int | None:
    """Where the question first names `concept` by one of its one-word terms (the lexicon's own, from the data)."""
    terms = next((set(c.terms) for c in ctx.kb.questions.concepts if c.id == concept), set())
    tokens = ctx.tokens
    for i, t in enumerate(tokens):
        pair = f"{tokens[i - 1]} {t}" if i else ""
        if pair in terms:  # "non planifié": a two-word term of its own
            return i
        if t in terms and not (i and tokens[i - 1] in ("non", "not", "pas")):  # not "planifié" of "non …"
            return i
    return None


_LIKE = frozenset({"like", "comme", "as", "same"})


def _with_against_without(ctx: Context) -> bool | None:
    """"Is the failover with NLBSFlags = 1 shorter than without it?": Yes — with the flag it is 2 minutes, not 6."""
    tokens, words = ctx.tokens, ctx.words
    longer, shorter = bool(_LONGER & words), bool(_SHORTER & words)
    if "nlbsflags" not in ctx.concepts or ctx.planned is True or longer == shorter or not (
            words & THAN and words & WITH_WORDS and words & WITHOUT_WORDS) or (
            ctx.slots.durations or _stated_ratio(ctx) is not None or words & {"times", "fois", "x"}):
        return None  # "six fois plus long qu'avec ?": a stated ratio, checked against the article's (_flag_claim)
    with_at = next(i for i, t in enumerate(tokens) if t in WITH_WORDS)
    without_at = next(i for i, t in enumerate(tokens) if t in WITHOUT_WORDS)
    return (with_at < without_at) == shorter  # the flagged failover is the shorter one


def _which_is_longer(ctx: Context) -> bool | None:
    """"Is the planned move faster than the unplanned failover?": Yes — a crash always takes minutes."""
    longer, shorter = bool(_LONGER & ctx.words), bool(_SHORTER & ctx.words)
    if longer == shorter:
        return None
    planned, unplanned = _first_of(ctx, "planned"), _first_of(ctx, "unplanned")
    if planned is None or unplanned is None:
        return None
    return (unplanned < planned) == longer  # the article's unplanned failover is the longer of the two


_INCLUDES = frozenset({"include", "includes", "including", "incluent", "inclut", "inclus", "incluse", "comprend",
                       "comprennent", "compris", "contain", "contains", "contiennent", "contient"})
_GUARANTEES = frozenset({"guarantee", "guarantees", "guaranteed", "garantit", "garanti", "garantie", "garantissent",
                         "garantir",
                         "promise", "promises", "promet"})


def _paired_states(ctx: Context) -> bool | None:
    """"2 min with the flag and 6 min without, right?": each figure against its own case (None: not so paired).

    The cases and the figures must alternate ("with … 2 min, without … 6 min", "2 min avec, 6 sans"); any other
    order is left to the other readings."""
    if ctx.planned or "planned" in ctx.concepts or len(ctx.slots.durations) < 2:
        return None
    marks: list[tuple[str, int | bool]] = []  # ("d", seconds) or ("s", flagged)
    tokens = ctx.tokens
    for i, t in enumerate(tokens):
        if t in WITH_WORDS or t in WITHOUT_WORDS:
            marks.append(("s", t in WITH_WORDS))
        elif i + 1 < len(tokens) and ((t.isdigit() and len(t) <= 4) or t in WORD_NUMBERS) and (
                tokens[i + 1] in MINUTE_WORDS or tokens[i + 1] in SECOND_WORDS):
            unit = 60 if tokens[i + 1] in MINUTE_WORDS else 1
            marks.append(("d", (int(t) if t.isdigit() else WORD_NUMBERS[t]) * unit))
    kinds = "".join(k for k, _ in marks)
    if len(marks) < 4 or len(marks) % 2 or kinds not in ("sd" * (len(marks) // 2), "ds" * (len(marks) // 2)):
        return None
    pairs = [(a[1], b[1]) if a[0] == "s" else (b[1], a[1]) for a, b in zip(marks[::2], marks[1::2], strict=True)]
    try:
        return all(any(e.min_seconds <= int(seconds) <= e.max_seconds for e in estimates(
            ctx.kb, os=ctx.slots.os or "windows-2003", nlbsflags="1" if flagged else "absent", planned=False))
            for flagged, seconds in pairs)
    except NotCovered:
        return None


def failover(ctx: Context, reply: Reply) -> bool | None:
    s = ctx.slots
    if (both := _with_against_without(ctx)) is not None:
        return both
    if (paired := _paired_states(ctx)) is not None:
        return paired
    if ctx.planned is True and {"nlbsflags", "effect"} <= ctx.concepts:
        # "NLBSFlags sert-il à accélérer le déplacement planifié ?": No, the article sets it for the unexpected
        # failover; whether it also shortens a planned move, the article does not say (declined before)
        return False if ctx.words & PURPOSE else None
    if "nlbsflags" in ctx.concepts and not ctx.planned and _saves(ctx) and s.limit is not None and (
            not s.durations):
        return _flag_claim(ctx)  # "will NLBSFlags shave more than 5 minutes off?": the saving, not the time
    if {"planned", "unplanned"} <= ctx.concepts and not s.durations and s.limit is None and ctx.words & _LIKE and (
            (move := _first_of(ctx, "planned")) is not None and (crash := _first_of(ctx, "unplanned")) is not None
            and move < crash and ctx.words & MINUTE_WORDS and not ctx.words & SECOND_WORDS):
        return False  # "does a planned move take minutes like a crash does?": seconds, unlike a crash
    if {"planned", "unplanned"} <= ctx.concepts and not s.durations and s.limit is None:
        return _which_is_longer(ctx)
    if {"planned", "unplanned"} <= ctx.concepts and s.durations and (
            move := estimates(ctx.kb, os=None, nlbsflags=None, planned=True)) and all(
            move[0].min_seconds <= d <= move[0].max_seconds for d in s.durations):
        # "the 3-6 seconds, is that when the node crashes?": a planned move's figure, not a crash's; "a planned
        # move takes 3 to 6 seconds while a crash takes minutes?": the figure is the move's, said of the move
        at = next((i for i, t in enumerate(ctx.tokens) if t.isdigit()), len(ctx.tokens))
        named, crash = _first_of(ctx, "planned"), _first_of(ctx, "unplanned")
        return named is not None and named < at and (crash is None or crash > at or crash < named)
    if ctx.planned is True and ctx.words & _GUARANTEES:
        return False  # "does the article guarantee under 6 s?": it gives about 3 to 6 s, depending on load
    if not s.durations and s.limit is None and not {"planned", "unplanned"} <= ctx.concepts and (
            (ctx.planned is True and ctx.words & MINUTE_WORDS and not ctx.words & SECOND_WORDS)
            or (ctx.planned is False and ctx.words & SECOND_WORDS and not ctx.words & MINUTE_WORDS)):
        return False  # "does a planned move take minutes?", "a crash only costs seconds?": the other unit
    if s.durations and ctx.words & _INCLUDES and ctx.concepts & {"exchange", "recovery", "exchange_self"}:
        return False  # "do the 2 minutes include Exchange's recovery?": IPSec's time; Exchange's comes on top
    if s.limit is not None:  # IPSec's time, plus Exchange's recovery when given, against the bound
        exchange = exchange_time(ctx)
        try:
            found = estimates(ctx.kb, os=s.os, nlbsflags=s.nlbsflags, planned=bool(ctx.planned))
        except NotCovered:
            return None
        verdict = _bounded(ctx, [e.max_seconds + (exchange or 0) for e in found])
        if verdict and exchange is None and "ipsec" not in ctx.concepts and s.limit[0] not in _ABOVE and (
                not ctx.planned):
            return None  # IPSec fits, but "do we stay under 5 min?" depends on Exchange's own recovery too
        if verdict is not None and ctx.words & _BREACH and s.limit[0] not in _ABOVE:
            return not verdict  # "SLA 5 min max: do we blow it?" asks whether the time goes over
        return verdict
    if ctx.planned is True and ctx.words & {"fixed", "fixe", "guaranteed", "garanti", "garantie", "constant",
                                            "regardless", "always", "toujours"}:
        return False  # "depends on processor load on the nodes and on the network", whatever figure is quoted
    if len(s.durations) == 2 and not ctx.planned and _from_to(ctx.tokens):
        # "on passe bien de 6 à 2 minutes avec NLBSFlags ?": the failover before the value, then after it
        return _before_then_after(ctx, lambda e: e.min_seconds)
    if s.durations and ("breakdown" in ctx.concepts or len(s.durations) > 1) and not ctx.planned:
        # "6 min = 5 idle + 1 IKE?", "les 2 minutes, c'est 1 min d'inactivité + 1 min IKE ?": the parts of one case
        parts = [{e.min_seconds, e.idle_seconds, e.ike_seconds}
                 for e in estimates(ctx.kb, os=s.os, nlbsflags=s.nlbsflags, planned=False)]
        return any(set(s.durations) <= p for p in parts)
    if (ike := _ike_part(ctx)) is not None:
        return ike
    if "nlbsflags" in ctx.concepts and not ctx.planned and (claim := _flag_claim(ctx)) is not None:
        return claim
    if s.durations:
        # "does the flag get the crash failover down to 2 min?": the time with the flag set
        state = s.nlbsflags or ("1" if "nlbsflags" in ctx.concepts and down_to(ctx.tokens) else None)
        try:
            found = estimates(ctx.kb, os=s.os, nlbsflags=state, planned=bool(ctx.planned))
            if len(found) != 1 and ctx.planned is None:  # nor planned or not: a planned move's seconds count too
                found = [*found, *estimates(ctx.kb, os=s.os, nlbsflags=state, planned=True)]
        except NotCovered:
            return None
        if len(found) != 1:  # NLBSFlags state not given: No only when every case the article gives rules it out
            fits = any(e.min_seconds <= d <= e.max_seconds for e in found for d in s.durations)
            return False if not fits else None
        return all(found[0].min_seconds <= d <= found[0].max_seconds for d in s.durations)
    if "nlbsflags" in ctx.concepts and _USELESS & ctx.words and not ctx.planned:
        return s.os == "windows-2000"  # "NLBSFlags is useless on Windows 2000, right?"
    if "nlbsflags" in ctx.concepts and _EFFECT & ctx.words and not ctx.planned:
        return s.os != "windows-2000"
    if ctx.planned is not None and (unit := _claimed_unit(ctx.tokens)) is not None:
        return (unit == "seconds") == ctx.planned  # "a matter of seconds rather than minutes?"
    if ctx.planned is True and ctx.words & {"minutes", "minute"}:
        return False  # a planned move takes seconds
    if ctx.planned is True and "idle" in ctx.concepts and not s.durations:
        return False  # a planned move cleanly deletes its SAs and IKE renegotiates at once: no idle timer to wait for
    if ctx.planned is True and ctx.words & (SECOND_WORDS | {"few"}):
        return True
    if ctx.planned is True and ctx.words & _LOAD and "nlbsflags" not in ctx.concepts:
        return True  # "the actual time depends on processor load on the cluster nodes and on network conditions"
    return None


_RATHER = frozenset({"rather", "plutot", "instead", "not", "pas", "than", "que"})


def _claimed_unit(tokens: tuple[str, ...]) -> str | None:
    """Both units named, one set against the other ("seconds rather than minutes"): the one named first."""
    if not _RATHER & set(tokens):
        return None
    units = [("seconds" if t in SECOND_WORDS else "minutes") for t in tokens if t in SECOND_WORDS | MINUTE_WORDS]
    return units[0] if len(set(units)) == 2 else None


#: A ratio the question proposes for NLBSFlags' effect: "3 times faster", "deux fois plus rapide", "by half".
_TIMES = frozenset({"times", "fois"})
_TWICE = frozenset({"twice", "half", "halves", "halved", "moitie", "double", "doubles"})
#: A saving the question proposes: "does it save 4 minutes?", "on gagne 5 minutes ?".
_SAVING = frozenset({"save", "saves", "saved", "saving", "gain", "gains", "gagne", "gagner", "gagnes", "gagnons",
                     "gagnent", "economise", "economiser", "economisent", "shave", "shaves", "shaved", "cut", "cuts",
                     "reduce", "reduces", "reduit", "reduire", "less", "moins", "shorter", "faster", "quicker"})


_DIVIDES = frozenset({"divide", "divides", "divided", "divise", "divisee", "diviser"})


def _number(token: str) -> int | None:
    return int(token) if token.isdigit() and len(token) <= 3 else WORD_NUMBERS.get(token)


def _stated_ratio(ctx: Context) -> float | None:
    tokens = ctx.tokens
    for i, tok in enumerate(tokens):
        if tok in _TWICE:
            return 2.0
        if tok in _TIMES and i and (n := _number(tokens[i - 1])):
            return float(n)
        if tok in ("by", "par") and i + 1 < len(tokens) and _DIVIDES & set(tokens[max(0, i - 4) : i]) and (
                n := _number(tokens[i + 1])):
            return float(n)
    return None


def _saves(ctx: Context) -> bool:
    """A word of saving, other than the "moins" of "au moins" (at least)."""
    said = ctx.words & _SAVING
    if said <= _SHORTER and ctx.words & THAN:
        return False  # "faster than 3 minutes": a bound on the time, not a saving
    tokens = list(ctx.tokens)
    if said <= _SHORTER and any(t == "moins" and tokens[i + 1 : i + 2] in (["de"], ["d"]) and tokens[
            i + 2 : i + 3] and _number(tokens[i + 2]) is not None for i, t in enumerate(tokens)):
        return False  # "prend-il moins de 5 minutes ?": a bound too (French "less than" has no "que")
    return bool(said - {"moins"}) or (bool(said) and "au moins" not in " ".join(ctx.tokens))


def _flag_claim(ctx: Context) -> bool | None:
    """"Is it 2 times faster with NLBSFlags?", "does it save 4 minutes?": the claim against the article's gap."""
    ratio = _stated_ratio(ctx)
    saving = ctx.slots.durations if _saves(ctx) and ctx.slots.limit is None and not down_to(ctx.tokens) else ()
    bound = ctx.slots.limit if _saves(ctx) and not ctx.slots.durations else None
    if ratio is None and not saving and bound is None:
        return None
    try:
        pair = with_and_without(ctx.kb, ctx.slots.os or "windows-2003")
    except NotCovered:
        return None
    without, with_ = pair[0].min_seconds, pair[1].min_seconds
    if ratio is not None:
        return abs(without / with_ - ratio) < 0.05
    if bound is not None:  # "will it shave more than 5 minutes off?": the saving against the bound
        kind, limit = bound
        gap = without - with_
        return _meets(gap, kind, limit)
    return all(d == without - with_ for d in saving)


_LOAD = frozenset({"load", "charge", "processor", "processeur", "cpu", "network", "reseau", "depends", "depend",
                   "varies", "varie"})


_NOTICE = frozenset({"notice", "notices", "detect", "detects", "immediately", "instantly", "right", "away", "straight",
                     "immediatement", "instantanement", "aussitot", "tout", "suite", "realise", "realize", "sees"})
_BELIEVES = frozenset({"think", "thinks", "believe", "believes", "believing", "thinking", "croit", "pense", "assumes",
                       "suppose", "considere", "considerer"})
_CLEAN = frozenset({"cleanly", "clean", "proprement", "delete", "deletes", "deleted", "supprime", "supprimer",
                    "removes", "remove", "retire", "retiree"})


_CLEANLY = frozenset({"cleanly", "clean", "proprement", "gracefully", "graceful"})
#: "instant", "no downtime": no failover the article describes is (a planned move takes seconds, a crash minutes).
_INSTANT = frozenset({"instant", "instantaneous", "instantaneously", "instantane", "instantanee", "seamless",
                      "transparent", "transparente"})


def process(ctx: Context, reply: Reply) -> bool | None:
    """What happens in a failover: a crash goes unnoticed until the idle timer; a planned move is clean."""
    if _INSTANT & ctx.words:
        return False
    if ctx.slots.durations or ctx.slots.limit:  # "if I move the group on purpose, do I wait 6 minutes?"
        return failover(ctx, reply)
    if ctx.planned is False and _BELIEVES & ctx.words:
        return True  # "does the FE still think it has a secure link?": it still believes it has an SA
    if ctx.planned is False and _STARTS & ctx.words:
        # "c'est le service de cluster qui démarre le basculement ?": Yes; "does the FE start it?": No
        return "cluster" in ctx.concepts and "frontend" not in ctx.concepts
    if ctx.planned is False and _NOTICE & ctx.words:
        return False
    if ctx.planned is False and _CLEANLY & ctx.words:
        return False  # "does IPSec cleanly delete the SAs when the node hangs?": only a planned move is clean
    if ctx.planned is None and {"planned", "unplanned"} <= ctx.concepts and (_CLEAN | _CLEANLY) & ctx.words and (
            (crash := _first_of(ctx, "unplanned")) is not None and (move := _first_of(ctx, "planned")) is not None):
        # "when the node hangs, does IPSec delete the SA cleanly like on a manual move?": the case named first is
        # the one asked, the other is the comparison; only a planned move deletes the SAs cleanly
        return move < crash
    if ctx.planned is True and "idle" in ctx.concepts:
        return False  # a planned move deletes the SAs cleanly and IKE renegotiates at once: no idle wait
    if ctx.planned is True and (_CLEAN | _NOTICE) & ctx.words:
        return True  # a planned move deletes the SAs cleanly and IKE renegotiates at once
    if ctx.words & _NEW_SAS and ctx.words & _BEFORE_IDLE and ctx.planned is False:
        return False  # "after a crash, does IKE renegotiate before the idle SAs are removed?": only once they are
    if ctx.words & _NEW_SAS and not ctx.words & _BEFORE_IDLE:
        return True  # "le nouveau nœud établit-il de nouvelles SA ?": IKE renegotiates them, in either case
    return None


_STARTS = frozenset({"demarre", "demarrer", "starts", "start", "initiates", "initiate", "lance", "declenche",
                     "kicks", "triggers", "trigger"})
_NEW_SAS = frozenset({"etablit", "etablir", "etablissent", "renegocie", "renegocier", "renegotiate", "renegotiates",
                      "renegotiating", "renegociant", "establish", "establishes", "nouvelles", "new"})
_BEFORE_IDLE = frozenset({"before", "avant", "while", "pendant", "during"})


def applies(ctx: Context, reply: Reply) -> bool | None:
    products = " ".join(p.lower() for f in ctx.kb.article.facts if isinstance(f.data, AppliesTo)
                        for p in f.data.products)
    editions = ctx.words & {"enterprise", "standard", "datacenter", "web", "x64", "64", "itanium", "small", "sbs"}
    if not editions and {"nlb", "cluster", "standalone"} & ctx.concepts:
        return supported(ctx, reply)  # "does it apply to NLB clusters too?": is it supported there
    if not editions and ctx.slots.os == "windows-2000":
        return False  # "does the article apply to Windows 2000?": it applies to Windows Server 2003 editions
    if not editions:
        return None
    family = [f for f in ("windows", "exchange") if f in ctx.words]
    lines = [p for p in products.split("microsoft ") if p and (len(family) != 1 or family[0] in p)]
    return all(any(e in line for line in lines) for e in editions)


_WITHOUT = frozenset({"without", "sans", "before", "avant", "no", "pas"})




_MANDATORY = frozenset({"obligatoire", "obligatoires", "mandatory", "required", "requises", "requis", "compulsory",
                        "imposees", "imposee", "exigees", "exigee"})


_ENOUGH = frozenset({"enough", "sufficient", "suffice", "suffices", "suffisant", "suffisante", "suffit", "suffisent",
                     "assez"})


def policy(ctx: Context, reply: Reply) -> bool | None:
    """Is a port or protocol part of the suggested policy the question is about?"""
    if ctx.words & _MANDATORY and not ctx.slots.ports:
        return False  # "les stratégies sont-elles obligatoires ?": the article suggests them, it requires none
    if _WITHOUT & ctx.words and {"ipsec", "encrypt"} <= ctx.concepts:
        return False  # "without IPSec, is IMAP4 encrypted?": FE–BE traffic cannot use SSL/TLS; only IPSec encrypts it
    policies = [f.data for f in ctx.kb.article.facts if isinstance(f.data, IpsecPolicy)]
    named = {p for c, p in (("pop3", "POP3"), ("imap4", "IMAP4"), ("http", "HTTP")) if c in ctx.concepts}
    if ctx.slots.ports and named:  # "port 110 is the IMAP port?": the pairing, as the policies give it
        pairs = {(s.port, s.protocol) for p in policies for s in p.ports}
        return all(any((port, proto) in pairs for proto in named) for port in ctx.slots.ports)
    flow = next((p for p in policies if p.number == MESSAGE_FLOW_POLICY), None)
    if ctx.slots.ports and flow is not None and "message_flow" in ctx.concepts and "password" not in ctx.concepts and (
            ctx.words & (ONLY_WORDS | _ENOUGH)):  # "is encrypting only 110 and 143 enough for the message flow?"
        return {s.port for s in flow.ports} <= set(ctx.slots.ports)
    asked = [ctx.kb.facts[f].data for f in reply.facts if isinstance(ctx.kb.facts[f].data, IpsecPolicy)]
    if ctx.slots.ports and len(asked) == 1 and {"policy", "message_flow"} & ctx.concepts:
        if ctx.words & ONLY_WORDS:  # "policy 2 covers only 110 and 143?": exactly those
            return {s.port for s in asked[0].ports} == set(ctx.slots.ports)
        return all(any(s.port == port for s in asked[0].ports) for port in ctx.slots.ports)  # "443 in policy 2?"
    if ctx.slots.ports:
        if {"password"} & ctx.concepts:  # passwords: policy 1
            first = next(p for p in policies if p.number == min(q.number for q in policies))
            return all(any(s.port == port for s in first.ports) for port in ctx.slots.ports)
        return all(any(s.port == port for p in policies for s in p.ports) for port in ctx.slots.ports)
    return True if reply.facts else None


def procedure(ctx: Context, reply: Reply) -> bool | None:
    """The article's steps: Start, Run, regedit, Modify, type 1."""
    if ctx.slots.numbers or (ctx.slots.nlbsflags or "absent") != "absent":
        return value(ctx, reply)
    if "regedt32" in ctx.words:
        return False  # the article's steps type regedit
    tools = {"regedit", "editeur", "editor", "demarrer", "executer", "start", "run", "modify", "modifier"}
    return True if ctx.words & tools else None


def never(ctx: Context, reply: Reply) -> bool | None:
    """The article says it does not give this (step-by-step policy set-up)."""
    return False


#: "below 5 minutes", "sous 5 minutes": the question asks for less than the number, not the number.
_BELOW = frozenset({"below", "under", "sous", "beneath", "inferieur", "inferieure"})
_BY_DEFAULT = frozenset({"default", "defaut", "box", "rien", "nothing", "itself", "tout", "natively", "nativement",
                         "anything"})


_REQUIRES = frozenset({"need", "needs", "require", "requires", "required", "faut", "doit", "necessite", "exige",
                       "prerequisite", "prerequis"})


def _ike_part(ctx: Context) -> bool | None:
    """"does the IKE part still take 1 minute without NLBSFlags?": IKE's main mode is 1 minute in every case."""
    s = ctx.slots
    ike = {e.ike_seconds for e in estimates(ctx.kb, os=None, nlbsflags=None, planned=False)}
    if {"ike", "nlbsflags"} <= ctx.concepts and "idle" not in ctx.concepts and ctx.words & _EFFECT and not (
            set(s.durations) - ike or ctx.planned or {"total", "failover"} & ctx.concepts):
        # "does NLBSFlags also shorten IKE's main mode?", "does IKE's one minute vanish?": it shortens the idle
        # timer; IKE stays 1 minute
        return False
    if "ike" not in ctx.concepts or not s.durations or ctx.planned or s.limit is not None or (
            {"total", "breakdown"} & ctx.concepts):
        return None
    ike = {e.ike_seconds for e in estimates(ctx.kb, os=None, nlbsflags=None, planned=False)}
    if len(ike) != 1 or len(s.durations) != 1:
        return None
    return s.durations[0] in ike if s.durations[0] < min(e.min_seconds for e in estimates(
        ctx.kb, os=None, nlbsflags=None, planned=False)) else None


def _before_then_after(ctx: Context, figure: Callable[[Estimate], int | None]) -> bool | None:
    """Are the question's two figures the article's, without NLBSFlags and then with it ("from 6 to 2 minutes")?"""
    try:
        found = [e for n in ("absent", "1")
                 for e in estimates(ctx.kb, os=ctx.slots.os or "windows-2003", nlbsflags=n, planned=False)]
    except NotCovered:
        return None
    return [figure(e) for e in found] == list(ctx.slots.durations)


def _from_to(tokens: tuple[str, ...]) -> bool:
    """Two figures as a change, "from 5 min to 1 min", "de 5 à 1 minute"."""
    figures = [i for i, t in enumerate(tokens) if t.isdigit()][:2]  # "… de 6 à 2 minutes en mettant NLBSFlags à 1"
    return len(figures) == 2 and figures[0] > 0 and tokens[figures[0] - 1] in ("from", "de") and (
        tokens[figures[1] - 1] in ("to", "a"))


def idle(ctx: Context, reply: Reply) -> bool | None:
    """A stated idle time against the article's for that OS and NLBSFlags state."""
    if (ike := _ike_part(ctx)) is not None:
        return ike
    if not ctx.slots.durations and _BY_DEFAULT & ctx.words and ctx.slots.nlbsflags != "1":
        return False  # "reduced out of the box, nothing to do?": only when NLBSFlags is set
    if not ctx.slots.durations and ctx.slots.limit is None:
        return failover(ctx, reply)
    if ctx.slots.os and ctx.slots.nlbsflags is None and ctx.words & _REQUIRES and ctx.slots.durations:
        # "does the FE need to be Windows Server 2003 for the 1-minute idle timer?": does that Windows have it at all
        return all(any(e.idle_seconds == d for e in estimates(ctx.kb, os=ctx.slots.os, nlbsflags=None, planned=False))
                   for d in ctx.slots.durations)
    if len(ctx.slots.durations) == 2 and _from_to(ctx.tokens):
        # "NLBSFlags brings the idle timer down from 5 min to 1 min?": the timer before the value, then after it
        return _before_then_after(ctx, lambda e: e.idle_seconds)
    # "can I set it to 1 min?", "NLBSFlags ramène l'inactivité à 1 min ?": NLBSFlags named as acting is set
    state = ctx.slots.nlbsflags or ("1" if {"set_verb", "nlbsflags"} & ctx.concepts else "absent")
    try:
        found = estimates(ctx.kb, os=ctx.slots.os or "windows-2003", nlbsflags=state, planned=False)
    except NotCovered:
        return None
    if len(found) != 1 or found[0].idle_seconds is None:
        return False
    idle_seconds = found[0].idle_seconds
    if ctx.slots.nlbsflags is None and state == "absent" and ctx.slots.limit is None and (
            idle_seconds not in ctx.slots.durations) and all(
            e.idle_seconds in ctx.slots.durations for e in estimates(
                ctx.kb, os=ctx.slots.os or "windows-2003", nlbsflags="1", planned=False)):
        return None  # "only 1 minute of idle time on 2003?": with NLBSFlags set, which the question does not say
    if ctx.slots.limit is not None:
        return _bounded(ctx, [idle_seconds], exact=True)  # "below 5 minutes" on Windows 2000: below its minimum
    if any(t.isdigit() and len(t) <= 3 and i and ctx.tokens[i - 1] in _BELOW  # not "sous 2003": a Windows
           for i, t in enumerate(ctx.tokens)):
        return all(idle_seconds < d for d in ctx.slots.durations)  # "can it go below 5 minutes?"
    return all(d == idle_seconds for d in ctx.slots.durations)


_PROTECTED = frozenset({"protected", "protege", "proteges", "protegee", "protegees", "encrypted", "chiffre", "chiffres",
                        "chiffree", "chiffrees", "secure", "secured", "securise", "securises", "safe"})
_NOT_WORDS = frozenset({"not", "aren", "isn", "pas", "never", "jamais", "no", "non"})
_DENIAL = _NOT_WORDS | {"won", "wont"}  # "won't support it"


def _exposed(ctx: Context) -> bool:
    """The question proposes the traffic is exposed: "in clear"; or "is it true that … not protected?".

    Asked plainly, "aren't they protected?" gets the fact's polarity ("No, they are not"), in English
    as in French ("Non, ils ne le sont pas"); only "is it true that …" asks whether the negative holds.
    """
    tokens = ctx.tokens
    if _guarded_against(tokens):
        return False  # "are the passwords protected from sniffing?": protection is what is proposed
    return bool(_CLEAR & ctx.words) or (asks_if_true(list(tokens)) and any(
        t in _PROTECTED and _NOT_WORDS & set(tokens[max(0, i - 3) : i]) for i, t in enumerate(tokens)))


_AGAINST = frozenset({"from", "against", "contre", "face"})


def _guarded_against(tokens: tuple[str, ...]) -> bool:
    """"protected from sniffing", "protégés contre l'écoute": the exposure is what they are protected from."""
    return any(t in _PROTECTED and tokens[i + 1 : i + 2] and tokens[i + 1] in _AGAINST
               and not _NOT_WORDS & set(tokens[max(0, i - 3) : i]) for i, t in enumerate(tokens))


def no_ssl(ctx: Context, reply: Reply) -> bool | None:
    if _claims_encrypted(ctx.tokens):
        return False  # "le frontal ne peut pas faire de SSL — donc sans IPSec, le trafic est chiffré ?": No
    return _exposed(ctx) or "basic_auth" in ctx.concepts or _cannot(ctx.tokens)


_SO = frozenset({"donc", "so", "alors", "then", "therefore", "hence"})
_ENCRYPTED = frozenset({"chiffre", "chiffree", "chiffres", "chiffrees", "encrypted", "protected", "protege",
                        "protegee", "proteges", "securise", "securisee", "secure", "secured"})


def _claims_encrypted(tokens: tuple[str, ...]) -> bool:
    """The clause after "so"/"donc" claims the traffic is encrypted (and denies nothing)."""
    at = max((i for i, t in enumerate(tokens) if t in _SO), default=-1)
    last = set(tokens[at + 1 :]) if at >= 0 else set()
    return bool(last & _ENCRYPTED) and not last & (_NOT_WORDS | _CLEAR)


_UNABLE = frozenset({"cannot", "cant", "unable", "impossible", "incapable"})


def _cannot(tokens: tuple[str, ...]) -> bool:
    """The claim denies the ability: "the FE can't do SSL to the BE", "le frontal ne peut pas utiliser SSL"."""
    for i, (a, b) in enumerate(pairwise(tokens)):
        if (a, b) in (("can", "t"), ("can", "not"), ("peut", "pas"), ("peuvent", "pas"), ("couldn", "t")) or (
                a in _UNABLE):
            # "Can't the OWA front-end just use SSL?": a verb before its subject asks whether it can
            return not tokens[i + 2 : i + 3] or tokens[i + 2] not in _SUBJECTS
    return bool(tokens) and tokens[-1] in _UNABLE


_SUBJECTS = frozenset({"the", "we", "i", "you", "it", "they", "a", "an", "our", "my", "owa", "fe", "front", "frontend",
                       "exchange", "one", "il", "elle", "on"})


def basic_only(ctx: Context, reply: Reply) -> bool | None:
    if _exposed(ctx) or "basic_auth" in ctx.concepts:
        return True
    if {"kerberos", "ntlm"} & ctx.concepts and _cannot(ctx.tokens):
        return True  # "POP3 et IMAP4 ne peuvent pas utiliser Kerberos, c'est ça ?": they cannot
    if {"kerberos", "ntlm", "password", "encrypt"} & ctx.concepts or "protected" in ctx.words:
        return False
    return None


_ACCEPTS = frozenset({"accept", "accepts", "accepte", "accepter", "acceptent", "configured", "configure", "enabled",
                      "active", "activee", "support", "supports", "supporte", "integrated", "integree", "integre"})


def integrated(ctx: Context, reply: Reply) -> bool | None:
    if "basic_auth" in ctx.concepts or _exposed(ctx):
        return False
    tokens = ctx.tokens
    if any(t in _ACCEPTS and _NOT_WORDS & set(tokens[max(0, i - 3) : i]) for i, t in enumerate(tokens)):
        return False  # "if the back-end does not accept Integrated Windows authentication, still protected?"
    if {"kerberos", "ntlm", "password", "encrypt"} & ctx.concepts or "protected" in ctx.words:
        return True
    return None


_REQUIRED = frozenset({"mandatory", "required", "requis", "requise", "obligatoire", "obligatory", "compulsory",
                       "necessary", "necessaire", "imperatif", "indispensable"})
_SAFE = frozenset({"safe", "safely", "securitaire", "harmless", "inoffensif", "anodin"})


def affirm(ctx: Context, reply: Reply) -> bool | None:
    """The article recommends what is asked about (a backup, a reason, a policy).

    "Is it safe to edit the registry?" gets no Yes or No: the article warns, it does not rule.
    """
    if "warning" in ctx.concepts and ctx.words & _SAFE:
        return None
    if "warning" in ctx.concepts and ctx.words & _GUARANTEES:
        return False  # "does Microsoft guarantee it can fix what a bad edit breaks?": it cannot
    if {"reason", "ipsec"} <= ctx.concepts and ctx.words & _REQUIRED:
        return False  # "is IPSec mandatory between FE and BE?": reasons you may want it, not a requirement
    return True if reply.facts else None


def transport(ctx: Context, reply: Reply) -> bool | None:
    """The article names transport-mode ESP; a question proposing tunnel mode or AH alone gets a No, and so does
    one taking its "transport" for Exchange's own ("is that about the Exchange SMTP transport?")."""
    if "smtp" in ctx.words or any(a == "exchange" and b == "transport" for a, b in pairwise(ctx.tokens)):
        return False
    if {"tunnel", "ah", "l2tp"} & ctx.words:  # "done with L2TP, as in KB 248346?": not the mode it names
        if not {"transport", "esp"} & ctx.words:
            return False
        # "c'est bien le mode transport ESP, pas le mode tunnel ?": the mode set aside is not the one claimed
        aside = {t for t in ("tunnel", "ah", "transport", "esp") if _set_aside(ctx.tokens, t)}
        if aside and aside <= {"tunnel", "ah"}:
            return True
        return False if aside and aside <= {"transport", "esp"} else None
    return True


_ASIDE = frozenset({"not", "pas", "non", "than", "que", "instead", "plutot", "nor", "ni", "sans", "without"})


def _set_aside(tokens: tuple[str, ...], word: str) -> bool:
    """`word` follows a "not"/"pas"/"rather than" within three words: the question names it to rule it out."""
    return any(t == word and _ASIDE & set(tokens[max(i - 3, 0) : i]) for i, t in enumerate(tokens))




def mode(ctx: Context, reply: Reply) -> bool | None:
    """Transport-mode ESP, as `transport`; on a Windows 2000 cluster no mode is supported: No."""
    if reply.facts == ("support.windows2000",):
        return False  # "transport ESP on our Windows 2000 cluster, right?"
    return transport(ctx, reply)


def ike(ctx: Context, reply: Reply) -> bool | None:
    """A stated main-mode time against the article's; without one, IKE is who renegotiates: Yes."""
    if ctx.words & {"quick", "rapide"} and "mode" in ctx.words:
        return False  # "is it the quick mode that takes 1 minute?": the article's minute is main mode's
    if (part := _ike_part(ctx)) is False:
        return part  # "does NLBSFlags make IKE's main mode quicker?": No
    seconds = {f.data.seconds for f in ctx.kb.article.facts if isinstance(f.data, IkeMainMode)}
    if _NOTICE & ctx.words and not ctx.slots.durations and ctx.planned is not None:
        return ctx.planned  # "right away?": at once after a planned move; after a crash only when the idle timer ends
    return all(d in seconds for d in ctx.slots.durations) if ctx.slots.durations else not ctx.planned


def components(ctx: Context, reply: Reply) -> bool | None:
    """Failover time is Exchange's recovery plus IPSec's; a stated number (the "2 minutes") is IPSec's alone."""
    if "only" in ctx.concepts:
        # "just IPSec's time?", "is it just the Exchange recovery time?": it is the two together, so an "only"
        # holds only when both follow it ("only Exchange's recovery plus IPSec's renegotiation")
        at = next((i for i, t in enumerate(ctx.tokens) if t in ONLY_WORDS), 0)
        if at and ctx.tokens[at - 1] in ("not", "pas"):
            return True  # "… inclut aussi la récupération d'Exchange, pas seulement IPSec ?": both, so Oui
        after = set(ctx.tokens[at:])
        return bool(after & {"exchange", "recovery", "recuperation"} and after & {"ipsec", "ike", "renegotiation",
                                                                                     "renegociation"})
    return not ctx.slots.durations


def named(ctx: Context, reply: Reply) -> bool | None:
    """A number the question names (an article, a year, a revision) is the article's own."""
    if not ctx.slots.numbers:
        return None
    titles = {f.data.number: f.text.en.lower() + " " + f.text.fr.lower() for f in ctx.kb.article.facts
              if isinstance(f.data, RelatedArticle)}
    for number in ctx.slots.numbers:  # "306677 is the one about L2TP sessions?": another article's subject
        others = " ".join(t for n, t in titles.items() if n != number)
        if number in titles and ctx.words & _TITLE_WORDS & set(others.replace('"', " ").split()) - set(
                titles[number].replace('"', " ").split()):
            return False
    cited = " ".join(f"{ctx.kb.facts[f].quote} {ctx.kb.facts[f].text.en}" for f in reply.facts)
    return all(n in cited for n in ctx.slots.numbers)


#: Words that tell the related articles apart by subject.
_TITLE_WORDS = frozenset({"l2tp", "sessions", "nlb", "failover", "basculement", "lost", "perdues", "added", "ajout",
                          "designed", "concu", "windows", "2000"})


_WITHOUT_WARRANTY = frozenset({"sans", "without", "no", "aucune", "risk", "risque", "risques"})
_WARRANTED = frozenset({"resell", "resold", "revendre", "revendu", "warranty", "warranties", "garantie", "guarantee",
                        "guaranteed", "garanti", "garantit"})


def disclaimer(ctx: Context, reply: Reply) -> bool | None:
    """"Provided without warranty?", "at the user's risk?": Yes; "can I resell it?", "is there a warranty?": No."""
    if ctx.words & _WITHOUT_WARRANTY:
        return True
    return False if ctx.words & _WARRANTED else None


def principal(ctx: Context, reply: Reply) -> bool | None:
    """"le serveur principal, c'est le frontal ?": No — « serveur principal » is the back-end, not a primary node."""
    return not ({"frontend", "primary_node", "ike"} & ctx.concepts)


VERDICTS: dict[str, Callable[[Context, Reply], bool | None]] = {
    "supported": supported,
    "front_end": front_end,
    "value": value,
    "failover": failover,
    "no_ssl": no_ssl,
    "basic_only": basic_only,
    "integrated": integrated,
    "affirm": affirm,
    "transport": transport,
    "mode": mode,
    "process": process,
    "applies": applies,
    "policy": policy,
    "never": never,
    "idle": idle,
    "ike": ike,
    "components": components,
    "named": named,
    "procedure": procedure,
    "principal": principal,
    "disclaimer": disclaimer,
}
