"""What a question is specifically about: OS, NLBSFlags state, ports, versions.

Concepts say what kind of question it is; slots carry the particulars that
an answer is computed from ("2003 front-end with NLBSFlags=1").
"""

from __future__ import annotations

import re
from itertools import pairwise

from kb.cues import INSTEAD_OF, MODALS, ROLES
from kb.lexicon import Match
from kb.model import OutOfScope
from kb.record import Record

COMPACT_OS = {
    "ws2003": "windows-2003", "ws2k3": "windows-2003", "srv2003": "windows-2003",
    "ws2000": "windows-2000", "srv2000": "windows-2000",
    "win2k": "windows-2000", "w2k": "windows-2000", "win2000": "windows-2000",
    "w2000": "windows-2000", "win2k3": "windows-2003", "w2k3": "windows-2003",
    "win2003": "windows-2003", "w2003": "windows-2003", "2k3": "windows-2003",
}
_OS_WORDS = frozenset({"windows", "win", "os", "w"})
#: Windows releases named alone ("un poste XP"): never the article's.
_CLIENT_WINDOWS = {"xp": "Windows XP", "vista": "Windows Vista", "nt4": "Windows NT 4", "win7": "Windows 7",
                   "win10": "Windows 10", "win11": "Windows 11"}
_EXCHANGE_WORDS = frozenset({"exchange", "exch"})
_FILLER = frozenset({"server", "serveur", "r2", "sp1", "sp2", "edition", "enterprise", "standard"})
_NEGATIONS = frozenset({"without", "sans", "not", "no", "absent", "missing", "unset", "manquant",
                        "pas", "never", "jamais", "disabled", "desactive", "removed", "supprime",
                        "off", "none", "aucun", "aucune", "before", "avant", "non", "deleted",
                        "unconfigured", "default", "defaut", "skip", "skipped", "ignore", "omit", "omitted",
                        "unmodified", "untouched", "vanilla", "legacy", "desactivee", "absente", "sauf",
                        "oublie", "manque", "lacking", "minus", "absence", "faute", "reverted", "rollback",
                        "rolled", "annule", "retire", "enleve", "supprimee", "efface", "unless", "nobody", "noone"})
_POSITIVES = frozenset({"with", "avec", "set", "enabled", "active", "activated", "activee", "posee",
                        "defined", "defini", "definie", "on", "after", "apres", "once", "is",
                        "fast", "actif", "place", "present", "presente", "deployed", "deploye", "deployee", "applied",
                        "applique", "appliquee", "configured", "configure", "configuree", "live"})
_MAX_FILLER = 4  # "server r2 enterprise edition"; bounded so a run of filler words costs linear time
_MAX_PORT_DIGITS = 5
_VALUE_FILLER = frozenset({"to", "a", "at", "set", "is", "equals", "equal", "value", "values", "valeurs", "vaut",
                           "valoir", "valent",
                           "egal", "est", "de", "of", "=", "be", "must", "should", "doit", "etre", "mis", "mise",
                           "fixe", "fixee", "regle", "reglee", "defini", "definie", "positionne", "positionnee",
                           "reg", "dword",  # "NLBSFlags    REG_DWORD    0x1": reg query's output
                           "deja", "already", "now", "maintenant", "bien"})  # "NLBSFlags vaut déjà 1"
#: "set it to 2", "la mets à 0": a value given a few words after NLBSFlags.
_SETTING_VERBS = frozenset({"set", "sets", "setting", "put", "change", "changed", "mettre", "mets", "met", "mis",
                            "passe", "passer", "regle", "regler", "fixe", "fixer", "type", "tape", "tapez", "taper",
                            "saisir", "saisissez", "enter", "entrez"})  # "In Value data, type 0"
_SETTING_FILLER = frozenset({"it", "to", "a", "at", "as", "la", "le", "sur", "sa", "its", "value", "valeur"})
_LIST_WORDS = frozenset({"and", "et", "or", "ou", "tcp", "udp", "port", "ports"})
_UNITS = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "seconde": 1, "secondes": 1,
          "min": 60, "mins": 60, "mn": 60, "minute": 60, "minutes": 60,
          "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "heure": 3600, "heures": 3600}
TIME_UNITS = frozenset(_UNITS)
#: A question that counts in seconds ("… in seconds?") or claims minutes ("does a planned move take minutes?").
SECOND_WORDS = frozenset({"seconds", "secondes", "second", "seconde", "secs", "sec"})
MINUTE_WORDS = frozenset({"minutes", "minute", "mins", "min"})
WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3,
                 "four": 4, "quatre": 4, "five": 5, "cinq": 5, "six": 6, "seven": 7, "sept": 7, "eight": 8,
                 "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10, "twelve": 12, "douze": 12, "twenty": 20,
                 "vingt": 20, "thirty": 30, "trente": 30, "septante": 70, "huitante": 80, "octante": 80,
                 "nonante": 90, "eleven": 11, "onze": 11, "fifteen": 15, "quinze": 15, "forty": 40, "quarante": 40,
                 "fifty": 50, "cinquante": 50, "sixty": 60, "soixante": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90}
_BEFORE_A_YEAR = frozenset({"in", "en", "since", "depuis", "year", "annee", "of", "until", "de", "du", "date", "from",
                            "dated", "dates", "circa", "around", "updated", "revised", "published", "written",
                            "january", "february", "march", "april", "may", "june", "july", "august", "september",
                            "october", "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin",
                            "juillet", "aout", "septembre", "octobre", "novembre", "decembre"})
#: What a count counts ("10 planned moves", "trois pannes").
_TIMES_WORDS = frozenset({"times", "fois"})
_EVENTS = frozenset({"failover", "failovers", "crash", "crashes", "move", "moves", "moved", "deplacement",
                     "deplacements", "bascule", "bascules", "basculement", "basculements", "panne", "pannes",
                     "incident", "incidents", "outage", "outages", "hang", "hangs", "event", "events", "plantage",
                     "plantages", "plante", "plantes", "crashs", "reboots", "coupures", "coupure", "failure",
                     "failures", "defaillance", "defaillances", "freezes", "bsod", "bsods", "blocage", "blocages",
                     "gel", "gels", "freeze"})
#: Verbs of a failover, before "N times" ("the node hung 3 times", "je déplace le groupe 3 fois").
_EVENT_VERBS = frozenset({"hung", "froze", "crashed", "failed", "deplace", "deplacer", "deplaces",
                          "basculer", "plante", "moved", "rebooted", "bloque", "fige", "gele", "tombe", "crashe",
                          "hangs", "crashes", "freezes"})
EVENTS = _EVENTS
#: Machines counted beside the failovers ("cluster à 4 nœuds", "12 front-ends"): never the failovers' count.
_COUNTED_MACHINES = frozenset({"node", "nodes", "noeud", "noeuds", "server", "servers", "serveur", "serveurs", "fe",
                               "fes", "be", "bes", "frontaux", "frontal", "machines", "boxes"})
_DOWN_TO = frozenset({"a", "to", "et", "and", "vers", "down", "jusqu"})
_NODES = frozenset({"node", "nodes", "noeud", "noeuds", "backend", "cluster"})
#: Concepts that state the NLBSFlags state without naming the value ("before the change").
STATE_ABSENT, STATE_SET = "state_absent", "state_set"
_SET_VERB = frozenset({"set_verb"})
_TO_BE = frozenset({"be", "etre", "to", "get", "a"})  # "should NLBSFlags be set…": the act, not a state
_WHERE = frozenset({"on", "sur", "in", "under", "sous", "dans", "at"})
_COPULAS = frozenset({"is", "are", "was", "est", "sont", "already", "deja"})  # "NLBSFlags is set on the FE"
_BEFORE, _AFTER = frozenset({"before", "avant", "prior", "until"}), frozenset({"after", "apres", "once", "since"})
_CHANGE = frozenset({"change", "changes", "changing", "changed", "fix", "fixing", "tweak", "modification", "modif",
                     "modify", "modifies", "modified", "edit", "edits", "edited",
                     "modifier", "modifie", "changement", "changer", "correctif", "reglage", "patch", "patching",
                     "applying", "apply", "applied", "appliquer", "applique", "setting", "set", "enabling",
                     "enable", "enabled", "activation", "activer", "active", "configuring", "configure",
                     "nlbsflags", "registry", "registre", "flag", "value", "valeur", "add", "adding", "added",
                     "ajoute", "ajouter", "ajout", "cree", "creer", "create", "creating", "created"})


class Slots(Record):
    os: str | None = None              # "windows-2000" | "windows-2003"
    other_os: str | None = None        # a Windows the article does not cover
    other_exchange: str | None = None  # an Exchange the article does not cover
    nlbsflags: str | None = None       # "1" | "absent" | another value, as text
    ports: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()      # bare numbers (article numbers, values)
    durations: tuple[int, ...] = ()    # durations the question states, in seconds ("3 minutes")
    oses: tuple[str, ...] = ()         # every covered Windows named, in order (a comparison names two)
    count: int | None = None           # how many failovers the question adds up
    rate: Rate | None = None           # the count as a rate over a horizon ("2 a month, over a year")
    horizon: str | None = None         # a period the question totals over, for an earlier part's rate
    span: tuple[str, int] | None = None  # "over 52 weeks": periods an earlier part's rate runs over
    limit: tuple[str, int] | None = None  # a bound: ("lt", s) "under 3 min", ("le", s) "SLA 3 min", ("gt", s) "over",
    # ("ge", s) "at least 5 min"
    stated: bool = False               # the NLBSFlags state is said in words ("after the change"), not as a value
    clock: int | None = None           # a time of day the failover starts ("the node died at 09:58"), in minutes
    mixed: tuple[int, int] | None = None  # "2 planned moves and 1 node hang": (planned moves, unplanned failovers)
    split: tuple[int, int] | None = None  # "1 crash before the change, then 2 after": (without NLBSFlags, with it)
    supposed: tuple[int | None, int | None] | None = None  # "if IKE took 2 minutes": (idle, IKE) supposed, seconds
    front_ends: int | None = None      # "we have 4 front-ends": how many front-end servers the asker runs


def _preceded_by(tokens: list[str], i: int, words: frozenset[str]) -> bool:
    j = i - 1
    while j >= max(0, i - _MAX_FILLER) and tokens[j] in _FILLER:
        j -= 1
    return j >= 0 and tokens[j] in words


def _versions(tokens: list[str], oos: OutOfScope) -> tuple[list[str], str | None, str | None, set[int]]:
    oses: list[str] = []
    other_os = other_exchange = None
    used: set[int] = set()
    win_versions = frozenset(oos.windows_versions)
    exch_versions = frozenset(oos.exchange_versions)
    for i, tok in enumerate(tokens):
        if tok in COMPACT_OS:
            oses.append(COMPACT_OS[tok])
            used.add(i)
        elif tok in _CLIENT_WINDOWS:
            other_os = other_os or _CLIENT_WINDOWS[tok]
            used.add(i)
        elif tok.startswith(("win2k", "w2k")) or tok in ("2k8", "2k12"):
            other_os = other_os or tok
            used.add(i)
        elif _preceded_by(tokens, i, _EXCHANGE_WORDS) and (tok in exch_versions or len(tok) == 4) and not (
                tok == "se" and tokens[i + 1 : i + 2] and tokens[i + 1].isalpha() and len(tokens[i + 1]) > 2
                and tokens[i + 1] not in ("edition", "server", "subscription")):  # "Exchange se rétablit": French
            if tok in exch_versions:
                other_exchange = other_exchange or f"Exchange {tok.upper() if tok.isalpha() else tok}"  # "SE"
            used.add(i)
        elif tok == "2003" and "r2" in tokens[i + 1 : i + 3]:  # R2: a release the article never names
            other_os = other_os or "Windows Server 2003 R2"
            used.add(i)
        elif _preceded_by(tokens, i, _OS_WORDS) or tok in ("2000", "2003"):
            if tok in ("2000", "2003"):
                oses.append(f"windows-{tok}")
                used.add(i)
            elif tok in win_versions:
                r2 = " R2" if "r2" in tokens[i + 1 : i + 3] else ""  # "Windows Server 2008 R2", named as asked
                other_os = other_os or (f"Windows Server {tok}{r2}" if tok.isdigit() and int(tok) >= 2008
                                        else f"Windows {tok}")
                used.add(i)
        elif tok.isdigit() and len(tok) == 4 and tok in win_versions | exch_versions and not (
                i and tokens[i - 1] in _BEFORE_A_YEAR):
            other_os = other_os or f"version {tok}"
            used.add(i)
    return list(dict.fromkeys(oses)), other_os, other_exchange, used


def _is_port(token: str) -> bool:
    return len(token) <= _MAX_PORT_DIGITS and 0 < int(token) < 65536


_WELL_KNOWN = frozenset({25, 80, 88, 110, 135, 143, 389, 443, 445, 500, 587, 636, 993, 995, 3268, 3269, 4500})
_NOT_A_PORT = frozenset({"%", "percent", "pourcent", "fois", "times", "x", "users", "utilisateurs", *_UNITS})
_DETERMINERS_OF_PORTS = frozenset({"le", "the", "et", "and", "about", "ou", "or", "du", "sur", "on", "via"})


def _ports(tokens: list[str], used: set[int]) -> list[int]:
    ports: list[int] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in ("port", "ports"):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (tokens[j].isdigit() or tokens[j] in _LIST_WORDS):
            if tokens[j].isdigit() and _is_port(tokens[j]) and j not in used:
                ports.append(int(tokens[j]))
                used.add(j)
            j += 1
        i = j  # a `port` inside the list just scanned would scan a part of it again: linear, not quadratic
    if ports or any(t in ("port", "ports") for t in tokens):  # "ports ldap et gc, 389 et 3268 ?"
        for i, tok in enumerate(tokens):
            if tok.isdigit() and len(tok) >= 2 and _is_port(tok) and i not in used and (
                    i + 1 >= len(tokens) or tokens[i + 1] not in _UNITS):
                ports.append(int(tok))
                used.add(i)
    for i, tok in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (tok.isdigit() and len(tok) <= 4 and int(tok) in _WELL_KNOWN and i not in used and i
                and tokens[i - 1] in _DETERMINERS_OF_PORTS and after not in _NOT_A_PORT):
            # "et le 443, l'article dit de l'inclure ?": a well-known port, named by its number alone
            ports.append(int(tok))
            used.add(i)
            continue
        if (tok.isdigit() and _is_port(tok) and i + 1 < len(tokens) and tokens[i + 1] in ("tcp", "udp")
                and i not in used):
            ports.append(int(tok))
            used.add(i)
    return ports


#: Words that put a duration as a bound: "under 3 minutes", "SLA de 5 min", "3 min max" (le), "over 5 min" (gt).
_AT_MOST = frozenset({"within", "max", "maximum", "budget", "sla", "rto", "target", "limit", "limite",
                      "seuil", "threshold", "objectif", "most", "tenir", "fits", "fit", "allows", "allow", "allowed",
                      "permet", "autorise", "tolere", "tolerates", "tolerate"})
_BELOW = frozenset({"under", "below", "beneath", "sous", "dessous", "inferieur", "inferieure", "moins", "less",
                    "fewer"})
_MORE_THAN = frozenset({"over", "above", "exceed", "exceeds", "exceeding", "longer", "superieur", "depasse",
                        "depasser", "depassent", "least", "beyond", "plus", "more"})
#: "faster than 10 seconds", "plus rapide que 3 minutes": a bound, as "under"; "slower than …" as "over".
_FASTER = frozenset({"faster", "quicker", "shorter", "sooner", "rapide", "rapides", "court", "courte", "vite"})
_SLOWER = frozenset({"slower", "lent", "lente", "long", "longue", "tard"})
THAN = frozenset({"than", "que", "qu"})
_RATIO = frozenset({"times", "fois", "x"})  # "combien de fois plus rapide que les 2 minutes": a ratio, not a bound
#: After the duration, only a bound's own name bounds it ("5 min max"; "6 minutes longer" is a difference).
_BOUND_AFTER = frozenset({"max", "maximum", "maxi", "sla", "rto", "budget", "target", "limit", "limite", "threshold",
                          "seuil", "objectif"})
_LIMIT_GAP = 4  # words between the bound's word and its duration ("budget d'interruption de 3 min")


def _bounds_next(tokens: list[str], at: int) -> bool:
    """"exchange 1 min, sla 3 min": the bound's word names the figure after it, not the one before."""
    return any(t.isdigit() or t in WORD_NUMBERS for t in tokens[at + 1 : at + 3])


def _limit(tokens: list[str], used: set[int]) -> tuple[str, int] | None:
    """The first duration bounded by a word before it (within a few words) or right after it ("3 min max")."""
    for i, tok in enumerate(tokens[:-1]):
        unit = _UNITS.get(tokens[i + 1])
        number = int(tok) if tok.isdigit() and len(tok) <= 6 else WORD_NUMBERS.get(tok)
        if number is None or not unit or i in used or not (tok.isdigit() or unit >= 60 or number >= 10):
            continue
        before = tokens[max(0, i - _LIMIT_GAP) : i]
        ratio = bool(_RATIO & set(tokens[max(0, i - 7) : i]))
        if ("moins" in before and "au" in before[: before.index("moins")][-1:]) or (
                "least" in before and "at" in before[: before.index("least")][-1:]):
            kind = "ge"  # "au moins 5 minutes", "at least 5 minutes": 5 minutes meets it
        elif _BELOW & set(before) or (_FASTER & set(before) and THAN & set(before) and not ratio):
            kind = "lt"  # "below 5 minutes" excludes 5 minutes; "faster than 10 seconds" too
        elif _SLOWER & set(before) and THAN & set(before) and not ratio:
            kind = "gt"  # "slower than 1 minute", "plus long que 3 minutes"
        elif (_BOUND_AFTER & set(tokens[i + 2 : i + 4]) and not _bounds_next(tokens, i + 2)) or _AT_MOST & set(before):
            kind = "le"
        elif _MORE_THAN & set(before) and not ("plus" in before and "de" not in before):
            kind = "gt"  # French "plus" bounds only as "plus de 5 min"; alone it adds ("5 min plus IKE")
        else:
            continue
        used.update({i, i + 1})
        return kind, number * unit
    return None


_RANGE_WORDS = frozenset({"to", "a", "and", "et", "or", "ou"})


_COMPACT_UNITS = {"m": 60, "mn": 60, "min": 60, "s": 1, "sec": 1}  # not "14h05": a time of day (kb.cues)
_COMPACT_DURATION = r"(\d{1,4})(m|mn|min|s|sec)(\d{1,2})?"  # compiled on first use


def _compact(tok: str) -> int | None:
    """"2m30", "90s", "3min": a duration written as one word, in seconds."""
    m = re.fullmatch(_COMPACT_DURATION, tok)
    if m is None or (m.group(3) and m.group(2) not in ("m", "mn", "min")):
        return None
    return int(m.group(1)) * _COMPACT_UNITS[m.group(2)] + int(m.group(3) or 0)


def _durations(tokens: list[str], used: set[int]) -> list[int]:
    found: list[int] = []
    for i, tok in enumerate(tokens):
        if tok[:1].isdigit() and not tok.isdigit() and i not in used and (seconds := _compact(tok)) is not None:
            used.add(i)
            found.append(seconds)
            continue
        if i == len(tokens) - 1:
            break
        unit = _UNITS.get(tokens[i + 1])
        number = int(tok) if tok.isdigit() and len(tok) <= 6 else WORD_NUMBERS.get(tok)
        if unit is None and tok.isdigit() and len(tok) <= 6 and i not in used:  # "3 to 6 seconds", "3-6 s": a range
            gap = 1 if tokens[i + 1].isdigit() else 2 if tokens[i + 1] in _RANGE_WORDS else 0
            if gap and i + gap + 1 < len(tokens) and tokens[i + gap].isdigit() and (
                    later := _UNITS.get(tokens[i + gap + 1])) and "nlbsflags" not in tokens[max(0, i - 2) : i]:
                # "3 to 6 seconds": a range; "de 5 à 1 minute": a change from one figure to the other, both in
                # the unit written last; not "NLBSFlags à 1 et 2 minutes de récupération", a value then a time
                used.add(i)
                found.append(int(tok) * later)
                continue
        if number is not None and unit and i not in used and (tok.isdigit() or unit >= 60 or number >= 10):
            seconds = number * unit  # "ninety secs" too; not "a second" (an instant, or an ordinal)
            used.add(i)
            rest = tokens[i + 2] if i + 2 < len(tokens) else ""
            after = tokens[i + 3] if i + 3 < len(tokens) else ""
            # "2 min 30"; not "6 minutes = 5 minutes + 1 minute", whose next figure has its own unit
            if unit == 60 and rest.isdigit() and len(rest) <= 2 and int(rest) < 60 and _UNITS.get(after, 1) == 1:
                seconds += int(rest)
                used.add(i + 2)
            found.append(seconds)
    return found


def _timeline(tokens: list[str]) -> str | None:
    """"before the change" / "after applying the fix": the state on that side of the change."""
    for i, tok in enumerate(tokens):
        if i and tokens[i - 1] in ("not", "pas", "non"):
            continue  # "After (not before) the change": the side set aside
        at = i + 1
        while at < min(len(tokens), i + 4) and tokens[at] in ("not", "pas", "et", "and"):
            at += 1  # "after (not before) the change", "après (et pas avant) avoir mis": the other side denied
        at = at + 1 if at > i + 1 and tokens[at : at + 1] and tokens[at] in _BEFORE | _AFTER else i + 1
        ahead = tokens[at : at + 4]
        ends = next((k for k, t in enumerate(ahead) if t in _EVENTS or t in _NODES), len(ahead))
        if (tok in _BEFORE or tok in _AFTER) and any(t in _CHANGE for t in ahead[:ends]) and not (
                _NEGATIONS & set(tokens[at : at + 6])):  # "after BE node hang, NLBSFlags not set": the crash's
            return "absent" if tok in _BEFORE else "1"
    return None


_BEFORE_AN_YEAR = frozenset({"un", "1", "par", "l", "chaque", "cet", "dernier", "prochain", "sur", "en"})
_PERIOD_NOUNS = frozenset({"an", "ans", "annee", "annees", "year", "years", "mois", "month", "months", "semaine",
                           "semaines", "week", "weeks", "jour", "jours", "day", "days", "trimestre", "trimestres",
                           "quarter", "quarters"})


def _count(tokens: list[str], used: set[int]) -> tuple[int | None, Rate | None]:
    """How many failovers the question counts ("10 planned moves", "three node crashes").

    A count per period over a longer one ("2 crashes a month, per year?") is
    multiplied out; the rate is kept so the answer can show the product.
    """
    for i, tok in enumerate(tokens):
        number = int(tok) if tok.isdigit() and len(tok) <= 4 else _MULTIPLES.get(tok) or WORD_NUMBERS.get(tok)
        if tok in _ARTICLES and any(_small_number(t) or t in _MULTIPLES for t in tokens[i + 1 : i + 6]):
            continue  # "a node hangs 2 times a month": the count is the 2, not the article
        ahead = tokens[i + 1 : i + 3]
        if ahead and (ahead[0].isdigit() or any(t in _UNITS for t in ahead)):
            continue  # "the 3-6 second planned move": a range of durations, not a count of moves
        if not number or i in used or tok.startswith("0"):  # "10:01:02 …": a clock's seconds, never a count
            continue
        if (ahead and ahead[0] in _PERIOD_NOUNS) or (tok == "an" and i and tokens[i - 1] in _BEFORE_AN_YEAR):
            continue  # "sur un an, avec un basculement par mois": a span of time (French "an"), not a count
        if ahead and ahead[0] in _COUNTED_MACHINES and not (ahead[1:] and ahead[1] in _EVENTS):
            continue  # "a 4-node cluster, I move the group 3 times": machines; not "4 node hangs"
        window = tokens[i + 1 : i + 10]
        per = _per_period(window)
        if per is None and window[:1] and window[0] in _TIMES_WORDS and any(
                t in _EVENTS or t in _EVENT_VERBS for t in tokens[max(0, i - 8) : i]):
            used.add(i)  # "the admin moves the group 5 times" (not "2 fois par mois", a rate)
            return number, None
        if (number > 1 or per) and (any(t in _EVENTS for t in window[:5]) or (per and (
                window[0] in _TIMES or tok in _MULTIPLES))):
            used.add(i)
            if per is None:
                return number, None
            rate = _spanned(tokens, Rate(number, per[0], _horizon(tokens, i + 1 + per[1], per[0], i)), used)
            return counted(rate), rate
    return None, None


_MULTIPLES = {"twice": 2, "thrice": 3}  # "hangs twice a month": a count with its "times" in it
_ARTICLES = frozenset({"a", "an", "un", "une"})


#: Words that make a counted failover a planned move or an unplanned one ("2 moves and 1 hang").
_PLANNED_EVENT = frozenset({"move", "moves", "moved", "deplacement", "deplacements", "planned", "planifie",
                            "planifies", "planifiee", "planifiees", "manual", "manuel", "manuels", "manuelle",
                            "manuelles", "maintenance", "patching"})
_UNPLANNED_EVENT = frozenset({"crash", "crashes", "crashs", "hang", "hangs", "panne", "pannes", "plantage", "plantages",
                              "outage", "outages", "unplanned", "imprevu", "imprevus", "inattendu", "inattendus",
                              "incident", "incidents", "freeze", "freezes", "gel", "gels", "blocage", "blocages",
                              "unexpected"})


#: A figure supposed, not the article's: "if IKE took 2 minutes", "si la durée d'inactivité était de 10 minutes"
_SUPPOSING = frozenset({"were", "took", "would", "etait", "mettait", "descendait", "passait", "prenait", "instead",
                        "lieu", "hypothese", "suppose", "supposons", "imagine", "imaginons", "hypothetically"})
_IDLE_PART = frozenset({"idle", "inactivite", "minuteur", "timeout"})
_IKE_PART = frozenset({"ike", "renegociation", "renegotiation", "renego", "principal", "main"})


def _supposed(tokens: list[str]) -> tuple[int | None, int | None] | None:
    """The idle time and IKE's time a question supposes, each the figure after its name (within five words)."""
    if _SUPPOSING.isdisjoint(tokens) or not ("if" in tokens or "si" in tokens or not {
            "hypothese", "suppose", "supposons", "imagine", "imaginons", "say"}.isdisjoint(tokens)):
        return None
    idle = ike = None
    for i, tok in enumerate(tokens[:-1]):
        number = _small_number(tok)
        unit = _UNITS.get(tokens[i + 1])
        if not number or not unit or tok in ("a", "an", "un", "une"):
            continue
        named = next((t for t in reversed(tokens[max(0, i - 5) : i]) if t in _IDLE_PART or t in _IKE_PART), None)
        if named in _IDLE_PART and idle is None:
            idle = number * unit
        elif named in _IKE_PART and ike is None:
            ike = number * unit
    return (idle, ike) if idle is not None or ike is not None else None


_SET_AGAINST = frozenset({"vs", "versus", "difference", "ecart", "contre", "compare", "compared", "comparer", "than",
                          "saving", "saved", "gain", "gagne"})
_SET_AFTER = frozenset({"avec", "with", "apres", "after", "set", "defini", "definie", "active", "enabled", "w"})
_ABSENT_AFTER = frozenset({"sans", "without", "avant", "before", "unset", "wo"})


def _split(tokens: list[str]) -> tuple[int, int] | None:
    """"1 crash du back-end avant la modif puis 2 crashs après", "two hangs with NLBSFlags=1 then one without":
    unplanned failovers counted for each NLBSFlags state (without, with), each state named after its count."""
    counts = {"absent": 0, "1": 0}
    for i, tok in enumerate(tokens):
        number = _small_number(tok)
        joined = i and tokens[i - 1] in ("puis", "then", "et", "and")  # "… puis un plantage sans"
        if not number or (tok in ("a", "an", "un", "une") and not joined):
            continue
        if i and tokens[i - 1] in ("nlbsflags", "a", "to", "at", "vaut", "equals", "data"):
            continue  # "avec NLBSFlags à 1 puis un plantage sans": a value, not a count
        window: list[str] = []
        for t in tokens[i + 1 : i + 9]:
            if t.isdigit() or (t in WORD_NUMBERS and t not in ("a", "an", "un", "une", "1")):
                break
            window.append(t)
        if not any(t in _UNPLANNED_EVENT for t in window[:4]):
            continue
        states = {"1" if t in _SET_AFTER else "absent" for t in window if t in _SET_AFTER or t in _ABSENT_AFTER}
        if len(states) == 1:
            counts[states.pop()] += number
    if not (counts["absent"] and counts["1"]) or _SET_AGAINST & set(tokens):
        return None  # "3 crashes without vs 3 with: the difference?" compares the states; it adds nothing up
    return counts["absent"], counts["1"]


def _scene_set(tokens: list[str], matches: list[Match]) -> bool:
    """"NLBSFlags set on the FEs" in a counted scene: the flag is set (no auxiliary asks where)."""
    for m in matches:
        if "nlbsflags" in m.concepts and tokens[m.end : m.end + 1] and tokens[m.end] in _POSITIVES - {"is", "on"}:
            before = set(tokens[max(0, m.start - 3) : m.start])
            return not before & (_NEGATIONS | MODALS | {"is", "are", "est", "do", "does"})
    return False


_SUMMED = frozenset({"total", "totale", "somme", "sum", "cumule", "cumulee", "cumul", "combined", "altogether",
                     "additionne", "additionner", "add", "together"})


_COMPARED = frozenset({"vs", "versus", "contre", "compare", "compared", "comparer", "than", "que", "difference",
                       "ratio", "longer", "shorter", "faster", "slower", "plus", "moins", "ecart", "which", "lequel",
                       "rapport", "facteur", "factor", "entre", "between", "fois", "times"})


def _mixed(tokens: list[str]) -> tuple[int, int] | None:
    """"2 planned moves and 1 node hang", "3 basculements planifiés et deux pannes": a count of each kind.

    Each count takes the kind named within the next four words, before the next count.
    """
    counts = {"planned": 0, "unplanned": 0}
    for i, tok in enumerate(tokens):
        number = int(tok) if tok.isdigit() and len(tok) <= 4 else WORD_NUMBERS.get(tok)
        if not number or tok in ("a", "an") or (tokens[i + 1 : i + 2] and tokens[i + 1] in _UNITS):
            continue
        if i and tokens[i - 1] in ("pas", "not", "jamais", "never"):
            continue  # "si c'est pas un crash mais un déplacement": the event denied is not counted
        window: list[str] = []
        for t in tokens[i + 1 : i + 5]:
            if t.isdigit() or (t in WORD_NUMBERS and t not in ("a", "an", "un", "une")):
                break
            window.append(t)
        if not any(t in _EVENTS or t in _PLANNED_EVENT or t in _UNPLANNED_EVENT for t in window):
            continue
        # "3 pannes non planifiées": a planned word denied names the other kind
        denied = any(t in _PLANNED_EVENT and j and window[j - 1] in ("non", "not", "pas") for j, t in enumerate(window))
        planned = not denied and any(t in _PLANNED_EVENT for t in window)
        unplanned = denied or any(t in _UNPLANNED_EVENT for t in window)
        if planned != unplanned:
            counts["planned" if planned else "unplanned"] += number
    if counts["planned"] and counts["unplanned"] and (
            counts["planned"] + counts["unplanned"] > 2 or _SUMMED & set(tokens)
            or not _COMPARED & set(tokens)):  # not "one move vs one crash"
        return counts["planned"], counts["unplanned"]  # ("1 move + 1 crash: total?" sums them)
    return None


_EVERY = frozenset({"every", "each", "chaque", "tous", "toutes"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
                       "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "mondays", "tuesdays", "wednesdays",
                       "thursdays", "fridays", "saturdays", "sundays", "lundis", "mardis", "mercredis", "jeudis",
                       "vendredis", "samedis", "dimanches", "weekend", "weekends"})
_OVER = frozenset({"over", "sur", "pendant", "during", "for", "in", "en", "across"})


def _every(tokens: list[str], used: set[int]) -> Rate | None:
    """"a planned move every Sunday … over 52 weeks": one a period, over a stated number of periods.

    Only for a question that counts failovers (a move, a crash) at all.
    """
    if not any(t in _EVENTS for t in tokens):
        return None
    per = None
    for i, tok in enumerate(tokens):
        if tok in _EVERY:
            ahead = [t for t in tokens[i + 1 : i + 4] if t not in ("les", "the")]
            if ahead and ahead[0] in _WEEKDAYS:
                per = "week"
            elif ahead and (unit := _PERIOD_WORDS.get(ahead[0])) and unit != "year":
                per = unit
            elif len(ahead) > 1 and (n := _small_number(ahead[0])) and n > 1 and (
                    unit := _PERIOD_WORDS.get(ahead[1])) and unit != "year":
                return _every_few(tokens, n, unit, used)  # "every 3 days over a 30-day month"
            if per:
                break
    if per is None:
        return None
    return _spanned(tokens, Rate(1, per, _horizon(tokens, 0, per)), used)


def _small_number(token: str) -> int | None:
    return int(token) if token.isdigit() and len(token) <= 3 else WORD_NUMBERS.get(token)


def _every_few(tokens: list[str], n: int, per: str, used: set[int]) -> Rate | None:
    """"one crash every 3 days, over a month": the periods the horizon holds, a failover every n of them
    (30 days a month: 10). Only when the horizon holds a whole number of them, and is named."""
    over = _horizon(tokens, 0, per)
    if over is None:
        return None
    span = span_of(tokens, used)
    periods = _PER_HORIZON[(per, over)] * (span[1] if span is not None and span[0] == over else 1)
    if periods % n:
        return None  # "every 7 days over a month": not a whole number of failovers; not guessed
    return Rate(periods // n, per, over, periods, n)


def span_of(tokens: list[str], used: set[int] | None = None) -> tuple[str, int] | None:
    """"over 52 weeks", "pendant 2 ans": a stated number of periods (unit, how many)."""
    for i, tok in enumerate(tokens[:-2]):
        nxt = tokens[i + 1]
        n = int(nxt) if nxt.isdigit() and len(nxt) <= 4 else WORD_NUMBERS.get(nxt)
        unit = _PERIOD_WORDS.get(tokens[i + 2])
        if tok in _OVER and n and unit and (used is None or i + 1 not in used):
            if used is not None:
                used.add(i + 1)
            return unit, n
    return None


def _spanned(tokens: list[str], rate: Rate, used: set[int]) -> Rate:
    """The rate over the number of periods the question states, if it states one that holds the rate's period."""
    found = span_of(tokens, used)
    if found is not None and (found[0] == rate.per or (rate.per, found[0]) in _PER_HORIZON):
        return rate._replace(over=found[0], span=found[1])
    return rate


def counted(rate: Rate) -> int | None:
    """How many failovers a rate adds up to over its horizon (without one, the count itself, if several)."""
    if rate.every > 1:
        return rate.n
    if rate.over is None:
        return rate.n if rate.n > 1 else None
    return rate.n * (1 if rate.per == rate.over else _PER_HORIZON[(rate.per, rate.over)]) * rate.span


def over_horizon(rate: Rate, horizon: str | None, span: tuple[str, int] | None = None) -> Rate | None:
    """`rate` over a horizon a later part names ("3 crashes a month. Downtime per year?", "… over 52 weeks?")."""
    if rate.over is not None:
        return None
    if span is not None and (span[0] == rate.per or (rate.per, span[0]) in _PER_HORIZON):
        return rate._replace(over=span[0], span=span[1])
    if horizon is not None and (rate.per, horizon) in _PER_HORIZON:
        return rate._replace(over=horizon)
    return None


#: Periods a rate counts in; the horizon a question asks over, and how many periods it holds.
_PERIOD_WORDS = {
    "day": "day", "days": "day", "daily": "day", "jour": "day", "jours": "day", "quotidien": "day",
    "week": "week", "weeks": "week", "weekly": "week", "semaine": "week", "semaines": "week", "hebdo": "week",
    "month": "month", "months": "month", "monthly": "month", "mois": "month", "mensuel": "month",
    "mensuels": "month", "mensuelle": "month", "mensuelles": "month",
    "quarter": "quarter", "quarters": "quarter", "quarterly": "quarter", "trimestre": "quarter",
    "trimestres": "quarter", "trimestriel": "quarter",
    "year": "year", "years": "year", "ans": "year", "yearly": "year", "annually": "year", "annual": "year",
    "annee": "year",
    "annees": "year", "annuel": "year", "annuelle": "year", "annuels": "year", "annuelles": "year",
}
_PER_HORIZON = {("day", "year"): 365, ("week", "year"): 52, ("month", "year"): 12, ("quarter", "year"): 4,
                ("day", "week"): 7, ("day", "month"): 30, ("month", "quarter"): 3}
_PER = frozenset({"per", "par", "a", "an", "each", "every", "chaque", "by"})
_TIMES = frozenset({"times", "fois", "x"})
_YEAR_AN = frozenset({"par", "un", "per", "sur", "chaque", "en", "l", "1"})  # French "an" (a year), not "an" (article)


class Rate(Record):
    """A count per period, over a horizon the question asks ("2 a month, over a year")."""

    n: int
    per: str                # "day" | "week" | "month" | "quarter"
    over: str | None = None  # "week" | "month" | "quarter" | "year"; None: not named (yet)
    span: int = 1            # how many of `over` ("over 52 weeks": 52)
    every: int = 1           # one every so many periods ("every 3 days": 3, with n the count it makes)


def _period(tokens: list[str], i: int) -> str | None:
    tok = tokens[i]
    if tok == "an":
        return "year" if i > 0 and tokens[i - 1] in _YEAR_AN else None
    return _PERIOD_WORDS.get(tok)


def _per_period(window: list[str]) -> tuple[str, int] | None:
    """The period of a rate right after a count ("crashes a month", "pannes par mois", "monthly"): (period, end)."""
    for j, tok in enumerate(window[:9]):
        unit = _period(window, j)
        if unit and unit != "year" and (tok not in _PERIOD_WORDS or tok.endswith(("ly", "el", "elle", "els", "elles"))
                                        or (j and window[j - 1] in _PER)):
            return unit, j + 1
    return None


def _horizon(tokens: list[str], start: int = 0, per: str | None = None, first: int | None = None) -> str | None:
    """The longer period the question totals over ("per year", "sur un an", "annual downtime").

    With `per`, one that holds several of that period, skipping the rate's own words before `start` (from
    `first`, where the rate begins: "Sur un an, avec un basculement par mois" keeps its "an").
    """
    skip_from = start - 8 if first is None else first
    for i in range(len(tokens)):
        if skip_from <= i < start:
            continue
        unit = _period(tokens, i)
        if unit and (per is None or (per, unit) in _PER_HORIZON):
            return unit
    return None


#: What a question calls the NLBSFlags change when it does not name it ("the registry change", "la clé").
_CHANGE_NAMES = frozenset({"registry", "registre", "reg", "key", "cle", "fix", "tweak", "modif", "modification",
                           "modify", "modified", "correctif", "patch", "flag", "change", "changement", "reglage",
                           "setting"})
_DONE = frozenset({"applied", "applique", "appliquee", "added", "ajoute", "ajoutee", "created", "cree", "creee",
                   "enabled", "active", "activee", "done", "fait", "faite", "mis", "mise", "place", "set", "deployed",
                   "deploye", "deployee", "after", "apres", "once", "apply", "did"})
#: "NLBSFlags is live", "went live": a state; "where does NLBSFlags live?" asks where
_GONE_LIVE = (["is"], ["are"], ["was"], ["be"], ["been"], ["go"], ["goes"], ["went"], ["gone"], ["now"], ["already"])
_STATE_WINDOW = 6
_HOW_LONG_BEFORE = frozenset({"temps", "long", "minutes", "secondes", "seconds", "min", "combien", "much"})


def _change_state(tokens: list[str], concepts: set[str]) -> str | None:
    """"we haven't applied the registry change", "après avoir mis la clé": the state of the change it names."""
    at = next((i for i, t in enumerate(tokens) if t in _CHANGE_NAMES), None)
    if at is None:
        return None
    window = tokens[max(0, at - _STATE_WINDOW) : at + _STATE_WINDOW]
    if {"after", "apres", "once"} & set(tokens[max(0, at - 3) : at]) and not {"not", "pas", "no"} & set(
            tokens[max(0, at - 4) : at]):
        return "1"  # "After the registry change (so not the out-of-the-box behaviour anymore), …": done
    if window and window[-1] in ("non", "no") and at + _STATE_WINDOW >= len(tokens):
        window = window[:-1]  # "…qu'on met la clé, non ?": a tag asking to confirm, not a negation
    if _NEGATIONS & set(window) or {"nobody", "personne", "nothing", "rien"} & set(window):  # "nothing's been tweaked"
        return "absent"
    if any(tokens[i] in ("avant", "before") and not (i and tokens[i - 1] in _HOW_LONG_BEFORE)
           for i in range(max(0, at - 9), at)):  # "avant même d'avoir touché au Registre", not "temps avant"
        return "absent"
    done = {t for i, t in enumerate(window) if t in _DONE and not (i and window[i - 1] == "se")}  # "se fait": how
    return "1" if done else None  # it is done, in general; not that it was


def _value(token: str) -> str:
    """A value written for NLBSFlags, as said: no int(), a chat message may hold a 40,000-digit "number"."""
    digits = token.lstrip("0") or "0"
    return digits if len(digits) <= 10 else digits[:10] + "…"


_ABSENCE = frozenset({"absent", "absente", "missing", "unset", "default", "defaut", "manquant", "manquante", "stock",
                      "origine", "original", "vanilla"})
_UNTOUCHED = frozenset({"unmodified", "untouched", "unchanged"})
_ABSENT_ITSELF = frozenset({"absent", "absente", "missing", "unset", "manquant", "manquante"})
#: between "not" and "the stock config", "pas" and "la config d'origine": words that name no state
_CONFIG_WORDS = frozenset({"the", "la", "le", "les", "l", "d", "de", "du", "config", "configuration", "a", "an", "un",
                           "une", "its", "sa", "son", "settings", "setting", "state", "etat", "behaviour", "behavior"})


def _no_longer_absent(tokens: list[str]) -> bool:
    """"n'est plus absent (il vaut 1)", "no longer missing", "NOT missing", "not the default any more", "set (not the
    stock config)", "défini (donc pas la config d'origine)": a denied absence, so set."""
    for i, t in enumerate(tokens):
        if t not in _ABSENCE and t not in _UNTOUCHED:
            continue
        before, after = tokens[max(0, i - 4) : i], tokens[i + 1 : i + 3]
        said = " ".join(tokens[max(0, i - 7) : i])
        if any(f"{w} " in f"{said} " for w in INSTEAD_OF):
            return True  # "NLBSFlags set, rather than left unset", "rather than the figure for an unmodified FE"
        if t in _UNTOUCHED:
            continue
        k = i - 1
        while k >= 0 and i - k <= 4 and tokens[k] in _CONFIG_WORDS:
            k -= 1
        if k >= 0 and tokens[k] in ("not", "pas") and t not in _ABSENT_ITSELF and (
                not tokens[k - 1 : k] or tokens[k - 1] not in ("is", "est", "if", "si")):
            return True  # "(not the stock config)": a state denied by naming what it is not
        if ("longer" in before and {"no", "nae"} & set(before)) or ("plus" in before and {"n", "ne"} & set(before)) \
                or (before[-1:] == ["not"] and t in ("missing", "absent", "unset")) \
                or (("anymore" in after or after == ["any", "more"]) and {"not", "no"} & set(before)):
            return True
    return False


def _nlbsflags(tokens: list[str], matches: list[Match], used: set[int], timed: bool = False) -> str | None:
    concepts = {c for m in matches for c in m.concepts}
    if _no_longer_absent(tokens):
        return "1"
    timeline = _timeline(tokens)
    if timeline == "absent":
        concepts.add(STATE_ABSENT)
    elif timeline == "1":
        concepts.add(STATE_SET)
    spans = [m for m in matches if "nlbsflags" in m.concepts]
    if not spans:
        if not concepts & _STATE_CONTEXT and not timed:
            # "on a pas touché au registre", "on n'a pas encore touché à Oakley": the change named, in a state; but
            # "is OWA traffic encrypted out of the box?" is a default of something else
            return _change_state(tokens, concepts) if _CHANGE_NAMES & set(tokens) else None
        if STATE_ABSENT in concepts and STATE_SET not in concepts:
            return "absent"
        if STATE_SET in concepts and STATE_ABSENT not in concepts:
            return "1"
        return _change_state(tokens, concepts)

    span = spans[0]
    for later in spans[1:3]:  # "le flag NLBSFlags est à 1": one name in two phrases, its value after the last
        if later.start == span.end:
            span = later
    if set(tokens[max(0, span.start - 3) : span.start]) & {"nobody", "noone"}:
        return "absent"  # "nobody set NLBSFlags=1 on the FE"
    near = set(tokens[max(0, span.start - 8) : span.end + 8])
    close = set(tokens[max(0, span.start - 2) : span.end + 8])  # not "With Exchange at 1 minute, … without NLBSFlags"
    if ({"with", "without"} <= near and "with" in close) or ({"avec", "sans"} <= near and "avec" in close):
        return None  # "first without NLBSFlags and then with it": both cases
    if {"without", "sans"} & set(tokens[max(0, span.start - 2) : span.start]) and any(
            t in ("with", "avec") and tokens[k + 1 : k + 2] in (["it"], ["lui"], ["elle"], ["nlbsflags"])
            for k, t in enumerate(tokens[span.end :], span.end)):
        return None  # "without NLBSFlags does IKE take any longer than it does with it?": both cases
    j = span.end
    while j < len(tokens) and j < span.end + 5 and (tokens[j] in _VALUE_FILLER or tokens[j] in _NOT):
        j += 1  # "NLBSFlags n'est pas à 1": a negated value is still read, then negated
    if not (j < len(tokens) and tokens[j].isdigit()):  # "NLBSFlags … if I set it to 2", "… je la mets à 0"
        k = next((k for k in range(span.end, min(len(tokens), span.end + 6)) if tokens[k] in _SETTING_VERBS), None)
        if k is not None:
            j = k + 1
            while j < len(tokens) and j < k + 4 and tokens[j] in _SETTING_FILLER:
                j += 1
    stated = bool(set(tokens[span.end : j]) & {"is", "est", "vaut", "equals", "was", "etait"})  # "NLBSFlags is 1, …"
    if j < len(tokens) and tokens[j].isdigit() and j not in used and not (
            j + 1 < len(tokens) and tokens[j + 1] in _EVENTS | TIME_UNITS | _PLANNED_EVENT | _UNPLANNED_EVENT
            and not (stated and tokens[j + 1] not in TIME_UNITS)) and not (
            # "with NLBSFlags, 3 crashes", "(flag set) + 50 planned moves": a count
            tokens[j + 1 : j + 2] and tokens[j + 1] in _DOWN_TO and tokens[j + 2 : j + 3] and (
                tokens[j + 2].isdigit())):  # "grâce à NLBSFlags (de 6 à 2 min)": a range of durations
        used.add(j)
        between = set(tokens[span.start : j])  # "isn't missing anymore (we set it to 1)": a double negation, set
        ruled = set(tokens[max(0, span.start - 3) : j]) & MODALS
        if between & _NOT and not between & (_NEGATIONS - _NOT) and not ruled:
            but = next((k + 1 for k in range(j + 1, min(len(tokens) - 1, j + 3)) if tokens[k] in _BUT), None)
            if but is None or not tokens[but].isdigit():
                return "absent"  # "if NLBSFlags isn't set to 1": the article's other state (not "shouldn't it be 1?")
            j = but  # "not 2 but 1": the value after "but"
        digits = _value(tokens[j])
        if digits == "1" and span.start and tokens[span.start - 1] in ("sans", "without"):
            return "absent"  # "sans NLBSFlags = 1": without the article's value
        if digits == "1" and timeline == "absent":
            return None  # "avant la modification du Registre, puis après avoir défini NLBSFlags à 1": both cases
        return digits
    if span.start >= 2 and tokens[span.start - 1] in _INTO and tokens[span.start - 2].isdigit() and (
            span.start - 2 not in used):  # "on tape bien 0 dans NLBSFlags ?", "type 2 into NLBSFlags"
        used.add(span.start - 2)
        return _value(tokens[span.start - 2])
    if STATE_ABSENT in concepts and STATE_SET not in concepts:
        return "absent"
    if STATE_SET in concepts and STATE_ABSENT not in concepts:
        return "1"
    near = tokens[max(0, span.start - 4) : span.end + 3]
    if {"already", "deja"} & set(near) and not _NOT & set(near) and _SETTING_VERBS & set(near):
        return "1"  # "we set NLBSFlags already", "on a déjà mis NLBSFlags": done, not a question of how
    # Words of another phrase ("non planifiée", "not clustered") say nothing about NLBSFlags.
    others = {i for m in matches if "nlbsflags" not in m.concepts  # "flag set" states; "do I set the flag" acts
              and not (m.concepts == _SET_VERB and m.start >= span.end and tokens[m.start - 1] not in _TO_BE
                       and (m.end >= len(tokens) or tokens[m.end] not in _WHERE  # "is it set on the FE?": where;
                            or tokens[m.start - 1] in _COPULAS))  # "NLBSFlags is set on the FE, …": a state
              for i in range(m.start, m.end)}
    window = [t for i, t in enumerate(tokens[max(0, span.start - 5) : span.end + 5], max(0, span.start - 5))
              if i not in others]
    roles = {i for m in matches if m.concepts & ROLES for i in range(m.start, m.end)}
    negative = any(t in _NEGATIONS and not (t in _NOT and _contrast(i, roles)) and not _of_a_number(tokens, i)
                   for i, t in enumerate(tokens[max(0, span.start - 5) : span.end + 5], max(0, span.start - 5))
                   if i not in others)
    positive = any(t in _POSITIVES and (t != "live" or tokens[i - 1 : i] in _GONE_LIVE)
                   for i, t in enumerate(tokens[max(0, span.start - 5) : span.end + 5], max(0, span.start - 5))
                   if i not in others and t not in ("is", "on"))  # "where does NLBSFlags live?": a verb
    if ("with" in window and "without" in window) or ("avec" in window and "sans" in window):
        return None  # "with and without NLBSFlags": both cases
    if negative:
        return "absent"
    if positive or tokens[span.start:span.end] == ["fast", "failover"]:
        return "1"
    if _BRINGS_DOWN & set(tokens) and down_to(tokens):
        return "1"  # "does the flag get the failover down to 2 min?": what it comes to with the flag set
    return None


def down_to(tokens: list[str] | tuple[str, ...]) -> bool:
    """"cut to 2 minutes", "réduit à 2 minutes": a time it comes down to, not the time saved ("by 4 minutes")."""
    return any(t in ("to", "a", "jusqu") and nxt.isdigit() for t, nxt in pairwise(tokens))


_BRINGS_DOWN = frozenset({"down", "reduit", "reduire", "ramene", "ramener", "descend", "descendre", "reduce",
                          "reduces", "cut", "cuts", "brings", "bring", "drops", "baisse", "abaisse"})
#: What a state said without naming NLBSFlags ("before the change", "by default") can be the state of.
_STATE_CONTEXT = frozenset({"failover", "time", "idle", "ike", "unplanned", "planned", "recovery", "total", "node",
                            "registry", "value", "value_word", "set_verb", "op_diff", "op_ratio", "compare", "worst",
                            "best", "vip"})


def _of_a_number(tokens: list[str], i: int) -> bool:
    """"2 min, not 1 min": the negation corrects a figure; "c'est 1 minute, non ?" asks for confirmation.

    Neither says anything about NLBSFlags.
    """
    if i == len(tokens) - 1 and tokens[i] in ("non", "no"):
        return True  # a tag at the end
    return i + 1 < len(tokens) and (tokens[i + 1].isdigit() or tokens[i + 1] in WORD_NUMBERS)


def _contrast(i: int, roles: set[int]) -> bool:
    """"on the FE, not the BE": a negation between two server roles sets one against the other, not NLBSFlags."""
    return any(i - 5 <= j < i for j in roles) and any(i < j <= i + 4 for j in roles)


_NOT = frozenset({"not", "pas", "no", "non", "isn", "n", "rather"})
_INTO = frozenset({"dans", "in", "into", "pour", "for"})  # a value typed into the setting, before its name
_BUT = frozenset({"but", "mais", "rather", "plutot", "instead"})


def _corrected(tokens: list[str], oses: list[str]) -> list[str]:
    """"n'est pas en Windows 2003 mais en Windows 2000": the OS after the correction, alone."""
    at = [i for i, t in enumerate(tokens) if t in ("2000", "2003") or t in COMPACT_OS]
    if len(oses) != 2 or len(at) < 2:
        return oses
    first, second = at[0], at[1]
    if _NOT & set(tokens[max(0, first - 4) : first]) and (_BUT & set(tokens[first + 1 : second]) or (
            second - first <= 6 and not _NOT & set(tokens[first + 1 : second]))):
        return [oses[1]]  # "Pas sur du Windows 2000, sur du Windows Server 2003 avec NLBSFlags : …"
    return oses


_ORDINALS = {"first": "1", "premiere": "1", "premier": "1", "1st": "1", "second": "2", "seconde": "2",
             "deuxieme": "2", "2nd": "2", "third": "3", "troisieme": "3", "3rd": "3", "one": "1", "two": "2",
             "three": "3", "un": "1", "deux": "2", "trois": "3", "1re": "1", "1ere": "1", "1er": "1", "2e": "2",
             "2eme": "2", "2nde": "2", "3e": "3", "3eme": "3"}
POLICY_WORDS = frozenset({"policy", "policies", "strategie", "strategies", "strat", "politique", "politiques"})
_POLICY_FILLER = frozenset({"suggested", "suggeree", "ipsec", "proposed", "proposee", "recommended", "recommandee"})


def _policy_ordinals(tokens: list[str]) -> tuple[str, ...]:
    """"the second suggested policy", "la troisième stratégie", "policy two": that policy's number."""
    found = []
    for i, tok in enumerate(tokens):
        if tok not in POLICY_WORDS:
            continue
        j = i - 1
        while j >= 0 and tokens[j] in _POLICY_FILLER:
            j -= 1
        if j >= 0 and tokens[j] in _ORDINALS and tokens[j] not in ("one", "two", "three", "un", "deux", "trois"):
            found.append(_ORDINALS[tokens[j]])
        elif i + 1 < len(tokens) and tokens[i + 1] in ("one", "two", "three", "un", "deux", "trois"):
            found.append(_ORDINALS[tokens[i + 1]])
    return tuple(found)


_STEPS = frozenset({"step", "steps", "etape", "etapes", "stage"})


def _step_numbers(tokens: list[str]) -> set[int]:
    """"step 5", "étapes 4, 5 et 6": where a number names a step of the article's procedure."""
    found: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok in _STEPS:
            j = i + 1
            while j < len(tokens) and j <= i + 6 and ((tokens[j].isdigit() and len(tokens[j]) == 1) or tokens[j] in (
                    "et", "and", "a", "to", "ou", "or", "etape", "step", "pis")):
                if tokens[j].isdigit():
                    found.add(j)
                j += 1
    return found


def extract(tokens: list[str], matches: list[Match], oos: OutOfScope) -> Slots:
    oses, other_os, other_exchange, used = _versions(tokens, oos)
    used |= _step_numbers(tokens)  # "à l'étape 5, je tape 1 ?": a step's number is neither a value nor a count
    oses = _corrected(tokens, oses)
    os = oses[0] if oses else None
    ports = _ports(tokens, used)
    limit = _limit(tokens, used)
    durations = _durations(tokens, used)
    before = len(used)
    nlbs = _nlbsflags(tokens, matches, used, bool(durations or limit))
    stated = nlbs is not None and len(used) == before  # "after the change", "without it"; not "set it to 1"
    mixed = _mixed(tokens)
    split = _split(tokens) if mixed is None else None
    count, rate = _count(tokens, used) if mixed is None and split is None else (None, None)
    if split is not None:
        nlbs = None  # both states are the question's, each for its own failovers
    if nlbs is None and (mixed or count) and _scene_set(tokens, matches):
        nlbs = "1"  # "2 moves and 1 hang, NLBSFlags set on the FEs": a scene's state, not a question of where
    if count is None and mixed is None and (every := _every(tokens, used)) is not None:
        count, rate = counted(every), every
    span = span_of(tokens) if rate is None else None  # for an earlier part's rate
    numbers = tuple(t for i, t in enumerate(tokens) if t.isdigit() and i not in used) + _policy_ordinals(tokens)
    return Slots(os, other_os, other_exchange, nlbs, tuple(dict.fromkeys(ports)), numbers, tuple(durations),
                 tuple(oses), count, rate, None if count else _horizon(tokens), span, limit, stated,
                 mixed=mixed, split=split, supposed=_supposed(tokens), front_ends=_front_ends(tokens))


_FRONT_END_WORDS = frozenset({"fe", "fes", "front", "frontal", "frontaux", "frontend", "frontends"})
_BEFORE_ROLE = frozenset({"exchange", "2003", "owa", "e2k3", "serveurs", "servers", "x", "de", "d"})


def _front_ends(tokens: list[str]) -> int | None:
    """"We have 4 front-ends", "12 Exchange 2003 front-end servers", "j'ai 4 frontaux": how many front-ends."""
    for i, tok in enumerate(tokens[:-1]):
        n = int(tok) if tok.isdigit() and len(tok) <= 3 else WORD_NUMBERS.get(tok)
        if not n or n > 500 or tok in _ARTICLES:
            continue
        j = i + 1
        while j < min(len(tokens), i + 4) and tokens[j] in _BEFORE_ROLE:
            j += 1
        if j < len(tokens) and tokens[j] in _FRONT_END_WORDS:
            return n
    return None


# --- numbers said in words ----------------------------------------------------------------------------------------
# "quarante-cinq secondes", "two thousand eight", "three oh six six seven seven": dictated or typed out, one number
# each, not a row of small ones (which would read as a count of 2 or a range). Single number words ("cinq minutes")
# are left alone: the slots read those themselves.

_SAID_UNITS = {w: n for w, n in WORD_NUMBERS.items() if 1 <= n <= 9 and w not in ("a", "an")}
#: the teens WORD_NUMBERS lacks are only joined here, not counted on their own (slots read those as before)
_SAID_TEENS = {**{w: n for w, n in WORD_NUMBERS.items() if 10 <= n <= 19},
               "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
               "treize": 13, "quatorze": 14, "seize": 16}
_SAID_TENS = {w: n for w, n in WORD_NUMBERS.items() if n >= 20 and n % 10 == 0}
_SAID_THOUSAND = frozenset({"thousand", "mille"})
_SAID_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
           "seven": "7", "eight": "8", "nine": "9"}
#: Words that make a compound: without one of them, nothing is joined (and nothing is scanned twice).
_SAID_JOINING = frozenset(_SAID_TENS) | _SAID_THOUSAND | {"oh", "zero"}
_SAID_ARTICLES = frozenset({"un", "une"})  # "un" alone is an article: a unit only after "et" ("vingt et un")


def _said_unit(tokens: list[str], i: int, after_and: bool) -> int | None:
    if i >= len(tokens):
        return None
    t = tokens[i]
    if t in _SAID_ARTICLES and not after_and:
        return None
    return _SAID_UNITS.get(t)


def _said_below_hundred(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number starting at i and where it ends: "quarante cinq", "twenty one", "soixante dix", "vingt et un"."""
    t = tokens[i]
    if t == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):  # quatre-vingt(-dix)
        base, j = 80, i + 2
        if j < len(tokens) and tokens[j] in _SAID_TEENS:
            return base + _SAID_TEENS[tokens[j]], j + 1
        unit = _said_unit(tokens, j, False)
        return (base + unit, j + 1) if unit else (base, j)
    if t in _SAID_TENS:
        base, j = _SAID_TENS[t], i + 1
        if base == 60 and j < len(tokens) and tokens[j] in _SAID_TEENS:  # soixante-dix, soixante-quinze
            return base + _SAID_TEENS[tokens[j]], j + 1
        after_and = j < len(tokens) and tokens[j] in ("et", "and") and j + 1 < len(tokens)
        unit = _said_unit(tokens, j + 1 if after_and else j, after_and)
        if unit:
            return base + unit, (j + 2 if after_and else j + 1)
        return base, j
    if t in _SAID_TEENS:
        return _SAID_TEENS[t], i + 1
    unit = _said_unit(tokens, i, False)
    return (unit, i + 1) if unit else None


def spoken_numbers(tokens: list[str]) -> list[str]:
    """The tokens with each compound number word joined into its figure."""
    if _SAID_JOINING.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        # "three oh six six seven seven": digits said one by one (four or more, with an "oh" or "zero")
        run = i
        while run < len(tokens) and tokens[run] in _SAID_DIGITS and run - i < 12:
            run += 1
        if run - i >= 4 and {"oh", "zero"} & set(tokens[i:run]):
            out.append("".join(_SAID_DIGITS[x] for x in tokens[i:run]))
            i = run
            continue
        head = _said_below_hundred(tokens, i) if (t in _SAID_TENS or t in _SAID_TEENS or t in _SAID_UNITS) else None
        thousands = head is not None and head[1] < len(tokens) and tokens[head[1]] in _SAID_THOUSAND
        if thousands or (t in _SAID_THOUSAND and not (out and out[-1].isdigit())):
            # "two thousand eight", "deux mille trois"; "thousand" alone: 1000
            value, j = (head[0], head[1] + 1) if head is not None and thousands else (1, i + 1)
            if j < len(tokens) and tokens[j] == "and" and j + 1 < len(tokens) and _said_below_hundred(tokens, j + 1):
                j += 1  # "two thousand and three"
            rest = _said_below_hundred(tokens, j) if j < len(tokens) else None
            out.append(str(value * 1000 + (rest[0] if rest else 0)))
            i = rest[1] if rest else j
            continue
        if head is not None and (t in _SAID_TENS or (t == "quatre" and head[0] >= 80)):
            out.append(str(head[0]))
            i = head[1]
            continue
        out.append(t)
        i += 1
    return out
