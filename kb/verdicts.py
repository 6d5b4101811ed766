"""Settling a yes/no question from the article's data, per kind of question.

Each verdict reads what the question proposes (an OS, a server role, a value,
a duration, a protocol) and compares it with the facts the answer relies on.
None means the data cannot settle it: the answer then states the facts
without a Yes or a No rather than guess one. Named in `questions.yaml` by
`verdict:`; `kb.validate` checks the names.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.answers import Context, Reply
from kb.failover import NotCovered, estimates
from kb.model import RegistryValue, Support

_CLEAR = frozenset({"clear", "clair", "plain", "plaintext", "cleartext", "unencrypted", "exposed", "exposes",
                    "visible", "captured", "sniffed", "sniff"})
_EFFECT = frozenset({"shorten", "shortens", "reduce", "reduces", "speed", "speeds", "faster", "quicker", "help",
                     "helps", "improve", "improves", "accelerate", "accelerates", "accelere", "accelerer", "reduit",
                     "reduire", "raccourcit", "raccourcir", "aide", "ameliore", "change", "changes", "affect",
                     "affects", "matter", "matters", "influence", "effect", "effet", "diminue", "diminuer"})


def supported(ctx: Context, reply: Reply) -> bool | None:
    os = ctx.slots.os or "windows-2003"
    data = next((f.data for f in ctx.kb.article.facts if isinstance(f.data, Support) and f.data.os == os), None)
    if data is None:
        return None
    if "standalone" in ctx.concepts:
        return data.non_clustered
    if {"cluster", "nlb"} & ctx.concepts:
        return data.clustered
    return data.non_clustered or data.clustered


def front_end(ctx: Context, reply: Reply) -> bool | None:
    roles = {f.data.server_role for f in ctx.kb.article.facts if isinstance(f.data, RegistryValue)}
    asked_front = "frontend" in ctx.concepts
    asked_back = bool({"backend", "node", "cluster"} & ctx.concepts)
    if asked_front == asked_back:
        return None
    return ("front-end" in roles) == asked_front


def value(ctx: Context, reply: Reply) -> bool | None:
    data = {f.data.data for f in ctx.kb.article.facts if isinstance(f.data, RegistryValue)}
    asked = ctx.slots.nlbsflags if ctx.slots.nlbsflags not in (None, "absent") else None
    asked = asked or next(iter(ctx.slots.numbers), None)
    if asked is None or not asked.isdigit():
        return None
    return int(asked) in data


def failover(ctx: Context, reply: Reply) -> bool | None:
    s = ctx.slots
    if s.durations:
        try:
            found = estimates(ctx.kb, os=s.os, nlbsflags=s.nlbsflags, planned=bool(ctx.planned))
        except NotCovered:
            return None
        if len(found) != 1:
            return None
        return all(found[0].min_seconds <= d <= found[0].max_seconds for d in s.durations)
    if "nlbsflags" in ctx.concepts and _EFFECT & ctx.words and not ctx.planned:
        return s.os != "windows-2000"
    return None


def no_ssl(ctx: Context, reply: Reply) -> bool | None:
    return bool(_CLEAR & ctx.words or {"basic_auth"} & ctx.concepts)


def basic_only(ctx: Context, reply: Reply) -> bool | None:
    if _CLEAR & ctx.words or "basic_auth" in ctx.concepts:
        return True
    if {"kerberos", "ntlm", "password", "encrypt"} & ctx.concepts or "protected" in ctx.words:
        return False
    return None


def integrated(ctx: Context, reply: Reply) -> bool | None:
    if "basic_auth" in ctx.concepts or _CLEAR & ctx.words:
        return False
    if {"kerberos", "ntlm", "password", "encrypt"} & ctx.concepts or "protected" in ctx.words:
        return True
    return None


def affirm(ctx: Context, reply: Reply) -> bool | None:
    """The article recommends what is asked about (a backup, a reason, a policy)."""
    return True if reply.facts else None


def transport(ctx: Context, reply: Reply) -> bool | None:
    if {"tunnel", "ah"} & ctx.words:
        return False if {"transport", "esp"} & ctx.words else None
    return True


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
}
