"""Answers computed from the question's slots rather than listed in the data.

Each computation returns the facts it relies on and, when the facts' own
sentences are not the best answer, a sentence built from templates. Named
in `questions.yaml` by `compute:`; `kb.validate.COMPUTE_NAMES` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kb.failover import Estimate, NotCovered, estimates
from kb.model import IpsecPolicy, Lang, RelatedArticle
from kb.slots import Slots
from kb.store import KnowledgeBase


class Reply(NamedTuple):
    facts: tuple[str, ...]
    text: str | None = None  # None: the facts' own sentences are the answer


class Context(NamedTuple):
    kb: KnowledgeBase
    slots: Slots
    concepts: frozenset[str]
    lang: Lang

    def t(self, key: str, **values: object) -> str:
        template = self.kb.questions.templates[key].get(self.lang)
        return template.format(**values) if values else template

    def duration(self, seconds: int) -> str:
        if seconds % 60 == 0:
            n = seconds // 60
            return self.t("minute" if n == 1 else "minutes", n=n)
        return self.t("seconds", n=seconds)

    def os_name(self, os: str) -> str:
        key = f"os.{os}"
        return self.t(key) if key in self.kb.questions.templates else os

    @property
    def planned(self) -> bool | None:
        planned, unplanned = "planned" in self.concepts, "unplanned" in self.concepts
        return planned if planned != unplanned else None


def _unplanned_sentence(ctx: Context, e: Estimate) -> str:
    state = {"1": "state_set", "absent": "state_absent"}.get(e.nlbsflags or "", "state_any")
    assert e.idle_seconds is not None and e.ike_seconds is not None
    text = ctx.t(
        "failover_unplanned",
        os=ctx.os_name(e.os) if e.os else "Windows",
        state=ctx.t(state),
        total=ctx.duration(e.min_seconds),
        idle=ctx.duration(e.idle_seconds),
        ike=ctx.duration(e.ike_seconds),
    )
    return text + (" " + ctx.t("windows2000_flag") if e.nlbsflags_irrelevant else "")


def failover(ctx: Context) -> Reply:
    s = ctx.slots
    planned = ctx.planned
    if planned is None and s.os is None and s.nlbsflags is None:
        found = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)
        found += estimates(ctx.kb, os=None, nlbsflags=None, planned=False)
        p, default, fast = found[0], found[1], found[-1]
        assert default.idle_seconds and default.ike_seconds and fast.idle_seconds
        text = ctx.t(
            "failover_overview", min=p.min_seconds, max=p.max_seconds,
            default_total=ctx.duration(default.min_seconds),
            default_idle=ctx.duration(default.idle_seconds),
            ike=ctx.duration(default.ike_seconds),
            fast_total=ctx.duration(fast.min_seconds),
            fast_idle=ctx.duration(fast.idle_seconds),
        )
        facts = tuple(dict.fromkeys(f for e in found for f in e.facts))
        return Reply(facts, f"{text} {ctx.t('exchange_on_top')}")
    found = estimates(ctx.kb, os=s.os, nlbsflags=s.nlbsflags, planned=bool(planned))
    if planned:
        e = found[0]
        text = ctx.t("failover_planned", min=e.min_seconds, max=e.max_seconds)
    else:
        text = " ".join(_unplanned_sentence(ctx, e) for e in found)
    facts = tuple(dict.fromkeys(f for e in found for f in e.facts))
    return Reply(facts, f"{text} {ctx.t('exchange_on_top')}")


def failover_process(ctx: Context) -> Reply:
    planned = ctx.planned
    steps = ("planned.steps", "planned.timing")
    crash = ("unplanned.scenario", "unplanned.total_default", "unplanned.total_nlbsflags")
    if planned is True:
        return Reply(steps)
    if planned is False:
        return Reply(crash)
    return Reply(steps + crash)


def idle_timer(ctx: Context) -> Reply:
    by_os = {"windows-2000": ("unplanned.idle_windows2000",),
             "windows-2003": ("unplanned.idle_windows2003",)}
    if ctx.slots.os == "windows-2003" and ctx.slots.nlbsflags == "absent":
        return Reply(("unplanned.total_default",))
    return Reply(by_os.get(ctx.slots.os or "", by_os["windows-2000"] + by_os["windows-2003"]))


def support(ctx: Context) -> Reply:
    os = ctx.slots.os
    if os == "windows-2000":
        clustered = bool({"cluster", "nlb"} & ctx.concepts)
        return Reply(("support.windows2000",) + (("related.306677", "related.248346") if clustered else ()))
    if os == "windows-2003":
        return Reply(("support.windows2003", "summary.supported"))
    return Reply(("summary.supported", "support.windows2003", "support.windows2000"))


_PROTOCOL_CONCEPTS = {"pop3": "POP3", "imap4": "IMAP4", "http": "HTTP", "ldap": "LDAP",
                      "rpc": "RPC", "kerberos": "Kerberos", "gc": "LDAP-GC"}


def policies(ctx: Context) -> Reply:
    policy_facts = [(f.id, f.data) for f in ctx.kb.article.facts if isinstance(f.data, IpsecPolicy)]
    chosen: list[str] = []
    missing: list[int] = []
    for port in ctx.slots.ports:
        hits = [fid for fid, policy in policy_facts if any(p.port == port for p in policy.ports)]
        if hits:
            chosen += hits[:1]  # the narrowest policy naming that port
        else:
            missing.append(port)
    wanted = {name for concept, name in _PROTOCOL_CONCEPTS.items() if concept in ctx.concepts}
    if "dc" in ctx.concepts:
        wanted.add("LDAP")
    if "message_flow" in ctx.concepts:
        chosen += [fid for fid, policy in policy_facts if policy.number == 2]
    for fid, policy in policy_facts:
        if wanted & set(policy.protocols):
            chosen.append(fid)
            if {"pop3", "imap4"} & ctx.concepts and "password" in ctx.concepts:
                break  # passwords: policy 1 is the answer
    if not chosen and not missing and "other_protocol" in ctx.concepts:
        raise NotCovered("detail_port", "that protocol")
    if missing and not chosen:
        raise NotCovered("detail_port", ", ".join(map(str, missing)))
    if not chosen:
        chosen = [fid for fid, _ in policy_facts]
    facts = tuple(dict.fromkeys(chosen))
    if missing:
        joined = " ".join(ctx.kb.facts[f].text.get(ctx.lang) for f in facts)
        return Reply(facts, f"{joined} {ctx.t('port_not_named', what=', '.join(map(str, missing)))}")
    return Reply(facts)


def related(ctx: Context) -> Reply:
    articles = {f.data.number: f.id for f in ctx.kb.article.facts if isinstance(f.data, RelatedArticle)}
    asked = [articles[n] for n in ctx.slots.numbers if n in articles]
    return Reply(tuple(asked) if asked else tuple(articles.values()))


COMPUTE: dict[str, Callable[[Context], Reply]] = {
    "failover": failover,
    "failover_process": failover_process,
    "idle_timer": idle_timer,
    "support": support,
    "policies": policies,
    "related": related,
}

__all__ = ["COMPUTE", "Context", "NotCovered", "Reply"]
