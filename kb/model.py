"""The shape of the knowledge base.

Typed records (`kb.record`, NamedTuple's shape): answering a question never
imports pydantic, dataclasses or even typing (start-up time matters in chat
and scripts), while `kb.validate` checks the data files against these same
classes with pydantic — one definition of the schema. Pydantic refuses unknown fields of a NamedTuple;
rules across fields (ranges, sums) are checked in `kb.validate`.
"""

from __future__ import annotations

from kb.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Lang = Literal["en", "fr"]
    OsName = Literal["windows-2000", "windows-2003"]
    NlbsCondition = Literal["any", "absent", "1"]
    Role = Literal["front-end", "back-end", "domain-controller"]


def annotation_names() -> dict[str, object]:
    """The typing names the (string) annotations use: pydantic evaluates them in this module (kb.validate)."""
    from typing import Literal

    return {
        "Literal": Literal,
        "Lang": Literal["en", "fr"],
        "OsName": Literal["windows-2000", "windows-2003"],
        "NlbsCondition": Literal["any", "absent", "1"],
        "Role": Literal["front-end", "back-end", "domain-controller"],
    }


def __getattr__(name: str) -> object:
    """`Lang` and the other aliases on demand, so importing the model does not import typing."""
    if name not in ("Literal", "Lang", "OsName", "NlbsCondition", "Role"):  # not `__path__`, asked by every import
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    names = annotation_names()
    globals().update(names)
    return names[name]



class Text(Record):
    """A sentence in both languages the bot answers in."""

    en: str
    fr: str


    def get(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en


class Identity(Record):
    kind: Literal["identity"]
    number: str
    revision: str
    last_reviewed: str


class AppliesTo(Record):
    kind: Literal["applies_to"]
    products: tuple[str, ...]


class RelatedArticle(Record):
    kind: Literal["related_article"]
    number: str


class IpsecMode(Record):
    kind: Literal["ipsec_mode"]
    mode: Literal["transport", "tunnel"]
    protocol: Literal["ESP", "AH"]
    cluster_types: tuple[Literal["network-load-balancing", "server-cluster"], ...]


class ProtocolAuth(Record):
    kind: Literal["protocol_auth"]
    protocols: tuple[str, ...]
    auth: tuple[str, ...]
    passwords_protected: bool


class Support(Record):
    kind: Literal["support"]
    os: OsName
    clustered: bool
    non_clustered: bool


class PlannedMove(Record):
    kind: Literal["planned_move"]
    min_seconds: int
    max_seconds: int



class IdleTimer(Record):
    kind: Literal["idle_timer"]
    os: OsName
    nlbsflags: Literal["any", "set"]
    seconds: int



class IkeMainMode(Record):
    kind: Literal["ike_main_mode"]
    seconds: int



class Applies(Record):
    """One (front-end OS, NLBSFlags state) combination a total covers."""

    os: OsName
    nlbsflags: NlbsCondition


class UnplannedTotal(Record):
    kind: Literal["unplanned_total"]
    nlbsflags: bool
    idle_seconds: int
    ike_seconds: int
    total_seconds: int
    applies: tuple[Applies, ...]



class RegistryValue(Record):
    kind: Literal["registry_value"]
    hive: Literal["HKEY_LOCAL_MACHINE"]
    key: str
    value_name: str
    value_type: Literal["REG_DWORD"]
    data: int
    server_role: Role


class PortSpec(Record):
    port: int
    protocol: str



class IpsecPolicy(Record):
    kind: Literal["ipsec_policy"]
    number: int
    ports: tuple[PortSpec, ...]
    protocols: tuple[str, ...]


FactData = (
    Identity
    | AppliesTo
    | RelatedArticle
    | IpsecMode
    | ProtocolAuth
    | Support
    | PlannedMove
    | IdleTimer
    | IkeMainMode
    | UnplannedTotal
    | RegistryValue
    | IpsecPolicy
)


class Fact(Record):
    """One statement of the article, with where it says so."""

    id: str
    section: str
    text: Text
    quote: str
    quote_en: str | None = None  # an English rendering of the quote, shown marked as a translation
    data: FactData | None = None


class ArticleInfo(Record):
    number: str
    title: Text
    revision: str
    last_reviewed: str


class Article(Record):
    """The article file: identity, section names and facts."""

    article: ArticleInfo
    sections: dict[str, Text]
    facts: tuple[Fact, ...]


# --- the question-answering data (questions.yaml) -------------------------


class Concept(Record):
    """Words and phrases, in either language, that mean one thing."""

    id: str
    terms: tuple[str, ...]


class Listing(Record):
    """What an answer lists, so that "how many steps?" is counted from the facts, not written down."""

    by: Literal["clauses", "numbered", "ports", "protocols", "products", "reasons", "policies"]
    what: Text  # the things counted, plural ("steps", "étapes")
    when: str | None = None  # the concept that asks for this count among several ("port": the ports)
    nouns: tuple[str, ...] = ()  # words that name the things counted: "how many nodes?" does not count products


class Intent(Record):
    """A kind of question and how to answer it.

    `requires` is a conjunction of alternatives: every group must have at
    least one of its concepts in the question. `signals` weigh the choice
    between intents that qualify. The answer is either the listed facts, a
    computation (`compute`) over the question's slots, or — for things the
    article leaves open — the `gap` message with `answered: false`.
    """

    id: str
    requires: tuple[tuple[str, ...], ...]
    signals: dict[str, float] = {}  # noqa: RUF012 (never mutated)
    facts: tuple[str, ...] = ()
    compute: str | None = None
    gap: Text | None = None
    verdict: str | None = None  # how a yes/no question of this kind is settled (kb.verdicts)
    accepts: tuple[str, ...] = ()  # attributes it accounts for besides those in requires and signals
    lists: tuple[Listing, ...] = ()  # what its answer lists, for "how many …?" (the first that applies)
    # Its facts say the article leaves this out; with one of these concepts the question asks for exactly what
    # it leaves out ("the steps in the MMC console"): a refusal that still points somewhere.
    refusal_when: tuple[str, ...] = ()



class Unsaid(Record):
    """What the article never says about a subject it has ("why did Microsoft choose 1 minute?"): declined.

    `requires`: every group needs one of its concepts in the question; `words`: every group needs one of its
    words (a group may be a word set, "@tuning"); `unless`, `unless_words`: none of these may appear. The
    refusal says `detail` (a template), naming `what` (a template) when given.
    """

    detail: str
    requires: tuple[tuple[str, ...], ...]
    words: tuple[str | tuple[str, ...], ...] = ()
    unless: tuple[str, ...] = ()
    unless_words: tuple[str, ...] = ()
    what: str | None = None


class ContextRule(Record):
    """How a concept reads in context ("the CPU load plays on what?" asks for the planned move's time).

    Conditions as for `Unsaid`, and `within`: when given, the question has no concept outside these. When they
    hold, `drop` is taken out of the question's concepts and `add` put in; rules apply in order.
    """

    drop: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    requires: tuple[tuple[str, ...], ...] = ()
    words: tuple[str | tuple[str, ...], ...] = ()
    unless: tuple[str, ...] = ()
    unless_words: tuple[str, ...] = ()
    within: tuple[str, ...] = ()


class OutOfScope(Record):
    """What the article is not about: named products and versions."""

    products: dict[str, tuple[str, ...]]
    names_fr: dict[str, str]  # each product group's name in French, for refusals in French
    windows_versions: tuple[str, ...]
    exchange_versions: tuple[str, ...]
    small_talk: tuple[str, ...]
    core: tuple[str, ...]  # concepts that make small talk a real question
    requests: tuple[str, ...] = ()  # asks for something else (a poem, a password reset): always declined
    #: Products that are a setting, not a topic: a statement placing the message in one puts all of it out of scope.
    platforms: tuple[str, ...] = ()


class Questions(Record):
    """The question-answering data file."""

    markers: dict[Lang, tuple[str, ...]]
    stopwords: tuple[str, ...]
    concepts: tuple[Concept, ...]
    attributes: tuple[str, ...]  # concepts that say what is asked: an answer must account for each
    out_of_scope: OutOfScope
    intents: tuple[Intent, ...]
    templates: dict[str, Text]
    unsaid: tuple[Unsaid, ...] = ()
    contexts: tuple[ContextRule, ...] = ()
    word_sets: dict[str, tuple[str, ...]] = {}  # noqa: RUF012 (never mutated)
