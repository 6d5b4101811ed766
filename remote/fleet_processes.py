"""Reading a large fleet from more than one core.

A check of hundreds of hosts is CPU-bound in one Python process (HTTP,
NTLM, message encryption and SOAP for every host, under one GIL). Above a
threshold the hosts are split into chunks that a bounded pool of worker
processes reads, each with its share of the thread concurrency, so the
number of hosts worked on at once stays `OAKLEY_FLEET_CONCURRENCY`. At most
two chunks per process are in flight, so memory stays flat in the size of
the fleet; outcomes come back in `hosts` order and progress is reported in
the caller's thread.

`OAKLEY_FLEET_PROCESSES`: unset or `auto` — automatic (one process below
`THRESHOLD` hosts, then up to the number of cores less one, at most `MAX_PROCESSES`);
`1` — never; `N` — at most N from `THRESHOLD` hosts on.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from remote.errors import RemoteError
from remote.fleet import Outcome, Progress, run_fleet
from remote.hostos import HostRead, read_host
from remote.inventory import Host
from remote.regexe import Allowlist, RegistryValue
from remote.winrm_client import Credentials, Timeouts, WinRMClient

THRESHOLD = 500  # below it, starting the workers costs more than a second core gains (fleet_bench)
MAX_PROCESSES = 8
ENV = "OAKLEY_FLEET_PROCESSES"

_Result = tuple[HostRead | None, tuple[str, str, str | None] | None]


def process_count(hosts: int, environ: Mapping[str, str] | None = None) -> int:
    """How many worker processes to read `hosts` hosts with (1: stay in this process)."""
    raw = (environ if environ is not None else os.environ).get(ENV, "").strip().lower()
    if raw in ("", "auto"):
        # One core stays with this process (Slack, the database, the verdicts): on two shared
        # cores, two workers measured no faster than one process (bench/fleet_bench.py).
        wanted = min((os.cpu_count() or 1) - 1, MAX_PROCESSES)
    else:
        try:
            wanted = int(raw)
        except ValueError:
            raise ValueError(f"{ENV} must be 'auto' or a number of processes from 1 to 64, not {raw!r}") from None
        if not 1 <= wanted <= 64:
            raise ValueError(f"{ENV} must be 'auto' or a number of processes from 1 to 64, not {wanted}")
    if hosts < THRESHOLD or wanted <= 1:
        return 1
    return max(1, min(wanted, hosts // (THRESHOLD // 2)))


def _read_chunk(hosts: list[Host], credentials: list[Credentials], allow: list[RegistryValue],
                value: RegistryValue, timeouts: Timeouts, concurrency: int,
                os_for: frozenset[str] = frozenset()) -> list[_Result]:
    """In a worker process: read one chunk of hosts with threads."""
    allowed = Allowlist(allow)
    by_name = {h.name: c for h, c in zip(hosts, credentials, strict=True)}
    outcomes = run_fleet(hosts, lambda h: read_host(WinRMClient(h, by_name[h.name], timeouts), allowed, value,
                                                    h.name in os_for),
                         concurrency=concurrency)
    return [(o.value, (o.error.kind, o.error.message, o.error.raw) if o.error else None) for o in outcomes]


def read_hosts_in_processes(
    hosts: Sequence[Host],
    credentials: Callable[[Host], Credentials],
    allow: Allowlist,
    value: RegistryValue,
    *,
    processes: int,
    concurrency: int,
    timeouts: Timeouts,
    progress: Progress | None = None,
    os_for: frozenset[str] = frozenset(),
) -> list[Outcome[HostRead]]:
    """Read `value` (and the OS of the hosts named in `os_for`) with worker processes, in `hosts` order."""
    per_process = max(1, math.ceil(concurrency / processes))
    chunk = per_process * 8
    results: list[Outcome[HostRead] | None] = [None] * len(hosts)
    done = 0

    def record(index: int, outcome: Outcome[HostRead]) -> None:
        nonlocal done
        results[index] = outcome
        done += 1
        if progress is not None:
            progress(done, len(hosts), outcome)  # type: ignore[arg-type]

    def chunks() -> Iterator[tuple[int, list[Host], list[Credentials]]]:
        for start in range(0, len(hosts), chunk):
            part, creds = [], []
            for offset, host in enumerate(hosts[start:start + chunk]):
                try:
                    creds.append(credentials(host))
                    part.append(host)
                except RemoteError as exc:
                    record(start + offset, Outcome(host, None, exc))
            yield start, part, creds

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    pending: dict[Future[list[_Result]], tuple[int, list[Host]]] = {}
    todo = chunks()
    try:
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            def submit() -> bool:
                item = next(todo, None)
                if item is None:
                    return False
                start, part, creds = item
                wanted = frozenset(h.name for h in part if h.name in os_for)
                pending[pool.submit(_read_chunk, part, creds, sorted(_values(allow)), value, timeouts,
                                    per_process, wanted)] = (start, part)
                return True

            while len(pending) < 2 * processes and submit():
                pass
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    start, part = pending.pop(future)
                    for host, (read, error) in zip(part, future.result(), strict=True):
                        err = RemoteError(error[0], error[1], raw=error[2]) if error else None  # type: ignore[arg-type]
                        record(_index(hosts, start, host), Outcome(host, read, err))
                    submit()
    except (BrokenProcessPool, OSError):
        # No worker processes here (a sandbox, a dead worker): finish the rest in threads.
        left = [i for i, r in enumerate(results) if r is None]
        rest = run_fleet([hosts[i] for i in left],
                         lambda h: read_host(WinRMClient(h, credentials(h), timeouts), allow, value,
                                             h.name in os_for),
                         concurrency=concurrency)
        for i, outcome in zip(left, rest, strict=True):
            record(i, outcome)
    return [r for r in results if r is not None]


def _values(allow: Allowlist) -> frozenset[RegistryValue]:
    return allow._values  # the allowlist travels to the workers as its values


def _index(hosts: Sequence[Host], start: int, host: Host) -> int:
    """The position of `host` in its chunk (names are unique in an inventory)."""
    for i in range(start, len(hosts)):
        if hosts[i].name == host.name:
            return i
    raise KeyError(host.name)
