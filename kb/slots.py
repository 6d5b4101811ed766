"""What a question is specifically about: OS, NLBSFlags state, ports, versions.

Concepts say what kind of question it is; slots carry the particulars that
an answer is computed from ("2003 front-end with NLBSFlags=1").
"""

from __future__ import annotations

from typing import NamedTuple

from kb.lexicon import Match
from kb.model import OutOfScope

_COMPACT_OS = {
    "win2k": "windows-2000", "w2k": "windows-2000", "win2000": "windows-2000",
    "w2000": "windows-2000", "win2k3": "windows-2003", "w2k3": "windows-2003",
    "win2003": "windows-2003", "w2003": "windows-2003", "2k3": "windows-2003",
}
_OS_WORDS = frozenset({"windows", "win", "os", "w"})
_EXCHANGE_WORDS = frozenset({"exchange", "exch"})
_FILLER = frozenset({"server", "serveur", "r2", "sp1", "sp2", "edition", "enterprise", "standard"})
_NEGATIONS = frozenset({"without", "sans", "not", "no", "absent", "missing", "unset", "manquant",
                        "pas", "never", "jamais", "disabled", "desactive", "removed", "supprime",
                        "off", "none", "aucun", "aucune", "before", "avant", "isn"})
_POSITIVES = frozenset({"with", "avec", "set", "enabled", "active", "activated", "activee",
                        "defined", "defini", "definie", "on", "after", "apres", "once", "is",
                        "fast"})
_MAX_FILLER = 4  # "server r2 enterprise edition"; bounded so a run of filler words costs linear time
_MAX_PORT_DIGITS = 5
_VALUE_FILLER = frozenset({"to", "a", "at", "set", "is", "equals", "equal", "value", "vaut",
                           "egal", "est", "de", "of", "="})
_LIST_WORDS = frozenset({"and", "et", "or", "ou", "tcp", "udp", "port", "ports"})


class Slots(NamedTuple):
    os: str | None = None              # "windows-2000" | "windows-2003"
    other_os: str | None = None        # a Windows the article does not cover
    other_exchange: str | None = None  # an Exchange the article does not cover
    nlbsflags: str | None = None       # "1" | "absent" | another value, as text
    ports: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()      # bare numbers (article numbers, values)


def _preceded_by(tokens: list[str], i: int, words: frozenset[str]) -> bool:
    j = i - 1
    while j >= max(0, i - _MAX_FILLER) and tokens[j] in _FILLER:
        j -= 1
    return j >= 0 and tokens[j] in words


def _versions(tokens: list[str], oos: OutOfScope) -> tuple[str | None, str | None, str | None, set[int]]:
    os = other_os = other_exchange = None
    used: set[int] = set()
    win_versions = frozenset(oos.windows_versions)
    exch_versions = frozenset(oos.exchange_versions)
    for i, tok in enumerate(tokens):
        if tok in _COMPACT_OS:
            os = os or _COMPACT_OS[tok]
            used.add(i)
        elif tok.startswith(("win2k", "w2k")) or tok in ("2k8", "2k12"):
            other_os = other_os or tok
            used.add(i)
        elif _preceded_by(tokens, i, _EXCHANGE_WORDS):
            if tok in exch_versions:
                other_exchange = other_exchange or f"Exchange {tok}"
            if tok.isdigit() or tok in exch_versions:
                used.add(i)
        elif _preceded_by(tokens, i, _OS_WORDS) or tok in ("2000", "2003"):
            if tok in ("2000", "2003"):
                os = os or f"windows-{tok}"
                used.add(i)
            elif tok in win_versions:
                other_os = other_os or f"Windows {tok}"
                used.add(i)
        elif tok.isdigit() and len(tok) == 4 and tok in win_versions | exch_versions:
            other_os = other_os or f"version {tok}"
            used.add(i)
    return os, other_os, other_exchange, used


def _is_port(token: str) -> bool:
    return len(token) <= _MAX_PORT_DIGITS and 0 < int(token) < 65536


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
    for i, tok in enumerate(tokens):
        if (tok.isdigit() and _is_port(tok) and i + 1 < len(tokens) and tokens[i + 1] in ("tcp", "udp")
                and i not in used):
            ports.append(int(tok))
            used.add(i)
    return ports


def _nlbsflags(tokens: list[str], matches: list[Match], used: set[int]) -> str | None:
    spans = [m for m in matches if "nlbsflags" in m.concepts]
    if not spans:
        return None
    span = spans[0]
    j = span.end
    while j < len(tokens) and j < span.end + 4 and tokens[j] in _VALUE_FILLER:
        j += 1
    if j < len(tokens) and tokens[j].isdigit() and j not in used:
        used.add(j)
        digits = tokens[j].lstrip("0") or "0"  # no int(): a chat message may hold a 40,000-digit "number"
        return digits if len(digits) <= 10 else digits[:10] + "…"
    if tokens[span.start:span.end] == ["fast", "failover"]:
        return "1"
    window = tokens[max(0, span.start - 4) : span.end + 4]
    if any(t in _NEGATIONS for t in window):
        return "absent"
    if any(t in _POSITIVES for t in window):
        return "1"
    return None


def extract(tokens: list[str], matches: list[Match], oos: OutOfScope) -> Slots:
    os, other_os, other_exchange, used = _versions(tokens, oos)
    ports = _ports(tokens, used)
    nlbs = _nlbsflags(tokens, matches, used)
    numbers = tuple(t for i, t in enumerate(tokens) if t.isdigit() and i not in used)
    return Slots(os, other_os, other_exchange, nlbs, tuple(dict.fromkeys(ports)), numbers)
