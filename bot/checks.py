"""Reading NLBSFlags across hosts and saying what the article makes of it.

Joins the remote layer (what the registry holds) with the KB (whether that
is what KB 821839 asks for on this host, and how long IPSec would take to
recover after an unplanned back-end failover with that value). The OS the
estimate uses is the one the host reports when it is known (bot/hostfacts.py),
else the inventory's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from bot.hostfacts import HostFacts, OSView, view
from kb.failover import NotCovered, estimate, nlbsflags_state
from kb.model import IdleTimer
from kb.model import RegistryValue as KBRegistryValue
from kb.store import KnowledgeBase
from remote.errors import RemoteError
from remote.fleet import Outcome, run_fleet
from remote.fleet_processes import process_count, read_hosts_in_processes
from remote.hostos import OS_VALUES, HostOS, HostRead, read_host
from remote.inventory import Host
from remote.regexe import Allowlist, RegistryValue, RegRead, data_text
from remote.winrm_client import Credentials, Timeouts, WinRMClient, resolve_credentials

_HIVES = {"HKEY_LOCAL_MACHINE": "HKLM"}
log = logging.getLogger("oakley.checks")
T = TypeVar("T")


def registry_rule(kb: KnowledgeBase) -> KBRegistryValue:
    """The registry setting the article prescribes (NLBSFlags = 1 on the front-end)."""
    return next(f.data for f in kb.article.facts if isinstance(f.data, KBRegistryValue))


def nlbsflags_value(kb: KnowledgeBase) -> RegistryValue:
    rule = registry_rule(kb)
    return RegistryValue(f"{_HIVES[rule.hive]}\\{rule.key}", rule.value_name)


def allowlist(kb: KnowledgeBase) -> Allowlist:
    """Only the values the KB names may be read or written."""
    return Allowlist({nlbsflags_value(kb)})


def read_allowlist(kb: KnowledgeBase) -> Allowlist:
    """What a check may read: the KB's value and the Windows version (CurrentVersion, ProductName).

    A separate list, so the version values can never reach a `reg add` or `reg delete`: writes are
    built from `allowlist` only.
    """
    return Allowlist({nlbsflags_value(kb), *OS_VALUES})


class Verdict(NamedTuple):
    compliant: bool | None
    expected_unplanned_failover_s: int | None
    note: str


def about(seconds: int) -> str:
    """`about 2 minutes`, as people say it."""
    return f"about {seconds // 60} minute{'s' if seconds != 60 else ''}" if seconds % 60 == 0 else f"{seconds} s"


def shorter_timer_oses(kb: KnowledgeBase) -> frozenset[str]:
    """The OSes on which the article ties the 1-minute idle timer to NLBSFlags."""
    return frozenset(f.data.os for f in kb.article.facts if isinstance(f.data, IdleTimer) and f.data.nlbsflags == "set")


def verdict(kb: KnowledgeBase, host: Host, read: RegRead) -> Verdict:
    """What KB 821839 says about this value on this host."""
    rule = registry_rule(kb)
    if host.role != rule.server_role:
        role = host.role or "role unknown"
        return Verdict(None, None, f"{role}: KB 821839 sets {rule.value_name} on {rule.server_role} servers only")
    rule_oses = shorter_timer_oses(kb)
    if read.present and read.type != "REG_DWORD":
        found = describe_value(True, None, read.type, data_text(read))
        article = f"the article's value is the number {rule.data} (REG_DWORD)"
        if host.os in rule_oses:
            best = estimate(kb, os=host.os, nlbsflags=str(rule.data)).min_seconds
            return Verdict(False, None, f"{rule.value_name} is {found}; {article} — a request writes a REG_DWORD "
                           f"{rule.data} in its place, for {about(best)}")
        return Verdict(None, None, f"{rule.value_name} is {found}; {article}")
    state = nlbsflags_state(read.present, read.value if isinstance(read.value, int) else None)
    shown = f"{rule.value_name} absent" if state == "absent" else f"{rule.value_name} = {read.value}"
    try:
        now = estimate(kb, os=host.os or "", nlbsflags=state).min_seconds
    except NotCovered:
        if host.os in rule_oses:
            best = estimate(kb, os=host.os, nlbsflags=str(rule.data)).min_seconds
            return Verdict(False, None, f"{shown}: KB 821839 only describes {rule.value_name} = {rule.data} "
                           f"(or not set); set it to {rule.data} for {about(best)}")
        return Verdict(None, None, f"{shown}: KB 821839 does not cover {host.os or 'an unknown OS'}")
    if host.os not in rule_oses:
        return Verdict(None, now, f"{shown} — on {host.os} the article gives {about(now)} after an unexpected "
                       "back-end node failure; the 1-minute idle timer is a Windows Server 2003 behaviour")
    if state == str(rule.data):
        return Verdict(True, now, f"{shown} — after an unexpected back-end node failure IPSec needs {about(now)}")
    best = estimate(kb, os=host.os, nlbsflags=str(rule.data)).min_seconds
    return Verdict(False, now, f"{shown} — after an unexpected back-end node failure IPSec needs {about(now)}; "
                   f"set it to {rule.data} to bring that to {about(best)}")


def describe_value(present: bool | None, value: int | None, type_: str | None = None,
                   data: str | None = None) -> str:
    """`absent`, `1`, or for another type its data and type: `text "1" (REG_SZ)`."""
    if not present:
        return "absent"
    if type_ in (None, "REG_DWORD"):
        return str(value)
    shown = data if data is not None else ("" if value is None else str(value))
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    if type_ in ("REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ"):
        return f'text "{shown}" ({type_})'
    if type_ == "REG_BINARY":
        return f"binary {shown or '(empty)'} ({type_})"
    return f"{shown} ({type_})"


class CheckResult(NamedTuple):
    host: Host
    read: RegRead | None
    error: RemoteError | None
    verdict: Verdict | None
    os: OSView | None = None  # None: the check was run without the OS (no HostFacts given)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        """The `check --json` shape of DESIGN.md §2."""
        r, v = self.read, self.verdict
        return {
            "host": self.host.name,
            "ok": self.ok,
            "present": bool(r and r.present),
            "value": r.value if r and r.present else None,
            "type": r.type if r and r.present else None,
            "error": self.error.to_json() if self.error else None,
            "compliant": v.compliant if v else None,
            "expected_unplanned_failover_s": v.expected_unplanned_failover_s if v else None,
            "os": self.os.to_json() if self.os else None,
        }


CredentialSource = Callable[[Host], Credentials]


def credentials_from_env(default_user: str | None, default_password: str | None) -> CredentialSource:
    return lambda host: resolve_credentials(host, os.environ, default_user, default_password)


def read_fleet(
    kb: KnowledgeBase,
    hosts: Sequence[Host],
    credentials: CredentialSource,
    *,
    concurrency: int = 16,
    timeouts: Timeouts | None = None,
    progress: Callable[[int, int, Outcome[object]], None] | None = None,
    processes: int | None = None,
) -> list[Outcome[RegRead]]:
    """NLBSFlags as read on every host, one outcome per host in `hosts` order.

    `processes`: worker processes for a large fleet; None decides from the
    fleet's size and OAKLEY_FLEET_PROCESSES.
    """
    outcomes = read_fleet_hosts(kb, hosts, credentials, concurrency=concurrency, timeouts=timeouts,
                                progress=progress, processes=processes)
    return [Outcome(o.host, o.value.value if o.value is not None else None, o.error) for o in outcomes]


def read_fleet_hosts(
    kb: KnowledgeBase,
    hosts: Sequence[Host],
    credentials: CredentialSource,
    *,
    concurrency: int = 16,
    timeouts: Timeouts | None = None,
    progress: Callable[[int, int, Outcome[object]], None] | None = None,
    processes: int | None = None,
    os_for: frozenset[str] = frozenset(),
) -> list[Outcome[HostRead]]:
    """NLBSFlags on every host, and the OS of the hosts in `os_for` in the same shell."""
    value, allow = nlbsflags_value(kb), read_allowlist(kb)
    workers = process_count(len(hosts)) if processes is None else processes
    if workers > 1:  # a large fleet: more than one core (OAKLEY_FLEET_PROCESSES)
        return read_hosts_in_processes(hosts, credentials, allow, value, processes=workers,
                                       concurrency=concurrency, timeouts=timeouts or Timeouts(), progress=progress,
                                       os_for=os_for)

    def read_one(host: Host) -> HostRead:
        return read_host(WinRMClient(host, credentials(host), timeouts or Timeouts()), allow, value,
                         host.name in os_for)

    return run_fleet(hosts, read_one, concurrency=concurrency, progress=progress)


def check_hosts(
    kb: KnowledgeBase,
    hosts: Sequence[Host],
    credentials: CredentialSource,
    *,
    concurrency: int = 16,
    timeouts: Timeouts | None = None,
    progress: Callable[[int, int, Outcome[object]], None] | None = None,
    processes: int | None = None,
    facts: HostFacts | None = None,
) -> list[CheckResult]:
    """Read NLBSFlags on every host (in inventory order) and judge each value.

    With `facts`, the OS each host reports is part of the check: read in the
    same shell when `facts` has none for it or an old one, remembered there,
    and used for the verdict instead of the inventory's. Without, the
    inventory's OS is used and no OS is reported (`os` None).
    """
    from bot.metrics import FLEET_CHECK_SECONDS

    due = _quietly(lambda: facts.due(hosts), frozenset(h.name for h in hosts)) if facts else frozenset()
    with FLEET_CHECK_SECONDS.time():
        outcomes = read_fleet_hosts(kb, hosts, credentials, concurrency=concurrency, timeouts=timeouts,
                                    progress=progress, processes=processes, os_for=due)
    views: dict[str, OSView] = {}
    if facts is not None:
        fresh: dict[str, HostOS] = {o.host.name: o.value.os for o in outcomes
                                    if o.value is not None and o.value.os is not None}
        _quietly(lambda: facts.record(fresh), None)
        known = _quietly(lambda: facts.known(h.name for h in hosts), {})
        now = facts.clock()
        for host in hosts:
            found = fresh.get(host.name)
            views[host.name] = (view(host, known[host.name]) if host.name in known and not (found and found.definitive)
                                else view(host, found, now))
    results = []
    for o in outcomes:
        seen = views.get(o.host.name)
        judged = seen.judged(o.host) if seen else o.host
        results.append(CheckResult(o.host, o.value.value if o.value is not None else None, o.error,
                                   verdict(kb, judged, o.value.value) if o.value is not None else None, seen))
    return results


def _quietly(action: Callable[[], T], fallback: T) -> T:
    """The OS cache must not fail a check: with the database away the check still reads and judges."""
    try:
        return action()
    except SQLAlchemyError as exc:
        log.warning("host facts unavailable, the check goes on without them: %s", type(exc).__name__)
        return fallback
