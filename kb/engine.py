"""Answer a question about KB 821839 from the data, citing the article.

Closed-world and deterministic. A message is split into the questions it asks;
each part is normalised, typo-corrected and read for concepts (what it is
about), attributes (what it asks: a duration, a location, a value…) and slots
(the conditions: OS, NLBSFlags state, ports, durations). A part is answered
only when every attribute it asks is one an intent of the model accounts for,
under those conditions; a term the article never mentions is named back. A
yes/no question gets Yes/No first when the data settles it.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from kb import contexts, unsaid
from kb.answers import COMPUTE, Context, NotCovered, Reply, supposed
from kb.conditions import word_set
from kb.cues import (
    DOCUMENT_WORDS,
    DROPS,
    FRONT_END_DOWN,
    GREETINGS,
    MODALS,
    ONLY_WORDS,
    POLITENESS,
    WITH,
    clock_minutes,
    conceded,
    corrected,
    counted_noun,
    denied,
    drops_to,
    every_match,
    everyday_homograph,
    front_end_fails,
    kind_set_aside,
    names_identity,
    negated,
    node_fails,
    not_given,
    not_so,
    ordinal_of_policy,
    pasted_command,
    plural_of,
    refers_back,
    set_aside,
    set_on_a_role,
    with_something_else,
)
from kb.hosts import with_roles
from kb.lang import detect
from kb.lexicon import PRODUCT, REQUEST, SMALL_TALK, Lexicon, Match
from kb.listing import chosen as chosen_listing
from kb.listing import counted as counted_listed
from kb.model import IdleTimer, Intent, PlannedMove, RegistryValue, UnplannedTotal
from kb.parts import MAX_PARTS, PLEASE, STATED_CONDITIONS, asks, at_joiners, opens, split, with_formats_joined
from kb.record import Record
from kb.slots import (
    COMPACT_OS,
    EVENTS,
    SECOND_WORDS,
    TIME_UNITS,
    Slots,
    counted,
    extract,
    over_horizon,
    spoken_numbers,
)
from kb.store import KnowledgeBase, load_derived
from kb.text import MAX_WORD, distance, tokenize
from kb.vocabulary import Vocabulary, acronyms, original_spelling, proper_names
from kb.yesno import denies_claim, is_yes_no

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

    from kb.model import Lang

_ELIDED = r"\bde ([aeiouyAEIOUYéèêÉÈÊ])"  # French elision before a vowel
#: "2.5 min", "1,5 h": a decimal duration, read in seconds ("150 s") so "2.5" is not "2" and "5 min".
_DECIMAL_DURATION = r"\b(\d{1,4})[.,](\d{1,3}) ?(minutes?|mins?|mn|hours?|heures?|hrs?|h)\b"
_UNIT_SECONDS = {"m": 60, "h": 3600}


def _in_seconds_text(m: re.Match[str]) -> str:
    seconds = float(f"{m.group(1)}.{m.group(2)}") * _UNIT_SECONDS["h" if m.group(3)[0] == "h" else "m"]
    return f"{round(seconds)} s"


_SECOND_RANGE = r"\b(\d{1,2})( à | to | and | et )(\d{1,2}) (?:seconds|secondes)\b"  # "3 to 6 seconds"
_MINUTES = r"\b(\d{1,3}) minutes?\b"  # compiled only when a question counts in seconds or milliseconds
#: What a supposed idle time or IKE time can be asked for: the unplanned failover's total, or its parts.
_SUPPOSABLE = frozenset({"time", "total", "failover", "unplanned", "idle", "ike"})
#: Verdicts that judge the fact as asserted; the others read a claim's denial themselves ("not protected?").
_AS_ASSERTED = frozenset({"front_end", "never", "procedure", "value", "policy", "components", "applies", "principal",
                          "process"})
#: Words by which a part points back at an earlier one ("does it apply there?").
#: A part this short that asks nothing ("d'après la KB") is context for the others, not a question.
CONTEXT_WORDS = 4
#: Longer text is not a question; Slack allows 40,000 characters, the engine reads this many.
MAX_QUESTION = 2000


class Citation(Record):
    article: str
    section: str
    quote: str  # the article's own (French) words
    translation: str | None = None  # for English answers: an English rendering, marked as such when shown

    def line(self) -> str:
        """`KB 821839, Section: « quote »`, and the translation after it when there is one."""
        text = f"KB {self.article}, {self.section}: « {self.quote} »"
        return f"{text} (translation: “{self.translation}”)" if self.translation else text


class Answer(Record):
    question: str
    lang: Lang
    answered: bool
    answer: str
    facts: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    intent: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` shape of DESIGN.md §2."""
        return {
            "question": self.question,
            "lang": self.lang,
            "answered": self.answered,
            "answer": self.answer,
            "facts": list(self.facts),
            "citations": [
                {"article": c.article, "section": c.section, "quote": c.quote} for c in self.citations
            ],
        }


class Reading(Record):
    """One part of a question as the engine understands it."""

    text: str
    tokens: tuple[str, ...]
    words: frozenset[str]
    concepts: frozenset[str]
    slots: Slots
    unknown: tuple[str, ...]
    products: tuple[str, ...] = ()  # what the question calls a product the article never covers, as it spells it
    yes_no: bool = False  # a follow-up of a yes/no question ("… supported on 2003? and on 2000?") is one too
    elsewhere: bool = False  # mostly words of another world, with at most one of the article's subjects
    guessed: frozenset[str] = frozenset()  # concepts inferred from a figure ("the 6 min": unplanned), not named
    absent: frozenset[str] = frozenset()  # protocols said to be absent ("no POP3 nor IMAP4 clients, only OWA")


class Outcome(Record):
    """One part's answer; `declined` carries the reason's detail when it is not answered."""

    answered: bool
    text: str
    facts: tuple[str, ...] = ()
    intent: str | None = None
    declined: str | None = None
    verdict: bool | None = None  # a yes/no question's Yes (True) or No (False)
    part: str = ""  # the part's own words, to say which part the article does not cover
    sentences: tuple[tuple[str, str], ...] = ()  # (fact, sentence) when the text is the facts' own sentences


class Built(Record):
    """What the engine builds from the data: cached with it, so a cold `oakley ask` only unpickles it."""

    lexicon: Lexicon
    known: frozenset[str]


def build(kb: KnowledgeBase) -> Built:
    """The lexicon (phrase table and speller) and every word the article's world accounts for."""
    q = kb.questions
    lexicon = Lexicon(q)
    known = set(lexicon.speller.words) | {w for k in lexicon.table for w in k}
    known |= set(COMPACT_OS) | set(q.out_of_scope.windows_versions) | set(q.out_of_scope.exchange_versions)
    return Built(lexicon, frozenset(known | kb.words))


class Engine:
    """The question-answering engine over one knowledge base."""

    def __init__(self, kb: KnowledgeBase, built: Built | None = None) -> None:
        """`built` is `build(kb)`, from the snapshot (`kb.store`) when a process starts cold."""
        self.kb = kb
        q = kb.questions
        lexicon, known = built or build(kb)
        self.lexicon = lexicon
        self._attributes = frozenset(q.attributes)
        # What makes a short part a question ("total w/ ipsec?" after a statement asks for a computation).
        self._anchors = self._attributes | {"nlbsflags", "@nlbsflags", "@os", "total", "compare", "worst", "best"}
        # Subjects a statement can set for the questions after it: concepts that are neither asked nor slots.
        self._topics = frozenset(c.id for c in q.concepts) - self._attributes
        self._accounts = {
            # a negative signal ("port: -3") counts against an intent; it does not make it answer that attribute
            i.id: frozenset(c for c, w in i.signals.items() if w > 0) | {c for group in i.requires for c in group}
            | frozenset(i.accepts)
            for i in q.intents
        }
        # "how many steps?": an intent that lists steps accounts for the count when the question names them
        self._counted = {i.id: frozenset(n for x in i.lists for n in x.nouns) for i in q.intents if i.lists}
        # What an answered part was about even when it did not name it ("and what value?": NLBSFlags), so
        # that the next part ("where does it go?") can follow it up.
        self._subjects = {i.id: next((c for c in i.requires[0] if c in self._topics), None)
                          for i in q.intents if i.requires}
        planned = next(f.data for f in kb.article.facts if isinstance(f.data, PlannedMove))
        self._planned = (planned.min_seconds, planned.max_seconds)
        #: The unplanned totals the article gives (6 and 2 minutes): a question quoting one is about that failover.
        self._totals = frozenset(f.data.total_seconds for f in kb.article.facts if isinstance(f.data, UnplannedTotal))
        self._idles = frozenset(f.data.seconds for f in kb.article.facts if isinstance(f.data, IdleTimer))
        # NLBSFlags states the article describes: not set, or the data it gives.
        self._nlbs_states = frozenset(
            {"absent"} | {str(f.data.data) for f in kb.article.facts if isinstance(f.data, RegistryValue)}
        )
        self.vocabulary = Vocabulary(known)
        self._number = str(kb.article.article.number)  # "821839": the article itself, not one it cites
        self._unsaid = unsaid.compile_rules(q)
        self._contexts = contexts.compile_rules(q)
        self._tuning = word_set(q, "@tuning")  # "can I lower IKE's time?": a duration, no setting
        # A follow-up asking a question word ("and how long on 2000?") is not the yes/no question before it.
        self._wh = word_set(q, "@wh")
        self._percent, self._changing = word_set(q, "@percent"), word_set(q, "@changing")

    def _everyday(self, word: str) -> bool:
        """A word of the article's world or of everyday language: never the name of someone's server."""
        return word in self.vocabulary.known or self.vocabulary.ordinary(word)

    # --- reading ---------------------------------------------------------------

    def _read(self, text: str) -> Reading:
        guessed: frozenset[str] = frozenset()
        raw = spoken_numbers(
            tokenize(re.sub(_DECIMAL_DURATION, _in_seconds_text, text) if "." in text or "," in text else text))
        # A typo is corrected towards the lexicon, but an ordinary word ("sent") is never "corrected" into one
        # ("lent"), nor a name written with inner capitals (OAuth, IPv6), which is a term, not a typo.
        names = proper_names(text)
        # IPv6, FIPS: names of things, never typos (unless the whole question is shouted: then capitals say nothing).
        terms = names if text.isupper() else names | acronyms(text)
        # A plural of a term ("pannes", "crashs") is the term, even though it is an ordinary word too.
        tokens = [c if c == t or plural_of(t, c) or not (
                      (t in terms and len(t) < 7) or self.vocabulary.ordinary(t)
                      or (distance(t, c) > 1 and self.vocabulary.slip_of_ordinary(t))) else t
                  for t, c in zip(raw, self.lexicon.correct(raw), strict=True)]
        shouted = acronyms(text)
        matches = [m for m in self.lexicon.match(tokens) if not ordinal_of_policy(tokens, m)
                   and not everyday_homograph(tokens, m, shouted)]
        if every_match(matches, REQUEST, lambda m: tokens[m.start] in _TRANSLATE) and set(tokens) & _ITS_TEXT and any(
                m.concepts & self._topics - {"article", SMALL_TALK, REQUEST} for m in matches):
            # "traduis en anglais la phrase sur la durée du déplacement": the article's own text, in the
            # question's language (English answers carry the French quote and its rendering)
            matches = [m for m in matches if REQUEST not in m.concepts]
        if "not" in tokens or "pas" in tokens:  # "the registry key I mean, not an IKE key": the second is set aside
            matches = [m for m in matches if not _contrasted(tokens, m, matches, self._topics)]
        if "or" in tokens or "ou" in tokens:  # "an encryption key or a registry key?": the article's is the answer
            matches = [m for m in matches if not _or_the_articles(tokens, m, matches, self._topics)]
        aside = set_aside(tokens, matches)
        if aside and len(aside) < len(matches):  # "Rien à voir avec les ports : quelle donnée je tape ?"
            matches = [m for m in matches if m not in aside]
        if ("for" in tokens or "pour" in tokens) and any(m.concepts & _TIMED for m in matches):
            # "What's the midpoint, for my capacity spreadsheet?", "en secondes (pour le seuil du monitoring)":
            # what the figure is for, not what is asked
            matches = [m for m in matches if not _for_a_purpose(tokens, m)]
        if any("planned" in m.concepts for m in matches) and any("unplanned" in m.concepts for m in matches) and all(
                _denied(tokens, m) for m in matches if "unplanned" in m.concepts):
            # "le nœud se bloque pas, on déplace juste le groupe": no crash, a planned move
            matches = [m for m in matches if "unplanned" not in m.concepts]
        if any("registry" in m.concepts for m in matches) and _which_key(tokens) and not any(
                m.concepts & {"time", "unplanned", "planned"} for m in matches) and not _EDITED.isdisjoint(tokens):
            # "Which key do I edit — an Internet Key Exchange key or a registry key?": the registry's, the one edited
            matches = [m for m in matches if not m.concepts & {"ike", "ipsec", "remedy", "idiom"}]
        if any("idle" in m.concepts for m in matches) and every_match(matches, "only", lambda m: any(
                "idle" in n.concepts and 0 < n.start - m.end <= 2 for n in matches)):
            # "how much of that failover is just the idle timeout?": the idle part asked, not "only IPSec's time?"
            matches = [m for m in matches if "only" not in m.concepts]
        framed = 0  # "For our HIPAA risk assessment: which ports…?": what the answer is for names no subject asked
        if ("for" in tokens or "pour" in tokens) and (frame := re.match(_FRAME, text[:120])):
            framed = len(tokenize(frame.group(0)))
            if any(m.start >= framed and m.concepts & self._topics for m in matches):
                matches = [m for m in matches if m.start >= framed]
            else:
                framed = 0
        concepts = frozenset(c for m in matches for c in m.concepts)
        if every_match(matches, SMALL_TALK, lambda m: set(tokens[m.start : m.end]) <= GREETINGS
                       or " ".join(tokens[m.start : m.end]) in POLITENESS) and (
                concepts - {SMALL_TALK}):
            concepts -= {SMALL_TALK}  # "what is policy 2 hey?": a greeting beside the question
        if (concepts & self._attributes) - {"process"} and every_match(
                matches, "process", lambda m: set(tokens[m.start : m.end]) <= _EXPLAIN):
            concepts -= {"process"}  # "explain why POP3 passwords are exposed": the reason, not a sequence of events
        if "basic_auth" in concepts and set(tokens) & {"protocols", "protocoles"} and ("policy" not in concepts or (
                every_match(matches, "policy", lambda m: tokens[m.end - 1] in ("protocols", "protocoles")))):
            # "quels protocoles utilisent l'authentification de base ?": how each protocol authenticates
            concepts = concepts - {"policy"} | {HTTP_AND_MAIL, "auth"}
        if "where" in concepts and "où" not in text.lower() and every_match(matches, "where", lambda m: (
                tokens[m.start] == "ou" and m.start > 2 and tokens[m.start - 1] not in _OPENING
                and tokens[m.start + 1 : m.start + 2] != [] and tokens[m.start + 1] in _DETERMINERS)):
            concepts -= {"where"}  # "la durée d'inactivité ou la renégociation ?": "or", not "where" (no accent)
        if every_match(matches, "time", lambda m: tokens[m.start : m.end] == ["second"] and m.start > 0
                        and tokens[m.start - 1] in ("the", "a", "and")):
            concepts -= {"time"}  # "the first policy and the second": an ordinal, not a unit
        if "where" in concepts and every_match(matches, "where", lambda m: m.start > 0 and bool(
                set(tokens[m.end + 2 :]) & _LATER_WH)):
            concepts -= {"where"}  # "On Windows 2000, where the reduction does not apply, what idle time…?": relative
        if {"process", "steps"} <= concepts and every_match(matches, "steps", lambda m: set(
                tokens[m.start : m.end]) <= _NEXT):
            concepts -= {"steps"}  # "il se passe quoi ensuite ?": what happens next, not a procedure
        if {"frontend", "steps"} <= concepts and not concepts & self._topics - _FRONT_END_STEPS:
            concepts |= {"registry"}  # "faut faire quoi sur le frontal, en 5 étapes ?": its one procedure, regedit
        if "time" in concepts and counts_things(tokens, matches):
            concepts = concepts - {"time"} | {"count"}  # "combien d'étapes ?", "combien de raisons ?": a count
        if ("count" in concepts or "combien" in tokens) and set(tokens) & _FIT:
            concepts = concepts - {"count"} | {"op_ratio"}  # "how many moves fit into one failover?": a ratio
        if every_match(matches, "count", lambda m: bool(set(tokens[m.end : m.end + 3]) & TIME_UNITS)):
            concepts = concepts - {"count"} | {"time"}  # "how many of those minutes…", "combien de secondes": a time
        if every_match(matches, "backup", lambda m: m.start > 0 and tokens[m.start - 1] in _BACK_UP_AGAIN):
            concepts -= {"backup"}  # "IPSec is back up in 3 to 6 seconds": up again, not a backup
        if "ipsec" in concepts and "password" not in concepts and not (
                "exposure" in concepts and concepts & {"pop3", "imap4"}) and any(
                t == "ipsec" and negated(tokens, i) for i, t in enumerate(tokens)):
            concepts |= {NO_IPSEC}  # "sans IPSec, le trafic est-il chiffré ?" (passwords: their authentication)
        if "meaning" in concepts and ("ike" not in concepts or "oakley" in tokens or every_match(
                matches, "ike", lambda m: tokens[m.start : m.end] != ["ike"])):
            concepts -= {"meaning"}  # "« mode principal », ça veut dire quoi ?": the term, not IKE's name
        if "oakley" in tokens and set(tokens) & _MEANS and not set(tokens) & {"nlbsflags", "registry", "registre"}:
            concepts = concepts - {_NAME_MEANING} | {_OAKLEY_NAME}  # "que signifie « Oakley » ?": a key's name
        if _NAME_MEANING in concepts and "nlbsflags" not in concepts and concepts & _SPELT_OUT:
            concepts -= {_NAME_MEANING}  # "what does ESP stand for?": the article spells ESP out; not NLBSFlags' name
        if "principal" in tokens and "ike" not in concepts and (
                concepts & {"frontend", "primary_node", "translation_word"} or ("backend" in concepts and any(
                    w in ("back", "backend", "dorsal") for w in tokens)) or {"backend", "where"} <= concepts
                or ("backend" in concepts and ("serveur", "principal") in pairwise(tokens))  # "'serveur principal'?"
        ) and names_identity(tokens) and not (
                concepts & self._attributes - {"reason", "where"}) and concepts & self._topics <= _ABOUT_THE_TERM:
            concepts |= {PRINCIPAL}  # "« serveur principal » means the primary cluster node?": the term itself
        elif "principal" in tokens and {"frontend", "backend"} <= concepts and concepts & {"compare", "op_diff"} and (
                "ike" not in concepts and concepts & self._topics <= _ABOUT_THE_TERM | {"compare", "op_diff"}) and not (
                concepts & self._attributes - {"compare", "op_diff", "reason"}):
            concepts |= {PRINCIPAL}  # "la différence entre serveur frontal et serveur principal ?": the two terms
        if concepts & {"article", "steps", "policy"} and "port" not in concepts and not_given(tokens):
            concepts |= {NOT_GIVEN}  # "what does the KB NOT give step by step?": the policies, which it leaves out
        if every_match(matches, "unplanned",
                        lambda m: set(tokens[m.start : m.end]) <= DROPS and drops_to(tokens, m.end)):
            concepts -= {"unplanned"}  # "l'inactivité tombe bien à 1 minute": drops to, not a crash
        if "http" in concepts and concepts & {"pop3", "imap4"} and every_match(
                matches, "http", lambda m: m.start > 0 and tokens[m.start - 1] in _LIKE):
            concepts -= {"http"}  # "does POP3 get Kerberos like HTTP does?": HTTP is the yardstick, POP3 the subject
        if "http" in concepts and concepts & {"pop3", "imap4"}:
            concepts |= {HTTP_AND_MAIL}  # both kinds of front-end traffic named: their authentication differs
        if "ah" in tokens[1:] and "esp" in tokens and not set(tokens) & _WHICH:
            # "would AH be better than ESP?"; not "ah ok, and ESP?", nor "which one, ESP or AH?" (the article's)
            concepts |= {_AH}
        if "n?ud" in text.lower() and concepts & self._topics <= _ABOUT_THE_TERM:
            concepts |= {"lost_character"}  # "« n?ud » partout, ça veut dire quoi ?": the spelling is asked about
        joined = " ".join(tokens)
        if "ike" in concepts and "backend" in concepts and "mode principal" in joined and (
                "serveur principal" in joined or "back end" in joined or "backend" in joined):
            concepts |= {"same_thing"}  # "le mode principal, c'est le serveur principal ?": the translation trap
        if "ike" in concepts and "mode principal" in joined and set(tokens) & {"serveur", "server", "machine"} and (
                names_identity(tokens)):
            concepts |= {"same_thing", "backend"}  # "le « mode principal », c'est un serveur ?": the same trap
        if {"ike", "tunnel"} <= concepts and "mode principal" in joined:
            concepts |= {"same_thing"}  # "« mode principal », is that tunnel mode?": the same trap, another guess
        if {"cluster", "standalone"} <= concepts and every_match(matches, "standalone", lambda m: not_so(tokens, m)):
            concepts -= {"standalone"}  # "en cluster (donc pas en non-clusterisé)": the non-clustered case denied
        if "only" in concepts and every_match(matches, "only", lambda m: any(
                o.start == m.end and o.concepts & {"planned", "unplanned"} for o in matches)):
            concepts -= {"only"}  # "the node just hangs", "on a juste déplacé le groupe": what happened, not "only"
        if "planned" in concepts and (_denied_throughout(tokens, matches) or (
                "unplanned" not in concepts and kind_set_aside(tokens, matches, "planned"))):
            concepts = concepts - {"planned"} | {"unplanned"}  # "bascule pas planifiée", "not a clean stop, it hangs"
        elif {"planned", "unplanned"} <= concepts and denied(tokens, matches):
            concepts -= {"unplanned"} | self._set_against(tokens, matches)  # "moved by hand, not after a crash"
        elif "unplanned" in concepts and "planned" not in concepts and (every_match(
                matches, "unplanned", lambda m: not_so(tokens, m)) or kind_set_aside(tokens, matches)):
            # "It wasn't an unplanned failover", "Hors basculement inattendu, …": the other case
            concepts = concepts - {"unplanned"} | {"planned"}
        elif "unplanned" in concepts and every_match(matches, "unplanned", lambda m: bool(
                {"nothing", "rien"} & set(tokens[max(0, m.start - 2) : m.start]))):
            concepts = concepts - {"unplanned"} | {"planned"}  # "the case where nothing crashes": the other case
        elif {"planned", "unplanned"} <= concepts and denied(tokens, matches, "planned"):
            concepts -= {"planned"} | self._set_against(tokens, matches)  # "when a node hangs (not a clean move)"
        noted = "step_note" in concepts  # "la note qui suit l'étape 5": the total it gives, with NLBSFlags = 1
        if noted:
            concepts = concepts - {"step_note", "steps", "registry"} | {"nlbsflags", "unplanned", "total"}
        if concepts - {SMALL_TALK} == {"frontend", "http"} and ("=" in text or names_identity(tokens)):
            concepts |= {"example"}  # "so FE = the OWA box, right?": the article's example of a front-end
        if "idle" in concepts and "effect" in concepts and not concepts & {"nlbsflags", "@os", "time", "windows"} and (
                not any(t.isdigit() for t in tokens)):
            concepts |= {"process"}  # "le minuteur d'inactivité, il sert à quoi ?": what it does in a crash
        if "steps" in concepts and concepts & {"nlbsflags", "where", "value"} and every_match(
                matches, "steps", lambda m: tokens[m.end : m.end + 1] != [] and tokens[m.end].isdigit()):
            concepts -= {"steps"}  # "step 3 says 'set NLBSFlags=1 on every back-end node'": which step, not steps
        if "where" not in concepts and "où" in text and re.search(_WHERE_ACCENTED, text[:MAX_QUESTION]):
            concepts |= {"where"}  # "où l'article dit-il de créer NLBSFlags ?": an accented "où" is "where"
        if ("backend" not in concepts or set(tokens) & _INSTEAD) and front_end_fails(tokens, matches) and not (
                node_fails(tokens, matches)):  # "si c'était le frontal qui plantait au lieu du nœud back-end"
            concepts |= {FRONT_END_DOWN}  # "si c'est le FE qui tombe": the article's failure is a back-end node's
        slots = extract(tokens, matches, self.kb.questions.out_of_scope)
        if {"applies", "nlbsflags"} <= concepts and slots.os == "windows-2000":
            concepts = concepts - {"applies"} | {"effect"}  # "does NLBSFlags apply to Windows 2000?": its effect there
        if noted and not slots.nlbsflags:
            slots = slots._replace(nlbsflags="1")
        if slots.limit and "worst" in concepts and every_match(
                matches, "worst", lambda m: set(tokens[m.start : m.end]) <= _BOUND_WORDS):
            concepts -= {"worst"}  # "SLA is max 5 min": the bound's word, not the worst case
        if slots.nlbsflags and slots.nlbsflags[0].isdigit() and set(tokens) & _VALUE_WORDS and not (
                concepts & (_OTHER_DURATIONS | _TIMED)):
            concepts |= {"value"}  # "NLBSFlags value is 1?": the value is what is proposed, not a state to time
        elif "value" in concepts and slots.nlbsflags and concepts & (_OTHER_DURATIONS | _TIMED) and every_match(
                matches, "value", lambda m: tokens[m.end : m.end + 1] == [slots.nlbsflags]):
            concepts -= {"value"}  # "(we set it to 1 yesterday), what's the idle time?": a state, not the value asked
        if slots.nlbsflags and concepts & (_TIMED | _OTHER_DURATIONS) and concepts & {"registry", "create"} and (
                all(set(tokens[max(0, m.start - 2) : m.end + 2]) & _A_CHANGE
                    for m in matches if "registry" in m.concepts)
                and all(set(tokens[max(0, m.start - 3) : m.start]) & _NOT_YET
                        for m in matches if "create" in m.concepts)):
            # "Avant le changement de registre (NLBSFlags pas encore créé), combien d'inactivité ?": the state, not
            # the registry asked about
            concepts -= {"registry", "create"}
        if "count" in concepts and slots.limit is not None:  # "a 30-minute budget: how many failovers can we afford?"
            concepts = concepts - {"count"} | {BUDGET}
        if ":" in text or "h" in text or "m" in text or "z" in text or "Z" in text:
            slots = slots._replace(clock=clock_minutes(text))
        concepts |= _slot_concepts(slots)
        if "planned" in concepts and "unplanned" not in concepts and slots.nlbsflags and (
                concepts & {"op_ratio", "op_diff", "compare"}) and (
                "failover" in concepts or (slots.durations and all(d in self._totals for d in slots.durations))):
            # "a planned move against a failover without NLBSFlags", "the flagged 2-minute figure against the
            # fastest planned move": the flag's failover
            concepts |= {"unplanned"}
        if slots.durations and "exchange" in concepts and (
                "restart" in concepts or set(tokens) & _COMING_UP):  # "Exchange restarts in 2 min": its own recovery
            concepts = concepts - {"restart"} | {"recovery"}
        if "frontend" in concepts and concepts & {"node", "backend"} and (
                {"registry", "set_verb"} <= concepts or {"nlbsflags", "create"} <= concepts) and (
                set(tokens) & {"ou", "or"} and "where" not in concepts):
            concepts |= {"where", "nlbsflags"}  # "c'est sur le frontal ou sur les nœuds qu'on met la clé ?"
        if "nlbsflags" in concepts and "where" not in concepts and set_on_a_role(tokens, matches, concepts):
            concepts |= {"where"}  # "NLBSFlags should be set on the back-end nodes to speed up …": a claim of where
        if concepts & {"tunnel", _AH} and not concepts & {"compare", "op_diff"} and (offered := _offered_modes(tokens)):
            # "tunnel or transport, AH or ESP?": which, the article's
            concepts = concepts - {c for c, w in (("tunnel", "tunnel"), (_AH, "ah")) if w in offered} | {"esp"}
        concepts = contexts.read(self._contexts, concepts, frozenset(tokens))  # the rules kb/data states
        if {"share", "idle"} <= concepts and set(slots.durations) >= set(self._idles) and len(self._idles) > 1:
            # "by what percentage does NLBSFlags shorten the idle timer, from 5 minutes down to 1?": the two timers
            concepts = concepts - {"share", "time"} | {"op_diff"}
        if "op_diff" in concepts and set(tokens) & self._percent and len(slots.durations) == 1 and not (
                concepts & {"exchange", "recovery", "compare", "op_ratio", "idle", "ike"}
                or set(tokens) & self._changing or slots.durations[0] in self._totals):
            concepts = concepts - {"op_diff"} | {"share", WINDOW}  # "what % of a 10-minute window is IPSec?"
        if {"idle", "ike"} <= concepts and (set(tokens) & _ADDING or "+" in text):  # "idle 1 min + IKE makes?"
            concepts |= {"total"}
        if "exchange" in tokens and slots.durations and "+" in text:  # "exchange 90 s + the ipsec failover"
            concepts |= {"total"}
        if slots.durations and not {"planned", "unplanned"} & concepts and all(
                self._planned[0] <= d <= self._planned[1] for d in slots.durations):
            # "the 3-6 seconds": only a planned move takes seconds; "the failover takes 3-6 s, right?" mixes up
            # the two kinds, so both are given (and no Yes to the planned move's figure alone)
            concepts |= {"planned", "unplanned"} if "failover" in concepts else {"planned"}
        elif slots.durations and concepts & {"planned", "unplanned"} == {"unplanned"} and not (
                concepts & _OTHER_DURATIONS - {"unplanned"}) and all(
                self._planned[0] <= d <= self._planned[1] for d in slots.durations):
            concepts |= {"planned"}  # "les 3 à 6 secondes, c'est quand le nœud plante ?": the move's figure, and both
        elif slots.durations and not concepts & _OTHER_DURATIONS and all(
                d in self._totals for d in slots.durations):
            guessed = frozenset({"unplanned"} - concepts)
            concepts |= {"unplanned"}  # "why 6 minutes?", "2 min or 6 min?": the article's unplanned totals
        if "windows" in concepts and slots.durations and not concepts & (_OTHER_DURATIONS | {"idle"}) and all(
                d in self._idles for d in slots.durations):
            concepts |= {"idle"}  # "le temps minimum de 5 min, c'est pour quel OS ?": the idle timer per Windows
        if {"where", "windows"} <= concepts and every_match(
                matches, "where", lambda m: bool(set(tokens[m.end : m.end + 1]) & _OS_WORDS)):
            concepts -= {"where"}  # "on which OS?": which Windows, not where
        if concepts & _WEAK_AUTH and not concepts & {"pop3", "imap4", "http"} and self._not_the_weak(tokens, matches):
            # "quel protocole n'est PAS limité à l'authentification de base ?": the other one, HTTP
            concepts = concepts - _WEAK_AUTH - {"reason"} | {"http", "auth"}
        if {"planned", "nlbsflags"} <= concepts and (concepts & {"set_verb", "registry", "nlb"} or not (
                _SET_IN.isdisjoint(tokens))) and every_match(
                matches, "planned", lambda m: not _ADMIN.isdisjoint(tokens[m.start : m.end])):
            # "le flag NLBSFlags se règle dans l'Administrateur de cluster ?": a tool named as the place, not a move
            concepts = concepts - {"planned", "policy"} | {"registry", "where", "nlbsflags"}
        if "time" in concepts and every_match(matches, "time", lambda m: m.end - m.start == 1 and tokens[
                m.start] in _HURRY and not set(tokens[m.end :]) - _KINDLY_END):
            concepts -= {"time"}  # "…, vite svp", "…, quickly please": how soon the asker wants it, not a duration
        if "share" in concepts and every_match(matches, "share", lambda m: tokens[m.start] == "share" and (
                m.start == 0 or tokens[m.start - 1] in _ASKING_TO)):
            concepts -= {"share"}  # "kindly share the registry path": send it, not a share of the time
        if "recovery" in concepts and "port" in concepts and {"add", "up", "numbers"} <= set(tokens):
            concepts -= {"recovery"}  # "add up the port numbers": a sum, not what the failover time adds up to
        if "where" in concepts and every_match(matches, "where", lambda m: tokens[m.end : m.end + 1] in (
                ["possible"], ["applicable"], ["needed"], ["necessary"], ["appropriate"])):
            concepts -= {"where"}  # "does HTTP use secure authentication where possible?": the article's own words
        if "where" in concepts and every_match(matches, "where", lambda m: list(tokens[m.start : m.end]) == [
                "on", "which"] and bool(set(tokens[max(m.start - 1, 0) : m.start]) & _WHEN_NOUNS)):
            concepts -= {"where"}  # "the date on which it was updated": when, not where
        covered = _covered(tokens, matches)
        if framed:
            covered = [True] * framed + covered[framed:]
        unknown = self.vocabulary.unknown([t for t, m in zip(tokens, covered, strict=True)
                                           if not m], names, acronyms(text))
        # "a front-end build pipeline for a React app", "renégocier le loyer du bail": one topic word among many
        # ordinary words the article's world never uses is a homonym, not the topic.
        foreign = sum(1 for t, m in zip(tokens, covered, strict=True)
                      if not m and len(t) >= 4 and t.isalpha() and t not in self.vocabulary.known)
        subjects = {c for c in concepts if c in self._topics and not c.startswith(("@", PRODUCT))}
        elsewhere = (len(subjects) <= 1 and foreign >= 3 and foreign > 2 * sum(covered)
                     and not concepts & _ABOUT_THE_DOCUMENT)  # "which products is this document scoped to?"
        # each product once: "F5? F5? …" a hundred times names one product, spelt back once (linear time)
        # (a product set aside by the context, "tunnel avec AH, c'est bien ça ?", is not named back)
        products = tuple(named for words in dict.fromkeys(tuple(tokens[m.start:m.end]) for m in matches
                                                          if all(c.startswith(PRODUCT) for c in m.concepts)
                                                          and m.concepts & concepts)
                         if (named := _as_named(text, list(words))))
        if REQUEST in concepts and (concepts & _ASKED_IN_A_FORM or {"set_verb", "nlbsflags"} <= concepts) and (
                concepts & _ARTICLE_CORE) and not (
                unknown or products or slots.durations or any(c.startswith(PRODUCT) for c in concepts)):
            # "un haïku sur le temps de basculement avec NLBSFlags à 1", "draft the change text: key, value,
            # server": the article's facts, asked for in a form Oakley does not write; the facts are the answer
            concepts -= {REQUEST}
        if "value" in concepts and slots.nlbsflags in self._nlbs_states - {"absent"} and not WITH.isdisjoint(
                tokens[:3]) and self._wh.isdisjoint(tokens):
            concepts -= {"value"}  # "Et avec la valeur à 1 ?": the state the question is asked in, not the value
        if "compare" in concepts and slots.nlbsflags is not None and not {"planned", "unplanned"} <= concepts and (
                self._set_against(tokens, matches)):
            concepts -= {"compare"}  # "With NLBSFlags set rather than left unset, what's the total?": one state asked
        if MENTIONS in concepts and any(len(n) == 6 and n != self._number for n in slots.numbers):
            concepts |= {"related"}  # "does the article cite KB 832017 on service ports?": an article, not the ports
        if {"encrypt", "password", "ipsec"} <= concepts and concepts & {"pop3", "imap4"} and not concepts & {
                "http", "exposure"} and every_match(matches, "ipsec", lambda m: negated(tokens, m.start)):
            # "sans IPSec, qu'est-ce qui protège les mots de passe POP3 ?": nothing, Basic authentication
            concepts = concepts - {"encrypt", "policy"} | {"exposure"}
        absent = frozenset(c for c in concepts & _DENIABLE if every_match(
            matches, c, lambda m: negated(tokens, m.start)))
        return Reading(text, tuple(tokens), frozenset(tokens), concepts, slots, tuple(unknown), products,
                       elsewhere=elsewhere, guessed=guessed, absent=absent)

    def _not_the_weak(self, tokens: list[str], matches: list[Match]) -> bool:
        """"Which protocol does NOT expose passwords / n'est pas limité à l'authentification de base?"."""
        at = next((i for i, t in enumerate(tokens) if t in _PROTOCOL_NOUNS and not self._wh.isdisjoint(
            tokens[max(0, i - 6) : i])), None)
        return at is not None and any(m.concepts & _WEAK_AUTH and not _NOT_WORDS.isdisjoint(tokens[at + 1 : m.start])
                                      for m in matches if m.start > at)

    @staticmethod
    def _set_against(tokens: list[str], matches: list[Match]) -> set[str]:
        """"unplanned rather than planned": a comparison word that only set aside the other case compares nothing."""
        return {"compare"} if every_match(matches, "compare", lambda m: tokens[m.start] in _INSTEAD) else set()

    def _carry(self, part: Reading, before: Reading) -> Reading:
        """Conditions stated earlier hold for later parts ("We haven't set NLBSFlags; how long…")."""
        units = before.words & SECOND_WORDS
        if units and not part.words & TIME_UNITS and (_follows_up(part) or not before.text.rstrip().endswith("?")):
            # ("… I shall express it in seconds. What figure shall I use?": a statement's unit holds too)
            part = part._replace(words=part.words | units)  # "combien de secondes sans NLBSFlags, et avec ?"
        s, b = part.slots, before.slots
        state = s.nlbsflags or b.nlbsflags
        if not s.nlbsflags and b.nlbsflags and part.words & WITH and not (
                with_something_else(part.tokens)):  # "… and with Exchange at 2 min?": with Exchange's time
            state = "absent" if part.words & {"without", "sans"} else "1"  # "…without NLBSFlags? and with?"
        elif not s.nlbsflags and b.nlbsflags == "absent" and (
                "nlbsflags" in part.concepts or ({"set_verb", "value_word"} <= part.concepts
                                                 and part.words & _HYPOTHETICAL) or (
                    part.words & _HYPOTHETICAL and part.words & _PUT_TO and "1" in part.tokens)) and not (
                part.words & _NEGATIONS_OF_STATE):  # "… et combien si la valeur avait été définie ?"
            state = "1"  # "we haven't set NLBSFlags … and what if we had NLBSFlags?", "… et si on le passe à 1 ?"
        elif not s.nlbsflags and b.nlbsflags and len(part.tokens) <= 3 and (
                (part.words & _AFTER_WORDS and before.words & _BEFORE_WORDS)
                or (part.words & _BEFORE_WORDS and before.words & _AFTER_WORDS)):  # "Avant la modif… ? et après ?"
            state = "1" if part.words & _AFTER_WORDS else "absent"
        elif not s.nlbsflags and b.nlbsflags and {"state_set", "state_absent"} & part.concepts and len(
                {"state_set", "state_absent"} & part.concepts) == 1:  # "before the change…? and after the change?"
            state = "1" if "state_set" in part.concepts else "absent"
        count, rate = s.count or b.count, s.rate or b.rate
        if not s.count and b.rate is not None and (later := over_horizon(b.rate, s.horizon, s.span)) is not None:
            count, rate = counted(later), later  # "3 crashes a month. Downtime per year?"
        slots = s._replace(os=s.os or b.os, nlbsflags=state, durations=s.durations or b.durations,
                           oses=s.oses or b.oses, count=count, rate=rate, limit=s.limit or b.limit,
                           clock=s.clock if s.clock is not None else b.clock, mixed=s.mixed or b.mixed,
                           split=s.split or b.split, front_ends=s.front_ends or b.front_ends)
        if "planned" in part.concepts and "unplanned" in before.concepts and "unplanned" not in part.concepts and (
                part.concepts & {"op_ratio", "op_diff", "compare"} and part.words & _IT_PRONOUNS):
            part = part._replace(concepts=part.concepts | {"unplanned"})  # "…2 min? how many times longer is it
            # than a planned move?": the failover just asked about, against the move
        if slots == s:
            return part
        concepts = part.concepts | _slot_concepts(slots)
        if "count" in concepts and slots.limit is not None:  # "a 20-minute budget. How many crashes can we absorb?"
            concepts = concepts - {"count"} | {BUDGET}
        if "nlbsflags" in before.concepts and slots.nlbsflags:
            concepts |= {"nlbsflags"}
        if slots.durations and not s.durations:  # "Exchange takes 3 min. … total?": whose duration it was
            concepts |= before.concepts & {"exchange", "recovery"}
            if "exchange" in before.words and "recovery" in before.concepts:  # "Our Exchange recovery time is 2 min"
                concepts |= {"exchange"}
        return part._replace(concepts=concepts, slots=slots)

    def _inherit(self, part: Reading, before: Reading) -> Reading:
        """A follow-up part ("and what value should it have?") about the previous part's subject."""
        topics = frozenset(c for c in before.concepts if c not in self._attributes and not c.startswith(("@", PRODUCT))
                           and c not in (REQUEST, SMALL_TALK))  # a declined subject is not the next part's
        own = {c for c in part.concepts - before.concepts - _SWAPPABLE if c in self._topics and not c.startswith("@")}
        # "… in total without the flag? and how many with it?": the same count of minutes, in the other state
        asks_again = part.concepts & self._attributes == {"count"} and "time" in before.concepts and not (
            own - {"state_set", "state_absent"})
        if (not part.concepts & self._attributes and not own) or asks_again:  # "What about manual moves?": the same
            topics |= before.concepts & self._attributes  # ("and the idle time on 2000?" asks of its own subject)
        if own and (set(part.tokens[:3]) & _WHICH_ONE or ("which", "one") in pairwise(part.tokens[:4])):
            topics = before.concepts & self._attributes  # "…, et lequel pour le Registre ?": the same ask, anew
        for group in _SUBJECT_GROUPS:  # the part's own subject replaces the earlier one of its kind
            if group & part.concepts:
                topics -= group
        if own & _MAIN_SUBJECTS:  # "Where does NLBSFlags go? and what's the IKE port?": IKE's port, not NLBSFlags'
            topics -= _MAIN_SUBJECTS
        named = part.concepts - before.concepts - {SMALL_TALK}
        if named & _SUBJECT_GROUPS[2] and named & {"auth", "password", "transit", "basic_auth"}:
            # "…avec TLS ? Et si non, le HTTP est authentifié comment ?", "… Et en POP3 les mots de passe passent
            # comment ?": a protocol and its authentication asked anew; only the roles carry over (not "and what
            # does POP3 use?", which asks the same again)
            topics &= _ROLES
        if named & {"auth", "password", "basic_auth"} and not named & {"encrypt", "ssl"}:
            # "… chiffré ou pas ? Et le frontal s'authentifie comment ?", "… et les mdp ?": how it authenticates,
            # no longer whether the traffic is encrypted
            topics -= {"encrypt", "ssl", "exposure"}
        s, b = part.slots, before.slots
        slots = s._replace(os=s.os or b.os, nlbsflags=s.nlbsflags or b.nlbsflags)
        concepts = part.concepts - ({"count"} if asks_again else set()) | topics | _slot_concepts(slots)
        return part._replace(concepts=concepts, slots=slots)

    # --- answering ----------------------------------------------------------------

    def answer(self, question: str, lang: Lang | None = None) -> Answer:
        if "<" in question or "\x1b" in question:  # "<@U123> <!channel> where goes NLBSFlags?": people, not terms
            question = re.sub(_MARKUP, " ", question[: MAX_QUESTION * 2]).strip()
            # "<https://evil.example|frobnicator>": Slack's link markup is read (and echoed) as its label only
            question = re.sub(_LINK, lambda m: m.group(2) or " ", question)
        if "{" in question:  # "{{7*7}}", "${jndi:ldap://x}": template syntax pasted in, not the question's words
            question = re.sub(_TEMPLATE, " ", question[: MAX_QUESTION * 2]).strip()
        if ":" in question:  # ":thinking_face:": an emoji's name, not words ("14:02", "m:ss" are left alone)
            question = re.sub(_EMOJI, " ", question[: MAX_QUESTION * 2]).strip()
        if "://" in question:  # a bare address names a page, not a subject: "see https://support.microsoft.com/…"
            question = re.sub(_URL, " ", question[: MAX_QUESTION * 2]).strip()
        if not question.isprintable():  # NUL, BEL, a bare ESC: never echoed, never read as words
            question = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in question[: MAX_QUESTION * 2])
        if question[:1] in "QqPpIi" and re.match(_NUMBERED_LABEL, question[:20]):
            question = re.sub(_NUMBERED_LABEL, "", question, count=1)  # "Question 2 : …": a label, not policy 2
        echoed = question  # as the asker wrote it, once markup and links are read: what the answer echoes
        question = corrected(question)  # "which certificate... no wait, which authentication …?": what follows
        fenced = "```" in question  # a pasted block (a command, a log, a tool's output): one line of evidence
        if fenced:
            question = re.sub(_FENCED, _as_evidence, question[: MAX_QUESTION * 2])
        if "[" in question:  # "[09:30] julien.r: faut une PKI ?": who said it when is not part of what is said
            question = _untranscribed(question[: MAX_QUESTION * 2])
        if "@" in question:  # "@kb-bot combien ?": a name typed by hand, not the words "kb" and "bot"
            question = re.sub(_AT_NAME, " ", question[: MAX_QUESTION * 2]).strip()
        # "FE 'OWA-EU1' 10.1.0.5, nodes MBX-A/MBX-B. If MBX-A hangs…": servers named by their role, no addresses
        question = with_roles(question[: MAX_QUESTION * 2], self._everyday)
        if "/" in question:  # "3 crashes/month": per month
            question = re.sub(_PER_SLASH, r" per \1", question)
        if "eg" in question or "EG" in question:  # "`reg add HKLM\…\Oakley /v NLBSFlags`": the article's value set
            question = re.sub(_REG_ADD_OPTION, _reg_add_option, re.sub(_REG_ADD, _reg_add, question)) if re.search(
                _REG_ADD, question) else question
        if "-" in question:  # "CHG-4471: 4 moves": a ticket's number names it; it counts nothing
            question = re.sub(_TICKET, "ref", question)
        sample = question[:MAX_QUESTION]
        if "«" in sample or "“" in sample:  # "Traduis « Der Server ist kaputt »": not the asker's language
            outside = re.sub(_QUOTED_TEXT, " ", sample)
            sample = outside if len(tokenize(outside)) >= 3 else sample
        lang = lang or detect(sample, tokenize(sample), self.kb.questions.markers)
        if len(question) > MAX_QUESTION:
            return Answer(echoed, lang, False, self._t("too_long", lang, n=MAX_QUESTION))
        outcomes: list[Outcome] = []
        before: Reading | None = None
        refused: Outcome | None = None  # the last part declined for naming something the article doesn't cover
        elsewhere: Outcome | None = None  # a statement set the scene in a product or version the article doesn't cover
        setting: set[str] = set()  # subjects named by statements among the questions
        claim: Reading | None = None  # the last statement: "X. Could you confirm that?" asks whether X holds
        last_refused = False  # the previous part was declined for naming what the article lacks
        lacking: Outcome | None = None  # the short part before, taken as context, asks what the article lacks
        termed = False  # a statement named "principal", the translation's word for the back-end
        evidence = False  # the part is a pasted command or its output
        # "I know editing the registry is risky — just give me the steps": granted, then asked; the state it
        # states still holds ("I know we haven't set NLBSFlags, but…"), its subjects are not what is asked
        granted = conceded(question)
        if granted:
            rest, given = self._read(question[len(granted):]), self._read(granted)
            if not rest.concepts & self._topics or (
                    self._out_of_scope(given, lang) is not None and rest.words & _IT_PRONOUNS):
                # "je sais que l'article ne donne pas X, mais où me dit-il de chercher ?": X is asked;
                # "I know PowerShell — how do I set NLBSFlags with it?": so is PowerShell
                granted = ""
            else:
                before = given  # read for the state it states; never answered
        parts = _tags_joined(split(question[len(granted):].replace("tl;dr", "tldr").replace("TL;DR", "tldr")))
        read: dict[str, Reading] = {}  # parts read while cutting them at their joiners, not read twice
        cut = [self._unjoined(part, lang, read) for part in parts]
        listed = {piece for pieces in cut if len(pieces) > 1 for piece in pieces}  # each asks on its own
        # "Donne-moi le chemin, le type de la valeur et sa valeur par défaut.": each piece of a request asks
        requested = {piece for part, pieces in zip(parts, cut, strict=True) if len(pieces) > 1 and asks(part)
                     for piece in pieces}
        parts = with_formats_joined([piece for pieces in cut for piece in pieces])[:MAX_PARTS]
        asking = [asks(p) or p in requested for p in parts]
        for i in range(1, len(asking)):  # "Convertis en secondes : sans le flag, et avec le flag.": asked again
            said = [w.lower() for w in parts[i].split()[:7]]
            said = said[1:] if said[:1] in (["et"], ["and"]) else said
            if not asking[i] and asking[i - 1] and 0 < len(said) <= 5 and said[0] in _STATE_WORDS:
                asking[i] = True
        several = len(parts) > 1 and any(asking)
        challenged = False  # "T'es sûr ? Pour moi c'est 5 minutes.": the statement after the challenge is asked
        quoted: Reading | None = None  # the last question quoted from someone else ("> on trouve ça où ?")
        for index, (text, asked) in enumerate(zip(parts, asking, strict=True)):
            reading = read.get(text) or self._read(text)
            own = reading.concepts  # before what earlier parts carry into it
            if challenged and not asked and reading.concepts & self._topics:
                asked, reading = True, reading._replace(yes_no=True)
            challenges = several and asked and index < len(parts) - 1 and self._challenges(reading)
            challenged = challenged or challenges
            if before is not None:
                reading = self._carry(reading, before)
                if (before.yes_no or is_yes_no(before.text, list(before.tokens), lang)) and _follows_up(reading) \
                        and not reading.words & self._wh:
                    reading = reading._replace(yes_no=True)
            # "… for HTTP, and which for POP3?": a short part naming another subject follows up; it is not context.
            swaps = before is not None and asked and bool(reading.concepts & _SWAPPABLE) and _follows_up(reading)
            confirms = claim is not None and asked and self._confirms(reading)
            # "« merci de documenter le comportement d'IPSec lors du déplacement manuel » Tu peux me résumer ?"
            recaps = claim is not None and asked and not confirms and self._recaps(reading)
            # "> quelqu'un a le numéro de la KB « … » ?\n c'est laquelle ?": the quoted question is asked
            relays = (quoted is not None and asked and not confirms and not recaps and refers_back(reading.tokens)
                      and not reading.concepts & self._topics - {SMALL_TALK})
            fragment = (several and len(reading.tokens) <= CONTEXT_WORDS and not reading.concepts & self._anchors
                        and not swaps and not (opens(text) and reading.concepts)  # "what's policy 1?" asks
                        # "… chiffré ou pas ? et les mdp ?": "and" with a subject, asked, follows up
                        and not (index and asked and reading.tokens[:1] in (("et",), ("and",))
                                 and text.rstrip().endswith("?") and reading.concepts & self._topics - {SMALL_TALK})
                        and not confirms and not recaps and not relays
                        # "Auth HTTP frontal → principal ? Et …": a short question the article answers on its own
                        and not (index == 0 and text.rstrip().endswith("?") and self._answered_alone(reading, lang)))
            # "… OWA sulked for six minutes. Is that just how the thing's built?": chat words asking about the claim
            scene = self._out_of_scope(reading, lang, elsewhere=not (confirms or recaps))
            # "C:\\>reg query …" and the lines it printed: evidence; the state they show carries, not their subjects
            evidence = pasted_command(text) or (evidence and not asked and not fenced)  # a fence says where it ends
            if several and (fragment or not asked or challenges):  # context for the other parts, not a question
                refused = refused if evidence else scene or refused
                if scene is not None and not evidence and self._names_product(reading):
                    elsewhere = scene  # "Hyper-V guest cluster + IPSec: …?": the setting itself is not the article's
                # "No POP3 nor IMAP4 here, only OWA.": what the scene lacks is not what the questions are about
                # ("**Auth recap:**" heads a list: a recap asked for is not a subject the items are about)
                # a pasted block shows what happened ("Moving resource group …", "Start > Run > regedit"), never
                # a term to name back
                if not reading.tokens[:1] or reading.tokens[0] not in _SET_ASIDE:  # "Forget the IKE stuff.": aside
                    setting |= reading.concepts & _SHOWN if evidence else {
                        c for c in reading.concepts - reading.absent - {"summary"} if c in self._topics}
                termed = termed or "principal" in reading.words  # "…'serveur principal' keeps coming up."
                claim = reading if scene is None and reading.concepts and not fragment else claim
                if text.lstrip().startswith(">") and text.rstrip().endswith("?") and scene is None:
                    quoted = reading  # a colleague's question, quoted: "can you answer that?" asks it
                if fragment and asked:  # "SA lifetime default? how many min?": what it lacks
                    alone = scene if scene is not None else self._answer_part(reading, lang)
                    lacking = alone if alone is not None and not alone.answered and alone.declined else None
                outcome = Outcome(False, "")
            elif scene is not None:
                outcome = refused = scene
            elif elsewhere is not None:
                outcome = elsewhere
            elif refused is not None and refers_back(reading.tokens):  # "…Exchange 2010. Does it apply there?"
                outcome = refused
            elif lacking is not None and len(reading.tokens) <= 5 and not own & self._topics:
                outcome = lacking  # "SA lifetime default? how many min?": the minutes of what the article lacks
            elif text not in listed and (last := _last_asked(outcomes)) is not None and not last.answered and (
                    last.declined is not None) and not (
                    # "what type is NLBSFlags and where does it go?": a gap of a subject the article has; the
                    # next part asks something else of that subject (a restart's "2-min or 20-min?" is its own)
                    last.declined == "gap" and before is not None
                    and own & self._attributes - before.concepts - (
                        _A_RESTARTS_OWN if "restart" in before.concepts else frozenset())) and (
                    not (opens(text) or (reading.words & self._wh and reading.concepts & self._topics))
                    or (last_refused and not own & self._topics - _ABOUT_THE_ARTICLE - {"advice", "effect"} - (
                        before.concepts if before is not None else frozenset())  # "…quick mode? le rekey ?"
                        # (not "… Exchange 2007 ? Et quelles éditions d'Exchange 2003 figurent dans la liste ?":
                        # the article's own version, after another one, is a question of its own)
                        and not ("2003" in reading.tokens and reading.words & self._wh))
                    # after a part naming what it lacks ("3DES ou DES ? l'article recommande quoi ?")
                    or refers_back(reading.tokens)  # "…below 5 minutes? which reg value does that?"
                    # "SA lifetime? how many min?": after a part declined for what the article lacks
                    or (len(reading.tokens) <= 5 and not own & self._topics and bool(last.declined))
                    # "REG_DWORD ou REG_SZ ? la KB dit quoi exactement ?": what the article says of the gap
                    or (last.declined == "gap" and own <= _ABOUT_THE_ARTICLE | {"detail"})):
                # "ESP's protocol number? the FW team needs it", "CPU overhead? 5 %, 10 %?": more words about the
                # question just declined, not a question of their own
                outcome = Outcome(False, "")
            else:
                if confirms and claim is not None:
                    # the statement is what is asked, with the words that ask it ("… 0x0. all good?")
                    reading, setting = claim._replace(yes_no=True, words=claim.words | reading.words,
                                                      concepts=claim.concepts | setting), set()
                    # "… OWA blipped for a few secs. normal per the KB?": read with the words that ask
                    reading = reading._replace(concepts=contexts.read(self._contexts, reading.concepts, reading.words))
                elif relays and quoted is not None:
                    reading, setting = quoted._replace(words=quoted.words | reading.words), set()
                elif recaps and claim is not None:  # the statement's subject is what is to be summed up
                    reading, setting = claim._replace(words=claim.words | reading.words), set()
                # The scene statements set ("We want everything to the DCs encrypted.") holds for the questions;
                # a planned move they describe is not turned into a crash by a figure ("… still eat the 6 min?").
                guessed = reading.guessed if "planned" in setting and "unplanned" not in setting else frozenset()
                reading = reading._replace(concepts=(reading.concepts - guessed) | setting)
                if setting - reading.concepts or (setting and not own & setting):  # the scene's subjects join in:
                    # "« accélérer la renégociation côté frontal ». Je mets quoi, et où ?" reads in that context
                    reading = reading._replace(concepts=contexts.read(self._contexts, reading.concepts, reading.words))
                if termed and refers_back(reading.tokens) and reading.concepts & _THE_TERMS and not (
                        reading.concepts & self._topics - _ABOUT_THE_TERM - {"midpoint", "effect"}):
                    # "… 'serveur principal' keeps coming up. is that the primary cluster node?": the term itself
                    reading = reading._replace(concepts=reading.concepts - {"midpoint", "effect"} | {PRINCIPAL})
                if before is not None and (_follows_up(reading) or (  # "…, and which for POP3?"
                        reading.concepts & _SWAPPABLE and not reading.concepts & self._attributes
                        and not reading.concepts & self._topics - _SWAPPABLE  # "so what protects OWA passwords?"
                        and len(reading.tokens) <= 6)):  # "what auth does HTTP use? and what do POP3/IMAP4 use?"
                    reading = self._inherit(reading, before)
                outcome = self._answer_part(reading, lang)
                if outcome is None and before is not None:
                    reading = self._inherit(reading, before)
                    outcome = self._answer_part(reading, lang)
                if outcome is None:  # nothing the model knows is asked
                    outcome = Outcome(False, "", declined="" if asked or reading.concepts & self._attributes else None)
            lacking = lacking if outcome.text == "" and not outcome.answered else None
            last_refused = outcome is refused and refused is not None
            outcomes.append(outcome._replace(part=text))
            subject = self._subjects.get(outcome.intent or "") if outcome.answered and not (
                reading.concepts & self._topics) else None  # only for a part that named no subject at all
            before = reading._replace(concepts=reading.concepts | {subject}) if subject else reading
        return self._combine(echoed, lang, outcomes)

    def _confirms(self, r: Reading) -> bool:
        """"Could you confirm that?", "Est-ce exact ?": a part asking only whether the statement before holds."""
        asked = r.words & self._wh
        if "what" in asked and any(a in ("s", "is") and b == "what" for a, b in pairwise(r.tokens)):
            asked -= {"what"}  # "that's what the article says to do, right?": a relative, not a question word
        if r.words & {"raison", "right"}:
            asked -= {"qui", "who"}  # "Qui a raison ?", "who's right?": which of the claims before holds
        return bool(r.words & _CONFIRM) and not (r.concepts - _ABOUT_THE_ARTICLE - {"set_verb", "idiom"}) & (
            self._attributes | self._topics) and not asked

    def _unjoined(self, part: str, lang: Lang, read: dict[str, Reading]) -> list[str]:
        """A part declined as a whole, cut at its joiners when a piece of it is the article's.

        "durée de la bascule imprévue avec la clé, et date de fin de support ?": the first piece is answered,
        the second declined by name; one sentence of both is not declined for the second alone. What is read
        here goes into `read` for the answer loop.
        """
        pieces = at_joiners(part)
        if len(pieces) < 2:
            return [part]
        read[part] = self._read(part)
        if read[part].slots.mixed or self._answered_alone(read[part], lang):
            return [part]  # "Ce mois-ci : 2 bascules non planifiées + 3 moves planifiés.": one count of both
        read.update((p, self._read(p)) for p in pieces)
        if not any(self._answered_alone(read[p], lang) for p in pieces) and not any(
                _follows_up(read[p]) and self._answered_alone(self._inherit(read[p], read[q]), lang)
                for q, p in pairwise(pieces)):  # "le type (DWORD ?) et le chemin ?": the path of it
            return [part]
        return pieces

    def _answered_alone(self, r: Reading, lang: Lang) -> bool:
        """Would this reading be answered as a question of its own (no scene, no earlier part)?"""
        if self._out_of_scope(r, lang) is not None:
            return False
        outcome = self._answer_part(r, lang)
        return outcome is not None and outcome.answered

    def _challenges(self, r: Reading) -> bool:
        """"Are you sure?", "that's wrong, isn't it?" before what is challenged: no subject of its own."""
        return bool(r.words & _CHALLENGING) and not r.unknown and not r.concepts & (
            self._attributes | self._topics)

    def _recaps(self, r: Reading) -> bool:
        """"Tu peux me résumer ?", "can you sum that up?": a part asking for the statement before, in brief."""
        return bool(r.words & _RECAP) and not (r.concepts - _ABOUT_THE_ARTICLE - {"summary"}) & (
            self._attributes | self._topics)

    def _out_of_scope(self, r: Reading, lang: Lang, elsewhere: bool = True) -> Outcome | None:
        """The refusal a part earns by naming what the article never covers (a product, a term, another task)."""
        if REQUEST in r.concepts:
            return self._decline(lang)
        if FRONT_END_DOWN in r.concepts:
            return self._decline(lang, "detail_front_end_down")
        products = sorted(c.removeprefix(PRODUCT) for c in r.concepts if c.startswith(PRODUCT))
        # Named back as the question names it ("Network Monitor"), in its words and language, not our group name.
        if lang == "fr":
            products = [self.kb.questions.out_of_scope.names_fr.get(p, p) for p in products]
        if {"ike", "backend"} <= r.concepts and products == [self._translation_group(lang)]:
            products = []  # "dans la traduction, 'mode principal' = serveur principal ?": the trap is answered
        other = r.slots.other_exchange or r.slots.other_os or (r.products or products or [None])[0]
        if other:
            return self._decline(lang, "detail_product", other)
        if r.unknown:
            named = [t for t in r.unknown if len(t) <= MAX_WORD][:3]
            if not named:
                return self._decline(lang)
            return self._decline(lang, "detail_term", ", ".join(original_spelling(r.text, t) for t in named))
        if r.elsewhere and elsewhere:
            return self._decline(lang)
        return None

    def _translation_group(self, lang: Lang) -> str:
        name = "the wording of the French translation"
        return self.kb.questions.out_of_scope.names_fr.get(name, name) if lang == "fr" else name

    def _names_product(self, r: Reading) -> bool:
        """A platform, Windows or Exchange version the article does not cover (not a topic, not an unknown word)."""
        platforms = self.kb.questions.out_of_scope.platforms
        return bool(r.slots.other_exchange or r.slots.other_os
                    or any(c.removeprefix(PRODUCT) in platforms for c in r.concepts if c.startswith(PRODUCT)))

    def _answer_part(self, r: Reading, lang: Lang) -> Outcome | None:
        """The part's answer; None when no intent fits (the caller may read it as a follow-up)."""
        concepts, slots = r.concepts, r.slots
        if {"warning", "exposure", "password"} <= concepts and "registry" not in concepts:
            concepts -= {"warning"}  # "…OWA password sniffed. is that a risk?": exposure, not the registry's risk
        elif {"warning", "password"} <= concepts and not concepts & {"registry", "nlbsflags", "backup"}:
            concepts = concepts - {"warning"} | {"encrypt"}  # "are OWA passwords safe on the wire?": protected
        if "-" in r.text and (negative := next((m for m in re.finditer(_NEGATIVE, r.text, re.I)
                                                if not r.text[: m.start()].rstrip()[-1:].isdigit()), None)):  # "3 - 6"
            text = self._t("negative_duration", lang, what=negative.group(0).strip())  # "Exchange takes -3 min"
            return Outcome(False, text, declined=text)
        if "-" in r.text and "nlbsflags" in concepts and (
                below := re.search(_NEGATIVE_VALUE, r.text[:2000], re.I)) is not None:
            return self._decline(lang, "detail_nlbs_value", below.group(1))  # "set NLBSFlags to -1": not the article's
        scene = self._out_of_scope(r, lang)
        if scene is not None:
            return scene
        if concepts & {"policy", "message_flow"} and (quoted := tuple(
                int(n) for n in slots.numbers if n.isdigit() and len(n) <= 5 and 20 < int(n) < 65536
                and not 1990 <= int(n) <= 2030)):
            # "does policy 2 include 443?", "80, 110 et 143 suffit pour le flux ?": ports, said without the word
            slots = slots._replace(ports=tuple(dict.fromkeys(quoted + slots.ports)))
        if slots.supposed is not None and "planned" not in concepts and concepts & _SUPPOSABLE and not (
                concepts & {"op_diff", "op_ratio", "steps", "where", "value"}):
            # "si la durée d'inactivité était de 10 minutes et IKE 1 minute, le total ?": the asker's figures
            ctx = Context(self.kb, slots, concepts, lang, r.words, r.tokens)
            reply = supposed(ctx)
            return Outcome(True, reply.text, tuple(reply.facts), "supposed")
        if slots.nlbsflags is not None and slots.nlbsflags not in self._nlbs_states:
            proposed = (r.yes_no or is_yes_no(r.text, list(r.tokens), lang) or bool(r.words & _CONFIRM)) and bool(
                concepts & {"set_verb", "value", "value_word"} or r.words & MODALS or (
                    r.words & _CONFIRM and not slots.durations) or (
                    r.words & _PUTTING and (r.words & _CONFIRM or "c est ca" in " ".join(r.tokens))))
            # what 2 would do ("anything different?"), whether 2 is safe: not the article's
            if not proposed or "warning" in concepts or r.words & _OTHERWISE:
                return self._decline(lang, "detail_nlbs_value", slots.nlbsflags)
            # "faut-il la mettre à 0 ?": No, and the value the article gives
            concepts = concepts | {"value", "registry"}
        if concepts and concepts <= _OPERATORS and not (slots.durations or slots.numbers or slots.ports):
            return None  # "c'est quoi la différence entre TCP et UDP ?": a comparison of nothing the article has
        subjects = concepts & self._topics - {SMALL_TALK}
        if subjects and subjects <= _GENERIC and not concepts - subjects - {SMALL_TALK} and not (
                slots.os or slots.durations or slots.nlbsflags or slots.ports or slots.other_os):
            return None  # "which account does the cluster service use?": nothing of ours asked, unless a follow-up
        tasks = subjects - {"set_verb", "create"}
        if concepts & {"set_verb", "create", "steps"} and r.words & _HOW and tasks <= _OTHER_TASKS and (
                tasks - {"frontend"}) and not concepts & {"process", "time", "reason", "registry", "nlbsflags"}:
            return self._decline(lang)  # "how do I configure POP3?", "how do I change the cluster's virtual IP?"
        documented = concepts & (self._attributes | _ABOUT_THE_DOCUMENT)
        if documented == {"article"} and not r.words & DOCUMENT_WORDS:
            documented = frozenset()  # "book me a meeting about the firewall": "about" names no article
        if SMALL_TALK in concepts and (not concepts - {SMALL_TALK} or (
                concepts - {SMALL_TALK} <= _HOMONYMS and not (slots.ports or slots.numbers or slots.durations)) or (
                not documented and concepts & self._topics - {SMALL_TALK, "article"} - _DOINGS <= _HOMONYMS)):
            return self._decline(lang)  # "quelle est la capitale du cluster ?": one topic word in small talk
        if "idle" in concepts and (concepts & {"value", "value_word", "set_verb"} or r.words & _LOWERED) and (
                slots.durations) and (
                not slots.limit or min(slots.durations) < min(self._idles)) and any(  # "below 1 min, like 30 s?"
                d not in self._idles and d not in self._totals for d in slots.durations) and not (
                slots.nlbsflags == "1" and (r.yes_no or r.words & _CONFIRM) and not r.words & MODALS):
            # (a claim about the flag's effect, "once NLBSFlags is set it drops to 30 s, right?", gets its No)
            return self._decline(lang, "detail_idle_set")  # "which NLBSFlags value for a 30 s idle time?": none
        if "idle" in concepts and (concepts & {"registry", "value", "value_word"} or (
                "set_verb" in concepts and r.words & _HOW) or (r.words & _KEY_WORDS and r.words & self._wh)) and (
                slots.os == "windows-2000") and (
                len(slots.oses) <= 1 and not concepts & {"op_ratio", "op_diff", "compare"}) and not (
                r.words & _FLOOR and not (slots.durations or slots.limit)):  # "… en dessous de combien ?"
            return self._decline(lang, "detail_idle_set")  # "which registry value sets the idle timer on 2000?"
        if slots.os == "windows-2000" and len(slots.oses) <= 1 and (
                "idle" in concepts or slots.limit or slots.durations) and (
                r.words & _SETTING_ASKED or ("there" in r.words and r.words & {"is", "any"})
                or ("y", "a") in pairwise(r.tokens)) and not concepts & {"op_diff", "op_ratio", "compare"} and not (
                r.words & self._wh and r.words & {"no", "not", "without", "pas", "sans", "aucun", "aucune"}):
            # (not "no NLBSFlags trick there, so what's the min idle time?": the floor asked, the trick ruled out)
            return self._decline(lang, "detail_idle_set")  # "is there a registry tweak on Windows 2000 to cut it?"
        if "ike" in concepts and r.words & self._tuning and not concepts & {"idle", "nlbsflags"} and not (
                concepts & {"registry", "value"} and not slots.durations):  # "quelle donnée pour raccourcir ?"
            return self._decline(lang, "detail_ike_set")  # "can I lower IKE's main mode time?": no such setting
        if (rule := unsaid.first(self._unsaid, concepts, r.words)) is not None:
            return self._decline(lang, rule.detail, self._t(rule.what, lang) if rule.what else "")
        if "count" in concepts and counted_noun(r.tokens) in _UNCOUNTED:
            return self._decline(lang)  # "how many L2TP sessions are lost?": the article counts none
        # "Does the article mention the global catalog?": the subject's answer, Yes first when the article has one.
        if "article" in concepts and slots.os and concepts <= _ABOUT_AN_OS:
            concepts = concepts - {"article", "effect", MENTIONS} | {"support"}  # "what does it say about W2000?"
        mention = (MENTIONS in concepts and bool(concepts - _ABOUT_THE_ARTICLE)
                   and (r.yes_no or is_yes_no(r.text, list(r.tokens), lang)))
        if mention and slots.os and not (concepts - _ABOUT_THE_ARTICLE) & self._topics - {"windows"}:
            concepts = concepts | {"support"}  # "does the KB say anything about Windows 2000?": what it says of it
        intent = self._choose(concepts - _ABOUT_THE_ARTICLE if mention else concepts, r.words)
        if intent is None and "port" in concepts and "time" in concepts and concepts & {
                "failover", "planned", "unplanned", "idle", "ike"} and (slots.ports or not (
                concepts & {"esp", "other_protocol", "firewall", "policy"} or r.words & {"udp", "tcp"} or (
                    "ike" in concepts and r.words & {"which", "what", "quel", "quelle", "lequel"}))):
            # "the failover time for port 110 traffic?", "how long is the port down during a move?": a time
            intent = self._choose(concepts - {"port"}, r.words)
        if intent is None:
            return None
        if intent.gap is not None:
            if concepts & {"article", MENTIONS} and (r.yes_no or is_yes_no(r.text, list(r.tokens), lang)):
                # "Does the article tell me to reboot?": No — what it says about itself, and still a gap
                text = f"{self._t('no', lang)} {intent.gap.get(lang)}"
                return Outcome(False, text, intent=intent.id, declined="gap", verdict=False)
            return Outcome(False, intent.gap.get(lang), intent=intent.id, declined="gap")
        if concepts & set(intent.refusal_when) and not (
                "article" in concepts and (r.yes_no or is_yes_no(r.text, list(r.tokens), lang))):
            text = " ".join(self.kb.facts[f].text.get(lang) for f in intent.facts)
            return Outcome(False, text, intent=intent.id, declined="gap")  # "the MMC steps?": it gives none
        ctx = Context(self.kb, slots, concepts, lang, r.words, r.tokens)
        try:
            reply = COMPUTE[intent.compute](ctx) if intent.compute else Reply(intent.facts)
        except NotCovered as gap:
            return self._decline(lang, gap.reason, gap.what)
        text = (_ranges_in_milliseconds(reply.text, ctx) if ctx.in_milliseconds else reply.text) if reply.text else (
            self._in_seconds(" ".join(self.kb.facts[f].text.get(lang) for f in reply.facts), ctx))
        if intent.id == "registry_value" and r.words & {"port", "ports"} and not slots.ports:
            text = f"{self._t('value_not_port', lang)} {text}"  # "which port do I set NLBSFlags to?"
            reply = reply._replace(text=text)
        listing = chosen_listing(intent.lists, r.tokens, concepts) if "count" in concepts else None
        if listing:
            n = counted_listed(listing, [self.kb.facts[f] for f in reply.facts])
            if n is not None:
                text += " " + self._t("count_listed", lang, n=n, what=listing.what.get(lang))
                reply = reply._replace(text=text)  # the count is said: the facts' sentences alone no longer are
        verdict = None
        if {"nlbsflags", "nlb"} <= concepts and r.words & ONLY_WORDS and (
                r.yes_no or is_yes_no(r.text, list(r.tokens), lang)):
            # "NLBSFlags, so only for NLB clusters?": No — the article sets it for a back-end server cluster
            return Outcome(True, f"{self._t('no', lang)} {text}", tuple(reply.facts), intent.id, verdict=False)
        # "does it give the policy steps?": No, none; "is any value other than 1 given?": No; "does the article
        # tell me to set it on the back-end nodes?": No, the front-end (the verdict of where it goes)
        if mention and reply.facts and intent.verdict != "never" and not (intent.verdict == "named" and (
                slots.numbers)) and not (
                intent.verdict == "value" and _verdicts().other_than(r.tokens)) and not (
                intent.verdict == "front_end" and _verdicts().VERDICTS["front_end"](ctx, reply) is False):
            verdict = True
            text = f"{self._t('yes', lang)} {text}"
        elif intent.verdict and (r.yes_no or is_yes_no(r.text, list(r.tokens), lang)):
            verdict = _verdicts().VERDICTS[intent.verdict](ctx, reply)
            if verdict is not None and intent.verdict in _AS_ASSERTED and denies_claim(list(r.tokens)):
                verdict = not verdict  # "est-il vrai que NLBSFlags ne se configure pas sur le back-end ?": Oui
            if verdict is not None:
                text = f"{self._t('yes' if verdict else 'no', lang)} {text}"
        # The facts' own sentences, one by one: a later part drops those an earlier part has already said.
        sentences = () if reply.text or verdict is not None else tuple(
            (f, self._in_seconds(self.kb.facts[f].text.get(lang), ctx)) for f in reply.facts)
        return Outcome(True, text, tuple(reply.facts), intent.id, verdict=verdict, sentences=sentences)

    def _in_seconds(self, text: str, ctx: Context) -> str:
        """A question counting in seconds gets the facts' minutes in seconds too: "1 minute (60 seconds)"."""
        if ctx.in_milliseconds:
            return re.sub(_MINUTES, lambda m: f"{m.group(0)} ({ctx.t('milliseconds', n=int(m.group(1)) * 60_000)})",
                          _ranges_in_milliseconds(text, ctx))
        if not ctx.in_seconds:
            return text
        return re.sub(_MINUTES, lambda m: f"{m.group(0)} ({ctx.t('seconds', n=int(m.group(1)) * 60)})", text)

    def _choose(self, concepts: frozenset[str], words: frozenset[str] = frozenset()) -> Intent | None:
        """The best-scoring intent that qualifies and accounts for every attribute asked."""
        asked = concepts & self._attributes
        best: tuple[float, Intent] | None = None
        for intent in self.kb.questions.intents:
            if not all(concepts.intersection(group) for group in intent.requires):
                continue
            unaccounted = asked - self._accounts[intent.id]
            if unaccounted == {"count"} and words & self._counted.get(intent.id, frozenset()):
                unaccounted = set()  # "how many steps?" of an intent that lists steps
            if unaccounted:
                continue
            score = sum(w for c, w in intent.signals.items() if c in concepts)
            if best is None or score > best[0]:
                best = (score, intent)
        return best[1] if best else None

    def _combine(self, question: str, lang: Lang, outcomes: list[Outcome]) -> Answer:
        answered = [o for o in outcomes if o.answered]
        gaps = list(dict.fromkeys(o.text for o in outcomes if o.declined == "gap" and o.text))
        if not answered and len(gaps) > 1:  # "a REG_DWORD? and its default?": what the article leaves out, each
            return Answer(question, lang, False, " ".join(gaps), intent=outcomes[0].intent)
        details = list(dict.fromkeys(o.declined for o in outcomes if o.declined and o.declined.startswith(" — ")))
        if not answered and len(details) > 1:  # "tunnel mode? and AH?": what each part names that it lacks
            joined = details[0] + "".join(f"; {d.removeprefix(' — ')}" for d in details[1:])
            return Answer(question, lang, False, self._refusal(lang, joined), intent=outcomes[0].intent)
        if not answered:
            first = next((o for o in outcomes if o.text), None)  # a part's own refusal says most
            return Answer(question, lang, False, first.text if first else self._refusal(lang),
                          intent=first.intent if first else None)
        parts: list[str] = []
        shown: set[str] = set()
        for o in outcomes:
            if o.answered and o.facts and set(o.facts) <= shown and o.verdict is None and (
                    o.sentences or o.text in parts):
                continue  # a follow-up that only repeats an earlier part's answer
            text = o.text
            if o.sentences and shown & set(o.facts):  # "where is it, and what value?": the value, not the path again
                text = " ".join(sentence for fact, sentence in o.sentences if fact not in shown)
            elif o.answered and shown & set(o.facts):  # "…total? and are we under 5 min?": what is new
                verdict = "" if o.verdict is None else self._t("yes" if o.verdict else "no", lang)
                text = _without_repeats(text, parts, verdict)
                if text == verdict and verdict and parts and not parts[-1].startswith(
                        (self._t("yes", lang), self._t("no", lang))):
                    parts[-1] = f"{verdict} {parts[-1]}"  # "…whether X. long story short: X?": Yes, then the answer
                    continue
            shown.update(o.facts)
            if o.answered or o.declined == "gap":
                parts.append(text)
            elif o.declined is not None:
                parts.append(self._t("part_not_covered", lang, detail=o.declined, part=_quoted(o.part)))
        facts = tuple(dict.fromkeys(f for o in answered for f in o.facts))
        number = self.kb.article.article.number
        citations = tuple(
            Citation(number, self.kb.article.sections[fact.section].get(lang), fact.quote,
                     fact.quote_en if lang == "en" else None)
            for fact in (self.kb.facts[f] for f in facts)
        )
        return Answer(question, lang, True, " ".join(parts), facts, citations, answered[0].intent)

    def _t(self, key: str, lang: Lang, **values: object) -> str:
        template = self.kb.questions.templates[key].get(lang)
        if not values:
            return template
        text = template.format(**values)
        if lang != "fr":
            return text
        text = text.replace(" de le ", " du ").replace(" de les ", " des ")  # "rien de le temps" → "rien du temps"
        return re.sub(_ELIDED, r"d'\1", text)  # "rien de IPv6" → "rien d'IPv6"

    def _refusal(self, lang: Lang, detail: str = "") -> str:
        return f"{self._t('not_covered', lang, detail=detail)}\n{self._t('can_ask', lang)}"

    def _decline(self, lang: Lang, reason: str | None = None, what: str = "") -> Outcome:
        detail = self._t(reason, lang, what=what) if reason else ""
        return Outcome(False, self._refusal(lang, detail), declined=detail)


MENTIONS = "mentions"
BUDGET = "@budget"  # how many failovers a downtime budget covers
HTTP_AND_MAIL = "@http_and_mail"
PRINCIPAL = "@principal"
WINDOW = "@window"  # a stated span of time the question measures IPSec's share of
NOT_GIVEN = "@not_given"
_ABOUT_THE_TERM = frozenset({"backend", "frontend", "primary_node", "translation_word", "article", "mentions",
                             "cluster", "node", "same_thing", "exchange", "effect", "midpoint", "detail"})  # "mean"
_ROLES = frozenset({"frontend", "backend", "node", "cluster"})
_THE_TERMS = frozenset({"primary_node", "translation_word", "backend", "frontend"})
_NAME_MEANING = PRODUCT + "what the name NLBSFlags stands for"
_MEANS = frozenset({"signifie", "mean", "means", "meaning", "signification", "stand", "stands", "veut"})
_NEXT = frozenset({"ensuite", "et", "then", "next", "what", "whats", "apres", "and"})
_LATER_WH = frozenset({"what", "which", "how", "quel", "quelle", "quels", "quelles", "combien", "comment"})
#: "is there a tweak / an equivalent on Windows 2000?": a setting asked for, which the article gives for 2003 only
_SETTING_ASKED = frozenset({"equivalent", "equivalente", "tweak", "tweaks", "existe", "exist", "exists", "workaround",
                            "trick", "hack", "astuce"})
_NUMBERED_LABEL = r"(?i)\s*(?:question|q|point|item)\s*\d{1,2}\s*[:.)\-–]\s*"
_SET_ASIDE = frozenset({"forget", "oublie", "oubliez", "ignore", "ignorez", "nevermind", "laisse", "laissez", "skip"})
_STATE_WORDS = STATED_CONDITIONS - {"if", "si"} | {"apres", "après", "after", "avant", "before"}
_OPERATORS = frozenset({"compare", "effect", "op_diff", "op_ratio", "total"})
_OAKLEY_NAME = PRODUCT + "the name Oakley"
_AH = PRODUCT + "AH (Authentication Header)"
#: "What does the article say about Windows 2000 for FE/BE IPSec?": nothing asked but the OS.
_ABOUT_AN_OS = frozenset({"article", "effect", MENTIONS, "windows", "ipsec", "frontend", "backend", "@os"})
_OTHERWISE = frozenset({"different", "differently", "instead", "autrement", "plutot", "differemment"})
_BOUND_WORDS = frozenset({"max", "maximum", "at", "most", "au"})
_WHICH = frozenset({"which", "what", "quel", "quelle", "lequel", "laquelle"})
_SPELT_OUT = frozenset({"esp", "owa", "nlb", "ike"})  # names the article spells out
NO_IPSEC = "@no_ipsec"
#: What a "does the article mention X?" question says about the article itself, besides its subject X.
_ABOUT_THE_DOCUMENT = frozenset({"applies", "article", "mentions", "revision", "related", "author", "summary"})
_ABOUT_THE_ARTICLE = frozenset({MENTIONS, "article", SMALL_TALK})
#: "…, et lequel pour le Registre ?", "and which one for …?": the thing just asked for, of another subject.
_WHICH_ONE = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "celui", "celle", "ceux", "celles"})
#: Concepts whose own durations a question may quote (an idle time, IKE, Exchange's recovery, a planned move).
_OTHER_DURATIONS = frozenset({"planned", "unplanned", "idle", "ike", "exchange", "exchange_self", "recovery"})
#: Words by which a part asks for the statement before it in brief ("Tu peux me résumer ?").
_RECAP = frozenset({"resumer", "resume", "resumes", "resumez", "summarise", "summarize", "summary", "recap",
                    "recapituler", "recapitule", "synthese", "synthetiser", "sum",
                    "reponds", "repondre", "reponde", "answer", "reply"})  # "Je lui réponds quoi d'après la KB ?"
#: Words by which a yes/no question proposes a value to set ("should it be 0?"), or challenges a claim.
_CONFIRM = frozenset({"confirm", "confirmer", "confirmez", "confirmes", "correct", "right", "true", "accurate",
                      "exact", "exacte", "vrai", "valid", "valide", "juste", "matches", "agree", "verify", "verifier",
                      "check", "ok", "okay", "bon", "bien", "good", "fine",
                      "surely", "really", "vraiment", "serieux", "bollocks", "nonsense", "rubbish", "myth", "settle",
                      "trancher", "tranche", "normal", "normale", "expected", "attendu", "coherent", "coherente",
                      "consistent", "conforme", "usual", "habituel", "typical", "built", "design", "designed",
                      "raison", "tort", "yeah", "nah"})  # "Il a raison ?", "yeah nah?": the statement before holds
#: Words that set a thing aside for another ("le frontal au lieu du back-end", "the FE instead of the BE").
_INSTEAD = frozenset({"instead", "lieu", "rather", "plutot"})
#: What a part after a restart's gap asks of the restart itself ("do I reboot? 2-min or 20-min?").
_A_RESTARTS_OWN = frozenset({"time", "compare", "op_diff", "op_ratio", "total", "worst", "best"})
#: Words that challenge what follows ("T'es sûr ?", "that's wrong, isn't it?"); "sur" only in a part with no subject.
_CHALLENGE = frozenset({"sure", "sur", "wrong", "faux", "fausse", "certain", "certaine", "positive"})
_CHALLENGING = _CONFIRM | _CHALLENGE
#: Topics whose words are everyday words too ("la capitale du cluster"): alone with small talk, not the topic.
_BACK_UP_AGAIN = frozenset({"is", "are", "be", "comes", "come", "coming", "gets", "get", "getting", "was", "were",
                            "s", "being", "been"})
#: Words after which an unaccented "ou" is "or" ("… ou la renégociation ?", "… ou faut-il aussi …").
_DETERMINERS = frozenset({"la", "le", "les", "l", "un", "une", "des", "sur", "dans", "pour", "avec", "sans", "du",
                          "faut", "bien", "plutot", "non", "pas", "si", "sinon", "alors", "encore", "est"})
#: Words after which an unaccented "ou" opens a question ("et ou la mettre ?"): "where", not "or".
_OPENING = frozenset({"et", "mais", "alors", "donc", "bon", "ok", "bonjour", "salut", "svp", "stp", "and", "so"})
#: Things the article never counts ("how many L2TP sessions are lost?").
_UNCOUNTED = frozenset({"sessions", "session", "users", "utilisateurs", "connexions", "connections", "connection",
                        "paquets", "packets", "clients", "mailboxes", "boites", "requests", "requetes"})
#: Subjects that alone ask nothing of the article ("which account does the cluster service use?").
_GENERIC = frozenset({"cluster", "node", "exchange", "windows", "backend", "frontend", "effect", "compare", "detail"})
#: Subjects of tasks the article gives no steps for ("how do I configure POP3?", "add a node to the cluster").
_OTHER_TASKS = frozenset({"cluster", "node", "vip", "exchange", "windows", "pop3", "imap4", "http", "backend", "nlb",
                          "kerberos", "ntlm", "auth",
                          "frontend", "effect", "detail"})
_HOW = frozenset({"how", "comment"})
#: A floor asked for ("en dessous de combien", "the lowest it can go"): the minimum the article gives
_FLOOR = frozenset({"dessous", "below", "minimum", "minimale", "minimal", "lowest", "plancher", "least"})
#: "push the idle timer down to 30 s instead of 1 min": a setting asked for, which the article does not give
_LOWERED = frozenset({"down", "instead", "lieu", "plutot", "descendre", "baisser", "abaisser", "lower", "shorten",
                      "raccourcir", "reduire", "reduce"})
_AFTER_WORDS = frozenset({"apres", "after", "afterwards", "ensuite"})
_BEFORE_WORDS = frozenset({"avant", "before", "beforehand"})
_KEY_WORDS = frozenset({"cle", "key", "registre", "registry"})
_FRONT_END_STEPS = frozenset({"frontend", "steps", "count", "set_verb", "effect", SMALL_TALK})
_OS_WORDS = frozenset({"os", "windows", "version", "systeme", "operating"})
_MAIN_SUBJECTS = frozenset({"ike", "nlbsflags", "esp", "idle", "ssl"})
_ADMIN = frozenset({"administrator", "administrateur", "admin", "cluadmin"})
_SET_IN = frozenset({"regle", "coche", "cocher", "configure", "configurer", "set", "toggle", "tick", "enable", "active",
                     "activer", "parametre", "parametrer", "where", "ou"})
_HURRY = frozenset({"vite", "quickly", "asap", "rapidement", "fast", "quick", "urgent", "urgently"})
_KINDLY_END = PLEASE | {"merci", "thanks", "ta", "cheers", "thx", "asap", "lah", "sir", "mate", "over"}
_ASKING_TO = frozenset({"kindly", "please", "pls", "plz", "can", "could", "you", "u", "pl", "pse", "and", "just", "to"})
#: A purpose opening the message ("For our HIPAA risk assessment:", "Pour l'audit SOX,"): what the answer is for.
_FRAME = (r"(?i)\s*(?:for|pour)\s+(?:my|our|the|a|an|this|mon|ma|mes|notre|nos|le|la|les|l'|un|une|ce|cette)"
          r"\s*[^:,?!.]{1,60}?\b(?:assessment|audit|report|review|ticket|change|cab|rapport|revue|dossier|"
          r"evaluation|évaluation|analyse|analysis|documentation|doc|wiki|runbook|slide|slides)\s*[:,]")  # on use
_WEAK_AUTH = frozenset({"basic_auth", "exposure"})
_PROTOCOL_NOUNS = frozenset({"protocol", "protocols", "protocole", "protocoles"})
_NOT_WORDS = frozenset({"not", "pas", "doesn", "isn", "never", "jamais", "aren", "don"})
_WHEN_NOUNS = frozenset({"date", "day", "days", "time", "moment", "occasion", "week", "month", "year"})
_EXPLAIN = frozenset({"explain", "expliquer", "explique", "explaining", "explains"})
_DOINGS = frozenset({"help", "set_verb"})  # "help me set up a wedding registry": what to do, not a subject
_HOMONYMS = frozenset({"cluster", "node", "nlb", "exchange", "frontend", "backend", "registry", "windows", "policy",
                       "advice", "firewall", "kerberos", "port"})  # "is port OK with steak?": the wine
#: "on met NLBSFlags à 0, c'est ça ?": putting a value, proposed (not "Exchange met 3 min", which has no value)
_PUTTING = frozenset({"met", "mets", "mettons", "mettez", "mettre", "put", "putting"})
#: "… et si on le passe à 1 ?", "if we set it to 1": the value put, in the other case
_PUT_TO = _PUTTING | {"set", "sets", "passe", "passer", "passes", "change", "changes", "flip", "bascule", "regle",
                      "definit", "definis"}
_VALUE_WORDS = frozenset({"value", "valeur", "data", "donnee", "donnees"})
_TIMED = frozenset({"time", "failover", "total", "share", "op_diff", "op_ratio"})
#: Words naming the registry edit as a change ("the registry change", "la modif de registre"): a state, said.
_A_CHANGE = frozenset({"change", "changement", "tweak", "modif", "modification", "edit", "hack", "fix", "changes",
                       "modifier", "modifie", "changer", "modify", "modified"})
_NOT_YET = frozenset({"pas", "not", "encore", "yet", "already", "deja", "never", "jamais", "been", "ete"})
#: Words by which a question gives Exchange's own start-up time ("Exchange takes 25 s to come up").
_COMING_UP = frozenset({"come", "comes", "start", "starts", "startup", "demarrer", "demarre", "demarrage", "boot",
                        "boots", "remonter", "online", "ready", "pret", "prete"})
#: Words that add the idle timer and IKE's main mode up.
_ADDING = frozenset({"plus", "+", "add", "adds", "added", "adding", "makes", "make", "fait", "font", "sum", "somme",
                     "additionne", "additionner", "ajoute", "ajouter", "together", "ensemble", "combined", "cumul"})
#: Kinds of subject a follow-up may change ("…for HTTP? and for POP3?").
_SUBJECT_GROUPS = (frozenset({"planned", "unplanned"}), frozenset({"frontend", "backend"}),
                   frozenset({"http", "pop3", "imap4", "ldap", "rpc", "kerberos", "gc", "other_protocol",
                              "message_flow", "dc"}))
_FOLLOW_UPS = (("and",), ("et",), ("what", "about"), ("how", "about"), ("which", "for"), ("and", "for"), ("et", "pour"),
               ("et", "en"), ("et", "sur"), ("and", "on"), ("et", "avec"), ("and", "with"), ("et", "sans"),
               ("and", "without"), ("same", "for"), ("pareil", "pour"), ("idem", "pour"))


_SWAPPABLE = frozenset().union(*_SUBJECT_GROUPS)


#: A part that only asks whether the statement before it holds ("…in clear between FE and BE. do they").
_TAG_PARTS = frozenset({"do they", "does it", "is it", "are they", "can they", "will it", "is that so", "right",
                        "true", "correct", "c est le cas", "vrai", "non", "oui ou non", "yes or no", "is it true",
                        "c est vrai", "est ce vrai", "est ce le cas", "do we", "did it", "would it", "would they"})




_COMBIEN_DE = frozenset({"combien", "de", "d"})
_NOT_THINGS = frozenset({"temps", "fois", "pourcent", "percent", "pourcentage", "pour", "cent", "plus", "moins", "ca",
                         "cela", "il", "elle", "on",
                         "faut", "gagne", "perd", "dure", "durent", "prend", "mets", "met", "coute",
                         "inactivite", "attente", "delai", "retard", "indisponibilite", "coupure"})  # a span of time


def counts_things(tokens: tuple[str, ...] | list[str], matches: list[Match]) -> bool:
    """"combien d'étapes", "combien de raisons": "combien" counts things, not time, unless the only time is it."""
    if not every_match(matches, "time", lambda m: set(tokens[m.start : m.end]) <= _COMBIEN_DE):
        return False
    noun = counted_noun(tokens)
    return (noun.isalpha() and noun not in TIME_UNITS and noun not in _NOT_THINGS and len(noun) > 2
            and noun not in EVENTS)  # "combien de plantages … absorber ?": failovers, counted elsewhere


#: Slack mentions (`<@U123>`, `<!channel>`, `<!subteam^S1|@ops>`) and terminal colour codes: not words of a question.
# Patterns compiled on first use (re's cache): a cold `oakley ask` that never needs them never pays for them.
#: people, channels ("<#C123|ops>"), terminal colours and titles ("\x1b]0;title\x07")
_MARKUP = (r"<[@!#][^<>]{0,200}>|\x1b\[[0-9;]{0,20}[A-Za-z]|\x1b\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)?"
           r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,200})?/?>")  # "<script>…</script>": HTML tags, not words
_TEMPLATE = r"\$\{[^{}]{0,200}\}|\{\{[^{}]{0,200}\}\}"
_EMOJI = r"(?<![\w:]):[a-z][a-z0-9_+'-]{0,40}:(?![\w:])"
_LINK = r"<((?:https?|mailto|ftp):[^<>|\s]{0,500})(?:\|([^<>]{0,200}))?>"
_URL = r"\b(?:https?|ftp)://[^\s<>]{1,500}"
_PER_SLASH = (r"(?<=\w)\s?/\s?(months?|mois|years?|yr|an|ans|annee|année|weeks?|semaines?|days?|jours?|quarters?|"
              r"trimestres?)\b")
#: "reg add" writing under the article's key: a way of setting the value, not a tool the question is about
_REG_ADD = (r"(?i)\breg(?:\.exe)?\s+add\s+(?:(?:dans|in|under|sous|into|to|sur)\s+)?"
            r"(?=[\"']?HK[\w\\]{0,200}PolicyAgent\\Oakley\b)")
_REG_ADD_OPTION = r"(?i)(?<=\s)/([vdtf])\b(?:\s+([\w.]{1,40}))?"


#: "we ran `reg add …`", "on a fait le reg add": the value written, so set; "before I run it": not yet
_RAN = frozenset({"ran", "did", "done", "executed", "applied", "pushed", "deployed", "fait", "lance", "passe",
                  "execute", "applique", "deploye", "pousse"})


def _reg_add(m: re.Match[str]) -> str:
    before = tokenize(m.string[max(0, m.start() - 40) : m.start()])[-4:]
    return "NLBSFlags = 1, " if _RAN & set(before) and not {"before", "avant"} & set(before) else "modif "


def _reg_add_option(m: re.Match[str]) -> str:
    """"/v NLBSFlags /t REG_DWORD": "NLBSFlags REG_DWORD". The article's data ("/d 1") is what the command
    would write, not a state: "before I run `reg add … /d 1`" is NLBSFlags not set yet; other data ("/d 2") is
    a value asked about; "/f" forces, it says nothing."""
    option, value = m.group(1).lower(), m.group(2) or ""
    if option == "d":
        return "" if value in ("1", "0x1", "") else f"= {value}"
    return value if option in "vt" else ""


_QUOTED_TEXT = r"«[^«»]{0,600}»|“[^“”]{0,600}”"
_TICKET = r"\b(?!KB-|Q-)[A-Z]{2,6}-\d{4,9}\b"  # not "SHA-256", "AES-128": terms
#: A chat line pasted with its time and author ("[09:30] julien.r: …"), and a name typed with "@" ("@kb-bot")
_TRANSCRIPT = r"(?m)^[ \t>]*\[\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\][ \t]*(?:[\w.-]{1,40}[ \t]*:[ \t]*)?"
#: What a pasted block can show the questions after it are about: the kind of failover, the registry's steps
_SHOWN = frozenset({"planned", "unplanned", "steps", "registry", "nlbsflags"})
_FENCED = r"```[^\n`]{0,20}\n?((?:(?!```)[\s\S]){0,4000})(?:```|$)"
_LABEL = r"(?m)^[ \t]*\[(?!\d{1,2}:\d\d)[^\]\n?]{1,30}\](?=[ \t]*\S)"
_AT_NAME = r"(?<![\w@.])@[A-Za-z][\w.-]{0,40}"
_NEGATIVE_VALUE = r"nlbsflags[^\n\d-]{0,15}(-\s?\d{1,10})"  # "NLBSFlags to -1", "NLBSFlags = -1"
_NEGATIVE = r"(?<![\w-])-\s?\d+(?:[.,]\d+)?\s?(?:min\w*|mn|s|sec\w*|h|hours?|heures?)\b"
_LIKE = frozenset({"like", "comme", "unlike", "than"})
#: "…: où l'article dit-il…", "mais où…": "où" opening a clause asks where (not "un 2003 où NLBSFlags…")
_WHERE_ACCENTED = r"(?:^|[:;,?!]\s*|\b(?:mais|et|donc|alors|bref)\s+)[Oo]ù\b"
#: Pronouns pointing back at a thing ("with it"); narrower than cues.refers_back, which takes "this scenario" too.
_IT_PRONOUNS = frozenset({"it", "them", "ca", "cela", "y", "dedans", "lui", "leur"})
#: What a request for a poem or a draft may ask that the article has: its figures, where, what value, its steps.
_ASKED_IN_A_FORM = frozenset({"value", "where", "steps", "op_diff", "op_ratio", "total", "compare", "time",
                              "breakdown", "share", "key_path"})
_ARTICLE_CORE = frozenset({"nlbsflags", "planned", "idle", "ike", "key_path"})  # named, not a crash in passing
_TRANSLATE = frozenset({"translate", "traduis", "traduire", "traduisez", "translating"})
_ITS_TEXT = frozenset({"article", "kb", "note", "etape", "step", "phrase", "sentence", "passage", "paragraphe",
                       "paragraph", "section", "avertissement", "warning"})  # the article's text, not the asker's
#: "…et combien si la valeur avait été définie ?": the other case, supposed (not "what number do I put in the runbook")
_HYPOTHETICAL = frozenset({"if", "si", "had", "avait", "were", "etait", "once", "would", "serait", "aurait"})
_DENIABLE = _SUBJECT_GROUPS[2] - {"other_protocol", "message_flow", "dc"} | {"firewall"}
_FIT = frozenset({"fit", "fits", "tient", "tiennent", "rentre", "rentrent", "caser", "loger"})
_NEGATIONS_OF_STATE = frozenset({"without", "sans", "not", "no", "pas", "never", "jamais", "absent", "missing", "unset",
                                 "before", "avant", "ss", "wo"})


_CONTRAST_ARTICLES = frozenset({"a", "an", "the", "un", "une", "le", "la", "les", "some"})


def _contrasted(tokens: list[str], m: Match, matches: list[Match], topics: frozenset[str]) -> bool:
    """"X, not Y": Y comes after a topic and right after "not" (or "not a", "pas un"), so X is what is meant."""
    if not all(c.startswith(PRODUCT) or c == "ike" for c in m.concepts):
        return False  # a thing named, not a predicate ("NOT supported") nor a role ("the FE, not the BE")
    i = m.start - 1
    while i >= 0 and m.start - i <= 3 and tokens[i] in _CONTRAST_ARTICLES | {"ipsec", "ike"}:
        i -= 1  # "not an IPSec pre-shared key"
    if i < 1 or tokens[i] not in ("not", "pas") or tokens[i - 1] in ("do", "does", "did", "is", "are", "was", "can",
                                                                       "ne", "n", "should", "would", "could", "will"):
        return False
    return any(o.end <= i and o.concepts & topics and not o.concepts & m.concepts for o in matches)


_FUNCTION_WORDS = frozenset({"with", "the", "and", "for", "avec", "les", "des", "une", "some", "par", "pour", "sur",
                             "dans", "from", "that", "this", "what", "which"})


def _or_the_articles(tokens: list[str], m: Match, matches: list[Match], topics: frozenset[str]) -> bool:
    """A product offered as one side of a choice whose other side is the article's subject ("Exchange transport
    (SMTP) or something IPSec?", "an encryption key or a registry key?"): the choice, not the product, is asked."""
    if not any(c.startswith(PRODUCT) for c in m.concepts):
        return False
    # a word of the product's side said again elsewhere: the homonym being told apart ("key", "transport"), not
    # a choice of tools ("PowerShell or regedit?", which names a product the article lacks)
    side = [w for w in tokens[max(0, m.start - 2) : m.end + 1] if len(w) > 2 and w not in _FUNCTION_WORDS]
    rest = tokens[: max(0, m.start - 2)] + tokens[m.end + 1 :]
    if not any(w in rest for w in side):
        return False
    after = next((i for i in range(m.end, min(len(tokens), m.end + 2)) if tokens[i] in ("or", "ou")), None)
    before = next((i for i in range(m.start - 1, max(-1, m.start - 4), -1) if tokens[i] in ("or", "ou")), None)
    return any(o.concepts & topics and not any(c.startswith(PRODUCT) for c in o.concepts) and (
        (after is not None and after < o.start <= after + 3) or (before is not None and before - 4 <= o.end <= before))
        for o in matches)


def _denied_throughout(tokens: list[str], matches: list[Match]) -> bool:
    """Every run of planned-move words is denied ("not a planned move", "pas proprement"): it was not planned."""
    runs = [m for m in matches if "planned" in m.concepts]
    ends = {m.end: m for m in runs}
    firsts = [m for m in runs if m.start not in ends]  # "planned move": the run's first word carries the denial
    return bool(firsts) and all(not_so(tokens, m) for m in firsts)


def _ranges_in_milliseconds(text: str, ctx: Context) -> str:
    """"3 à 6 secondes (3000 à 6000 millisecondes)": a range of seconds, for a question counting in ms."""
    return re.sub(_SECOND_RANGE, lambda m: f"{m.group(0)} ({m.group(1)}000{m.group(2)}"
                  f"{ctx.t('milliseconds', n=m.group(3) + '000')})", text)


def _as_evidence(m: re.Match[str]) -> str:
    """"```\ncluster group … /move:BENODE2\n…```": shown, not asked; its names are not terms the question uses,
    though the state it shows ("NLBSFlags REG_DWORD 0x1") holds for the question after it. One line, so that
    a long paste never pushes the questions after it past the parts read."""
    shown = re.sub(r"[.!?;]+(?=\s|$)|\?", " ", " ".join(line.strip() for line in m.group(1).split("\n")))
    return f"\n$ {shown.strip()}\n" if shown.strip() else "\n"  # one part, however long: no sentence ends in it


_TIMED = frozenset({"time", "midpoint", "planned", "unplanned", "total", "op_diff", "op_ratio"})
_PURPOSE = frozenset({"for", "pour"})
_OWNERS = frozenset({"my", "our", "the", "a", "mon", "ma", "mes", "notre", "nos", "le", "la", "les", "du", "de", "des",
                     "un", "une", "l", "d"})


def _for_a_purpose(tokens: list[str], m: Match) -> bool:
    """A product named after "for my", "pour le" (at most two words between): what the answer is for."""
    if not all(c.startswith(PRODUCT) for c in m.concepts):
        return False
    before = tokens[max(0, m.start - 4) : m.start]
    return any(t in _PURPOSE and before[k + 1 : k + 2] and before[k + 1] in _OWNERS for k, t in enumerate(before))


def _untranscribed(text: str) -> str:
    """A pasted chat thread without its times and authors; its lines are quoted when the asker's own follows
    ("[09:32] sophie.d: faut une PKI ?\n@kb-bot …": a colleague asked that, not the asker). A label opening a
    line ("[alerte Nagios] NODE2 DOWN — si le nœud tombe…") says where the line comes from: a line of its own."""
    text = re.sub(_LABEL, "\\g<0>\n", text)
    lines = text.split("\n")
    said = [re.match(_TRANSCRIPT, line) for line in lines]  # never empty: a time in brackets opens each match
    last = max((i for i, m in enumerate(said) if m), default=-1)
    own = any(line.strip() for line in lines[last + 1:])
    return "\n".join((("> " if own else "") + line[m.end():]) if m else line
                      for line, m in zip(lines, said, strict=True))


def _tags_joined(parts: list[str]) -> list[str]:
    """A last part that is only a tag question is the yes/no question of the part before it."""
    if len(parts) > 1 and " ".join(tokenize(parts[-1])) in _TAG_PARTS:
        return [*parts[:-2], f"{parts[-2].rstrip(' .')}, {parts[-1]}"]
    return parts


#: Words a product's phrase may hold around its name ("is ah", "use ah", "ah only", "mention ah").
_NAMING_FILLER = frozenset({"is", "use", "utiliser", "with", "avec", "only", "seul", "vs", "instead", "rather", "or",
                            "ou", "and", "et", "au", "lieu", "plutot", "supported", "support", "mention", "mentions",
                            "mentioned", "mentionne", "parle", "d", "about", "say", "cover", "covers", "the", "a"})


def _as_named(text: str, words: list[str]) -> str:
    """How the question names a product when it writes it as a name ("Wireshark", "Network Monitor", "IPv6");
    words in lower case ("traduit", "stand for") are better told by their group's name ("")."""
    if words and (words[0] in _NAMING_FILLER or words[-1] in _NAMING_FILLER):
        return ""  # "Is AH supported?": a phrase around the name, not the name ("Is AH"); the group's name is said
    spelt = [original_spelling(text, w) for w in words]
    return " ".join(spelt) if all(w[:1].isupper() or not w.isalpha() for w in spelt) else ""


def _without_repeats(text: str, said: list[str], verdict: str) -> str:
    """A yes/no part's answer less the sentences an earlier part already gave word for word."""
    body = text.removeprefix(verdict).lstrip()
    for earlier in said:
        for sentence in earlier.split(". "):
            sentence = sentence.rstrip(".")
            if len(sentence) > 40 and sentence in body:  # whole sentences only, not a shared phrase
                body = body.replace(sentence + ".", "").replace(sentence, "")
    return f"{verdict} {' '.join(body.split())}".strip()


_QUOTED = 60  # characters of a part named back in a partial answer


def _quoted(part: str) -> str:
    """A part as the user wrote it, short and on one line ("what's the IKE port")."""
    text = " ".join(part.split()).lstrip("> ").rstrip(" ?,;.")  # not the quote marks of a quoted message
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1].rstrip() + "…"


_MODES = frozenset({"tunnel", "transport", "ah", "esp"})
_OR_WORDS = frozenset({"or", "ou", "vs", "versus"})


def _offered_modes(tokens: list[str]) -> set[str]:
    """"transport or tunnel mode?", "AH ou ESP ?": modes offered as a choice, which asks the one supported (not
    "AH+ESP or just ESP?", where the same mode is on both sides, nor "AH ou ESP en mode tunnel", which names one)."""
    offered: set[str] = set()
    inside: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok in _OR_WORDS:
            left, right = range(max(0, i - 2), i), range(i + 1, min(i + 3, len(tokens)))
            lwords, rwords = {tokens[j] for j in left} & _MODES, {tokens[j] for j in right} & _MODES
            if lwords and rwords and not lwords & rwords:
                offered |= lwords | rwords
                inside.update(j for j in (*left, *right) if tokens[j] in _MODES)
    return set() if any(t in _MODES and j not in inside for j, t in enumerate(tokens)) else offered


_NOT_AFTER = frozenset({"pas", "nullement", "jamais"})
_NOT_BEFORE = frozenset({"not", "never", "no", "without", "sans", "pas", "aucun", "aucune"})
_FILLER = frozenset({"any", "a", "an", "real", "un", "une", "de", "d", "vraiment"})


def _denied(tokens: list[str], m: Match) -> bool:
    """The phrase is denied: "le nœud ne se bloque pas", "the node did not hang", "no crash", "without any crash";
    not "a no-NLBSFlags crash" (the flag is denied) nor "non planifié (pas un déplacement…)" (the move is)."""
    after = tokens[m.end : m.end + 2]
    if after[:1] and after[0] in _NOT_AFTER and not (after[1:] and after[1] in _FILLER | {"le", "la", "les", "l"}):
        return True
    before = tokens[max(0, m.start - 2) : m.start]
    return bool(before) and (before[-1] in _NOT_BEFORE or (len(before) == 2 and before[0] in _NOT_BEFORE
                                                            and before[1] in _FILLER))


_WHICH = frozenset({"which", "what", "quel", "quelle", "laquelle", "lequel"})
_EDITED = frozenset({"edit", "change", "modify", "set", "regedit", "registry", "registre", "modifier", "changer",
                     "toucher", "touch", "tweak"})


def _which_key(tokens: list[str]) -> bool:
    """"which key", "quelle clé": the key asked for by name (the registry's, against IKE's "key exchange")."""
    return any(t in _WHICH and {"key", "cle", "subkey", "souscle"} & set(tokens[i + 1 : i + 5])
               for i, t in enumerate(tokens))  # "under which service's registry key…?"


def _verdicts() -> ModuleType:
    """kb.verdicts, imported on the first Yes or No: a cold `oakley ask` of a question asking none never loads it."""
    import kb.verdicts

    return kb.verdicts


def _last_asked(outcomes: list[Outcome]) -> Outcome | None:
    """The last part that was asked ("default value? 0? missing?": "0?" was context, the default is asked)."""
    for o in reversed(outcomes):
        if o.answered or o.declined is not None or o.text or not (
                o.part.rstrip().endswith("?") and len(o.part.split()) <= CONTEXT_WORDS):
            return o
    return None


def _follows_up(r: Reading) -> bool:
    """A part that continues the previous question with another subject ("and for POP3?", "et sans ?", "and what
    does HTTP use instead?": only another subject named, so the question is the one before)."""
    return len(r.tokens) <= 4 or any(r.tokens[: len(f)] == f for f in _FOLLOW_UPS) or (
        len(r.tokens) <= 8 and r.tokens[-1:] in (("instead",), ("plutot",)) and r.concepts <= _SWAPPABLE | {"effect"})


def _slot_concepts(slots: Slots) -> frozenset[str]:
    """Concepts the slots stand for: an OS named, an NLBSFlags state given, a duration stated."""
    given = (("@os", slots.os), ("@nlbsflags", slots.nlbsflags), ("@duration", slots.durations or slots.limit),
             ("@limit", slots.limit), ("@state", slots.stated))
    return frozenset(name for name, value in given if value)


def _covered(tokens: list[str], matches: list[Match]) -> list[bool]:
    """Which tokens a lexicon phrase matched (those are known, whatever their spelling)."""
    covered = [False] * len(tokens)
    for m in matches:
        for i in range(m.start, m.end):
            covered[i] = True
    return covered


_ENGINES: dict[int, Engine] = {}


@cache
def default_engine() -> Engine:
    """The engine over the packaged knowledge base, with what it builds read from the snapshot."""
    kb, built = load_derived(build)
    return Engine(kb, built if isinstance(built, Built) else None)


def answer(question: str, lang: Lang | None = None, kb: KnowledgeBase | None = None) -> Answer:
    """Answer with the packaged knowledge base (or `kb`), building the engine once."""
    if kb is None:
        return default_engine().answer(question, lang)
    engine = _ENGINES.get(id(kb))
    if engine is None or engine.kb is not kb:
        engine = _ENGINES[id(kb)] = Engine(kb)
    return engine.answer(question, lang)
