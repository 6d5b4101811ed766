"""How many things an answer lists ("how many steps?", "combien de protocoles ?"), counted from the facts.

A count is never written in the data: it is read off the facts an answer cites
(the steps of a procedure, the ports or protocols of a policy, the products the
article applies to), so it cannot drift from what the answer itself says.
"""

from __future__ import annotations

import re

from kb.model import AppliesTo, Fact, IpsecPolicy, Listing

_NUMBERED = re.compile(r"\b\d\)")
_HOW_MANY = frozenset({"combien", "many", "number", "nombre", "count", "compte", "total"})


def chosen(listings: tuple[Listing, ...], tokens: tuple[str, ...], concepts: frozenset[str]) -> Listing | None:
    """The listing whose things the question counts: the one named first after "how many" ("combien d'éléments
    de trafic la troisième stratégie…" counts kinds of traffic, not strategies)."""
    start = next((i for i, t in enumerate(tokens) if t in _HOW_MANY), 0)
    best: tuple[int, Listing] | None = None
    for listing in listings:
        if listing.when is not None and listing.when not in concepts:
            continue
        at = next((i for i, t in enumerate(tokens[start:]) if t in listing.nouns), None)
        if at is not None and (best is None or at < best[0]):
            best = (at, listing)
    return best[1] if best else None


def counted(listing: Listing, facts: list[Fact]) -> int | None:
    """The number of things `facts` list, or None when the answer does not list one set of them."""
    if listing.by == "reasons":
        return sum(1 for f in facts if f.id.startswith("reasons.")) or None
    if listing.by == "policies":
        return sum(1 for f in facts if isinstance(f.data, IpsecPolicy)) or None
    if len(facts) != 1 and listing.by in ("ports", "protocols"):
        policies = [f for f in facts if isinstance(f.data, IpsecPolicy)]
        if len(policies) > 1 and listing.by == "ports":  # "how many different ports in all the policies?"
            return len({p.port for f in policies if isinstance(f.data, IpsecPolicy) for p in f.data.ports}) or None
        if len(policies) != 1:
            return None  # several policies: each has its own protocols
        facts = policies
    for fact in facts:
        data = fact.data
        if listing.by == "ports" and isinstance(data, IpsecPolicy):
            return len(data.ports) or None
        if listing.by == "protocols" and isinstance(data, IpsecPolicy):
            return len(data.protocols)
        if listing.by == "products" and isinstance(data, AppliesTo):
            return len(data.products)
        if listing.by == "numbered" and (found := len(_NUMBERED.findall(fact.text.en))) > 1:
            return found
        if listing.by == "clauses" and ":" in fact.text.en:
            return len(fact.text.en.split(":", 1)[1].split(";"))
    return None
