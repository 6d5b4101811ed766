"""The shape of the knowledge base.

Plain frozen dataclasses so that answering a question never imports pydantic
(start-up time matters in chat and scripts); `kb.validate` checks data files
against these same classes with pydantic, so there is one definition of the
schema. `__pydantic_config__` makes pydantic refuse unknown fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["en", "fr"]
OsName = Literal["windows-2000", "windows-2003"]
NlbsCondition = Literal["any", "absent", "1"]
Role = Literal["front-end", "back-end", "domain-controller"]

_STRICT = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in both languages the bot answers in."""

    __pydantic_config__ = _STRICT
    en: str
    fr: str

    def __post_init__(self) -> None:
        if not self.en.strip() or not self.fr.strip():
            raise ValueError("both 'en' and 'fr' must be non-empty")

    def get(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True, slots=True)
class Identity:
    __pydantic_config__ = _STRICT
    kind: Literal["identity"]
    number: str
    revision: str
    last_reviewed: str


@dataclass(frozen=True, slots=True)
class AppliesTo:
    __pydantic_config__ = _STRICT
    kind: Literal["applies_to"]
    products: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    __pydantic_config__ = _STRICT
    kind: Literal["related_article"]
    number: str


@dataclass(frozen=True, slots=True)
class IpsecMode:
    __pydantic_config__ = _STRICT
    kind: Literal["ipsec_mode"]
    mode: Literal["transport", "tunnel"]
    protocol: Literal["ESP", "AH"]
    cluster_types: tuple[Literal["network-load-balancing", "server-cluster"], ...]


@dataclass(frozen=True, slots=True)
class ProtocolAuth:
    __pydantic_config__ = _STRICT
    kind: Literal["protocol_auth"]
    protocols: tuple[str, ...]
    auth: tuple[str, ...]
    passwords_protected: bool


@dataclass(frozen=True, slots=True)
class Support:
    __pydantic_config__ = _STRICT
    kind: Literal["support"]
    os: OsName
    clustered: bool
    non_clustered: bool


@dataclass(frozen=True, slots=True)
class PlannedMove:
    __pydantic_config__ = _STRICT
    kind: Literal["planned_move"]
    min_seconds: int
    max_seconds: int

    def __post_init__(self) -> None:
        if not 0 < self.min_seconds <= self.max_seconds:
            raise ValueError("need 0 < min_seconds <= max_seconds")


@dataclass(frozen=True, slots=True)
class IdleTimer:
    __pydantic_config__ = _STRICT
    kind: Literal["idle_timer"]
    os: OsName
    nlbsflags: Literal["any", "set"]
    seconds: int

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise ValueError("seconds must be positive")


@dataclass(frozen=True, slots=True)
class IkeMainMode:
    __pydantic_config__ = _STRICT
    kind: Literal["ike_main_mode"]
    seconds: int

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise ValueError("seconds must be positive")


@dataclass(frozen=True, slots=True)
class Applies:
    """One (front-end OS, NLBSFlags state) combination a total covers."""

    __pydantic_config__ = _STRICT
    os: OsName
    nlbsflags: NlbsCondition


@dataclass(frozen=True, slots=True)
class UnplannedTotal:
    __pydantic_config__ = _STRICT
    kind: Literal["unplanned_total"]
    nlbsflags: bool
    idle_seconds: int
    ike_seconds: int
    total_seconds: int
    applies: tuple[Applies, ...]

    def __post_init__(self) -> None:
        if self.idle_seconds + self.ike_seconds != self.total_seconds:
            raise ValueError("total_seconds must equal idle_seconds + ike_seconds")
        if not self.applies:
            raise ValueError("applies must name at least one OS")


@dataclass(frozen=True, slots=True)
class RegistryValue:
    __pydantic_config__ = _STRICT
    kind: Literal["registry_value"]
    hive: Literal["HKEY_LOCAL_MACHINE"]
    key: str
    value_name: str
    value_type: Literal["REG_DWORD"]
    data: int
    server_role: Role


@dataclass(frozen=True, slots=True)
class PortSpec:
    __pydantic_config__ = _STRICT
    port: int
    protocol: str

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError("port must be between 1 and 65535")


@dataclass(frozen=True, slots=True)
class IpsecPolicy:
    __pydantic_config__ = _STRICT
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


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of the article, with where it says so."""

    __pydantic_config__ = _STRICT
    id: str
    section: str
    text: Text
    quote: str
    data: FactData | None = None


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    __pydantic_config__ = _STRICT
    number: str
    title: Text
    revision: str
    last_reviewed: str


@dataclass(frozen=True, slots=True)
class Article:
    """The article file: identity, section names and facts."""

    __pydantic_config__ = _STRICT
    article: ArticleInfo
    sections: dict[str, Text]
    facts: tuple[Fact, ...]


# --- the question-answering data (questions.yaml) -------------------------


@dataclass(frozen=True, slots=True)
class Concept:
    """Words and phrases, in either language, that mean one thing."""

    __pydantic_config__ = _STRICT
    id: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Intent:
    """A kind of question and how to answer it.

    `requires` is a conjunction of alternatives: every group must have at
    least one of its concepts in the question. `signals` weigh the choice
    between intents that qualify. The answer is either the listed facts, a
    computation (`compute`) over the question's slots, or — for things the
    article leaves open — the `gap` message with `answered: false`.
    """

    __pydantic_config__ = _STRICT
    id: str
    requires: tuple[tuple[str, ...], ...]
    signals: dict[str, float] = field(default_factory=dict)
    facts: tuple[str, ...] = ()
    compute: str | None = None
    gap: Text | None = None

    def __post_init__(self) -> None:
        if sum(x is not None and x != () for x in (self.facts or None, self.compute, self.gap)) != 1:
            raise ValueError("an intent needs exactly one of facts, compute or gap")
        if not self.requires:
            raise ValueError("requires must have at least one group")


@dataclass(frozen=True, slots=True)
class OutOfScope:
    """What the article is not about: named products and versions."""

    __pydantic_config__ = _STRICT
    products: dict[str, tuple[str, ...]]
    windows_versions: tuple[str, ...]
    exchange_versions: tuple[str, ...]
    small_talk: tuple[str, ...]
    core: tuple[str, ...]  # concepts that make small talk a real question


@dataclass(frozen=True, slots=True)
class Questions:
    """The question-answering data file."""

    __pydantic_config__ = _STRICT
    markers: dict[Lang, tuple[str, ...]]
    stopwords: tuple[str, ...]
    concepts: tuple[Concept, ...]
    out_of_scope: OutOfScope
    intents: tuple[Intent, ...]
    templates: dict[str, Text]
