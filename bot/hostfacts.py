"""What each host says it runs, remembered in the database for every instance.

A check judges NLBSFlags by the OS (KB 821839's 1-minute idle timer is a
Windows Server 2003 behaviour), and the inventory's `oakley_os` can be
wrong, so a check asks the host (remote/hostos.py). Asking costs six more
HTTP requests (two more reg queries in the same shell), and a check's budget
is six in all (issue 13), so the answer is kept in `host_facts` and asked
again only when older than OAKLEY_OS_MAX_AGE (24h by default; `0`: every
check). Every instance on the database shares it: the first check of a host
pays for the OS read, the following ones, from any process, do not.

A reading the host could not give (access denied, no such value, output
that does not parse, a version Oakley does not know) is remembered too, so
an unreadable host does not cost the extra requests at every check; a
dropped connection or a timeout is not (the next check tries again).
Whenever the host's OS is not known the inventory's is used, and the view
says so and why.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, NamedTuple

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import HostFact
from bot.durations import parse_duration
from remote.hostos import HostOS
from remote.inventory import Host

log = logging.getLogger("oakley.hostfacts")
DEFAULT_MAX_AGE = "24h"
_CHUNK = 500  # hosts per IN (…): far below SQLite's variable limit

_REASONS = {
    "access_denied": "access denied",
    "parse_error": "reg.exe output Oakley could not read",
    "absent": "no CurrentVersion value",
    "unrecognised": "a version Oakley does not know",
    "command_failed": "reg.exe failed",
    "timeout": "timed out",
    "unreachable": "connection lost",
}


def parse_max_age(text: str) -> timedelta:
    """OAKLEY_OS_MAX_AGE: a duration like 24h, or `0` to read the OS at every check."""
    if text.strip() == "0":
        return timedelta(0)
    return parse_duration(text)


class Known(NamedTuple):
    os: HostOS
    read_at: datetime


class OSView(NamedTuple):
    """A host's OS for one check: what the host said, what the inventory says, and which one counts."""

    reported: str | None
    version: str | None
    product: str | None
    inventory: str | None
    source: Literal["host", "inventory"]
    mismatch: bool
    reason: str | None  # why the inventory's is used
    read_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"reported": self.reported, "version": self.version, "product": self.product,
                "inventory": self.inventory, "source": self.source, "mismatch": self.mismatch,
                "reason": self.reason, "read_at": self.read_at.isoformat() if self.read_at else None}

    def judged(self, host: Host) -> Host:
        """The host as the estimate should see it: with the OS it reported, when known."""
        return host.model_copy(update={"os": self.reported}) if self.source == "host" else host

    def note(self) -> str | None:
        """What a reply adds about the OS: a mismatch, or that the inventory was used and why."""
        if self.source == "host":
            if not self.mismatch:
                return None
            said = ", ".join(p for p in (self.version, self.product) if p)
            return (f"the host reports {self.reported}{f' ({said})' if said else ''} but the inventory says "
                    f"{self.inventory or 'nothing'}: the estimate uses the host's")
        return f"OS from the inventory ({self.inventory or 'none given'}): {self.reason}"

    def cell(self) -> str:
        """The CLI table's OS column."""
        if self.source == "host":
            return f"{self.reported} (inventory: {self.inventory or '?'})!" if self.mismatch else str(self.reported)
        return f"{self.inventory or '?'} (inventory)"


def view(host: Host, known: Known | HostOS | None, now: datetime | None = None) -> OSView:
    """Combine what the host said (if anything) with the inventory."""
    found, at = (known.os, known.read_at) if isinstance(known, Known) else (known, now)
    if found is not None and found.name is not None:
        mismatch = host.os is not None and host.os != found.name
        return OSView(found.name, found.version, found.product, host.os, "host", mismatch, None, at)
    if found is None:
        reason = "the host's OS has not been read yet"
    else:
        why = _REASONS.get(found.error_kind or "", (found.error_kind or "unknown").replace("_", " "))
        if found.error_kind == "unrecognised" and found.version:
            why = f"version {found.version} is not one Oakley knows"
        reason = f"the host's could not be read ({why})"
    return OSView(None, found.version if found else None, found.product if found else None, host.os,
                  "inventory", False, reason, at if found else None)


class HostFacts:
    """The OS each host reported, with when; in the database (shared), or in memory when there is none."""

    def __init__(self, sessions: sessionmaker[Session] | None, max_age: timedelta,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.sessions = sessions
        self.max_age = max_age
        self.clock = clock
        self._memory: dict[str, Known] = {}
        self._lock = threading.Lock()

    def known(self, names: Iterable[str]) -> dict[str, Known]:
        wanted = list(dict.fromkeys(names))
        if self.sessions is None:
            with self._lock:
                return {n: self._memory[n] for n in wanted if n in self._memory}
        found: dict[str, Known] = {}
        with self.sessions() as s:
            s.connection(execution_options={"sqlite_read_only": True})  # a snapshot, not SQLite's write lock
            for start in range(0, len(wanted), _CHUNK):
                rows = s.execute(select(HostFact).where(HostFact.host.in_(wanted[start:start + _CHUNK]))).scalars()
                for r in rows:
                    found[r.host] = Known(HostOS(r.os_name, r.os_version, r.os_product, r.os_error_kind, r.os_error),
                                          r.read_at)
        return found

    def due(self, hosts: Sequence[Host]) -> frozenset[str]:
        """The hosts whose OS a check should read now: never read, or read longer ago than the max age."""
        if self.max_age <= timedelta(0):
            return frozenset(h.name for h in hosts)
        oldest = self.clock() - self.max_age
        known = self.known(h.name for h in hosts)
        return frozenset(h.name for h in hosts if h.name not in known or known[h.name].read_at <= oldest)

    def record(self, found: dict[str, HostOS]) -> None:
        """Remember what hosts said (definitive answers only; last writer wins, any instance)."""
        rows = [(name, os) for name, os in found.items() if os.definitive]
        if not rows:
            return
        now = self.clock()
        if self.sessions is None:
            with self._lock:
                self._memory.update({name: Known(os, now) for name, os in rows})
            return
        with self.sessions.begin() as s:
            dialect = s.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            for name, os in rows:
                values = {"os_name": os.name, "os_version": os.version, "os_product": os.product,
                          "os_error_kind": os.error_kind, "os_error": (os.error or "")[:300] or None, "read_at": now}
                s.execute(insert(HostFact).values(host=name, **values)
                          .on_conflict_do_update(index_elements=[HostFact.host], set_=values))


def cached_view(session: Session, host: Host) -> OSView:
    """The OS view from what is remembered, without asking the host (the guidance of a request)."""
    row = session.get(HostFact, host.name)
    if row is None:
        return view(host, None)
    return view(host, Known(HostOS(row.os_name, row.os_version, row.os_product, row.os_error_kind, row.os_error),
                            row.read_at))
