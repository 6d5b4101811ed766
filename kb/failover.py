"""How long IPSec takes to recover after a back-end failover, per KB 821839.

Every number comes from the article's facts; a combination the article does
not describe raises `NotCovered` instead of being guessed.
"""

from __future__ import annotations

from kb.model import Applies, IdleTimer, IkeMainMode, PlannedMove, UnplannedTotal
from kb.record import Record
from kb.store import KnowledgeBase

EXCHANGE_ON_TOP = "summary.failover_time"


class NotCovered(Exception):
    """The article does not describe this case; `reason` names the template."""

    def __init__(self, reason: str, what: str) -> None:
        super().__init__(f"{reason}: {what}")
        self.reason = reason
        self.what = what


class Estimate(Record):
    """The expected IPSec re-establishment time and where it comes from."""

    planned: bool
    os: str | None
    nlbsflags: str | None
    min_seconds: int
    max_seconds: int
    idle_seconds: int | None
    ike_seconds: int | None
    facts: tuple[str, ...]
    nlbsflags_irrelevant: bool = False  # e.g. Windows 2000: the 1-minute timer is a 2003 behaviour


def nlbsflags_state(present: bool, value: int | None) -> str:
    """The registry as read ("absent", "1", or the other value) in the calculator's terms."""
    if not present or value is None:
        return "absent"
    return "1" if value == 1 else str(value)


def covered_oses(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(
        a.os for f in kb.article.facts if isinstance(f.data, UnplannedTotal) for a in f.data.applies
    )


def _matches(cond: Applies, os: str | None, nlbsflags: str | None) -> bool:
    if os is None and nlbsflags is not None:
        # Asked about a flag state on no OS in particular: answer for the OS
        # where the article ties the time to that state, not where it ignores it.
        return cond.nlbsflags == nlbsflags
    return (os is None or cond.os == os) and (
        nlbsflags is None or cond.nlbsflags in ("any", nlbsflags)
    )


def estimates(
    kb: KnowledgeBase, *, os: str | None, nlbsflags: str | None, planned: bool
) -> list[Estimate]:
    """All the article's answers for what is known (None = not known).

    One estimate when the case is fully determined; several (e.g. with and
    without NLBSFlags) when the question leaves it open.
    """
    if os is not None and os not in covered_oses(kb):
        raise NotCovered("detail_product", os)
    if planned:
        fact = next(f for f in kb.article.facts if isinstance(f.data, PlannedMove))
        assert isinstance(fact.data, PlannedMove)
        return [Estimate(True, os, nlbsflags, fact.data.min_seconds, fact.data.max_seconds,
                         None, None, (fact.id, EXCHANGE_ON_TOP))]
    ike = next(f for f in kb.article.facts if isinstance(f.data, IkeMainMode))
    found: list[Estimate] = []
    for fact in kb.article.facts:
        total = fact.data
        if not isinstance(total, UnplannedTotal):
            continue
        conds = [a for a in total.applies if _matches(a, os, nlbsflags)]
        if not conds:
            continue
        cond_os = os if os is not None else (conds[0].os if len({a.os for a in conds}) == 1 else None)
        idle = [
            f.id for f in kb.article.facts
            if isinstance(f.data, IdleTimer) and f.data.seconds == total.idle_seconds
            and (cond_os is None or f.data.os == cond_os)
        ]
        found.append(Estimate(
            planned=False,
            os=cond_os,
            nlbsflags=nlbsflags if nlbsflags is not None else ("1" if total.nlbsflags else "absent"),
            min_seconds=total.total_seconds,
            max_seconds=total.total_seconds,
            idle_seconds=total.idle_seconds,
            ike_seconds=total.ike_seconds,
            facts=(fact.id, *idle, ike.id, EXCHANGE_ON_TOP),
            nlbsflags_irrelevant=nlbsflags == "1" and all(a.nlbsflags == "any" for a in conds),
        ))
    if not found:
        if nlbsflags not in (None, "1", "absent"):
            raise NotCovered("detail_nlbs_value", nlbsflags)
        raise NotCovered("detail_product", os or "this case")
    return found


def estimate(kb: KnowledgeBase, *, os: str, nlbsflags: str, planned: bool = False) -> Estimate:
    """The single answer for a known host (as the remote check reads it)."""
    found = estimates(kb, os=os, nlbsflags=nlbsflags, planned=planned)
    if len(found) != 1:  # the data gives two answers for one case: a data error
        raise NotCovered("detail_product", f"{os} with NLBSFlags {nlbsflags}")
    return found[0]


def with_and_without(kb: KnowledgeBase, os: str) -> tuple[Estimate, Estimate]:
    """An unplanned failover on `os` without NLBSFlags and with it set to 1: what the flag changes."""
    return (estimates(kb, os=os, nlbsflags="absent", planned=False)[0],
            estimates(kb, os=os, nlbsflags="1", planned=False)[0])
