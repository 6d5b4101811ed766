"""Host and group names as people type them, and "did you mean" for typos.

`FE01`, `fe01.corp.example` (an auto-linked FQDN), the host's address, or
`tous` all name an inventory entry; the canonical inventory name is what the
services get. A name that matches nothing gets the closest names offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kb.text import distance
from remote.inventory import Inventory

SUGGEST_FOR = 5  # unknown names that get suggestions (the reply names no more than that)
ALL_WORDS = frozenset({"all", "tous", "toutes", "tout", "*"})
COMMANDS = ("check", "set", "delete", "enable", "disable", "revert", "approve", "deny", "cancel", "history",
            "change", "help", "whoami", "reconcile", "vérifier", "approuver", "refuser", "annuler",
            "historique", "aide", "activer", "désactiver", "rétablir")


class Resolved(NamedTuple):
    names: tuple[str, ...]
    unknown: tuple[str, ...]
    suggestions: dict[str, list[str]]


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Candidates within a small edit distance of `word` (1 for short words, 2 from 6 letters)."""
    word = word.lower()[:64]
    allowed = 1 if len(word) < 6 else 2
    scored = []
    for c in candidates:
        if abs(len(c) - len(word)) > allowed:
            continue
        d = distance(word, c.lower())
        if 0 < d <= allowed:
            scored.append((d, c))
    return [c for _, c in sorted(scored)[:limit]]


def _index(inventory: Inventory) -> dict[str, str]:
    index: dict[str, str] = {}
    for name in inventory.groups:
        index.setdefault(name.lower(), name)
    addresses: dict[str, list[str]] = {}
    for name, host in inventory.hosts.items():
        index[name.lower()] = name
        addresses.setdefault(host.address.lower(), []).append(name)
    for address, holders in addresses.items():
        if len(holders) == 1:  # an address shared by several inventory entries names none of them
            index.setdefault(address, holders[0])
    return index


def resolve(inventory: Inventory, typed: Sequence[str]) -> Resolved:
    index = _index(inventory)
    names: list[str] = []
    unknown: list[str] = []
    for word in typed:
        key = word.lower().rstrip(".")
        if key in ALL_WORDS:
            names.append("all")
        elif key in index:
            names.append(index[key])
        elif "." in key and key.split(".", 1)[0] in index:  # fe01.corp.example for the host fe01
            names.append(index[key.split(".", 1)[0]])
        else:
            unknown.append(word)
    candidates = list(inventory.hosts) + list(inventory.groups)
    suggestions = {u: closest(u.split(".", 1)[0], candidates) for u in unknown[:SUGGEST_FOR]}
    return Resolved(tuple(dict.fromkeys(names)), tuple(unknown), suggestions)


def command_suggestion(first_word: str) -> str | None:
    """The command a mistyped first word most likely meant (`chekc` → `check`), if any."""
    if len(first_word) < 3 or first_word.lower() in COMMANDS:
        return None
    found = closest(first_word, COMMANDS, limit=1)
    return found[0] if found else None
