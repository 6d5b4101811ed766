"""Doing one thing on many hosts at once, boundedly.

A fixed pool of workers (`OAKLEY_FLEET_CONCURRENCY`, 16 by default); each
host bounded by its client's deadline; results in the order the hosts were
given; a progress callback in the caller's thread; and one host's failure
never stopping the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Generic, NamedTuple, TypeVar

from remote.errors import RemoteError
from remote.inventory import Host

T = TypeVar("T")
DEFAULT_CONCURRENCY = 16


class Outcome(NamedTuple, Generic[T]):
    host: Host
    value: T | None
    error: RemoteError | None

    @property
    def ok(self) -> bool:
        return self.error is None


Progress = Callable[[int, int, "Outcome[object]"], None]


def run_fleet(
    hosts: Sequence[Host],
    work: Callable[[Host], T],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: Progress | None = None,
) -> list[Outcome[T]]:
    """Run `work` on every host; outcomes come back in `hosts` order.

    At most `concurrency` hosts are worked on at once, and no more than that
    many tasks are queued, so memory stays flat in the size of the fleet.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    results: list[Outcome[T] | None] = [None] * len(hosts)

    def one(host: Host) -> Outcome[T]:
        try:
            return Outcome(host, work(host), None)
        except RemoteError as exc:
            return Outcome(host, None, exc)
        except Exception as exc:
            return Outcome(host, None, RemoteError("command_failed", f"{host.name}: {type(exc).__name__}: {exc}"))

    done = 0
    with ThreadPoolExecutor(max_workers=min(concurrency, max(1, len(hosts))),
                            thread_name_prefix="oakley-fleet") as pool:
        pending: dict[Future[Outcome[T]], int] = {}
        queue = iter(enumerate(hosts))
        for index, host in queue:
            pending[pool.submit(one, host)] = index
            if len(pending) >= concurrency:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                outcome = future.result()
                results[index] = outcome
                done += 1
                if progress is not None:
                    progress(done, len(hosts), outcome)  # type: ignore[arg-type]
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(one, nxt[1])] = nxt[0]
    return [r for r in results if r is not None]
